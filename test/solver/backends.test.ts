/**
 * Both backends behind the same interface, run in worker threads, and every injected fault.
 * Known value: max 3a + 2b s.t. 2a + 3b <= 12.5, a <= 4.5, integer → 14 at (4, 1); LP 15.8333.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BACKENDS, SolverFault, WorkerSolver, CRASH_TEST_HEAP_MB, type LinearModel } from '../../src/solver/index.js';

const model: LinearModel = {
  sense: 'max',
  variables: [
    { name: 'a', obj: 3, integer: true },
    { name: 'b', obj: 2, integer: true },
  ],
  constraints: [
    { name: 'c', terms: [[0, 2], [1, 3]], ub: 12.5 },
    { name: 'd', terms: [[0, 1]], ub: 4.5 },
  ],
};

const solvers: WorkerSolver[] = [];
afterAll(async () => {
  for (const s of solvers) await s.terminate();
});

describe.each(BACKENDS)('backend %s', (name) => {
  const s = new WorkerSolver(name);
  solvers.push(s);
  it('is available', async () => {
    expect(await s.available()).toBe(true);
  });
  it('solves a small MILP to the known optimum', async () => {
    const r = await s.solve(model, { timeLimitSeconds: 10 });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(14, 9);
    expect(r.values!.map((x) => Math.round(x))).toEqual([4, 1]);
  });
  it('solves the LP relaxation with row duals', async () => {
    const r = await s.solve(model, { timeLimitSeconds: 10, relax: true });
    expect(r.objective).toBeCloseTo(15 + 5 / 6, 9);
    expect(r.duals!.map((x) => Math.abs(x))).toEqual([expect.closeTo(2 / 3, 9), expect.closeTo(5 / 3, 9)]);
  });
  it('reports an injected UNDEF (no incumbent) as noSolution', async () => {
    const r = await s.solve(model, { timeLimitSeconds: 10, fault: 'undef' });
    expect(r.status).toBe('noSolution');
    expect(r.values).toBeNull();
  });
  it('turns a throwing solver into a SolverFault', async () => {
    await expect(s.solve(model, { fault: 'throw' })).rejects.toMatchObject({ name: 'SolverFault', kind: 'error' });
  });
  it('terminates a hung solve after its time limit', async () => {
    const h = new WorkerSolver(name);
    await expect(h.solve(model, { timeLimitSeconds: 0.2, fault: 'timeout' })).rejects.toMatchObject({ kind: 'timeout' });
    // the solver is usable again afterwards (a fresh worker is started)
    const r = await h.solve(model, { timeLimitSeconds: 10 });
    expect(r.objective).toBeCloseTo(14, 9);
    await h.terminate();
  });
  it('reports a worker that dies of OOM as a crash', async () => {
    const c = new WorkerSolver(name, CRASH_TEST_HEAP_MB);
    const e = await c.solve(model, { fault: 'crash' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SolverFault);
    expect((e as SolverFault).kind).toBe('crash');
  });
});
