import { z } from 'zod';

/**
 * Bad data is a value: every problem found in the input or during planning is an Issue record.
 * Issues are collected (never only the first) and rendered separately from detection.
 * The human wording for each code lives in one place: `formatIssueMessage` in ./messages.ts.
 */
export const ISSUE_CODES = [
  // row level (rejected rows are severity "error")
  'row.invalid-number',
  'row.out-of-range',
  'row.missing-value',
  'row.invalid-enum',
  'row.duplicate-id',
  'row.parse-error',
  'row.column-count',
  'row.invalid-timestamp',
  'row.invalid-value',
  // file level
  'file.missing-column',
  'file.duplicate-column',
  'file.unknown-column',
  'file.empty',
  'file.no-rows',
  'file.unreadable',
  'file.detected-format',
  'file.unit-detected',
  // data quality and planning
  'data.no-samples',
  'data.no-inventory',
  'data.coverage',
  'data.duplicate-timestamp',
  'data.out-of-range-sample',
  'data.assumed-value',
  'data.skipped',
  'plan.unplaced',
  'plan.fallback',
  'plan.warning',
  'solver.fallback',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];
export type IssueSeverity = 'error' | 'warning' | 'info';

export interface Issue {
  code: IssueCode;
  severity: IssueSeverity;
  /** Input file the issue belongs to (as the user named it), if any. */
  file?: string;
  /** 1-based physical line in that file; the header is line 1. */
  line?: number;
  /** Column (header name) the issue is about. */
  column?: string;
  /** The raw cell value, when one was at fault. */
  raw?: string;
  /** Rendered message (see messages.ts). */
  message: string;
  /** The original line, for rejected rows (written by --rejects). */
  rawLine?: string;
}

export const IssueSchema = z.object({
  code: z.enum(ISSUE_CODES),
  severity: z.enum(['error', 'warning', 'info']),
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  column: z.string().optional(),
  raw: z.string().optional(),
  message: z.string(),
  rawLine: z.string().optional(),
});

/** Row accounting for every input file together: read = accepted + rejected; the header is not a row. */
export interface RowAccounting {
  read: number;
  accepted: number;
  rejected: number;
}

export function emptyAccounting(): RowAccounting {
  return { read: 0, accepted: 0, rejected: 0 };
}

export function addAccounting(a: RowAccounting, b: RowAccounting): RowAccounting {
  return { read: a.read + b.read, accepted: a.accepted + b.accepted, rejected: a.rejected + b.rejected };
}
