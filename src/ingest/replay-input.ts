import { readFile } from 'node:fs/promises';
import { PlanResultSchema, type PlanResult } from '../model/plan-result.js';
import { issueError } from '../model/issue.js';
import { unreadableError } from './csv.js';
import { loadUtilization } from './registry.js';
import type { ReplayInput } from '../analysis/replay.js';
import type { TraceFormat, UtilizationLoadOptions } from './utilization.js';

/**
 * Reads a plan result (`plan --format json`) from a file and checks it against the PlanResult
 * schema: a file that is not a plan (a pack result, a truncated file, another JSON) stops with
 * `file.not-a-plan`, naming the first field at fault.
 */
export async function loadPlanResult(path: string, label: string = path): Promise<PlanResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw unreadableError(e as NodeJS.ErrnoException, label);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw issueError('file.not-a-plan', { path: '', expected: 'JSON written by `consolidate plan --format json`' }, { file: label });
  }
  const kind = (json as { kind?: unknown } | null)?.kind;
  if (kind !== 'plan') throw issueError('file.not-a-plan', { path: 'kind', expected: `"plan" (got ${JSON.stringify(kind ?? null)})` }, { file: label });
  const r = PlanResultSchema.safeParse(json);
  if (!r.success) {
    const first = r.error.issues[0];
    throw issueError('file.not-a-plan', { path: first.path.join('.'), expected: first.message }, { file: label });
  }
  if (!r.data.hostModels) throw issueError('file.not-a-plan', { path: 'hostModels', expected: 'the host types of the plan (written by plan since replay exists: re-run plan)' }, { file: label });
  return r.data;
}

/** Loads what `replay()` needs: the plan and the new utilization traces (any utilization format). */
export async function loadReplayInput(planPath: string, utilizationPath: string, format: TraceFormat | 'auto' = 'auto', opts: UtilizationLoadOptions & { planLabel?: string } = {}): Promise<ReplayInput> {
  const plan = await loadPlanResult(planPath, opts.planLabel ?? planPath);
  const u = await loadUtilization(utilizationPath, format, opts);
  return { plan, workloads: u.series, issues: u.issues, rows: u.rows };
}
