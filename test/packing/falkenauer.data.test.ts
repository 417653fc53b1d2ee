/**
 * Known values: BPPLIB Falkenauer U and T instances (Falkenauer 1996 via BPPLIB, Delorme, Iori &
 * Martello 2018), proven optima in the data set's optima.csv (data suite).
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadFalkenauer, toProblem } from '../../benchmarks/lib/parsers.mjs';
import { solvePacking, verifyPacking } from '../../src/packing/index.js';

const repo = join(fileURLToPath(import.meta.url), '..', '..', '..'); // the loaders read CONSOLIDATE_DATA_DIR
const all = loadFalkenauer(repo);

describe('Falkenauer (BPPLIB)', () => {
  it('has all 160 instances with optima', () => {
    expect(all).toHaveLength(160);
    expect(all.every((x) => typeof x.optimum === 'number')).toBe(true);
  });
  it('heuristics only: LB <= optimum <= hosts, verified, L2 reaches the optimum on >= 155', async () => {
    let lbAtOpt = 0;
    for (const inst of all) {
      const p = toProblem(inst);
      const r = await solvePacking(p, { timeLimitSeconds: 0 });
      expect(verifyPacking(p, r).ok).toBe(true);
      expect(r.hostsLowerBound!).toBeLessThanOrEqual(inst.optimum!);
      expect(r.hosts.length).toBeGreaterThanOrEqual(inst.optimum!);
      // heuristics-only is never below the optimum (FFD misses every T instance)
      if (r.hostsLowerBound === inst.optimum) lbAtOpt++;
    }
    // Martello-Toth L2 equals the optimum on all but a few of the 160 instances
    expect(lbAtOpt).toBeGreaterThanOrEqual(155);
  });
  it('u120_00 known value: optimum 48', () => {
    expect(all.find((x) => x.name === 'Falkenauer_u120_00')!.optimum).toBe(48);
  });
});
