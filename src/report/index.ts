import type { PlanResult, PackResult } from '../model/plan-result.js';
import { renderPlanText, renderPackText } from './text.js';
import { ANSI, PLAIN } from './format.js';
import { renderPlanMarkdown, renderPackMarkdown } from './markdown.js';
import { renderPlanPlacementCsv, renderPackPlacementCsv, renderPlanSummaryCsv, renderPackSummaryCsv } from './csv.js';
import { renderPlanHtml, renderPackHtml } from './html.js';

/** A renderer turns a result into bytes; it does no arithmetic of its own. */
export interface RenderOptions {
  /** ANSI colour (text format only); the CLI enables it on a TTY without NO_COLOR. */
  color?: boolean;
  /** Line width of the text format (default 120); the CLI passes the terminal's width on a TTY. */
  width?: number;
}

export type Renderable = PlanResult | PackResult;

export interface Renderer {
  format: string;
  /** File extension for --out defaults and content sniffing. */
  extension: string;
  render(result: Renderable, opts: RenderOptions): string;
}

/** Stable JSON: keys in insertion order (our objects are built deterministically), 2-space indent. */
export function renderJson(result: unknown): string {
  return JSON.stringify(result, null, 2) + '\n';
}

const RENDERERS: Renderer[] = [
  {
    format: 'text',
    extension: 'txt',
    render: (r, o) => {
      const style = o.color ? ANSI : PLAIN;
      return r.kind === 'plan' ? renderPlanText(r, { style, width: o.width }) : renderPackText(r, { style, width: o.width });
    },
  },
  { format: 'json', extension: 'json', render: (r) => renderJson(r) },
  // The placement, one row per VM; the summary CSV is a second file (renderSummaryCsv, --summary-csv).
  { format: 'csv', extension: 'csv', render: (r) => (r.kind === 'plan' ? renderPlanPlacementCsv(r) : renderPackPlacementCsv(r)) },
  { format: 'md', extension: 'md', render: (r) => (r.kind === 'plan' ? renderPlanMarkdown(r) : renderPackMarkdown(r)) },
  { format: 'html', extension: 'html', render: (r) => (r.kind === 'plan' ? renderPlanHtml(r) : renderPackHtml(r)) },
];

/** The summary CSV (`key,label,value,unit`; key = the value's JSON path), written by --summary-csv FILE. */
export function renderSummaryCsv(result: Renderable): string {
  return result.kind === 'plan' ? renderPlanSummaryCsv(result) : renderPackSummaryCsv(result);
}

export const REPORT_FORMATS = () => RENDERERS.map((r) => r.format);

export function registerRenderer(r: Renderer): void {
  const i = RENDERERS.findIndex((x) => x.format === r.format);
  if (i >= 0) RENDERERS[i] = r;
  else RENDERERS.push(r);
}

/** Renders a plan or pack result in one of the registered formats. */
export function renderReport(result: Renderable, format: string, opts: RenderOptions = {}): string {
  const r = RENDERERS.find((x) => x.format === format);
  if (!r) throw new Error(`unknown format ${JSON.stringify(format)}; expected one of ${REPORT_FORMATS().join(', ')}`);
  return r.render(result, opts);
}
