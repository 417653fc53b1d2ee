/**
 * Solve one (site) instance: heuristic portfolio, bounds, improvement, exact phase. Every phase
 * runs through the cooperation driver (cooperate.ts), so the event loop keeps turning and an
 * abort is noticed within a checkpoint.
 */
import { compareSolutions, openingOrders, solutionCost, FIT_REL_EPS, type Instance, type Solution } from './internal.js';
import { getHeuristic, selectPortfolio } from './registry.js';
import { cheapBounds, type BoundSet } from './bounds.js';
import type { improveSolution as ImproveSolution } from './improve.js';
import type { EngineContext, PhaseResult } from './context.js';
import type { Steps } from './cooperate.js';
import { shardWorkersAvailable } from './shard-pool.js';

export type { EngineContext, ExactHook, PhaseResult } from './context.js';

/** Bins re-typed between two checkpoints. */
const BINS_PER_CHECKPOINT = 1024;

/**
 * Downsize every host to the cheapest type that holds its load (respecting counts). Greedy over
 * hosts in decreasing normalised load; returns the input unchanged if the greedy gets stuck.
 */
export function* retype(inst: Instance, s: Solution): Steps<Solution> {
  if (inst.types.length === 1) return s;
  const { d, w, types } = inst;
  const nb = s.binItems.length;
  const load = new Float64Array(nb * d);
  const size = new Float64Array(nb);
  for (let b = 0; b < nb; b++) {
    if (b % BINS_PER_CHECKPOINT === BINS_PER_CHECKPOINT - 1) yield;
    for (const i of s.binItems[b]) for (let k = 0; k < d; k++) load[b * d + k] += w[i * d + k];
    for (let k = 0; k < d; k++) size[b] += load[b * d + k] / inst.ref[k];
  }
  const order = Array.from({ length: nb }, (_, b) => b).sort((a, b) => size[b] - size[a] || a - b);
  const byCost = types.map((_, t) => t).sort((a, b) => types[a].cost - types[b].cost || a - b);
  const used = new Array<number>(types.length).fill(0);
  const binType = s.binType.slice();
  let done = 0;
  for (const b of order) {
    if (++done % BINS_PER_CHECKPOINT === 0) yield;
    let chosen = -1;
    for (const t of byCost) {
      if (used[t] >= types[t].count) continue;
      let ok = true;
      for (let k = 0; k < d; k++) if (load[b * d + k] > types[t].cap[k] * (1 + FIT_REL_EPS)) ok = false;
      if (ok) {
        chosen = t;
        break;
      }
    }
    if (chosen < 0) return s;
    used[chosen]++;
    binType[b] = chosen;
  }
  return { ...s, binType };
}

/** Runs the heuristic portfolio (each heuristic under each opening order) and keeps the best. */
export async function runPortfolio(inst: Instance, ctx: EngineContext): Promise<Solution> {
  const hs = ctx.heuristics
    ? ctx.heuristics.map((n) => {
        const h = getHeuristic(n);
        if (!h) throw new RangeError(`unknown heuristic ${n}`);
        return h;
      })
    : selectPortfolio(inst);
  const orders = openingOrders(inst);
  let best: Solution | null = null;
  let done = 0;
  const total = hs.length * orders.length;
  for (const h of hs) {
    for (const o of orders) {
      ctx.onProgress?.({ phase: 'heuristics', done, total, message: h.name });
      const parallel = ctx.threads > 1 && h.packParallel && shardWorkersAvailable() ? h.packParallel(inst, o, ctx.threads, ctx.coop) : null;
      const packed = (parallel ? await parallel : null) ?? (await ctx.coop.run(h.pack(inst, o)));
      const sol = await ctx.coop.run(retype(inst, packed));
      if (best === null || compareSolutions(inst, sol, best) < 0) best = sol;
      done++;
    }
  }
  ctx.onProgress?.({ phase: 'heuristics', done, total });
  return best ?? { binType: [], binItems: [], unplaced: [], algorithm: 'none' };
}

/** The improvement phase, loaded when a solve first runs it (a solve at time limit 0 never does,
 *  and starts without its modules). */
let improveModule: Promise<typeof ImproveSolution> | null = null;
function loadImprove(): Promise<typeof ImproveSolution> {
  improveModule ??= import('./improve.js').then((m) => m.improveSolution);
  return improveModule;
}

export function reachedBound(inst: Instance, s: Solution, b: BoundSet): boolean {
  if (s.unplaced.length > 0) return false;
  return solutionCost(inst, s) <= b.cost * (1 + 1e-9) + 1e-12;
}

export async function solveInstance(inst: Instance, ctx: EngineContext): Promise<PhaseResult> {
  if (inst.n === 0)
    return { sol: { binType: [], binItems: [], unplaced: [], algorithm: 'none' }, bounds: await ctx.coop.run(cheapBounds(inst)), optimal: true };
  // The cheap bounds do not depend on the packing: they are computed while the portfolio runs, so
  // this thread works on them while the portfolio's shards are packed on worker threads. The
  // portfolio starts first, so that its shards are on the workers before the bounds take this
  // thread. Both are pure, so the interleaving changes no result.
  const portfolio = runPortfolio(inst, ctx);
  portfolio.catch(() => undefined); // awaited below; an abort is reported by whichever ends first
  const early = ctx.coop.run(cheapBounds(inst));
  early.catch(() => undefined);
  let sol = await portfolio;
  ctx.onProgress?.({ phase: 'bounds' });
  let bounds = await early;
  let optimal = reachedBound(inst, sol, bounds);
  if (!optimal && ctx.improveNodes > 0 && !ctx.control.stop) {
    ctx.onProgress?.({ phase: 'improve' });
    const improveSolution = await loadImprove();
    const r = await ctx.coop.run(improveSolution(inst, sol, bounds, ctx), ctx.control);
    if (compareSolutions(inst, r.sol, sol) < 0) sol = r.sol;
    if (bounds.hosts !== null && r.provenHosts > bounds.hosts) {
      const c = inst.types[0].cost;
      bounds = {
        hosts: r.provenHosts,
        cost: r.provenHosts * c,
        source: 'bin-completion',
        all: [...bounds.all, { name: 'bin-completion', hosts: r.provenHosts, cost: r.provenHosts * c }],
      };
    }
    optimal = reachedBound(inst, sol, bounds);
  }
  if (!optimal && ctx.exact && ctx.exactWork > 0 && !ctx.control.stop) {
    ctx.onProgress?.({ phase: 'exact' });
    const r = await ctx.exact(inst, sol, bounds, ctx);
    if (compareSolutions(inst, r.sol, sol) < 0) sol = r.sol;
    bounds = r.bounds;
    optimal = r.optimal || reachedBound(inst, sol, bounds);
  }
  return { sol, bounds, optimal };
}
