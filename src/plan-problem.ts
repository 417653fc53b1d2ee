import type { Workload } from './model/workload.js';
import type { HostModel } from './model/host.js';
import type { PlanOptions } from './model/options.js';
import type { PackingProblem } from './packing/problem.js';
import type { VmDemand } from './overhead/apply.js';
import { hostReserve, cpuAfterReserve } from './overhead/overhead.js';
import { normalizeCpu } from './sizing/normalize.js';
import { defaultModel, type ModelDefaults } from './defaults/registry.js';
import { OptionsError } from './errors.js';

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

/** Builds the generic packing problem of a plan: items = VM demand vectors, bins = host models. */
export function buildPlanProblem(workloads: Workload[], vms: VmDemand[], hostModels: HostModel[], o: PlanOptions, model: ModelDefaults = defaultModel()): PackingProblem {
  const withVcpus = o.vcpuRatio !== undefined;
  const problem: PackingProblem = {
    dimensions: withVcpus ? [DIM_CPU, DIM_MEMORY, DIM_VCPUS] : [DIM_CPU, DIM_MEMORY],
    items: workloads.map((w, i) => {
      const demand = [vms[i].cpuDemandGhz, vms[i].memoryDemandGiB];
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
      const capacity = [u.cpuGhz, u.memoryGiB];
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

const DIM_LABEL: Record<string, { name: string; unit: string }> = {
  [DIM_CPU]: { name: 'CPU', unit: 'reference GHz-cores' },
  [DIM_MEMORY]: { name: 'memory', unit: 'GiB' },
  [DIM_VCPUS]: { name: 'vCPUs', unit: '' },
};

/**
 * Says which dimension fails everywhere, with units: "memory: needs 2823.2 GiB, largest host
 * offers 847.9 GiB (after reserve and target)". Undefined when no dimension fails outright.
 */
export function describeUnplaced(failures: { hostType: string; dimension: string; demand: number; capacity: number }[]): string | undefined {
  if (!failures.length) return undefined;
  const byDim = new Map<string, { demand: number; capacity: number }>();
  for (const f of failures) {
    const cur = byDim.get(f.dimension);
    byDim.set(f.dimension, { demand: f.demand, capacity: Math.max(cur?.capacity ?? 0, f.capacity) });
  }
  return [...byDim.entries()]
    .map(([d, v]) => {
      const l = DIM_LABEL[d.replace(/@.*$/, '')] ?? { name: d, unit: '' };
      const u = l.unit ? ` ${l.unit}` : '';
      return `${l.name}: needs ${v.demand.toFixed(1)}${u}, largest host offers ${v.capacity.toFixed(1)}${u} (after reserve and target)`;
    })
    .join('; ');
}
