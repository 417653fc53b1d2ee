import { COLORS, svgDoc, text, rect, line } from './common.js';
import { FONTS, textWidth, maxTextWidth, wrapText, ascent, descent, lineStep } from './layout.js';

/**
 * A tornado chart: one row per assumption, a bar from the base value to the outcome at each end
 * of the assumption's range, the widest swing on top. Less on the left, more on the right.
 *
 * Layout is solved, not tuned: each end is labelled outside its bar ("hw-assist: 211,485"), so
 * for a scale `s` (px per unit) the centre `cx` must satisfy, for every row i,
 *   cx - s·leftDev[i] - gap - leftLabel[i] >= labelColumn    (left labels clear the names)
 *   cx + s·rightDev[i] + gap + rightLabel[i] <= width         (right labels stay inside)
 * (and the captions above the centre line fit). The narrowest width meeting all of them at scale
 * `s` is max_i(left side) + max_i(right side), convex in `s`; the chart takes the largest `s`
 * at which that width is within the requested one,
 * and the chart widens when that leaves the longest bar shorter than a readable minimum. Names
 * wider than a third of the chart wrap, making their row taller.
 */
export interface TornadoRow {
  label: string;
  /** Outcome at each end of the range, and its label (e.g. "hw-assist: 211,485"). */
  low: { value: number; label: string };
  high: { value: number; label: string };
}

export interface TornadoOptions {
  title: string;
  base: number;
  /** Shown above the centre line, e.g. "base 212,658". */
  baseLabel: string;
  /** Captions of the two sides, e.g. "less savings" / "more savings". */
  lessLabel: string;
  moreLabel: string;
  width?: number;
}

export function tornadoChart(rows: TornadoRow[], o: TornadoOptions): string {
  const nameF = FONTS.cl;
  const valF = FONTS.cs;
  const pad = 8;
  const gap = 6;
  const minBar = 120;
  let W = o.width ?? 760;
  const names = rows.map((r) => r.label);
  const nameMax = Math.max(90, Math.round(W / 3));
  const wrapped = names.map((nm) => wrapText(nm, nameMax, nameF));
  const nameW = maxTextWidth(wrapped.flat(), nameF);
  const col = pad + nameW + 12;
  // Per row: the bar spans the two outcomes; the lower one is labelled left of it, the higher
  // one right of it. dl and dr are how far each end lies from the base (negative when an end is
  // on the other side of it).
  const sides = rows.map((r) => {
    const [left, right] = r.low.value <= r.high.value ? [r.low, r.high] : [r.high, r.low];
    return { left, right, dl: o.base - left.value, dr: right.value - o.base, wl: textWidth(left.label, valF), wr: textWidth(right.label, valF) };
  });
  const wLess = textWidth(`← ${o.lessLabel}`, FONTS.cs);
  const wMore = textWidth(`${o.moreLabel} →`, FONTS.cs);
  const wBase = textWidth(o.baseLabel, { ...FONTS.cs, bold: true });
  // Constraints on the centre cx for a scale s: a left item needs cx >= lo + gap + w + s·d, a
  // right item cx <= W - pad - gap - w - s·d. The captions above the centre are items with d = 0.
  const lefts = [...sides.map((x) => ({ lo: col, w: x.wl, d: x.dl })), { lo: pad, w: wLess, d: 0 }, { lo: pad - gap, w: wBase / 2, d: 0 }];
  const rights = [...sides.map((x) => ({ w: x.wr, d: x.dr })), { w: wMore, d: 0 }, { w: wBase / 2 - gap, d: 0 }];
  const lowCx = (sc: number) => Math.max(...lefts.map((c) => c.lo + gap + c.w + sc * c.d));
  const rightNeed = (sc: number) => Math.max(...rights.map((c) => gap + c.w + sc * c.d));
  /** The narrowest chart that fits every label at scale sc. */
  const widthAt = (sc: number) => lowCx(sc) + rightNeed(sc) + pad;
  const span = Math.max(0, ...sides.map((x) => Math.max(x.dl, x.dr, x.dl + x.dr)));
  // The largest scale that fits the requested width, but never bars shorter than minBar (the
  // chart widens instead). widthAt is convex in s, so bisection finds the edge of the fit.
  // A span so small that its scale overflows (outcomes a subnormal apart) draws as no span.
  let s = 0;
  if (span > 0 && Number.isFinite((minBar / span) * 2 ** 61)) {
    const sMin = minBar / span;
    if (widthAt(sMin) >= W) s = sMin;
    else {
      let lo = sMin;
      let hi = sMin * 2;
      for (let k = 0; k < 60 && widthAt(hi) <= W; k++) hi *= 2;
      for (let k = 0; k < 60; k++) {
        const mid = (lo + hi) / 2;
        if (widthAt(mid) <= W) lo = mid;
        else hi = mid;
      }
      s = lo;
    }
  }
  W = Math.max(W, widthAt(s));
  // Centre: midway between the leftmost and rightmost feasible positions.
  const cx = (lowCx(s) + (W - pad - rightNeed(s))) / 2;
  const step = lineStep(nameF);
  const headBase = pad + ascent(FONTS.cs);
  const headSides = headBase + lineStep(FONTS.cs);
  const top = Math.ceil(headSides + descent(FONTS.cs) + 8);
  let y = top;
  let body = '';
  body += text(cx, headBase, o.baseLabel, { class: 'cs', 'text-anchor': 'middle', 'font-weight': 700 });
  body += text(cx - gap, headSides, `← ${o.lessLabel}`, { class: 'cs', 'text-anchor': 'end' });
  body += text(cx + gap, headSides, `${o.moreLabel} →`, { class: 'cs' });
  const barH = 18;
  rows.forEach((r, i) => {
    const lines = wrapped[i];
    const rowH = Math.max(barH + 10, lines.length * step + 8);
    const mid = y + rowH / 2;
    lines.forEach((l, k) => {
      const baseline = mid - ((lines.length - 1) * step) / 2 + k * step + (ascent(nameF) - descent(nameF)) / 2;
      body += text(pad, baseline, l, { class: 'cl' });
    });
    const sd = sides[i];
    const vy = mid + (ascent(valF) - descent(valF)) / 2;
    const a = cx - s * sd.dl;
    const b = cx + s * sd.dr;
    // Left of the base: less (orange); right of it: more (green).
    if (a < cx) body += rect(a, mid - barH / 2, Math.min(b, cx) - a, barH, COLORS.binding, ' rx="2"');
    if (b > cx) body += rect(Math.max(a, cx), mid - barH / 2, b - Math.max(a, cx), barH, COLORS.after, ' rx="2"');
    // A white halo keeps a label legible where it crosses the base line (both ends on one side).
    const halo = { stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke' };
    body += text(a - gap, vy, sd.left.label, { class: 'cs', 'text-anchor': 'end', ...halo });
    body += text(b + gap, vy, sd.right.label, { class: 'cs', ...halo });
    y += rowH;
  });
  // The centre line under the bars and labels.
  body = line(cx, top - 4, cx, y + 2, COLORS.text, ' stroke-width="1.5"') + body;
  const height = Math.ceil(y + pad);
  return svgDoc(Math.ceil(W), height, o.title, body, 'chart tornado');
}
