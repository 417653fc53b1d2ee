/**
 * Text layout for the SVG charts: how wide a label will be, where to break it, which axis ticks
 * to label, and where to put labels so that none covers another. The charts reserve their
 * margins from these measures (the longest label, the widest value), so a chart adapts to the
 * names and numbers it is given instead of relying on constants tuned to one data set.
 *
 * Widths are estimates made before any browser sees the text, so they are deliberately
 * conservative: per character, the larger advance width of DejaVu Sans (what `system-ui` and
 * `sans-serif` resolve to on Debian and most Linux desktops, and the widest common sans-serif)
 * and Liberation Sans (Arial's metrics), measured in Chromium with canvas `measureText` at
 * 100 px and rounded up to 1/100 em. Fonts of other systems (Segoe UI, Roboto, San Francisco,
 * Helvetica) are narrower, so a label that fits by this estimate fits there too.
 */

/** A font of the charts: size in CSS pixels and weight. */
export interface Font {
  sizePx: number;
  bold?: boolean;
}

/**
 * The text classes of the charts and their fonts, as the stylesheet (report/html-style.ts,
 * `svg .ct` ...) sets them; a test keeps the two in step.
 */
export const FONTS = {
  ct: { sizePx: 13, bold: true },
  cn: { sizePx: 13, bold: true },
  cl: { sizePx: 12 },
  cv: { sizePx: 12 },
  cs: { sizePx: 11 },
  ca: { sizePx: 11 },
} as const satisfies Record<string, Font>;

export type TextClass = keyof typeof FONTS;

/** The font of a class attribute such as "cv cb" (`cb` makes it bold). */
export function fontOf(cls: string): Font {
  const names = cls.split(/\s+/);
  const base = names.map((c) => (FONTS as Record<string, Font>)[c]).find(Boolean) ?? FONTS.cl;
  return names.includes('cb') ? { ...base, bold: true } : base;
}

// Advance widths of ASCII 32..126 in 1/100 em (see the module comment for the measurement).
const ASCII_REGULAR = [32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 56, 102, 68, 69, 72, 77, 67, 61, 78, 75, 29, 50, 67, 56, 86, 75, 79, 67, 79, 72, 67, 61, 73, 68, 99, 69, 67, 69, 39, 34, 39, 84, 56, 50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84];
const ASCII_BOLD = [35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 61, 102, 77, 76, 73, 83, 68, 68, 82, 84, 37, 56, 77, 64, 100, 84, 85, 73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 56, 50, 67, 72, 59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, 72, 72, 49, 60, 48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84];
/** Characters the reports write often, measured like ASCII (bold in the second place). */
const KNOWN: Record<string, [number, number]> = {
  '\u00a0': [32, 35], '→': [100, 100], '−': [84, 84], '≤': [84, 84], '≥': [84, 84], '–': [56, 56], '—': [100, 100], '…': [100, 100],
  '·': [32, 38], '★': [90, 90], '☆': [90, 90], '×': [84, 84], '°': [50, 50], 'µ': [64, 74], '€': [64, 70], '£': [64, 70],
  '½': [97, 104], '‰': [134, 144], '′': [23, 26], '±': [84, 84],
};

/** Width in em of one code point: ASCII and the known ones measured, the rest by a safe class. */
function charEm(cp: number, ch: string, bold: boolean): number {
  if (cp >= 32 && cp <= 126) return (bold ? ASCII_BOLD : ASCII_REGULAR)[cp - 32] / 100;
  const k = KNOWN[ch];
  if (k) return k[bold ? 1 : 0] / 100;
  if (cp < 32 || (cp >= 0x7f && cp < 0xa0)) return 0;
  // Combining marks and zero-width characters add no advance.
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff) return 0;
  // Supplementary planes: emoji and rare scripts, often drawn by a wider fallback font.
  if (cp > 0xffff) return 1.3;
  // Everything else (Latin letters with marks, Greek, Cyrillic, CJK, symbols): at most one em
  // in the fonts above, except a few wide symbols; 1.1 em keeps a margin.
  return 1.1;
}

/**
 * Conservative width in CSS pixels of `s` set in `font`.
 * @example textWidth('00:00', { sizePx: 11 }) → 31.46 (DejaVu Sans draws it 31.4 px wide)
 */
export function textWidth(s: string, font: Font): number {
  let em = 0;
  for (const ch of s) em += charEm(ch.codePointAt(0)!, ch, font.bold === true);
  return em * font.sizePx;
}

/** Line box of a text line relative to its baseline (DejaVu Sans: ascent 0.93 em, descent 0.24 em). */
export const ASCENT_EM = 0.93;
export const DESCENT_EM = 0.24;
export const ascent = (f: Font) => ASCENT_EM * f.sizePx;
export const descent = (f: Font) => DESCENT_EM * f.sizePx;
/** Baseline-to-baseline distance of wrapped lines; the line boxes just touch at 1.17 em. */
export const lineStep = (f: Font) => Math.ceil((ASCENT_EM + DESCENT_EM) * f.sizePx + 1);

/**
 * Breaks `s` into lines no wider than `maxWidth`: at spaces first, then after `-`, `_`, `/`,
 * `.` or `:` inside a long word, and between any two characters when a word has no such place.
 * Never drops a character; a line is wider than `maxWidth` only if one character is.
 * @example wrapText('Move to KVM (smaller host reserve)', 90, { sizePx: 12 }) → ['Move to KVM', '(smaller host', 'reserve)']
 */
export function wrapText(s: string, maxWidth: number, font: Font): string[] {
  const words = s.split(/\s+/).filter((w) => w !== '');
  if (!words.length) return [''];
  const pieces: Piece[] = [];
  for (const w of words) pieces.push(...splitWord(w, maxWidth, font));
  const lines: string[] = [];
  let cur = '';
  for (const p of pieces) {
    const joined = cur === '' ? p.text : p.glue ? cur + p.text : `${cur} ${p.text}`;
    if (cur !== '' && textWidth(joined, font) > maxWidth) {
      lines.push(cur);
      cur = p.text;
    } else cur = joined;
  }
  lines.push(cur);
  return lines;

  interface Piece {
    text: string;
    /** Joins the previous piece without a space (a break inside a word). */
    glue: boolean;
  }
  function splitWord(w: string, max: number, f: Font): Piece[] {
    if (textWidth(w, f) <= max) return [{ text: w, glue: false }];
    const parts = w.split(/(?<=[-_/.:])/);
    const out: Piece[] = [];
    parts.forEach((part, i) => {
      if (textWidth(part, f) <= max) out.push({ text: part, glue: i > 0 });
      else {
        let chunk = '';
        let first = true;
        for (const ch of part) {
          if (chunk !== '' && textWidth(chunk + ch, f) > max) {
            out.push({ text: chunk, glue: i > 0 || !first });
            chunk = '';
            first = false;
          }
          chunk += ch;
        }
        if (chunk !== '') out.push({ text: chunk, glue: i > 0 || !first });
      }
    });
    return out;
  }
}

/** The widest of several strings in one font. */
export const maxTextWidth = (ss: string[], font: Font) => Math.max(0, ...ss.map((s) => textWidth(s, font)));

/**
 * Places labels on one axis as close as possible to where they want to be, without overlap and
 * in their order: `want[i]` is the wished centre, `size[i]` the extent, `gap` the least space
 * between neighbours. Overlapping neighbours are merged into blocks centred on their wishes
 * (the least-squares placement of an ordered, non-overlapping sequence), then the whole is kept
 * within [lo, hi] when it fits. Returns the centres, in the input's order.
 * O(n log n) for the sort, O(n) amortized merging.
 * @example spread([10, 11, 30], [10, 10, 10], 0, 0, 100) → [5.5, 15.5, 30]
 */
export function spread(want: number[], size: number[], gap: number, lo: number, hi: number): number[] {
  const order = want.map((_, i) => i).sort((a, b) => want[a] - want[b] || a - b);
  interface Block {
    ids: number[];
    /** Offsets of each member's centre from the block's first centre. */
    offs: number[];
    start: number;
  }
  const blocks: Block[] = [];
  for (const i of order) {
    let b: Block = { ids: [i], offs: [0], start: want[i] };
    for (;;) {
      const prev = blocks[blocks.length - 1];
      if (!prev) break;
      const pl = prev.ids[prev.ids.length - 1];
      const prevEnd = prev.start + prev.offs[prev.offs.length - 1] + size[pl] / 2;
      const first = b.ids[0];
      if (b.start - size[first] / 2 >= prevEnd + gap) break;
      // Merge: b follows prev directly; the merged block's start minimizes the squared distances.
      const shift = prev.offs[prev.offs.length - 1] + size[pl] / 2 + gap + size[first] / 2;
      const ids = [...prev.ids, ...b.ids];
      const offs = [...prev.offs, ...b.offs.map((o) => o + shift)];
      const start = ids.reduce((s, id, k) => s + want[id] - offs[k], 0) / ids.length;
      blocks.pop();
      b = { ids, offs, start };
    }
    blocks.push(b);
  }
  const out = new Array<number>(want.length);
  const firstId = blocks[0]?.ids[0];
  const lastB = blocks[blocks.length - 1];
  if (firstId === undefined || !lastB) return out;
  const lastId = lastB.ids[lastB.ids.length - 1];
  // Keep within [lo, hi]: shift the blocks right where they start below lo, left where they end past hi.
  let shiftLeftNeeded = Math.max(0, lastB.start + lastB.offs[lastB.offs.length - 1] + size[lastId] / 2 - hi);
  for (let k = blocks.length - 1; k >= 0 && shiftLeftNeeded > 0; k--) {
    const b = blocks[k];
    b.start -= shiftLeftNeeded;
    const prev = blocks[k - 1];
    if (!prev) break;
    const pl = prev.ids[prev.ids.length - 1];
    const room = b.start - size[b.ids[0]] / 2 - gap - (prev.start + prev.offs[prev.offs.length - 1] + size[pl] / 2);
    shiftLeftNeeded = Math.max(0, -room);
  }
  let shiftRightNeeded = Math.max(0, lo - (blocks[0].start - size[firstId] / 2));
  for (let k = 0; k < blocks.length && shiftRightNeeded > 0; k++) {
    const b = blocks[k];
    b.start += shiftRightNeeded;
    const next = blocks[k + 1];
    if (!next) break;
    const bl = b.ids[b.ids.length - 1];
    const room = next.start - size[next.ids[0]] / 2 - gap - (b.start + b.offs[b.offs.length - 1] + size[bl] / 2);
    shiftRightNeeded = Math.max(0, -room);
  }
  for (const b of blocks) b.ids.forEach((id, k) => (out[id] = b.start + b.offs[k]));
  return out;
}

/** The total extent `spread` needs for these sizes (to grow a chart that is too short). */
export const spreadExtent = (size: number[], gap: number) => size.reduce((s, x) => s + x, 0) + gap * Math.max(0, size.length - 1);

/** Index steps that read well on an axis of counts or buckets: 1, 2, 3, 4, 5, 6, 8, 10, 12, ... */
export const NICE_STEPS = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 24, 30, 36, 48, 60, 72, 96, 120, 144, 180, 240, 288, 360, 480, 720, 1000];

/**
 * Which of the labels of a horizontal axis to show: every `step`-th from the first, with the
 * smallest step of `steps` (or beyond: doubling the last) at which no two shown labels overlap
 * (`gap` pixels apart at least) and each stays within [lo, hi]. Labels are centred on `x`.
 * @example thinTicks([0, 10, 20, 30, 40], [18, 18, 18, 18, 18], { gap: 2, lo: -10, hi: 50 }) → { step: 2, shown: [0, 2, 4] }
 */
export function thinTicks(x: number[], width: number[], o: { gap: number; lo: number; hi: number; steps?: number[] }): { step: number; shown: number[] } {
  const steps = [...(o.steps ?? NICE_STEPS)];
  while (steps[steps.length - 1] < x.length) steps.push(steps[steps.length - 1] * 2);
  for (const step of steps) {
    const shown: number[] = [];
    for (let i = 0; i < x.length; i += step) if (x[i] - width[i] / 2 >= o.lo && x[i] + width[i] / 2 <= o.hi) shown.push(i);
    let ok = true;
    for (let k = 1; k < shown.length && ok; k++) {
      const a = shown[k - 1];
      const b = shown[k];
      if (x[b] - width[b] / 2 - (x[a] + width[a] / 2) < o.gap) ok = false;
    }
    if (ok) return { step, shown };
  }
  return { step: x.length, shown: x.length ? [0] : [] };
}
