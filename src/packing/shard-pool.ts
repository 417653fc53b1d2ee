/**
 * Packs shards on worker threads. Each shard is a pure function of its input (packShard), results
 * are collected by shard index, and the merge runs afterwards in the calling thread: so the result
 * is identical whatever the number of threads, or with none (the in-thread path of the same
 * heuristic). Workers are kept between solves (unref'd: they never keep the process alive); an
 * abort terminates them and rejects with AbortedError.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { ShardInput, ShardOutput } from './heuristics/bin-centric-l2.js';
import type { EngineCooperation } from './cooperate.js';

/** Most worker threads used for shards, whatever the machine offers. */
export const MAX_SHARD_THREADS = 4;

/** The compiled worker file, or null when it is not there (sources run without a build). */
function workerFile(): URL | null {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const js = here.replace(/[\\/]src[\\/]packing[\\/]shard-pool\.ts$/, '/dist/packing/shard-worker.js');
    return existsSync(js) ? new URL(`file://${js}`) : null;
  }
  return new URL('./shard-worker.js', import.meta.url);
}

const idle: Worker[] = [];

/** A new worker; one that fails while idle is dropped, never an unhandled 'error' event. */
function spawn(file: URL): Worker {
  const w = new Worker(file);
  w.on('error', () => {
    const at = idle.indexOf(w);
    if (at >= 0) idle.splice(at, 1);
  });
  w.unref();
  return w;
}

function take(file: URL): Worker {
  const w = idle.pop() ?? spawn(file);
  w.unref();
  return w;
}

/**
 * Starts up to `threads` idle workers now, so that they have loaded their modules by the time
 * shards are ready (a solve calls it before preparing a large instance; the start-up then runs on
 * the other cores while this thread prepares). Idle workers never keep the process alive.
 */
export function warmShardWorkers(threads: number): void {
  const file = workerFile();
  if (!file) return;
  while (idle.length < Math.min(threads, MAX_SHARD_THREADS)) idle.push(spawn(file));
}

/** True when worker threads can run here (the worker file exists). */
export function shardWorkersAvailable(): boolean {
  return workerFile() !== null;
}

/**
 * Packs `inputs` on up to `threads` workers; resolves with the outputs in input order. Shards are
 * handed out as workers become free (which worker packs which shard does not matter).
 */
export async function runShards(inputs: ShardInput[], threads: number, coop: EngineCooperation): Promise<ShardOutput[]> {
  const file = workerFile();
  if (!file) throw new Error('shard worker not built');
  const outputs: (ShardOutput | undefined)[] = new Array(inputs.length);
  const workers: Worker[] = [];
  const detach: (() => void)[] = [];
  let next = 0;
  const all = new Promise<void>((resolve, reject) => {
    let done = 0;
    const feed = (w: Worker) => {
      if (next >= inputs.length) return;
      const id = next++;
      const input = inputs[id];
      const transfer = [input.w.buffer, input.S.buffer] as ArrayBuffer[];
      if (input.conflicts) transfer.push(input.conflicts.start.buffer as ArrayBuffer, input.conflicts.groups.buffer as ArrayBuffer);
      w.postMessage({ id, input }, transfer);
    };
    const count = Math.max(1, Math.min(threads, inputs.length));
    for (let t = 0; t < count; t++) {
      const w = take(file);
      workers.push(w);
      w.ref();
      const onMessage = (msg: { id: number; output?: ShardOutput; error?: string }) => {
        if (msg.error !== undefined || !msg.output) {
          reject(new Error(`shard worker: ${msg.error ?? 'no output'}`));
          return;
        }
        outputs[msg.id] = msg.output;
        if (++done === inputs.length) resolve();
        else feed(w);
      };
      const onExit = (code: number) => {
        if (done < inputs.length) reject(new Error(`shard worker exited with code ${code}`));
      };
      w.on('message', onMessage);
      w.on('error', reject);
      w.on('exit', onExit);
      detach.push(() => {
        w.off('message', onMessage);
        w.off('error', reject);
        w.off('exit', onExit);
      });
      feed(w);
    }
  });
  let finished = false;
  try {
    await coop.race(all, () => {
      for (const w of workers) void w.terminate();
    });
    finished = true;
    return outputs as ShardOutput[];
  } finally {
    for (const off of detach) off();
    for (const w of workers) {
      if (finished) {
        w.unref();
        idle.push(w);
      } else void w.terminate();
    }
  }
}
