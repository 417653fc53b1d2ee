/**
 * The packing engine: `solvePacking(problem, options)`.
 *
 * Pipeline per site (see constraints.ts): merge affinity groups → heuristic portfolio (registry.ts,
 * best result kept) → cheap lower bounds (bounds.ts: L1, Martello–Toth L2, anti-affinity, cost) →
 * improvement (improve.ts: triple search on exact-fill instances, consistent neighbourhood search
 * (cns.ts), bin-completion search, emptying the least-filled hosts) → exact phase
 * (exact/: arc-flow or column generation on an LP/MILP backend in a worker thread) → HA reserve
 * (ha.ts) → expansion back to items. The result always passes verify.ts.
 *
 * ## Determinism
 * The same problem and options give an identical result, also under a time limit:
 * - items are re-indexed by id and every sort breaks ties by id; there is no Math.random (a seeded
 *   mulberry32 PRNG is used where randomness is needed);
 * - the improvement and exact phases are bounded by *counted work*, not by the clock. The budget is
 *   derived from `timeLimitSeconds` at fixed, documented rates: IMPROVE_NODES_PER_SECOND search
 *   nodes and EXACT_WORK_PER_SECOND solver work units (column-generation iterations and
 *   branch-and-bound nodes, see exact/) per second of time limit (budget.ts);
 * - wall-clock time (the injected `clock`) is only an outer safety net (WALL_CLOCK_SAFETY_FACTOR ×
 *   the limit plus WALL_CLOCK_SAFETY_MARGIN_MS). If it fires, the phase stops early and the note
 *   `packing.safety-net` says that the result may differ between runs;
 * - the event loop gets a turn every time slice (cooperate.ts); turns only pause the
 *   algorithms, so they never change a result.
 *
 * ## Backend per problem type (measured, see benchmarks/packing and exact/)
 * - 1-D, one host type, integer sizes: arc-flow MILP on glpk.js (u120_07: glpk.js 3.9 s, HiGHS-js
 *   12.8 s to the proven optimum). It runs only when its predicted time fits the budget.
 * - vectors / several host types: column generation with master LPs on glpk.js (about 5 ms per
 *   iteration against 30 ms on HiGHS-js, CL_6_50_6) and the restricted-master IP on HiGHS (node
 *   limit, MIP dual bound). `exact.backend` forces one backend for both.
 *
 * `timeLimitSeconds = 0` runs the heuristics and the cheap bounds only. An aborted `signal`
 * rejects with AbortedError within a checkpoint (a running solver worker is terminated).
 * Warnings and unplaced reasons are data (messages.ts); the engine holds no wording.
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
import { solveInstance, reachedBound, type EngineContext, type ExactHook } from './engine.js';
import { cheapBounds } from './bounds.js';
import { solutionCost, type Solution } from './internal.js';
import { applyHa, type HaOutcome } from './ha.js';
import { EngineCooperation, type Control, type Steps } from './cooperate.js';
import type { PackingNote } from './messages.js';
import { availableParallelism } from 'node:os';
import { MAX_SHARD_THREADS, warmShardWorkers } from './shard-pool.js';
import { BC_L2_SHARD_ITEMS } from './heuristics/bin-centric-l2.js';
import {
  DEFAULT_TIME_LIMIT_SECONDS,
  EXACT_MIN_WORK,
  EXACT_WORK_PER_SECOND,
  IMPROVE_NODES_PER_SECOND,
  IMPROVE_NODES_PER_SECOND_1D,
  IMPROVE_SHARE,
  WALL_CLOCK_SAFETY_FACTOR,
  WALL_CLOCK_SAFETY_MARGIN_MS,
} from './budget.js';

export * from './problem.js';
export * from './messages.js';
export * from './budget.js';
export { PackingInputError } from './constraints.js';
export { verifyPacking } from './verify.js';
export { HEURISTICS, type Heuristic } from './registry.js';
export { CHECKPOINT_WORK, type Clock } from './cooperate.js';

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
    /** Per problem item (same order): the index of its host in `hosts`, or -1 when unplaced. */
    placement?: Int32Array;
  }
  interface PackedHost {
    /** True for an empty host kept as HA reserve. */
    spare?: boolean;
  }
}

/** The exact phase, loaded when a solve first reaches it (with its LP/MILP back ends). */
const exactHook: ExactHook = async (inst, incumbent, bounds, ctx) => (await import('./exact/index.js')).exactPhase(inst, incumbent, bounds, ctx);

/**
 * Packs `problem`. Resolves with the best packing found within the counted work budget; rejects
 * with AbortedError (src/errors.ts) within a checkpoint of `options.signal` being aborted.
 */
export async function solvePacking(problem: PackingProblem, options: PackOptions = {}): Promise<PackingResult> {
  const timeLimit = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  if (!(timeLimit >= 0) || !Number.isFinite(timeLimit)) throw new RangeError('timeLimitSeconds must be a finite number >= 0');
  const coop = new EngineCooperation({ clock: options.clock, signal: options.signal });
  if (timeLimit > 0) coop.setSafetyNet(coop.now() + timeLimit * 1000 * WALL_CLOCK_SAFETY_FACTOR + WALL_CLOCK_SAFETY_MARGIN_MS);
  const control: Control = { stop: false };
  const threads = Math.max(1, Math.floor(options.threads ?? Math.min(availableParallelism(), MAX_SHARD_THREADS)));
  options.onProgress?.({ phase: 'prepare' });
  coop.throwIfAborted();
  if (threads > 1 && problem.items.length > BC_L2_SHARD_ITEMS) warmShardWorkers(threads);
  const prepared = prepare(problem);
  await coop.turn();
  const warnings: PackingNote[] = [];
  const totalUnits = prepared.sites.reduce((s, x) => s + x.inst.n, 0);
  const ha = problem.constraints?.ha ?? 0;

  const hosts: PackedHost[] = [];
  const placement = new Int32Array(problem.items.length).fill(-1);
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

  // Host-type counts are units available across the whole problem: each site, in site order, takes
  // what the sites before it left.
  const left = problem.hostTypes.map((t) => (t.count === null ? Infinity : t.count));
  for (const site of prepared.sites) {
    const shared = prepared.sites.length > 1 && site.inst.types.some((t, k) => left[k] < t.count);
    const inst = shared ? { ...site.inst, types: site.inst.types.map((t, k) => ({ ...t, count: left[k] })) } : site.inst;
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
      coop,
      control,
      onProgress: options.onProgress,
      warnings,
      exact: exactHook,
      heuristics: options.heuristics,
      exactOptions: options.exact,
      threads,
    };
    const r = await solveInstance(inst, ctx);
    if (shared) {
      // This site had fewer units than the problem holds: its bounds assumed them. The cheap
      // bounds do not depend on counts, so they stay valid for the whole problem.
      r.bounds = await coop.run(cheapBounds(site.inst));
      r.optimal = reachedBound(site.inst, r.sol, r.bounds);
    }
    let sol = r.sol;
    let haOut: HaOutcome | undefined;
    if (ha > 0) {
      options.onProgress?.({ phase: 'ha', message: site.site });
      haOut = await coop.run(applyHa(inst, sol, ha));
      sol = haOut.sol;
      warnings.push(...haOut.warnings);
    }
    const hostIds = await coop.run(emitHosts(problem, site, sol, hosts, haOut, placement));
    for (const i of sol.unplaced) {
      for (let q = site.unitStart[i]; q < site.unitStart[i + 1]; q++)
        unplaced.push({ id: problem.items[site.unitMembers[q]].id, failures: [], reason: { code: 'unplaced.no-host-left', args: {} } });
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
            moves: c.moves.flatMap(([i, b]) => {
              const out: { item: string; host: string }[] = [];
              for (let q = site.unitStart[i]; q < site.unitStart[i + 1]; q++) out.push({ item: problem.items[site.unitMembers[q]].id, host: hostIds[b] });
              return out;
            }),
          });
        }
      }
    }
    for (const t of sol.binType) left[t]--;
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
      warnings.push({
        code: 'packing.not-proven',
        args: { ...(site.site !== undefined ? { site: site.site } : {}), gapFraction: g, bound: r.bounds.source, beforeHa: ha > 0 },
      });
    }
  }
  if (haInfo && ha === 1) haInfo.cases = haCases;
  if (coop.safetyNetFired) warnings.push({ code: 'packing.wall-clock', args: {} });
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
    placement,
  };
  if (haInfo) result.haVerification = haInfo;
  return result;
}

/** Hosts emitted between two checkpoints. */
const HOSTS_PER_CHECKPOINT = 512;

function* emitHosts(
  problem: PackingProblem,
  site: SiteInstance,
  sol: Solution,
  out: PackedHost[],
  haOut: HaOutcome | undefined,
  placement: Int32Array,
): Steps<string[]> {
  const inst = site.inst;
  const dims = problem.dimensions.length;
  const nb = sol.binItems.length;
  const width = Math.max(3, String(nb).length);
  const prefix = site.site !== undefined ? `${site.site}/` : '';
  const ids: string[] = [];
  const spareFrom = haOut ? nb - haOut.sparesAdded : nb;
  const { unitStart, unitMembers } = site;
  const { w, d } = inst;
  // one sequential pass over the items for their ids (bins visit items in random order)
  const itemIds = problem.items.map((it) => it.id);
  // unit u is item u (every item kept, one per unit, items given in id order: the common case):
  // the two look-ups per item below, at random places at a million items, are then skipped
  let identity = unitMembers.length === itemIds.length && unitStart.length === unitMembers.length + 1;
  for (let i = 0; identity && i < unitMembers.length; i++) if (unitMembers[i] !== i || unitStart[i] !== i) identity = false;
  yield;
  for (let b = 0; b < nb; b++) {
    if (b % HOSTS_PER_CHECKPOINT === HOSTS_PER_CHECKPOINT - 1) yield;
    const id = `${prefix}host-${String(b + 1).padStart(width, '0')}`;
    ids.push(id);
    const units = sol.binItems[b];
    // the item list at its final length (no growing: at a million items every allocation here
    // survives, and the young generation copies it)
    let count = identity ? units.length : 0;
    if (!identity) for (let j = 0; j < units.length; j++) count += unitStart[units[j] + 1] - unitStart[units[j]];
    const items: string[] = new Array(count);
    let at = 0;
    const load = new Array<number>(dims).fill(0);
    const hostIndex = out.length;
    if (identity) {
      for (let j = 0; j < units.length; j++) {
        const u = units[j];
        items[at++] = itemIds[u];
        placement[u] = hostIndex;
        for (let k = 0; k < dims; k++) load[k] += w[u * d + k];
      }
    } else for (let j = 0; j < units.length; j++) {
      const u = units[j];
      const from = unitStart[u];
      const to = unitStart[u + 1];
      if (to - from === 1) {
        // a single item: its demand is the unit's row of the instance
        const m = unitMembers[from];
        items[at++] = itemIds[m];
        placement[m] = hostIndex;
        for (let k = 0; k < dims; k++) load[k] += w[u * d + k];
        continue;
      }
      for (let q = from; q < to; q++) {
        const m = unitMembers[q];
        const it = problem.items[m];
        items[at++] = itemIds[m];
        placement[m] = hostIndex;
        for (let k = 0; k < dims; k++) load[k] += it.demand[k];
      }
    }
    const host: PackedHost = { id, type: inst.types[sol.binType[b]].name, items, load };
    if (site.site !== undefined) host.site = site.site;
    if (b >= spareFrom) host.spare = true;
    out.push(host);
  }
  return ids;
}
