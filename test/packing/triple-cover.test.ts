/**
 * Triple cover (triple-cover.ts): hand-worked instances with their packings, the "proves nothing"
 * semantics of an exhausted search, and through the engine on generated triplet instances (three
 * pieces per host, so the optimum is n / 3 = the L1 bound) checked by the independent checker.
 */
import { describe, expect, it } from 'vitest';
import { solvePacking, verifyPacking, type PackingProblem } from '../../src/packing/index.js';
import { prepare } from '../../src/packing/constraints.js';
import { tripleCover, tripleCoverDims } from '../../src/packing/triple-cover.js';
import { runSync } from '../../src/packing/cooperate.js';
import { mulberry32 } from '../../src/packing/internal.js';

function problemOf(demands: number[][], cap: number[]): PackingProblem {
  return {
    dimensions: cap.map((_, k) => `r${k}`),
    items: demands.map((demand, i) => ({ id: `i${String(i).padStart(3, '0')}`, demand })),
    hostTypes: [{ type: 'h', capacity: cap, cost: 1, count: null }],
  };
}

function cover(demands: number[][], cap: number[], T: number) {
  const inst = prepare(problemOf(demands, cap)).sites[0].inst;
  const dims = tripleCoverDims(inst, T);
  return { dims, r: dims ? runSync(tripleCover(inst, T, dims, 1_000_000, { stop: false })) : null };
}

describe('triple cover', () => {
  it('fills the first dimension exactly and fits the second (hand-worked, 2-D)', () => {
    // first dimension sums to 2 × 10: the only partition into triples summing to 10 is
    // {6,2,2} {4,3,3}; their second dimensions 1+5+3 = 9 and 4+2+4 = 10 fit
    const { dims, r } = cover([[6, 1], [2, 5], [2, 3], [4, 4], [3, 2], [3, 4]], [10, 10], 2);
    expect(dims).toEqual([0]);
    expect(r!.bins!.map((b) => [...b].sort()).sort()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it('exhausts when the only partition overfills the second dimension (6 in place of 4)', () => {
    const { r } = cover([[6, 1], [2, 5], [2, 3], [4, 4], [3, 2], [3, 6]], [10, 10], 2);
    expect(r!.bins).toBeNull();
    expect(r!.exhausted).toBe(true);
  });

  it('an exhausted search proves nothing about T hosts: sizes 7 1 1 1 5 5 fit {7,1,1,1} {5,5}', () => {
    const { dims, r } = cover([[7], [1], [1], [1], [5], [5]], [10], 2);
    expect(dims).toEqual([0]);
    expect(r!.bins).toBeNull();
    expect(r!.exhausted).toBe(true);
  });

  it('does not apply unless n = 3T and some dimension sums to T × capacity', () => {
    expect(cover([[6], [2], [2], [4], [3], [2]], [10], 2).dims).toBeNull();
    expect(cover([[6], [2], [2], [4], [3], [3], [1]], [10], 2).dims).toBeNull();
  });

  it('through the engine: generated 3-D triplets (every host cut into three pieces) reach n / 3, proven by L1', async () => {
    let solvedByCover = 0;
    for (const seed of [1, 2, 3]) {
      const r = mulberry32(seed);
      const hosts = 40;
      const C = 100;
      const demands: number[][] = [];
      for (let h = 0; h < hosts; h++) {
        const parts = [[], [], []] as number[][];
        for (let k = 0; k < 3; k++) {
          // three pieces in [25, 50] summing to C
          const a = 25 + Math.floor(r() * 26);
          const b = Math.max(25, Math.min(50, 25 + Math.floor(r() * 26), C - a - 25));
          parts[0].push(a);
          parts[1].push(b);
          parts[2].push(C - a - b);
        }
        demands.push(...parts);
      }
      // shuffle so that hosts are not read off the input order
      for (let i = demands.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [demands[i], demands[j]] = [demands[j], demands[i]];
      }
      const p = problemOf(demands, [C, C, C]);
      const res = await solvePacking(p, { timeLimitSeconds: 1 });
      expect(verifyPacking(p, res).ok).toBe(true);
      expect(res.hostsLowerBound).toBeLessThanOrEqual(res.hosts.length);
      expect(res.hosts.length).toBe(hosts);
      expect(res.optimal).toBe(true);
      if (res.algorithm.includes('triple-cover')) solvedByCover++;
    }
    // the cover must actually be what solves some of them, or the test proves nothing
    expect(solvedByCover).toBeGreaterThan(0);
  });
});
