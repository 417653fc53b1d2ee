import type { CommandFactory } from '../context.js';
import { listDefaults, resolveDefaults, mergeConfigDefaults, type DefaultEntry } from '../../defaults/registry.js';
import { optionsError } from '../../model/option-problems.js';
import { PlanOptionsSchema } from '../../model/options.js';
import { renderJson } from '../../report/index.js';
import { textTable } from '../../report/format.js';
import { tableFlags, optionsFromArgv } from '../options.js';

const show = (v: DefaultEntry['value']) => (Array.isArray(v) ? v.join(', ') : String(v));
/** Escapes a Markdown table cell (pipes, backslashes, newlines, HTML). */
const md = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');

/** Renders the defaults list. JSON contract: { schemaVersion: 1, defaults: [ { key, value, unit, source } ] }. */
export function renderDefaults(entries: DefaultEntry[], format: string): string {
  if (format === 'json') return renderJson({ schemaVersion: 1, defaults: entries });
  if (format === 'md') {
    const lines = ['| key | value | unit | source |', '| --- | --- | --- | --- |', ...entries.map((e) => `| \`${md(e.key)}\` | ${md(show(e.value))} | ${md(e.unit)} | ${md(e.source)} |`)];
    return `# Defaults in use (${entries.length})\n\n${lines.join('\n')}\n`;
  }
  return `${textTable(['key', 'value', 'unit', 'source'], entries.map((e) => [e.key, show(e.value), e.unit, e.source]))}\n${entries.length} defaults. Override any by key with --config FILE (JSON), or with the plan flags.\n`;
}

export const defaultsCommand: CommandFactory = (ctx) => ({
  command: 'defaults',
  describe: 'print every default in use (overhead factors, memory formulas, reserves, curves, PUE, prices, carbon, licences) with its source',
  builder: (y) =>
    tableFlags(y, 'defaults')
      .option('format', { type: 'string', choices: ['text', 'json', 'md'], default: 'text', describe: 'output format' })
      .example('$0 defaults --format json', 'every default as JSON')
      .example('$0 defaults --config site.json --pue 1.3', 'the values a plan with these overrides would use'),
  handler: (argv) => {
    const a = argv as Record<string, unknown>;
    const opts = mergeConfigDefaults(optionsFromArgv(a, 'defaults', ctx.io.cwd ?? process.cwd()));
    const parsed = PlanOptionsSchema.safeParse(opts, { reportInput: true });
    if (!parsed.success) throw optionsError(parsed.error);
    ctx.io.stdout.write(renderDefaults(listDefaults(resolveDefaults(parsed.data)), String(a.format)));
    ctx.exitCode = 0;
  },
});
