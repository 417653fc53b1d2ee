/**
 * Exact phase: proofs on instances we built, whose optimum we prove by hand below, and fallback
 * with a warning on every solver fault. (The same on public instances: exact.data.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { solvePacking, verifyPacking, type PackingProblem } from '../../src/packing/index.js';
import { engineWarningIssues } from '../../src/model/engine-messages.js';

const id = (p: string, i: number) => `${p}${String(i).padStart(2, '0')}`;

/**
 * A 2-D instance (capacity 100 x 100) with a gap between the cheap bounds and the optimum:
 * - 8 "x" items (60..66, 1..13): x+x, x+y and x+z all exceed 100 in dimension 0;
 * - 8 "y" items (45..49, 55..63): y+y and y+z exceed 100 in dimension 1;
 * - 12 "z" items (41..50, 46..50): two z fit one host, three exceed dimension 1;
 * - 30 small "d" items (2..9, 5..20) that fit the hosts' leftover room.
 * Proof of the optimum 22: every host holds at most one x or one y or two z (the pair rules
 * above), so at least 8 + 8 + 12/2 = 22 hosts; the engine's packing with 22 hosts is checked by
 * verifyPacking. The same counting argument bounds the column-generation LP (every pattern covers
 * at most one such unit), so only that bound can prove 22. L1/L2 see each dimension alone and
 * stay below (dimension 0 pairs y with z).
 */
function xyz(): PackingProblem {
  const items: { id: string; demand: number[] }[] = [];
  for (let i = 0; i < 8; i++) items.push({ id: id('x', i), demand: [60 + (i % 7), 1 + ((i * 5) % 13)] });
  for (let i = 0; i < 8; i++) items.push({ id: id('y', i), demand: [45 + (i % 5), 55 + ((i * 4) % 9)] });
  for (let i = 0; i < 12; i++) items.push({ id: id('z', i), demand: [41 + ((i * 7) % 10), 46 + ((i * 3) % 5)] });
  for (let i = 0; i < 30; i++) items.push({ id: id('d', i), demand: [2 + ((i * 3) % 8), 5 + ((i * 7) % 16)] });
  return { dimensions: ['cpu', 'mem'], items, hostTypes: [{ type: 'h', capacity: [100, 100], cost: 1, count: null }] };
}

/** The counting bound of the proof, computed from the items themselves (checks the pair rules). */
function countingBound(p: PackingProblem): number {
  const cap = p.hostTypes[0].capacity as number[];
  const dem = (x: { demand: unknown }) => x.demand as number[];
  const fits = (a: number[], b: number[]) => a.every((v, k) => v + b[k] <= cap[k]);
  const big = p.items.filter((x) => /^[xy]/.test(x.id)).map(dem);
  const z = p.items.filter((x) => x.id.startsWith('z')).map(dem);
  for (const a of big) {
    for (const b of [...big, ...z]) if (a !== b) expect(fits(a, b)).toBe(false);
  }
  for (const a of z) for (const b of z) for (const c of z) if (a !== b && b !== c && a !== c) expect(fits(a, b.map((v, k) => v + c[k]))).toBe(false);
  return big.length + Math.ceil(z.length / 2);
}

/**
 * A 1-D instance (capacity 100): 24 "t" items of 34..37 (three exceed 100, so at most two per
 * host: at least 12 hosts) and 20 small items of 2..10 that fit the pairs' leftover room. L1 =
 * ceil(949 / 100) = 10; the optimum 12 needs the arc-flow (Gilmore-Gomory) bound.
 */
function pairs1d(): PackingProblem {
  const items: { id: string; demand: number[] }[] = [];
  for (let i = 0; i < 24; i++) items.push({ id: id('t', i), demand: [34 + ((i * 5) % 4)] });
  for (let i = 0; i < 20; i++) items.push({ id: id('d', i), demand: [2 + ((i * 3) % 9)] });
  return { dimensions: ['size'], items, hostTypes: [{ type: 'bin', capacity: [100], cost: 1, count: null }] };
}

describe('exact phase', () => {
  const p = xyz();
  it('column generation proves the 2-D instance optimal (22, by the counting argument) where L1/L2 give 18', async () => {
    expect(countingBound(p)).toBe(22);
    const r0 = await solvePacking(p, { timeLimitSeconds: 0 });
    expect(r0.hostsLowerBound).toBe(18);
    expect(r0.optimal).toBe(false);
    const r = await solvePacking(p, { timeLimitSeconds: 10 });
    expect(verifyPacking(p, r).ok).toBe(true);
    expect(r.hosts).toHaveLength(22);
    expect(r.optimal).toBe(true);
    expect(r.hostsLowerBound).toBe(22);
    expect(r.boundSource).toBe('column-generation');
  });

  for (const fault of ['timeout', 'undef', 'throw', 'crash'] as const) {
    it(`falls back to the heuristic result with a warning on solver fault: ${fault}`, async () => {
      const r = await solvePacking(p, { timeLimitSeconds: 2, exact: { injectFault: fault } });
      expect(verifyPacking(p, r).ok).toBe(true);
      expect(r.optimal).toBe(false);
      expect(r.hosts).toHaveLength(22);
      const w = engineWarningIssues(r.warnings).map((i) => i.message).find((x) => x.startsWith('exact phase'));
      // (22 - 18) / 18 = 22.22%
      expect(w).toMatch(/kept the best heuristic result, gap 22\.22% to the L2 bound/);
      expect(w).toMatch(fault === 'timeout' ? /timeout/ : fault === 'crash' ? /crash/ : /error/);
    });
  }

  it('arc-flow (glpk) proves the 1-D pairs instance optimal (12, at most two large items per host)', async () => {
    const q = pairs1d();
    const sizes = q.items.map((x) => (x.demand as number[])[0]);
    expect(Math.min(...sizes.filter((_, i) => q.items[i].id.startsWith('t'))) * 3).toBeGreaterThan(100);
    const r0 = await solvePacking(q, { timeLimitSeconds: 0 });
    expect(r0.hostsLowerBound).toBe(Math.ceil(sizes.reduce((s, x) => s + x, 0) / 100)); // L1 = 10
    expect(r0.hostsLowerBound).toBe(10);
    const r = await solvePacking(q, { timeLimitSeconds: 20, exact: { backend: 'glpk' } });
    expect(verifyPacking(q, r).ok).toBe(true);
    expect(r.hosts).toHaveLength(12);
    expect(r.optimal).toBe(true);
    expect(r.boundSource).toBe('arc-flow');
  });
});
