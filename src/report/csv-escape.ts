/**
 * CSV cell escaping: RFC 4180 quoting plus OWASP CSV-injection neutralization.
 * - A cell containing `"`, the delimiter, CR or LF is quoted, with `"` doubled (RFC 4180 §2.6-2.7).
 * - A cell that begins with `=`, `+`, `-`, `@`, tab or carriage return and is not a plain number
 *   is prefixed with a single quote, so spreadsheets show it as text rather than run it as a
 *   formula (OWASP "CSV Injection"). `-12.5` stays a number; `=HYPERLINK(...)` becomes `'=HYPERLINK(...)`.
 * @example csvCell('=1+2') === "'=1+2"; csvCell('a,b') === '"a,b"'; csvCell(-3) === '-3'
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function csvCell(value: unknown, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  if (s.includes('"') || s.includes(delimiter) || s.includes('\n') || s.includes('\r')) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** One CSV line (CRLF-terminated, per RFC 4180). */
export function csvLine(values: unknown[], delimiter = ','): string {
  return values.map((v) => csvCell(v, delimiter)).join(delimiter) + '\r\n';
}
