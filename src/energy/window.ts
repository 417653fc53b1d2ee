import type { Workload } from '../model/workload.js';
import type { VmDemand } from '../overhead/apply.js';
import { buildTimeline, cpuFractionOnGrid } from '../analysis/timeline.js';
import { powerAtUtilization } from './power-curve.js';

/**
 * The demand of a whole estate over the observed window, for choosing hosts by their energy over
 * it (`--optimize power` with time series): per interval of the plan's timeline, the sum over
 * workloads of their CPU demand (each sample x capacity x overhead factor; a workload without
 * samples at its average demand). Reference GHz-cores. Null without samples.
 */
export interface DemandWindow {
  demandGhz: Float64Array;
  stepSec: number;
}

export function estateDemandWindow(workloads: readonly Workload[], demands: readonly VmDemand[]): DemandWindow | null {
  const t = buildTimeline(workloads);
  if (!t) return null;
  const out = new Float64Array(t.steps);
  workloads.forEach((w, i) => {
    const frac = cpuFractionOnGrid(w, t);
    const d = demands[i];
    if (frac) for (let k = 0; k < t.steps; k++) out[k] += frac[k] * d.cpuDemandPerUtilGhz;
    else for (let k = 0; k < t.steps; k++) out[k] += d.cpuAvgDemandGhz;
  });
  return { demandGhz: out, stepSec: t.stepSec };
}

/**
 * IT energy of one of `hosts` hosts of a type sharing the window's demand evenly: the power curve
 * at each interval's utilization, min(1, demand_t / (hosts x capacity)), summed over the window.
 * kWh. O(intervals).
 * @example a 0..100 W linear curve, capacity 10, 2 hosts, demand [10, 20] over 1800 s steps:
 *   u = [0.5, 1] -> (50 + 100) W x 0.5 h = 0.075 kWh
 */
export function sharedHostEnergyKWh(curveWatts: readonly number[], capacityGhz: number, hosts: number, w: DemandWindow): number {
  const hours = w.stepSec / 3600;
  const cap = Math.max(1, hosts) * capacityGhz;
  let wh = 0;
  for (let k = 0; k < w.demandGhz.length; k++) wh += powerAtUtilization(curveWatts, cap > 0 ? Math.min(1, w.demandGhz[k] / cap) : 0) * hours;
  return wh / 1000;
}
