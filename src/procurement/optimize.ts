import type { HostModel } from '../model/host.js';
import type { Workload } from '../model/workload.js';
import type { PlanOptions } from '../model/options.js';
import type { PlanHost, ProcurementSummary } from '../model/plan-result.js';
import type { Placement } from '../cost/plan-cost.js';
import type { PackingProblem, PackingResult } from '../packing/problem.js';
import type { ModelDefaults } from '../defaults/registry.js';
import type { VmDemand } from '../overhead/apply.js';
import type { SizedWorkload } from '../sizing/size.js';
import { hostCpuCapacity, usableCapacity } from '../plan-problem.js';
import { sourcePowerProfile } from '../energy/compare.js';
import { round } from '../util/round.js';
import { carbonObjectiveValue } from './carbon.js';
import { expectedUtilization, expectedHosts, perHostObjective, isReused, OBJECTIVE_UNIT, type OptimizeObjective } from './objective.js';
import { POWER_WINDOW_UNIT } from './objectives.js';
import { sharedHostEnergyKWh, type DemandWindow } from '../energy/window.js';

const round2 = (x: number) => round(x, 2);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The problem with each host type's packing cost replaced by its per-host objective (see
 * objective.ts), so the engine minimizes the objective; and the per-type objective used, for the
 * report. Returns a new problem; the given one is not changed.
 */
export function applyObjective(problem: PackingProblem, hostModels: HostModel[], demands: VmDemand[], objective: OptimizeObjective, model: ModelDefaults, window?: DemandWindow | null): { problem: PackingProblem; perHost: Record<string, number> } {
  const avg = demands.reduce((s, v) => s + v.cpuAvgDemandGhz, 0);
  const per: Record<string, number> = {};
  const hostTypes = problem.hostTypes.map((t, k) => {
    const h = hostModels.find((m) => m.type === t.type)!;
    const raw = hostCpuCapacity(h, model);
    const cost = objective === 'power' && window ? sharedHostEnergyKWh(h.powerCurveWatts, raw, expectedHosts(problem, k), window) : perHostObjective(h, expectedUtilization(problem, k, avg, raw), objective, model);
    per[t.type] = round(cost, objective === 'power' && window ? 4 : 2);
    // The engine needs a positive cost; a free host (reused, hosts objective aside) still costs a cent.
    return { ...t, cost: Math.max(cost, objective === 'power' && window ? 1e-4 : 0.01) };
  });
  return { problem: { ...problem, hostTypes }, perHost: per };
}

/**
 * `--reuse-existing`: each current physical server big enough to host VMs after the hypervisor
 * reserve and the targets becomes a host type `keep:<id>` with count 1, price 0, no embodied carbon
 * (nothing is made), and the power curve its source profile gives (the same one the "before" side
 * uses).
 */
export function reusedHostModels(workloads: Workload[], o: PlanOptions, model: ModelDefaults): HostModel[] {
  const out: HostModel[] = [];
  for (const w of workloads) {
    if (w.isVirtual) continue;
    const h: HostModel = {
      type: `keep:${w.id}`,
      name: `current server ${w.id}`,
      cores: w.cores,
      cpuGhz: w.cpuGhz ?? model.sizing.defaultCpuGhz,
      ...(w.cpuModel ? { cpuModel: w.cpuModel } : {}),
      memoryGiB: w.memoryGiB,
      priceUsd: 0,
      embodiedKgCo2e: 0,
      powerCurveWatts: [...sourcePowerProfile(w, model).curveWatts],
      count: 1,
      source: `current server ${w.id} kept as a host (--reuse-existing)`,
      reusedFrom: w.id,
    };
    const u = usableCapacity(h, o, model);
    if (u.cpuGhz > 0 && u.memoryGiB > 0) out.push(h);
  }
  return out;
}

/**
 * The kept-server candidates a plan may use (`--reuse-existing`). A kept server must never be a
 * host while its own workload is left unplaced (that workload would run on it as it is, and its
 * power count twice), so a current server is offered only when its own workload can always be
 * placed: its sized demand (before hypervisor overhead, so that the candidates do not depend on the
 * technique) fits on the server itself (after the hypervisor reserve and the targets; should host
 * counts run out, it goes home, returnHome), or it fits a catalog type of unlimited count (a new
 * host is always there for it). Otherwise (fra-hana-63, a 3 TB database no host can take) the
 * server stays as it is with its workload. O(kept x catalog).
 */
export function keepableServers(kept: HostModel[], catalog: HostModel[], workloads: Workload[], sized: SizedWorkload[], o: PlanOptions, model: ModelDefaults): HostModel[] {
  const byId = new Map(workloads.map((w, i) => [w.id, { w, s: sized[i] }]));
  const fits = (h: HostModel, own: { w: Workload; s: SizedWorkload }) => {
    const u = usableCapacity(h, o, model);
    const cpu = Math.max(own.s.cpuNativeGhz, ...(own.s.cpuProfileGhz ?? []));
    const vcpus = o.vcpuRatio !== undefined ? h.cores * o.vcpuRatio : Infinity;
    return cpu <= u.cpuGhz * (1 + 1e-12) && own.s.memoryNativeGiB <= u.memoryGiB * (1 + 1e-12) && own.w.cores <= vcpus;
  };
  const unlimited = catalog.filter((h) => h.count === null);
  return kept.filter((k) => {
    const own = byId.get(k.reusedFrom!);
    return own !== undefined && (fits(k, own) || unlimited.some((h) => fits(h, own)));
  });
}

/** The kept-server types in use as hosts whose own workload is unplaced (a contradiction to resolve). */
export function keptAndUnplaced(packed: Pick<PackingResult, 'hosts' | 'unplaced'>, types: HostModel[]): Set<string> {
  const unplaced = new Set(packed.unplaced.map((u) => u.id));
  const used = new Set(packed.hosts.map((h) => h.type));
  return new Set(types.filter((t) => isReused(t) && unplaced.has(t.reusedFrom!) && used.has(t.type)).map((t) => t.type));
}

/**
 * Sends the unplaced workload of a kept server that hosts others back home (keptAndUnplaced):
 * the server's other VMs make room, each moving to another host of the same site with room, or,
 * when none has, leaving the plan to stay on its own server as it is; a VM whose own server is a
 * kept host is in turn sent home. A workload back home is never moved again, so this ends; every
 * kept server that can hold its own workload is resolved this way (keepableServers offers the others
 * only when an unlimited catalog type can take their workload, so they never conflict). Not for
 * affinity groups or HA reserves (the caller re-packs instead). Pure: returns a new result, loads
 * recomputed from the item demands. O(conflicts x VMs x hosts x dimensions).
 */
export function returnHome(packed: PackingResult, problem: PackingProblem, types: HostModel[]): PackingResult {
  if (!keptAndUnplaced(packed, types).size) return packed;
  const d = problem.dimensions.length;
  const item = new Map(problem.items.map((it) => [it.id, it]));
  const cap = new Map(problem.hostTypes.map((t) => [t.type, t.capacity]));
  const maxItems = problem.constraints?.maxItemsPerHost ?? Infinity;
  const homeType = new Map(types.filter(isReused).map((t) => [t.reusedFrom!, t.type]));
  const hosts = packed.hosts.map((h) => ({ ...h, items: [...h.items], load: [...h.load] }));
  const hostOfType = new Map(hosts.map((h) => [h.type, h]));
  const unplaced = new Map(packed.unplaced.map((u) => [u.id, u]));
  const atHome = new Set<string>();
  type Host = (typeof hosts)[number];
  const clash = (h: Host, id: string) => {
    const g = new Set(item.get(id)!.antiAffinity ?? []);
    return g.size > 0 && h.items.some((x) => x !== id && (item.get(x)!.antiAffinity ?? []).some((a) => g.has(a)));
  };
  const fits = (h: Host, id: string) => !clash(h, id) && h.items.length < maxItems && item.get(id)!.demand.every((x, k) => h.load[k] + x <= cap.get(h.type)![k] * (1 + 1e-12));
  const add = (h: Host, id: string) => {
    h.items.push(id);
    item.get(id)!.demand.forEach((x, k) => (h.load[k] += x));
  };
  const remove = (h: Host, id: string) => {
    h.items = h.items.filter((x) => x !== id);
    item.get(id)!.demand.forEach((x, k) => (h.load[k] -= x));
  };
  const size = (h: Host, id: string) => item.get(id)!.demand.reduce((s, x, k) => s + x / (cap.get(h.type)![k] || 1), 0);
  const queue = [...keptAndUnplaced(packed, types)].map((t) => types.find((x) => x.type === t)!.reusedFrom!).sort();
  while (queue.length) {
    const own = queue.shift()!;
    const h = hostOfType.get(homeType.get(own)!);
    if (!h || !unplaced.has(own)) continue;
    const evictable = h.items.filter((id) => !atHome.has(id)).sort((a, b) => size(h, b) - size(h, a) || (a < b ? -1 : 1));
    for (const id of evictable) {
      if (fits(h, own)) break;
      remove(h, id);
      const to = hosts.find((g) => g !== h && (g.site ?? '') === (h.site ?? '') && fits(g, id));
      if (to) add(to, id);
      else {
        unplaced.set(id, { id, failures: [], reason: { code: 'unplaced.no-host-left', args: {} } });
        if (homeType.has(id) && hostOfType.has(homeType.get(id)!)) queue.push(id);
      }
    }
    for (let k = 0; k < d; k++) if (h.load[k] < 0) h.load[k] = 0;
    if (!fits(h, own)) continue; // with its hypervisor overhead it no longer fits: the caller withdraws the server
    add(h, own);
    unplaced.delete(own);
    atHome.add(own);
  }
  const kept = hosts.filter((h) => h.items.length > 0 || h.spare);
  // A host emptied by the moves is closed: cost, gap and the optimality claim follow the new result.
  const costOf = new Map(problem.hostTypes.map((t) => [t.type, t.cost]));
  const totalCost = kept.reduce((s, h) => s + costOf.get(h.type)!, 0);
  const gap = packed.costLowerBound > 0 ? Math.max(0, (totalCost - packed.costLowerBound) / packed.costLowerBound) : 0;
  return { ...packed, hosts: kept, totalCost, gap, optimal: packed.optimal && totalCost <= packed.totalCost && gap === 0, unplaced: [...unplaced.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

/**
 * The value of the objective for a placement: its host count, its power after (the IT energy over
 * the observed window when the placement has it, else IT watts), its TCO, the very
 * `summary.tco.totalUsd` (which counts the maintenance of kept servers), or its CO2e over the
 * horizon, the embodied CO2e of its hosts (`hostModels`: kept servers embody none) plus its
 * operational CO2e.
 */
export function objectiveValue(p: Pick<Placement, 'hosts' | 'energy' | 'tco' | 'observedKWh'>, objective: OptimizeObjective, hostModels: HostModel[], model: ModelDefaults): number {
  if (objective === 'hosts') return p.hosts.length;
  if (objective === 'power') return p.observedKWh !== undefined ? round(p.observedKWh, 3) : round2(p.energy.after.powerWatts);
  if (objective === 'carbon') return round2(carbonObjectiveValue(p, hostModels, model));
  return round2(p.tco.totalUsd);
}

/**
 * Compares the plan's mix with each single catalog type (each packed as a counterfactual stage
 * of the plan, with its availability), and with --reuse-existing, with buying new only. Fewer
 * unplaced VMs win first, then the lower objective. Pure: the placements are made by plan.ts.
 */
export function compareProcurement(a: {
  objective: OptimizeObjective;
  /** The plan: its placement, its hosts as reported, its unplaced count. */
  plan: { placement: Placement; hosts: PlanHost[]; unplaced: number };
  newModels: HostModel[];
  allModels: HostModel[];
  perHostObjective: Record<string, number>;
  singles: { type: string; models: HostModel[]; placement: Placement }[];
  buyNew?: Placement;
  model: ModelDefaults;
}): ProcurementSummary {
  const { objective, plan, newModels, allModels, model } = a;
  const value = objectiveValue(plan.placement, objective, allModels, model);
  const singles: ProcurementSummary['singles'] = a.singles.map((s) => ({
    type: s.type,
    hostsUsed: s.placement.hosts.length,
    unplaced: s.placement.packed.unplaced.length,
    objectiveValue: objectiveValue(s.placement, objective, s.models, model),
    tcoUsd: s.placement.tco.totalUsd,
    powerWatts: round2(s.placement.energy.after.powerWatts),
  }));
  const better = (x: { unplaced: number; objectiveValue: number }, y: { unplaced: number; objectiveValue: number }) => x.unplaced - y.unplaced || x.objectiveValue - y.objectiveValue;
  const best = [...singles].sort((x, y) => better(x, y) || cmp(x.type, y.type))[0] ?? null;
  const mix: Record<string, number> = {};
  for (const h of plan.hosts) mix[h.type] = (mix[h.type] ?? 0) + 1;
  const sortedMix = Object.fromEntries(Object.entries(mix).sort(([x], [y]) => cmp(x, y)));
  const out: ProcurementSummary = {
    objective,
    unit: objective === 'power' && plan.placement.observedKWh !== undefined ? POWER_WINDOW_UNIT : OBJECTIVE_UNIT[objective],
    objectiveValue: value,
    mix: sortedMix,
    perHostObjective: a.perHostObjective,
    packingOptimal: plan.placement.packed.optimal,
    packingCostLowerBound: round2(plan.placement.packed.costLowerBound),
    singles,
    bestSingle: best ? { type: best.type, objectiveValue: best.objectiveValue, unplaced: best.unplaced } : null,
    savingsVsBestSingle: best && best.unplaced >= plan.unplaced ? round2(best.objectiveValue - value) : null,
  };
  if (a.buyNew) {
    const buyNew = a.buyNew;
    const kept = plan.hosts.filter((h) => allModels.find((m) => m.type === h.type && isReused(m))).map((h) => h.type.slice('keep:'.length)).sort(cmp);
    const nv = objectiveValue(buyNew, objective, newModels, model);
    const byType: Record<string, number> = {};
    for (const h of buyNew.hosts) byType[h.type] = (byType[h.type] ?? 0) + 1;
    out.reuse = {
      candidates: allModels.filter(isReused).length,
      keptServers: kept,
      newHosts: plan.hosts.length - kept.length,
      buyNew: { hostsUsed: buyNew.hosts.length, unplaced: buyNew.packed.unplaced.length, objectiveValue: nv, mix: byType },
      savingsVsBuyNew: round2(nv - value),
    };
  }
  return out;
}

/**
 * The engine counts a host type's availability per site, so a kept server (count 1) could be
 * opened once in every site. With several sites, this pins each kept server to its own site with
 * one extra dimension per site, `site@<name>`: an item demands 1 in its site's dimension; a kept
 * server offers room in its own site's dimension only (1e-9 elsewhere), new types in all.
 * O(items + types x sites). Returns a new problem (the given one when there is nothing to pin:
 * fewer than two sites, or no kept server).
 */
export function pinReusedToSites(problem: PackingProblem, hostModels: HostModel[], workloads: Workload[]): PackingProblem {
  const siteOf = new Map(workloads.map((w) => [w.id, w.site ?? '']));
  const sites = [...new Set(problem.items.map((it) => it.site ?? ''))].sort(cmp);
  const reused = new Map(hostModels.filter(isReused).map((h) => [h.type, siteOf.get(h.reusedFrom!) ?? '']));
  if (sites.length < 2 || reused.size === 0) return problem;
  const n = problem.items.length;
  return {
    ...problem,
    dimensions: [...problem.dimensions, ...sites.map((s) => `site@${s}`)],
    items: problem.items.map((it) => ({ ...it, demand: [...it.demand, ...sites.map((s) => ((it.site ?? '') === s ? 1 : 0))] })),
    hostTypes: problem.hostTypes.map((t) => {
      const own = reused.get(t.type);
      return { ...t, capacity: [...t.capacity, ...sites.map((s) => (own === undefined || own === s ? n : 1e-9))] };
    }),
  };
}
