import type { CommandFactory } from '../context.js';
import { writeFileAtomic, useColor } from '../io.js';
import { tableFlags, parseCommandOptions } from '../options.js';
import { renderReplay, REPLAY_FORMATS } from '../../report/replay.js';
import { ANSI, PLAIN } from '../../report/format.js';
import { ingestProgress } from './plan.js';
import { resolve } from 'node:path';

export const replayCommand: CommandFactory = (ctx) => ({
  command: 'replay',
  describe: 'replay an existing plan (plan --format json) on new utilization traces: overload by host and interval, energy, hosts that run hot',
  builder: (y) =>
    tableFlags(y, 'replay')
      .option('plan', { type: 'string', demandOption: true, describe: 'PLAN.json written by `consolidate plan --format json`' })
      .option('format', { type: 'string', choices: [...REPLAY_FORMATS], default: 'text', describe: 'output format' })
      .option('out', { type: 'string', describe: 'write the report to FILE (atomically) instead of stdout' })
      .example('$0 plan --servers servers.csv --utilization week1.csv --format json --out plan.json', 'plan from one window')
      .example('$0 replay --plan plan.json --utilization week2.csv', 'and check the placement on the next'),
  handler: async (argv) => {
    const a = argv as Record<string, unknown>;
    const cwd = ctx.io.cwd ?? process.cwd();
    const o = parseCommandOptions(a, ['utilization', 'utilizationFormat']);
    ctx.activity = 'reading the plan and the traces';
    // (the trace readers and the replay itself are loaded by this command only: the others start without them)
    const [{ loadReplayInput }, { replay }] = await Promise.all([import('../../ingest/replay-input.js'), import('../../analysis/replay.js')]);
    const input = await loadReplayInput(resolve(cwd, String(a.plan)), resolve(cwd, String(o.utilization)), o.utilizationFormat, {
      planLabel: String(a.plan),
      label: String(o.utilization),
      signal: ctx.io.signal,
      onProgress: ingestProgress(ctx.io),
    });
    ctx.activity = `replaying ${input.plan.hosts.length} hosts on ${input.workloads.length} traces`;
    const result = await replay(input, { signal: ctx.io.signal });
    const format = String(a.format);
    const out = a.out as string | undefined;
    const text = renderReplay(result, format, { style: !out && format === 'text' && useColor(ctx.io) ? ANSI : PLAIN });
    if (out) writeFileAtomic(out, text);
    else ctx.io.stdout.write(text);
    ctx.exitCode = 0;
  },
});
