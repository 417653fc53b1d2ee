import type { Workload } from '../model/workload.js';
import { issue, type Issue, type RowAccounting } from '../model/issue.js';
import type { DataQuality, WorkloadQuality } from '../model/plan-result.js';
import { round } from '../util/round.js';
import { runSync, mapSteps, type Steps } from '../util/cooperate.js';

/**
 * Data quality of the ingested workloads, and a 1-5 star confidence rating per workload and for
 * the run. Pure; O(total samples).
 *
 * Measures per workload with samples:
 * - expected samples: the run's time span (earliest to latest sample over all workloads) divided
 *   by the workload's median step, plus one; coverage = present / expected (at most 1);
 * - gaps: steps longer than 1.5 x the median step inside the series;
 * - duplicate timestamps (dropped at ingest, first kept);
 * - out-of-range CPU samples (above 100% or negative; clamped when sizing).
 */
export const CONFIDENCE_RULE =
  'Per workload with samples: 5 stars at coverage >= 95%, 4 at >= 80%, 3 at >= 50%, 2 at >= 10%, else 1; ' +
  'one star less (never below 1) when duplicate or out-of-range samples exceed 1% of its samples. ' +
  'Without samples: 3 stars when sized from measured p95/peak columns, 2 from a measured average or a ' +
  'point-in-time snapshot (RVTools), 1 when the utilization is assumed. ' +
  'Run: the mean of the workload ratings rounded to the nearest star, one star less when more than 1% ' +
  'of the rows read were rejected (never below 1; 1 when there are no workloads).';

export interface QualityInputs {
  workloads: Workload[];
  rows: RowAccounting;
  /** Inventory workloads for which utilization was given but no samples were found. */
  noSamples?: string[];
  /** Ids that have samples but no inventory row (left out of the plan). */
  noInventory?: string[];
}


function starsFromCoverage(c: number): number {
  return c >= 0.95 ? 5 : c >= 0.8 ? 4 : c >= 0.5 ? 3 : c >= 0.1 ? 2 : 1;
}

export function assessQuality(q: QualityInputs): DataQuality {
  return runSync(assessQualitySteps(q));
}

/** `assessQuality` as a cooperative stage: a checkpoint after each workload (util/cooperate.ts). */
export function* assessQualitySteps(q: QualityInputs): Steps<DataQuality> {
  let start = Infinity;
  let end = -Infinity;
  for (const w of q.workloads) {
    const t = w.samples?.timestampsSec;
    const sk = w.samples?.sketch;
    if (sk && sk.samples > 0) {
      start = Math.min(start, sk.firstSec);
      end = Math.max(end, sk.lastSec);
    } else if (t && t.length) {
      start = Math.min(start, t[0]);
      end = Math.max(end, t[t.length - 1]);
    }
  }
  const workloads: WorkloadQuality[] = yield* mapSteps(q.workloads, (w): WorkloadQuality => {
    const s = w.samples;
    if (!s || s.timestampsSec.length === 0) {
      const assumedUtil = w.assumed?.includes('cpu_util') ?? false;
      const basis: WorkloadQuality['basis'] =
        (w.cpuUtilP95Fraction !== undefined || w.cpuUtilPeakFraction !== undefined) && !assumedUtil
          ? 'summary'
          : w.cpuUtilAvgFraction !== undefined && w.snapshot
            ? 'snapshot'
            : w.cpuUtilAvgFraction !== undefined && !assumedUtil
              ? 'average'
              : 'assumed';
      const stars = basis === 'summary' ? 3 : basis === 'assumed' ? 1 : 2;
      return { id: w.id, stars, basis, samples: 0, expectedSamples: 0, coverage: 0, gaps: 0, duplicateTimestamps: 0, outOfRange: 0 };
    }
    const t = s.timestampsSec;
    // A sketched series (docs/models.md#sample-sketch) counted these as its samples streamed in.
    const sk = s.sketch;
    const n = sk ? sk.samples : t.length;
    const stepSec = sk ? sk.sourceStepSec : s.stepSec;
    const step = stepSec > 0 ? stepSec : 1;
    const expected = Math.max(n, Math.floor((end - start) / step + 1e-9) + 1);
    let gaps = sk ? sk.gaps : 0;
    if (!sk) for (let i = 1; i < n; i++) if (t[i] - t[i - 1] > 1.5 * step) gaps++;
    let out = sk ? sk.cpuOutOfRange : 0;
    if (!sk) {
      for (let i = 0; i < s.cpuFraction.length; i++) {
        const v = s.cpuFraction[i];
        if (v > 1 + 1e-6 || v < 0) out++;
      }
    }
    const dup = s.duplicateTimestamps ?? 0;
    const coverage = Math.min(1, n / expected);
    let stars = starsFromCoverage(coverage);
    if ((dup + out) / (n + dup) > 0.01) stars = Math.max(1, stars - 1);
    return { id: w.id, stars, basis: 'samples', samples: n, expectedSamples: expected, coverage: round(coverage, 3), gaps, duplicateTimestamps: dup, outOfRange: out };
  });
  let stars = 1;
  if (workloads.length) {
    stars = Math.round(workloads.reduce((a, w) => a + w.stars, 0) / workloads.length);
    if (q.rows.read > 0 && q.rows.rejected / q.rows.read > 0.01) stars -= 1;
    stars = Math.min(5, Math.max(1, stars));
  }
  const out: DataQuality = {
    rule: CONFIDENCE_RULE,
    stars,
    starsHistogram: [1, 2, 3, 4, 5].map((k) => workloads.filter((w) => w.stars === k).length),
    workloads,
    noSamples: [...(q.noSamples ?? [])],
    noInventory: [...(q.noInventory ?? [])],
  };
  if (Number.isFinite(start)) out.span = { startSec: start, endSec: end };
  return out;
}

/**
 * Coverage below which a workload's samples are reported (`data.coverage`): the rule's 3-star
 * boundary, so the warning names exactly the workloads rated 1 or 2 stars for coverage.
 */
export const LOW_COVERAGE_FRACTION = 0.5;

/**
 * The data-quality findings as issues: workloads with little coverage (warning), dropped
 * duplicate-timestamp samples (info), CPU samples outside 0..100% (warning). Ids in report order.
 */
export function qualityIssues(q: DataQuality): Issue[] {
  const out: Issue[] = [];
  const withSamples = q.workloads.filter((w) => w.basis === 'samples');
  const low = withSamples.filter((w) => w.coverage < LOW_COVERAGE_FRACTION).map((w) => w.id);
  if (low.length) out.push(issue('data.coverage', 'warning', { ids: low, belowFraction: LOW_COVERAGE_FRACTION }));
  const dup = withSamples.filter((w) => w.duplicateTimestamps > 0);
  if (dup.length) out.push(issue('data.duplicate-timestamp', 'info', { ids: dup.map((w) => w.id), samples: dup.reduce((a, w) => a + w.duplicateTimestamps, 0) }));
  const oor = withSamples.filter((w) => w.outOfRange > 0);
  if (oor.length) out.push(issue('data.out-of-range-sample', 'warning', { ids: oor.map((w) => w.id), samples: oor.reduce((a, w) => a + w.outOfRange, 0) }));
  return out;
}
