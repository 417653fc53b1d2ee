/**
 * Exact-fill triple search: when T hosts must be filled exactly in every dimension (total demand
 * = T × capacity) and no host can hold four items, every host holds exactly three items whose
 * demands sum to the capacity. This is an exact-cover problem (Falkenauer's "triplet" classes,
 * Caprara–Toth class 10, Mommessin class F). Bin completion branching on the largest item thrashes
 * on these; the exact-cover remedy is "most constrained item first" with forward checking
 * (Knuth's DLX column choice): branch on the remaining item with the fewest completing pairs, and
 * backtrack as soon as some item has none.
 */
import type { Instance } from './internal.js';
import { CHECKPOINT_WORK, type Control, type Steps } from './cooperate.js';

/** Work counted per pair lookup; the caller's node budget is shared with targetSearch. */
export interface TripleOutcome {
  bins: number[][] | null;
  exhausted: boolean;
  nodes: number;
}

class Budget extends Error {}

export function tripleApplicable(inst: Instance, items: number[], cap: Float64Array, T: number): boolean {
  const { d, w } = inst;
  if (items.length !== 3 * T || T === 0) return false;
  if (inst.conflicts) return false;
  for (let k = 0; k < d; k++) {
    let s = 0;
    for (const i of items) s += w[i * d + k];
    if (Math.abs(s - T * cap[k]) > 1e-9 * cap[k]) return false;
    for (const i of items) if (!Number.isInteger(w[i * d + k])) return false;
  }
  // every host holds exactly three items if no host can hold four (four smallest exceed the
  // capacity in some dimension), or if no two items can fill a host exactly (then no host holds
  // two or fewer, and with n = 3T none holds four)
  for (let k = 0; k < d; k++) {
    const v = items.map((i) => w[i * d + k]).sort((a, b) => a - b);
    if (v.length >= 4 && v[0] + v[1] + v[2] + v[3] > cap[k]) return true;
    if (v[v.length - 1] + v[v.length - 2] < cap[k] && v[v.length - 1] < cap[k]) return true;
  }
  return false;
}

/**
 * Search over *item types* (distinct demand vectors) with incrementally maintained pair counts:
 * cnt[t] = number of unordered pairs of alive items (other than one item of type t) whose demands
 * sum to capacity − demand(t). Removing or restoring one item updates every cnt in O(types), so a
 * level of the search costs O(types) instead of O(n²). Work counted: types touched.
 */
export function* tripleSearch(
  inst: Instance,
  items: number[],
  cap: Float64Array,
  budget: number,
  rand: (() => number) | null = null,
  control: Control = { stop: false },
): Steps<TripleOutcome> {
  const { d, w } = inst;
  const n = items.length;
  const keyOf = (v: ArrayLike<number>): string => Array.prototype.join.call(v, ',');
  const typeIdx = new Map<string, number>();
  const typeItems: number[][] = [];
  const typeVec: Float64Array[] = [];
  for (let p = 0; p < n; p++) {
    const v = w.subarray(items[p] * d, items[p] * d + d);
    const key = keyOf(v);
    let t = typeIdx.get(key);
    if (t === undefined) {
      typeIdx.set(key, (t = typeVec.length));
      typeVec.push(Float64Array.from(v));
      typeItems.push([]);
    }
    typeItems[t].push(items[p]);
  }
  const m = typeVec.length;
  const A = new Int32Array(m);
  for (let t = 0; t < m; t++) A[t] = typeItems[t].length;
  // comp[t*m+u] = type of cap − vec(t) − vec(u), or −1
  const comp = new Int32Array(m * m).fill(-1);
  const need = new Float64Array(d);
  for (let t = 0; t < m; t++)
    for (let u = 0; u < m; u++) {
      let ok = true;
      for (let k = 0; k < d; k++) {
        need[k] = cap[k] - typeVec[t][k] - typeVec[u][k];
        if (need[k] < 0) ok = false;
      }
      if (!ok) continue;
      const v = typeIdx.get(keyOf(need));
      if (v !== undefined) comp[t * m + u] = v;
    }
  const Ax = (t: number, y: number) => A[y] - (y === t ? 1 : 0);
  const cnt = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    let c = 0;
    for (let u = 0; u < m; u++) {
      const v = comp[t * m + u];
      if (v < u) continue;
      c += v === u ? (Ax(t, u) * (Ax(t, u) - 1)) / 2 : Ax(t, u) * Ax(t, v);
    }
    cnt[t] = Math.max(0, c);
  }
  // building the item types and the pair table is work too
  let nodes = m * m + n * d;
  const remove = (a: number) => {
    nodes += m;
    for (let t = 0; t < m; t++) {
      const u = comp[t * m + a];
      if (u < 0) continue;
      cnt[t] -= u !== a ? Ax(t, u) : Ax(t, a) - 1;
    }
    A[a]--;
  };
  const restore = (a: number) => {
    nodes += m;
    A[a]++;
    for (let t = 0; t < m; t++) {
      const u = comp[t * m + a];
      if (u < 0) continue;
      cnt[t] += u !== a ? Ax(t, u) : Ax(t, a) - 1;
    }
  };
  const bins: number[][] = [];
  const stacks = typeItems.map((x) => x.slice());
  let nextCheckpoint = nodes + CHECKPOINT_WORK;
  const solve = function* (remaining: number): Steps<boolean> {
    if (remaining === 0) return true;
    if (nodes > budget) throw new Budget();
    if (nodes >= nextCheckpoint) {
      nextCheckpoint = nodes + CHECKPOINT_WORK;
      yield;
      if (control.stop) throw new Budget();
    }
    nodes += m;
    // most constrained alive type; an alive type without pairs fails the node
    let best = -1;
    let bestC = Infinity;
    let bestS = -Infinity;
    for (let t = 0; t < m; t++) {
      if (A[t] === 0) continue;
      const c = cnt[t];
      if (c <= 0) return false;
      // size breaks ties; in a randomised run, a seeded draw does
      let sz = 0;
      if (rand) sz = rand();
      else for (let k = 0; k < d; k++) sz += typeVec[t][k] / cap[k];
      if (c < bestC || (c === bestC && sz > bestS)) {
        bestC = c;
        bestS = sz;
        best = t;
      }
    }
    const t = best;
    remove(t);
    const x = stacks[t].pop()!;
    const pairs: [number, number][] = [];
    for (let u = 0; u < m; u++) {
      const v = comp[t * m + u];
      if (v < u) continue;
      if (v === u ? A[u] >= 2 : A[u] >= 1 && A[v] >= 1) pairs.push([u, v]);
    }
    let order = pairs;
    if (rand) order = pairs.map((p) => ({ p, r: rand() })).sort((a, b) => a.r - b.r).map((q) => q.p);
    for (const [u, v] of order) {
      remove(u);
      remove(v);
      const y = stacks[u].pop()!;
      const z = stacks[v].pop()!;
      bins.push([x, y, z]);
      if (yield* solve(remaining - 3)) return true;
      bins.pop();
      stacks[v].push(z);
      stacks[u].push(y);
      restore(v);
      restore(u);
    }
    stacks[t].push(x);
    restore(t);
    return false;
  };
  try {
    const ok = yield* solve(n);
    return { bins: ok ? bins : null, exhausted: !ok, nodes };
  } catch (e) {
    if (e instanceof Budget) return { bins: null, exhausted: false, nodes };
    throw e;
  }
}
