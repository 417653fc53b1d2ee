/**
 * Exact phase. Two strong formulations (the plain assignment MILP proves almost nothing; the
 * formulation, not the backend, is the decision that matters):
 * - arc-flow (arc-flow.ts) for one dimension, one host type, integer sizes;
 * - column generation + restricted-master IP (column-generation.ts) for vectors and several host
 *   types.
 * Any solver fault (timeout, no incumbent/UNDEF, thrown error, worker crash or OOM) keeps the
 * best heuristic result and adds a `solver.fallback` note with the gap. An abort rejects.
 */
import { solutionCost, type Instance, type Solution } from '../internal.js';
import type { BoundSet } from '../bounds.js';
import type { EngineContext, PhaseResult } from '../context.js';
import { EXACT_WORK_PER_SECOND } from '../budget.js';
import type { ExactMethod } from '../messages.js';
import { SolverFault } from '../../solver/index.js';
import { AbortedError } from '../../errors.js';
import { arcflow, arcflowApplicable, arcGraph, ARCFLOW_SECONDS_PER_ARC } from './arc-flow.js';
import { cgApplicable, columnGeneration } from './column-generation.js';
import type { Backend } from './solvers.js';

export { arcGraph, arcflowApplicable } from './arc-flow.js';
export { cgApplicable } from './column-generation.js';

/** In-solver wall-clock safety limit per second of exact budget (factor) and minimum (s). */
export const SOLVER_SAFETY_FACTOR = 3;
export const SOLVER_MIN_SECONDS = 2;

function gap(inst: Instance, sol: Solution, b: BoundSet): number {
  const c = solutionCost(inst, sol);
  return b.cost > 0 ? (c - b.cost) / b.cost : 0;
}

/** The exact phase as installed into the engine. Never throws on solver faults. */
export async function exactPhase(inst: Instance, incumbent: Solution, bounds: BoundSet, ctx: EngineContext): Promise<PhaseResult> {
  const o = ctx.exactOptions ?? {};
  if (o.disabled) return { sol: incumbent, bounds, optimal: false };
  const budgetSeconds = ctx.exactWork / EXACT_WORK_PER_SECOND;
  const seconds = Math.max(SOLVER_MIN_SECONDS, budgetSeconds * SOLVER_SAFETY_FACTOR);
  const pick = (auto: Backend) => (o.backend && o.backend !== 'auto' ? o.backend : auto);
  let method: ExactMethod | 'none' = 'none';
  let backend: Backend = 'highs';
  try {
    if (incumbent.unplaced.length > 0) return { sol: incumbent, bounds, optimal: false };
    if (arcflowApplicable(inst) && arcGraph(inst).arcs.length * ARCFLOW_SECONDS_PER_ARC <= budgetSeconds) {
      method = 'arc-flow';
      backend = pick('glpk');
      return await arcflow(inst, incumbent, bounds, ctx, backend, seconds);
    }
    if (cgApplicable(inst)) {
      method = 'column-generation';
      // master LPs on glpk.js (measured ~5 ms per iteration against ~30 ms on HiGHS-js, CL_6_50_6),
      // restricted-master IP on HiGHS (node limit → deterministic; glpk.js has none)
      backend = pick('glpk');
      const ipBackend = pick('highs');
      return await columnGeneration(inst, incumbent, bounds, ctx, backend, ipBackend, seconds);
    }
    return { sol: incumbent, bounds, optimal: false };
  } catch (e) {
    if (e instanceof AbortedError) throw e;
    const fault = e instanceof SolverFault ? e.kind : 'error';
    const detail = e instanceof Error ? e.message : String(e);
    ctx.warnings.push({ code: 'solver.fallback', args: { method, backend, fault, detail, gapFraction: gap(inst, incumbent, bounds), bound: bounds.source } });
    return { sol: incumbent, bounds, optimal: false };
  }
}
