import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { metricPanel, type PanelRow } from '../../src/report/svg/small-multiples.js';
import { lineChart } from '../../src/report/svg/lines.js';
import { tornadoChart } from '../../src/report/svg/tornado.js';
import { timelineChart } from '../../src/report/svg/timeline.js';
import { histogramChart } from '../../src/report/svg/histogram.js';
import { textWidth, fontOf, ascent, descent } from '../../src/report/svg/layout.js';

// One fixed seed: the same cases on every run (CI included); a new seed is a deliberate change.
fc.configureGlobal({ seed: 20261127 });

/**
 * Unit-level layout test of the charts on hostile input (very long names, names without a place
 * to break, wide characters, huge and negative numbers, many series), without a browser: every
 * `<text>` of the SVG is boxed by the same conservative width estimate the charts lay out with,
 * and no two boxes may intersect nor any leave the SVG. (test/report/layout.test.ts measures the
 * real rendering in Chromium.) Rotated axis titles are skipped: they sit in a margin of their own.
 */
interface Box {
  s: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

export function textBoxes(svg: string): { width: number; height: number; boxes: Box[] } {
  const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)![1]);
  const height = Number(/<svg[^>]* height="([\d.]+)"/.exec(svg)![1]);
  const boxes: Box[] = [];
  for (const m of svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)) {
    const attrs = Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    if (attrs.transform) continue;
    const s = unescape(m[2]);
    if (s.trim() === '') continue;
    const f = { ...fontOf(attrs.class ?? ''), ...(attrs['font-weight'] === '700' ? { bold: true } : {}) };
    const w = textWidth(s, f);
    const x = Number(attrs.x);
    const y = Number(attrs.y);
    const x0 = attrs['text-anchor'] === 'middle' ? x - w / 2 : attrs['text-anchor'] === 'end' ? x - w : x;
    boxes.push({ s, x0, x1: x0 + w, y0: y - ascent(f), y1: y + descent(f) });
  }
  return { width, height, boxes };
}

export function layoutProblems(svg: string): string[] {
  const { width, height, boxes } = textBoxes(svg);
  const out: string[] = [];
  const eps = 0.01;
  for (const b of boxes) if (b.x0 < -eps || b.y0 < -eps || b.x1 > width + eps || b.y1 > height + eps) out.push(`"${b.s}" outside ${width}x${height}: ${JSON.stringify(b)}`);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > eps && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > eps) out.push(`"${a.s}" overlaps "${b.s}"`);
    }
  return out;
}

const HOSTILE_NAMES = [
  'base',
  'a scenario name that goes on and on, much longer than any column was ever meant to hold',
  'x'.repeat(120),
  '数据中心迁移方案：全部迁到大型主机并保留三成余量 🚀🚀',
  'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW',
  '<b>&amp;</b> "quoted" \'single\'',
  'a',
];
const name = fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.constantFrom(...HOSTILE_NAMES), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }));
const magnitude = fc.oneof(fc.double({ min: -1e13, max: 1e13, noNaN: true }), fc.integer({ min: 0, max: 30 }), fc.constant(0));
const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 1 });

describe('charts on hostile input keep their labels apart and inside (estimated boxes)', () => {
  it('the hostile examples, by name', () => {
    const rows: PanelRow[] = HOSTILE_NAMES.map((n, i) => ({ name: n, value: i === 6 ? null : (i - 2) * 1.234e12, display: i === 6 ? 'not reported' : fmt((i - 2) * 1.234e12), tone: i === 0 ? 'base' : i % 2 ? 'better' : 'worse' }));
    expect(layoutProblems(metricPanel({ title: HOSTILE_NAMES[1], subtitle: HOSTILE_NAMES[3], rows, ref: { value: 5e12, label: 'horizon of a very long time indeed, in years' } }))).toEqual([]);
    const t = tornadoChart(
      HOSTILE_NAMES.map((n, i) => ({ label: n, low: { value: -1e12 * i, label: `${n.slice(0, 30)}: ${fmt(-1e12 * i)}` }, high: { value: 3e11 * i, label: `${fmt(3e11 * i)} ${'Ω'.repeat(i * 4)}` } })),
      { title: 't', base: 0, baseLabel: `base ${fmt(123456789012)}`, lessLabel: 'less savings', moreLabel: 'more savings' },
    );
    expect(layoutProblems(t)).toEqual([]);
    const l = lineChart(
      HOSTILE_NAMES.map((n, i) => ({ name: n, color: '#000', strong: i === 0, points: [0, 1, 2, 3, 4, 5].map((x) => ({ x, y: 1e12 + i * 1e6 * x })) })),
      { title: 'l', xTitle: 'time from today', yTitle: 'USD', xTicks: [0, 1, 2, 3, 4, 5].map((k) => ({ value: k, label: k === 0 ? 'today' : `year ${k}` })) },
    );
    expect(layoutProblems(l)).toEqual([]);
    const labels = Array.from({ length: 3 * 288 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 300_000).toISOString());
    const tl = timelineChart(labels, labels.map((_, i) => 1e6 + Math.sin(i) * 1e5), [
      { value: 1.3e6, label: 'raw capacity of every host together', color: '#b91c1c' },
      { value: 1.29e6, label: 'planned capacity', color: '#f59e0b' },
      { value: 1.31e6, label: HOSTILE_NAMES[3], color: '#000' },
    ], { title: 'tl', yTitle: 'GHz-cores' });
    expect(layoutProblems(tl)).toEqual([]);
    const h = histogramChart(
      Array.from({ length: 40 }, (_, i) => ({ label: `${i * 2.5}–${(i + 1) * 2.5}%`, counts: [i * 1234567, 99999 - i] })),
      [
        { name: HOSTILE_NAMES[1], color: '#000' },
        { name: HOSTILE_NAMES[3], color: '#111' },
      ],
      { title: 'h', xTitle: 'x', yTitle: 'y', marker: { atBin: 39, label: 'a marker label near the right edge' } },
    );
    expect(layoutProblems(h)).toEqual([]);
  });

  it('small multiples panels (property: random names and magnitudes)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.option(magnitude, { nil: null })), { minLength: 1, maxLength: 8 }), name, (rows, title) => {
        const svg = metricPanel({ title, rows: rows.map(([n, v], i) => ({ name: n, value: v, display: v === null ? 'never' : fmt(v), tone: i === 0 ? 'base' : 'better' })) });
        expect(layoutProblems(svg)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('tornado (property: random labels, outcomes either side of the base, equal ends)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, magnitude, magnitude), { minLength: 1, maxLength: 8 }), magnitude, (rows, base) => {
        const svg = tornadoChart(
          rows.map(([n, a, b]) => ({ label: n, low: { value: a, label: `${n.slice(0, 12)}: ${fmt(a)}` }, high: { value: b, label: fmt(b) } })),
          { title: 't', base, baseLabel: `base ${fmt(base)}`, lessLabel: 'less savings', moreLabel: 'more savings' },
        );
        expect(layoutProblems(svg)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('tornado whose outcomes lie a subnormal apart (found by the property above: base -5e-324, outcomes 0) draws finite coordinates', () => {
    const svg = tornadoChart([{ label: ' ', low: { value: 0, label: ' : 0' }, high: { value: 0, label: '0' } }], { title: 't', base: -5e-324, baseLabel: 'base 0', lessLabel: 'less savings', moreLabel: 'more savings' });
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('Infinity');
    expect(layoutProblems(svg)).toEqual([]);
  });

  it('line chart with end labels (property: random names and values, lines ending together)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, magnitude), { minLength: 1, maxLength: 10 }), (series) => {
        const svg = lineChart(
          series.map(([n, v]) => ({ name: n, color: '#000', points: [0, 1, 2].map((x) => ({ x, y: v * (1 + x / 10) })) })),
          { title: 'l', xTitle: 'x', yTitle: 'y', xTicks: [0, 1, 2].map((k) => ({ value: k, label: `year ${k}` })) },
        );
        expect(layoutProblems(svg)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
