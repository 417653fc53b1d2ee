import type { PlanResult, PackResult } from '../model/plan-result.js';
import type { Issue } from '../model/issue.js';
import { fmt, pct, textTable, PLAIN, safeText, type Style } from './format.js';

export interface TextOptions {
  style?: Style;
  /** Maximum rows in long tables (hosts, VMs, issues); the rest is summarized. */
  maxRows?: number;
}

function issuesSection(issues: Issue[], s: Style, maxRows: number): string[] {
  if (!issues.length) return [];
  const rejected = issues.filter((i) => i.severity === 'error');
  const other = issues.filter((i) => i.severity !== 'error');
  const out: string[] = ['', s.bold(`Issues (${rejected.length} rejected rows, ${other.length} warnings/notes)`)];
  const loc = (i: Issue) => (i.file ? `${i.file}${i.line ? `:${i.line}` : ''}` : '');
  const shown = [...rejected, ...other].slice(0, maxRows);
  out.push(textTable(['severity', 'location', 'column', 'message'], shown.map((i) => [i.severity, loc(i), i.column ?? '', i.message])));
  if (rejected.length + other.length > shown.length) out.push(s.dim(`... ${rejected.length + other.length - shown.length} more (use --format json or --rejects FILE for all)`));
  return out;
}

function boundLine(sm: PackResult['summary'], s: Style): string {
  const lb = sm.hostsLowerBound !== null ? `${sm.hostsLowerBound} hosts` : `cost ${fmt(sm.costLowerBound, 2)}`;
  const status = sm.optimal ? s.good('proven optimal') : `gap ${pct(sm.gap, 1)} to the bound`;
  return `Lower bound: ${lb} (${sm.boundSource}); ${status}; algorithm ${sm.algorithm}`;
}

export function renderPlanText(r: PlanResult, opts: TextOptions = {}): string {
  const s = opts.style ?? PLAIN;
  const maxRows = opts.maxRows ?? 50;
  const sm = r.summary;
  const o = r.options as Record<string, unknown>;
  const out: string[] = [];
  out.push(s.bold('Consolidation plan'));
  out.push(`Inputs: ${sm.rows.read} rows read, ${sm.rows.accepted} accepted, ${sm.rows.rejected} rejected; ${sm.vms} workloads (${sm.sourceServers} physical servers)`);
  out.push(`Target: ${sm.hostType}; virtualization ${o.virtualization}, hypervisor ${o.hypervisor}; CPU target ${o.cpuTarget}%, memory target ${o.memoryTarget}%`);
  out.push('');
  const row = (label: string, k: keyof PlanResult['summary']['before'], d = 0) => [label, fmt(sm.before[k], d), fmt(sm.after[k], d), fmt(sm.savings[k], d)];
  out.push(
    textTable(
      ['', 'Before', 'After', 'Savings'],
      [
        row('Hosts', 'hosts'),
        row('IT power (W)', 'powerWatts'),
        row('Facility power (W, x PUE)', 'facilityPowerWatts'),
        row('Energy per year (kWh)', 'annualEnergyKWh'),
        row('Electricity per year (USD)', 'annualCostUsd'),
        row('CO2 per year (kg)', 'annualCo2Kg'),
      ],
      ['left', 'right', 'right', 'right'],
    ),
  );
  out.push('');
  out.push(`Placed ${sm.placed} of ${sm.vms} workloads on ${sm.hostsUsed} hosts; consolidation ratio ${sm.consolidationRatio === null ? '-' : `${fmt(sm.consolidationRatio, 1)}:1`}`);
  out.push(boundLine(sm, s));
  out.push('');
  out.push(s.bold(`Hosts (${r.hosts.length})`));
  const hostRows = r.hosts.slice(0, maxRows).map((h) => [
    h.id,
    h.type,
    String(h.vms.length),
    pct(h.fill.cpu_ghz),
    pct(h.fill.memory_gib),
    h.bindingResource,
    pct(h.cpuUtilization),
    fmt(h.powerWatts, 0),
  ]);
  out.push(textTable(['host', 'type', 'VMs', 'CPU fill', 'mem fill', 'binding', 'avg CPU', 'power W'], hostRows, ['left', 'left', 'right', 'right', 'right', 'left', 'right', 'right']));
  if (r.hosts.length > maxRows) out.push(s.dim(`... ${r.hosts.length - maxRows} more hosts`));
  if (r.unplaced.length) {
    out.push('');
    out.push(s.warn(`Unplaced workloads (${r.unplaced.length}): they stay on their current servers`));
    out.push(textTable(['id', 'reason'], r.unplaced.slice(0, maxRows).map((u) => [u.id, u.reason])));
  }
  out.push(...issuesSection(r.issues.filter((i) => i.code !== 'plan.unplaced'), s, maxRows));
  out.push('');
  out.push(s.bold('Assumptions'));
  out.push(textTable(['key', 'value', 'unit', 'source'], r.assumptions.map((a) => [a.key, String(a.value), a.unit, a.source])));
  for (const w of r.warnings) out.push(s.warn(`warning: ${safeText(w)}`));
  return out.join('\n') + '\n';
}

export function renderPackText(r: PackResult, opts: TextOptions = {}): string {
  const s = opts.style ?? PLAIN;
  const maxRows = opts.maxRows ?? 50;
  const sm = r.summary;
  const out: string[] = [];
  out.push(s.bold('Vector bin packing'));
  out.push(`Items: ${sm.vms} (${sm.rows.read} rows read, ${sm.rows.accepted} accepted, ${sm.rows.rejected} rejected); resources: ${r.dimensions.join(', ')}`);
  out.push(`Placed ${sm.placed}, unplaced ${sm.unplaced}; hosts used ${sm.hostsUsed}${Object.keys(sm.hostsByType).length > 1 ? ` (${Object.entries(sm.hostsByType).map(([t, n]) => `${n} x ${t}`).join(', ')})` : ''}; total cost ${fmt(sm.totalCost, 2)}`);
  out.push(boundLine(sm, s));
  out.push('');
  const hostRows = r.hosts.slice(0, maxRows).map((h) => [h.id, h.type, String(h.vms.length), ...r.dimensions.map((d) => pct(h.fill[d])), h.bindingResource]);
  out.push(textTable(['host', 'type', 'items', ...r.dimensions.map((d) => `${d} fill`), 'binding'], hostRows, ['left', 'left', 'right', ...r.dimensions.map(() => 'right' as const), 'left']));
  if (r.hosts.length > maxRows) out.push(s.dim(`... ${r.hosts.length - maxRows} more hosts`));
  if (r.unplaced.length) {
    out.push('');
    out.push(s.warn(`Unplaced items (${r.unplaced.length})`));
    out.push(textTable(['id', 'reason'], r.unplaced.slice(0, maxRows).map((u) => [u.id, u.reason])));
  }
  out.push(...issuesSection(r.issues, s, maxRows));
  for (const w of r.warnings) out.push(s.warn(`warning: ${safeText(w)}`));
  return out.join('\n') + '\n';
}
