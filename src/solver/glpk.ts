/**
 * glpk.js backend (GLPK 5 compiled to WebAssembly), in-thread. `glpk.solve` is synchronous, so
 * it must only be called inside the solver worker (worker.ts). It reports no MIP bound and takes
 * no starting solution; a time limit without an incumbent gives status UNDEF → 'noSolution'.
 */
import type { LinearModel, SolveOptions, SolveResult } from './model.js';

type Glpk = Awaited<ReturnType<typeof import('glpk.js/node').default>>;
let instance: Promise<Glpk> | null = null;

async function load(): Promise<Glpk> {
  if (!instance) instance = import('glpk.js/node').then((m) => m.default());
  return instance;
}

export async function glpkAvailable(): Promise<boolean> {
  try {
    await load();
    return true;
  } catch {
    return false;
  }
}

export async function glpkSolve(m: LinearModel, o: SolveOptions = {}): Promise<SolveResult> {
  const glpk = await load();
  const name = (j: number) => `x${j}`;
  const bnd = (lb: number, ub: number) => {
    if (lb === ub) return { type: glpk.GLP_FX, lb, ub };
    if (lb > -Infinity && ub < Infinity) return { type: glpk.GLP_DB, lb, ub };
    if (lb > -Infinity) return { type: glpk.GLP_LO, lb, ub: 0 };
    if (ub < Infinity) return { type: glpk.GLP_UP, lb: 0, ub };
    return { type: glpk.GLP_FR, lb: 0, ub: 0 };
  };
  const lp = {
    name: 'model',
    objective: {
      direction: m.sense === 'min' ? glpk.GLP_MIN : glpk.GLP_MAX,
      name: 'obj',
      vars: m.variables.map((x, j) => ({ name: name(j), coef: x.obj })),
    },
    subjectTo: m.constraints.map((c, i) => ({
      name: `r${i}`,
      vars: c.terms.map(([j, a]) => ({ name: name(j), coef: a })),
      bnds: bnd(c.lb ?? -Infinity, c.ub ?? Infinity),
    })),
    bounds: m.variables.map((x, j) => ({ name: name(j), ...bnd(x.lb ?? 0, x.ub ?? Infinity) })),
    generals: o.relax ? [] : m.variables.map((x, j) => (x.integer ? name(j) : '')).filter(Boolean),
  };
  const t0 = Date.now();
  const r = glpk.solve(lp, {
    msglev: glpk.GLP_MSG_OFF,
    tmlim: o.timeLimitSeconds,
    mipgap: o.mipGap ?? 0,
    presol: true,
  });
  const seconds = (Date.now() - t0) / 1000;
  const s = r.result.status;
  const isMip = !o.relax && lp.generals.length > 0;
  let status: SolveResult['status'];
  if (s === glpk.GLP_OPT) status = 'optimal';
  else if (s === glpk.GLP_FEAS) status = isMip ? 'feasible' : 'optimal';
  else if (s === glpk.GLP_NOFEAS || s === glpk.GLP_INFEAS) status = 'infeasible';
  else if (s === glpk.GLP_UNBND) status = 'unbounded';
  else status = 'noSolution';
  const has = status === 'optimal' || status === 'feasible';
  return {
    status,
    objective: has ? r.result.z : null,
    values: has ? m.variables.map((_, j) => r.result.vars[name(j)] ?? 0) : null,
    duals: has && !isMip && r.result.dual ? m.constraints.map((_, i) => r.result.dual![`r${i}`] ?? 0) : null,
    bound: status === 'optimal' ? r.result.z : null,
    raw: `glpk status ${s}`,
    seconds,
  };
}
