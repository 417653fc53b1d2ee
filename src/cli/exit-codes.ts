/**
 * Exit codes of the `consolidate` CLI (documented in README "Exit codes"):
 * - 0: a result was produced (even with unplaced VMs, which are reported), or validate found no rejected row.
 * - 1: internal error (a bug): the message says so, and asks for a report.
 * - 2: bad input that stops the run: unreadable file, missing required column, bad option,
 *      an inventory with no usable VM (NoUsableWorkloadsError), any rejected row under --strict,
 *      or rejected rows in `validate`.
 * - 130: interrupted (Ctrl-C / SIGTERM); no partial output file is left.
 */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INPUT = 2;
export const EXIT_INTERRUPTED = 130;
