import type { Argv, CommandModule } from 'yargs';
import type { CliIo } from './io.js';
import { writeFileAtomic, useColor, textWidth } from './io.js';
import { renderReport, type Renderable } from '../report/index.js';
import type { Issue } from '../model/issue.js';
import { csvLine } from '../report/csv-escape.js';

/** Shared state of one CLI run: the io, and the exit code the handler decided. */
export interface CommandContext {
  io: CliIo;
  exitCode: number;
  /** What the command is doing now, for the message printed when it is interrupted. */
  activity: string;
}

export type CommandFactory = (ctx: CommandContext) => CommandModule;

/** Adds --format and --out. */
export function outputOptions<T>(y: Argv<T>, formats: string[]) {
  return y
    .option('format', { type: 'string', choices: formats, default: 'text', describe: 'output format' })
    .option('out', { type: 'string', describe: 'write the report to FILE (atomically) instead of stdout' });
}

/** Renders and writes a result to --out or stdout. */
export function emit(ctx: CommandContext, result: Renderable, format: string, out: string | undefined): void {
  const color = !out && format === 'text' && useColor(ctx.io);
  // a file gets the fixed width; the terminal its own
  const text = renderReport(result, format, { color, width: out ? undefined : textWidth(ctx.io) });
  if (out) writeFileAtomic(out, text);
  else ctx.io.stdout.write(text);
}

/** Writes rejected rows as CSV `file,line,column,reason,raw` (--rejects FILE). */
export function writeRejects(path: string, issues: Issue[]): number {
  const rejected = issues.filter((i) => i.severity === 'error' && i.line !== undefined);
  let s = csvLine(['file', 'line', 'column', 'reason', 'raw']);
  for (const i of rejected) s += csvLine([i.file ?? '', i.line, i.column ?? '', i.message, i.rawLine ?? '']);
  writeFileAtomic(path, s);
  return rejected.length;
}
