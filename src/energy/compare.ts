import type { Workload, SourceHost } from '../model/workload.js';
import type { HostModel } from '../model/host.js';
import type { PlanOptions } from '../model/options.js';
import type { PlanHost, EnergySide, Assumption } from '../model/plan-result.js';
import type { PackingProblem, PackingResult } from '../packing/problem.js';
import type { VmDemand } from '../overhead/apply.js';
import type { SizedWorkload } from '../sizing/size.js';
import { defaultModel, type ModelDefaults } from '../defaults/registry.js';
import { powerAtUtilization } from './power-curve.js';
import { normalizeCpu } from '../sizing/normalize.js';
import { commonGrid, observedEnergySteps, type ObservedEnergy, type ObservedHostInput } from './observed.js';
import { runSync, type Steps } from '../util/cooperate.js';
import { round } from '../util/round.js';
import { hostFill } from '../model/host-fill.js';
import { matchCatalogModel } from './model-match.js';


/**
 * The power curve of a source server without measured watts: the built-in host with the same CPU
 * model and core count (e.g. an 8-core Xeon E5440 server draws like the Fujitsu RX300 S4), else
 * the built-in host of the same vendor and model (a vHost "HPE" "ProLiant DL380 Gen10" draws like
 * the catalog's DL380 Gen10; energy/model-match.ts), else the default source profile
 * (`power.sourceProfile`). Returns the host type used and how it was matched, for the assumptions.
 */
export function sourcePowerProfile(w: Pick<Workload, 'cpuModel' | 'cores'> & { vendor?: string; model?: string }, model: ModelDefaults): { type: string; curveWatts: number[]; match: 'cpu-model' | 'vendor-model' | 'default' } {
  const norm = (x: string | undefined) => (x ?? '').toLowerCase().replace(/\(r\)|\(tm\)|cpu|@.*$/g, ' ').replace(/\s+/g, ' ').trim();
  if (w.cpuModel) {
    const m = norm(w.cpuModel);
    const same = Object.values(model.hosts)
      .filter((h) => h.cpuModel && norm(h.cpuModel) === m && h.cores === w.cores)
      // measured curves before constructed ones, then by type
      .sort((a, b) => Number(/CONSTRUCTED/.test(a.source ?? '')) - Number(/CONSTRUCTED/.test(b.source ?? '')) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
    if (same.length) return { type: same[0].type, curveWatts: same[0].powerCurveWatts, match: 'cpu-model' };
  }
  const byModel = matchCatalogModel(w.vendor, w.model, Object.values(model.hosts));
  if (byModel) return { type: byModel.type, curveWatts: byModel.powerCurveWatts, match: 'vendor-model' };
  const p = model.hosts[model.plan.sourceProfile];
  return { type: p.type, curveWatts: p.powerCurveWatts, match: 'default' };
}

/** Power, facility power, annual energy, cost and CO2 of one side (before or after). */
export function energySide(hosts: number, powerWatts: number, o: PlanOptions, model: ModelDefaults = defaultModel()): EnergySide {
  const facilityPowerWatts = powerWatts * o.pue;
  const annualEnergyKWh = (facilityPowerWatts * model.facility.hoursPerYear) / 1000;
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
  const out: EnergySide = {
    hosts: before.hosts - after.hosts,
    powerWatts: round(before.powerWatts - after.powerWatts, 3),
    facilityPowerWatts: round(before.facilityPowerWatts - after.facilityPowerWatts, 3),
    annualEnergyKWh: round(before.annualEnergyKWh - after.annualEnergyKWh, 3),
    annualCostUsd: round(before.annualCostUsd - after.annualCostUsd, 2),
    annualCo2Kg: round(before.annualCo2Kg - after.annualCo2Kg, 3),
  };
  if (before.observedEnergyKWh !== undefined && after.observedEnergyKWh !== undefined) out.observedEnergyKWh = round(before.observedEnergyKWh - after.observedEnergyKWh, 6);
  return out;
}

/** savings / before for each quantity (null when before is 0), for the reports' "-74%" figures. */
export function savingsFractions(before: EnergySide, savings: EnergySide): Record<Exclude<keyof EnergySide, 'observedEnergyKWh'>, number | null> & { observedEnergyKWh?: number | null } {
  const f = (k: keyof EnergySide) => ((before[k] ?? 0) > 0 ? round((savings[k] ?? 0) / before[k]!) : null);
  return {
    hosts: f('hosts'),
    powerWatts: f('powerWatts'),
    facilityPowerWatts: f('facilityPowerWatts'),
    annualEnergyKWh: f('annualEnergyKWh'),
    annualCostUsd: f('annualCostUsd'),
    annualCo2Kg: f('annualCo2Kg'),
    ...(before.observedEnergyKWh !== undefined ? { observedEnergyKWh: f('observedEnergyKWh') } : {}),
  };
}

/**
 * IT watts of a host of model `m` carrying `avgGhz` of average CPU demand (reference GHz-cores):
 * its power curve at the CPU utilization that demand makes of its normalized capacity (capped at 1).
 */
export function hostPowerWatts(m: HostModel, avgGhz: number, model: ModelDefaults = defaultModel()): { cpuUtilization: number; powerWatts: number } {
  const cpuUtilization = Math.min(1, avgGhz / normalizeCpu(m.cores, m.cpuGhz, m.cpuModel, model).capacityRefGhz);
  return { cpuUtilization, powerWatts: powerAtUtilization(m.powerCurveWatts, cpuUtilization) };
}

/** Each packed host at its average utilization (sum of its VMs' average demand) on its power curve. */
export function describeHosts(packed: PackingResult, problem: PackingProblem, hostModels: HostModel[], vms: VmDemand[], model: ModelDefaults = defaultModel()): PlanHost[] {
  const modelByType = new Map(hostModels.map((h) => [h.type, h]));
  const avg = new Map(vms.map((v) => [v.id, v.cpuAvgDemandGhz]));
  return packed.hosts.map((h) => {
    const m = modelByType.get(h.type)!;
    const cap = problem.hostTypes.find((t) => t.type === h.type)!.capacity;
    const avgGhz = h.items.reduce((s, id) => s + (avg.get(id) ?? 0), 0);
    const { cpuUtilization, powerWatts } = hostPowerWatts(m, avgGhz, model);
    const { load, capacity, fill, bindingResource } = hostFill(problem.dimensions, h.load, cap, (c) => round(c));
    const memIdx = problem.dimensions.indexOf('memory_gib');
    const out: PlanHost = {
      id: h.id,
      type: h.type,
      vms: h.items,
      load,
      capacity,
      fill,
      bindingResource,
      cpuUtilization: round(cpuUtilization),
      memoryUtilization: round(memIdx >= 0 ? h.load[memIdx] / m.memoryGiB : 0),
      powerWatts: round(powerWatts, 3),
      priceUsd: m.priceUsd,
    };
    if (h.site) out.site = h.site;
    if (h.spare) out.spare = true;
    return out;
  });
}

/** A physical machine the workloads run on today: one source server, or a host of source VMs (RVTools vHost). */
export interface SourceServer {
  id: string;
  /** `server`: a physical workload itself (servers CSV); `host`: a host of source VMs. */
  kind: 'server' | 'host';
  /** Average IT power today, watts. */
  powerWatts: number;
  /** Provisioned (facility) watts: its profile's 100% draw, or the measured average if higher [I]. */
  provisionedWatts: number;
  /** The workloads it runs: itself for a server; the VMs whose `sourceHost` it is for a host. */
  workloads: string[];
}

/**
 * The physical machines of the "before" side and their power: each physical source server at its
 * average utilization, from measured `watts` when given, else its power profile; and, when the
 * workloads are VMs, the hosts they run on today (`sourceHosts`, e.g. RVTools vHost) at their CPU
 * usage. Registry keys of the profiles used go to `assumptionKeys`. O(workloads + hosts).
 */
export function sourceServers(
  workloads: Workload[],
  sized: SizedWorkload[],
  model: ModelDefaults = defaultModel(),
  sourceHosts: SourceHost[] = [],
): { servers: SourceServer[]; assumptionKeys: Set<string>; assumptions: Assumption[] } {
  const keys = new Set<string>();
  const servers: SourceServer[] = [];
  workloads.forEach((w, i) => {
    if (w.isVirtual) return;
    const profile = sourcePowerProfile(w, model);
    if (profile.type === model.plan.sourceProfile) keys.add('power.sourceProfile');
    else keys.add(`host.${profile.type}.powerCurveWatts`);
    const p = w.measuredWatts !== undefined ? w.measuredWatts : powerAtUtilization(profile.curveWatts, sized[i].cpuAvgFraction);
    servers.push({ id: w.id, kind: 'server', powerWatts: p, provisionedWatts: Math.max(profile.curveWatts[10], p), workloads: [w.id] });
  });
  const vmsOf = new Map<string, string[]>();
  for (const w of workloads) if (w.sourceHost !== undefined) vmsOf.set(w.sourceHost, [...(vmsOf.get(w.sourceHost) ?? []), w.id]);
  const byModel = new Map<string, { labels: Set<string>; type: string; hosts: number }>();
  for (const h of sourceHosts) {
    const profile = sourcePowerProfile(h, model);
    if (profile.match === 'vendor-model' && h.measuredWatts === undefined) {
      const e = byModel.get(profile.type) ?? { labels: new Set<string>(), type: profile.type, hosts: 0 };
      e.labels.add(`${h.vendor ?? ''} ${h.model ?? ''}`.trim());
      e.hosts++;
      byModel.set(profile.type, e);
    }
    let p: number;
    if (h.measuredWatts !== undefined) p = h.measuredWatts;
    else {
      if (profile.type === model.plan.sourceProfile) keys.add('power.sourceProfile');
      else keys.add(`host.${profile.type}.powerCurveWatts`);
      if (h.cpuUtilFraction === undefined) keys.add('sizing.sourceAvgCpuUtilFraction');
      p = powerAtUtilization(profile.curveWatts, h.cpuUtilFraction ?? model.sizing.sourceAvgCpuUtilFraction);
    }
    servers.push({ id: h.id, kind: 'host', powerWatts: p, provisionedWatts: Math.max(profile.curveWatts[10], p), workloads: vmsOf.get(h.id) ?? [] });
  }
  const assumptions: Assumption[] = [...byModel.values()]
    .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
    .map((m) => ({
      key: `power.sourceModelMatch.${m.type}`,
      value: `${[...m.labels].sort().join('; ')} -> ${m.type}`,
      unit: 'source host vendor and model -> catalog type',
      source: `${m.hosts} source host(s) state this vendor and model; the built-in catalog has the same server, so its SPECpower curve (host.${m.type}.powerCurveWatts) stands in for their "before" power at their CPU usage; the catalog run's CPUs and memory may differ from theirs [I]; docs/models.md#source-power`,
    }));
  return { servers, assumptionKeys: keys, assumptions };
}

/**
 * Before and after power. Before: the source servers and source hosts (`sourceServers`). After:
 * the new hosts plus any server (or source host holding an unplaced VM) left as it is.
 */
export function compareEnergy(
  workloads: Workload[],
  sized: SizedWorkload[],
  hosts: PlanHost[],
  unplacedIds: Set<string>,
  o: PlanOptions,
  model: ModelDefaults = defaultModel(),
  sourceHosts: SourceHost[] = [],
): { before: EnergySide; after: EnergySide; savings: EnergySide; assumptionKeys: Set<string>; sourceProvisionedWatts: number; leftProvisionedWatts: number; assumptions: Assumption[] } {
  const { servers, assumptionKeys, assumptions } = sourceServers(workloads, sized, model, sourceHosts);
  let provisioned = 0;
  let leftProvisioned = 0;
  let beforePower = 0;
  let leftPower = 0;
  let left = 0;
  for (const s of servers) {
    beforePower += s.powerWatts;
    provisioned += s.provisionedWatts;
    // A server whose workload is unplaced, or a host that keeps an unplaced VM, stays on after.
    if (s.workloads.some((id) => unplacedIds.has(id))) {
      leftPower += s.powerWatts;
      leftProvisioned += s.provisionedWatts;
      left++;
    }
  }
  const before = energySide(servers.length, beforePower, o, model);
  const after = energySide(hosts.length + left, hosts.reduce((s, h) => s + h.powerWatts, 0) + leftPower, o, model);
  return { before, after, savings: diffSides(before, after), assumptionKeys, sourceProvisionedWatts: provisioned, leftProvisionedWatts: leftProvisioned, assumptions };
}

/**
 * Energy over the observed window when utilization samples are present: after = each new host's
 * P(u_t) summed over the window, plus servers left physical; before = each physical source
 * server on its measured watts (constant) or the source profile at its own samples.
 * IT energy (before PUE), kWh. Undefined when no workload has samples.
 */
export function compareObservedEnergy(...a: Parameters<typeof compareObservedEnergySteps>): { before: ObservedEnergy; after: ObservedEnergy; windowHours: number } | undefined {
  return runSync(compareObservedEnergySteps(...a));
}

/** `compareObservedEnergy` as a cooperative stage (a checkpoint after each host integrated). */
export function* compareObservedEnergySteps(
  workloads: Workload[],
  vms: VmDemand[],
  hosts: PlanHost[],
  hostModels: HostModel[],
  unplacedIds: Set<string>,
  model: ModelDefaults = defaultModel(),
): Steps<{ before: ObservedEnergy; after: ObservedEnergy; windowHours: number } | undefined> {
  const series = workloads.flatMap((w) => (w.samples && w.samples.timestampsSec.length ? [w.samples] : []));
  const g = commonGrid(series);
  if (!g) return undefined;
  const byId = new Map(workloads.map((w, i) => [w.id, { w, vm: vms[i] }]));
  const modelByType = new Map(hostModels.map((h) => [h.type, h]));
  const flat = (watts: number) => Array.from({ length: 11 }, () => watts);
  const source = (w: Workload, vm: VmDemand): ObservedHostInput => {
    const cap = vm.cpuDemandPerUtilGhz / (vm.cpuOverheadFactor || 1);
    return {
      id: w.id,
      curveWatts: w.measuredWatts !== undefined ? flat(w.measuredWatts) : sourcePowerProfile(w, model).curveWatts,
      capacityGhz: cap,
      items: [{ demandPerUtilGhz: cap, samples: w.samples, constantDemandGhz: vm.cpuAvgDemandGhz / (vm.cpuOverheadFactor || 1) }],
    };
  };
  const beforeInputs: ObservedHostInput[] = [];
  const leftInputs: ObservedHostInput[] = [];
  workloads.forEach((w, i) => {
    if (w.isVirtual) return;
    const s = source(w, vms[i]);
    beforeInputs.push(s);
    if (unplacedIds.has(w.id)) leftInputs.push(s);
  });
  const afterInputs: ObservedHostInput[] = hosts.map((h) => {
    const m = modelByType.get(h.type)!;
    return {
      id: h.id,
      curveWatts: m.powerCurveWatts,
      capacityGhz: normalizeCpu(m.cores, m.cpuGhz, m.cpuModel, model).capacityRefGhz,
      items: h.vms.map((id) => {
        const x = byId.get(id)!;
        return { demandPerUtilGhz: x.vm.cpuDemandPerUtilGhz, samples: x.w.samples, constantDemandGhz: x.vm.cpuAvgDemandGhz };
      }),
    };
  });
  const before = yield* observedEnergySteps(beforeInputs, g);
  const after = yield* observedEnergySteps([...afterInputs, ...leftInputs], g);
  return { before, after, windowHours: after.windowHours };
}
