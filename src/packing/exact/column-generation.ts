/**
 * Column generation + restricted-master IP (Gilmore–Gomory; price-and-branch) for vectors and
 * several host types: set-cover master over patterns, pricing by branch and bound per host type
 * (multi-dimensional bounded knapsack, honouring anti-affinity), Farley's bound at every
 * iteration, then the generated columns solved as an IP with host counts.
 *
 * Work accounting (deterministic): one CG iteration = 1 work unit, PRICING_NODES_PER_WORK
 * pricing nodes = 1 unit; the RMP-IP gets RMP_NODES_PER_WORK branch-and-bound nodes per
 * remaining unit.
 */
import { FIT_REL_EPS, solutionCost, type Instance, type Solution } from '../internal.js';
import { ceilEps, type BoundSet } from '../bounds.js';
import type { EngineContext, PhaseResult } from '../context.js';
import { CHECKPOINT_WORK, type Steps } from '../cooperate.js';
import type { LinearModel } from '../../solver/index.js';
import { itemTypes, type ItemTypes } from './item-types.js';
import { checkSolved, release, solve, solverFor, type Backend } from './solvers.js';

/** Largest instance (items) given to column generation. */
export const CG_MAX_ITEMS = 250;
/** Branch-and-bound node limit of one pricing problem. */
export const PRICING_NODE_LIMIT = 50_000;
/** Pricing branch-and-bound nodes per exact work unit. */
export const PRICING_NODES_PER_WORK = 5_000;
/** Improving columns added per pricing problem and iteration. */
export const COLUMNS_PER_PRICING = 5;
/** RMP-IP branch-and-bound nodes per remaining work unit. */
export const RMP_NODES_PER_WORK = 1;
/** Minimum RMP-IP node limit. */
export const RMP_MIN_NODES = 20;
/** Reduced-cost tolerance of column generation. */
export const CG_EPS = 1e-7;

interface Pattern {
  type: number; // host type
  a: Int32Array; // count per item type
}

interface Priced {
  value: number;
  a: Int32Array;
  exact: boolean;
  ub: number;
  found: { value: number; a: Int32Array }[];
  nodes: number;
}

/** Multi-dimensional bounded knapsack with conflicts by branch and bound. */
export function* price(inst: Instance, it: ItemTypes, pi: Float64Array, h: number, limit: number): Steps<Priced> {
  const d = inst.d;
  const cap = inst.types[h].cap;
  const m = it.b.length;
  const cand: number[] = [];
  const sw = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    if (pi[t] <= CG_EPS) continue;
    let fits = true;
    let s = 0;
    for (let k = 0; k < d; k++) {
      if (it.w[t * d + k] > cap[k] * (1 + FIT_REL_EPS)) fits = false;
      s += it.w[t * d + k] / cap[k];
    }
    if (!fits) continue;
    sw[t] = s;
    cand.push(t);
  }
  cand.sort((x, y) => pi[y] / Math.max(sw[y], 1e-12) - pi[x] / Math.max(sw[x], 1e-12) || x - y);
  const load = new Float64Array(d);
  const a = new Int32Array(m);
  const best = new Int32Array(m);
  let bestV = 0;
  let nodes = 0;
  let nextCheckpoint = CHECKPOINT_WORK;
  let exact = true;
  const groups = new Map<number, number>();
  const compatible = (t: number) => {
    const c = it.conflicts[t];
    if (!c) return true;
    for (const g of c) if ((groups.get(g) ?? 0) > 0) return false;
    return true;
  };
  const setGroups = (t: number, delta: number) => {
    const c = it.conflicts[t];
    if (c) for (const g of c) groups.set(g, (groups.get(g) ?? 0) + delta);
  };
  // surrogate fractional bound from position p
  const bound = (p: number, value: number) => {
    let room = 0;
    for (let k = 0; k < d; k++) room += (cap[k] - load[k]) / cap[k];
    let v = value;
    for (let q = p; q < cand.length && room > 1e-12; q++) {
      const t = cand[q];
      const take = sw[t] <= 1e-12 ? it.b[t] : Math.min(it.b[t], room / sw[t]);
      v += take * pi[t];
      room -= take * sw[t];
    }
    return v;
  };
  let openUb = 0;
  const found: { value: number; a: Int32Array }[] = [];
  const dfs = function* (p: number, value: number): Steps<void> {
    if (value > bestV + 1e-12) {
      bestV = value;
      best.set(a);
      found.push({ value, a: Int32Array.from(a) });
    }
    if (p === cand.length) return;
    const ub = bound(p, value);
    if (ub <= bestV + 1e-12) return;
    if (++nodes > limit) {
      exact = false;
      openUb = Math.max(openUb, ub);
      return;
    }
    if (nodes >= nextCheckpoint) {
      nextCheckpoint = nodes + CHECKPOINT_WORK;
      yield;
    }
    const t = cand[p];
    // max copies that fit
    let maxc = it.b[t];
    for (let k = 0; k < d; k++) {
      const wk = it.w[t * d + k];
      if (wk > 0) maxc = Math.min(maxc, Math.floor((cap[k] - load[k]) / wk + FIT_REL_EPS));
    }
    if (it.conflicts[t]) maxc = Math.min(maxc, compatible(t) ? 1 : 0);
    for (let c = maxc; c >= 0; c--) {
      a[t] = c;
      for (let k = 0; k < d; k++) load[k] += c * it.w[t * d + k];
      if (c > 0) setGroups(t, 1);
      yield* dfs(p + 1, value + c * pi[t]);
      if (c > 0) setGroups(t, -1);
      for (let k = 0; k < d; k++) load[k] -= c * it.w[t * d + k];
      a[t] = 0;
    }
  };
  yield* dfs(0, 0);
  return { value: bestV, a: best, exact, ub: exact ? bestV : Math.max(bestV, openUb), found, nodes };
}

export function cgApplicable(inst: Instance): boolean {
  return inst.n <= CG_MAX_ITEMS && inst.n > 0;
}

export async function columnGeneration(
  inst: Instance,
  incumbent: Solution,
  bounds: BoundSet,
  ctx: EngineContext,
  backend: Backend,
  ipBackend: Backend,
  seconds: number,
): Promise<PhaseResult> {
  const it = itemTypes(inst);
  const m = it.b.length;
  const typeOf = new Int32Array(inst.n);
  it.members.forEach((mem, t) => mem.forEach((i) => (typeOf[i] = t)));
  const patterns: Pattern[] = [];
  const seen = new Set<string>();
  const addPattern = (p: Pattern) => {
    const k = `${p.type}:${p.a.join(',')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    patterns.push(p);
    return true;
  };
  for (let b = 0; b < incumbent.binItems.length; b++) {
    const a = new Int32Array(m);
    for (const i of incumbent.binItems[b]) a[typeOf[i]]++;
    addPattern({ type: incumbent.binType[b], a });
  }
  const costs = inst.types.map((t) => t.cost);
  const integerCosts = costs.every((c) => Number.isInteger(c));
  const ub = solutionCost(inst, incumbent);
  let lb = bounds.cost;
  let work = ctx.exactWork;
  const solver = solverFor(ctx, backend);
  const ipSolver = ipBackend === backend ? solver : solverFor(ctx, ipBackend);
  const roundLb = (x: number) => (integerCosts ? ceilEps(x) : x);
  try {
    const master = (integer: boolean): LinearModel => ({
      sense: 'min',
      variables: patterns.map((p, j) => ({ name: `p${j}`, obj: costs[p.type], integer })),
      constraints: [
        ...Array.from({ length: m }, (_, t) => ({
          name: `i${t}`,
          terms: patterns.flatMap((p, j) => (p.a[t] > 0 ? [[j, p.a[t]] as [number, number]] : [])),
          lb: it.b[t],
        })),
        ...(integer
          ? inst.types.flatMap((ty, h) =>
              Number.isFinite(ty.count)
                ? [{ name: `c${h}`, terms: patterns.flatMap((p, j) => (p.type === h ? [[j, 1] as [number, number]] : [])), ub: ty.count }]
                : [],
            )
          : []),
      ],
    });
    let iter = 0;
    while (work > 0 && !ctx.control.stop) {
      iter++;
      work--;
      const r = await solve(ctx, solver, master(false), { relax: true, timeLimitSeconds: seconds });
      checkSolved(r, `column generation LP (${backend})`);
      const z = r.objective!;
      const pi = Float64Array.from(r.duals!.slice(0, m), (x) => Math.max(0, x));
      let maxRatio = 0;
      let allExact = true;
      let added = 0;
      for (let h = 0; h < inst.types.length; h++) {
        const pr = await ctx.coop.run(price(inst, it, pi, h, PRICING_NODE_LIMIT));
        work -= pr.nodes / PRICING_NODES_PER_WORK;
        if (!pr.exact) allExact = false;
        maxRatio = Math.max(maxRatio, pr.ub / costs[h]);
        // add the best pattern and up to COLUMNS_PER_PRICING - 1 other improving ones found on the way
        const improving = pr.found.filter((f) => f.value > costs[h] * (1 + CG_EPS) + CG_EPS).reverse();
        for (const f of improving.slice(0, COLUMNS_PER_PRICING)) if (addPattern({ type: h, a: f.a })) added++;
      }
      // Farley: pi / maxRatio is dual feasible (counts relaxed), so sum(pi b) / maxRatio <= OPT
      let dualObj = 0;
      for (let t = 0; t < m; t++) dualObj += pi[t] * it.b[t];
      const farley = maxRatio > 0 ? dualObj / Math.max(1, maxRatio) : 0;
      if (allExact || maxRatio > 0) lb = Math.max(lb, roundLb(Math.min(farley, z + 1e-9)));
      ctx.onProgress?.({ phase: 'exact', done: iter, message: 'column-generation', bound: lb, incumbent: ub });
      if (added === 0) {
        if (allExact) lb = Math.max(lb, roundLb(z));
        break;
      }
      if (lb >= ub - 1e-9) break;
    }
    let sol = incumbent;
    let optimal = lb >= ub - 1e-9;
    if (!optimal && work >= 0 && !ctx.control.stop) {
      const nodesLimit = Math.max(RMP_MIN_NODES, Math.floor(Math.max(work, 1) * RMP_NODES_PER_WORK));
      ctx.onProgress?.({ phase: 'exact', message: 'restricted-master', total: patterns.length });
      const r = await solve(ctx, ipSolver, master(true), { timeLimitSeconds: seconds, maxNodes: nodesLimit });
      checkSolved(r, `restricted master IP (${ipBackend})`);
      const x = r.values!;
      const cost = r.objective!;
      if (cost < ub - 1e-9) {
        // decode: each used pattern copy becomes a host; over-covered items are dropped
        const pool = it.members.map((mm) => mm.slice());
        const binType: number[] = [];
        const binItems: number[][] = [];
        patterns.forEach((p, j) => {
          const k = Math.round(x[j]);
          for (let c = 0; c < k; c++) {
            const items: number[] = [];
            for (let t = 0; t < m; t++) for (let q = 0; q < p.a[t] && pool[t].length > 0; q++) items.push(pool[t].shift()!);
            if (items.length > 0) {
              binType.push(p.type);
              binItems.push(items);
            }
          }
        });
        if (pool.every((q) => q.length === 0))
          sol = { binType, binItems, unplaced: [], algorithm: `column-generation(${backend}+${ipBackend})` };
      }
      optimal = lb >= solutionCost(inst, sol) - 1e-9;
    }
    let b = bounds;
    if (lb > bounds.cost + 1e-9) {
      const hosts = inst.types.length === 1 ? Math.round(lb / costs[0]) : null;
      b = {
        hosts: inst.types.length === 1 ? Math.max(bounds.hosts ?? 0, ceilEps(lb / costs[0])) : null,
        cost: lb,
        source: 'column-generation',
        all: [...bounds.all, { name: 'column-generation', ...(hosts !== null ? { hosts } : {}), cost: lb }],
      };
    }
    return { sol, bounds: b, optimal };
  } finally {
    await release(ctx, solver);
    if (ipSolver !== solver) await release(ctx, ipSolver);
  }
}
