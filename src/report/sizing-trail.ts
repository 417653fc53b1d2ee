import type { PlanVm, SizingTrail, SizingFactor } from '../model/plan-result.js';
import { fmt } from './format.js';
import { ioDimensionOf } from '../model/dimensions.js';

/**
 * The sizing trail of one workload as rows a reviewer can read: the input value, every
 * multiplier with its registry key, and the result, for CPU then memory. Renderers only format
 * these rows (HTML `<details>` table, CSV columns); no arithmetic here, the figures are the trail's.
 */
export interface TrailRow {
  resource: 'CPU' | 'memory' | 'disk IOPS' | 'disk throughput' | 'network';
  step: string;
  value: string;
  /** Registry key (`consolidate defaults`) or input field the value comes from. */
  key: string;
}

/** Up to `d` decimals, trailing zeros dropped: 24.9, 1.3, 30.55. */
const num = (x: number, d = 3) => fmt(x, d).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
const factorRows = (resource: TrailRow['resource'], fs: SizingFactor[]): TrailRow[] => fs.map((f) => ({ resource, step: `× ${f.what}`, value: `× ${num(f.value)}`, key: f.key }));

/** The rows of one trail, in the order the sizing applied them. */
export function trailRows(t: SizingTrail): TrailRow[] {
  const c = t.cpu;
  const m = t.memory;
  const rows: TrailRow[] = [];
  if (c.source) rows.push({ resource: 'CPU', step: `input (${c.basis})`, value: `${num(c.source.value)} ${c.source.unit}`, key: c.source.field });
  rows.push({ resource: 'CPU', step: 'source capacity', value: `${fmt(c.cores)} cores × ${num(c.ghz)} GHz = ${num(c.capacityRefGhz)} ref GHz-cores (after normalization)`, key: 'cores, cpu_ghz' });
  rows.push({ resource: 'CPU', step: 'sized utilization', value: `${num(c.sizedUtilizationFraction * 100, 2)}%${c.capped ? ' (capped at 100%)' : ''}`, key: c.basis });
  rows.push(...factorRows('CPU', c.factors));
  rows.push({ resource: 'CPU', step: 'native demand', value: `${num(c.nativeGhz)} ref GHz-cores`, key: '' });
  rows.push({ resource: 'CPU', step: 'demand on a host', value: `${num(c.demandGhz)} ref GHz-cores`, key: '' });
  rows.push({ resource: 'memory', step: `policy ${m.policy}: sized by ${m.basis}${m.fallback ? ` (${m.fallback.replace(/-/g, ' ')})` : ''}`, value: '', key: 'sizing.memoryPolicy' });
  rows.push({ resource: 'memory', step: 'configured', value: `${num(m.configuredGiB)} GiB${m.configuredAssumed ? ' (assumed)' : ''}`, key: m.configuredAssumed ? 'trace.vmMemoryGiB' : 'memory_gb' });
  if (m.usedGiB !== undefined) rows.push({ resource: 'memory', step: 'used (measured)', value: `${num(m.usedGiB)} GiB`, key: m.usedField ?? '' });
  if (m.activeGiB !== undefined) rows.push({ resource: 'memory', step: 'active (measured)', value: `${num(m.activeGiB)} GiB`, key: m.activeField ?? '' });
  rows.push(...factorRows('memory', m.factors));
  if (m.cappedAtConfigured) rows.push({ resource: 'memory', step: 'capped at configured memory', value: `${num(m.configuredGiB)} GiB`, key: '' });
  rows.push({ resource: 'memory', step: 'sized memory', value: `${num(m.nativeGiB)} GiB`, key: '' });
  rows.push({ resource: 'memory', step: '+ per-VM hypervisor overhead', value: `${num(m.overheadGiB)} GiB`, key: 'overhead.memory.*' });
  rows.push({ resource: 'memory', step: 'demand on a host', value: `${num(m.demandGiB)} GiB`, key: '' });
  for (const x of t.io ?? []) {
    const resource = (ioDimensionOf(x.dimension)?.label ?? x.dimension) as TrailRow['resource'];
    if (x.source) rows.push({ resource, step: `input (${x.basis})`, value: `${num(x.source.value)} ${x.source.unit}`, key: x.source.field });
    else rows.push({ resource, step: 'no figure (taken as 0)', value: '', key: 'plan.io-missing' });
    rows.push(...factorRows(resource, x.factors));
    rows.push({ resource, step: 'demand on a host', value: `${num(x.demand)} ${x.unit}`, key: '' });
  }
  return rows;
}

/** One-line summary of a trail: "p95 24.9% · used 23.5 GiB × 1.3". */
export function trailSummary(t: SizingTrail): string {
  const c = t.cpu;
  const m = t.memory;
  const cpu = c.source ? `${c.basis} ${num(c.source.value, 1)} ${c.source.unit}` : c.basis;
  const memValue = m.basis === 'used' ? m.usedGiB : m.basis === 'active' ? m.activeGiB : m.configuredGiB;
  const mem = `${m.basis} ${num(memValue ?? m.configuredGiB, 1)} GiB${m.comfortFactor !== undefined ? ` × ${num(m.comfortFactor, 2)}` : ''}${m.cappedAtConfigured ? ' (capped)' : ''}`;
  return `CPU ${cpu} · memory ${mem}`;
}

/** `key=value` of each factor, space-separated (the placement CSV's factor columns). */
export function factorList(fs: SizingFactor[]): string {
  return fs.map((f) => `${f.key}=${f.value}`).join(' ');
}

/** The trail columns of the placement CSV, in order, and their values for one VM. */
export const TRAIL_CSV_COLUMNS = ['cpu_source_field', 'cpu_source_value', 'cpu_source_unit', 'cpu_factors', 'memory_policy', 'memory_basis', 'memory_configured_gib', 'memory_used_gib', 'memory_active_gib', 'comfort_factor', 'memory_factors'] as const;

export function trailCsvValues(v: PlanVm): (string | number)[] {
  const t = v.sizing;
  if (!t) return TRAIL_CSV_COLUMNS.map(() => '');
  const c = t.cpu;
  const m = t.memory;
  return [c.source?.field ?? '', c.source?.value ?? '', c.source?.unit ?? '', factorList(c.factors), m.policy, m.basis, m.configuredGiB, m.usedGiB ?? '', m.activeGiB ?? '', m.comfortFactor ?? '', factorList(m.factors)];
}
