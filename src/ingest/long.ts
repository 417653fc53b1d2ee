import type { Issue, RowAccounting } from '../model/issue.js';
import { issue, issueError } from '../model/issue.js';
import { readHead, sniffDelimiter } from './csv.js';
import { normalizeHeader, parseNumberCell } from './table.js';
import { readLean } from './lines.js';
import { SeriesSet } from './samples.js';
import { byId, type TracedWorkload, type UtilizationLoad, type UtilizationLoadOptions } from './utilization.js';
import { TRACE_DEFAULTS } from '../defaults/traces.js';
import { Cooperator } from '../util/cooperate.js';

/**
 * The long utilization CSV: one row per sample,
 * `timestamp,id,cpu_pct[,memory_used_gb|memory_pct][,disk_iops][,net_mbps]`, rows in any order.
 * Timestamps are ISO 8601 (`2024-03-01T10:05:00Z`, `2024-03-01 10:05`, offsets allowed; no
 * offset = UTC) or Unix seconds (values above 1e11 are read as Unix milliseconds, and that is
 * reported once per file as `file.unit-detected`). `cpu_pct` is 0..100 of the server's capacity;
 * values outside 0..100 are kept and counted by the data-quality stage, not rejected.
 * Rejected (severity error, with file/line/column): unparseable row, extra fields, empty id,
 * bad timestamp, non-numeric value, negative memory or I/O, memory_pct outside 0..100.
 */

interface Col {
  key: 'timestamp' | 'id' | 'cpu_pct' | 'memory_used_gb' | 'memory_pct' | 'disk_iops' | 'net_mbps';
  names: string[];
  required?: boolean;
}

export const LONG_COLUMNS: Col[] = [
  { key: 'timestamp', names: ['timestamp', 'time', 'ts', 'datetime'], required: true },
  { key: 'id', names: ['id', 'server', 'hostname', 'name', 'vm'], required: true },
  { key: 'cpu_pct', names: ['cpu_pct', 'cpu_util_pct', 'cpu_percent', 'cpu'], required: true },
  { key: 'memory_used_gb', names: ['memory_used_gb', 'memory_used_gib', 'mem_used_gb'] },
  { key: 'memory_pct', names: ['memory_pct', 'mem_pct', 'memory_util_pct'] },
  { key: 'disk_iops', names: ['disk_iops', 'iops'] },
  { key: 'net_mbps', names: ['net_mbps', 'network_mbps'] },
];

/** Every column of the long utilization CSV (for --help): memory as GB used or as a percent. */
export const LONG_CSV_COLUMNS = `${LONG_COLUMNS.filter((c) => c.required).map((c) => c.key).join(', ')}; optional: ${LONG_COLUMNS.filter((c) => !c.required).map((c) => c.key).join(', ')}`;

export const LONG_DESCRIBE = 'timestamp,id,cpu_pct[,memory_used_gb|memory_pct][,disk_iops][,net_mbps]';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses a timestamp cell into Unix seconds: ISO 8601 (no offset = UTC) or Unix seconds;
 * numbers above 1e11 are Unix milliseconds. Returns NaN when it is neither.
 * @example parseTimestamp('2024-03-01T00:05:00Z') === 1709251500
 * @example parseTimestamp('1709251500') === 1709251500
 * @example parseTimestamp('2024-03-01 01:05+01:00') === 1709251500
 */
/**
 * Latest plausible sample time: 2100-01-01T00:00:00Z in Unix seconds. Samples outside
 * 1970..2100 are rejected as invalid timestamps, so a stray value cannot stretch the time grid.
 */
export const MAX_TIMESTAMP_SEC = 4_102_444_800;

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

/**
 * A fast strict number parser for the hot loop: the same answers as `parseNumberCell` (sign,
 * digits, one decimal point, exponent; surrounding spaces allowed; empty → undefined; anything
 * else, including hex/binary/octal literals and Infinity → NaN), without a regular expression
 * for the common case.
 * @example fastNumber(' 12.5 ') === 12.5; Number.isNaN(fastNumber('0x10')) === true
 */
export function fastNumber(s: string): number | undefined {
  const n = Number(s);
  if (n === 0 || !Number.isFinite(n)) return parseNumberCell(s); // '', '  ', '0x0', 'Infinity', ... take the strict path
  // Number() also accepts 0x.., 0b.., 0o.. (unsigned only): reject them.
  const t = s.charCodeAt(0) === 48 ? s : s.trimStart();
  if (t.charCodeAt(0) === 48 && t.length > 1) {
    const c = t.charCodeAt(1) | 32;
    if (c === 120 || c === 98 || c === 111) return Number.NaN;
  }
  return n;
}

/** Loads a long utilization CSV. Bad rows become Issues; good rows go on. */
export async function loadLongCsv(path: string, opts: UtilizationLoadOptions = {}): Promise<UtilizationLoad> {
  const label = opts.label ?? path;
  const head = readHead(path);
  const delimiter = sniffDelimiter(head);
  const issues: Issue[] = [];
  const rows: RowAccounting = { read: 0, accepted: 0, rejected: 0 };
  let header: string[] | undefined;
  let idx: Record<Col['key'], number> = { timestamp: -1, id: -1, cpu_pct: -1, memory_used_gb: -1, memory_pct: -1, disk_iops: -1, net_mbps: -1 };
  let set: SeriesSet | undefined;
  let msReported = false;
  const tsCache = new Map<string, number>();
  const co = opts.cooperator ?? new Cooperator({ signal: opts.signal });

  const reject = (line: number, code: 'row.column-count' | 'row.missing-value' | 'row.invalid-timestamp' | 'row.invalid-number' | 'row.out-of-range', column: string | undefined, raw: string | undefined, rawLine: string, expected: string, fields?: number) => {
    rows.rejected++;
    if (code === 'row.column-count') issues.push(issue(code, 'error', { fields: fields ?? 0, expected: Number(expected) }, { file: label, line, rawLine }));
    else issues.push(issue(code, 'error', { expected }, { file: label, line, column, raw, rawLine }));
  };

  const num = (fields: string[], i: number): number | undefined => (i >= 0 && i < fields.length ? fastNumber(fields[i]) : undefined);

  await readLean(
    path,
    label,
    { delimiter, signal: opts.signal, cooperator: co, onBytes: opts.onProgress ? (done, total) => opts.onProgress!({ label: 'reading utilization', unit: 'bytes', done, total }) : undefined },
    (r) => {
      if (!header) {
        header = r.fields.map(normalizeHeader);
        const dup = header.find((h, i) => h !== '' && header!.indexOf(h) !== i);
        if (dup !== undefined) throw issueError('file.duplicate-column', {}, { file: label, line: r.line, column: dup });
        for (const c of LONG_COLUMNS) {
          idx[c.key] = header.findIndex((h) => c.names.includes(h));
          if (c.required && idx[c.key] < 0) throw issueError('file.missing-column', { expected: LONG_DESCRIBE, found: header }, { file: label, line: r.line, column: c.names[0] });
        }
        const used = new Set(Object.values(idx));
        header.forEach((h, i) => {
          if (h !== '' && !used.has(i)) issues.push(issue('file.unknown-column', 'warning', {}, { file: label, line: r.line, column: h }));
        });
        set = new SeriesSet({ memoryUsedGiB: idx.memory_used_gb >= 0, memoryFraction: idx.memory_pct >= 0, diskIops: idx.disk_iops >= 0, netMbps: idx.net_mbps >= 0 });
        return;
      }
      rows.read++;
      const f = r.fields;
      if (f.length > header.length) {
        for (let k = header.length; k < f.length; k++) {
          if (f[k].trim() !== '') return reject(r.line, 'row.column-count', undefined, undefined, r.raw, String(header.length), f.length);
        }
      }
      const id = idx.id < f.length ? f[idx.id].trim() : '';
      if (id === '') return reject(r.line, 'row.missing-value', 'id', '', r.raw, 'a server id');
      const tsRaw = idx.timestamp < f.length ? f[idx.timestamp] : '';
      let ts = tsCache.get(tsRaw);
      if (ts === undefined) {
        const p = parseTimestamp(tsRaw);
        if (Number.isNaN(p.sec)) return reject(r.line, tsRaw.trim() === '' ? 'row.missing-value' : 'row.invalid-timestamp', 'timestamp', tsRaw, r.raw, 'an ISO 8601 timestamp or Unix seconds');
        if (p.ms && !msReported) {
          msReported = true;
          issues.push(issue('file.unit-detected', 'info', { what: 'timestamp-ms' }, { file: label, line: r.line, column: 'timestamp' }));
        }
        ts = p.sec;
        if (tsCache.size < 100_000) tsCache.set(tsRaw, ts);
      }
      const cpu = num(f, idx.cpu_pct);
      if (cpu === undefined) return reject(r.line, 'row.missing-value', 'cpu_pct', '', r.raw, 'a CPU percentage');
      if (Number.isNaN(cpu)) return reject(r.line, 'row.invalid-number', 'cpu_pct', f[idx.cpu_pct], r.raw, 'a CPU percentage (0..100)');
      let mem = Number.NaN;
      let memFrac = Number.NaN;
      let disk = Number.NaN;
      let net = Number.NaN;
      if (idx.memory_used_gb >= 0) {
        const v = num(f, idx.memory_used_gb);
        if (v !== undefined) {
          if (Number.isNaN(v)) return reject(r.line, 'row.invalid-number', 'memory_used_gb', f[idx.memory_used_gb], r.raw, 'memory in GB >= 0');
          if (v < 0) return reject(r.line, 'row.out-of-range', 'memory_used_gb', f[idx.memory_used_gb], r.raw, 'memory in GB >= 0');
          mem = v;
        }
      }
      if (idx.memory_pct >= 0) {
        const v = num(f, idx.memory_pct);
        if (v !== undefined) {
          if (Number.isNaN(v)) return reject(r.line, 'row.invalid-number', 'memory_pct', f[idx.memory_pct], r.raw, 'a percentage from 0 to 100');
          if (v < 0 || v > 100) return reject(r.line, 'row.out-of-range', 'memory_pct', f[idx.memory_pct], r.raw, 'a percentage from 0 to 100');
          memFrac = v / 100;
        }
      }
      for (const [key, set_] of [['disk_iops', (v: number) => (disk = v)], ['net_mbps', (v: number) => (net = v)]] as const) {
        if (idx[key] < 0) continue;
        const v = num(f, idx[key]);
        if (v === undefined) continue;
        if (Number.isNaN(v)) return reject(r.line, 'row.invalid-number', key, f[idx[key]], r.raw, 'a number >= 0');
        if (v < 0) return reject(r.line, 'row.out-of-range', key, f[idx[key]], r.raw, 'a number >= 0');
        set_(v);
      }
      rows.accepted++;
      set!.get(id, label, r.line).push(ts, cpu / 100, mem, memFrac, disk, net);
    },
    (s) => {
      if (!header) throw issueError('file.unreadable', { reason: 'header', problem: s.problem }, { file: label, line: s.line });
      rows.read++;
      rows.rejected++;
      issues.push(issue('row.parse-error', 'error', { problem: s.problem }, { file: label, line: s.line, rawLine: s.raw }));
    },
  );
  if (!header) throw issueError('file.empty', { expected: `a header line and at least one row (columns: ${LONG_DESCRIBE})` }, { file: label });
  if (rows.read === 0) issues.push(issue('file.no-rows', 'warning', {}, { file: label, line: 1 }));
  const series: TracedWorkload[] = [];
  for (const b of set!.byId.values()) {
    series.push({ id: b.id, source: { file: b.file, line: b.line }, samples: b.finish(TRACE_DEFAULTS.sampleStepSec.value) });
    if (co.due()) await co.pause();
  }
  series.sort(byId);
  return { format: 'long', series, issues, rows, files: 1 };
}
