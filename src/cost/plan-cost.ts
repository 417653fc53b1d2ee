import type { Workload } from '../model/workload.js';
import type { HostModel } from '../model/host.js';
import type { PlanOptions } from '../model/options.js';
import type { EnergySide, PlanHost } from '../model/plan-result.js';
import type { ModelDefaults } from '../defaults/registry.js';
import type { VmDemand } from '../overhead/apply.js';
import { BUILTIN_HOSTS } from '../defaults/catalog.js';
import { TECHNIQUE_EXPLANATION } from '../defaults/overhead.js';
import { computeTco, tcoParams, type Tco } from './tco.js';
import { sizeWorkloads } from '../sizing/size.js';
import { applyOverhead } from '../overhead/apply.js';
import { hostReserve, cpuAfterReserve } from '../overhead/overhead.js';
import { buildPlanProblem, hostCpuCapacity } from '../plan-problem.js';
import { solvePacking, type PackOptions } from '../packing/index.js';
import { describeHosts, compareEnergy } from '../energy/compare.js';
import { round } from '../util/round.js';


/**
 * The host models in force: built-in catalog entries take the model's (possibly overridden)
 * price, memory and curve; `--host-price-usd` sets the price of every target type.
 */
export function resolveHostModels(hostModels: HostModel[], model: ModelDefaults, o: Pick<PlanOptions, 'hostPriceUsd'>): HostModel[] {
  return hostModels.map((h) => {
    const builtin = BUILTIN_HOSTS.find((b) => b.type === h.type && b.source === h.source);
    const m = builtin && model.hosts[h.type] ? { ...h, priceUsd: model.hosts[h.type].priceUsd, memoryGiB: model.hosts[h.type].memoryGiB, powerCurveWatts: [...model.hosts[h.type].powerCurveWatts] } : { ...h };
    if (o.hostPriceUsd !== undefined) {
      m.priceUsd = o.hostPriceUsd;
      m.priceAssumed = false;
    }
    return m;
  });
}

/** TCO of a plan from its hosts and energy (summary.tco). */
export function planTco(hosts: PlanHost[], hostModels: HostModel[], energy: { before: EnergySide; after: EnergySide; sourceProvisionedWatts: number; leftProvisionedWatts: number }, model: ModelDefaults): Tco {
  const byType = new Map<string, number>();
  for (const h of hosts) byType.set(h.type, (byType.get(h.type) ?? 0) + 1);
  const groups = [...byType.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([type, count]) => {
      const m = hostModels.find((x) => x.type === type)!;
      return { type, count, priceUsd: m.priceUsd, cores: m.cores, sockets: m.sockets ?? 2, provisionedWatts: m.powerCurveWatts[10] };
    });
  return computeTco(
    {
      after: { hosts: groups, itPowerWatts: energy.after.powerWatts, leftPhysicalServers: energy.after.hosts - hosts.length, leftPhysicalProvisionedWatts: energy.leftProvisionedWatts },
      before: { servers: energy.before.hosts, itPowerWatts: energy.before.powerWatts, provisionedWatts: energy.sourceProvisionedWatts },
    },
    tcoParams(model),
  );
}

export interface OverheadSummary {
  virtualization: string;
  hypervisor: string | null;
  explanation: string;
  /** Sized native CPU of all VMs, reference GHz-cores. */
  cpuNativeGhz: number;
  /** Same, with the technique's CPU factors applied. */
  cpuDemandGhz: number;
  cpuAddedGhz: number;
  /** cpuAddedGhz / cpuNativeGhz. */
  cpuAddedFraction: number;
  /** Sum of per-VM memory overhead, GiB. */
  vmMemoryOverheadGiB: number;
  /** Hypervisor reserve over the hosts used: memory GiB and CPU reference GHz-cores. */
  hostReserveMemoryGiB: number;
  hostReserveCpuGhz: number;
  /** The same plan with virtualization `none` (no overhead, no reserve). */
  baseline: { virtualization: 'none'; hostsUsed: number; powerWatts: number; annualEnergyKWh: number; annualCostUsd: number; tcoUsd: number };
  /** What the hypervisor overhead costs: this plan minus the baseline (hosts counts new hosts plus servers left physical). */
  attributable: { hosts: number; powerWatts: number; annualEnergyKWh: number; annualCostUsd: number; annualCo2Kg: number; tcoUsd: number };
}

/**
 * Overhead totals, and hosts/watts/dollars attributable to the hypervisor: the plan is re-packed
 * with virtualization `none` (same inputs, same packer and time limit) and the difference taken.
 */
export async function overheadSummary(a: {
  workloads: Workload[];
  hostModels: HostModel[];
  o: PlanOptions;
  model: ModelDefaults;
  demands: VmDemand[];
  hosts: PlanHost[];
  energy: { before: EnergySide; after: EnergySide };
  tco: Tco;
  run: { signal?: AbortSignal; onProgress?: PackOptions['onProgress'] };
}): Promise<OverheadSummary> {
  const { o, model } = a;
  const virt = o.virtualization !== 'none';
  const cpuNative = a.demands.reduce((s, v) => s + v.cpuNativeGhz, 0);
  const cpuDemand = a.demands.reduce((s, v) => s + v.cpuDemandGhz, 0);
  let resMem = 0;
  let resCpu = 0;
  if (virt) {
    for (const h of a.hosts) {
      const m = a.hostModels.find((x) => x.type === h.type)!;
      const r = hostReserve(o.hypervisor, m.memoryGiB, model.hostReserve);
      const raw = hostCpuCapacity(m, model);
      resMem += r.memoryGiB;
      resCpu += raw - cpuAfterReserve(raw, m.cores, r);
    }
  }
  let base = { hostsUsed: a.hosts.length, after: a.energy.after, tcoUsd: a.tco.totalUsd };
  if (virt) {
    const ob: PlanOptions = { ...o, virtualization: 'none' };
    const mb: ModelDefaults = { ...model, plan: { ...model.plan, virtualization: 'none' } };
    const { sized } = sizeWorkloads(a.workloads, ob, mb);
    const d = applyOverhead(a.workloads, sized, ob, mb);
    const problem = buildPlanProblem(a.workloads, d, a.hostModels, ob, mb);
    const packed = await solvePacking(problem, { timeLimitSeconds: o.timeLimit, signal: a.run.signal });
    const hosts = describeHosts(packed, problem, a.hostModels, d, mb);
    const e = compareEnergy(a.workloads, sized, hosts, new Set(packed.unplaced.map((u) => u.id)), ob, mb);
    base = { hostsUsed: hosts.length, after: e.after, tcoUsd: planTco(hosts, a.hostModels, e, mb).totalUsd };
  }
  const after = a.energy.after;
  return {
    virtualization: o.virtualization,
    hypervisor: virt ? o.hypervisor : null,
    explanation: TECHNIQUE_EXPLANATION[o.virtualization],
    cpuNativeGhz: round(cpuNative, 3),
    cpuDemandGhz: round(cpuDemand, 3),
    cpuAddedGhz: round(cpuDemand - cpuNative, 3),
    cpuAddedFraction: cpuNative > 0 ? round((cpuDemand - cpuNative) / cpuNative, 4) : 0,
    vmMemoryOverheadGiB: round(a.demands.reduce((s, v) => s + v.memoryOverheadGiB, 0), 3),
    hostReserveMemoryGiB: round(resMem, 3),
    hostReserveCpuGhz: round(resCpu, 3),
    baseline: { virtualization: 'none', hostsUsed: base.hostsUsed, powerWatts: base.after.powerWatts, annualEnergyKWh: base.after.annualEnergyKWh, annualCostUsd: base.after.annualCostUsd, tcoUsd: base.tcoUsd },
    attributable: {
      // Machines running after the move, new hosts plus servers left physical because they no longer fit.
      hosts: after.hosts - base.after.hosts,
      powerWatts: round(after.powerWatts - base.after.powerWatts, 3),
      annualEnergyKWh: round(after.annualEnergyKWh - base.after.annualEnergyKWh, 3),
      annualCostUsd: round(after.annualCostUsd - base.after.annualCostUsd, 2),
      annualCo2Kg: round(after.annualCo2Kg - base.after.annualCo2Kg, 3),
      tcoUsd: round(a.tco.totalUsd - base.tcoUsd, 2),
    },
  };
}
