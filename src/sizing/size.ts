import type { Workload } from '../model/workload.js';
import type { PlanOptions } from '../model/options.js';
import { defaultModel, type ModelDefaults } from '../defaults/registry.js';
import { sizedCpuUtilization, averageCpuUtilization } from './cpu.js';
import { normalizeCpu } from './normalize.js';
import { sizeSamples, growthFactor } from './samples.js';
import { runSync, type Steps } from '../util/cooperate.js';

/** What a workload needs natively (before hypervisor overhead), in reference units. */
export interface SizedWorkload {
  id: string;
  /** CPU capacity of the source, reference GHz-cores (sizing/normalize.ts). */
  cpuCapacityGhz: number;
  /** Reference GHz-cores per (core x GHz) of the source CPU, and how it was obtained. */
  cpuNormalization?: { factor: number; basis: string };
  /** Sized (p95/peak/...) native CPU demand, GHz-cores. */
  cpuNativeGhz: number;
  /** Average native CPU demand, GHz-cores (for energy). */
  cpuAvgNativeGhz: number;
  /** Average CPU utilization of the source, 0..1 (for "before" power). */
  cpuAvgFraction: number;
  memoryNativeGiB: number;
  /** How the CPU size was obtained: p95, peak, avg-x-peak-factor, assumed, ... */
  basis: string;
  /** Fields whose values were assumed. */
  assumed: string[];
  /** Native CPU demand per time-of-day bucket, GHz-cores (with --profile-buckets and samples). */
  cpuProfileGhz?: number[];
}

/**
 * Sizing stage: one SizedWorkload per workload, plus the keys of the default assumptions used
 * (so the report lists only the assumptions in force). Pure.
 * A workload with utilization samples is sized from them: the `--sizing` statistic (default p95)
 * of its CPU samples and of its memory samples (sizing/samples.ts), and per time-of-day bucket
 * with `--profile-buckets`; otherwise from its summary columns as before. Demand (CPU and memory)
 * is then multiplied by the compound growth `(1 + growth/100) ^ horizonYears`.
 */
export function sizeWorkloads(workloads: Workload[], o: PlanOptions, model: ModelDefaults = defaultModel()): { sized: SizedWorkload[]; assumptionKeys: Set<string> } {
  return runSync(sizeWorkloadsSteps(workloads, o, model));
}

/** `sizeWorkloads` as a cooperative stage: a checkpoint after each workload (util/cooperate.ts). */
export function* sizeWorkloadsSteps(workloads: Workload[], o: PlanOptions, model: ModelDefaults = defaultModel()): Steps<{ sized: SizedWorkload[]; assumptionKeys: Set<string> }> {
  const keys = new Set<string>();
  const sized: SizedWorkload[] = [];
  for (const w of workloads) {
    sized.push(sizeOne(w, o, model, keys));
    yield;
  }
  return { sized, assumptionKeys: keys };
}

function sizeOne(w: Workload, o: PlanOptions, model: ModelDefaults, keys: Set<string>): SizedWorkload {
  {
    const assumed = [...(w.assumed ?? [])];
    const n = normalizeCpu(w.cores, w.cpuGhz, w.cpuModel, model);
    keys.add(n.key);
    if (n.ghzAssumed) {
      assumed.push('cpu_ghz');
      keys.add('sizing.defaultCpuGhz');
    }
    if (n.basis === 'family' || n.basis === 'unknown') assumed.push('cpu_score');
    const cap = n.capacityRefGhz;
    const g = growthFactor(o.growth, o.horizonYears);
    if (g !== 1) keys.add('sizing.growth');
    const fromSamples = w.samples ? sizeSamples(w.samples, o.sizing, o.profileBuckets) : undefined;
    if (fromSamples) {
      keys.add('sizing.statistic');
      let memory = w.memoryUsedGiB ?? w.memoryGiB;
      if (fromSamples.memoryUsedGiB !== undefined) memory = fromSamples.memoryUsedGiB;
      else if (fromSamples.memoryFraction !== undefined) memory = fromSamples.memoryFraction * w.memoryGiB;
      const out: SizedWorkload = {
        id: w.id,
        cpuCapacityGhz: cap,
        cpuNormalization: { factor: n.factor, basis: n.basis },
        cpuNativeGhz: cap * fromSamples.cpuFraction * g,
        cpuAvgNativeGhz: cap * fromSamples.cpuMeanFraction,
        cpuAvgFraction: fromSamples.cpuMeanFraction,
        memoryNativeGiB: memory * g,
        basis: `samples-${o.sizing}`,
        assumed,
      };
      if (fromSamples.cpuProfileFraction) out.cpuProfileGhz = fromSamples.cpuProfileFraction.map((f) => cap * f * g);
      return out;
    }
    const s = sizedCpuUtilization(w, o.peakFactor, model.sizing.sourceAvgCpuUtilFraction);
    if (s.basis === 'avg-x-peak-factor' || s.basis === 'assumed') keys.add('sizing.peakFactor');
    if (s.basis === 'assumed') {
      assumed.push('cpu_util');
      keys.add('sizing.sourceAvgCpuUtilFraction');
    }
    const avg = averageCpuUtilization(w, o.peakFactor, model.sizing.sourceAvgCpuUtilFraction);
    return {
      id: w.id,
      cpuCapacityGhz: cap,
      cpuNormalization: { factor: n.factor, basis: n.basis },
      cpuNativeGhz: cap * s.fraction * g,
      cpuAvgNativeGhz: cap * avg,
      cpuAvgFraction: avg,
      memoryNativeGiB: (w.memoryUsedGiB ?? w.memoryGiB) * g,
      basis: s.basis,
      assumed,
    };
  }
}
