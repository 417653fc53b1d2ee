/**
 * Escaping for the markup formats. Names, ids, reasons and sources are input data: they never
 * become markup, formulas or terminal control sequences.
 */

// C0/C1 control characters other than tab, LF and CR are not allowed in HTML text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

/**
 * Escapes text for HTML element content and double-quoted attribute values.
 * @example html('<img src=x onerror=alert(1)>') === '&lt;img src=x onerror=alert(1)&gt;'
 */
export function html(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(CONTROL, '\uFFFD');
}

/**
 * Escapes text for a GitHub-flavoured Markdown table cell (also safe in paragraphs): backslash-
 * escapes the Markdown punctuation that can start emphasis, code or links, turns `|` into `\|`, `<`/`>`/`&` into entities (no raw HTML), and
 * newlines into `<br>` so a cell stays on one row.
 * @example md('a|b') === 'a\\|b'; md('<b>') === '&lt;b&gt;'
 */
export function md(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(CONTROL, '\uFFFD');
}
