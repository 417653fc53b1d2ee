/**
 * Lower bounds on host count and cost. All bounds here are valid for the constrained problem
 * (they relax constraints), and never exceed the optimum.
 *
 * - L1 (continuous bound): max_k ceil(sum_i w_ik / C_k).                        O(n d)
 * - L2 (Martello & Toth 1990, "Lower bounds and reduction procedures for the bin packing
 *   problem"), applied per dimension (each 1-D projection is a relaxation).      O(d n log n)
 * - Anti-affinity: a group of g items needs g distinct hosts.
 * - Several host types: cost bound per dimension,
 *   sum_i w_ik * min_{t fits i} cost_t / C_tk (each host of type t can hold at most C_tk of
 *   dimension k, so its cost covers at least that much demand at that rate).
 * The column-generation (Gilmore–Gomory) bound lives in exact.ts because it needs the LP solver.
 */
import { fitsType, type Instance } from './internal.js';
import { CHECKPOINT_WORK, runSync, type Steps } from './cooperate.js';

/** Slack used when rounding a fractional bound up, so 24.0000000001 counts as 24. */
export const BOUND_ROUND_EPS = 1e-9;

export interface BoundSet {
  /** Best host-count bound (single host type), else null. */
  hosts: number | null;
  /** Best cost bound. */
  cost: number;
  /** Which bound gave the best value. */
  source: string;
  /** Every bound computed, for reporting. */
  all: { name: string; hosts?: number; cost: number }[];
}

export function ceilEps(x: number): number {
  return Math.ceil(x - BOUND_ROUND_EPS * Math.max(1, Math.abs(x)));
}

export function boundL1(inst: Instance, t = 0): number {
  const { n, d, w } = inst;
  const cap = inst.types[t].cap;
  let best = n > 0 ? 1 : 0;
  for (let k = 0; k < d; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i * d + k];
    best = Math.max(best, ceilEps(s / cap[k]));
  }
  return best;
}

/** Martello–Toth L2 of a 1-D instance (sizes, capacity). */
export function martelloTothL2(sizes: Float64Array, C: number): number {
  return runSync(martelloTothL2Steps(sizes, C));
}

/** Most distinct sizes, as a share of the item count, for which sortedDescending counts. */
const COUNTING_SORT_MAX_DISTINCT_SHARE = 1 / 16;
/** Largest whole size counted with one counter per value (bounds the counters' memory too). */
const COUNTING_SORT_MAX_VALUE = 1 << 24;

/**
 * The sizes sorted in descending order. Demands usually take few distinct values (whole cores,
 * GiB): whole numbers up to a few times n are counted one counter per value, other values with few
 * distinct ones in a map whose keys are then sorted, and the array is written out in order: the
 * same array as a full sort (so the same bound), in a fraction of its time; with many distinct
 * values, the full sort.
 */
export function sortedDescending(sizes: Float64Array): Float64Array {
  const n = sizes.length;
  // whole numbers up to a few times n: one counter per value
  let max = 0;
  let whole = true;
  for (let i = 0; i < n && whole; i++) {
    const x = sizes[i];
    if (!(x >= 0 && x <= COUNTING_SORT_MAX_VALUE && Math.floor(x) === x)) whole = false;
    else if (x > max) max = x;
  }
  if (whole && max <= Math.max(1024, 4 * n)) {
    const count = new Int32Array(max + 1);
    for (let i = 0; i < n; i++) count[sizes[i]]++;
    const s = new Float64Array(n);
    let p = 0;
    for (let v = max; v >= 0; v--) {
      const c = count[v];
      if (c > 0) {
        s.fill(v, p, p + c);
        p += c;
      }
    }
    return s;
  }
  const limit = Math.max(64, Math.floor(n * COUNTING_SORT_MAX_DISTINCT_SHARE));
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = sizes[i];
    const c = counts.get(x);
    if (c !== undefined) counts.set(x, c + 1);
    else {
      if (counts.size >= limit) return Float64Array.from(sizes).sort().reverse();
      counts.set(x, 1);
    }
  }
  const values = Float64Array.from(counts.keys()).sort().reverse();
  const s = new Float64Array(n);
  let p = 0;
  for (const v of values) {
    const c = counts.get(v)!;
    s.fill(v, p, p + c);
    p += c;
  }
  return s;
}

/** martelloTothL2 with checkpoints (O(n log n): one sort, three binary searches per candidate). */
export function* martelloTothL2Steps(sizes: Float64Array, C: number): Steps<number> {
  const n = sizes.length;
  if (n === 0) return 0;
  const s = sortedDescending(sizes);
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + s[i];
  // count of items with size > x  (s descending): first index with s[idx] <= x
  const countGreater = (x: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid] > x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // count of items with size >= x
  const countGE = (x: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid] >= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const half = C / 2;
  let best = ceilEps(prefix[n] / C);
  yield;
  // candidate K values: 0 and every distinct size <= C/2 (s is sorted, so distinct = changes)
  let since = 0;
  for (let i = n; i >= 0; i--) {
    const K = i === n ? 0 : s[i];
    if (i < n && (K > half || (i + 1 < n && s[i + 1] === K))) continue;
    if (++since === CHECKPOINT_WORK) {
      since = 0;
      yield;
    }
    const a = countGreater(C - K); // N1: w > C-K
    const b = countGreater(half); // items > C/2 → N1 ∪ N2
    const c = countGE(K); // items >= K → N1 ∪ N2 ∪ N3
    const n2 = b - a;
    const sumN2 = prefix[b] - prefix[a];
    const sumN3 = prefix[c] - prefix[b];
    const extra = Math.max(0, ceilEps((sumN3 - (n2 * C - sumN2)) / C));
    const L = a + n2 + extra;
    if (L > best) best = L;
  }
  return best;
}

export function* boundL2(inst: Instance, t = 0): Steps<number> {
  const { n, d, w } = inst;
  const cap = inst.types[t].cap;
  let best = 0;
  const sizes = new Float64Array(n);
  for (let k = 0; k < d; k++) {
    for (let i = 0; i < n; i++) sizes[i] = w[i * d + k];
    best = Math.max(best, yield* martelloTothL2Steps(sizes, cap[k]));
  }
  return best;
}

export function boundConflicts(inst: Instance): number {
  if (!inst.conflicts) return 0;
  const size = new Int32Array(inst.nGroups);
  let best = 0;
  for (const g of inst.conflicts) if (g) for (const x of g) best = Math.max(best, ++size[x]);
  return best;
}

/** Cost bound for several host types (see module comment). */
export function boundCostMultiType(inst: Instance): number {
  const { n, d, w, types } = inst;
  let best = 0;
  const rate = new Float64Array(d);
  const per = new Float64Array(d);
  let minCostSum = 0;
  for (let i = 0; i < n; i++) {
    rate.fill(Infinity);
    let minCost = Infinity;
    for (let t = 0; t < types.length; t++) {
      if (!fitsType(inst, i, t)) continue;
      minCost = Math.min(minCost, types[t].cost);
      for (let k = 0; k < d; k++) rate[k] = Math.min(rate[k], types[t].cost / types[t].cap[k]);
    }
    for (let k = 0; k < d; k++) if (Number.isFinite(rate[k])) per[k] += w[i * d + k] * rate[k];
    if (Number.isFinite(minCost)) minCostSum = Math.max(minCostSum, minCost);
  }
  for (let k = 0; k < d; k++) best = Math.max(best, per[k]);
  // at least one host of the cheapest type that fits the most demanding item
  if (n > 0) best = Math.max(best, minCostSum);
  return best;
}

/** Conflict-group cost bound: a group of g items needs g hosts, each costing at least the
 *  cheapest type fitting its member. */
function boundConflictCost(inst: Instance): number {
  if (!inst.conflicts) return 0;
  const members: number[][] = Array.from({ length: inst.nGroups }, () => []);
  inst.conflicts.forEach((g, i) => g?.forEach((x) => members[x].push(i)));
  let best = 0;
  for (const m of members) {
    const costs = m.map((i) => {
      let c = Infinity;
      inst.types.forEach((ty, t) => {
        if (fitsType(inst, i, t)) c = Math.min(c, ty.cost);
      });
      return Number.isFinite(c) ? c : 0;
    });
    best = Math.max(best, costs.reduce((a, b) => a + b, 0));
  }
  return best;
}

/** Cheap bounds (always computed, also at time limit 0). */
export function* cheapBounds(inst: Instance): Steps<BoundSet> {
  const all: BoundSet['all'] = [];
  if (inst.types.length === 1) {
    const c = inst.types[0].cost;
    const l1 = boundL1(inst);
    yield;
    const l2 = yield* boundL2(inst);
    const cf = boundConflicts(inst);
    all.push({ name: 'L1', hosts: l1, cost: l1 * c }, { name: 'L2', hosts: l2, cost: l2 * c });
    if (cf > 0) all.push({ name: 'anti-affinity', hosts: cf, cost: cf * c });
    let best = all[0];
    for (const b of all) if (b.hosts! > best.hosts!) best = b;
    return { hosts: inst.n === 0 ? 0 : best.hosts!, cost: inst.n === 0 ? 0 : best.cost, source: best.name, all };
  }
  all.push({ name: 'L1-cost', cost: boundCostMultiType(inst) });
  yield;
  const cc = boundConflictCost(inst);
  if (cc > 0) all.push({ name: 'anti-affinity-cost', cost: cc });
  let best = all[0];
  for (const b of all) if (b.cost > best.cost) best = b;
  return { hosts: null, cost: inst.n === 0 ? 0 : best.cost, source: best.name, all };
}
