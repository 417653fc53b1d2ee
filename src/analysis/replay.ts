import type { PlanResult, PlanHostModel, PlanVm } from '../model/plan-result.js';
import type { WorkloadSamples } from '../model/workload.js';
import type { Issue, RowAccounting } from '../model/issue.js';
import { issue } from '../model/issue.js';
import { InputError } from '../errors.js';
import { buildTimeline, cpuFractionOnGrid, type Timeline } from './timeline.js';
import { overloadRiskSteps, type OverloadReport } from './overload.js';
import { commonGrid, observedEnergySteps, type ObservedHostInput } from '../energy/observed.js';
import { Cooperator, runCooperative, runSync, type Clock, type Steps } from '../util/cooperate.js';
import { round } from '../util/round.js';

/**
 * Replay: an existing placement (a plan's hosts and the VMs on them) run on utilization traces
 * it was not necessarily made from. Interval by interval, each host carries the sum of its VMs'
 * CPU (each sample x the VM's CPU per unit of utilization, `vms[].cpuDemandPerUtilGhz`); a host is
 * overloaded in an interval when that exceeds its CPU for VMs (`hostModels[].cpuForVmsGhz`), the
 * same test as the plan's own `summary.overload` (analysis/overload.ts), so a plan replayed on its
 * own traces reports the plan's figure. IT energy integrates each host's power curve at its
 * utilization in every interval (energy/observed.ts), as `summary.after.observedEnergyKWh` does.
 *
 * Workloads of the plan without new samples keep their planned demand as a constant (their sized
 * CPU for overload, their average for energy); new workloads that the plan does not place are
 * listed and not replayed.
 */

/** A workload of the new traces: its id and samples (a `TracedWorkload` or a `Workload`). */
export interface ReplayWorkload {
  id: string;
  samples?: WorkloadSamples;
}

export interface ReplayInput {
  /** The plan whose placement is replayed (a `PlanResult`, e.g. read from `plan --format json`). */
  plan: PlanResult;
  /** The new utilization traces. */
  workloads: readonly ReplayWorkload[];
  /** Issues found loading them, carried into the result. */
  issues?: Issue[];
  rows?: RowAccounting;
}

export interface ReplayRunOptions {
  signal?: AbortSignal;
  /** Monotonic clock, ms, for the time slices; default `performance.now`. */
  now?: Clock;
}

/** A run of consecutive intervals in which one host is overloaded. */
export interface OverloadEpisode {
  /** ISO 8601 start of the first overloaded interval. */
  start: string;
  /** ISO 8601 end of the last one (start of the next interval). */
  end: string;
  intervals: number;
  /** Largest demand / CPU for VMs in the episode. */
  peakLoadRatio: number;
}

export interface ReplayHost {
  id: string;
  type: string;
  vms: number;
  /** VMs of this host with new samples (the others count with their planned demand). */
  vmsWithSamples: number;
  /** CPU for VMs, reference GHz-cores. */
  cpuForVmsGhz: number;
  /** Mean and peak of demand / CPU for VMs over the window. */
  meanLoadRatio: number;
  peakLoadRatio: number;
  /** Intervals in which this host is overloaded. */
  overloadedIntervals: number;
  /** IT energy over the window, kWh. */
  energyKWh: number;
  /** When it runs hot: each run of consecutive overloaded intervals. */
  episodes: OverloadEpisode[];
}

export interface ReplayResult {
  schemaVersion: 1;
  kind: 'replay';
  summary: {
    hosts: number;
    /** VMs placed on the plan's hosts, and those of them with new samples. */
    vms: number;
    vmsWithSamples: number;
    /** Placed VMs without new samples (`missingSamples`), new ids the plan does not place (`notInPlan`). */
    missingSamples: number;
    notInPlan: number;
    window: { start: string; end: string; stepSeconds: number; intervals: number; hours: number };
    /** Share of intervals in which some host is overloaded (the plan's `summary.overloadRisk` measure). */
    overloadRisk: number;
    overload: OverloadReport & { stepSeconds: number };
    /** Hosts overloaded at least once. */
    hotHosts: number;
    /** IT energy of the plan's hosts over the window, kWh (before PUE). */
    energyKWh: number;
    /** The plan's own figures, on the traces it was made from. */
    plan: { hostsUsed: number; overloadRisk: number | null; fractionOfActiveHostTime: number | null; observedEnergyKWh: number | null };
  };
  hosts: ReplayHost[];
  /** Each interval in which some host is overloaded: its start and the hosts. */
  overloadedIntervals: { start: string; hosts: string[] }[];
  /** Placed VMs without samples in the new traces (replayed at their planned demand). */
  missingSamples: string[];
  /** Ids of the new traces that the plan does not place (not replayed). */
  notInPlan: string[];
  rows: RowAccounting;
  issues: Issue[];
}

const iso = (sec: number) => new Date(sec * 1000).toISOString().replace('.000Z', 'Z');

/** A VM's CPU per unit of its own utilization: the plan's figure, else its capacity x overhead factor. */
function perUtilGhz(v: PlanVm): number {
  if (v.cpuDemandPerUtilGhz !== undefined) return v.cpuDemandPerUtilGhz;
  if (v.sizing) return v.sizing.cpu.capacityRefGhz * v.cpuOverheadFactor;
  throw new InputError(`plan: VM ${v.id} has neither cpuDemandPerUtilGhz nor a sizing trail; re-run plan with this version`);
}

/** Replays a plan's placement on new traces (see the module comment). Cooperative; honours `signal`. */
export async function replay(input: ReplayInput, run: ReplayRunOptions = {}): Promise<ReplayResult> {
  const co = new Cooperator({ signal: run.signal, now: run.now ?? (() => performance.now()) });
  return runCooperative(replaySteps(input), co);
}

/** `replay` without turns to the event loop (a plain synchronous call). */
export function replaySync(input: ReplayInput): ReplayResult {
  return runSync(replaySteps(input));
}

export function* replaySteps(input: ReplayInput): Steps<ReplayResult> {
  const { plan } = input;
  if (!plan.hostModels) throw new InputError('plan: the plan has no hostModels (it was made by an older version); re-run plan with this version to replay it');
  const models = new Map<string, PlanHostModel>(plan.hostModels.map((m) => [m.type, m]));
  const vmById = new Map(plan.vms.map((v) => [v.id, v]));
  const traceById = new Map(input.workloads.filter((w) => w.samples && w.samples.timestampsSec.length > 0).map((w) => [w.id, w]));
  const placedIds = new Set<string>();
  for (const h of plan.hosts) for (const id of h.vms) placedIds.add(id);
  const missingSamples = [...placedIds].filter((id) => !traceById.has(id)).sort();
  const notInPlan = [...traceById.keys()].filter((id) => !placedIds.has(id)).sort();
  const issues: Issue[] = [...(input.issues ?? [])];
  if (missingSamples.length) issues.push(issue('replay.no-samples', 'warning', { ids: missingSamples }));
  if (notInPlan.length) issues.push(issue('replay.not-in-plan', 'warning', { ids: notInPlan }));

  // The window: the traces of the plan's workloads (placed or not), as the plan's own replay.
  const used = [...traceById.values()].filter((w) => vmById.has(w.id));
  const timeline: Timeline | null = buildTimeline(used);
  if (!timeline) throw new InputError(`no workload of the plan has samples in the new traces (${traceById.size} traced ids, none placed by the plan)`);

  // Overload: each host's demand per interval (the plan's own replay, analysis/traces.ts).
  const series: Float64Array[] = [];
  const capacity: number[] = [];
  const withSamples: number[] = [];
  const fracCache = new Map<string, Float32Array | null>();
  for (const h of plan.hosts) {
    const m = models.get(h.type);
    if (!m) throw new InputError(`plan: host ${h.id} has type ${h.type}, which is not in hostModels`);
    const s = new Float64Array(timeline.steps);
    let covered = 0;
    for (const id of h.vms) {
      const v = vmById.get(id);
      if (!v) throw new InputError(`plan: host ${h.id} holds ${id}, which is not in vms`);
      const w = traceById.get(id);
      let frac = fracCache.get(id);
      if (frac === undefined) fracCache.set(id, (frac = w ? cpuFractionOnGrid(w, timeline) : null));
      if (frac) {
        covered++;
        const scale = perUtilGhz(v);
        for (let t = 0; t < timeline.steps; t++) s[t] += frac[t] * scale;
      } else for (let t = 0; t < timeline.steps; t++) s[t] += v.cpuDemandGhz;
    }
    series.push(s);
    capacity.push(m.cpuForVmsGhz);
    withSamples.push(covered);
    yield;
  }
  const overload = yield* overloadRiskSteps(series, capacity);

  // Energy: the plan's observed-energy integration over the new traces.
  const grid = commonGrid(used.map((w) => w.samples!));
  const energyInputs: ObservedHostInput[] = plan.hosts.map((h) => {
    const m = models.get(h.type)!;
    return {
      id: h.id,
      curveWatts: m.powerCurveWatts,
      capacityGhz: m.cpuCapacityGhz,
      items: h.vms.map((id) => {
        const v = vmById.get(id)!;
        const pu = perUtilGhz(v);
        return { demandPerUtilGhz: pu, samples: traceById.get(id)?.samples, constantDemandGhz: (v.cpuAvgUtilizationFraction ?? 0) * pu };
      }),
    };
  });
  const energy = grid ? yield* observedEnergySteps(energyInputs, grid) : undefined;

  // Per host: load ratios and the episodes in which it runs hot.
  const tol = 1e-6;
  const hosts: ReplayHost[] = [];
  const hostsAt: string[][] = Array.from({ length: timeline.steps }, () => []);
  const at = (t: number) => iso(timeline.startSec + t * timeline.stepSec);
  plan.hosts.forEach((h, i) => {
    const s = series[i];
    const cap = capacity[i];
    let sum = 0;
    let peak = 0;
    let over = 0;
    const episodes: OverloadEpisode[] = [];
    let run: { from: number; peak: number } | null = null;
    for (let t = 0; t <= timeline.steps; t++) {
      const ratio = t < timeline.steps ? (cap > 0 ? s[t] / cap : 0) : 0;
      const hot = t < timeline.steps && s[t] > cap * (1 + tol);
      if (t < timeline.steps) {
        sum += ratio;
        peak = Math.max(peak, ratio);
      }
      if (hot) {
        over++;
        hostsAt[t].push(h.id);
        if (!run) run = { from: t, peak: ratio };
        else run.peak = Math.max(run.peak, ratio);
      } else if (run) {
        episodes.push({ start: at(run.from), end: at(t), intervals: t - run.from, peakLoadRatio: round(run.peak) });
        run = null;
      }
    }
    hosts.push({
      id: h.id,
      type: h.type,
      vms: h.vms.length,
      vmsWithSamples: withSamples[i],
      cpuForVmsGhz: round(cap),
      meanLoadRatio: round(sum / timeline.steps),
      peakLoadRatio: round(peak),
      overloadedIntervals: over,
      energyKWh: round(energy?.hosts[i].energyKWh ?? 0),
      episodes,
    });
  });
  const overloadedIntervals = hostsAt.flatMap((ids, t) => (ids.length ? [{ start: at(t), hosts: ids }] : []));
  const placedWithSamples = [...placedIds].length - missingSamples.length;
  return {
    schemaVersion: 1,
    kind: 'replay',
    summary: {
      hosts: plan.hosts.length,
      vms: placedIds.size,
      vmsWithSamples: placedWithSamples,
      missingSamples: missingSamples.length,
      notInPlan: notInPlan.length,
      window: { start: at(0), end: at(timeline.steps), stepSeconds: timeline.stepSec, intervals: timeline.steps, hours: round((timeline.steps * timeline.stepSec) / 3600) },
      overloadRisk: round(overload.fractionOfIntervals),
      overload: { ...overload, fractionOfIntervals: round(overload.fractionOfIntervals), fractionOfActiveHostTime: round(overload.fractionOfActiveHostTime), stepSeconds: timeline.stepSec },
      hotHosts: overload.hostsEverOverloaded,
      energyKWh: round(energy?.energyKWh ?? 0),
      plan: {
        hostsUsed: plan.summary.hostsUsed,
        overloadRisk: plan.summary.overloadRisk ?? null,
        fractionOfActiveHostTime: plan.summary.overload?.fractionOfActiveHostTime ?? null,
        observedEnergyKWh: plan.summary.after.observedEnergyKWh ?? null,
      },
    },
    hosts,
    overloadedIntervals,
    missingSamples,
    notInPlan,
    rows: input.rows ?? { read: 0, accepted: 0, rejected: 0 },
    issues,
  };
}
