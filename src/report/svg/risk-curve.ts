import { fmt } from '../format.js';
import { COLORS, svgDoc, text, line, n, niceTicks } from './common.js';
import { FONTS, maxTextWidth, ascent, descent } from './layout.js';

/** One point of the risk-energy curve, as the report shows it. */
export interface RiskCurvePoint {
  /** X label, e.g. "1%". */
  label: string;
  hosts: number;
  energyKWh: number | null;
}

/**
 * The risk-energy curve: two panels side by side, hosts and IT energy against the overload risk
 * allowed, the risk levels evenly spaced (they are categories: 0, 0.5, 1, 2, 5%). Points joined
 * by lines, each labelled with its value. Margins follow the widest tick label.
 */
export function riskCurveChart(points: RiskCurvePoint[], title: string): string {
  const font = FONTS.ca;
  const panelW = 420;
  const plotH = 180;
  const gap = 24;
  const panels: { title: string; values: (number | null)[]; decimals: number; color: string }[] = [
    { title: 'Hosts', values: points.map((p) => p.hosts), decimals: 0, color: COLORS.after },
    { title: 'IT energy over the window, kWh', values: points.map((p) => p.energyKWh), decimals: 1, color: COLORS.series[1] },
  ];
  const titleFont = FONTS.ct;
  const top = Math.ceil(ascent(titleFont) + descent(titleFont) + 4 + ascent(font) + 14);
  const xLabelBaseline = top + plotH + 8 + ascent(font);
  const height = Math.ceil(xLabelBaseline + descent(font) + ascent(font) + 14);
  let body = '';
  panels.forEach((pn, k) => {
    const x0 = k * (panelW + gap);
    const vals = pn.values.filter((v): v is number => v !== null);
    const ticks = niceTicks(Math.max(1e-9, ...vals), 4);
    const tickText = ticks.map((t) => fmt(t, Number.isInteger(t) ? 0 : 1));
    const left = x0 + Math.ceil(maxTextWidth(tickText, font) + 12);
    const plotW = x0 + panelW - left - 16;
    const ymax = ticks[ticks.length - 1];
    const sy = (v: number) => top + plotH - (v / ymax) * plotH;
    const sx = (i: number) => left + (points.length > 1 ? ((i + 0.5) / points.length) * plotW : plotW / 2);
    body += text(x0 + 4, ascent(titleFont) + 4, pn.title, { class: 'ct' });
    ticks.forEach((t, j) => {
      body += line(left, sy(t), left + plotW, sy(t), COLORS.grid);
      body += text(left - 6, sy(t) + 4, tickText[j], { class: 'ca', 'text-anchor': 'end' });
    });
    const pts = pn.values.map((v, i) => (v === null ? null : `${n(sx(i))},${n(sy(v))}`)).filter((x): x is string => x !== null);
    if (pts.length > 1) body += `<polyline points="${pts.join(' ')}" fill="none" stroke="${pn.color}" stroke-width="2"/>`;
    pn.values.forEach((v, i) => {
      if (v === null) return;
      body += `<circle cx="${n(sx(i))}" cy="${n(sy(v))}" r="4" fill="${pn.color}"/>`;
      body += text(sx(i), sy(v) - 8, fmt(v, pn.decimals), { class: 'ca', 'text-anchor': 'middle' });
    });
    body += line(left, top + plotH, left + plotW, top + plotH, COLORS.axis);
    points.forEach((p, i) => (body += text(sx(i), xLabelBaseline, p.label, { class: 'ca', 'text-anchor': 'middle' })));
    body += text(left + plotW / 2, xLabelBaseline + ascent(font) + 8, 'overload risk allowed (share of active host time)', { class: 'ca', 'text-anchor': 'middle' });
  });
  return svgDoc(2 * panelW + gap, height, title, body, 'chart rc');
}
