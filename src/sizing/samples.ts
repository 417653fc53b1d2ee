import { quantileSorted } from 'simple-statistics';
import type { WorkloadSamples } from '../model/workload.js';
import type { SizingStatistic } from '../defaults/traces.js';
import type { LogSketch, SampleSketch } from '../model/workload.js';
import { linearMean, linearQuantile, logMean, logQuantile, quantileOfOrder } from './sketch.js';

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
  /**
   * How the statistics were taken: exactly from every sample, or from the streaming sketch
   * (sizing/sketch.ts) with its error bounds; the time profile then comes from the interval maxima.
   */
  method: SamplesMethod;
}

/** `vms[].sizing.cpu.samples`: how a statistic of samples was taken. */
export type SamplesMethod =
  | { method: 'exact' }
  | { method: 'sketch'; cpuErrorPoints: number; memoryRelativeError?: number; profileFrom?: string };

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
  if (s.sketch) return sizeSketch(s, s.sketch, stat, profileBuckets);
  const cpu = sortedValues(s.cpuFraction, 0, 1);
  if (cpu.length === 0) return undefined;
  const out: SampleSizing = { cpuFraction: statisticOf(cpu, stat)!, cpuMeanFraction: statisticOf(cpu, 'mean')!, samples: cpu.length, method: { method: 'exact' } };
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

/** The statistic of the values a log sketch holds (within its relative error); undefined when it holds none. */
export function logStatistic(s: LogSketch, stat: SizingStatistic): number | undefined {
  if (s.n === 0) return undefined;
  return stat === 'mean' ? logMean(s) : logQuantile(s, P[stat]);
}

/**
 * Sizing from a sketch (docs/models.md#sample-sketch): CPU and memory percentiles from the
 * histograms, within half a CPU bin (points) and the memory sketch's relative error of the exact
 * ones; the CPU mean is exact. Available memory becomes memory used against the installed memory
 * (joinUtilization sets it), as for held samples. A time profile takes, per time-of-day bucket,
 * the statistic of the down-sampled intervals' CPU maxima: at least the statistic of the samples
 * they hold, never below it.
 */
function sizeSketch(s: WorkloadSamples, sk: SampleSketch, stat: SizingStatistic, profileBuckets: number): SampleSizing | undefined {
  if (sk.cpu.n === 0) return undefined;
  const q = stat === 'mean' ? undefined : P[stat];
  const method: SamplesMethod = { method: 'sketch', cpuErrorPoints: (sk.cpu.binWidth * 100) / 2 };
  const cpuMean = sk.cpuSumFraction / sk.cpu.n;
  const out: SampleSizing = { cpuFraction: q === undefined ? cpuMean : linearQuantile(sk.cpu, q)!, cpuMeanFraction: cpuMean, samples: sk.cpu.n, method };
  if (sk.memoryGiB && sk.memoryGiB.n > 0) {
    const m = sk.memoryGiB;
    if (!sk.memoryAvailable) out.memoryUsedGiB = logStatistic(m, stat);
    else if (sk.installedGiB !== undefined) {
      const installed = sk.installedGiB;
      const used = (x: number) => Math.max(0, installed - x);
      out.memoryUsedGiB = q === undefined ? logMean(m, used) : logQuantile(m, q, { decreasing: true, at: used });
    }
    if (out.memoryUsedGiB !== undefined) method.memoryRelativeError = m.relativeError;
  }
  if (sk.memoryFraction && sk.memoryFraction.n > 0) {
    const m = sk.memoryFraction;
    out.memoryFraction = q === undefined ? linearMean(m) : linearQuantile(m, q);
  }
  if (profileBuckets > 0) {
    method.profileFrom = `${sk.coarseStepSec} s interval maxima`;
    const byBucket: number[][] = Array.from({ length: profileBuckets }, () => []);
    for (let i = 0; i < s.timestampsSec.length; i++) {
      const v = sk.cpuMaxFraction[i];
      if (!Number.isNaN(v)) byBucket[timeBucket(s.timestampsSec[i], profileBuckets)].push(v < 0 ? 0 : v > 1 ? 1 : v);
    }
    out.cpuProfileFraction = byBucket.map((vals) => {
      if (vals.length === 0) return out.cpuFraction;
      const sorted = Float64Array.from(vals).sort();
      return q === undefined ? statisticOf(sorted, 'mean')! : quantileOfOrder(sorted.length, q, (r) => sorted[r])!;
    });
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
