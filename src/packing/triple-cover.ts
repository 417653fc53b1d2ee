/**
 * Triple cover: a search for a packing into exactly T = n / 3 hosts of three items each, when at
 * least one dimension must be filled exactly (its total demand is T × capacity) and the others
 * need only fit. This is the shape of the triplet classes in several dimensions (Caprara–Toth
 * class 10 fills one dimension exactly and leaves slack in the other; Mommessin class F fills
 * every dimension, but four items may fit a host, which the exact-fill triple search (triples.ts)
 * excludes before it runs).
 *
 * Every host of a T-host packing is exactly full in the exact dimensions; the search looks only
 * for packings whose hosts hold three items each, so it is a heuristic: a packing found has T
 * hosts and meets the lower bound (optimal), an exhausted search proves nothing.
 *
 * Method: the feasible triples are enumerated (pairs, then the third item from a bucket of items
 * with the one demand that completes the first exact dimension), then Knuth's Algorithm X picks the
 * item covered by the fewest live triples, tries each of its triples, and removes every triple
 * that shares an item with the chosen one (undone on backtracking). Randomised restarts (seeded
 * PRNG) with Luby-sequence work limits shuffle the order of the triples tried.
 *
 * Work (deterministic, counted): triples enumerated, triples removed or restored, items scanned.
 */
import { FIT_REL_EPS, mulberry32, type Instance } from './internal.js';
import { CHECKPOINT_WORK, type Control, type Steps } from './cooperate.js';

/** Largest instance (items) searched: the enumeration looks at every pair. */
export const TRIPLE_COVER_MAX_ITEMS = 3000;
/** Most triples enumerated; beyond it the search does not run. */
export const TRIPLE_COVER_MAX_TRIPLES = 2_000_000;
/** Work limit of the first run; restart r gets this times luby(r). */
export const TRIPLE_COVER_RESTART_UNIT = 200_000;
/** Seed of the restart PRNG (mulberry32). */
export const TRIPLE_COVER_SEED = 19680313;

export interface TripleCoverOutcome {
  bins: number[][] | null;
  work: number;
  /** Triples enumerated (0 when the search stopped before). */
  triples: number;
  /** True when a run ended without its work limit: no packing of three-item hosts exists. */
  exhausted: boolean;
}

/** The exact dimensions (total demand = T × capacity, integer demands), or null when the search
 *  does not apply (n ≠ 3T, anti-affinity, no exact dimension). */
export function tripleCoverDims(inst: Instance, T: number): number[] | null {
  const { n, d, w } = inst;
  if (inst.types.length !== 1 || inst.conflicts || T < 2 || n !== 3 * T || n > TRIPLE_COVER_MAX_ITEMS) return null;
  const cap = inst.types[0].cap;
  const exact: number[] = [];
  for (let k = 0; k < d; k++) {
    let s = 0;
    let integer = Number.isInteger(cap[k]);
    for (let i = 0; i < n; i++) {
      s += w[i * d + k];
      if (!Number.isInteger(w[i * d + k])) integer = false;
    }
    if (integer && s === T * cap[k]) exact.push(k);
  }
  return exact.length > 0 ? exact : null;
}

function luby(i: number): number {
  let k = 1;
  while ((1 << k) - 1 < i) k++;
  if ((1 << k) - 1 === i) return 1 << (k - 1);
  return luby(i - (1 << (k - 1)) + 1);
}

export function* tripleCover(inst: Instance, T: number, exact: number[], budget: number, control: Control): Steps<TripleCoverOutcome> {
  const { n, d, w } = inst;
  const cap = inst.types[0].cap;
  const e0 = exact[0];
  const isExact = new Uint8Array(d);
  for (const k of exact) isExact[k] = 1;
  let work = 0;
  let nextCheckpoint = CHECKPOINT_WORK;
  // items by their demand in the first exact dimension
  const C0 = cap[e0];
  const bucket = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const v = w[i * d + e0];
    const l = bucket.get(v);
    if (l) l.push(i);
    else bucket.set(v, [i]);
  }
  const tri: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      work++;
      const need = C0 - w[i * d + e0] - w[j * d + e0];
      const third = bucket.get(need);
      if (!third) continue;
      let ok = true;
      for (let k = 0; k < d && ok; k++) if (w[i * d + k] + w[j * d + k] > cap[k] * (1 + FIT_REL_EPS)) ok = false;
      if (!ok) continue;
      for (const k3 of third) {
        if (k3 <= j) continue;
        work++;
        let fit = true;
        for (let k = 0; k < d && fit; k++) {
          const s = w[i * d + k] + w[j * d + k] + w[k3 * d + k];
          fit = isExact[k] ? s === cap[k] : s <= cap[k] * (1 + FIT_REL_EPS);
        }
        if (fit) tri.push(i, j, k3);
      }
      if (tri.length > 3 * TRIPLE_COVER_MAX_TRIPLES || work > budget) return { bins: null, work, triples: 0, exhausted: false };
    }
    if (work >= nextCheckpoint) {
      nextCheckpoint = work + CHECKPOINT_WORK;
      yield;
    }
  }
  const m = tri.length / 3;
  // triples per item (CSR)
  const cnt0 = new Int32Array(n);
  for (const x of tri) cnt0[x]++;
  for (let i = 0; i < n; i++) if (cnt0[i] === 0) return { bins: null, work, triples: m, exhausted: true };
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + cnt0[i];
  const of = new Int32Array(start[n]);
  {
    const fill = start.slice(0, n);
    for (let t = 0; t < m; t++) for (let q = 0; q < 3; q++) of[fill[tri[3 * t + q]]++] = t;
  }
  const rand = mulberry32(TRIPLE_COVER_SEED);
  const alive = new Uint8Array(m);
  const count = new Int32Array(n);
  const covered = new Uint8Array(n);
  const killed = new Int32Array(m); // undo stack of removed triples
  const chosen = new Int32Array(T);
  const order = new Int32Array(start[n]);

  class Limit extends Error {}
  let limit = 0;
  let sp = 0;
  const kill = (t: number) => {
    alive[t] = 0;
    killed[sp++] = t;
    count[tri[3 * t]]--;
    count[tri[3 * t + 1]]--;
    count[tri[3 * t + 2]]--;
  };
  const search = function* (depth: number): Steps<boolean> {
    if (depth === T) return true;
    if (++work > limit || control.stop) throw new Limit();
    if (work >= nextCheckpoint) {
      nextCheckpoint = work + CHECKPOINT_WORK;
      yield;
    }
    // the uncovered item with the fewest live triples
    let best = -1;
    let bc = Infinity;
    for (let i = 0; i < n; i++) {
      if (covered[i]) continue;
      if (count[i] < bc) {
        bc = count[i];
        best = i;
        if (bc <= 1) break;
      }
    }
    work += n;
    if (bc === 0) return false;
    for (let q = start[best]; q < start[best + 1]; q++) {
      const t = order[q];
      if (!alive[t]) continue;
      const mark = sp;
      for (let r = 0; r < 3; r++) {
        const x = tri[3 * t + r];
        covered[x] = 1;
        for (let p = start[x]; p < start[x + 1]; p++) if (alive[of[p]]) kill(of[p]);
      }
      work += sp - mark;
      chosen[depth] = t;
      if (yield* search(depth + 1)) return true;
      work += sp - mark;
      while (sp > mark) {
        const u = killed[--sp];
        alive[u] = 1;
        count[tri[3 * u]]++;
        count[tri[3 * u + 1]]++;
        count[tri[3 * u + 2]]++;
      }
      for (let r = 0; r < 3; r++) covered[tri[3 * t + r]] = 0;
    }
    return false;
  };
  for (let r = 0; work < budget && !control.stop; r++) {
    // order of the triples tried per item: as enumerated first, then shuffled
    order.set(of);
    if (r > 0)
      for (let i = 0; i < n; i++)
        for (let q = start[i + 1] - 1; q > start[i]; q--) {
          const p = start[i] + Math.floor(rand() * (q - start[i] + 1));
          const x = order[q];
          order[q] = order[p];
          order[p] = x;
        }
    work += start[n];
    alive.fill(1);
    count.set(cnt0);
    covered.fill(0);
    sp = 0;
    limit = Math.min(budget, work + TRIPLE_COVER_RESTART_UNIT * luby(r + 1));
    let found = false;
    try {
      found = yield* search(0);
    } catch (e) {
      if (!(e instanceof Limit)) throw e;
    }
    if (found) {
      const bins: number[][] = [];
      for (let q = 0; q < T; q++) bins.push([tri[3 * chosen[q]], tri[3 * chosen[q] + 1], tri[3 * chosen[q] + 2]]);
      return { bins, work, triples: m, exhausted: false };
    }
    // a restart that ran to the end without the limit explored everything: no such packing
    if (work < limit) return { bins: null, work, triples: m, exhausted: true };
    yield;
  }
  return { bins: null, work, triples: m, exhausted: false };
}
