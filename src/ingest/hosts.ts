import { FORM_FACTORS, type HostModel } from '../model/host.js';
import { readTable, textCell, enumCell, type ColumnSpec, type NumberBounds } from './table.js';
import type { CsvReadOptions } from './csv.js';
import { fieldOf, type LoadResult } from './servers.js';
import { HOST_FIELDS } from './fields.js';
import { curveFromIdleMax } from '../energy/power-curve.js';

/**
 * The host catalog CSV: `type,cores,cpu_ghz,memory_gb,price_usd`, plus power as either
 * `idle_watts,max_watts` or the eleven SPECpower points `w_0pct,w_10pct,...,w_100pct`, and an
 * optional `count` (units available to the whole plan, all sites together; unlimited when empty), `cpu_model`, `name`, `sockets`, and
 * the embodied carbon of one new host, `embodied_kg_co2e` (kg CO2e, all life-cycle stages but use),
 * or its `form_factor` (1u, 2u or tower), whose generic default then applies
 * (docs/models.md#embodied-carbon).
 * Columns are found by the names people give them (fields.ts), units in headers are converted
 * once, and memory per core and the clock are checked for plausible units (table.ts).
 */
export const CURVE_COLUMNS = Array.from({ length: 11 }, (_, k) => `w_${k * 10}pct`);

const F = (key: string) => fieldOf(HOST_FIELDS, key);
const num = (key: string, bounds: NumberBounds, expected: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ field: F(key), number: bounds, expected, ...extra });
const text = (key: string, expected: string): ColumnSpec => ({ field: F(key), schema: textCell(), expected });
const W = (key: string): ColumnSpec => num(key, { gt: 0, max: 100000 }, 'watts > 0');

export const HOST_COLUMNS: ColumnSpec[] = [
  { ...text('type', 'a host type name'), required: true },
  num('cores', { gt: 0 }, 'cores > 0', { required: true }),
  num('cpu_ghz', { gt: 0, max: 10 }, 'a clock in GHz, > 0 and <= 10', { required: true, sense: { kind: 'clock' } }),
  num('memory_gb', { gt: 0 }, 'memory in GB > 0', { required: true, sense: { kind: 'memory-per-core', cores: 'cores' } }),
  num('price_usd', { min: 0 }, 'a price in USD >= 0', { required: true }),
  num('count', { min: 0, int: true }, 'a whole number of units >= 0, available to the whole plan'),
  text('cpu_model', 'a CPU model name'),
  text('name', 'a description'),
  num('sockets', { gt: 0, int: true }, 'a whole number of sockets'),
  num('embodied_kg_co2e', { min: 0, max: 1e6 }, 'kg CO2e >= 0'),
  { field: F('form_factor'), schema: enumCell(FORM_FACTORS), expected: FORM_FACTORS.join(', ') },
  num('disk_iops', { gt: 0 }, 'disk operations per second > 0'),
  num('disk_mb_per_s', { gt: 0 }, 'disk throughput in MB/s > 0'),
  num('network_mbps', { gt: 0 }, 'network line rate in Mbit/s > 0'),
  W('idle_watts'),
  W('max_watts'),
  ...CURVE_COLUMNS.map(W),
];

/** Every column of the host catalog CSV (for --help and messages). */
export const HOSTS_CSV_COLUMNS = 'type, cores, cpu_ghz, memory_gb, price_usd, and either idle_watts, max_watts or w_0pct .. w_100pct; optional: count (units available to the whole plan, all sites together), cpu_model, name, sockets, embodied_kg_co2e, form_factor (1u, 2u, tower), disk_iops, disk_mb_per_s, network_mbps (--dimensions)';

export async function loadHostCatalog(path: string, opts: CsvReadOptions & { label?: string } = {}): Promise<LoadResult<HostModel>> {
  const label = opts.label ?? path;
  const t = await readTable(path, label, {
    columns: () => HOST_COLUMNS,
    idKey: 'type',
    describe: HOSTS_CSV_COLUMNS,
    check: (v) => {
      const pts = CURVE_COLUMNS.map((c) => v[c] as number | undefined);
      const some = pts.some((p) => p !== undefined);
      if (some) {
        const missing = CURVE_COLUMNS.find((c, i) => pts[i] === undefined);
        if (missing) return { column: missing, problem: 'incomplete-power-curve', expected: 'all eleven points w_0pct..w_100pct' };
        for (let i = 1; i < 11; i++) {
          if (pts[i]! < pts[i - 1]!) return { column: CURVE_COLUMNS[i], problem: 'power-curve-falls', fromWatts: pts[i - 1]!, toWatts: pts[i]!, expected: 'a non-decreasing curve' };
        }
        return undefined;
      }
      if (v.idle_watts === undefined) return { column: 'idle_watts', problem: 'no-power-data', expected: 'idle_watts and max_watts, or w_0pct..w_100pct' };
      if (v.max_watts === undefined) return { column: 'max_watts', problem: 'no-power-data', expected: 'idle_watts and max_watts, or w_0pct..w_100pct' };
      if ((v.max_watts as number) < (v.idle_watts as number)) return { column: 'max_watts', problem: 'max-below-idle', idleWatts: v.idle_watts as number, maxWatts: v.max_watts as number, expected: 'max_watts >= idle_watts' };
      return undefined;
    },
  }, opts);
  const records: HostModel[] = t.rows.map((r) => {
    const v = r.values as Record<string, any>;
    const curve = v.w_0pct !== undefined ? CURVE_COLUMNS.map((c) => v[c] as number) : curveFromIdleMax(v.idle_watts, v.max_watts);
    const h: HostModel = {
      type: v.type,
      cores: v.cores,
      cpuGhz: v.cpu_ghz,
      memoryGiB: v.memory_gb,
      priceUsd: v.price_usd,
      priceAssumed: false,
      powerCurveWatts: curve,
      count: v.count ?? null,
      source: `${label}:${r.line}${v.w_0pct !== undefined ? '' : ' (curve from idle/max watts, Fan et al. 2007 model)'}`,
    };
    if (v.name !== undefined) h.name = v.name;
    if (v.cpu_model !== undefined) h.cpuModel = v.cpu_model;
    if (v.sockets !== undefined) h.sockets = v.sockets;
    if (v.embodied_kg_co2e !== undefined) h.embodiedKgCo2e = v.embodied_kg_co2e;
    if (v.form_factor !== undefined) h.formFactor = v.form_factor;
    if (v.disk_iops !== undefined) h.diskIops = v.disk_iops;
    if (v.disk_mb_per_s !== undefined) h.diskMbPerS = v.disk_mb_per_s;
    if (v.network_mbps !== undefined) h.networkMbps = v.network_mbps;
    return h;
  });
  return { records, issues: t.issues, rows: t.accounting, unitOverridesUsed: t.unitOverridesUsed };
}
