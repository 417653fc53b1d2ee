/**
 * Worker thread for the sharded heuristics (shard-pool.ts): receives { id, input } and answers
 * { id, output } or { id, error }. Packing a shard is a pure function of its input, so a result
 * does not depend on which thread computed it.
 */
import { parentPort } from 'node:worker_threads';
import { packShard, type ShardInput, type ShardOutput } from './heuristics/bin-centric-l2.js';
import { runSync } from './cooperate.js';

parentPort?.on('message', (msg: { id: number; input: ShardInput }) => {
  try {
    const output: ShardOutput = runSync(packShard(msg.input));
    parentPort!.postMessage({ id: msg.id, output }, [output.binStart.buffer, output.members.buffer, output.binType.buffer, output.unplaced.buffer] as ArrayBuffer[]);
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
