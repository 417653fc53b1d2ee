import type { Page } from './cdp.js';

/**
 * The layout checks of the HTML reports, measured by the browser that renders them: for every
 * `<svg>` of the page, the box of every non-empty `<text>` (getBoundingClientRect, so rotations
 * count) must lie inside the SVG's box, and no two text boxes of one SVG may intersect. Boxes are
 * the font's line boxes (ascent to descent), stricter than the painted glyphs. A tolerance of
 * half a pixel absorbs sub-pixel rounding.
 */
export interface TextBox {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SvgLayout {
  /** aria-label of the SVG (its chart title), or its index. */
  svg: string;
  texts: number;
  outside: { text: string; box: TextBox; svgBox: TextBox }[];
  overlaps: { a: TextBox; b: TextBox }[];
}

export const TOLERANCE_PX = 0.5;

/** The script evaluated in the page (returns SvgLayout[]). */
const MEASURE = `(() => {
  const tol = ${TOLERANCE_PX};
  const box = (r, text) => ({ text, x: Math.round(r.x * 10) / 10, y: Math.round(r.y * 10) / 10, width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 });
  return [...document.querySelectorAll('svg')].map((svg, i) => {
    const sr = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() !== '').map((t) => ({ r: t.getBoundingClientRect(), s: t.textContent }));
    const outside = [];
    for (const t of texts) {
      const r = t.r;
      if (r.left < sr.left - tol || r.top < sr.top - tol || r.right > sr.right + tol || r.bottom > sr.bottom + tol) outside.push({ text: t.s, box: box(r, t.s), svgBox: box(sr, '') });
    }
    const overlaps = [];
    for (let a = 0; a < texts.length; a++)
      for (let b = a + 1; b < texts.length; b++) {
        const p = texts[a].r, q = texts[b].r;
        const dx = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const dy = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (dx > tol && dy > tol) overlaps.push({ a: box(p, texts[a].s), b: box(q, texts[b].s) });
      }
    return { svg: svg.getAttribute('aria-label') || String(i), texts: texts.length, outside, overlaps };
  });
})()`;

export function measureSvgText(page: Page): Promise<SvgLayout[]> {
  return page.evaluate<SvgLayout[]>(MEASURE);
}

/** One line per problem, for a readable assertion message. */
export function layoutProblems(layouts: SvgLayout[]): string[] {
  const out: string[] = [];
  for (const l of layouts) {
    for (const o of l.outside) out.push(`[${l.svg}] "${o.text}" sticks out: ${JSON.stringify(o.box)} not inside ${JSON.stringify(o.svgBox)}`);
    for (const o of l.overlaps) out.push(`[${l.svg}] "${o.a.text}" ${JSON.stringify(o.a)} overlaps "${o.b.text}" ${JSON.stringify(o.b)}`);
  }
  return out;
}

/** The text a reader sees (innerText of the body: closed <details> and <title> elements excluded). */
export function pageText(page: Page): Promise<string> {
  return page.evaluate<string>('document.body.innerText');
}
