import type { PackResult } from '../model/plan-result.js';
import { fmt, pct } from './format.js';
import { html } from './escape.js';
import { hostFillChart } from './svg/fill.js';
import { table, num, id, val, page, issuesTable, type HtmlOptions } from './html-parts.js';

/**
 * The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external fonts,
 * styles or images; a Content-Security-Policy forbids any network load), so it opens offline and
 * mails as an attachment. It leads with a ten-second summary, then charts, then the tables.
 * Every input-derived string goes through `html()`. Deterministic: no dates, no randomness.
 */

export { renderPlanHtml } from './html-plan.js';
export type { HtmlOptions } from './html-parts.js';

export function renderPackHtml(r: PackResult, opts: HtmlOptions = {}): string {
  const maxRows = opts.maxRows ?? 2000;
  const sm = r.summary;
  const parts: string[] = [];
  parts.push(`<header><h1>Vector bin packing</h1><p class="sub">${fmt(sm.vms)} items · resources ${r.dimensions.map(html).join(', ')}</p></header>`);
  parts.push(`<p class="verdict"><b>${fmt(sm.placed)} of ${fmt(sm.vms)} items</b> on <b>${val('summary.hostsUsed', sm.hostsUsed, fmt(sm.hostsUsed))} hosts</b>, total cost ${val('summary.totalCost', sm.totalCost, fmt(sm.totalCost, 2))}; ${sm.optimal ? 'proven optimal' : `within ${pct(sm.gap, 1)} of the lower bound`}.</p>`);
  parts.push(
    `<figure>${hostFillChart(
      r.hosts.slice(0, 60).map((h) => ({ host: h.id, sub: `${h.type} · ${h.vms.length} items`, bars: r.dimensions.map((d) => ({ label: d, fill: h.fill[d] ?? 0, display: pct(h.fill[d]), binding: d === h.bindingResource })) })),
      'Host fill per resource',
    )}</figure>`,
  );
  parts.push(
    table(
      ['Host', 'Type', num('Items'), ...r.dimensions.map((d) => num(`${html(d)} fill`)), 'Binding', 'Contents'],
      r.hosts.slice(0, maxRows).map((h) => [id(h.id), html(h.type), num(fmt(h.vms.length)), ...r.dimensions.map((d) => num(pct(h.fill[d]))), html(h.bindingResource), { v: h.vms.map(html).join(', '), cls: 'vms' }]),
    ),
  );
  if (r.unplaced.length) parts.push(`<h2>Unplaced items (${fmt(r.unplaced.length)})</h2>`, table(['Item', 'Reason'], r.unplaced.slice(0, maxRows).map((x) => [id(x.id), { v: html(x.reason), cls: 'w' }])));
  const rejected = r.issues.filter((i) => i.severity === 'error');
  if (rejected.length) parts.push(`<h2>Rejected rows (${fmt(rejected.length)})</h2>`, issuesTable(rejected, maxRows));
  return page(`Vector bin packing: ${sm.hostsUsed} hosts`, parts.join('\n'));
}
