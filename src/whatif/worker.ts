/**
 * Worker-thread entry for what-if runs: receives `{ i, task }`, runs one plan, answers
 * `{ i, ok, value }` or `{ i, ok: false, error }`. Keeps a per-thread cache of loaded inputs.
 */
import { parentPort } from 'node:worker_threads';
import { runPlanTask, createInputCache } from './run-task.js';

const cache = createInputCache();
parentPort?.on('message', async (m: { i: number; task: Parameters<typeof runPlanTask>[0] }) => {
  try {
    const value = await runPlanTask(m.task, {}, cache);
    parentPort!.postMessage({ i: m.i, ok: true, value });
  } catch (e) {
    const err = e as Error & { location?: unknown };
    parentPort!.postMessage({ i: m.i, ok: false, error: { name: err?.name, message: err?.message ?? String(e), location: err?.location } });
  }
});
