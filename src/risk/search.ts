/**
 * The search behind `--overload-risk PCT`: the CPU target (the share of each host's CPU for VMs
 * that the packing may fill, in every time bucket) that meets a stated overload risk with the
 * fewest hosts (or the lowest cost, whatever the packing minimizes).
 *
 * Each candidate target is packed and the placement replayed on the traces (the plan's own
 * replay, analysis/traces.ts): its overload is the share of active host-intervals in which a
 * host's summed demand exceeds its CPU. The search starts at the plan's CPU target; while the
 * candidate meets the risk it raises the target by a step factor, while it does not it lowers it,
 * until the two sides are bracketed; then it bisects the bracket to a tolerance. The overload of
 * a heuristic packing is not strictly monotone in the target, so every evaluated candidate is
 * kept (with those of earlier searches over the same problem) and the best one that meets the risk wins: fewest unplaced workloads, then the lowest
 * packing cost, then the lowest overload, then the lowest target. When no candidate meets it
 * (e.g. a risk of 0 with a sizing below the peaks, at the lowest target), the candidate with the
 * lowest overload is returned with `met: false`. A candidate that leaves more workloads unplaced
 * than the start target does never meets the risk (shrinking hosts until a VM no longer fits is
 * not a way to keep it from overloading them).
 *
 * Evaluations are cached by target (rounded to RISK_SEARCH.resolutionPercent), so several
 * searches over the same problem (the risk curve) share their packings. Deterministic: the
 * sequence of targets depends only on the evaluations.
 */

/** One evaluated candidate. */
export interface RiskPoint {
  /** CPU target the packing filled to, percent of each host's CPU for VMs. */
  cpuTargetPercent: number;
  hostsUsed: number;
  /** The packing's objective (host count, price or the --optimize objective). */
  totalCost: number;
  unplaced: number;
  /** Share of active host-intervals over CPU capacity, replayed on the traces. */
  overloadFraction: number;
}

export interface RiskSearchSettings {
  /** Lowest and highest CPU target tried, percent. */
  minPercent: number;
  maxPercent: number;
  /** Factor by which the target moves while bracketing. */
  stepFactor: number;
  /** Bisection stops when the bracket is narrower than this, percentage points. */
  tolerancePercent: number;
  /** Targets are rounded to this many percentage points (and cached by it). */
  resolutionPercent: number;
  /** At most this many packings per search. */
  maxEvaluations: number;
}

export interface RiskSearchResult<T> {
  best: RiskPoint & { value: T };
  met: boolean;
  /** The candidates this search evaluated, in the order it did. */
  points: RiskPoint[];
}

export type Evaluate<T> = (cpuTargetPercent: number) => Promise<RiskPoint & { value: T }>;

/** A cache of evaluations by target, shared by searches over the same problem. */
export class RiskEvaluations<T> {
  private readonly seen = new Map<number, RiskPoint & { value: T }>();
  constructor(
    private readonly evaluate: Evaluate<T>,
    readonly settings: RiskSearchSettings,
  ) {}

  /** The target on the grid: rounded to the resolution, within the bounds. */
  snap(t: number): number {
    const r = this.settings.resolutionPercent;
    const x = Math.round(t / r) * r;
    return Math.min(this.settings.maxPercent, Math.max(this.settings.minPercent, Number(x.toFixed(6))));
  }

  /** Packings made so far (over all searches). */
  get size(): number {
    return this.seen.size;
  }

  async at(t: number): Promise<RiskPoint & { value: T }> {
    const k = this.snap(t);
    let p = this.seen.get(k);
    if (!p) {
      p = await this.evaluate(k);
      this.seen.set(k, p);
    }
    return p;
  }

  has(t: number): boolean {
    return this.seen.has(this.snap(t));
  }

  /** Every evaluation so far, by target. */
  all(): (RiskPoint & { value: T })[] {
    return [...this.seen.values()].sort((a, b) => a.cpuTargetPercent - b.cpuTargetPercent);
  }
}

/** Better of two candidates that both meet (or both miss) the risk. */
export function better(a: RiskPoint, b: RiskPoint): boolean {
  if (a.unplaced !== b.unplaced) return a.unplaced < b.unplaced;
  if (a.totalCost !== b.totalCost) return a.totalCost < b.totalCost;
  if (a.overloadFraction !== b.overloadFraction) return a.overloadFraction < b.overloadFraction;
  return a.cpuTargetPercent < b.cpuTargetPercent;
}

const strip = <T>({ value: _v, ...p }: RiskPoint & { value: T }): RiskPoint => p;

/**
 * Searches the CPU target that meets `targetFraction` (see the module comment), starting at
 * `startPercent`.
 * @example with overload(t) = max(0, t - 100) / 100 and target 0.05, the search settles on 105%.
 */
export async function searchCpuTarget<T>(evals: RiskEvaluations<T>, targetFraction: number, startPercent: number): Promise<RiskSearchResult<T>> {
  const s = evals.settings;
  const points: (RiskPoint & { value: T })[] = [];
  const at = async (t: number) => {
    const p = await evals.at(t);
    if (!points.includes(p)) points.push(p);
    return p;
  };
  const start = evals.snap(startPercent);
  const first = await at(start);
  // A lower target may leave workloads unplaced (too large for the smaller capacity): that is not
  // a way to meet the risk. A candidate meets it only placing as many as the start target does.
  const meets = (p: RiskPoint) => p.overloadFraction <= targetFraction + 1e-12 && p.unplaced <= first.unplaced;
  let lo: number | undefined; // a target that meets the risk
  let hi: number | undefined; // a target that does not
  if (meets(first)) {
    lo = start;
    for (let t = start; points.length < s.maxEvaluations && t < s.maxPercent; ) {
      t = evals.snap(t * s.stepFactor);
      if (meets(await at(t))) lo = t;
      else {
        hi = t;
        break;
      }
    }
  } else {
    hi = start;
    for (let t = start; points.length < s.maxEvaluations && t > s.minPercent; ) {
      t = evals.snap(t / s.stepFactor);
      if (meets(await at(t))) {
        lo = t;
        break;
      }
      hi = t;
    }
  }
  if (lo !== undefined && hi !== undefined) {
    while (hi - lo > s.tolerancePercent && points.length < s.maxEvaluations) {
      const mid = evals.snap((lo + hi) / 2);
      if (mid === lo || mid === hi) break;
      if (meets(await at(mid))) lo = mid;
      else hi = mid;
    }
  }
  // Every packing evaluated so far is a candidate, this search's or an earlier one's (the risk
  // curve): so a higher risk never gets more hosts than a lower one.
  const candidates = evals.all();
  const ok = candidates.filter(meets);
  const placing = candidates.filter((p) => p.unplaced <= first.unplaced);
  const pool = ok.length ? ok : placing;
  let best = pool[0];
  for (const p of pool) {
    if (ok.length ? better(p, best) : p.overloadFraction < best.overloadFraction || (p.overloadFraction === best.overloadFraction && better(p, best))) best = p;
  }
  return { best, met: ok.length > 0, points: points.map(strip) };
}
