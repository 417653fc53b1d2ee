/**
 * Solve one (site) instance: heuristic portfolio, bounds, improvement, exact phase.
 */
import { compareSolutions, openingOrders, solutionCost, FIT_REL_EPS, type Instance, type Solution } from './internal.js';
import { getHeuristic, selectPortfolio } from './registry.js';
import { cheapBounds, type BoundSet } from './bounds.js';
import { improveSolution } from './improve.js';
import type { PackingProgress } from './problem.js';

export interface EngineContext {
  /** Counted work budget for the improvement phase (search nodes); 0 = skip. */
  improveNodes: number;
  /** Counted work budget for the exact phase; 0 = skip. */
  exactWork: number;
  /** Wall-clock safety net (ms since epoch); Infinity = none. */
  deadline: number;
  signal?: AbortSignal;
  onProgress?: (p: PackingProgress) => void;
  warnings: string[];
  exact?: ExactHook;
  /** Restrict the portfolio to these heuristic names. */
  heuristics?: string[];
  exactOptions?: import('./problem.js').ExactOptions;
}

export interface EngineResult {
  sol: Solution;
  bounds: BoundSet;
  optimal: boolean;
}

/** The exact phase, injected by index.ts (keeps engine free of solver imports). */
export type ExactHook = (
  inst: Instance,
  incumbent: Solution,
  bounds: BoundSet,
  ctx: EngineContext,
) => Promise<{ sol: Solution; bounds: BoundSet; optimal: boolean }>;

/**
 * Downsize every host to the cheapest type that holds its load (respecting counts). Greedy over
 * hosts in decreasing normalised load; returns the input unchanged if the greedy gets stuck.
 */
export function retype(inst: Instance, s: Solution): Solution {
  if (inst.types.length === 1) return s;
  const { d, w, types } = inst;
  const nb = s.binItems.length;
  const load = new Float64Array(nb * d);
  const size = new Float64Array(nb);
  for (let b = 0; b < nb; b++) {
    for (const i of s.binItems[b]) for (let k = 0; k < d; k++) load[b * d + k] += w[i * d + k];
    for (let k = 0; k < d; k++) size[b] += load[b * d + k] / inst.ref[k];
  }
  const order = Array.from({ length: nb }, (_, b) => b).sort((a, b) => size[b] - size[a] || a - b);
  const byCost = types.map((_, t) => t).sort((a, b) => types[a].cost - types[b].cost || a - b);
  const used = new Array<number>(types.length).fill(0);
  const binType = s.binType.slice();
  for (const b of order) {
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

export function runPortfolio(inst: Instance, ctx: EngineContext): Solution {
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
      const sol = retype(inst, h.run(inst, o));
      if (best === null || compareSolutions(inst, sol, best) < 0) best = sol;
      done++;
      ctx.onProgress?.({ phase: 'heuristics', done, total, message: h.name });
    }
  }
  return best ?? { binType: [], binItems: [], unplaced: [], algorithm: 'none' };
}

export function reachedBound(inst: Instance, s: Solution, b: BoundSet): boolean {
  if (s.unplaced.length > 0) return false;
  return solutionCost(inst, s) <= b.cost * (1 + 1e-9) + 1e-12;
}

export async function solveInstance(inst: Instance, ctx: EngineContext): Promise<EngineResult> {
  if (inst.n === 0)
    return { sol: { binType: [], binItems: [], unplaced: [], algorithm: 'none' }, bounds: cheapBounds(inst), optimal: true };
  let sol = runPortfolio(inst, ctx);
  ctx.onProgress?.({ phase: 'bounds' });
  let bounds = cheapBounds(inst);
  let optimal = reachedBound(inst, sol, bounds);
  if (!optimal && ctx.improveNodes > 0 && !ctx.signal?.aborted) {
    ctx.onProgress?.({ phase: 'improve' });
    const r = improveSolution(inst, sol, bounds, ctx);
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
  if (!optimal && ctx.exact && ctx.exactWork > 0 && !ctx.signal?.aborted) {
    ctx.onProgress?.({ phase: 'exact' });
    const r = await ctx.exact(inst, sol, bounds, ctx);
    if (compareSolutions(inst, r.sol, sol) < 0) sol = r.sol;
    bounds = r.bounds;
    optimal = r.optimal || reachedBound(inst, sol, bounds);
  }
  return { sol, bounds, optimal };
}
