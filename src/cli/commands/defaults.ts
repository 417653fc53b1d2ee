import type { CommandFactory } from '../context.js';
import { listDefaults, resolveDefaults, mergeConfigDefaults, type DefaultEntry } from '../../defaults/registry.js';
import { optionsError } from '../../model/option-problems.js';
import { PlanOptionsSchema } from '../../model/options.js';
import { renderJson } from '../../report/index.js';
import { textTable, capRows, shortSource, DEFAULT_TEXT_WIDTH, wrapLines } from '../../report/format.js';
import { textWidth } from '../io.js';
import { tableFlags, optionsFromArgv } from '../options.js';

const show = (v: DefaultEntry['value']) => (Array.isArray(v) ? v.join(', ') : String(v));
/** Escapes a Markdown table cell (pipes, backslashes, newlines, HTML). */
const md = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');

/** Rows of `consolidate defaults` in text (the full list: --format md|json). */
export const DEFAULTS_TEXT_ROWS = 40;

/**
 * Renders the defaults list. JSON contract: { schemaVersion: 1, defaults: [ { key, value, unit, source } ] }.
 * Text fits `width` columns: the first DEFAULTS_TEXT_ROWS entries with the head of each source,
 * then how many are left out; Markdown and JSON list every entry with its full source.
 */
export function renderDefaults(entries: DefaultEntry[], format: string, width: number = DEFAULT_TEXT_WIDTH): string {
  if (format === 'json') return renderJson({ schemaVersion: 1, defaults: entries });
  if (format === 'md') {
    const lines = ['| key | value | unit | source |', '| --- | --- | --- | --- |', ...entries.map((e) => `| \`${md(e.key)}\` | ${md(show(e.value))} | ${md(e.unit)} | ${md(e.source)} |`)];
    return `# Defaults in use (${entries.length})\n\n${lines.join('\n')}\n`;
  }
  const cap = capRows(entries, DEFAULTS_TEXT_ROWS, 'defaults', 'consolidate defaults --format md|json, with full sources');
  const table = textTable(['key', 'value', 'source'], cap.rows.map((e) => [e.key, `${show(e.value)} ${e.unit}`.trim(), shortSource(e.source, false)]), { maxWidths: [undefined, 30, 64], width });
  const lines = [
    `Defaults in use (${entries.length}); sources in short, each explained in docs/models.md`,
    table,
    ...(cap.more ? [cap.more] : []),
    'Override any by key with --config FILE (JSON), or with the plan flags.',
  ];
  return wrapLines(lines, width).join('\n') + '\n';
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
    ctx.io.stdout.write(renderDefaults(listDefaults(resolveDefaults(parsed.data)), String(a.format), textWidth(ctx.io)));
    ctx.exitCode = 0;
  },
});
