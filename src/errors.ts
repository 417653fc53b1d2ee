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

/** What an input held when it left nothing to plan (see NoUsableWorkloadsError). */
export interface NoUsableWorkloadsFound {
  /** Sheets of the workbook (or per-tab CSV files of the folder) found, in order. */
  sheets: string[];
  /** Data rows of the VM table (vInfo), header and blank rows not counted. */
  rowsRead: number;
  /** Rows rejected with a reason (see the issues), by the column at fault ('' for a whole row). */
  rejectedByColumn: Record<string, number>;
  /** Rows read but skipped by the filter, by reason. */
  skipped: { poweredOff: number; template: number; srm: number };
  /** Values of the power-state column among the VMs skipped as not powered on, with counts. */
  powerStates: Record<string, number>;
  /** Host rows read (vHost), if any. */
  hostsRead: number;
  /** Per input file (servers CSV, utilization, pack VMs): rows read, accepted and rejected. */
  inputs?: { file: string; read: number; accepted: number; rejected: number }[];
}

/**
 * The input was read, but no workload is left to plan: the file (or the VM table) has no rows, or
 * every row was skipped (powered off, template, SRM placeholder) or rejected. A plan of zero workloads would
 * report "100% saved", so the library stops instead; `found` says what was there. Exit 2.
 */
export class NoUsableWorkloadsError extends InputError {
  override name = 'NoUsableWorkloadsError';
  constructor(
    message: string,
    location: { file?: string; line?: number; column?: string },
    readonly found: NoUsableWorkloadsFound,
    issue?: InputError['issue'],
  ) {
    super(message, location, issue);
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
