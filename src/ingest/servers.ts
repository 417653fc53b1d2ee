import { z } from 'zod';
import type { Workload, ClassMix, WorkloadClass } from '../model/workload.js';
import { WORKLOAD_CLASSES } from '../model/workload.js';
import type { Issue, RowAccounting } from '../model/issue.js';
import { readTable, textCell, columnsSynopsis, type ColumnSpec, type NumberBounds, type TableRow } from './table.js';
import type { CsvReadOptions } from './csv.js';
import { Cooperator, mapCooperative } from '../util/cooperate.js';
import type { FieldSpec } from './headers.js';
import { SERVER_FIELDS } from './fields.js';
import { readNumber, type DecimalSeparator } from './numbers.js';

/**
 * The servers CSV: one row per physical server.
 * Required: `id,cores,memory_gb`. Optional: `cpu_ghz`, `cpu_model`, `cpu_util_avg_pct`,
 * `cpu_util_p95_pct`, `cpu_util_peak_pct`, `memory_used_gb` (or `memory_used_pct`), `watts`,
 * `workload_class` (cpu|syscall|mmu|io, or a mix like `syscall:0.7;io:0.3`), `site`, `cluster`,
 * `anti_affinity` (groups separated by `;` or `|`), `affinity`, `group` (migration group: its
 * workloads move in the same wave with `--wave-size`). Columns are found by the names
 * people give them (fields.ts: `Server name`, `CPU Cores`, `Memory (GB)`, ...), units in headers
 * are converted here, once, and each column's unit is checked against its values (table.ts).
 * Percent columns are 0..100 and are converted to fractions here, once. Memory is GiB.
 */
export interface LoadResult<T> {
  records: T[];
  issues: Issue[];
  rows: RowAccounting;
  /** Indexes of the `--units` entries that named a column of the file. */
  unitOverridesUsed?: number[];
}

/** The field of a table by key (a typo is a startup error, not a silent miss). */
export function fieldOf(fields: readonly FieldSpec[], key: string): FieldSpec {
  const f = fields.find((x) => x.key === key);
  if (!f) throw new Error(`no field ${key}`);
  return f;
}

const PCT_EXPECTED = 'a percentage from 0 to 100';
const PCT: NumberBounds = { min: 0, max: 100 };

/**
 * Parses a workload class cell: a single class, or weighted classes `syscall:0.7;io:0.3`
 * (weights are normalized to sum to 1). Weights are numbers of the file: with its decimal
 * separator (`syscall:0,7;io:0,3` in a file with decimal commas), never a thousands separator.
 * @example parseClassMix('syscall:3;io:1') → { syscall: 0.75, io: 0.25 }
 * @example parseClassMix('syscall:0,7;io:0,3', 'comma') → { syscall: 0.7, io: 0.3 }
 */
export function parseClassMix(raw: string, decimal: DecimalSeparator = 'point'): ClassMix | undefined {
  const s = raw.trim().toLowerCase();
  if (s === '') return undefined;
  const parts = s.split(/[;|+]/).map((p) => p.trim()).filter((p) => p !== '');
  const mix: ClassMix = {};
  let total = 0;
  for (const p of parts) {
    const [name, w] = p.split(/[:=]/).map((x) => x.trim());
    if (!(WORKLOAD_CLASSES as readonly string[]).includes(name)) return undefined;
    const weight = w === undefined ? 1 : readNumber(w, decimal, false);
    if (weight === undefined || !Number.isFinite(weight) || weight <= 0) return undefined;
    mix[name as WorkloadClass] = (mix[name as WorkloadClass] ?? 0) + weight;
    total += weight;
  }
  if (total <= 0) return undefined;
  for (const c of Object.keys(mix) as WorkloadClass[]) mix[c] = mix[c]! / total;
  return mix;
}

/** The workload class cell of a file with this decimal separator. */
const classMixCell = (decimal: DecimalSeparator) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? parseClassMix(v, decimal) ?? { invalid: v } : v),
    z.custom<ClassMix>((v) => typeof v === 'object' && v !== null && !('invalid' in v), { message: 'invalid workload class' }),
  );

const F = (key: string) => fieldOf(SERVER_FIELDS, key);
const num = (key: string, bounds: NumberBounds, expected: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ field: F(key), number: bounds, expected, ...extra });
const text = (key: string, expected: string, schema: z.ZodType = textCell()): ColumnSpec => ({ field: F(key), schema, expected });
const textOfFile = (key: string, expected: string, schemaFor: (decimal: DecimalSeparator) => z.ZodType): ColumnSpec => ({ field: F(key), schemaFor, expected });

export const SERVER_COLUMNS: ColumnSpec[] = [
  { ...text('id', 'a non-empty id'), required: true },
  num('cores', { gt: 0 }, 'a number of cores > 0', { required: true }),
  num('memory_gb', { gt: 0 }, 'memory in GB > 0', { required: true, sense: { kind: 'memory-per-core', cores: 'cores' } }),
  num('cpu_ghz', { gt: 0, max: 10 }, 'a clock in GHz, > 0 and <= 10', { sense: { kind: 'clock' } }),
  text('cpu_model', 'a CPU model name'),
  num('cpu_util_avg_pct', PCT, PCT_EXPECTED, { sense: { kind: 'percent' } }),
  num('cpu_util_p95_pct', PCT, PCT_EXPECTED, { sense: { kind: 'percent' } }),
  num('cpu_util_peak_pct', PCT, PCT_EXPECTED, { sense: { kind: 'percent' } }),
  num('memory_used_gb', { min: 0 }, 'memory in GB >= 0', { sense: { kind: 'memory-per-core', cores: 'cores', follow: 'memory_gb', upperOnly: true } }),
  num('memory_used_pct', PCT, PCT_EXPECTED, { sense: { kind: 'percent' } }),
  num('watts', { gt: 0, max: 100000 }, 'measured watts > 0'),
  textOfFile('workload_class', 'cpu, syscall, mmu or io, or a mix like syscall:0.7;io:0.3', classMixCell),
  text('site', 'a site name'),
  text('cluster', 'a cluster name'),
  text('anti_affinity', 'anti-affinity group names'),
  text('affinity', 'an affinity group name'),
  text('group', 'a migration group name'),
  num('disk_iops', { min: 0 }, 'disk operations per second >= 0'),
  num('disk_mb_per_s', { min: 0 }, 'disk throughput in MB/s >= 0'),
  num('network_mbps', { min: 0 }, 'network throughput in Mbit/s >= 0'),
];

/** Every column of the servers CSV, required first (for --help and messages). */
export const SERVERS_CSV_COLUMNS = columnsSynopsis(SERVER_COLUMNS, ' (or the names of the alias table)');

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
  if (v.group !== undefined) w.group = v.group;
  if (v.disk_iops !== undefined) w.diskIops = v.disk_iops;
  if (v.disk_mb_per_s !== undefined) w.diskMbPerS = v.disk_mb_per_s;
  if (v.network_mbps !== undefined) w.networkMbps = v.network_mbps;
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
    derive: (v) => {
      // memory used as a percent of installed memory, when no absolute column says it
      if (v.memory_used_gb === undefined && v.memory_used_pct !== undefined) v.memory_used_gb = ((v.memory_used_pct as number) / 100) * (v.memory_gb as number);
    },
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
  return { records: await mapCooperative(t.rows, (r) => toWorkload(label, r), opts.cooperator), issues: t.issues, rows: t.accounting, unitOverridesUsed: t.unitOverridesUsed };
}
