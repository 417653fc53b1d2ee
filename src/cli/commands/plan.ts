import type { Argv } from 'yargs';
import type { CommandFactory } from '../context.js';
import { outputOptions, emit, writeRejects } from '../context.js';
import type { PlanProgress, StageTiming } from '../../plan.js';
import { mergeConfigDefaults } from '../../defaults/registry.js';
import { createProgress } from '../progress.js';
import { REPORT_FORMATS, renderSummaryCsv } from '../../report/index.js';
import { writeFileAtomic } from '../io.js';
import { tableFlags, optionsFromArgv } from '../options.js';
import { OPTIONS } from '../../model/options.js';
import type { CliIo } from '../io.js';
import type { IngestProgress } from '../../ingest/utilization.js';

/** A progress callback for loaders: a bar per unit (MiB read, or files), on a TTY only. */
export function ingestProgress(io: CliIo): (p: IngestProgress) => void {
  const bars = new Map<string, ReturnType<typeof createProgress>>();
  return (p) => {
    const unit = p.unit === 'bytes' ? 'MiB' : 'files';
    let bar = bars.get(p.label);
    if (!bar) bars.set(p.label, (bar = createProgress(io, unit)));
    const scale = p.unit === 'bytes' ? 2 ** 20 : 1;
    bar.update(Math.round(p.done / scale), p.total === undefined ? undefined : Math.round(p.total / scale), p.label);
    if (p.total !== undefined && p.done >= p.total) bar.done();
  };
}

/** Input flags shared by `plan` and `validate` (from the option table), and --rejects. */
export function inputOptions<T>(y: Argv<T>) {
  return tableFlags(y, 'validate').option('rejects', { type: 'string', describe: 'write rejected rows to FILE as CSV: file,line,column,reason,raw' });
}

/** The plan flags (from the option table) beyond the input ones. */
export function planOptions<T>(y: Argv<T>) {
  return tableFlags(y, 'plan', (name) => !OPTIONS[name].spec.commands.includes('validate'));
}

/** One progress line: the stage, and inside a packing stage its number, budget and the engine's phase. */
export function stageProgressText(p: PlanProgress): string {
  const n = p.packingStage !== undefined ? ` (${p.packingStage}/${p.packingStages})` : '';
  return `${p.stage}${n}: ${p.phase}${p.message ? ` ${p.message}` : ''}`;
}

/** A --verbose line: "stage single:r640 (pack, 20% of --time-limit = 1 s): 12 hosts, 0 unplaced, optimal; 0.42 s". */
export function stageLine(t: StageTiming): string {
  const s = t.stage;
  if (s.kind === 'compute') return `stage ${s.name}: ${t.seconds.toFixed(3)} s`;
  const found = `${s.hostsUsed} hosts, ${s.unplaced} unplaced, ${s.optimal ? 'optimal' : `gap ${((s.gap ?? 0) * 100).toFixed(2)}%`} (${s.algorithm})`;
  return `stage ${s.name}${s.change ? ` [${s.change}]` : ''} (pack, ${Math.round((s.share ?? 0) * 100)}% of --time-limit = ${s.budgetSeconds} s): ${found}; ${t.seconds.toFixed(3)} s`;
}

export const planCommand: CommandFactory = (ctx) => ({
  command: 'plan',
  describe: 'plan the consolidation of physical servers onto hypervisor hosts',
  builder: (y) =>
    outputOptions(planOptions(inputOptions(y)), REPORT_FORMATS())
      .option('summary-csv', { type: 'string', describe: 'also write the summary as CSV to FILE (key,label,value,unit)' })
      .option('verbose', { type: 'boolean', describe: 'print each stage of the plan on stderr as it ends: its share of --time-limit, what it found and how long it took' })
      .example('$0 plan --servers examples/datacenter/servers.csv', 'plan onto the default host type')
      .example('$0 plan --servers servers.csv --format html --out plan.html', 'a self-contained HTML report')
      .example('$0 plan --servers servers.csv --format csv --out placement.csv --summary-csv summary.csv', 'placement and summary for a spreadsheet'),
  handler: async (argv) => {
    // loaded here, so that the other commands start without the planner's modules
    const [{ loadPlanInput }, { plan }] = await Promise.all([import('../../ingest/plan-input.js'), import('../../plan.js')]);
    const a = argv as Record<string, unknown>;
    const progress = createProgress(ctx.io);
    const opts = mergeConfigDefaults(optionsFromArgv(a, 'plan', ctx.io.cwd ?? process.cwd()));
    ctx.activity = 'reading inputs';
    const input = await loadPlanInput(opts as never, ctx.io.cwd ?? process.cwd(), { signal: ctx.io.signal }, { onProgress: ingestProgress(ctx.io) });
    if (typeof a.rejects === 'string') writeRejects(a.rejects, input.issues ?? []);
    ctx.activity = `planning ${input.workloads.length} workloads (${input.rows?.read ?? 0} rows read, ${input.rows?.rejected ?? 0} rejected)`;
    const verbose = Boolean(a.verbose);
    const result = await plan(input, opts, {
      signal: ctx.io.signal,
      onProgress: (p) => progress.message(stageProgressText(p)),
      onStage: verbose ? (t) => ctx.io.stderr.write(`${stageLine(t)}\n`) : undefined,
    });
    progress.done();
    ctx.activity = 'writing the report';
    emit(ctx, result, String(a.format), a.out as string | undefined);
    if (typeof a.summaryCsv === 'string') writeFileAtomic(a.summaryCsv, renderSummaryCsv(result));
    ctx.exitCode = 0;
  },
});
