import type { Workload } from '../model/workload.js';
import type { HostModel } from '../model/host.js';
import type { PlanOptions } from '../model/options.js';
import type { PlanHost, EnergySide } from '../model/plan-result.js';
import type { PackingProblem, PackingResult } from '../packing/problem.js';
import type { VmDemand } from '../overhead/apply.js';
import type { SizedWorkload } from '../sizing/size.js';
import { FACILITY_DEFAULTS } from '../defaults/facility.js';
import { BUILTIN_HOSTS, DEFAULT_SOURCE_PROFILE } from '../defaults/catalog.js';
import { powerAtUtilization } from './power-curve.js';
import { cpuCapacityGhz } from '../sizing/cpu.js';

const round = (x: number, d = 6) => Math.round(x * 10 ** d) / 10 ** d;

/** Power, facility power, annual energy, cost and CO2 of one side (before or after). */
export function energySide(hosts: number, powerWatts: number, o: PlanOptions): EnergySide {
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

export function diffSides(before: EnergySide, after: EnergySide): EnergySide {
  return {
    hosts: before.hosts - after.hosts,
    powerWatts: round(before.powerWatts - after.powerWatts, 3),
    facilityPowerWatts: round(before.facilityPowerWatts - after.facilityPowerWatts, 3),
    annualEnergyKWh: round(before.annualEnergyKWh - after.annualEnergyKWh, 3),
    annualCostUsd: round(before.annualCostUsd - after.annualCostUsd, 2),
    annualCo2Kg: round(before.annualCo2Kg - after.annualCo2Kg, 3),
  };
}

/** savings / before for each quantity (null when before is 0), for the reports' "-74%" figures. */
export function savingsFractions(before: EnergySide, savings: EnergySide): Record<keyof EnergySide, number | null> {
  const f = (k: keyof EnergySide) => (before[k] > 0 ? round(savings[k] / before[k]) : null);
  return {
    hosts: f('hosts'),
    powerWatts: f('powerWatts'),
    facilityPowerWatts: f('facilityPowerWatts'),
    annualEnergyKWh: f('annualEnergyKWh'),
    annualCostUsd: f('annualCostUsd'),
    annualCo2Kg: f('annualCo2Kg'),
  };
}

/** Each packed host at its average utilization (sum of its VMs' average demand) on its power curve. */
export function describeHosts(packed: PackingResult, problem: PackingProblem, hostModels: HostModel[], vms: VmDemand[]): PlanHost[] {
  const modelByType = new Map(hostModels.map((h) => [h.type, h]));
  const avg = new Map(vms.map((v) => [v.id, v.cpuAvgDemandGhz]));
  return packed.hosts.map((h) => {
    const m = modelByType.get(h.type)!;
    const cap = problem.hostTypes.find((t) => t.type === h.type)!.capacity;
    const avgGhz = h.items.reduce((s, id) => s + (avg.get(id) ?? 0), 0);
    const cpuUtilization = Math.min(1, avgGhz / cpuCapacityGhz(m.cores, m.cpuGhz));
    const load: Record<string, number> = {};
    const capacity: Record<string, number> = {};
    const fill: Record<string, number> = {};
    let binding = problem.dimensions[0];
    problem.dimensions.forEach((d, k) => {
      load[d] = round(h.load[k]);
      capacity[d] = round(cap[k]);
      fill[d] = round(cap[k] > 0 ? h.load[k] / cap[k] : 0);
      if (fill[d] > fill[binding]) binding = d;
    });
    const memIdx = problem.dimensions.indexOf('memory_gib');
    const out: PlanHost = {
      id: h.id,
      type: h.type,
      vms: h.items,
      load,
      capacity,
      fill,
      bindingResource: binding,
      cpuUtilization: round(cpuUtilization),
      memoryUtilization: round(memIdx >= 0 ? h.load[memIdx] / m.memoryGiB : 0),
      powerWatts: round(powerAtUtilization(m.powerCurveWatts, cpuUtilization), 3),
      priceUsd: m.priceUsd,
    };
    if (h.site) out.site = h.site;
    return out;
  });
}

/**
 * Before and after power. Before: each physical source server at its average utilization, from
 * measured `watts` when given, else the default source power profile. After: the new hosts plus
 * any server left physical because it could not be placed.
 */
export function compareEnergy(workloads: Workload[], sized: SizedWorkload[], hosts: PlanHost[], unplacedIds: Set<string>, o: PlanOptions): { before: EnergySide; after: EnergySide; savings: EnergySide; assumptionKeys: Set<string> } {
  const keys = new Set<string>();
  const profile = BUILTIN_HOSTS.find((h) => h.type === DEFAULT_SOURCE_PROFILE)!;
  let beforePower = 0;
  let leftPower = 0;
  let physical = 0;
  let left = 0;
  workloads.forEach((w, i) => {
    if (w.isVirtual) return;
    physical++;
    let p: number;
    if (w.measuredWatts !== undefined) p = w.measuredWatts;
    else {
      keys.add('power.sourceProfile');
      p = powerAtUtilization(profile.powerCurveWatts, sized[i].cpuAvgFraction);
    }
    beforePower += p;
    if (unplacedIds.has(w.id)) {
      leftPower += p;
      left++;
    }
  });
  const before = energySide(physical, beforePower, o);
  const after = energySide(hosts.length + left, hosts.reduce((s, h) => s + h.powerWatts, 0) + leftPower, o);
  return { before, after, savings: diffSides(before, after), assumptionKeys: keys };
}
