/**
 * Pattern-LP dive (lp-dive.ts): hand-worked instances (two triples beat the best matching, an
 * odd cycle whose LP value proves the incumbent cannot be beaten, anti-affinity), and on random
 * few-items-per-host instances the relations "never more hosts than the incumbent, never fewer
 * than the L1 bound", every packing checked by the independent checker (verify.ts), same input
 * same packing, and an improvement that actually occurs.
 */
import { describe, expect, it } from 'vitest';
import { verifyPacking, type PackingProblem } from '../../src/packing/index.js';
import { prepare } from '../../src/packing/constraints.js';
import { problemOf, asResult } from '../helpers/packing-site.js';
import { getHeuristic } from '../../src/packing/registry.js';
import { lpDive, lpDiveApplicable } from '../../src/packing/lp-dive.js';
import { runSync } from '../../src/packing/cooperate.js';
import { mulberry32, type Solution } from '../../src/packing/internal.js';

/** Runs the dive from an incumbent given as bins of item indices (items are indexed by id). */
function dive(p: PackingProblem, bins: number[][], budget = 50_000_000) {
  const site = prepare(p).sites[0];
  const incumbent: Solution = { binType: bins.map(() => 0), binItems: bins, unplaced: [], algorithm: 'hand' };
  expect(lpDiveApplicable(site.inst, incumbent)).toBe(true);
  const r = runSync(lpDive(site.inst, incumbent, budget, { stop: false }));
  expect(verifyPacking(p, asResult(p, site, r.sol))).toEqual({ ok: true, violations: [] });
  return r.sol;
}

// Capacity (10, 10). A = (3,4), B = (3,3), C = (4,3), twice each. Every two items fit together,
// so the incumbent {A,C} {A,C} {B,B} is a perfect matching (3 hosts, the best with pairs), but
// A + B + C = (10, 10) fills a host exactly: two triples, 2 hosts, the L1 bound (60 / 10 / 10 → 2
// per dimension: Σ = (20, 20)). Worked by hand.
const parity = [
  [3, 4],
  [3, 3],
  [4, 3],
  [3, 4],
  [3, 3],
  [4, 3],
];

describe('pattern-LP dive', () => {
  it('two triples beat the perfect matching: 3 hosts → 2 (hand-worked parity case)', () => {
    const sol = dive(problemOf(parity, [10, 10]), [[0, 2], [3, 5], [1, 4]]);
    expect(sol.binItems.length).toBe(2);
    for (const b of sol.binItems) expect(b.length).toBe(3);
  });

  it('keeps the incumbent when the LP cannot beat it: no host holds three items, so LP ≥ 4 / 2 = 2 hosts', () => {
    // (5,1) three times and (1,1): every pair fits, no three items do (15 or 11 > 10 in the first
    // dimension), so every pattern holds at most two of the four items; the incumbent has 2 hosts
    const sol = dive(problemOf([[5, 1], [5, 1], [5, 1], [1, 1]], [10, 10]), [[0, 1], [2, 3]]);
    expect(sol.binItems.length).toBe(2);
    expect(sol.algorithm).toBe('hand');
  });

  it('honours anti-affinity: with the two B items and the two C items in groups it still finds two conflict-free triples', () => {
    const anti = { 1: ['b'], 4: ['b'], 2: ['c'], 5: ['c'] };
    const sol = dive(problemOf(parity, [10, 10], anti), [[0, 2], [3, 5], [1], [4]]);
    expect(sol.binItems.length).toBe(2);
  });

  it('anti-affinity that forbids every triple: nothing better than the incumbent', () => {
    // A, B and C all in one group: no host may hold two of {0,1,2}; items 3,4,5 likewise
    const anti = { 0: ['x'], 1: ['x'], 2: ['x'], 3: ['y'], 4: ['y'], 5: ['y'] };
    const sol = dive(problemOf(parity, [10, 10], anti), [[0, 3], [1, 4], [2, 5]]);
    expect(sol.binItems.length).toBe(3);
  });

  it('random instances with two or three items per host: never worse than first fit decreasing, never below L1, same input same packing, improvements occur', () => {
    let improved = 0;
    let applicable = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const r = mulberry32(seed);
      const d = 2 + (seed % 3);
      const n = 30 + Math.floor(r() * 40);
      const demands = Array.from({ length: n }, () => Array.from({ length: d }, () => 15 + Math.floor(r() * 45)));
      const p = problemOf(demands, new Array(d).fill(100));
      const site = prepare(p).sites[0];
      const ffd = runSync(getHeuristic('ffd-sum')!.pack(site.inst, [0]));
      if (!lpDiveApplicable(site.inst, ffd)) continue;
      applicable++;
      let l1 = 0;
      for (let k = 0; k < d; k++) l1 = Math.max(l1, Math.ceil(demands.reduce((s, x) => s + x[k], 0) / 100));
      const a = dive(p, ffd.binItems);
      expect(a.binItems.length).toBeLessThanOrEqual(ffd.binItems.length);
      expect(a.binItems.length).toBeGreaterThanOrEqual(l1);
      if (a.binItems.length < ffd.binItems.length) improved++;
      expect(dive(p, ffd.binItems).binItems).toEqual(a.binItems);
    }
    // both outcomes must actually occur, or the test proves nothing
    expect(applicable).toBeGreaterThan(6);
    expect(improved).toBeGreaterThan(0);
  });
});
