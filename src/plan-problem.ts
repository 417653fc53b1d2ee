import type { Workload } from './model/workload.js';
import type { HostModel } from './model/host.js';
import type { PlanOptions } from './model/options.js';
import type { PackingProblem, UnplacedItem } from './packing/problem.js';
import type { VmDemand } from './overhead/apply.js';
import { hostReserve, cpuAfterReserve } from './overhead/overhead.js';
import { normalizeCpu } from './sizing/normalize.js';
import { defaultModel, type ModelDefaults } from './defaults/registry.js';
import { OptionsError } from './errors.js';
import { tooLargeFromFailures, unplacedReason } from './model/engine-messages.js';
import { renderUnplacedReason, type UnplacedReason } from './model/messages.js';
import { IO_DIMENSIONS, ioDimensions, hostIoCapacity } from './plan-io.js';

export const DIM_CPU = 'cpu_ghz';
export const DIM_MEMORY = 'memory_gib';
export const DIM_VCPUS = 'vcpus';

/** Raw CPU capacity of a host model in reference GHz-cores (sizing/normalize.ts). */
export function hostCpuCapacity(h: HostModel, model: ModelDefaults = defaultModel()): number {
  return normalizeCpu(h.cores, h.cpuGhz, h.cpuModel, model).capacityRefGhz;
}

/** Usable capacity of a host model for VMs: (raw - hypervisor reserve) x target, CPU in reference GHz-cores. */
export function usableCapacity(h: HostModel, o: PlanOptions, model: ModelDefaults = defaultModel()): { cpuGhz: number; memoryGiB: number } {
  const reserve = o.virtualization === 'none' ? { memoryGiB: 0, cpuCores: 0, cpuFraction: 0 } : hostReserve(o.hypervisor, h.memoryGiB, model.hostReserve);
  return {
    cpuGhz: cpuAfterReserve(hostCpuCapacity(h, model), h.cores, reserve) * (o.cpuTarget / 100),
    memoryGiB: Math.max(0, (h.memoryGiB - reserve.memoryGiB) * (o.memoryTarget / 100)),
  };
}

/** Name of time-profile bucket `b` of CPU: `cpu_ghz@00`, `cpu_ghz@01`, ... */
export function profileDimension(b: number): string {
  return `${DIM_CPU}@${String(b).padStart(2, '0')}`;
}

/**
 * Builds the generic packing problem of a plan: items = VM demand vectors, bins = host models.
 * When VMs carry a time profile (--profile-buckets N), CPU is packed per bucket instead of as one
 * figure: the dimensions are `memory_gib, cpu_ghz@00 .. cpu_ghz@NN` (then `vcpus`), and a VM
 * without a profile demands its sized CPU in every bucket.
 */
export function buildPlanProblem(workloads: Workload[], vms: VmDemand[], hostModels: HostModel[], o: PlanOptions, model: ModelDefaults = defaultModel()): PackingProblem {
  const withVcpus = o.vcpuRatio !== undefined;
  const buckets = o.profileBuckets > 0 && vms.some((v) => v.cpuProfileDemandGhz) ? o.profileBuckets : 0;
  const io = ioDimensions(o.dimensions);
  const dims = buckets ? [DIM_MEMORY, ...Array.from({ length: buckets }, (_, b) => profileDimension(b))] : [DIM_CPU, DIM_MEMORY];
  dims.push(...io.map((d) => d.key));
  if (withVcpus) dims.push(DIM_VCPUS);
  const problem: PackingProblem = {
    dimensions: dims,
    items: workloads.map((w, i) => {
      const v = vms[i];
      const demand = buckets ? [v.memoryDemandGiB, ...Array.from({ length: buckets }, (_, b) => v.cpuProfileDemandGhz?.[b] ?? v.cpuDemandGhz)] : [v.cpuDemandGhz, v.memoryDemandGiB];
      for (const d of io) demand.push(v.ioDemand?.[d.key] ?? 0);
      if (withVcpus) demand.push(w.cores);
      const it: PackingProblem['items'][number] = { id: w.id, demand };
      if (w.antiAffinity) it.antiAffinity = w.antiAffinity;
      if (w.affinity) it.affinity = w.affinity;
      if (w.site) it.site = w.site;
      return it;
    }),
    hostTypes: hostModels.map((h) => {
      const u = usableCapacity(h, o, model);
      if (!(u.cpuGhz > 0) || !(u.memoryGiB > 0)) {
        throw new OptionsError(`host type ${h.type} has no capacity left for VMs after the ${o.hypervisor} reserve and targets (CPU ${u.cpuGhz.toFixed(2)} reference GHz-cores, memory ${u.memoryGiB.toFixed(2)} GiB); choose a larger host or --virtualization none`);
      }
      const capacity = buckets ? [u.memoryGiB, ...Array.from({ length: buckets }, () => u.cpuGhz)] : [u.cpuGhz, u.memoryGiB];
      for (const d of io) capacity.push(hostIoCapacity(h, d, model).capacity);
      if (withVcpus) capacity.push(h.cores * o.vcpuRatio!);
      return { type: h.type, capacity, cost: h.priceUsd > 0 ? h.priceUsd : 1, count: h.count };
    }),
  };
  if (o.maxVmsPerHost !== undefined || o.ha > 0) {
    problem.constraints = {};
    if (o.maxVmsPerHost !== undefined) problem.constraints.maxItemsPerHost = o.maxVmsPerHost;
    if (o.ha > 0) problem.constraints.ha = o.ha;
  }
  return problem;
}

/**
 * With a time profile the packing dimensions are per bucket; so that reports keep one CPU
 * figure, each host also gets `cpu_ghz` = its busiest bucket (load, capacity and fill). Not a
 * packing dimension. Returns new host records (the same ones without a profile).
 */
export function profileHostSummary<H extends { load: Record<string, number>; capacity: Record<string, number>; fill: Record<string, number> }>(hosts: H[], problem: PackingProblem): H[] {
  const dims = problem.dimensions.filter((d) => d.startsWith(`${DIM_CPU}@`));
  if (!dims.length) return hosts;
  return hosts.map((h) => {
    let best = dims[0];
    for (const d of dims) if (h.fill[d] > h.fill[best]) best = d;
    return { ...h, load: { ...h.load, [DIM_CPU]: h.load[best] }, capacity: { ...h.capacity, [DIM_CPU]: h.capacity[best] }, fill: { ...h.fill, [DIM_CPU]: h.fill[best] } };
  });
}

/**
 * The same problem with every host type's CPU capacity (`cpu_ghz`, or each time bucket
 * `cpu_ghz@NN`) multiplied by `factor`: the problem at another CPU target (target x factor), as
 * the overload-risk search packs it. Items are shared, not copied; nothing is mutated.
 * @example a host type with cpu_ghz capacity 80 at factor 1.25 offers 100
 */
export function scaleCpuCapacity(problem: PackingProblem, factor: number): PackingProblem {
  if (factor === 1) return problem;
  const cpu = problem.dimensions.map((d) => d === DIM_CPU || d.startsWith(`${DIM_CPU}@`));
  return { ...problem, hostTypes: problem.hostTypes.map((t) => ({ ...t, capacity: t.capacity.map((c, k) => (cpu[k] ? c * factor : c)) })) };
}

/**
 * The same problem offering only some of its host types (in their order): how a counterfactual
 * (a single type, buying new only) derives its problem from the plan's. Items are shared, not
 * copied; nothing is mutated.
 */
export function restrictHostTypes(problem: PackingProblem, types: readonly string[]): PackingProblem {
  const keep = new Set(types);
  return { ...problem, hostTypes: problem.hostTypes.filter((t) => keep.has(t.type)) };
}

const DIM_LABEL: Record<string, { name: string; unit: string }> = {
  [DIM_CPU]: { name: 'CPU', unit: 'reference GHz-cores' },
  [DIM_MEMORY]: { name: 'memory', unit: 'GiB' },
  [DIM_VCPUS]: { name: 'vCPUs', unit: '' },
  ...Object.fromEntries(IO_DIMENSIONS.map((d) => [d.key, { name: d.label, unit: d.unit }])),
};

/** Display name and unit of a plan dimension (a time bucket `cpu_ghz@03` is CPU); raw name otherwise. */
export function planDimensionLabel(d: string): { name: string; unit: string } {
  return DIM_LABEL[d.replace(/@.*$/, '')] ?? { name: d, unit: '' };
}

/**
 * Says which dimension fails everywhere, with units: "memory: needs 2823.2 GiB, largest host
 * offers 847.9 GiB (after reserve and target)". Undefined when no dimension fails outright.
 */
export function describeUnplaced(failures: { hostType: string; dimension: string; demand: number; capacity: number }[]): string | undefined {
  if (!failures.length) return undefined;
  const r = tooLargeFromFailures(failures, planDimensionLabel, true);
  return r ? renderUnplacedReason(r) : undefined;
}

/** Dimensions a plan adds for its own bookkeeping (site pinning of kept servers, `site@fra`): never shown as a reason. */
export const isInternalDimension = (d: string) => d.startsWith('site@');

/**
 * The reason a plan gives for an unplaced workload, in user terms: the engine's per-type failures
 * without the host types the workload cannot use (a kept server pinned to another site) and
 * without internal dimensions. A resource every usable type lacks is `too-large`, naming the
 * largest usable capacity (after reserve and targets); otherwise `no-single-type` over the usable
 * types. Reasons other than size (host counts, affinity) are the engine's.
 */
export function planUnplacedReason(u: UnplacedItem, problem: PackingProblem): UnplacedReason {
  const r = u.reason;
  if (r.code !== 'unplaced.too-large' && r.code !== 'unplaced.no-single-type') return unplacedReason(u, planDimensionLabel, true);
  const group = r.args.affinityGroup ? { affinityGroup: r.args.affinityGroup } : {};
  const internal = problem.dimensions.map((d, k) => (isInternalDimension(d) ? k : -1)).filter((k) => k >= 0);
  const item = problem.items.find((it) => it.id === u.id);
  const usable = new Set(problem.hostTypes.filter((t) => !item || internal.every((k) => item.demand[k] <= t.capacity[k])).map((t) => t.type));
  const failures = u.failures.filter((f) => usable.has(f.hostType) && !isInternalDimension(f.dimension));
  const tooLarge = tooLargeFromFailures(failures, planDimensionLabel, true);
  if (tooLarge) return tooLarge.code === 'unplaced.too-large' ? { code: 'unplaced.too-large', args: { ...tooLarge.args, ...group } } : tooLarge;
  if (failures.length) return { code: 'unplaced.no-single-type', args: { types: failures, ...group } };
  return { code: 'unplaced.no-host-left', args: {} };
}
