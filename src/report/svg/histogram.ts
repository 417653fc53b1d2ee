import { COLORS, svgDoc, text, rect, line, n, niceTicks } from './common.js';
import { FONTS, textWidth, maxTextWidth, ascent, descent, lineStep, thinTicks } from './layout.js';

export interface HistogramBin {
  label: string;
  /** One count per series. */
  counts: number[];
}

/**
 * Vertical grouped histogram with a y axis of counts and a legend. Layout follows the labels:
 * the legend wraps onto as many rows as it needs, the left margin fits the widest count on the
 * axis, bin labels are thinned until they stand apart, and a count is written over its bar only
 * where it fits the bar's slot (the axis still reads the others).
 */
export function histogramChart(bins: HistogramBin[], series: { name: string; color: string }[], opts: { title: string; xTitle: string; yTitle: string; marker?: { atBin: number; label: string } }): string {
  const axis = FONTS.ca;
  const small = FONTS.cs;
  const plotW = 640;
  const plotH = 200;
  const max = Math.max(1, ...bins.flatMap((b) => b.counts));
  const ticks = niceTicks(max, 4).map((t) => Math.round(t)).filter((t, i, a) => a.indexOf(t) === i);
  const tickText = ticks.map(String);
  const yTitleX = 4 + ascent(axis);
  const left = Math.ceil(yTitleX + descent(axis) + 8 + maxTextWidth(tickText, axis) + 6);
  const width = left + plotW + 16;
  // Legend rows: swatch + name, wrapped at the chart's width.
  const legend: { x: number; row: number; name: string; color: string }[] = [];
  let lx = left;
  let row = 0;
  for (const s of series) {
    const w = 16 + textWidth(s.name, small);
    if (lx > left && lx + w > width - 4) {
      row++;
      lx = left;
    }
    legend.push({ x: lx, row, name: s.name, color: s.color });
    lx += w + 20;
  }
  const rowH = Math.max(14, lineStep(small)) + 2;
  let y = 6 + (legend.length ? (row + 1) * rowH : 0);
  const markerY = opts.marker ? y + ascent(small) : 0;
  if (opts.marker) y += lineStep(small) + 2;
  // Room for a count written over the tallest bar.
  const top = Math.ceil(y + 3 + lineStep(small));
  const binLabelBaseline = top + plotH + descent(axis) + 6 + ascent(axis);
  const xTitleBaseline = binLabelBaseline + lineStep(axis) + 4;
  const height = Math.ceil(xTitleBaseline + descent(axis) + 4);
  const ymax = ticks[ticks.length - 1];
  const sy = (v: number) => top + plotH - (v / ymax) * plotH;
  const bw = plotW / Math.max(1, bins.length);
  const gw = (bw - 8) / Math.max(1, series.length);
  let body = '';
  ticks.forEach((t, k) => {
    body += line(left, sy(t), left + plotW, sy(t), COLORS.grid);
    body += text(left - 6, sy(t) + 4, tickText[k], { class: 'ca', 'text-anchor': 'end' });
  });
  bins.forEach((b, i) => {
    const x = left + i * bw + 4;
    b.counts.forEach((c, k) => {
      body += rect(x + k * gw, sy(c), gw - 1, top + plotH - sy(c), series[k].color);
      if (c > 0 && textWidth(String(c), small) <= gw - 1) body += text(x + k * gw + (gw - 1) / 2, sy(c) - 3 - descent(small), String(c), { class: 'cs', 'text-anchor': 'middle' });
    });
  });
  const xs = bins.map((_, i) => left + i * bw + bw / 2);
  const { shown } = thinTicks(xs, bins.map((b) => textWidth(b.label, axis)), { gap: 8, lo: 0, hi: width });
  for (const i of shown) body += text(xs[i], binLabelBaseline, bins[i].label, { class: 'ca', 'text-anchor': 'middle' });
  if (opts.marker) {
    const x = left + opts.marker.atBin * bw;
    const w = textWidth(opts.marker.label, small);
    body += line(x, markerY - ascent(small), x, top + plotH, COLORS.capacity, ' stroke-dasharray="4 3"');
    const fitsRight = x + 4 + w <= width;
    body += text(fitsRight ? x + 4 : x - 4, markerY, opts.marker.label, { class: 'cs', fill: COLORS.capacity, ...(fitsRight ? {} : { 'text-anchor': 'end' }) });
  }
  body += line(left, top + plotH, left + plotW, top + plotH, COLORS.axis);
  body += text(left + plotW / 2, xTitleBaseline, opts.xTitle, { class: 'ca', 'text-anchor': 'middle' });
  body += text(yTitleX, top + plotH / 2, opts.yTitle, { class: 'ca', 'text-anchor': 'middle', transform: `rotate(-90 ${n(yTitleX)} ${n(top + plotH / 2)})` });
  for (const l of legend) {
    const ly = 6 + l.row * rowH;
    body += rect(l.x, ly, 12, 12, l.color);
    body += text(l.x + 16, ly + 6 + (ascent(small) - descent(small)) / 2, l.name, { class: 'cs' });
  }
  return svgDoc(width, height, opts.title, body, 'chart hist');
}
