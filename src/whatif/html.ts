import type { WhatIfResult, WhatIfScenario } from './run.js';
import { fmt, pct } from '../report/format.js';
import { html } from '../report/escape.js';
import { table, num, id, val, page, type Cell } from '../report/html-parts.js';
import { displayDimensions, dimensionLabel } from '../report/labels.js';
import { COLORS } from '../report/svg/common.js';
import { metricPanel, TONE_COLORS, type PanelRow } from '../report/svg/small-multiples.js';
import { lineChart, type LineSeries } from '../report/svg/lines.js';
import { tornadoChart } from '../report/svg/tornado.js';
import { verdictSegments, type Segment } from './sentence.js';
import type { Verdict, VerdictPick } from './verdict.js';
import { shownMetrics, signed, hiddenNote, changed, optionRows, citation, tone, PANEL_METRICS, panelTitle, cashFlows, rangeValue, paybackWords } from './present.js';

/**
 * The what-if report as one self-contained HTML file, in the plan report's look (its stylesheet,
 * cards, tables and chart kit, and its Content-Security-Policy: no script, inline styles, images
 * as data URIs only, nothing fetched). It leads with the verdict, then charts where a planner
 * would rather look than read (small multiples per metric, cumulative cost, the tornado), then
 * the full table and, per scenario, its options, warnings and hosts in collapsible sections
 * (`<details>`, no script). Every input-derived string goes through `html()`; no dates, no
 * randomness, so the same comparison gives the same bytes.
 */
export interface WhatIfHtmlOptions {
  /** Maximum host rows per scenario; the rest is counted. */
  maxRows?: number;
}


function segmentsHtml(segs: Segment[]): string {
  return segs.map((s) => (s.key ? `<b>${val(s.key, s.value, s.t)}</b>` : s.b ? `<b>${html(s.t)}</b>` : html(s.t))).join('');
}

function header(r: WhatIfResult): string {
  const desc = r.description;
  const n = r.scenarios.length - 1;
  return `<header><h1>What-if comparison</h1><p class="sub">${desc ? `${html(desc)} · ` : ''}the base and ${fmt(n)} variation${n === 1 ? '' : 's'}${r.sensitivity ? ' · with a sensitivity analysis' : ''}</p></header>`;
}

function verdictCards(r: WhatIfResult, v: Verdict): string {
  const card = (k: string, p: VerdictPick, unit: string, key: string) => {
    const who = p.baseWins && p.winners.length === 1 ? 'the base' : p.winners.join(' and ');
    const d = p.baseWins
      ? p.winners.length > 1
        ? 'tied with the base'
        : p.runnerUp
          ? `next: ${html(p.runnerUp.name)}, ${html(signed(p.runnerUp.difference, 0))} ${unit}`
          : 'no variation to compare'
      : `<span class="save">${html(signed(p.difference, 0))} ${unit}</span> (${html(signed(p.fraction === null ? null : p.fraction * 100, 1))}%) against the base`;
    return `<div class="kpi"><div class="k">${html(k)}</div><div class="big">${html(who)}</div><div class="d">${val(`verdict.${key}.value`, p.value, `${fmt(p.value)} ${unit}`)}; ${d}</div></div>`;
  };
  const cards: string[] = [];
  const h = v.horizonYears !== null ? `${fmt(v.horizonYears)}-year ` : '';
  if (v.cost) cards.push(card(v.cost.metric === 'tcoUsd' ? `Lowest ${h}TCO` : 'Lowest electricity cost', v.cost, v.cost.metric === 'tcoUsd' ? 'USD' : 'USD/y', 'cost'));
  if (v.co2) cards.push(card('Lowest CO2 per year', v.co2, 'kg', 'co2'));
  if (v.netCo2) cards.push(card('Lowest net CO2 with embodied', v.netCo2, 'kg CO2e', 'netCo2'));
  const placedAll = r.scenarios.every((s) => s.summary.unplaced === 0);
  const warnings = r.scenarios.reduce((n, s) => n + s.warnings.length, 0);
  const chips = [
    placedAll ? '<li class="chip ok">Every workload placed in every scenario</li>' : `<li class="chip warn">Unplaced workloads: ${r.scenarios.filter((s) => s.summary.unplaced > 0).map((s) => `${html(s.name)} ${fmt(s.summary.unplaced)}`).join(', ')}</li>`,
    warnings ? `<li class="chip warn">${fmt(warnings)} warning${warnings === 1 ? '' : 's'} (see Scenarios)</li>` : '<li class="chip ok">No warnings</li>',
    r.scenarios.every((s) => s.summary.optimal) ? '<li class="chip ok">Every plan proven optimal</li>' : `<li class="chip">Optimality not proven for ${r.scenarios.filter((s) => !s.summary.optimal).map((s) => html(s.name)).join(', ')}</li>`,
  ];
  return `${cards.length ? `<section class="kpis${cards.length === 2 ? ' k2' : ''}" aria-label="Verdict">${cards.join('')}</section>` : ''}<ul class="chips">${chips.join('')}</ul>`;
}

function smallMultiples(r: WhatIfResult, horizon: number | null): string {
  const byKey = new Map(r.metrics.map((m) => [m.key, m]));
  const panels: string[] = [];
  for (const key of PANEL_METRICS) {
    const m = byKey.get(key);
    if (!m || !r.scenarios.some((s) => s.metrics[key] !== null && s.metrics[key] !== undefined)) continue;
    const t = panelTitle(key, m, horizon);
    const rows: PanelRow[] = r.scenarios.map((s, i) => {
      const v = s.metrics[key] ?? null;
      return { name: s.name, value: v, display: v === null ? (key === 'paybackYears' ? 'never' : 'not reported') : fmt(v, m.decimals), tone: tone(m, s, i === 0) };
    });
    panels.push(metricPanel({ title: t.title, subtitle: t.subtitle, rows, ref: key === 'paybackYears' && horizon !== null ? { value: horizon, label: `horizon ${fmt(horizon)} years` } : undefined }));
  }
  if (!panels.length) return '';
  const legend = (['base', 'better', 'worse', 'same'] as const).map((k) => `<span class="swatch" style="background:${TONE_COLORS[k]}"></span>${{ base: 'the base', better: 'better than the base', worse: 'worse than the base', same: 'about the same' }[k]}`).join(' ');
  return `<h2>At a glance</h2><figure><div class="sm">${panels.join('')}</div><figcaption>One panel per metric, one bar per scenario; the dashed line marks the base's value. ${legend}</figcaption></figure>`;
}

/** An axis value in USD, short: $800k, $1.2M. */
const usdShort = (v: number) => (Math.abs(v) >= 1e6 ? `$${fmt(v / 1e6, Number.isInteger(v / 1e6) ? 0 : 1)}M` : Math.abs(v) >= 1e3 ? `$${fmt(v / 1e3, Number.isInteger(v / 1e3) ? 0 : 1)}k` : `$${fmt(v)}`);

function cumulativeCost(r: WhatIfResult): string {
  const flows = cashFlows(r);
  if (!flows.length) return '';
  const horizon = flows[0].horizonYears;
  // One panel per scenario on one shared scale: its cash against keeping the current servers.
  const yMax = Math.max(...flows.flatMap((f) => f.points.flatMap((p) => [p.beforeUsd, p.afterUsd])));
  const ticks = Array.from({ length: Math.floor(horizon) + 1 }, (_, k) => ({ value: k, label: k === 0 ? 'today' : `year ${k}` }));
  const panels = flows.map((f, i) => {
    const paid = !f.noBefore && f.paybackMonths !== null && f.paybackMonths <= horizon * 12;
    const series: LineSeries[] = [
      ...(f.noBefore ? [] : [{ name: 'before', color: COLORS.before, dashed: true, points: f.points.map((p) => ({ x: p.month / 12, y: p.beforeUsd })) }]),
      { name: f.name, color: i === 0 ? COLORS.text : COLORS.after, strong: true, points: f.points.map((p) => ({ x: p.month / 12, y: p.afterUsd })), crossing: paid ? { series: 0 } : undefined },
    ];
    const sub = paybackWords(f);
    return lineChart(series, { title: `Cumulative cost: ${f.name}`, heading: { title: f.name, subtitle: sub }, endLabels: false, xTitle: 'time from today', yTitle: 'USD spent', xTicks: ticks, yMax, plotWidth: 230, plotHeight: 150, yFormat: usdShort });
  });
  const months = flows[0].points.map((p) => p.month);
  const sameMonths = flows.every((f) => JSON.stringify(f.points.map((p) => p.month)) === JSON.stringify(months));
  const sameBefore = sameMonths && flows.every((f) => f.noBefore === flows[0].noBefore && JSON.stringify(f.points.map((p) => p.beforeUsd)) === JSON.stringify(flows[0].points.map((p) => p.beforeUsd)));
  // One "before" column when all scenarios share it, one per scenario otherwise, none without current servers.
  const oneBefore = sameBefore && !flows[0].noBefore;
  const ownBefore = (f: (typeof flows)[number]) => !sameBefore && !f.noBefore;
  const head: Cell[] = ['Month', ...(oneBefore ? [num('Before (USD)')] : []), ...flows.flatMap((f) => [...(ownBefore(f) ? [num(`${html(f.name)} before (USD)`)] : []), num(`${html(f.name)} (USD)`)])];
  const rows: Cell[][] = sameMonths ? months.map((mo, k) => [fmt(mo), ...(oneBefore ? [num(fmt(flows[0].points[k].beforeUsd))] : []), ...flows.flatMap((f) => [...(ownBefore(f) ? [num(fmt(f.points[k].beforeUsd))] : []), num(fmt(f.points[k].afterUsd))])]) : [];
  const legend = `<span class="swatch" style="background:${COLORS.before}"></span>before: keep the current servers <span class="swatch" style="background:${COLORS.text}"></span>the base <span class="swatch" style="background:${COLORS.after}"></span>a variation`;
  return (
    `<h2>Cumulative cost over ${fmt(horizon)} years</h2><figure><div class="sm">${panels.join('')}</div><figcaption>Cash spent from today, on one scale: the new hosts are bought up front, then running costs (power, facility, maintenance after the warranty, licences) accrue month by month. A scenario pays back where its line crosses the dashed "before" line (circle). TCO spreads the purchase over its amortization period, so it can differ from the cash at the horizon. ${legend}</figcaption></figure>` +
    (rows.length ? `<details><summary>The figures of these charts (USD, cumulative)</summary>${table(head, rows)}</details>` : '')
  );
}

function comparisonTable(r: WhatIfResult): string {
  const ms = shownMetrics(r);
  const head: Cell[] = ['', ...r.scenarios.map((s, i) => num(`${html(s.name)}${i === 0 ? ' (base)' : ''}`))];
  const rows: Cell[][] = ms.map((m) => [
    { v: html(m.label), cls: 'key' },
    ...r.scenarios.map((s, i): Cell => {
      const v = html(fmt(s.metrics[m.key], m.decimals));
      const d = i === 0 ? '' : signed(s.deltas[m.key], m.decimals);
      if (!d || d === fmt(0, m.decimals)) return num(v);
      const t = tone(m, s, false);
      return num(`${v} <span class="${t === 'better' ? 'save' : t === 'worse' ? 'worse' : 'note'}">(${html(d)})</span>`);
    }),
  ]);
  const note = hiddenNote(r);
  return `<h2>All figures</h2>${table(head, rows, 'whatif')}<p class="note">Differences to the base in parentheses; green is better, red worse. Units: ${ms.map((m) => `${html(m.label)}: ${html(m.unit)}`).join('; ')}.${note ? ` ${html(note)}` : ''}</p>`;
}

function sensitivity(r: WhatIfResult): string {
  const sv = r.sensitivity;
  if (!sv) return '';
  const parts = [`<h2>Sensitivity of ${html(sv.objective.label)}</h2>`, `<p>Each key assumption of the base, varied over a plausible range while the others stay put: how far ${html(sv.objective.label)} moves from the base's ${val('sensitivity.baseValue', sv.baseValue, fmt(sv.baseValue))}. The widest bar is the assumption worth checking first.</p>`];
  if (sv.rows.length)
    parts.push(
      `<figure>${tornadoChart(
        sv.rows.map((x) => ({ label: x.label, low: { value: x.low.objective, label: `${rangeValue(x.low.value, x.unit)}: ${fmt(x.low.objective)}` }, high: { value: x.high.objective, label: `${rangeValue(x.high.value, x.unit)}: ${fmt(x.high.objective)}` } })),
        { title: `Tornado chart of ${sv.objective.label}`, base: sv.baseValue, baseLabel: `base ${fmt(sv.baseValue)}`, lessLabel: 'less savings', moreLabel: 'more savings', width: 960 },
      )}<figcaption>Bars run from the outcome at one end of each range to the other; labels give the assumption's value and the outcome. Orange: less than the base, green: more.</figcaption></figure>`,
    );
  else parts.push('<p class="note">No assumption could be varied with these options.</p>');
  parts.push(
    table(
      ['Assumption', num('Less-savings end'), num('Outcome'), num('More-savings end'), num('Outcome'), num('Swing'), 'Where the range comes from'],
      sv.rows.map((x) => [html(x.label), num(html(rangeValue(x.low.value, x.unit))), num(fmt(x.low.objective)), num(html(rangeValue(x.high.value, x.unit))), num(fmt(x.high.objective)), num(fmt(x.swing)), { v: html(citation(x.source)), cls: 'w' }]),
    ),
  );
  for (const s of sv.skipped) parts.push(`<p class="note">Not varied: ${html(s.key)}: ${html(s.reason)}</p>`);
  return parts.join('\n');
}

function hostTable(s: WhatIfScenario, maxRows: number): string {
  if (!s.hosts.length) return '<p class="note">No new hosts.</p>';
  const { shown: dims } = displayDimensions(s.dimensions);
  const hasSite = s.hosts.some((x) => x.site);
  const rows = s.hosts.slice(0, maxRows);
  let out = table(
    ['Host', 'Type', ...(hasSite ? ['Site'] : []), num('VMs'), ...dims.map((d) => num(`${html(dimensionLabel(d))} fill`)), 'Binding', num('Avg CPU'), num('Power (W)')],
    rows.map((x) => [id(x.id), html(x.type), ...(hasSite ? [html(x.site ?? '')] : []), num(fmt(x.vms.length)), ...dims.map((d) => num(pct(x.fill[d]))), html(dimensionLabel(x.bindingResource)), num(pct(x.cpuUtilization)), num(fmt(x.powerWatts))]),
  );
  if (s.hosts.length > rows.length) out += `<p class="note">… ${fmt(s.hosts.length - rows.length)} more hosts (see the JSON output).</p>`;
  return out;
}

function scenarios(r: WhatIfResult, maxRows: number): string {
  const parts = ['<h2>Scenarios</h2>', '<p class="note">Open a scenario to see its options, warnings and hosts.</p>'];
  r.scenarios.forEach((s, i) => {
    const sm = s.summary;
    const what = i === 0 ? 'the base' : changed(r, s) || 'no option changed';
    const tco = s.metrics.tcoUsd;
    const line = `${fmt(sm.hostsUsed)} host${sm.hostsUsed === 1 ? '' : 's'}${tco !== null && tco !== undefined ? `, TCO ${fmt(tco)} USD` : ''}${s.warnings.length ? `, ${fmt(s.warnings.length)} warning${s.warnings.length === 1 ? '' : 's'}` : ''}`;
    const opts = optionRows(r, s);
    parts.push(
      `<details class="scenario"><summary><b>${html(s.name)}</b> · ${html(what)} · ${html(line)}</summary>` +
        (s.description ? `<p>${html(s.description)}</p>` : '') +
        `<h3>Options</h3>${table(['Option', 'Value', i === 0 ? '' : 'In the base'], opts.map((o) => [{ v: html(o.key), cls: 'id key' }, { v: o.changed ? `<b>${html(o.value)}</b>` : html(o.value), cls: 'w' }, o.changed ? { v: `<span class="note">changed from</span> ${html(o.baseValue)}`, cls: 'w' } : '']))}` +
        `<h3>Warnings</h3>${s.warnings.length ? `<ul>${s.warnings.map((w) => `<li>${html(w)}</li>`).join('')}</ul>` : '<p class="note">None.</p>'}` +
        `<h3>Hosts</h3><p class="note">${fmt(sm.placed)} of ${fmt(sm.vms)} workloads placed on ${fmt(sm.hostsUsed)} host${sm.hostsUsed === 1 ? '' : 's'} (${html(sm.hostType)})${sm.unplaced ? `; ${fmt(sm.unplaced)} unplaced` : ''}.</p>${hostTable(s, maxRows)}` +
        (s.unplaced.length ? `<h3>Unplaced workloads</h3>${table(['Workload', 'Reason'], s.unplaced.slice(0, maxRows).map((x) => [id(x.id), { v: html(x.reason), cls: 'w' }]))}` : '') +
        '</details>',
    );
  });
  return parts.join('\n');
}

export function renderWhatIfHtml(r: WhatIfResult, opts: WhatIfHtmlOptions = {}): string {
  const v = r.verdict;
  const horizon = v.horizonYears;
  const body = [
    header(r),
    `<p class="verdict">${segmentsHtml(verdictSegments(v))}</p>`,
    verdictCards(r, v),
    smallMultiples(r, horizon),
    cumulativeCost(r),
    comparisonTable(r),
    sensitivity(r),
    scenarios(r, opts.maxRows ?? 2000),
    `<footer>consolidation-planner · what-if result schema version ${r.schemaVersion} · the same figures are in the JSON output (--format json).</footer>`,
  ].filter(Boolean);
  return page('What-if comparison', body.join('\n'));
}
