import type { CommandFactory } from '../context.js';
import { writeRejects } from '../context.js';
import { writeFileAtomic, textWidth } from '../io.js';
import { inputOptions, ingestProgress } from './plan.js';
import { optionsFromArgv } from '../options.js';
import { renderJson } from '../../report/index.js';
import { dataQualitySection, issuesSection } from '../../report/text.js';
import { PLAIN, DEFAULT_TEXT_WIDTH, wrapLines } from '../../report/format.js';
import type { DataQuality } from '../../model/plan-result.js';
import type { Issue, RowAccounting } from '../../model/issue.js';

/** What `consolidate validate` reports: accounting, data quality, issues (no plan). */
export interface ValidateResult {
  schemaVersion: 1;
  kind: 'validate';
  summary: { rows: RowAccounting; workloads: number; valid: boolean };
  dataQuality: DataQuality;
  issues: Issue[];
}

export function renderValidateText(r: ValidateResult, width: number = DEFAULT_TEXT_WIDTH): string {
  const out: string[] = [];
  out.push('Input validation');
  out.push(`Inputs: ${r.summary.rows.read} rows read, ${r.summary.rows.accepted} accepted, ${r.summary.rows.rejected} rejected; ${r.summary.workloads} workloads`);
  out.push(...dataQualitySection(r.dataQuality, PLAIN, 50, width));
  out.push(...issuesSection(r.issues, PLAIN, 200, 100, width));
  out.push('');
  out.push(r.summary.valid ? 'Result: valid (no rejected rows)' : `Result: ${r.summary.rows.rejected} rejected rows (exit 2)`);
  return wrapLines(out, width).join('\n') + '\n';
}

export const validateCommand: CommandFactory = (ctx) => ({
  command: 'validate',
  describe: 'read the inputs and check their quality without planning; exit 0 when no row is rejected, 2 otherwise',
  builder: (y) =>
    inputOptions(y)
      .option('format', { type: 'string', choices: ['text', 'json'], default: 'text', describe: 'output format' })
      .option('out', { type: 'string', describe: 'write the report to FILE (atomically) instead of stdout' }),
  handler: async (argv) => {
    // loaded here, so that the other commands start without these modules
    const [{ loadPlanInput }, { assessQuality, qualityIssues }] = await Promise.all([import('../../ingest/plan-input.js'), import('../../quality/assess.js')]);
    const a = argv as Record<string, unknown>;
    const opts = optionsFromArgv(a, 'validate', ctx.io.cwd ?? process.cwd());
    const input = await loadPlanInput(opts as never, ctx.io.cwd ?? process.cwd(), { signal: ctx.io.signal }, { onProgress: ingestProgress(ctx.io) });
    if (typeof a.rejects === 'string') writeRejects(a.rejects, input.issues ?? []);
    const rows = input.rows ?? { read: 0, accepted: 0, rejected: 0 };
    const dataQuality = assessQuality({ workloads: input.workloads, rows, noSamples: input.noSamples, noInventory: input.noInventory });
    const result: ValidateResult = {
      schemaVersion: 1,
      kind: 'validate',
      summary: { rows, workloads: input.workloads.length, valid: rows.rejected === 0 },
      dataQuality,
      issues: [...(input.issues ?? []), ...qualityIssues(dataQuality)],
    };
    const text = a.format === 'json' ? renderJson(result) : renderValidateText(result, typeof a.out === 'string' ? DEFAULT_TEXT_WIDTH : textWidth(ctx.io));
    if (typeof a.out === 'string') writeFileAtomic(a.out, text);
    else ctx.io.stdout.write(text);
    ctx.exitCode = rows.rejected === 0 ? 0 : 2;
  },
});
