/**
 * The in-process covering simplex against known values and against glpk.js (GLPK's simplex) on
 * random covering LPs: the optimal objective must agree within 1e-9.
 */
import { describe, expect, it } from 'vitest';
import { CoveringSimplex } from '../../src/solver/covering-simplex.js';
import { glpkSolve } from '../../src/solver/glpk.js';
import { runSync } from '../../src/util/cooperate.js';
import { mulberry32 } from '../../src/packing/internal.js';
import type { LinearModel } from '../../src/solver/model.js';

interface Lp {
  m: number;
  b: number[];
  unit: number[];
  cols: { idx: number[]; val: number[]; cost: number }[];
}

function randomLp(rand: () => number, integral: boolean): Lp {
  const m = 2 + Math.floor(rand() * 25);
  const n = 2 + Math.floor(rand() * 60);
  const b = Array.from({ length: m }, () => (integral ? (rand() < 0.1 ? 0 : 1) : Math.round(rand() * 30) / 10));
  const unit = Array.from({ length: m }, () => (integral ? 1 : 0.5 + Math.round(rand() * 30) / 10));
  const cols = Array.from({ length: n }, () => {
    const k = 1 + Math.floor(rand() * Math.min(m, 4));
    const set = new Set<number>();
    while (set.size < k) set.add(Math.floor(rand() * m));
    const idx = [...set].sort((x, y) => x - y);
    const val = idx.map(() => (integral ? 1 : 0.1 + Math.round(rand() * 30) / 10));
    return { idx, val, cost: integral ? 1 : 0.5 + Math.round(rand() * 30) / 10 };
  });
  return { m, b, unit, cols };
}

function toModel(lp: Lp): LinearModel {
  const variables = [...lp.unit.map((c, i) => ({ name: `u${i}`, obj: c })), ...lp.cols.map((c, j) => ({ name: `c${j}`, obj: c.cost }))];
  const constraints = lp.b.map((bi, i) => {
    const terms: [number, number][] = [[i, 1]];
    lp.cols.forEach((c, j) => c.idx.forEach((r, t) => r === i && terms.push([lp.m + j, c.val[t]])));
    return { name: `r${i}`, terms, lb: bi };
  });
  return { sense: 'min', variables, constraints };
}

function solveOurs(lp: Lp, split = lp.cols.length): { z: number; s: CoveringSimplex } {
  const s = new CoveringSimplex(lp.m, lp.b, lp.unit);
  for (const c of lp.cols.slice(0, split)) s.addColumn(c.idx, c.val, c.cost);
  expect(runSync(s.solve())).toBe('optimal');
  if (split < lp.cols.length) {
    for (const c of lp.cols.slice(split)) s.addColumn(c.idx, c.val, c.cost);
    expect(runSync(s.solve())).toBe('optimal');
  }
  return { z: s.objective(), s };
}

describe('covering simplex', () => {
  it('odd cycle of pairs: LP optimum 1.5 (three items, every pair fits, no triple)', () => {
    const s = new CoveringSimplex(3, [1, 1, 1], [1, 1, 1]);
    s.addColumn([0, 1], null, 1);
    s.addColumn([1, 2], null, 1);
    s.addColumn([0, 2], null, 1);
    expect(runSync(s.solve())).toBe('optimal');
    expect(s.objective()).toBeCloseTo(1.5, 12);
    // duals: 1/2 on every row (complementary to the three pairs at 1/2)
    for (const p of s.duals()) expect(p).toBeCloseTo(0.5, 12);
    for (const [j, x] of s.support()) {
      expect(j).toBeGreaterThanOrEqual(s.firstAdded);
      expect(x).toBeCloseTo(0.5, 12);
    }
  });

  it('agrees with glpk.js on random covering LPs (objective within 1e-9), cold and warm started', async () => {
    const rand = mulberry32(7);
    for (let t = 0; t < 60; t++) {
      const lp = randomLp(rand, t % 2 === 0);
      const g = await glpkSolve(toModel(lp), { relax: true });
      expect(g.status).toBe('optimal');
      const cold = solveOurs(lp);
      expect(Math.abs(cold.z - g.objective!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(g.objective!)));
      const warm = solveOurs(lp, Math.floor(lp.cols.length / 2));
      expect(Math.abs(warm.z - g.objective!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(g.objective!)));
      // the returned solution covers every row
      const cover = new Float64Array(lp.m);
      for (const [j, x] of warm.s.support()) {
        if (j < lp.m) cover[j] += x;
        else if (j >= 2 * lp.m) lp.cols[j - 2 * lp.m].idx.forEach((r, k) => (cover[r] += x * lp.cols[j - 2 * lp.m].val[k]));
      }
      lp.b.forEach((bi, i) => expect(cover[i]).toBeGreaterThanOrEqual(bi - 1e-9));
    }
  });

  it('a crash start from disjoint 0/1 columns (a packing) reaches the same optimum as the unit basis', () => {
    const rand = mulberry32(23);
    let crashed = 0;
    for (let t = 0; t < 30; t++) {
      const lp = randomLp(rand, true);
      lp.b.fill(1);
      const cold = solveOurs(lp).z;
      const s = new CoveringSimplex(lp.m, lp.b, lp.unit);
      const ids = lp.cols.map((c) => s.addColumn(c.idx, c.val, c.cost));
      // a greedy set of pairwise disjoint columns
      const used = new Set<number>();
      const start: number[] = [];
      lp.cols.forEach((c, j) => {
        if (c.idx.some((i) => used.has(i))) return;
        c.idx.forEach((i) => used.add(i));
        start.push(ids[j]);
      });
      s.crash(start);
      crashed += start.length;
      expect(runSync(s.solve())).toBe('optimal');
      expect(Math.abs(s.objective() - cold)).toBeLessThanOrEqual(1e-9 * Math.max(1, cold));
    }
    expect(crashed).toBeGreaterThan(30);
  });

  it('is deterministic and stops at a work limit with a feasible solution', () => {
    const lp = randomLp(mulberry32(11), true);
    const a = solveOurs(lp);
    const b = solveOurs(lp);
    expect(a.s.support()).toEqual(b.s.support());
    const s = new CoveringSimplex(lp.m, lp.b, lp.unit);
    for (const c of lp.cols) s.addColumn(c.idx, c.val, c.cost);
    const st = runSync(s.solve(1));
    expect(['work-limit', 'optimal']).toContain(st);
    expect(s.objective()).toBeGreaterThanOrEqual(a.z - 1e-9);
  });
});
