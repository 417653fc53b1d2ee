import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue, RowAccounting } from '../model/issue.js';
import { issue, issueError } from '../model/issue.js';
import { readHead, unreadableError } from './csv.js';
import { readLean, type LeanRecord } from './lines.js';
import { SampleBudget, SeriesBuilder } from './samples.js';
import { sketchNote } from './sketch-series.js';
import { logAdd, logQuantile, logSketch } from '../sizing/sketch.js';
import { SKETCH_DEFAULTS } from '../defaults/sketch.js';
import type { LogSketch } from '../model/workload.js';
import { listTraceFiles, childLabel } from './folder.js';
import { fastNumber, MAX_TIMESTAMP_SEC } from './long.js';
import { byId, type TracedWorkload, type UtilizationLoad, type UtilizationLoadOptions } from './utilization.js';
import { TRACE_DEFAULTS } from '../defaults/traces.js';
import { Cooperator } from '../util/cooperate.js';

/**
 * Linux sysstat, as `sadf` exports the daily `sa` files that `sar` collects:
 *
 * - `sadf -d /var/log/sa/saDD -- -u -r`: `;`-separated, one block per activity, each with a
 *   header line `# hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle`
 *   (or `-u ALL`: `%usr;...;%idle`), `# hostname;interval;timestamp;kbmemfree;kbavail;kbmemused;
 *   %memused;...` for `-r`. `sadf -dh` puts every activity on one line under one header. Rows of
 *   the blocks join by host and timestamp. A restart is a row
 *   `host;-1;timestamp;LINUX-RESTART\t(N CPU)`: it gives the number of CPUs. Other `#` lines are
 *   comments. Timestamps are `YYYY-MM-DD HH:MM:SS UTC` (sadf's default), Unix seconds (`-U`), or
 *   local time without a zone (`-T`: read as UTC, and said so).
 * - `sadf -j`: the same statistics as JSON (`sysstat.hosts[].statistics[]`: `timestamp`,
 *   `cpu-load` or `cpu-load-all` with `cpu: "all"`, `memory`), with `number-of-cpus` per host.
 *
 * CPU busy = 100 - %idle - %iowait (time waiting for I/O is idle CPU: it could have run other
 * work); `%steal` counts as busy (the time a VM wanted the CPU). Rows of single CPUs (`-P ALL`)
 * are read and not used. Memory in use: `kbmemused` (KiB), else `%memused`, else `kbavail`
 * against the installed memory; the installed memory the file states is kbmemused / %memused.
 * One file may hold several hosts; files of several days of a host (a folder of saDD exports)
 * are joined; several files may hold the same samples (repeated timestamps are dropped, counted).
 * A folder is read file by file into the series (loadStreamed), so a year of daily files does not
 * stay in memory; a file that joins or repeats samples of an earlier one makes the whole folder be
 * read again with every sample kept to the end (loadJoined).
 */

/** Whether a file head looks like sadf output: `-d` text or `-j` JSON. */
export function isSysstatHead(text: string): boolean {
  const t = text.replace(/^\ufeff/, '').trimStart();
  if (t.startsWith('{')) return /"sysstat"\s*:/.test(t.slice(0, 4096));
  for (const line of t.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (/^#\s*hostname;interval;timestamp;/i.test(line)) return true;
    return /^[^;#\s]+;-?\d+;(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|\d{9,11})/.test(line);
  }
  return false;
}

/**
 * A sadf timestamp in Unix seconds, and whether it was stated in UTC: `2024-03-04 10:10:01 UTC`,
 * Unix seconds, or local time without a zone (read as UTC). NaN when it is none of these.
 * @example sadfTime('2024-03-04 10:10:01 UTC') → { sec: 1709547001, utc: true }
 */
export function sadfTime(raw: string): { sec: number; utc: boolean } {
  const s = raw.trim();
  if (/^\d{9,11}$/.test(s)) {
    const sec = Number(s);
    return { sec: sec <= MAX_TIMESTAMP_SEC ? sec : Number.NaN, utc: true };
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\s*(UTC|Z))?$/i.exec(s);
  if (!m) return { sec: Number.NaN, utc: false };
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return { sec: Number.NaN, utc: false };
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return { sec: Number.NaN, utc: false };
  const sec = Date.UTC(y, mo - 1, d, h, mi, se) / 1000;
  return { sec: sec <= MAX_TIMESTAMP_SEC ? sec : Number.NaN, utc: m[7] !== undefined };
}

/** A number cell of sadf -d: a decimal point, or the decimal comma of a locale (`;` separates fields, so a comma cannot). */
function sadfNumber(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const v = fastNumber(raw);
  if (v === undefined || !Number.isNaN(v)) return v;
  const t = raw.trim();
  return /^-?\d+,\d+$/.test(t) ? Number(t.replace(',', '.')) : Number.NaN;
}

/** The metrics of sadf we read, by column name (lower case) and by sadf -j key. */
const CPU_IDLE = ['%idle'];
const CPU_IOWAIT = ['%iowait'];

/** Samples of one host, per metric, by timestamp (blocks of one file, and files, join on it). */
class HostSamples {
  readonly cpu = new Map<number, number>();
  readonly memUsedGiB = new Map<number, number>();
  readonly memFraction = new Map<number, number>();
  readonly memAvailGiB = new Map<number, number>();
  /** Installed memory the samples state (kbmemused / %memused), GiB. */
  readonly installedGiB: number[] = [];
  cpus = 0;
  duplicates = 0;
  constructor(
    readonly id: string,
    readonly file: string,
    readonly line: number,
  ) {}
  put(m: Map<number, number>, ts: number, v: number): void {
    if (m.has(ts)) this.duplicates++;
    else m.set(ts, v);
  }
}

interface FileState {
  hosts: Map<string, HostSamples>;
  issues: Issue[];
  rows: RowAccounting;
  used: { cpu: Set<string>; memory: Set<string> };
  ignored: Set<string>;
  /** Some timestamps had no zone (sadf -T). */
  localTimes: boolean;
  utcTimes: boolean;
  /** Hosts met in files read before, when `hosts` holds this file's only (the streamed load). */
  earlierHosts?: number;
}

function hostOf(st: FileState, id: string, file: string, line: number): HostSamples {
  const key = id.toLowerCase();
  let h = st.hosts.get(key);
  if (!h) {
    h = new HostSamples(id, file, line);
    st.hosts.set(key, h);
  }
  return h;
}

/** The installed memory a sample states: kbmemused / (%memused / 100), GiB. */
function installedOf(kbUsed: number, pctUsed: number): number | undefined {
  return pctUsed > 0 && kbUsed > 0 ? kbUsed / (pctUsed / 100) / 2 ** 20 : undefined;
}

/** Reads one `sadf -d` file. */
async function readSadfText(path: string, file: string, st: FileState, co: Cooperator): Promise<void> {
  // The current block's columns (a header line starts each block).
  let cols: string[] | undefined;
  let idx: Record<string, number> = {};
  let headerLine = 0;
  const at = (name: string) => idx[name] ?? -1;
  const reject = (r: LeanRecord, code: 'row.invalid-timestamp' | 'row.invalid-number' | 'row.out-of-range' | 'row.missing-value', column: string, raw: string, expected: string) => {
    st.rows.rejected++;
    st.issues.push(issue(code, 'error', { expected }, { file, line: r.line, column, raw, rawLine: r.raw }));
  };
  const onRecord = (r: LeanRecord) => {
    const first = r.fields[0] ?? '';
    if (first.startsWith('#')) {
      const names = r.fields.map((f, i) => (i === 0 ? f.replace(/^#\s*/, '') : f).trim());
      if (names[0].toLowerCase() === 'hostname' && names.length >= 3) {
        cols = names;
        headerLine = r.line;
        idx = {};
        names.forEach((n, i) => {
          const k = n.toLowerCase();
          if (idx[k] === undefined) idx[k] = i;
        });
        for (const n of names.slice(3)) {
          const k = n.toLowerCase();
          if (k === 'cpu' || CPU_IDLE.includes(k) || CPU_IOWAIT.includes(k) || k === 'kbmemused' || k === '%memused' || k === 'kbavail') continue;
          st.ignored.add(n);
        }
      }
      return; // a comment
    }
    st.rows.read++;
    const f = r.fields;
    // A restart: host;-1;timestamp;LINUX-RESTART\t(N CPU)
    const restart = /LINUX-RESTART\s*\((\d+) CPU\)/i.exec(f[3] ?? '');
    if (restart) {
      st.rows.accepted++;
      const h = hostOf(st, f[0].trim(), file, r.line);
      h.cpus = Math.max(h.cpus, Number(restart[1]));
      return;
    }
    if (!cols) {
      st.rows.rejected++;
      st.issues.push(issue('row.missing-value', 'error', { expected: 'a "# hostname;interval;timestamp;..." header line before the first row' }, { file, line: r.line, column: 'hostname', raw: first, rawLine: r.raw }));
      return;
    }
    const host = (f[0] ?? '').trim();
    if (host === '') return reject(r, 'row.missing-value', 'hostname', '', 'a host name');
    const t = sadfTime(f[2] ?? '');
    if (Number.isNaN(t.sec)) return reject(r, 'row.invalid-timestamp', cols[2] ?? 'timestamp', f[2] ?? '', 'YYYY-MM-DD HH:MM:SS UTC or Unix seconds');
    if (t.utc) st.utcTimes = true;
    else st.localTimes = true;
    const iCpu = at('cpu');
    // Rows of single CPUs (-P ALL) are not the machine's load.
    if (iCpu >= 0) {
      const c = (f[iCpu] ?? '').trim().toLowerCase();
      if (c !== '-1' && c !== 'all') {
        st.rows.accepted++;
        st.ignored.add('per-CPU rows (-P)');
        return;
      }
    }
    const num = (name: string, lo: number, hi: number, expected: string): number | undefined | null => {
      const i = at(name);
      if (i < 0 || i >= f.length) return undefined;
      const v = sadfNumber(f[i]);
      if (v === undefined) return undefined;
      if (Number.isNaN(v)) {
        reject(r, 'row.invalid-number', cols![i], f[i], expected);
        return null;
      }
      if (v < lo || v > hi) {
        reject(r, 'row.out-of-range', cols![i], f[i], expected);
        return null;
      }
      return v;
    };
    const idle = num('%idle', 0, 100, 'a percentage from 0 to 100');
    if (idle === null) return;
    const iowait = num('%iowait', 0, 100, 'a percentage from 0 to 100');
    if (iowait === null) return;
    const kbUsed = num('kbmemused', 0, Infinity, 'KiB >= 0');
    if (kbUsed === null) return;
    const pctUsed = num('%memused', 0, 100, 'a percentage from 0 to 100');
    if (pctUsed === null) return;
    const kbAvail = num('kbavail', 0, Infinity, 'KiB >= 0');
    if (kbAvail === null) return;
    st.rows.accepted++;
    const h = hostOf(st, host, file, r.line);
    if (idle !== undefined) {
      // Rounding may make %idle + %iowait pass 100 by a hundredth: busy is at least 0.
      h.put(h.cpu, t.sec, Math.max(0, 100 - idle - (iowait ?? 0)) / 100);
      st.used.cpu.add(iowait !== undefined ? '100 - %idle - %iowait' : '100 - %idle');
    }
    if (kbUsed !== undefined) {
      h.put(h.memUsedGiB, t.sec, kbUsed / 2 ** 20);
      st.used.memory.add('kbmemused');
      if (pctUsed !== undefined) {
        const inst = installedOf(kbUsed, pctUsed);
        if (inst !== undefined) h.installedGiB.push(inst);
      }
    } else if (pctUsed !== undefined) {
      h.put(h.memFraction, t.sec, pctUsed / 100);
      st.used.memory.add('%memused');
    } else if (kbAvail !== undefined) {
      h.put(h.memAvailGiB, t.sec, kbAvail / 2 ** 20);
      st.used.memory.add('kbavail');
    }
  };
  await readLean(path, file, { delimiter: ';', cooperator: co }, onRecord, (s) => {
    st.rows.read++;
    st.rows.rejected++;
    st.issues.push(issue('row.parse-error', 'error', { problem: s.problem }, { file, line: s.line, rawLine: s.raw }));
  });
  if (!headerLine && st.hosts.size === 0 && !st.earlierHosts) throw issueError('file.empty', { expected: 'sadf -d output: a "# hostname;interval;timestamp;..." header and rows' }, { file });
}

type Json = Record<string, unknown>;
const isObj = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Reads one `sadf -j` file. Rows are the `statistics` entries; issues point at them by path. */
async function readSadfJson(path: string, file: string, st: FileState, co: Cooperator): Promise<void> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8').replace(/^\ufeff/, ''));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code) throw unreadableError(e, file);
    throw issueError('file.unreadable', { reason: 'header', problem: { kind: 'parser', parserCode: 'JSON' } }, { file });
  }
  const hosts = isObj(doc) && isObj(doc.sysstat) && Array.isArray(doc.sysstat.hosts) ? doc.sysstat.hosts : undefined;
  if (!hosts) throw issueError('file.missing-column', { expected: 'sadf -j output: {"sysstat": {"hosts": [...]}}', found: isObj(doc) ? Object.keys(doc) : [] }, { file, column: 'sysstat.hosts' });
  for (let hi = 0; hi < hosts.length; hi++) {
    const hj = hosts[hi];
    if (!isObj(hj)) continue;
    const name = typeof hj.nodename === 'string' ? hj.nodename : '';
    const stats = Array.isArray(hj.statistics) ? hj.statistics : [];
    const h = name !== '' ? hostOf(st, name, file, 1) : undefined;
    const cpus = Number(hj['number-of-cpus']);
    if (h && Number.isFinite(cpus) && cpus > 0) h.cpus = Math.max(h.cpus, cpus);
    for (let k = 0; k < stats.length; k++) {
      if (co.due()) await co.pause();
      const s = stats[k];
      const where = { file, path: ['sysstat', 'hosts', hi, 'statistics', k] as (string | number)[] };
      st.rows.read++;
      const reject = (code: 'row.invalid-timestamp' | 'row.invalid-number' | 'row.missing-value' | 'row.out-of-range', column: string, raw: unknown, expected: string) => {
        st.rows.rejected++;
        st.issues.push(issue(code, 'error', { expected }, { ...where, column, raw: raw === undefined ? '' : JSON.stringify(raw) }));
      };
      if (!h) {
        reject('row.missing-value', 'nodename', '', 'a host name (nodename)');
        continue;
      }
      if (!isObj(s) || !isObj(s.timestamp)) {
        reject('row.invalid-timestamp', 'timestamp', s, 'a statistics entry with a timestamp');
        continue;
      }
      const tsj = s.timestamp;
      const utc = tsj.utc === 1 || tsj.utc === true;
      const t = sadfTime(`${String(tsj.date ?? '')} ${String(tsj.time ?? '')}`);
      if (Number.isNaN(t.sec)) {
        reject('row.invalid-timestamp', 'timestamp', tsj, 'timestamp.date YYYY-MM-DD and timestamp.time HH:MM:SS');
        continue;
      }
      if (utc) st.utcTimes = true;
      else st.localTimes = true;
      const loads = (Array.isArray(s['cpu-load']) ? s['cpu-load'] : Array.isArray(s['cpu-load-all']) ? s['cpu-load-all'] : []) as unknown[];
      const all = loads.find((x) => isObj(x) && (x.cpu === 'all' || x.cpu === -1)) as Json | undefined;
      const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
      let cpu: number | undefined;
      if (all) {
        if (!finite(all.idle) || (all.idle as number) < 0 || (all.idle as number) > 100) {
          reject(finite(all.idle) ? 'row.out-of-range' : 'row.invalid-number', 'cpu-load.idle', all.idle, 'a percentage from 0 to 100');
          continue;
        }
        const iow = finite(all.iowait) ? (all.iowait as number) : 0;
        cpu = Math.max(0, 100 - (all.idle as number) - iow) / 100;
        st.used.cpu.add(finite(all.iowait) ? '100 - idle - iowait' : '100 - idle');
      }
      const mem = isObj(s.memory) ? s.memory : undefined;
      const bad = mem && (['memused', 'memused-percent', 'avail'] as const).find((k) => mem[k] !== undefined && (!finite(mem[k]) || (mem[k] as number) < 0));
      if (bad) {
        reject('row.invalid-number', `memory.${bad}`, mem[bad], 'a number >= 0');
        continue;
      }
      st.rows.accepted++;
      if (cpu !== undefined) h.put(h.cpu, t.sec, cpu);
      for (const key of Object.keys(s)) if (key !== 'timestamp' && key !== 'cpu-load' && key !== 'cpu-load-all' && key !== 'memory') st.ignored.add(key);
      if (mem) {
        if (finite(mem.memused)) {
          h.put(h.memUsedGiB, t.sec, (mem.memused as number) / 2 ** 20);
          st.used.memory.add('memory.memused');
          const inst = finite(mem['memused-percent']) ? installedOf(mem.memused as number, mem['memused-percent'] as number) : undefined;
          if (inst !== undefined) h.installedGiB.push(inst);
        } else if (finite(mem['memused-percent'])) {
          h.put(h.memFraction, t.sec, (mem['memused-percent'] as number) / 100);
          st.used.memory.add('memory.memused-percent');
        } else if (finite(mem.avail)) {
          h.put(h.memAvailGiB, t.sec, (mem.avail as number) / 2 ** 20);
          st.used.memory.add('memory.avail');
        }
      }
    }
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The sysstat files of a path: the file itself, or the sadf exports of a folder. */
function sysstatFiles(path: string, label: string): { files: { path: string; label: string }[]; skipped: string[] } {
  if (!statSync(path).isDirectory()) return { files: [{ path, label }], skipped: [] };
  const { files, skipped } = listTraceFiles(path, label, (n) => isSysstatHead(readHead(join(path, n), 4096)));
  return { files: files.map((n) => ({ path: join(path, n), label: childLabel(label, n) })), skipped };
}

/** Reads one file into `st`. */
async function readSadf(f: { path: string; label: string }, st: FileState, co: Cooperator): Promise<void> {
  if (isSysstatHead(readHead(f.path, 4096)) && readHead(f.path, 64).replace(/^\ufeff/, '').trimStart().startsWith('{')) await readSadfJson(f.path, f.label, st, co);
  else await readSadfText(f.path, f.label, st, co);
}

function newState(): FileState {
  return { hosts: new Map(), issues: [], rows: { read: 0, accepted: 0, rejected: 0 }, used: { cpu: new Set(), memory: new Set() }, ignored: new Set(), localTimes: false, utcTimes: false };
}

/** The load's last issues (time zone, counters) and result. */
function finishLoad(st: FileState, label: string, hosts: number, series: TracedWorkload[], files: number): UtilizationLoad {
  st.issues.push(issue('file.time-zone', st.localTimes ? 'warning' : 'info', st.localTimes ? {} : { utc: true }, { file: label }));
  st.issues.push(issue('file.counters', 'info', { format: 'sysstat', hosts, cpu: [...st.used.cpu].sort(), memory: [...st.used.memory].sort(), ignored: [...st.ignored].sort() }, { file: label }));
  series.sort(byId);
  return { format: 'sysstat', series, issues: st.issues, rows: st.rows, files };
}

/**
 * Whether loads are streamed (loadStreamed) first, and how many streamed loads were handed to the
 * joined reader in this process: tests turn streaming off to check that both give the same load.
 */
export const SYSSTAT_STREAM = { enabled: true, fellBack: 0 };

/**
 * Where the span lo..hi goes among sorted, disjoint spans (flat: from, to, ...): the index to insert
 * it at, or -1 when it overlaps one of them.
 */
function spanAt(spans: readonly number[], lo: number, hi: number): number {
  // The first span that ends at or after lo (spans are disjoint and sorted, so their ends are sorted too).
  let a = 0;
  let b = spans.length / 2;
  while (a < b) {
    const m = (a + b) >> 1;
    if (spans[2 * m + 1] < lo) a = m + 1;
    else b = m;
  }
  if (a < spans.length / 2 && spans[2 * a] <= hi) return -1;
  return 2 * a;
}

/** The first and last time a file holds for a host, in any block (lo > hi when none). */
function spanOf(h: HostSamples): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of [h.cpu, h.memUsedGiB, h.memFraction, h.memAvailGiB]) {
    for (const t of m.keys()) {
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
  }
  return [lo, hi];
}

/** One host of a streamed load: where it was first met, what has gone into its series so far. */
interface StreamedHost {
  id: string;
  file: string;
  line: number;
  b: SeriesBuilder;
  /**
   * The spans of timestamps of the files folded so far, one per file, sorted and apart (flat:
   * from, to, from, to, ...): a later file with a timestamp inside one joins or repeats samples,
   * and the joined reader then decides.
   */
  spans: number[];
  /** Which memory the series carries: used (kbmemused) or available (kbavail), once a file has said. */
  memory?: 'used' | 'available';
  duplicates: number;
  cpus: number;
  /** Installed memory the samples state, GiB: every value, until the load is sketched, then a sketch of them. */
  installed: number[];
  installedSketch?: LogSketch;
}

/**
 * Reads the files one by one, folding each file's samples (its blocks joined by timestamp) into
 * the hosts' series as soon as the file is read, with the load's sample budget (past it the series
 * are sketched, docs/models.md#sample-sketch), so memory does not grow with a year of files.
 * Undefined when a file holds timestamps inside the span already folded for one of its hosts (a
 * join or repeat across files), or available memory for a host whose used memory came first or
 * the other way round: then the files are read again by `loadJoined`, which keeps every sample
 * until the end. Below the budget both give the same load.
 */
async function loadStreamed(files: readonly { path: string; label: string }[], skipped: string[], label: string, opts: UtilizationLoadOptions, co: Cooperator): Promise<UtilizationLoad | undefined> {
  const st = newState();
  if (skipped.length) st.issues.push(issue('data.skipped', 'info', { what: 'files', files: skipped, expected: 'sysstat files' }, { file: label }));
  const budget = new SampleBudget(opts.sampleBudget);
  const hosts = new Map<string, StreamedHost>();
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const before = st.rows.read;
    const fst: FileState = { ...st, hosts: new Map(), earlierHosts: hosts.size };
    await readSadf(f, fst, co);
    st.localTimes ||= fst.localTimes;
    st.utcTimes ||= fst.utcTimes;
    if (st.rows.read === before) st.issues.push(issue('file.no-rows', 'warning', {}, { file: f.label, line: 1 }));
    // Check every host of the file before folding any; where each host's span of the file goes among its spans.
    const folds: { key: string; fh: HostSamples; lo: number; hi: number; at: number }[] = [];
    for (const [key, fh] of fst.hosts) {
      const g = hosts.get(key);
      const [lo, hi] = spanOf(fh);
      const at = g && lo <= hi ? spanAt(g.spans, lo, hi) : 0;
      if (at < 0) return undefined;
      // Used memory after available memory: the joined reader uses the used memory for every sample of the host.
      if (g?.memory === 'available' && fh.memUsedGiB.size > 0) return undefined;
      folds.push({ key, fh, lo, hi, at });
    }
    for (const { key, fh, lo, hi, at } of folds) {
      let g = hosts.get(key);
      if (!g) {
        g = { id: fh.id, file: fh.file, line: fh.line, b: new SeriesBuilder(fh.id, fh.file, fh.line, {}, 16, budget), spans: [], duplicates: 0, cpus: 0, installed: [] };
        hosts.set(key, g);
      }
      if (lo <= hi) g.spans.splice(at, 0, lo, hi);
      if (g.memory === undefined) g.memory = fh.memUsedGiB.size > 0 ? 'used' : fh.memAvailGiB.size > 0 ? 'available' : undefined;
      const memSlot = g.memory === 'available' ? fh.memAvailGiB : fh.memUsedGiB;
      g.b.ensure({ memoryUsedGiB: memSlot.size > 0, memoryFraction: fh.memFraction.size > 0 });
      const ts = [...fh.cpu.keys()].sort((a, b) => a - b);
      // Available memory rides in the used-memory slot until the join turns it into memory used.
      for (const t of ts) g.b.push(t, fh.cpu.get(t)!, memSlot.get(t) ?? Number.NaN, fh.memFraction.get(t) ?? Number.NaN);
      g.duplicates += fh.duplicates;
      g.cpus = Math.max(g.cpus, fh.cpus);
      if (g.installedSketch) for (const v of fh.installedGiB) logAdd(g.installedSketch, v);
      else g.installed.push(...fh.installedGiB);
    }
    // Once the load is sketched, the installed memory of each host is sketched too (within memoryRelativeError).
    if (budget.sketching) {
      for (const g of hosts.values()) {
        if (g.installedSketch) continue;
        g.installedSketch = logSketch(SKETCH_DEFAULTS.memoryRelativeError.value);
        for (const v of g.installed) logAdd(g.installedSketch, v);
        g.installed = [];
      }
    }
    opts.onProgress?.({ label: 'reading sysstat exports', unit: 'files', done: i + 1, total: files.length });
  }
  const series: TracedWorkload[] = [];
  for (const g of hosts.values()) {
    if (co.due()) await co.pause();
    const samples = g.b.finish(TRACE_DEFAULTS.sampleStepSec.value);
    if (g.duplicates) samples.duplicateTimestamps = (samples.duplicateTimestamps ?? 0) + g.duplicates;
    const t: TracedWorkload = { id: g.id, source: { file: g.file, line: g.line }, samples };
    if (g.memory === 'available') {
      if (samples.memoryUsedGiB) t.memoryAvailableGiB = samples.memoryUsedGiB;
      delete samples.memoryUsedGiB;
      if (samples.sketch?.memoryGiB) samples.sketch.memoryAvailable = true;
    }
    if (g.cpus > 0) t.cores = g.cpus;
    if (g.installedSketch && g.installedSketch.n > 0) t.memoryGiB = logQuantile(g.installedSketch, 0.5);
    else if (g.installed.length) t.memoryGiB = median(g.installed);
    series.push(t);
  }
  const load = finishLoad(st, label, hosts.size, series, files.length);
  const note = sketchNote(load.series, budget.limit, label);
  if (note) load.issues.push(note);
  return load;
}

/** Loads a sadf export (`-d` or `-j`), or a folder of them: streamed, or joined when a file joins or repeats samples of another. */
export async function loadSysstat(path: string, opts: UtilizationLoadOptions = {}): Promise<UtilizationLoad> {
  const label = opts.label ?? path;
  const { files, skipped } = sysstatFiles(path, label);
  const co = opts.cooperator ?? new Cooperator({ signal: opts.signal });
  co.check();
  const streamed = SYSSTAT_STREAM.enabled ? await loadStreamed(files, skipped, label, opts, co) : undefined;
  if (streamed) return streamed;
  if (SYSSTAT_STREAM.enabled) SYSSTAT_STREAM.fellBack++;
  return loadJoined(files, skipped, label, opts, co);
}

/** Every sample of every file kept by host and timestamp, joined at the end (the blocks of one timestamp may lie in several files). */
async function loadJoined(files: readonly { path: string; label: string }[], skipped: string[], label: string, opts: UtilizationLoadOptions, co: Cooperator): Promise<UtilizationLoad> {
  const st = newState();
  if (skipped.length) st.issues.push(issue('data.skipped', 'info', { what: 'files', files: skipped, expected: 'sysstat files' }, { file: label }));
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const before = st.rows.read;
    await readSadf(f, st, co);
    if (st.rows.read === before) st.issues.push(issue('file.no-rows', 'warning', {}, { file: f.label, line: 1 }));
    opts.onProgress?.({ label: 'reading sysstat exports', unit: 'files', done: i + 1, total: files.length });
  }
  const series: TracedWorkload[] = [];
  for (const h of st.hosts.values()) {
    if (co.due()) await co.pause();
    const ts = [...h.cpu.keys()].sort((a, b) => a - b);
    const b = new SeriesBuilder(h.id, h.file, h.line, { memoryUsedGiB: h.memUsedGiB.size > 0 || h.memAvailGiB.size > 0, memoryFraction: h.memFraction.size > 0 }, Math.max(1, ts.length));
    // Available memory rides in the used-memory slot until the join turns it into memory used.
    const memSlot = h.memUsedGiB.size > 0 ? h.memUsedGiB : h.memAvailGiB;
    for (const t of ts) b.push(t, h.cpu.get(t)!, memSlot.get(t) ?? Number.NaN, h.memFraction.get(t) ?? Number.NaN);
    const samples = b.finish(TRACE_DEFAULTS.sampleStepSec.value);
    if (h.duplicates) samples.duplicateTimestamps = (samples.duplicateTimestamps ?? 0) + h.duplicates;
    const t: TracedWorkload = { id: h.id, source: { file: h.file, line: h.line }, samples };
    if (h.memUsedGiB.size === 0 && h.memAvailGiB.size > 0) {
      if (samples.memoryUsedGiB) t.memoryAvailableGiB = samples.memoryUsedGiB;
      delete samples.memoryUsedGiB;
    }
    if (h.cpus > 0) t.cores = h.cpus;
    if (h.installedGiB.length) t.memoryGiB = median(h.installedGiB);
    series.push(t);
  }
  return finishLoad(st, label, st.hosts.size, series, files.length);
}

