import { z } from 'zod';
import { ISSUE_CODES, renderMessage, locationPrefix, type IssueCode, type MessageArgs } from './messages.js';
import { InputError } from '../errors.js';
import { ownString } from '../util/own-string.js';

export { ISSUE_CODES, type IssueCode, type MessageArgs } from './messages.js';

/**
 * Bad data is a value: every problem found in the input or during planning is an Issue record,
 * `{ code, severity, args, path }` plus its location in the input. Issues are collected (never
 * only the first) and rendered separately from detection: `message` is made from the code and
 * args by the one catalogue, model/messages.ts.
 */
export const ISSUE_SEVERITIES = ['error', 'warning', 'info'] as const;
export type IssueSeverity = (typeof ISSUE_SEVERITIES)[number];

export const IssueSchema = z.object({
  code: z.enum(ISSUE_CODES),
  severity: z.enum(ISSUE_SEVERITIES),
  /** Input file the issue belongs to (as the user named it), if any. */
  file: z.string().optional(),
  /** 1-based physical line in that file; the header is line 1. */
  line: z.number().int().positive().optional(),
  /** Column (header name) the issue is about. */
  column: z.string().optional(),
  /** The raw cell value, when one was at fault. */
  raw: z.string().optional(),
  /** The words, rendered from code and args (model/messages.ts). */
  message: z.string(),
  /** The original line, for rejected rows (written by --rejects). */
  rawLine: z.string().optional(),
  /** The code's typed arguments (MessageArgs[code]): values, not sentences. */
  args: z.record(z.string(), z.unknown()).optional(),
  /** Where in a structured input the issue belongs (an option, `variations[2].cpuTarget`, a workload id). */
  path: z.array(z.union([z.string(), z.number()])).optional(),
});

export type Issue = z.infer<typeof IssueSchema>;

/** An issue whose args are typed by its code. */
export type TypedIssue<C extends IssueCode = IssueCode> = Omit<Issue, 'code' | 'args'> & { code: C; args: MessageArgs[C] };

export interface IssueLocation {
  file?: string;
  line?: number;
  column?: string;
  raw?: string;
  rawLine?: string;
  path?: (string | number)[];
}

/** Builds an Issue record; the message is rendered from the code and args. */
export function issue<C extends IssueCode>(code: C, severity: IssueSeverity, args: MessageArgs[C], at: IssueLocation = {}): TypedIssue<C> {
  const out = { code, severity } as TypedIssue<C>;
  if (at.file !== undefined) out.file = at.file;
  if (at.line !== undefined) out.line = at.line;
  // Own copies: a column, raw value or line cut from a read chunk would keep the chunk alive (util/own-string.ts).
  if (at.column !== undefined) out.column = ownString(at.column);
  if (at.raw !== undefined) out.raw = ownString(at.raw);
  out.message = ownString(renderMessage(code, args, at));
  if (at.rawLine !== undefined) out.rawLine = ownString(at.rawLine);
  out.args = args;
  if (at.path !== undefined) out.path = at.path;
  return out;
}

/** The typed args of an issue when it has code `code`, else undefined. */
export function argsOf<C extends IssueCode>(i: Issue, code: C): MessageArgs[C] | undefined {
  return i.code === code ? (i.args as MessageArgs[C]) : undefined;
}

/**
 * The error to throw when a coded issue stops the run (a missing column, an unreadable file):
 * an InputError (exit 2) whose message is "file:line: <message>" and which carries the issue.
 */
export function issueError<C extends IssueCode>(code: C, args: MessageArgs[C], at: IssueLocation = {}): InputError {
  const i = issue(code, 'error', args, at);
  return new InputError(`${locationPrefix(at)}${i.message}`, { file: at.file, line: at.line, column: at.column }, i);
}

/** Row accounting for every input file together: read = accepted + rejected; the header is not a row. */
export const RowsSchema = z.object({ read: z.number().int(), accepted: z.number().int(), rejected: z.number().int() });
export type RowAccounting = z.infer<typeof RowsSchema>;

export function emptyAccounting(): RowAccounting {
  return { read: 0, accepted: 0, rejected: 0 };
}

export function addAccounting(a: RowAccounting, b: RowAccounting): RowAccounting {
  return { read: a.read + b.read, accepted: a.accepted + b.accepted, rejected: a.rejected + b.rejected };
}
