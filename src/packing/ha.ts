/**
 * HA reserve (N+ha): spare capacity such that any `ha` host failures can be absorbed.
 *
 * ha = 1: every single-failure case is checked by re-packing the failed host's items, in
 * decreasing normalised size, first-fit onto the residual capacity of the surviving hosts
 * (FitTree, O(log hosts) per item, so all cases together cost O(n log hosts)). While some case
 * fails, one empty spare host is added (the available type with the largest normalised capacity
 * that can hold the failed host's whole load, else the largest) and all cases are re-checked.
 * The moves of every case are kept as a certificate that verify.ts re-checks.
 *
 * ha >= 2: enumerating all C(hosts, ha) cases is not affordable; instead `ha` empty spare hosts of
 * a type whose capacity dominates every used host type are added, so any `ha` failed hosts move
 * wholesale, one per spare ("by construction"). Without a dominating type a warning says so.
 */
import { BinSet, FitTree } from './bins.js';
import { FIT_REL_EPS, normSum, type Instance, type Solution } from './internal.js';
import { WorkTicker, runSync, type Steps } from './cooperate.js';
import type { PackingNote } from './messages.js';

/** At most this many spares are added for ha = 1 before giving up with a warning. */
export const HA_MAX_SPARES_PER_FAILURE_LEVEL = 8;

export interface HaCase {
  /** Index of the failed bin. */
  failed: number;
  /** [item index, target bin] pairs. */
  moves: [number, number][];
  absorbed: boolean;
}

export interface HaOutcome {
  sol: Solution;
  method: 'repack-each-failure' | 'dominating-spares';
  sparesAdded: number;
  cases: HaCase[];
  ok: boolean;
  warnings: PackingNote[];
}

function binFitsType(inst: Instance, load: Float64Array, t: number): boolean {
  const cap = inst.types[t].cap;
  for (let k = 0; k < inst.d; k++) if (load[k] > cap[k] * (1 + FIT_REL_EPS)) return false;
  return true;
}

export function checkSingleFailures(inst: Instance, sol: Solution): HaCase[] {
  return runSync(checkSingleFailuresSteps(inst, sol));
}

/** checkSingleFailures with checkpoints (O(n log hosts) over all cases). */
export function* checkSingleFailuresSteps(inst: Instance, sol: Solution): Steps<HaCase[]> {
  const tick = new WorkTicker();
  const bins = BinSet.fromSolution(inst, sol);
  const d = inst.d;
  const tree = new FitTree(d, inst.ref, bins.nb + 1);
  for (let b = 0; b < bins.nb; b++) tree.update(b, bins.cap, bins.load, false);
  const cases: HaCase[] = [];
  let current = 0;
  const pred = inst.conflicts ? (b: number) => bins.compatible(b, current) : null;
  for (let f = 0; f < bins.nb; f++) {
    if (tick.add(bins.items[f].length + 1)) yield;
    const items = bins.items[f].slice().sort((a, b) => normSum(inst, b) - normSum(inst, a) || a - b);
    if (items.length === 0) {
      cases.push({ failed: f, moves: [], absorbed: true });
      continue;
    }
    tree.update(f, bins.cap, bins.load, true);
    const moves: [number, number][] = [];
    let ok = true;
    for (const i of items) {
      current = i;
      const b = tree.firstFit(inst.w, i * d, pred);
      if (b < 0) {
        ok = false;
        break;
      }
      bins.add(b, i);
      tree.update(b, bins.cap, bins.load, false);
      moves.push([i, b]);
    }
    // roll back
    for (const [i, b] of moves) {
      for (let k = 0; k < d; k++) bins.load[b * d + k] -= inst.w[i * d + k];
      bins.items[b].pop();
      if (bins.groups && inst.conflicts![i]) for (const g of inst.conflicts![i]!) bins.groups[b].delete(g);
    }
    for (const [, b] of moves) tree.update(b, bins.cap, bins.load, false);
    tree.update(f, bins.cap, bins.load, false);
    cases.push({ failed: f, moves: ok ? moves : [], absorbed: ok });
  }
  return cases;
}

export function* applyHa(inst: Instance, sol: Solution, ha: number): Steps<HaOutcome> {
  const warnings: PackingNote[] = [];
  const typeSize = (t: number) => {
    let s = 0;
    for (let k = 0; k < inst.d; k++) s += inst.types[t].cap[k] / inst.ref[k];
    return s;
  };
  const used = new Array<number>(inst.types.length).fill(0);
  for (const t of sol.binType) used[t]++;
  const avail = (t: number) => used[t] < inst.types[t].count;
  const cur: Solution = { ...sol, binType: sol.binType.slice(), binItems: sol.binItems.map((x) => x.slice()) };
  const addSpare = (t: number) => {
    cur.binType.push(t);
    cur.binItems.push([]);
    used[t]++;
  };
  if (ha >= 2) {
    const usedTypes = [...new Set(sol.binType)];
    const dominating = inst.types
      .map((_, t) => t)
      .filter((t) => usedTypes.every((u) => inst.types[u].cap.every((c, k) => inst.types[t].cap[k] >= c)))
      .sort((a, b) => inst.types[a].cost - inst.types[b].cost || a - b);
    let added = 0;
    for (let s = 0; s < ha; s++) {
      const t =
        dominating.find(avail) ??
        inst.types
          .map((_, u) => u)
          .filter(avail)
          .sort((a, b) => typeSize(b) - typeSize(a) || a - b)[0];
      if (t === undefined) break;
      addSpare(t);
      added++;
    }
    const ok = added === ha && dominating.length > 0 && cur.binType.slice(-added).every((t) => dominating.includes(t));
    if (!ok) warnings.push({ code: 'packing.ha-not-guaranteed', args: { ha } });
    return { sol: cur, method: 'dominating-spares', sparesAdded: added, cases: [], ok, warnings };
  }
  let spares = 0;
  for (;;) {
    const cases = yield* checkSingleFailuresSteps(inst, cur);
    const failed = cases.filter((c) => !c.absorbed);
    if (failed.length === 0) return { sol: cur, method: 'repack-each-failure', sparesAdded: spares, cases, ok: true, warnings };
    if (spares >= HA_MAX_SPARES_PER_FAILURE_LEVEL) {
      warnings.push({ code: 'packing.ha-unabsorbed', args: { cases: failed.length, spares, noHostLeft: false } });
      return { sol: cur, method: 'repack-each-failure', sparesAdded: spares, cases, ok: false, warnings };
    }
    // the spare must be able to take the largest failed host's whole load
    const load = new Float64Array(inst.d);
    for (const b of failed.map((c) => c.failed)) {
      const l = new Float64Array(inst.d);
      for (const i of cur.binItems[b]) for (let k = 0; k < inst.d; k++) l[k] += inst.w[i * inst.d + k];
      for (let k = 0; k < inst.d; k++) load[k] = Math.max(load[k], l[k]);
    }
    const cands = inst.types
      .map((_, t) => t)
      .filter(avail)
      .sort((a, b) => typeSize(b) - typeSize(a) || a - b);
    const t = cands.filter((u) => binFitsType(inst, load, u)).sort((a, b) => inst.types[a].cost - inst.types[b].cost || a - b)[0] ?? cands[0];
    if (t === undefined) {
      warnings.push({ code: 'packing.ha-unabsorbed', args: { cases: failed.length, spares, noHostLeft: true } });
      return { sol: cur, method: 'repack-each-failure', sparesAdded: spares, cases, ok: false, warnings };
    }
    addSpare(t);
    spares++;
  }
}
