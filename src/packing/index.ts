/**
 * The packing engine: `solvePacking(problem, options)`.
 *
 * Pipeline per site (see constraints.ts): merge affinity groups → heuristic portfolio (registry.ts,
 * best result kept) → cheap lower bounds (bounds.ts: L1, Martello–Toth L2, anti-affinity, cost) →
 * improvement (improve.ts: bin-completion search that empties the least-filled hosts) → exact phase
 * (exact.ts: arc-flow or column generation on an LP/MILP backend in a worker thread) → HA reserve
 * (ha.ts) → expansion back to items. The result always passes verify.ts.
 *
 * ## Determinism
 * The same problem and options give an identical result, also under a time limit:
 * - items are re-indexed by id and every sort breaks ties by id; there is no Math.random (a seeded
 *   mulberry32 PRNG is used where randomness is needed);
 * - the improvement and exact phases are bounded by *counted work*, not by the clock. The budget is
 *   derived from `timeLimitSeconds` at fixed, documented rates: IMPROVE_NODES_PER_SECOND search
 *   nodes and EXACT_WORK_PER_SECOND solver work units (column-generation iterations and
 *   branch-and-bound nodes, see exact.ts) per second of time limit;
 * - wall-clock time is only an outer safety net (WALL_CLOCK_SAFETY_FACTOR × the limit plus
 *   WALL_CLOCK_SAFETY_MARGIN_MS). If it fires, the phase stops early and a warning says that the
 *   result may differ between runs.
 *
 * ## Backend per problem type (measured, see benchmarks/packing and exact.ts)
 * - 1-D, one host type, integer sizes: arc-flow MILP on glpk.js (u120_07: glpk.js 3.9 s, HiGHS-js
 *   12.8 s to the proven optimum). It runs only when its predicted time fits the budget.
 * - vectors / several host types: column generation with master LPs on glpk.js (about 5 ms per
 *   iteration against 30 ms on HiGHS-js, CL_6_50_6) and the restricted-master IP on HiGHS (node
 *   limit, MIP dual bound). `exact.backend` forces one backend for both.
 *
 * `timeLimitSeconds = 0` runs the heuristics and the cheap bounds only. An aborted `signal` stops
 * the remaining phases; the best result so far is returned with a warning.
 * The library never writes to the console and never exits the process.
 */
import type {
  PackedHost,
  PackingProblem,
  PackingResult,
  PackOptions,
  UnplacedItem,
} from './problem.js';
import { prepare, type SiteInstance } from './constraints.js';
import { solveInstance, type EngineContext, type ExactHook } from './engine.js';
import { solutionCost, type Solution } from './internal.js';
import { applyHa, type HaOutcome } from './ha.js';
import { exactPhase, EXACT_WORK_UNITS_PER_SECOND } from './exact.js';

export * from './problem.js';
export { PackingInputError } from './constraints.js';
export { verifyPacking } from './verify.js';
export { HEURISTICS, type Heuristic } from './registry.js';

/** Default whole-solve budget (seconds) when `timeLimitSeconds` is not given. */
export const DEFAULT_TIME_LIMIT_SECONDS = 5;
/** Improvement-phase work rate: search nodes per second of time limit (calibrated on this 2-core
 *  machine so that a full budget takes roughly 40% of the limit; see benchmarks/packing). */
export const IMPROVE_NODES_PER_SECOND = 400_000;
/** One-dimensional search nodes are cheaper (measured ~4x on Falkenauer u/t). */
export const IMPROVE_NODES_PER_SECOND_1D = 1_500_000;
/** Minimum exact work units for the exact phase to run (below: improvement gets everything).
 *  100 units = a 2 s limit with IMPROVE_SHARE 0.5: column generation needs ~100 iterations to
 *  converge on 50-item instances (CL_6_50_6: 86), so a shorter run rarely proves anything. */
export const EXACT_MIN_WORK = 100;
/** Share of the time limit given to the improvement phase; the exact phase gets the rest. */
export const IMPROVE_SHARE = 0.5;
/** Exact-phase work rate: solver work units per second of time limit (see exact.ts). */
export const EXACT_WORK_PER_SECOND = EXACT_WORK_UNITS_PER_SECOND;
/** Wall-clock safety net: the solve is cut after factor × limit + margin. */
export const WALL_CLOCK_SAFETY_FACTOR = 3;
export const WALL_CLOCK_SAFETY_MARGIN_MS = 2000;

/** Extra result fields beyond the fixed PackingResult interface. */
export interface HaVerification {
  ha: number;
  method: 'repack-each-failure' | 'dominating-spares';
  sparesAdded: number;
  /** Single-failure cases checked (ha = 1) and how many were absorbed. */
  casesChecked: number;
  casesAbsorbed: number;
  ok: boolean;
  /** For ha = 1: per failed host, where each of its items goes. */
  cases?: { failedHost: string; moves: { item: string; host: string }[] }[];
}

declare module './problem.js' {
  interface PackingResult {
    /** Present when constraints.ha >= 1. */
    haVerification?: HaVerification;
    /** Every bound computed (for reports). */
    bounds?: { name: string; hosts?: number; cost: number }[];
  }
  interface PackedHost {
    /** True for an empty host kept as HA reserve. */
    spare?: boolean;
  }
}

const exactHook: ExactHook = exactPhase;

export async function solvePacking(problem: PackingProblem, options: PackOptions = {}): Promise<PackingResult> {
  const timeLimit = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  if (!(timeLimit >= 0) || !Number.isFinite(timeLimit)) throw new RangeError('timeLimitSeconds must be a finite number >= 0');
  const started = Date.now();
  const deadline = timeLimit > 0 ? started + timeLimit * 1000 * WALL_CLOCK_SAFETY_FACTOR + WALL_CLOCK_SAFETY_MARGIN_MS : Infinity;
  const prepared = prepare(problem);
  const warnings: string[] = [];
  const totalUnits = prepared.sites.reduce((s, x) => s + x.inst.n, 0);
  const ha = problem.constraints?.ha ?? 0;

  const hosts: PackedHost[] = [];
  const unplaced: UnplacedItem[] = [...prepared.unplaced];
  let totalCost = 0;
  let costLB = 0;
  let hostsLB: number | null = problem.hostTypes.length === 1 ? 0 : null;
  let allOptimal = true;
  const sources = new Set<string>();
  const algorithms = new Set<string>();
  const boundsAll: { name: string; hosts?: number; cost: number }[] = [];
  const haCases: NonNullable<HaVerification['cases']> = [];
  let haInfo: HaVerification | undefined = ha > 0
    ? { ha, method: ha === 1 ? 'repack-each-failure' : 'dominating-spares', sparesAdded: 0, casesChecked: 0, casesAbsorbed: 0, ok: true }
    : undefined;

  for (const site of prepared.sites) {
    // share of the work budget in proportion to the site's item count
    const share = totalUnits > 0 ? site.inst.n / totalUnits : 0;
    // the exact phase runs only with at least EXACT_MIN_WORK units; otherwise the improvement
    // phase gets the whole budget (a deterministic split, decided from the time limit alone)
    let exactWork = Math.floor(timeLimit * share * (1 - IMPROVE_SHARE) * EXACT_WORK_PER_SECOND);
    const improveShare = exactWork >= EXACT_MIN_WORK ? IMPROVE_SHARE : 1;
    if (exactWork < EXACT_MIN_WORK) exactWork = 0;
    const ctx: EngineContext = {
      improveNodes: Math.floor(
        timeLimit * share * improveShare * (problem.dimensions.length === 1 ? IMPROVE_NODES_PER_SECOND_1D : IMPROVE_NODES_PER_SECOND),
      ),
      exactWork,
      deadline,
      signal: options.signal,
      onProgress: options.onProgress,
      warnings,
      exact: exactHook,
      heuristics: options.heuristics,
      exactOptions: options.exact,
    };
    const r = await solveInstance(site.inst, ctx);
    let sol = r.sol;
    let haOut: HaOutcome | undefined;
    if (ha > 0) {
      options.onProgress?.({ phase: 'ha', message: site.site });
      haOut = applyHa(site.inst, sol, ha);
      sol = haOut.sol;
      warnings.push(...haOut.warnings);
    }
    const hostIds = emitHosts(site, sol, hosts, haOut, problem.dimensions.length);
    for (const i of sol.unplaced) {
      for (const m of site.units[i].members)
        unplaced.push({ id: m.id, failures: [], reason: 'no host left: every host type that fits is used up (host counts)' });
    }
    if (haOut && haInfo) {
      haInfo.sparesAdded += haOut.sparesAdded;
      haInfo.casesChecked += haOut.cases.length;
      haInfo.casesAbsorbed += haOut.cases.filter((c) => c.absorbed).length;
      haInfo.ok &&= haOut.ok;
      if (ha === 1) {
        for (const c of haOut.cases) {
          if (!c.absorbed) continue;
          haCases.push({
            failedHost: hostIds[c.failed],
            moves: c.moves.flatMap(([i, b]) => site.units[i].members.map((m) => ({ item: m.id, host: hostIds[b] }))),
          });
        }
      }
    }
    totalCost += solutionCost(site.inst, sol);
    costLB += r.bounds.cost;
    if (hostsLB !== null) hostsLB += r.bounds.hosts ?? 0;
    allOptimal &&= r.optimal;
    if (site.inst.n > 0) {
      sources.add(r.bounds.source);
      algorithms.add(r.sol.algorithm);
    }
    for (const b of r.bounds.all) boundsAll.push(prepared.sites.length > 1 ? { ...b, name: `${site.site ?? ''}:${b.name}` } : b);
    if (!r.optimal && site.inst.n > 0 && timeLimit > 0) {
      const c = solutionCost(site.inst, r.sol);
      const g = r.bounds.cost > 0 ? (c - r.bounds.cost) / r.bounds.cost : 0;
      warnings.push(
        `${site.site !== undefined ? `site ${site.site}: ` : ''}optimality not proven; gap ${(g * 100).toFixed(2)}% to the ${r.bounds.source} bound${ha > 0 ? ' (before the HA reserve)' : ''}`,
      );
    }
  }
  if (haInfo && ha === 1) haInfo.cases = haCases;
  if (options.signal?.aborted) warnings.push('aborted by signal: later phases were skipped; the best result so far is returned');
  if (Date.now() > deadline) warnings.push('wall-clock safety net fired: the result may differ between runs');
  unplaced.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // the HA spares are not part of the bound; the bound stays the (valid, weaker) bound without HA
  const gap = costLB > 0 ? Math.max(0, (totalCost - costLB) / costLB) : 0;
  const result: PackingResult = {
    dimensions: [...problem.dimensions],
    hosts,
    unplaced,
    totalCost,
    hostsLowerBound: hostsLB,
    costLowerBound: costLB,
    gap,
    optimal: allOptimal && (haInfo === undefined || haInfo.sparesAdded === 0),
    algorithm: [...algorithms].sort().join('+') || 'none',
    boundSource: [...sources].sort().join('+') || 'none',
    warnings,
    bounds: boundsAll,
  };
  if (haInfo) result.haVerification = haInfo;
  return result;
}

function emitHosts(
  site: SiteInstance,
  sol: Solution,
  out: PackedHost[],
  haOut: HaOutcome | undefined,
  dims: number,
): string[] {
  const inst = site.inst;
  const nb = sol.binItems.length;
  const width = Math.max(3, String(nb).length);
  const prefix = site.site !== undefined ? `${site.site}/` : '';
  const ids: string[] = [];
  const spareFrom = haOut ? nb - haOut.sparesAdded : nb;
  for (let b = 0; b < nb; b++) {
    const id = `${prefix}host-${String(b + 1).padStart(width, '0')}`;
    ids.push(id);
    const items: string[] = [];
    const load = new Array<number>(dims).fill(0);
    for (const u of sol.binItems[b])
      for (const m of site.units[u].members) {
        items.push(m.id);
        for (let k = 0; k < dims; k++) load[k] += m.demand[k];
      }
    const host: PackedHost = { id, type: inst.types[sol.binType[b]].name, items, load };
    if (site.site !== undefined) host.site = site.site;
    if (b >= spareFrom) host.spare = true;
    out.push(host);
  }
  return ids;
}
