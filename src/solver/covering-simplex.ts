/**
 * A small in-process revised simplex for covering LPs, built for column generation:
 *
 *     min Σ_j c_j x_j   s.t.   Σ_j a_ij x_j ≥ b_i  (i < m),   x ≥ 0,
 *
 * with c > 0, b ≥ 0 and, for every row i, a *unit column* (a_i = e_i, cost u_i) given at
 * construction, so the LP is always feasible and the unit columns form the first basis (B = I).
 * Further columns are added at any time (column generation) and the next `solve` starts from the
 * current basis (warm start: the basis stays primal feasible when columns are added).
 *
 * Method (Dantzig 1963; Chvátal 1983, ch. 7–8): the explicit dense basis inverse B⁻¹ (m × m) is
 * updated by one elementary row operation per pivot, touching only the rows where the entering
 * column B⁻¹a_q is non-zero (with columns of two to four items that is few rows); the duals
 * π = c_B B⁻¹ are updated with the same pivot. Pricing is Dantzig's rule (most negative reduced
 * cost) over the added columns and the surplus columns; the ratio test is Harris' two-pass test.
 * Set-cover LPs are massively degenerate, so the right-hand side is perturbed by a tiny
 * deterministic amount while pivoting (Charnes' perturbation, 1952); at the end it is removed and
 * any small primal infeasibility this leaves is repaired by dual simplex pivots, so the basis
 * returned is optimal for the stated LP.
 *
 * Work is counted (one unit ≈ one multiply-add of the basis update or one pricing entry) and the
 * solver yields every CHECKPOINT_WORK units, so it runs inside the engine's cooperative driver.
 * Deterministic: no clock, no randomness, ties broken by index.
 */
import type { Steps } from '../util/cooperate.js';

/** Counted work between two yields (same unit size as the packing engine's checkpoints). */
export const SIMPLEX_CHECKPOINT_WORK = 4096;
/** Pivot tolerance: entries of B⁻¹a below this are not pivots. */
export const SIMPLEX_PIVOT_TOL = 1e-9;
/** Optimality tolerance on reduced costs. */
export const SIMPLEX_OPT_TOL = 1e-9;
/** Primal feasibility tolerance (Harris' ratio test and the final repair). */
export const SIMPLEX_FEAS_TOL = 1e-9;
/** Size of the right-hand-side perturbation against degeneracy (relative to max(1, b_i)). */
export const SIMPLEX_PERTURBATION = 1e-7;
/** The duals and primal values are recomputed from B⁻¹ after this many pivots (drift control). */
export const SIMPLEX_REFRESH_PIVOTS = 100;

export type SimplexStatus = 'optimal' | 'work-limit' | 'stopped' | 'numerical';

interface Column {
  idx: Int32Array;
  val: Float64Array;
  cost: number;
}

/** Variable ids: 0..m-1 unit columns, m..2m-1 surplus columns, 2m.. added columns. */
export class CoveringSimplex {
  readonly m: number;
  private readonly b: Float64Array;
  private readonly bp: Float64Array; // perturbed right-hand side
  private readonly cols: Column[] = [];
  /** Basis inverse, row-major m × m. */
  private readonly Binv: Float64Array;
  /** Basic variable of each row. */
  private readonly head: Int32Array;
  /** Position in the basis of each variable, or -1. */
  private pos: Int32Array;
  /** Primal values of the basic variables (against the current right-hand side). */
  private readonly xB: Float64Array;
  /** Duals π = c_B B⁻¹. */
  private readonly pi: Float64Array;
  private readonly dcol: Float64Array;
  private readonly nz: Int32Array;
  private pivotsSinceRefresh = 0;
  /** Counted work so far (all solves). */
  work = 0;
  /** Pivots so far (all solves). */
  pivots = 0;

  constructor(m: number, b: ArrayLike<number>, unitCost: ArrayLike<number>) {
    this.m = m;
    this.b = Float64Array.from(b);
    this.bp = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      if (!(this.b[i] >= 0)) throw new RangeError(`covering LP: right-hand side ${i} must be >= 0`);
      if (!(unitCost[i] > 0)) throw new RangeError(`covering LP: unit column cost ${i} must be > 0`);
      // deterministic perturbation in (1, 2) × SIMPLEX_PERTURBATION × max(1, b_i)
      const h = (Math.imul(i + 1, 0x9e3779b1) >>> 0) / 4294967296;
      this.bp[i] = this.b[i] + SIMPLEX_PERTURBATION * (1 + h) * Math.max(1, this.b[i]);
      this.cols.push({ idx: Int32Array.of(i), val: Float64Array.of(1), cost: unitCost[i] });
    }
    for (let i = 0; i < m; i++) this.cols.push({ idx: Int32Array.of(i), val: Float64Array.of(-1), cost: 0 });
    this.Binv = new Float64Array(m * m);
    this.head = new Int32Array(m);
    this.pos = new Int32Array(2 * m).fill(-1);
    for (let i = 0; i < m; i++) {
      this.Binv[i * m + i] = 1;
      this.head[i] = i;
      this.pos[i] = i;
    }
    this.xB = Float64Array.from(this.bp);
    this.pi = new Float64Array(m);
    for (let i = 0; i < m; i++) this.pi[i] = unitCost[i];
    this.dcol = new Float64Array(m);
    this.nz = new Int32Array(m);
  }

  /** Number of variables (unit, surplus and added columns). */
  get size(): number {
    return this.cols.length;
  }

  /** Adds a column (row indices, coefficients ≥ 0, cost > 0); returns its variable id. */
  addColumn(idx: ArrayLike<number>, val: ArrayLike<number> | null, cost: number): number {
    if (!(cost > 0)) throw new RangeError('covering LP: column cost must be > 0');
    const ix = Int32Array.from(idx);
    const vx = val ? Float64Array.from(val) : new Float64Array(ix.length).fill(1);
    for (let t = 0; t < ix.length; t++) {
      if (ix[t] < 0 || ix[t] >= this.m) throw new RangeError(`covering LP: row ${ix[t]} out of range`);
      if (!(vx[t] >= 0)) throw new RangeError('covering LP: coefficients must be >= 0');
    }
    this.cols.push({ idx: ix, val: vx, cost });
    if (this.pos.length < this.cols.length) {
      const p = new Int32Array(Math.max(this.cols.length, this.pos.length * 2)).fill(-1);
      p.set(this.pos);
      this.pos = p;
    }
    return this.cols.length - 1;
  }

  /**
   * Starts from a basis holding the given added columns instead of the unit columns (a "crash"
   * from a known integral solution, e.g. a packing's hosts): the columns must have coefficients 1
   * and pairwise disjoint rows, and the basis may only be set before the first solve. Each column
   * takes the position of its row with the largest (perturbed) right-hand side; its other rows
   * get their surplus columns, uncovered rows keep their unit columns. Then B⁻¹ is explicit: the
   * row of column j's position is e_rep, the row of a surplus s_i is e_rep − e_i.
   */
  crash(columns: number[]): void {
    if (this.pivots > 0) throw new Error('covering LP: crash only before the first pivot');
    const m = this.m;
    const owner = new Int32Array(m).fill(-1);
    for (const j of columns) {
      const c = this.cols[j];
      if (j < this.firstAdded || c.val.some((v) => v !== 1) || c.idx.some((i) => owner[i] >= 0)) throw new RangeError('covering LP: crash columns must be added 0/1 columns with disjoint rows');
      for (const i of c.idx) owner[i] = j;
    }
    for (const j of columns) {
      const idx = this.cols[j].idx;
      let rep = idx[0];
      for (const i of idx) if (this.bp[i] > this.bp[rep]) rep = i;
      for (const i of idx) {
        // rows of column j: position i holds j (i = rep) or the surplus s_i
        const old = this.head[i];
        this.pos[old] = -1;
        const v = i === rep ? j : m + i;
        this.head[i] = v;
        this.pos[v] = i;
        const row = i * m;
        this.Binv.fill(0, row, row + m);
        this.Binv[row + rep] = 1;
        if (i !== rep) this.Binv[row + i] = -1;
      }
    }
    this.refresh(this.bp);
  }

  /** Id of the first added column (ids below are unit and surplus columns). */
  get firstAdded(): number {
    return 2 * this.m;
  }

  /** Reduced cost of variable j at the current duals. */
  reducedCost(j: number): number {
    const c = this.cols[j];
    let s = c.cost;
    for (let t = 0; t < c.idx.length; t++) s -= this.pi[c.idx[t]] * c.val[t];
    return s;
  }

  /** Current duals (one per row). */
  duals(): Float64Array {
    return this.pi.slice();
  }

  /** Value of variable j in the current basic solution. */
  value(j: number): number {
    const p = this.pos[j];
    return p >= 0 ? Math.max(0, this.xB[p]) : 0;
  }

  /** Basic variables with a positive value: [id, value] pairs, by id. */
  support(): [number, number][] {
    const out: [number, number][] = [];
    for (let r = 0; r < this.m; r++) if (this.xB[r] > SIMPLEX_FEAS_TOL) out.push([this.head[r], this.xB[r]]);
    return out.sort((a, b) => a[0] - b[0]);
  }

  /** Objective value of the current basic solution. */
  objective(): number {
    let z = 0;
    for (let r = 0; r < this.m; r++) z += this.cols[this.head[r]].cost * Math.max(0, this.xB[r]);
    return z;
  }

  /** Row indices of variable j (unit and surplus columns: their row). */
  rows(j: number): Int32Array {
    return this.cols[j].idx;
  }

  private ftran(j: number): void {
    const m = this.m;
    const d = this.dcol;
    d.fill(0);
    const c = this.cols[j];
    for (let t = 0; t < c.idx.length; t++) {
      const i = c.idx[t];
      const v = c.val[t];
      for (let r = 0; r < m; r++) d[r] += this.Binv[r * m + i] * v;
    }
    this.work += m * c.idx.length;
  }

  /** Pivot variable q into row r (dcol = B⁻¹a_q already computed). */
  private pivot(q: number, r: number, theta: number): void {
    const m = this.m;
    const d = this.dcol;
    const Binv = this.Binv;
    const dr = d[r];
    const rc = this.reducedCost(q);
    // duals: π += (c̄_q / d_r) ρ_r, with ρ_r the old row r of B⁻¹
    const f = rc / dr;
    const rowR = r * m;
    for (let i = 0; i < m; i++) this.pi[i] += f * Binv[rowR + i];
    // primal
    for (let s = 0; s < m; s++) if (d[s] !== 0) this.xB[s] -= theta * d[s];
    this.xB[r] = theta;
    // basis inverse: row r /= d_r; row s -= d_s × row r, over the non-zeros of row r only (rows
    // of a covering basis inverse are mostly sparse)
    const inv = 1 / dr;
    const nz = this.nz;
    let nnz = 0;
    for (let i = 0; i < m; i++) {
      const v = Binv[rowR + i];
      if (v !== 0) {
        Binv[rowR + i] = v * inv;
        nz[nnz++] = i;
      }
    }
    let touched = 0;
    for (let s = 0; s < m; s++) {
      const ds = d[s];
      if (s === r || ds === 0) continue;
      const rowS = s * m;
      for (let t = 0; t < nnz; t++) {
        const i = nz[t];
        Binv[rowS + i] -= ds * Binv[rowR + i];
      }
      touched++;
    }
    this.work += 2 * m + nnz * touched;
    const leaving = this.head[r];
    this.pos[leaving] = -1;
    this.head[r] = q;
    this.pos[q] = r;
    this.pivots++;
    if (++this.pivotsSinceRefresh >= SIMPLEX_REFRESH_PIVOTS) this.refresh(this.bp);
  }

  /** Recomputes x_B = B⁻¹ rhs and π = c_B B⁻¹ from the basis inverse. */
  private refresh(rhs: Float64Array): void {
    const m = this.m;
    const Binv = this.Binv;
    this.pi.fill(0);
    for (let r = 0; r < m; r++) {
      let s = 0;
      const row = r * m;
      for (let i = 0; i < m; i++) s += Binv[row + i] * rhs[i];
      this.xB[r] = s;
      const c = this.cols[this.head[r]].cost;
      if (c !== 0) for (let i = 0; i < m; i++) this.pi[i] += c * Binv[row + i];
    }
    this.work += 2 * m * m;
    this.pivotsSinceRefresh = 0;
  }

  /**
   * Primal simplex from the current basis until optimal, or until `maxWork` more units are spent
   * (status 'work-limit'), or `stop()` returns true at a checkpoint ('stopped'). The basis stays
   * primal feasible throughout, so the solution is usable (feasible, not optimal) on every status.
   */
  *solve(maxWork: number = Infinity, stop: () => boolean = () => false): Steps<SimplexStatus> {
    const m = this.m;
    const limit = this.work + maxWork;
    let nextYield = this.work + SIMPLEX_CHECKPOINT_WORK;
    // the perturbed right-hand side while pivoting
    this.refresh(this.bp);
    for (;;) {
      if (this.work >= nextYield) {
        nextYield = this.work + SIMPLEX_CHECKPOINT_WORK;
        yield;
        if (stop()) return 'stopped';
      }
      if (this.work >= limit) return 'work-limit';
      // pricing: most negative reduced cost, ties by lowest id
      let q = -1;
      let best = -SIMPLEX_OPT_TOL;
      const N = this.cols.length;
      for (let j = m; j < N; j++) {
        if (this.pos[j] >= 0) continue;
        const rc = this.reducedCost(j);
        if (rc < best) {
          best = rc;
          q = j;
        }
      }
      for (let j = 0; j < m; j++) {
        if (this.pos[j] >= 0) continue;
        const rc = this.reducedCost(j);
        if (rc < best) {
          best = rc;
          q = j;
        }
      }
      this.work += N;
      if (q < 0) {
        // optimal for the perturbed right-hand side: remove the perturbation, repair
        const st = yield* this.repair(limit);
        if (st !== 'optimal') return st;
        // repair pivots can leave a negative reduced cost only through round-off: check again
        let again = false;
        for (let j = 0; j < N; j++) if (this.pos[j] < 0 && this.reducedCost(j) < -SIMPLEX_OPT_TOL) again = true;
        this.work += N;
        if (!again) return 'optimal';
        this.refresh(this.bp);
        continue;
      }
      this.ftran(q);
      const r = this.ratio();
      if (r < 0) return 'numerical'; // unbounded cannot happen with c > 0, x ≥ 0
      const theta = Math.max(0, this.xB[r]) / this.dcol[r];
      this.pivot(q, r, theta);
    }
  }

  /** Harris' two-pass ratio test on dcol; returns the leaving row or -1. */
  private ratio(): number {
    const m = this.m;
    const d = this.dcol;
    let tmax = Infinity;
    for (let r = 0; r < m; r++) if (d[r] > SIMPLEX_PIVOT_TOL) tmax = Math.min(tmax, (Math.max(0, this.xB[r]) + SIMPLEX_FEAS_TOL) / d[r]);
    if (tmax === Infinity) return -1;
    let best = -1;
    let bestD = 0;
    for (let r = 0; r < m; r++) {
      if (d[r] > SIMPLEX_PIVOT_TOL && Math.max(0, this.xB[r]) / d[r] <= tmax && d[r] > bestD) {
        bestD = d[r];
        best = r;
      }
    }
    this.work += 2 * m;
    return best;
  }

  /** Back to the stated right-hand side; then dual simplex pivots until primal feasible. */
  private *repair(limit: number): Steps<SimplexStatus> {
    const m = this.m;
    this.refresh(this.b);
    let nextYield = this.work + SIMPLEX_CHECKPOINT_WORK;
    for (;;) {
      let r = -1;
      let most = -SIMPLEX_FEAS_TOL;
      for (let s = 0; s < m; s++)
        if (this.xB[s] < most) {
          most = this.xB[s];
          r = s;
        }
      if (r < 0) return 'optimal';
      if (this.work >= limit) return 'work-limit';
      if (this.work >= nextYield) {
        nextYield = this.work + SIMPLEX_CHECKPOINT_WORK;
        yield;
      }
      // entering: min c̄_j / -α_j over α_j = (row r of B⁻¹)·a_j < 0
      const row = r * m;
      let q = -1;
      let bestRatio = Infinity;
      const N = this.cols.length;
      for (let j = 0; j < N; j++) {
        if (this.pos[j] >= 0) continue;
        const c = this.cols[j];
        let a = 0;
        for (let t = 0; t < c.idx.length; t++) a += this.Binv[row + c.idx[t]] * c.val[t];
        if (a >= -SIMPLEX_PIVOT_TOL) continue;
        const ratio = Math.max(0, this.reducedCost(j)) / -a;
        if (ratio < bestRatio) {
          bestRatio = ratio;
          q = j;
        }
      }
      this.work += 2 * N;
      if (q < 0) return 'numerical';
      this.ftran(q);
      this.pivot(q, r, this.xB[r] / this.dcol[r]);
      // pivot() may have refreshed against the perturbed right-hand side: use the stated one
      this.refresh(this.b);
    }
  }
}
