/**
 * The exact phase's solver workers. Workers are kept between solves (unref'd, so they never keep
 * the process alive): a fresh worker costs 0.1–0.3 s of wasm start-up. A faulted worker is
 * replaced on the next solve. A solve is awaited cooperatively: an abort terminates the worker
 * at once and rejects with AbortedError.
 */
import { SolverFault, WorkerSolver, CRASH_TEST_HEAP_MB, type LinearModel, type SolveOptions, type SolveResult } from '../../solver/index.js';
import type { EngineContext } from '../context.js';

export type Backend = 'glpk' | 'highs';

const shared = new Map<Backend, WorkerSolver>();

export function solverFor(ctx: EngineContext, backend: Backend): WorkerSolver {
  const fault = ctx.exactOptions?.injectFault;
  if (fault) return new WorkerSolver(backend, fault === 'crash' ? CRASH_TEST_HEAP_MB : undefined);
  let s = shared.get(backend);
  if (!s) shared.set(backend, (s = new WorkerSolver(backend)));
  return s;
}

/** Ends a solver started for fault injection (shared workers stay). */
export async function release(ctx: EngineContext, s: WorkerSolver): Promise<void> {
  if (ctx.exactOptions?.injectFault) await s.terminate();
}

/** Solves on the worker; rejects with AbortedError (and terminates the worker) on abort. */
export function solve(ctx: EngineContext, s: WorkerSolver, model: LinearModel, extra: SolveOptions): Promise<SolveResult> {
  const f = ctx.exactOptions?.injectFault;
  const options = f ? { ...extra, fault: f } : extra;
  return ctx.coop.race(s.solve(model, options), () => void s.terminate());
}

export function checkSolved(r: SolveResult, what: string): void {
  if (r.status === 'noSolution') throw new SolverFault('error', `${what}: no solution (status ${r.raw})`);
  if (r.status === 'infeasible' || r.status === 'unbounded' || r.status === 'error')
    throw new SolverFault('error', `${what}: ${r.status} (${r.raw})`);
}
