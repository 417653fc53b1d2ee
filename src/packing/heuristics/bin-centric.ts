/**
 * Bin-centric greedy rules of Panigrahy, Talwar, Uyeda & Wieder (2011), "Heuristics for Vector Bin
 * Packing": fill one bin at a time; at each step add the remaining item that fits and
 * - DotProduct: maximises sum_k (w_k / C_k) * (r_k / C_k) (alignment with the residual), or
 * - L2 (norm-based greedy): minimises sum_k ((r_k - w_k) / C_k)^2.
 *
 * The plain rule is O(n^2 d). Above BIN_CENTRIC_SHARD_SIZE items it is run on shards: items are
 * dealt round-robin in decreasing-key order (so every shard has the same size mix), each shard is
 * packed on its own, and then the least-filled bin of each shard is dissolved and its items are
 * re-inserted by first-fit over all bins. Cost O(n * S * d) for shard size S.
 */
import { BinSet } from '../bins.js';
import { FIT_REL_EPS, fitsType, type Instance, type Solution } from '../internal.js';
import { packItemCentric } from './item-centric.js';
import { WorkTicker, type Steps } from '../cooperate.js';

export type BinRule = 'dot' | 'l2';

/** Shard size for the O(n^2) bin-centric rules; measured trade-off, see benchmarks/packing. */
export const BIN_CENTRIC_SHARD_SIZE = 1500;
/** Shard size above FULL_PORTFOLIO_MAX_ITEMS items (the time-limit-0 scale target). */
export const BIN_CENTRIC_SCALE_SHARD_SIZE = 500;

export function* packBinCentric(
  inst: Instance,
  order: Int32Array,
  rule: BinRule,
  opening: number[],
  algorithm: string,
  shardSize = BIN_CENTRIC_SHARD_SIZE,
): Steps<Solution> {
  const n = order.length;
  const shards = Math.max(1, Math.ceil(n / shardSize));
  const bins = new BinSet(inst);
  const unplaced: number[] = [];
  const shardLast: number[] = [];
  const tick = new WorkTicker();
  for (let s = 0; s < shards; s++) {
    const list: number[] = [];
    for (let p = s; p < n; p += shards) list.push(order[p]);
    const first = bins.nb;
    yield* packShard(inst, bins, list, rule, opening, unplaced, tick);
    if (bins.nb > first) {
      // least-filled bin of this shard
      let worst = first;
      let worstFill = Infinity;
      for (let b = first; b < bins.nb; b++) {
        const f = fill(inst, bins, b);
        if (f < worstFill) {
          worstFill = f;
          worst = b;
        }
      }
      shardLast.push(worst);
    }
  }
  let sol = bins.toSolution(algorithm, unplaced);
  if (shards > 1 && shardLast.length > 0) {
    // dissolve the least-filled bin of each shard and re-insert its items by FFD over all bins
    const dissolve = new Set(shardLast);
    const keepTypes: number[] = [];
    const keepItems: number[][] = [];
    const loose: number[] = [];
    for (let b = 0; b < bins.nb; b++) {
      if (bins.items[b].length === 0) continue;
      if (dissolve.has(b)) loose.push(...bins.items[b]);
      else {
        keepTypes.push(bins.type[b]);
        keepItems.push(bins.items[b]);
      }
    }
    const pos = new Int32Array(inst.n);
    for (let p = 0; p < n; p++) pos[order[p]] = p;
    loose.sort((a, b) => pos[a] - pos[b]);
    sol = yield* packItemCentric(inst, loose, 'first', opening, algorithm, {
      binType: keepTypes,
      binItems: keepItems,
      unplaced: [],
      algorithm,
    });
    sol.unplaced = [...unplaced, ...sol.unplaced];
  }
  return sol;
}

function fill(inst: Instance, bins: BinSet, b: number): number {
  let s = 0;
  for (let k = 0; k < inst.d; k++) s += bins.load[b * inst.d + k] / bins.cap[b * inst.d + k];
  return s;
}

function* packShard(
  inst: Instance,
  bins: BinSet,
  list: number[],
  rule: BinRule,
  opening: number[],
  unplaced: number[],
  tick: WorkTicker,
): Steps<void> {
  const { d, w } = inst;
  // local structure-of-arrays copy of the shard (cache friendly), compacted as items are used
  let m = list.length;
  let ids = Int32Array.from(list);
  let W = new Float64Array(m * d);
  for (let x = 0; x < m; x++) for (let k = 0; k < d; k++) W[x * d + k] = w[list[x] * d + k];
  let used = new Uint8Array(m);
  let alive = m;
  const r = new Float64Array(d);
  const inv = new Float64Array(d);
  const tol = new Float64Array(d);
  const dot = rule === 'dot';
  while (alive > 0) {
    if (m > 2 * alive + 16) {
      // compact
      const nIds = new Int32Array(alive);
      const nW = new Float64Array(alive * d);
      let j = 0;
      for (let x = 0; x < m; x++) {
        if (used[x]) continue;
        nIds[j] = ids[x];
        for (let k = 0; k < d; k++) nW[j * d + k] = W[x * d + k];
        j++;
      }
      ids = nIds;
      W = nW;
      m = alive;
      used = new Uint8Array(m);
    }
    // first remaining item opens the bin
    let fx = 0;
    while (used[fx]) fx++;
    const first = ids[fx];
    let t = -1;
    for (const u of opening) {
      if (bins.available(u) && fitsType(inst, first, u)) {
        t = u;
        break;
      }
    }
    used[fx] = 1;
    alive--;
    if (t < 0) {
      unplaced.push(first);
      continue;
    }
    const b = bins.open(t);
    bins.add(b, first);
    const cap = inst.types[t].cap;
    for (let k = 0; k < d; k++) {
      inv[k] = 1 / cap[k];
      tol[k] = cap[k] * FIT_REL_EPS;
    }
    for (;;) {
      for (let k = 0; k < d; k++) r[k] = cap[k] - bins.load[b * d + k] + tol[k];
      let best = -1;
      let bestScore = dot ? -Infinity : Infinity;
      for (let x = fx + 1; x < m; x++) {
        if (used[x]) continue;
        const o = x * d;
        let ok = true;
        for (let k = 0; k < d; k++) {
          if (W[o + k] > r[k]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        let score = 0;
        if (dot) {
          for (let k = 0; k < d; k++) score += W[o + k] * (r[k] - tol[k]) * inv[k] * inv[k];
          if (score <= bestScore) continue;
        } else {
          for (let k = 0; k < d; k++) {
            const z = (r[k] - tol[k] - W[o + k]) * inv[k];
            score += z * z;
          }
          if (score >= bestScore) continue;
        }
        if (!bins.compatible(b, ids[x])) continue;
        best = x;
        bestScore = score;
      }
      if (tick.add(m - fx)) yield;
      if (best < 0) break;
      bins.add(b, ids[best]);
      used[best] = 1;
      alive--;
    }
  }
}
