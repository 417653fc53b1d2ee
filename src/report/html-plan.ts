import type { PlanResult } from '../model/plan-result.js';
import { fmt, pct, fmtCompact } from './format.js';
import { html } from './escape.js';
import { SUMMARY_QUANTITIES, summaryTable, displayDimensions, dimensionLabel, humanize, hasBefore } from './labels.js';
import { tcoView, observedView, overloadView, issueGroups, leastConfident, riskTargetView, riskTargetText, riskCurveRows } from './sections.js';
import { COLORS } from './svg/common.js';
import { beforeAfterChart, breakdownChart } from './svg/bars.js';
import { hostFillChart } from './svg/fill.js';
import { histogramChart } from './svg/histogram.js';
import { timelineChart } from './svg/timeline.js';
import { lineChart } from './svg/lines.js';
import { carbonView, carbonSentence, carbonRows } from './carbon.js';
import { waveView, waveSentence, waveRows, WAVE_HEADER } from './waves.js';
import { cumulativeCarbon } from '../energy/carbon.js';
import { riskCurveChart } from './svg/risk-curve.js';
import { table, num, id, val, page, issuesTable, scalar, stars, type Cell, type HtmlOptions } from './html-parts.js';
import { trailRows, trailSummary } from './sizing-trail.js';

/**
 * The HTML plan report, section by section: header and verdict, KPI cards, status chips, before
 * and after, TCO, procurement, the hypervisor's cost, utilization today, CPU over time, hosts,
 * unplaced workloads, workloads, data quality, issues and assumptions. `renderPlanHtml` only
 * puts the sections in order; each section reads the result (and the views of report/sections.ts)
 * and does no arithmetic of its own.
 */

/** What the sections share: the result, its summary and options, and the derived views. */
interface View {
  r: PlanResult;
  sm: PlanResult['summary'];
  o: Record<string, unknown>;
  sf: PlanResult['summary']['savingsFraction'];
  tco: ReturnType<typeof tcoView>;
  obs: ReturnType<typeof observedView>;
  ov: ReturnType<typeof overloadView>;
  dq: PlanResult['dataQuality'];
  ratio: string;
  /** No physical source servers (only VM inventories or traces): there is no "before" side. */
  noBefore: boolean;
  maxRows: number;
}

/** Header and verdict: the answer in one sentence. */
function headerAndVerdict(v: View): string[] {
  const { sm, o, sf, tco, ratio, noBefore } = v;
  const parts: string[] = [];
  // Header and verdict: the answer in one sentence.
  const inputs = typeof o.servers === 'string' ? o.servers : '';
  parts.push(
    `<header><h1>Consolidation plan</h1><p class="sub">${inputs ? `${html(inputs)} · ` : ''}${fmt(sm.vms)} workloads onto ${html(sm.hostType)} · ${html(o.virtualization)} on ${html(o.hypervisor)} · CPU ≤ ${html(o.cpuTarget)}%, memory ≤ ${html(o.memoryTarget)}%</p></header>`,
  );
  const stay = sm.after.hosts - sm.hostsUsed;
  let verdict: string;
  if (noBefore) {
    verdict =
      `Place <b>${fmt(sm.placed)} of ${fmt(sm.vms)} workloads</b> on <b>${fmt(sm.hostsUsed)} ${html(sm.hostType)} host${sm.hostsUsed === 1 ? '' : 's'}</b>, a ${ratio} consolidation. ` +
      `They draw <b>${fmtCompact(sm.after.facilityPowerWatts, 'W')}</b> with facility overhead: <b>${fmtCompact(sm.after.annualEnergyKWh, 'kWh')}</b>, <b>${fmtCompact(sm.after.annualCostUsd, 'USD')}</b> and <b>${fmtCompact(sm.after.annualCo2Kg, 'kg')} CO2</b> a year. ` +
      'The input has no physical source servers, so there is no "before" to compare with.';
  } else {
    verdict =
      `Move <b>${fmt(sm.placed)} of ${fmt(sm.vms)} workloads</b> onto <b>${fmt(sm.hostsUsed)} new ${html(sm.hostType)} host${sm.hostsUsed === 1 ? '' : 's'}</b>` +
      `${stay > 0 ? ` (${fmt(stay)} server${stay === 1 ? '' : 's'} stay${stay === 1 ? 's' : ''} as ${stay === 1 ? 'it is' : 'they are'})` : ''}: ` +
      `<b>${fmt(sm.before.hosts)} → ${fmt(sm.after.hosts)}</b> machines, a ${ratio} consolidation. `;
    verdict +=
      sm.savings.annualCostUsd >= 0
        ? `${sf && sf.facilityPowerWatts !== null ? `Power falls by <b>${pct(sf.facilityPowerWatts, 0)}</b>, saving` : 'It saves'} <b>${fmtCompact(sm.savings.annualCostUsd, 'USD')}</b>, <b>${fmtCompact(sm.savings.annualEnergyKWh, 'kWh')}</b> and <b>${fmtCompact(sm.savings.annualCo2Kg, 'kg')} CO2</b> a year.`
        : `Power rises: electricity changes by <b>${fmtCompact(-sm.savings.annualCostUsd, 'USD')}</b> a year.`;
    if (tco && tco.paybackMonths !== undefined) verdict += tco.paybackMonths === null ? ' The new hosts do not pay for themselves within the horizon.' : ` The new hosts pay for themselves in <b>${fmt(tco.paybackMonths, 1)} months</b>.`;
  }
  parts.push(`<p class="verdict">${verdict}</p>`);

  return parts;
}

/** KPI cards: before → after of each headline figure, TCO and payback. */
function kpiCards(v: View): string[] {
  const { sm, o, sf, tco, obs, ratio, noBefore } = v;
  const parts: string[] = [];
  // KPI cards.
  const saved = (k: keyof NonNullable<typeof sf>) => (sf && sf[k] !== null ? `<span class="save">−${pct(sf[k], 0)}</span>` : '');
  const kpi = (k: string, big: string, d: string, cls = '') => `<div class="kpi${cls ? ` ${cls}` : ''}"><div class="k">${k}</div><div class="big">${big}</div><div class="d">${d}</div></div>`;
  const ba = (q: (typeof SUMMARY_QUANTITIES)[number]) =>
    `${val(`summary.before.${q.key}`, sm.before[q.key], fmtCompact(sm.before[q.key], q.unit === 'hosts' ? '' : q.unit))}<span class="arrow">→</span>${val(`summary.after.${q.key}`, sm.after[q.key], fmtCompact(sm.after[q.key], q.unit === 'hosts' ? '' : q.unit))}`;
  const Q = Object.fromEntries(SUMMARY_QUANTITIES.map((q) => [q.key, q]));
  const after = (q: (typeof SUMMARY_QUANTITIES)[number]) => val(`summary.after.${q.key}`, sm.after[q.key], fmtCompact(sm.after[q.key], q.unit === 'hosts' ? '' : q.unit));
  const cards: string[] = noBefore
    ? [
        kpi('Hosts', after(Q.hosts), `lower bound ${sm.hostsLowerBound === null ? '-' : fmt(sm.hostsLowerBound)}${sm.optimal ? ' (optimal)' : ''}`),
        kpi('Consolidation ratio', val('summary.consolidationRatio', sm.consolidationRatio, ratio), `${fmt(sm.placed)} of ${fmt(sm.vms)} workloads placed${sm.unplaced ? `; ${fmt(sm.unplaced)} unplaced` : ''}`),
        kpi('Facility power', after(Q.facilityPowerWatts), `IT power ${fmtCompact(sm.after.powerWatts, 'W')}, × PUE ${html(o.pue)}`),
        kpi('Energy per year', after(Q.annualEnergyKWh), 'facility energy of the new hosts'),
        kpi('Electricity per year', after(Q.annualCostUsd), `at ${html(o.usdPerKwh)} USD/kWh`),
        kpi('CO2 per year', after(Q.annualCo2Kg), `at ${html(o.gridGco2PerKwh)} g/kWh`),
      ]
    : [
    kpi('Hosts', ba(Q.hosts), `${saved('hosts')} ${fmt(sm.savings.hosts)} fewer machines; lower bound ${sm.hostsLowerBound === null ? '-' : fmt(sm.hostsLowerBound)}${sm.optimal ? ' (optimal)' : ''}`),
    kpi('Consolidation ratio', val('summary.consolidationRatio', sm.consolidationRatio, ratio), `${fmt(sm.placed)} of ${fmt(sm.vms)} workloads placed${sm.unplaced ? `; ${fmt(sm.unplaced)} unplaced` : ''}`),
    kpi('Facility power', ba(Q.facilityPowerWatts), `${saved('facilityPowerWatts')} IT power ${fmtCompact(sm.before.powerWatts, 'W')} → ${fmtCompact(sm.after.powerWatts, 'W')}, × PUE ${html(o.pue)}`),
    kpi('Energy per year', ba(Q.annualEnergyKWh), `${saved('annualEnergyKWh')} ${val('summary.savings.annualEnergyKWh', sm.savings.annualEnergyKWh, `${fmt(sm.savings.annualEnergyKWh)} kWh`)} saved`),
    kpi('Electricity per year', ba(Q.annualCostUsd), `${saved('annualCostUsd')} ${val('summary.savings.annualCostUsd', sm.savings.annualCostUsd, `${fmt(sm.savings.annualCostUsd)} USD`)} saved at ${html(o.usdPerKwh)} USD/kWh`),
    kpi('CO2 per year', ba(Q.annualCo2Kg), `${saved('annualCo2Kg')} ${val('summary.savings.annualCo2Kg', sm.savings.annualCo2Kg, `${fmt(sm.savings.annualCo2Kg)} kg`)} avoided at ${html(o.gridGco2PerKwh)} g/kWh`),
      ];
  if (tco) {
    const horizon = tco.horizonYears !== undefined ? `${fmt(tco.horizonYears)}-year ` : '';
    if (noBefore && tco.afterUsd !== undefined) cards.push(kpi(`${horizon}TCO`, val('summary.tco.afterUsd', tco.afterUsd, fmtCompact(tco.afterUsd, 'USD')), 'hardware, upkeep, power, facility and licences of the new hosts', 'alt'));
    else if (tco.beforeUsd !== undefined && tco.afterUsd !== undefined)
      cards.push(
        kpi(
          `${horizon}TCO`,
          `${val('summary.tco.beforeUsd', tco.beforeUsd, fmtCompact(tco.beforeUsd, 'USD'))}<span class="arrow">→</span>${val('summary.tco.afterUsd', tco.afterUsd, fmtCompact(tco.afterUsd, 'USD'))}`,
          tco.savingsUsd !== undefined ? `${val('summary.tco.savingsUsd', tco.savingsUsd, `${fmt(tco.savingsUsd)} USD`)} saved: hardware, upkeep, power, facility, licences` : 'hardware, upkeep, power, facility and licences',
          'alt',
        ),
      );
    else if (tco.totalUsd !== undefined) cards.push(kpi(`${horizon}TCO`, val('summary.tco.totalUsd', tco.totalUsd, fmtCompact(tco.totalUsd, 'USD')), 'capex, energy, licences and upkeep', 'alt'));
    if (tco.paybackMonths !== undefined && !noBefore)
      cards.push(kpi('Payback', tco.paybackMonths === null ? val('summary.tco.paybackMonths', null, 'none') : val('summary.tco.paybackMonths', tco.paybackMonths, `${fmt(tco.paybackMonths, 1)} months`), tco.paybackMonths === null ? 'not within the horizon' : 'until savings repay the new hosts', 'alt'));
  }
  if (obs?.afterKWh !== undefined) cards.push(kpi('Measured energy', val('summary.after.observedEnergyKWh', obs.afterKWh, fmtCompact(obs.afterKWh, 'kWh')), `IT energy after, over the ${val('summary.observedWindowHours', obs.windowHours, `${fmt(obs.windowHours ?? null, 1)} h`)} observed`, 'alt'));
  parts.push(`<section class="kpis${cards.length % 4 === 0 || cards.length === 7 ? ' k4' : ''}" aria-label="Summary">${cards.join('')}</section>`);

  return parts;
}

/** Status chips: optimality, unplaced, rejected rows, overload, N+ha, data confidence. */
function statusChips(v: View): string[] {
  const { sm, ov, dq } = v;
  const parts: string[] = [];
  // Status chips.
  const chips: string[] = [];
  chips.push(sm.optimal ? `<li class="chip ok">Proven optimal: lower bound ${sm.hostsLowerBound === null ? '-' : fmt(sm.hostsLowerBound)} hosts (${html(sm.boundSource)})</li>` : `<li class="chip warn">Within ${pct(sm.gap, 1)} of the lower bound${sm.hostsLowerBound !== null ? ` (${fmt(sm.hostsLowerBound)} hosts)` : ''}</li>`);
  chips.push(sm.unplaced ? `<li class="chip warn">${fmt(sm.unplaced)} workload${sm.unplaced === 1 ? '' : 's'} too large to place</li>` : '<li class="chip ok">Every workload placed</li>');
  chips.push(sm.rows.rejected ? `<li class="chip bad">${fmt(sm.rows.rejected)} of ${fmt(sm.rows.read)} input rows rejected</li>` : `<li class="chip ok">All ${fmt(sm.rows.read)} input rows accepted</li>`);
  if (ov?.fraction !== undefined) chips.push(`<li class="chip ${ov.fraction > 0 ? 'warn' : 'ok'}">Overload risk ${val('summary.overloadRisk', ov.fraction, pct(ov.fraction, 2))} of samples</li>`);
  const rt = riskTargetView(v.r);
  if (rt) chips.push(`<li class="chip ${rt.met ? 'ok' : 'bad'}">Overload ${val('summary.overload.achievedFraction', rt.achievedFraction, pct(rt.achievedFraction, 2))} of host time against a target of ${val('summary.overload.targetFraction', rt.targetFraction, pct(rt.targetFraction, 2))} (${rt.met ? 'met' : 'not met'}; CPU target ${html(String(rt.cpuTargetPercent))}%)</li>`);
  if (sm.ha && sm.ha.ha > 0) chips.push(`<li class="chip ${sm.ha.ok ? 'ok' : 'bad'}">N+${fmt(sm.ha.ha)}: ${fmt(sm.ha.casesAbsorbed)} of ${fmt(sm.ha.casesChecked)} host-failure cases absorbed (${fmt(sm.ha.sparesAdded)} spare${sm.ha.sparesAdded === 1 ? '' : 's'})</li>`);
  if (dq) chips.push(`<li class="chip ${dq.stars >= 4 ? 'ok' : dq.stars >= 3 ? '' : 'warn'}">Data confidence <span class="stars">${stars(dq.stars)}</span> ${dq.stars}/5</li>`);
  parts.push(`<ul class="chips">${chips.join('')}</ul>`);

  return parts;
}

/** Before and after: the bar chart and the summary table. */
function beforeAndAfter(v: View): string[] {
  const { sm, sf, noBefore } = v;
  const parts: string[] = [];
  // Charts.
  parts.push(noBefore ? '<h2>Power, energy, cost and CO2</h2>' : '<h2>Before and after</h2>');
  if (!noBefore) parts.push(
    `<figure>${beforeAfterChart([
      { title: 'Machines', before: sm.before.hosts, after: sm.after.hosts, beforeLabel: fmt(sm.before.hosts), afterLabel: fmt(sm.after.hosts), note: sf?.hosts != null ? `−${pct(sf.hosts, 0)}` : '' },
      { title: 'Facility power', before: sm.before.facilityPowerWatts, after: sm.after.facilityPowerWatts, beforeLabel: fmtCompact(sm.before.facilityPowerWatts, 'W'), afterLabel: fmtCompact(sm.after.facilityPowerWatts, 'W'), note: sf?.facilityPowerWatts != null ? `−${pct(sf.facilityPowerWatts, 0)}` : '' },
      { title: 'Electricity per year', before: sm.before.annualCostUsd, after: sm.after.annualCostUsd, beforeLabel: fmtCompact(sm.before.annualCostUsd, 'USD'), afterLabel: fmtCompact(sm.after.annualCostUsd, 'USD'), note: sf?.annualCostUsd != null ? `−${pct(sf.annualCostUsd, 0)}` : '' },
    ])}<figcaption>After counts the new hosts plus any server left as it is. Power and cost at average utilization, facility power = IT power × PUE.</figcaption></figure>`,
  );
  const summary = summaryTable(sm);
  parts.push(
    table(
      summary.header.map((h, i) => (i === 0 ? h : num(h))),
      summary.rows.map(([label, ...values]) => [html(label), ...values.map(num)]),
      'summary',
    ),
  );

  return parts;
}

/** Total cost of ownership: figures and the breakdown by component. */
function tcoSection(v: View): string[] {
  const { tco } = v;
  const parts: string[] = [];
  if (tco) {
    parts.push('<h2>Total cost of ownership</h2>');
    const rows: Cell[][] = [];
    if (tco.horizonYears !== undefined) rows.push(['Horizon (years)', num(fmt(tco.horizonYears))]);
    if (tco.beforeUsd !== undefined) rows.push(['TCO before (USD)', num(fmt(tco.beforeUsd))]);
    if (tco.afterUsd !== undefined) rows.push(['TCO after (USD)', num(fmt(tco.afterUsd))]);
    if (tco.totalUsd !== undefined) rows.push(['TCO (USD)', num(fmt(tco.totalUsd))]);
    if (tco.paybackMonths !== undefined) rows.push(['Payback (months)', num(tco.paybackMonths === null ? 'not within the horizon' : fmt(tco.paybackMonths, 1))]);
    for (const [k, v] of tco.extra) rows.push([html(humanize(k)), typeof v === 'number' ? num(scalar(v)) : scalar(v)]);
    if (tco.breakdown.length) {
      parts.push(
        `<figure>${breakdownChart(
          tco.breakdown.filter((b) => (b.beforeUsd ?? 0) !== 0 || (b.afterUsd ?? 0) !== 0 || (b.valueUsd ?? 0) !== 0).map((b) => ({
            label: b.label,
            before: b.beforeUsd,
            after: b.afterUsd,
            value: b.valueUsd,
            beforeLabel: b.beforeUsd !== undefined ? fmtCompact(b.beforeUsd, 'USD') : undefined,
            afterLabel: b.afterUsd !== undefined ? fmtCompact(b.afterUsd, 'USD') : undefined,
            valueLabel: b.valueUsd !== undefined ? fmtCompact(b.valueUsd, 'USD') : undefined,
          })),
          'Cost breakdown',
        )}<figcaption>Cost breakdown over the horizon, USD${tco.breakdown.some((b) => b.beforeUsd !== undefined) ? ' (grey: before, green: after)' : ''}.</figcaption></figure>`,
      );
    }
    let breakdownTable = '';
    if (tco.breakdown.length) {
      const hasBA = tco.breakdown.some((b) => b.beforeUsd !== undefined || b.afterUsd !== undefined);
      breakdownTable = table(
        hasBA ? ['Cost item', num('Before (USD)'), num('After (USD)')] : ['Cost item', num('USD')],
        tco.breakdown.map((b) => (hasBA ? [html(b.label), num(fmt(b.beforeUsd ?? null)), num(fmt(b.afterUsd ?? null))] : [html(b.label), num(fmt(b.valueUsd ?? null))])),
      );
    }
    parts.push(`<div class="two"><div>${table(['', num('Value')], rows)}</div><div>${breakdownTable}</div></div>`);
  }

  return parts;
}

/** Carbon: embodied CO2e of the new hosts against the operational CO2e saved, and the cumulative chart. */
function carbonSection(v: View): string[] {
  const cv = carbonView(v.r);
  if (!cv) return [];
  const { c, horizonYears } = cv;
  const { sm } = v;
  const parts = ['<h2>Carbon: embodied against operational</h2>', `<p>${html(carbonSentence(cv))}</p>`];
  if (!cv.noBefore) {
    const cum = cumulativeCarbon(sm.before.annualCo2Kg, sm.after.annualCo2Kg, c.embodiedNewKgCo2e, horizonYears);
    const paid = c.carbonPaybackMonths !== null && c.carbonPaybackMonths > 0 && c.carbonPaybackMonths <= horizonYears * 12;
    parts.push(
      `<figure>${lineChart(
        [
          { name: 'before: keep the source servers', color: COLORS.before, dashed: true, points: cum.years.map((x, i) => ({ x, y: cum.beforeKg[i] })) },
          { name: 'after: new hosts, embodied + operational', color: COLORS.after, strong: true, points: cum.years.map((x, i) => ({ x, y: cum.afterKg[i] })), crossing: paid ? { series: 0 } : undefined },
        ],
        { title: 'Cumulative CO2e over the horizon, before and after', xTitle: 'years from the move', yTitle: 'kg CO2e', xTicks: cum.years.map((x) => ({ value: x, label: fmt(x, Number.isInteger(x) ? 0 : 1) })) },
      )}<figcaption>Cumulative CO2e: the plan starts with the embodied CO2e of its new hosts (${html(fmt(c.embodiedNewKgCo2e, 0))} kg) and then emits ${sm.savings.annualCo2Kg > 0 ? 'less' : 'no less'} each year${paid ? `; the lines cross (circle) at the carbon payback, ${html(fmt(c.carbonPaybackMonths, 1))} months` : ''}. Operational CO2e at the grid intensity ${html(v.o.gridGco2PerKwh)} g/kWh and PUE ${html(v.o.pue)}.</figcaption></figure>`,
    );
  }
  parts.push(table(['', num('Value'), 'Unit'], carbonRows(cv).map(([label, value, unit, key]) => [html(label), num(val(`summary.carbon.${key}`, c[key], value)), html(unit)]), 'summary'));
  return parts;
}

/** Migration waves: IT power after each wave, the plan's order against the naive one, and the table. */
function wavesSection(v: View): string[] {
  const wv = waveView(v.r);
  if (!wv) return [];
  const { sm } = v;
  const parts = [`<h2>Migration waves (${fmt(wv.waves.length)})</h2>`, `<p>${html(waveSentence(wv))}</p>`, `<p class="note">Order: ${html(wv.cmp.order)}.</p>`];
  const start = { x: 0, y: sm.before.powerWatts };
  const last = wv.waves.length;
  parts.push(
    `<figure>${lineChart(
      [
        { name: 'before the move', color: COLORS.axis, dashed: true, points: [start, { x: last, y: sm.before.powerWatts }] },
        { name: 'naive order (by id)', color: COLORS.before, dashed: true, points: [start, ...wv.cmp.naive.itPowerWatts.map((y, i) => ({ x: i + 1, y }))] },
        { name: 'plan order', color: COLORS.after, strong: true, points: [start, ...wv.waves.map((w) => ({ x: w.wave, y: w.itPowerWatts }))] },
      ],
      {
        title: 'IT power after each migration wave',
        xTitle: 'wave (0 = before the move)',
        yTitle: 'IT power, W',
        xTicks: Array.from({ length: last + 1 }, (_, i) => ({ value: i, label: String(i) })),
      },
    )}<figcaption>IT power of the estate after each wave: servers still on plus the new hosts in service at the load moved so far; both orders end at the plan's "after" (${html(fmt(sm.after.powerWatts, 0))} W). The plan's order fills one host at a time and switches servers off as they empty; the naive order moves workloads by id.</figcaption></figure>`,
  );
  const rows = waveRows(wv).slice(0, v.maxRows);
  parts.push(
    table(
      [...WAVE_HEADER.map((h) => num(html(h))), 'Workloads moved', 'Servers retired'],
      rows.map((row, i) => [...row.map(num), { v: wv.waves[i].workloads.slice(0, 60).map(html).join(', ') + (wv.waves[i].workloads.length > 60 ? ', …' : ''), cls: 'vms' }, { v: wv.waves[i].serversRetired.slice(0, 60).map(html).join(', ') + (wv.waves[i].serversRetired.length > 60 ? ', …' : ''), cls: 'vms' }]),
    ),
  );
  if (wv.waves.length > rows.length) parts.push(`<p class="note">… ${fmt(wv.waves.length - rows.length)} more waves (see the JSON or CSV output).</p>`);
  return parts;
}

/** Procurement (--optimize, --reuse-existing): the chosen mix against each single type and buying new. */
function procurementSection(v: View): string[] {
  const { sm } = v;
  const parts: string[] = [];
  const pr = sm.procurement;
  if (pr) {
    parts.push(`<h2>Procurement (optimized for ${html(pr.objective)})</h2>`);
    const mix = Object.entries(pr.mix).map(([t, n]) => `${fmt(n)} × ${html(t)}`).join(' + ') || 'no hosts';
    let p = `Chosen mix: <b>${mix}</b>; objective <b>${fmt(pr.objectiveValue)}</b> ${html(pr.unit)}${pr.packingOptimal ? ' (packing proven optimal)' : `; packing bound ${fmt(pr.packingCostLowerBound)}`}.`;
    if (pr.bestSingle)
      p += pr.savingsVsBestSingle !== null ? ` Best single type: ${html(pr.bestSingle.type)} at ${fmt(pr.bestSingle.objectiveValue)}; the mix saves <b>${fmt(pr.savingsVsBestSingle)}</b>.` : ` Best single type: ${html(pr.bestSingle.type)} at ${fmt(pr.bestSingle.objectiveValue)} places more workloads than the mix.`;
    parts.push(`<p>${p}</p>`);
    if (pr.singles.length)
      parts.push(
        table(
          ['Single host type', num('Hosts'), num('Unplaced'), num(`Objective (${html(pr.unit)})`), num('Per host')],
          pr.singles.map((x) => [id(x.type), num(fmt(x.hostsUsed)), num(fmt(x.unplaced)), num(fmt(x.objectiveValue)), num(fmt(pr.perHostObjective[x.type] ?? null))]),
        ),
      );
    if (pr.reuse) {
      const r = pr.reuse;
      parts.push(
        `<p>Reuse: <b>${fmt(r.keptServers.length)} of ${fmt(r.candidates)}</b> current servers kept as hosts, ${fmt(r.newHosts)} new hosts. Buying new only: ${fmt(r.buyNew.hostsUsed)} hosts, ${fmt(r.buyNew.unplaced)} unplaced, objective ${fmt(r.buyNew.objectiveValue)}; reuse saves <b>${fmt(r.savingsVsBuyNew)}</b> ${html(pr.unit)}.</p>`,
      );
      if (r.keptServers.length) parts.push(`<p class="note">Kept: ${r.keptServers.slice(0, 100).map(html).join(', ')}${r.keptServers.length > 100 ? ', …' : ''}</p>`);
    }
  }

  return parts;
}

/** What the hypervisor costs, against the same plan without virtualization. */
function overheadSection(v: View): string[] {
  const { sm } = v;
  const parts: string[] = [];
  const oh = sm.overhead;
  if (oh) {
    parts.push('<h2>What the hypervisor costs</h2>');
    parts.push(`<p class="note">${html(oh.explanation)} Compared with the same plan without virtualization (${fmt(oh.baseline.hostsUsed)} hosts).</p>`);
    parts.push(
      table(
        ['', num('Value')],
        [
          ['CPU added by the hypervisor (GHz-cores)', num(`${fmt(oh.cpuAddedGhz, 1)} (+${pct(oh.cpuAddedFraction)})`)],
          ['Per-VM memory overhead (GiB)', num(fmt(oh.vmMemoryOverheadGiB, 1))],
          ['Host reserve, memory (GiB)', num(fmt(oh.hostReserveMemoryGiB, 1))],
          ['Host reserve, CPU (GHz-cores)', num(fmt(oh.hostReserveCpuGhz, 1))],
          ['Hosts attributable to virtualization', num(fmt(oh.attributable.hosts))],
          ['Power attributable (W)', num(fmt(oh.attributable.powerWatts))],
          ['Energy attributable per year (kWh)', num(fmt(oh.attributable.annualEnergyKWh))],
          ['Cost attributable per year (USD)', num(fmt(oh.attributable.annualCostUsd))],
          ['TCO attributable (USD)', num(fmt(oh.attributable.tcoUsd))],
        ],
        'summary',
      ),
    );
  }

  return parts;
}

/** How busy the source servers are today (histogram). */
function utilizationSection(v: View): string[] {
  const { sm } = v;
  const parts: string[] = [];
  const u = sm.sourceUtilization;
  if (u && u.workloads > 0) {
    parts.push('<h2>How busy the servers are today</h2>');
    parts.push(
      `<figure>${histogramChart(
        u.bins.map((b) => ({ label: `${b.fromPercent}–${b.toPercent}%`, counts: [b.avgCount, b.sizedCount] })),
        [
          { name: 'average CPU utilization', color: COLORS.after },
          { name: 'sized CPU utilization (p95/peak)', color: COLORS.before },
        ],
        { title: 'Distribution of source server CPU utilization', xTitle: 'CPU utilization of the source server', yTitle: 'workloads' },
      )}<figcaption>${val('summary.sourceUtilization.below20PercentAvg', u.below20PercentAvg, fmt(u.below20PercentAvg))} of ${fmt(u.workloads)} workloads average below 20% CPU; mean ${val('summary.sourceUtilization.meanAvgFraction', u.meanAvgFraction, pct(u.meanAvgFraction))}, median ${pct(u.medianAvgFraction)}. Planning uses the sized value (mean ${pct(u.meanSizedFraction)}).</figcaption></figure>`,
    );
  }

  return parts;
}

/** Aggregate CPU of the new hosts over time, against capacity. */
function timelineSection(v: View): string[] {
  const { sm } = v;
  const parts: string[] = [];
  const tl = sm.cpuTimeline;
  if (tl && tl.loadGhz.length) {
    parts.push('<h2>Aggregate host CPU over time</h2>');
    const refs = [{ value: tl.capacityGhz, label: 'raw capacity', color: COLORS.capacity }];
    if (tl.usableCapacityGhz !== undefined) refs.push({ value: tl.usableCapacityGhz, label: 'planned capacity', color: COLORS.usable });
    parts.push(`<figure>${timelineChart(tl.labels, tl.loadGhz, refs, { title: 'Aggregate CPU load of the new hosts over time', yTitle: 'GHz-cores' })}<figcaption>Sum of the CPU load of all new hosts per time bucket, against their capacity.</figcaption></figure>`);
  }
  const rt = riskTargetView(v.r);
  if (rt) parts.push(`<p>${html(riskTargetText(rt, pct))}.</p>`);
  const curve = riskCurveRows(v.r);
  if (curve.length) {
    parts.push('<h2>Risk and energy</h2>');
    parts.push(`<figure>${riskCurveChart(curve.map((c) => ({ label: pct(c.targetFraction, 1), hosts: c.hostsUsed, energyKWh: c.observedEnergyKWh })), 'Hosts and IT energy against the overload risk allowed')}<figcaption>The plan searched at each overload risk (share of active host time over CPU capacity, replayed on the traces).</figcaption></figure>`);
    parts.push(
      table(
        ['Risk allowed', num('Hosts'), num('IT energy kWh (window)'), num('Achieved'), 'Met', num('CPU target %')],
        curve.map((c) => [pct(c.targetFraction, 1), num(fmt(c.hostsUsed)), num(fmt(c.observedEnergyKWh, 1)), num(pct(c.achievedFraction, 2)), c.met ? 'yes' : 'no', num(fmt(c.cpuTargetPercent, 2))]),
      ),
    );
  }

  return parts;
}

/** The new hosts: fill chart and table. */
function hostsSection(v: View): string[] {
  const { r, maxRows } = v;
  const parts: string[] = [];
  // Hosts.
  const { shown: dims, hidden: hiddenDims } = displayDimensions(r.dimensions);
  parts.push(`<h2>New hosts (${fmt(r.hosts.length)})</h2>`);
  const chartHosts = r.hosts.slice(0, Math.min(maxRows, 60));
  if (chartHosts.length) {
    parts.push(
      `<figure>${hostFillChart(
        chartHosts.map((h) => ({
          host: h.id,
          sub: `${h.type} · ${h.vms.length} VM${h.vms.length === 1 ? '' : 's'}`,
          bars: [
            ...dims.map((d) => ({ label: dimensionLabel(d), fill: h.fill[d] ?? 0, display: pct(h.fill[d]), binding: d === h.bindingResource })),
            ...(hiddenDims ? [{ label: 'Binding resource', fill: h.fill[h.bindingResource] ?? 0, display: `${pct(h.fill[h.bindingResource])} ${dimensionLabel(h.bindingResource)}`, binding: !dims.includes(h.bindingResource) }] : []),
          ],
        })),
        'Host fill per resource',
      )}<figcaption>Fill of each host's planned capacity (after hypervisor reserve and the CPU/memory targets). Orange marks the binding resource, the one that limits the host.${r.hosts.length > chartHosts.length ? ` Showing the first ${chartHosts.length} of ${fmt(r.hosts.length)} hosts.` : ''}</figcaption></figure>`,
    );
  }
  const shownHosts = r.hosts.slice(0, maxRows);
  parts.push(
    table(
      ['Host', 'Type', ...(r.hosts.some((h) => h.site) ? ['Site'] : []), num('VMs'), ...dims.map((d) => num(`${html(dimensionLabel(d))} fill`)), 'Binding', num('Avg CPU'), num('Power (W)'), 'Workloads'],
      shownHosts.map((h) => [
        id(h.id),
        html(h.type),
        ...(r.hosts.some((x) => x.site) ? [html(h.site ?? '')] : []),
        num(fmt(h.vms.length)),
        ...dims.map((d) => num(pct(h.fill[d]))),
        { v: html(dimensionLabel(h.bindingResource)), cls: 'b' },
        num(pct(h.cpuUtilization)),
        num(fmt(h.powerWatts)),
        { v: h.vms.slice(0, 30).map(html).join(', ') + (h.vms.length > 30 ? `, … (${fmt(h.vms.length)} in all; see Workloads)` : ''), cls: 'vms' },
      ]),
      'hosts',
      () => 'binding',
    ),
  );
  if (r.hosts.length > shownHosts.length) parts.push(`<p class="note">… ${fmt(r.hosts.length - shownHosts.length)} more hosts (see the JSON or CSV output).</p>`);

  return parts;
}

/** Workloads no host can take. */
function unplacedSection(v: View): string[] {
  const { r, maxRows } = v;
  const parts: string[] = [];
  if (r.unplaced.length) {
    parts.push(`<h2>Unplaced workloads (${fmt(r.unplaced.length)})</h2><p class="note">They fit on no host type and stay on their current servers (counted in "after").</p>`);
    parts.push(table(['Workload', 'Reason'], r.unplaced.slice(0, maxRows).map((x) => [id(x.id), { v: html(x.reason), cls: 'w' }])));
  }

  return parts;
}

/** The sizing cell of a workload: a one-line summary that expands (no script) into its trail. */
function sizingCell(v: PlanResult['vms'][number]): string {
  if (!v.sizing) return html(v.sizingBasis);
  const rows = trailRows(v.sizing);
  return (
    `<details><summary>${html(trailSummary(v.sizing))}</summary>` +
    table(['Resource', 'Step', 'Value', 'Key or input field'], rows.map((x) => [html(x.resource), html(x.step), html(x.value), { v: html(x.key), cls: 'id key' }]), 'trail') +
    '</details>'
  );
}

/** Every workload with its host, demand and sizing. */
function workloadsSection(v: View): string[] {
  const { r, maxRows } = v;
  const parts: string[] = [];
  // Workloads.
  parts.push(`<h2>Workloads (${fmt(r.vms.length)})</h2>`);
  const shownVms = r.vms.slice(0, maxRows);
  parts.push(
    table(
      ['Workload', 'Host', num('CPU demand (GHz)'), num('Memory demand (GiB)'), num('Avg CPU'), num('Sized CPU'), 'Sizing (expand for the trail)', 'Assumed'],
      shownVms.map((v) => [id(v.id), v.host === null ? '<em>unplaced</em>' : id(v.host), num(fmt(v.cpuDemandGhz, 2)), num(fmt(v.memoryDemandGiB, 2)), num(pct(v.cpuAvgUtilizationFraction)), num(pct(v.cpuSizedUtilizationFraction)), { v: sizingCell(v), cls: 'trail' }, html(v.assumed.join(', '))]),
    ),
  );
  parts.push('<p class="note">Each workload\'s sizing trail lists the input value, every multiplier with its registry key (see <code>consolidate defaults</code>) and the result; the comfort factor applies to measured memory only, the CPU and memory targets to the hosts.</p>');
  if (r.vms.length > shownVms.length) parts.push(`<p class="note">… ${fmt(r.vms.length - shownVms.length)} more workloads (see the JSON or CSV output).</p>`);

  return parts;
}

/** Data quality: the run's confidence, the histogram, the least confident workloads. */
function dataQualitySection(v: View): string[] {
  const { dq, maxRows } = v;
  const parts: string[] = [];
  if (dq) {
    parts.push('<h2>Data quality</h2>');
    const hist = table(
      ['Rating', num('Workloads')],
      dq.starsHistogram.map((c, i) => [`<span class="stars">${stars(i + 1)}</span> ${i + 1}`, num(fmt(c))]).reverse(),
    );
    parts.push(
      `<div class="two"><div><p class="kpi" style="margin:0"><span class="k">Confidence of this run</span><br><span class="big"><span class="stars">${stars(dq.stars)}</span> ${dq.stars}/5</span></p><p class="note">${html(dq.rule)}</p></div><div>${hist}</div></div>`,
    );
    if (dq.noSamples.length) parts.push(`<p class="note"><b>${fmt(dq.noSamples.length)} inventory workload${dq.noSamples.length === 1 ? '' : 's'} without samples:</b> ${dq.noSamples.slice(0, 50).map(html).join(', ')}${dq.noSamples.length > 50 ? ', …' : ''}</p>`);
    if (dq.noInventory.length) parts.push(`<p class="note"><b>${fmt(dq.noInventory.length)} id${dq.noInventory.length === 1 ? '' : 's'} with samples but no inventory row (left out):</b> ${dq.noInventory.slice(0, 50).map(html).join(', ')}${dq.noInventory.length > 50 ? ', …' : ''}</p>`);
    const low = leastConfident(dq);
    if (low.length) {
      const shown = low.slice(0, Math.min(maxRows, 200));
      parts.push(`<h3>Least confident workloads (${fmt(low.length)} below 5 stars)</h3>`);
      parts.push(
        table(
          ['Workload', 'Rating', 'Basis', num('Samples'), num('Expected'), num('Coverage'), num('Gaps'), num('Duplicate timestamps'), num('Out of range')],
          shown.map((w) => [id(w.id), `<span class="stars">${stars(w.stars)}</span>`, html(w.basis), num(fmt(w.samples)), num(fmt(w.expectedSamples)), num(pct(w.coverage)), num(fmt(w.gaps)), num(fmt(w.duplicateTimestamps)), num(fmt(w.outOfRange))]),
        ),
      );
      if (low.length > shown.length) parts.push(`<p class="note">… ${fmt(low.length - shown.length)} more (see the JSON output).</p>`);
    }
  }
  return parts;
}

/** Rejected rows, warnings and notes, assumptions, engine warnings, footer. */
function issuesAndAssumptions(v: View): string[] {
  const { r, sm, maxRows } = v;
  const parts: string[] = [];
  const g = issueGroups(r);
  parts.push(`<h2>Rejected rows (${fmt(g.rejected.length)})</h2>`);
  parts.push(g.rejected.length ? issuesTable(g.rejected, maxRows) : `<p class="note">None: all ${fmt(sm.rows.read)} input rows were accepted.</p>`);
  if (g.other.length) parts.push(`<h2>Warnings and notes (${fmt(g.other.length)})</h2>`, issuesTable(g.other, maxRows));

  parts.push('<h2>Assumptions</h2>');
  parts.push(table(['Key', 'Value', 'Unit', 'Source'], r.assumptions.map((a) => [{ v: html(a.key), cls: 'id key' }, { v: html(a.value), cls: 'w' }, html(a.unit), { v: html(a.source), cls: 'w' }])));
  if (r.warnings.length) parts.push(`<ul>${r.warnings.map((w) => `<li>${html(w)}</li>`).join('')}</ul>`);
  parts.push(`<footer>consolidation-planner · plan result schema version ${r.schemaVersion} · algorithm ${html(sm.algorithm)} · the same figures are in the JSON output (--format json).</footer>`);
  return parts;
}

export function renderPlanHtml(r: PlanResult, opts: HtmlOptions = {}): string {
  const sm = r.summary;
  const v: View = {
    r,
    sm,
    o: r.options as Record<string, unknown>,
    sf: sm.savingsFraction,
    tco: tcoView(r),
    obs: observedView(r),
    ov: overloadView(r),
    dq: r.dataQuality,
    ratio: sm.consolidationRatio === null ? '-' : `${fmt(sm.consolidationRatio, 1)}:1`,
    noBefore: !hasBefore(sm),
    maxRows: opts.maxRows ?? 2000,
  };
  const title = opts.title ?? (v.noBefore ? `Consolidation plan: ${fmt(sm.vms)} workloads on ${fmt(sm.hostsUsed)} hosts` : `Consolidation plan: ${fmt(sm.before.hosts)} servers → ${fmt(sm.after.hosts)} hosts`);
  const sections = [headerAndVerdict, kpiCards, statusChips, beforeAndAfter, tcoSection, carbonSection, procurementSection, wavesSection, overheadSection, utilizationSection, timelineSection, hostsSection, unplacedSection, workloadsSection, dataQualitySection, issuesAndAssumptions];
  return page(title, sections.flatMap((s) => s(v)).join('\n'));
}
