/**
 * Pairing search (pairing.ts): hand-worked instances (an augmenting path, a single joining a
 * pair, anti-affinity), and on random few-items-per-host instances the relations "never more
 * hosts than the incumbent, never fewer than the L1 bound" with every packing checked by the
 * independent checker (verify.ts).
 */
import { describe, expect, it } from 'vitest';
import { verifyPacking, type PackingProblem } from '../../src/packing/index.js';
import { prepare } from '../../src/packing/constraints.js';
import { problemOf, asResult } from '../helpers/packing-site.js';
import { getHeuristic } from '../../src/packing/registry.js';
import { pairingApplicable, pairingSearch } from '../../src/packing/pairing.js';
import { runSync } from '../../src/packing/cooperate.js';
import { mulberry32, type Solution } from '../../src/packing/internal.js';

/** Runs the search from an incumbent given as bins of item indices (items are indexed by id). */
function search(p: PackingProblem, bins: number[][], lb: number, budget = 1_000_000, seed = 1) {
  const site = prepare(p).sites[0];
  const incumbent: Solution = { binType: bins.map(() => 0), binItems: bins, unplaced: [], algorithm: 'hand' };
  expect(pairingApplicable(site.inst, incumbent)).toBe(true);
  const r = runSync(pairingSearch(site.inst, incumbent, lb, budget, { stop: false }, mulberry32(seed)));
  expect(verifyPacking(p, asResult(p, site, r.sol))).toEqual({ ok: true, violations: [] });
  return r.sol;
}

// Capacity 10 in three dimensions. A = (3,7,0) and C = (7,3,0) fill the first two dimensions
// exactly; B = (7,3,6) fits only with A, D = (3,7,6) only with C, and B + D exceeds the third
// dimension. From {A,C} {B} {D} the matching grows along the augmenting path B–A=C–D to
// {A,B} {C,D}: 2 hosts, the L1 bound (third dimension: 12 / 10 → 2). Worked by hand.
const path = [
  [3, 7, 0],
  [7, 3, 6],
  [7, 3, 0],
  [3, 7, 6],
];

describe('pairing search', () => {
  it('finds the augmenting path: 3 hosts → 2 (hand-worked, 3-D)', () => {
    const sol = search(problemOf(path, [10, 10, 10]), [[0, 2], [1], [3]], 2);
    expect(sol.binItems.length).toBe(2);
    expect(sol.binItems.map((b) => [...b].sort()).sort()).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('puts a single item onto a pair as a triple: sizes 5 3 2 9, capacity 10 → 2 hosts (hand-worked)', () => {
    const sol = search(problemOf([[5], [3], [2], [9]], [10]), [[0, 1], [2], [3]], 2);
    expect(sol.binItems.length).toBe(2);
  });

  it('honours anti-affinity: with A and B in one group the path is closed and 3 hosts stay', () => {
    const sol = search(problemOf(path, [10, 10, 10], { 0: ['g'], 1: ['g'] }), [[0, 2], [1], [3]], 2);
    expect(sol.binItems.length).toBe(3);
  });

  it('random instances with two or three items per host: never worse than first fit decreasing, never below L1, same input same packing', () => {
    let improved = 0;
    let applicable = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const r = mulberry32(seed);
      const d = 2 + (seed % 3);
      const n = 60 + Math.floor(r() * 60);
      const demands = Array.from({ length: n }, () => Array.from({ length: d }, () => 15 + Math.floor(r() * 45)));
      const p = problemOf(demands, new Array(d).fill(100));
      const site = prepare(p).sites[0];
      const ffd = getHeuristic('ffd-sum')!.run(site.inst, [0]);
      if (!pairingApplicable(site.inst, ffd)) continue;
      applicable++;
      let l1 = 0;
      for (let k = 0; k < d; k++) l1 = Math.max(l1, Math.ceil(demands.reduce((s, x) => s + x[k], 0) / 100));
      const a = search(p, ffd.binItems, l1, 2_000_000, seed);
      expect(a.binItems.length).toBeLessThanOrEqual(ffd.binItems.length);
      expect(a.binItems.length).toBeGreaterThanOrEqual(l1);
      if (a.binItems.length < ffd.binItems.length) improved++;
      expect(search(p, ffd.binItems, l1, 2_000_000, seed).binItems).toEqual(a.binItems);
    }
    // both outcomes must actually occur, or the test proves nothing
    expect(applicable).toBeGreaterThan(6);
    expect(improved).toBeGreaterThan(0);
  });
});
