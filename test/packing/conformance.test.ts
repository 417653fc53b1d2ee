import { describe, expect, it } from 'vitest';
import { HEURISTICS, solvePacking, verifyPacking } from '../../src/packing/index.js';
import { randomProblem, type RandomSpec } from '../helpers/random.js';

const specs: [string, RandomSpec][] = [
  ['1-D', { n: 60, d: 1 }],
  ['2-D', { n: 60, d: 2 }],
  ['4-D', { n: 80, d: 4 }],
  ['multi host type with counts', { n: 60, d: 3, types: 3, counts: true }],
  ['constraints', { n: 70, d: 2, constraints: true, maxItemsPerHost: 4 }],
  ['sites + types + constraints', { n: 70, d: 2, types: 2, sites: 3, constraints: true }],
];

describe('conformance: every registered heuristic passes verifyPacking', () => {
  for (const h of HEURISTICS) {
    for (const [label, spec] of specs) {
      it(`${h.name} on ${label}`, async () => {
        for (const seed of [1, 2, 3]) {
          const p = randomProblem(seed * 97 + spec.n, spec);
          const r = await solvePacking(p, { timeLimitSeconds: 0, heuristics: [h.name] });
          const v = verifyPacking(p, r);
          expect(v.violations).toEqual([]);
          expect(r.hosts.reduce((s, x) => s + x.items.length, 0) + r.unplaced.length).toBe(p.items.length);
        }
      });
    }
  }
});
