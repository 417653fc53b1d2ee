import { writeFileSync, renameSync, unlinkSync, existsSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { InputError } from '../errors.js';
import { DEFAULT_TEXT_WIDTH } from '../report/format.js';

/** The CLI's window on the world; tests pass fakes. */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd?: string;
  signal?: AbortSignal;
}

const pendingTemps = new Set<string>();

/** Removes temp files of writes that did not finish (called on SIGINT/SIGTERM). */
export function cleanupTemps(): void {
  for (const t of pendingTemps) {
    try {
      if (existsSync(t)) unlinkSync(t);
    } catch {
      /* best effort */
    }
  }
  pendingTemps.clear();
}

/**
 * Writes a file atomically: to a temporary file in the same folder, then renamed over the target,
 * so a reader never sees a half-written report.
 */
export function writeFileAtomic(path: string, data: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  pendingTemps.add(tmp);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try {
      if (existsSync(tmp)) unlinkSync(tmp);
    } catch {
      /* ignore */
    }
    throw new InputError(`cannot write ${path}: ${(e as Error).message}`, { file: path });
  } finally {
    pendingTemps.delete(tmp);
  }
}

/**
 * The width text output is fitted to: the terminal's width when stdout is a terminal (at least 40
 * columns), else DEFAULT_TEXT_WIDTH (120) so files and pipes get the same bytes on every machine.
 */
export function textWidth(io: CliIo): number {
  if (io.stdout.isTTY && typeof io.stdout.columns === 'number' && io.stdout.columns > 0) return Math.max(40, io.stdout.columns);
  return DEFAULT_TEXT_WIDTH;
}

/** Whether to colour output: only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(io: CliIo): boolean {
  return Boolean(io.stdout.isTTY) && !('NO_COLOR' in io.env && io.env.NO_COLOR !== undefined) && io.env.TERM !== 'dumb';
}
