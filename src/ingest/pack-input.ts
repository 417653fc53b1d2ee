import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { readTable, numberCell, optional, textCell, normalizeHeader, parseNumberCell, type ColumnSpec } from './table.js';
import { assertReadableFile, readHead, sniffDelimiter, type CsvReadOptions } from './csv.js';
import type { LoadResult } from './servers.js';
import { splitGroups } from './servers.js';
import type { PackingHostType, PackingItem } from '../packing/problem.js';
import { issueError } from '../model/issue.js';
import { Cooperator, mapCooperative } from '../util/cooperate.js';

/**
 * Inputs of `consolidate pack` (pure vector bin packing):
 * - VMS.csv: `id` plus one numeric column per resource, with any names; optional constraint
 *   columns `anti_affinity`, `affinity`, `site`.
 * - HOSTS.csv: `type`, the same resource columns as capacities, optional `count` (unlimited when
 *   absent or empty) and `cost` (1 when absent).
 */
const RESERVED_VM = new Set(['id', 'anti_affinity', 'affinity', 'site']);
const RESERVED_HOST = new Set(['type', 'count', 'cost']);

/** Chunk size of the fast reader's file stream (bytes). */
const FAST_READ_CHUNK_BYTES = 1 << 20;

/** A demand cell: plain digits with at most one decimal point are read at once; anything else goes
 *  through the strict cell parser (same result, slower). Returns NaN when invalid. */
function demandCell(s: string, from: number, to: number): number {
  let dot = false;
  let plain = to > from;
  for (let i = from; i < to && plain; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (dot) plain = false;
      dot = true;
    } else if (c < 48 || c > 57) plain = false;
  }
  if (plain && !(dot && to - from === 1)) return Number(s.slice(from, to));
  const v = parseNumberCell(s.slice(from, to));
  return v === undefined ? Number.NaN : v;
}

/**
 * The fast path of `loadPackItems` for the common file: one pass over the bytes, fields split at
 * the delimiter, demands read without per-cell schema objects. It accepts only files on which it
 * gives exactly what the general reader (readTable) gives: no double quote anywhere, no lone CR,
 * valid UTF-8, a header with `id` and at least one resource column and no repeated name, every
 * row valid (an id, a demand >= 0 in every resource column, no extra non-empty field) and no
 * repeated id. On anything else it returns null and the caller reads the file the general way,
 * which reports every problem with its line and column. Checks the abort signal per chunk.
 */
export async function readPackItemsFast(path: string, opts: CsvReadOptions & { label?: string } = {}): Promise<(LoadResult<PackingItem> & { dimensions: string[] }) | null> {
  assertReadableFile(path, opts.label ?? path);
  const delimiter = opts.delimiter ?? sniffDelimiter(readHead(path));
  if (delimiter.length !== 1) return null;
  const decoder = new StringDecoder('utf8');
  const stream = createReadStream(path, { highWaterMark: FAST_READ_CHUNK_BYTES });
  let rest = '';
  let header: string[] | null = null;
  let dimIndex: number[] = [];
  let idIndex = -1;
  let optIndex: { aa: number; aff: number; site: number } = { aa: -1, aff: -1, site: -1 };
  let width = 0;
  const records: PackingItem[] = [];
  const ids = new Set<string>();
  let bytes = 0;
  let ok = true;
  const cut = (line: string): number[] => {
    // field boundaries: starts and ends interleaved
    const b: number[] = [];
    let start = 0;
    for (;;) {
      const j = line.indexOf(delimiter, start);
      if (j < 0) {
        b.push(start, line.length);
        return b;
      }
      b.push(start, j);
      start = j + 1;
    }
  };
  const onHeader = (line: string): boolean => {
    const b = cut(line);
    const names: string[] = [];
    for (let f = 0; f < b.length; f += 2) names.push(normalizeHeader(line.slice(b[f], b[f + 1])));
    const seen = new Set<string>();
    for (const h of names) {
      if (h !== '' && seen.has(h)) return false;
      seen.add(h);
    }
    idIndex = names.indexOf('id');
    if (idIndex < 0) return false;
    optIndex = { aa: names.indexOf('anti_affinity'), aff: names.indexOf('affinity'), site: names.indexOf('site') };
    dimIndex = [];
    for (let f = 0; f < names.length; f++) if (names[f] !== '' && !RESERVED_VM.has(names[f])) dimIndex.push(f);
    if (dimIndex.length === 0) return false;
    header = names;
    width = names.length;
    return true;
  };
  const text = (line: string, b: number[], f: number): string | undefined => {
    if (f < 0 || 2 * f >= b.length) return undefined;
    const v = line.slice(b[2 * f], b[2 * f + 1]).trim();
    return v === '' ? undefined : v;
  };
  const onRow = (line: string): boolean => {
    const b = cut(line);
    const fields = b.length / 2;
    if (fields > width) for (let f = width; f < fields; f++) if (line.slice(b[2 * f], b[2 * f + 1]).trim() !== '') return false;
    const id = text(line, b, idIndex);
    if (id === undefined || ids.has(id)) return false;
    const demand = new Array<number>(dimIndex.length);
    for (let k = 0; k < dimIndex.length; k++) {
      const f = dimIndex[k];
      if (2 * f >= b.length) return false;
      let from = b[2 * f];
      let to = b[2 * f + 1];
      while (from < to && line.charCodeAt(from) <= 32) from++;
      while (to > from && line.charCodeAt(to - 1) <= 32) to--;
      const v = demandCell(line, from, to);
      if (!(v >= 0)) return false;
      demand[k] = v;
    }
    ids.add(id);
    const item: PackingItem = { id, demand };
    const aa = splitGroups(text(line, b, optIndex.aa));
    if (aa) item.antiAffinity = aa;
    const aff = text(line, b, optIndex.aff);
    if (aff !== undefined) item.affinity = aff;
    const site = text(line, b, optIndex.site);
    if (site !== undefined) item.site = site;
    records.push(item);
    return true;
  };
  const onText = (chunk: string, last: boolean): boolean => {
    if (chunk.includes('"') || chunk.includes('\ufffd')) return false;
    let s = rest + chunk;
    if (header === null && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    let start = 0;
    for (;;) {
      let j = s.indexOf('\n', start);
      if (j < 0) {
        if (!last) break;
        j = s.length;
        if (j === start) break;
      }
      let end = j;
      if (end > start && s.charCodeAt(end - 1) === 13) end--;
      const line = s.slice(start, end);
      start = j + 1;
      if (line.includes('\r')) return false;
      if (line.length === 0) continue;
      if (header === null) {
        if (!onHeader(line)) return false;
      } else if (!onRow(line)) return false;
      if (j >= s.length) break;
    }
    rest = start < s.length ? s.slice(start) : '';
    return true;
  };
  try {
    for await (const chunk of stream) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
      bytes += (chunk as Buffer).length;
      opts.onBytes?.(bytes);
      if (!onText(decoder.write(chunk as Buffer), false)) {
        ok = false;
        break;
      }
    }
    if (ok) ok = onText(decoder.end(), true);
  } finally {
    stream.destroy();
  }
  if (!ok || header === null || records.length === 0) return null;
  const dimensions = dimIndex.map((f) => header![f]);
  const n = records.length;
  return { records, issues: [], rows: { read: n, accepted: n, rejected: 0 }, dimensions };
}

/** VMS.csv of `consolidate pack`: the fast path when it applies, else the general reader. */
export async function loadPackItems(path: string, opts: CsvReadOptions & { label?: string } = {}): Promise<LoadResult<PackingItem> & { dimensions: string[] }> {
  return (await readPackItemsFast(path, opts)) ?? readPackItemsTable(path, opts);
}

/** VMS.csv through the general typed-table reader (every problem reported with line and column). */
export async function readPackItemsTable(path: string, optsIn: CsvReadOptions & { label?: string } = {}): Promise<LoadResult<PackingItem> & { dimensions: string[] }> {
  const label = optsIn.label ?? path;
  const opts = { ...optsIn, cooperator: optsIn.cooperator ?? new Cooperator({ signal: optsIn.signal }) };
  let dimensions: string[] = [];
  const t = await readTable(path, label, {
    columns: (header) => {
      dimensions = header.filter((h) => h !== '' && !RESERVED_VM.has(h));
      if (dimensions.length === 0) throw issueError('file.missing-column', { expected: 'id plus one numeric column per resource', found: header }, { file: label, line: 1, column: 'a resource' });
      const cols: ColumnSpec[] = [
        { key: 'id', names: ['id'], required: true, schema: textCell(), expected: 'a non-empty id' },
        { key: 'anti_affinity', names: ['anti_affinity'], schema: optional(textCell()), expected: 'group names' },
        { key: 'affinity', names: ['affinity'], schema: optional(textCell()), expected: 'a group name' },
        { key: 'site', names: ['site'], schema: optional(textCell()), expected: 'a site name' },
      ];
      for (const d of dimensions) cols.push({ key: `r:${d}`, names: [d], required: true, schema: numberCell({ min: 0 }), expected: 'a demand >= 0' });
      return cols;
    },
    idKey: 'id',
    describe: 'id plus one numeric column per resource[,anti_affinity,affinity,site]',
  }, opts);
  const records = await mapCooperative(t.rows, (r) => {
    const v = r.values as Record<string, any>;
    const item: PackingItem = { id: v.id, demand: dimensions.map((d) => v[`r:${d}`] as number) };
    const aa = splitGroups(v.anti_affinity);
    if (aa) item.antiAffinity = aa;
    if (v.affinity !== undefined) item.affinity = v.affinity;
    if (v.site !== undefined) item.site = v.site;
    return item;
  }, opts.cooperator);
  return { records, issues: t.issues, rows: t.accounting, dimensions };
}

export async function loadPackHosts(path: string, dimensions: string[], optsIn: CsvReadOptions & { label?: string } = {}): Promise<LoadResult<PackingHostType>> {
  const label = optsIn.label ?? path;
  const opts = { ...optsIn, cooperator: optsIn.cooperator ?? new Cooperator({ signal: optsIn.signal }) };
  const t = await readTable(path, label, {
    columns: (header) => {
      const extra = header.filter((h) => h !== '' && !RESERVED_HOST.has(h) && !dimensions.includes(h));
      if (extra.length) {
        throw issueError('file.unknown-column', { resources: dimensions }, { file: label, line: 1, column: extra[0] });
      }
      const cols: ColumnSpec[] = [
        { key: 'type', names: ['type'], required: true, schema: textCell(), expected: 'a host type name' },
        { key: 'count', names: ['count'], schema: optional(numberCell({ min: 0, int: true })), expected: 'a whole number of hosts >= 0' },
        { key: 'cost', names: ['cost'], schema: optional(numberCell({ min: 0 })), expected: 'a cost >= 0' },
      ];
      for (const d of dimensions) cols.push({ key: `r:${d}`, names: [normalizeHeader(d)], required: true, schema: numberCell({ gt: 0 }), expected: 'a capacity > 0' });
      return cols;
    },
    idKey: 'type',
    describe: `type,${dimensions.join(',')}[,count,cost]`,
  }, opts);
  const records = await mapCooperative(t.rows, (r) => {
    const v = r.values as Record<string, any>;
    return { type: v.type, capacity: dimensions.map((d) => v[`r:${d}`] as number), cost: v.cost ?? 1, count: v.count ?? null } satisfies PackingHostType;
  }, opts.cooperator);
  return { records, issues: t.issues, rows: t.accounting };
}
