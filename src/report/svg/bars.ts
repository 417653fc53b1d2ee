import { fmt } from '../format.js';
import { COLORS, svgDoc, text, rect, line, n, niceTicks } from './common.js';

/** One before/after panel: two horizontal bars on a shared zero-based scale. */
export interface BeforeAfterPanel {
  title: string;
  before: number;
  after: number;
  /** Display strings for the two values (already formatted by the caller). */
  beforeLabel: string;
  afterLabel: string;
  /** Saved share, e.g. "−74%" (from summary.savingsFraction), or empty. */
  note?: string;
}

/** Small multiples of before/after bars (hosts, power, cost): one panel each, side by side. */
export function beforeAfterChart(panels: BeforeAfterPanel[], title = 'Before and after'): string {
  const pw = 360;
  const ph = 120;
  const gap = 16;
  const width = panels.length * pw + (panels.length - 1) * gap;
  let body = '';
  panels.forEach((p, i) => {
    const x0 = i * (pw + gap);
    const max = Math.max(p.before, p.after, 1e-9);
    const barX = x0 + 56;
    const barW = pw - 56 - 8;
    const scale = (v: number) => (v / max) * barW * 0.72;
    body += rect(x0, 0, pw, ph, '#f8fafc', ' rx="8"');
    body += text(x0 + 12, 22, p.title, { class: 'ct' });
    if (p.note) body += text(x0 + pw - 12, 22, p.note, { class: 'cn', 'text-anchor': 'end' });
    const rows: [string, number, string, string][] = [
      ['Before', p.before, p.beforeLabel, COLORS.before],
      ['After', p.after, p.afterLabel, COLORS.after],
    ];
    rows.forEach(([lab, v, vl, c], k) => {
      const y = 42 + k * 36;
      body += text(x0 + 12, y + 16, lab, { class: 'cl' });
      body += rect(barX, y, scale(v), 24, c, ' rx="3"');
      body += text(barX + scale(v) + 6, y + 17, vl, { class: 'cv' });
    });
  });
  return svgDoc(width, ph, title, body, 'chart ba');
}

export interface BreakdownItem {
  label: string;
  before?: number;
  after?: number;
  value?: number;
  beforeLabel?: string;
  afterLabel?: string;
  valueLabel?: string;
}

/** Horizontal grouped bars for a cost breakdown (before/after per item, or one value per item). */
export function breakdownChart(items: BreakdownItem[], title: string): string {
  const labelW = 190;
  const barW = 560;
  const rowH = items.some((i) => i.before !== undefined || i.after !== undefined) ? 40 : 24;
  const top = 8;
  const height = top + items.length * rowH + 28;
  const values = items.flatMap((i) => [i.before ?? 0, i.after ?? 0, i.value ?? 0]).map((v) => Math.abs(v));
  const ticks = niceTicks(Math.max(...values, 1e-9), 5);
  const max = ticks[ticks.length - 1];
  const sx = (v: number) => (Math.abs(v) / max) * barW;
  let body = '';
  for (const t of ticks) {
    body += line(labelW + sx(t), top, labelW + sx(t), top + items.length * rowH, COLORS.grid);
    body += text(labelW + sx(t), height - 8, fmt(t, Number.isInteger(t) ? 0 : 1), { class: 'ca', 'text-anchor': 'middle' });
  }
  items.forEach((it, i) => {
    const y = top + i * rowH;
    body += text(labelW - 8, y + rowH / 2 + 4, it.label, { class: 'cl', 'text-anchor': 'end' });
    if (it.before !== undefined || it.after !== undefined) {
      if (it.before !== undefined) {
        body += rect(labelW, y + 4, sx(it.before), 14, COLORS.before);
        body += text(labelW + sx(it.before) + 4, y + 15, it.beforeLabel ?? '', { class: 'cv' });
      }
      if (it.after !== undefined) {
        body += rect(labelW, y + 20, sx(it.after), 14, COLORS.after);
        body += text(labelW + sx(it.after) + 4, y + 31, it.afterLabel ?? '', { class: 'cv' });
      }
    } else if (it.value !== undefined) {
      body += rect(labelW, y + 4, sx(it.value), 16, COLORS.series[i % COLORS.series.length]);
      body += text(labelW + sx(it.value) + 4, y + 16, it.valueLabel ?? '', { class: 'cv' });
    }
  });
  body += line(labelW, top, labelW, top + items.length * rowH, COLORS.axis);
  return svgDoc(labelW + barW + 90, height, title, body, 'chart bd');
}

export { n };
