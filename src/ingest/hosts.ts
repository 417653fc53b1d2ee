import type { HostModel } from '../model/host.js';
import { readTable, numberCell, optional, textCell, type ColumnSpec } from './table.js';
import type { CsvReadOptions } from './csv.js';
import type { LoadResult } from './servers.js';
import { curveFromIdleMax } from '../energy/power-curve.js';

/**
 * The host catalog CSV: `type,cores,cpu_ghz,memory_gb,price_usd`, plus power as either
 * `idle_watts,max_watts` or the eleven SPECpower points `w_0pct,w_10pct,...,w_100pct`, and an
 * optional `count` (units available; unlimited when empty), `cpu_model`, `name`, `sockets`.
 */
export const CURVE_COLUMNS = Array.from({ length: 11 }, (_, k) => `w_${k * 10}pct`);

const W = (key: string): ColumnSpec => ({ key, names: [key], schema: optional(numberCell({ gt: 0, max: 100000 })), expected: 'watts > 0' });

export const HOST_COLUMNS: ColumnSpec[] = [
  { key: 'type', names: ['type', 'host_type'], required: true, schema: textCell(), expected: 'a host type name' },
  { key: 'cores', names: ['cores'], required: true, schema: numberCell({ gt: 0 }), expected: 'cores > 0' },
  { key: 'cpu_ghz', names: ['cpu_ghz'], required: true, schema: numberCell({ gt: 0, max: 10 }), expected: 'a clock in GHz, > 0 and <= 10' },
  { key: 'memory_gb', names: ['memory_gb', 'memory_gib'], required: true, schema: numberCell({ gt: 0 }), expected: 'memory in GB > 0' },
  { key: 'price_usd', names: ['price_usd', 'price'], required: true, schema: numberCell({ min: 0 }), expected: 'a price in USD >= 0' },
  { key: 'count', names: ['count', 'available'], schema: optional(numberCell({ min: 0, int: true })), expected: 'a whole number of units >= 0' },
  { key: 'cpu_model', names: ['cpu_model'], schema: optional(textCell()), expected: 'a CPU model name' },
  { key: 'name', names: ['name', 'description'], schema: optional(textCell()), expected: 'a description' },
  { key: 'sockets', names: ['sockets'], schema: optional(numberCell({ gt: 0, int: true })), expected: 'a whole number of sockets' },
  W('idle_watts'),
  W('max_watts'),
  ...CURVE_COLUMNS.map(W),
];

/** Every column of the host catalog CSV (for --help and messages). */
export const HOSTS_CSV_COLUMNS = 'type, cores, cpu_ghz, memory_gb, price_usd, and either idle_watts, max_watts or w_0pct .. w_100pct; optional: count, cpu_model, name, sockets';

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
    return h;
  });
  return { records, issues: t.issues, rows: t.accounting };
}
