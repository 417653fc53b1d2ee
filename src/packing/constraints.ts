/**
 * Constraint preprocessing and expansion.
 *
 * - Sites: items are split by `site` and each site is packed as its own instance; host ids get
 *   the site as prefix ("siteA/host-001"); host-type counts are units over the whole problem, which
 *   the sites take in site order (index.ts).
 * - Affinity: all items of one affinity group (within a site) are merged into one item whose
 *   demand is the sum, whose anti-affinity groups are the union, and whose item-count weight is
 *   the member count; after packing it is expanded back to its members on the same host.
 * - Anti-affinity: mapped to integer conflict groups checked by the packers' fit test.
 * - maxItemsPerHost: one extra synthetic dimension "items" (demand = member count, capacity =
 *   the maximum), so every packer, bound and the improver honour it without special cases.
 * - Items that fit no host type in some dimension (or whose groups contradict) are returned as
 *   unplaced with per-host-type failures and a reason as data (messages.ts).
 */
import type { PackingHostType, PackingItem, PackingProblem, UnplacedItem } from './problem.js';
import { FIT_REL_EPS, type Instance } from './internal.js';
import type { AffinityGroupRef, UnplacedCause } from './messages.js';

/** Name of the synthetic item-count dimension added for maxItemsPerHost. */
export const ITEM_COUNT_DIMENSION = 'items';

export interface SiteInstance {
  site: string | undefined;
  inst: Instance;
  /** Packed unit u (instance item u) stands for the problem items
   *  unitMembers[unitStart[u] .. unitStart[u + 1]) (indices into problem.items, in id order):
   *  one item, or an affinity group merged into one. */
  unitStart: Int32Array;
  unitMembers: Int32Array;
}

export interface Prepared {
  sites: SiteInstance[];
  unplaced: UnplacedItem[];
}

/** Thrown for a problem that cannot be packed at all (malformed input). */
export class PackingInputError extends Error {
  override name = 'PackingInputError';
}

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function validateProblem(p: PackingProblem): void {
  const d = p.dimensions.length;
  if (d === 0) throw new PackingInputError('problem has no dimensions');
  if (p.hostTypes.length === 0) throw new PackingInputError('problem has no host types');
  const typeNames = new Set<string>();
  for (const t of p.hostTypes) {
    if (t.capacity.length !== d)
      throw new PackingInputError(`host type ${t.type}: capacity has ${t.capacity.length} values, expected ${d}`);
    if (t.capacity.some((c) => !(c > 0) || !Number.isFinite(c)))
      throw new PackingInputError(`host type ${t.type}: every capacity must be a positive finite number`);
    if (!(t.cost >= 0) || !Number.isFinite(t.cost)) throw new PackingInputError(`host type ${t.type}: cost must be >= 0`);
    if (t.count !== null && !(Number.isInteger(t.count) && t.count >= 0))
      throw new PackingInputError(`host type ${t.type}: count must be a non-negative integer or null`);
    if (typeNames.has(t.type)) throw new PackingInputError(`duplicate host type ${t.type}`);
    typeNames.add(t.type);
  }
  for (const it of p.items) {
    if (it.demand.length !== d)
      throw new PackingInputError(`item ${it.id}: demand has ${it.demand.length} values, expected ${d}`);
  }
  const m = p.constraints?.maxItemsPerHost;
  if (m !== undefined && !(Number.isInteger(m) && m >= 1))
    throw new PackingInputError('maxItemsPerHost must be a positive integer');
  const ha = p.constraints?.ha;
  if (ha !== undefined && !(Number.isInteger(ha) && ha >= 0)) throw new PackingInputError('ha must be a non-negative integer');
}

/**
 * Item indices in ascending id order. Input already in id order (common: generated or exported
 * lists) is recognised in one pass; otherwise sorted. A repeated id throws PackingInputError.
 */
export function idOrder(items: readonly PackingItem[]): Int32Array {
  const n = items.length;
  const order = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && sorted && !(items[i - 1].id < items[i].id)) sorted = false;
  }
  if (!sorted) {
    const arr = Array.from(order);
    arr.sort((a, b) => cmpStr(items[a].id, items[b].id));
    order.set(arr);
  }
  for (let i = 1; i < n; i++) if (items[order[i - 1]].id === items[order[i]].id) throw new PackingInputError(`duplicate item id ${items[order[i]].id}`);
  return order;
}

/** Per-type failures of a demand vector, and the reason as data. null when some type fits. */
export function explainMisfit(
  dims: string[],
  hostTypes: PackingHostType[],
  demand: number[],
  affinityGroup?: AffinityGroupRef,
): { failures: UnplacedItem['failures']; reason: UnplacedCause } | null {
  const failures: UnplacedItem['failures'] = [];
  let anyFits = false;
  for (const t of hostTypes) {
    let ok = true;
    for (let k = 0; k < dims.length; k++) {
      if (demand[k] > t.capacity[k] * (1 + FIT_REL_EPS)) {
        ok = false;
        failures.push({ hostType: t.type, dimension: dims[k], demand: demand[k], capacity: t.capacity[k] });
      }
    }
    if (ok) anyFits = true;
  }
  if (anyFits) return null;
  const group = affinityGroup ? { affinityGroup } : {};
  // dimensions that no host type can hold
  const dimensions: { dimension: string; demand: number; capacity: number }[] = [];
  for (let k = 0; k < dims.length; k++) {
    const largest = Math.max(...hostTypes.map((t) => t.capacity[k]));
    if (demand[k] > largest * (1 + FIT_REL_EPS)) dimensions.push({ dimension: dims[k], demand: demand[k], capacity: largest });
  }
  if (dimensions.length > 0) return { failures, reason: { code: 'unplaced.too-large', args: { dimensions, ...group } } };
  return { failures, reason: { code: 'unplaced.no-single-type', args: { types: failures.map((f) => ({ ...f })), ...group } } };
}

/** Rows of the prepared units of one site, before they become an Instance. */
interface UnitRows {
  members: number[][];
  demand: number[][];
  antiAffinity: (string[] | null)[];
}

/**
 * Splits the problem into site instances (see the module comment). O(n d) plus the id sort
 * (skipped when the items come in id order); one unit object per affinity group, none per item.
 */
export function prepare(p: PackingProblem): Prepared {
  validateProblem(p);
  const items = p.items;
  const maxItems = p.constraints?.maxItemsPerHost;
  const unplaced: UnplacedItem[] = [];
  const bad = (i: number, reason: UnplacedCause, failures: UnplacedItem['failures'] = []) => unplaced.push({ id: items[i].id, failures, reason });
  const order = idOrder(items);
  const valid = new Uint8Array(items.length);
  let anySite = false;
  let anyAffinity = false;
  let anyAnti = false;
  let nValid = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const dem = it.demand;
    let ok = true;
    for (let k = 0; k < dem.length; k++) {
      const x = dem[k];
      if (!Number.isFinite(x) || x < 0) ok = false;
    }
    // invalid demands are unplaced, not dropped
    if (!ok) {
      bad(i, { code: 'unplaced.invalid-demand', args: { demand: dem.slice() } });
      continue;
    }
    valid[i] = 1;
    nValid++;
    if (it.site !== undefined) anySite = true;
    if (it.affinity !== undefined) anyAffinity = true;
    if (it.antiAffinity !== undefined) anyAnti = true;
  }
  // affinity groups spanning several sites cannot be honoured
  if (anyAffinity) {
    const affSites = new Map<string, Set<string>>();
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (!valid[i] || it.affinity === undefined) continue;
      const s = affSites.get(it.affinity) ?? new Set<string>();
      s.add(it.site ?? '');
      affSites.set(it.affinity, s);
    }
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (valid[i] && it.affinity !== undefined && affSites.get(it.affinity)!.size > 1) {
        valid[i] = 0;
        bad(i, { code: 'unplaced.affinity-sites', args: { group: it.affinity } });
      }
    }
  }
  // items of each site, in id order
  const NO_SITE = '\u0000';
  const bySite = new Map<string, ArrayLike<number>>();
  if (!anySite) {
    // one site: the valid items in id order (the order itself when every item is valid)
    let all = order;
    if (nValid < items.length) {
      all = new Int32Array(nValid);
      let j = 0;
      for (let q = 0; q < order.length; q++) if (valid[order[q]]) all[j++] = order[q];
    }
    bySite.set(NO_SITE, all);
  } else {
    for (const i of order) {
      if (!valid[i]) continue;
      const key = items[i].site ?? NO_SITE;
      const list = (bySite.get(key) as number[] | undefined) ?? [];
      list.push(i);
      bySite.set(key, list);
    }
  }
  const siteKeys = [...bySite.keys()].sort(cmpStr);
  const dims = maxItems !== undefined ? [...p.dimensions, ITEM_COUNT_DIMENSION] : [...p.dimensions];
  const hostTypes: PackingHostType[] = p.hostTypes.map((t) => ({
    ...t,
    capacity: maxItems !== undefined ? [...t.capacity, maxItems] : [...t.capacity],
  }));
  // per host type, the most it holds in each dimension (the fit test's own product, computed once)
  const fitLimits = hostTypes.map((t) => t.capacity.map((c) => c * (1 + FIT_REL_EPS)));
  const sites: SiteInstance[] = [];
  for (const sk of siteKeys) {
    const list = bySite.get(sk)!;
    const units = anyAffinity ? affinityUnits(items, list, p.dimensions.length, (i, reason) => bad(i, reason)) : null;
    const nUnits = units ? units.members.length : list.length;
    const d = dims.length;
    const d0 = p.dimensions.length;
    const unitStart = new Int32Array(nUnits + 1);
    // members of the kept units, in order (at most one per item of the site: no per-item arrays)
    const memberList = new Int32Array(units ? units.members.reduce((a, m) => a + m.length, 0) : nUnits);
    let nMembers = 0;
    const w = new Float64Array(nUnits * dims.length);
    // anti-affinity groups per unit; none at all when no item names one
    const anti: (string[] | null)[] | null = units || anyAnti ? [] : null;
    const demand = new Array<number>(d);
    let kept = 0;
    for (let u = 0; u < nUnits; u++) {
      const count = units ? units.members[u].length : 1;
      const dem = units ? units.demand[u] : items[list[u]].demand;
      if (!units && maxItems === undefined) {
        // a plain item: its demand row as it is (the general steps below copy the same values)
        if (!fitsSomeLimit(fitLimits, dem, d)) {
          for (let k = 0; k < d; k++) demand[k] = dem[k];
          const mis = explainMisfit(dims, hostTypes, demand)!;
          bad(list[u], mis.reason, mis.failures);
          continue;
        }
        memberList[nMembers++] = list[u];
        unitStart[++kept] = nMembers;
        const o = kept * d - d;
        for (let k = 0; k < d; k++) w[o + k] = dem[k];
        if (anti) {
          const aa = items[list[u]].antiAffinity;
          anti.push(aa && aa.length ? [...new Set(aa)] : null);
        }
        continue;
      }
      for (let k = 0; k < d0; k++) demand[k] = dem[k];
      if (maxItems !== undefined) demand[d0] = count;
      if (!fitsSomeType(hostTypes, demand)) {
        const members = units ? units.members[u] : [list[u]];
        const group = members.length > 1 ? { name: items[members[0]].affinity!, items: members.length } : undefined;
        const mis = explainMisfit(dims, hostTypes, demand, group)!;
        for (const m of members) bad(m, mis.reason, mis.failures);
        continue;
      }
      if (units) for (const m of units.members[u]) memberList[nMembers++] = m;
      else memberList[nMembers++] = list[u];
      unitStart[++kept] = nMembers;
      for (let k = 0; k < d; k++) w[kept * d - d + k] = demand[k];
      const aa = units ? units.antiAffinity[u] : items[list[u]].antiAffinity;
      anti?.push(aa && aa.length ? (units ? aa : [...new Set(aa)]) : null);
    }
    sites.push({
      site: sk === NO_SITE ? undefined : sk,
      inst: buildInstance(dims, hostTypes, kept, kept === nUnits ? w : w.slice(0, kept * d), anti),
      unitStart: unitStart.slice(0, kept + 1),
      unitMembers: memberList.slice(0, nMembers),
    });
  }
  unplaced.sort((a, b) => cmpStr(a.id, b.id));
  return { sites, unplaced };
}

/** True when some host type holds the demand in every dimension: fitsSomeType with each type's
 *  limits capacity × (1 + FIT_REL_EPS) computed once (the same products, so the same answer). */
function fitsSomeLimit(limits: number[][], demand: readonly number[], d: number): boolean {
  for (let t = 0; t < limits.length; t++) {
    const lim = limits[t];
    let ok = true;
    for (let k = 0; k < d; k++) {
      if (demand[k] > lim[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

/** True when some host type holds the demand in every dimension. */
function fitsSomeType(hostTypes: PackingHostType[], demand: number[]): boolean {
  for (const t of hostTypes) {
    let ok = true;
    for (let k = 0; k < demand.length && ok; k++) if (demand[k] > t.capacity[k] * (1 + FIT_REL_EPS)) ok = false;
    if (ok) return true;
  }
  return false;
}

/**
 * Units of one site when affinity groups exist: single items and merged groups (demand summed,
 * anti-affinity groups united; a group holding two members of one anti-affinity group is
 * unplaced), ordered by their first member id.
 */
function affinityUnits(items: readonly PackingItem[], list: ArrayLike<number>, d: number, bad: (i: number, reason: UnplacedCause) => void): UnitRows {
  const groups = new Map<string, number[]>();
  const rows: { first: string; members: number[]; demand: number[]; anti: string[] | null }[] = [];
  for (let q = 0; q < list.length; q++) {
    const i = list[q];
    const it = items[i];
    if (it.affinity !== undefined) {
      const g = groups.get(it.affinity) ?? [];
      g.push(i);
      groups.set(it.affinity, g);
    } else {
      rows.push({ first: it.id, members: [i], demand: it.demand, anti: it.antiAffinity?.length ? [...new Set(it.antiAffinity)] : null });
    }
  }
  for (const [name, members] of groups) {
    const demand = new Array<number>(d).fill(0);
    const anti = new Set<string>();
    let clash: string | null = null;
    for (const m of members) {
      items[m].demand.forEach((x, k) => (demand[k] += x));
      for (const a of new Set(items[m].antiAffinity ?? [])) {
        if (anti.has(a)) clash = a;
        anti.add(a);
      }
    }
    if (clash !== null) {
      for (const m of members) bad(m, { code: 'unplaced.affinity-conflict', args: { group: name, antiAffinityGroup: clash } });
      continue;
    }
    rows.push({ first: items[members[0]].id, members, demand, anti: anti.size ? [...anti].sort(cmpStr) : null });
  }
  // unit order: by first member id (deterministic, independent of input order)
  rows.sort((a, b) => cmpStr(a.first, b.first));
  return { members: rows.map((r) => r.members), demand: rows.map((r) => r.demand), antiAffinity: rows.map((r) => r.anti) };
}

/** The Instance of one site: n units with demands w (n × d, unit-major) and anti-affinity groups
 *  (null: no unit has any). */
export function buildInstance(dims: string[], hostTypes: PackingHostType[], n: number, w: Float64Array, antiAffinity: (string[] | null)[] | null): Instance {
  const d = dims.length;
  const groupIds = new Map<string, number>();
  let anyConflict = false;
  const conflicts = (antiAffinity ?? []).map((aa) => {
    if (!aa) return null;
    anyConflict = true;
    return Int32Array.from(
      aa.map((g) => {
        let id = groupIds.get(g);
        if (id === undefined) groupIds.set(g, (id = groupIds.size));
        return id;
      }),
    );
  });
  const types = hostTypes.map((t) => ({
    name: t.type,
    cap: Float64Array.from(t.capacity),
    cost: t.cost,
    count: t.count === null ? Infinity : t.count,
  }));
  const ref = new Float64Array(d);
  for (const t of types) for (let k = 0; k < d; k++) ref[k] = Math.max(ref[k], t.cap[k]);
  return { d, n, w, dimNames: dims, conflicts: anyConflict ? conflicts : null, nGroups: groupIds.size, types, ref };
}
