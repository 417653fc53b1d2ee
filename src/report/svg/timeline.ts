import { fmt } from '../format.js';
import { COLORS, svgDoc, text, line, n, niceTicks } from './common.js';
import { FONTS, textWidth, maxTextWidth, ascent, descent, lineStep, spread, thinTicks, NICE_STEPS } from './layout.js';

/**
 * Aggregate CPU load over time as an area, with horizontal capacity lines. The margins follow the
 * labels: the left one the widest tick value, the right one the longest capacity label; the time
 * axis shows as many labels as fit side by side, at a step that is a round duration (see
 * `timeSteps`); capacity labels that would meet are moved apart.
 */
export function timelineChart(labels: string[], values: number[], refs: { value: number; label: string; color: string }[], opts: { title: string; yTitle: string }): string {
  const axisFont = FONTS.ca;
  const refFont = FONTS.cs;
  const plotW = 900;
  const plotH = 220;
  const ticks = niceTicks(Math.max(1e-9, ...values, ...refs.map((r) => r.value)), 5);
  const tickText = ticks.map((t) => fmt(t, Number.isInteger(t) ? 0 : 1));
  const yTitleX = 4 + ascent(axisFont);
  const left = Math.ceil(yTitleX + descent(axisFont) + 8 + maxTextWidth(tickText, axisFont) + 6);
  const shown = shortLabels(labels);
  // The first and last time labels are centred on the plot's edges; half of them may stand out.
  const halfLabel = maxTextWidth(shown, axisFont) / 2;
  const right = Math.ceil(Math.max(halfLabel, refs.length ? 6 + maxTextWidth(refs.map((r) => r.label), refFont) : 0) + 8);
  const top = Math.ceil(Math.max(ascent(axisFont), ...refs.map(() => lineStep(refFont) / 2)) + 6);
  // Time labels sit below the band of the lowest tick value (which straddles the axis).
  const xLabelBaseline = plotH + top + descent(axisFont) + 6 + ascent(axisFont);
  const height = Math.ceil(xLabelBaseline + descent(axisFont) + 6);
  const width = left + plotW + right;
  const ymax = ticks[ticks.length - 1];
  const sy = (v: number) => top + plotH - (v / ymax) * plotH;
  const sx = (i: number) => left + (values.length > 1 ? (i / (values.length - 1)) * plotW : plotW / 2);
  let body = '';
  ticks.forEach((t, k) => {
    body += line(left, sy(t), left + plotW, sy(t), COLORS.grid);
    body += text(left - 6, sy(t) + 4, tickText[k], { class: 'ca', 'text-anchor': 'end' });
  });
  if (values.length) {
    const pts = values.map((v, i) => `${n(sx(i))},${n(sy(v))}`).join(' ');
    body += `<polygon points="${n(sx(0))},${n(sy(0))} ${pts} ${n(sx(values.length - 1))},${n(sy(0))}" fill="${COLORS.afterLight}" fill-opacity="0.5"/>`;
    body += `<polyline points="${pts}" fill="none" stroke="${COLORS.after}" stroke-width="1.5"/>`;
  }
  // Capacity labels at the right end of their lines, moved apart where two lines are close.
  const h = lineStep(refFont);
  const ys = spread(
    refs.map((r) => sy(r.value)),
    refs.map(() => h),
    1,
    h / 2,
    height - h / 2,
  );
  refs.forEach((r, k) => {
    body += line(left, sy(r.value), left + plotW, sy(r.value), r.color, ' stroke-width="2" stroke-dasharray="6 4"');
    body += text(left + plotW + 6, ys[k] + (ascent(refFont) - descent(refFont)) / 2, r.label, { class: 'cs', fill: r.color });
  });
  const xs = shown.map((_, i) => sx(i));
  const widths = shown.map((l) => textWidth(l, axisFont));
  const { shown: which } = thinTicks(xs, widths, { gap: 10, lo: 0, hi: width, steps: timeSteps(labels) });
  for (const i of which) body += text(xs[i], xLabelBaseline, shown[i], { class: 'ca', 'text-anchor': 'middle' });
  body += line(left, top + plotH, left + plotW, top + plotH, COLORS.axis);
  body += text(yTitleX, top + plotH / 2, opts.yTitle, { class: 'ca', 'text-anchor': 'middle', transform: `rotate(-90 ${n(yTitleX)} ${n(top + plotH / 2)})` });
  return svgDoc(width, height, opts.title, body, 'chart tl');
}

/** Round durations for a time axis, in minutes: 1, 2, 5, 10, 15, 30 min; 1, 2, 3, 4, 6, 12 h; 1, 2, 7 days. */
const NICE_MINUTES = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 10080];

/**
 * Label steps (in buckets) that are round durations when the labels are ISO 8601 times at a
 * regular interval (e.g. 5-minute buckets: every 12th label is every hour); else NICE_STEPS.
 * @example timeSteps(['2024-01-01T00:00:00Z', '2024-01-01T00:05:00Z']) → [1, 2, 3, 4, 6, 12, 24, 36, 48, 72, 144, 288, 576, 2016]
 */
export function timeSteps(labels: string[]): number[] {
  const t0 = labels.length > 1 ? Date.parse(labels[0]) : NaN;
  const t1 = labels.length > 1 ? Date.parse(labels[1]) : NaN;
  const minutes = (t1 - t0) / 60000;
  if (!(minutes > 0) || !Number.isFinite(minutes) || !/^\d{4}-\d{2}-\d{2}T/.test(labels[0])) return NICE_STEPS;
  const steps = NICE_MINUTES.map((m) => m / minutes).filter((k) => Number.isInteger(k) && k >= 1);
  return steps.length ? steps : NICE_STEPS;
}

/**
 * Shortens ISO 8601 bucket labels for the axis: `HH:MM` when all fall on one day, else
 * `MM-DD HH:MM`. Other labels are kept as they are.
 */
export function shortLabels(labels: string[]): string[] {
  const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;
  const m = labels.map((l) => l.match(iso));
  if (!m.every(Boolean)) return labels;
  const oneDay = m.every((x) => x![3] === m[0]![3] && x![2] === m[0]![2] && x![1] === m[0]![1]);
  return m.map((x) => (oneDay ? `${x![4]}:${x![5]}` : `${x![2]}-${x![3]} ${x![4]}:${x![5]}`));
}
