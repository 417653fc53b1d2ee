/**
 * Reading on worker threads with a result that does not depend on the number of threads: a load
 * is cut into jobs (a perfmon file, a byte range of a long CSV), each job is a pure function of its
 * input that turns into events (a header, batches of rows as typed arrays, an end with its issues),
 * and the calling thread applies the events job by job, in job order, as if it had read the jobs
 * itself in that order (which it does when there are no workers: the same reader, the same events).
 *
 * Memory stays bounded: a worker may be at most READ_CREDITS events ahead of the calling thread
 * (each event applied gives it one back), so a worker that is jobs ahead waits rather than
 * buffering a whole file. Workers are started per load and terminated when it ends, fails or is
 * aborted (an abort stops the wait for events at once).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import type { Cooperator } from '../util/cooperate.js';

/** The least bytes a load must have to be read on worker threads: below it, starting workers costs more than it saves (about 0.1 s each). */
export const PARALLEL_READ_MIN_BYTES = 64 * 2 ** 20;

/** Most worker threads reading one load, whatever the machine offers. */
export const MAX_READ_THREADS = 4;

/** Jobs read on worker threads in this process (tests check that the parallel path ran). */
export const PARALLEL_READ_STATS = { jobs: 0 };

/** Events a worker may send before the calling thread has applied them (a perfmon batch is at most 1.5 MB, a long-CSV range about 3 MB). */
export const READ_CREDITS = 8;

/**
 * Worker threads for a load of `jobs` jobs: `requested` (0: read in this thread), by default one
 * per core up to MAX_READ_THREADS; never more than the jobs, and 0 when the workers are not built.
 */
export function readThreads(requested: number | undefined, jobs: number): number {
  if (workerFile() === null) return 0;
  const t = requested ?? Math.min(availableParallelism(), MAX_READ_THREADS);
  return Math.max(0, Math.min(Math.floor(t), jobs));
}

/** The compiled worker file, or null when it is not there (sources run without a build). */
function workerFile(): URL | null {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const js = here.replace(/[\\/]src[\\/]ingest[\\/]parallel\.ts$/, '/dist/ingest/read-worker.js');
    return existsSync(js) ? new URL(`file://${js}`) : null;
  }
  return new URL('./read-worker.js', import.meta.url);
}

/** An error as it crosses from a worker: an InputError keeps its location and coded issue. */
export interface SentError {
  name: string;
  message: string;
  stack?: string;
  location?: InputError['location'];
  issue?: InputError['issue'];
}

export function sendableError(e: unknown): SentError {
  if (e instanceof InputError) return { name: e.name, message: e.message, location: e.location, issue: e.issue };
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'Error', message: String(e) };
}

function errorOf(s: SentError): Error {
  if (s.name === 'InputError') return new InputError(s.message, s.location, s.issue);
  const e = new Error(s.message);
  e.name = s.name;
  if (s.stack) e.stack = s.stack;
  return e;
}

/** The buffers of an event's typed arrays, handed over rather than copied. */
export function transferables(event: object): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(event)) if (ArrayBuffer.isView(v) && !out.includes(v.buffer as ArrayBuffer)) out.push(v.buffer as ArrayBuffer);
  return out;
}

type Item<E> = { worker: Worker } & ({ event: E } | { done: true } | { error: SentError });

/**
 * Runs `jobs` of `kind` (a job of read-worker.ts) on up to `threads` workers and yields their
 * events in job order. Throws a job's error when its turn comes (so the error is the one reading
 * in this thread would have met first), a worker's failure, or AbortedError.
 */
export async function* orderedJobs<E>(kind: string, jobs: readonly unknown[], threads: number, co: Cooperator): AsyncGenerator<{ job: number; event: E }> {
  const file = workerFile();
  if (!file) throw new Error('read worker not built');
  const queues: Item<E>[][] = jobs.map(() => []);
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  let failure: Error | undefined;
  let finished = false;
  let next = 0;
  const workers: Worker[] = [];
  const start = (w: Worker) => {
    if (next < jobs.length) {
      const id = next++;
      w.postMessage({ type: 'job', id, kind, params: jobs[id] });
    }
  };
  for (let t = 0; t < Math.min(threads, jobs.length); t++) {
    const w = new Worker(file);
    workers.push(w);
    w.on('message', (m: { type: 'event'; id: number; event: E } | { type: 'done'; id: number } | { type: 'error'; id: number; error: SentError }) => {
      if (m.type === 'event') queues[m.id].push({ worker: w, event: m.event });
      else if (m.type === 'done') {
        queues[m.id].push({ worker: w, done: true });
        start(w);
      } else queues[m.id].push({ worker: w, error: m.error });
      notify();
    });
    w.on('error', (e) => {
      failure ??= e;
      notify();
    });
    w.on('exit', (code) => {
      if (!finished) failure ??= new Error(`read worker exited with code ${code}`);
      notify();
    });
    start(w);
  }
  const onAbort = () => notify();
  co.signal?.addEventListener('abort', onAbort);
  try {
    for (let head = 0; head < jobs.length; ) {
      const q = queues[head];
      if (q.length === 0) {
        co.check();
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const item = q.shift()!;
      if ('error' in item) throw errorOf(item.error);
      if ('done' in item) {
        PARALLEL_READ_STATS.jobs++;
        head++;
        continue;
      }
      item.worker.postMessage({ type: 'ack' });
      yield { job: head, event: item.event };
    }
  } finally {
    finished = true;
    co.signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
