import { fmt } from '../format.js';
import { COLORS, svgDoc, text, line, n, niceTicks } from './common.js';
import { FONTS, textWidth, maxTextWidth, wrapText, ascent, descent, lineStep, spread, thinTicks } from './layout.js';

/**
 * A line chart of a few series over a shared x axis, each named at its right end. End labels
 * are moved apart vertically where lines end close together (with a leader line to their end
 * point), and the right margin is as wide as the longest label, wrapped at a third of the plot.
 * Optional marks (dots without text) point at events such as a payback crossing.
 */
export interface LineSeries {
  name: string;
  color: string;
  points: { x: number; y: number }[];
  dashed?: boolean;
  /** Drawn thicker (e.g. the base). */
  strong?: boolean;
  /** Dots on the line, e.g. where it crosses another. */
  marks?: { x: number; y: number }[];
  /** The label at the line's end (default: the name). */
  label?: string;
  /** Mark (with a dot) where this line falls below the line of another series (its index). */
  crossing?: { series: number };
}

/**
 * Where polyline `a` passes from above `b` to below it (geometry: both are evaluated at the
 * union of their x values and linearly interpolated between, so the points are exact for
 * piecewise-linear data such as cumulative costs with constant monthly rates).
 */
export function downCrossings(a: { x: number; y: number }[], b: { x: number; y: number }[]): { x: number; y: number }[] {
  const at = (p: { x: number; y: number }[], x: number) => {
    if (x <= p[0].x) return p[0].y;
    for (let k = 1; k < p.length; k++) if (x <= p[k].x) return p[k - 1].y + ((p[k].y - p[k - 1].y) * (x - p[k - 1].x)) / (p[k].x - p[k - 1].x || 1);
    return p[p.length - 1].y;
  };
  if (!a.length || !b.length) return [];
  const lo = Math.max(a[0].x, b[0].x);
  const hi = Math.min(a[a.length - 1].x, b[b.length - 1].x);
  const xs = [...new Set([...a, ...b].map((p) => p.x).filter((x) => x >= lo && x <= hi))].sort((p, q) => p - q);
  const out: { x: number; y: number }[] = [];
  for (let k = 1; k < xs.length; k++) {
    const d0 = at(a, xs[k - 1]) - at(b, xs[k - 1]);
    const d1 = at(a, xs[k]) - at(b, xs[k]);
    if (d0 > 0 && d1 <= 0) {
      const t = d0 / (d0 - d1);
      const x = xs[k - 1] + t * (xs[k] - xs[k - 1]);
      out.push({ x, y: at(a, x) });
    }
  }
  return out;
}

export interface LineChartOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  /** Ticks of the x axis: value and label. */
  xTicks: { value: number; label: string }[];
  /** Formats a y tick value (default: thousands separators). */
  yFormat?: (v: number) => string;
  plotWidth?: number;
  plotHeight?: number;
  /** Top of the y axis (at least): panels of small multiples share one scale. */
  yMax?: number;
  /** Name the lines at their right ends (default); off for panels titled by their heading. */
  endLabels?: boolean;
  /** A title and subtitle drawn inside the SVG, above the plot (wrapped to its width). */
  heading?: { title: string; subtitle?: string };
}

export function lineChart(series: LineSeries[], o: LineChartOptions): string {
  const axis = FONTS.ca;
  const lab = FONTS.cs;
  const plotW = o.plotWidth ?? 640;
  const plotH = o.plotHeight ?? 260;
  const allX = series.flatMap((s) => s.points.map((p) => p.x)).concat(o.xTicks.map((t) => t.value));
  const allY = series.flatMap((s) => s.points.map((p) => p.y));
  const xmin = Math.min(...allX);
  const xmax = Math.max(...allX);
  const ymin = Math.min(0, ...allY);
  const ymaxData = Math.max(0, o.yMax ?? 0, ...allY);
  // All zero (or all negative, or vanishingly small): a unit scale above zero keeps the axis readable.
  const tiny = 1e-9;
  const ticksUp = niceTicks(ymaxData > tiny ? ymaxData : ymin < -tiny ? -ymin / 4 : 1, o.heading ? 4 : 5);
  const ticksDown = ymin < -tiny ? niceTicks(-ymin, 3).slice(1).map((t) => -t).reverse() : [];
  const allTicks = [...ticksDown, ...ticksUp].filter((t, i, a) => a.indexOf(t) === i);
  const ylo = allTicks[0];
  const yhi = allTicks[allTicks.length - 1];
  const yf = o.yFormat ?? ((v: number) => fmt(v, Number.isInteger(v) ? 0 : 1));
  const yTitleX = 4 + ascent(axis);
  const left = Math.ceil(yTitleX + descent(axis) + 8 + maxTextWidth(allTicks.map(yf), axis) + 6);
  const ends = o.endLabels !== false;
  const labelMax = Math.max(80, Math.round(plotW / 3));
  const fonts = series.map((s) => (s.strong ? { ...lab, bold: true } : lab));
  const labels = ends ? series.map((s, i) => wrapText(s.label ?? s.name, labelMax, fonts[i])) : series.map(() => []);
  const labelW = Math.max(0, ...labels.map((l, i) => maxTextWidth(l, fonts[i])));
  // End labels start clear of the last x tick label (centred on the plot's right edge).
  const halfX = maxTextWidth(o.xTicks.map((t) => t.label), axis) / 2;
  const labelGap = Math.max(16, Math.ceil(halfX + 6));
  const right = Math.ceil(Math.max(ends ? labelW + labelGap + 6 : 8, halfX + 4));
  // Heading lines (wrapped to the whole width), then room for the top tick label.
  const headW = Math.max(120, plotW + 40);
  const headTitle = o.heading ? wrapText(o.heading.title, headW, FONTS.ct) : [];
  const headSub = o.heading?.subtitle ? wrapText(o.heading.subtitle, headW, lab) : [];
  let hy = 6;
  let heading = '';
  for (const l of headTitle) {
    hy += ascent(FONTS.ct);
    heading += text(8, hy, l, { class: 'ct' });
    hy += descent(FONTS.ct) + 1;
  }
  for (const l of headSub) {
    hy += ascent(lab);
    heading += text(8, hy, l, { class: 'cs' });
    hy += descent(lab) + 1;
  }
  const top = Math.ceil((o.heading ? hy + 4 : 0) + ascent(axis) + 8);
  const step = lineStep(lab);
  const sizes = labels.map((l) => l.length * step);
  // The chart grows when the end labels need more height than the plot offers.
  const needH = sizes.reduce((s, x) => s + x, 0) + 2 * Math.max(0, sizes.length - 1);
  const plotHeight = Math.max(plotH, Math.ceil(needH));
  const xLabelBaseline = top + plotHeight + descent(axis) + 6 + ascent(axis);
  const xTitleBaseline = xLabelBaseline + lineStep(axis) + 4;
  const height = Math.ceil(xTitleBaseline + descent(axis) + 6);
  const width = Math.ceil(Math.max(left + plotW + right, 8 + maxTextWidth(headTitle, FONTS.ct) + 8, 8 + maxTextWidth(headSub, lab) + 8));
  const sx = (x: number) => left + (xmax > xmin ? ((x - xmin) / (xmax - xmin)) * plotW : plotW / 2);
  const sy = (y: number) => top + plotHeight - ((y - ylo) / (yhi - ylo || 1)) * plotHeight;
  // Keep zero, then walk outwards keeping each tick that stands a line clear of the last kept.
  const need = lineStep(axis) + 2;
  const zeroAt = Math.max(0, allTicks.indexOf(0));
  const ticks: number[] = [allTicks[zeroAt]];
  for (const dir of [1, -1]) {
    let last = allTicks[zeroAt];
    for (let k = zeroAt + dir; k >= 0 && k < allTicks.length; k += dir)
      if (Math.abs(sy(allTicks[k]) - sy(last)) >= need) {
        ticks.push(allTicks[k]);
        last = allTicks[k];
      }
  }
  let body = heading;
  ticks.forEach((t) => {
    body += line(left, sy(t), left + plotW, sy(t), t === 0 ? COLORS.axis : COLORS.grid);
    body += text(left - 6, sy(t) + 4, yf(t), { class: 'ca', 'text-anchor': 'end' });
  });
  const xs = o.xTicks.map((t) => sx(t.value));
  const { shown } = thinTicks(xs, o.xTicks.map((t) => textWidth(t.label, axis)), { gap: 10, lo: 0, hi: width });
  for (const i of shown) {
    body += line(xs[i], top + plotHeight, xs[i], top + plotHeight + 4, COLORS.axis);
    body += text(xs[i], xLabelBaseline, o.xTicks[i].label, { class: 'ca', 'text-anchor': 'middle' });
  }
  // Thin lines first, the strong one on top.
  const order = series.map((_, i) => i).sort((a, b) => Number(series[a].strong ?? false) - Number(series[b].strong ?? false) || a - b);
  for (const i of order) {
    const s = series[i];
    if (!s.points.length) continue;
    const pts = s.points.map((p) => `${n(sx(p.x))},${n(sy(p.y))}`).join(' ');
    body += `<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="${s.strong ? 3 : 2}"${s.dashed ? ' stroke-dasharray="7 4"' : ''} stroke-linejoin="round"/>`;
    const marks = [...(s.marks ?? []), ...(s.crossing && series[s.crossing.series] ? downCrossings(s.points, series[s.crossing.series].points) : [])];
    for (const m of marks) body += `<circle cx="${n(sx(m.x))}" cy="${n(sy(m.y))}" r="4.5" fill="#fff" stroke="${s.color}" stroke-width="2.5"/>`;
  }
  // End labels, spread so that they never meet.
  const endYs = series.map((s) => (s.points.length ? sy(s.points[s.points.length - 1].y) : top));
  const ys = spread(endYs, sizes, 2, top - ascent(axis), height - 2);
  const lx = left + plotW + labelGap;
  series.forEach((s, i) => {
    if (!s.points.length || !ends) return;
    const endX = sx(s.points[s.points.length - 1].x);
    if (Math.abs(ys[i] - endYs[i]) > 1) body += line(endX + 2, endYs[i], lx - 3, ys[i], s.color, ' stroke-width="1"');
    const first = ys[i] - sizes[i] / 2 + (step - (ascent(lab) + descent(lab))) / 2 + ascent(lab);
    labels[i].forEach((l, k) => {
      body += text(lx, first + k * step, l, { class: 'cs', fill: s.color === COLORS.before ? COLORS.muted : s.color, ...(s.strong ? { 'font-weight': 700 } : {}) });
    });
  });
  body += line(left, top + plotHeight, left + plotW, top + plotHeight, COLORS.axis);
  body += text(left + plotW / 2, xTitleBaseline, o.xTitle, { class: 'ca', 'text-anchor': 'middle' });
  body += text(yTitleX, top + plotHeight / 2, o.yTitle, { class: 'ca', 'text-anchor': 'middle', transform: `rotate(-90 ${n(yTitleX)} ${n(top + plotHeight / 2)})` });
  return svgDoc(width, height, o.title, body, 'chart lines');
}
