import type { CommandFactory } from '../context.js';
import { writeFileAtomic, useColor, textWidth } from '../io.js';
import { createProgress } from '../progress.js';
import { ANSI, PLAIN } from '../../report/format.js';
import { renderWhatIf, WHATIF_FORMATS } from '../../whatif/render.js';
import { InputError } from '../../errors.js';

export const whatifCommand: CommandFactory = (ctx) => ({
  command: 'whatif <scenario>',
  describe: 'compare named variations of a plan (scenario file: { "base": {...}, "variations": [...] })',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', describe: 'SCENARIO.json; relative paths inside it are relative to its folder' })
      .option('format', { type: 'string', choices: [...WHATIF_FORMATS], default: 'text', describe: 'output format' })
      .option('out', { type: 'string', describe: 'write the report to FILE (atomically) instead of stdout' })
      .option('sensitivity', { type: 'boolean', default: false, describe: 'vary each key assumption over a low/high range and chart its effect on savings (tornado)' })
      .option('root', { type: 'string', describe: 'folder that input paths in the scenario must lie in (default: the scenario file\'s folder)' })
      .option('allow-outside', { type: 'boolean', default: false, describe: 'allow input paths outside the root (absolute paths, ../, symlinks)' })
      .option('jobs', { type: 'number', describe: 'worker threads for the variations (default: min(4, cores - 1); 1 = sequential)' })
      .example('$0 whatif examples/whatif/scenario.json --format html --out whatif.html', 'compare the example variations')
      .example('$0 whatif examples/whatif/scenario.json --sensitivity', 'add a tornado chart of the key assumptions'),
  handler: async (argv) => {
    // loaded here, so that the other commands start without the what-if modules
    const [{ loadScenarioFile }, { runWhatIf }] = await Promise.all([import('../../whatif/scenario.js'), import('../../whatif/run.js')]);
    const a = argv as Record<string, unknown>;
    const cwd = ctx.io.cwd ?? process.cwd();
    const jobs = a.jobs as number | undefined;
    if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new InputError(`--jobs: expected a whole number >= 1, got ${String(a.jobs)}`);
    const loaded = loadScenarioFile(String(a.scenario), { cwd, root: typeof a.root === 'string' ? a.root : undefined, allowOutside: Boolean(a.allowOutside) });
    const progress = createProgress(ctx.io, 'plans');
    const result = await runWhatIf(loaded, {
      jobs,
      sensitivity: Boolean(a.sensitivity),
      signal: ctx.io.signal,
      onProgress: (p) => progress.update(p.done, p.total, p.phase),
    });
    progress.done();
    const format = String(a.format);
    const out = a.out as string | undefined;
    const text = renderWhatIf(result, format, { style: !out && format === 'text' && useColor(ctx.io) ? ANSI : PLAIN, width: out ? undefined : textWidth(ctx.io) });
    if (out) writeFileAtomic(out, text);
    else ctx.io.stdout.write(text);
    ctx.exitCode = 0;
  },
});
