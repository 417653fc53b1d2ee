import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { issueError } from '../model/issue.js';
import type { CsvProblem } from '../model/messages.js';
import { Cooperator } from '../util/cooperate.js';
import type { IngestSettings } from './settings.js';
import { assertTextFile } from './binary.js';

/** One physical CSV record with the 1-based line it starts on (the header is line 1). */
export interface CsvRecord {
  kind: 'record';
  line: number;
  fields: string[];
  /** The original text of the record, without its line terminator. */
  raw: string;
}

/** A record csv-parse could not parse (e.g. an unclosed quote); it counts as read and rejected. */
export interface CsvSkip {
  kind: 'skip';
  line: number;
  /** Why the record could not be parsed (rendered by model/messages.ts). */
  problem: CsvProblem;
  raw: string;
}

/** The problem of a csv-parse error, by its code (CSV_QUOTE_NOT_CLOSED, ...). */
export function csvProblemOf(e: unknown): CsvProblem {
  const code = (e as { code?: unknown })?.code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return { kind: 'unclosed-quote' };
  return { kind: 'parser', parserCode: typeof code === 'string' ? code : 'CSV_ERROR' };
}

export interface CsvReadOptions {
  /** Field delimiter; detected from the first line when absent (`,` `;` or tab). */
  delimiter?: string;
  signal?: AbortSignal;
  /** Gives the event loop turns while reading (util/cooperate.ts); default: one on `signal`. */
  cooperator?: Cooperator;
  /** Called with bytes read so far, for progress bars. */
  onBytes?: (bytesRead: number) => void;
  /** How to read the file: units, decimal separator, unit-sense limits, the flag it was given to. */
  ingest?: IngestSettings;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Detects the delimiter from the first non-empty line: the most frequent of `,` `;` and tab
 * outside double quotes. Ties and no candidates give `,`.
 * @example sniffDelimiter('a;b;c\n1;2;3') === ';'
 */
export function sniffDelimiter(text: string): string {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = '';
  for (const l of text.slice(start).split(/\r\n|\n|\r/)) {
    if (l.trim() !== '') {
      line = l;
      break;
    }
  }
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch in counts) counts[ch]++;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d] > counts[best]) best = d;
  return best;
}

/** Reads the first bytes of a file as UTF-8 text (for sniffing). */
export function readHead(path: string, bytes = SNIFF_BYTES): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    const b = buf.subarray(0, n);
    // UTF-16 text with a byte-order mark reads as text here, so detection sees what it holds (its reader decides whether it takes UTF-16).
    if (n >= 2 && b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b);
    if (n >= 2 && b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b);
    return b.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The coded error for an operating-system error reading `label` (ENOENT: not found; others by errno). */
export function unreadableError(e: unknown, label: string, what: 'file' | 'folder' = 'file') {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return issueError('file.unreadable', { reason: 'not-found', what }, { file: label });
  return issueError('file.unreadable', { reason: 'io', errno: typeof code === 'string' ? code : 'EIO', what }, { file: label });
}

/** Checks that a path is a readable regular file, else throws InputError naming it. */
export function assertReadableFile(path: string, label: string = path): void {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw unreadableError(e, label);
  }
  if (!st.isFile()) throw issueError('file.unreadable', { reason: 'not-a-file' }, { file: label });
}

/** The record's own text: blank lines before it and its line terminator removed. */
function cleanRaw(raw: string): string {
  return raw.replace(/^\ufeff/, '').replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '');
}

function leadingBreaks(s: string): number {
  let i = 0;
  while (i < s.length && (s.charCodeAt(i) === 10 || s.charCodeAt(i) === 13)) i++;
  return countBreaks(s.slice(0, i));
}

function countBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/**
 * Streams the records of a CSV file through csv-parse (never reading it whole into a string).
 * Handles a UTF-8 BOM, CRLF/LF/CR line endings, quoted fields with delimiters and newlines, and
 * rows with a varying number of fields (the caller decides what to do with them). A file that is
 * not text (a workbook, an archive) is refused with what it is (binary.ts). Records that
 * csv-parse cannot parse are yielded as `skip` so that they are counted and reported.
 * Empty lines are not records.
 */
export async function* readCsv(path: string, label: string, opts: CsvReadOptions = {}): AsyncGenerator<CsvRecord | CsvSkip> {
  assertReadableFile(path, label);
  await assertTextFile(path, label, opts.ingest?.option);
  const delimiter = opts.delimiter ?? sniffDelimiter(readHead(path));
  const co = opts.cooperator ?? new Cooperator({ signal: opts.signal });
  co.check();
  let records = 0;
  const stream = createReadStream(path);
  let bytes = 0;
  if (opts.onBytes) {
    stream.on('data', (chunk) => {
      bytes += chunk.length;
      opts.onBytes!(bytes);
    });
  }
  const parser = stream.pipe(
    parse({
      bom: true,
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: 4 * 1024 * 1024,
    }),
  );
  // Line tracking. csv-parse's `info.lines` miscounts CRLF inside quoted fields, so we count the
  // physical line breaks in each record's raw text instead (raw chunks are contiguous; a blank
  // line skipped before a record appears at the start of that record's raw text).
  let breaksSoFar = 0;
  const skipped: CsvSkip[] = [];
  parser.on('skip', (err: Error & { lines?: number; raw?: string }) => {
    const rawText = String(err.raw ?? '');
    const lead = leadingBreaks(rawText);
    const line = 1 + breaksSoFar + lead;
    if (rawText) breaksSoFar += countBreaks(rawText);
    else if (typeof err.lines === 'number') breaksSoFar = Math.max(breaksSoFar, err.lines);
    skipped.push({ kind: 'skip', line, problem: csvProblemOf(err), raw: cleanRaw(rawText) });
  });
  stream.on('error', (e) => parser.destroy(e));
  try {
    for await (const chunk of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      // a clock read every 64 records; a turn for the event loop when the slice is used up
      if ((++records & 63) === 0 && co.due()) await co.pause();
      while (skipped.length) yield skipped.shift()!;
      const line = 1 + breaksSoFar + leadingBreaks(chunk.raw);
      breaksSoFar += countBreaks(chunk.raw);
      yield { kind: 'record', line, fields: chunk.record, raw: cleanRaw(chunk.raw) };
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code && String(err.code).startsWith('CSV_')) throw issueError('file.unreadable', { reason: 'csv', problem: csvProblemOf(err) }, { file: label });
    if (err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EACCES') throw unreadableError(err, label);
    throw e;
  }
  while (skipped.length) yield skipped.shift()!;
}
