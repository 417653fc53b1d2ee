import type { PackingProblem, PackingResult, PackOptions, PackingProgress } from './packing/index.js';
import type { PlanStage } from './model/plan-result.js';
import { Cooperator, runCooperative, type Clock, type Steps } from './util/cooperate.js';
import { round } from './util/round.js';

/**
 * The stages of one plan and the one time budget they share.
 *
 * A plan runs compute stages (size, overhead, problem, energy, replay, ...) and packing stages:
 * the plan itself (`pack`) and its counterfactuals, each the same problem with one thing changed
 * (`no-virtualization`, `single:<type>`, `buy-new`). The packing stages are known before the
 * first one runs, and share `--time-limit` equally, so that every comparison is made with the
 * same effort and the whole plan packs within one budget. Each stage is listed, in order, in
 * `summary.stages` (deterministic fields only); its wall-clock time goes to `onStage` and the
 * CLI's `--verbose` output.
 */

/** The packing engine as the plan calls it (the edge may pass another: a counting wrapper, a remote solver). */
export type Solve = (problem: PackingProblem, options: PackOptions) => Promise<PackingResult>;

/** Progress of a plan: the stage, and for packing stages the engine's phase. */
export interface PlanProgress {
  /** The stage: `read`, `size`, ..., `pack`, `no-virtualization`, `single:<type>`, `buy-new`. */
  stage: string;
  /** `start` and `done` of a stage, or the engine's phase inside a packing stage. */
  phase: PackingProgress['phase'] | 'start' | 'done' | 'read';
  /** Packing stages: this one's number (1-based) and how many there are. */
  packingStage?: number;
  packingStages?: number;
  done?: number;
  total?: number;
  message?: string;
}

/** A finished stage with its wall-clock time (not in the result, which stays deterministic). */
export interface StageTiming {
  stage: PlanStage;
  seconds: number;
}

export interface StageRunnerOptions {
  timeLimitSeconds: number;
  /** Names of the packing stages, in the order they will run. */
  packing: string[];
  solve: Solve;
  now: Clock;
  signal?: AbortSignal;
  onProgress?: (p: PlanProgress) => void;
  onStage?: (t: StageTiming) => void;
}

/**
 * The budget of each packing stage: an equal share of the time limit.
 * @example stageBudgets(5, ['pack', 'no-virtualization']) → pack 2.5 s, no-virtualization 2.5 s
 */
export function stageBudgets(timeLimitSeconds: number, packing: readonly string[]): Map<string, { share: number; budgetSeconds: number }> {
  const share = packing.length ? 1 / packing.length : 1;
  return new Map(packing.map((name) => [name, { share: round(share, 6), budgetSeconds: round(timeLimitSeconds * share, 6) }]));
}

export class StageRunner {
  readonly co: Cooperator;
  readonly stages: PlanStage[] = [];
  private readonly budgets: Map<string, { share: number; budgetSeconds: number }>;

  constructor(private readonly o: StageRunnerOptions) {
    this.co = new Cooperator({ signal: o.signal, now: o.now });
    this.budgets = stageBudgets(o.timeLimitSeconds, o.packing);
  }

  private finish(stage: PlanStage, started: number): void {
    this.stages.push(stage);
    this.o.onProgress?.({ stage: stage.name, phase: 'done' });
    this.o.onStage?.({ stage, seconds: round((this.o.now() - started) / 1000, 3) });
  }

  /** Runs a compute stage (a generator with checkpoints, or a plain function), giving the event loop turns. */
  async compute<T>(name: string, work: Steps<T> | (() => T)): Promise<T> {
    this.co.check();
    const started = this.o.now();
    this.o.onProgress?.({ stage: name, phase: 'start' });
    const out = typeof work === 'function' ? work() : await runCooperative(work, this.co);
    this.finish({ name, kind: 'compute' }, started);
    await this.co.tick();
    return out;
  }

  /**
   * Runs a packing stage with its share of the budget; `change` says what differs from the plan.
   * With `pool`, the stage takes one of `parts` equal parts of the budget of the packing stage
   * `pool.stage` (the packings of a search share one stage's budget).
   */
  async pack(name: string, problem: PackingProblem, change?: string, pool?: { stage: string; parts: number }): Promise<PackingResult> {
    this.co.check();
    const whole = this.budgets.get(pool ? pool.stage : name);
    if (!whole) throw new Error(`packing stage ${pool ? pool.stage : name} is not in the plan's budget`);
    const b = pool ? { share: round(whole.share / pool.parts, 6), budgetSeconds: round(whole.budgetSeconds / pool.parts, 6) } : whole;
    const index = this.o.packing.indexOf(pool ? pool.stage : name) + 1;
    const started = this.o.now();
    this.o.onProgress?.({ stage: name, phase: 'start', packingStage: index, packingStages: this.o.packing.length, message: `${b.budgetSeconds} s` });
    await this.co.pause();
    const r = await this.o.solve(problem, {
      timeLimitSeconds: b.budgetSeconds,
      signal: this.o.signal,
      clock: this.o.now,
      onProgress: (p) => this.o.onProgress?.({ ...p, stage: name, packingStage: index, packingStages: this.o.packing.length }),
    });
    // The engine returns its best so far when aborted; a cancelled plan rejects instead.
    this.co.check();
    this.finish(
      {
        name,
        kind: 'pack',
        ...(change ? { change } : {}),
        share: b.share,
        budgetSeconds: b.budgetSeconds,
        items: problem.items.length,
        hostsUsed: r.hosts.length,
        unplaced: r.unplaced.length,
        totalCost: round(r.totalCost, 2),
        optimal: r.optimal,
        gap: round(r.gap),
        algorithm: r.algorithm,
      },
      started,
    );
    await this.co.pause();
    return r;
  }
}
