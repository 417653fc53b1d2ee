import type { Workload } from '../model/workload.js';
import type { HostModel } from '../model/host.js';
import type { PlanOptions } from '../model/options.js';
import type { PlanHost } from '../model/plan-result.js';
import type { VmDemand } from '../overhead/apply.js';
import type { SizedWorkload } from '../sizing/size.js';
import { hostReserve, cpuAfterReserve } from '../overhead/overhead.js';
import { hostCpuCapacity } from '../plan-problem.js';
import { defaultModel, type ModelDefaults } from '../defaults/registry.js';
import { buildTimeline, cpuFractionOnGrid, type Timeline } from './timeline.js';
import { overloadRiskSteps, type OverloadReport } from './overload.js';
import { runSync, type Steps } from '../util/cooperate.js';
import { round } from '../util/round.js';

/** Points in the aggregate CPU chart series (the grid is averaged down to at most this many). */
export const CHART_POINTS = 288;

export interface TraceEvaluation {
  timeline: Timeline;
  /** Per plan host (same order as hosts): CPU demand per interval, GHz-cores, overhead included. */
  hostCpuGhz: Float64Array[];
  /** Per plan host: CPU capacity for VMs (physical minus reserve), GHz-cores. */
  hostCapacityGhz: number[];
  overload: OverloadReport;
  /** Aggregate series for the report chart. */
  chart: { labels: string[]; loadGhz: number[]; capacityGhz: number; usableCapacityGhz: number };
  /** Workloads with samples / placed workloads. */
  coveredWorkloads: number;
}

/**
 * CPU capacity of a host for VMs, in the same reference GHz-cores as the demands
 * (sizing/normalize.ts): raw capacity minus the hypervisor reserve (no target: exceeding the
 * target is not an overload, exceeding the hardware is).
 */
export function hostCpuForVms(m: HostModel, o: Pick<PlanOptions, 'virtualization' | 'hypervisor'>, model: ModelDefaults = defaultModel()): number {
  const reserve = o.virtualization === 'none' ? { cpuCores: 0, cpuFraction: 0 } : hostReserve(o.hypervisor, m.memoryGiB, model.hostReserve);
  return cpuAfterReserve(hostCpuCapacity(m, model), m.cores, reserve);
}

/**
 * Replays the real traces on a static placement: each VM's CPU series (observed utilization x its
 * capacity x its overhead factor) summed per host, interval by interval. VMs without samples
 * contribute their sized demand as a constant (conservative). Returns null without samples. Pure.
 */
export function evaluateTraces(...a: Parameters<typeof evaluateTracesSteps>): TraceEvaluation | null {
  return runSync(evaluateTracesSteps(...a));
}

/** `evaluateTraces` as a cooperative stage: a checkpoint after each host replayed (util/cooperate.ts). */
export function* evaluateTracesSteps(workloads: Workload[], sized: SizedWorkload[], demands: VmDemand[], hosts: PlanHost[], hostModels: HostModel[], o: PlanOptions, model: ModelDefaults = defaultModel()): Steps<TraceEvaluation | null> {
  const timeline = buildTimeline(workloads);
  if (!timeline) return null;
  const idx = new Map(workloads.map((w, i) => [w.id, i]));
  const models = new Map(hostModels.map((m) => [m.type, m]));
  const hostCpuGhz: Float64Array[] = [];
  const hostCapacityGhz: number[] = [];
  let covered = 0;
  for (const h of hosts) {
    const series = new Float64Array(timeline.steps);
    for (const id of h.vms) {
      const i = idx.get(id);
      if (i === undefined) continue;
      const frac = cpuFractionOnGrid(workloads[i], timeline);
      const scale = sized[i].cpuCapacityGhz * demands[i].cpuOverheadFactor;
      if (frac) {
        covered++;
        for (let t = 0; t < timeline.steps; t++) series[t] += frac[t] * scale;
      } else {
        for (let t = 0; t < timeline.steps; t++) series[t] += demands[i].cpuDemandGhz;
      }
    }
    hostCpuGhz.push(series);
    hostCapacityGhz.push(hostCpuForVms(models.get(h.type)!, o, model));
    yield;
  }
  const overload = yield* overloadRiskSteps(hostCpuGhz, hostCapacityGhz);

  const points = Math.min(CHART_POINTS, timeline.steps);
  const per = timeline.steps / points;
  const labels: string[] = [];
  const loadGhz: number[] = [];
  for (let p = 0; p < points; p++) {
    const a = Math.floor(p * per);
    const b = Math.max(a + 1, Math.floor((p + 1) * per));
    let sum = 0;
    for (let t = a; t < b; t++) for (const s of hostCpuGhz) sum += s[t];
    loadGhz.push(round(sum / (b - a), 3));
    labels.push(new Date((timeline.startSec + a * timeline.stepSec) * 1000).toISOString().replace('.000Z', 'Z'));
  }
  const capacityGhz = hosts.reduce((s, h) => {
    const m = models.get(h.type)!;
    return s + hostCpuCapacity(m, model);
  }, 0);
  const usableCapacityGhz = hosts.reduce((s, h) => s + (h.capacity.cpu_ghz ?? 0), 0);
  return {
    timeline,
    hostCpuGhz,
    hostCapacityGhz,
    overload,
    chart: { labels, loadGhz, capacityGhz: round(capacityGhz, 3), usableCapacityGhz: round(usableCapacityGhz, 3) },
    coveredWorkloads: covered,
  };
}
