import { PlanOptionsSchema, type PlanOptionsInput, type PlanOptions } from './model/options.js';
import type { Workload } from './model/workload.js';
import type { HostModel } from './model/host.js';
import type { Issue, RowAccounting } from './model/issue.js';
import { issue } from './model/messages.js';
import type { PlanResult, PlanHost, PlanVm, EnergySide, Assumption } from './model/plan-result.js';
import { SCHEMA_VERSION } from './model/plan-result.js';
import { sizedCpuUtilization, averageCpuUtilization, cpuCapacityGhz } from './sizing/cpu.js';
import { cpuOverheadFactor, vmMemoryOverheadGiB, hostReserve } from './overhead/overhead.js';
import { CPU_OVERHEAD, TECHNIQUE_EXPLANATION } from './defaults/overhead.js';
import { MEMORY_OVERHEAD, HOST_RESERVE } from './defaults/memory.js';
import { SIZING_DEFAULTS } from './defaults/sizing.js';
import { FACILITY_DEFAULTS } from './defaults/facility.js';
import { BUILTIN_HOSTS, DEFAULT_SOURCE_PROFILE } from './defaults/catalog.js';
import { powerAtUtilization } from './energy/power-curve.js';
import { solvePacking, type PackingProblem, type PackOptions } from './packing/index.js';
import { OptionsError } from './errors.js';

/** Everything plan() needs, already loaded (I/O stays at the edge: see loadPlanInput). */
export interface PlanInput {
  workloads: Workload[];
  /** Target host models; with several, the packer chooses the cheapest mix. */
  hostModels: HostModel[];
  /** Issues found while loading (rejected rows etc.), carried into the result. */
  issues?: Issue[];
  rows?: RowAccounting;
}

export interface PlanRunOptions {
  onProgress?: PackOptions['onProgress'];
  signal?: AbortSignal;
}

export const DIM_CPU = 'cpu_ghz';
export const DIM_MEMORY = 'memory_gib';

const round = (x: number, d = 6) => Math.round(x * 10 ** d) / 10 ** d;

const DIM_LABEL: Record<string, { name: string; unit: string }> = {
  [DIM_CPU]: { name: 'CPU', unit: 'GHz-cores' },
  [DIM_MEMORY]: { name: 'memory', unit: 'GiB' },
};

/**
 * Says which dimension fails everywhere, with units: "memory: needs 2,823.2 GiB, largest host
 * offers 847.9 GiB (after reserve and target)". Returns undefined when no dimension fails
 * outright (the item fits an empty host but no host was available).
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

function energySide(hosts: number, powerWatts: number, o: PlanOptions): EnergySide {
  const facilityPowerWatts = powerWatts * o.pue;
  const annualEnergyKWh = (facilityPowerWatts * FACILITY_DEFAULTS.hoursPerYear.value) / 1000;
  return {
    hosts,
    powerWatts: round(powerWatts, 3),
    facilityPowerWatts: round(facilityPowerWatts, 3),
    annualEnergyKWh: round(annualEnergyKWh, 3),
    annualCostUsd: round(annualEnergyKWh * o.usdPerKwh, 2),
    annualCo2Kg: round((annualEnergyKWh * o.gridGco2PerKwh) / 1000, 3),
  };
}

/** Usable capacity of a host model for VMs: (raw - hypervisor reserve) x target. */
export function usableCapacity(h: HostModel, o: PlanOptions): { cpuGhz: number; memoryGiB: number } {
  const reserve = o.virtualization === 'none' ? { memoryGiB: 0, cpuCores: 0 } : hostReserve(o.hypervisor, h.memoryGiB);
  return {
    cpuGhz: Math.max(0, cpuCapacityGhz(h.cores - reserve.cpuCores, h.cpuGhz) * (o.cpuTarget / 100)),
    memoryGiB: Math.max(0, (h.memoryGiB - reserve.memoryGiB) * (o.memoryTarget / 100)),
  };
}

/**
 * Plans the consolidation: size each workload, add hypervisor overhead, pack onto the hosts,
 * and compare power, energy, cost and CO2 before and after.
 */
export async function plan(input: PlanInput, optionsIn: PlanOptionsInput = {}, run: PlanRunOptions = {}): Promise<PlanResult> {
  const parsed = PlanOptionsSchema.safeParse(optionsIn);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new OptionsError(`invalid option ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  const o = parsed.data;
  if (input.hostModels.length === 0) throw new OptionsError('no host types: give --hosts FILE or --host-type NAME');
  const issues: Issue[] = [...(input.issues ?? [])];
  const assumed = new Set<string>();
  const sourceProfile = BUILTIN_HOSTS.find((h) => h.type === DEFAULT_SOURCE_PROFILE)!;
  const virt = o.virtualization !== 'none';

  // 1. Size and add overhead.
  const vms: PlanVm[] = [];
  const avgCpuGhz = new Map<string, number>();
  for (const w of input.workloads) {
    const vmAssumed = [...(w.assumed ?? [])];
    const ghz = w.cpuGhz ?? SIZING_DEFAULTS.defaultCpuGhz.value;
    if (w.cpuGhz === undefined) {
      vmAssumed.push('cpu_ghz');
      assumed.add('sizing.defaultCpuGhz');
    }
    const sized = sizedCpuUtilization(w, o.peakFactor);
    if (sized.basis === 'avg-x-peak-factor' || sized.basis === 'assumed') assumed.add('sizing.peakFactor');
    if (sized.basis === 'assumed') {
      vmAssumed.push('cpu_util');
      assumed.add('sizing.sourceAvgCpuUtilFraction');
    }
    const capGhz = cpuCapacityGhz(w.cores, ghz);
    const factor = cpuOverheadFactor(o.virtualization, w.workloadClass);
    const cpuNativeGhz = capGhz * sized.fraction;
    const memoryNativeGiB = w.memoryUsedGiB ?? w.memoryGiB;
    const memoryOverheadGiB = virt ? vmMemoryOverheadGiB(o.hypervisor, w.cores, w.memoryGiB) : 0;
    avgCpuGhz.set(w.id, capGhz * averageCpuUtilization(w, o.peakFactor) * factor);
    const classes = w.workloadClass ? Object.entries(w.workloadClass).map(([c, x]) => `${c} ${Math.round(x! * 100)}%`).join(', ') : 'cpu (default)';
    vms.push({
      id: w.id,
      host: null,
      cpuNativeGhz: round(cpuNativeGhz),
      cpuOverheadFactor: round(factor),
      cpuDemandGhz: round(cpuNativeGhz * factor),
      memoryNativeGiB: round(memoryNativeGiB),
      memoryOverheadGiB: round(memoryOverheadGiB),
      memoryDemandGiB: round(memoryNativeGiB + memoryOverheadGiB),
      sizingBasis: sized.basis,
      overheadExplanation: virt
        ? `${o.virtualization} on ${classes}: CPU x${round(factor, 3)}; ${o.hypervisor} memory overhead ${round(memoryOverheadGiB * 1024, 1)} MiB (${MEMORY_OVERHEAD[o.hypervisor].formula})`
        : 'no hypervisor: no CPU or memory overhead',
      assumed: vmAssumed,
    });
  }

  // 2. Pack.
  const problem: PackingProblem = {
    dimensions: [DIM_CPU, DIM_MEMORY],
    items: input.workloads.map((w, i) => {
      const it: PackingProblem['items'][number] = { id: w.id, demand: [vms[i].cpuDemandGhz, vms[i].memoryDemandGiB] };
      if (w.antiAffinity) it.antiAffinity = w.antiAffinity;
      if (w.affinity) it.affinity = w.affinity;
      if (w.site) it.site = w.site;
      return it;
    }),
    hostTypes: input.hostModels.map((h) => {
      const u = usableCapacity(h, o);
      return { type: h.type, capacity: [u.cpuGhz, u.memoryGiB], cost: h.priceUsd > 0 ? h.priceUsd : 1, count: h.count };
    }),
  };
  const packed = await solvePacking(problem, { timeLimitSeconds: o.timeLimit, onProgress: run.onProgress, signal: run.signal });

  // 3. After: each host at its packed average utilization on its power curve.
  const modelByType = new Map(input.hostModels.map((h) => [h.type, h]));
  const hostOf = new Map<string, string>();
  const hosts: PlanHost[] = packed.hosts.map((h) => {
    const m = modelByType.get(h.type)!;
    const cap = problem.hostTypes.find((t) => t.type === h.type)!.capacity;
    for (const id of h.items) hostOf.set(id, h.id);
    const avg = h.items.reduce((s, id) => s + (avgCpuGhz.get(id) ?? 0), 0);
    const cpuUtilization = avg / cpuCapacityGhz(m.cores, m.cpuGhz);
    const fill = { [DIM_CPU]: round(cap[0] > 0 ? h.load[0] / cap[0] : 0), [DIM_MEMORY]: round(cap[1] > 0 ? h.load[1] / cap[1] : 0) };
    const out: PlanHost = {
      id: h.id,
      type: h.type,
      vms: h.items,
      load: { [DIM_CPU]: round(h.load[0]), [DIM_MEMORY]: round(h.load[1]) },
      capacity: { [DIM_CPU]: round(cap[0]), [DIM_MEMORY]: round(cap[1]) },
      fill,
      bindingResource: fill[DIM_CPU] >= fill[DIM_MEMORY] ? DIM_CPU : DIM_MEMORY,
      cpuUtilization: round(Math.min(1, cpuUtilization)),
      memoryUtilization: round(h.load[1] / m.memoryGiB),
      powerWatts: round(powerAtUtilization(m.powerCurveWatts, cpuUtilization), 3),
      priceUsd: m.priceUsd,
    };
    if (h.site) out.site = h.site;
    return out;
  });
  for (const vm of vms) vm.host = hostOf.get(vm.id) ?? null;

  // 4. Before: each source server at its average utilization, measured watts when given.
  const sourcePower = new Map<string, number>();
  for (const w of input.workloads) {
    if (w.measuredWatts !== undefined) sourcePower.set(w.id, w.measuredWatts);
    else {
      assumed.add('power.sourceProfile');
      sourcePower.set(w.id, powerAtUtilization(sourceProfile.powerCurveWatts, averageCpuUtilization(w, o.peakFactor)));
    }
  }
  const unplacedIds = new Set(packed.unplaced.map((u) => u.id));
  const unplaced = packed.unplaced.map((u) => ({ id: u.id, reason: describeUnplaced(u.failures) ?? u.reason, failures: u.failures }));
  for (const u of unplaced) issues.push(issue('plan.unplaced', 'warning', { text: `${u.id}: ${u.reason}` }));
  const physicalSources = input.workloads.filter((w) => !w.isVirtual);
  const beforePower = physicalSources.reduce((s, w) => s + sourcePower.get(w.id)!, 0);
  const leftPower = physicalSources.filter((w) => unplacedIds.has(w.id)).reduce((s, w) => s + sourcePower.get(w.id)!, 0);
  const afterPower = hosts.reduce((s, h) => s + h.powerWatts, 0) + leftPower;
  const before = energySide(physicalSources.length, beforePower, o);
  const after = energySide(hosts.length + physicalSources.filter((w) => unplacedIds.has(w.id)).length, afterPower, o);
  const savings: EnergySide = {
    hosts: before.hosts - after.hosts,
    powerWatts: round(before.powerWatts - after.powerWatts, 3),
    facilityPowerWatts: round(before.facilityPowerWatts - after.facilityPowerWatts, 3),
    annualEnergyKWh: round(before.annualEnergyKWh - after.annualEnergyKWh, 3),
    annualCostUsd: round(before.annualCostUsd - after.annualCostUsd, 2),
    annualCo2Kg: round(before.annualCo2Kg - after.annualCo2Kg, 3),
  };

  const hostsByType: Record<string, number> = {};
  for (const h of hosts) hostsByType[h.type] = (hostsByType[h.type] ?? 0) + 1;
  const placed = input.workloads.length - packed.unplaced.length;

  // 5. Assumptions in force, each with its source.
  const assumptions: Assumption[] = [
    { key: 'virtualization', value: o.virtualization, unit: 'technique', source: TECHNIQUE_EXPLANATION[o.virtualization] },
    { key: `overhead.cpu.${o.virtualization}.cpu`, value: CPU_OVERHEAD[o.virtualization].cpu.factor, unit: 'x native', source: CPU_OVERHEAD[o.virtualization].cpu.source },
  ];
  if (virt) {
    assumptions.push({ key: `overhead.memory.${o.hypervisor}`, value: MEMORY_OVERHEAD[o.hypervisor].formula, unit: 'per VM', source: MEMORY_OVERHEAD[o.hypervisor].source });
    assumptions.push({ key: `reserve.${o.hypervisor}`, value: HOST_RESERVE[o.hypervisor].formula, unit: 'per host', source: HOST_RESERVE[o.hypervisor].source });
  }
  assumptions.push(
    { key: 'headroom.cpuTarget', value: o.cpuTarget, unit: '%', source: SIZING_DEFAULTS.cpuTargetPercent.source },
    { key: 'headroom.memoryTarget', value: o.memoryTarget, unit: '%', source: SIZING_DEFAULTS.memoryTargetPercent.source },
    { key: 'cpu.normalization', value: 'cores x GHz', unit: 'GHz-cores', source: 'vCenter/vCAT convention (MODELS.md §5); ignores IPC differences between CPU generations' },
    { key: 'facility.pue', value: o.pue, unit: 'ratio', source: FACILITY_DEFAULTS.pue.source },
    { key: 'facility.usdPerKwh', value: o.usdPerKwh, unit: 'USD/kWh', source: FACILITY_DEFAULTS.electricityUsdPerKWh.source },
    { key: 'facility.gridGco2PerKwh', value: o.gridGco2PerKwh, unit: 'gCO2/kWh', source: FACILITY_DEFAULTS.gridCarbonGPerKWh.source },
  );
  if (assumed.has('sizing.peakFactor')) assumptions.push({ key: 'sizing.peakFactor', value: o.peakFactor, unit: 'x average', source: SIZING_DEFAULTS.peakFactor.source });
  if (assumed.has('sizing.sourceAvgCpuUtilFraction')) assumptions.push({ key: 'sizing.sourceAvgCpuUtilFraction', value: SIZING_DEFAULTS.sourceAvgCpuUtilFraction.value, unit: 'fraction', source: SIZING_DEFAULTS.sourceAvgCpuUtilFraction.source });
  if (assumed.has('sizing.defaultCpuGhz')) assumptions.push({ key: 'sizing.defaultCpuGhz', value: SIZING_DEFAULTS.defaultCpuGhz.value, unit: 'GHz', source: SIZING_DEFAULTS.defaultCpuGhz.source });
  if (assumed.has('power.sourceProfile')) assumptions.push({ key: 'power.sourceProfile', value: sourceProfile.type, unit: 'SPECpower curve', source: `Servers without measured watts are assumed to draw like ${sourceProfile.name}: ${sourceProfile.source}` });
  for (const m of input.hostModels) {
    assumptions.push({ key: `host.${m.type}.priceUsd`, value: m.priceUsd, unit: 'USD', source: m.priceAssumed ? `Assumption: ${m.source ?? 'built-in catalog'} (MODELS.md §4.1)` : (m.source ?? 'host catalog') });
  }

  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'plan',
    dimensions: problem.dimensions,
    summary: {
      vms: input.workloads.length,
      placed,
      unplaced: packed.unplaced.length,
      hostsUsed: hosts.length,
      hostsLowerBound: packed.hostsLowerBound,
      totalCost: round(packed.totalCost, 2),
      costLowerBound: round(packed.costLowerBound, 2),
      gap: round(packed.gap),
      optimal: packed.optimal,
      algorithm: packed.algorithm,
      boundSource: packed.boundSource,
      hostsByType,
      rows: input.rows ?? { read: 0, accepted: 0, rejected: 0 },
      sourceServers: physicalSources.length,
      consolidationRatio: hosts.length > 0 ? round(placed / hosts.length, 3) : null,
      hostType: input.hostModels.map((h) => h.type).join('+'),
      before,
      after,
      savings,
    },
    options: { ...o } as Record<string, unknown>,
    hosts,
    vms,
    unplaced,
    issues,
    assumptions,
    warnings: packed.warnings,
  };
}
