import { join } from 'node:path';
import type { Issue, RowAccounting } from '../model/issue.js';
import { issue, issueError } from '../model/issue.js';
import { readCsv } from './csv.js';
import { parseNumberCell } from './table.js';
import { SeriesBuilder } from './samples.js';
import { listTraceFiles, childLabel } from './folder.js';
import type { TracedWorkload, UtilizationLoad, UtilizationLoadOptions } from './utilization.js';
import { TRACE_DEFAULTS } from '../defaults/traces.js';
import { Cooperator } from '../util/cooperate.js';
import { MAX_TIMESTAMP_SEC } from './long.js';

/**
 * The Bitbrains GWA-T-12 layout: a folder of `N.csv` files (N = VM id), fields separated by
 * `;` + TAB, a header line, then one sample per line:
 * `Timestamp [ms]; CPU cores; CPU capacity provisioned [MHZ]; CPU usage [MHZ]; CPU usage [%];
 * Memory capacity provisioned [KB]; Memory usage [KB]; Disk read/write throughput [KB/s];
 * Network received/transmitted throughput [KB/s]`.
 * - The timestamp column says ms but holds Unix seconds: values below 1e11 are read as seconds,
 *   and that is reported once (`file.unit-detected`).
 * - The trace states each VM's capacity: cores = the largest `CPU cores` seen, clock = capacity
 *   MHz / cores, memory = the largest provisioned KB (KiB → GiB).
 * - A row with 0 cores or 0 MHz capacity (the VM was not provisioned then) is rejected with that
 *   reason, as is a row with a non-numeric value; it does not become a sample.
 */

interface BbCol {
  key: 'ts' | 'cores' | 'capMhz' | 'useMhz' | 'usePct' | 'memKb' | 'memUseKb' | 'netRx' | 'netTx';
  /** The column as GWA-T-12 names it (for messages). */
  name: string;
  match: RegExp;
  required?: boolean;
}

const BB_COLUMNS: BbCol[] = [
  { key: 'ts', name: 'Timestamp [ms]', match: /^timestamp/, required: true },
  { key: 'cores', name: 'CPU cores', match: /^cpu cores/, required: true },
  { key: 'capMhz', name: 'CPU capacity provisioned [MHZ]', match: /^cpu capacity provisioned/, required: true },
  { key: 'useMhz', name: 'CPU usage [MHZ]', match: /^cpu usage \[mhz\]/ },
  { key: 'usePct', name: 'CPU usage [%]', match: /^cpu usage \[%\]/ },
  { key: 'memKb', name: 'Memory capacity provisioned [KB]', match: /^memory capacity provisioned/, required: true },
  { key: 'memUseKb', name: 'Memory usage [KB]', match: /^memory usage/ },
  { key: 'netRx', name: 'Network received throughput [KB/s]', match: /^network received/ },
  { key: 'netTx', name: 'Network transmitted throughput [KB/s]', match: /^network transmitted/ },
];

/** True when a header line looks like GWA-T-12 (for format detection). */
export function isBitbrainsHeader(line: string): boolean {
  const h = line.toLowerCase();
  return h.includes('cpu capacity provisioned') && h.includes('memory capacity provisioned');
}

const KIB_PER_GIB = 1024 * 1024;

export async function loadBitbrains(dir: string, opts: UtilizationLoadOptions = {}): Promise<UtilizationLoad> {
  const label = opts.label ?? dir;
  const { files, skipped } = listTraceFiles(dir, label, (n) => /\.csv$/i.test(n));
  const issues: Issue[] = [];
  const rows: RowAccounting = { read: 0, accepted: 0, rejected: 0 };
  if (skipped.length) issues.push(issue('data.skipped', 'info', { what: 'files', files: skipped, expected: 'N.csv traces' }, { file: label }));
  const series: TracedWorkload[] = [];
  const co = opts.cooperator ?? new Cooperator({ signal: opts.signal });
  let secondsReported = false;
  for (let f = 0; f < files.length; f++) {
    const name = files[f];
    const file = childLabel(label, name);
    const id = name.replace(/\.csv$/i, '');
    let idx: Record<BbCol['key'], number> | undefined;
    let header: string[] = [];
    const b = new SeriesBuilder(id, file, 2, { memoryUsedGiB: true, netMbps: true }, 1024);
    let cores = 0;
    let capMhz = 0;
    let memKb = 0;
    let firstLine = 0;
    const reject = (i: Issue) => {
      rows.rejected++;
      issues.push(i);
    };
    for await (const rec of readCsv(join(dir, name), file, { delimiter: ';', cooperator: co })) {
      if (!idx) {
        if (rec.kind === 'skip') throw issueError('file.unreadable', { reason: 'header', problem: rec.problem }, { file, line: rec.line });
        header = rec.fields.map((h) => h.trim());
        const lower = header.map((h) => h.toLowerCase());
        const m = {} as Record<BbCol['key'], number>;
        for (const c of BB_COLUMNS) {
          m[c.key] = lower.findIndex((h) => c.match.test(h));
          if (c.required && m[c.key] < 0) throw issueError('file.missing-column', { found: header, hint: 'not-bitbrains' }, { file, line: rec.line, column: c.name });
        }
        idx = m;
        continue;
      }
      rows.read++;
      if (rec.kind === 'skip') {
        reject(issue('row.parse-error', 'error', { problem: rec.problem }, { file, line: rec.line, rawLine: rec.raw }));
        continue;
      }
      const fl = rec.fields;
      if (fl.length > header.length && fl.slice(header.length).some((x) => x.trim() !== '')) {
        reject(issue('row.column-count', 'error', { fields: fl.length, expected: header.length }, { file, line: rec.line, rawLine: rec.raw }));
        continue;
      }
      const vals = {} as Record<BbCol['key'], number>;
      let bad = false;
      for (const c of BB_COLUMNS) {
        const i = idx[c.key];
        if (i < 0) {
          vals[c.key] = Number.NaN;
          continue;
        }
        const raw = fl[i];
        const v = parseNumberCell(raw);
        if (v === undefined || Number.isNaN(v) || v < 0) {
          if (c.required || (raw !== undefined && raw.trim() !== '')) {
            const code = v === undefined ? 'row.missing-value' : Number.isNaN(v) ? 'row.invalid-number' : 'row.out-of-range';
            reject(issue(code, 'error', { expected: 'a number >= 0' }, { file, line: rec.line, column: header[i], raw: (raw ?? '').trim(), rawLine: rec.raw }));
            bad = true;
            break;
          }
          vals[c.key] = Number.NaN;
        } else vals[c.key] = v;
      }
      if (bad) continue;
      if (vals.cores <= 0 || vals.capMhz <= 0) {
        const col = vals.cores <= 0 ? header[idx.cores] : header[idx.capMhz];
        reject(issue('row.invalid-value', 'error', { problem: 'no-cpu-provisioned', expected: 'CPU cores > 0 and capacity > 0' }, { file, line: rec.line, column: col, raw: String(vals.cores <= 0 ? fl[idx.cores] : fl[idx.capMhz]).trim(), rawLine: rec.raw }));
        continue;
      }
      let ts = vals.ts;
      if (ts > 1e11) ts /= 1000;
      if (!(ts >= 0 && ts <= MAX_TIMESTAMP_SEC)) {
        reject(issue('row.invalid-timestamp', 'error', { expected: 'Unix seconds (or ms) between 1970 and 2100' }, { file, line: rec.line, column: header[idx.ts], raw: String(fl[idx.ts]).trim(), rawLine: rec.raw }));
        continue;
      }
      else if (!secondsReported) {
        secondsReported = true;
        issues.push(issue('file.unit-detected', 'info', { what: 'timestamp-seconds-not-ms' }, { file, line: rec.line, column: header[idx.ts] }));
      }
      const cpuFraction = !Number.isNaN(vals.usePct) ? vals.usePct / 100 : !Number.isNaN(vals.useMhz) ? vals.useMhz / vals.capMhz : Number.NaN;
      const net = !Number.isNaN(vals.netRx) || !Number.isNaN(vals.netTx) ? (((Number.isNaN(vals.netRx) ? 0 : vals.netRx) + (Number.isNaN(vals.netTx) ? 0 : vals.netTx)) * 8) / 1000 : Number.NaN;
      b.push(ts, cpuFraction, vals.memUseKb / KIB_PER_GIB, Number.NaN, Number.NaN, net);
      if (!firstLine) firstLine = rec.line;
      if (vals.cores > cores || (vals.cores === cores && vals.capMhz > capMhz)) {
        cores = vals.cores;
        capMhz = vals.capMhz;
      }
      if (vals.memKb > memKb) memKb = vals.memKb;
      rows.accepted++;
    }
    if (!idx) throw issueError('file.empty', { expected: 'a GWA-T-12 header line' }, { file });
    if (b.n === 0) issues.push(issue('file.no-rows', 'warning', {}, { file, line: 1 }));
    const t: TracedWorkload = { id, source: { file, line: firstLine || undefined }, samples: b.finish(TRACE_DEFAULTS.sampleStepSec.value) };
    if (cores > 0) {
      t.cores = cores;
      t.cpuGhz = capMhz / cores / 1000;
    }
    if (memKb > 0) t.memoryGiB = memKb / KIB_PER_GIB;
    series.push(t);
    opts.onProgress?.({ label: 'reading Bitbrains traces', unit: 'files', done: f + 1, total: files.length });
  }
  return { format: 'bitbrains', series, issues, rows, files: files.length };
}
