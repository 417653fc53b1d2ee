import { SIZING_DEFAULTS } from '../defaults/sizing.js';
import type { Workload } from '../model/workload.js';

/**
 * Plain GHz-cores: cores x clock in GHz (the vCenter/vCAT convention, docs/models.md#cpu-normalization). It ignores
 * generational IPC differences; the planner's reference units come from sizing/normalize.ts.
 * @example cpuCapacityGhz(8, 2.5) === 20
 */
export function cpuCapacityGhz(cores: number, cpuGhz: number): number {
  return cores * cpuGhz;
}

export type UtilBasis = 'p95' | 'peak' | 'avg-x-peak-factor' | 'assumed';

/**
 * The sized CPU utilization of a server from its summary columns: p95 if present, else peak, else
 * average x peak factor (3, docs/models.md#sizing), else the assumed fleet average x peak factor.
 * Capped at 1.
 * @example sizedCpuUtilization({ cpuUtilAvgFraction: 0.1 }).fraction === 0.3 (0.1 x 3)
 */
export function sizedCpuUtilization(w: Pick<Workload, 'cpuUtilP95Fraction' | 'cpuUtilPeakFraction' | 'cpuUtilAvgFraction'>, peakFactor: number = SIZING_DEFAULTS.peakFactor.value, assumedAvgFraction: number = SIZING_DEFAULTS.sourceAvgCpuUtilFraction.value): { fraction: number; basis: UtilBasis; capped: boolean } {
  const out = (raw: number, basis: UtilBasis) => ({ fraction: Math.min(1, raw), basis, capped: raw > 1 });
  if (w.cpuUtilP95Fraction !== undefined) return out(w.cpuUtilP95Fraction, 'p95');
  if (w.cpuUtilPeakFraction !== undefined) return out(w.cpuUtilPeakFraction, 'peak');
  if (w.cpuUtilAvgFraction !== undefined) return out(w.cpuUtilAvgFraction * peakFactor, 'avg-x-peak-factor');
  return out(assumedAvgFraction * peakFactor, 'assumed');
}

/**
 * Average CPU utilization for "before" power: the measured average, else the sized value divided
 * by the peak factor, else the assumed fleet average.
 */
export function averageCpuUtilization(w: Pick<Workload, 'cpuUtilP95Fraction' | 'cpuUtilPeakFraction' | 'cpuUtilAvgFraction'>, peakFactor: number = SIZING_DEFAULTS.peakFactor.value, assumedAvgFraction: number = SIZING_DEFAULTS.sourceAvgCpuUtilFraction.value): number {
  if (w.cpuUtilAvgFraction !== undefined) return Math.min(1, w.cpuUtilAvgFraction);
  const p = w.cpuUtilP95Fraction ?? w.cpuUtilPeakFraction;
  if (p !== undefined) return Math.min(1, p / peakFactor);
  return assumedAvgFraction;
}
