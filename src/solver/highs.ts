/**
 * HiGHS backend (npm `highs`, HiGHS compiled to WebAssembly), in-thread; call only inside the
 * solver worker (its `run()` is synchronous). Reports the MIP dual bound and takes a node limit
 * (`mip_max_nodes`), which keeps MIP solves deterministic.
 */
import type { LinearModel, SolveOptions, SolveResult } from './model.js';
import { toLpText } from './model.js';

import * as highsModule from 'highs';
import type { Highs } from 'highs';

// The package's ESM entry (build/highs.mjs) default-exports the loader; its types are written for
// CommonJS, so TypeScript (NodeNext) sees the namespace. Resolve the callable either way.
type Loader = () => Promise<Highs>;
const ns = highsModule as unknown as { default: Loader | { default: Loader } };
const loadHighs: Loader = typeof ns.default === 'function' ? ns.default : ns.default.default;

let instance: Promise<Highs> | null = null;

async function load(): Promise<Highs> {
  if (!instance) instance = loadHighs();
  return instance;
}

export async function highsAvailable(): Promise<boolean> {
  try {
    await load();
    return true;
  } catch {
    return false;
  }
}

const STATUS: Record<number, string> = {
  7: 'Optimal',
  8: 'Infeasible',
  9: 'Unbounded or infeasible',
  10: 'Unbounded',
  13: 'Time limit reached',
  14: 'Iteration limit reached',
};

export async function highsSolve(m: LinearModel, o: SolveOptions = {}): Promise<SolveResult> {
  const highs = await load();
  const { text, rowMap } = toLpText(m, o.relax);
  const model = highs.createModel({ format: 'lp', data: text });
  try {
    const opts: Record<string, number | boolean | string> = { output_flag: false, mip_rel_gap: o.mipGap ?? 0 };
    if (o.timeLimitSeconds !== undefined) opts.time_limit = o.timeLimitSeconds;
    if (o.maxNodes !== undefined) opts.mip_max_nodes = Math.max(1, Math.floor(o.maxNodes));
    model.options.set(opts);
    const t0 = Date.now();
    model.run();
    const seconds = (Date.now() - t0) / 1000;
    const code = model.getModelStatus() as number;
    const isMip = !o.relax && m.variables.some((x) => x.integer);
    let values: number[] | null = null;
    let duals: number[] | null = null;
    let objective: number | null = null;
    let primalOk = false;
    try {
      primalOk = Number(model.info.get('primal_solution_status')) === 2;
    } catch {
      primalOk = code === 7;
    }
    if (primalOk) {
      const sol = model.getSolution();
      values = Array.from(sol.colValue);
      objective = model.getObjectiveValue();
      if (!isMip) {
        duals = new Array<number>(m.constraints.length).fill(0);
        rowMap.forEach((i, r) => (duals![i] += sol.rowDual[r]));
      }
    }
    let bound: number | null = null;
    if (isMip) {
      try {
        const b = Number(model.info.get('mip_dual_bound'));
        if (Number.isFinite(b)) bound = b;
      } catch {
        bound = null;
      }
    } else if (code === 7) bound = objective;
    let status: SolveResult['status'];
    if (code === 7) status = 'optimal';
    else if (code === 8) status = 'infeasible';
    else if (code === 10) status = 'unbounded';
    else if (primalOk) status = 'feasible';
    else status = 'noSolution';
    return { status, objective, values, duals, bound, raw: STATUS[code] ?? `HiGHS model status ${code}`, seconds };
  } finally {
    (model as unknown as { dispose(): void }).dispose();
  }
}
