/**
 * Bin-centric L2-norm greedy (Panigrahy, Talwar, Uyeda & Wieder 2011, "Heuristics for Vector Bin
 * Packing"): one host at a time; the largest remaining item opens it, then the fitting item that
 * minimises the normalised residual ‖(r − w) / ref‖₂² goes in, until nothing fits.
 *
 * Candidates are the fitting items in decreasing normalised size s(w) = Σ_k w_k / ref_k, from the
 * first with s(w) ≤ s(r) (larger items cannot fit): at most BC_L2_SCAN_CAP of them are scored,
 * and the enumeration stops once the Cauchy–Schwarz bound (s(r) − s(w))² / d, which only grows
 * along the order, reaches the best score. The next fitting item in that order is found by a
 * short linear walk and then by a segment tree over the size order whose nodes hold, per
 * dimension, the smallest demand of their unused items: a subtree whose minimum exceeds the
 * residual in some dimension holds no fitting item and is skipped whole. (A plain scan steps over
 * every non-fitting item, and proving that nothing fits a nearly full host costs a pass over all
 * smaller items: quadratic, 228 s for a million items.) The candidates are the plain scan's.
 *
 * Above BC_L2_SHARD_ITEMS items the instance is packed in shards: the items, in decreasing size,
 * are dealt round-robin into shards of about that many (so every shard has the same mix of sizes
 * and shapes), each shard is packed on its own, and then the least-filled hosts of all shards
 * (the tail of each shard: BC_L2_MERGE_SHARE of the hosts) are dissolved and their items packed
 * again together; the re-pack is kept when it uses fewer hosts. Shards bound the cost of the
 * candidate search, which grows faster than n within one instance.
 *
 * Cost: O(n log n) to sort; per step a few linear visits and pruned tree descents; per shard of
 * s items O(s log s) to build the tree, so O(n log s) in all for a fixed dimension count.
 */
import { BinSet } from '../bins.js';
import { FIT_REL_EPS, fitsType, type Instance, type Solution } from '../internal.js';
import { WorkTicker, type Steps } from '../cooperate.js';

/** Fitting items scored per greedy step at most (measured at 100k x 4: cap 8 → 1.26% gap, 32 → 0.55%, 128 → 0.49%, at rising cost). */
export const BC_L2_SCAN_CAP = 32;
/** Items walked linearly before a candidate search switches to the segment tree. */
export const BC_L2_LINEAR_VISITS = 16;
/** Shard size (items) above which the instance is packed in shards. */
export const BC_L2_SHARD_ITEMS = 20_000;
/** Share of the hosts (the least filled) dissolved and re-packed together after sharding. */
export const BC_L2_MERGE_SHARE = 0.05;

/**
 * The candidate search of the L2 rule over the items of one packing (local positions, decreasing
 * size): which are still unused, and the first unused one that fits the limits `lim`. One class
 * for every packing (not closures made anew for each), so the compiled code and its type feedback
 * carry over from shard to shard.
 */
class CandidateIndex {
  readonly n: number;
  readonly d: number;
  readonly W: Float64Array;
  /** Segment tree over positions: per node and dimension, the smallest unused demand. */
  readonly size: number;
  readonly mins: Float64Array;
  /** Next unused position at or after p (path-compressed), for the linear part of a search. */
  readonly next: Int32Array;
  /** The residual (plus tolerance) a candidate must fit, per dimension. */
  readonly lim: Float64Array;
  readonly stack = new Int32Array(64);
  /** Nodes and items visited since the counter was last reset (counted work). */
  visited = 0;

  constructor(W: Float64Array, n: number, d: number) {
    this.n = n;
    this.d = d;
    this.W = W;
    let size = 1;
    while (size < Math.max(1, n)) size *= 2;
    this.size = size;
    const mins = new Float64Array(2 * size * d).fill(Infinity);
    for (let p = 0; p < n; p++) for (let k = 0; k < d; k++) mins[(size + p) * d + k] = W[p * d + k];
    for (let node = size - 1; node >= 1; node--) {
      const o = node * d;
      const l = 2 * node * d;
      const r = l + d;
      for (let k = 0; k < d; k++) mins[o + k] = Math.min(mins[l + k], mins[r + k]);
    }
    this.mins = mins;
    const next = new Int32Array(n + 1);
    for (let p = 0; p <= n; p++) next[p] = p;
    this.next = next;
    this.lim = new Float64Array(d);
  }

  private remove(p: number): void {
    const { d, mins } = this;
    let node = this.size + p;
    for (let k = 0; k < d; k++) mins[node * d + k] = Infinity;
    node >>= 1;
    while (node >= 1) {
      const o = node * d;
      const l = 2 * node * d;
      const r = l + d;
      let changed = false;
      for (let k = 0; k < d; k++) {
        const m = Math.min(mins[l + k], mins[r + k]);
        if (m !== mins[o + k]) {
          mins[o + k] = m;
          changed = true;
        }
      }
      if (!changed) break;
      node >>= 1;
    }
  }

  /** First unused position >= from whose demand is <= lim in every dimension; n if none. */
  private treeNext(from: number): number {
    const { n, d, mins, lim, stack, size } = this;
    if (from >= n) return n;
    let sp = 0;
    let visited = 0;
    stack[sp++] = 1;
    while (sp > 0) {
      const node = stack[--sp];
      visited++;
      const o = node * d;
      let ok = true;
      for (let k = 0; k < d; k++) {
        if (mins[o + k] > lim[k]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (node >= size) {
        this.visited += visited;
        return node - size;
      }
      // children that overlap [from, n), left first
      const depth = 31 - Math.clz32(node);
      const span = size >> depth;
      const mid = (node - (1 << depth)) * span + span / 2;
      if (mid > from) {
        stack[sp++] = 2 * node + 1;
        stack[sp++] = 2 * node;
      } else stack[sp++] = 2 * node + 1;
    }
    this.visited += visited;
    return n;
  }

  /** The first unused position at or after p. */
  find(p: number): number {
    const next = this.next;
    let q = p;
    while (next[q] !== q) q = next[q];
    while (next[p] !== q) {
      const t = next[p];
      next[p] = q;
      p = t;
    }
    return q;
  }

  /** Next fitting unused position >= from: a short linear walk, then the tree; n if none. */
  nextFitting(from: number): number {
    const { n, d, W, lim } = this;
    let p = this.find(from);
    for (let v = 0; v < BC_L2_LINEAR_VISITS && p < n; v++) {
      this.visited++;
      const o = p * d;
      let ok = true;
      for (let k = 0; k < d; k++) {
        if (W[o + k] > lim[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return p;
      p = this.find(p + 1);
    }
    return this.treeNext(p);
  }

  /** Marks position p used. */
  use(p: number): void {
    this.next[p] = p + 1;
    this.remove(p);
  }
}

/**
 * Packs the items `pos` (indices into `order`, increasing = decreasing size) into new hosts of
 * `bins`, by the L2 rule. `S`/`W` are the keys and demands in `order` positions.
 */
function* packPositions(
  inst: Instance,
  order: Int32Array,
  S: Float64Array,
  Wall: Float64Array,
  pos: Int32Array,
  bins: BinSet,
  opening: number[],
  unplaced: number[],
  scanCap: number,
  tick: WorkTicker,
): Steps<void> {
  const { d, ref } = inst;
  const n = pos.length;
  const Sl = new Float64Array(n);
  const W = new Float64Array(n * d);
  for (let p = 0; p < n; p++) {
    Sl[p] = S[pos[p]];
    for (let k = 0; k < d; k++) W[p * d + k] = Wall[pos[p] * d + k];
  }
  const index = new CandidateIndex(W, n, d);
  const lim = index.lim;
  yield;
  const r = new Float64Array(d);
  const invRef = new Float64Array(d);
  for (let k = 0; k < d; k++) invRef[k] = 1 / ref[k];
  for (;;) {
    const head = index.find(0);
    if (head >= n) break;
    const first = order[pos[head]];
    let t = -1;
    for (const u of opening) {
      if (bins.available(u) && fitsType(inst, first, u)) {
        t = u;
        break;
      }
    }
    index.use(head);
    if (t < 0) {
      unplaced.push(first);
      continue;
    }
    const b = bins.open(t);
    bins.add(b, first);
    const cap = inst.types[t].cap;
    for (;;) {
      let R = 0;
      for (let k = 0; k < d; k++) {
        r[k] = cap[k] - bins.load[b * d + k];
        lim[k] = r[k] + cap[k] * FIT_REL_EPS;
        R += r[k] * invRef[k];
      }
      // first position with S <= R (+ tolerance)
      let lo = 0;
      let hi = n;
      const Rt = R * (1 + 1e-12) + 1e-12;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (Sl[mid] > Rt) lo = mid + 1;
        else hi = mid;
      }
      let best = -1;
      let bestScore = Infinity;
      let scanned = 0;
      index.visited = 0;
      for (let p = index.nextFitting(lo); p < n; p = index.nextFitting(p + 1)) {
        const gap = R - Sl[p];
        if ((gap * gap) / d >= bestScore) break;
        if (++scanned > scanCap) break;
        const o = p * d;
        let score = 0;
        for (let k = 0; k < d; k++) {
          const z = (r[k] - W[o + k]) * invRef[k];
          score += z * z;
        }
        if (score >= bestScore) continue;
        if (!bins.compatible(b, order[pos[p]])) continue;
        best = p;
        bestScore = score;
      }
      if (tick.add(index.visited + 1)) yield;
      if (best < 0) break;
      bins.add(b, order[pos[best]]);
      index.use(best);
    }
  }
}

/** One shard, self-contained (so a worker thread can pack it): its items in decreasing size. */
export interface ShardInput {
  d: number;
  n: number;
  /** Demands (n × d) and normalised sizes, in decreasing size. */
  w: Float64Array;
  S: Float64Array;
  types: { name: string; cap: Float64Array; cost: number }[];
  ref: Float64Array;
  opening: number[];
  /** Anti-affinity groups per item (CSR: groups[start[i] .. start[i + 1])), or null. */
  conflicts: { start: Int32Array; groups: Int32Array; nGroups: number } | null;
  scanCap: number;
}

/** A packed shard: hosts as CSR over local item positions. */
export interface ShardOutput {
  binStart: Int32Array;
  members: Int32Array;
  binType: Int32Array;
  unplaced: Int32Array;
}

/** Packs one shard by the L2 rule (every host type unlimited). Pure: depends on the input only. */
export function* packShard(input: ShardInput): Steps<ShardOutput> {
  const { d, n } = input;
  const conflicts = input.conflicts
    ? Array.from({ length: n }, (_, i) => {
        const c = input.conflicts!;
        return c.start[i + 1] > c.start[i] ? c.groups.subarray(c.start[i], c.start[i + 1]) : null;
      })
    : null;
  const mini: Instance = {
    d,
    n,
    w: input.w,
    dimNames: [],
    conflicts,
    nGroups: input.conflicts?.nGroups ?? 0,
    types: input.types.map((t) => ({ name: t.name, cap: t.cap, cost: t.cost, count: Infinity })),
    ref: input.ref,
  };
  const order = new Int32Array(n);
  for (let p = 0; p < n; p++) order[p] = p;
  const bins = new BinSet(mini);
  const unplaced: number[] = [];
  yield* packPositions(mini, order, input.S, input.w, order, bins, input.opening, unplaced, input.scanCap, new WorkTicker());
  const binStart = new Int32Array(bins.nb + 1);
  const members = new Int32Array(n - unplaced.length);
  const binType = new Int32Array(bins.nb);
  let q = 0;
  for (let b = 0; b < bins.nb; b++) {
    for (const i of bins.items[b]) members[q++] = i;
    binStart[b + 1] = q;
    binType[b] = bins.type[b];
  }
  return { binStart, members, binType, unplaced: Int32Array.from(unplaced) };
}

/** True when the instance is packed in shards (large, and no host type is limited in count:
 *  with counts, the shards would compete for hosts and depend on each other). */
export function shardable(inst: Instance, n: number): boolean {
  return n > BC_L2_SHARD_ITEMS && inst.types.every((t) => t.count === Infinity);
}

/** The shards of an instance, each built when first asked for (so the first shards can be packed
 *  while the later ones are still being cut); `items[s]` is filled once shard s is built. */
export interface ShardSet {
  count: number;
  input(s: number): ShardInput;
  items: Int32Array[];
}

/**
 * The shards of an instance: items in decreasing size dealt round-robin, so every shard has the
 * same mix. `items[s]` maps shard s's local positions to instance items.
 */
export function shardSet(inst: Instance, order: Int32Array, keys: Float64Array, opening: number[], scanCap: number): ShardSet {
  const { d, w } = inst;
  const n = order.length;
  const shards = Math.max(1, Math.ceil(n / BC_L2_SHARD_ITEMS));
  const items: Int32Array[] = new Array(shards);
  const types = inst.types.map((t) => ({ name: t.name, cap: t.cap, cost: t.cost }));
  const input = (s: number): ShardInput => {
    const m = Math.ceil((n - s) / shards);
    const idx = new Int32Array(m);
    const W = new Float64Array(m * d);
    const S = new Float64Array(m);
    for (let p = s, j = 0; p < n; p += shards, j++) {
      const i = order[p];
      idx[j] = i;
      S[j] = keys[i];
      for (let k = 0; k < d; k++) W[j * d + k] = w[i * d + k];
    }
    let conflicts: ShardInput['conflicts'] = null;
    if (inst.conflicts) {
      const start = new Int32Array(m + 1);
      const groups: number[] = [];
      for (let j = 0; j < m; j++) {
        const g = inst.conflicts[idx[j]];
        if (g) for (const x of g) groups.push(x);
        start[j + 1] = groups.length;
      }
      conflicts = { start, groups: Int32Array.from(groups), nGroups: inst.nGroups };
    }
    items[s] = idx;
    return { d, n: m, w: W, S, types, ref: inst.ref, opening, conflicts, scanCap };
  };
  return { count: shards, input, items };
}

/** Every shard of shardSet, built now. */
export function makeShards(inst: Instance, order: Int32Array, keys: Float64Array, opening: number[], scanCap: number): { inputs: ShardInput[]; items: Int32Array[] } {
  const set = shardSet(inst, order, keys, opening, scanCap);
  const inputs: ShardInput[] = [];
  for (let s = 0; s < set.count; s++) inputs.push(set.input(s));
  return { inputs, items: set.items };
}

/** Normalised fill of a host (sum over dimensions of load / capacity). */
function fillOf(inst: Instance, items: number[], t: number): number {
  const { d, w } = inst;
  const cap = inst.types[t].cap;
  let s = 0;
  for (const i of items) for (let k = 0; k < d; k++) s += w[i * d + k] / cap[k];
  return s;
}

/**
 * Flags (1) the k hosts first in the order of increasing fill, ties by index: the same set as
 * sorting the indices by (fill, index) and taking the first k, found with one native sort of the
 * fills (the k-th smallest fill) instead of a comparator sort of every host.
 */
export function leastFilled(fills: Float64Array, k: number): Uint8Array {
  const nb = fills.length;
  const out = new Uint8Array(nb);
  if (k <= 0) return out;
  if (k >= nb) return out.fill(1);
  const threshold = fills.slice().sort()[k - 1];
  // every host below the threshold, then hosts at it by index until there are k
  let taken = 0;
  for (let b = 0; b < nb; b++) {
    if (fills[b] < threshold) {
      out[b] = 1;
      taken++;
    }
  }
  for (let b = 0; b < nb && taken < k; b++) {
    if (fills[b] === threshold) {
      out[b] = 1;
      taken++;
    }
  }
  return out;
}

/** The merge of packed shards, planned: the joined hosts, and the shards of the loose items to re-pack. */
export interface MergePlan {
  binType: number[];
  binItems: number[][];
  unplaced: number[];
  /** Hosts dissolved (1) and their number. */
  dissolve: Uint8Array;
  dissolved: number;
  /** The loose items' shards (packShard inputs) and their items. */
  inputs: ShardInput[];
  looseItems: Int32Array[];
}

/**
 * Joins the packed shards (in shard order) and chooses the least-filled BC_L2_MERGE_SHARE of the
 * hosts to dissolve; their items, in the instance's size order, become new shards (finishMerge
 * keeps their re-pack when it needs fewer hosts).
 */
export function* planMerge(inst: Instance, order: Int32Array, keys: Float64Array, outputs: ShardOutput[], items: Int32Array[], opening: number[], scanCap: number): Steps<MergePlan> {
  const binType: number[] = [];
  const binItems: number[][] = [];
  const unplaced: number[] = [];
  outputs.forEach((o, s) => {
    const idx = items[s];
    for (let b = 0; b + 1 < o.binStart.length; b++) {
      const list: number[] = new Array(o.binStart[b + 1] - o.binStart[b]);
      for (let q = o.binStart[b], j = 0; q < o.binStart[b + 1]; q++, j++) list[j] = idx[o.members[q]];
      binItems.push(list);
      binType.push(o.binType[b]);
    }
    for (const u of o.unplaced) unplaced.push(idx[u]);
  });
  yield;
  const nb = binItems.length;
  const fills = new Float64Array(nb);
  for (let b = 0; b < nb; b++) fills[b] = fillOf(inst, binItems[b], binType[b]);
  const k = Math.min(nb, Math.max(2, Math.ceil(nb * BC_L2_MERGE_SHARE)));
  const dissolve = leastFilled(fills, k);
  // the loose items, in the instance's size order (a pass over the order picks them out)
  const isLoose = new Uint8Array(inst.n);
  let nLoose = 0;
  for (let b = 0; b < nb; b++) {
    if (!dissolve[b]) continue;
    for (const i of binItems[b]) isLoose[i] = 1;
    nLoose += binItems[b].length;
  }
  const loose = new Int32Array(nLoose);
  for (let p = 0, j = 0; p < order.length && j < nLoose; p++) if (isLoose[order[p]]) loose[j++] = order[p];
  yield;
  const { inputs, items: looseItems } = makeShards(inst, loose, keys, opening, scanCap);
  return { binType, binItems, unplaced, dissolve, dissolved: k, inputs, looseItems };
}

/** The merged solution: the re-packed loose items replace the dissolved hosts when they need fewer. */
export function finishMerge(plan: MergePlan, again: ShardOutput[], algorithm: string): Solution {
  const { binType, binItems, unplaced, dissolve } = plan;
  const joined = { binType, binItems, unplaced, algorithm };
  let hosts = 0;
  for (const o of again) {
    if (o.unplaced.length > 0) return joined;
    hosts += o.binType.length;
  }
  if (hosts >= plan.dissolved) return joined;
  const outType: number[] = [];
  const outItems: number[][] = [];
  for (let b = 0; b < binItems.length; b++) {
    if (dissolve[b]) continue;
    outType.push(binType[b]);
    outItems.push(binItems[b]);
  }
  again.forEach((o, s) => {
    const idx = plan.looseItems[s];
    for (let b = 0; b < o.binType.length; b++) {
      const list: number[] = [];
      for (let q = o.binStart[b]; q < o.binStart[b + 1]; q++) list.push(idx[o.members[q]]);
      outItems.push(list);
      outType.push(o.binType[b]);
    }
  });
  return { binType: outType, binItems: outItems, unplaced, algorithm };
}

/** planMerge, the loose shards packed in this thread, finishMerge. */
export function* mergeShards(inst: Instance, order: Int32Array, keys: Float64Array, outputs: ShardOutput[], items: Int32Array[], opening: number[], scanCap: number, algorithm: string): Steps<Solution> {
  const plan = yield* planMerge(inst, order, keys, outputs, items, opening, scanCap);
  const again: ShardOutput[] = [];
  for (const input of plan.inputs) {
    const o = yield* packShard(input);
    again.push(o);
    if (o.unplaced.length > 0) break;
  }
  return finishMerge(plan, again, algorithm);
}

/** The L2 rule in this thread: unsharded, or shard by shard and then merged. */
export function* packBinCentricL2(inst: Instance, order: Int32Array, keys: Float64Array, opening: number[], algorithm: string, scanCap = BC_L2_SCAN_CAP): Steps<Solution> {
  const n = order.length;
  if (shardable(inst, n)) {
    const { inputs, items } = makeShards(inst, order, keys, opening, scanCap);
    const outputs: ShardOutput[] = [];
    for (const input of inputs) outputs.push(yield* packShard(input));
    return yield* mergeShards(inst, order, keys, outputs, items, opening, scanCap, algorithm);
  }
  const { d, w } = inst;
  const S = new Float64Array(n);
  const W = new Float64Array(n * d);
  for (let p = 0; p < n; p++) {
    const i = order[p];
    S[p] = keys[i];
    for (let k = 0; k < d; k++) W[p * d + k] = w[i * d + k];
  }
  yield;
  const bins = new BinSet(inst);
  const unplaced: number[] = [];
  yield* packPositions(inst, order, S, W, Int32Array.from({ length: n }, (_, p) => p), bins, opening, unplaced, scanCap, new WorkTicker());
  return bins.toSolution(algorithm, unplaced);
}
