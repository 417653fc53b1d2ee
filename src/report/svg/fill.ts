import { COLORS, svgDoc, text, rect, line } from './common.js';

export interface FillRow {
  host: string;
  sub: string;
  /** Per dimension: label, fill 0..1 (may exceed 1 only on a bad plan), display text, binding? */
  bars: { label: string; fill: number; display: string; binding: boolean }[];
}

/**
 * Per-host fill bars: one row per host, one bar per resource, 0-100% of the planned (usable)
 * capacity. The binding resource (highest fill) is drawn in a contrasting colour and tagged.
 */
export function hostFillChart(rows: FillRow[], title: string): string {
  const labelW = 170;
  const dims = rows[0]?.bars.length ?? 0;
  const barW = 300;
  const longest = Math.max(0, ...rows.flatMap((r) => r.bars.map((b) => b.display.length + (b.binding ? 8 : 0))));
  const colW = barW + Math.max(110, Math.ceil(longest * 7) + 24);
  const barH = 14;
  const rowH = Math.max(30, dims * (barH + 6) + 10);
  const head = 26;
  const width = labelW + dims * colW;
  const height = head + rows.length * rowH + 6;
  let body = '';
  rows[0]?.bars.forEach((b, k) => {
    body += text(labelW + k * colW, 16, `${b.label} (% of planned capacity)`, { class: 'ct' });
  });
  rows.forEach((r, i) => {
    const y = head + i * rowH;
    if (i % 2 === 0) body += rect(0, y, width, rowH, '#f8fafc');
    body += text(8, y + rowH / 2 - 1, r.host, { class: 'cl' });
    body += text(8, y + rowH / 2 + 12, r.sub, { class: 'cs' });
    r.bars.forEach((b, k) => {
      const x = labelW + k * colW;
      const by = y + (rowH - barH) / 2;
      body += rect(x, by, barW, barH, '#e2e8f0', ' rx="2"');
      body += rect(x, by, Math.min(1.05, Math.max(0, b.fill)) * barW, barH, b.binding ? COLORS.binding : COLORS.after, ' rx="2"');
      body += text(x + barW + 6, by + 11, b.display + (b.binding ? ' binding' : ''), { class: b.binding ? 'cv cb' : 'cv' });
    });
  });
  for (let k = 0; k < dims; k++) {
    const x = labelW + k * colW + barW;
    body += line(x, head - 4, x, height - 4, COLORS.axis, ' stroke-dasharray="3 3"');
  }
  return svgDoc(width, height, title, body, 'chart fill');
}
