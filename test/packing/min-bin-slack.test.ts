/**
 * Minimum bin slack (heuristics/min-bin-slack.ts): a known value worked out by hand from the rule,
 * against first fit decreasing on the same items, and the relation with the L1 bound.
 */
import { describe, expect, it } from 'vitest';
import { solvePacking, verifyPacking, type PackingProblem } from '../../src/packing/index.js';

/** Capacity 10, sizes 5 4 3 3 3 2 (sum 20, so L1 = 2 hosts). */
const small: PackingProblem = {
  dimensions: ['cpu'],
  items: [5, 4, 3, 3, 3, 2].map((s, i) => ({ id: `vm${i}`, demand: [s] })),
  hostTypes: [{ type: 'h', capacity: [10], cost: 1, count: null }],
};

describe('minimum bin slack', () => {
  it('fills each host as tightly as possible before opening the next: 2 hosts where first fit decreasing needs 3', async () => {
    // FFD: {5,4}, {3,3,3}, then 2 fits neither (9 + 2 > 10): 3 hosts.
    const ffd = await solvePacking(small, { timeLimitSeconds: 0, heuristics: ['ffd-sum'] });
    expect(ffd.hosts.length).toBe(3);
    // MBS: 5 opens host 1, the least-slack subset of {4,3,3,3,2} beside it is {3,2} (slack 0);
    // 4 opens host 2 with {3,3} (slack 0): 2 hosts, the L1 bound.
    const r = await solvePacking(small, { timeLimitSeconds: 0, heuristics: ['mbs'] });
    expect(verifyPacking(small, r).ok).toBe(true);
    expect(r.hosts.map((h) => h.items.slice().sort())).toEqual([
      ['vm0', 'vm2', 'vm5'],
      ['vm1', 'vm3', 'vm4'],
    ]);
    expect(r.hostsLowerBound).toBe(2);
    expect(r.optimal).toBe(true);
  });

  it('is in the default portfolio: the portfolio alone reaches the bound on the same items', async () => {
    const r = await solvePacking(small, { timeLimitSeconds: 0 });
    expect(r.hosts.length).toBe(2);
    expect(r.algorithm).toBe('mbs');
  });
});
