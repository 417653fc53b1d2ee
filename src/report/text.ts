import type { PlanResult, PackResult, DataQuality } from '../model/plan-result.js';
import type { Issue } from '../model/issue.js';
import { fmt, pct, textTable, PLAIN, safeText, wrapLine, wrapLines, capRows, shortSource, DEFAULT_TEXT_WIDTH, type Style } from './format.js';
import { summaryTable, humanize, dimensionLabel, displayDimensions, hasBefore, NO_BEFORE_TEXT } from './labels.js';
import { procurementTextLines } from '../procurement/render.js';
import { carbonView, carbonSentence } from './carbon.js';
import { waveView, waveSentence, waveRows, WAVE_HEADER_SHORT } from './waves.js';
import { tcoView, observedView, overloadView, issueGroups, riskTargetView, riskTargetText, riskCurveRows } from './sections.js';

export interface TextOptions {
  style?: Style;
  /** Maximum rows in long tables (hosts, unplaced, issues); the rest is counted and pointed to. */
  maxRows?: number;
  /** Maximum rows of the assumptions table (the full list: --format md|html|json, `consolidate defaults`). */
  maxAssumptions?: number;
  /** Wrap long free-text columns (assumption sources, reasons) at this many characters. */
  wrapWidth?: number;
  /** Line width: every line fits (the CLI passes the terminal's width, or 120 when not a terminal). */
  width?: number;
}

/** Where a text report's cut tables are listed in full. */
export const FULL_LISTING = '--format md|html|json';
/** Default row caps of the text report: it is read in a terminal, the other formats list everything. */
export const TEXT_MAX_ROWS = 20;
export const TEXT_MAX_ASSUMPTIONS = 25;

export function issuesSection(issues: Issue[], s: Style, maxRows: number, wrap: number, width: number = DEFAULT_TEXT_WIDTH): string[] {
  if (!issues.length) return [];
  const rejected = issues.filter((i) => i.severity === 'error');
  const other = issues.filter((i) => i.severity !== 'error');
  const out: string[] = ['', s.bold(`Issues (${rejected.length} rejected rows, ${other.length} warnings/notes)`)];
  const loc = (i: Issue) => (i.file ? `${i.file}${i.line ? `:${i.line}` : ''}` : '');
  const shown = [...rejected, ...other].slice(0, maxRows);
  out.push(textTable(['severity', 'location', 'column', 'message'], shown.map((i) => [i.severity, loc(i), i.column ?? '', i.message]), { maxWidths: [undefined, 40, undefined, wrap], width }));
  if (rejected.length + other.length > shown.length) out.push(s.dim(`... ${rejected.length + other.length - shown.length} more (all of them: --format json, or --rejects FILE for the rejected rows)`));
  return out;
}

/** Data quality: the run's confidence rating, the histogram, the least-confident workloads. */
export function dataQualitySection(q: DataQuality | undefined, s: Style, maxRows: number, width: number = DEFAULT_TEXT_WIDTH): string[] {
  if (!q) return [];
  const out: string[] = ['', s.bold(`Data quality: ${q.stars}/5 stars for the run`)];
  out.push(`Workloads by rating: ${q.starsHistogram.map((n, i) => `${i + 1}*: ${n}`).join(', ')}`);
  const withSamples = q.workloads.filter((w) => w.basis === 'samples');
  if (withSamples.length) {
    const cov = withSamples.reduce((a, w) => a + w.coverage, 0) / withSamples.length;
    const dup = withSamples.reduce((a, w) => a + w.duplicateTimestamps, 0);
    const oor = withSamples.reduce((a, w) => a + w.outOfRange, 0);
    const gaps = withSamples.reduce((a, w) => a + w.gaps, 0);
    out.push(`${withSamples.length} workloads with samples: mean coverage ${pct(cov, 1)}, ${gaps} gaps, ${dup} duplicate timestamps, ${oor} out-of-range CPU samples`);
  }
  const other = q.workloads.length - withSamples.length;
  if (other) out.push(`${other} workloads without samples (sized from ${[...new Set(q.workloads.filter((w) => w.basis !== 'samples').map((w) => w.basis))].join(', ')})`);
  if (q.noSamples.length) out.push(s.warn(`${q.noSamples.length} inventory workloads have no samples`));
  if (q.noInventory.length) out.push(s.warn(`${q.noInventory.length} ids have samples but no inventory row (left out)`));
  const low = [...q.workloads].filter((w) => w.stars < 5).sort((a, b) => a.stars - b.stars || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, Math.min(maxRows, 10));
  if (low.length) {
    const lowAll = q.workloads.filter((w) => w.stars < 5).length;
    out.push(`Least-confident workloads (${low.length} of ${lowAll} below 5 stars):`);
    out.push(textTable(['workload', 'stars', 'basis', 'samples', 'coverage', 'gaps', 'dup', 'out of range'], low.map((w) => [w.id, String(w.stars), w.basis, `${w.samples}/${w.expectedSamples}`, pct(w.coverage, 1), String(w.gaps), String(w.duplicateTimestamps), String(w.outOfRange)]), { align: ['left', 'right', 'left', 'right', 'right', 'right', 'right', 'right'], width }));
    if (lowAll > low.length) out.push(s.dim(`... ${lowAll - low.length} more (all of them: ${FULL_LISTING})`));
  }
  out.push(...wrapLine(`Rule: ${q.rule}`, width).map((l) => s.dim(l)));
  return wrapLines(out, width);
}

function boundLine(sm: PackResult['summary'], s: Style): string {
  const lb = sm.hostsLowerBound !== null ? `${sm.hostsLowerBound} hosts` : `cost ${fmt(sm.costLowerBound, 2)}`;
  const status = sm.optimal ? s.good('proven optimal') : `gap ${pct(sm.gap, 1)} to the bound`;
  return `Lower bound: ${lb} (${sm.boundSource}); ${status}; algorithm ${sm.algorithm}`;
}



export function renderPlanText(r: PlanResult, opts: TextOptions = {}): string {
  const s = opts.style ?? PLAIN;
  const maxRows = opts.maxRows ?? TEXT_MAX_ROWS;
  const wrap = opts.wrapWidth ?? 72;
  const width = opts.width ?? DEFAULT_TEXT_WIDTH;
  const sm = r.summary;
  const o = r.options as Record<string, unknown>;
  const out: string[] = [];
  out.push(s.bold('Consolidation plan'));
  out.push(`Inputs: ${sm.rows.read} rows read, ${sm.rows.accepted} accepted, ${sm.rows.rejected} rejected; ${sm.vms} workloads (${sm.sourceServers} physical servers)`);
  out.push(`Target: ${safeText(sm.hostType)}; virtualization ${o.virtualization}, hypervisor ${o.hypervisor}; CPU target ${o.cpuTarget}%, memory target ${o.memoryTarget}%`);
  out.push('');
  const summary = summaryTable(sm);
  out.push(textTable(summary.header, summary.rows, { align: ['left', 'right', 'right', 'right', 'right'], width }));
  if (!hasBefore(sm)) out.push(...wrapLine(NO_BEFORE_TEXT, width));
  out.push('');
  out.push(`Placed ${sm.placed} of ${sm.vms} workloads on ${sm.hostsUsed} host${sm.hostsUsed === 1 ? '' : 's'}; consolidation ratio ${sm.consolidationRatio === null ? '-' : `${fmt(sm.consolidationRatio, 1)}:1`}`);
  out.push(boundLine(sm, s));
  const tco = tcoView(r);
  if (tco) {
    const parts = [
      tco.totalUsd !== undefined ? `TCO ${fmt(tco.totalUsd, 0)} USD` : '',
      tco.beforeUsd !== undefined && tco.afterUsd !== undefined ? `before ${fmt(tco.beforeUsd, 0)} USD, after ${fmt(tco.afterUsd, 0)} USD` : '',
      tco.horizonYears !== undefined ? `over ${fmt(tco.horizonYears, 0)} years` : '',
      tco.paybackMonths === null ? 'no payback within the horizon' : tco.paybackMonths !== undefined ? `payback ${fmt(tco.paybackMonths, 1)} months` : '',
    ].filter(Boolean);
    out.push(parts.join('; '));
    if (tco.breakdown.length) {
      const hasBA = tco.breakdown.some((b) => b.beforeUsd !== undefined || b.afterUsd !== undefined);
      out.push(
        textTable(
          hasBA ? ['TCO breakdown', 'Before (USD)', 'After (USD)'] : ['TCO breakdown', 'USD'],
          tco.breakdown.map((b) => (hasBA ? [b.label, fmt(b.beforeUsd ?? null, 0), fmt(b.afterUsd ?? null, 0)] : [b.label, fmt(b.valueUsd ?? null, 0)])),
          { align: ['left', 'right', 'right'], width },
        ),
      );
    }
  }
  const cv = carbonView(r);
  if (cv) out.push(carbonSentence(cv));
  out.push(...procurementTextLines(sm.procurement, s, width));
  const wv = waveView(r);
  if (wv) {
    out.push('', s.bold(`Migration waves (${wv.waves.length})`), waveSentence(wv));
    const cap = capRows(waveRows(wv), maxRows, 'waves', `${FULL_LISTING}|csv`);
    out.push(textTable(WAVE_HEADER_SHORT, cap.rows, { align: ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'], width }));
    if (cap.more) out.push(s.dim(cap.more));
  }
  const obs = observedView(r);
  if (obs) out.push(`Observed window: ${fmt(obs.windowHours ?? null, 1)} h; IT energy after ${fmt(obs.afterKWh ?? null, 1)} kWh${obs.beforeKWh !== undefined ? `, before ${fmt(obs.beforeKWh, 1)} kWh` : ''} (measured from the time series, before PUE)`);
  const oh = sm.overhead;
  if (oh) {
    const a = oh.attributable;
    const sign = (x: number, d = 0) => `${x >= 0 ? '+' : ''}${fmt(x, d)}`;
    out.push(
      oh.hypervisor === null
        ? 'Hypervisor overhead: none (workloads stacked natively)'
        : `Hypervisor overhead (${oh.virtualization} on ${oh.hypervisor}): CPU ${sign(oh.cpuAddedGhz, 1)} ref GHz-cores (${sign(oh.cpuAddedFraction * 100, 1)}%), VM memory ${sign(oh.vmMemoryOverheadGiB, 1)} GiB, host reserve ${fmt(oh.hostReserveMemoryGiB, 1)} GiB and ${fmt(oh.hostReserveCpuGhz, 1)} ref GHz-cores; ` +
            `against virtualization none: ${sign(a.hosts)} hosts, ${sign(a.powerWatts)} W, ${sign(a.annualCostUsd)} USD/year electricity, ${sign(a.tcoUsd)} USD TCO`,
    );
  }
  const ov = overloadView(r);
  if (ov && ov.fraction !== undefined) out.push(`Overload risk: ${pct(ov.fraction, 2)} of samples would put some host over capacity`);
  const rt = riskTargetView(r);
  if (rt) out.push(rt.met ? riskTargetText(rt, pct) : s.warn(riskTargetText(rt, pct)));
  const curve = riskCurveRows(r);
  if (curve.length) {
    out.push('Risk-energy curve (each risk level planned on the traces):');
    for (const c of curve) out.push(`  risk <= ${pct(c.targetFraction, 1).padStart(5)}: ${fmt(c.hostsUsed).padStart(6)} hosts, ${fmt(c.observedEnergyKWh, 1).padStart(10)} kWh IT over the window, achieved ${pct(c.achievedFraction, 2)}${c.met ? '' : ' (NOT met)'}, CPU target ${c.cpuTargetPercent}%${c.unplaced ? `, ${c.unplaced} unplaced` : ''}`);
  }
  const u = sm.sourceUtilization;
  if (u && u.workloads > 0) {
    out.push(`Source CPU utilization: mean ${pct(u.meanAvgFraction)}, median ${pct(u.medianAvgFraction)} on average; ${u.below20PercentAvg} of ${u.workloads} workloads average below 20%`);
  }
  out.push('');
  out.push(s.bold(`Hosts (${r.hosts.length})`));
  const { shown: dims } = displayDimensions(r.dimensions);
  const hostCap = capRows(r.hosts, maxRows, 'hosts', `${FULL_LISTING}|csv`);
  const hostRows = hostCap.rows.map((h) => [
    h.id,
    h.type,
    String(h.vms.length),
    ...dims.map((d) => pct(h.fill[d])),
    dimensionLabel(h.bindingResource),
    pct(h.cpuUtilization),
    fmt(h.powerWatts, 0),
  ]);
  out.push(
    textTable(
      ['host', 'type', 'VMs', ...dims.map((d) => `${dimensionLabel(d)} fill`), 'binding', 'avg CPU', 'power W'],
      hostRows,
      { align: ['left', 'left', 'right', ...dims.map(() => 'right' as const), 'left', 'right', 'right'], width },
    ),
  );
  if (hostCap.more) out.push(s.dim(hostCap.more));
  if (r.unplaced.length) {
    out.push('');
    out.push(s.warn(`Unplaced workloads (${r.unplaced.length}): they stay on their current servers`));
    const cap = capRows(r.unplaced, maxRows, 'unplaced workloads', `${FULL_LISTING}|csv`);
    out.push(textTable(['id', 'reason'], cap.rows.map((x) => [x.id, x.reason]), { maxWidths: [40, wrap], width }));
    if (cap.more) out.push(s.dim(cap.more));
  }
  out.push(...dataQualitySection(r.dataQuality, s, maxRows, width));
  const g = issueGroups(r);
  out.push(...issuesSection([...g.rejected, ...g.other], s, maxRows, wrap, width));
  out.push('');
  out.push(...assumptionsSection(r.assumptions, s, opts.maxAssumptions ?? TEXT_MAX_ASSUMPTIONS, width));
  for (const w of r.warnings) out.push(s.warn(`warning: ${safeText(w)}`));
  return wrapLines(out, width).join('\n') + '\n';
}

/**
 * The assumptions in force, one row each with the head of its source (the full sources: --format
 * md|html|json, or `consolidate defaults`); the first `max` rows, then how many are left out.
 */
export function assumptionsSection(list: { key: string; value: unknown; unit: string; source: string }[], s: Style, max: number, width: number = DEFAULT_TEXT_WIDTH): string[] {
  const out = [s.bold(`Assumptions (${list.length})`)];
  out.push(s.dim(`Sources in short (in full: ${FULL_LISTING}, or \`consolidate defaults --format md\`); docs/models.md explains each key.`));
  const cap = capRows(list, max, 'assumptions', FULL_LISTING);
  out.push(textTable(['key', 'value', 'source'], cap.rows.map((a) => [a.key, `${showValue(a.value)} ${a.unit}`.trim(), shortSource(a.source, false)]), { maxWidths: [undefined, 30, 64], width }));
  if (cap.more) out.push(s.dim(cap.more));
  return out;
}

/** A default's value in text: arrays as a comma list. */
export function showValue(v: unknown): string {
  return Array.isArray(v) ? v.join(', ') : String(v);
}

export function renderPackText(r: PackResult, opts: TextOptions = {}): string {
  const s = opts.style ?? PLAIN;
  const maxRows = opts.maxRows ?? TEXT_MAX_ROWS;
  const wrap = opts.wrapWidth ?? 72;
  const width = opts.width ?? DEFAULT_TEXT_WIDTH;
  const sm = r.summary;
  const out: string[] = [];
  out.push(s.bold('Vector bin packing'));
  out.push(`Items: ${sm.vms} (${sm.rows.read} rows read, ${sm.rows.accepted} accepted, ${sm.rows.rejected} rejected); resources: ${r.dimensions.map(safeText).join(', ')}`);
  out.push(`Placed ${sm.placed}, unplaced ${sm.unplaced}; hosts used ${sm.hostsUsed}${Object.keys(sm.hostsByType).length > 1 ? ` (${Object.entries(sm.hostsByType).map(([t, n]) => `${n} x ${safeText(t)}`).join(', ')})` : ''}; total cost ${fmt(sm.totalCost, 2)}`);
  out.push(boundLine(sm, s));
  out.push('');
  const hostCap = capRows(r.hosts, maxRows, 'hosts', `${FULL_LISTING}|csv`);
  const hostRows = hostCap.rows.map((h) => [h.id, h.type, String(h.vms.length), ...r.dimensions.map((d) => pct(h.fill[d])), h.bindingResource]);
  out.push(textTable(['host', 'type', 'items', ...r.dimensions.map((d) => `${d} fill`), 'binding'], hostRows, { align: ['left', 'left', 'right', ...r.dimensions.map(() => 'right' as const), 'left'], width }));
  if (hostCap.more) out.push(s.dim(hostCap.more));
  if (r.unplaced.length) {
    out.push('');
    out.push(s.warn(`Unplaced items (${r.unplaced.length})`));
    const cap = capRows(r.unplaced, maxRows, 'unplaced items', `${FULL_LISTING}|csv`);
    out.push(textTable(['id', 'reason'], cap.rows.map((u) => [u.id, u.reason]), { maxWidths: [40, wrap], width }));
    if (cap.more) out.push(s.dim(cap.more));
  }
  const g = issueGroups(r);
  out.push(...issuesSection([...g.rejected, ...g.other], s, maxRows, wrap, width));
  for (const w of r.warnings) out.push(s.warn(`warning: ${safeText(w)}`));
  return wrapLines(out, width).join('\n') + '\n';
}

export { humanize };
