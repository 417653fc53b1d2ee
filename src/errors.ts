/**
 * Named error classes. The library throws only when the program cannot go on; the CLI maps each
 * class to an exit code (see src/cli/exit-codes.ts). Messages name the file, line and column.
 */

/** Bad input that stops the plan: unreadable file, missing required column, bad option. Exit 2. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly location: { file?: string; line?: number; column?: string } = {},
    /** The coded issue behind the error, when it has one (see model/issue.ts issueError). */
    readonly issue?: { code: string; severity: string; message: string; args?: Record<string, unknown> },
  ) {
    super(message);
  }
}

/** An option or config value that is invalid. Exit 2. */
export class OptionsError extends InputError {
  override name = 'OptionsError';
}

/** Work stopped because the caller aborted (Ctrl-C, AbortSignal). Exit 130. */
export class AbortedError extends Error {
  override name = 'AbortedError';
  constructor(message = 'aborted') {
    super(message);
  }
}

/** Formats "file:line: column 'x': message" for InputError-like locations. */
export function formatLocation(loc: { file?: string; line?: number; column?: string }): string {
  const parts: string[] = [];
  if (loc.file) parts.push(loc.line ? `${loc.file}:${loc.line}` : loc.file);
  else if (loc.line) parts.push(`line ${loc.line}`);
  if (loc.column) parts.push(`column '${loc.column}'`);
  return parts.join(', ');
}
