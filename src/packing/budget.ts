/**
 * How a time limit becomes counted work. The improvement and exact phases are bounded by work
 * units, never by the clock, so a result does not depend on the machine's speed or load; the
 * rates below convert `timeLimitSeconds` into those units (calibrated on a 2-core machine so that
 * a full budget takes about the limit; see benchmarks/packing).
 */

/** Default whole-solve budget (seconds) when `timeLimitSeconds` is not given. */
export const DEFAULT_TIME_LIMIT_SECONDS = 5;
/** Improvement-phase work rate: search nodes per second of time limit (calibrated on this 2-core
 *  machine so that a full budget takes roughly 40% of the limit; see benchmarks/packing). */
export const IMPROVE_NODES_PER_SECOND = 400_000;
/** One-dimensional search nodes are cheaper (measured ~4x on Falkenauer u/t). */
export const IMPROVE_NODES_PER_SECOND_1D = 1_500_000;
/** Minimum exact work units for the exact phase to run (below: improvement gets everything).
 *  100 units = a 2 s limit with IMPROVE_SHARE 0.5: column generation needs ~100 iterations to
 *  converge on 50-item instances (CL_6_50_6: 86), so a shorter run rarely proves anything. */
export const EXACT_MIN_WORK = 100;
/** Share of the time limit given to the improvement phase; the exact phase gets the rest. */
export const IMPROVE_SHARE = 0.5;
/** Exact-phase work rate: solver work units (column-generation iterations, branch-and-bound
 *  nodes; see exact/) per second of time limit. */
export const EXACT_WORK_PER_SECOND = 100;
/** Wall-clock safety net: the solve is cut after factor × limit + margin. */
export const WALL_CLOCK_SAFETY_FACTOR = 3;
export const WALL_CLOCK_SAFETY_MARGIN_MS = 2000;
