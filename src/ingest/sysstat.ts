import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue, RowAccounting } from '../model/issue.js';
import { issue, issueError } from '../model/issue.js';
import { readHead, unreadableError } from './csv.js';
import { readLean, type LeanRecord } from './lines.js';
import { SeriesBuilder } from './samples.js';
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
  if (!headerLine && st.hosts.size === 0) throw issueError('file.empty', { expected: 'sadf -d output: a "# hostname;interval;timestamp;..." header and rows' }, { file });
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

/** Loads a sadf export (`-d` or `-j`), or a folder of them. */
export async function loadSysstat(path: string, opts: UtilizationLoadOptions = {}): Promise<UtilizationLoad> {
  const label = opts.label ?? path;
  const { files, skipped } = sysstatFiles(path, label);
  const co = opts.cooperator ?? new Cooperator({ signal: opts.signal });
  co.check();
  const st: FileState = { hosts: new Map(), issues: [], rows: { read: 0, accepted: 0, rejected: 0 }, used: { cpu: new Set(), memory: new Set() }, ignored: new Set(), localTimes: false, utcTimes: false };
  if (skipped.length) st.issues.push(issue('data.skipped', 'info', { what: 'files', files: skipped, expected: 'sysstat files' }, { file: label }));
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const before = st.rows.read;
    if (isSysstatHead(readHead(f.path, 4096)) && readHead(f.path, 64).replace(/^\ufeff/, '').trimStart().startsWith('{')) await readSadfJson(f.path, f.label, st, co);
    else await readSadfText(f.path, f.label, st, co);
    if (st.rows.read === before) st.issues.push(issue('file.no-rows', 'warning', {}, { file: f.label, line: 1 }));
    opts.onProgress?.({ label: 'reading sysstat exports', unit: 'files', done: i + 1, total: files.length });
  }
  st.issues.push(issue('file.time-zone', st.localTimes ? 'warning' : 'info', st.localTimes ? {} : { utc: true }, { file: label }));
  st.issues.push(issue('file.counters', 'info', { format: 'sysstat', hosts: st.hosts.size, cpu: [...st.used.cpu].sort(), memory: [...st.used.memory].sort(), ignored: [...st.ignored].sort() }, { file: label }));
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
  series.sort(byId);
  return { format: 'sysstat', series, issues: st.issues, rows: st.rows, files: files.length };
}

