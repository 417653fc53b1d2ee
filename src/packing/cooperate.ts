/**
 * Cooperative execution of the engine's long computations.
 *
 * Every long algorithm (heuristics, bounds over large n, improvement, pricing) is written as a
 * generator that yields `undefined` at *checkpoints*: after a fixed amount of counted work
 * (CHECKPOINT_WORK units), never after an amount of time. The driver (`Cooperation.run`) reads
 * the injected clock at each checkpoint and, once SLICE_MS have passed since the last turn, gives
 * the event loop a turn (setImmediate). A checkpoint is also where an aborted signal is noticed
 * (the run throws AbortedError) and where the wall-clock safety net is applied (the
 * phase's `Control.stop` flag is set; the algorithm winds down as if its work budget ran out).
 *
 * Yielding never changes a result: the algorithm's state is only paused, and its decisions depend
 * on counted work alone. Results are therefore identical whatever the yield cadence, the load of
 * the machine or the clock given. Only the safety net depends on the clock, and when it fires the
 * engine says so in a warning.
 *
 * Algorithms never read a clock: they call nothing but `yield` and read `Control.stop`.
 */
import { AbortedError } from '../errors.js';

/** A computation that yields at checkpoints and finally returns R. */
export type Steps<R> = Generator<void, R, void>;

/** Counted work units between two checkpoints of an algorithm (a unit is one cheap inner step:
 *  an item placed or scanned, a search node). About 0.1–1 ms of work on this class of machine. */
export const CHECKPOINT_WORK = 4096;
/** The event loop gets a turn at least this often (ms of wall clock between turns). */
export const SLICE_MS = 40;

/** Milliseconds from any fixed origin; monotonic. The default is `performance.now`. */
export type Clock = () => number;

/** The process clock; read only by the driver, never by an algorithm. */
export const systemClock: Clock = () => performance.now();

/** Per-phase control flag set by the driver; algorithms stop early when it is true. */
export interface Control {
  stop: boolean;
}

/** The error the engine rejects with once its AbortSignal is aborted. */
export function abortedError(reason: unknown): AbortedError {
  return new AbortedError(reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'aborted');
}

export interface CooperationOptions {
  clock?: Clock;
  signal?: AbortSignal;
  /** Absolute clock value after which the safety net fires; Infinity = never. */
  safetyNetAt?: number;
  /** Called (throttled by the driver) at checkpoints, for progress reports. */
  onCheckpoint?: () => void;
}

export class Cooperation {
  readonly clock: Clock;
  readonly signal: AbortSignal | undefined;
  private readonly safetyNetAt: number;
  private lastTurn: number;
  /** True once the safety net fired in some phase (the engine adds a warning). */
  safetyNetFired = false;
  /** Longest stretch without a turn seen so far (ms), for measurements. */
  longestSliceMs = 0;
  private readonly onCheckpoint: (() => void) | undefined;

  constructor(o: CooperationOptions = {}) {
    this.clock = o.clock ?? systemClock;
    this.signal = o.signal;
    this.safetyNetAt = o.safetyNetAt ?? Infinity;
    this.lastTurn = this.clock();
    this.onCheckpoint = o.onCheckpoint;
  }

  /** Throws PackingAbortedError when the signal is aborted. */
  throwIfAborted(): void {
    if (this.signal?.aborted) throw abortedError(this.signal.reason);
  }

  /** Gives the event loop a turn now if a slice has passed. */
  async turn(): Promise<void> {
    const now = this.clock();
    if (now - this.lastTurn >= SLICE_MS) {
      this.longestSliceMs = Math.max(this.longestSliceMs, now - this.lastTurn);
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.lastTurn = this.clock();
    }
    this.throwIfAborted();
  }

  /**
   * Runs `steps` to completion, giving the event loop a turn at least every SLICE_MS. `control`
   * (when given) is set to stop once the safety net's time has come.
   */
  async run<R>(steps: Steps<R>, control?: Control): Promise<R> {
    this.throwIfAborted();
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      this.onCheckpoint?.();
      if (control && !control.stop && this.clock() > this.safetyNetAt) {
        control.stop = true;
        this.safetyNetFired = true;
      }
      const now = this.clock();
      if (now - this.lastTurn >= SLICE_MS) {
        this.longestSliceMs = Math.max(this.longestSliceMs, now - this.lastTurn);
        try {
          await new Promise<void>((resolve) => setImmediate(resolve));
        } finally {
          this.lastTurn = this.clock();
        }
      }
      if (this.signal?.aborted) {
        steps.return(undefined as never);
        throw abortedError(this.signal.reason);
      }
    }
  }

  /** Awaits a promise, but rejects as soon as the signal is aborted. */
  async race<T>(p: Promise<T>, onAbort?: () => void): Promise<T> {
    this.throwIfAborted();
    const signal = this.signal;
    if (!signal) return p;
    let listener: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      listener = () => {
        onAbort?.();
        reject(abortedError(signal.reason));
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

/** Runs a generator to completion without ever yielding to the event loop (tests, small inputs). */
export function runSteps<R>(steps: Steps<R>): R {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
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
