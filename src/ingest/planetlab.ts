import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue, RowAccounting } from '../model/issue.js';
import { issue } from '../model/issue.js';
import { parseNumberCell } from './table.js';
import { SeriesBuilder } from './samples.js';
import { listTraceFiles, childLabel } from './folder.js';
import type { TracedWorkload, UtilizationLoad, UtilizationLoadOptions } from './utilization.js';
import { TRACE_DEFAULTS } from '../defaults/traces.js';
import { Cooperator } from '../util/cooperate.js';

/**
 * The CloudSim PlanetLab layout: a folder with one file per VM, named by its id (names may hold
 * spaces; no extension), no header, one CPU percent per line at 5-minute steps.
 * Line k (1-based) is the sample at (k - 1) x 300 s from the start of the trace: the files carry
 * no dates, so time-of-day buckets are relative to the trace start (midnight for CloudSim's day
 * folders). Every non-empty line is a row; an empty line is a missing sample (it counts against
 * coverage). A line that is not a number, or a negative one, is rejected (column `cpu_pct`).
 * Values above 100 are kept and counted by the data-quality stage.
 * The trace states no capacity: without --servers each file becomes a 1-vCPU workload (see
 * `--vm-cores`, `--vm-memory-gb`, src/defaults/traces.ts), marked as assumed.
 */
export async function loadPlanetLab(dir: string, opts: UtilizationLoadOptions = {}): Promise<UtilizationLoad> {
  const label = opts.label ?? dir;
  const { files, skipped } = listTraceFiles(dir, label);
  const issues: Issue[] = [];
  const rows: RowAccounting = { read: 0, accepted: 0, rejected: 0 };
  if (skipped.length) issues.push(issue('data.skipped', 'info', { what: 'files', files: skipped, expected: 'traces' }, { file: label }));
  const step = TRACE_DEFAULTS.sampleStepSec.value;
  const co = opts.cooperator ?? new Cooperator({ signal: opts.signal });
  co.check();
  const series: TracedWorkload[] = [];
  for (let f = 0; f < files.length; f++) {
    if (co.due()) await co.pause();
    const name = files[f];
    const file = childLabel(label, name);
    let text = readFileSync(join(dir, name), 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const lines = text.split(/\r\n|\n|\r/);
    if (lines.length && lines[lines.length - 1] === '') lines.pop();
    const b = new SeriesBuilder(name, file, 1, {}, Math.max(1, lines.length));
    for (let k = 0; k < lines.length; k++) {
      const raw = lines[k];
      if (raw.trim() === '') continue;
      rows.read++;
      const v = parseNumberCell(raw);
      if (v === undefined || Number.isNaN(v)) {
        rows.rejected++;
        issues.push(issue('row.invalid-number', 'error', { expected: 'a CPU percentage (0..100)' }, { file, line: k + 1, column: 'cpu_pct', raw: raw.trim(), rawLine: raw }));
        continue;
      }
      if (v < 0) {
        rows.rejected++;
        issues.push(issue('row.out-of-range', 'error', { expected: 'a CPU percentage >= 0' }, { file, line: k + 1, column: 'cpu_pct', raw: raw.trim(), rawLine: raw }));
        continue;
      }
      rows.accepted++;
      b.push(k * step, v / 100);
    }
    if (b.n === 0) issues.push(issue('file.no-rows', 'warning', {}, { file }));
    const samples = b.finish(step);
    samples.stepSec = step;
    series.push({ id: name, source: { file }, samples });
    opts.onProgress?.({ label: 'reading PlanetLab traces', unit: 'files', done: f + 1, total: files.length });
  }
  return { format: 'planetlab', series, issues, rows, files: files.length };
}
