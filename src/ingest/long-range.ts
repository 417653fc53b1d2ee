import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Cooperator } from '../util/cooperate.js';
import { grown } from '../util/grown.js';
import type { SeriesBuilder } from './samples.js';
import { streamInto, type LeanLines } from './lines.js';
import { Col, LongRowReader, type LongRowLayout } from './long-row.js';
import { orderedJobs, PARALLEL_READ_MIN_BYTES } from './parallel.js';

/**
 * The long CSV read in byte ranges on worker threads (parallel.ts). After its head (the header and
 * the rows that decide the decimal separator) has been read in the calling thread, the rest of
 * the file is cut at line ends into ranges. A worker reads a range with the fast row reader
 * (long-row.ts) and returns the rows it took as typed arrays, with the text of the lines it
 * declined; the calling thread applies them in file order: taken rows as the fast path takes
 * them, declined lines through the general path (LeanLines.handle), so every outcome, message and
 * line number is the one reading the file in one stream gives. A range with a quote or a byte
 * that is not UTF-8 is read in the calling thread instead (a quoted field may span lines), and so
 * is the rest of a range from a row whose outcome depends on what the worker cannot know (a memory
 * percentage above 100 once the column has been read as fractions).
 */

/** Sizes of the parallel long-CSV read; tests lower `minBytes` and `rangeBytes`. */
export const LONG_PARALLEL = {
  /** The least file size read on worker threads. */
  minBytes: PARALLEL_READ_MIN_BYTES,
  /** Bytes per range (cut at the next line end): about 50,000 rows of a typical file. */
  rangeBytes: 2 * 2 ** 20,
  /** Bytes read first in the calling thread: the header and the rows the dialect is decided on (at least). */
  headBytes: 2 ** 20,
};

/** Ranges read in the calling thread instead, ranges handed to the general path part way, and ranges taken series by series, in this process (tests check that each occurs). */
export const LONG_RANGE_STATS = { inThread: 0, fallbacks: 0, takenAll: 0 };

/** A range of a long CSV for a worker: bytes `start` (a line start) to `end` (after a line end, or the file's end). */
export interface LongRangeJob {
  path: string;
  start: number;
  end: number;
  layout: LongRowLayout;
}

/**
 * The rows of one range: `lines` physical lines; the `n` rows taken (their line within the range,
 * 1-based, their id as an index into `ids`, and their values as read, NaN for an empty cell or an
 * absent column; `msFirst`: the first of them whose timestamp was in milliseconds, or -1), and the
 * lines declined, with their text. `inThread`: the range is to be read by the calling thread.
 */
export interface LongRangeRows {
  kind: 'range';
  inThread: boolean;
  lines: number;
  n: number;
  line: Uint32Array;
  id: Uint32Array;
  ids: string[];
  msFirst: number;
  ts: Float64Array;
  cpu: Float64Array;
  mem?: Float64Array;
  memPct?: Float64Array;
  disk?: Float64Array;
  diskMb?: Float64Array;
  net?: Float64Array;
  declinedLine: Uint32Array;
  declinedText: string[];
}

/** Bytes `start` to `end` of a file. */
function readBytes(path: string, start: number, end: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(end - start);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, start + got);
      if (n <= 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** The text of bytes `start` to `end`, decoded as the calling thread's stream decodes them. */
function rangeText(path: string, start: number, end: number): string {
  const d = new StringDecoder('utf8');
  return d.write(readBytes(path, start, end)) + d.end();
}

/** The position after the first line end at or after `pos` (the file's size when there is none). */
function lineEndFrom(fd: number, pos: number, size: number): number {
  const buf = Buffer.allocUnsafe(64 * 1024);
  for (let p = pos; p < size; ) {
    const n = readSync(fd, buf, 0, buf.length, p);
    if (n <= 0) break;
    const i = buf.subarray(0, n).indexOf(10);
    if (i >= 0) return p + i + 1;
    p += n;
  }
  return size;
}

/** Where the head read in the calling thread ends: after the line end at or after LONG_PARALLEL.headBytes. */
export function longHeadEnd(path: string, size: number): number {
  const fd = openSync(path, 'r');
  try {
    return lineEndFrom(fd, Math.min(size, Math.max(0, LONG_PARALLEL.headBytes - 1)), size);
  } finally {
    closeSync(fd);
  }
}

/** The cuts of bytes `from`..`size` into ranges of about LONG_PARALLEL.rangeBytes, each after a line end. */
function rangeCuts(path: string, from: number, size: number): number[] {
  const cuts = [from];
  const fd = openSync(path, 'r');
  try {
    let at = from;
    while (at < size) {
      const next = at + LONG_PARALLEL.rangeBytes >= size ? size : lineEndFrom(fd, at + LONG_PARALLEL.rangeBytes - 1, size);
      cuts.push(next);
      at = next;
    }
  } finally {
    closeSync(fd);
  }
  return cuts;
}

/** Reads one range (on a worker thread): one `range` event. */
export async function readLongRange(job: LongRangeJob, _co: Cooperator, emit: (e: LongRangeRows) => void): Promise<void> {
  const text = rangeText(job.path, job.start, job.end);
  const none = new Float64Array(0);
  const empty: LongRangeRows = { kind: 'range', inThread: true, lines: 0, n: 0, line: new Uint32Array(0), id: new Uint32Array(0), ids: [], msFirst: -1, ts: none, cpu: none, declinedLine: new Uint32Array(0), declinedText: [] };
  if (text.indexOf('"') >= 0 || text.indexOf('\ufffd') >= 0) {
    emit(empty);
    return;
  }
  const has = (k: Col) => job.layout.kinds.includes(k);
  let cap = 1024;
  let n = 0;
  let line = new Uint32Array(cap);
  let id = new Uint32Array(cap);
  let ts = new Float64Array(cap);
  let cpu = new Float64Array(cap);
  let mem = has(Col.Mem) ? new Float64Array(cap) : undefined;
  let memPct = has(Col.MemPct) ? new Float64Array(cap) : undefined;
  let disk = has(Col.Disk) ? new Float64Array(cap) : undefined;
  let diskMb = has(Col.DiskMb) ? new Float64Array(cap) : undefined;
  let net = has(Col.Net) ? new Float64Array(cap) : undefined;
  const grow = () => {
    cap *= 2;
    line = grown(line, cap);
    id = grown(id, cap);
    ts = grown(ts, cap);
    cpu = grown(cpu, cap);
    mem = grown(mem, cap);
    memPct = grown(memPct, cap);
    disk = grown(disk, cap);
    diskMb = grown(diskMb, cap);
    net = grown(net, cap);
  };
  const ids: string[] = [];
  const idIndex = new Map<string, number>();
  let lastId = '';
  let lastIndex = -1;
  let msFirst = -1;
  const declinedLine: number[] = [];
  const declinedText: string[] = [];
  const rr = new LongRowReader(job.layout);
  let k = 0;
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const lineEnd = nl < 0 ? text.length : nl;
    k++;
    const e = lineEnd > start && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    if (e > start) {
      if (rr.read(text, start, e)) {
        if (n === cap) grow();
        line[n] = k;
        const len = rr.idTo - rr.idFrom;
        if (lastIndex < 0 || lastId.length !== len || !text.startsWith(lastId, rr.idFrom)) {
          const s = text.slice(rr.idFrom, rr.idTo);
          let x = idIndex.get(s);
          if (x === undefined) {
            x = ids.length;
            ids.push(s);
            idIndex.set(s, x);
          }
          lastId = ids[x];
          lastIndex = x;
        }
        id[n] = lastIndex;
        if (rr.ms && msFirst < 0) msFirst = n;
        ts[n] = rr.ts;
        cpu[n] = rr.cpu;
        if (mem) mem[n] = rr.mem;
        if (memPct) memPct[n] = rr.memPct;
        if (disk) disk[n] = rr.disk;
        if (diskMb) diskMb[n] = rr.diskMb;
        if (net) net[n] = rr.net;
        n++;
      } else {
        declinedLine.push(k);
        declinedText.push(text.slice(start, lineEnd));
      }
    }
    start = lineEnd + 1;
  }
  const out: LongRangeRows = { kind: 'range', inThread: false, lines: k, n, line: line.slice(0, n), id: id.slice(0, n), ids, msFirst, ts: ts.slice(0, n), cpu: cpu.slice(0, n), declinedLine: Uint32Array.from(declinedLine), declinedText };
  if (mem) out.mem = mem.slice(0, n);
  if (memPct) out.memPct = memPct.slice(0, n);
  if (disk) out.disk = disk.slice(0, n);
  if (diskMb) out.diskMb = diskMb.slice(0, n);
  if (net) out.net = net.slice(0, n);
  emit(out);
}

/** What the calling thread does with the rows a worker took. */
export interface LongRangeSink {
  /** Whether a row with this memory percentage (as read) is still the fast path's (false: the general path reads it). */
  fits(memPct: number): boolean;
  /** The series of `id`, first met at line `lineNo` (created then when new). */
  series(id: string, lineNo: number): SeriesBuilder;
  /** Takes a row as the fast path does. */
  take(lineNo: number, ms: boolean, ts: number, cpu: number, mem: number, memPct: number, disk: number, diskMb: number, net: number, b: SeriesBuilder): void;
  /**
   * Whether every row of a range without declined lines may be taken at once, series by series
   * (`takeAll`): only when the order of rows across series cannot show in the result (the load is
   * sketched already: each series folds its own samples in their order, and no switch is to come),
   * no message is due from one of them, and every row fits.
   */
  canTakeAll(r: LongRangeRows): boolean;
  /** Takes every row of the range, in `order` (the rows of each series together, in file order), `series[x]` the series of id x. */
  takeAll(r: LongRangeRows, series: readonly SeriesBuilder[], order: Uint32Array): void;
  onBytes?: (done: number) => void;
}

/** Row indexes grouped by id (a stable counting sort): each id's rows together, in their order. */
function byIdOrder(id: Uint32Array, ids: number): Uint32Array {
  const start = new Uint32Array(ids + 1);
  for (let i = 0; i < id.length; i++) start[id[i] + 1]++;
  for (let x = 0; x < ids; x++) start[x + 1] += start[x];
  const order = new Uint32Array(id.length);
  for (let i = 0; i < id.length; i++) order[start[id[i]]++] = i;
  return order;
}

/** Hands lines `from` (1-based within the range) onwards of a range's text to the general path. */
function handleFrom(text: string, lines: LeanLines, base: number, from: number): number {
  let k = 0;
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const lineEnd = nl < 0 ? text.length : nl;
    k++;
    if (k >= from) {
      lines.lineNo = base + k - 1;
      lines.handle(text.slice(start, lineEnd));
    }
    start = lineEnd + 1;
  }
  return k;
}

/**
 * Reads bytes `from` to `size` of a long CSV on `threads` workers and applies them in file order
 * to `lines` (declined lines, ranges read here) and `sink` (rows taken).
 */
export async function readLongRanges(path: string, label: string, from: number, size: number, layout: LongRowLayout, threads: number, co: Cooperator, lines: LeanLines, sink: LongRangeSink): Promise<void> {
  const cuts = rangeCuts(path, from, size);
  const jobs: LongRangeJob[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) jobs.push({ path, start: cuts[i], end: cuts[i + 1], layout });
  const nan = Number.NaN;
  for await (const { job, event: r } of orderedJobs<LongRangeRows>('long-range', jobs, threads, co)) {
    const { start, end } = jobs[job];
    if (r.inThread || lines.inQuotedRecord) {
      LONG_RANGE_STATS.inThread++;
      await streamInto(path, label, lines, co, { start, end });
      sink.onBytes?.(end);
      continue;
    }
    const base = lines.lineNo;
    const builders: (SeriesBuilder | undefined)[] = new Array(r.ids.length);
    const { line, id, ts, cpu, mem, memPct, disk, diskMb, net, declinedLine, declinedText } = r;
    if (declinedLine.length === 0 && sink.canTakeAll(r)) {
      // Series created in the order they are first met, then every row, the rows of each series together (their samples fold while its buffers are in the CPU cache).
      for (let i = 0; i < r.n; i++) if (builders[id[i]] === undefined) builders[id[i]] = sink.series(r.ids[id[i]], base + line[i]);
      sink.takeAll(r, builders as SeriesBuilder[], byIdOrder(id, r.ids.length));
      LONG_RANGE_STATS.takenAll++;
      lines.lineNo = base + r.lines;
      sink.onBytes?.(end);
      if (co.due()) await co.pause();
      continue;
    }
    let d = 0;
    /** The declined lines before line `before` of the range, to the general path with their own numbers. */
    const declinedUpTo = (before: number) => {
      for (; d < declinedLine.length && declinedLine[d] < before; d++) {
        lines.lineNo = base + declinedLine[d] - 1;
        lines.handle(declinedText[d]);
      }
    };
    let total = r.lines;
    for (let i = 0; i < r.n; i++) {
      const li = line[i];
      declinedUpTo(li);
      const mp = memPct ? memPct[i] : nan;
      if (!sink.fits(mp)) {
        // This row and the rest of the range go to the general path, read again from the file.
        LONG_RANGE_STATS.fallbacks++;
        total = handleFrom(rangeText(path, start, end), lines, base, li);
        d = declinedLine.length;
        break;
      }
      const x = id[i];
      const b = builders[x] ?? (builders[x] = sink.series(r.ids[x], base + li));
      sink.take(base + li, i === r.msFirst, ts[i], cpu[i], mem ? mem[i] : nan, mp, disk ? disk[i] : nan, diskMb ? diskMb[i] : nan, net ? net[i] : nan, b);
      if ((i & 4095) === 4095 && co.due()) await co.pause();
    }
    declinedUpTo(Infinity);
    lines.lineNo = base + total;
    sink.onBytes?.(end);
  }
}
