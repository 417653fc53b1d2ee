import yargs from 'yargs';
import type { CliIo } from './io.js';
import { cleanupTemps } from './io.js';
import { COMMANDS } from './commands/index.js';
import type { CommandContext } from './context.js';
import { InputError, AbortedError } from '../errors.js';
import { EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK } from './exit-codes.js';

class UsageError extends Error {}

const VERSION = '0.1.0';

/**
 * yargs lays out the running command's whole help text as soon as its handler starts (about 50 ms
 * of string-width and wrapping), and keeps it to print should the command fail later. This CLI
 * never prints help on a failure (its fail handler throws; `--help` output is built by the parse
 * itself, not from that copy), so building it is skipped. Guarded: should a yargs version lack the
 * internal method, yargs keeps its own behaviour.
 */
export function skipHelpCache(y: unknown): boolean {
  const internal = (y as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } }).getInternalMethods?.();
  const usage = internal?.getUsageInstance?.();
  if (!usage || typeof usage.cacheHelpMessage !== 'function') return false;
  usage.cacheHelpMessage = () => undefined;
  return true;
}

/**
 * Runs the CLI in-process and returns the exit code. Never calls process.exit; never prints a
 * stack trace for user errors (set CONSOLIDATE_DEBUG=1 to see one for internal errors).
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const ctx: CommandContext = { io, exitCode: EXIT_OK, activity: 'starting' };
  let helpOutput = '';
  const modules = COMMANDS.map((c) => c(ctx));
  const names = modules.map((m) => String(m.command).split(' ')[0]);
  const y = yargs(argv)
    .scriptName('consolidate')
    .usage('$0 <command> [options]\n\nPlan how few hypervisor hosts your workloads need, with a proven lower bound.')
    .strict()
    .demandCommand(1, `give a command: ${names.join(', ')} (see --help)`)
    .recommendCommands()
    .exitProcess(false)
    .version(VERSION)
    .help()
    .wrap(Math.min(110, io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : 100))
    .epilogue('Exit codes: 0 plan produced; 2 bad input or option (or rejected rows with --strict); 1 internal error; 130 interrupted.')
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
  for (const m of modules) y.command(m);
  skipHelpCache(y);
  try {
    await y.parseAsync(argv, {}, (_err, _argv, output) => {
      if (output) helpOutput = output;
    });
    if (helpOutput) io.stdout.write(helpOutput.endsWith('\n') ? helpOutput : helpOutput + '\n');
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`consolidate: error: ${e.message}\nRun 'consolidate --help' for usage.\n`);
      return EXIT_INPUT;
    }
    if (e instanceof InputError || (e as Error)?.name === 'PackingInputError') {
      io.stderr.write(`consolidate: error: ${(e as Error).message}\n`);
      return EXIT_INPUT;
    }
    if (e instanceof AbortedError || (e as Error)?.name === 'AbortError' || io.signal?.aborted) {
      cleanupTemps();
      io.stderr.write(`consolidate: interrupted (${io.signal?.reason instanceof Error ? io.signal.reason.message : 'stopped'}) while ${ctx.activity}; no output file was written\n`);
      return EXIT_INTERRUPTED;
    }
    const err = e as Error;
    io.stderr.write(`consolidate: internal error: ${err?.message ?? String(e)}\nThis is a bug; please report it with the command line and input.\n`);
    if (io.env.CONSOLIDATE_DEBUG) io.stderr.write(`${err?.stack ?? ''}\n`);
    return EXIT_INTERNAL;
  }
}
