/**
 * How the engine's long computations share the event loop (built on util/cooperate.ts).
 *
 * Every long algorithm (heuristics, bounds over large n, improvement, pricing) is a generator
 * that yields at *checkpoints*: after a fixed amount of counted work (CHECKPOINT_WORK units),
 * never after an amount of time. The driver (`EngineCooperation.run`) asks the Cooperator at each
 * checkpoint whether its time slice is used up and, if so, gives the event loop a turn; an aborted
 * signal rejects with AbortedError there. The wall-clock safety net is applied at checkpoints too:
 * the phase's `Control.stop` flag is set and the algorithm winds down as if its work budget ran out.
 *
 * Yielding never changes a result: the algorithm's state is only paused, and its decisions depend
 * on counted work alone. Results are therefore identical whatever the yield cadence, the load of
 * the machine or the clock given. Only the safety net depends on the clock, and when it fires the
 * engine says so (note `packing.wall-clock`). Algorithms never read a clock.
 */
import { Cooperator, abortedError, type Clock, type Steps } from '../util/cooperate.js';

export { runSync, type Clock, type Steps } from '../util/cooperate.js';

/** Counted work units between two checkpoints of an algorithm (a unit is one cheap inner step:
 *  an item placed or scanned, a search node): about 0.1–1 ms of work on a current machine. */
export const CHECKPOINT_WORK = 4096;

/** Per-phase control flag set by the driver; algorithms stop early when it is true. */
export interface Control {
  stop: boolean;
}

export interface EngineCooperationOptions {
  clock?: Clock;
  signal?: AbortSignal;
  /** Clock value after which the safety net fires; Infinity = never. */
  safetyNetAt?: number;
}

/** The engine's driver: event-loop turns and abort (a Cooperator), plus the safety net. */
export class EngineCooperation {
  readonly co: Cooperator;
  private safetyNetAt: number;
  /** True once the safety net fired in some phase (the engine adds a note). */
  safetyNetFired = false;

  constructor(o: EngineCooperationOptions = {}) {
    this.co = new Cooperator({ signal: o.signal, ...(o.clock ? { now: o.clock } : {}) });
    this.safetyNetAt = o.safetyNetAt ?? Infinity;
  }

  /** Sets the clock value after which the safety net fires. */
  setSafetyNet(at: number): void {
    this.safetyNetAt = at;
  }

  /** The clock in use. */
  now(): number {
    return this.co.now();
  }

  /** Throws AbortedError when the signal is aborted. */
  throwIfAborted(): void {
    this.co.check();
  }

  /** Gives the event loop a turn if the slice is used up; throws AbortedError on abort. */
  async turn(): Promise<void> {
    await this.co.tick();
  }

  /**
   * Runs `steps` to completion, giving the event loop a turn whenever the slice is used up.
   * `control` (when given) is set to stop once the safety net's time has come.
   */
  async run<R>(steps: Steps<R>, control?: Control): Promise<R> {
    this.co.check();
    try {
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
        if (control && !control.stop && this.safetyNetAt < Infinity && this.co.now() > this.safetyNetAt) {
          control.stop = true;
          this.safetyNetFired = true;
        }
        if (this.co.due()) await this.co.pause();
      }
    } catch (e) {
      steps.return(undefined as never);
      throw e;
    }
  }

  /** Awaits a promise, rejecting with AbortedError as soon as the signal is aborted
   *  (`onAbort` runs first, e.g. to terminate a solver worker). */
  async race<T>(p: Promise<T>, onAbort?: () => void): Promise<T> {
    this.co.check();
    const signal = this.co.signal;
    if (!signal) return p;
    let listener: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      listener = () => {
        onAbort?.();
        reject(abortedError(signal));
      };
      signal.addEventListener('abort', listener, { once: true });
    });
    try {
      return await Promise.race([p, aborted]);
    } finally {
      if (listener) signal.removeEventListener('abort', listener);
      // the losing promise must not become an unhandled rejection
      p.catch(() => undefined);
      aborted.catch(() => undefined);
    }
  }
}

/**
 * A counter for checkpoints inside an algorithm: `if (tick.add(units)) yield;`. Deterministic:
 * it fires after every CHECKPOINT_WORK counted units.
 */
export class WorkTicker {
  private next = CHECKPOINT_WORK;
  total = 0;
  add(units: number): boolean {
    this.total += units;
    if (this.total < this.next) return false;
    this.next = this.total + CHECKPOINT_WORK;
    return true;
  }
}
