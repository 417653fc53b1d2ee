import { html } from '../escape.js';
import { round } from '../../util/round.js';

/**
 * A small SVG chart kit for the HTML report: no dependencies, no scripts, deterministic output.
 * Geometry (scaling a value to pixels, tick placement) lives here; figures come from the
 * PlanResult unchanged. Every label passes through `html()`.
 */

export const COLORS = {
  before: '#94a3b8',
  after: '#0f766e',
  afterLight: '#5eead4',
  binding: '#c2410c',
  capacity: '#b91c1c',
  usable: '#f59e0b',
  grid: '#e2e8f0',
  axis: '#64748b',
  text: '#0f172a',
  muted: '#475569',
  series: ['#0f766e', '#2563eb', '#7c3aed', '#c2410c', '#0891b2', '#65a30d', '#db2777', '#a16207'],
};

/** Formats a coordinate with at most 2 decimals (stable bytes). */
export const n = (x: number) => String(round(x, 2));

export function svgDoc(width: number, height: number, title: string, body: string, cls = 'chart'): string {
  return `<svg class="${cls}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${html(title)}"><title>${html(title)}</title>${body}</svg>`;
}

export function text(x: number, y: number, s: string, attrs: Record<string, string | number> = {}): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${html(String(v))}"`)
    .join('');
  return `<text x="${n(x)}" y="${n(y)}"${a}>${html(s)}</text>`;
}

export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, w))}" height="${n(Math.max(0, h))}" fill="${fill}"${extra}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra = ''): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}"${extra}/>`;
}

/**
 * "Nice" axis ticks from 0 to at least `max`: steps of 1, 2 or 5 x 10^k.
 * @example niceTicks(17.3, 4) → [0, 5, 10, 15, 20]
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  // Subnormal maxima (e.g. 5e-324) leave no representable step: one tick at each end.
  if (!(step > 0) || !Number.isFinite(step)) return [0, max];
  const ticks: number[] = [];
  for (let i = 0; i * step < max + step * 1e-9; i++) ticks.push(round(i * step, 9));
  if (ticks[ticks.length - 1] < max) ticks.push(round(ticks.length * step, 9));
  return ticks;
}
