import type { HostModel } from '../model/host.js';
import type { Workload } from '../model/workload.js';
import type { PlanOptions } from '../model/options.js';
import type { PlanHost, ProcurementSummary } from '../model/plan-result.js';
import type { Placement } from '../cost/plan-cost.js';
import type { PackingProblem } from '../packing/problem.js';
import type { ModelDefaults } from '../defaults/registry.js';
import type { VmDemand } from '../overhead/apply.js';
import { hostCpuCapacity, usableCapacity } from '../plan-problem.js';
import { sourcePowerProfile } from '../energy/compare.js';
import { round } from '../util/round.js';
import { expectedUtilization, perHostObjective, reusedMaintenanceUsd, isReused, OBJECTIVE_UNIT, type OptimizeObjective } from './objective.js';

const round2 = (x: number) => round(x, 2);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The problem with each host type's packing cost replaced by its per-host objective (see
 * objective.ts), so the engine minimizes the objective; and the per-type objective used, for the
 * report. Returns a new problem; the given one is not changed.
 */
export function applyObjective(problem: PackingProblem, hostModels: HostModel[], demands: VmDemand[], objective: OptimizeObjective, model: ModelDefaults): { problem: PackingProblem; perHost: Record<string, number> } {
  const avg = demands.reduce((s, v) => s + v.cpuAvgDemandGhz, 0);
  const per: Record<string, number> = {};
  const hostTypes = problem.hostTypes.map((t, k) => {
    const h = hostModels.find((m) => m.type === t.type)!;
    const u = expectedUtilization(problem, k, avg, hostCpuCapacity(h, model));
    const cost = perHostObjective(h, u, objective, model);
    per[t.type] = round2(cost);
    // The engine needs a positive cost; a free host (reused, hosts objective aside) still costs a cent.
    return { ...t, cost: Math.max(cost, 0.01) };
  });
  return { problem: { ...problem, hostTypes }, perHost: per };
}

/**
 * `--reuse-existing`: each current physical server big enough to host VMs after the hypervisor
 * reserve and the targets becomes a host type `keep:<id>` with count 1, price 0, and the power
 * curve its source profile gives (the same one the "before" side uses).
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

/** The value of the objective for a placement (TCO adds the maintenance of kept servers). */
export function objectiveValue(p: Pick<Placement, 'hosts' | 'energy' | 'tco'>, objective: OptimizeObjective, hostModels: HostModel[], model: ModelDefaults): number {
  if (objective === 'hosts') return p.hosts.length;
  if (objective === 'power') return round2(p.energy.after.powerWatts);
  const kept = p.hosts.filter((h) => hostModels.find((m) => m.type === h.type && isReused(m))).length;
  return round2(p.tco.totalUsd + kept * reusedMaintenanceUsd(model));
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
    unit: OBJECTIVE_UNIT[objective],
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
