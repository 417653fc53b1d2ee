import type { Argv, Options } from 'yargs';
import { z } from 'zod';
import { OPTIONS, optionSpecs, shownDefault, type OptionCommand, type OptionName, type OptionSpec } from '../model/options.js';
import { optionIssues } from '../model/option-problems.js';
import { OptionsError } from '../errors.js';
import { readConfigFile } from './config.js';

/**
 * The yargs flags of a command, derived from the option table (model/options.ts): a flag per
 * option that lists the command, with its type, choices and help text (plus the default). No
 * yargs defaults: an absent flag stays absent, so a `--config` file can set it, and the option
 * schema applies the default.
 */
export function tableFlags<T>(y: Argv<T>, command: OptionCommand, only?: (name: OptionName) => boolean): Argv<T> {
  let out = y;
  for (const { name, flag, spec } of optionSpecs()) {
    if (spec.noFlag || !spec.commands.includes(command) || (only && !only(name))) continue;
    out = out.option(flag.slice(2), yargsOption(spec, command));
  }
  return out;
}

function yargsOption(spec: OptionSpec, command: OptionCommand): Options {
  const def = shownDefault(spec);
  const describe = `${spec.describeFor?.[command] ?? spec.describe}${def !== undefined ? ` (default ${def})` : ''}`;
  const o: Options = { describe };
  if (spec.kind === 'number') o.type = 'number';
  else if (spec.kind === 'boolean') o.type = 'boolean';
  else o.type = 'string';
  if (spec.kind === 'choice') o.choices = [...(spec.choices ?? [])];
  if (spec.requiredFor?.includes(command)) o.demandOption = true;
  return o;
}

/**
 * The options of a command picked out of parsed argv (camelCase keys = the table's names). With
 * --config FILE, the file's default overrides go into `defaults` (read relative to `cwd`).
 */
export function optionsFromArgv(a: Record<string, unknown>, command: OptionCommand, cwd: string = process.cwd()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name, spec } of optionSpecs()) if (spec.commands.includes(command) && a[name] !== undefined) out[name] = a[name];
  if (typeof out.config === 'string') out.defaults = readConfigFile(out.config, cwd);
  return out;
}

/**
 * Validates a command's flags with the table's schemas (defaults applied): the flags `pack` shares
 * with `plan` get the same bounds and the same coded errors (`option.invalid`, exit 2).
 */
export function parseCommandOptions<K extends OptionName>(a: Record<string, unknown>, names: readonly K[]): { [P in K]: z.output<(typeof OPTIONS)[P]['schema']> } {
  const shape = Object.fromEntries(names.map((n) => [n, OPTIONS[n].schema])) as { [P in K]: (typeof OPTIONS)[P]['schema'] };
  const values = Object.fromEntries(names.filter((n) => a[n] !== undefined).map((n) => [n, a[n]]));
  const r = z.object(shape).safeParse(values, { reportInput: true });
  if (!r.success) {
    const issues = optionIssues(r.error);
    throw new OptionsError(issues.map((i) => i.message).join('; '), {}, issues[0]);
  }
  return r.data as { [P in K]: z.output<(typeof OPTIONS)[P]['schema']> };
}
