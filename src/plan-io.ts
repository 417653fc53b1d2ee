import type { Workload } from './model/workload.js';
import type { HostModel } from './model/host.js';
import type { SizingFactor, IoSizing } from './model/plan-result.js';
import type { ModelDefaults } from './defaults/registry.js';
import type { SizingStatistic } from './defaults/traces.js';
import { logStatistic, statisticOf } from './sizing/samples.js';
import { OptionsError } from './errors.js';
import { round } from './util/round.js';
import { IO_DIMENSIONS, dimensionsProblem, type IoDimension } from './model/dimensions.js';

export { IO_DIMENSIONS, DIMENSION_NAMES, dimensionsProblem, ioDimensionOf, type IoDimension } from './model/dimensions.js';

/**
 * Disk and network as packing dimensions, when asked (`--dimensions cpu,memory,disk-iops,...`).
 * CPU and memory are always packed; each I/O dimension asked adds one dimension to the packing
 * problem, one demand per VM and one capacity per host type:
 * - demand: the workload's samples (long CSV `disk_iops`, `net_mbps`) under the `--sizing`
 *   statistic, else its inventory figure (Azure Migrate `Disk N` read + write and `Network In` +
 *   `Network Out`, servers CSV `disk_iops`, `disk_mb_per_s`, `network_mbps`), times the demand
 *   growth; the hypervisor adds no I/O overhead in this model. A workload with no figure demands
 *   0 and is listed (`plan.io-missing`), never silently;
 * - capacity: the host catalog's figure (`disk_iops`, `disk_mb_per_s`, `network_mbps`), or the
 *   registry's line rate (hostIo.*), times the usable fraction of the redundant pair of links
 *   (hostIo.*UsableFraction). Disk IOPS has no default: it belongs to the storage, not the host.
 * docs/models.md#io-dimensions.
 */

/**
 * The I/O dimensions a `--dimensions` value asks for, in the order of IO_DIMENSIONS (none when absent).
 * @example ioDimensions('cpu,memory,network,disk-iops').map((d) => d.key) → ['disk_iops', 'network_mbps']
 */
export function ioDimensions(value: string | undefined): IoDimension[] {
  if (value === undefined) return [];
  const p = dimensionsProblem(value);
  if (p) throw new OptionsError(`--dimensions ${value}: ${p}`);
  const names = new Set(value.split(',').map((s) => s.trim().toLowerCase()));
  return IO_DIMENSIONS.filter((d) => names.has(d.name));
}

/** Finite, non-negative values of a sample series, sorted ascending. */
function sortedFinite(a: Float32Array): Float64Array {
  const out = new Float64Array(a.length);
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === v && v >= 0) out[k++] = v;
  }
  return out.subarray(0, k).sort();
}

/**
 * Sizes one workload's I/O dimensions: samples (the sizing statistic) first, then the inventory
 * figure, then none (demand 0, basis `missing`); each times the growth factors.
 */
export function sizeIo(w: Workload, dims: readonly IoDimension[], statistic: SizingStatistic, growth: readonly SizingFactor[]): IoSizing[] {
  const g = growth.reduce((x, f) => x * f.value, 1);
  return dims.map((d): IoSizing => {
    // A sketched series: the statistic of every sample from its sketch (its time series holds hourly means only).
    const sketch = d.samples ? w.samples?.sketch?.[d.samples] : undefined;
    if (sketch && sketch.n > 0) {
      const v = logStatistic(sketch, statistic)!;
      const field = `${d.sampleColumn ?? d.column} samples (${statistic} of ${sketch.n}, from the sketch: within ${sketch.relativeError * 100}%)`;
      return { dimension: d.key, unit: d.unit, basis: `samples-${statistic}`, source: { field, value: round(v), unit: d.unit }, factors: [...growth], demand: round(v * g) };
    }
    const series = d.samples ? w.samples?.[d.samples] : undefined;
    const sorted = series ? sortedFinite(series) : undefined;
    if (sorted && sorted.length) {
      const v = statisticOf(sorted, statistic)!;
      return { dimension: d.key, unit: d.unit, basis: `samples-${statistic}`, source: { field: `${d.sampleColumn ?? d.column} samples (${statistic} of ${sorted.length})`, value: round(v), unit: d.unit }, factors: [...growth], demand: round(v * g) };
    }
    const v = w[d.workload];
    if (v !== undefined) return { dimension: d.key, unit: d.unit, basis: 'inventory', source: { field: w.ioFields?.[d.workload] ?? d.column, value: round(v), unit: d.unit }, factors: [...growth], demand: round(v * g) };
    return { dimension: d.key, unit: d.unit, basis: 'missing', factors: [], demand: 0 };
  });
}

/**
 * The usable capacity of a host type in an I/O dimension, and the registry keys it used.
 * Throws (exit 2) for disk IOPS when the host type states none.
 */
export function hostIoCapacity(h: HostModel, d: IoDimension, model: ModelDefaults): { capacity: number; keys: string[] } {
  if (d.key === 'disk_iops') {
    if (h.diskIops === undefined) {
      throw new OptionsError(`--dimensions disk-iops: host type ${h.type} states no disk IOPS capacity (what a host can draw depends on the storage behind it, so there is no default): give a host catalog (--hosts) with a disk_iops column, or leave disk-iops out of --dimensions`);
    }
    return { capacity: h.diskIops, keys: [] };
  }
  if (d.key === 'disk_mb_per_s') {
    const line = h.diskMbPerS ?? model.hostIo.diskMbPerS;
    return { capacity: line * model.hostIo.diskUsableFraction, keys: [...(h.diskMbPerS === undefined ? ['hostIo.diskMbPerS'] : []), 'hostIo.diskUsableFraction'] };
  }
  const line = h.networkMbps ?? model.hostIo.networkMbps;
  return { capacity: line * model.hostIo.networkUsableFraction, keys: [...(h.networkMbps === undefined ? ['hostIo.networkMbps'] : []), 'hostIo.networkUsableFraction'] };
}

/** The registry keys the I/O capacities of these host types rest on (for the plan's assumptions). */
export function ioAssumptionKeys(dims: readonly IoDimension[], hosts: readonly HostModel[], model: ModelDefaults): string[] {
  const keys = new Set<string>();
  for (const d of dims) for (const h of hosts) for (const k of hostIoCapacity(h, d, model).keys) keys.add(k);
  return [...keys].sort();
}
