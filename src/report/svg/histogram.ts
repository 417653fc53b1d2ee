import { COLORS, svgDoc, text, rect, line, niceTicks } from './common.js';

export interface HistogramBin {
  label: string;
  /** One count per series. */
  counts: number[];
}

/** Vertical grouped histogram with a y axis of counts and a legend. */
export function histogramChart(bins: HistogramBin[], series: { name: string; color: string }[], opts: { title: string; xTitle: string; yTitle: string; marker?: { atBin: number; label: string } }): string {
  const left = 48;
  const top = 30;
  const plotW = 640;
  const plotH = 200;
  const bottom = 44;
  const width = left + plotW + 16;
  const height = top + plotH + bottom;
  const max = Math.max(1, ...bins.flatMap((b) => b.counts));
  const ticks = niceTicks(max, 4).map((t) => Math.round(t)).filter((t, i, a) => a.indexOf(t) === i);
  const ymax = ticks[ticks.length - 1];
  const sy = (v: number) => top + plotH - (v / ymax) * plotH;
  const bw = plotW / Math.max(1, bins.length);
  const gw = (bw - 8) / Math.max(1, series.length);
  let body = '';
  for (const t of ticks) {
    body += line(left, sy(t), left + plotW, sy(t), COLORS.grid);
    body += text(left - 6, sy(t) + 4, String(t), { class: 'ca', 'text-anchor': 'end' });
  }
  bins.forEach((b, i) => {
    const x = left + i * bw + 4;
    b.counts.forEach((c, k) => {
      body += rect(x + k * gw, sy(c), gw - 1, top + plotH - sy(c), series[k].color);
      if (c > 0) body += text(x + k * gw + (gw - 1) / 2, sy(c) - 3, String(c), { class: 'cs', 'text-anchor': 'middle' });
    });
    body += text(left + i * bw + bw / 2, top + plotH + 16, b.label, { class: 'ca', 'text-anchor': 'middle' });
  });
  if (opts.marker) {
    const x = left + opts.marker.atBin * bw;
    body += line(x, top - 4, x, top + plotH, COLORS.capacity, ' stroke-dasharray="4 3"');
    body += text(x + 4, top + 8, opts.marker.label, { class: 'cs', fill: COLORS.capacity });
  }
  body += line(left, top + plotH, left + plotW, top + plotH, COLORS.axis);
  body += text(left + plotW / 2, height - 6, opts.xTitle, { class: 'ca', 'text-anchor': 'middle' });
  body += text(12, top + plotH / 2, opts.yTitle, { class: 'ca', 'text-anchor': 'middle', transform: `rotate(-90 12 ${top + plotH / 2})` });
  let lx = left;
  for (const s of series) {
    body += rect(lx, 8, 12, 12, s.color);
    body += text(lx + 16, 18, s.name, { class: 'cs' });
    lx += 24 + s.name.length * 6.5;
  }
  return svgDoc(width, height, opts.title, body, 'chart hist');
}
