import type { Issue } from '../model/issue.js';
import { issue } from '../model/issue.js';
import { decimalEvidence, type DecimalSeparator } from './numbers.js';

/**
 * The dialect of one CSV file: its field delimiter (`,` `;` or tab, sniffed from the first line
 * by csv.ts) and its decimal separator, detected here from the number cells of its first rows.
 *
 * A cell tells the decimal separator only when it cannot be anything else: one `,` or `.`
 * followed by other than exactly three digits, or after a leading zero (`9,3`, `0,125`, `2.75`);
 * `1,234` could be either (German 1.234 or US 1234) and tells nothing. The separator seen in more
 * such cells wins (a tie leaves it unknown). A file with no such cell has a decimal point when it
 * is comma-separated (an unquoted decimal comma would split the field), and an unknown decimal
 * separator otherwise: its plain numbers read as usual, and the ambiguous ones are rejected with
 * the reason (numbers.ts). `--decimal-separator point|comma` states it instead.
 */

export type DecimalOption = 'auto' | 'point' | 'comma';
export const DECIMAL_OPTIONS = ['auto', 'point', 'comma'] as const satisfies readonly DecimalOption[];

/** How many data rows the detection looks at (the first ones). */
export const DIALECT_SAMPLE_ROWS = 1000;

export interface DecimalDetection {
  decimal: DecimalSeparator;
  from: 'option' | 'cells' | 'none';
  /** The first cell that showed it (cells). */
  evidence?: { line: number; column: string; raw: string };
}

/** A cell to look at: its line, its column (as the header names it) and its text. */
export interface SampleCell {
  line: number;
  column: string;
  raw: string;
}

/**
 * Decides a file's decimal separator from cells of its number columns.
 * @example detectDecimal([{ line: 2, column: 'cpu', raw: '9,3' }], ';', 'auto').decimal === 'comma'
 */
export function detectDecimal(cells: Iterable<SampleCell>, delimiter: string, option: DecimalOption = 'auto'): DecimalDetection {
  if (option !== 'auto') return { decimal: option, from: 'option' };
  let point = 0;
  let comma = 0;
  let firstPoint: SampleCell | undefined;
  let firstComma: SampleCell | undefined;
  for (const c of cells) {
    const e = decimalEvidence(c.raw);
    if (e === 'point') {
      point++;
      firstPoint ??= c;
    } else if (e === 'comma') {
      comma++;
      firstComma ??= c;
    }
  }
  if (point > comma) return { decimal: 'point', from: 'cells', evidence: { ...firstPoint!, raw: firstPoint!.raw.trim() } };
  if (comma > point) return { decimal: 'comma', from: 'cells', evidence: { ...firstComma!, raw: firstComma!.raw.trim() } };
  return { decimal: delimiter === ',' && point === 0 ? 'point' : 'unknown', from: 'none' };
}

/**
 * The info issue saying how a file was read (`file.dialect-detected`), when it is not the plain
 * comma-separated, decimal-point CSV: nothing to say then.
 */
export function dialectIssues(file: string, delimiter: string, d: DecimalDetection): Issue[] {
  if (delimiter === ',' && d.decimal === 'point' && d.from !== 'option') return [];
  const args = { delimiter: delimiter as ',' | ';' | '\t', decimal: d.decimal, from: d.from, ...(d.evidence ? { evidence: d.evidence } : {}) };
  return [issue('file.dialect-detected', 'info', args, { file })];
}
