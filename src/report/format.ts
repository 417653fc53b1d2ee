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

/**
 * Renders an aligned text table. Columns whose `align` is 'right' are right-aligned (numbers).
 * A column with a `maxWidths` entry wraps onto continuation lines (e.g. long assumption sources).
 */
export function textTable(headers: string[], rows: string[][], align: ('left' | 'right')[] = [], maxWidths: (number | undefined)[] = []): string {
  const cells = rows.map((r) => r.map((c) => safeText(c.replace(/\r\n|[\r\n\t]/g, ' '))));
  const wrapped = cells.map((r) => r.map((c, i) => (maxWidths[i] ? wrapText(c, maxWidths[i]!) : [c])));
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
