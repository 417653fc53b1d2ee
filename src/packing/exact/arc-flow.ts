/**
 * Arc-flow (Valério de Carvalho 1999) for one dimension, one host type, integer sizes: nodes
 * 0..C, an arc (u, u + w_t) per item type t from every position reachable with larger items,
 * loss arcs u → C, minimise the flow z. Solved as one MILP; default backend glpk.js (measured
 * 2–6× faster than HiGHS-js on these models). glpk.js has no node limit, so the MILP runs to
 * completion within the in-solver wall-clock limit (a hit is reported as a note).
 */
import type { Instance, Solution } from '../internal.js';
import type { BoundSet } from '../bounds.js';
import type { EngineContext, PhaseResult } from '../context.js';
import { SolverFault, type LinearModel } from '../../solver/index.js';
import { checkSolved, release, solve, solverFor, type Backend } from './solvers.js';

/** Largest instance (items) given to arc-flow. */
export const ARCFLOW_MAX_ITEMS = 1000;
/** Largest arc-flow graph (arcs) we build. */
export const ARCFLOW_MAX_ARCS = 30_000;
/** Predicted glpk.js arc-flow seconds per arc (measured: u120_07, 2,057 arcs, 3.9 s); arc-flow
 *  runs only when the prediction fits the exact budget (a deterministic decision). */
export const ARCFLOW_SECONDS_PER_ARC = 0.002;

export interface ArcGraph {
  C: number;
  sizes: number[];
  counts: number[];
  members: number[][];
  /** [from, to, item type] */
  arcs: [number, number, number][];
}

/** True for 1-D, one type, no conflicts, integer sizes and a graph of at most ARCFLOW_MAX_ARCS. */
export function arcflowApplicable(inst: Instance): boolean {
  if (inst.d !== 1 || inst.types.length !== 1 || inst.conflicts || inst.n > ARCFLOW_MAX_ITEMS) return false;
  const C = inst.types[0].cap[0];
  if (!Number.isInteger(C)) return false;
  for (let i = 0; i < inst.n; i++) if (!Number.isInteger(inst.w[i])) return false;
  return arcGraph(inst).arcs.length <= ARCFLOW_MAX_ARCS;
}

export function arcGraph(inst: Instance): ArcGraph {
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

export async function arcflow(inst: Instance, incumbent: Solution, bounds: BoundSet, ctx: EngineContext, backend: Backend, seconds: number): Promise<PhaseResult> {
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
    ctx.onProgress?.({ phase: 'exact', message: 'arc-flow', total: arcs.length });
    const r = await solve(ctx, solver, model, { timeLimitSeconds: seconds });
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
    } else ctx.warnings.push({ code: 'packing.wall-clock', args: { phase: 'arc-flow', backend } });
    return { sol: bins.length <= incumbent.binItems.length ? sol : incumbent, bounds: b, optimal: proven };
  } finally {
    await release(ctx, solver);
  }
}
