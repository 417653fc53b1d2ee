import type { HostModel } from '../model/host.js';
import type { Workload } from '../model/workload.js';
import type { PlanOptions } from '../model/options.js';
import type { PlanResult, ProcurementSummary } from '../model/plan-result.js';
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
 * Replaces each host type's packing cost by its per-host objective (see objective.ts), so the
 * engine minimizes the objective. Returns the per-type objective used, for the report.
 */
export function applyObjective(problem: PackingProblem, hostModels: HostModel[], demands: VmDemand[], objective: OptimizeObjective, model: ModelDefaults): Record<string, number> {
  const avg = demands.reduce((s, v) => s + v.cpuAvgDemandGhz, 0);
  const per: Record<string, number> = {};
  problem.hostTypes = problem.hostTypes.map((t, k) => {
    const h = hostModels.find((m) => m.type === t.type)!;
    const u = expectedUtilization(problem, k, avg, hostCpuCapacity(h, model));
    const cost = perHostObjective(h, u, objective, model);
    per[t.type] = round2(cost);
    // The engine needs a positive cost; a free host (reused, hosts objective aside) still costs a cent.
    return { ...t, cost: Math.max(cost, 0.01) };
  });
  return per;
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

/** The value of the objective for a finished plan (TCO adds the maintenance of kept servers). */
export function objectiveValue(r: PlanResult, objective: OptimizeObjective, hostModels: HostModel[], model: ModelDefaults): number {
  if (objective === 'hosts') return r.summary.hostsUsed;
  if (objective === 'power') return round2(r.summary.after.powerWatts);
  const kept = r.hosts.filter((h) => hostModels.find((m) => m.type === h.type && isReused(m))).length;
  return round2((r.summary.tco?.totalUsd ?? 0) + kept * reusedMaintenanceUsd(model));
}

export type PlanFn = (hostModels: HostModel[], reuse: boolean) => Promise<PlanResult>;

/**
 * Compares the chosen mix with each single new host type (each planned on its own, with its
 * availability), and with --reuse-existing, with buying new only. Fewer unplaced VMs win first,
 * then the lower objective.
 */
export async function compareProcurement(a: {
  result: PlanResult;
  objective: OptimizeObjective;
  newModels: HostModel[];
  allModels: HostModel[];
  perHostObjective: Record<string, number>;
  reuse: boolean;
  model: ModelDefaults;
  planWith: PlanFn;
}): Promise<ProcurementSummary> {
  const { result, objective, newModels, allModels, model } = a;
  const value = objectiveValue(result, objective, allModels, model);
  const singles: ProcurementSummary['singles'] = [];
  for (const m of [...newModels].sort((x, y) => cmp(x.type, y.type))) {
    const r = await a.planWith([m], false);
    singles.push({ type: m.type, hostsUsed: r.summary.hostsUsed, unplaced: r.summary.unplaced, objectiveValue: objectiveValue(r, objective, [m], model), tcoUsd: r.summary.tco?.totalUsd ?? null, powerWatts: round2(r.summary.after.powerWatts) });
  }
  const better = (x: { unplaced: number; objectiveValue: number }, y: { unplaced: number; objectiveValue: number }) => x.unplaced - y.unplaced || x.objectiveValue - y.objectiveValue;
  const best = [...singles].sort((x, y) => better(x, y) || cmp(x.type, y.type))[0] ?? null;
  const mix: Record<string, number> = {};
  for (const h of result.hosts) mix[h.type] = (mix[h.type] ?? 0) + 1;
  const sortedMix = Object.fromEntries(Object.entries(mix).sort(([x], [y]) => cmp(x, y)));
  const out: ProcurementSummary = {
    objective,
    unit: OBJECTIVE_UNIT[objective],
    objectiveValue: value,
    mix: sortedMix,
    perHostObjective: a.perHostObjective,
    packingOptimal: result.summary.optimal,
    packingCostLowerBound: result.summary.costLowerBound,
    singles,
    bestSingle: best ? { type: best.type, objectiveValue: best.objectiveValue, unplaced: best.unplaced } : null,
    savingsVsBestSingle: best && best.unplaced >= result.summary.unplaced ? round2(best.objectiveValue - value) : null,
  };
  if (a.reuse) {
    const kept = result.hosts.filter((h) => allModels.find((m) => m.type === h.type && isReused(m))).map((h) => h.type.slice('keep:'.length)).sort(cmp);
    const buyNew = await a.planWith(newModels, false);
    const nv = objectiveValue(buyNew, objective, newModels, model);
    out.reuse = {
      candidates: allModels.filter(isReused).length,
      keptServers: kept,
      newHosts: result.hosts.length - kept.length,
      buyNew: { hostsUsed: buyNew.summary.hostsUsed, unplaced: buyNew.summary.unplaced, objectiveValue: nv, mix: buyNew.summary.hostsByType },
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
 * O(items + types x sites). No-op with fewer than two sites or without kept servers.
 */
export function pinReusedToSites(problem: PackingProblem, hostModels: HostModel[], workloads: Workload[]): void {
  const siteOf = new Map(workloads.map((w) => [w.id, w.site ?? '']));
  const sites = [...new Set(problem.items.map((it) => it.site ?? ''))].sort(cmp);
  const reused = new Map(hostModels.filter(isReused).map((h) => [h.type, siteOf.get(h.reusedFrom!) ?? '']));
  if (sites.length < 2 || reused.size === 0) return;
  const n = problem.items.length;
  problem.dimensions = [...problem.dimensions, ...sites.map((s) => `site@${s}`)];
  problem.items = problem.items.map((it) => ({ ...it, demand: [...it.demand, ...sites.map((s) => ((it.site ?? '') === s ? 1 : 0))] }));
  problem.hostTypes = problem.hostTypes.map((t) => {
    const own = reused.get(t.type);
    return { ...t, capacity: [...t.capacity, ...sites.map((s) => (own === undefined || own === s ? n : 1e-9))] };
  });
}
