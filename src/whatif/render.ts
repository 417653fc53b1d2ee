import type { WhatIfResult } from './run.js';
import { fmt, pct, textTable, safeText, PLAIN, DEFAULT_TEXT_WIDTH, wrapLines, type Style } from '../report/format.js';
import { csvLine } from '../report/csv-escape.js';
import { displayDimensions, dimensionLabel } from '../report/labels.js';
import { renderWhatIfHtml } from './html.js';
import { verdictSegments } from './sentence.js';
import { shownMetrics, cellText, hiddenNote, changed, optionRows, citation, cashFlows, paybackWords } from './present.js';

/**
 * Renderers of the what-if comparison: text, json, md, html (whatif/html.ts), csv. They only lay
 * out numbers the comparison already holds. Input text (scenario names, descriptions) is escaped
 * for every format. Each format says the same things: the verdict, the figures of every
 * scenario, the cumulative cost over the horizon, the sensitivity and, per scenario, what it
 * changes (Markdown and HTML add each scenario's options, warnings and hosts).
 */
export const WHATIF_FORMATS = ['text', 'json', 'md', 'html', 'csv'] as const;
export type WhatIfFormat = (typeof WHATIF_FORMATS)[number];

/**
 * Side-by-side columns in blocks of as many as fit the width, each block with the row labels
 * (numbers never wrap).
 */
function blockTables(rowLabels: string[], cols: { head: string; cells: string[] }[], width: number): string[] {
  const out: string[] = [];
  const labelW = Math.max(0, ...rowLabels.map((l) => l.length));
  const colW = cols.map((c) => Math.max(safeText(c.head).length, ...c.cells.map((x) => x.length)));
  for (let i = 0; i < cols.length; ) {
    let used = labelW;
    let j = i;
    while (j < cols.length && (j === i || used + 2 + colW[j] <= width)) used += 2 + colW[j++];
    if (i > 0) out.push('');
    out.push(textTable(['', ...cols.slice(i, j).map((c) => c.head)], rowLabels.map((l, k) => [l, ...cols.slice(i, j).map((c) => c.cells[k])]), ['left', ...cols.slice(i, j).map(() => 'right' as const)]));
    i = j;
  }
  return out;
}

/** A text tornado chart: one bar per assumption, left of the centre = less savings than the base. */
export function textTornado(r: WhatIfResult, width = 40): string[] {
  const sv = r.sensitivity;
  if (!sv) return [];
  const out: string[] = [`Sensitivity of ${sv.objective.label}; base ${fmt(sv.baseValue, 0)}`];
  if (!sv.rows.length) out.push('(no assumption could be varied)');
  const half = Math.floor(width / 2);
  const maxDev = Math.max(1e-9, ...sv.rows.flatMap((x) => [Math.abs(x.low.objective - sv.baseValue), Math.abs(x.high.objective - sv.baseValue)]));
  const labelW = Math.max(...sv.rows.map((x) => x.label.length), 10);
  const rows = sv.rows.map((x) => {
    const lo = Math.min(x.low.objective, x.high.objective) - sv.baseValue;
    const hi = Math.max(x.low.objective, x.high.objective) - sv.baseValue;
    const left = Math.round((Math.max(0, -lo) / maxDev) * half);
    const right = Math.round((Math.max(0, hi) / maxDev) * half);
    const bar = ' '.repeat(half - left) + '#'.repeat(left) + '|' + '#'.repeat(right) + ' '.repeat(half - right);
    return [safeText(x.label.padEnd(labelW)), `${x.low.value} -> ${fmt(x.low.objective, 0)}`, bar, `${x.high.value} -> ${fmt(x.high.objective, 0)}`, fmt(x.swing, 0)];
  });
  out.push(textTable(['assumption', 'low end', 'less savings | more savings'.padStart(half + 14).padEnd(width + 1), 'high end', 'swing'], rows, ['left', 'right', 'left', 'left', 'right']));
  for (const s of sv.skipped) out.push(`skipped ${s.key}: ${s.reason}`);
  return out;
}

/** The cumulative cash table: one row per point in time, a column per scenario (and "before"). */
function cashTable(r: WhatIfResult): { labels: string[]; cols: { head: string; cells: string[] }[]; payback: string[] } | null {
  const flows = cashFlows(r);
  if (!flows.length) return null;
  const months = flows[0].points.map((p) => p.month);
  const same = (f: (typeof flows)[number]) => JSON.stringify(f.points.map((p) => p.month)) === JSON.stringify(months);
  const sameBefore = flows.every((f) => same(f) && JSON.stringify(f.points.map((p) => p.beforeUsd)) === JSON.stringify(flows[0].points.map((p) => p.beforeUsd)));
  if (!flows.every(same)) return null;
  // Without current servers there is no "before" column to show.
  const before = (f: (typeof flows)[number]) => (f.noBefore ? [] : [{ head: `${f.name} before`, cells: f.points.map((p) => fmt(p.beforeUsd)) }]);
  const cols = [
    ...(sameBefore && !flows[0].noBefore ? [{ head: 'before', cells: flows[0].points.map((p) => fmt(p.beforeUsd)) }] : []),
    ...flows.flatMap((f) => [...(sameBefore ? [] : before(f)), { head: f.name, cells: f.points.map((p) => fmt(p.afterUsd)) }]),
  ];
  const payback = flows.map((f) => `${f.name}: ${paybackWords(f)}`);
  return { labels: months.map((m) => (m % 12 === 0 ? (m === 0 ? 'today' : `year ${fmt(m / 12)}`) : `month ${fmt(m, Number.isInteger(m) ? 0 : 1)}`)), cols, payback };
}

export function renderWhatIfText(r: WhatIfResult, style: Style = PLAIN, width: number = DEFAULT_TEXT_WIDTH): string {
  const out: string[] = [style.bold(`What-if comparison (${r.scenarios.length} scenarios; differences to "${safeText(r.base)}" in parentheses)`)];
  if (r.description) out.push(safeText(r.description));
  out.push('');
  // Plain: the verdict wraps, and wrapping counts characters (escape codes would break it).
  out.push(safeText(verdictSegments(r.verdict).map((s) => s.t).join('')));
  out.push('');
  const ms = shownMetrics(r);
  out.push(...blockTables(ms.map((m) => m.label), r.scenarios.map((s, i) => ({ head: s.name, cells: ms.map((m) => cellText(s, m, i === 0)) })), width));
  const note = hiddenNote(r);
  if (note) out.push(style.dim(note));
  const cash = cashTable(r);
  if (cash) {
    out.push('', style.bold(`Cumulative cost, USD spent from today (purchase up front, then running costs)`));
    out.push(...blockTables(cash.labels, cash.cols, width));
    out.push(cash.payback.join('; '));
  }
  out.push('');
  out.push(style.bold('Scenarios'));
  out.push(textTable(['name', 'host type', 'options changed', 'description'], r.scenarios.map((s, i) => [s.name, s.summary.hostType, i === 0 ? '(base)' : changed(r, s), s.description ?? '']), { maxWidths: [undefined, 40, 40, 60], width }));
  const warn = r.scenarios.flatMap((s) => s.warnings.map((w) => `${s.name}: ${w}`));
  for (const w of warn) out.push(style.warn(`warning: ${safeText(w)}`));
  if (r.sensitivity) {
    out.push('');
    out.push(...textTornado(r, Math.max(20, Math.min(40, width - 80))).map((l, i) => (i === 0 ? style.bold(l) : l)));
  }
  return wrapLines(out, width).join('\n') + '\n';
}

const mdEscape = (s: string) => safeText(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([*_`[\]<>#])/g, '\\$1').replace(/\r?\n/g, ' ');
const mdRow = (cells: string[]) => `| ${cells.join(' | ')} |`;

export function renderWhatIfMarkdown(r: WhatIfResult): string {
  const out: string[] = ['# What-if comparison', ''];
  if (r.description) out.push(mdEscape(r.description), '');
  out.push(verdictSegments(r.verdict).map((s) => (s.b ? `**${mdEscape(s.t)}**` : mdEscape(s.t))).join(''), '');
  out.push(`Differences to **${mdEscape(r.base)}** in parentheses.`, '');
  const ms = shownMetrics(r);
  out.push(`| | ${r.scenarios.map((s) => mdEscape(s.name)).join(' | ')} |`);
  out.push(`|---|${r.scenarios.map(() => '---:').join('|')}|`);
  for (const m of ms) out.push(`| ${mdEscape(m.label)} | ${r.scenarios.map((s, i) => mdEscape(cellText(s, m, i === 0))).join(' | ')} |`);
  const note = hiddenNote(r);
  if (note) out.push('', `_${mdEscape(note)}_`);
  const cash = cashTable(r);
  if (cash) {
    out.push('', '## Cumulative cost', '', 'USD spent from today: the new hosts are bought up front, then running costs accrue; "before" keeps the current servers. A scenario pays back where its column falls below "before".', '');
    out.push(mdRow(['', ...cash.cols.map((c) => mdEscape(c.head))]), `|---|${cash.cols.map(() => '---:').join('|')}|`);
    cash.labels.forEach((l, k) => out.push(mdRow([l, ...cash.cols.map((c) => c.cells[k])])));
    out.push('', mdEscape(cash.payback.join('; ')) + '.');
  }
  if (r.sensitivity) {
    const sv = r.sensitivity;
    out.push('', '## Sensitivity', '', `Effect on ${mdEscape(sv.objective.label)}; base ${fmt(sv.baseValue, 0)}.`, '');
    out.push('```', ...textTornado(r).slice(1).map((l) => l.replace(/```/g, "'''")), '```', '');
    out.push('| assumption | low | savings at low | high | savings at high | swing | where the range comes from |', '|---|---:|---:|---:|---:|---:|---|');
    for (const x of sv.rows) out.push(`| ${mdEscape(x.label)} | ${mdEscape(String(x.low.value))} | ${fmt(x.low.objective, 0)} | ${mdEscape(String(x.high.value))} | ${fmt(x.high.objective, 0)} | ${fmt(x.swing, 0)} | ${mdEscape(citation(x.source))} |`);
    for (const s of sv.skipped) out.push('', `_Not varied: ${mdEscape(s.key)}: ${mdEscape(s.reason)}_`);
  }
  out.push('', '## Scenarios', '', '| name | host type | options changed | description |', '|---|---|---|---|');
  r.scenarios.forEach((s, i) => out.push(`| ${mdEscape(s.name)} | ${mdEscape(s.summary.hostType)} | ${i === 0 ? '(base)' : mdEscape(changed(r, s))} | ${mdEscape(s.description ?? '')} |`));
  for (const s of r.scenarios) {
    out.push('', `### ${mdEscape(s.name)}`, '');
    if (s.description) out.push(mdEscape(s.description), '');
    out.push('| option | value | |', '|---|---|---|');
    for (const o of optionRows(r, s)) out.push(mdRow([mdEscape(o.key), mdEscape(o.value), o.changed ? `changed from ${mdEscape(o.baseValue)}` : '']));
    out.push('', s.warnings.length ? s.warnings.map((w) => `- warning: ${mdEscape(w)}`).join('\n') : '_No warnings._', '');
    const { shown: dims } = displayDimensions(s.dimensions);
    out.push(`${fmt(s.summary.placed)} of ${fmt(s.summary.vms)} workloads on ${fmt(s.summary.hostsUsed)} hosts${s.summary.unplaced ? `; ${fmt(s.summary.unplaced)} unplaced` : ''}.`, '');
    if (s.hosts.length) {
      out.push(mdRow(['host', 'type', 'VMs', ...dims.map((d) => `${mdEscape(dimensionLabel(d))} fill`), 'binding', 'avg CPU', 'power W']), `|---|---|${['---:', ...dims.map(() => '---:')].join('|')}|---|---:|---:|`);
      for (const h of s.hosts) out.push(mdRow([mdEscape(h.id), mdEscape(h.type), fmt(h.vms.length), ...dims.map((d) => pct(h.fill[d])), mdEscape(dimensionLabel(h.bindingResource)), pct(h.cpuUtilization), fmt(h.powerWatts)]));
    }
    if (s.unplaced.length) {
      out.push('', '| unplaced workload | reason |', '|---|---|');
      for (const u of s.unplaced) out.push(mdRow([mdEscape(u.id), mdEscape(u.reason)]));
    }
  }
  return out.join('\n') + '\n';
}

/**
 * CSV: one row per scenario, `scenario,description,host_type,<metric>,<metric>_delta,...` (all metrics,
 * empty where not reported). Further tables follow, each after an empty line and with its own
 * header: with --sensitivity `assumption,low,savings_at_low,high,savings_at_high,swing`; then,
 * when the plans report a cost model, the cumulative cost `scenario,month,before_usd,after_usd`.
 */
export function renderWhatIfCsv(r: WhatIfResult): string {
  let s = csvLine(['scenario', 'description', 'host_type', ...r.metrics.flatMap((m) => [m.key, `${m.key}_delta`])]);
  for (const sc of r.scenarios) s += csvLine([sc.name, sc.description ?? '', sc.summary.hostType, ...r.metrics.flatMap((m) => [sc.metrics[m.key], sc.deltas[m.key]])]);
  if (r.sensitivity) {
    s += '\r\n' + csvLine(['assumption', 'low', 'savings_at_low', 'high', 'savings_at_high', 'swing']);
    for (const x of r.sensitivity.rows) s += csvLine([x.key, x.low.value, x.low.objective, x.high.value, x.high.objective, x.swing]);
  }
  const flows = cashFlows(r);
  if (flows.length) {
    s += '\r\n' + csvLine(['scenario', 'month', 'before_usd', 'after_usd']);
    for (const f of flows) for (const p of f.points) s += csvLine([f.name, p.month, p.beforeUsd, p.afterUsd]);
  }
  return s;
}

export { renderWhatIfHtml };

export function renderWhatIf(r: WhatIfResult, format: string, opts: { style?: Style; width?: number } = {}): string {
  switch (format) {
    case 'text':
      return renderWhatIfText(r, opts.style, opts.width);
    case 'json':
      return JSON.stringify(r, null, 2) + '\n';
    case 'md':
    case 'markdown':
      return renderWhatIfMarkdown(r);
    case 'html':
      return renderWhatIfHtml(r);
    case 'csv':
      return renderWhatIfCsv(r);
    default:
      throw new Error(`unknown format ${JSON.stringify(format)}; expected one of ${WHATIF_FORMATS.join(', ')}`);
  }
}
