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
import { packShard, type ShardInput, type ShardOutput, type ShardSet } from './heuristics/bin-centric-l2.js';
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

/** Shards queued on each worker at once: a worker that finishes one starts the next at once,
 *  without waiting for this thread's event loop to hand it out. */
const QUEUED_PER_WORKER = 2;

/**
 * Packs the shards on up to `threads` workers and in this thread; resolves with the outputs in
 * shard order. Shards are handed out as workers become free (which thread packs which shard does
 * not matter: packShard is pure). Each worker holds up to QUEUED_PER_WORKER shards; the shards
 * left over are packed here too, cooperatively (the event loop keeps turning, an abort stops it at
 * a checkpoint), so the last round does not wait on one worker while the other cores idle.
 * `shards` is a list, or a ShardSet whose shards are cut as they are handed out; `stats` counts
 * the shards packed in this thread.
 */
export async function runShards(shards: ShardInput[] | ShardSet, threads: number, coop: EngineCooperation, stats?: { packedHere: number }): Promise<ShardOutput[]> {
  const file = workerFile();
  if (!file) throw new Error('shard worker not built');
  const count = Array.isArray(shards) ? shards.length : shards.count;
  const inputAt = Array.isArray(shards) ? (s: number) => shards[s] : (s: number) => shards.input(s);
  const outputs: (ShardOutput | undefined)[] = new Array(count);
  const workers: Worker[] = [];
  const detach: (() => void)[] = [];
  let next = 0;
  const all = new Promise<void>((resolve, reject) => {
    let done = 0;
    let failed = false;
    const fail = (e: unknown) => {
      failed = true;
      reject(e);
    };
    const finish = () => {
      if (++done === count) resolve();
    };
    const feed = (w: Worker) => {
      if (next >= count || failed) return;
      const id = next++;
      const input = inputAt(id);
      const transfer = [input.w.buffer, input.S.buffer] as ArrayBuffer[];
      if (input.conflicts) transfer.push(input.conflicts.start.buffer as ArrayBuffer, input.conflicts.groups.buffer as ArrayBuffer);
      w.postMessage({ id, input }, transfer);
    };
    const nWorkers = Math.max(1, Math.min(threads, count));
    for (let t = 0; t < nWorkers; t++) {
      const w = take(file);
      workers.push(w);
      w.ref();
      const onMessage = (msg: { id: number; output?: ShardOutput; error?: string }) => {
        if (msg.error !== undefined || !msg.output) {
          fail(new Error(`shard worker: ${msg.error ?? 'no output'}`));
          return;
        }
        outputs[msg.id] = msg.output;
        finish();
        feed(w);
      };
      const onExit = (code: number) => {
        if (done < count) fail(new Error(`shard worker exited with code ${code}`));
      };
      w.on('message', onMessage);
      w.on('error', fail);
      w.on('exit', onExit);
      detach.push(() => {
        w.off('message', onMessage);
        w.off('error', fail);
        w.off('exit', onExit);
      });
    }
    // one shard to every worker first, then the queued ones
    for (let q = 0; q < QUEUED_PER_WORKER; q++) for (const w of workers) feed(w);
    // this thread takes what is left, one shard at a time (the workers take from the same queue)
    const local = (async () => {
      while (next < count && !failed) {
        const id = next++;
        outputs[id] = await coop.run(packShard(inputAt(id)));
        if (stats) stats.packedHere++;
        finish();
      }
    })();
    local.catch(fail);
  });
  let finished = false;
  try {
    await coop.race(all, () => {
      for (const w of workers) void w.terminate();
    });
    finished = true;
    return outputs as ShardOutput[];
  } finally {
    // (after a failure the shard this thread is on runs out and is dropped; an abort stops it at
    // its next checkpoint)
    for (const off of detach) off();
    for (const w of workers) {
      if (finished) {
        w.unref();
        idle.push(w);
      } else void w.terminate();
    }
  }
}
