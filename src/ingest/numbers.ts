/**
 * Numbers as CSV files write them, in one place for every reader: a decimal point or a decimal
 * comma (per file, see dialect.ts), an optional `%` sign in percent columns, and never a
 * thousands separator (rejected, with the reason: `1,234` is 1.234 in Germany and 1234 in the
 * US). Parsing is strict otherwise: an optional sign, digits, one decimal separator and an
 * optional exponent; `NaN`, `Infinity`, hex literals, units in the cell and values that overflow
 * are not numbers.
 */

/** The decimal separator of a file: known from its cells or an option, or unknown. */
export type DecimalSeparator = 'point' | 'comma' | 'unknown';

/** Why a cell that looks like a number was not read as one (row.invalid-number `problem`). */
export type NumberProblem =
  /** `12%` in a column that is not a percentage. */
  | 'percent-sign'
  /** `1,234,567`, `1.234,5`, `1,234` in a file with decimal points. */
  | 'thousands-separator'
  /** `1,234` or `1.234` in a file whose decimal separator is unknown. */
  | 'ambiguous-separator'
  /** `2,5` in a file whose numbers use a decimal point. */
  | 'decimal-comma'
  /** `2.5` in a file whose numbers use a decimal comma. */
  | 'decimal-point';

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a numeric cell strictly: optional sign, digits, one decimal point, optional exponent.
 * Returns NaN for anything else (units, decimal commas, "NaN", "Infinity") and for values that
 * overflow to ±Infinity (`1e309`). Empty → undefined.
 * @example parseNumberCell(' 2.5 ') === 2.5; Number.isNaN(parseNumberCell('2,5')) === true
 */
export function parseNumberCell(raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const s = String(raw).trim();
  if (s === '') return undefined;
  if (!NUMBER_RE.test(s)) return Number.NaN;
  const n = Number(s);
  return Number.isFinite(n) ? n : Number.NaN;
}

/**
 * A fast strict number parser for hot loops: the same answers as `parseNumberCell` (sign,
 * digits, one decimal point, exponent; surrounding spaces allowed; empty → undefined; anything
 * else, including hex/binary/octal literals and Infinity → NaN), without a regular expression
 * for the common case.
 * @example fastNumber(' 12.5 ') === 12.5; Number.isNaN(fastNumber('0x10')) === true
 */
export function fastNumber(s: string): number | undefined {
  const n = Number(s);
  if (n === 0 || !Number.isFinite(n)) return parseNumberCell(s); // '', '  ', '0x0', 'Infinity', ... take the strict path
  // Number() also accepts 0x.., 0b.., 0o.. (unsigned only): reject them.
  const t = s.charCodeAt(0) === 48 ? s : s.trimStart();
  if (t.charCodeAt(0) === 48 && t.length > 1) {
    const c = t.charCodeAt(1) | 32;
    if (c === 120 || c === 98 || c === 111) return Number.NaN;
  }
  return n;
}

/** One separator followed by exactly three digits, after one to three digits not starting with 0: `1,234`, `12.500`. */
const AMBIGUOUS = /^[+-]?[1-9]\d{0,2}[.,]\d{3}$/;
const GROUPED_COMMA = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const GROUPED_DOT = /^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$/;

function stripPercent(t: string, percent: boolean): string | undefined {
  if (t.charCodeAt(t.length - 1) !== 37 /* % */) return t;
  if (!percent) return undefined;
  return t.slice(0, -1).trimEnd();
}

/**
 * Reads a cell as a number in a file with the given decimal separator. `percent`: the column is
 * a percentage, so a trailing `%` is allowed (`12%` → 12). Empty → undefined; not a number → NaN
 * (`numberProblem` says why, when there is a reason beyond "not a number").
 * The common case (decimal point, a plain number) costs one `Number()` call.
 * @example readNumber('2,5', 'comma', false) === 2.5
 * @example readNumber('12 %', 'point', true) === 12
 * @example Number.isNaN(readNumber('1,234', 'unknown', false)) === true
 */
export function readNumber(raw: string | undefined, decimal: DecimalSeparator, percent: boolean): number | undefined {
  if (raw === undefined) return undefined;
  if (decimal === 'point') {
    const n = fastNumber(raw);
    if (n === undefined || !Number.isNaN(n)) return n;
  }
  let t: string | undefined = raw.trim();
  if (t === '') return undefined;
  t = stripPercent(t, percent);
  if (t === undefined || t === '') return Number.NaN;
  const comma = t.indexOf(',');
  const dot = t.indexOf('.');
  if (comma < 0) {
    if (dot >= 0 && (decimal === 'comma' || (decimal === 'unknown' && AMBIGUOUS.test(t)))) return Number.NaN;
    return parseNumberCell(t);
  }
  if (decimal === 'point' || dot >= 0 || t.indexOf(',', comma + 1) >= 0) return Number.NaN;
  if (decimal === 'unknown' && AMBIGUOUS.test(t)) return Number.NaN;
  return parseNumberCell(t.replace(',', '.'));
}

/**
 * Why `readNumber` gave NaN for a cell, when the cell looks like a number written another way;
 * undefined when it simply is not a number.
 * @example numberProblem('1.234,5', 'comma', false) === 'thousands-separator'
 */
export function numberProblem(raw: string, decimal: DecimalSeparator, percent: boolean): NumberProblem | undefined {
  let t: string | undefined = raw.trim();
  if (/^[+-]?[\d.,]+\s*%$/.test(t) && !percent) return 'percent-sign';
  t = stripPercent(t, percent) ?? t;
  if (!/^[+-]?[\d.,]+([eE][+-]?\d+)?$/.test(t) || !/\d/.test(t)) return undefined;
  const commas = t.split(',').length - 1;
  const dots = t.split('.').length - 1;
  if (commas && dots) return 'thousands-separator';
  if (commas) {
    if (decimal === 'unknown') return AMBIGUOUS.test(t) ? 'ambiguous-separator' : commas > 1 ? 'thousands-separator' : undefined;
    if (decimal === 'point') return GROUPED_COMMA.test(t) ? 'thousands-separator' : commas === 1 ? 'decimal-comma' : undefined;
    return commas > 1 ? 'thousands-separator' : undefined;
  }
  if (dots) {
    if (decimal === 'unknown') return AMBIGUOUS.test(t) ? 'ambiguous-separator' : dots > 1 ? 'thousands-separator' : undefined;
    if (decimal === 'comma') return GROUPED_DOT.test(t) ? 'thousands-separator' : dots === 1 ? 'decimal-point' : undefined;
  }
  return undefined;
}

/**
 * What one cell says about the file's decimal separator: a number with one separator that can
 * only be a decimal separator (not followed by exactly three digits, or after a leading 0:
 * `9,3`, `0,125`, `2.75`, `1234.5`), else nothing.
 * @example decimalEvidence('9,3') === 'comma'; decimalEvidence('1,234') === undefined
 */
export function decimalEvidence(raw: string): 'point' | 'comma' | undefined {
  let t = raw.trim();
  if (t.charCodeAt(t.length - 1) === 37) t = t.slice(0, -1).trimEnd();
  const m = /^[+-]?(\d*)([.,])(\d+)$/.exec(t);
  if (!m || AMBIGUOUS.test(t)) return undefined;
  return m[2] === ',' ? 'comma' : 'point';
}
