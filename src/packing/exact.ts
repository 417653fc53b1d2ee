/**
 * Exact phase. Two strong formulations (the plain assignment MILP proves
 * almost nothing; the formulation, not the backend, is the decision that matters):
 *
 * - **Arc-flow** (Valério de Carvalho 1999) for one dimension, one host type, integer sizes:
 *   nodes 0..C, an arc (u, u + w_t) per item type t from every position reachable with larger
 *   items, loss arcs u → C, minimise the flow z. Solved as one MILP; default backend glpk.js
 *   (measured 2–6× faster than HiGHS-js on these models, benchmarks/packing/exact.mjs).
 * - **Column generation + restricted-master IP** (Gilmore–Gomory; price-and-branch) for vectors
 *   and several host types: set-cover master over patterns, pricing by branch and bound per host
 *   type (multi-dimensional bounded knapsack, honouring anti-affinity), Farley's bound at every
 *   iteration, then the generated columns solved as an IP with host counts. Default backend
 *   HiGHS (LP duals, MIP dual bound, node limit for determinism).
 *
 * Work accounting (deterministic): one CG iteration = 1 work unit; the RMP-IP gets
 * RMP_NODES_PER_WORK branch-and-bound nodes per remaining unit. The arc-flow MILP has no node
 * limit in glpk.js, so it runs to completion within the wall-clock safety limit (a hit is
 * reported as a warning). Any solver fault (timeout, no incumbent/UNDEF, thrown error, worker
 * crash or OOM) keeps the best heuristic result and adds a warning naming the gap.
 */
import type { Instance, Solution } from './internal.js';
import { FIT_REL_EPS, solutionCost } from './internal.js';
import type { BoundSet } from './bounds.js';
import { ceilEps } from './bounds.js';
import type { EngineContext } from './engine.js';
import { SolverFault, WorkerSolver, CRASH_TEST_HEAP_MB, type LinearModel, type SolveOptions, type SolveResult } from '../solver/index.js';

/** Largest instance (items) given to column generation. */
export const CG_MAX_ITEMS = 250;
/** Largest instance (items) given to arc-flow. */
export const ARCFLOW_MAX_ITEMS = 1000;
/** Largest arc-flow graph (arcs) we build. */
export const ARCFLOW_MAX_ARCS = 30_000;
/** Predicted glpk.js arc-flow seconds per arc (measured: u120_07, 2,057 arcs, 3.9 s); arc-flow
 *  runs only when the prediction fits the exact budget (a deterministic decision). */
export const ARCFLOW_SECONDS_PER_ARC = 0.002;
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
/** In-solver wall-clock safety limit per second of exact budget (factor) and minimum (s). */
export const SOLVER_SAFETY_FACTOR = 3;
export const SOLVER_MIN_SECONDS = 2;

export interface ExactResult {
  sol: Solution;
  bounds: BoundSet;
  optimal: boolean;
}

function gapText(inst: Instance, sol: Solution, b: BoundSet): string {
  const c = solutionCost(inst, sol);
  return b.cost > 0 ? `${(((c - b.cost) / b.cost) * 100).toFixed(2)}%` : '0%';
}

/** Item types: identical demand vectors without anti-affinity groups are merged. */
interface ItemTypes {
  w: Float64Array; // m*d
  b: Int32Array;
  members: number[][];
  conflicts: (Int32Array | null)[];
}

function itemTypes(inst: Instance): ItemTypes {
  const { n, d, w } = inst;
  const key = new Map<string, number>();
  const members: number[][] = [];
  const vecs: number[][] = [];
  const conflicts: (Int32Array | null)[] = [];
  for (let i = 0; i < n; i++) {
    const c = inst.conflicts?.[i] ?? null;
    const v = Array.from(w.subarray(i * d, i * d + d));
    const k = c ? `#${i}` : v.join(',');
    let t = key.get(k);
    if (t === undefined) {
      key.set(k, (t = members.length));
      members.push([]);
      vecs.push(v);
      conflicts.push(c);
    }
    members[t].push(i);
  }
  const m = members.length;
  const W = new Float64Array(m * d);
  vecs.forEach((v, t) => W.set(v, t * d));
  return { w: W, b: Int32Array.from(members.map((x) => x.length)), members, conflicts };
}

/** Solver workers are kept between solves (unref'd, so they never keep the process alive): a
 *  fresh worker costs 0.1–0.3 s of wasm start-up. A faulted worker is replaced on the next solve. */
const shared = new Map<string, WorkerSolver>();

function solverFor(ctx: EngineContext, backend: 'glpk' | 'highs'): WorkerSolver {
  const fault = ctx.exactOptions?.injectFault;
  if (fault) return new WorkerSolver(backend, fault === 'crash' ? CRASH_TEST_HEAP_MB : undefined);
  let s = shared.get(backend);
  if (!s) shared.set(backend, (s = new WorkerSolver(backend)));
  return s;
}

async function release(ctx: EngineContext, s: WorkerSolver): Promise<void> {
  if (ctx.exactOptions?.injectFault) await s.terminate();
}

function opts(ctx: EngineContext, extra: SolveOptions): SolveOptions {
  const f = ctx.exactOptions?.injectFault;
  return f ? { ...extra, fault: f } : extra;
}

function checkSolved(r: SolveResult, what: string): void {
  if (r.status === 'noSolution') throw new SolverFault('error', `${what}: no solution (status ${r.raw})`);
  if (r.status === 'infeasible' || r.status === 'unbounded' || r.status === 'error')
    throw new SolverFault('error', `${what}: ${r.status} (${r.raw})`);
}

// ---------------------------------------------------------------- arc-flow (1-D)

export function arcflowApplicable(inst: Instance): boolean {
  if (inst.d !== 1 || inst.types.length !== 1 || inst.conflicts || inst.n > ARCFLOW_MAX_ITEMS) return false;
  const C = inst.types[0].cap[0];
  if (!Number.isInteger(C)) return false;
  for (let i = 0; i < inst.n; i++) if (!Number.isInteger(inst.w[i])) return false;
  return arcCount(inst) <= ARCFLOW_MAX_ARCS;
}

export function arcGraph(inst: Instance): { C: number; sizes: number[]; counts: number[]; members: number[][]; arcs: [number, number, number][] } {
  const C = inst.types[0].cap[0];
  const by = new Map<number, number[]>();
  for (let i = 0; i < inst.n; i++) {
    const s = inst.w[i];
    const l = by.get(s) ?? [];
    l.push(i);
    by.set(s, l);
  }
  const sizes = [...by.keys()].sort((a, b) => b - a);
  const members = sizes.map((s) => by.get(s)!);
  const counts = members.map((m) => m.length);
  const reach = new Uint8Array(C + 1);
  reach[0] = 1;
  const arcs: [number, number, number][] = [];
  const INF = 1 << 30;
  const minCopies = new Int32Array(C + 1);
  sizes.forEach((s, t) => {
    // arcs of type t leave every position reachable with larger items plus fewer than counts[t]
    // copies of t (item-ordering reduction with copy limits)
    for (let u = 0; u <= C; u++) minCopies[u] = reach[u] ? 0 : INF;
    for (let u = 0; u + s <= C; u++) {
      if (minCopies[u] >= counts[t]) continue;
      arcs.push([u, u + s, t]);
      if (minCopies[u] + 1 < minCopies[u + s]) minCopies[u + s] = minCopies[u] + 1;
    }
    for (let u = 0; u <= C; u++) if (minCopies[u] < INF) reach[u] = 1;
  });
  return { C, sizes, counts, members, arcs };
}

function arcCount(inst: Instance): number {
  return arcGraph(inst).arcs.length;
}

async function arcflow(inst: Instance, incumbent: Solution, bounds: BoundSet, ctx: EngineContext, backend: 'glpk' | 'highs', seconds: number): Promise<ExactResult> {
  const g = arcGraph(inst);
  const { C, arcs } = g;
  const nodes = new Set<number>([0, C]);
  for (const [u, v] of arcs) {
    nodes.add(u);
    nodes.add(v);
  }
  const nodeList = [...nodes].sort((a, b) => a - b);
  const vars: LinearModel['variables'] = [];
  arcs.forEach(([u, v, t]) => vars.push({ name: `a${u}_${v}_${t}`, obj: 0, integer: true }));
  const lossStart = vars.length;
  const lossFrom: number[] = [];
  for (const u of nodeList) {
    if (u === C || u === 0) continue;
    lossFrom.push(u);
    vars.push({ name: `l${u}`, obj: 0, integer: true });
  }
  const z = vars.length;
  // (no bounds on z: they slowed glpk.js down 6x on u120_07, 3.9 s → 23.8 s)
  vars.push({ name: 'z', obj: 1, integer: true });
  const inT = new Map<number, [number, number][]>();
  const addTerm = (node: number, j: number, c: number) => {
    const l = inT.get(node) ?? [];
    l.push([j, c]);
    inT.set(node, l);
  };
  arcs.forEach(([u, v], j) => {
    addTerm(u, j, -1);
    addTerm(v, j, 1);
  });
  lossFrom.forEach((u, q) => addTerm(u, lossStart + q, -1));
  const cons: LinearModel['constraints'] = [];
  for (const u of nodeList) {
    if (u === C) continue;
    const terms = inT.get(u) ?? [];
    if (u === 0) cons.push({ name: 'src', terms: [...terms, [z, 1]], lb: 0, ub: 0 });
    else cons.push({ name: `n${u}`, terms, lb: 0, ub: 0 });
  }
  g.sizes.forEach((_, t) => {
    const terms: [number, number][] = [];
    arcs.forEach(([, , tt], j) => {
      if (tt === t) terms.push([j, 1]);
    });
    cons.push({ name: `d${t}`, terms, lb: g.counts[t] });
  });
  const model: LinearModel = { sense: 'min', variables: vars, constraints: cons };
  const solver = solverFor(ctx, backend);
  try {
    ctx.onProgress?.({ phase: 'exact', message: `arc-flow (${backend}): ${arcs.length} arcs` });
    const r = await solver.solve(model, opts(ctx, { timeLimitSeconds: seconds }));
    checkSolved(r, `arc-flow (${backend})`);
    const x = r.values!;
    // decode flows into bins by path decomposition
    const flow = arcs.map((_, j) => Math.round(x[j]));
    const outArcs = new Map<number, number[]>();
    arcs.forEach(([u], j) => {
      const l = outArcs.get(u) ?? [];
      l.push(j);
      outArcs.set(u, l);
    });
    const pool = g.members.map((m) => m.slice());
    const bins: number[][] = [];
    const total = Math.round(x[z]);
    for (let p = 0; p < total; p++) {
      let u = 0;
      const bin: number[] = [];
      for (;;) {
        const j = (outArcs.get(u) ?? []).find((a) => flow[a] > 0);
        if (j === undefined) break;
        flow[j]--;
        const t = arcs[j][2];
        if (pool[t].length > 0) bin.push(pool[t].shift()!);
        u = arcs[j][1];
      }
      if (bin.length) bins.push(bin);
    }
    const left = pool.flat();
    if (left.length > 0) throw new SolverFault('error', `arc-flow decode left ${left.length} items`);
    const sol: Solution = { binType: bins.map(() => 0), binItems: bins, unplaced: [], algorithm: `arc-flow(${backend})` };
    const proven = r.status === 'optimal';
    let b = bounds;
    if (proven) {
      const hosts = Math.round(r.objective!);
      if (hosts > (bounds.hosts ?? 0))
        b = { hosts, cost: hosts * inst.types[0].cost, source: 'arc-flow', all: [...bounds.all, { name: 'arc-flow', hosts, cost: hosts * inst.types[0].cost }] };
    } else ctx.warnings.push(`arc-flow (${backend}) stopped at its wall-clock safety limit (${r.raw}); the result may differ between runs`);
    return { sol: bins.length <= incumbent.binItems.length ? sol : incumbent, bounds: b, optimal: proven };
  } finally {
    await release(ctx, solver);
  }
}

// ---------------------------------------------------------------- column generation

interface Pattern {
  type: number; // host type
  a: Int32Array; // count per item type
}

/** Multi-dimensional bounded knapsack with conflicts by branch and bound. */
function price(
  inst: Instance,
  it: ItemTypes,
  pi: Float64Array,
  h: number,
  limit: number,
): { value: number; a: Int32Array; exact: boolean; ub: number; found: { value: number; a: Int32Array }[]; nodes: number } {
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
  const dfs = (p: number, value: number): void => {
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
      dfs(p + 1, value + c * pi[t]);
      if (c > 0) setGroups(t, -1);
      for (let k = 0; k < d; k++) load[k] -= c * it.w[t * d + k];
      a[t] = 0;
    }
  };
  dfs(0, 0);
  return { value: bestV, a: best, exact, ub: exact ? bestV : Math.max(bestV, openUb), found, nodes };
}

export function cgApplicable(inst: Instance): boolean {
  return inst.n <= CG_MAX_ITEMS && inst.n > 0;
}

async function columnGeneration(
  inst: Instance,
  incumbent: Solution,
  bounds: BoundSet,
  ctx: EngineContext,
  backend: 'glpk' | 'highs',
  ipBackend: 'glpk' | 'highs',
  seconds: number,
): Promise<ExactResult> {
  const it = itemTypes(inst);
  const m = it.b.length;
  const d = inst.d;
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
  let lpBound = 0;
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
    let converged = false;
    let iter = 0;
    while (work > 0 && !ctx.signal?.aborted && Date.now() < ctx.deadline) {
      iter++;
      work--;
      const r = await solver.solve(master(false), opts(ctx, { relax: true, timeLimitSeconds: seconds }));
      checkSolved(r, `column generation LP (${backend})`);
      const z = r.objective!;
      const pi = Float64Array.from(r.duals!.slice(0, m), (x) => Math.max(0, x));
      let maxRatio = 0;
      let allExact = true;
      let added = 0;
      for (let h = 0; h < inst.types.length; h++) {
        const pr = price(inst, it, pi, h, PRICING_NODE_LIMIT);
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
      ctx.onProgress?.({ phase: 'exact', done: iter, message: `column generation: LP ${z.toFixed(3)}, bound ${lb}, incumbent ${ub}` });
      if (added === 0) {
        if (allExact) {
          converged = true;
          lpBound = z;
          lb = Math.max(lb, roundLb(z));
        }
        break;
      }
      if (lb >= ub - 1e-9) break;
    }
    void converged;
    let sol = incumbent;
    let optimal = lb >= ub - 1e-9;
    if (!optimal && work >= 0 && !ctx.signal?.aborted) {
      const nodesLimit = Math.max(RMP_MIN_NODES, Math.floor(Math.max(work, 1) * RMP_NODES_PER_WORK));
      ctx.onProgress?.({ phase: 'exact', message: `restricted master IP: ${patterns.length} columns` });
      const r = await ipSolver.solve(master(true), opts(ctx, { timeLimitSeconds: seconds, maxNodes: nodesLimit }));
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
    void lpBound;
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
    void d;
    return { sol, bounds: b, optimal };
  } finally {
    await release(ctx, solver);
    if (ipSolver !== solver) await release(ctx, ipSolver);
  }
}

/** The exact phase as installed into the engine. Never throws on solver faults. */
export async function exactPhase(inst: Instance, incumbent: Solution, bounds: BoundSet, ctx: EngineContext): Promise<ExactResult> {
  const o = ctx.exactOptions ?? {};
  if (o.disabled) return { sol: incumbent, bounds, optimal: false };
  const seconds = Math.max(SOLVER_MIN_SECONDS, (ctx.exactWork / EXACT_WORK_UNITS_PER_SECOND) * SOLVER_SAFETY_FACTOR);
  const pick = (auto: 'glpk' | 'highs') => (o.backend && o.backend !== 'auto' ? o.backend : auto);
  let kind: 'arc-flow' | 'column generation' | null = null;
  let backend: 'glpk' | 'highs' = 'highs';
  try {
    if (incumbent.unplaced.length > 0) return { sol: incumbent, bounds, optimal: false };
    if (arcflowApplicable(inst) && arcCount(inst) * ARCFLOW_SECONDS_PER_ARC <= ctx.exactWork / EXACT_WORK_UNITS_PER_SECOND) {
      kind = 'arc-flow';
      backend = pick('glpk');
      return await arcflow(inst, incumbent, bounds, ctx, backend, seconds);
    }
    if (cgApplicable(inst)) {
      kind = 'column generation';
      // master LPs on glpk.js (measured ~5 ms per iteration against ~30 ms on HiGHS-js, CL_6_50_6),
      // restricted-master IP on HiGHS (node limit → deterministic; glpk.js has none)
      backend = pick('glpk');
      const ipBackend = pick('highs');
      return await columnGeneration(inst, incumbent, bounds, ctx, backend, ipBackend, seconds);
    }
    return { sol: incumbent, bounds, optimal: false };
  } catch (e) {
    const what = e instanceof SolverFault ? `${e.kind}: ${e.message}` : e instanceof Error ? e.message : String(e);
    ctx.warnings.push(
      `exact phase (${kind ?? 'none'}, ${backend}) failed (${what}); kept the best heuristic result, gap ${gapText(inst, incumbent, bounds)} to the ${bounds.source} bound`,
    );
    return { sol: incumbent, bounds, optimal: false };
  }
}

/** Must match index.ts EXACT_WORK_PER_SECOND (kept here to avoid an import cycle). */
export const EXACT_WORK_UNITS_PER_SECOND = 100;
