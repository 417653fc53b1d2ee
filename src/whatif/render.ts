import type { WhatIfResult, WhatIfScenario } from './run.js';
import { fmt, textTable, safeText, PLAIN, DEFAULT_TEXT_WIDTH, wrapLines, type Style } from '../report/format.js';
import { csvLine } from '../report/csv-escape.js';

/**
 * Renderers of the what-if comparison: text, json, md, html, csv. They only lay out numbers the
 * comparison already holds (no arithmetic besides scaling chart bars). Input text (scenario names,
 * descriptions) is escaped for every format.
 */
export const WHATIF_FORMATS = ['text', 'json', 'md', 'html', 'csv'] as const;
export type WhatIfFormat = (typeof WHATIF_FORMATS)[number];

type MetricDef = WhatIfResult['metrics'][number];

/** Metrics that at least one scenario reports (others, e.g. TCO before the cost model, are hidden in tables). */
function shownMetrics(r: WhatIfResult): MetricDef[] {
  return r.metrics.filter((m) => r.scenarios.some((s) => s.metrics[m.key] !== null));
}

function signed(x: number | null, d: number): string {
  if (x === null) return '';
  const s = fmt(x, d);
  return s === '-' ? '' : x > 0 && s !== fmt(0, d) ? `+${s}` : s === `-${fmt(0, d)}` ? fmt(0, d) : s;
}

function cell(s: WhatIfScenario, m: MetricDef, isBase: boolean): string {
  const v = fmt(s.metrics[m.key], m.decimals);
  if (isBase) return v;
  const d = signed(s.deltas[m.key], m.decimals);
  return d && d !== fmt(0, m.decimals) ? `${v} (${d})` : v;
}

function hiddenNote(r: WhatIfResult): string | null {
  const hidden = r.metrics.filter((m) => !shownMetrics(r).includes(m)).map((m) => m.label);
  return hidden.length ? `Not reported by these plans: ${hidden.join(', ')}.` : null;
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

export function renderWhatIfText(r: WhatIfResult, style: Style = PLAIN, width: number = DEFAULT_TEXT_WIDTH): string {
  const out: string[] = [style.bold(`What-if comparison (${r.scenarios.length} scenarios; differences to "${safeText(r.base)}" in parentheses)`)];
  out.push('');
  const ms = shownMetrics(r);
  // Numbers do not wrap: when the scenarios do not fit the width side by side, they are shown in
  // blocks of as many as fit, each with the metric labels.
  const cols = r.scenarios.map((s, i) => ({ name: s.name, cells: ms.map((m) => cell(s, m, i === 0)) }));
  const labelW = Math.max(0, ...ms.map((m) => m.label.length));
  const colW = cols.map((c) => Math.max(safeText(c.name).length, ...c.cells.map((x) => x.length)));
  for (let i = 0; i < cols.length; ) {
    let used = labelW;
    let j = i;
    while (j < cols.length && (j === i || used + 2 + colW[j] <= width)) used += 2 + colW[j++];
    if (i > 0) out.push('');
    out.push(textTable(['', ...cols.slice(i, j).map((c) => c.name)], ms.map((m, k) => [m.label, ...cols.slice(i, j).map((c) => c.cells[k])]), ['left', ...cols.slice(i, j).map(() => 'right' as const)]));
    i = j;
  }
  const note = hiddenNote(r);
  if (note) out.push(style.dim(note));
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

/** The options a variation changes relative to the base, e.g. "cpuTarget=70, hypervisor=kvm". */
function changed(r: WhatIfResult, s: WhatIfScenario): string {
  const b = r.scenarios[0].options;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(s.options)])].sort();
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(s.options[k]))
    .map((k) => `${k}=${s.options[k] === undefined ? '(unset)' : typeof s.options[k] === 'string' ? s.options[k] : JSON.stringify(s.options[k])}`)
    .join(', ');
}

const mdEscape = (s: string) => safeText(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([*_`[\]<>#])/g, '\\$1').replace(/\r?\n/g, ' ');

export function renderWhatIfMarkdown(r: WhatIfResult): string {
  const out: string[] = ['# What-if comparison', '', `Differences to **${mdEscape(r.base)}** in parentheses.`, ''];
  const ms = shownMetrics(r);
  out.push(`| | ${r.scenarios.map((s) => mdEscape(s.name)).join(' | ')} |`);
  out.push(`|---|${r.scenarios.map(() => '---:').join('|')}|`);
  for (const m of ms) out.push(`| ${mdEscape(m.label)} | ${r.scenarios.map((s, i) => mdEscape(cell(s, m, i === 0))).join(' | ')} |`);
  const note = hiddenNote(r);
  if (note) out.push('', `_${mdEscape(note)}_`);
  out.push('', '## Scenarios', '', '| name | host type | options changed | description |', '|---|---|---|---|');
  r.scenarios.forEach((s, i) => out.push(`| ${mdEscape(s.name)} | ${mdEscape(s.summary.hostType)} | ${i === 0 ? '(base)' : mdEscape(changed(r, s))} | ${mdEscape(s.description ?? '')} |`));
  if (r.sensitivity) {
    const sv = r.sensitivity;
    out.push('', '## Sensitivity', '', `Effect on ${mdEscape(sv.objective.label)}; base ${fmt(sv.baseValue, 0)}.`, '');
    out.push('```', ...textTornado(r).slice(1).map((l) => l.replace(/```/g, "'''")), '```', '');
    out.push('| assumption | low | savings at low | high | savings at high | swing |', '|---|---:|---:|---:|---:|---:|');
    for (const x of sv.rows) out.push(`| ${mdEscape(x.label)} | ${mdEscape(String(x.low.value))} | ${fmt(x.low.objective, 0)} | ${mdEscape(String(x.high.value))} | ${fmt(x.high.objective, 0)} | ${fmt(x.swing, 0)} |`);
  }
  return out.join('\n') + '\n';
}

const html = (s: string) => safeText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** An SVG tornado chart (self-contained; no script). */
export function svgTornado(r: WhatIfResult): string {
  const sv = r.sensitivity;
  if (!sv || !sv.rows.length) return '';
  const W = 720, labelW = 150, valueW = 90, rowH = 28, top = 30;
  const chartW = W - labelW - 2 * valueW;
  const cx = labelW + valueW + chartW / 2;
  const maxDev = Math.max(1e-9, ...sv.rows.flatMap((x) => [Math.abs(x.low.objective - sv.baseValue), Math.abs(x.high.objective - sv.baseValue)]));
  const sx = (v: number) => cx + ((v - sv.baseValue) / maxDev) * (chartW / 2);
  const H = top + sv.rows.length * rowH + 20;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="Tornado chart of ${html(sv.objective.label)}">`,
    `<text x="${cx}" y="16" text-anchor="middle" font-size="12">base ${html(fmt(sv.baseValue, 0))}</text>`,
  ];
  sv.rows.forEach((x, i) => {
    const y = top + i * rowH;
    const a = sx(x.low.objective), b = sx(x.high.objective);
    const lowLeft = a <= b;
    parts.push(`<text x="${labelW - 6}" y="${y + 17}" text-anchor="end" font-size="12">${html(x.label)}</text>`);
    parts.push(`<rect x="${Math.min(a, cx).toFixed(1)}" y="${y + 4}" width="${Math.abs(cx - a).toFixed(1)}" height="${rowH - 8}" fill="${lowLeft ? '#c0504d' : '#4f81bd'}"><title>${html(`${x.label} = ${x.low.value}: ${fmt(x.low.objective, 0)}`)}</title></rect>`);
    parts.push(`<rect x="${Math.min(b, cx).toFixed(1)}" y="${y + 4}" width="${Math.abs(cx - b).toFixed(1)}" height="${rowH - 8}" fill="${lowLeft ? '#4f81bd' : '#c0504d'}"><title>${html(`${x.label} = ${x.high.value}: ${fmt(x.high.objective, 0)}`)}</title></rect>`);
    const [lv, rv] = lowLeft ? [x.low, x.high] : [x.high, x.low];
    parts.push(`<text x="${labelW + valueW - 4}" y="${y + 17}" text-anchor="end" font-size="11">${html(`${lv.value}: ${fmt(lv.objective, 0)}`)}</text>`);
    parts.push(`<text x="${labelW + valueW + chartW + 4}" y="${y + 17}" font-size="11">${html(`${rv.value}: ${fmt(rv.objective, 0)}`)}</text>`);
  });
  parts.push(`<line x1="${cx}" y1="${top - 4}" x2="${cx}" y2="${H - 16}" stroke="#333" stroke-width="1"/>`);
  parts.push('</svg>');
  return parts.join('\n');
}

export function renderWhatIfHtml(r: WhatIfResult): string {
  const ms = shownMetrics(r);
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><title>What-if comparison</title>',
    '<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px}td.n{text-align:right;font-variant-numeric:tabular-nums}.d{color:#666;font-size:90%}.better{color:#2a7a2a}.worse{color:#b03030}</style>',
    '</head><body>',
    '<h1>What-if comparison</h1>',
    `<p>${r.scenarios.length} scenarios; differences to <strong>${html(r.base)}</strong> shown beside each value.</p>`,
    '<table><thead><tr><th></th>' + r.scenarios.map((s) => `<th>${html(s.name)}</th>`).join('') + '</tr></thead><tbody>',
  ];
  for (const m of ms) {
    const tds = r.scenarios.map((s, i) => {
      const v = html(fmt(s.metrics[m.key], m.decimals));
      const d = i === 0 ? '' : signed(s.deltas[m.key], m.decimals);
      if (!d || d === fmt(0, m.decimals)) return `<td class="n">${v}</td>`;
      const delta = s.deltas[m.key]!;
      const cls = m.better === 'none' ? '' : (m.better === 'lower') === delta < 0 ? 'better' : 'worse';
      return `<td class="n">${v} <span class="d ${cls}">(${html(d)})</span></td>`;
    });
    out.push(`<tr><th scope="row" title="${html(m.unit)}">${html(m.label)}</th>${tds.join('')}</tr>`);
  }
  out.push('</tbody></table>');
  const note = hiddenNote(r);
  if (note) out.push(`<p class="d">${html(note)}</p>`);
  out.push('<h2>Scenarios</h2><table><thead><tr><th>name</th><th>host type</th><th>options changed</th><th>description</th></tr></thead><tbody>');
  r.scenarios.forEach((s, i) => out.push(`<tr><td>${html(s.name)}</td><td>${html(s.summary.hostType)}</td><td>${html(i === 0 ? '(base)' : changed(r, s))}</td><td>${html(s.description ?? '')}</td></tr>`));
  out.push('</tbody></table>');
  if (r.sensitivity) {
    const sv = r.sensitivity;
    out.push('<h2>Sensitivity</h2>', `<p>Effect of each assumption on ${html(sv.objective.label)}; base ${html(fmt(sv.baseValue, 0))}.</p>`, svgTornado(r));
    out.push('<table><thead><tr><th>assumption</th><th>low</th><th>savings at low</th><th>high</th><th>savings at high</th><th>swing</th><th>source of the range</th></tr></thead><tbody>');
    for (const x of sv.rows) out.push(`<tr><td>${html(x.label)}</td><td class="n">${html(String(x.low.value))}</td><td class="n">${html(fmt(x.low.objective, 0))}</td><td class="n">${html(String(x.high.value))}</td><td class="n">${html(fmt(x.high.objective, 0))}</td><td class="n">${html(fmt(x.swing, 0))}</td><td>${html(x.source)}</td></tr>`);
    out.push('</tbody></table>');
    for (const s of sv.skipped) out.push(`<p class="d">skipped ${html(s.key)}: ${html(s.reason)}</p>`);
  }
  out.push('</body></html>');
  return out.join('\n') + '\n';
}

/**
 * CSV: one row per scenario, `scenario,description,host_type,<metric>,<metric>_delta,...` (all metrics,
 * empty where not reported). With --sensitivity a second table follows after an empty line:
 * `assumption,low,savings_at_low,high,savings_at_high,swing`.
 */
export function renderWhatIfCsv(r: WhatIfResult): string {
  let s = csvLine(['scenario', 'description', 'host_type', ...r.metrics.flatMap((m) => [m.key, `${m.key}_delta`])]);
  for (const sc of r.scenarios) s += csvLine([sc.name, sc.description ?? '', sc.summary.hostType, ...r.metrics.flatMap((m) => [sc.metrics[m.key], sc.deltas[m.key]])]);
  if (r.sensitivity) {
    s += '\r\n' + csvLine(['assumption', 'low', 'savings_at_low', 'high', 'savings_at_high', 'swing']);
    for (const x of r.sensitivity.rows) s += csvLine([x.key, x.low.value, x.low.objective, x.high.value, x.high.objective, x.swing]);
  }
  return s;
}

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
