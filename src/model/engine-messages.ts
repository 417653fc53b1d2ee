import type { UnplacedItem } from '../packing/problem.js';
import { issue, type Issue } from './issue.js';
import type { AffinityGroupRef, DimensionShortfall, UnplacedReason } from './messages.js';

/**
 * The boundary between the packing engine and the coded messages: the engine reports unplaced
 * items as per-type failures plus a sentence, and warnings as sentences; here they become
 * `{ code, args }` data, rendered by model/messages.ts like every other message. The failures
 * (numbers) are the source of truth; the engine's sentence is only read to tell which of its
 * fixed reasons applies (affinity, host counts, invalid demand).
 */

/** Display name and unit of a dimension (plan: "memory", "GiB"); undefined = show the raw name. */
export type DimensionLabel = (dimension: string) => { name: string; unit: string } | undefined;

const AFFINITY_PREFIX = /^affinity group (.+?) \((\d+) items\) /;

/** The coded reason of one unplaced engine item. */
export function unplacedReason(u: Pick<UnplacedItem, 'failures' | 'reason'>, label: DimensionLabel = () => undefined, afterReserve = false): UnplacedReason {
  const text = u.reason ?? '';
  let m: RegExpExecArray | null;
  if (text.startsWith('no host left')) return { code: 'unplaced.no-host-left', args: {} };
  if ((m = /^invalid demand \((.*)\)/.exec(text))) return { code: 'unplaced.invalid-demand', args: { demand: m[1].split(', ').map(Number) } };
  if ((m = /^affinity group (.+) spans several sites/.exec(text))) return { code: 'unplaced.affinity-sites', args: { group: m[1] } };
  if ((m = /^affinity group (.+) contains two items of anti-affinity group (.+); both cannot hold$/.exec(text))) return { code: 'unplaced.affinity-conflict', args: { group: m[1], antiAffinityGroup: m[2] } };
  const g = AFFINITY_PREFIX.exec(text);
  const affinityGroup: AffinityGroupRef | undefined = g ? { name: g[1], items: Number(g[2]) } : undefined;
  // A dimension no host type can hold: every type that fails, fails on it.
  const types = [...new Set(u.failures.map((f) => f.hostType))];
  const byDim = new Map<string, { demand: number; capacity: number; types: Set<string> }>();
  for (const f of u.failures) {
    const cur = byDim.get(f.dimension) ?? { demand: f.demand, capacity: 0, types: new Set<string>() };
    cur.capacity = Math.max(cur.capacity, f.capacity);
    cur.types.add(f.hostType);
    byDim.set(f.dimension, cur);
  }
  const dims: DimensionShortfall[] = [];
  for (const [dimension, v] of byDim) {
    if (v.types.size < types.length) continue;
    const l = label(dimension);
    dims.push({ dimension, ...(l ? { name: l.name, unit: l.unit } : {}), demand: v.demand, capacity: v.capacity });
  }
  if (dims.length) return { code: 'unplaced.too-large', args: { dimensions: dims, ...(afterReserve ? { afterReserve } : {}), ...(affinityGroup ? { affinityGroup } : {}) } };
  return { code: 'unplaced.no-single-type', args: { types: u.failures.map((f) => ({ hostType: f.hostType, dimension: f.dimension, demand: f.demand, capacity: f.capacity })), ...(affinityGroup ? { affinityGroup } : {}) } };
}

/** Engine warnings as coded issues (severity warning), in the engine's order. */
export function engineWarningIssues(warnings: readonly string[]): Issue[] {
  return warnings.map((w) => {
    let m: RegExpExecArray | null;
    if ((m = /^(?:site (.+?): )?optimality not proven; gap ([\d.]+)% to the (.+?) bound( \(before the HA reserve\))?$/.exec(w)))
      return issue('packing.not-proven', 'warning', { ...(m[1] !== undefined ? { site: m[1] } : {}), gapFraction: Number(m[2]) / 100, bound: m[3], beforeHa: m[4] !== undefined });
    if (w.startsWith('aborted by signal')) return issue('packing.aborted', 'warning', {});
    if (w.startsWith('wall-clock safety net fired')) return issue('packing.wall-clock', 'warning', {});
    if ((m = /^(.+?) stopped at its wall-clock safety limit/.exec(w))) return issue('packing.wall-clock', 'warning', { phase: m[1] });
    if ((m = /^exact phase \((.+?), (.+?)\) failed \((.*)\); kept the best heuristic result, gap (.+) to the (.+?) bound$/.exec(w)))
      return issue('solver.fallback', 'warning', { model: m[1], backend: m[2], fault: m[3], gapPercent: m[4], bound: m[5] });
    if ((m = /^HA (\d+): could not add/.exec(w))) return issue('packing.ha-not-guaranteed', 'warning', { ha: Number(m[1]) });
    if ((m = /^HA 1: (\d+) single-host failure case\(s\) cannot be absorbed after adding (\d+) spare hosts$/.exec(w)))
      return issue('packing.ha-unabsorbed', 'warning', { cases: Number(m[1]), spares: Number(m[2]), noHostLeft: false });
    if ((m = /^HA 1: (\d+) single-host failure case\(s\) cannot be absorbed and no host is left/.exec(w)))
      return issue('packing.ha-unabsorbed', 'warning', { cases: Number(m[1]), spares: 0, noHostLeft: true });
    return issue('plan.warning', 'warning', { engineText: w });
  });
}
