import type { Issue, IssueCode, IssueSeverity } from './issue.js';

/**
 * The one place where issue wording lives. Detection code calls `issue()` with a code and typed
 * details; the message text is built here so that every renderer shows the same words.
 */
export interface IssueDetails {
  file?: string;
  line?: number;
  column?: string;
  raw?: string;
  rawLine?: string;
  /** What was expected, e.g. "a number >= 0". */
  expected?: string;
  /** Free text used by codes that carry a sentence of their own. */
  text?: string;
}

const TEMPLATES: Record<IssueCode, (d: IssueDetails) => string> = {
  'row.invalid-number': (d) => `${col(d)}expected ${d.expected ?? 'a number'}, got ${quote(d.raw)}`,
  'row.out-of-range': (d) => `${col(d)}value ${quote(d.raw)} is out of range: expected ${d.expected ?? 'a valid value'}`,
  'row.missing-value': (d) => `${col(d)}required value is empty${d.expected ? ` (expected ${d.expected})` : ''}`,
  'row.invalid-enum': (d) => `${col(d)}expected one of ${d.expected}, got ${quote(d.raw)}`,
  'row.duplicate-id': (d) => `${col(d)}duplicate id ${quote(d.raw)}${d.text ? `: ${d.text}` : ''}`,
  'row.parse-error': (d) => `row could not be parsed as CSV: ${d.text ?? 'malformed row'}`,
  'row.column-count': (d) => `row has ${d.text ?? 'a different number of'} fields; expected ${d.expected}`,
  'row.invalid-timestamp': (d) => `${col(d)}expected ${d.expected ?? 'an ISO 8601 timestamp or Unix seconds'}, got ${quote(d.raw)}`,
  'row.invalid-value': (d) => `${col(d)}${d.text ?? 'invalid value'}${d.raw !== undefined ? `: ${quote(d.raw)}` : ''}${d.expected ? ` (expected ${d.expected})` : ''}`,
  'file.missing-column': (d) => `required column ${quote(d.column)} is missing${d.expected ? `; expected columns: ${d.expected}` : ''}`,
  'file.duplicate-column': (d) => `column ${quote(d.column)} appears more than once in the header`,
  'file.unknown-column': (d) => `column ${quote(d.column)} is not used${d.text ? ` (${d.text})` : ''}`,
  'file.empty': () => 'file is empty: expected a header line and at least one row',
  'file.no-rows': () => 'file has a header but no data rows',
  'file.unreadable': (d) => `file could not be read: ${d.text ?? 'unknown error'}`,
  'file.detected-format': (d) => `detected ${d.text}`,
  'file.unit-detected': (d) => `${col(d)}${d.text}`,
  'data.no-samples': (d) => d.text ?? 'workload has no utilization samples',
  'data.no-inventory': (d) => d.text ?? 'samples have no inventory row',
  'data.coverage': (d) => d.text ?? 'low sample coverage',
  'data.duplicate-timestamp': (d) => d.text ?? 'duplicate timestamps',
  'data.out-of-range-sample': (d) => d.text ?? 'samples out of range',
  'data.assumed-value': (d) => d.text ?? 'value assumed',
  'data.skipped': (d) => d.text ?? 'skipped',
  'plan.unplaced': (d) => d.text ?? 'VM could not be placed',
  'plan.fallback': (d) => d.text ?? 'fallback used',
  'plan.warning': (d) => d.text ?? 'warning',
  'solver.fallback': (d) => d.text ?? 'solver fell back to the heuristic result',
};

function col(d: IssueDetails): string {
  return d.column ? `column '${d.column}': ` : '';
}

/** Quotes a raw value for a message, truncating very long values. */
export function quote(raw: string | undefined): string {
  if (raw === undefined) return '(none)';
  const s = raw.length > 80 ? `${raw.slice(0, 77)}...` : raw;
  return JSON.stringify(s);
}

export function formatIssueMessage(code: IssueCode, d: IssueDetails): string {
  return TEMPLATES[code](d);
}

/** Builds an Issue record; the message is rendered from the code and details. */
export function issue(code: IssueCode, severity: IssueSeverity, d: IssueDetails = {}): Issue {
  const out: Issue = { code, severity, message: formatIssueMessage(code, d) };
  if (d.file !== undefined) out.file = d.file;
  if (d.line !== undefined) out.line = d.line;
  if (d.column !== undefined) out.column = d.column;
  if (d.raw !== undefined) out.raw = d.raw;
  if (d.rawLine !== undefined) out.rawLine = d.rawLine;
  return out;
}
