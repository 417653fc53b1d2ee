/**
 * Pattern-LP diving: an improvement search for instances whose hosts hold few items (about two or
 * three), where item moves cannot cross the "parity valley" (on a near-perfect matching one host
 * of three items only pays in pairs) but the pattern LP is tight.
 *
 * The LP is the set-cover master of Gilmore–Gomory over host patterns,
 *     min Σ_p x_p  s.t.  Σ_{p ∋ i} x_p ≥ 1 (every item i),  x ≥ 0,
 * solved in process by the covering simplex (solver/covering-simplex.ts), with:
 * - columns: the incumbent's hosts, then columns priced by enumeration: patterns of up to
 *   LP_DIVE_MAX_PATTERN items, items visited by decreasing dual π_i, a branch cut as soon as the
 *   duals left cannot reach a reduced cost below zero (Σ π + (slots left) · π_next ≤ 1);
 * - dominance: a priced pattern is completed to a maximal one (an item that still fits is added;
 *   a maximal pattern covers everything its subsets cover at the same cost);
 * - dual stabilization (Wentges 1997 smoothing): pricing is done at π̃ = α π_centre + (1 − α) π,
 *   π_centre the duals of the best Farley ratio so far; when π̃ prices nothing, the true duals are
 *   priced (a "mis-price" costs one extra pricing, never a wrong answer);
 * - diving (Joncour et al. 2010's pure diving heuristic): the columns with the largest values
 *   (several per round, pairwise disjoint) are fixed, their items removed, and the residual LP
 *   solved again from the patterns known so far (restricted to the items left), until the LP
 *   solution is integral. A dive whose fixed hosts plus the residual LP value reach the
 *   incumbent's count is abandoned.
 * The result is a packing only (never a bound: the pricing is limited to LP_DIVE_MAX_PATTERN items
 * and a work budget, so the LP values it sees are not proven bounds). It is kept only when it
 * uses fewer hosts than the incumbent.
 *
 * Vectors (two or more dimensions), single host type with enough hosts of it; anti-affinity honoured (a pattern never holds two
 * members of one group). Work (deterministic, counted): the simplex's units plus one per pricing
 * node.
 */
import { conflictFreeOf, fitLimits, pairFits, type Instance, type Solution } from './internal.js';
import { CHECKPOINT_WORK, type Control, type Steps } from './cooperate.js';
import { CoveringSimplex } from '../solver/covering-simplex.js';

/** Largest instance (items) given to the LP dive. The first LP dominates its cost, which grows
 *  about as m⁴ with a dense basis inverse: measured 90–115 million units (about 0.5 CPU s) on
 *  Panigrahy-style instances of 250 items, 1.2–2.1 billion on 500 items. */
export const LP_DIVE_MAX_ITEMS = 300;
/** The LP dive runs when the incumbent holds at most this many items per host on average (the
 *  pattern LP over patterns of at most LP_DIVE_MAX_PATTERN items is then near the true LP). */
export const LP_DIVE_MAX_ITEMS_PER_HOST = 3;
/** Most items in a priced pattern (measured: the optimum of Panigrahy classes 7 and 9 holds 1.3–2.4
 *  items per host; patterns beyond four items are rare there). */
export const LP_DIVE_MAX_PATTERN = 4;
/** Columns added per pricing round, per row of the LP (at least LP_DIVE_MIN_COLUMNS). */
export const LP_DIVE_COLUMNS_PER_ROW = 0.5;
export const LP_DIVE_MIN_COLUMNS = 20;
/** A pricing round adds at most this many columns holding one item (diversity of the columns). */
export const LP_DIVE_COLUMNS_PER_ITEM = 4;
/** Pricing nodes of one pricing round at most (then the round returns what it found). */
export const LP_DIVE_PRICING_NODES = 2_000_000;
/** Wentges smoothing factor α of the stabilized pricing. */
export const LP_DIVE_SMOOTHING = 0.5;
/** A column with at least this value counts as integral in the LP solution. */
export const LP_DIVE_INTEGRAL = 1 - 1e-6;
/** Share of the LP solution's fractional columns fixed per diving round (at least one). */
export const LP_DIVE_FIX_SHARE = 0.1;
/** Reduced-cost tolerance of the pricing. */
export const LP_DIVE_RC_EPS = 1e-9;

export interface LpDiveOutcome {
  sol: Solution;
  work: number;
}

/** Items of the window of least-filled hosts on a larger instance (its first LP costs about 40
 *  million units, measured on Panigrahy-style classes 7 and 9). */
export const LP_DIVE_WINDOW_ITEMS = 200;
/** Largest instance (items) given to the LP dive through a window (the hosts outside it stay). */
export const LP_DIVE_WINDOW_MAX_ITEMS = 20_000;

/** True when the LP dive applies to the incumbent `s` (on more than LP_DIVE_MAX_ITEMS items, to a
 *  window of its least-filled hosts). */
export function lpDiveApplicable(inst: Instance, s: Solution): boolean {
  // vectors only: one dimension has its own exact phase (arc flow) and cheaper item moves
  if (inst.d < 2 || inst.types.length !== 1 || s.unplaced.length > 0 || inst.n < 4 || inst.n > LP_DIVE_WINDOW_MAX_ITEMS) return false;
  if (inst.types[0].count < inst.n) return false;
  return s.binItems.length > 0 && inst.n / s.binItems.length <= LP_DIVE_MAX_ITEMS_PER_HOST;
}

class OutOfWork extends Error {}

/**
 * The LP dive on the whole instance when it has at most LP_DIVE_MAX_ITEMS items; otherwise on a
 * window: the least-filled hosts (by normalised load summed over the dimensions, ties by
 * position) up to LP_DIVE_WINDOW_ITEMS items, solved as an instance of their own while the other
 * hosts stay as they are.
 */
export function* lpDiveWindowed(inst: Instance, s: Solution, budget: number, control: Control): Steps<LpDiveOutcome> {
  if (inst.n <= LP_DIVE_MAX_ITEMS) return yield* lpDive(inst, s, budget, control);
  const { d, w } = inst;
  const cap = inst.types[0].cap;
  const fill = s.binItems.map((b) => {
    let f = 0;
    for (const i of b) for (let k = 0; k < d; k++) f += w[i * d + k] / cap[k];
    return f;
  });
  const order = s.binItems.map((_, b) => b).sort((a, b) => fill[a] - fill[b] || a - b);
  const inWin: number[] = [];
  let count = 0;
  for (const b of order) {
    if (count + s.binItems[b].length > LP_DIVE_WINDOW_ITEMS) break;
    inWin.push(b);
    count += s.binItems[b].length;
  }
  if (inWin.length < 2) return { sol: s, work: 0 };
  const items = inWin.flatMap((b) => s.binItems[b]).sort((a, b) => a - b);
  const local = new Int32Array(inst.n).fill(-1);
  items.forEach((i, q) => (local[i] = q));
  const sw = new Float64Array(items.length * d);
  items.forEach((i, q) => sw.set(w.subarray(i * d, i * d + d), q * d));
  const sub: Instance = { ...inst, n: items.length, w: sw, conflicts: inst.conflicts ? items.map((i) => inst.conflicts![i]) : null };
  const subSol: Solution = { binType: inWin.map(() => 0), binItems: inWin.map((b) => s.binItems[b].map((i) => local[i])), unplaced: [], algorithm: s.algorithm };
  const r = yield* lpDive(sub, subSol, budget, control);
  if (r.sol.binItems.length >= inWin.length) return { sol: s, work: r.work };
  const keep = new Set(inWin);
  const bins = s.binItems.filter((_, b) => !keep.has(b)).map((b) => b.slice());
  for (const b of r.sol.binItems) bins.push(b.map((q) => items[q]));
  return { sol: { binType: bins.map(() => 0), binItems: bins, unplaced: [], algorithm: `${s.algorithm}+lp-dive` }, work: r.work };
}

export function* lpDive(inst: Instance, s: Solution, budget: number, control: Control): Steps<LpDiveOutcome> {
  const { n, d, w } = inst;
  const cap = inst.types[0].cap;
  const lim = fitLimits(cap);
  let work = 0;
  let nextCheckpoint = CHECKPOINT_WORK;
  const conflictFree = conflictFreeOf(inst.conflicts);
  // pair table: i and j fit together on an empty host
  const pairOk = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (pairFits(w, d, lim, i, j) && conflictFree(i, j)) pairOk[i * n + j] = pairOk[j * n + i] = 1;
    }
    work += n - i;
    if (work >= nextCheckpoint) {
      nextCheckpoint = work + CHECKPOINT_WORK;
      yield;
    }
  }

  // pattern pool (sorted item lists), shared by every round of the dive
  const pool: Int32Array[] = [];
  const poolKeys = new Set<string>();
  const addPattern = (p: Int32Array): boolean => {
    if (p.length < 2) return false;
    const key = p.join(',');
    if (poolKeys.has(key)) return false;
    poolKeys.add(key);
    pool.push(p);
    return true;
  };
  for (const bin of s.binItems) addPattern(Int32Array.from(bin).sort());

  const incumbentHosts = s.binItems.length;
  // LP row of each item left in the current round (-1: fixed)
  const rowOf = new Int32Array(n).fill(-1);
  const fixed: number[][] = [];
  const alive = new Uint8Array(n).fill(1);
  let left = n;
  const load = new Float64Array(d);
  const fitsWith = (t: number): boolean => {
    for (let k = 0; k < d; k++) if (load[k] + w[t * d + k] > lim[k]) return false;
    return true;
  };

  try {
    while (left > 0) {
      if (control.stop) throw new OutOfWork();
      // the residual LP over the items left
      const rows: number[] = [];
      rowOf.fill(-1);
      for (let i = 0; i < n; i++) if (alive[i]) rowOf[i] = rows.push(i) - 1;
      const m = rows.length;
      const lp = new CoveringSimplex(m, new Float64Array(m).fill(1), new Float64Array(m).fill(1));
      const colItems: Int32Array[] = []; // per added column (id - firstAdded): instance items
      const colIndex = new Map<string, number>();
      const addColumn = (p: Int32Array) => {
        const r: number[] = [];
        for (const i of p) if (alive[i]) r.push(i);
        if (r.length < 2) return;
        const key = r.join(',');
        if (colIndex.has(key)) return;
        colIndex.set(key, lp.addColumn(r.map((i) => rowOf[i]), null, 1));
        colItems.push(Int32Array.from(r));
      };
      for (const p of pool) addColumn(p);
      work += pool.length;
      // first basis: the incumbent's hosts restricted to the items left (disjoint columns)
      const start: number[] = [];
      for (const bin of s.binItems) {
        const r = bin.filter((i) => alive[i]).sort((a, b) => a - b);
        if (r.length < 2) continue;
        const key = r.join(',');
        const at = colIndex.get(key);
        if (at !== undefined) start.push(at);
      }
      lp.crash(start);

      // column generation with Wentges smoothing
      let centre: Float64Array | null = null;
      let bestFarley = -Infinity;
      for (;;) {
        const before = lp.work;
        yield* lp.solve(Math.max(0, budget - work), () => control.stop);
        work += lp.work - before;
        if (work >= budget || control.stop) throw new OutOfWork();
        const pi = lp.duals();
        let priced = yield* price(pi);
        if (priced.cols.length > 0 && priced.maxRatio > 0) {
          // Farley's ratio Σπ / max_p π(p) for the centre (exact only when pricing was complete;
          // used for smoothing only)
          let sum = 0;
          for (let r = 0; r < m; r++) sum += pi[r];
          const farley = sum / Math.max(1, priced.maxRatio);
          if (farley > bestFarley) {
            bestFarley = farley;
            centre = pi;
          }
        }
        if (centre && centre !== pi) {
          const sm = new Float64Array(m);
          for (let r = 0; r < m; r++) sm[r] = LP_DIVE_SMOOTHING * centre[r] + (1 - LP_DIVE_SMOOTHING) * pi[r];
          const p2 = yield* price(sm);
          // keep the smoothed columns that also price out at the true duals
          const good = p2.cols.filter((c) => reduced(c, pi) < -LP_DIVE_RC_EPS);
          if (good.length > 0) priced = { cols: good, maxRatio: priced.maxRatio };
        }
        if (priced.cols.length === 0) break;
        for (const c of priced.cols) {
          addPattern(c);
          addColumn(c);
        }
      }

      // the LP solution: dive
      // hosts of the LP solution: unit columns (one item) and added columns; surplus columns
      // (ids m..2m-1) are not hosts
      const sup = lp.support().filter(([j]) => j < m || j >= lp.firstAdded);
      const z = lp.objective();
      if (fixed.length + Math.ceil(z - 1e-6) >= incumbentHosts) return { sol: s, work };
      const items = (j: number): Int32Array => (j < m ? Int32Array.of(rows[j]) : colItems[j - lp.firstAdded]);
      const fixHost = (j: number): boolean => {
        const its = items(j);
        for (const i of its) if (!alive[i]) return false; // fixed hosts are disjoint
        for (const i of its) {
          alive[i] = 0;
          left--;
        }
        fixed.push(Array.from(its));
        return true;
      };
      // integral columns first, then the largest fractional ones (several per round)
      const order = sup.slice().sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const fractional = order.filter(([, x]) => x < LP_DIVE_INTEGRAL).length;
      let fracTake = Math.max(1, Math.ceil(fractional * LP_DIVE_FIX_SHARE));
      let took = 0;
      for (const [j, x] of order) {
        if (x < LP_DIVE_INTEGRAL) {
          if (fracTake === 0) break;
          if (fixHost(j)) {
            fracTake--;
            took++;
          }
        } else if (fixHost(j)) took++;
      }
      if (took === 0) return { sol: s, work }; // cannot happen: some column of the support is fixable
      if (fixed.length >= incumbentHosts) return { sol: s, work };
    }
  } catch (e) {
    if (e instanceof OutOfWork) return { sol: s, work };
    throw e;
  }
  return {
    sol: { binType: fixed.map(() => 0), binItems: fixed.map((b) => b.slice().sort((x, y) => x - y)), unplaced: [], algorithm: `${s.algorithm}+lp-dive` },
    work,
  };

  function reduced(c: Int32Array, pi: Float64Array): number {
    let sum = 0;
    for (const i of c) sum += pi[rowOf[i]];
    return 1 - sum;
  }

  // --- pricing --------------------------------------------------------------------------------
  function* price(pi: Float64Array): Steps<{ cols: Int32Array[]; maxRatio: number }> {
    // items left with a positive dual, by decreasing dual (ties by index)
    const rowsNow: number[] = [];
    for (let i = 0; i < n; i++) if (alive[i] && pi[rowOf[i]] > LP_DIVE_RC_EPS) rowsNow.push(i);
    const piOf = (i: number) => pi[rowOf[i]];
    rowsNow.sort((a, b) => piOf(b) - piOf(a) || a - b);
    const L = rowsNow.length;
    const pv = new Float64Array(L);
    for (let t = 0; t < L; t++) pv[t] = piOf(rowsNow[t]);
    const found: { p: number[]; v: number }[] = [];
    let maxRatio = 0;
    let nodes = 0;
    const chosen: number[] = [];
    load.fill(0);
    const dfs = (from: number, sum: number): void => {
      for (let t = from; t < L; t++) {
        const slots = LP_DIVE_MAX_PATTERN - chosen.length;
        if (sum + slots * pv[t] <= 1 + LP_DIVE_RC_EPS) break;
        if (++nodes > LP_DIVE_PRICING_NODES) return;
        const i = rowsNow[t];
        let ok = true;
        for (const c of chosen) if (!pairOk[c * n + i]) ok = false;
        if (!ok || !fitsWith(i)) continue;
        chosen.push(i);
        for (let k = 0; k < d; k++) load[k] += w[i * d + k];
        const s2 = sum + pv[t];
        if (s2 > maxRatio) maxRatio = s2;
        if (s2 > 1 + LP_DIVE_RC_EPS && chosen.length >= 2) found.push({ p: chosen.slice(), v: s2 });
        if (chosen.length < LP_DIVE_MAX_PATTERN) dfs(t + 1, s2);
        for (let k = 0; k < d; k++) load[k] -= w[i * d + k];
        chosen.pop();
      }
    };
    dfs(0, 0);
    work += nodes;
    if (work >= nextCheckpoint) {
      nextCheckpoint = work + CHECKPOINT_WORK;
      yield;
    }
    // most negative reduced cost first; at most LP_DIVE_COLUMNS_PER_ITEM columns per item
    found.sort((a, b) => b.v - a.v || cmpLex(a.p, b.p));
    const want = Math.max(LP_DIVE_MIN_COLUMNS, Math.ceil(LP_DIVE_COLUMNS_PER_ROW * L));
    const per = new Int32Array(n);
    const cols: Int32Array[] = [];
    for (const f of found) {
      if (cols.length >= want) break;
      if (f.p.some((i) => per[i] >= LP_DIVE_COLUMNS_PER_ITEM)) continue;
      for (const i of f.p) per[i]++;
      cols.push(maximal(f.p));
    }
    work += found.length;
    return { cols, maxRatio };
  }

  /** Completes a pattern with items left that still fit (lowest index first): dominance. */
  function maximal(p: number[]): Int32Array {
    const out = p.slice();
    load.fill(0);
    for (const i of out) for (let k = 0; k < d; k++) load[k] += w[i * d + k];
    for (let i = 0; i < n && out.length < LP_DIVE_MAX_PATTERN; i++) {
      if (!alive[i] || out.includes(i)) continue;
      let ok = true;
      for (const c of out) if (!pairOk[c * n + i]) ok = false;
      if (!ok || !fitsWith(i)) continue;
      out.push(i);
      for (let k = 0; k < d; k++) load[k] += w[i * d + k];
    }
    work += n;
    load.fill(0);
    return Int32Array.from(out).sort();
  }
}

function cmpLex(a: number[], b: number[]): number {
  const l = Math.min(a.length, b.length);
  for (let t = 0; t < l; t++) if (a[t] !== b[t]) return a[t] - b[t];
  return a.length - b.length;
}
