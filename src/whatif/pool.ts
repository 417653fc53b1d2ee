import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { AbortedError, InputError, OptionsError } from '../errors.js';

/** Rebuilds a named error that crossed a thread boundary, so the CLI maps it to the same exit code. */
export function reviveError(e: { name?: string; message?: string; location?: InputError['location'] }): Error {
  const msg = e.message ?? 'worker failed';
  if (e.name === 'OptionsError') return new OptionsError(msg, e.location);
  if (e.name === 'InputError') return new InputError(msg, e.location);
  if (e.name === 'AbortedError' || e.name === 'AbortError') return new AbortedError(msg);
  const err = new Error(msg);
  if (e.name) err.name = e.name;
  return err;
}

/** A small, bounded default: leave one core to the main thread, never more than 4 workers. */
export function defaultJobs(tasks: number): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1, tasks));
}

/**
 * Runs `tasks` and returns their results in task order (never completion order), so the output is
 * deterministic. With `jobs` > 1 and a compiled worker script present, tasks run on a small pool of
 * worker threads; otherwise they run one after another in this thread through `inline`.
 * The first failure rejects the whole run and stops the workers; so does `signal`.
 */
export async function mapPool<T, R>(
  tasks: T[],
  opts: { jobs: number; workerUrl: URL | null; inline: (t: T, i: number) => Promise<R>; signal?: AbortSignal; onDone?: (i: number, done: number) => void },
): Promise<R[]> {
  const { jobs, workerUrl, inline, signal, onDone } = opts;
  const results: R[] = new Array(tasks.length);
  if (signal?.aborted) throw new AbortedError('aborted before start');
  const usable = workerUrl !== null && existsSync(fileURLToPath(workerUrl));
  let done = 0;
  if (jobs <= 1 || tasks.length <= 1 || !usable) {
    for (let i = 0; i < tasks.length; i++) {
      if (signal?.aborted) throw new AbortedError('aborted');
      results[i] = await inline(tasks[i], i);
      done++;
      onDone?.(i, done);
    }
    return results;
  }
  const n = Math.min(jobs, tasks.length);
  const workers: Worker[] = [];
  return new Promise<R[]>((resolvePromise, reject) => {
    let next = 0;
    let finished = false;
    const stopAll = () => {
      finished = true;
      for (const w of workers) void w.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (e: Error) => {
      if (finished) return;
      stopAll();
      reject(e);
    };
    const onAbort = () => fail(new AbortedError('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const feed = (w: Worker) => {
      if (finished) return;
      if (next >= tasks.length) return;
      const i = next++;
      w.postMessage({ i, task: tasks[i] });
    };
    for (let k = 0; k < n; k++) {
      const w = new Worker(workerUrl!);
      workers.push(w);
      w.on('message', (m: { i: number; ok: boolean; value?: R; error?: { name?: string; message?: string } }) => {
        if (finished) return;
        if (!m.ok) return fail(reviveError(m.error ?? {}));
        results[m.i] = m.value as R;
        done++;
        onDone?.(m.i, done);
        if (done === tasks.length) {
          stopAll();
          resolvePromise(results);
        } else feed(w);
      });
      w.on('error', (e) => fail(e));
      w.on('exit', (code) => {
        if (!finished && code !== 0) fail(new Error(`worker exited with code ${code}`));
      });
      feed(w);
    }
  });
}
