import { PlanOptionsSchema, type PlanOptionsInput } from './model/options.js';
import type { Workload, SourceHost } from './model/workload.js';
import type { Assumption } from './model/plan-result.js';
import { assessQuality, qualityIssues } from './quality/assess.js';
import { profileHostSummary } from './plan-problem.js';
import type { HostModel } from './model/host.js';
import type { Issue, RowAccounting } from './model/issue.js';
import { issue } from './model/issue.js';
import { renderUnplacedReason } from './model/messages.js';
import { unplacedReason, engineWarningIssues } from './model/engine-messages.js';
import type { PlanResult, PlanVm } from './model/plan-result.js';
import { SCHEMA_VERSION } from './model/plan-result.js';
import { sizeWorkloads } from './sizing/size.js';
import { applyOverhead } from './overhead/apply.js';
import { buildPlanProblem, planDimensionLabel, DIM_CPU } from './plan-problem.js';
import { describeHosts, compareEnergy, compareObservedEnergy, savingsFractions } from './energy/compare.js';
import { utilizationDistribution } from './analysis/utilization.js';
import { evaluateTraces } from './analysis/traces.js';
import { collectAssumptions, mergeAssumptions } from './defaults/assumptions.js';
import { mergeConfigDefaults, resolveDefaults } from './defaults/registry.js';
import { resolveHostModels, planTco, overheadSummary } from './cost/plan-cost.js';
import { solvePacking, type PackOptions } from './packing/index.js';
import { OptionsError, AbortedError } from './errors.js';
import { optionsError } from './model/option-problems.js';
import { applyObjective, compareProcurement, reusedHostModels, pinReusedToSites } from './procurement/optimize.js';
import { round } from './util/round.js';

/** Rejects with AbortedError once `signal` is aborted (checked between stages). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError(signal.reason instanceof Error ? signal.reason.message : 'aborted');
}

export { usableCapacity, DIM_CPU, DIM_MEMORY, describeUnplaced } from './plan-problem.js';

/** Everything plan() needs, already loaded (I/O stays at the edge: see loadPlanInput). */
export interface PlanInput {
  workloads: Workload[];
  /** Target host models; with several, the packer chooses the cheapest mix. */
  hostModels: HostModel[];
  /** Issues found while loading (rejected rows etc.), carried into the result. */
  issues?: Issue[];
  rows?: RowAccounting;
  /** Physical hosts the source VMs run on today (RVTools vHost): the "before" power. */
  sourceHosts?: SourceHost[];
  /** Assumptions the loaders made (default capacities, snapshot utilization), listed in the result. */
  assumptions?: Assumption[];
  /** Inventory workloads given utilization but no samples; ids with samples but no inventory row. */
  noSamples?: string[];
  noInventory?: string[];
}

export interface PlanRunOptions {
  onProgress?: PackOptions['onProgress'];
  signal?: AbortSignal;
  /** Internal: a comparison run inside --optimize / --reuse-existing (does not compare again). */
  procurementInner?: boolean;
}


/**
 * Plans the consolidation. The stages, each a pure function in its own module:
 * size (sizing/size.ts) → overhead (overhead/apply.ts) → packing problem (plan-problem.ts) →
 * pack (packing/) → hosts and energy before/after (energy/compare.ts) → assumptions.
 */
export async function plan(input: PlanInput, optionsIn: PlanOptionsInput = {}, run: PlanRunOptions = {}): Promise<PlanResult> {
  throwIfAborted(run.signal);
  const parsed = PlanOptionsSchema.safeParse(mergeConfigDefaults(optionsIn as Record<string, unknown>), { reportInput: true });
  if (!parsed.success) throw optionsError(parsed.error);
  const o = parsed.data;
  if (input.hostModels.length === 0) throw new OptionsError('no host types: give --hosts FILE or --host-type NAME');
  const issues: Issue[] = [...(input.issues ?? [])];
  const resolved = resolveDefaults(o);
  const model = resolved.model;
  const newModels = o.reuseOnly ? [] : resolveHostModels(input.hostModels, model, o);
  // --reuse-existing: current servers become candidate hosts beside (or, with --reuse-only, instead of) the catalog.
  const hostModels = o.reuseExisting || o.reuseOnly ? [...newModels, ...reusedHostModels(input.workloads, o, model)] : newModels;
  if (hostModels.length === 0) throw new OptionsError('no host types: no current server is large enough to keep as a host');

  const { sized, assumptionKeys } = sizeWorkloads(input.workloads, o, model);
  const demands = applyOverhead(input.workloads, sized, o, model);
  const problem = buildPlanProblem(input.workloads, demands, hostModels, o, model);
  if (o.profileBuckets > 0 && !problem.dimensions.some((d) => d.startsWith(`${DIM_CPU}@`))) issues.push(issue('plan.fallback', 'warning', { what: 'profile-without-samples', buckets: o.profileBuckets }));
  if (o.reuseExisting || o.reuseOnly) pinReusedToSites(problem, hostModels, input.workloads);
  const perHost = o.optimize ? applyObjective(problem, hostModels, demands, o.optimize, model) : null;
  throwIfAborted(run.signal);
  const packed = await solvePacking(problem, { timeLimitSeconds: o.timeLimit, onProgress: run.onProgress, signal: run.signal });
  // The engine returns its best-so-far when aborted; a cancelled plan rejects instead (no partial plan).
  throwIfAborted(run.signal);

  const hosts = describeHosts(packed, problem, hostModels, demands, model);
  const hostOf = new Map<string, string>();
  for (const h of hosts) for (const id of h.vms) hostOf.set(id, h.id);
  const vms: PlanVm[] = demands.map(({ cpuAvgDemandGhz: _avg, cpuDemandPerUtilGhz: _pu, ...v }, i) => ({
    ...v,
    host: hostOf.get(v.id) ?? null,
    cpuAvgUtilizationFraction: round(sized[i].cpuAvgFraction),
    cpuSizedUtilizationFraction: round(sized[i].cpuCapacityGhz > 0 ? sized[i].cpuNativeGhz / sized[i].cpuCapacityGhz : 0),
  }));

  const unplaced = packed.unplaced.map((u) => {
    const why = unplacedReason(u, planDimensionLabel, true);
    issues.push(issue('plan.unplaced', 'warning', { id: u.id, reason: why }, { path: ['workloads', u.id] }));
    return { id: u.id, reason: renderUnplacedReason(why), failures: u.failures, code: why.code, args: why.args };
  });
  const warningIssues = engineWarningIssues(packed.warnings);
  issues.push(...warningIssues);
  const unplacedIds = new Set(unplaced.map((u) => u.id));
  profileHostSummary(hosts, problem);
  const energy = compareEnergy(input.workloads, sized, hosts, unplacedIds, o, model, input.sourceHosts);
  for (const k of energy.assumptionKeys) assumptionKeys.add(k);
  const observed = compareObservedEnergy(input.workloads, demands, hosts, hostModels, unplacedIds, model);
  if (observed) {
    energy.before.observedEnergyKWh = round(observed.before.energyKWh);
    energy.after.observedEnergyKWh = round(observed.after.energyKWh);
    energy.savings.observedEnergyKWh = round(observed.before.energyKWh - observed.after.energyKWh);
  }
  const tco = planTco(hosts, hostModels, energy, model);
  const overhead = await overheadSummary({ workloads: input.workloads, hostModels, o, model, demands, hosts, energy, tco, run });

  const traces = evaluateTraces(input.workloads, sized, demands, hosts, hostModels, o, model);

  const hostsByType: Record<string, number> = {};
  for (const h of hosts) hostsByType[h.type] = (hostsByType[h.type] ?? 0) + 1;
  const placed = input.workloads.length - unplaced.length;

  const dataQuality = assessQuality({ workloads: input.workloads, rows: input.rows ?? { read: 0, accepted: 0, rejected: 0 }, noSamples: input.noSamples, noInventory: input.noInventory });
  issues.push(...qualityIssues(dataQuality));
  const result: PlanResult = {
    schemaVersion: SCHEMA_VERSION,
    kind: 'plan',
    dimensions: problem.dimensions,
    summary: {
      vms: input.workloads.length,
      placed,
      unplaced: unplaced.length,
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
      sourceServers: energy.before.hosts,
      consolidationRatio: hosts.length > 0 ? round(placed / hosts.length, 3) : null,
      hostType: input.hostModels.map((h) => h.type).join('+'),
      before: energy.before,
      after: energy.after,
      savings: energy.savings,
      savingsFraction: savingsFractions(energy.before, energy.savings),
      ...(packed.haVerification ? { ha: { ha: packed.haVerification.ha, method: packed.haVerification.method, sparesAdded: packed.haVerification.sparesAdded, casesChecked: packed.haVerification.casesChecked, casesAbsorbed: packed.haVerification.casesAbsorbed, ok: packed.haVerification.ok } } : {}),
      overloadRisk: traces ? round(traces.overload.fractionOfIntervals) : null,
      ...(traces ? { overload: { ...traces.overload, fractionOfIntervals: round(traces.overload.fractionOfIntervals), fractionOfActiveHostTime: round(traces.overload.fractionOfActiveHostTime), stepSeconds: traces.timeline.stepSec } } : {}),
      ...(traces ? { cpuTimeline: traces.chart } : {}),
      sourceUtilization: utilizationDistribution(sized.map((x) => ({ avg: x.cpuAvgFraction, sized: x.cpuCapacityGhz > 0 ? x.cpuNativeGhz / x.cpuCapacityGhz : 0 }))),
      ...(observed ? { observedWindowHours: round(observed.windowHours) } : {}),
      overhead,
      tco,
    },
    options: { ...o } as Record<string, unknown>,
    hosts,
    vms,
    unplaced,
    issues,
    // One registry (defaults/registry.ts) serves the assumptions and `consolidate defaults`,
    // including the sizing-from-samples entries (sizing.statistic, sizing.growth, ...).
    assumptions: mergeAssumptions(collectAssumptions(o, assumptionKeys, hostModels, resolved, input.workloads), input.assumptions ?? [], resolved),
    warnings: warningIssues.map((i) => i.message),
    dataQuality,
  };
  // --optimize over several types, or --reuse-existing: compare with each single type / buying new.
  if (!run.procurementInner && ((o.optimize && hostModels.length > 1) || o.reuseExisting || o.reuseOnly)) {
    const objective = o.optimize ?? 'tco';
    result.summary.procurement = await compareProcurement({
      result,
      objective,
      newModels: input.hostModels,
      allModels: hostModels,
      perHostObjective: perHost ?? Object.fromEntries(problem.hostTypes.map((t) => [t.type, t.cost])),
      reuse: Boolean(o.reuseExisting || o.reuseOnly),
      model,
      planWith: (models) => plan({ ...input, hostModels: models }, { ...optionsIn, reuseExisting: false, reuseOnly: false, optimize: objective } as PlanOptionsInput, { ...run, procurementInner: true }),
    });
  }
  return result;
}
