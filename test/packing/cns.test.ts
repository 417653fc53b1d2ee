/**
 * Consistent neighbourhood search (cns.ts): known optima by construction (every host cut into
 * pieces that fill it exactly, so the optimum is the number of hosts and equals L1), and the
 * relation "never more hosts than it started from" with the independent checker.
 */
import { describe, expect, it } from 'vitest';
import { solvePacking, verifyPacking, type PackingProblem } from '../../src/packing/index.js';
import { prepare } from '../../src/packing/constraints.js';
import { getHeuristic } from '../../src/packing/registry.js';
import { consistentNeighbourhood } from '../../src/packing/cns.js';
import { runSync } from '../../src/packing/cooperate.js';
import { mulberry32 } from '../../src/packing/internal.js';
import { randomProblem } from '../helpers/random.js';

/** `hosts` hosts of capacity C (per dimension) each cut into 3 to 5 pieces: a perfect packing. */
function perfect(seed: number, hosts: number, d: number, C = 1000): PackingProblem {
  const r = mulberry32(seed);
  const items: { id: string; demand: number[] }[] = [];
  for (let h = 0; h < hosts; h++) {
    const pieces = 3 + Math.floor(r() * 3);
    const parts: number[][] = Array.from({ length: pieces }, () => new Array<number>(d).fill(0));
    for (let k = 0; k < d; k++) {
      const cuts = new Set<number>();
      while (cuts.size < pieces - 1) cuts.add(1 + Math.floor(r() * (C - 1)));
      const pts = [0, ...[...cuts].sort((a, b) => a - b), C];
      for (let q = 0; q < pieces; q++) parts[q][k] = pts[q + 1] - pts[q];
    }
    for (const p of parts) items.push({ id: `i${String(items.length).padStart(4, '0')}`, demand: p });
  }
  return { dimensions: Array.from({ length: d }, (_, k) => `r${k}`), items, hostTypes: [{ type: 'h', capacity: new Array(d).fill(C), cost: 1, count: null }] };
}

/** The engine's portfolio restricted to first fit decreasing (minimum bin slack alone already
 *  solves some of these perfect packings), so that the search has something to do. */
const FFD = ['ffd-sum'];

describe('consistent neighbourhood search', () => {
  it('reaches the optimum of perfect 1-D packings that first fit decreasing misses', () => {
    let improved = 0;
    for (const seed of [1, 2, 3, 4]) {
      const p = perfect(seed, 40, 1);
      const inst = prepare(p).sites[0].inst;
      const ffd = getHeuristic('ffd-sum')!.run(inst, [0]);
      const r = runSync(consistentNeighbourhood(inst, ffd, 40, 5_000_000, { stop: false }, mulberry32(seed)));
      expect(r.sol.binItems.length).toBeLessThanOrEqual(ffd.binItems.length);
      if (ffd.binItems.length > 40) {
        improved++;
        expect(r.sol.binItems.length).toBe(40);
      }
      // every item exactly once, every host within capacity
      const seen = r.sol.binItems.flat().sort((a, b) => a - b);
      expect(seen).toEqual(Array.from({ length: inst.n }, (_, i) => i));
      for (const bin of r.sol.binItems) expect(bin.reduce((s, i) => s + inst.w[i], 0)).toBeLessThanOrEqual(1000);
    }
    // the construction must actually defeat FFD somewhere, or the test proves nothing
    expect(improved).toBeGreaterThan(0);
  });

  it('through the engine: the optimum of perfect 1-D packings first fit decreasing misses, proven by L1', async () => {
    for (const seed of [9, 10]) {
      const p = perfect(seed, 30, 1);
      const r0 = await solvePacking(p, { timeLimitSeconds: 0, heuristics: FFD });
      expect(r0.hosts.length).toBeGreaterThan(30);
      const r = await solvePacking(p, { timeLimitSeconds: 2, exact: { disabled: true }, heuristics: FFD });
      expect(verifyPacking(p, r).ok).toBe(true);
      expect(r.hosts.length).toBe(30);
      expect(r.optimal).toBe(true);
      expect(r.algorithm).toMatch(/\+cns$/);
    }
  });

  it('through the engine: fewer hosts than first fit decreasing on a perfect 2-D packing (relation)', async () => {
    const p = perfect(5, 30, 2);
    const r0 = await solvePacking(p, { timeLimitSeconds: 0, heuristics: FFD });
    const r = await solvePacking(p, { timeLimitSeconds: 2, exact: { disabled: true }, heuristics: FFD });
    expect(verifyPacking(p, r).ok).toBe(true);
    expect(r.hosts.length).toBeGreaterThanOrEqual(30);
    expect(r.hosts.length).toBeLessThan(r0.hosts.length);
  });

  it('never ends with more hosts than it started from (random vector instances)', () => {
    for (const seed of [11, 12, 13]) {
      const p = randomProblem(seed, { n: 90, d: 3 });
      const inst = prepare(p).sites[0].inst;
      const start = getHeuristic('ffd-sum')!.run(inst, [0]);
      const r = runSync(consistentNeighbourhood(inst, start, 1, 300_000, { stop: false }, mulberry32(seed)));
      expect(r.sol.binItems.length).toBeLessThanOrEqual(start.binItems.length);
      expect(r.sol.binItems.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: inst.n }, (_, i) => i));
    }
  });
});
