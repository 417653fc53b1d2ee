import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OptionsError } from '../errors.js';
import { issue, issueError } from '../model/issue.js';
import { UTILIZATION_FORMAT_DESCRIPTIONS } from '../model/messages.js';
import { readHead, sniffDelimiter } from './csv.js';
import { loadLongCsv, LONG_REQUIRED } from './long.js';
import { matchColumns } from './headers.js';
import { LONG_FIELDS } from './fields.js';
import { sniffBinary, head as readFileHead } from './binary.js';
import { loadPlanetLab } from './planetlab.js';
import { loadBitbrains, isBitbrainsHeader } from './bitbrains.js';
import { loadPerfmon, isPerfmonHead } from './perfmon.js';
import { loadSysstat, isSysstatHead } from './sysstat.js';
import { naturalCompare, type TraceFormat, type UtilizationLoad, type UtilizationLoadOptions } from './utilization.js';

/**
 * The registry of utilization formats: each entry says whether a path looks like it (`detect`)
 * and loads it. `auto` tries them in order and reports what it chose (`file.detected-format`).
 * Adding a format = one new loader file + one entry here.
 */
export interface UtilizationFormat {
  name: TraceFormat;
  describe: string;
  /** What a path of this format is: a file, a folder, or either. */
  accepts: 'file' | 'folder' | 'either';
  detect(path: string): boolean;
  load(path: string, opts: UtilizationLoadOptions): Promise<UtilizationLoad>;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The head of the first regular, visible file of a folder (natural order), if any. */
function firstFileHead(dir: string): string | undefined {
  for (const n of readdirSync(dir).filter((x) => !x.startsWith('.') && !/\.(md|txt)$/i.test(x)).sort(naturalCompare)) {
    try {
      if (statSync(join(dir, n)).isFile()) return readHead(join(dir, n), 4096);
    } catch {
      // unreadable entries are left to the loader, which names them
    }
  }
  return undefined;
}

/** Whether a path's head (a file's, or its folder's first file's) satisfies `test`. */
function headIs(p: string, test: (head: string) => boolean): boolean {
  try {
    const head = isDir(p) ? firstFileHead(p) : readHead(p, 4096);
    return head !== undefined && test(head);
  } catch {
    return false;
  }
}

function firstCsvHead(dir: string): string | undefined {
  const csv = readdirSync(dir).filter((n) => /\.csv$/i.test(n) && !n.startsWith('.')).sort(naturalCompare);
  return csv.length ? readHead(join(dir, csv[0]), 4096) : undefined;
}

export const UTILIZATION_FORMAT_REGISTRY: UtilizationFormat[] = [
  {
    name: 'perfmon',
    describe: UTILIZATION_FORMAT_DESCRIPTIONS.perfmon,
    accepts: 'either',
    detect: (p) => headIs(p, isPerfmonHead),
    load: loadPerfmon,
  },
  {
    name: 'sysstat',
    describe: UTILIZATION_FORMAT_DESCRIPTIONS.sysstat,
    accepts: 'either',
    detect: (p) => headIs(p, isSysstatHead),
    load: loadSysstat,
  },
  {
    name: 'bitbrains',
    accepts: 'folder',
    describe: UTILIZATION_FORMAT_DESCRIPTIONS.bitbrains,
    detect: (p) => {
      if (!isDir(p)) return false;
      const head = firstCsvHead(p);
      return head !== undefined && isBitbrainsHeader(head.split(/\r?\n/)[0]);
    },
    load: loadBitbrains,
  },
  {
    name: 'planetlab',
    accepts: 'folder',
    describe: UTILIZATION_FORMAT_DESCRIPTIONS.planetlab,
    detect: (p) => isDir(p),
    load: loadPlanetLab,
  },
  {
    name: 'long',
    accepts: 'file',
    describe: UTILIZATION_FORMAT_DESCRIPTIONS.long,
    // A file whose header names the long CSV's required columns (by the alias table); a file that
    // is not text goes to the long reader too, which names what it is and what to give instead.
    detect: (p) => {
      try {
        if (!statSync(p).isFile()) return false;
        if (sniffBinary(readFileHead(p)) !== undefined) return true;
        const line = readHead(p, 16384).replace(/^\ufeff/, '').split(/\r?\n/).find((l) => l.trim() !== '');
        if (line === undefined) return true; // empty: the long reader says so
        const m = matchColumns(line.split(sniffDelimiter(line)).map((c) => c.replace(/^"|"$/g, '')), LONG_FIELDS);
        return LONG_REQUIRED.every((k) => m.byKey.has(k));
      } catch {
        return false;
      }
    },
    load: loadLongCsv,
  },
];

/** Detects the format of a utilization path; throws InputError when nothing matches. */
export function detectUtilizationFormat(path: string, label: string = path): UtilizationFormat {
  try {
    statSync(path);
  } catch {
    throw issueError('file.unreadable', { reason: 'not-found', what: 'path' }, { file: label });
  }
  const f = UTILIZATION_FORMAT_REGISTRY.find((x) => x.detect(path));
  if (!f) throw issueError('file.unreadable', { reason: 'unknown-format', formats: UTILIZATION_FORMAT_REGISTRY.map((x) => x.name) }, { file: label });
  return f;
}

/**
 * Loads utilization samples from `path` in `format` (`auto` detects it and adds an info Issue
 * `file.detected-format` saying what it found).
 */
export async function loadUtilization(path: string, format: TraceFormat | 'auto' = 'auto', opts: UtilizationLoadOptions = {}): Promise<UtilizationLoad> {
  const label = opts.label ?? path;
  let f: UtilizationFormat | undefined;
  if (format === 'auto') f = detectUtilizationFormat(path, label);
  else {
    f = UTILIZATION_FORMAT_REGISTRY.find((x) => x.name === format);
    if (!f) throw new OptionsError(`unknown utilization format ${JSON.stringify(format)}`);
    const dir = isDir(path);
    if (f.accepts !== 'either' && dir !== (f.accepts === 'folder')) throw issueError('file.unreadable', { reason: 'format-expects', format, expects: f.accepts }, { file: label });
  }
  const r = await f.load(path, { ...opts, label });
  if (format === 'auto') r.issues.unshift(issue('file.detected-format', 'info', { format: f.name }, { file: label }));
  return r;
}
