import { quantileSorted } from 'simple-statistics';
import type { WorkloadSamples } from '../model/workload.js';
import type { SizingStatistic } from '../defaults/traces.js';

/**
 * Sizing from utilization samples, with simple-statistics. Percentiles use its `quantileSorted`
 * (linear interpolation, R type 7 / numpy default). CPU samples are clamped to 0..1 first (a
 * value above 100% of capacity is a measurement error; the data-quality stage counts them);
 * missing samples (NaN) are ignored.
 */

const P: Record<Exclude<SizingStatistic, 'mean'>, number> = { peak: 1, p99: 0.99, p95: 0.95, p90: 0.9 };

/** Finite values of `a`, clamped to [lo, hi], sorted ascending. */
function sortedValues(a: ArrayLike<number>, lo = -Infinity, hi = Infinity, pick?: (i: number) => boolean): Float64Array {
  const out = new Float64Array(a.length);
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (Number.isNaN(v) || (pick && !pick(i))) continue;
    out[k++] = v < lo ? lo : v > hi ? hi : v;
  }
  return out.subarray(0, k).sort();
}

/**
 * The statistic of sorted values; undefined when there are none.
 * @example statisticOf(Float64Array.of(1, 2, 3, 4), 'p90') ≈ 3.7 (type 7: 1 + 0.9 x 3 = index 2.7)
 * @example statisticOf(Float64Array.of(1, 2, 3, 4), 'mean') === 2.5
 */
export function statisticOf(sorted: Float64Array, stat: SizingStatistic): number | undefined {
  if (sorted.length === 0) return undefined;
  if (stat === 'mean') {
    let s = 0;
    for (let i = 0; i < sorted.length; i++) s += sorted[i];
    return s / sorted.length;
  }
  return quantileSorted(sorted as unknown as number[], P[stat]);
}

export interface SampleSizing {
  /** The chosen statistic of CPU utilization, 0..1. */
  cpuFraction: number;
  /** Mean CPU utilization, 0..1 (for energy). */
  cpuMeanFraction: number;
  /** The chosen statistic of memory in use, GiB, when memory samples exist. */
  memoryUsedGiB?: number;
  /** The chosen statistic of memory in use as a fraction of configured memory. */
  memoryFraction?: number;
  /**
   * Per time-of-day bucket, the chosen statistic of the CPU samples falling in that bucket
   * across all days (0..1). A bucket with no samples takes the overall statistic.
   */
  cpuProfileFraction?: number[];
  /** Samples used (non-missing CPU values). */
  samples: number;
}

/**
 * The time-of-day bucket (0..buckets-1) of a Unix time: buckets split the UTC day evenly.
 * @example timeBucket(3600 * 13 + 5, 24) === 13
 */
export function timeBucket(tsSec: number, buckets: number): number {
  const day = ((tsSec % 86400) + 86400) % 86400;
  return Math.min(buckets - 1, Math.floor((day * buckets) / 86400));
}

/** Sizes one workload's samples. Undefined when it has no CPU sample. Pure; O(n log n). */
export function sizeSamples(s: WorkloadSamples, stat: SizingStatistic, profileBuckets = 0): SampleSizing | undefined {
  const cpu = sortedValues(s.cpuFraction, 0, 1);
  if (cpu.length === 0) return undefined;
  const out: SampleSizing = { cpuFraction: statisticOf(cpu, stat)!, cpuMeanFraction: statisticOf(cpu, 'mean')!, samples: cpu.length };
  if (s.memoryUsedGiB) {
    const m = sortedValues(s.memoryUsedGiB, 0);
    if (m.length) out.memoryUsedGiB = statisticOf(m, stat);
  }
  if (s.memoryFraction) {
    const m = sortedValues(s.memoryFraction, 0, 1);
    if (m.length) out.memoryFraction = statisticOf(m, stat);
  }
  if (profileBuckets > 0) {
    const bucketOf = new Uint16Array(s.timestampsSec.length);
    for (let i = 0; i < bucketOf.length; i++) bucketOf[i] = timeBucket(s.timestampsSec[i], profileBuckets);
    out.cpuProfileFraction = Array.from({ length: profileBuckets }, (_, b) => statisticOf(sortedValues(s.cpuFraction, 0, 1, (i) => bucketOf[i] === b), stat) ?? out.cpuFraction);
  }
  return out;
}

/**
 * Compound growth factor over the horizon.
 * @example growthFactor(10, 2) ≈ 1.21
 */
export function growthFactor(percentPerYear: number, years: number): number {
  return (1 + percentPerYear / 100) ** years;
}
