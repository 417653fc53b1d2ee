import { round } from '../util/round.js';
/**
 * The distribution of the source servers' CPU utilization: how busy the fleet really is before
 * consolidation (typically 10-15% on average; Barroso & Hölzle, "The Case for Energy-Proportional
 * Computing", IEEE Computer 2007, found most servers between 10% and 50% and rarely idle or busy).
 * Computed here, in the plan pipeline, so every report shows the same counts and none does
 * arithmetic of its own. Pure.
 */

export interface UtilizationBin {
  /** Lower edge, percent (inclusive). */
  fromPercent: number;
  /** Upper edge, percent (exclusive, except the last bin, which includes 100). */
  toPercent: number;
  /** Workloads whose average CPU utilization falls in the bin. */
  avgCount: number;
  /** Workloads whose sized (p95/peak/...) CPU utilization falls in the bin. */
  sizedCount: number;
}

export interface UtilizationDistribution {
  workloads: number;
  /** Mean and median of the per-workload average CPU utilization, 0..1 (null with no workloads). */
  meanAvgFraction: number | null;
  medianAvgFraction: number | null;
  /** Mean of the per-workload sized CPU utilization, 0..1. */
  meanSizedFraction: number | null;
  /** Workloads whose average CPU utilization is below 20%. */
  below20PercentAvg: number;
  bins: UtilizationBin[];
}


function binIndex(fraction: number, binPercent: number, nBins: number): number {
  const p = Math.min(100, Math.max(0, fraction * 100));
  return Math.min(nBins - 1, Math.floor(round(p / binPercent, 9)));
}

/**
 * Bins per-workload CPU utilization (fractions 0..1) into `binPercent`-wide bins over 0..100%.
 * @example utilizationDistribution([{ avg: 0.05, sized: 0.15 }, { avg: 0.12, sized: 0.4 }]).bins[0].avgCount === 1
 */
export function utilizationDistribution(vms: { avg: number; sized: number }[], binPercent = 10): UtilizationDistribution {
  const nBins = Math.ceil(100 / binPercent);
  const bins: UtilizationBin[] = Array.from({ length: nBins }, (_, i) => ({ fromPercent: i * binPercent, toPercent: Math.min(100, (i + 1) * binPercent), avgCount: 0, sizedCount: 0 }));
  for (const v of vms) {
    bins[binIndex(v.avg, binPercent, nBins)].avgCount++;
    bins[binIndex(v.sized, binPercent, nBins)].sizedCount++;
  }
  const n = vms.length;
  const avgs = vms.map((v) => v.avg).sort((a, b) => a - b);
  const median = n === 0 ? null : n % 2 ? avgs[(n - 1) / 2] : (avgs[n / 2 - 1] + avgs[n / 2]) / 2;
  return {
    workloads: n,
    meanAvgFraction: n ? round(avgs.reduce((s, x) => s + x, 0) / n) : null,
    medianAvgFraction: median === null ? null : round(median),
    meanSizedFraction: n ? round(vms.reduce((s, v) => s + v.sized, 0) / n) : null,
    below20PercentAvg: vms.filter((v) => v.avg < 0.2).length,
    bins,
  };
}
