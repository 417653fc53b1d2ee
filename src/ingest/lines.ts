import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseSync } from 'csv-parse/sync';
import { assertReadableFile, csvProblemOf, unreadableError } from './csv.js';
import { assertTextFile, head } from './binary.js';
import type { CsvProblem } from '../model/messages.js';
import { Cooperator } from '../util/cooperate.js';

/**
 * A lean streaming CSV reader for large, simple files (the long utilization CSV): the same record
 * and line accounting as `readCsv` (physical 1-based lines, header = line 1, empty lines are not
 * records, BOM removed, LF or CRLF endings), but records are handed to a synchronous callback and
 * split with `String.prototype.split` unless they contain a double quote, in which case the
 * record (joined with the following physical lines while its quotes are unbalanced, as a quoted
 * field may hold a line break) is parsed by csv-parse. This is what lets 10M rows go through in
 * about the time csv-parse alone takes (benchmarks/ingest/long-csv.mjs).
 *
 * A lone CR is not a line break here (files with classic-Mac line endings go through `readCsv`).
 */
export interface LeanRecord {
  line: number;
  fields: string[];
  raw: string;
}

export interface LeanSkip {
  line: number;
  problem: CsvProblem;
  raw: string;
}

export interface LeanReadOptions {
  delimiter: string;
  signal?: AbortSignal;
  /** Gives the event loop turns while reading (util/cooperate.ts); default: one on `signal`. */
  cooperator?: Cooperator;
  onBytes?: (bytesRead: number, totalBytes: number) => void;
  /** The flag the file was given to, for the message when it is not text. */
  option?: string;
  /**
   * A format's own fast splitter for lines with quotes (perfmon quotes every cell): returns the
   * fields, or undefined to let csv-parse read the line.
   */
  splitQuoted?: (line: string) => string[] | undefined;
  /**
   * A format's own reader of a whole line, tried first (not inside a multi-line quoted record):
   * returns true when it took the line, false to let the general path split and read it. It must
   * take only lines whose every outcome it reproduces exactly (the general path rejects the rest).
   */
  fastLine?: (line: string, lineNo: number) => boolean;
  /**
   * Like `fastLine`, but reads the line in place: `text.slice(start, end)` is the line (its CR
   * removed), so a format can read it without a string per line. Tried first, for every line but
   * the first (which may start with a byte-order mark) and the lines of a multi-line quoted record.
   */
  fastSpan?: (text: string, start: number, end: number, lineNo: number) => boolean;
  /** Also read UTF-16 text with a byte-order mark (perfmon: relog and Performance Monitor save "Unicode" files); else it is named as not UTF-8. */
  utf16?: boolean;
}

/** The UTF-16 byte order a file's byte-order mark states, if any. */
function utf16Of(path: string): 'utf-16le' | 'utf-16be' | undefined {
  const b = head(path);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * The line handling of `readLean` over decoded text fed in pieces: records to `onRecord`, parse
 * failures to `onSkip`, with the line count and a quoted record's continuation lines carried from
 * one piece to the next. `feed` may be given the text of consecutive byte ranges of a file cut at
 * line ends (long-range.ts): the state carries over as if the file had been read in one stream.
 */
export class LeanLines {
  /** Physical lines handled so far (the 1-based number of the last). */
  lineNo = 0;
  private first = true;
  private carry = '';
  // A quoted record spanning several physical lines.
  private pending: string[] | undefined;
  private pendingLine = 0;
  private pendingQuotes = 0;

  constructor(
    private readonly opts: LeanReadOptions,
    private readonly onRecord: (r: LeanRecord) => void,
    private readonly onSkip: (s: LeanSkip) => void,
  ) {}

  /** Whether a quoted record is open (its next lines continue it). */
  get inQuotedRecord(): boolean {
    return this.pending !== undefined;
  }

  private quoted(text: string, line: number): void {
    try {
      const rows = parseSync(text, { delimiter: this.opts.delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
      if (rows.length === 1) this.onRecord({ line, fields: rows[0], raw: text });
      else this.onSkip({ line, problem: { kind: 'several-records', records: rows.length }, raw: text });
    } catch (e) {
      this.onSkip({ line, problem: csvProblemOf(e), raw: text });
    }
  }

  /** Handles one physical line (its LF removed), the next one of the file. */
  handle(rawLine: string): void {
    this.lineNo++;
    let line = rawLine.charCodeAt(rawLine.length - 1) === 13 ? rawLine.slice(0, -1) : rawLine;
    if (this.first) {
      this.first = false;
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    if (this.pending) {
      this.pending.push(line);
      this.pendingQuotes += countQuotes(line);
      if (this.pendingQuotes % 2 === 0) {
        const text = this.pending.join('\n');
        this.pending = undefined;
        this.quoted(text, this.pendingLine);
      }
      return;
    }
    if (line === '') return;
    const opts = this.opts;
    if (opts.fastLine !== undefined && opts.fastLine(line, this.lineNo)) return;
    if (line.indexOf('"') >= 0) {
      const fast = opts.splitQuoted?.(line);
      if (fast) {
        this.onRecord({ line: this.lineNo, fields: fast, raw: line });
        return;
      }
      const q = countQuotes(line);
      if (q % 2 === 1) {
        this.pending = [line];
        this.pendingLine = this.lineNo;
        this.pendingQuotes = q;
        return;
      }
      this.quoted(line, this.lineNo);
      return;
    }
    this.onRecord({ line: this.lineNo, fields: line.split(opts.delimiter), raw: line });
  }

  /** Handles the complete lines of the text read so far plus `text`; keeps an unfinished last line for the next call. */
  async feed(text: string, co: Cooperator): Promise<void> {
    const span = this.opts.fastSpan;
    const all = this.carry + text;
    let start = 0;
    let k = 0;
    for (let nl = all.indexOf('\n'); nl >= 0; nl = all.indexOf('\n', start)) {
      if (span === undefined || this.pending !== undefined || this.first || !span(all, start, nl > start && all.charCodeAt(nl - 1) === 13 ? nl - 1 : nl, this.lineNo + 1)) this.handle(all.slice(start, nl));
      else this.lineNo++;
      start = nl + 1;
      // a clock read every 1024 lines; a turn for the event loop when the slice is used up
      if ((++k & 1023) === 0 && co.due()) await co.pause();
    }
    this.carry = all.slice(start);
  }

  /** The end of the file: its last line (without a line break) and a quoted record left open. */
  finish(): void {
    const rest = this.carry;
    this.carry = '';
    if (rest !== '') this.handle(rest);
    if (this.pending) {
      const text = this.pending.join('\n');
      this.pending = undefined;
      this.onSkip({ line: this.pendingLine, problem: { kind: 'unclosed-quote', openedLine: this.pendingLine }, raw: text });
    }
  }
}

/**
 * Streams bytes `start` (a line start) to `end` (exclusive, a line end; default the file's end) of
 * `path` into `lines`, decoded as UTF-8 (or `utf16`), with a turn for the event loop when due.
 */
export async function streamInto(path: string, label: string, lines: LeanLines, co: Cooperator, range: { start?: number; end?: number; utf16?: 'utf-16le' | 'utf-16be'; onBytes?: (bytesRead: number) => void } = {}): Promise<void> {
  const td = range.utf16 ? new TextDecoder(range.utf16) : undefined;
  const decoder: { write(b: Buffer): string; end(): string } = td ? { write: (b) => td.decode(b, { stream: true }), end: () => td.decode() } : new StringDecoder('utf8');
  const stream = createReadStream(path, { highWaterMark: 1 << 20, start: range.start, end: range.end === undefined ? undefined : range.end - 1 });
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (co.due()) await co.pause();
      bytes += chunk.length;
      await lines.feed(decoder.write(chunk), co);
      range.onBytes?.(bytes);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EACCES') throw unreadableError(err, label);
    throw e;
  }
  const rest = decoder.end();
  if (rest !== '') await lines.feed(rest, co);
}

/**
 * Streams `path`, calling `onRecord` for each record and `onSkip` for a record csv-parse cannot
 * parse. Resolves when the file is done.
 */
export async function readLean(path: string, label: string, opts: LeanReadOptions, onRecord: (r: LeanRecord) => void, onSkip: (s: LeanSkip) => void): Promise<void> {
  assertReadableFile(path, label);
  const utf16 = opts.utf16 ? utf16Of(path) : undefined;
  if (!utf16) await assertTextFile(path, label, opts.option);
  const total = statSync(path).size;
  const co = opts.cooperator ?? new Cooperator({ signal: opts.signal });
  co.check();
  const lines = new LeanLines(opts, onRecord, onSkip);
  await streamInto(path, label, lines, co, { utf16, onBytes: opts.onBytes ? (b) => opts.onBytes!(b, total) : undefined });
  lines.finish();
}
