/**
 * A neutral LP/MILP model and the solver-backend contract (PuLP-style: `available()`, `solve()`).
 * Backends translate this model in, solve, and translate the result out; nothing else in the
 * code base knows a solver's API.
 */

export interface ModelVariable {
  name: string;
  /** Objective coefficient. */
  obj: number;
  /** Lower bound (default 0). */
  lb?: number;
  /** Upper bound (default +Infinity). */
  ub?: number;
  integer?: boolean;
}

export interface ModelConstraint {
  name: string;
  /** [variable index, coefficient] pairs. */
  terms: [number, number][];
  /** Lower bound (default -Infinity). */
  lb?: number;
  /** Upper bound (default +Infinity). */
  ub?: number;
}

export interface LinearModel {
  sense: 'min' | 'max';
  variables: ModelVariable[];
  constraints: ModelConstraint[];
}

export interface SolveOptions {
  /** Wall-clock safety limit inside the solver (seconds). */
  timeLimitSeconds?: number;
  /** Deterministic work limit: branch-and-bound nodes (HiGHS only; glpk.js has none). */
  maxNodes?: number;
  /** Relative MIP gap at which to stop (default 0). */
  mipGap?: number;
  /** Solve the LP relaxation only (ignore integrality) and return row duals. */
  relax?: boolean;
  /** Test-only fault injection, executed inside the worker. */
  fault?: 'timeout' | 'undef' | 'throw' | 'crash';
}

export type SolveStatus =
  | 'optimal'
  /** An integer solution exists but optimality was not proven (limit reached). */
  | 'feasible'
  | 'infeasible'
  | 'unbounded'
  /** A limit was reached with no solution (glpk.js status UNDEF). */
  | 'noSolution'
  | 'error';

export interface SolveResult {
  status: SolveStatus;
  objective: number | null;
  /** Variable values in model order (null without a solution). */
  values: number[] | null;
  /** Row duals in model order (LPs only). */
  duals: number[] | null;
  /** Proven bound on the objective (MIP dual bound), when the backend reports one. */
  bound: number | null;
  /** Backend status text, for messages. */
  raw: string;
  /** Solver seconds (wall clock, informational only). */
  seconds: number;
}

export interface SolverBackend {
  readonly name: string;
  available(): Promise<boolean>;
  solve(model: LinearModel, options?: SolveOptions): Promise<SolveResult>;
}

/** Thrown by a worker-backed solve that timed out, crashed or threw. */
export class SolverFault extends Error {
  override name = 'SolverFault';
  constructor(
    readonly kind: 'timeout' | 'crash' | 'error',
    message: string,
  ) {
    super(message);
  }
}

/** CPLEX LP text (used for HiGHS). Ranged rows become two rows; `rowMap[i]` = model row. */
export function toLpText(m: LinearModel, relax = false): { text: string; rowMap: number[] } {
  const v = (j: number) => `x${j}`;
  const term = (c: number, j: number) => `${c < 0 ? '-' : '+'} ${Math.abs(c)} ${v(j)}`;
  const lines: string[] = [m.sense === 'min' ? 'Minimize' : 'Maximize'];
  const obj = m.variables.map((x, j) => (x.obj !== 0 ? term(x.obj, j) : '')).filter(Boolean);
  lines.push(` obj: ${obj.length ? obj.join(' ') : `0 ${v(0)}`}`);
  lines.push('Subject To');
  const rowMap: number[] = [];
  m.constraints.forEach((c, i) => {
    const lhs = c.terms.length ? c.terms.map(([j, a]) => term(a, j)).join(' ') : `0 ${v(0)}`;
    const lb = c.lb ?? -Infinity;
    const ub = c.ub ?? Infinity;
    if (lb === ub) {
      lines.push(` r${rowMap.length}: ${lhs} = ${lb}`);
      rowMap.push(i);
      return;
    }
    if (lb > -Infinity) {
      lines.push(` r${rowMap.length}: ${lhs} >= ${lb}`);
      rowMap.push(i);
    }
    if (ub < Infinity) {
      lines.push(` r${rowMap.length}: ${lhs} <= ${ub}`);
      rowMap.push(i);
    }
  });
  lines.push('Bounds');
  m.variables.forEach((x, j) => {
    const lb = x.lb ?? 0;
    const ub = x.ub ?? Infinity;
    lines.push(` ${lb === -Infinity ? '-inf' : lb} <= ${v(j)} <= ${ub === Infinity ? 'inf' : ub}`);
  });
  const ints = relax ? [] : m.variables.map((x, j) => (x.integer ? v(j) : '')).filter(Boolean);
  if (ints.length) {
    lines.push('General');
    for (let i = 0; i < ints.length; i += 20) lines.push(' ' + ints.slice(i, i + 20).join(' '));
  }
  lines.push('End');
  return { text: lines.join('\n'), rowMap };
}
