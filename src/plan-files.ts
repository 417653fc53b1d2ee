import type { PlanOptionsInput } from './model/options.js';
import type { PlanResult } from './model/plan-result.js';
import { plan, type PlanRunOptions } from './plan.js';
import { loadPlanInput } from './ingest/plan-input.js';
import type { IngestProgress } from './ingest/utilization.js';
import { readConfigFile } from './cli/config.js';
import { mergeConfigDefaults } from './defaults/registry.js';

/**
 * Options as a program or a scenario file writes them → the options plan() and the loaders take,
 * exactly as the CLI prepares its flags: `config` (a JSON file of default overrides, relative to
 * `dir`) is read into `defaults` (explicit `defaults` keys win), then option-backed defaults are merged.
 */
export function prepareOptions(o: PlanOptionsInput, dir: string): PlanOptionsInput {
  const r = o as Record<string, unknown>;
  const withConfig = typeof r.config === 'string' ? { ...r, defaults: { ...readConfigFile(r.config, dir), ...(r.defaults as object | undefined) } } : r;
  return mergeConfigDefaults(withConfig) as PlanOptionsInput;
}

export interface PlanFilesRunOptions extends PlanRunOptions {
  /** Folder that relative paths in the options are resolved against; default: process.cwd(). */
  baseDir?: string;
}

/**
 * Convenience for embedding programs: reads the files the options name (`servers`, `hosts`,
 * `config`, ...) relative to `baseDir`, and plans, just as `consolidate plan` does.
 * @example const r = await planFiles({ servers: 'servers.csv', hostType: 'dell-r7525' }, { baseDir: '/data' })
 */
export async function planFiles(options: PlanOptionsInput, run: PlanFilesRunOptions = {}): Promise<PlanResult> {
  const dir = run.baseDir ?? process.cwd();
  const o = prepareOptions(options, dir);
  const { baseDir: _dir, ...planRun } = run;
  // Reading is the plan's first stage: its progress comes through the same callback.
  const onIngest = run.onProgress ? (p: IngestProgress) => run.onProgress!({ stage: 'read', phase: 'read', done: p.done, total: p.total, message: p.label }) : undefined;
  const input = await loadPlanInput(o as never, dir, { signal: run.signal }, { onProgress: onIngest, now: run.now });
  return plan(input, o, planRun);
}
