import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { textWidth, wrapText, spread, thinTicks, fontOf, FONTS, lineStep, ascent, descent } from '../../src/report/svg/layout.js';
import { timeSteps } from '../../src/report/svg/timeline.js';
import { HTML_STYLE } from '../../src/report/html-style.js';

// One fixed seed: the same cases on every run (CI included); a new seed is a deliberate change.
fc.configureGlobal({ seed: 20261127 });

describe('text widths (conservative estimates)', () => {
  it('known values: DejaVu Sans advance widths (digits 0.64 em, "m" 0.97 em, bold digits 0.70 em)', () => {
    // DejaVu Sans: digit advance 1303/2048 em; Chromium measures "0123456789" at 11 px as 70.0 px.
    expect(textWidth('0123456789', { sizePx: 11 })).toBeCloseTo(70.4, 6);
    expect(textWidth('m', { sizePx: 100 })).toBeCloseTo(97, 6);
    expect(textWidth('0', { sizePx: 100, bold: true })).toBeCloseTo(70, 6);
    expect(textWidth('', { sizePx: 12 })).toBe(0);
  });

  it('relations: bold is never narrower; width is additive; wide scripts and emoji count at least one em', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
        const f = { sizePx: 12 };
        expect(textWidth(a, { ...f, bold: true })).toBeGreaterThanOrEqual(textWidth(a, f) - 1e-9);
        expect(textWidth(a + b, f)).toBeCloseTo(textWidth(a, f) + textWidth(b, f), 6);
      }),
    );
    expect(textWidth('数据中心', { sizePx: 10 })).toBeGreaterThanOrEqual(40);
    expect(textWidth('🚀', { sizePx: 10 })).toBeGreaterThanOrEqual(10);
  });

  it('the font table matches the stylesheet (svg .ct, .cl, ... sizes and weights)', () => {
    for (const [cls, f] of Object.entries(FONTS)) {
      const rule = HTML_STYLE.match(new RegExp(`svg \\.${cls}\\{([^}]*)\\}`));
      expect(rule, cls).not.toBeNull();
      expect(rule![1]).toContain(`font-size:${f.sizePx}px`);
      expect(rule![1].includes('font-weight:700'), cls).toBe('bold' in f && f.bold === true);
    }
    expect(HTML_STYLE).toMatch(/svg \.cb\{[^}]*font-weight:700/);
    expect(fontOf('cv cb')).toEqual({ sizePx: 12, bold: true });
    expect(fontOf('unknown')).toEqual(FONTS.cl);
  });

  it('line boxes: baseline step covers ascent + descent', () => {
    for (const f of Object.values(FONTS)) expect(lineStep(f)).toBeGreaterThanOrEqual(ascent(f) + descent(f));
  });
});

describe('wrapText', () => {
  const f = { sizePx: 12 };
  it('breaks at spaces first (known example)', () => {
    expect(wrapText('Move to KVM (smaller host reserve)', 90, f)).toEqual(['Move to KVM', '(smaller host', 'reserve)']);
  });

  it('breaks a long word after - _ / . : and else between characters', () => {
    expect(wrapText('r740-384+dl380-512+r7525-1t', 110, f)).toEqual(['r740-384+dl380-', '512+r7525-1t']);
    const long = 'x'.repeat(60);
    const lines = wrapText(long, 50, f);
    expect(lines.join('')).toBe(long);
    for (const l of lines) expect(textWidth(l, f)).toBeLessThanOrEqual(50);
  });

  it('invariants: no character is lost, and no line is wider than the limit unless it is one character', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.integer({ min: 8, max: 300 }), (s, w) => {
        const lines = wrapText(s, w, f);
        expect(lines.join('').replace(/\s+/g, '')).toBe(s.replace(/\s+/g, ''));
        for (const l of lines) if ([...l].length > 1) expect(textWidth(l, f)).toBeLessThanOrEqual(w + 1e-9);
      }),
    );
  });
});

describe('spread (labels on one axis without overlap)', () => {
  it('known example: two close labels move apart symmetrically; a free one stays', () => {
    expect(spread([10, 11, 30], [10, 10, 10], 0, 0, 100)).toEqual([5.5, 15.5, 30]);
    expect(spread([50], [10], 0, 0, 100)).toEqual([50]);
  });

  it('keeps the result within [lo, hi] when it fits', () => {
    expect(spread([0, 1], [10, 10], 2, 0, 100)).toEqual([5, 17]);
    expect(spread([100, 99], [10, 10], 2, 0, 100)).toEqual([95, 83]);
  });

  it('invariants: order kept, no overlap, inside the bounds when the total fits; an overlap-free input is left alone', () => {
    let moved = 0;
    let untouched = 0;
    fc.assert(
      fc.property(fc.array(fc.record({ want: fc.integer({ min: 15, max: 385 }), size: fc.integer({ min: 1, max: 30 }) }), { minLength: 1, maxLength: 15 }), fc.integer({ min: 0, max: 5 }), (items, gap) => {
        const want = items.map((i) => i.want);
        const size = items.map((i) => i.size);
        const total = size.reduce((s, x) => s + x, 0) + gap * (items.length - 1);
        const hi = Math.max(400, total);
        const pos = spread(want, size, gap, 0, hi);
        const order = want.map((_, i) => i).sort((a, b) => want[a] - want[b] || a - b);
        for (let k = 1; k < order.length; k++) {
          const a = order[k - 1];
          const b = order[k];
          expect(pos[b] - size[b] / 2 - (pos[a] + size[a] / 2)).toBeGreaterThanOrEqual(gap - 1e-6);
        }
        for (let i = 0; i < pos.length; i++) {
          expect(pos[i] - size[i] / 2).toBeGreaterThanOrEqual(-1e-6);
          expect(pos[i] + size[i] / 2).toBeLessThanOrEqual(hi + 1e-6);
        }
        const free = order.every((b, k) => k === 0 || want[b] - size[b] / 2 - (want[order[k - 1]] + size[order[k - 1]] / 2) >= gap) && want.every((w, i) => w - size[i] / 2 >= 0 && w + size[i] / 2 <= hi);
        if (free) {
          untouched++;
          expect(pos).toEqual(want);
        } else moved++;
      }),
    );
    expect(moved).toBeGreaterThan(0);
    expect(untouched).toBeGreaterThan(0);
  });
});

describe('thinTicks (axis labels that stand apart)', () => {
  it('known example: every second label of five 18-px labels 10 px apart', () => {
    expect(thinTicks([0, 10, 20, 30, 40], [18, 18, 18, 18, 18], { gap: 2, lo: -10, hi: 50 })).toEqual({ step: 2, shown: [0, 2, 4] });
    expect(thinTicks([0, 10, 20, 30, 40], [18, 18, 18, 18, 18], { gap: 4, lo: -10, hi: 50 })).toEqual({ step: 3, shown: [0, 3] });
  });

  it('a PlanetLab day (288 five-minute buckets over 900 px): hourly multiples, never overlapping', () => {
    const xs = Array.from({ length: 288 }, (_, i) => (i / 287) * 900);
    const labels = xs.map((_, i) => `${String(Math.floor(i / 12)).padStart(2, '0')}:${String((i % 12) * 5).padStart(2, '0')}`);
    const iso = labels.map((l) => `2011-03-03T${l}:00Z`);
    const steps = timeSteps(iso);
    expect(steps.slice(0, 6)).toEqual([1, 2, 3, 4, 6, 12]);
    const r = thinTicks(xs, labels.map((l) => textWidth(l, FONTS.ca)), { gap: 10, lo: -20, hi: 920, steps });
    expect(r.step % 12).toBe(0);
    for (const i of r.shown) expect(labels[i].endsWith(':00')).toBe(true);
  });

  it('invariant: shown labels never overlap and stay inside the bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 100, max: 1200 }), fc.integer({ min: 5, max: 120 }), (count, plotW, labelW) => {
        const xs = Array.from({ length: count }, (_, i) => (count > 1 ? (i / (count - 1)) * plotW : plotW / 2));
        const ws = xs.map((_, i) => labelW + (i % 3) * 7);
        const r = thinTicks(xs, ws, { gap: 6, lo: -labelW, hi: plotW + labelW });
        for (let k = 1; k < r.shown.length; k++) {
          const a = r.shown[k - 1];
          const b = r.shown[k];
          expect(xs[b] - ws[b] / 2 - (xs[a] + ws[a] / 2)).toBeGreaterThanOrEqual(6 - 1e-9);
        }
        expect(r.shown.length).toBeGreaterThan(0);
      }),
    );
  });
});
