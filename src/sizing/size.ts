import type { Workload } from '../model/workload.js';
import type { PlanOptions } from '../model/options.js';
import type { PlanSummary, SizingFactor, SizingTrail } from '../model/plan-result.js';
import { defaultModel, type ModelDefaults } from '../defaults/registry.js';
import { sizedCpuUtilization, averageCpuUtilization } from './cpu.js';
import { normalizeCpu } from './normalize.js';
import { sizeSamples, growthFactor } from './samples.js';
import { runSync, type Steps } from '../util/cooperate.js';
import { chooseMemory, type MemoryMeasures } from './memory.js';
import { round } from '../util/round.js';
import { ioDimensions, sizeIo, type IoDimension } from '../plan-io.js';

/** The sizing trail before the hypervisor overhead is known (overhead/apply.ts completes it). */
export interface NativeTrail {
  cpu: Omit<SizingTrail['cpu'], 'demandGhz'>;
  memory: Omit<SizingTrail['memory'], 'overheadGiB' | 'demandGiB'>;
  /** Disk and network dimensions asked with --dimensions (no hypervisor overhead: complete here). */
  io?: SizingTrail['io'];
}

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
  /** How the CPU size was obtained: p95, peak, avg-x-peak-factor, snapshot-x-peak-factor, assumed, samples-p95, ... */
  basis: string;
  /** Fields whose values were assumed (each once). */
  assumed: string[];
  /** Native CPU demand per time-of-day bucket, GHz-cores (with --profile-buckets and samples). */
  cpuProfileGhz?: number[];
  /** Demand per disk or network dimension asked with --dimensions, by packing dimension key. */
  ioDemand?: Record<string, number>;
  /** How CPU and memory were sized, step by step. */
  trail: NativeTrail;
}

const pct = (f: number) => f * 100;

/**
 * Sizing stage: one SizedWorkload per workload, plus the keys of the default assumptions used
 * (so the report lists only the assumptions in force). Pure.
 *
 * CPU: a workload with utilization samples is sized from them: the `--sizing` statistic (default
 * p95) of its CPU samples, and per time-of-day bucket with `--profile-buckets`; otherwise from its
 * summary columns (p95, else peak, else average x peak factor; sizing/cpu.ts). A point-in-time
 * snapshot (RVTools) is an average, sized with the peak factor.
 * Memory: by the memory policy (`--memory-sizing`, sizing/memory.ts) from the configured, used
 * (samples' statistic, or the inventory's figure) and active memory; the comfort factor multiplies
 * measured memory only.
 * Demand (CPU and memory) is then multiplied by the compound growth `(1 + growth/100) ^ horizonYears`.
 */
export function sizeWorkloads(workloads: Workload[], o: PlanOptions, model: ModelDefaults = defaultModel()): { sized: SizedWorkload[]; assumptionKeys: Set<string> } {
  return runSync(sizeWorkloadsSteps(workloads, o, model));
}

/** `sizeWorkloads` as a cooperative stage: a checkpoint after each workload (util/cooperate.ts). */
export function* sizeWorkloadsSteps(workloads: Workload[], o: PlanOptions, model: ModelDefaults = defaultModel()): Steps<{ sized: SizedWorkload[]; assumptionKeys: Set<string> }> {
  const keys = new Set<string>(['sizing.memoryPolicy']);
  const sized: SizedWorkload[] = [];
  const io = ioDimensions(o.dimensions);
  for (const w of workloads) {
    sized.push(sizeOne(w, o, model, keys, io));
    yield;
  }
  return { sized, assumptionKeys: keys };
}

function sizeOne(w: Workload, o: PlanOptions, model: ModelDefaults, keys: Set<string>, ioDims: readonly IoDimension[] = []): SizedWorkload {
  const assumed = new Set(w.assumed ?? []);
  const n = normalizeCpu(w.cores, w.cpuGhz, w.cpuModel, model);
  keys.add(n.key);
  if (n.ghzAssumed) {
    assumed.add('cpu_ghz');
    keys.add('sizing.defaultCpuGhz');
  }
  if (n.basis === 'family' || n.basis === 'unknown') assumed.add('cpu_score');
  const cap = n.capacityRefGhz;
  const g = growthFactor(o.growth, o.horizonYears);
  if (g !== 1) keys.add('sizing.growth');
  const growth: SizingFactor[] = g !== 1 ? [{ what: `growth ${o.growth}%/year over ${o.horizonYears} years`, key: 'sizing.growth', value: round(g) }] : [];
  const normalization: SizingFactor = { what: `CPU normalization (${n.basis})`, key: n.key, value: round(n.factor) };
  const fromSamples = w.samples ? sizeSamples(w.samples, o.sizing, o.profileBuckets) : undefined;

  // ---- CPU ----
  let cpuFraction: number;
  let avgFraction: number;
  let basis: string;
  let source: SizingTrail['cpu']['source'];
  let capped = false;
  const cpuFactors: SizingFactor[] = [normalization];
  if (fromSamples) {
    keys.add('sizing.statistic');
    cpuFraction = fromSamples.cpuFraction;
    avgFraction = fromSamples.cpuMeanFraction;
    basis = `samples-${o.sizing}`;
    source = { field: `CPU samples (${o.sizing} of ${fromSamples.samples})`, value: round(pct(cpuFraction)), unit: '%' };
  } else {
    const s = sizedCpuUtilization(w, o.peakFactor, model.sizing.sourceAvgCpuUtilFraction);
    cpuFraction = s.fraction;
    capped = s.capped;
    avgFraction = averageCpuUtilization(w, o.peakFactor, model.sizing.sourceAvgCpuUtilFraction);
    basis = s.basis;
    if (s.basis === 'avg-x-peak-factor' || s.basis === 'assumed') {
      keys.add('sizing.peakFactor');
      cpuFactors.push({ what: 'peak factor (p95 from an average)', key: 'sizing.peakFactor', value: o.peakFactor });
    }
    if (s.basis === 'p95') source = { field: w.cpuUtilField ?? 'cpu_util_p95_pct', value: round(pct(w.cpuUtilP95Fraction!)), unit: '%' };
    else if (s.basis === 'peak') source = { field: w.cpuUtilField ?? 'cpu_util_peak_pct', value: round(pct(w.cpuUtilPeakFraction!)), unit: '%' };
    else if (s.basis === 'avg-x-peak-factor') {
      if (w.cpuUtilSource) {
        source = { field: w.cpuUtilSource.field, value: w.cpuUtilSource.value, unit: w.cpuUtilSource.unit };
        if (w.snapshot) basis = 'snapshot-x-peak-factor';
      } else source = { field: w.cpuUtilField ?? 'cpu_util_avg_pct', value: round(pct(w.cpuUtilAvgFraction!)), unit: '%' };
    } else {
      assumed.add('cpu_util');
      keys.add('sizing.sourceAvgCpuUtilFraction');
      source = { field: 'assumed: sizing.sourceAvgCpuUtilFraction', value: round(pct(model.sizing.sourceAvgCpuUtilFraction)), unit: '%' };
    }
  }
  cpuFactors.push(...growth);
  const cpuNativeGhz = cap * cpuFraction * g;

  // ---- memory ----
  const measures: MemoryMeasures = { configuredGiB: w.memoryGiB, configuredAssumed: assumed.has('memory_gb'), isVirtual: w.isVirtual === true };
  let memMethod: SizingTrail['memory']['statisticMethod'];
  const sketched = fromSamples?.method.method === 'sketch' ? fromSamples.method : undefined;
  if (fromSamples?.memoryUsedGiB !== undefined) {
    measures.usedGiB = fromSamples.memoryUsedGiB;
    measures.usedField = `memory samples (${o.sizing})`;
    memMethod = sketched ? { method: 'sketch', relativeError: sketched.memoryRelativeError } : { method: 'exact' };
  } else if (fromSamples?.memoryFraction !== undefined) {
    measures.usedGiB = fromSamples.memoryFraction * w.memoryGiB;
    measures.usedField = `memory_pct samples (${o.sizing}) x configured memory`;
    memMethod = sketched ? { method: 'sketch', errorBoundPoints: sketched.cpuErrorPoints } : { method: 'exact' };
  } else if (w.memoryUsedGiB !== undefined) {
    measures.usedGiB = w.memoryUsedGiB;
    measures.usedField = w.memoryUsedField ?? 'memory_used_gb';
  }
  if (w.memoryActiveGiB !== undefined) {
    measures.activeGiB = w.memoryActiveGiB;
    measures.activeField = w.memoryActiveField ?? 'active memory';
  }
  const mem = chooseMemory(measures, o.memorySizing, o.comfortFactor);
  const memFactors: SizingFactor[] = [];
  if (mem.comfortFactor !== undefined) {
    keys.add('sizing.comfortFactor');
    memFactors.push({ what: `comfort factor on ${mem.basis} memory`, key: 'sizing.comfortFactor', value: mem.comfortFactor });
  }
  memFactors.push(...growth);
  const memoryNativeGiB = mem.giB * g;

  // ---- disk and network (--dimensions) ----
  const io = ioDims.length ? sizeIo(w, ioDims, o.sizing, growth) : undefined;
  if (io) for (const x of io) if (x.basis === 'missing') assumed.add(x.dimension);

  const trail: NativeTrail = {
    cpu: {
      basis,
      ...(source ? { source } : {}),
      cores: w.cores,
      ghz: round(n.ghz),
      capacityRefGhz: round(cap),
      sizedUtilizationFraction: round(cpuFraction),
      ...(capped ? { capped: true } : {}),
      ...(fromSamples ? { statisticMethod: sketched ? { method: 'sketch' as const, errorBoundPoints: sketched.cpuErrorPoints, ...(sketched.profileFrom ? { profileFrom: sketched.profileFrom } : {}) } : { method: 'exact' as const } } : {}),
      factors: cpuFactors,
      nativeGhz: round(cpuNativeGhz),
    },
    memory: {
      policy: o.memorySizing,
      basis: mem.basis,
      configuredGiB: round(w.memoryGiB),
      ...(measures.configuredAssumed ? { configuredAssumed: true } : {}),
      ...(measures.usedGiB !== undefined ? { usedGiB: round(measures.usedGiB), usedField: measures.usedField! } : {}),
      ...(memMethod ? { statisticMethod: memMethod } : {}),
      ...(measures.activeGiB !== undefined ? { activeGiB: round(measures.activeGiB), activeField: measures.activeField! } : {}),
      ...(mem.comfortFactor !== undefined ? { comfortFactor: mem.comfortFactor } : {}),
      ...(mem.cappedAtConfigured ? { cappedAtConfigured: true } : {}),
      ...(mem.fallback ? { fallback: mem.fallback } : {}),
      factors: memFactors,
      nativeGiB: round(memoryNativeGiB),
    },
    ...(io ? { io } : {}),
  };
  const out: SizedWorkload = {
    id: w.id,
    cpuCapacityGhz: cap,
    cpuNormalization: { factor: n.factor, basis: n.basis },
    cpuNativeGhz,
    cpuAvgNativeGhz: cap * avgFraction,
    cpuAvgFraction: avgFraction,
    memoryNativeGiB,
    basis,
    assumed: [...assumed],
    ...(io ? { ioDemand: Object.fromEntries(io.map((x) => [x.dimension, x.demand])) } : {}),
    trail,
  };
  if (fromSamples?.cpuProfileFraction) out.cpuProfileGhz = fromSamples.cpuProfileFraction.map((f) => cap * f * g);
  return out;
}

/** summary.memorySizing: workloads per memory basis and the totals (configured, sized). */
export function memorySizingSummary(sized: SizedWorkload[], o: Pick<PlanOptions, 'memorySizing' | 'comfortFactor'>): NonNullable<PlanSummary['memorySizing']> {
  const workloads = { configured: 0, used: 0, active: 0 };
  let configured = 0;
  let native = 0;
  for (const s of sized) {
    workloads[s.trail.memory.basis]++;
    configured += s.trail.memory.configuredGiB;
    native += s.memoryNativeGiB;
  }
  return { policy: o.memorySizing, comfortFactor: o.comfortFactor, workloads, configuredGiB: round(configured, 3), sizedGiB: round(native, 3) };
}
