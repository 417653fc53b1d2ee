import { runSync, type Steps } from '../util/cooperate.js';
import { round } from '../util/round.js';
/**
 * Overload risk of a static placement under the real traces: in how many sample intervals would
 * some host need more CPU than it has? A host is overloaded in an interval when the sum of its
 * VMs' CPU demand (each VM's observed utilization x its capacity x its overhead factor) exceeds
 * the host's CPU capacity for VMs (physical capacity minus the hypervisor reserve; the planning
 * target/headroom is NOT subtracted: exceeding the target is not an overload, exceeding the
 * hardware is). Demand within a relative 1e-6 of capacity (float32 sample rounding) is not an
 * overload. Pure.
 */
export interface OverloadReport {
  /** Intervals in the observed window. */
  intervals: number;
  /** Intervals in which at least one host is overloaded. */
  overloadedIntervals: number;
  /** overloadedIntervals / intervals: the `summary.overloadRisk` figure. */
  fractionOfIntervals: number;
  /** Host-intervals with at least one VM (active host time). */
  activeHostIntervals: number;
  overloadedHostIntervals: number;
  /** overloadedHostIntervals / activeHostIntervals (CloudSim's "overloaded share of active time"). */
  fractionOfActiveHostTime: number;
  /** Hosts overloaded at least once. */
  hostsEverOverloaded: number;
  /** Largest demand / capacity ratio seen on any host. */
  peakHostLoadRatio: number;
}

/**
 * @param hostSeries per host: demand per interval (same unit as capacity)
 * @param capacities per host: capacity for VMs
 * @example overloadRisk([Float64Array.of(1, 3)], [2]).fractionOfIntervals === 0.5
 */
export function overloadRisk(hostSeries: Float64Array[], capacities: number[], tolerance = 1e-6): OverloadReport {
  return runSync(overloadRiskSteps(hostSeries, capacities, tolerance));
}

/** `overloadRisk` as a cooperative stage: a checkpoint after each host (util/cooperate.ts). */
export function* overloadRiskSteps(hostSeries: Float64Array[], capacities: number[], tolerance = 1e-6): Steps<OverloadReport> {
  const intervals = hostSeries.length ? hostSeries[0].length : 0;
  const over = new Uint8Array(intervals);
  let overloadedHostIntervals = 0;
  let activeHostIntervals = 0;
  let hostsEverOverloaded = 0;
  let peak = 0;
  for (let h = 0; h < hostSeries.length; h++) {
    const s = hostSeries[h];
    const cap = capacities[h];
    let ever = false;
    for (let t = 0; t < s.length; t++) {
      activeHostIntervals++;
      const ratio = cap > 0 ? s[t] / cap : s[t] > 0 ? Infinity : 0;
      if (ratio > peak) peak = ratio;
      if (s[t] > cap * (1 + tolerance)) {
        over[t] = 1;
        overloadedHostIntervals++;
        ever = true;
      }
    }
    if (ever) hostsEverOverloaded++;
    yield;
  }
  let overloadedIntervals = 0;
  for (let t = 0; t < intervals; t++) overloadedIntervals += over[t];
  return {
    intervals,
    overloadedIntervals,
    fractionOfIntervals: intervals ? overloadedIntervals / intervals : 0,
    activeHostIntervals,
    overloadedHostIntervals,
    fractionOfActiveHostTime: activeHostIntervals ? overloadedHostIntervals / activeHostIntervals : 0,
    hostsEverOverloaded,
    peakHostLoadRatio: Number.isFinite(peak) ? round(peak, 6) : 0,
  };
}
