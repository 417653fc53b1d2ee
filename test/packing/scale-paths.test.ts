import { describe, expect, it } from 'vitest';
import { solvePacking, verifyPacking } from '../../src/packing/index.js';
import { toPackResult } from '../../src/pack.js';
import { round } from '../../src/util/round.js';
import { randomProblem, rng } from '../helpers/random.js';
import { sortedDescending, martelloTothL2, ceilEps } from '../../src/packing/bounds.js';
import { prepare } from '../../src/packing/constraints.js';
import { computeKeys } from '../../src/packing/heuristics/keys.js';
import { sortByKeyDesc } from '../../src/packing/internal.js';
import { runSync } from '../../src/packing/cooperate.js';
import { makeShards, shardSet, leastFilled, packShard, planMerge, finishMerge, mergeShards, BC_L2_SCAN_CAP } from '../../src/packing/heuristics/bin-centric-l2.js';
import { runShards } from '../../src/packing/shard-pool.js';
import { EngineCooperation } from '../../src/packing/cooperate.js';
import { AbortedError } from '../../src/errors.js';

// The paths that keep `consolidate pack` near the CSV floor at a million VMs, each checked against
// the plain computation it replaces on small inputs.

describe('pack result: items built on first read', () => {
  it('equal the eager construction (input order, host id or null, rounded demand), keep their key position and can be replaced', async () => {
    const p = randomProblem(7, { n: 90, d: 3, types: 2 });
    // one item no host type holds, in the middle of the input
    p.items.splice(40, 0, { id: 'too-large', demand: [1e9, 1, 1] });
    const r = await solvePacking(p, { timeLimitSeconds: 0 });
    expect(r.unplaced.length).toBeGreaterThan(0); // both outcomes occur below
    const out = toPackResult(p, r);
    const hostOf = new Map<string, string>();
    for (const h of r.hosts) for (const id of h.items) hostOf.set(id, h.id);
    const eager = p.items.map((it) => ({ id: it.id, host: hostOf.get(it.id) ?? null, demand: Object.fromEntries(p.dimensions.map((d, k) => [d, round(it.demand[k])])) }));
    // the keys in the order the JSON shows them, before and after the first read
    const keys = ['schemaVersion', 'kind', 'dimensions', 'summary', 'hosts', 'items', 'unplaced', 'issues', 'warnings'];
    expect(Object.keys(out)).toEqual(keys);
    const json = JSON.parse(JSON.stringify(out));
    expect(json.items).toEqual(eager);
    expect(Object.keys(json)).toEqual(keys);
    expect(out.items).toEqual(eager);
    expect(out.items).toBe(out.items); // built once
    expect(Object.keys(out)).toEqual(keys);
    expect(structuredClone(toPackResult(p, r)).items).toEqual(eager);
    expect({ ...toPackResult(p, r) }.items).toEqual(eager);
    expect(eager.some((x) => x.host === null) && eager.some((x) => x.host !== null)).toBe(true);
    const other = toPackResult(p, r);
    other.items = [];
    expect(other.items).toEqual([]);
    expect(verifyPacking(p, r).ok).toBe(true);
  });
});

describe('sortedDescending (the Martello-Toth L2 bound sorts each dimension with it)', () => {
  const full = (x: Float64Array) => Float64Array.from(x).sort().reverse();
  const r = rng(5);
  const cases: [string, Float64Array][] = [
    ['whole numbers, one counter per value', Float64Array.from({ length: 5000 }, () => Math.floor(r() * 1000))],
    ['whole numbers above the counters range (a map)', Float64Array.from({ length: 5000 }, () => 1e9 + Math.floor(r() * 50))],
    ['fractions with few distinct values (a map)', Float64Array.from({ length: 5000 }, () => Math.floor(r() * 40) / 8)],
    ['fractions, all distinct (the full sort)', Float64Array.from({ length: 5000 }, () => r() * 100)],
    ['one item', Float64Array.of(3.5)],
    ['empty', new Float64Array(0)],
  ];
  for (const [label, x] of cases) {
    it(`equals the full sort: ${label}`, () => {
      expect(Array.from(sortedDescending(x))).toEqual(Array.from(full(x)));
    });
  }
  it('gives the same L2 bound as a full sort on random instances', () => {
    for (const [, x] of cases.slice(0, 4)) {
      const C = Math.max(...x) * 1.7;
      expect(martelloTothL2(x, C)).toBe(referenceL2(x, C));
    }
  });
});

/** Martello-Toth L2 by its definition (a direct O(n * distinct) evaluation, no sorting tricks). */
function referenceL2(sizes: Float64Array, C: number): number {
  const xs = Array.from(sizes);
  let best = ceilEps(xs.reduce((a, b) => a + b, 0) / C);
  const Ks = [0, ...new Set(xs.filter((v) => v <= C / 2))];
  for (const K of Ks) {
    let n1 = 0;
    let n2 = 0;
    let sum2 = 0;
    let sum3 = 0;
    for (const v of xs) {
      if (v > C - K) n1++;
      else if (v > C / 2) {
        n2++;
        sum2 += v;
      } else if (v >= K) sum3 += v;
    }
    best = Math.max(best, n1 + n2 + Math.max(0, ceilEps((sum3 - (n2 * C - sum2)) / C)));
  }
  return best;
}

describe('bc-l2 merge of packed shards (planMerge, then finishMerge on the re-packed loose items)', () => {
  const p = randomProblem(9, { n: 25_000, d: 4 });
  const inst = prepare(p).sites[0].inst;
  const keys = computeKeys(inst, 'sum');
  const order = sortByKeyDesc(keys);
  const { inputs, items } = makeShards(inst, order, keys, [0], BC_L2_SCAN_CAP);
  const outputs = inputs.map((i) => runSync(packShard(i)));
  const plan = runSync(planMerge(inst, order, keys, outputs, items, [0], BC_L2_SCAN_CAP));
  const everyItemOnce = (s: { binItems: number[][]; unplaced: number[] }) => {
    const seen = new Uint8Array(inst.n);
    for (const b of s.binItems) for (const i of b) seen[i]++;
    for (const i of s.unplaced) seen[i]++;
    return seen.every((x) => x === 1);
  };
  const fits = (s: { binItems: number[][]; binType: number[] }) =>
    s.binItems.every((b, h) => Array.from({ length: inst.d }, (_, k) => b.reduce((a, i) => a + inst.w[i * inst.d + k], 0)).every((x, k) => x <= inst.types[s.binType[h]].cap[k] * (1 + 1e-9)));

  it('keeps a re-pack that needs fewer hosts: every item once, every host within capacity, hosts = joined - dissolved + re-packed', () => {
    expect(inputs.length).toBeGreaterThan(1);
    const again = plan.inputs.map((i) => runSync(packShard(i)));
    const repacked = again.reduce((a, o) => a + o.binType.length, 0);
    expect(repacked).toBeLessThan(plan.dissolved); // the outcome this case is about occurs
    const s = finishMerge(plan, again, 'bc-l2');
    expect(s.binItems.length).toBe(plan.binItems.length - plan.dissolved + repacked);
    expect(everyItemOnce(s)).toBe(true);
    expect(fits(s)).toBe(true);
    // the in-thread merge gives the same solution
    expect(runSync(mergeShards(inst, order, keys, outputs, items, [0], BC_L2_SCAN_CAP, 'bc-l2'))).toEqual(s);
  });

  it('keeps the joined shards when the re-pack needs as many hosts, or leaves an item unplaced', () => {
    // a re-pack with one host per loose item needs at least as many hosts as were dissolved
    const onePerItem = plan.inputs.map((i) => ({
      binStart: Int32Array.from({ length: i.n + 1 }, (_, b) => b),
      members: Int32Array.from({ length: i.n }, (_, q) => q),
      binType: new Int32Array(i.n),
      unplaced: new Int32Array(0),
    }));
    expect(onePerItem.reduce((a, o) => a + o.binType.length, 0)).toBeGreaterThanOrEqual(plan.dissolved);
    const joined = finishMerge(plan, onePerItem, 'bc-l2');
    expect(joined.binItems).toBe(plan.binItems);
    expect(everyItemOnce(joined)).toBe(true);
    const withUnplaced = plan.inputs.map((i) => runSync(packShard(i)));
    withUnplaced[0] = { ...withUnplaced[0], unplaced: Int32Array.of(0) };
    expect(finishMerge(plan, withUnplaced, 'bc-l2').binItems).toBe(plan.binItems);
  });
});

describe('prepare: plain items (no site, affinity or item limit) take a direct path', () => {
  // tricky plain items: out of id order, invalid demands, too large for every type, fitting only
  // the second type, exactly at a capacity, anti-affinity lists with repeats or empty
  const base = randomProblem(21, { n: 60, d: 3, types: 2 });
  const items = base.items.map((it, i) => ({ ...it, id: `x${String((i * 37) % 60).padStart(2, '0')}` }));
  items[5].demand = [Number.NaN, 1, 1];
  items[6].demand = [-1, 1, 1];
  items[7].demand = [Infinity, 1, 1];
  items[8].demand = [1e6, 1, 1];
  const big = base.hostTypes.reduce((a, t) => (t.capacity[0] > a.capacity[0] ? t : a));
  const small = base.hostTypes.find((t) => t !== big)!;
  items[9].demand = [big.capacity[0], 1, 1];
  items[10].demand = [...big.capacity];
  items[11].demand = [small.capacity[0] + 1, 1, 1];
  const withAnti = items.map((it, i) => (i % 7 === 0 ? { ...it, antiAffinity: [`g${i % 3}`, `g${i % 3}`, `g${(i + 1) % 3}`] } : i % 11 === 0 ? { ...it, antiAffinity: [] } : it));
  // the same items through the general path: each in an affinity group of its own
  const general = (list: typeof items) => list.map((it) => ({ ...it, affinity: `own-${it.id}` }));
  const sharesGroup = (c: (Int32Array | null)[] | null, n: number) => {
    const out: boolean[] = [];
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) out.push(!!c && !!c[a] && !!c[b] && Array.from(c[a]!).some((g) => c[b]!.includes(g)));
    return out;
  };
  for (const [label, list] of [
    ['without anti-affinity', items],
    ['with anti-affinity', withAnti],
  ] as const) {
    it(`gives the general path's units, demands and unplaced items (${label})`, () => {
      const fast = prepare({ ...base, items: list });
      const slow = prepare({ ...base, items: general(list) });
      expect(fast.sites.length).toBe(1);
      const [f, s] = [fast.sites[0], slow.sites[0]];
      expect(f.inst.n).toBe(s.inst.n);
      expect(Array.from(f.inst.w)).toEqual(Array.from(s.inst.w));
      expect(Array.from(f.unitStart)).toEqual(Array.from(s.unitStart));
      expect(Array.from(f.unitMembers)).toEqual(Array.from(s.unitMembers));
      expect(fast.unplaced).toEqual(slow.unplaced);
      expect(f.inst.conflicts === null).toBe(label === 'without anti-affinity');
      expect(sharesGroup(f.inst.conflicts, f.inst.n)).toEqual(sharesGroup(s.inst.conflicts, s.inst.n));
      // every kind of outcome occurs: kept, invalid, too large, fits the larger type only
      const codes = new Set(fast.unplaced.map((u) => u.reason.code));
      expect(codes).toEqual(new Set(['unplaced.invalid-demand', 'unplaced.too-large']));
      expect(Array.from(f.unitMembers)).toContain(9);
      expect(Array.from(f.unitMembers)).toContain(11);
      expect(f.inst.n).toBe(60 - 4);
    });
  }
});

describe('bc-l2 shards handed out as they are cut, packed on workers and in this thread', () => {
  // several self-contained shards (one per small instance), more than the workers hold at once
  const shards = [11, 12, 13, 14, 15, 16, 17].map((seed) => {
    const inst = prepare(randomProblem(seed, { n: 3000, d: 4 })).sites[0].inst;
    const keys = computeKeys(inst, 'sum');
    return makeShards(inst, sortByKeyDesc(keys), keys, [0], BC_L2_SCAN_CAP).inputs[0];
  });
  const copy = (i: (typeof shards)[number]) => ({ ...i, w: i.w.slice(), S: i.S.slice() });
  const expected = shards.map((i) => runSync(packShard(copy(i))));

  it('equal the in-thread packing shard by shard, with some packed here and some on the workers', async () => {
    for (const threads of [2, 3]) {
      const stats = { packedHere: 0 };
      const out = await runShards(shards.map(copy), threads, new EngineCooperation(), stats);
      expect(out).toEqual(expected);
      expect(stats.packedHere).toBeGreaterThan(0);
      expect(stats.packedHere).toBeLessThan(shards.length);
    }
  });

  it('a ShardSet cuts the same shards as makeShards, and fills its items map', async () => {
    const p = randomProblem(9, { n: 21_000, d: 4 });
    const inst = prepare(p).sites[0].inst;
    const keys = computeKeys(inst, 'sum');
    const order = sortByKeyDesc(keys);
    const all = makeShards(inst, order, keys, [0], BC_L2_SCAN_CAP);
    const set = shardSet(inst, order, keys, [0], BC_L2_SCAN_CAP);
    expect(set.count).toBe(all.inputs.length);
    const out = await runShards(set, 2, new EngineCooperation());
    expect(out).toEqual(all.inputs.map((i) => runSync(packShard(i))));
    expect(set.items).toEqual(all.items);
  });

  it('rejects with AbortedError when aborted while this thread packs a shard', async () => {
    const ac = new AbortController();
    const big = [21, 22, 23, 24, 25, 26].map((seed) => {
      const inst = prepare(randomProblem(seed, { n: 15_000, d: 4 })).sites[0].inst;
      const keys = computeKeys(inst, 'sum');
      return makeShards(inst, sortByKeyDesc(keys), keys, [0], BC_L2_SCAN_CAP).inputs[0];
    });
    const stats = { packedHere: 0 };
    const run = runShards(big, 2, new EngineCooperation({ signal: ac.signal }), stats);
    setTimeout(() => ac.abort(new Error('stop')), 5);
    await expect(run).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('hosts emitted when every unit is its own item, in id order (unit u = item u)', () => {
  it('equal the hosts of the same items given out of order or with an item dropped (the general look-up)', async () => {
    const p = randomProblem(31, { n: 400, d: 3 });
    const inOrder = await solvePacking(p, { timeLimitSeconds: 0 });
    // reversed input: units are still in id order, so unit u is item n-1-u (the general path)
    const reversed = { ...p, items: [...p.items].reverse() };
    const rev = await solvePacking(reversed, { timeLimitSeconds: 0 });
    expect(rev.hosts).toEqual(inOrder.hosts);
    expect(Array.from(rev.placement!).reverse()).toEqual(Array.from(inOrder.placement!));
    // one invalid item: the units no longer match the items one to one
    const withBad = { ...p, items: [{ id: 'aaa-bad', demand: [Number.NaN, 1, 1] }, ...p.items] };
    const bad = await solvePacking(withBad, { timeLimitSeconds: 0 });
    expect(bad.hosts).toEqual(inOrder.hosts);
    expect(bad.placement![0]).toBe(-1);
    expect(Array.from(bad.placement!.subarray(1))).toEqual(Array.from(inOrder.placement!));
    expect(verifyPacking(p, inOrder).ok).toBe(true);
  });
});

describe('leastFilled (the hosts the bc-l2 merge dissolves)', () => {
  const bySort = (fills: Float64Array, k: number) => {
    const order = Array.from({ length: fills.length }, (_, b) => b).sort((a, b) => fills[a] - fills[b] || a - b);
    const out = new Uint8Array(fills.length);
    for (let j = 0; j < Math.min(k, fills.length); j++) out[order[j]] = 1;
    return out;
  };
  const r = rng(5);
  const cases: [string, Float64Array][] = [
    ['distinct', Float64Array.from({ length: 200 }, () => r())],
    ['many ties', Float64Array.from({ length: 200 }, () => Math.floor(r() * 5) / 4)],
    ['all equal', new Float64Array(50).fill(0.75)],
    ['zeros and ones', Float64Array.from({ length: 64 }, (_, i) => (i % 3 === 0 ? 0 : 1))],
    ['one host', Float64Array.of(0.5)],
  ];
  for (const [label, fills] of cases) {
    it(`flags the same hosts as the (fill, index) sort: ${label}`, () => {
      for (const k of [0, 1, 2, 3, Math.ceil(fills.length / 20), Math.floor(fills.length / 2), fills.length - 1, fills.length, fills.length + 3])
        expect(Array.from(leastFilled(fills, k))).toEqual(Array.from(bySort(fills, k)));
    });
  }
});
