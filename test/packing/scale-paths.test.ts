import { describe, expect, it } from 'vitest';
import { solvePacking, verifyPacking } from '../../src/packing/index.js';
import { toPackResult } from '../../src/pack.js';
import { round } from '../../src/util/round.js';
import { randomProblem, rng } from '../helpers/random.js';
import { sortedDescending, martelloTothL2, ceilEps } from '../../src/packing/bounds.js';

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
