/**
 * Solver worker (worker_threads). Receives { id, backend, model, options } and answers
 * { id, result } or { id, error }. Runs the synchronous wasm solvers off the main thread, so
 * progress never freezes and a hung solve can be terminated from outside.
 */
import { parentPort } from 'node:worker_threads';
import type { LinearModel, SolveOptions, SolveResult } from './model.js';
import { glpkSolve } from './glpk.js';
import { highsSolve } from './highs.js';

interface Request {
  id: number;
  backend: 'glpk' | 'highs';
  model: LinearModel;
  options: SolveOptions;
}

const hog: unknown[] = [];

parentPort?.on('message', async (req: Request) => {
  try {
    const f = req.options.fault;
    if (f === 'timeout') {
      // a solve that never returns: busy loop (the main thread must terminate us)
      for (;;) {
        /* spin */
      }
    }
    if (f === 'throw') throw new Error('injected solver fault');
    if (f === 'crash') {
      // run out of heap (the worker is started with a small heap limit for this fault)
      for (;;) hog.push(new Array(1_000_000).fill(Math.random()));
    }
    let result: SolveResult =
      req.backend === 'glpk' ? await glpkSolve(req.model, req.options) : await highsSolve(req.model, req.options);
    if (f === 'undef') result = { ...result, status: 'noSolution', objective: null, values: null, raw: 'injected UNDEF' };
    parentPort!.postMessage({ id: req.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) });
  }
});
