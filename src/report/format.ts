/** Number and table formatting shared by the text-like renderers. Deterministic: no locale. */

/** Formats with thousands separators and a fixed number of decimals. @example fmt(12345.678, 1) === '12,345.7' */
export function fmt(x: number | null | undefined, decimals = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '-';
  const neg = x < 0;
  const s = Math.abs(x).toFixed(decimals);
  const [int, frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const out = frac ? `${grouped}.${frac}` : grouped;
  return neg && Number(s) !== 0 ? `-${out}` : out;
}

/** Formats a fraction as a percentage. @example pct(0.1234) === '12.3%' */
export function pct(x: number | null | undefined, decimals = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '-';
  return `${(x * 100).toFixed(decimals)}%`;
}

/**
 * Compact display of a quantity for headline figures: picks a larger unit so the number stays
 * short (W → kW → MW, kWh → MWh → GWh, kg → t). Display formatting only; tables show the exact
 * figure. @example fmtCompact(17291.3, 'W') === '17.3 kW'; fmtCompact(55590, 'kg') === '55.6 t'
 */
export function fmtCompact(x: number | null | undefined, unit: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '-';
  // [from this magnitude, divide by, unit]
  const scales: Record<string, [number, number, string][]> = {
    W: [[1e6, 1e6, 'MW'], [1e3, 1e3, 'kW']],
    kWh: [[1e7, 1e6, 'GWh'], [1e4, 1e3, 'MWh']],
    kg: [[1e3, 1e3, 't']],
  };
  for (const [from, f, u] of scales[unit] ?? []) {
    if (Math.abs(x) >= from) {
      const v = x / f;
      return `${fmt(v, Math.abs(v) >= 100 ? 0 : 1)} ${u}`;
    }
  }
  if (unit === 'USD') return `$${fmt(x, 0)}`.replace('$-', '-$');
  return `${fmt(x, Math.abs(x) >= 100 || Number.isInteger(x) ? 0 : 1)}${unit ? ` ${unit}` : ''}`;
}

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  warn(s: string): string;
  good(s: string): string;
}

export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, warn: (s) => s, good: (s) => s };
export const ANSI: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  warn: (s) => `\x1b[33m${s}\x1b[39m`,
  good: (s) => `\x1b[32m${s}\x1b[39m`,
};

/** Removes control characters from input text so a name cannot drive the terminal. */
export function safeText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '?');
}

/** Wraps text at word boundaries to at most `width` characters per line (long words are cut). */
export function wrapText(s: string, width: number): string[] {
  if (width <= 0 || s.length <= width) return [s];
  const lines: string[] = [];
  let cur = '';
  for (const word of s.split(/\s+/)) {
    let w = word;
    while (w.length > width) {
      if (cur) {
        lines.push(cur);
        cur = '';
      }
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!cur) cur = w;
    else if (cur.length + 1 + w.length <= width) cur += ` ${w}`;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  return lines;
}

/** Text width when stdout is not a terminal (and the library default): 120 columns. */
export const DEFAULT_TEXT_WIDTH = 120;
/** Narrowest a wrapped table column is made when a table is fitted to the width. */
export const MIN_WRAP_COLUMN = 12;

/**
 * Wraps a line of prose to `width` columns; continuation lines are indented by `indent` spaces.
 * @example wrapLine('Lower bound: 8 hosts (L1)', 12, 2) === ['Lower bound:', '  8 hosts', '  (L1)']
 */
export function wrapLine(s: string, width: number = DEFAULT_TEXT_WIDTH, indent = 2): string[] {
  if (s.length <= width) return [s];
  const first = wrapText(s, width);
  if (first.length <= 1) return first;
  const head = first[0];
  // no indent when it would leave too little room
  const ind = width - indent >= 8 ? indent : 0;
  const rest = wrapText(s.slice(s.indexOf(head) + head.length).trim(), width - ind).map((l) => ' '.repeat(ind) + l);
  return [head, ...rest];
}

/** `wrapLine` for several lines; each is wrapped on its own. */
export function wrapLines(lines: string[], width: number = DEFAULT_TEXT_WIDTH, indent = 2): string[] {
  return lines.flatMap((l) => (l.includes('\n') ? l.split('\n') : [l]).flatMap((x) => wrapLine(x, width, indent)));
}

/**
 * The first rows of a long table, and a line saying how many are left out and where to see them
 * all. @example capRows(rows, 20, 'hosts', '--format md|html|json') keeps 20 rows and returns
 * '... 12 more hosts (all of them: --format md|html|json)'.
 */
export function capRows<T>(rows: T[], max: number, noun: string, where: string): { rows: T[]; more: string | undefined } {
  if (rows.length <= max) return { rows, more: undefined };
  return { rows: rows.slice(0, max), more: `... ${rows.length - max} more ${noun} (all of them: ${where})` };
}

export interface TableOptions {
  align?: ('left' | 'right')[];
  /** Per column: wrap at this many characters (long sources, reasons). */
  maxWidths?: (number | undefined)[];
  /**
   * Fit the whole table into this many columns by wrapping its wrappable columns (those with a
   * maxWidths entry, else every left-aligned column); right-aligned (number) columns never wrap.
   */
  width?: number;
}

/**
 * Renders an aligned text table. Columns whose `align` is 'right' are right-aligned (numbers).
 * A column with a `maxWidths` entry wraps onto continuation lines (e.g. long assumption sources);
 * with `width` (or `opts.width`) the table is fitted into that many columns.
 */
export function textTable(headers: string[], rows: string[][], align: ('left' | 'right')[] | TableOptions = [], maxWidths: (number | undefined)[] = [], width?: number): string {
  if (!Array.isArray(align)) return textTable(headers, rows, align.align ?? [], align.maxWidths ?? [], align.width);
  const cells = rows.map((r) => r.map((c) => safeText(c.replace(/\r\n|[\r\n\t]/g, ' '))));
  const caps = fittedCaps(headers, cells, align, maxWidths, width);
  const wrapped = cells.map((r) => r.map((c, i) => (caps[i] ? wrapText(c, caps[i]!) : [c])));
  const widths = headers.map((h, i) => Math.max(h.length, ...wrapped.map((r) => Math.max(0, ...(r[i] ?? ['']).map((l) => l.length)))));
  const line = (r: string[]) =>
    r
      .map((c, i) => (align[i] === 'right' ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const body: string[] = [];
  for (const r of wrapped) {
    const h = Math.max(1, ...r.map((c) => c.length));
    for (let k = 0; k < h; k++) body.push(line(headers.map((_, i) => r[i]?.[k] ?? '')));
  }
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...body].join('\n');
}

/**
 * Per-column wrap widths so that the table fits `width`: starts from each column's natural width
 * (capped by maxWidths) and narrows the widest wrappable column until the total fits or every
 * wrappable column is at MIN_WRAP_COLUMN (or its header, if longer). Without `width`, maxWidths.
 */
function fittedCaps(headers: string[], cells: string[][], align: ('left' | 'right')[], maxWidths: (number | undefined)[], width: number | undefined): (number | undefined)[] {
  if (!width) return maxWidths;
  const n = headers.length;
  const natural = headers.map((h, i) => {
    const longest = Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length));
    return maxWidths[i] ? Math.max(h.length, Math.min(longest, maxWidths[i]!)) : longest;
  });
  const wrappable = headers.map((_, i) => align[i] !== 'right' && (maxWidths.some((m) => m !== undefined) ? maxWidths[i] !== undefined : true));
  const floor = headers.map((h) => Math.max(MIN_WRAP_COLUMN, h.length));
  const w = [...natural];
  const total = () => w.reduce((a, b) => a + b, 0) + 2 * (n - 1);
  while (total() > width) {
    let k = -1;
    for (let i = 0; i < n; i++) if (wrappable[i] && w[i] > floor[i] && (k < 0 || w[i] > w[k])) k = i;
    if (k < 0) {
      // nothing left to narrow among the preferred columns: allow any left-aligned column
      if (wrappable.every((x, i) => x || align[i] === 'right')) break;
      for (let i = 0; i < n; i++) if (align[i] !== 'right') wrappable[i] = true;
      continue;
    }
    // narrow the widest column down towards the next widest, so wide columns end up balanced
    let next = floor[k];
    for (let i = 0; i < n; i++) if (i !== k && wrappable[i] && w[i] > next) next = w[i];
    w[k] = Math.max(floor[k], w[k] - Math.max(1, Math.min(total() - width, w[k] - next)));
  }
  return headers.map((_, i) => (w[i] < natural[i] || maxWidths[i] ? w[i] : undefined));
}

/**
 * The head of a source for narrow text output: an override note ("Set by option X (built-in V)"),
 * else the source up to its first ': ' or '; ' outside parentheses and quotes, followed by the
 * docs/models.md section it cites (unless `withAnchor` is false). The full source is in the Markdown, HTML and JSON outputs and in
 * `consolidate defaults --format md|json`.
 * @example shortSource('Uptime Institute Global Data Center Survey 2024: average PUE 1.56 [R]; docs/models.md#facility')
 *   === 'Uptime Institute Global Data Center Survey 2024 (docs/models.md#facility)'
 */
export function shortSource(source: string, withAnchor = true): string {
  const over = /^(Set by [^(]+?) \(built-in (.*?): /.exec(source);
  if (over) return `${over[1]} (built-in ${over[2]})`;
  const anchor = /docs\/models\.md#[\w-]+/.exec(source)?.[0];
  let depth = 0;
  let quoted = false;
  let cut = source.length;
  for (let i = 0; i < source.length - 1; i++) {
    const c = source[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '(' || c === '[')) depth++;
    else if (!quoted && (c === ')' || c === ']')) depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && (c === ':' || c === ';') && source[i + 1] === ' ') {
      cut = i;
      break;
    }
  }
  const head = source.slice(0, cut).replace(/;?\s*docs\/models\.md#[\w-]+/, '').trim();
  return withAnchor && anchor && !head.includes(anchor) ? `${head} (${anchor})` : head;
}
