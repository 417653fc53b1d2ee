/**
 * Exact phase on public instances (data suite): proofs on known instances, and fallback with a
 * warning on every solver fault. test/packing/exact.test.ts does the same on instances we built.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadCapraraToth, loadFalkenauer, toProblem } from '../../benchmarks/lib/parsers.mjs';
import { solvePacking, verifyPacking } from '../../src/packing/index.js';
import { engineWarningIssues } from '../../src/model/engine-messages.js';

const repo = join(fileURLToPath(import.meta.url), '..', '..', '..'); // the loaders read CONSOLIDATE_DATA_DIR
const ct = loadCapraraToth(repo);
const falk = loadFalkenauer(repo);

describe('exact phase', () => {
  // Caprara–Toth CL_6_50_6: optimum 22 (Brandão 2012, Table A.11); L1 = L2 = 21, so only the
  // column-generation bound can prove the heuristic's 22 optimal.
  const inst = ct.find((x) => x.name === 'CL_6_50_6')!;
  it('column generation proves CL_6_50_6 optimal (22) where L1/L2 give 21', async () => {
    expect(inst.optimum).toBe(22);
    const p = toProblem(inst);
    const r0 = await solvePacking(p, { timeLimitSeconds: 0 });
    expect(r0.hostsLowerBound).toBe(21);
    const r = await solvePacking(p, { timeLimitSeconds: 10 });
    expect(verifyPacking(p, r).ok).toBe(true);
    expect(r.hosts).toHaveLength(22);
    expect(r.optimal).toBe(true);
    expect(r.hostsLowerBound).toBe(22);
    expect(r.boundSource).toBe('column-generation');
  });

  for (const fault of ['timeout', 'undef', 'throw', 'crash'] as const) {
    it(`falls back to the heuristic result with a warning on solver fault: ${fault}`, async () => {
      const p = toProblem(inst);
      const r = await solvePacking(p, { timeLimitSeconds: 2, exact: { injectFault: fault } });
      expect(verifyPacking(p, r).ok).toBe(true);
      expect(r.optimal).toBe(false);
      expect(r.hosts).toHaveLength(22);
      const w = engineWarningIssues(r.warnings).map((i) => i.message).find((x) => x.startsWith('exact phase'));
      expect(w).toMatch(/kept the best heuristic result, gap 4\.76% to the L1 bound/);
      expect(w).toMatch(fault === 'timeout' ? /timeout/ : fault === 'crash' ? /crash/ : /error/);
    });
  }

  it('arc-flow (glpk) proves a Falkenauer u120 instance optimal', async () => {
    const f = falk.find((x) => x.name === 'Falkenauer_u120_07')!;
    const p = toProblem(f);
    const r = await solvePacking(p, { timeLimitSeconds: 20, exact: { backend: 'glpk' } });
    expect(verifyPacking(p, r).ok).toBe(true);
    expect(r.hosts).toHaveLength(f.optimum!);
    expect(r.optimal).toBe(true);
  });
});
