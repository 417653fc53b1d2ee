/**
 * Constraint preprocessing and expansion.
 *
 * - Sites: items are split by `site` and each site is packed as its own instance; host ids get
 *   the site as prefix ("siteA/host-001") and host-type counts apply per site.
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

/** A packed unit: one item, or an affinity group merged into one. */
export interface Unit {
  /** Member items, sorted by id. */
  members: PackingItem[];
  demand: number[];
  antiAffinity: string[];
}

export interface SiteInstance {
  site: string | undefined;
  units: Unit[];
  inst: Instance;
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
  const ids = new Set<string>();
  for (const it of p.items) {
    if (ids.has(it.id)) throw new PackingInputError(`duplicate item id ${it.id}`);
    ids.add(it.id);
    if (it.demand.length !== d)
      throw new PackingInputError(`item ${it.id}: demand has ${it.demand.length} values, expected ${d}`);
  }
  const m = p.constraints?.maxItemsPerHost;
  if (m !== undefined && !(Number.isInteger(m) && m >= 1))
    throw new PackingInputError('maxItemsPerHost must be a positive integer');
  const ha = p.constraints?.ha;
  if (ha !== undefined && !(Number.isInteger(ha) && ha >= 0)) throw new PackingInputError('ha must be a non-negative integer');
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

export function prepare(p: PackingProblem): Prepared {
  validateProblem(p);
  const maxItems = p.constraints?.maxItemsPerHost;
  const unplaced: UnplacedItem[] = [];
  const bad = (it: PackingItem, reason: UnplacedCause, failures: UnplacedItem['failures'] = []) =>
    unplaced.push({ id: it.id, failures, reason });

  // invalid demands are unplaced, not dropped
  const items: PackingItem[] = [];
  for (const it of p.items) {
    if (it.demand.some((x) => !Number.isFinite(x) || x < 0)) {
      bad(it, { code: 'unplaced.invalid-demand', args: { demand: it.demand.slice() } });
    } else items.push(it);
  }

  // affinity groups spanning several sites cannot be honoured
  const affSites = new Map<string, Set<string>>();
  for (const it of items) {
    if (it.affinity === undefined) continue;
    const s = affSites.get(it.affinity) ?? new Set<string>();
    s.add(it.site ?? '');
    affSites.set(it.affinity, s);
  }

  const bySite = new Map<string, PackingItem[]>();
  for (const it of items) {
    if (it.affinity !== undefined && affSites.get(it.affinity)!.size > 1) {
      bad(it, { code: 'unplaced.affinity-sites', args: { group: it.affinity } });
      continue;
    }
    const key = it.site ?? '\u0000';
    const list = bySite.get(key) ?? [];
    list.push(it);
    bySite.set(key, list);
  }
  const siteKeys = [...bySite.keys()].sort(cmpStr);
  const dims = maxItems !== undefined ? [...p.dimensions, ITEM_COUNT_DIMENSION] : [...p.dimensions];
  const hostTypes: PackingHostType[] = p.hostTypes.map((t) => ({
    ...t,
    capacity: maxItems !== undefined ? [...t.capacity, maxItems] : [...t.capacity],
  }));
  const sites: SiteInstance[] = [];
  for (const sk of siteKeys) {
    const list = bySite.get(sk)!.slice().sort((a, b) => cmpStr(a.id, b.id));
    const groups = new Map<string, PackingItem[]>();
    const units: Unit[] = [];
    for (const it of list) {
      if (it.affinity !== undefined) {
        const g = groups.get(it.affinity) ?? [];
        g.push(it);
        groups.set(it.affinity, g);
      } else {
        units.push({ members: [it], demand: it.demand.slice(), antiAffinity: [...new Set(it.antiAffinity ?? [])] });
      }
    }
    for (const [name, members] of groups) {
      const demand = new Array<number>(p.dimensions.length).fill(0);
      const anti = new Set<string>();
      let clash: string | null = null;
      for (const m of members) {
        m.demand.forEach((x, k) => (demand[k] += x));
        for (const a of new Set(m.antiAffinity ?? [])) {
          if (anti.has(a)) clash = a;
          anti.add(a);
        }
      }
      if (clash !== null) {
        for (const m of members) bad(m, { code: 'unplaced.affinity-conflict', args: { group: name, antiAffinityGroup: clash } });
        continue;
      }
      units.push({ members, demand, antiAffinity: [...anti].sort(cmpStr) });
    }
    // unit order: by first member id (deterministic, independent of input order)
    units.sort((a, b) => cmpStr(a.members[0].id, b.members[0].id));
    const kept: Unit[] = [];
    for (const u of units) {
      const dem = maxItems !== undefined ? [...u.demand, u.members.length] : u.demand;
      const group = u.members.length > 1 ? { name: u.members[0].affinity!, items: u.members.length } : undefined;
      const mis = explainMisfit(dims, hostTypes, dem, group);
      if (mis) {
        for (const m of u.members) bad(m, mis.reason, mis.failures);
        continue;
      }
      u.demand = dem;
      kept.push(u);
    }
    sites.push({ site: sk === '\u0000' ? undefined : sk, units: kept, inst: buildInstance(dims, hostTypes, kept) });
  }
  unplaced.sort((a, b) => cmpStr(a.id, b.id));
  return { sites, unplaced };
}

export function buildInstance(dims: string[], hostTypes: PackingHostType[], units: Unit[]): Instance {
  const d = dims.length;
  const n = units.length;
  const w = new Float64Array(n * d);
  units.forEach((u, i) => w.set(u.demand, i * d));
  const groupIds = new Map<string, number>();
  let anyConflict = false;
  const conflicts = units.map((u) => {
    if (u.antiAffinity.length === 0) return null;
    anyConflict = true;
    return Int32Array.from(
      u.antiAffinity.map((g) => {
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
