import type { WorkloadSamples } from '../model/workload.js';
import { powerAtUtilization } from './power-curve.js';

/**
 * Energy over an observed window of utilization samples (docs/models.md#energy):
 *
 *   E_host = sum over time steps k of P(u_k) x stepSec / 3600 / 1000   [kWh, IT energy, before PUE]
 *   u_k    = sum over the host's VMs of demandPerUtil_i x x_i,k / capacity   (clamped to 1 for P)
 *
 * where x_i,k is VM i's CPU fraction of its source server in step k, `demandPerUtil_i` its source
 * capacity x overhead factor (reference GHz-cores), and P the host's 11-point SPECpower curve
 * interpolated linearly. Every sample stands for the interval [t, t + stepSec) (PlanetLab: line k
 * is the 5-minute interval starting at k x 300 s), so the window is steps x stepSec.
 */

import { MAX_TIMELINE_STEPS } from '../analysis/timeline.js';
import { runSync, type Steps } from '../util/cooperate.js';

/** A common time grid over several sample series. */
export interface TimeGrid {
  startSec: number;
  stepSec: number;
  steps: number;
}

/** The grid spanning every series, at the finest step among them. Null when there are no samples. */
export function commonGrid(series: readonly WorkloadSamples[]): TimeGrid | null {
  let start = Infinity;
  let end = -Infinity;
  let step = Infinity;
  for (const s of series) {
    const n = s.timestampsSec.length;
    if (n === 0 || !(s.stepSec > 0)) continue;
    start = Math.min(start, s.timestampsSec[0]);
    end = Math.max(end, s.timestampsSec[n - 1] + s.stepSec);
    step = Math.min(step, s.stepSec);
  }
  if (!Number.isFinite(start) || !Number.isFinite(step) || !Number.isFinite(end)) return null;
  // Bounded memory whatever the timestamps say: a window longer than MAX_TIMELINE_STEPS steps is
  // coarsened (step doubled) until it fits, as in analysis/timeline.ts.
  let steps = Math.max(1, Math.round((end - start) / step));
  while (steps > MAX_TIMELINE_STEPS) {
    step *= 2;
    steps = Math.max(1, Math.round((end - start) / step));
  }
  return { startSec: start, stepSec: step, steps };
}

/**
 * One series resampled onto the grid: each sample holds over [t, min(t + stepSec, next t)); a
 * grid step covered by several samples takes their mean; steps with no valid sample (gaps, NaN,
 * outside the series) take the series' mean of valid samples (counted in `filled`).
 */
export function resample(s: WorkloadSamples, g: TimeGrid): { values: Float64Array; filled: number; mean: number } {
  const sum = new Float64Array(g.steps);
  const cnt = new Uint32Array(g.steps);
  const n = s.timestampsSec.length;
  let total = 0;
  let valid = 0;
  for (let j = 0; j < n; j++) {
    const x = s.cpuFraction[j];
    if (!Number.isFinite(x)) continue;
    total += x;
    valid++;
    const t = s.timestampsSec[j];
    const tEnd = j + 1 < n ? Math.min(t + s.stepSec, s.timestampsSec[j + 1]) : t + s.stepSec;
    const k0 = Math.max(0, Math.floor((t - g.startSec) / g.stepSec + 1e-9));
    const k1 = Math.min(g.steps, Math.max(k0 + 1, Math.ceil((tEnd - g.startSec) / g.stepSec - 1e-9)));
    for (let k = k0; k < k1; k++) {
      sum[k] += x;
      cnt[k]++;
    }
  }
  const mean = valid > 0 ? total / valid : 0;
  const values = new Float64Array(g.steps);
  let filled = 0;
  for (let k = 0; k < g.steps; k++) {
    if (cnt[k] > 0) values[k] = sum[k] / cnt[k];
    else {
      values[k] = mean;
      filled++;
    }
  }
  return { values, filled, mean };
}

/** One host (or one physical server) to integrate. */
export interface ObservedHostInput {
  id: string;
  curveWatts: readonly number[];
  /** Raw CPU capacity of the host, reference GHz-cores (utilization = demand / this). */
  capacityGhz: number;
  items: {
    /** Host CPU demand per unit of source utilization, reference GHz-cores. */
    demandPerUtilGhz: number;
    samples?: WorkloadSamples;
    /** Constant demand, reference GHz-cores, used when the item has no samples. */
    constantDemandGhz?: number;
  }[];
}

export interface ObservedHostEnergy {
  id: string;
  energyKWh: number;
  meanUtilization: number;
  peakUtilization: number;
  /** Steps in which the demand exceeded the host's raw capacity. */
  overloadedSteps: number;
}

export interface ObservedEnergy {
  windowHours: number;
  stepSec: number;
  steps: number;
  /** IT energy, kWh (before PUE). */
  energyKWh: number;
  hosts: ObservedHostEnergy[];
  /** Overloaded host-steps / active host-steps. */
  overloadFraction: number;
  /** Grid steps filled with a series mean (gaps or missing values). */
  filledSteps: number;
}

/**
 * Integrates the power of each host over the grid. Pure; O(steps x items).
 * @example one host, curve 100..200 W linear, one VM at 50% of a capacity-1 host for 2 steps of
 *   1800 s: 2 x 150 W x 0.5 h = 0.15 kWh
 */
export function observedEnergy(hosts: readonly ObservedHostInput[], g: TimeGrid): ObservedEnergy {
  return runSync(observedEnergySteps(hosts, g));
}

/** `observedEnergy` as a cooperative stage: a checkpoint after each host (util/cooperate.ts). */
export function* observedEnergySteps(hosts: readonly ObservedHostInput[], g: TimeGrid): Steps<ObservedEnergy> {
  const hours = g.stepSec / 3600;
  let energy = 0;
  let overloaded = 0;
  let filled = 0;
  const out: ObservedHostEnergy[] = [];
  const cache = new Map<WorkloadSamples, Float64Array>();
  for (const h of hosts) {
    const demand = new Float64Array(g.steps);
    for (const it of h.items) {
      if (it.samples && it.samples.timestampsSec.length > 0) {
        let v = cache.get(it.samples);
        if (!v) {
          const r = resample(it.samples, g);
          v = r.values;
          filled += r.filled;
          cache.set(it.samples, v);
        }
        for (let k = 0; k < g.steps; k++) demand[k] += it.demandPerUtilGhz * v[k];
      } else {
        const c = it.constantDemandGhz ?? 0;
        for (let k = 0; k < g.steps; k++) demand[k] += c;
      }
    }
    let e = 0;
    let peak = 0;
    let mean = 0;
    let over = 0;
    for (let k = 0; k < g.steps; k++) {
      const u = h.capacityGhz > 0 ? demand[k] / h.capacityGhz : 0;
      if (u > 1 + 1e-12) over++;
      peak = Math.max(peak, u);
      mean += u;
      e += powerAtUtilization(h.curveWatts, u) * hours;
    }
    energy += e / 1000;
    overloaded += over;
    out.push({ id: h.id, energyKWh: e / 1000, meanUtilization: mean / g.steps, peakUtilization: peak, overloadedSteps: over });
    yield;
  }
  const active = hosts.length * g.steps;
  return { windowHours: (g.steps * g.stepSec) / 3600, stepSec: g.stepSec, steps: g.steps, energyKWh: energy, hosts: out, overloadFraction: active > 0 ? overloaded / active : 0, filledSteps: filled };
}
