/**
 * Consistent neighbourhood search (Buljubasic & Vasquez 2016, "Consistent neighborhood search
 * for one-dimensional bin packing and two-dimensional vector packing", Computers & Operations
 * Research 76): to go from m hosts to m − 1, a *partial* solution is searched: m − 3 hosts that
 * never exceed a capacity, plus a set TC of items not yet placed. The search moves items between
 * one host and TC so as to make TC lighter (then, at equal weight, hold more items), until TC fits
 * into two hosts. Every state is feasible ("consistent"); only TC is in question.
 *
 * - Tabu phase: Swap(p, q) moves p ≤ 2 items of a host to TC and q ≤ 2 items of TC into that
 *   host, (p, q) ∈ {(0,1), (1,1), (1,2), (2,1), (2,2)}, the host staying within capacity. The best
 *   move is taken (the most weight into hosts; at equal weight, the fewest items); for a few
 *   iterations an item *type* (identical demand vectors) that just left a host may not enter it
 *   again, and one that just entered may not leave it (tabu), unless the move leads to a new best.
 *   Tabu by type rather than by item: with many identical items (one-dimensional sizes), a tabu
 *   item would otherwise be replaced at once by its twin and the search would cycle.
 * - Descent phase: Pack(b) re-arranges host b with all of TC optimally (the subset of b ∪ TC with
 *   the most weight that fits b), kept when it improves.
 * - Success test after every move: TC fits into two hosts.
 *
 * Weights are normalised demand sums Σ_k w_k / C_k (one dimension: w / C), so the same search
 * serves vectors. Single host type, no anti-affinity (the caller checks). All choices are
 * deterministic (seeded PRNG for the tabu tenure); the work budget counts evaluated moves.
 */
import { FIT_REL_EPS, type Instance, type Solution } from './internal.js';
import { CHECKPOINT_WORK, type Control, type Steps } from './cooperate.js';

/** Tabu iterations without a new best TC before the descent phase runs. */
export const CNS_TABU_ITERATIONS = 100;
/** Tabu tenure: an item that moved stays put for this many iterations plus a seeded 0..TENURE_SPREAD. */
export const CNS_TENURE = 3;
export const CNS_TENURE_SPREAD = 4;
/** Search nodes of one Pack(b) re-arrangement or two-host test at most. */
export const CNS_PACK_NODES = 2000;
/** TC items at most for the pair moves (beyond: singles only). */
export const CNS_MAX_TC_PAIRS = 60;
/** Rounds (tabu phase + descent) in a row without a lighter TC before an attempt is given up. */
export const CNS_IDLE_ROUNDS = 10;
/** Failed attempts (different hosts removed) per target host count before giving up. */
export const CNS_ATTEMPTS = 10;

export interface CnsOutcome {
  sol: Solution;
  work: number;
}

/**
 * Tries to reduce the host count of `s` (one host type) down to `lb`, within `budget` work units.
 */
export function* consistentNeighbourhood(inst: Instance, s: Solution, lb: number, budget: number, control: Control, rand: () => number): Steps<CnsOutcome> {
  const { d, w } = inst;
  const cap = inst.types[0].cap;
  const n = inst.n;
  const inv = new Float64Array(d);
  for (let k = 0; k < d; k++) inv[k] = 1 / cap[k];
  const tol = new Float64Array(d);
  for (let k = 0; k < d; k++) tol[k] = cap[k] * FIT_REL_EPS;
  // normalised weight of each item
  const wt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = 0;
    for (let k = 0; k < d; k++) x += w[i * d + k] * inv[k];
    wt[i] = x;
  }
  // item types: identical demand vectors (items sorted by their vector, equal runs share a type)
  const typeOf = new Int32Array(n);
  const byVector = Array.from({ length: n }, (_, i) => i);
  const cmpVector = (a: number, b: number): number => {
    for (let k = 0; k < d; k++) if (w[a * d + k] !== w[b * d + k]) return w[a * d + k] - w[b * d + k];
    return 0;
  };
  byVector.sort((a, b) => cmpVector(a, b) || a - b);
  let nTypes = 0;
  for (let j = 0; j < n; j++) typeOf[byVector[j]] = j > 0 && cmpVector(byVector[j - 1], byVector[j]) === 0 ? nTypes - 1 : nTypes++;
  let work = n;
  let nextCheckpoint = CHECKPOINT_WORK;
  let best = s;
  let attempt = 0;
  while (best.binItems.length > lb && work < budget && !control.stop) {
    const m = best.binItems.length;
    // partial solution: drop three hosts (the least filled, then by the attempt number further
    // along the fill order) into TC
    const fills = best.binItems.map((b) => b.reduce((a, i) => a + wt[i], 0));
    const order = fills.map((_, b) => b).sort((a, b) => fills[a] - fills[b] || a - b);
    const drop = new Set<number>();
    // first attempt: the three least-filled hosts; later ones: one of the least filled and two
    // drawn at random (seeded), so that every attempt starts elsewhere
    drop.add(order[0]);
    if (attempt === 0) for (let j = 1; drop.size < Math.min(3, m); j++) drop.add(order[j]);
    else while (drop.size < Math.min(3, m)) drop.add(order[Math.floor(rand() * m)]);
    const bins: number[][] = [];
    const tc: number[] = [];
    for (let b = 0; b < m; b++) (drop.has(b) ? tc : (bins[bins.length] = [])).push(...best.binItems[b]);
    const nb = bins.length;
    const load = new Float64Array(nb * d);
    for (let b = 0; b < nb; b++) for (const i of bins[b]) for (let k = 0; k < d; k++) load[b * d + k] += w[i * d + k];
    const where = new Int32Array(n).fill(-1); // host of an item, -1 = TC
    for (let b = 0; b < nb; b++) for (const i of bins[b]) where[i] = b;
    // tabu by item type (identical demand vectors) and host: an item type that just left a host
    // may not enter it again, one that just entered may not leave it, for a few iterations
    const tabuIn = new Float64Array(nTypes); // iteration until which the type may not enter tabuInHost
    const tabuInHost = new Int32Array(nTypes).fill(-1);
    const tabuOut = new TabuTable(nTypes, nb);
    let tcWeight = 0;
    for (const i of tc) tcWeight += wt[i];
    let bestTc = tcWeight;
    let bestTcCount = tc.length;
    let iter = 0;
    let success: number[][] | null = null;

    const fitsWith = (b: number, add: number[], remove: number[]): boolean => {
      for (let k = 0; k < d; k++) {
        let x = load[b * d + k];
        for (const i of add) x += w[i * d + k];
        for (const i of remove) x -= w[i * d + k];
        if (x > cap[k] + tol[k]) return false;
      }
      return true;
    };
    const moveIn = (b: number, i: number) => {
      where[i] = b;
      bins[b].push(i);
      for (let k = 0; k < d; k++) load[b * d + k] += w[i * d + k];
      const t = tc.indexOf(i);
      tc[t] = tc[tc.length - 1];
      tc.pop();
      tcWeight -= wt[i];
    };
    const moveOut = (b: number, i: number) => {
      where[i] = -1;
      const t = bins[b].indexOf(i);
      bins[b][t] = bins[b][bins[b].length - 1];
      bins[b].pop();
      for (let k = 0; k < d; k++) load[b * d + k] -= w[i * d + k];
      tc.push(i);
      tcWeight += wt[i];
    };
    /** TC into two hosts: the items of the first host, or null. */
    const twoHosts = (): number[] | null => {
      if (tcWeight > 2 * d + 1e-9) return null;
      // every dimension's TC total must fit two hosts
      const tot = new Float64Array(d);
      for (const i of tc) for (let k = 0; k < d; k++) tot[k] += w[i * d + k];
      for (let k = 0; k < d; k++) if (tot[k] > 2 * cap[k] + 2 * tol[k]) return null;
      const items = tc.slice().sort((a, b) => wt[b] - wt[a] || a - b);
      const l1 = new Float64Array(d);
      const l2 = new Float64Array(d);
      const first: number[] = [];
      let nodes = 0;
      const place = (j: number): boolean => {
        if (j === items.length) return true;
        if (++nodes > CNS_PACK_NODES) return false;
        const i = items[j];
        for (const [l, isFirst] of [[l1, true], [l2, false]] as const) {
          if (!isFirst && j === 0) continue; // symmetry: the first item goes to host 1
          let ok = true;
          for (let k = 0; k < d; k++) if (l[k] + w[i * d + k] > cap[k] + tol[k]) ok = false;
          if (!ok) continue;
          for (let k = 0; k < d; k++) l[k] += w[i * d + k];
          if (isFirst) first.push(i);
          if (place(j + 1)) return true;
          if (isFirst) first.pop();
          for (let k = 0; k < d; k++) l[k] -= w[i * d + k];
        }
        return false;
      };
      const ok = place(0);
      work += nodes;
      return ok ? first : null;
    };
    const trySuccess = (): boolean => {
      const first = twoHosts();
      if (!first) return false;
      const firstSet = new Set(first);
      success = [...bins.map((b) => b.slice()), first, tc.filter((i) => !firstSet.has(i))].filter((b) => b.length > 0);
      return true;
    };
    const better = (wTc: number, count: number) => wTc < bestTc - 1e-12 || (Math.abs(wTc - bestTc) <= 1e-12 && count > bestTcCount);

    /** Tabu phase: best Swap(p, q) moves. */
    const singles = new Int32Array(n);
    const singleW = new Float64Array(n);
    let pairA = new Int32Array(64);
    let pairB = new Int32Array(64);
    let pairW = new Float64Array(64);
    const pairIdx: number[] = [];
    /** First index of a descending weight list (length len) with weight <= x. */
    const firstAtMost = (ws: Float64Array, len: number, x: number): number => {
      let lo = 0;
      let hi = len;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ws[mid] > x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const tabuPhase = function* (): Steps<boolean> {
      let sinceBest = 0;
      while (sinceBest < CNS_TABU_ITERATIONS && work < budget && !control.stop) {
        iter++;
        sinceBest++;
        // TC singles and pairs, by weight descending (ties: item index)
        const t = tc.length;
        const sorted = tc.slice().sort((a, b) => wt[b] - wt[a] || a - b);
        for (let x = 0; x < t; x++) {
          singles[x] = sorted[x];
          singleW[x] = wt[sorted[x]];
        }
        let np = 0;
        if (t <= CNS_MAX_TC_PAIRS) {
          np = (t * (t - 1)) / 2;
          if (pairW.length < np) {
            pairA = new Int32Array(np);
            pairB = new Int32Array(np);
            pairW = new Float64Array(np);
          }
          pairIdx.length = np;
          let q = 0;
          for (let x = 0; x < t; x++) for (let y = x + 1; y < t; y++) pairIdx[q++] = x * t + y;
          pairIdx.sort((u, v) => {
            const wu = singleW[(u / t) | 0] + singleW[u % t];
            const wv = singleW[(v / t) | 0] + singleW[v % t];
            return wv - wu || u - v;
          });
          for (let j = 0; j < np; j++) {
            const x = (pairIdx[j] / t) | 0;
            const y = pairIdx[j] % t;
            pairA[j] = sorted[x];
            pairB[j] = sorted[y];
            pairW[j] = singleW[x] + singleW[y];
          }
          work += np;
        }
        let bestGain = -Infinity;
        let bestDelta = Infinity;
        let mb = -1;
        let mo1 = -1;
        let mo2 = -1;
        let mi1 = -1;
        let mi2 = -1;
        /** The best move into host b for the given items out (o1, o2; -1 = none). */
        const evaluate = (b: number, room: number, wOut: number, o1: number, o2: number): void => {
          const nOut = (o1 >= 0 ? 1 : 0) + (o2 >= 0 ? 1 : 0);
          for (let q = 1; q <= 2; q++) {
            if (q === 2 && nOut === 0) continue;
            const len = q === 1 ? t : np;
            const ws = q === 1 ? singleW : pairW;
            work++;
            for (let at = firstAtMost(ws, len, room + wOut + 1e-9 * d); at < len; at++) {
              work++;
              const gain = ws[at] - wOut;
              if (gain < bestGain - 1e-12) break;
              const i1 = q === 1 ? singles[at] : pairA[at];
              const i2 = q === 1 ? -1 : pairB[at];
              const delta = q - nOut;
              if (!(gain > bestGain + 1e-12 || delta < bestDelta)) break;
              // exchanging an item for one of the same type changes nothing
              if (o1 >= 0 && o2 < 0 && i2 < 0 && typeOf[i1] === typeOf[o1]) continue;
              const t1 = typeOf[i1];
              const t2 = i2 >= 0 ? typeOf[i2] : -1;
              const tabu = (tabuIn[t1] > iter && tabuInHost[t1] === b) || (t2 >= 0 && tabuIn[t2] > iter && tabuInHost[t2] === b);
              if (tabu && !better(tcWeight - gain, tc.length - q + nOut)) continue;
              let ok = true;
              for (let k = 0; k < d && ok; k++) {
                let x = load[b * d + k] + w[i1 * d + k];
                if (i2 >= 0) x += w[i2 * d + k];
                if (o1 >= 0) x -= w[o1 * d + k];
                if (o2 >= 0) x -= w[o2 * d + k];
                if (x > cap[k] + tol[k]) ok = false;
              }
              if (!ok) continue;
              bestGain = gain;
              bestDelta = delta;
              mb = b;
              mo1 = o1;
              mo2 = o2;
              mi1 = i1;
              mi2 = i2;
              break; // the first fitting one is the heaviest for this (out, q)
            }
          }
        };
        for (let b = 0; b < nb; b++) {
          const items = bins[b];
          const k = items.length;
          let room = 0;
          for (let kk = 0; kk < d; kk++) room += (cap[kk] - load[b * d + kk]) * inv[kk];
          evaluate(b, room, 0, -1, -1);
          for (let x = 0; x < k; x++) {
            const ix = items[x];
            if (tabuOut.get(typeOf[ix], b) > iter) continue;
            evaluate(b, room, wt[ix], ix, -1);
            for (let y = x + 1; y < k; y++) {
              const iy = items[y];
              if (tabuOut.get(typeOf[iy], b) > iter) continue;
              evaluate(b, room, wt[ix] + wt[iy], ix, iy);
            }
          }
          if (work >= nextCheckpoint) {
            nextCheckpoint = work + CHECKPOINT_WORK;
            yield;
          }
        }
        if (mb < 0) return false;
        for (const i of [mo1, mo2]) {
          if (i < 0) continue;
          moveOut(mb, i);
          tabuIn[typeOf[i]] = iter + CNS_TENURE + Math.floor(rand() * (CNS_TENURE_SPREAD + 1));
          tabuInHost[typeOf[i]] = mb;
        }
        for (const i of [mi1, mi2]) {
          if (i < 0) continue;
          moveIn(mb, i);
          tabuOut.set(typeOf[i], mb, iter + CNS_TENURE + Math.floor(rand() * (CNS_TENURE_SPREAD + 1)));
        }
        if (better(tcWeight, tc.length)) {
          bestTc = tcWeight;
          bestTcCount = tc.length;
          sinceBest = 0;
        }
        if (trySuccess()) return true;
      }
      return false;
    };

    /** Descent phase: Pack(b) for every host, repeated while it improves. */
    const descentPhase = function* (): Steps<boolean> {
      let improved = true;
      while (improved && work < budget && !control.stop) {
        improved = false;
        for (let b = 0; b < nb; b++) {
          const pool = [...bins[b], ...tc].sort((x, y) => wt[y] - wt[x] || x - y);
          const cur = bins[b].reduce((a, i) => a + wt[i], 0);
          // best subset of pool fitting host b: most weight, then fewest items
          const l = new Float64Array(d);
          let bestW = cur;
          let bestSet: number[] | null = null;
          let bestLen = bins[b].length;
          const chosen: number[] = [];
          const suffix = new Float64Array(pool.length + 1);
          for (let j = pool.length - 1; j >= 0; j--) suffix[j] = suffix[j + 1] + wt[pool[j]];
          let nodes = 0;
          const dfs = (j: number, acc: number): void => {
            if (++nodes > CNS_PACK_NODES) return;
            if (acc > bestW + 1e-12 || (Math.abs(acc - bestW) <= 1e-12 && chosen.length < bestLen)) {
              bestW = acc;
              bestLen = chosen.length;
              bestSet = chosen.slice();
            }
            if (j === pool.length || acc + suffix[j] < bestW - 1e-12) return;
            const i = pool[j];
            let ok = true;
            for (let k = 0; k < d; k++) if (l[k] + w[i * d + k] > cap[k] + tol[k]) ok = false;
            if (ok) {
              for (let k = 0; k < d; k++) l[k] += w[i * d + k];
              chosen.push(i);
              dfs(j + 1, acc + wt[i]);
              chosen.pop();
              for (let k = 0; k < d; k++) l[k] -= w[i * d + k];
            }
            dfs(j + 1, acc);
          };
          dfs(0, 0);
          work += nodes;
          if (bestSet) {
            const next = new Set<number>(bestSet);
            for (const i of bins[b].slice()) if (!next.has(i)) moveOut(b, i);
            for (const i of next) if (where[i] !== b) moveIn(b, i);
            improved = true;
            if (better(tcWeight, tc.length)) {
              bestTc = tcWeight;
              bestTcCount = tc.length;
            }
            if (trySuccess()) return true;
          }
          if (work >= nextCheckpoint) {
            nextCheckpoint = work + CHECKPOINT_WORK;
            yield;
          }
        }
      }
      return false;
    };

    if (!trySuccess()) {
      let lastBest = Infinity;
      let idle = 0;
      while (work < budget && !control.stop) {
        if (yield* tabuPhase()) break;
        if (yield* descentPhase()) break;
        // CNS_IDLE_ROUNDS rounds in a row without a lighter TC: give this attempt up
        if (bestTc < lastBest - 1e-12) {
          lastBest = bestTc;
          idle = 0;
        } else if (++idle >= CNS_IDLE_ROUNDS) break;
      }
    }
    if (success) {
      best = { binType: (success as number[][]).map(() => 0), binItems: success, unplaced: [], algorithm: `${s.algorithm}+cns` };
      attempt = 0;
    } else if (++attempt >= CNS_ATTEMPTS) break;
  }
  return { sol: best, work };
}

/** Largest (types × hosts) table kept as a flat array; beyond it a map holds the entries set. */
const TABU_TABLE_MAX_CELLS = 1 << 20;

/** Iteration numbers per (item type, host): a flat array when small, else a map. */
class TabuTable {
  private readonly flat: Float64Array | null;
  private readonly map: Map<number, number> | null;
  constructor(
    types: number,
    private readonly hosts: number,
  ) {
    const cells = types * hosts;
    this.flat = cells <= TABU_TABLE_MAX_CELLS ? new Float64Array(cells) : null;
    this.map = this.flat ? null : new Map();
  }
  get(t: number, b: number): number {
    const c = t * this.hosts + b;
    return this.flat ? this.flat[c] : (this.map!.get(c) ?? 0);
  }
  set(t: number, b: number, v: number): void {
    const c = t * this.hosts + b;
    if (this.flat) this.flat[c] = v;
    else this.map!.set(c, v);
  }
}
