import { fmt } from '../format.js';
import { COLORS, svgDoc, text, line, n, niceTicks } from './common.js';

/** Aggregate CPU load over time as an area, with horizontal capacity lines. */
export function timelineChart(labels: string[], values: number[], refs: { value: number; label: string; color: string }[], opts: { title: string; yTitle: string }): string {
  const left = 64;
  const top = 16;
  const plotW = 900;
  const plotH = 220;
  const bottom = 40;
  const width = left + plotW + 140;
  const height = top + plotH + bottom;
  const ticks = niceTicks(Math.max(1e-9, ...values, ...refs.map((r) => r.value)), 5);
  const ymax = ticks[ticks.length - 1];
  const sy = (v: number) => top + plotH - (v / ymax) * plotH;
  const sx = (i: number) => left + (values.length > 1 ? (i / (values.length - 1)) * plotW : plotW / 2);
  let body = '';
  for (const t of ticks) {
    body += line(left, sy(t), left + plotW, sy(t), COLORS.grid);
    body += text(left - 6, sy(t) + 4, fmt(t, Number.isInteger(t) ? 0 : 1), { class: 'ca', 'text-anchor': 'end' });
  }
  if (values.length) {
    const pts = values.map((v, i) => `${n(sx(i))},${n(sy(v))}`).join(' ');
    body += `<polygon points="${n(sx(0))},${n(sy(0))} ${pts} ${n(sx(values.length - 1))},${n(sy(0))}" fill="${COLORS.afterLight}" fill-opacity="0.5"/>`;
    body += `<polyline points="${pts}" fill="none" stroke="${COLORS.after}" stroke-width="1.5"/>`;
  }
  for (const r of refs) {
    body += line(left, sy(r.value), left + plotW, sy(r.value), r.color, ' stroke-width="2" stroke-dasharray="6 4"');
    body += text(left + plotW + 6, sy(r.value) + 4, r.label, { class: 'cs', fill: r.color });
  }
  const shown = shortLabels(labels);
  const every = Math.max(1, Math.ceil(labels.length / 10));
  shown.forEach((l, i) => {
    if (i % every === 0) body += text(sx(i), top + plotH + 16, l, { class: 'ca', 'text-anchor': 'middle' });
  });
  body += line(left, top + plotH, left + plotW, top + plotH, COLORS.axis);
  body += text(14, top + plotH / 2, opts.yTitle, { class: 'ca', 'text-anchor': 'middle', transform: `rotate(-90 14 ${top + plotH / 2})` });
  return svgDoc(width, height, opts.title, body, 'chart tl');
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
