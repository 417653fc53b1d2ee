import type { Issue } from '../model/issue.js';
import { fmt } from './format.js';
import { html } from './escape.js';
import { HTML_STYLE } from './html-style.js';

/** The building blocks of the HTML reports: cells, tables, tagged values, the page, issue tables. */

export interface HtmlOptions {
  /** Maximum rows in long tables and hosts in the fill chart; the rest is summarized. */
  maxRows?: number;
  /** Report title (escaped). */
  title?: string;
}

export type Cell = { v: string; cls?: string } | string;
export const cell = (c: Cell, tag: 'td' | 'th') => (typeof c === 'string' ? `<${tag}>${c}</${tag}>` : `<${tag}${c.cls ? ` class="${c.cls}"` : ''}>${c.v}</${tag}>`);
export const num = (v: string): Cell => ({ v, cls: 'n' });
export const id = (v: string): Cell => ({ v: html(v), cls: 'id' });

export function table(headers: Cell[], rows: Cell[][], cls = '', rowCls: (i: number) => string = () => ''): string {
  return (
    `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${headers.map((h) => cell(h, 'th')).join('')}</tr></thead><tbody>` +
    rows.map((r, i) => `<tr${rowCls(i) ? ` class="${rowCls(i)}"` : ''}>${r.map((c) => cell(c, 'td')).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

/** A figure value with its exact number in data attributes (for tests and scrapers). */
export const val = (key: string, value: number | null | undefined, shown: string) => `<span data-key="${html(key)}" data-value="${value === null || value === undefined ? '' : String(value)}">${html(shown)}</span>`;

export function page(title: string, body: string): string {
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="generator" content="consolidation-planner">' +
    `<title>${html(title)}</title><style>${HTML_STYLE}</style></head><body><main>\n${body}\n</main></body></html>\n`
  );
}

export function issuesTable(issues: Issue[], maxRows: number): string {
  const shown = issues.slice(0, maxRows);
  let s = table(
    ['Severity', 'File', num('Line'), 'Column', 'Message', 'Raw value'],
    shown.map((i) => [html(i.severity), id(i.file ?? ''), num(i.line === undefined ? '' : String(i.line)), html(i.column ?? ''), { v: html(i.message), cls: 'w' }, id(i.raw ?? '')]),
  );
  if (issues.length > shown.length) s += `<p class="note">… ${fmt(issues.length - shown.length)} more (see the JSON output or --rejects FILE).</p>`;
  return s;
}

export const scalar = (v: unknown) => (typeof v === 'number' ? fmt(v, Number.isInteger(v) ? 0 : 2) : v === null || v === undefined ? '-' : html(v));

export function stars(x: unknown): string | undefined {
  if (typeof x !== 'number' || !Number.isFinite(x)) return undefined;
  const k = Math.max(0, Math.min(5, Math.round(x)));
  return '★'.repeat(k) + '☆'.repeat(5 - k);
}

