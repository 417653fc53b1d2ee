#!/usr/bin/env node
// An embedding program plans a real PlanetLab day (CONSOLIDATE_DATA_DIR/cloudsim-planetlab/DAY)
// with planFiles() while its own 50 ms interval timer keeps firing, and measures what it sees:
// - the largest gap between two ticks of its timer while the library works (ideal: 50 ms), and
//   the longest time the event loop was blocked (perf_hooks monitorEventLoopDelay: the gap minus
//   the time the process waited for a core on a loaded machine);
// - the time to the first progress event;
// - how soon the plan rejects with AbortedError after an AbortSignal.timeout(MS) is due, and after
//   a timer of its own is due to call AbortController.abort() (measured from the due time, so a
//   blocked event loop that fires the timer late counts against the library);
// - for reference, a whole uncancelled plan: its duration and its largest timer gap.
// Each is repeated (--repeat N, default 5) and the median and the worst are printed. A measurement,
// not a test: nothing here fails on a number.
//
//   npm run build && node benchmarks/embedding/cancel-planetlab.mjs [--day 20110303] [--abort-ms 300] [--time-limit 30] [--repeat 5]
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { dataDir, dataDirExists } from '../../scripts/data-dir.mjs';
import { planFiles, AbortedError } from '../../dist/index.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const day = arg('day', '20110303');
const abortMs = Number(arg('abort-ms', 300));
// A budget large enough that the whole plan outlasts the abort (the engine stops early when it proves optimality).
const timeLimit = Number(arg('time-limit', 30));
const repeat = Number(arg('repeat', 5));
if (!dataDirExists()) {
  console.log(`needs the public data sets (not found at ${dataDir()}; set CONSOLIDATE_DATA_DIR)`);
  process.exit(0);
}
const folder = join(dataDir(), 'cloudsim-planetlab', day);

/** Runs one plan with a 50 ms interval timer; `cancel` arms the abort. */
async function once(cancel) {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  let last = t0;
  let maxGap = 0;
  let ticks = 0;
  const iv = setInterval(() => {
    const t = performance.now();
    maxGap = Math.max(maxGap, t - last);
    last = t;
    ticks++;
  }, 50);
  let firstProgress;
  let firedAt;
  const { signal, scheduledAt } = cancel ? cancel() : {};
  if (signal) signal.addEventListener('abort', () => (firedAt = performance.now()), { once: true });
  let outcome;
  try {
    const r = await planFiles({ utilization: folder, timeLimit }, { signal, onProgress: () => (firstProgress ??= performance.now() - t0) });
    outcome = { done: true, hosts: r.summary.hostsUsed };
  } catch (e) {
    outcome = { done: false, error: e instanceof AbortedError ? 'AbortedError' : String(e) };
  }
  const end = performance.now();
  clearInterval(iv);
  loop.disable();
  maxGap = Math.max(maxGap, end - last);
  // From the moment the abort was due (not when a blocked event loop let its timer fire).
  return { ...outcome, ms: end - t0, maxGap, longestBlock: loop.max / 1e6, ticks, firstProgress, abortLatency: firedAt !== undefined ? end - scheduledAt : undefined, timerLate: firedAt !== undefined ? firedAt - scheduledAt : undefined };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const f = (x) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(0));

const scenarios = [
  ['whole plan (no abort)', null],
  [`AbortSignal.timeout(${abortMs})`, () => ({ signal: AbortSignal.timeout(abortMs), scheduledAt: performance.now() + abortMs })],
  [
    `own timer: controller.abort() at ${abortMs} ms`,
    () => {
      const c = new AbortController();
      setTimeout(() => c.abort(new Error('cancelled by the embedding program')), abortMs);
      return { signal: c.signal, scheduledAt: performance.now() + abortMs };
    },
  ],
];

console.log(`PlanetLab day ${day} (${folder}), --time-limit ${timeLimit}, ${repeat} runs each; ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log('| run | outcome | duration ms (median / worst) | max timer gap ms (median / worst) | longest event-loop block ms (median / worst) | first progress ms (median) | abort to rejection ms (median / worst) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [name, cancel] of scenarios) {
  const runs = [];
  for (let i = 0; i < repeat; i++) runs.push(await once(cancel));
  const outcomes = [...new Set(runs.map((r) => (r.done ? `planned (${r.hosts} hosts)` : r.error)))].join(', ');
  const lat = runs.map((r) => r.abortLatency).filter((x) => x !== undefined);
  console.log(
    `| ${name} | ${outcomes} | ${f(median(runs.map((r) => r.ms)))} / ${f(Math.max(...runs.map((r) => r.ms)))} | ${f(median(runs.map((r) => r.maxGap)))} / ${f(Math.max(...runs.map((r) => r.maxGap)))} | ${f(median(runs.map((r) => r.longestBlock)))} / ${f(Math.max(...runs.map((r) => r.longestBlock)))} | ${f(median(runs.map((r) => r.firstProgress ?? NaN)))} | ${lat.length ? `${f(median(lat))} / ${f(Math.max(...lat))}` : '-'} |`,
  );
}
