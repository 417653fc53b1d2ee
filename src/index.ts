/**
 * consolidation-planner: the public API. The CLI is a thin shell over these functions; anything
 * it can do, an embedding program can do here.
 */
export { plan, usableCapacity, type PlanInput, type PlanRunOptions } from './plan.js';
export { pack, toPackingProblem, toPackResult, PackProblemInputSchema, type PackProblemInput } from './pack.js';
export { solvePacking } from './packing/index.js';
export type * from './packing/problem.js';
export { loadServers } from './ingest/servers.js';
export { loadHostCatalog } from './ingest/hosts.js';
export { loadPackItems, loadPackHosts } from './ingest/pack-input.js';
export { loadPlanInput, loadHostModels } from './ingest/plan-input.js';
export { loadUtilization, detectUtilizationFormat, UTILIZATION_FORMAT_REGISTRY } from './ingest/registry.js';
export { loadLongCsv, parseTimestamp } from './ingest/long.js';
export { loadPlanetLab } from './ingest/planetlab.js';
export { loadBitbrains } from './ingest/bitbrains.js';
export { loadPerfmon } from './ingest/perfmon.js';
export { loadSysstat } from './ingest/sysstat.js';
export { loadAzureMigrate } from './ingest/azure-migrate.js';
export { loadInventory } from './ingest/inventory.js';
export { IO_DIMENSIONS, DIMENSION_NAMES, ioDimensions, hostIoCapacity, type IoDimension } from './plan-io.js';
export { loadRvtools, type RvtoolsLoad, type RvtoolsOptions } from './ingest/rvtools.js';
export { joinUtilization } from './ingest/join.js';
export type { TracedWorkload, UtilizationLoad, UtilizationLoadOptions, IngestProgress, TraceFormat } from './ingest/utilization.js';
export { sizeSamples, growthFactor, timeBucket, statisticOf } from './sizing/samples.js';
export { assessQuality, CONFIDENCE_RULE } from './quality/assess.js';
export { renderReport, renderSummaryCsv, REPORT_FORMATS, registerRenderer, type RenderOptions, type Renderer } from './report/index.js';
export { PlanOptionsSchema, type PlanOptions, type PlanOptionsInput } from './model/options.js';
export * from './model/plan-result.js';
export * from './model/issue.js';
export type * from './model/workload.js';
export type * from './model/host.js';
export { BUILTIN_HOSTS, DEFAULT_HOST_TYPE } from './defaults/catalog.js';
export { InputError, OptionsError, AbortedError, NoUsableWorkloadsError, type NoUsableWorkloadsFound } from './errors.js';
export { planFiles, prepareOptions, type PlanFilesRunOptions } from './plan-files.js';
export { runWhatIf, loadScenarioFile, fromScenarioDocument, parseScenarioDocument, renderWhatIf, WHATIF_FORMATS, METRICS as WHATIF_METRICS } from './whatif/index.js';
export type { WhatIfResult, WhatIfScenario, WhatIfRunOptions, WhatIfProgress, SensitivityResult, SensitivityRow, Scenario, LoadedScenarios } from './whatif/index.js';
export { replay, replaySync, type ReplayInput, type ReplayResult, type ReplayHost, type ReplayWorkload, type ReplayRunOptions, type OverloadEpisode } from './analysis/replay.js';
export { loadReplayInput, loadPlanResult } from './ingest/replay-input.js';
export { renderReplay, REPLAY_FORMATS, type ReplayFormat } from './report/replay.js';
