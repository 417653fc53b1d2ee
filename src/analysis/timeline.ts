import type { Workload } from '../model/workload.js';

/**
 * A common time grid for the workloads' utilization samples, so that hosts can be evaluated
 * interval by interval: energy as sum_t P(u_t), and overload as the intervals where a host's
 * summed demand exceeds its capacity.
 *
 * The grid starts at the earliest sample, steps by the smallest nominal step of any workload,
 * and ends at the latest sample. Each workload's samples are placed in the interval that
 * contains them (the last one wins when two fall in the same interval); an interval with no
 * sample takes the workload's previous value (carry forward), or its first value before it
 * starts. Workloads without samples have no series here.
 */
export interface Timeline {
  startSec: number;
  stepSec: number;
  steps: number;
}

/** The largest grid we build; longer windows are coarsened (step doubled) to stay within it. */
export const MAX_TIMELINE_STEPS = 20_000;

export function buildTimeline(workloads: readonly Pick<Workload, 'samples'>[]): Timeline | null {
  let start = Infinity;
  let end = -Infinity;
  let step = Infinity;
  for (const w of workloads) {
    const s = w.samples;
    if (!s || s.timestampsSec.length === 0) continue;
    start = Math.min(start, s.timestampsSec[0]);
    end = Math.max(end, s.timestampsSec[s.timestampsSec.length - 1]);
    if (s.stepSec > 0) step = Math.min(step, s.stepSec);
  }
  if (!Number.isFinite(start)) return null;
  if (!Number.isFinite(step)) step = 300;
  let steps = Math.floor((end - start) / step) + 1;
  while (steps > MAX_TIMELINE_STEPS) {
    step *= 2;
    steps = Math.floor((end - start) / step) + 1;
  }
  return { startSec: start, stepSec: step, steps };
}

/**
 * A workload's CPU utilization (fraction of its own capacity) on the grid, carried forward over
 * gaps. NaN samples are skipped. Returns null when the workload has no usable sample.
 */
export function cpuFractionOnGrid(w: Pick<Workload, 'samples'>, t: Timeline): Float32Array | null {
  const s = w.samples;
  if (!s || s.timestampsSec.length === 0) return null;
  const out = new Float32Array(t.steps).fill(Number.NaN);
  for (let i = 0; i < s.timestampsSec.length; i++) {
    const v = s.cpuFraction[i];
    if (!Number.isFinite(v)) continue;
    const k = Math.floor((s.timestampsSec[i] - t.startSec) / t.stepSec);
    if (k >= 0 && k < t.steps) out[k] = v;
  }
  let first = Number.NaN;
  for (let k = 0; k < t.steps; k++) if (Number.isFinite(out[k])) { first = out[k]; break; }
  if (!Number.isFinite(first)) return null;
  let last = first;
  for (let k = 0; k < t.steps; k++) {
    if (Number.isFinite(out[k])) last = out[k];
    else out[k] = last;
  }
  return out;
}
