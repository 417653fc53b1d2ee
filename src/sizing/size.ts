import type { Workload } from '../model/workload.js';
import type { PlanOptions } from '../model/options.js';
import { SIZING_DEFAULTS } from '../defaults/sizing.js';
import { sizedCpuUtilization, averageCpuUtilization, cpuCapacityGhz } from './cpu.js';

/** What a workload needs natively (before hypervisor overhead), in reference units. */
export interface SizedWorkload {
  id: string;
  /** CPU capacity of the source, GHz-cores. */
  cpuCapacityGhz: number;
  /** Sized (p95/peak/...) native CPU demand, GHz-cores. */
  cpuNativeGhz: number;
  /** Average native CPU demand, GHz-cores (for energy). */
  cpuAvgNativeGhz: number;
  /** Average CPU utilization of the source, 0..1 (for "before" power). */
  cpuAvgFraction: number;
  memoryNativeGiB: number;
  /** How the CPU size was obtained: p95, peak, avg-x-peak-factor, assumed, ... */
  basis: string;
  /** Fields whose values were assumed. */
  assumed: string[];
}

/**
 * Sizing stage: one SizedWorkload per workload, plus the keys of the default assumptions used
 * (so the report lists only the assumptions in force). Pure.
 */
export function sizeWorkloads(workloads: Workload[], o: PlanOptions): { sized: SizedWorkload[]; assumptionKeys: Set<string> } {
  const keys = new Set<string>();
  const sized = workloads.map((w) => {
    const assumed = [...(w.assumed ?? [])];
    const ghz = w.cpuGhz ?? SIZING_DEFAULTS.defaultCpuGhz.value;
    if (w.cpuGhz === undefined) {
      assumed.push('cpu_ghz');
      keys.add('sizing.defaultCpuGhz');
    }
    const s = sizedCpuUtilization(w, o.peakFactor);
    if (s.basis === 'avg-x-peak-factor' || s.basis === 'assumed') keys.add('sizing.peakFactor');
    if (s.basis === 'assumed') {
      assumed.push('cpu_util');
      keys.add('sizing.sourceAvgCpuUtilFraction');
    }
    const cap = cpuCapacityGhz(w.cores, ghz);
    const avg = averageCpuUtilization(w, o.peakFactor);
    return {
      id: w.id,
      cpuCapacityGhz: cap,
      cpuNativeGhz: cap * s.fraction,
      cpuAvgNativeGhz: cap * avg,
      cpuAvgFraction: avg,
      memoryNativeGiB: w.memoryUsedGiB ?? w.memoryGiB,
      basis: s.basis,
      assumed,
    };
  });
  return { sized, assumptionKeys: keys };
}
