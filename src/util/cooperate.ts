import { AbortedError } from '../errors.js';

/**
 * Cooperative computation: long loops hand the event loop a turn every few milliseconds, so an
 * embedding program's timers and I/O keep running and an abort from any source (an
 * `AbortSignal.timeout`, a timer, a request closing) stops the work promptly with `AbortedError`.
 *
 * Algorithms stay pure and synchronous in shape: a long stage is written as a generator that
 * `yield`s at loop boundaries (a checkpoint, no value), and returns its result. Two drivers run it:
 * - `runSync(steps)`: to completion, in one go (for callers that want a plain function);
 * - `runCooperative(steps, co)`: awaiting `co.pause()` whenever the time slice is used up.
 * The clock is passed in from the edge (`Cooperator` takes `now`), never read inside an algorithm.
 */

/** A monotonic clock in milliseconds (e.g. `performance.now`), passed in from the edge. */
export type Clock = () => number;

/** A stage written as checkpoints: `yield` between units of work, `return` the result. */
export type Steps<T> = Generator<void, T, void>;

/**
 * Busy time between two turns given to the event loop, ms. Node runs timers once per loop
 * iteration; a turn taken through `setImmediate` reaches the timers phase at the latest on the
 * following turn, so a 50 ms interval timer of the embedding program waits at most about two
 * slices (40 ms) beyond its own period.
 */
export const DEFAULT_SLICE_MS = 20;

export interface CooperateOptions {
  signal?: AbortSignal;
  /** Clock for the time slices; default `performance.now` (chosen at the edge that creates the Cooperator). */
  now?: Clock;
  sliceMs?: number;
}

/** The AbortedError for an aborted signal, with the signal's reason as message when it has one. */
export function abortedError(signal: AbortSignal | undefined): AbortedError {
  const r = signal?.reason;
  return new AbortedError(r instanceof Error ? r.message : typeof r === 'string' ? r : 'aborted');
}

/** Throws AbortedError once `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(signal);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Decides when a long computation gives the event loop a turn, and checks the abort signal.
 * `due()` is cheap (one clock read); call it at every checkpoint and `await pause()` when true.
 */
export class Cooperator {
  readonly signal: AbortSignal | undefined;
  readonly now: Clock;
  readonly sliceMs: number;
  private last: number;
  /** Turns given to the event loop so far. */
  turns = 0;

  constructor(o: CooperateOptions = {}) {
    this.signal = o.signal;
    this.now = o.now ?? (() => performance.now());
    this.sliceMs = o.sliceMs ?? DEFAULT_SLICE_MS;
    this.last = this.now();
  }

  /** True when the current time slice is used up (or the signal is aborted). */
  due(): boolean {
    return this.now() - this.last >= this.sliceMs || this.signal?.aborted === true;
  }

  /** Throws AbortedError when the signal is aborted. */
  check(): void {
    throwIfAborted(this.signal);
  }

  /** Gives the event loop a turn (timers, I/O, other requests), then checks the signal. */
  async pause(): Promise<void> {
    this.check();
    await nextTurn();
    this.turns++;
    this.last = this.now();
    this.check();
  }

  /** `pause()` when the slice is used up; otherwise only checks the signal. */
  async tick(): Promise<void> {
    if (this.due()) await this.pause();
  }
}

/** Runs a stage to completion without giving turns (a plain synchronous call). */
export function runSync<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs a stage, giving the event loop a turn whenever `co`'s time slice is used up. */
export async function runCooperative<T>(steps: Steps<T>, co: Cooperator | undefined): Promise<T> {
  if (!co) return runSync(steps);
  co.check();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (co.due()) await co.pause();
  }
}

/** `items.map(f)`, giving the event loop turns through `co` (a plain map without one). */
export function mapCooperative<T, U>(items: readonly T[], f: (x: T, i: number) => U, co: Cooperator | undefined): Promise<U[]> {
  return runCooperative(mapSteps(items, f), co);
}

/**
 * Maps an array through `f` with a checkpoint after each element: the cooperative form of
 * `items.map(f)`.
 */
export function* mapSteps<T, U>(items: readonly T[], f: (x: T, i: number) => U): Steps<U[]> {
  const out: U[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = f(items[i], i);
    yield;
  }
  return out;
}
