/**
 * Known optima on instances we generate (the same checks on the public BPPLIB Falkenauer
 * instances are in falkenauer.data.test.ts):
 * - triplet instances built like Falkenauer's "T" class: every host of the optimum holds three
 *   items summing exactly to the capacity, each item between a quarter and a half of it; the
 *   optimum is the number of triplets by construction (and equals L1, since the sizes sum to
 *   exactly that many capacities);
 * - small uniform instances like the "U" class (sizes 20..100, capacity 150) and small 2-D
 *   instances, whose optimum our own exact solver (test/helpers/small-exact.ts) computes.
 */
import { describe, expect, it } from 'vitest';
import { solvePacking, verifyPacking, type PackingProblem } from '../../src/packing/index.js';
import { rng } from '../helpers/random.js';
import { exactMinHosts } from '../helpers/small-exact.js';

const problem = (sizes: number[][], capacity: number[]): PackingProblem => ({
  dimensions: capacity.map((_, k) => `d${k}`),
  items: sizes.map((w, i) => ({ id: `i${String(i).padStart(3, '0')}`, demand: w })),
  hostTypes: [{ type: 'bin', capacity, cost: 1, count: null }],
});

/** Falkenauer-T-style: `m` triplets (a, b, C - a - b) with every item in (C/4, C/2), shuffled. */
function triplets(seed: number, m: number, C = 1000): number[] {
  const r = rng(seed);
  const out: number[] = [];
  while (out.length < 3 * m) {
    const a = 251 + Math.floor(r() * 248);
    const b = 251 + Math.floor(r() * 248);
    const c = C - a - b;
    if (c > C / 4 && c < C / 2) out.push(a, b, c);
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('known optima on generated instances', () => {
  it('triplet instances: LB = optimum = number of triplets <= hosts, verified (heuristics only)', async () => {
    let heuristicAtOpt = 0;
    for (let s = 1; s <= 12; s++) {
      const m = 20 + s;
      const sizes = triplets(s, m);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(m * 1000);
      expect(sizes.every((x) => x > 250 && x < 500)).toBe(true);
      const p = problem(sizes.map((x) => [x]), [1000]);
      const r = await solvePacking(p, { timeLimitSeconds: 0 });
      expect(verifyPacking(p, r).ok).toBe(true);
      expect(r.hostsLowerBound).toBe(m);
      expect(r.hosts.length).toBeGreaterThanOrEqual(m);
      if (r.hosts.length === m) heuristicAtOpt++;
    }
    // As on Falkenauer's T class, first-fit-style heuristics alone rarely find the perfect triplets.
    expect(heuristicAtOpt).toBeLessThan(12);
  });

  it('a triplet instance with a time limit: the improvement phase finds the optimum and proves it', async () => {
    const p = problem(triplets(99, 20).map((x) => [x]), [1000]);
    const r = await solvePacking(p, { timeLimitSeconds: 2 });
    expect(verifyPacking(p, r).ok).toBe(true);
    expect(r.hosts).toHaveLength(20);
    expect(r.optimal).toBe(true);
  });

  it('uniform 1-D instances (12 items of 20..100, capacity 150): LB <= our exact optimum <= hosts; L2 reaches it on most', async () => {
    let lbAtOpt = 0;
    for (let s = 1; s <= 40; s++) {
      const r0 = rng(1000 + s);
      const sizes = Array.from({ length: 12 }, () => [20 + Math.floor(r0() * 81)]);
      const opt = exactMinHosts(sizes, [150]);
      const p = problem(sizes, [150]);
      const r = await solvePacking(p, { timeLimitSeconds: 0 });
      expect(verifyPacking(p, r).ok).toBe(true);
      expect(r.hostsLowerBound!).toBeLessThanOrEqual(opt);
      expect(r.hosts.length).toBeGreaterThanOrEqual(opt);
      if (r.hostsLowerBound === opt) lbAtOpt++;
      // with a time limit, a claimed optimum is the optimum
      const t = await solvePacking(p, { timeLimitSeconds: 0.5 });
      expect(verifyPacking(p, t).ok).toBe(true);
      if (t.optimal) expect(t.hosts).toHaveLength(opt);
      expect(t.hosts.length).toBeGreaterThanOrEqual(opt);
    }
    expect(lbAtOpt).toBeGreaterThanOrEqual(30);
  });

  it('small 2-D instances: LB <= our exact optimum <= hosts, and with a time limit the engine proves the optimum', async () => {
    let proven = 0;
    let gapClosed = 0;
    for (let s = 1; s <= 20; s++) {
      const r0 = rng(5000 + s);
      const sizes = Array.from({ length: 11 }, () => {
        const base = 25 + r0() * 35;
        return [Math.round(base * (0.5 + r0())), Math.round(base * (0.5 + r0()))];
      });
      const opt = exactMinHosts(sizes, [100, 100]);
      const p = problem(sizes, [100, 100]);
      const h = await solvePacking(p, { timeLimitSeconds: 0 });
      expect(h.hostsLowerBound!).toBeLessThanOrEqual(opt);
      expect(h.hosts.length).toBeGreaterThanOrEqual(opt);
      const t = await solvePacking(p, { timeLimitSeconds: 1 });
      expect(verifyPacking(p, t).ok).toBe(true);
      expect(t.hostsLowerBound!).toBeLessThanOrEqual(opt);
      if (t.optimal) {
        proven++;
        expect(t.hosts).toHaveLength(opt);
        if (h.hostsLowerBound! < opt) gapClosed++;
      }
    }
    expect(proven).toBe(20);
    // the expected outcome occurs: on some instances the cheap bounds were below the optimum
    expect(gapClosed).toBeGreaterThan(0);
  });

  it('our exact solver: hand-checked values', () => {
    expect(exactMinHosts([[34], [34], [34], [34], [34]], [100])).toBe(3); // at most two per host
    expect(exactMinHosts([[60, 0], [50, 60], [50, 50]], [100, 100])).toBe(3); // pairwise incompatible
    expect(exactMinHosts([[50, 50], [50, 50], [40, 10], [10, 40]], [100, 100])).toBe(2);
  });
});
