import { z } from 'zod';
import type { Workload, ClassMix, WorkloadClass } from '../model/workload.js';
import { WORKLOAD_CLASSES } from '../model/workload.js';
import type { Issue, RowAccounting } from '../model/issue.js';
import { readTable, numberCell, optional, textCell, columnsSynopsis, type ColumnSpec, type TableRow } from './table.js';
import type { CsvReadOptions } from './csv.js';
import { Cooperator, mapCooperative } from '../util/cooperate.js';

/**
 * The servers CSV: one row per physical server.
 * Required: `id,cores,memory_gb`. Optional: `cpu_ghz`, `cpu_model`, `cpu_util_avg_pct`,
 * `cpu_util_p95_pct`, `cpu_util_peak_pct`, `memory_used_gb`, `watts`, `workload_class`
 * (cpu|syscall|mmu|io, or a mix like `syscall:0.7;io:0.3`), `site`, `cluster`, `anti_affinity`
 * (groups separated by `;` or `|`), `affinity`.
 * Percent columns are 0..100 and are converted to fractions here, once. `memory_gb` is read as GiB.
 */
export interface LoadResult<T> {
  records: T[];
  issues: Issue[];
  rows: RowAccounting;
}

const pct = () => optional(numberCell({ min: 0, max: 100 }));
const PCT_EXPECTED = 'a percentage from 0 to 100';

/**
 * Parses a workload class cell: a single class, or weighted classes `syscall:0.7;io:0.3`
 * (weights are normalized to sum to 1).
 * @example parseClassMix('syscall:3;io:1') → { syscall: 0.75, io: 0.25 }
 */
export function parseClassMix(raw: string): ClassMix | undefined {
  const s = raw.trim().toLowerCase();
  if (s === '') return undefined;
  const parts = s.split(/[;|+]/).map((p) => p.trim()).filter((p) => p !== '');
  const mix: ClassMix = {};
  let total = 0;
  for (const p of parts) {
    const [name, w] = p.split(/[:=]/).map((x) => x.trim());
    if (!(WORKLOAD_CLASSES as readonly string[]).includes(name)) return undefined;
    const weight = w === undefined ? 1 : Number(w);
    if (!Number.isFinite(weight) || weight <= 0) return undefined;
    mix[name as WorkloadClass] = (mix[name as WorkloadClass] ?? 0) + weight;
    total += weight;
  }
  if (total <= 0) return undefined;
  for (const c of Object.keys(mix) as WorkloadClass[]) mix[c] = mix[c]! / total;
  return mix;
}

const classMixCell = z.preprocess(
  (v) => (typeof v === 'string' ? parseClassMix(v) ?? { invalid: v } : v),
  z.custom<ClassMix>((v) => typeof v === 'object' && v !== null && !('invalid' in v), { message: 'invalid workload class' }),
);

export const SERVER_COLUMNS: ColumnSpec[] = [
  { key: 'id', names: ['id', 'name', 'hostname', 'server'], required: true, schema: textCell(), expected: 'a non-empty id' },
  { key: 'cores', names: ['cores', 'cpu_cores'], required: true, schema: numberCell({ gt: 0 }), expected: 'a number of cores > 0' },
  { key: 'memory_gb', names: ['memory_gb', 'memory_gib', 'ram_gb'], required: true, schema: numberCell({ gt: 0 }), expected: 'memory in GB > 0' },
  { key: 'cpu_ghz', names: ['cpu_ghz'], schema: optional(numberCell({ gt: 0, max: 10 })), expected: 'a clock in GHz, > 0 and <= 10' },
  { key: 'cpu_model', names: ['cpu_model'], schema: optional(textCell()), expected: 'a CPU model name' },
  { key: 'cpu_util_avg_pct', names: ['cpu_util_avg_pct'], schema: pct(), expected: PCT_EXPECTED },
  { key: 'cpu_util_p95_pct', names: ['cpu_util_p95_pct'], schema: pct(), expected: PCT_EXPECTED },
  { key: 'cpu_util_peak_pct', names: ['cpu_util_peak_pct'], schema: pct(), expected: PCT_EXPECTED },
  { key: 'memory_used_gb', names: ['memory_used_gb', 'memory_used_gib'], schema: optional(numberCell({ min: 0 })), expected: 'memory in GB >= 0' },
  { key: 'watts', names: ['watts', 'power_watts'], schema: optional(numberCell({ gt: 0, max: 100000 })), expected: 'measured watts > 0' },
  { key: 'workload_class', names: ['workload_class', 'class'], schema: optional(classMixCell), expected: 'cpu, syscall, mmu or io, or a mix like syscall:0.7;io:0.3' },
  { key: 'site', names: ['site'], schema: optional(textCell()), expected: 'a site name' },
  { key: 'cluster', names: ['cluster'], schema: optional(textCell()), expected: 'a cluster name' },
  { key: 'anti_affinity', names: ['anti_affinity'], schema: optional(textCell()), expected: 'anti-affinity group names' },
  { key: 'affinity', names: ['affinity'], schema: optional(textCell()), expected: 'an affinity group name' },
];

/** Every column of the servers CSV, required first (for --help and messages). */
export const SERVERS_CSV_COLUMNS = columnsSynopsis(SERVER_COLUMNS);

export function splitGroups(s: string | undefined): string[] | undefined {
  if (s === undefined) return undefined;
  const g = s.split(/[;|]/).map((x) => x.trim()).filter((x) => x !== '');
  return g.length ? g : undefined;
}

function toWorkload(file: string, r: TableRow): Workload {
  const v = r.values as Record<string, any>;
  const w: Workload = { id: v.id, source: { file, line: r.line }, cores: v.cores, memoryGiB: v.memory_gb };
  if (v.cpu_ghz !== undefined) w.cpuGhz = v.cpu_ghz;
  if (v.cpu_model !== undefined) w.cpuModel = v.cpu_model;
  if (v.cpu_util_avg_pct !== undefined) w.cpuUtilAvgFraction = v.cpu_util_avg_pct / 100;
  if (v.cpu_util_p95_pct !== undefined) w.cpuUtilP95Fraction = v.cpu_util_p95_pct / 100;
  if (v.cpu_util_peak_pct !== undefined) w.cpuUtilPeakFraction = v.cpu_util_peak_pct / 100;
  if (v.memory_used_gb !== undefined) w.memoryUsedGiB = v.memory_used_gb;
  if (v.watts !== undefined) w.measuredWatts = v.watts;
  if (v.workload_class !== undefined) w.workloadClass = v.workload_class;
  if (v.site !== undefined) w.site = v.site;
  if (v.cluster !== undefined) w.cluster = v.cluster;
  const aa = splitGroups(v.anti_affinity);
  if (aa) w.antiAffinity = aa;
  if (v.affinity !== undefined) w.affinity = v.affinity;
  return w;
}

/** Loads the servers CSV. Bad rows become issues; good rows go on. */
export async function loadServers(path: string, optsIn: CsvReadOptions & { label?: string } = {}): Promise<LoadResult<Workload>> {
  const label = optsIn.label ?? path;
  const opts = { ...optsIn, cooperator: optsIn.cooperator ?? new Cooperator({ signal: optsIn.signal }) };
  const t = await readTable(path, label, {
    columns: () => SERVER_COLUMNS,
    idKey: 'id',
    describe: SERVERS_CSV_COLUMNS,
    check: (v) => {
      const used = v.memory_used_gb as number | undefined;
      if (used !== undefined && used > (v.memory_gb as number) * 1.0001) {
        return { column: 'memory_used_gb', problem: 'memory-used-exceeds-installed', usedGb: used, installedGb: v.memory_gb as number, expected: 'memory_used_gb <= memory_gb' };
      }
      const avg = v.cpu_util_avg_pct as number | undefined;
      const peak = (v.cpu_util_peak_pct ?? v.cpu_util_p95_pct) as number | undefined;
      if (avg !== undefined && peak !== undefined && avg > peak + 1e-9) {
        return { column: 'cpu_util_avg_pct', problem: 'average-exceeds-peak', averagePercent: avg, peakPercent: peak, expected: 'average <= p95 <= peak' };
      }
      return undefined;
    },
  }, opts);
  return { records: await mapCooperative(t.rows, (r) => toWorkload(label, r), opts.cooperator), issues: t.issues, rows: t.accounting };
}
