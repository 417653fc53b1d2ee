/**
 * What the phases of one solve share: work budgets, the cooperation driver, progress and the
 * warnings collected so far. Types only, so the phases (engine, improve, exact) import it without
 * importing each other.
 */
import type { BoundSet } from './bounds.js';
import type { Control, EngineCooperation } from './cooperate.js';
import type { Instance, Solution } from './internal.js';
import type { PackingNote } from './messages.js';
import type { ExactOptions, PackingProgress } from './problem.js';

export interface EngineContext {
  /** Counted work budget for the improvement phase (search nodes); 0 = skip. */
  improveNodes: number;
  /** Counted work budget for the exact phase; 0 = skip. */
  exactWork: number;
  /** Event-loop turns, abort and the wall-clock safety net. */
  coop: EngineCooperation;
  /** Set by the safety net: every phase winds down as if its budget ran out. */
  control: Control;
  onProgress?: (p: PackingProgress) => void;
  warnings: PackingNote[];
  exact?: ExactHook;
  /** Restrict the portfolio to these heuristic names. */
  heuristics?: string[];
  exactOptions?: ExactOptions;
  /** Worker threads the heuristics may use (1 = none). */
  threads: number;
}

export interface PhaseResult {
  sol: Solution;
  bounds: BoundSet;
  optimal: boolean;
}

/** The exact phase, injected by index.ts (keeps the engine free of solver imports). */
export type ExactHook = (inst: Instance, incumbent: Solution, bounds: BoundSet, ctx: EngineContext) => Promise<PhaseResult>;
