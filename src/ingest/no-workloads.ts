import type { Issue } from '../model/issue.js';
import { issue } from '../model/issue.js';
import type { FirstRejected, InputRows, NoUsableWorkload } from '../model/messages.js';
import { NoUsableWorkloadsError } from '../errors.js';

/** How many rejected rows the message quotes. */
const FIRST_REJECTED = 3;

/**
 * The error for inputs that leave nothing to plan (`data.no-usable-workload`, exit 2): the rows
 * read, accepted and rejected per input file, the rejected rows by column and the first few with
 * their reasons, so the user sees why instead of a report of zeros. RVTools inventories have their
 * own, richer account (`data.no-usable-vm`, rvtools.ts); both throw NoUsableWorkloadsError.
 * @param inputs the workload inputs (not the host catalog), in the order they were read
 * @param issues the issues of those inputs (their rejected rows are the `error` ones)
 */
export function noUsableWorkloadsError(inputs: InputRows[], issues: readonly Issue[], extra: { noInventory?: number } = {}): NoUsableWorkloadsError {
  const files = new Set(inputs.map((i) => i.file));
  const belongs = (i: Issue) => i.file !== undefined && [...files].some((f) => i.file === f || i.file!.startsWith(f.endsWith('/') ? f : `${f}/`));
  const rejected = issues.filter((i) => i.severity === 'error' && i.code.startsWith('row.') && belongs(i));
  const byColumn = new Map<string, number>();
  for (const i of rejected) byColumn.set(i.column ?? '', (byColumn.get(i.column ?? '') ?? 0) + 1);
  const firstRejected: FirstRejected[] = rejected.slice(0, FIRST_REJECTED).map((i) => ({ code: i.code, args: i.args, file: i.file, line: i.line, column: i.column, raw: i.raw }));
  // Object.fromEntries defines own properties, so a column named __proto__ stays data.
  const rejectedByColumn = Object.fromEntries(byColumn);
  const args: NoUsableWorkload = { inputs, rejectedByColumn, firstRejected, ...(extra.noInventory ? { noInventory: extra.noInventory } : {}) };
  const i = issue('data.no-usable-workload', 'error', args, { file: inputs[0]?.file });
  const found = {
    sheets: [],
    rowsRead: inputs.reduce((s, x) => s + x.read, 0),
    rejectedByColumn,
    skipped: { poweredOff: 0, template: 0, srm: 0 },
    powerStates: {},
    hostsRead: 0,
    inputs,
  };
  return new NoUsableWorkloadsError(i.message, { file: inputs[0]?.file }, found, i);
}
