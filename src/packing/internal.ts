/**
 * Internal, index-based representation shared by the packers (heuristics, improvement, exact).
 * verify.ts deliberately does NOT import this module.
 *
 * Items are re-indexed in ascending id order, so every "tie-break by index" is a tie-break by id
 * and the result does not depend on the input order.
 */

/** Relative tolerance on capacity checks: load + demand <= capacity * (1 + FIT_REL_EPS). */
export const FIT_REL_EPS = 1e-12;

export interface InstanceHostType {
  name: string;
  cap: Float64Array;
  cost: number;
  /** Available units; Infinity when unlimited. */
  count: number;
}

export interface Instance {
  /** Number of dimensions (original dimensions, plus one synthetic "item count" dimension when
   *  maxItemsPerHost is set). */
  d: number;
  /** Number of (merged) items. */
  n: number;
  /** Demands, item-major: w[i*d + k]. */
  w: Float64Array;
  /** Names of the d dimensions (for messages). */
  dimNames: string[];
  /** Conflict (anti-affinity) group ids per item, or null when the instance has none. */
  conflicts: (Int32Array | null)[] | null;
  /** Number of distinct conflict groups. */
  nGroups: number;
  types: InstanceHostType[];
  /** Reference capacity per dimension (max over types) used to normalise sort keys. */
  ref: Float64Array;
}

/** A packing of an Instance: bins with a type and item lists; items not placed in `unplaced`. */
export interface Solution {
  binType: number[];
  binItems: number[][];
  /** Items that could not be placed because host counts ran out. */
  unplaced: number[];
  algorithm: string;
}

export function solutionCost(inst: Instance, s: Solution): number {
  let c = 0;
  for (const t of s.binType) c += inst.types[t].cost;
  return c;
}

/** Compare solutions: fewer unplaced first, then lower cost, then fewer bins. Negative = a better. */
export function compareSolutions(inst: Instance, a: Solution, b: Solution): number {
  if (a.unplaced.length !== b.unplaced.length) return a.unplaced.length - b.unplaced.length;
  const ca = solutionCost(inst, a);
  const cb = solutionCost(inst, b);
  if (Math.abs(ca - cb) > 1e-9 * Math.max(1, Math.abs(ca))) return ca - cb;
  return a.binItems.length - b.binItems.length;
}

/** True when item i fits type t in every dimension on an empty host. */
export function fitsType(inst: Instance, i: number, t: number): boolean {
  const { d, w } = inst;
  const cap = inst.types[t].cap;
  for (let k = 0; k < d; k++) if (w[i * d + k] > cap[k] * (1 + FIT_REL_EPS)) return false;
  return true;
}

/** Sum of normalised demand of item i (by reference capacity). */
export function normSum(inst: Instance, i: number): number {
  const { d, w, ref } = inst;
  let s = 0;
  for (let k = 0; k < d; k++) s += w[i * d + k] / ref[k];
  return s;
}

/**
 * Host-type preference orders ("opening rules") for variable-sized packing.
 * The first order ranks types by cost per unit of normalised capacity (cheapest capacity first);
 * then, when there are at most MAX_TYPES_FOR_PER_TYPE_ORDERS types, one order per type that puts
 * that type first (Gabay & Zaourar 2016 evaluate several such static rules; no single one wins).
 */
export const MAX_TYPES_FOR_PER_TYPE_ORDERS = 4;

export function openingOrders(inst: Instance): number[][] {
  const T = inst.types.length;
  const idx = Array.from({ length: T }, (_, t) => t);
  if (T === 1) return [[0]];
  const ratio = (t: number) => {
    const ty = inst.types[t];
    let s = 0;
    for (let k = 0; k < inst.d; k++) s += ty.cap[k] / inst.ref[k];
    return ty.cost / Math.max(s, 1e-300);
  };
  const byRatio = [...idx].sort((a, b) => ratio(a) - ratio(b) || a - b);
  const orders = [byRatio];
  if (T <= MAX_TYPES_FOR_PER_TYPE_ORDERS) {
    for (const t of idx) {
      if (t === byRatio[0]) continue;
      orders.push([t, ...byRatio.filter((u) => u !== t)]);
    }
  }
  return orders;
}

/** A host type's capacity with the fit tolerance (FIT_REL_EPS) applied, per dimension. */
export function fitLimits(cap: ArrayLike<number>): Float64Array {
  const lim = new Float64Array(cap.length);
  for (let k = 0; k < cap.length; k++) lim[k] = cap[k] * (1 + FIT_REL_EPS);
  return lim;
}

/** Whether items i and j fit together on an empty host (`lim` from fitLimits; `w` item-major, `d` dimensions). */
export function pairFits(w: ArrayLike<number>, d: number, lim: ArrayLike<number>, i: number, j: number): boolean {
  for (let k = 0; k < d; k++) if (w[i * d + k] + w[j * d + k] > lim[k]) return false;
  return true;
}

/** Whether items i and j may share a host under anti-affinity (no group in common). */
export function conflictFreeOf(conflicts: Instance['conflicts']): (i: number, j: number) => boolean {
  return (i, j) => {
    if (!conflicts) return true;
    const a = conflicts[i];
    const b = conflicts[j];
    if (!a || !b) return true;
    for (const x of a) for (const y of b) if (x === y) return false;
    return true;
  };
}

/** Deterministic 32-bit PRNG (mulberry32). Used wherever a random choice is needed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Sort item indices by descending key with ascending-index tie-break.
 * For n < 2^21 the key is quantised to 32 bits and packed with the index into one double, so a
 * native Float64Array sort does the work (about 10x faster than a comparator sort at 1M items);
 * keys closer than 2^-32 of the key range compare as equal and fall back to the index.
 */
export function sortByKeyDesc(keys: Float64Array): Int32Array {
  const n = keys.length;
  const out = new Int32Array(n);
  if (n === 0) return out;
  if (n < 1 << 21) {
    let mx = 0;
    for (let i = 0; i < n; i++) if (keys[i] > mx) mx = keys[i];
    const scale = mx > 0 ? 4294967295 / mx : 0;
    const packed = new Float64Array(n);
    const SHIFT = 2097152; // 2^21
    for (let i = 0; i < n; i++) {
      const q = Math.floor(Math.max(0, keys[i]) * scale);
      packed[i] = (4294967295 - q) * SHIFT + i;
    }
    packed.sort();
    for (let p = 0; p < n; p++) out[p] = packed[p] % SHIFT;
    return out;
  }
  const arr = Array.from({ length: n }, (_, i) => i);
  arr.sort((a, b) => keys[b] - keys[a] || a - b);
  out.set(arr);
  return out;
}
