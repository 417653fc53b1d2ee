import type { ReplayResult, ReplayHost } from '../analysis/replay.js';
import { fmt, pct, safeText, PLAIN, type Style } from './format.js';
import { html, md } from './escape.js';
import { csvLine } from './csv-escape.js';
import { renderJson } from './index.js';
import { page, table, num, id, val, issuesTable } from './html-parts.js';
import { idList } from '../model/messages.js';

/**
 * Renderers of a replay result (analysis/replay.ts): text, json, md, csv (one row per host) and
 * html. Renderers only: every figure is in the result.
 */

export const REPLAY_FORMATS = ['text', 'json', 'md', 'csv', 'html'] as const;
export type ReplayFormat = (typeof REPLAY_FORMATS)[number];

/** Hosts that ran hot, most overloaded intervals first (ties by id). */
export function hotHosts(r: ReplayResult): ReplayHost[] {
  return r.hosts.filter((h) => h.overloadedIntervals > 0).sort((a, b) => b.overloadedIntervals - a.overloadedIntervals || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const when = (h: ReplayHost, max: number) => {
  const shown = h.episodes.slice(0, max).map((e) => `${e.start.replace('T', ' ').replace('Z', '')}+${e.intervals}`);
  return shown.join(', ') + (h.episodes.length > max ? `, ... (${h.episodes.length - max} more)` : '');
};

const vsPlan = (x: number, plan: number | null) => (plan === null ? '' : ` (plan: ${pct(plan, 2)})`);

export function renderReplayText(r: ReplayResult, opts: { style?: Style; maxRows?: number } = {}): string {
  const st = opts.style ?? PLAIN;
  const max = opts.maxRows ?? 20;
  const s = r.summary;
  const out: string[] = [];
  out.push(st.bold('Replay of a plan on new traces'));
  out.push(`Window: ${s.window.start} to ${s.window.end}, ${fmt(s.window.intervals)} intervals of ${fmt(s.window.stepSeconds)} s (${fmt(s.window.hours, 1)} h)`);
  out.push(`Hosts: ${fmt(s.hosts)}; VMs placed: ${fmt(s.vms)}, with new samples: ${fmt(s.vmsWithSamples)}, without: ${fmt(s.missingSamples)}; new ids not in the plan: ${fmt(s.notInPlan)}`);
  const risk = `Overload: ${pct(s.overload.fractionOfActiveHostTime, 2)} of active host time${vsPlan(s.overload.fractionOfActiveHostTime, s.plan.fractionOfActiveHostTime)}, ${pct(s.overloadRisk, 2)} of intervals${vsPlan(s.overloadRisk, s.plan.overloadRisk)}; peak host load ${pct(s.overload.peakHostLoadRatio, 1)} of its CPU`;
  out.push(s.overload.overloadedHostIntervals > 0 ? st.warn(risk) : st.good(risk));
  out.push(`IT energy over the window: ${fmt(s.energyKWh, 1)} kWh${s.plan.observedEnergyKWh !== null ? ` (plan, on its own traces: ${fmt(s.plan.observedEnergyKWh, 1)} kWh)` : ''}`);
  const hot = hotHosts(r);
  if (hot.length) {
    out.push('', st.bold(`Hosts that run hot (${hot.length}): overloaded intervals, peak load, when (start+intervals, UTC)`));
    for (const h of hot.slice(0, max)) out.push(`  ${safeText(h.id)} (${safeText(h.type)}): ${h.overloadedIntervals} intervals, peak ${pct(h.peakLoadRatio, 1)}; ${when(h, 4)}`);
    if (hot.length > max) out.push(`  ... ${hot.length - max} more hosts (see --format json or csv)`);
  } else out.push('', st.good('No host runs hot: every host stays within its CPU in every interval.'));
  if (r.missingSamples.length) out.push('', `Without new samples (replayed at their planned demand): ${safeText(idList(r.missingSamples))}`);
  if (r.notInPlan.length) out.push('', `Not in the plan (not replayed): ${safeText(idList(r.notInPlan))}`);
  const problems = r.issues.filter((i) => i.severity !== 'info' && !i.code.startsWith('replay.'));
  if (problems.length) out.push('', `Input issues: ${problems.length} (rows read ${fmt(r.rows.read)}, rejected ${fmt(r.rows.rejected)}; see --format json)`);
  return out.join('\n') + '\n';
}

export function renderReplayMarkdown(r: ReplayResult, maxRows = 50): string {
  const s = r.summary;
  const out: string[] = ['# Replay of a plan on new traces', ''];
  out.push('| Figure | Replay | Plan |', '|---|---:|---:|');
  out.push(`| Window | ${md(s.window.start)} to ${md(s.window.end)} (${fmt(s.window.intervals)} x ${fmt(s.window.stepSeconds)} s) | |`);
  out.push(`| Hosts | ${fmt(s.hosts)} | ${fmt(s.plan.hostsUsed)} |`);
  out.push(`| VMs placed / with new samples | ${fmt(s.vms)} / ${fmt(s.vmsWithSamples)} | |`);
  out.push(`| Overload, share of active host time | ${pct(s.overload.fractionOfActiveHostTime, 2)} | ${pct(s.plan.fractionOfActiveHostTime, 2)} |`);
  out.push(`| Overload, share of intervals | ${pct(s.overloadRisk, 2)} | ${pct(s.plan.overloadRisk, 2)} |`);
  out.push(`| Hosts that run hot | ${fmt(s.hotHosts)} | |`);
  out.push(`| IT energy, kWh | ${fmt(s.energyKWh, 1)} | ${s.plan.observedEnergyKWh === null ? '-' : fmt(s.plan.observedEnergyKWh, 1)} |`);
  const hot = hotHosts(r);
  if (hot.length) {
    out.push('', '## Hosts that run hot', '', '| Host | Type | Overloaded intervals | Peak load | When (UTC) |', '|---|---|---:|---:|---|');
    for (const h of hot.slice(0, maxRows)) out.push(`| ${md(h.id)} | ${md(h.type)} | ${fmt(h.overloadedIntervals)} | ${pct(h.peakLoadRatio, 1)} | ${md(when(h, 6))} |`);
    if (hot.length > maxRows) out.push('', `${hot.length - maxRows} more hosts in --format json or csv.`);
  }
  if (r.missingSamples.length) out.push('', `Without new samples (replayed at their planned demand): ${md(idList(r.missingSamples, 30))}`);
  if (r.notInPlan.length) out.push('', `Not in the plan (not replayed): ${md(idList(r.notInPlan, 30))}`);
  return out.join('\n') + '\n';
}

/** One row per host: the figures of ReplayHost, and its episodes as start+intervals. */
export function renderReplayCsv(r: ReplayResult): string {
  let s = csvLine(['host', 'type', 'vms', 'vms_with_samples', 'cpu_for_vms_ghz', 'mean_load_ratio', 'peak_load_ratio', 'overloaded_intervals', 'energy_kwh', 'overloaded_from']);
  for (const h of r.hosts) s += csvLine([h.id, h.type, h.vms, h.vmsWithSamples, h.cpuForVmsGhz, h.meanLoadRatio, h.peakLoadRatio, h.overloadedIntervals, h.energyKWh, h.episodes.map((e) => `${e.start}+${e.intervals}`).join(' ')]);
  return s;
}

export function renderReplayHtml(r: ReplayResult, maxRows = 200): string {
  const s = r.summary;
  const k = (key: string, v: number | null, shown: string) => val(`summary.${key}`, v, shown);
  let body = '<h1>Replay of a plan on new traces</h1>';
  body += `<p>${html(s.window.start)} to ${html(s.window.end)}: ${fmt(s.window.intervals)} intervals of ${fmt(s.window.stepSeconds)} s.</p>`;
  body += table(
    ['Figure', num('Replay'), num('Plan')],
    [
      ['Hosts', num(k('hosts', s.hosts, fmt(s.hosts))), num(fmt(s.plan.hostsUsed))],
      ['VMs placed / with new samples', num(`${fmt(s.vms)} / ${fmt(s.vmsWithSamples)}`), num('')],
      ['Overload, share of active host time', num(k('overload.fractionOfActiveHostTime', s.overload.fractionOfActiveHostTime, pct(s.overload.fractionOfActiveHostTime, 2))), num(pct(s.plan.fractionOfActiveHostTime, 2))],
      ['Overload, share of intervals', num(k('overloadRisk', s.overloadRisk, pct(s.overloadRisk, 2))), num(pct(s.plan.overloadRisk, 2))],
      ['Hosts that run hot', num(k('hotHosts', s.hotHosts, fmt(s.hotHosts))), num('')],
      ['IT energy, kWh', num(k('energyKWh', s.energyKWh, fmt(s.energyKWh, 1))), num(s.plan.observedEnergyKWh === null ? '-' : fmt(s.plan.observedEnergyKWh, 1))],
    ],
  );
  const hot = hotHosts(r);
  body += '<h2>Hosts that run hot</h2>';
  body += hot.length
    ? table(
        ['Host', 'Type', num('Overloaded intervals'), num('Peak load'), 'When (UTC, start+intervals)'],
        hot.slice(0, maxRows).map((h) => [id(h.id), html(h.type), num(fmt(h.overloadedIntervals)), num(pct(h.peakLoadRatio, 1)), html(when(h, 8))]),
      ) + (hot.length > maxRows ? `<p class="note">… ${fmt(hot.length - maxRows)} more (see the JSON or CSV output).</p>` : '')
    : '<p>No host runs hot: every host stays within its CPU in every interval.</p>';
  if (r.missingSamples.length) body += `<h2>Without new samples</h2><p>Replayed at their planned demand: ${html(idList(r.missingSamples, 50))}</p>`;
  if (r.notInPlan.length) body += `<h2>Not in the plan</h2><p>Not replayed: ${html(idList(r.notInPlan, 50))}</p>`;
  if (r.issues.length) body += '<h2>Issues</h2>' + issuesTable(r.issues, maxRows);
  return page('Replay of a plan on new traces', body);
}

/** Renders a replay result in one of REPLAY_FORMATS. */
export function renderReplay(r: ReplayResult, format: string, opts: { style?: Style } = {}): string {
  switch (format) {
    case 'text':
      return renderReplayText(r, opts);
    case 'json':
      return renderJson(r);
    case 'md':
      return renderReplayMarkdown(r);
    case 'csv':
      return renderReplayCsv(r);
    case 'html':
      return renderReplayHtml(r);
    default:
      throw new Error(`unknown format ${JSON.stringify(format)}; expected one of ${REPLAY_FORMATS.join(', ')}`);
  }
}
