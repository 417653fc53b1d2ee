import { COLORS, svgDoc, text, rect, line } from './common.js';
import { FONTS, textWidth, maxTextWidth, wrapText, ascent, descent, lineStep } from './layout.js';

/**
 * Small multiples: one panel per metric, one horizontal bar per scenario, the base's bar grey and
 * its value marked by a dashed line across the panel, so every bar reads against the base.
 * Geometry is derived from the labels: the name column is as wide as the longest name (names
 * longer than a third of the panel wrap onto more lines, which makes that row taller), the value
 * column as wide as the widest value, and a value sits outside its bar, at its end.
 */
export interface PanelRow {
  name: string;
  /** null: the plan does not report it; `display` then says why (e.g. "not reported"). */
  value: number | null;
  display: string;
  /** How the value compares with the base's (colour): the base itself, better, worse or equal. */
  tone: 'base' | 'better' | 'worse' | 'same';
}

export interface MetricPanel {
  title: string;
  /** A second line under the title, e.g. the unit. */
  subtitle?: string;
  rows: PanelRow[];
  /** An extra reference line, e.g. the horizon on the payback panel. */
  ref?: { value: number; label: string };
}

const TONE: Record<PanelRow['tone'], string> = { base: COLORS.before, better: COLORS.after, worse: COLORS.binding, same: '#5eaaa0' };

/** The width of one panel (CSS px); panels sit in a grid of as many columns as the page allows. */
export const PANEL_WIDTH = 360;

/** One panel as a self-contained SVG. */
export function metricPanel(p: MetricPanel): string {
  const W = PANEL_WIDTH;
  const pad = 10;
  const nameF = FONTS.cl;
  const valF = FONTS.cv;
  const titleLines = wrapText(p.title, W - 2 * pad, FONTS.ct);
  const subLines = p.subtitle ? wrapText(p.subtitle, W - 2 * pad, FONTS.cs) : [];
  // The base's name is bold.
  const fontOfRow = (r: PanelRow) => (r.tone === 'base' ? { ...nameF, bold: true } : nameF);
  const nameW = Math.min(Math.max(0, ...p.rows.map((r) => textWidth(r.name, fontOfRow(r)))), Math.round(W / 3));
  const names = p.rows.map((r) => wrapText(r.name, nameW, fontOfRow(r)));
  const values = p.rows.map((r) => r.value).filter((v): v is number => v !== null);
  const refV = p.ref?.value;
  const lo = Math.min(0, ...values, ...(refV !== undefined ? [refV] : []));
  const hi = Math.max(0, ...values, ...(refV !== undefined ? [refV] : []), 1e-9);
  const valueW = maxTextWidth(p.rows.map((r) => r.display), valF) + 6;
  const x0 = pad + nameW + 10;
  // Values stand outside the bars: right of a positive bar, left of a negative one.
  const leftRoom = lo < 0 ? valueW : 0;
  const plotW = Math.max(60, W - x0 - pad - valueW - leftRoom);
  const width = Math.ceil(x0 + leftRoom + plotW + valueW + pad);
  const sx = (v: number) => x0 + leftRoom + ((v - lo) / (hi - lo || 1)) * plotW;
  let y = pad;
  let body = '';
  for (const l of titleLines) {
    y += ascent(FONTS.ct);
    body += text(pad, y, l, { class: 'ct' });
    y += descent(FONTS.ct) + 1;
  }
  for (const l of subLines) {
    y += ascent(FONTS.cs);
    body += text(pad, y, l, { class: 'cs' });
    y += descent(FONTS.cs) + 1;
  }
  let refLabelY = 0;
  if (p.ref) {
    y += ascent(FONTS.cs) + 2;
    refLabelY = y;
    y += descent(FONTS.cs);
  }
  y += 6;
  const plotTop = y;
  // The rows go after the reference lines, so that values (with their halo) sit on top of them.
  const head = body;
  body = '';
  const barH = 16;
  const step = lineStep(nameF);
  const base = p.rows.find((r) => r.tone === 'base');
  p.rows.forEach((r, i) => {
    const rowH = Math.max(barH + 8, names[i].length * step + 6);
    const mid = y + rowH / 2;
    names[i].forEach((l, k) => {
      const baseline = mid - ((names[i].length - 1) * step) / 2 + k * step + (ascent(nameF) - descent(nameF)) / 2;
      body += text(pad, baseline, l, { class: 'cl', ...(r.tone === 'base' ? { 'font-weight': 700 } : {}) });
    });
    const vy = mid + (ascent(valF) - descent(valF)) / 2;
    if (r.value === null) body += text(sx(0) + 4, vy, r.display, { class: 'cs' });
    else {
      const a = sx(Math.min(0, r.value));
      const b = sx(Math.max(0, r.value));
      body += rect(a, mid - barH / 2, Math.max(b - a, r.value === 0 ? 0 : 1), barH, TONE[r.tone], ' rx="2"');
      // A white halo keeps the value readable where the base's dashed line passes behind it.
      const halo = { stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke' };
      body += r.value < 0 ? text(a - 4, vy, r.display, { class: 'cv', 'text-anchor': 'end', ...halo }) : text(b + 4, vy, r.display, { class: 'cv', ...halo });
    }
    y += rowH;
  });
  const plotBottom = y;
  const rowsSvg = body;
  body = head + line(sx(0), plotTop - 2, sx(0), plotBottom + 2, COLORS.axis);
  if (base && base.value !== null) body += line(sx(base.value), plotTop - 4, sx(base.value), plotBottom + 4, COLORS.text, ' stroke-width="1" stroke-dasharray="3 3"');
  if (p.ref) {
    const x = sx(p.ref.value);
    body += line(x, refLabelY - ascent(FONTS.cs) + 2, x, plotBottom + 4, COLORS.capacity, ' stroke-dasharray="5 3"');
    // Beside the line, on the side where it fits (the label has a row of its own).
    const w = textWidth(p.ref.label, FONTS.cs);
    const start = x + 4 + w <= width - pad ? x + 4 : Math.max(pad, x - 4 - w);
    body += text(start, refLabelY, p.ref.label, { class: 'cs', fill: COLORS.capacity });
  }
  body += rowsSvg;
  const height = Math.ceil(plotBottom + 4 + pad);
  return svgDoc(width, height, p.title, body, 'chart sm');
}

/** The colours of the tones, for a legend in HTML. */
export const TONE_COLORS = TONE;
