/**
 * Worker thread of parallel.ts: receives { type: 'job', id, kind, params }, runs the reader of that
 * kind and answers { type: 'event', id, event } for each event, then { type: 'done', id }, or
 * { type: 'error', id, error }. It sends at most READ_CREDITS events ahead of the calling thread,
 * which answers { type: 'ack' } for each event it has applied.
 */
import { parentPort } from 'node:worker_threads';
import { Cooperator } from '../util/cooperate.js';
import { READ_CREDITS, sendableError, transferables } from './parallel.js';
import { readPerfmonFile, type PerfmonFileRef } from './perfmon.js';
import { readLongRange, type LongRangeJob } from './long-range.js';

let credits = READ_CREDITS;
let waiting: (() => void) | undefined;

/** Gives the calling thread time to catch up: a pause waits until an event has been applied. */
class CreditCooperator extends Cooperator {
  override due(): boolean {
    return credits <= 0 || super.due();
  }
  override async pause(): Promise<void> {
    while (credits <= 0) await new Promise<void>((resolve) => (waiting = resolve));
    await super.pause();
  }
}

type Emit = (event: object) => void;

/** The readers a worker runs, by job kind. */
const JOBS: Record<string, (params: never, co: Cooperator, emit: Emit) => Promise<void>> = {
  'perfmon-file': (p: { file: PerfmonFileRef; fast: boolean }, co, emit) => readPerfmonFile(p.file, co, emit, p.fast),
  'long-range': (p: LongRangeJob, co, emit) => readLongRange(p, co, emit),
};

parentPort?.on('message', (m: { type: 'ack' } | { type: 'job'; id: number; kind: string; params: never }) => {
  if (m.type === 'ack') {
    credits++;
    const w = waiting;
    waiting = undefined;
    w?.();
    return;
  }
  const { id } = m;
  const emit: Emit = (event) => {
    credits--;
    parentPort!.postMessage({ type: 'event', id, event }, transferables(event));
  };
  const run = JOBS[m.kind];
  const job = run ? run(m.params, new CreditCooperator(), emit) : Promise.reject(new Error(`unknown read job ${m.kind}`));
  job.then(
    () => parentPort!.postMessage({ type: 'done', id }),
    (e: unknown) => parentPort!.postMessage({ type: 'error', id, error: sendableError(e) }),
  );
});
