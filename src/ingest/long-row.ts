import { parseNumberCell } from './numbers.js';

/**
 * The cells of the long utilization CSV read without splitting rows into strings: timestamps
 * (ISO 8601 or Unix seconds) and plain numbers, giving exactly the doubles the general path
 * (`parseTimestamp`, `readNumber`) gives for the same text, or declining the cell.
 */

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Latest plausible sample time: 2100-01-01T00:00:00Z in Unix seconds. Samples outside
 * 1970..2100 are rejected as invalid timestamps, so a stray value cannot stretch the time grid.
 */
export const MAX_TIMESTAMP_SEC = 4_102_444_800;

/**
 * Parses a timestamp cell into Unix seconds: ISO 8601 (no offset = UTC) or Unix seconds;
 * numbers above 1e11 are Unix milliseconds. Returns NaN when it is neither.
 * @example parseTimestamp('2024-03-01T00:05:00Z') === 1709251500
 * @example parseTimestamp('1709251500') === 1709251500
 * @example parseTimestamp('2024-03-01 01:05+01:00') === 1709251500
 */
export function parseTimestamp(raw: string): { sec: number; ms: boolean } {
  const r = parseTimestampUnchecked(raw);
  return r.sec >= 0 && r.sec <= MAX_TIMESTAMP_SEC ? r : { sec: Number.NaN, ms: false };
}

function parseTimestampUnchecked(raw: string): { sec: number; ms: boolean } {
  const s = raw.trim();
  const c = s.charCodeAt(4);
  if (c !== 45 /* - */) {
    const n = parseNumberCell(s);
    if (n === undefined || Number.isNaN(n) || n < 0) return { sec: Number.NaN, ms: false };
    return n > 1e11 ? { sec: n / 1000, ms: true } : { sec: n, ms: false };
  }
  const m = ISO_RE.exec(s);
  if (!m) return { sec: Number.NaN, ms: false };
  const y = +m[1], mo = +m[2], d = +m[3];
  const h = m[4] ? +m[4] : 0, mi = m[5] ? +m[5] : 0, se = m[6] ? +m[6] : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1] || h > 23 || mi > 59 || se > 60) return { sec: Number.NaN, ms: false };
  let t = Date.UTC(y, mo - 1, d, h, mi, se) / 1000;
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return { sec: Number.NaN, ms: false }; // 29 Feb of a common year
  if (m[7]) t += Number(`0.${m[7]}`);
  const z = m[8];
  if (z && z !== 'Z' && z !== 'z') {
    const sign = z[0] === '-' ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    const oh = +digits.slice(0, 2), om = digits.length > 2 ? +digits.slice(2, 4) : 0;
    if (oh > 23 || om > 59) return { sec: Number.NaN, ms: false };
    t -= sign * (oh * 3600 + om * 60);
  }
  return { sec: t, ms: false };
}

/** Powers of ten exactly representable as doubles (10^0 .. 10^22). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Most digits whose integer is exact in a double (< 2^53): m / 10^k is then the double `Number()` gives. */
const EXACT_DIGITS = 15;

/** What each column of a long CSV is to the fast path. */
export const Col = { Ignored: 0, Timestamp: 1, Id: 2, Cpu: 3, Mem: 4, MemPct: 5, Disk: 6, DiskMb: 7, Net: 8 } as const;
export type Col = (typeof Col)[keyof typeof Col];

/**
 * A plain number read in place (the fast path of `readNumber`): digits with at most one decimal
 * point, 1 to EXACT_DIGITS digits, so the value is the digits' integer divided by a power of ten,
 * both exact, rounded once: the double `Number()` gives. `out.v` is the value (NaN for an empty
 * cell), `out.end` the position after it (at the delimiter or the line's end). False when the cell
 * is anything else (a sign, an exponent, spaces, a `%`, a quote, a decimal comma, a number a file
 * of unknown decimal separator would find ambiguous: `1.234`), which the general path reads.
 */
function plainNumber(text: string, pos: number, end: number, delim: number, strictDot: boolean, out: { v: number; end: number }): boolean {
  let v = 0;
  let digits = 0;
  let intDigits = 0;
  let frac = -1;
  const from = pos;
  for (; pos < end; pos++) {
    const c = text.charCodeAt(pos);
    if (c === delim) break;
    if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
      else intDigits++;
    } else if (c === 46 && frac < 0) frac = 0;
    else return false;
  }
  out.end = pos;
  if (digits === 0) {
    if (frac >= 0) return false; // '.'
    out.v = Number.NaN;
    return true;
  }
  if (digits > EXACT_DIGITS) return false;
  // 1.234 in a file whose decimal separator is unknown: a thousands separator or a decimal point (readNumber rejects it).
  if (strictDot && frac === 3 && intDigits >= 1 && intDigits <= 3 && text.charCodeAt(from) !== 48) return false;
  out.v = frac > 0 ? v / POW10[frac] : v;
  return true;
}

/** Two digits at `i`, or -1. */
function digits2(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * A timestamp cell read in place, giving the double `parseTimestamp` gives for the same text:
 * Unix seconds (or milliseconds above 1e11) as plain numbers, or ISO 8601 `YYYY-MM-DD[(T| )HH:MM[:SS[.f]]][Z|±HH[:MM]]`
 * (`days` caches the start of each day). `out.v` is the Unix seconds, `out.end` the position after
 * the cell; `ms` says the cell was milliseconds. False for anything else (the general path reads it).
 */
function plainTimestamp(text: string, pos: number, end: number, delim: number, days: Map<number, number>, out: { v: number; end: number; ms: boolean }): boolean {
  out.ms = false;
  if (text.charCodeAt(pos + 4) !== 45 /* - */) {
    if (!plainNumber(text, pos, end, delim, false, out) || Number.isNaN(out.v)) return false;
    if (out.v > 1e11) {
      out.v /= 1000;
      out.ms = true;
    }
    return out.v <= MAX_TIMESTAMP_SEC;
  }
  if (pos + 10 > end) return false;
  const y1 = digits2(text, pos);
  const y2 = digits2(text, pos + 2);
  const mo = digits2(text, pos + 5);
  const d = digits2(text, pos + 8);
  if (y1 < 0 || y2 < 0 || text.charCodeAt(pos + 7) !== 45 || mo < 0 || d < 0) return false;
  const y = y1 * 100 + y2;
  const key = y * 10000 + mo * 100 + d;
  let t = days.get(key);
  if (t === undefined) {
    t = parseTimestamp(text.slice(pos, pos + 10)).sec;
    if (Number.isNaN(t)) return false;
    days.set(key, t);
  }
  let p = pos + 10;
  let c = p < end ? text.charCodeAt(p) : delim;
  if (c === 84 /* T */ || c === 32) {
    if (p + 6 > end) return false;
    const h = digits2(text, p + 1);
    const mi = digits2(text, p + 4);
    if (h < 0 || h > 23 || text.charCodeAt(p + 3) !== 58 || mi < 0 || mi > 59) return false;
    t += h * 3600 + mi * 60;
    p += 6;
    c = p < end ? text.charCodeAt(p) : delim;
    if (c === 58 /* : */) {
      if (p + 3 > end) return false;
      const se = digits2(text, p + 1);
      if (se < 0 || se > 60) return false;
      t += se;
      p += 3;
      c = p < end ? text.charCodeAt(p) : delim;
      if (c === 46 /* . */) {
        let v = 0;
        let k = 0;
        for (p++; p < end; p++, k++) {
          const x = text.charCodeAt(p) - 48;
          if (x < 0 || x > 9) break;
          v = v * 10 + x;
        }
        if (k === 0 || k > EXACT_DIGITS) return false;
        t += v / POW10[k];
        c = p < end ? text.charCodeAt(p) : delim;
      }
    }
  }
  if (c === 90 /* Z */ || c === 122 /* z */) {
    p++;
    c = p < end ? text.charCodeAt(p) : delim;
  } else if (c === 43 /* + */ || c === 45 /* - */) {
    const sign = c === 45 ? -1 : 1;
    if (p + 3 > end) return false;
    const oh = digits2(text, p + 1);
    if (oh < 0 || oh > 23) return false;
    p += 3;
    let om = 0;
    c = p < end ? text.charCodeAt(p) : delim;
    if (c !== delim) {
      if (c === 58) p++;
      if (p + 2 > end) return false;
      om = digits2(text, p);
      if (om < 0 || om > 59) return false;
      p += 2;
      c = p < end ? text.charCodeAt(p) : delim;
    }
    t -= sign * (oh * 3600 + om * 60);
  }
  if (c !== delim) return false;
  out.v = t;
  out.end = p;
  return t >= 0 && t <= MAX_TIMESTAMP_SEC;
}


/** Where a long CSV's columns are, for the row reader: what each column is, the delimiter, and whether `1.234` is ambiguous (the decimal separator is unknown). */
export interface LongRowLayout {
  kinds: readonly Col[];
  delimCode: number;
  strictDot: boolean;
}

/**
 * Reads rows of a long CSV in place, without splitting them into strings (the fused fast path of
 * long.ts, and the reader of long-range.ts on worker threads). `read` takes a row only when every
 * cell is one the general path would accept as it is (a plain id, a plain timestamp, plain
 * numbers), one cell per header cell; then its values are in the fields (NaN: an empty cell or an
 * absent column) and the id is `text.slice(idFrom, idTo)`. Anything else (quotes, spaces, signs,
 * units, empty required cells, what the general path rejects) returns false, for the general path.
 */
export class LongRowReader {
  ts = Number.NaN;
  ms = false;
  cpu = Number.NaN;
  mem = Number.NaN;
  memPct = Number.NaN;
  disk = Number.NaN;
  diskMb = Number.NaN;
  net = Number.NaN;
  idFrom = -1;
  idTo = -1;
  /** Start of each ISO day seen, Unix seconds. */
  private readonly days = new Map<number, number>();
  private readonly num = { v: 0, end: 0 };
  private readonly tso = { v: 0, end: 0, ms: false };

  constructor(readonly layout: LongRowLayout) {}

  read(text: string, start: number, end: number): boolean {
    const { kinds, delimCode, strictDot } = this.layout;
    const num = this.num;
    const tso = this.tso;
    let pos = start;
    let ts = Number.NaN, ms = false, cpu = Number.NaN, mem = Number.NaN, memPct = Number.NaN, disk = Number.NaN, diskMb = Number.NaN, net = Number.NaN;
    let idFrom = -1, idTo = -1;
    const last = kinds.length - 1;
    for (let c = 0; c <= last; c++) {
      const k = kinds[c];
      if (k === Col.Ignored || k === Col.Id) {
        const from = pos;
        for (; pos < end; pos++) {
          const ch = text.charCodeAt(pos);
          if (ch === delimCode) break;
          if (ch === 34 /* " */) return false;
        }
        if (k === Col.Id) {
          idFrom = from;
          idTo = pos;
        }
      } else if (k === Col.Timestamp) {
        if (!plainTimestamp(text, pos, end, delimCode, this.days, tso)) return false;
        ts = tso.v;
        ms = tso.ms;
        pos = tso.end;
      } else {
        if (!plainNumber(text, pos, end, delimCode, strictDot, num)) return false;
        pos = num.end;
        if (k === Col.Cpu) cpu = num.v;
        else if (k === Col.Mem) mem = num.v;
        else if (k === Col.MemPct) memPct = num.v;
        else if (k === Col.Disk) disk = num.v;
        else if (k === Col.DiskMb) diskMb = num.v;
        else net = num.v;
      }
      if (c < last) {
        if (pos >= end) return false; // fewer cells than the header
        pos++; // the delimiter
      } else if (pos !== end) return false; // more cells than the header
    }
    // An id that trim() leaves as it is, and a CPU value (the general path rejects a row without one).
    if (idTo <= idFrom || Number.isNaN(cpu)) return false;
    const a = text.charCodeAt(idFrom);
    const b = text.charCodeAt(idTo - 1);
    if (a <= 32 || a > 126 || b <= 32 || b > 126) return false;
    this.ts = ts;
    this.ms = ms;
    this.cpu = cpu;
    this.mem = mem;
    this.memPct = memPct;
    this.disk = disk;
    this.diskMb = diskMb;
    this.net = net;
    this.idFrom = idFrom;
    this.idTo = idTo;
    return true;
  }
}
