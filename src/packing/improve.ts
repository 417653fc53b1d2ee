/**
 * Improvement phase, in this order within one counted budget: the triple cover when n = 3 × the
 * bound and a dimension must be filled exactly (triple-cover.ts), the triple search on an
 * exact-fill instance (triples.ts), the pattern-LP dive where hosts hold few items (lp-dive.ts),
 * consistent neighbourhood search (cns.ts), the pairing search
 * where hosts hold few items (pairing.ts), both down to the lower
 * bound, then bin-completion search that tries to pack the items into fewer hosts
 * (MBS′ of Fleszar & Hindi 2002 / bin completion of Korf 2003, with the waste budget of
 * Martello–Toth style lower bounds), bounded by a counted node budget.
 *
 * `targetSearch(items, T)` looks for a packing of `items` into T hosts of one type:
 * - hosts are built one at a time; the largest remaining item always opens the next host (hosts
 *   are interchangeable, so this loses nothing);
 * - the host is completed with a *maximal* subset of the remaining items (a completion to which
 *   another remaining item could still be added is dominated, in any number of dimensions);
 * - the waste budget W_k = T·C_k − Σ_i w_ik is the total slack all T hosts may leave in
 *   dimension k; a completion leaving more slack than what is left of W_k is pruned;
 * - identical items are interchangeable: after excluding an item, identical ones are skipped;
 * - at most COMPLETIONS_PER_HOST completions (fewest normalised slack first) are tried per host.
 * If the search ends without running out of budget or truncating a completion list, it is a
 * proof that T hosts do not suffice, i.e. T + 1 is a valid lower bound.
 *
 * On one host type with at most TARGET_SEARCH_MAX_ITEMS items the whole instance is searched
 * (T = best − 1, best − 2, … down to the lower bound). On larger instances, and to use leftover
 * budget, windows of the least-filled hosts are dissolved and re-packed into one host fewer
 * ("emptying the least-filled hosts").
 */
import { tripleApplicable, tripleSearch } from './triples.js';
import { FIT_REL_EPS, mulberry32, type Instance, type Solution } from './internal.js';
import type { BoundSet } from './bounds.js';
import type { EngineContext } from './context.js';
import { CHECKPOINT_WORK, type Control, type Steps } from './cooperate.js';
import { consistentNeighbourhood } from './cns.js';
import { pairingApplicable, pairingSearch } from './pairing.js';
import { tripleCover, tripleCoverDims } from './triple-cover.js';
import { lpDiveApplicable, lpDiveWindowed } from './lp-dive.js';

/** Whole-instance target search up to this many items (recursion depth = hosts). */
export const TARGET_SEARCH_MAX_ITEMS = 3000;
/** Completions tried per host in the target search. */
export const COMPLETIONS_PER_HOST = 64;
/** Share of the improvement budget given to whole-instance target search (rest: windows). */
export const TARGET_SEARCH_BUDGET_SHARE = 0.8;
/** Relative noise on a completion's slack when ordering completions in randomised restarts. */
export const RESTART_SLACK_NOISE = 0.5;
/** Node budget unit of a restart, per item (restart r gets unit * luby(r) nodes). */
export const RESTART_NODES_PER_ITEM = 40;
/** Seed of the restart PRNG (mulberry32); fixed for determinism. */
export const RESTART_SEED = 20110601;
/** Work units of the triple search (types touched) per improvement node (it is ~10x cheaper). */
export const TRIPLE_WORK_PER_NODE = 20;
/** Work limit of the first triple-search run; restart r gets unit * luby(r). */
export const TRIPLE_RESTART_UNIT = 400_000;
/** Share of a target search's budget given to the deterministic first run (rest: restarts). */
export const DETERMINISTIC_RUN_SHARE = 0.5;
/** Share of the target-search budget spent first on T = lower bound. */
export const LB_FIRST_SHARE = 0.5;
/** Share of the improvement budget given to the triple search on an exact-fill instance (the
 *  search that decides those; the rest goes to the other phases). */
export const TRIPLE_BUDGET_SHARE = 0.5;
/** Share of the improvement budget given to the consistent neighbourhood search (cns.ts). */
export const CNS_BUDGET_SHARE = 0.6;
/** CNS work units per improvement node (a CNS unit, one evaluated move, is cheaper than a search
 *  node). Measured per second on a 2-core machine under load: one dimension 5–15 million units
 *  (Falkenauer u1000) against 1.5 million nodes; vectors 12–20 million units per CPU second
 *  (Caprara–Toth, d = 3/5/10) against 0.4 million nodes. */
export const CNS_UNITS_PER_NODE_1D = 8;
export const CNS_UNITS_PER_NODE = 25;
/** Share of the improvement budget given first to the triple cover (triple-cover.ts) on an
 *  exact-fill instance. */
export const TRIPLE_COVER_BUDGET_SHARE = 0.3;
/** Share of the remaining improvement budget given to the triple cover after the consistent
 *  neighbourhood search (instances that are not exact-fill). */
export const TRIPLE_COVER_LATE_SHARE = 0.3;
/** Triple-cover work units per improvement node: measured about 75 million units per CPU second
 *  (Falkenauer t, Mommessin class F) against the 1.5 million (one dimension) and 0.4 million
 *  (vectors) nodes per second of the node rates. */
export const TRIPLE_COVER_UNITS_PER_NODE_1D = 20;
export const TRIPLE_COVER_UNITS_PER_NODE = 75;
/** Share of the improvement budget given to the pairing search (pairing.ts) where it applies. */
export const PAIRING_BUDGET_SHARE = 0.3;
/** Pairing-search work units per improvement node (a unit is one adjacency entry, fit test or
 *  blossom step). Measured about 80 million units per CPU second on Panigrahy-style d = 3/5
 *  instances (500 items), against the 0.4 million nodes per second the node rate assumes; 80
 *  units per node keeps the pairing search near 0.1 s per second of time limit. */
export const PAIRING_UNITS_PER_NODE = 80;
/** Share of the improvement budget given first to the pattern-LP dive (lp-dive.ts) where hosts
 *  hold few items. */
export const LP_DIVE_BUDGET_SHARE = 0.5;
/** LP-dive work units per improvement node (a unit is one multiply-add of the simplex or one
 *  pricing node): measured about 200 million units per CPU second (Panigrahy-style d = 3/5,
 *  250 items) against the 0.4 million nodes per second of the node rate. */
export const LP_DIVE_UNITS_PER_NODE = 500;
/** Window of least-filled hosts dissolved together in the window improver. */
export const WINDOW_HOSTS = 6;
/** Search nodes of one host's completion enumeration at most (about 10 ms); beyond it the host's
 *  completion list is truncated (so an exhausted search no longer proves infeasibility). */
export const ENUMERATION_NODE_CAP = 20_000;
/** Node budget of one window attempt. */
export const WINDOW_NODE_BUDGET = 20_000;

export interface SearchOutcome {
  /** Bins (item lists) when found. */
  bins: number[][] | null;
  /** True when the search space was exhausted without truncation: T is infeasible. */
  exhausted: boolean;
  nodes: number;
}

class BudgetExceeded extends Error {}

/** A control that never stops (searches run by their node budget alone). */
const NEVER: Control = { stop: false };

/**
 * Find a packing of `items` into exactly T bins of capacity `cap` (single type), within `budget`
 * nodes. Items are given as instance indices.
 */
export function* targetSearch(
  inst: Instance,
  items: number[],
  cap: Float64Array,
  T: number,
  budget: number,
  rand: (() => number) | null = null,
  control: Control = NEVER,
): Steps<SearchOutcome> {
  const { d, w } = inst;
  const n = items.length;
  const invCap = new Float64Array(d);
  for (let k = 0; k < d; k++) invCap[k] = 1 / cap[k];
  // sort by max normalised demand desc, then sum desc, then index
  const maxN = (i: number) => {
    let m = 0;
    for (let k = 0; k < d; k++) m = Math.max(m, w[i * d + k] * invCap[k]);
    return m;
  };
  const sumN = (i: number) => {
    let s = 0;
    for (let k = 0; k < d; k++) s += w[i * d + k] * invCap[k];
    return s;
  };
  const ord = items.slice().sort((a, b) => maxN(b) - maxN(a) || sumN(b) - sumN(a) || a - b);
  const W = new Float64Array(n * d);
  for (let p = 0; p < n; p++) for (let k = 0; k < d; k++) W[p * d + k] = w[ord[p] * d + k];
  const confl = inst.conflicts ? ord.map((i) => inst.conflicts![i]) : null;
  // max normalised demand per position (non-increasing in p)
  const mx = new Float64Array(n);
  for (let p = 0; p < n; p++) mx[p] = maxN(ord[p]);
  // identical to the previous item in order (and no conflicts)
  const same = new Uint8Array(n);
  for (let p = 1; p < n; p++) {
    if (confl && (confl[p] || confl[p - 1])) continue;
    let eq = true;
    for (let k = 0; k < d; k++) if (W[p * d + k] !== W[(p - 1) * d + k]) eq = false;
    same[p] = eq ? 1 : 0;
  }
  const budgetW = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    let s = 0;
    for (let p = 0; p < n; p++) s += W[p * d + k];
    budgetW[k] = T * cap[k] - s;
    if (budgetW[k] < -cap[k] * 1e-9) return { bins: null, exhausted: true, nodes: 0 };
  }
  const tol = new Float64Array(d);
  for (let k = 0; k < d; k++) tol[k] = cap[k] * FIT_REL_EPS;
  const used = new Uint8Array(n);
  let remaining = n;
  let nodes = 0;
  let nextCheckpoint = CHECKPOINT_WORK;
  let truncated = false;
  const bins: number[][] = [];
  const load = new Float64Array(d);

  const fitsLoad = (p: number, ld: Float64Array) => {
    for (let k = 0; k < d; k++) if (ld[k] + W[p * d + k] > cap[k] + tol[k]) return false;
    return true;
  };
  const conflictFree = (p: number, chosen: number[]) => {
    if (!confl || !confl[p]) return true;
    for (const q of chosen) {
      const a = confl[q];
      if (!a) continue;
      for (const x of a) if (confl[p]!.includes(x)) return false;
    }
    return true;
  };

  const solve = function* (depth: number): Steps<boolean> {
    if (remaining === 0) return true;
    if (depth === T) return false;
    // remaining volume must fit in the remaining hosts (implied by budget, cheap extra check)
    let first = 0;
    while (used[first]) first++;
    // collect completions of the bin opened by `first`
    const cand: number[] = [];
    for (let p = first + 1; p < n; p++) if (!used[p]) cand.push(p);
    // building the candidate list and the minima below is work too (4 items ≈ 1 node)
    nodes += (n - first) >> 2;
    const comps: { items: number[]; slack: number }[] = [];
    const chosen = [first];
    load.fill(0);
    for (let k = 0; k < d; k++) load[k] = W[first * d + k];
    const excluded: number[] = [];
    let compTrunc = false;
    // two smallest candidate demands per dimension: if the residual is below their sum in some
    // dimension, at most one more item fits (fast path below)
    const min1 = new Float64Array(d).fill(Infinity);
    const min2 = new Float64Array(d).fill(Infinity);
    for (const p of cand)
      for (let k = 0; k < d; k++) {
        const x = W[p * d + k];
        if (x < min1[k]) {
          min2[k] = min1[k];
          min1[k] = x;
        } else if (x < min2[k]) min2[k] = x;
      }
    const pushLeaf = (): void => {
      let ok = true;
      let slack = 0;
      for (let k = 0; k < d; k++) {
        const sk = cap[k] - load[k];
        if (sk > budgetW[k] + tol[k]) ok = false;
        slack += sk * invCap[k];
      }
      if (!ok) return;
      if (comps.length >= COMPLETIONS_PER_HOST * 4) {
        compTrunc = true;
        return;
      }
      comps.push({ items: chosen.slice(), slack });
    };
    // completions of one host are enumerated without pausing (a plain recursion is ~2x faster
    // than a generator one), but at most ENUMERATION_NODE_CAP nodes (then the list is truncated)
    const enumStart = nodes;
    const enumerate = (ci: number): void => {
      if (++nodes > budget) throw new BudgetExceeded();
      if (nodes - enumStart > ENUMERATION_NODE_CAP) {
        compTrunc = true;
        return;
      }
      let atMostOne = false;
      for (let k = 0; k < d; k++) if (cap[k] - load[k] + tol[k] < min1[k] + min2[k]) atMostOne = true;
      if (atMostOne) {
        // maximal completions are: current + one fitting candidate q (nothing else fits after
        // it), or current alone when nothing fits at all. Slack rule w_qk >= r_k - budget_k and
        // fit w_qk <= r_k bound mx[q] to [lo, hi], a contiguous range of cand (mx non-increasing).
        let lo = 0;
        let hi = 0;
        for (let k = 0; k < d; k++) {
          const r = cap[k] - load[k];
          lo = Math.max(lo, (r - budgetW[k]) * invCap[k]);
          hi = Math.max(hi, r * invCap[k]);
        }
        let a = ci;
        let b = cand.length;
        // first index with mx <= hi (+eps)
        while (a < b) {
          const m = (a + b) >> 1;
          if (mx[cand[m]] > hi + 1e-12) a = m + 1;
          else b = m;
        }
        let anyFits = false;
        let prevP = -1;
        for (let c = a; c < cand.length; c++) {
          const p = cand[c];
          if (mx[p] < lo - 1e-12) {
            // smaller items cannot meet the slack rule; they may still fit (maximality of the
            // empty completion), which only matters if no candidate was found
            if (!anyFits) for (let c2 = c; c2 < cand.length; c2++) if (fitsLoad(cand[c2], load) && conflictFree(cand[c2], chosen)) anyFits = true;
            break;
          }
          if (++nodes > budget) throw new BudgetExceeded();
          if (!(fitsLoad(p, load) && conflictFree(p, chosen))) continue;
          anyFits = true;
          if (prevP >= 0 && same[p] && p === prevP + 1) {
            prevP = p;
            continue;
          }
          prevP = p;
          chosen.push(p);
          for (let k = 0; k < d; k++) load[k] += W[p * d + k];
          pushLeaf();
          for (let k = 0; k < d; k++) load[k] -= W[p * d + k];
          chosen.pop();
        }
        if (!anyFits) {
          for (let c = ci; c < a && !anyFits; c++) if (fitsLoad(cand[c], load) && conflictFree(cand[c], chosen)) anyFits = true;
          if (!anyFits) {
            for (const p of excluded) if (fitsLoad(p, load) && conflictFree(p, chosen)) return;
            pushLeaf();
          }
        }
        return;
      }
      // next candidate that fits
      let c = ci;
      while (c < cand.length && !(fitsLoad(cand[c], load) && conflictFree(cand[c], chosen))) c++;
      nodes += (c - ci) >> 1; // scanning counts as work too (2 candidates ≈ 1 node)
      if (c === cand.length) {
        // leaf: maximality
        nodes += excluded.length >> 1;
        for (const p of excluded) if (fitsLoad(p, load) && conflictFree(p, chosen)) return;
        pushLeaf();
        return;
      }
      const p = cand[c];
      // include
      chosen.push(p);
      for (let k = 0; k < d; k++) load[k] += W[p * d + k];
      enumerate(c + 1);
      for (let k = 0; k < d; k++) load[k] -= W[p * d + k];
      chosen.pop();
      // exclude (skip identical followers)
      excluded.push(p);
      let nc = c + 1;
      while (nc < cand.length && same[cand[nc]] && cand[nc] === cand[nc - 1] + 1) nc++;
      // skipped identical ones are also excluded for the maximality test (same vector as p)
      enumerate(nc);
      excluded.pop();
    };
    enumerate(0);
    if (compTrunc) truncated = true;
    if (nodes >= nextCheckpoint) {
      nextCheckpoint = nodes + CHECKPOINT_WORK;
      yield;
      if (control.stop) throw new BudgetExceeded();
    }
    if (rand) {
      // randomised restart: bias towards small slack, random among near-equal ones
      const key = comps.map((c) => c.slack * (1 + RESTART_SLACK_NOISE * rand()) + 1e-9 * rand());
      const idx = comps.map((_, j) => j).sort((a, b) => key[a] - key[b] || a - b);
      const copy = idx.map((j) => comps[j]);
      comps.length = 0;
      comps.push(...copy);
    } else comps.sort((a, b) => a.slack - b.slack);
    if (comps.length > COMPLETIONS_PER_HOST) {
      comps.length = COMPLETIONS_PER_HOST;
      truncated = true;
    }
    for (const comp of comps) {
      for (const p of comp.items) used[p] = 1;
      remaining -= comp.items.length;
      const sl = new Float64Array(d);
      for (let k = 0; k < d; k++) {
        let l = 0;
        for (const p of comp.items) l += W[p * d + k];
        sl[k] = cap[k] - l;
        budgetW[k] -= sl[k];
      }
      bins.push(comp.items);
      if (yield* solve(depth + 1)) return true;
      bins.pop();
      for (let k = 0; k < d; k++) budgetW[k] += sl[k];
      for (const p of comp.items) used[p] = 0;
      remaining += comp.items.length;
    }
    return false;
  };
  try {
    const ok = yield* solve(0);
    if (ok) return { bins: bins.map((b) => b.map((p) => ord[p])), exhausted: false, nodes };
    return { bins: null, exhausted: !truncated, nodes };
  } catch (e) {
    if (e instanceof BudgetExceeded) return { bins: null, exhausted: false, nodes };
    throw e;
  }
}

function luby(i: number): number {
  // Luby et al. 1993 restart sequence 1,1,2,1,1,2,4,1,1,2,1,1,2,4,8,... (1-based i)
  let k = 1;
  while ((1 << k) - 1 < i) k++;
  while (i !== (1 << k) - 1) {
    i -= (1 << (k - 1)) - 1;
    k = 1;
    while ((1 << k) - 1 < i) k++;
  }
  return 1 << (k - 1);
}

/**
 * Target search with restarts: a deterministic first run, then randomised runs (seeded PRNG,
 * Luby-sequence node limits), sharing `budget`. A proof of infeasibility can only come from the
 * deterministic run (randomised runs are truncated).
 */
export function* targetSearchRestarts(
  inst: Instance,
  items: number[],
  cap: Float64Array,
  T: number,
  budget: number,
  control: Control = NEVER,
): Steps<SearchOutcome> {
  if (tripleApplicable(inst, items, cap, T)) {
    // triple search counts cheaper work units; TRIPLE_WORK_PER_NODE of them make one node
    const work = budget * TRIPLE_WORK_PER_NODE;
    const tUnit = TRIPLE_RESTART_UNIT;
    let usedW = 0;
    const first = yield* tripleSearch(inst, items, cap, Math.min(work, tUnit), null, control);
    usedW += first.nodes;
    if (first.bins || first.exhausted) return { ...first, nodes: Math.ceil(usedW / TRIPLE_WORK_PER_NODE) };
    const rand = mulberry32(RESTART_SEED + T);
    for (let r = 1; usedW < work && !control.stop; r++) {
      const o = yield* tripleSearch(inst, items, cap, Math.min(work - usedW, tUnit * luby(r)), rand, control);
      usedW += o.nodes;
      if (o.bins) return { bins: o.bins, exhausted: false, nodes: Math.ceil(usedW / TRIPLE_WORK_PER_NODE) };
    }
    return { bins: null, exhausted: false, nodes: Math.ceil(usedW / TRIPLE_WORK_PER_NODE) };
  }
  const unit = Math.max(2000, RESTART_NODES_PER_ITEM * items.length);
  let used = 0;
  const first = yield* targetSearch(inst, items, cap, T, Math.floor(budget * DETERMINISTIC_RUN_SHARE), null, control);
  used += first.nodes;
  if (first.bins || first.exhausted) return { ...first, nodes: used };
  const rand = mulberry32(RESTART_SEED + T);
  for (let r = 1; used < budget && !control.stop; r++) {
    const lim = Math.min(budget - used, unit * luby(r));
    const o = yield* targetSearch(inst, items, cap, T, lim, rand, control);
    used += o.nodes;
    if (o.bins) return { bins: o.bins, exhausted: false, nodes: used };
  }
  return { bins: null, exhausted: false, nodes: used };
}

export interface ImproveOutcome {
  sol: Solution;
  /** A lower bound proven by an exhausted search (hosts), or 0. */
  provenHosts: number;
}

/**
 * Improve a solution within ctx.improveNodes counted nodes. Single host type only for the
 * whole-instance search; the window improver works per host type (windows of one type).
 */
export function* improveSolution(inst: Instance, s: Solution, bounds: BoundSet, ctx: EngineContext): Steps<ImproveOutcome> {
  let best = s;
  let provenHosts = 0;
  let budget = ctx.improveNodes;
  if (s.unplaced.length > 0) return { sol: s, provenHosts };
  const single = inst.types.length === 1;
  const all = Array.from({ length: inst.n }, (_, i) => i);
  let lb = bounds.hosts ?? 0;
  const accept = (bins: number[][], how: string) => {
    best = { binType: bins.map(() => 0), binItems: bins, unplaced: [], algorithm: `${s.algorithm}+${how}` };
  };
  // 0) n = 3 × bound with a dimension to fill exactly: look for hosts of three items each, first
  //    on an exact-fill instance (with the triple search below, the methods that decide it),
  //    else after the consistent neighbourhood search (2b)
  const coverDims = single && bounds.hosts !== null && best.binItems.length > lb ? tripleCoverDims(inst, lb) : null;
  const coverFirst = coverDims !== null && tripleApplicable(inst, all, inst.types[0].cap, lb);
  function* cover(share: number): Steps<boolean> {
    const rate = inst.d === 1 ? TRIPLE_COVER_UNITS_PER_NODE_1D : TRIPLE_COVER_UNITS_PER_NODE;
    const r = yield* tripleCover(inst, lb, coverDims!, Math.floor(budget * share * rate), ctx.control);
    budget -= Math.ceil(r.work / rate);
    if (r.bins) accept(r.bins, 'triple-cover');
    return r.bins !== null;
  }
  if (coverFirst && (yield* cover(TRIPLE_COVER_BUDGET_SHARE))) return { sol: best, provenHosts };
  // 1) an exact-fill instance (every host three items summing to its capacity): the triple
  //    search at the lower bound decides it quickly either way
  if (single && bounds.hosts !== null && best.binItems.length > lb && tripleApplicable(inst, all, inst.types[0].cap, lb)) {
    const r = yield* targetSearchRestarts(inst, all, inst.types[0].cap, lb, Math.floor(budget * TRIPLE_BUDGET_SHARE), ctx.control);
    budget -= r.nodes;
    if (r.bins) accept(r.bins, 'bin-completion');
    else if (r.exhausted) provenHosts = lb = lb + 1;
    if (best.binItems.length <= lb) return { sol: best, provenHosts };
  }
  // 1b) few items per host: the pattern-LP dive (column generation, then diving on the LP),
  //     which crosses the parity valley that item moves cannot
  //     (not where the triple cover applies: those hosts hold three items that fill a dimension
  //     exactly, the cover's case). The consistent neighbourhood search and the pairing search
  //     keep the budgets they had without the dive, so a dive that finds nothing changes nothing
  //     but the time (the later phases get what is left): their shares are of budget + diveUsed.
  let diveUsed = 0;
  if (single && coverDims === null && bounds.hosts !== null && best.binItems.length > lb && lpDiveApplicable(inst, best)) {
    const units = Math.floor(budget * LP_DIVE_BUDGET_SHARE * LP_DIVE_UNITS_PER_NODE);
    const r = yield* lpDiveWindowed(inst, best, units, ctx.control);
    diveUsed = Math.ceil(r.work / LP_DIVE_UNITS_PER_NODE);
    budget -= diveUsed;
    if (r.sol.binItems.length < best.binItems.length) best = r.sol;
    if (best.binItems.length <= lb) return { sol: best, provenHosts };
  }
  // 2) consistent neighbourhood search: one host fewer at a time, down to the lower bound
  if (single && !inst.conflicts && bounds.hosts !== null && best.binItems.length > lb) {
    const rate = inst.d === 1 ? CNS_UNITS_PER_NODE_1D : CNS_UNITS_PER_NODE;
    const units = Math.floor((budget + diveUsed) * CNS_BUDGET_SHARE * rate);
    const r = yield* consistentNeighbourhood(inst, best, lb, units, ctx.control, mulberry32(RESTART_SEED));
    budget -= Math.ceil(r.work / rate);
    if (r.sol.binItems.length < best.binItems.length) best = r.sol;
    if (best.binItems.length <= lb) return { sol: best, provenHosts };
  }
  // 2b) the triple cover after the consistent neighbourhood search
  if (coverDims && !coverFirst && best.binItems.length > lb && (yield* cover(TRIPLE_COVER_LATE_SHARE))) return { sol: best, provenHosts };
  // 3) few items per host: the pairing search (exact maximum matching under chosen groups)
  if (single && bounds.hosts !== null && best.binItems.length > lb && pairingApplicable(inst, best)) {
    const units = Math.max(0, Math.floor((budget + diveUsed) * PAIRING_BUDGET_SHARE * PAIRING_UNITS_PER_NODE));
    const r = yield* pairingSearch(inst, best, lb, units, ctx.control, mulberry32(RESTART_SEED));
    budget -= Math.ceil(r.work / PAIRING_UNITS_PER_NODE);
    if (r.sol.binItems.length < best.binItems.length) best = r.sol;
    if (best.binItems.length <= lb) return { sol: best, provenHosts };
  }
  if (budget < 0) budget = 0; // the dive took it
  // 4) bin completion on the whole instance: at the lower bound (a proof that it is infeasible
  //    raises the bound), then one host fewer at a time from the incumbent
  if (single && inst.n <= TARGET_SEARCH_MAX_ITEMS && bounds.hosts !== null && budget > 0) {
    let targetBudget = Math.floor(budget * TARGET_SEARCH_BUDGET_SHARE);
    if (best.binItems.length > lb && provenHosts === 0) {
      const r = yield* targetSearchRestarts(inst, all, inst.types[0].cap, lb, Math.floor(targetBudget * LB_FIRST_SHARE), ctx.control);
      targetBudget -= r.nodes;
      budget -= r.nodes;
      if (r.bins) accept(r.bins, 'bin-completion');
      else if (r.exhausted) provenHosts = lb = lb + 1;
    }
    let T = best.binItems.length - 1;
    while (T >= lb && targetBudget > 0 && !ctx.control.stop) {
      const r = yield* targetSearchRestarts(inst, all, inst.types[0].cap, T, targetBudget, ctx.control);
      targetBudget -= r.nodes;
      budget -= r.nodes;
      if (r.bins) {
        accept(r.bins, 'bin-completion');
        T--;
        continue;
      }
      if (r.exhausted) provenHosts = T + 1;
      break;
    }
    if (provenHosts > 0 || best.binItems.length <= lb) return { sol: best, provenHosts };
  }
  // 5) window improver: dissolve the least-filled hosts of one type and re-pack into one fewer
  if (budget > 0) best = yield* windowImprove(inst, best, budget, ctx);
  return { sol: best, provenHosts };
}

function fillOf(inst: Instance, items: number[], t: number): number {
  const { d, w } = inst;
  const cap = inst.types[t].cap;
  let s = 0;
  for (const i of items) for (let k = 0; k < d; k++) s += w[i * d + k] / cap[k];
  return s / d;
}

function* windowImprove(inst: Instance, s: Solution, budget: number, ctx: EngineContext): Steps<Solution> {
  let binItems = s.binItems.map((b) => b.slice());
  let binType = s.binType.slice();
  let improved = false;
  // tried windows: keyed by the sorted bin contents' first item ids, so failures are not retried
  const failed = new Set<string>();
  while (budget > 0 && !ctx.control.stop) {
    const order = binItems
      .map((items, b) => ({ b, f: fillOf(inst, items, binType[b]) }))
      .sort((x, y) => x.f - y.f || x.b - y.b);
    let progress = false;
    for (let start = 0; start < order.length && budget > 0; start++) {
      const t = binType[order[start].b];
      // window: this host and the next least-filled hosts of the same type
      const win: number[] = [];
      for (let q = start; q < order.length && win.length < WINDOW_HOSTS; q++) if (binType[order[q].b] === t) win.push(order[q].b);
      if (win.length < 2) continue;
      const key = win.map((b) => binItems[b][0]).sort((a, b) => a - b).join(',');
      if (failed.has(key)) continue;
      const items = win.flatMap((b) => binItems[b]);
      const r = yield* targetSearch(inst, items, inst.types[t].cap, win.length - 1, Math.min(budget, WINDOW_NODE_BUDGET), null, ctx.control);
      budget -= Math.max(1, r.nodes);
      if (r.bins) {
        const drop = new Set(win);
        const nextItems: number[][] = [];
        const nextType: number[] = [];
        binItems.forEach((it, b) => {
          if (!drop.has(b)) {
            nextItems.push(it);
            nextType.push(binType[b]);
          }
        });
        for (const b of r.bins) {
          nextItems.push(b);
          nextType.push(t);
        }
        binItems = nextItems;
        binType = nextType;
        improved = true;
        progress = true;
        break;
      }
      failed.add(key);
    }
    if (!progress) break;
  }
  if (!improved) return s;
  return { binType, binItems, unplaced: [], algorithm: `${s.algorithm}+window` };
}
