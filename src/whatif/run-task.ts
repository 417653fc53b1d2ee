import type { PlanOptionsInput } from '../model/options.js';
import type { PlanResult } from '../model/plan-result.js';
import { plan, type PlanInput, type PlanRunOptions } from '../plan.js';
import { loadPlanInput } from '../ingest/plan-input.js';
import { prepareOptions } from '../plan-files.js';

/** One plan to run: options as the scenario names them, relative paths resolved against `dir`. */
export interface PlanTask {
  name: string;
  options: PlanOptionsInput;
  /** Folder that relative paths in `options` are resolved against. */
  dir: string;
  /** Multiplies every host type's price (sensitivity to the host price); 1 = as catalogued. */
  hostPriceFactor?: number;
}

export type InputCache = Map<string, Promise<PlanInput>>;
export const createInputCache = (): InputCache => new Map();

/** Options that select input files or the host models; everything else leaves the input unchanged. */
const INPUT_KEYS_EXCLUDED = new Set(['virtualization', 'hypervisor', 'cpuTarget', 'memoryTarget', 'peakFactor', 'pue', 'usdPerKwh', 'gridGco2PerKwh', 'timeLimit']);

function inputKey(t: PlanTask): string {
  const o = t.options as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => !INPUT_KEYS_EXCLUDED.has(k)).sort();
  return JSON.stringify([t.dir, keys.map((k) => [k, o[k]])]);
}

/**
 * Loads the inputs a task names (once per distinct input, via `cache`) and plans it.
 * Loaded inputs are shared read-only between tasks; the host price factor makes a copy.
 */
export async function runPlanTask(t: PlanTask, run: PlanRunOptions = {}, cache: InputCache = createInputCache()): Promise<PlanResult> {
  const key = inputKey(t);
  const options = prepareOptions(t.options, t.dir);
  let p = cache.get(key);
  if (!p) {
    p = loadPlanInput(options as never, t.dir, { signal: run.signal });
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  const input = await p;
  const f = t.hostPriceFactor ?? 1;
  const used: PlanInput = f === 1 ? input : { ...input, hostModels: input.hostModels.map((h) => ({ ...h, priceUsd: h.priceUsd * f })) };
  return plan(used, options, run);
}
