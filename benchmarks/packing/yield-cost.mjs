// What cooperative yielding costs: the same scale instance packed with the engine giving the
// event loop a turn every the Cooperator's time slice (the default clock) and with a frozen clock (never yields),
// alternating, median of runs. Also reports the longest event-loop stall seen (perf_hooks
// monitorEventLoopDelay) and checks that both give byte-identical results.
// Usage: npm run build && node benchmarks/packing/yield-cost.mjs [n=1000000] [runs=3] [timeLimit=0]
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { solvePacking } from '../../dist/packing/index.js';
import { makeProblem } from '../lib/scale-problem.mjs';

const n = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
const timeLimit = Number(process.argv[4] ?? 0);
const problem = makeProblem(n);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = { yielding: [], frozen: [] };
const stalls = { yielding: [], frozen: [] };
let reference = null;
let identical = true;
for (let r = 0; r < runs; r++) {
  for (const mode of ['yielding', 'frozen']) {
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const t0 = performance.now();
    const res = await solvePacking(problem, { timeLimitSeconds: timeLimit, ...(mode === 'frozen' ? { clock: () => 0 } : {}) });
    times[mode].push((performance.now() - t0) / 1000);
    h.disable();
    stalls[mode].push(h.max / 1e6);
    const key = JSON.stringify(res);
    if (reference === null) reference = key;
    else if (key !== reference) identical = false;
  }
}
const y = median(times.yielding);
const f = median(times.frozen);
console.log(
  JSON.stringify({
    n,
    timeLimit,
    runs,
    yieldingSeconds: +y.toFixed(3),
    frozenSeconds: +f.toFixed(3),
    costPercent: +((100 * (y - f)) / f).toFixed(2),
    longestStallMsYielding: +median(stalls.yielding).toFixed(1),
    longestStallMsFrozen: +median(stalls.frozen).toFixed(1),
    identicalResults: identical,
    all: times,
  }),
);
process.exit(0);
