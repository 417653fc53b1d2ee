import type { PlanResult, PackResult } from '../model/plan-result.js';
import type { Issue } from '../model/issue.js';
import { fmt, pct } from './format.js';
import { md } from './escape.js';
import { summaryTable, displayDimensions, dimensionLabel, humanize, hasBefore, NO_BEFORE_TEXT } from './labels.js';
import { tcoView, observedView, overloadView, issueGroups, leastConfident, riskTargetView, riskTargetText, riskCurveRows } from './sections.js';
import { carbonView, carbonSentence, carbonRows } from './carbon.js';
import { waveView, waveSentence, waveRows, WAVE_HEADER } from './waves.js';

/**
 * GitHub-flavoured Markdown for tickets and wikis: the summary table, the host table, the
 * assumptions. Every input-derived string goes through `md()` (pipes, backticks, `<`, newlines).
 */

export interface MarkdownOptions {
  /** Maximum rows in long tables; the rest is summarized. */
  maxRows?: number;
}

function table(headers: string[], rows: string[][], align: ('l' | 'r')[] = []): string[] {
  const sep = headers.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [`| ${headers.join(' | ')} |`, `| ${sep.join(' | ')} |`, ...rows.map((r) => `| ${r.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`)];
}

const scalar = (v: unknown) => (typeof v === 'number' ? fmt(v, Number.isInteger(v) ? 0 : 2) : v === null || v === undefined ? '-' : md(v));

function issuesBlock(title: string, issues: Issue[], maxRows: number): string[] {
  if (!issues.length) return [];
  const shown = issues.slice(0, maxRows);
  const out = ['', `## ${title} (${issues.length})`, ''];
  out.push(...table(['severity', 'file', 'line', 'column', 'message'], shown.map((i) => [i.severity, md(i.file ?? ''), i.line === undefined ? '' : String(i.line), md(i.column ?? ''), md(i.message)]), ['l', 'l', 'r']));
  if (issues.length > shown.length) out.push('', `… ${issues.length - shown.length} more (see the JSON output).`);
  return out;
}

function boundText(sm: PackResult['summary']): string {
  const lb = sm.hostsLowerBound !== null ? `${sm.hostsLowerBound} hosts` : `cost ${fmt(sm.costLowerBound, 2)}`;
  return `Lower bound: ${lb} (${md(sm.boundSource)}); ${sm.optimal ? '**proven optimal**' : `gap ${pct(sm.gap, 1)} to the bound`}; algorithm \`${sm.algorithm.replace(/`/g, "'")}\`.`;
}

export function renderPlanMarkdown(r: PlanResult, opts: MarkdownOptions = {}): string {
  const maxRows = opts.maxRows ?? 200;
  const sm = r.summary;
  const o = r.options as Record<string, unknown>;
  const out: string[] = ['# Consolidation plan', ''];
  const ratio = sm.consolidationRatio === null ? '-' : `${fmt(sm.consolidationRatio, 1)}:1`;
  out.push(
    hasBefore(sm)
      ? `**${fmt(sm.before.hosts)} servers → ${fmt(sm.after.hosts)} hosts** (${fmt(sm.hostsUsed)} new ${md(sm.hostType)}${sm.unplaced ? ` + ${fmt(sm.unplaced)} left as is` : ''}); consolidation ratio **${ratio}**. ` +
          `Saves **${fmt(sm.savings.annualEnergyKWh)} kWh**, **${fmt(sm.savings.annualCostUsd)} USD** and **${fmt(sm.savings.annualCo2Kg)} kg CO2** per year.`
      : `**${fmt(sm.hostsUsed)} new ${md(sm.hostType)} host${sm.hostsUsed === 1 ? '' : 's'}**${sm.unplaced ? ` (+ ${fmt(sm.unplaced)} workloads left as they are)` : ''}; consolidation ratio **${ratio}**; ${fmt(sm.after.annualEnergyKWh)} kWh, ${fmt(sm.after.annualCostUsd)} USD and ${fmt(sm.after.annualCo2Kg)} kg CO2 per year. ${md(NO_BEFORE_TEXT)}`,
  );
  out.push('');
  out.push(`Inputs: ${sm.rows.read} rows read, ${sm.rows.accepted} accepted, ${sm.rows.rejected} rejected; ${sm.vms} workloads (${sm.sourceServers} physical servers). Virtualization ${md(o.virtualization)}, hypervisor ${md(o.hypervisor)}; CPU target ${md(o.cpuTarget)}%, memory target ${md(o.memoryTarget)}%.`);
  out.push('', '## Summary', '');
  const summary = summaryTable(sm);
  out.push(...table(summary.header, summary.rows, ['l', 'r', 'r', 'r', 'r']));
  out.push('', `Placed ${sm.placed} of ${sm.vms} workloads on ${sm.hostsUsed} host${sm.hostsUsed === 1 ? '' : 's'}; consolidation ratio ${ratio}. ${boundText(sm)}`);
  const tco = tcoView(r);
  if (tco) {
    out.push('', '## Total cost of ownership', '');
    const rows: string[][] = [];
    if (tco.horizonYears !== undefined) rows.push(['Horizon (years)', fmt(tco.horizonYears, 0)]);
    if (tco.beforeUsd !== undefined) rows.push(['TCO before (USD)', fmt(tco.beforeUsd, 0)]);
    if (tco.afterUsd !== undefined) rows.push(['TCO after (USD)', fmt(tco.afterUsd, 0)]);
    if (tco.totalUsd !== undefined) rows.push(['TCO (USD)', fmt(tco.totalUsd, 0)]);
    if (tco.paybackMonths !== undefined) rows.push(['Payback (months)', tco.paybackMonths === null ? 'not within the horizon' : fmt(tco.paybackMonths, 1)]);
    for (const [k, v] of tco.extra) rows.push([md(humanize(k)), scalar(v)]);
    out.push(...table(['', 'Value'], rows, ['l', 'r']));
    if (tco.breakdown.length) {
      const hasBA = tco.breakdown.some((b) => b.beforeUsd !== undefined || b.afterUsd !== undefined);
      out.push('');
      out.push(
        ...table(
          hasBA ? ['Cost item', 'Before (USD)', 'After (USD)'] : ['Cost item', 'USD'],
          tco.breakdown.map((b) => (hasBA ? [md(b.label), fmt(b.beforeUsd ?? null, 0), fmt(b.afterUsd ?? null, 0)] : [md(b.label), fmt(b.valueUsd ?? null, 0)])),
          ['l', 'r', 'r'],
        ),
      );
    }
  }
  const cv = carbonView(r);
  if (cv) {
    out.push('', '## Carbon: embodied against operational', '', md(carbonSentence(cv)), '');
    out.push(...table(['', 'Value', 'Unit'], carbonRows(cv).map(([label, value, unit]) => [md(label), value, unit]), ['l', 'r', 'l']));
  }
  const pr = sm.procurement;
  if (pr) {
    out.push('', `## Procurement (optimized for ${md(pr.objective)})`, '');
    const mix = Object.entries(pr.mix).map(([t, n]) => `${n} × ${md(t)}`).join(' + ') || 'no hosts';
    out.push(`Chosen mix: **${mix}**; objective **${fmt(pr.objectiveValue)}** ${md(pr.unit)}${pr.packingOptimal ? ' (packing proven optimal)' : `; packing bound ${fmt(pr.packingCostLowerBound)}`}.`);
    if (pr.singles.length) {
      out.push('');
      out.push(...table(['Single host type', 'Hosts', 'Unplaced', `Objective (${md(pr.unit)})`], pr.singles.map((x) => [md(x.type), fmt(x.hostsUsed), fmt(x.unplaced), fmt(x.objectiveValue)]), ['l', 'r', 'r', 'r']));
    }
    if (pr.reuse) out.push('', `Reuse: ${pr.reuse.keptServers.length} of ${pr.reuse.candidates} current servers kept as hosts, ${pr.reuse.newHosts} new hosts; reuse saves ${fmt(pr.reuse.savingsVsBuyNew)} ${md(pr.unit)} against buying new.`);
  }
  const wv = waveView(r);
  if (wv) {
    out.push('', `## Migration waves (${wv.waves.length})`, '', md(waveSentence(wv)), '', md(`Order: ${wv.cmp.order}.`), '');
    out.push(...table(WAVE_HEADER, waveRows(wv).slice(0, maxRows), ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
    out.push('', ...wv.waves.slice(0, maxRows).map((w) => `- Wave ${w.wave}: ${w.workloads.map(md).join(', ')}${w.serversRetired.length ? `; retires ${w.serversRetired.map(md).join(', ')}` : ''}`));
    if (wv.waves.length > maxRows) out.push('', `… ${wv.waves.length - maxRows} more waves.`);
  }
  if (sm.ha && sm.ha.ha > 0) out.push('', `High availability N+${sm.ha.ha}: ${sm.ha.casesAbsorbed} of ${sm.ha.casesChecked} host-failure cases absorbed (${sm.ha.sparesAdded} spares added)${sm.ha.ok ? '' : ' — **not all absorbed**'}.`);
  const obs = observedView(r);
  const ov = overloadView(r);
  const u = sm.sourceUtilization;
  const oh = sm.overhead;
  if (obs || ov || u || oh) {
    out.push('', '## Measurements', '');
    if (obs) out.push(`- Observed window: ${fmt(obs.windowHours ?? null, 1)} h; IT energy after ${fmt(obs.afterKWh ?? null, 1)} kWh${obs.beforeKWh !== undefined ? `, before ${fmt(obs.beforeKWh, 1)} kWh` : ''} (before PUE).`);
    if (ov?.fraction !== undefined) out.push(`- Overload risk: ${pct(ov.fraction, 2)} of samples would put some host over capacity.`);
    const rt = riskTargetView(r);
    if (rt) out.push(`- ${riskTargetText(rt, pct)}.`);
    const curve = riskCurveRows(r);
    if (curve.length) out.push('', '### Risk-energy curve', '', ...table(['Risk allowed', 'Hosts', 'IT energy kWh (window)', 'Achieved', 'Met', 'CPU target %'], curve.map((c) => [pct(c.targetFraction, 1), fmt(c.hostsUsed), fmt(c.observedEnergyKWh, 1), pct(c.achievedFraction, 2), c.met ? 'yes' : 'no', fmt(c.cpuTargetPercent, 2)]), ['r', 'r', 'r', 'r', 'l', 'r']), '');
    if (oh) out.push(`- Hypervisor overhead: +${pct(oh.cpuAddedFraction)} CPU (${fmt(oh.cpuAddedGhz, 1)} GHz-cores); ${oh.attributable.hosts} hosts and ${fmt(oh.attributable.annualCostUsd, 0)} USD/year attributable (${oh.baseline.hostsUsed} hosts without virtualization).`);
    if (u && u.workloads > 0) out.push(`- Source CPU utilization: mean ${pct(u.meanAvgFraction)}, median ${pct(u.medianAvgFraction)}; ${u.below20PercentAvg} of ${u.workloads} workloads average below 20%.`);
  }
  out.push('', `## Hosts (${r.hosts.length})`, '');
  const { shown: dims } = displayDimensions(r.dimensions);
  out.push(
    ...table(
      ['Host', 'Type', 'VMs', ...dims.map((d) => `${md(dimensionLabel(d))} fill`), 'Binding', 'Avg CPU', 'Power (W)', 'Workloads'],
      r.hosts.slice(0, maxRows).map((h) => [md(h.id), md(h.type), String(h.vms.length), ...dims.map((d) => pct(h.fill[d])), md(dimensionLabel(h.bindingResource)), pct(h.cpuUtilization), fmt(h.powerWatts, 0), h.vms.slice(0, 30).map(md).join(', ') + (h.vms.length > 30 ? `, … (${h.vms.length} in all)` : '')]),
      ['l', 'l', 'r', ...dims.map(() => 'r' as const), 'l', 'r', 'r', 'l'],
    ),
  );
  if (r.hosts.length > maxRows) out.push('', `… ${r.hosts.length - maxRows} more hosts.`);
  if (r.unplaced.length) {
    out.push('', `## Unplaced workloads (${r.unplaced.length})`, '', 'They stay on their current servers.', '');
    out.push(...table(['Workload', 'Reason'], r.unplaced.slice(0, maxRows).map((x) => [md(x.id), md(x.reason)])));
  }
  const q = r.dataQuality;
  if (q) {
    out.push('', '## Data quality', '', `Confidence of this run: **${q.stars}/5 stars**. Workloads by rating: ${q.starsHistogram.map((n, i) => `${i + 1}★ ${n}`).join(', ')}.`, '', `Rule: ${md(q.rule)}`);
    if (q.noSamples.length) out.push('', `${q.noSamples.length} inventory workloads without samples: ${q.noSamples.slice(0, 50).map(md).join(', ')}${q.noSamples.length > 50 ? ', …' : ''}`);
    if (q.noInventory.length) out.push('', `${q.noInventory.length} ids with samples but no inventory row (left out): ${q.noInventory.slice(0, 50).map(md).join(', ')}${q.noInventory.length > 50 ? ', …' : ''}`);
    const low = leastConfident(q).slice(0, Math.min(maxRows, 50));
    if (low.length) {
      out.push('');
      out.push(...table(['Workload', 'Stars', 'Basis', 'Samples', 'Expected', 'Coverage', 'Gaps', 'Duplicates', 'Out of range'], low.map((w) => [md(w.id), String(w.stars), md(w.basis), fmt(w.samples), fmt(w.expectedSamples), pct(w.coverage), fmt(w.gaps), fmt(w.duplicateTimestamps), fmt(w.outOfRange)]), ['l', 'r', 'l', 'r', 'r', 'r', 'r', 'r', 'r']));
    }
  }
  const g = issueGroups(r);
  out.push(...issuesBlock('Rejected rows', g.rejected, maxRows));
  out.push(...issuesBlock('Warnings and notes', g.other, maxRows));
  out.push('', '## Assumptions', '');
  out.push(...table(['Key', 'Value', 'Unit', 'Source'], r.assumptions.map((a) => [md(a.key), md(a.value), md(a.unit), md(a.source)])));
  if (r.warnings.length) out.push('', ...r.warnings.map((w) => `> **Warning:** ${md(w)}`));
  return out.join('\n') + '\n';
}

export function renderPackMarkdown(r: PackResult, opts: MarkdownOptions = {}): string {
  const maxRows = opts.maxRows ?? 200;
  const sm = r.summary;
  const out: string[] = ['# Vector bin packing', ''];
  out.push(`Items: ${sm.vms} (${sm.rows.read} rows read, ${sm.rows.accepted} accepted, ${sm.rows.rejected} rejected); resources: ${r.dimensions.map(md).join(', ')}.`, '');
  out.push(
    ...table(
      ['', 'Value'],
      [
        ['Placed', fmt(sm.placed)],
        ['Unplaced', fmt(sm.unplaced)],
        ['Hosts used', fmt(sm.hostsUsed)],
        ...Object.entries(sm.hostsByType).map(([t, n]) => [`Hosts of type ${md(t)}`, fmt(n)]),
        ['Lower bound on hosts', sm.hostsLowerBound === null ? '-' : fmt(sm.hostsLowerBound)],
        ['Total cost', fmt(sm.totalCost, 2)],
        ['Lower bound on cost', fmt(sm.costLowerBound, 2)],
      ],
      ['l', 'r'],
    ),
  );
  out.push('', boundText(sm), '', `## Hosts (${r.hosts.length})`, '');
  out.push(
    ...table(
      ['Host', 'Type', 'Items', ...r.dimensions.map((d) => `${md(d)} fill`), 'Binding', 'Contents'],
      r.hosts.slice(0, maxRows).map((h) => [md(h.id), md(h.type), String(h.vms.length), ...r.dimensions.map((d) => pct(h.fill[d])), md(h.bindingResource), h.vms.map(md).join(', ')]),
      ['l', 'l', 'r', ...r.dimensions.map(() => 'r' as const), 'l', 'l'],
    ),
  );
  if (r.hosts.length > maxRows) out.push('', `… ${r.hosts.length - maxRows} more hosts.`);
  if (r.unplaced.length) {
    out.push('', `## Unplaced items (${r.unplaced.length})`, '');
    out.push(...table(['Item', 'Reason'], r.unplaced.slice(0, maxRows).map((x) => [md(x.id), md(x.reason)])));
  }
  const g = issueGroups(r);
  out.push(...issuesBlock('Rejected rows', g.rejected, maxRows));
  out.push(...issuesBlock('Warnings and notes', g.other, maxRows));
  if (r.warnings.length) out.push('', ...r.warnings.map((w) => `> **Warning:** ${md(w)}`));
  return out.join('\n') + '\n';
}
