import { PlanOptionsSchema, type PlanOptions, type PlanOptionsInput } from './model/options.js';
import type { Workload, SourceHost } from './model/workload.js';
import type { HostModel } from './model/host.js';
import type { Issue, RowAccounting } from './model/issue.js';
import { issue } from './model/issue.js';
import { renderUnplacedReason } from './model/messages.js';
import { engineWarningIssues } from './model/engine-messages.js';
import { optionsError } from './model/option-problems.js';
import type { Assumption, PlanResult, PlanVm, PlanHostModel, PlanHost } from './model/plan-result.js';
import { SCHEMA_VERSION } from './model/plan-result.js';
import { assessQualitySteps, qualityIssues } from './quality/assess.js';
import { sizeWorkloadsSteps, memorySizingSummary } from './sizing/size.js';
import { ignoredOptions } from './sizing/applicability.js';
import { HYPERVISOR_KIND } from './defaults/memory.js';
import { applyOverheadSteps } from './overhead/apply.js';
import { buildPlanProblem, restrictHostTypes, scaleCpuCapacity, planUnplacedReason, profileHostSummary, hostCpuCapacity, DIM_CPU } from './plan-problem.js';
import { compareObservedEnergySteps, savingsFractions } from './energy/compare.js';
import { utilizationDistribution } from './analysis/utilization.js';
import { evaluateTracesSteps, hostCpuForVms } from './analysis/traces.js';
import { collectAssumptions, mergeAssumptions } from './defaults/assumptions.js';
import { mergeConfigDefaults, resolveDefaults, type ModelDefaults } from './defaults/registry.js';
import { resolveHostModels, embodiedAssumptionKeys, evaluatePlacement, overheadSummary, type Placement } from './cost/plan-cost.js';
import { carbonSummary } from './energy/carbon.js';
import { sourceServers } from './energy/compare.js';
import { checkGroupSizes, planWavesSteps } from './waves/index.js';
import { solvePacking, type PackingProblem } from './packing/index.js';
import { OptionsError } from './errors.js';
import { applyObjective, compareProcurement, reusedHostModels, keepableServers, keptAndUnplaced, returnHome, pinReusedToSites } from './procurement/optimize.js';
import { isReused } from './procurement/objective.js';
import { StageRunner, type PlanProgress, type Solve, type StageTiming } from './plan-stages.js';
import { throwIfAborted, runCooperative, type Clock } from './util/cooperate.js';
import { RiskEvaluations, searchCpuTarget, type RiskPoint } from './risk/search.js';
import { RISK_DEFAULTS, riskSearchSettings } from './defaults/risk.js';
import { estateDemandWindow } from './energy/window.js';
import { round } from './util/round.js';
import { haSummary } from './pack.js';
import type { SizedWorkload } from './sizing/size.js';
import type { VmDemand } from './overhead/apply.js';
import { ioDimensions, ioAssumptionKeys } from './plan-io.js';

export { throwIfAborted } from './util/cooperate.js';
export { usableCapacity, DIM_CPU, DIM_MEMORY, describeUnplaced } from './plan-problem.js';
export type { PlanProgress, Solve, StageTiming } from './plan-stages.js';

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
  /** Progress of the stages, and of the packing engine inside a packing stage. */
  onProgress?: (p: PlanProgress) => void;
  /** Each finished stage with its wall-clock seconds (what `--verbose` prints). */
  onStage?: (t: StageTiming) => void;
  signal?: AbortSignal;
  /** Monotonic clock, ms, for the time slices and stage timings; default `performance.now`. */
  now?: Clock;
  /** The packing engine; default `solvePacking`. */
  solve?: Solve;
}

/** The stage names of the counterfactuals. */
export const STAGE = { plan: 'pack', risk: 'risk', riskSearch: 'risk-search', noVirtualization: 'no-virtualization', single: (type: string) => `single:${type}`, buyNew: 'buy-new' } as const;

/** Validates options (defaults from the option table, a config map's values where no option is given). */
export function parsePlanOptions(optionsIn: PlanOptionsInput): PlanOptions {
  const parsed = PlanOptionsSchema.safeParse(mergeConfigDefaults(optionsIn as Record<string, unknown>), { reportInput: true });
  if (!parsed.success) throw optionsError(parsed.error);
  return parsed.data;
}

/** The host types the hosts use (sorted by type), with their CPU capacities and power curve: what a replay needs. */
export function planHostModels(hosts: readonly { type: string }[], types: readonly HostModel[], o: PlanOptions, model: ModelDefaults): PlanHostModel[] {
  const used = new Set(hosts.map((h) => h.type));
  return types
    .filter((m) => used.has(m.type))
    .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
    .map((m) => ({
      type: m.type,
      cores: m.cores,
      cpuGhz: m.cpuGhz,
      ...(m.cpuModel ? { cpuModel: m.cpuModel } : {}),
      memoryGiB: m.memoryGiB,
      powerCurveWatts: [...m.powerCurveWatts],
      cpuCapacityGhz: round(hostCpuCapacity(m, model), 9),
      cpuForVmsGhz: round(hostCpuForVms(m, o, model), 9),
    }));
}

/** Per technique: the demands, and the plan's problem over every candidate host type. */
interface Built {
  o: PlanOptions;
  model: ModelDefaults;
  demands: VmDemand[];
  /** All candidate host types (catalog and kept servers), no pinning, no objective. */
  all: PackingProblem;
}

/**
 * Plans the consolidation, as named stages over immutable data (each a pure function in its own
 * module): size (sizing/size.ts) → overhead (overhead/apply.ts) → problem (plan-problem.ts) →
 * pack (packing/) → hosts, energy and TCO (cost/plan-cost.ts) → replay (analysis/traces.ts) →
 * quality → assumptions. The sized workloads and the problem are built once; the counterfactuals
 * derive their problem from them, changing one thing each: `no-virtualization` (the technique
 * only: same sizing, host types, site pinning and objective) for `summary.overhead`, and for
 * `summary.procurement` each `single:<type>` and `buy-new` (the host types only). The packing
 * stages share `--time-limit` (plan-stages.ts) and are listed in `summary.stages`.
 */
export async function plan(input: PlanInput, optionsIn: PlanOptionsInput = {}, run: PlanRunOptions = {}): Promise<PlanResult> {
  throwIfAborted(run.signal);
  const o = parsePlanOptions(optionsIn);
  if (input.hostModels.length === 0) throw new OptionsError('no host types: give --hosts FILE or --host-type NAME');
  const issues: Issue[] = [...(input.issues ?? [])];
  const resolved = resolveDefaults(o);
  const model = resolved.model;
  const { workloads } = input;

  // Host types: the catalog (prices from the model in force) and, with --reuse-existing, the current servers.
  const reuse = Boolean(o.reuseExisting || o.reuseOnly);
  const catalog = resolveHostModels(input.hostModels, model, o);
  // Current servers with room for VMs; those whose own workload fits nowhere stay as they are (below).
  let offered = reuse ? reusedHostModels(workloads, o, model) : [];
  // Disk IOPS has no default (it belongs to the storage): a current server states none, so with
  // disk-iops packed it is not offered, and the plan says which servers that leaves out.
  const io = ioDimensions(o.dimensions);
  const noIops = io.some((d) => d.key === 'disk_iops') ? offered.filter((h) => h.diskIops === undefined) : [];
  if (noIops.length) {
    offered = offered.filter((h) => h.diskIops !== undefined);
    issues.push(issue('plan.warning', 'warning', { what: 'reuse-without-iops', servers: noIops.map((h) => h.reusedFrom ?? h.type) }, { path: ['dimensions'] }));
    if (o.reuseOnly && offered.length === 0) throw new OptionsError('--dimensions disk-iops with --reuse-only: no current server states a disk IOPS capacity (the inventory states what a server draws, not what its storage can give), so none can be kept as a host; leave disk-iops out of --dimensions, or plan with new hosts (--reuse-existing with a --hosts catalog that has a disk_iops column)');
  }
  if ((o.reuseOnly ? offered : [...catalog, ...offered]).length === 0) throw new OptionsError('no host types: no current server is large enough to keep as a host');
  const objective = o.optimize ?? (reuse ? 'tco' : undefined);
  const compare = (o.optimize !== undefined && (o.reuseOnly ? offered : catalog).length > 1) || reuse;
  const virt = o.virtualization !== 'none';
  // A single catalog type bought new is the same problem as that single type: pack it once.
  const singles = compare ? [...catalog].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0)) : [];
  const buyNewIsSingle = reuse && catalog.length === 1;
  // --overload-risk and --risk-curve search the CPU target on the traces (risk/search.ts).
  const hasSamples = workloads.some((w) => w.samples !== undefined && w.samples.timestampsSec.length > 0);
  const riskTarget = o.overloadRisk !== undefined && hasSamples ? o.overloadRisk / 100 : undefined;
  const curveLevels: readonly number[] = o.riskCurve && hasSamples ? RISK_DEFAULTS.curveLevelsPercent.value : [];
  if ((o.overloadRisk !== undefined || o.riskCurve) && !hasSamples) issues.push(issue('plan.fallback', 'warning', { what: 'risk-without-samples', option: o.overloadRisk !== undefined ? '--overload-risk' : '--risk-curve' }, { path: [o.overloadRisk !== undefined ? 'overloadRisk' : 'riskCurve'] }));
  const riskSettings = riskSearchSettings();
  const riskPackings = riskSettings.maxEvaluations * ((riskTarget !== undefined ? 1 : 0) + curveLevels.length);
  const packing = [STAGE.plan, ...(riskPackings ? [STAGE.riskSearch] : []), ...(virt ? [STAGE.noVirtualization] : []), ...singles.map((m) => STAGE.single(m.type)), ...(reuse && !buyNewIsSingle ? [STAGE.buyNew] : [])];
  const stages = new StageRunner({ timeLimitSeconds: o.timeLimit, packing, solve: run.solve ?? solvePacking, now: run.now ?? (() => performance.now()), signal: run.signal, onProgress: run.onProgress, onStage: run.onStage });

  if (virt && HYPERVISOR_KIND[o.hypervisor] === 'hosted') issues.push(issue('plan.hosted-hypervisor', 'warning', { hypervisor: o.hypervisor, workloads: workloads.length }, { path: ['hypervisor'] }));
  // A migration group larger than a wave stops the run before any packing.
  if (o.waveSize !== undefined) checkGroupSizes(workloads, o.waveSize);
  const { sized, assumptionKeys } = await stages.compute('size', sizeWorkloadsSteps(workloads, o, model));
  const memorySizing = memorySizingSummary(sized, o);
  // Disk and network dimensions: the workloads without a figure are listed, never silently zero.
  for (const d of io) {
    const ids = sized.filter((x) => x.trail.io?.some((t) => t.dimension === d.key && t.basis === 'missing')).map((x) => x.id);
    if (ids.length) issues.push(issue('plan.io-missing', 'warning', { dimension: d.name, label: d.label, unit: d.unit, ids }, { path: ['dimensions'] }));
  }
  if (o.memorySizing === 'active') issues.push(issue('plan.active-memory', 'warning', { workloads: memorySizing.workloads.active, fallback: workloads.length - memorySizing.workloads.active }));
  // Whether a kept server's own workload can always be placed is judged on the sized (native)
  // demand, so the candidates, and with them the no-virtualization baseline, do not depend on the technique.
  const kept = reuse ? keepableServers(offered, o.reuseOnly ? [] : catalog, workloads, sized, o, model) : [];
  const candidates = [...catalog, ...kept];
  const planTypes = o.reuseOnly ? kept : candidates;
  if (planTypes.length === 0) throw new OptionsError('no host types: no current server can hold its own workload and still be kept as a host');
  if (o.optimize && planTypes.length === 1) issues.push(issue('plan.warning', 'warning', { what: 'optimize-one-type', objective: o.optimize, hostType: planTypes[0].type }, { path: ['optimize'] }));
  if (o.reuseExisting && !o.reuseOnly && kept.length === 0 && noIops.length === 0) issues.push(issue('plan.warning', 'warning', { what: 'nothing-to-reuse' }, { path: ['reuseExisting'] }));
  /** Overhead applied to the sized workloads, and the problem over every candidate type (`prefix` names a counterfactual's stages). */
  const build = async (oo: PlanOptions, mm: ModelDefaults, prefix = ''): Promise<Built> => {
    const demands = await stages.compute(`${prefix}overhead`, applyOverheadSteps(workloads, sized, oo, mm));
    const all = await stages.compute(`${prefix}problem`, () => buildPlanProblem(workloads, demands, candidates, oo, mm));
    return { o: oo, model: mm, demands, all };
  };
  /** The problem of a stage: the candidate types restricted, kept servers pinned to their sites, the objective as cost. */
  const problemOf = (b: Built, types: HostModel[]) => {
    let p = restrictHostTypes(b.all, types.map((t) => t.type));
    if (types.some(isReused)) p = pinReusedToSites(p, types, workloads);
    return objective ? applyObjective(p, types, b.demands, objective, b.model, objective === 'power' ? powerWindow : null) : { problem: p, perHost: null };
  };
  const placed = async (b: Built, name: string, stageTypes: HostModel[], change?: string, pool?: { stage: string; parts: number }): Promise<Placement> => {
    let types = stageTypes;
    let { problem, perHost } = problemOf(b, types);
    let packed = await stages.pack(name, problem, change, pool);
    // A kept server is a host or stays as it is with its own workload, never both: when host
    // counts ran out and left a workload unplaced whose own server hosts others, the workload goes
    // home (returnHome); a server where it still does not fit is withdrawn and the stage re-packed
    // by the heuristics (deterministic, no extra budget).
    for (;;) {
      if (!problem.constraints?.ha && !workloads.some((w) => w.affinity !== undefined)) packed = returnHome(packed, problem, types);
      const conflicts = keptAndUnplaced(packed, types);
      if (!conflicts.size) break;
      types = types.filter((t) => !conflicts.has(t.type));
      ({ problem, perHost } = problemOf(b, types));
      packed = await (run.solve ?? solvePacking)(problem, { timeLimitSeconds: 0, signal: run.signal });
    }
    const out: Placement = { ...evaluatePlacement({ packed, problem, hostModels: types, workloads, sized, demands: b.demands, o: b.o, model: b.model, sourceHosts: input.sourceHosts }), perHost };
    // --optimize power with time series: each placement is judged by its IT energy over the window.
    if (objective === 'power' && powerWindow) {
      const e = await runCooperative(compareObservedEnergySteps(workloads, b.demands, profileHostSummary(out.hosts, problem), types, out.unplacedIds, b.model), stages.co);
      if (e) out.observedKWh = e.after.energyKWh;
    }
    return out;
  };

  const main = await build(o, model);
  /** The estate's demand over the observed window, for --optimize power with time series. */
  const powerWindow = objective === 'power' && hasSamples ? estateDemandWindow(workloads, main.demands) : null;
  issues.push(...ignoredOptions(o, sized, main.all.dimensions.some((d) => d.startsWith(`${DIM_CPU}@`))));
  /** The plan's problem at another CPU target (percent): capacities scaled, the same items. */
  const atTarget = (b: Built, t: number): Built => (t === b.o.cpuTarget ? b : { ...b, o: { ...b.o, cpuTarget: t }, all: scaleCpuCapacity(b.all, t / b.o.cpuTarget) });
  type Candidate = { placement: Placement; hosts: PlanHost[]; observedKWh?: number | null };
  let packings = 0;
  /** One candidate of the risk search: packed at CPU target t, replayed on the traces. */
  const evaluateAt = async (t: number): Promise<RiskPoint & { value: Candidate }> => {
    packings++;
    const first = packings === 1 && riskTarget !== undefined;
    const p = first ? await placed(atTarget(main, t), STAGE.plan, planTypes) : await placed(atTarget(main, t), `${STAGE.risk}:${packings}`, planTypes, `CPU target ${t}%`, { stage: STAGE.riskSearch, parts: riskPackings });
    const hs = profileHostSummary(p.hosts, p.problem);
    const tr = await runCooperative(evaluateTracesSteps(workloads, sized, main.demands, hs, planTypes, o, model), stages.co);
    return { cpuTargetPercent: t, hostsUsed: hs.length, totalCost: round(p.packed.totalCost, 6), unplaced: p.packed.unplaced.length, overloadFraction: round(tr?.overload.fractionOfActiveHostTime ?? 0, 9), value: { placement: p, hosts: hs } };
  };
  const evals = new RiskEvaluations(evaluateAt, riskSettings);
  let chosen = main;
  let plan: Placement;
  let hostsChosen: PlanHost[];
  let risk: { target: number; result: Awaited<ReturnType<typeof searchCpuTarget<Candidate>>> } | undefined;
  if (riskTarget !== undefined) {
    const result = await searchCpuTarget(evals, riskTarget, o.cpuTarget);
    risk = { target: riskTarget, result };
    chosen = atTarget(main, result.best.cpuTargetPercent);
    plan = result.best.value.placement;
    hostsChosen = result.best.value.hosts;
    if (!result.met) issues.push(issue('plan.warning', 'warning', { what: 'overload-risk-not-met', targetPercent: riskTarget * 100, achievedPercent: round(result.best.overloadFraction * 100, 4), cpuTargetPercent: result.best.cpuTargetPercent }, { path: ['overloadRisk'] }));
  } else {
    plan = await placed(main, STAGE.plan, planTypes);
    hostsChosen = profileHostSummary(plan.hosts, plan.problem);
  }
  const { packed, problem, tco } = plan;
  const hosts = hostsChosen;

  // Counterfactual: the same plan with virtualization none (the technique is the only change).
  let baseline: Placement | undefined;
  if (virt) {
    const oNone: PlanOptions = { ...chosen.o, virtualization: 'none' };
    const mNone: ModelDefaults = { ...model, plan: { ...model.plan, virtualization: 'none' } };
    baseline = await placed(await build(oNone, mNone, `${STAGE.noVirtualization}:`), STAGE.noVirtualization, planTypes, 'virtualization none');
  }
  const overhead = overheadSummary({ o, model, demands: main.demands, hosts, hostModels: planTypes, energy: plan.energy, tco, baseline });

  const hostOf = new Map<string, string>();
  for (const h of hosts) for (const id of h.vms) hostOf.set(id, h.id);
  const vms: PlanVm[] = main.demands.map(({ cpuAvgDemandGhz: _avg, cpuDemandPerUtilGhz: perUtil, ...v }, i) => ({
    ...v,
    host: hostOf.get(v.id) ?? null,
    cpuAvgUtilizationFraction: round(sized[i].cpuAvgFraction),
    cpuSizedUtilizationFraction: round(sized[i].cpuCapacityGhz > 0 ? sized[i].cpuNativeGhz / sized[i].cpuCapacityGhz : 0),
    cpuDemandPerUtilGhz: round(perUtil, 9),
  }));
  const unplaced = packed.unplaced.map((u) => {
    const why = planUnplacedReason(u, problem);
    issues.push(issue('plan.unplaced', 'warning', { id: u.id, reason: why }, { path: ['workloads', u.id] }));
    return { id: u.id, reason: renderUnplacedReason(why), failures: u.failures, code: why.code, args: why.args };
  });
  const warningIssues = engineWarningIssues(packed.warnings);
  issues.push(...warningIssues);
  for (const k of plan.energy.assumptionKeys) assumptionKeys.add(k);
  for (const k of ioAssumptionKeys(io, planTypes, model)) assumptionKeys.add(k);


  // Energy over the observed window, when there are samples, beside the annual figures.
  const observed = await stages.compute('observed-energy', compareObservedEnergySteps(workloads, main.demands, hosts, planTypes, plan.unplacedIds, model));
  const energy = observed
    ? {
        before: { ...plan.energy.before, observedEnergyKWh: round(observed.before.energyKWh) },
        after: { ...plan.energy.after, observedEnergyKWh: round(observed.after.energyKWh) },
        savings: { ...plan.energy.savings, observedEnergyKWh: round(observed.before.energyKWh - observed.after.energyKWh) },
      }
    : plan.energy;
  const traces = await stages.compute('replay', evaluateTracesSteps(workloads, sized, main.demands, hosts, planTypes, o, model));

  // The risk-energy curve: the search at each level (sharing packings), each with its observed energy.
  const riskCurve: NonNullable<PlanResult['summary']['riskCurve']> = [];
  for (const level of curveLevels) {
    const r = await searchCpuTarget(evals, level / 100, o.cpuTarget);
    const best = r.best.value;
    if (best.observedKWh === undefined) {
      const e = await runCooperative(compareObservedEnergySteps(workloads, main.demands, best.hosts, planTypes, best.placement.unplacedIds, model), stages.co);
      best.observedKWh = e ? round(e.after.energyKWh) : null;
    }
    riskCurve.push({ targetFraction: round(level / 100, 9), met: r.met, cpuTargetPercent: r.best.cpuTargetPercent, hostsUsed: r.best.hostsUsed, unplaced: r.best.unplaced, achievedFraction: round(r.best.overloadFraction), observedEnergyKWh: best.observedKWh });
  }
  const rows = input.rows ?? { read: 0, accepted: 0, rejected: 0 };
  const dataQuality = await stages.compute('quality', assessQualitySteps({ workloads, rows, noSamples: input.noSamples, noInventory: input.noInventory }));
  issues.push(...qualityIssues(dataQuality));

  // Counterfactuals of procurement: each single catalog type, and buying new instead of keeping servers.
  let procurement: PlanResult['summary']['procurement'];
  if (compare) {
    const singleRuns: { type: string; placement: Placement; models: HostModel[] }[] = [];
    for (const m of singles) singleRuns.push({ type: m.type, models: [m], placement: await placed(chosen, STAGE.single(m.type), [m], `host types: ${m.type}`) });
    const buyNew = !reuse ? undefined : buyNewIsSingle ? singleRuns[0].placement : await placed(chosen, STAGE.buyNew, catalog, 'no current servers kept');
    procurement = compareProcurement({
      objective: objective ?? 'tco',
      plan: { placement: plan, hosts, unplaced: unplaced.length },
      newModels: catalog,
      allModels: planTypes,
      perHostObjective: plan.perHost ?? Object.fromEntries(problem.hostTypes.map((t) => [t.type, t.cost])),
      singles: singleRuns,
      buyNew,
      model,
    });
  }

  // No physical source server and no source host: nothing to compare the new hosts with.
  const noBefore = energy.before.hosts === 0;
  if (noBefore) issues.push(issue('plan.no-before', 'info', { reason: 'no-source-servers', workloads: workloads.length }));

  // Embodied CO2e of the new hosts against the operational CO2e they save.
  const carbon = carbonSummary({ hosts, hostModels: planTypes, savings: energy.savings, horizonYears: model.cost.horizonYears });
  const usedTypes = new Set(hosts.map((h) => h.type));
  for (const k of embodiedAssumptionKeys(input.hostModels.filter((h) => usedTypes.has(h.type)), model)) assumptionKeys.add(k);

  // Migration waves: the order of the move, a pure stage after placement.
  let waves: Awaited<ReturnType<typeof runWaves>> | undefined;
  async function runWaves(waveSize: number) {
    const avgGhz = new Map(main.demands.map((d) => [d.id, d.cpuAvgDemandGhz]));
    const sources = sourceServers(workloads, sized, model, input.sourceHosts).servers;
    return stages.compute('waves', planWavesSteps({ workloads, waveSize, hosts, hostModels: planTypes, avgGhz, sources, unplacedIds: plan.unplacedIds, pue: o.pue, usdPerKwh: o.usdPerKwh, waveDays: model.waves.intervalDays, model }));
  }
  if (o.waveSize !== undefined) {
    waves = await runWaves(o.waveSize);
    assumptionKeys.add('waves.intervalDays');
  }

  const hostsByType: Record<string, number> = {};
  for (const h of hosts) hostsByType[h.type] = (hostsByType[h.type] ?? 0) + 1;
  const placedCount = workloads.length - unplaced.length;
  const result: PlanResult = {
    schemaVersion: SCHEMA_VERSION,
    kind: 'plan',
    dimensions: problem.dimensions,
    summary: {
      vms: workloads.length,
      placed: placedCount,
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
      rows,
      sourceServers: energy.before.hosts,
      consolidationRatio: hosts.length > 0 ? round(placedCount / hosts.length, 3) : null,
      hostType: input.hostModels.map((h) => h.type).join('+'),
      before: energy.before,
      after: energy.after,
      savings: energy.savings,
      savingsFraction: savingsFractions(energy.before, energy.savings),
      ...(noBefore ? { noBefore: { reason: 'no-source-servers' as const } } : {}),
      ...(packed.haVerification ? { ha: haSummary(packed.haVerification) } : {}),
      overloadRisk: traces ? round(traces.overload.fractionOfIntervals) : null,
      ...(traces
        ? {
            overload: {
              ...traces.overload,
              fractionOfIntervals: round(traces.overload.fractionOfIntervals),
              fractionOfActiveHostTime: round(traces.overload.fractionOfActiveHostTime),
              stepSeconds: traces.timeline.stepSec,
              ...(risk
                ? {
                    targetFraction: round(risk.target, 9),
                    achievedFraction: round(traces.overload.fractionOfActiveHostTime),
                    met: traces.overload.fractionOfActiveHostTime <= risk.target + 1e-12,
                    cpuTargetPercent: risk.result.best.cpuTargetPercent,
                    search: risk.result.points,
                  }
                : {}),
            },
          }
        : {}),
      ...(riskCurve.length ? { riskCurve } : {}),
      ...(traces ? { cpuTimeline: traces.chart } : {}),
      sourceUtilization: utilizationDistribution(sized.map((x: SizedWorkload) => ({ avg: x.cpuAvgFraction, sized: x.cpuCapacityGhz > 0 ? x.cpuNativeGhz / x.cpuCapacityGhz : 0 }))),
      ...(observed ? { observedWindowHours: round(observed.windowHours) } : {}),
      overhead,
      tco,
      memorySizing,
      carbon,
      ...(procurement ? { procurement } : {}),
      ...(waves ? { waves: waves.waves, waveComparison: waves.comparison } : {}),
      stages: stages.stages,
    },
    options: { ...o } as Record<string, unknown>,
    hosts,
    vms,
    unplaced,
    issues,
    // One registry (defaults/registry.ts) serves the assumptions and `consolidate defaults`,
    // including the sizing-from-samples entries (sizing.statistic, sizing.growth, ...).
    assumptions: mergeAssumptions(collectAssumptions(o, assumptionKeys, planTypes, resolved, workloads), [...(input.assumptions ?? []), ...plan.energy.assumptions], resolved),
    warnings: warningIssues.map((i) => i.message),
    dataQuality,
    hostModels: planHostModels(hosts, planTypes, o, model),
  };
  return result;
}
