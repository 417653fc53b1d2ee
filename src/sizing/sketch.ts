import type { LinearSketch, LogSketch } from '../model/workload.js';

/**
 * Quantile sketches with a hard error bound, for series too long to hold (docs/models.md#sample-sketch).
 *
 * - `LinearSketch`: fixed-width bins over 0..1 (CPU utilization, memory in use as a fraction).
 *   A value is counted in the bin whose centre is nearest, so every order statistic read back is
 *   within half a bin of the exact one, and so is a percentile interpolated between two of them
 *   (linear interpolation, R type 7, as `quantileSorted` of simple-statistics computes exactly).
 * - `LogSketch`: logarithmic bins with relative accuracy a (DDSketch, Masson, Rim & Lee 2019):
 *   bin k holds (gamma^(k-1), gamma^k], gamma = (1 + a) / (1 - a), read back as
 *   2 gamma^k / (gamma + 1), within a of every value in the bin, relatively.
 *
 * Memory is constant per series (10,001 bins for CPU at 0.01 points) or grows with the logarithm of
 * the range of values (memory in GiB); adding a value is O(1) amortized. Pure functions over the
 * plain data of model/workload.ts.
 */

/** A linear sketch over 0..1 with bins `binWidth` wide (1 / binWidth + 1 bins, centred on multiples of it). */
export function linearSketch(binWidth: number): LinearSketch {
  return { binWidth, counts: new Uint32Array(Math.round(1 / binWidth) + 1), n: 0 };
}

/** Counts `v` (clamped to 0..1; NaN ignored). */
export function linearAdd(s: LinearSketch, v: number): void {
  if (Number.isNaN(v)) return;
  const x = v < 0 ? 0 : v > 1 ? 1 : v;
  s.counts[Math.round(x / s.binWidth)]++;
  s.n++;
}

/** A log sketch with relative accuracy `relativeError`. */
export function logSketch(relativeError: number): LogSketch {
  return { relativeError, offset: 0, counts: new Uint32Array(0), zeros: 0, n: 0 };
}

const gammaOf = (a: number) => (1 + a) / (1 - a);
// ln(gamma) of the last relative error seen (every sketch of a run shares one).
let lnGammaOf = Number.NaN;
let lnGamma = Number.NaN;

/** Counts `v` (v <= 0 counts as zero; NaN ignored). */
export function logAdd(s: LogSketch, v: number): void {
  if (Number.isNaN(v)) return;
  s.n++;
  if (!(v > 0)) {
    s.zeros++;
    return;
  }
  if (s.relativeError !== lnGammaOf) {
    lnGammaOf = s.relativeError;
    lnGamma = Math.log(gammaOf(lnGammaOf));
  }
  const key = Math.ceil(Math.log(v) / lnGamma);
  let i = key - s.offset;
  if (s.counts.length === 0) {
    s.counts = new Uint32Array(64);
    s.offset = key - 32;
    i = 32;
  } else if (i < 0 || i >= s.counts.length) {
    // Grow the window to take `key`, with slack on that side.
    const lo = Math.min(s.offset, key - (i < 0 ? s.counts.length : 0));
    const hi = Math.max(s.offset + s.counts.length, key + 1 + (i >= s.counts.length ? s.counts.length : 0));
    const next = new Uint32Array(hi - lo);
    next.set(s.counts, s.offset - lo);
    s.counts = next;
    s.offset = lo;
    i = key - lo;
  }
  s.counts[i]++;
}

/** Adds every count of `b` into `a` (same bins). */
export function linearMerge(a: LinearSketch, b: LinearSketch): void {
  for (let k = 0; k < b.counts.length; k++) a.counts[k] += b.counts[k];
  a.n += b.n;
}

/** The value bin `k` of a log sketch stands for. */
function logValue(s: LogSketch, k: number): number {
  const g = gammaOf(s.relativeError);
  return (2 * g ** (s.offset + k)) / (g + 1);
}

/**
 * The r-th smallest value (0-based) as the sketch holds it.
 * @example linearOrderStat(sketch of [0.1, 0.2, 0.3] at 0.0001, 1) ≈ 0.2
 */
export function linearOrderStat(s: LinearSketch, r: number): number {
  let seen = 0;
  for (let k = 0; k < s.counts.length; k++) {
    seen += s.counts[k];
    if (seen > r) return k * s.binWidth;
  }
  return 1;
}

export function logOrderStat(s: LogSketch, r: number): number {
  if (r < s.zeros) return 0;
  let seen = s.zeros;
  for (let k = 0; k < s.counts.length; k++) {
    seen += s.counts[k];
    if (seen > r) return logValue(s, k);
  }
  return logValue(s, s.counts.length - 1);
}

/**
 * The type-7 quantile p (0..1) of n values whose r-th smallest is `at(r)`; undefined when n = 0.
 * @example quantileOfOrder(4, 0.9, (r) => r + 1) ≈ 3.7 (index 2.7 between 3 and 4)
 */
export function quantileOfOrder(n: number, p: number, at: (r: number) => number): number | undefined {
  if (n === 0) return undefined;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = at(lo);
  return h === lo ? a : a + (h - lo) * (at(hi) - a);
}

/** A percentile of a linear sketch, within binWidth / 2 of the exact type-7 percentile of the values counted. */
export function linearQuantile(s: LinearSketch, p: number): number | undefined {
  return quantileOfOrder(s.n, p, (r) => linearOrderStat(s, r));
}

/** The mean of a linear sketch's bin values (within binWidth / 2 of the exact mean). */
export function linearMean(s: LinearSketch): number | undefined {
  if (s.n === 0) return undefined;
  let sum = 0;
  for (let k = 0; k < s.counts.length; k++) if (s.counts[k]) sum += s.counts[k] * k * s.binWidth;
  return sum / s.n;
}

/**
 * A percentile of `f(X)` for the values X of a log sketch, `f` non-decreasing (identity) or
 * non-increasing (installed - available memory, clamped at 0: the p-quantile of f(X) is then
 * built from the order statistics of X taken from the top).
 */
export function logQuantile(s: LogSketch, p: number, f?: { decreasing: true; at: (x: number) => number }): number | undefined {
  if (!f) return quantileOfOrder(s.n, p, (r) => logOrderStat(s, r));
  return quantileOfOrder(s.n, p, (r) => f.at(logOrderStat(s, s.n - 1 - r)));
}

/** The mean of `f(X)` over a log sketch's values (identity when `f` is not given). */
export function logMean(s: LogSketch, f: (x: number) => number = (x) => x): number | undefined {
  if (s.n === 0) return undefined;
  let sum = s.zeros * f(0);
  for (let k = 0; k < s.counts.length; k++) if (s.counts[k]) sum += s.counts[k] * f(logValue(s, k));
  return sum / s.n;
}
