import { PlanOptionsSchema, type PlanOptionsInput } from '../model/options.js';
import type { PlanResult } from '../model/plan-result.js';
import { SCHEMA_VERSION } from '../model/plan-result.js';
import { AbortedError } from '../errors.js';
import { SENSITIVITY_RANGES } from '../defaults/sensitivity.js';
import { METRICS, savingsObjective } from './metrics.js';
import { mapPool, defaultJobs } from './pool.js';
import { runPlanTask, createInputCache, type PlanTask } from './run-task.js';
import { BASE_NAME, type LoadedScenarios, type Scenario } from './scenario.js';
import { round } from '../util/round.js';
import { computeVerdict, type Verdict } from './verdict.js';

/** One compared scenario in the what-if result. */
export interface WhatIfScenario {
  name: string;
  description?: string;
  /** The options in force (base merged with the variation), as written in the scenario file. */
  options: Record<string, unknown>;
  /** The plan's summary, exactly as `consolidate plan --format json` shows it. */
  summary: PlanResult['summary'];
  /** Metric values (see `metrics`), null where the plan does not report the quantity. */
  metrics: Record<string, number | null>;
  /** Metric minus the base's metric; null for the base itself or when either side is missing. */
  deltas: Record<string, number | null>;
  warnings: string[];
  /** The plan's resource dimensions, new hosts and unplaced workloads, exactly as `consolidate plan --format json` shows them. */
  dimensions: PlanResult['dimensions'];
  hosts: PlanResult['hosts'];
  unplaced: PlanResult['unplaced'];
}

export interface SensitivityRow {
  key: string;
  label: string;
  unit: string;
  low: { value: number | string; objective: number };
  high: { value: number | string; objective: number };
  /** |high.objective - low.objective|, the bar length in the tornado chart. */
  swing: number;
  source: string;
}

export interface SensitivityResult {
  /** What is measured: TCO savings when the cost model reports them, else annual electricity cost savings. */
  objective: { key: string; label: string };
  baseValue: number;
  /** Sorted by swing, largest first (ties by key): the tornado order. */
  rows: SensitivityRow[];
  /** Assumptions that could not be varied with the current options (and why). */
  skipped: { key: string; reason: string }[];
}

/** The what-if comparison. Contract: `{ schemaVersion: 1, scenarios: [ { name, summary } ] }`; more keys may be added. */
export interface WhatIfResult {
  schemaVersion: typeof SCHEMA_VERSION;
  kind: 'whatif';
  /** The scenario file's own description, when it has one. */
  description?: string;
  /** Name of the scenario the deltas are taken against. */
  base: string;
  metrics: { key: string; label: string; unit: string; better: 'lower' | 'higher' | 'none'; decimals: number }[];
  scenarios: WhatIfScenario[];
  /** Which scenario has the lowest cost and the lowest CO2, what it changes and by how much. */
  verdict: Verdict;
  sensitivity?: SensitivityResult;
}

export interface WhatIfProgress {
  phase: 'scenarios' | 'sensitivity';
  done: number;
  total: number;
  name?: string;
}

export interface WhatIfRunOptions {
  /** Worker threads: 1 = run in this thread; default: a small pool (at most 4) when several runs. */
  jobs?: number;
  sensitivity?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: WhatIfProgress) => void;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

function metricValues(s: PlanResult['summary']): Record<string, number | null> {
  const m: Record<string, number | null> = {};
  for (const x of METRICS) m[x.key] = x.read(s);
  return m;
}

async function runTasks(tasks: PlanTask[], o: WhatIfRunOptions, phase: WhatIfProgress['phase']): Promise<PlanResult[]> {
  const cache = createInputCache();
  return mapPool(tasks, {
    jobs: o.jobs ?? defaultJobs(tasks.length),
    workerUrl: WORKER_URL,
    signal: o.signal,
    inline: (t) => runPlanTask(t, { signal: o.signal }, cache),
    onDone: (i, done) => o.onProgress?.({ phase, done, total: tasks.length, name: tasks[i].name }),
  });
}

/** Builds the comparison from plan results (base first). Pure; exported for tests. */
export function compareScenarios(scenarios: Scenario[], results: PlanResult[]): WhatIfScenario[] {
  const baseM = metricValues(results[0].summary);
  return scenarios.map((s, i) => {
    const r = results[i];
    const m = metricValues(r.summary);
    const deltas: Record<string, number | null> = {};
    for (const k of Object.keys(m)) deltas[k] = i === 0 || m[k] === null || baseM[k] === null ? null : round(m[k]! - baseM[k]!);
    return {
      name: s.name,
      ...(s.description ? { description: s.description } : {}),
      options: { ...(s.options as Record<string, unknown>) },
      summary: r.summary,
      metrics: m,
      deltas,
      warnings: r.warnings,
      dimensions: r.dimensions,
      hosts: r.hosts,
      unplaced: r.unplaced,
    };
  });
}

interface Variant {
  key: string;
  label: string;
  unit: string;
  source: string;
  low: number | string;
  high: number | string;
  apply(base: Record<string, unknown>, v: number | string): { options: Record<string, unknown>; hostPriceFactor?: number } | string;
}

const validates = (o: Record<string, unknown>) => PlanOptionsSchema.safeParse(o).success;

/** Sets an option if the shared schema accepts it; tries the spellings the schema may use. */
function setOption(base: Record<string, unknown>, candidates: [string, unknown][]): Record<string, unknown> | string {
  const shape = (PlanOptionsSchema as unknown as { shape: Record<string, unknown> }).shape;
  for (const [k, v] of candidates) {
    if (!(k in shape)) continue;
    const o = { ...base, [k]: v };
    if (validates(o)) return o;
  }
  return `the plan options have no ${candidates.map((c) => c[0]).filter((k, i, a) => a.indexOf(k) === i).join('/')} accepting ${String(candidates[0][1])}`;
}

const R = SENSITIVITY_RANGES;
/** The assumptions varied by --sensitivity, each with its low-savings and high-savings end. */
export const SENSITIVITY_VARIANTS: Variant[] = [
  {
    key: 'sizing', label: 'sizing percentile', unit: R.sizingPercentile.unit, source: R.sizingPercentile.source, low: R.sizingPercentile.low, high: R.sizingPercentile.high,
    apply: (b, v) => {
      const o = setOption(b, [['sizing', v]]);
      return typeof o === 'string' ? o : { options: o };
    },
  },
  {
    key: 'cpuTarget', label: 'CPU target', unit: R.cpuTargetPercent.unit, source: R.cpuTargetPercent.source, low: R.cpuTargetPercent.low, high: R.cpuTargetPercent.high,
    apply: (b, v) => { const o = setOption(b, [['cpuTarget', v]]); return typeof o === 'string' ? o : { options: o }; },
  },
  {
    key: 'virtualization', label: 'technique', unit: R.virtualization.unit, source: R.virtualization.source, low: R.virtualization.low, high: R.virtualization.high,
    apply: (b, v) => { const o = setOption(b, [['virtualization', v]]); return typeof o === 'string' ? o : { options: o }; },
  },
  {
    key: 'pue', label: 'PUE', unit: R.pue.unit, source: R.pue.source, low: R.pue.low, high: R.pue.high,
    apply: (b, v) => { const o = setOption(b, [['pue', v]]); return typeof o === 'string' ? o : { options: o }; },
  },
  {
    key: 'usdPerKwh', label: '$/kWh', unit: R.usdPerKwh.unit, source: R.usdPerKwh.source, low: R.usdPerKwh.low, high: R.usdPerKwh.high,
    apply: (b, v) => { const o = setOption(b, [['usdPerKwh', v]]); return typeof o === 'string' ? o : { options: o }; },
  },
  {
    key: 'hostPrice', label: 'host price', unit: R.hostPriceFactor.unit, source: R.hostPriceFactor.source, low: R.hostPriceFactor.low, high: R.hostPriceFactor.high,
    // A base that sets hostPriceUsd overrides catalog prices, so vary that option; else scale the catalog.
    apply: (b, v) =>
      typeof b.hostPriceUsd === 'number' ? { options: { ...b, hostPriceUsd: round(b.hostPriceUsd * Number(v), 2) } } : { options: { ...b }, hostPriceFactor: Number(v) },
  },
];

/** Varies each key assumption of the base over its low/high range and measures the savings. */
async function sensitivity(base: Scenario, baseResult: PlanResult, dir: string, o: WhatIfRunOptions): Promise<SensitivityResult> {
  const baseObj = savingsObjective(baseResult.summary);
  const tasks: PlanTask[] = [];
  const planned: { v: Variant; lowIdx: number; highIdx: number }[] = [];
  const skipped: SensitivityResult['skipped'] = [];
  const b = base.options as Record<string, unknown>;
  for (const v of SENSITIVITY_VARIANTS) {
    const lo = v.apply(b, v.low);
    const hi = v.apply(b, v.high);
    if (typeof lo === 'string' || typeof hi === 'string') {
      skipped.push({ key: v.key, reason: typeof lo === 'string' ? lo : (hi as string) });
      continue;
    }
    planned.push({ v, lowIdx: tasks.length, highIdx: tasks.length + 1 });
    tasks.push({ name: `${v.key}=${v.low}`, options: lo.options as PlanOptionsInput, dir, hostPriceFactor: lo.hostPriceFactor });
    tasks.push({ name: `${v.key}=${v.high}`, options: hi.options as PlanOptionsInput, dir, hostPriceFactor: hi.hostPriceFactor });
  }
  const results = await runTasks(tasks, o, 'sensitivity');
  // Measure every run with the same objective as the base (TCO savings if the base has them).
  const measure = (r: PlanResult) => {
    const x = savingsObjective(r.summary);
    return x.key === baseObj.key ? x.value : r.summary.savings.annualCostUsd;
  };
  const rows: SensitivityRow[] = planned.map(({ v, lowIdx, highIdx }) => {
    const lo = round(measure(results[lowIdx]), 2);
    const hi = round(measure(results[highIdx]), 2);
    return { key: v.key, label: v.label, unit: v.unit, low: { value: v.low, objective: lo }, high: { value: v.high, objective: hi }, swing: round(Math.abs(hi - lo), 2), source: v.source };
  });
  rows.sort((a, c) => c.swing - a.swing || (a.key < c.key ? -1 : a.key > c.key ? 1 : 0));
  return { objective: { key: baseObj.key, label: baseObj.label }, baseValue: round(baseObj.value, 2), rows, skipped };
}

/**
 * Runs every scenario (base first, then the variations in file order) and compares them.
 * Variations run on a small worker-thread pool when there are several; results are ordered by the
 * scenario file, so the output is the same whatever order the workers finish in.
 * With `sensitivity`, also varies each key assumption of the base (see SENSITIVITY_VARIANTS).
 */
export async function runWhatIf(loaded: LoadedScenarios, o: WhatIfRunOptions = {}): Promise<WhatIfResult> {
  if (o.signal?.aborted) throw new AbortedError('aborted before start');
  const tasks: PlanTask[] = loaded.scenarios.map((s) => ({ name: s.name, options: s.options, dir: loaded.dir }));
  const results = await runTasks(tasks, o, 'scenarios');
  const scenarios = compareScenarios(loaded.scenarios, results);
  const out: WhatIfResult = {
    schemaVersion: SCHEMA_VERSION,
    kind: 'whatif',
    ...(loaded.description ? { description: loaded.description } : {}),
    base: loaded.scenarios[0]?.name ?? BASE_NAME,
    metrics: METRICS.map(({ key, label, unit, better, decimals }) => ({ key, label, unit, better, decimals })),
    scenarios,
    verdict: computeVerdict(scenarios),
  };
  if (o.sensitivity) out.sensitivity = await sensitivity(loaded.scenarios[0], results[0], loaded.dir, o);
  return out;
}
