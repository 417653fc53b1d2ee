import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Issue, RowAccounting } from '../model/issue.js';
import { issue, issueError } from '../model/issue.js';
import { readHead } from './csv.js';
import { readLean, type LeanRecord } from './lines.js';
import { SampleBudget, SeriesBuilder } from './samples.js';
import { sketchNote } from './sketch-series.js';
import { listTraceFiles, childLabel } from './folder.js';
import { fastNumber } from './long.js';
import { byId, type TracedWorkload, type UtilizationLoad, type UtilizationLoadOptions } from './utilization.js';
import { TRACE_DEFAULTS } from '../defaults/traces.js';
import { Cooperator } from '../util/cooperate.js';
import { orderedJobs, readThreads, PARALLEL_READ_MIN_BYTES } from './parallel.js';
import { ownString } from '../util/own-string.js';
import { MAX_TIMESTAMP_SEC } from './long.js';
import { ianaZoneOf, ZoneClock } from './local-time.js';
import type { DstChange } from '../model/messages.js';

/**
 * Windows Performance Monitor CSV, as `typeperf -f CSV` and `relog -f csv` write it:
 *
 * ```
 * "(PDH-CSV 4.0) (W. Europe Standard Time)(-60)","\\WEB01\Processor(_Total)\% Processor Time","\\WEB01\Memory\Available MBytes"
 * "03/04/2024 10:00:00.123"," ","3121.000000"
 * "03/04/2024 10:10:00.125","12.500000","3090.000000"
 * ```
 *
 * - The first cell names the time zone of the timestamps and its bias in minutes (Windows'
 *   `Bias`: UTC = local time + bias, so `-60` is UTC+01:00). Timestamps are
 *   `MM/DD/YYYY HH:MM:SS.fff` local time (PDH writes this layout whatever the locale); they are
 *   turned into UTC with the header's bias. A header without a bias is read as UTC, and said so.
 *   The bias is the one in force when the capture started; typeperf keeps writing wall-clock
 *   time, so across a daylight-saving change an hour repeats (autumn) or is skipped (spring).
 *   When the header's zone name is a Windows zone of local-time.ts whose offset at the first
 *   sample is the header's bias, every local time is converted by that zone's rules instead, and
 *   the change is reported (`file.dst-change`, info); otherwise the bias applies throughout and a
 *   local time going back is reported as the tell-tale of a change (`file.dst-change`, warning).
 * - The file is UTF-8 (typeperf) or UTF-16 with a byte-order mark (relog and Performance
 *   Monitor's "Unicode" CSV); both read the same.
 * - Every other cell is a counter path `\\HOST\Object(Instance)\Counter`; the host name is the
 *   workload id (a path without a host takes the file's name). Several hosts may share a file,
 *   and a folder holds one file (or several, e.g. one per day) per host.
 * - CPU: `\Processor Information(_Total)\% Processor Utility` when the file has it (it counts
 *   work done at the processor's actual frequency, as Task Manager does since Windows 8), else
 *   `\Processor(_Total)\% Processor Time`, else `\Processor Information(_Total)\% Processor Time`.
 * - Memory: `\Memory\Available MBytes` (or `Available KBytes` / `Available Bytes`), turned into
 *   memory used against the installed memory of the inventory (join.ts); else
 *   `\Memory\% Committed Bytes In Use` as the fraction of memory in use.
 * - Every other counter is ignored, and listed once (`file.counters`).
 * - A blank cell (typeperf writes `" "` for the first sample of a rate counter) is a skipped
 *   sample: counted (`data.skipped`), not rejected. A row whose timestamp or a used value cannot
 *   be read is rejected with its line, column (the counter path) and raw value.
 */

/** Whether a text starts like a PDH CSV file: `"(PDH-CSV 4.0) ...`. */
export function isPerfmonHead(text: string): boolean {
  return /^\ufeff?"?\(PDH-CSV [\d.]+\)/i.test(text);
}

/**
 * The time zone of the PDH header cell: its name and bias in minutes (UTC = local + bias).
 * @example pdhZone('(PDH-CSV 4.0) (Pacific Standard Time)(480)') → { zone: 'Pacific Standard Time', biasMinutes: 480 }
 */
export function pdhZone(cell: string): { zone?: string; biasMinutes?: number } {
  const m = /^\(PDH-CSV [\d.]+\)\s*(?:\(([^)]*)\))?\s*(?:\((-?\d+)\))?/i.exec(cell.replace(/^\ufeff/, '').trim());
  if (!m) return {};
  const out: { zone?: string; biasMinutes?: number } = {};
  if (m[1] !== undefined && m[1].trim() !== '') out.zone = m[1].trim();
  if (m[2] !== undefined) out.biasMinutes = Number(m[2]);
  return out;
}

/** A counter path `\\HOST\Object(Instance)\Counter`. */
export interface CounterPath {
  host?: string;
  object: string;
  instance?: string;
  counter: string;
}

/**
 * Reads a counter path; undefined when the cell is not one.
 * @example parseCounterPath('\\\\WEB01\\Processor(_Total)\\% Processor Time') → { host: 'WEB01', object: 'Processor', instance: '_Total', counter: '% Processor Time' }
 */
export function parseCounterPath(cell: string): CounterPath | undefined {
  const m = /^(?:\\\\([^\\]+))?\\([^\\(]+?)(?:\((.*)\))?\\([^\\]+)$/.exec(cell.trim());
  if (!m) return undefined;
  const out: CounterPath = { object: m[2].trim(), counter: m[4].trim() };
  if (m[1] !== undefined) out.host = m[1].trim();
  if (m[3] !== undefined) out.instance = m[3].trim();
  return out;
}

/** What a counter is used for, in order of preference within its kind. */
type Role = 'cpu-utility' | 'cpu-time' | 'cpu-info-time' | 'mem-available' | 'mem-committed';

interface RoleRule {
  role: Role;
  object: string;
  total: boolean;
  counter: string;
  /** Memory: the counter's unit into GiB. */
  toGiB?: number;
}

/** The counters read, in order of preference per kind (lower case). */
const RULES: readonly RoleRule[] = [
  { role: 'cpu-utility', object: 'processor information', total: true, counter: '% processor utility' },
  { role: 'cpu-time', object: 'processor', total: true, counter: '% processor time' },
  { role: 'cpu-info-time', object: 'processor information', total: true, counter: '% processor time' },
  { role: 'mem-available', object: 'memory', total: false, counter: 'available mbytes', toGiB: 1 / 1024 },
  { role: 'mem-available', object: 'memory', total: false, counter: 'available kbytes', toGiB: 1 / 2 ** 20 },
  { role: 'mem-available', object: 'memory', total: false, counter: 'available bytes', toGiB: 1 / 2 ** 30 },
  { role: 'mem-committed', object: 'memory', total: false, counter: '% committed bytes in use' },
];

const CPU_ROLES: readonly Role[] = ['cpu-utility', 'cpu-time', 'cpu-info-time'];

/** The counter as people name it, without the host: `\Processor(_Total)\% Processor Time`. */
function counterName(p: CounterPath): string {
  return `\\${p.object}${p.instance !== undefined ? `(${p.instance})` : ''}\\${p.counter}`;
}

function ruleOf(p: CounterPath): RoleRule | undefined {
  const o = p.object.toLowerCase();
  const c = p.counter.toLowerCase();
  const total = p.instance !== undefined && p.instance.toLowerCase() === '_total';
  return RULES.find((r) => r.object === o && r.counter === c && (!r.total || total));
}

/** The columns of one host in one file. */
interface HostColumns {
  id: string;
  cpu?: { index: number; rule: RoleRule; name: string };
  avail?: { index: number; rule: RoleRule; name: string };
  committed?: { index: number; name: string };
}

const PDH_TIME_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;
const ISO_LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/**
 * A PDH timestamp (`MM/DD/YYYY HH:MM:SS.fff`, local time) in Unix seconds, given the header's
 * bias in minutes (UTC = local + bias). NaN when it is not one.
 * @example pdhTime('03/04/2024 10:00:00.000', -60) === Date.UTC(2024, 2, 4, 9) / 1000
 */
export function pdhTime(raw: string, biasMinutes: number, days?: Map<string, number>): number {
  const fast = days ? pdhTimeFast(raw, biasMinutes, days) : undefined;
  if (fast !== undefined) return fast;
  const s = raw.trim();
  let y: number, mo: number, d: number, h: number, mi: number, se: number, ms: number;
  let m = PDH_TIME_RE.exec(s);
  if (m) {
    mo = +m[1]; d = +m[2]; y = +m[3]; h = +m[4]; mi = +m[5]; se = +m[6]; ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  } else {
    m = ISO_LOCAL_RE.exec(s);
    if (!m) return Number.NaN;
    y = +m[1]; mo = +m[2]; d = +m[3]; h = +m[4]; mi = +m[5]; se = +m[6]; ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return Number.NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, se, ms);
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return Number.NaN;
  const sec = t / 1000 + biasMinutes * 60;
  return sec >= 0 && sec <= MAX_TIMESTAMP_SEC ? sec : Number.NaN;
}

/** Digit positions of a quoted PDH timestamp cell at the start of a line. */
const FAST_DIGITS = [1, 2, 4, 5, 7, 8, 9, 10, 12, 13, 15, 16, 18, 19, 21, 22, 23];

const d2 = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);
const isDigit = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * The hot path of `pdhTime` for the exact layout PDH writes (`MM/DD/YYYY HH:MM:SS.fff`): the date
 * is parsed once per day (`days` caches it), the time from fixed positions. Undefined for any
 * other text (the general parser then decides).
 */
function pdhTimeFast(s: string, biasMinutes: number, days: Map<string, number>): number | undefined {
  if (s.length !== 23 || s.charCodeAt(2) !== 47 || s.charCodeAt(5) !== 47 || s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46) return undefined;
  for (const i of [11, 12, 14, 15, 17, 18, 20, 21, 22]) if (!isDigit(s, i)) return undefined;
  const key = s.slice(0, 10);
  let day = days.get(key);
  if (day === undefined) {
    day = pdhTime(`${key} 00:00:00`, 0);
    if (Number.isNaN(day)) return undefined;
    days.set(key, day);
  }
  const h = d2(s, 11), mi = d2(s, 14), se = d2(s, 17);
  if (h > 23 || mi > 59 || se > 60) return undefined;
  const ms = (s.charCodeAt(20) - 48) * 100 + d2(s, 21);
  const sec = day + h * 3600 + mi * 60 + se + ms / 1000 + biasMinutes * 60;
  return sec >= 0 && sec <= MAX_TIMESTAMP_SEC ? sec : Number.NaN;
}

/**
 * Splits a line whose cells are all quoted (`"a","b"`), the way PDH writes them; undefined when
 * a cell holds a quote or the line is not quoted throughout (csv-parse then reads it).
 */
export function splitPdhLine(line: string): string[] | undefined {
  const n = line.length;
  if (n < 2 || line.charCodeAt(0) !== 34 || line.charCodeAt(n - 1) !== 34) return undefined;
  const fields = line.slice(1, -1).split('","');
  for (const f of fields) if (f.indexOf('"') >= 0) return undefined;
  return fields;
}

/** A cell of a counter: blank (typeperf's `" "`), a number (decimal point or comma), or NaN. */
function counterValue(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const v = fastNumber(raw);
  if (v !== undefined && !Number.isNaN(v)) return v;
  if (v === undefined) return undefined;
  // A decimal comma (a locale's relog): inside a quoted cell it cannot be a field separator.
  const t = raw.trim();
  if (/^-?\d+,\d+$/.test(t)) return Number(t.replace(',', '.'));
  return Number.NaN;
}

/**
 * Whether rows are read by the fused fast path (`fastPdhRow` below) when they fit it, and how many
 * rows it has taken in this process: tests turn it off to check that both paths give the same load.
 */
export const PERFMON_FAST_ROWS = { enabled: true, taken: 0 };

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A quoted PDH cell's number from `pos` (just after its opening quote) to its closing quote: digits
 * with at most one decimal point, 1 to 15 digits (so m / 10^k is exact, hence the same double as
 * `Number()` gives); NaN for a blank cell (`" "`); undefined when the cell is anything else (the
 * general path reads it). `end` receives the position after the closing quote.
 */
function pdhCellNumber(line: string, pos: number, end: { pos: number }): number | undefined {
  let c = line.charCodeAt(pos);
  if (c === 32 && line.charCodeAt(pos + 1) === 34) {
    end.pos = pos + 2;
    return Number.NaN;
  }
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (;; pos++) {
    c = line.charCodeAt(pos);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) frac = 0;
    else break;
  }
  if (c !== 34 || digits === 0 || digits > 15) return undefined;
  end.pos = pos + 1;
  return frac > 0 ? m / POW10[frac] : m;
}

/** The perfmon files of a path: the file itself, or the PDH CSV files of a folder. */
function perfmonFiles(path: string, label: string): { files: PerfmonFileRef[]; skipped: string[] } {
  if (!statSync(path).isDirectory()) return { files: [{ path, label, name: basename(path) }], skipped: [] };
  const { files, skipped } = listTraceFiles(path, label, (n) => isPerfmonHead(readHead(join(path, n), 256)));
  return { files: files.map((n) => ({ path: join(path, n), label: childLabel(label, n), name: n })), skipped };
}

/** One perfmon file: where it is, how messages name it, and its file name (a host for paths without one). */
export interface PerfmonFileRef {
  path: string;
  label: string;
  name: string;
}

/** What the header of one file says: its hosts (ids as this file writes them) and the counters used and ignored. */
export interface PerfmonFileHeader {
  kind: 'header';
  line: number;
  hosts: { id: string; avail: boolean; committed: boolean }[];
  usedCpu: string[];
  usedMemory: string[];
  ignored: string[];
}

/**
 * The samples of consecutive accepted rows of one file, host k of row i at `i * hosts + k`: CPU as
 * a fraction (NaN: a blank cell, no sample), available memory in GiB and committed memory as a
 * fraction (NaN: none). `bytes`: bytes of the file read so far.
 */
export interface PerfmonRows {
  kind: 'rows';
  n: number;
  ts: Float64Array;
  cpu: Float64Array;
  avail?: Float64Array;
  committed?: Float64Array;
  bytes: number;
}

/** The end of one file: its issues in order (header, rejects, daylight saving, blanks) and its counts. */
export interface PerfmonFileEnd {
  kind: 'end';
  issues: Issue[];
  rows: RowAccounting;
  blank: number;
  blankRows: number;
  fastRows: number;
  bytes: number;
}

export type PerfmonFileEvent = PerfmonFileHeader | PerfmonRows | PerfmonFileEnd;

/** Samples per `rows` event. */
const ROWS_BATCH_SAMPLES = 65_536;

/**
 * Reads one perfmon file into events (header, rows in batches, end), in file order. A pure
 * function of the file (the zone offsets it caches are the zone's): the same events whichever
 * thread runs it, so a load read on worker threads equals one read here. Throws the InputError
 * that stops the load (no PDH header, no CPU counter, an empty or unreadable file).
 */
export async function readPerfmonFile(f: PerfmonFileRef, co: Cooperator, emit: (e: PerfmonFileEvent) => void, fastRows = PERFMON_FAST_ROWS.enabled): Promise<void> {
  const file = f.label;
  const issues: Issue[] = [];
  const rows: RowAccounting = { read: 0, accepted: 0, rejected: 0 };
  let header: string[] | undefined;
  let headerCell = '';
  let bias = 0;
  // Daylight saving: the header states one bias; a named zone whose rules are known converts
  // each local time by them (checked against the bias at the first sample), else the bias
  // applies and a local time going back is reported as the tell-tale of a change.
  let zoneName: string | undefined;
  let clock: ZoneClock | undefined;
  let clockChecked = false;
  let mismatch = false;
  let prevLocal = -Infinity;
  const raws = new Map<number, string>();
  const wentBack: DstChange['changes'] = [];
  let hosts: HostColumns[] = [];
  let blank = 0;
  let blankRows = 0;
  let fastTaken = 0;
  // Dates already parsed (a day has 144 ten-minute samples: the date is read once).
  const days = new Map<string, number>();
  // The fused fast path: per column, the host reading it (-1: none) and what it is (0 CPU, 1 available, 2 committed).
  let colHost = new Int32Array(0);
  let colKind = new Uint8Array(0);
  let cellVal = new Float64Array(0);
  const fastDays = new Map<number, number>();
  const cellEnd = { pos: 0 };
  let bytes = 0;

  // The batch of rows being filled.
  let H = 0;
  let cap = 0;
  let n = 0;
  let bts = new Float64Array(0);
  let bcpu = new Float64Array(0);
  let bavail: Float64Array | undefined;
  let bcommitted: Float64Array | undefined;
  let withAvail = false;
  let withCommitted = false;
  const fresh = () => {
    n = 0;
    bts = new Float64Array(cap);
    bcpu = new Float64Array(cap * H);
    // Every row accepted writes every host's cells of the arrays it has.
    bavail = withAvail ? new Float64Array(cap * H) : undefined;
    bcommitted = withCommitted ? new Float64Array(cap * H) : undefined;
  };
  const flush = () => {
    if (n === 0) return;
    const e: PerfmonRows = { kind: 'rows', n, ts: bts.subarray(0, n), cpu: bcpu.subarray(0, n * H), bytes };
    if (bavail) e.avail = bavail.subarray(0, n * H);
    if (bcommitted) e.committed = bcommitted.subarray(0, n * H);
    emit(e);
    fresh();
  };

  const reject = (r: LeanRecord, code: 'row.invalid-timestamp' | 'row.invalid-number' | 'row.out-of-range' | 'row.column-count', column: string | undefined, raw: string | undefined, expected: string) => {
    rows.rejected++;
    if (code === 'row.column-count') issues.push(issue(code, 'error', { fields: r.fields.length, expected: header!.length }, { file, line: r.line, rawLine: r.raw }));
    else issues.push(issue(code, 'error', { expected }, { file, line: r.line, column, raw, rawLine: r.raw }));
  };

  const onHeader = (r: LeanRecord) => {
    // Own copies: the ids, counter names and messages taken from the header must not keep the file's read chunk alive.
    header = r.fields.map(ownString);
    headerCell = header[0] ?? '';
    if (!/^\ufeff?\(PDH-CSV/i.test(headerCell.trim())) {
      throw issueError('file.missing-column', { expected: 'a PDH CSV header ("(PDH-CSV 4.0) (<time zone>)(<bias>)", then counter paths)', found: header.slice(0, 5) }, { file, line: r.line, column: '(PDH-CSV 4.0)' });
    }
    const z = pdhZone(headerCell);
    bias = z.biasMinutes ?? 0;
    zoneName = z.zone;
    const iana = z.biasMinutes !== undefined ? ianaZoneOf(z.zone) : undefined;
    if (iana) clock = new ZoneClock(iana);
    issues.push(issue('file.time-zone', 'info', { zone: z.zone, biasMinutes: z.biasMinutes }, { file, line: r.line, column: headerCell }));
    const ignored = new Set<string>();
    const byHost = new Map<string, HostColumns>();
    const fallbackHost = f.name.replace(/\.(csv|tsv|txt)$/i, '');
    for (let i = 1; i < header.length; i++) {
      const cell = header[i];
      const p = parseCounterPath(cell);
      if (!p) {
        if (cell.trim() !== '') ignored.add(cell.trim());
        continue;
      }
      const rule = ruleOf(p);
      if (!rule) {
        ignored.add(counterName(p));
        continue;
      }
      const id = p.host ?? fallbackHost;
      const key = id.toLowerCase();
      let h = byHost.get(key);
      if (!h) {
        h = { id };
        byHost.set(key, h);
      }
      const name = counterName(p);
      // A counter of a kind some other counter of the host supplies is listed with its host (the same counter may be used for another host).
      const cellOf = (index: number) => header![index].trim();
      if (rule.role === 'mem-committed') {
        if (!h.committed) h.committed = { index: i, name };
        else ignored.add(cell.trim());
      } else if (rule.role === 'mem-available') {
        if (!h.avail) h.avail = { index: i, rule, name };
        else ignored.add(cell.trim());
      } else if (!h.cpu || CPU_ROLES.indexOf(rule.role) < CPU_ROLES.indexOf(h.cpu.rule.role)) {
        if (h.cpu) ignored.add(cellOf(h.cpu.index));
        h.cpu = { index: i, rule, name };
      } else ignored.add(cell.trim());
    }
    hosts = [];
    const usedCpu: string[] = [];
    const usedMemory: string[] = [];
    for (const h of byHost.values()) {
      if (!h.cpu) {
        // A host with memory counters only gives nothing to size CPU with: its counters are listed as ignored.
        if (h.avail) ignored.add(header[h.avail.index].trim());
        if (h.committed) ignored.add(header[h.committed.index].trim());
        continue;
      }
      usedCpu.push(h.cpu.name);
      // Available memory wins over the commit charge (it is memory, not memory plus page file).
      if (h.avail) {
        usedMemory.push(h.avail.name);
        if (h.committed) ignored.add(header[h.committed.index].trim());
        h.committed = undefined;
      } else if (h.committed) usedMemory.push(h.committed.name);
      hosts.push(h);
    }
    if (hosts.length === 0) {
      throw issueError('file.missing-column', { expected: 'a CPU counter: \\Processor(_Total)\\% Processor Time or \\Processor Information(_Total)\\% Processor Utility', found: header.slice(1, 6) }, { file, line: r.line, column: '\\Processor(_Total)\\% Processor Time' });
    }
    colHost = new Int32Array(header.length).fill(-1);
    colKind = new Uint8Array(header.length);
    cellVal = new Float64Array(header.length);
    hosts.forEach((h, k) => {
      colHost[h.cpu!.index] = k;
      colKind[h.cpu!.index] = 0;
      if (h.avail) (colHost[h.avail.index] = k), (colKind[h.avail.index] = 1);
      if (h.committed) (colHost[h.committed.index] = k), (colKind[h.committed.index] = 2);
    });
    H = hosts.length;
    cap = Math.max(1, Math.floor(ROWS_BATCH_SAMPLES / H));
    withAvail = hosts.some((h) => h.avail !== undefined);
    withCommitted = hosts.some((h) => h.committed !== undefined);
    fresh();
    emit({ kind: 'header', line: r.line, hosts: hosts.map((h) => ({ id: h.id, avail: h.avail !== undefined, committed: h.committed !== undefined })), usedCpu, usedMemory, ignored: [...ignored] });
  };

  /**
   * UTC seconds of a row's local time (its wall-clock fields read as if UTC): by the zone's
   * rules, or by the header's bias (then a local time going back is noted as a tell-tale).
   * The timestamp's text is `src` (a cell), or, when `at` >= 0, the quoted cell at `at` of the
   * decoded text (the fast path); it is read only when a message needs it.
   */
  let prevSrc = '';
  let prevAt = -1;
  // An own copy: the text is kept in a message, and a slice would keep the file's read chunk alive.
  const rawOf = (src: string, at: number) => ownString(at >= 0 ? src.slice(at + 1, at + 24) : src.trim());
  const fromLocal = (local: number, src: string, at: number): number => {
    if (clock) {
      const utc = clock.toUtc(local);
      if (!clockChecked) {
        clockChecked = true;
        // The rules must agree with the header at the first sample, or the name is not the zone the bias says.
        if (Math.round((local - utc) / 60) !== -bias) {
          mismatch = true;
          clock = undefined;
          return fromLocal(local, src, at);
        }
      }
      const ch = clock.changes;
      if (ch.length && !raws.has(ch[ch.length - 1].localSec)) raws.set(ch[ch.length - 1].localSec, rawOf(src, at));
      return utc >= 0 && utc <= MAX_TIMESTAMP_SEC ? utc : Number.NaN;
    }
    if (local < prevLocal - 1 && wentBack.length < 20) wentBack.push({ at: rawOf(src, at), from: rawOf(prevSrc, prevAt) });
    prevLocal = local;
    prevSrc = src;
    prevAt = at;
    const t = local + bias * 60;
    return t >= 0 && t <= MAX_TIMESTAMP_SEC ? t : Number.NaN;
  };
  const fileTime = (raw: string): number => {
    const local = pdhTime(raw, 0, days);
    return Number.isNaN(local) ? local : fromLocal(local, raw, -1);
  };

  /** Counts the row whose samples are in the batch's slot `n` (written by the reader of the row; a rejected row's are overwritten by the next) and takes it. */
  const take = (ts: number) => {
    rows.accepted++;
    let rowBlank = true;
    const at = n * H;
    bts[n] = ts;
    for (let k = 0; k < H; k++) {
      const cpu = bcpu[at + k];
      if (Number.isNaN(cpu)) blank++;
      else rowBlank = false;
    }
    if (rowBlank) blankRows++;
    if (++n === cap) flush();
  };

  const onRow = (r: LeanRecord) => {
    rows.read++;
    const fl = r.fields;
    if (fl.length > header!.length) {
      for (let k = header!.length; k < fl.length; k++) if (fl[k].trim() !== '') return reject(r, 'row.column-count', undefined, undefined, '');
    }
    const ts = fileTime(fl[0] ?? '');
    if (Number.isNaN(ts)) return reject(r, 'row.invalid-timestamp', headerCell, fl[0] ?? '', 'a PDH timestamp MM/DD/YYYY HH:MM:SS.fff between 1970 and 2100');
    // Every host's cells go to the batch's next slot, taken only when none is rejected: a rejected row adds no sample at all.
    const at = n * H;
    for (let k = 0; k < hosts.length; k++) {
      const h = hosts[k];
      const cpu = counterValue(fl[h.cpu!.index]);
      if (cpu !== undefined && Number.isNaN(cpu)) return reject(r, 'row.invalid-number', header![h.cpu!.index], fl[h.cpu!.index], 'a CPU percentage');
      if (cpu !== undefined && cpu < 0) return reject(r, 'row.out-of-range', header![h.cpu!.index], fl[h.cpu!.index], 'a CPU percentage >= 0');
      bcpu[at + k] = (cpu ?? Number.NaN) / 100;
      let av = Number.NaN;
      if (h.avail) {
        const v = counterValue(fl[h.avail.index]);
        if (v !== undefined && Number.isNaN(v)) return reject(r, 'row.invalid-number', header![h.avail.index], fl[h.avail.index], 'available memory >= 0');
        if (v !== undefined && v < 0) return reject(r, 'row.out-of-range', header![h.avail.index], fl[h.avail.index], 'available memory >= 0');
        if (v !== undefined) av = v * h.avail.rule.toGiB!;
      }
      if (bavail) bavail[at + k] = av;
      let cm = Number.NaN;
      if (h.committed) {
        const v = counterValue(fl[h.committed.index]);
        if (v !== undefined && (Number.isNaN(v) || v < 0 || v > 100)) return reject(r, Number.isNaN(v) ? 'row.invalid-number' : 'row.out-of-range', header![h.committed.index], fl[h.committed.index], 'a percentage from 0 to 100');
        if (v !== undefined) cm = v / 100;
      }
      if (bcommitted) bcommitted[at + k] = cm;
    }
    take(ts);
  };

  /**
   * A row in exactly the layout typeperf writes (`"MM/DD/YYYY HH:MM:SS.fff","12.5","3090.0",...`,
   * one cell per header cell, plain numbers or blanks), read in place from the decoded text
   * (`text.slice(s, e)` is the line) without splitting it into strings; false for anything else,
   * which the general path reads (and rejects when it must).
   */
  const fastPdhRow = (text: string, s: number, e: number): boolean => {
    if (!header || !fastRows) return false;
    if (e - s < 26 || text.charCodeAt(s) !== 34 || text.charCodeAt(s + 24) !== 34 || text.charCodeAt(s + 3) !== 47 || text.charCodeAt(s + 6) !== 47 || text.charCodeAt(s + 11) !== 32 || text.charCodeAt(s + 14) !== 58 || text.charCodeAt(s + 17) !== 58 || text.charCodeAt(s + 20) !== 46) return false;
    for (let k = 0; k < FAST_DIGITS.length; k++) if (!isDigit(text, s + FAST_DIGITS[k])) return false;
    const dayKey = (d2(text, s + 1) * 100 + d2(text, s + 4)) * 10000 + d2(text, s + 7) * 100 + d2(text, s + 9);
    let day = fastDays.get(dayKey);
    if (day === undefined) {
      day = pdhTime(`${text.slice(s + 1, s + 11)} 00:00:00`, 0);
      if (Number.isNaN(day)) return false;
      fastDays.set(dayKey, day);
    }
    const h = d2(text, s + 12), mi = d2(text, s + 15), se = d2(text, s + 18);
    if (h > 23 || mi > 59 || se > 60) return false;
    const ms = (text.charCodeAt(s + 21) - 48) * 100 + d2(text, s + 22);
    // The same expression as pdhTimeFast, so the same double (fromLocal adds the bias, or applies the zone's rules).
    const ts = fromLocal(day + h * 3600 + mi * 60 + se + ms / 1000, text, s);
    if (!(ts >= 0 && ts <= MAX_TIMESTAMP_SEC)) return false;
    let pos = s + 25;
    const cols = header.length;
    for (let c = 1; c < cols; c++) {
      if (text.charCodeAt(pos) !== 44 || text.charCodeAt(pos + 1) !== 34) return false;
      pos += 2;
      if (colHost[c] < 0) {
        const q = text.indexOf('"', pos);
        if (q < 0 || q >= e) return false;
        pos = q + 1;
        continue;
      }
      const v = pdhCellNumber(text, pos, cellEnd);
      if (v === undefined || (colKind[c] === 2 && v > 100)) return false;
      cellVal[c] = v;
      pos = cellEnd.pos;
    }
    if (pos !== e) return false;
    fastTaken++;
    rows.read++;
    const at = n * H;
    for (let k = 0; k < H; k++) {
      const hc = hosts[k];
      bcpu[at + k] = cellVal[hc.cpu!.index] / 100;
      if (bavail) bavail[at + k] = hc.avail ? cellVal[hc.avail.index] * hc.avail.rule.toGiB! : Number.NaN;
      if (bcommitted) bcommitted[at + k] = hc.committed ? cellVal[hc.committed.index] / 100 : Number.NaN;
    }
    take(ts);
    return true;
  };

  await readLean(
    f.path,
    file,
    {
      delimiter: ',',
      cooperator: co,
      fastSpan: fastPdhRow,
      splitQuoted: splitPdhLine,
      utf16: true,
      onBytes: (done) => {
        bytes = done;
      },
    },
    (r) => (header ? onRow(r) : onHeader(r)),
    (s) => {
      if (!header) throw issueError('file.unreadable', { reason: 'header', problem: s.problem }, { file, line: s.line });
      rows.read++;
      rows.rejected++;
      issues.push(issue('row.parse-error', 'error', { problem: s.problem }, { file, line: s.line, rawLine: s.raw }));
    },
  );
  if (!header) throw issueError('file.empty', { expected: 'a PDH CSV header line and samples' }, { file });
  flush();
  if (clock?.changes.length) {
    const changes = clock.changes.map((c) => ({ at: raws.get(c.localSec) ?? String(c.localSec), beforeMinutes: c.beforeMinutes, afterMinutes: c.afterMinutes }));
    issues.push(issue('file.dst-change', 'info', { zone: zoneName, iana: clock.zone, applied: true, changes }, { file, column: headerCell }));
  } else if (wentBack.length) {
    const iana = ianaZoneOf(zoneName);
    issues.push(issue('file.dst-change', 'warning', { zone: zoneName, ...(iana ? { iana } : {}), applied: false, reason: mismatch ? 'bias-mismatch' : 'unknown-zone', biasMinutes: bias, changes: wentBack }, { file, column: headerCell }));
  }
  if (blank) issues.push(issue('data.skipped', 'info', { what: 'blank-samples', samples: blank, rows: blankRows }, { file }));
  emit({ kind: 'end', issues, rows, blank, blankRows, fastRows: fastTaken, bytes: statSync(f.path).size });
}

/** The least bytes of a folder of perfmon files read on worker threads (a smaller one is read here: starting workers would cost more than it saves); tests lower it. */
export const PERFMON_PARALLEL = { minBytes: PARALLEL_READ_MIN_BYTES };

/** Loads a perfmon CSV file, or a folder of them. */
export async function loadPerfmon(path: string, opts: UtilizationLoadOptions = {}): Promise<UtilizationLoad> {
  const label = opts.label ?? path;
  const { files, skipped } = perfmonFiles(path, label);
  const issues: Issue[] = [];
  const rows: RowAccounting = { read: 0, accepted: 0, rejected: 0 };
  if (skipped.length) issues.push(issue('data.skipped', 'info', { what: 'files', files: skipped, expected: 'perfmon CSV files' }, { file: label }));
  const co = opts.cooperator ?? new Cooperator({ signal: opts.signal });
  co.check();
  // Series by host, case-insensitively (DNS names are); the id as first written.
  const builders = new Map<string, SeriesBuilder>();
  const budget = new SampleBudget(opts.sampleBudget);
  const availHosts = new Set<string>();
  const usedCpu = new Set<string>();
  const usedMemory = new Set<string>();
  const ignored = new Set<string>();
  let totalBytes = 0;
  for (const f of files) totalBytes += statSync(f.path).size;
  let doneBytes = 0;

  // The file being applied: its series in header order, and the keys of its hosts.
  let hostSeries: SeriesBuilder[] = [];
  let fileHosts: string[] = [];
  const apply = (f: PerfmonFileRef, e: PerfmonFileEvent) => {
    if (e.kind === 'header') {
      for (const x of e.usedCpu) usedCpu.add(x);
      for (const x of e.usedMemory) usedMemory.add(x);
      for (const x of e.ignored) ignored.add(x);
      hostSeries = [];
      fileHosts = [];
      for (const h of e.hosts) {
        const key = h.id.toLowerCase();
        fileHosts.push(key);
        let b = builders.get(key);
        if (!b) {
          b = new SeriesBuilder(h.id, f.label, e.line + 1, { memoryUsedGiB: h.avail, memoryFraction: h.committed }, 1024, budget);
          builders.set(key, b);
        } else b.ensure({ memoryUsedGiB: h.avail, memoryFraction: h.committed });
        hostSeries.push(b);
        if (h.avail) availHosts.add(key);
      }
    } else if (e.kind === 'rows') {
      const H = hostSeries.length;
      const { ts, cpu, avail, committed } = e;
      for (let i = 0, at = 0; i < e.n; i++, at += H) {
        const t = ts[i];
        for (let k = 0; k < H; k++) {
          const c = cpu[at + k];
          if (Number.isNaN(c)) continue;
          hostSeries[k].push(t, c, avail ? avail[at + k] : Number.NaN, committed ? committed[at + k] : Number.NaN);
        }
      }
      opts.onProgress?.({ label: 'reading perfmon CSV', unit: 'bytes', done: doneBytes + e.bytes, total: totalBytes });
    } else {
      issues.push(...e.issues);
      rows.read += e.rows.read;
      rows.accepted += e.rows.accepted;
      rows.rejected += e.rows.rejected;
      PERFMON_FAST_ROWS.taken += e.fastRows;
      doneBytes += e.bytes;
      if (fileHosts.length && fileHosts.every((k) => (builders.get(k)?.pushed ?? 0) === 0)) issues.push(issue('file.no-rows', 'warning', {}, { file: f.label, line: 1 }));
    }
  };

  const threads = readThreads(opts.threads, files.length);
  if (threads > 0 && files.length > 1 && totalBytes >= PERFMON_PARALLEL.minBytes) {
    const fast = PERFMON_FAST_ROWS.enabled;
    for await (const { job, event } of orderedJobs<PerfmonFileEvent>('perfmon-file', files.map((f) => ({ file: f, fast })), threads, co)) {
      apply(files[job], event);
      if (co.due()) await co.pause();
    }
  } else {
    for (const f of files) await readPerfmonFile(f, co, (e) => apply(f, e));
  }

  issues.push(issue('file.counters', 'info', { format: 'perfmon', hosts: builders.size, cpu: [...usedCpu].sort(), memory: [...usedMemory].sort(), ignored: [...ignored].sort() }, { file: label }));
  const series: TracedWorkload[] = [];
  for (const [key, b] of builders) {
    const samples = b.finish(TRACE_DEFAULTS.sampleStepSec.value);
    const t: TracedWorkload = { id: b.id, source: { file: b.file, line: b.line }, samples };
    // Available memory rode in the used-memory slot: it becomes memory used against the installed memory at the join.
    if (availHosts.has(key)) {
      if (samples.memoryUsedGiB) t.memoryAvailableGiB = samples.memoryUsedGiB;
      delete samples.memoryUsedGiB;
      if (samples.sketch?.memoryGiB) samples.sketch.memoryAvailable = true;
    }
    series.push(t);
  }
  series.sort(byId);
  const note = sketchNote(series, budget.limit, label);
  if (note) issues.push(note);
  return { format: 'perfmon', series, issues, rows, files: files.length };
}
