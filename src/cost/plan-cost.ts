import type { HostModel } from '../model/host.js';
import type { PlanOptions } from '../model/options.js';
import type { Workload, SourceHost } from '../model/workload.js';
import type { EnergySide, PlanHost, OverheadSummarySchema } from '../model/plan-result.js';
import type { PackingProblem, PackingResult } from '../packing/problem.js';
import type { SizedWorkload } from '../sizing/size.js';
import type { z } from 'zod';
import type { ModelDefaults } from '../defaults/registry.js';
import type { VmDemand } from '../overhead/apply.js';
import { BUILTIN_HOSTS } from '../defaults/catalog.js';
import { TECHNIQUE_EXPLANATION } from '../defaults/overhead.js';
import { computeTco, tcoParams, type Tco } from './tco.js';
import { hostReserve, cpuAfterReserve } from '../overhead/overhead.js';
import { hostCpuCapacity } from '../plan-problem.js';
import { describeHosts, compareEnergy } from '../energy/compare.js';
import { round } from '../util/round.js';


/**
 * The host models in force: built-in catalog entries take the model's (possibly overridden)
 * price, memory, curve and embodied carbon; `--host-price-usd` sets the price of every target
 * type. A type from a catalog file without `embodied_kg_co2e` takes the default of its form factor
 * (`embodied.<form factor>.kgCo2e`; `embodied.defaultFormFactor` when it states none).
 */
export function resolveHostModels(hostModels: HostModel[], model: ModelDefaults, o: Pick<PlanOptions, 'hostPriceUsd'>): HostModel[] {
  return hostModels.map((h) => {
    const builtin = BUILTIN_HOSTS.find((b) => b.type === h.type && b.source === h.source);
    const b = builtin ? model.hosts[h.type] : undefined;
    const m: HostModel = b
      ? { ...h, priceUsd: b.priceUsd, memoryGiB: b.memoryGiB, powerCurveWatts: [...b.powerCurveWatts], embodiedKgCo2e: b.embodiedKgCo2e ?? 0 }
      : { ...h, embodiedKgCo2e: h.embodiedKgCo2e ?? (h.reusedFrom !== undefined ? 0 : model.embodied.formFactorKgCo2e[h.formFactor ?? model.embodied.defaultFormFactor]) };
    if (o.hostPriceUsd !== undefined) {
      m.priceUsd = o.hostPriceUsd;
      m.priceAssumed = false;
    }
    return m;
  });
}

/**
 * Registry keys behind the embodied carbon of these host types, as given (before resolution), for
 * the assumptions: a built-in type's own figure; for a catalog type without `embodied_kg_co2e`, the
 * default of its form factor (and the default form factor when it states none).
 */
export function embodiedAssumptionKeys(given: HostModel[], model: ModelDefaults): string[] {
  const keys = new Set<string>();
  for (const h of given) {
    if (h.reusedFrom !== undefined) continue;
    if (BUILTIN_HOSTS.some((b) => b.type === h.type && b.source === h.source)) keys.add(`host.${h.type}.embodiedKgCo2e`);
    else if (h.embodiedKgCo2e === undefined) {
      if (h.formFactor === undefined) keys.add('embodied.defaultFormFactor');
      keys.add(`embodied.${h.formFactor ?? model.embodied.defaultFormFactor}.kgCo2e`);
    }
  }
  return [...keys];
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
      after: {
        hosts: groups,
        itPowerWatts: energy.after.powerWatts,
        leftPhysicalServers: energy.after.hosts - hosts.length,
        leftPhysicalProvisionedWatts: energy.leftProvisionedWatts,
        keptServers: hosts.filter((h) => hostModels.find((m) => m.type === h.type)?.reusedFrom !== undefined).length,
      },
      before: { servers: energy.before.hosts, itPowerWatts: energy.before.powerWatts, provisionedWatts: energy.sourceProvisionedWatts },
    },
    tcoParams(model),
  );
}

/** summary.overhead: the type of its schema (model/plan-result.ts OverheadSummarySchema). */
export type OverheadSummary = z.infer<typeof OverheadSummarySchema>;

/** A packed problem, evaluated: hosts at their utilization, energy before and after, TCO. */
export interface Placement {
  packed: PackingResult;
  problem: PackingProblem;
  hosts: PlanHost[];
  unplacedIds: Set<string>;
  energy: ReturnType<typeof compareEnergy>;
  tco: Tco;
  /** The per-host objective the engine minimized (with --optimize), per type. */
  perHost: Record<string, number> | null;
  /** IT energy of the placement over the observed window, kWh (with --optimize power and time series). */
  observedKWh?: number;
}

/**
 * Evaluates a packing (of the plan or of a counterfactual): each host at its average utilization
 * on its power curve (energy/compare.ts describeHosts), before and after power and energy
 * (compareEnergy, with the same source hosts), and the TCO. Pure.
 */
export function evaluatePlacement(a: {
  packed: PackingResult;
  problem: PackingProblem;
  hostModels: HostModel[];
  workloads: Workload[];
  sized: SizedWorkload[];
  demands: VmDemand[];
  o: PlanOptions;
  model: ModelDefaults;
  sourceHosts?: SourceHost[];
}): Omit<Placement, 'perHost'> {
  const hosts = describeHosts(a.packed, a.problem, a.hostModels, a.demands, a.model);
  const unplacedIds = new Set(a.packed.unplaced.map((u) => u.id));
  const energy = compareEnergy(a.workloads, a.sized, hosts, unplacedIds, a.o, a.model, a.sourceHosts);
  return { packed: a.packed, problem: a.problem, hosts, unplacedIds, energy, tco: planTco(hosts, a.hostModels, energy, a.model) };
}

/**
 * Overhead totals, and hosts/watts/dollars attributable to the hypervisor: this plan minus its
 * `no-virtualization` counterfactual (the same plan with virtualization `none`: same sizing, host
 * types, site pinning and objective, packed as a stage of the plan). Without virtualization the
 * plan is its own baseline. Pure.
 */
export function overheadSummary(a: {
  o: PlanOptions;
  model: ModelDefaults;
  demands: VmDemand[];
  hosts: PlanHost[];
  hostModels: HostModel[];
  energy: { before: EnergySide; after: EnergySide };
  tco: Tco;
  baseline?: Pick<Placement, 'hosts' | 'energy' | 'tco'>;
}): OverheadSummary {
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
  const base = a.baseline ? { hostsUsed: a.baseline.hosts.length, after: a.baseline.energy.after, tcoUsd: a.baseline.tco.totalUsd } : { hostsUsed: a.hosts.length, after: a.energy.after, tcoUsd: a.tco.totalUsd };
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
