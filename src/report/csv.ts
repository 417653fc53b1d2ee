import type { PlanResult, PackResult } from '../model/plan-result.js';
import { csvLine } from './csv-escape.js';
import { SUMMARY_QUANTITIES, hasBefore } from './labels.js';
import { tcoView, observedView, overloadView, riskTargetView, riskCurveRows } from './sections.js';
import { TRAIL_CSV_COLUMNS, trailCsvValues } from './sizing-trail.js';
import { carbonView } from './carbon.js';
import { waveView } from './waves.js';
import { IO_DIMENSIONS } from '../model/dimensions.js';

/**
 * CSV reports. Delivery: `--format csv` writes ONE valid CSV stream, the placement (one row per
 * VM, placed or not) to stdout or --out; `--summary-csv FILE` writes the summary as a second CSV
 * (key,label,value,unit, where key is the JSON path of the value in the plan result). Both follow
 * RFC 4180 (CRLF, quoting) and neutralize formula-like cells (csv-escape.ts, OWASP).
 */

/**
 * Placement CSV of a plan: vm id, host id, host type, each resource's demand (with --dimensions,
 * `<dimension>_demand` and `<dimension>_basis` for each disk or network dimension after memory),
 * and why a VM is unplaced; with migration waves (--wave-size), a last column `wave`: the wave that moves the
 * workload (empty when it is unplaced).
 */
export function renderPlanPlacementCsv(r: PlanResult): string {
  const hostById = new Map(r.hosts.map((h) => [h.id, h]));
  const reason = new Map(r.unplaced.map((u) => [u.id, u.reason]));
  const waveOf = r.summary.waves ? new Map(r.summary.waves.flatMap((w) => w.workloads.map((id) => [id, w.wave] as const))) : undefined;
  // Disk and network dimensions (--dimensions): a demand and a basis column each, after memory.
  const io = IO_DIMENSIONS.filter((d) => r.dimensions.includes(d.key));
  const ioOf = (v: PlanResult['vms'][number]) => io.flatMap((d) => [v.ioDemand?.[d.key] ?? '', v.sizing?.io?.find((t) => t.dimension === d.key)?.basis ?? '']);
  let s = csvLine([
    'vm_id',
    'status',
    'host_id',
    'host_type',
    'site',
    'cpu_demand_ghz',
    'memory_demand_gib',
    ...io.flatMap((d) => [`${d.key}_demand`, `${d.key}_basis`]),
    'cpu_native_ghz',
    'cpu_overhead_factor',
    'memory_native_gib',
    'memory_overhead_gib',
    'cpu_avg_utilization_fraction',
    'cpu_sized_utilization_fraction',
    'sizing_basis',
    'assumed',
    'unplaced_reason',
    ...TRAIL_CSV_COLUMNS,
    ...(waveOf ? ['wave'] : []),
  ]);
  for (const v of r.vms) {
    const h = v.host ? hostById.get(v.host) : undefined;
    s += csvLine([
      v.id,
      v.host ? 'placed' : 'unplaced',
      v.host ?? '',
      h?.type ?? '',
      h?.site ?? '',
      v.cpuDemandGhz,
      v.memoryDemandGiB,
      ...ioOf(v),
      v.cpuNativeGhz,
      v.cpuOverheadFactor,
      v.memoryNativeGiB,
      v.memoryOverheadGiB,
      v.cpuAvgUtilizationFraction,
      v.cpuSizedUtilizationFraction,
      v.sizingBasis,
      v.assumed.join(' '),
      reason.get(v.id) ?? '',
      ...trailCsvValues(v),
      ...(waveOf ? [waveOf.get(v.id) ?? ''] : []),
    ]);
  }
  return s;
}

/** Placement CSV of a pack result: item id, host id, host type, one demand column per dimension. */
export function renderPackPlacementCsv(r: PackResult): string {
  const typeOf = new Map(r.hosts.map((h) => [h.id, h.type]));
  const reason = new Map(r.unplaced.map((u) => [u.id, u.reason]));
  let s = csvLine(['item_id', 'status', 'host_id', 'host_type', ...r.dimensions, 'unplaced_reason']);
  const items =
    r.items ??
    [...r.hosts.flatMap((h) => h.vms.map((id) => ({ id, host: h.id as string | null, demand: {} as Record<string, number> }))), ...r.unplaced.map((u) => ({ id: u.id, host: null, demand: {} as Record<string, number> }))];
  for (const it of items) {
    s += csvLine([it.id, it.host ? 'placed' : 'unplaced', it.host ?? '', it.host ? (typeOf.get(it.host) ?? '') : '', ...r.dimensions.map((d) => it.demand[d]), reason.get(it.id) ?? '']);
  }
  return s;
}

type Row = [key: string, label: string, value: unknown, unit: string];

function commonRows(sm: PackResult['summary']): Row[] {
  const rows: Row[] = [
    ['summary.rows.read', 'Input rows read', sm.rows.read, 'rows'],
    ['summary.rows.accepted', 'Input rows accepted', sm.rows.accepted, 'rows'],
    ['summary.rows.rejected', 'Input rows rejected', sm.rows.rejected, 'rows'],
    ['summary.vms', 'Workloads', sm.vms, 'VMs'],
    ['summary.placed', 'Placed', sm.placed, 'VMs'],
    ['summary.unplaced', 'Unplaced', sm.unplaced, 'VMs'],
    ['summary.hostsUsed', 'New hosts used', sm.hostsUsed, 'hosts'],
    ['summary.hostsLowerBound', 'Lower bound on hosts', sm.hostsLowerBound, 'hosts'],
    ['summary.optimal', 'Proven optimal', sm.optimal, ''],
    ['summary.gap', 'Gap to the bound', sm.gap, 'fraction'],
    ['summary.totalCost', 'Total host cost', sm.totalCost, ''],
    ['summary.costLowerBound', 'Lower bound on host cost', sm.costLowerBound, ''],
    ['summary.algorithm', 'Algorithm', sm.algorithm, ''],
    ['summary.boundSource', 'Bound source', sm.boundSource, ''],
  ];
  for (const [t, n] of Object.entries(sm.hostsByType)) rows.push([`summary.hostsByType.${t}`, `Hosts of type ${t}`, n, 'hosts']);
  return rows;
}

/** Summary CSV: `key,label,value,unit`, one row per figure; key is the value's JSON path. */
export function renderPlanSummaryCsv(r: PlanResult): string {
  const sm = r.summary;
  const rows: Row[] = commonRows(sm);
  rows.push(['summary.sourceServers', 'Physical source servers', sm.sourceServers, 'servers']);
  rows.push(['summary.consolidationRatio', 'Consolidation ratio', sm.consolidationRatio, 'VMs per host']);
  rows.push(['summary.hostType', 'Target host type', sm.hostType, '']);
  const before = hasBefore(sm);
  if (!before) rows.push(['summary.noBefore.reason', 'No "before" to compare with', sm.noBefore?.reason ?? 'no-source-servers', '']);
  for (const side of before ? (['before', 'after', 'savings'] as const) : (['after'] as const)) {
    for (const q of SUMMARY_QUANTITIES) rows.push([`summary.${side}.${q.key}`, `${q.label} (${side})`, sm[side][q.key], q.unit]);
  }
  if (before && sm.savingsFraction) for (const q of SUMMARY_QUANTITIES) rows.push([`summary.savingsFraction.${q.key}`, `${q.label} saved`, sm.savingsFraction[q.key], 'fraction']);
  const tco = tcoView(r);
  if (tco) {
    rows.push(['summary.tco.horizonYears', 'TCO horizon', tco.horizonYears, 'years']);
    rows.push(['summary.tco.totalUsd', 'TCO', tco.totalUsd, 'USD']);
    if (tco.beforeUsd !== undefined) rows.push(['summary.tco.beforeUsd', 'TCO before', tco.beforeUsd, 'USD']);
    rows.push(['summary.tco.afterUsd', 'TCO after', tco.afterUsd, 'USD']);
    if (tco.paybackMonths !== undefined) rows.push(['summary.tco.paybackMonths', 'Payback', tco.paybackMonths, 'months']);
    if (tco.savingsUsd !== undefined) rows.push(['summary.tco.savingsUsd', 'TCO savings', tco.savingsUsd, 'USD']);
    for (const [k, v] of tco.extra) rows.push([`summary.tco.${k}`, `TCO ${k}`, v, '']);
    for (const b of tco.breakdown) {
      const path = (p: string | undefined, fallback: string) => `summary.tco.breakdown.${p ?? fallback}`;
      if (b.beforeUsd !== undefined) rows.push([path(b.beforePath, `${b.key}.before`), `TCO ${b.label} (before)`, b.beforeUsd, 'USD']);
      if (b.afterUsd !== undefined) rows.push([path(b.afterPath, `${b.key}.after`), `TCO ${b.label} (after)`, b.afterUsd, 'USD']);
      if (b.valueUsd !== undefined) rows.push([path(b.valuePath, b.key), `TCO ${b.label}`, b.valueUsd, 'USD']);
    }
  }
  const cv = carbonView(r);
  if (cv) {
    rows.push(['summary.carbon.embodiedNewKgCo2e', 'Embodied CO2e of the new hosts', cv.c.embodiedNewKgCo2e, 'kg CO2e']);
    rows.push(['summary.carbon.operationalSavedKgCo2ePerYear', 'Operational CO2e saved per year', cv.c.operationalSavedKgCo2ePerYear, 'kg CO2e']);
    rows.push(['summary.carbon.carbonPaybackMonths', 'Carbon payback (empty: nothing is saved, no payback)', cv.c.carbonPaybackMonths, 'months']);
    rows.push(['summary.carbon.horizonNetKgCo2e', `Net CO2e avoided over the ${cv.horizonYears}-year horizon`, cv.c.horizonNetKgCo2e, 'kg CO2e']);
  }
  const wv = waveView(r);
  if (wv) {
    rows.push(['summary.waveComparison.waveDays', 'Days per migration wave', wv.cmp.waveDays, 'days']);
    wv.waves.forEach((w, i) => {
      const k = `summary.waves.${i}`;
      rows.push([`${k}.workloads`, `Wave ${w.wave}: workloads moved`, w.workloads.join(' '), 'ids']);
      rows.push([`${k}.newHostsInService`, `Wave ${w.wave}: new hosts in service`, w.newHostsInService, 'hosts']);
      rows.push([`${k}.serversRetired`, `Wave ${w.wave}: servers retired`, w.serversRetired.join(' '), 'ids']);
      rows.push([`${k}.itPowerWatts`, `Wave ${w.wave}: IT power after`, w.itPowerWatts, 'W']);
      rows.push([`${k}.cumulativeSavedUsd`, `Wave ${w.wave}: electricity saved so far`, w.cumulativeSavedUsd, 'USD']);
      rows.push([`summary.waveComparison.naive.itPowerWatts.${i}`, `Wave ${w.wave}, naive order by id: IT power after`, wv.cmp.naive.itPowerWatts[i], 'W']);
      rows.push([`summary.waveComparison.naive.cumulativeSavedUsd.${i}`, `Wave ${w.wave}, naive order by id: saved so far`, wv.cmp.naive.cumulativeSavedUsd[i], 'USD']);
    });
  }
  const obs = observedView(r);
  if (obs) {
    rows.push(['summary.observedWindowHours', 'Observed window', obs.windowHours, 'h']);
    if (obs.beforeKWh !== undefined) rows.push(['summary.before.observedEnergyKWh', 'IT energy over the window (before)', obs.beforeKWh, 'kWh']);
    rows.push(['summary.after.observedEnergyKWh', 'IT energy over the window (after)', obs.afterKWh, 'kWh']);
  }
  const ov = overloadView(r);
  if (ov?.fraction !== undefined) rows.push(['summary.overloadRisk', 'Overload risk (samples over capacity)', ov.fraction, 'fraction']);
  const rt = riskTargetView(r);
  if (rt) {
    rows.push(['summary.overload.targetFraction', 'Overload risk allowed (active host time)', rt.targetFraction, 'fraction']);
    rows.push(['summary.overload.achievedFraction', 'Overload risk achieved (active host time)', rt.achievedFraction, 'fraction']);
    rows.push(['summary.overload.met', 'Overload target met', rt.met, 'boolean']);
    rows.push(['summary.overload.cpuTargetPercent', 'CPU target chosen for the risk', rt.cpuTargetPercent, '%']);
  }
  riskCurveRows(r).forEach((c, i) => {
    const k = `summary.riskCurve.${i}`;
    rows.push([`${k}.targetFraction`, `Risk curve ${i + 1}: risk allowed`, c.targetFraction, 'fraction']);
    rows.push([`${k}.hostsUsed`, `Risk curve ${i + 1}: hosts`, c.hostsUsed, 'hosts']);
    rows.push([`${k}.observedEnergyKWh`, `Risk curve ${i + 1}: IT energy over the window`, c.observedEnergyKWh, 'kWh']);
    rows.push([`${k}.achievedFraction`, `Risk curve ${i + 1}: risk achieved`, c.achievedFraction, 'fraction']);
  });
  const u = sm.sourceUtilization;
  if (u) {
    rows.push(['summary.sourceUtilization.meanAvgFraction', 'Source CPU utilization, mean of averages', u.meanAvgFraction, 'fraction']);
    rows.push(['summary.sourceUtilization.medianAvgFraction', 'Source CPU utilization, median of averages', u.medianAvgFraction, 'fraction']);
    rows.push(['summary.sourceUtilization.below20PercentAvg', 'Workloads averaging below 20% CPU', u.below20PercentAvg, 'workloads']);
  }
  let s = csvLine(['key', 'label', 'value', 'unit']);
  for (const row of rows) s += csvLine(row.map((x) => (x === undefined ? null : x)));
  return s;
}

export function renderPackSummaryCsv(r: PackResult): string {
  let s = csvLine(['key', 'label', 'value', 'unit']);
  for (const row of commonRows(r.summary)) s += csvLine(row);
  return s;
}
