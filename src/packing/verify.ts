/**
 * Independent feasibility checker for a PackingResult. It shares no code with the packers (it
 * imports only the public types) so that a bug in the engine cannot hide itself.
 *
 * Checks: every item placed exactly once or listed unplaced (with a reason); no unknown items;
 * host types exist; reported loads equal the recomputed sums; no host over capacity in any
 * dimension; host-type counts respected (across the whole problem, sites included); anti-affinity, affinity,
 * site and maxItemsPerHost honoured; totalCost equals the sum of host costs; bound and gap
 * consistent (costLowerBound <= totalCost when everything is placed; optimal implies gap 0); for
 * ha = 1 the failure-case certificate (haVerification.cases) is re-checked move by move.
 */
import type { PackingProblem, PackingResult, PackingItem, PackingHostType } from './problem.js';

/** Relative tolerance for load/capacity comparisons (sums of doubles in a different order). */
const VERIFY_REL_TOL = 1e-9;

export function verifyPacking(problem: PackingProblem, result: PackingResult): { ok: boolean; violations: string[] } {
  const v: string[] = [];
  const MAX_REPORTED = 50;
  const add = (s: string) => {
    if (v.length < MAX_REPORTED) v.push(s);
    else if (v.length === MAX_REPORTED) v.push('... further violations omitted');
  };
  const dims = problem.dimensions.length;
  const itemById = new Map<string, PackingItem>();
  for (const it of problem.items) itemById.set(it.id, it);
  const typeByName = new Map<string, PackingHostType>();
  for (const t of problem.hostTypes) typeByName.set(t.type, t);
  const seen = new Map<string, string>(); // item -> host id or "unplaced"
  const hostOfItem = new Map<string, string>();
  const maxItems = problem.constraints?.maxItemsPerHost;
  const useSites = problem.items.some((it) => it.site !== undefined);
  const counts = new Map<string, number>(); // type -> hosts of that type, over every site
  let cost = 0;
  const hostIds = new Set<string>();
  const hostById = new Map<string, (typeof result.hosts)[number]>();

  for (const h of result.hosts) {
    if (hostIds.has(h.id)) add(`duplicate host id ${h.id}`);
    hostIds.add(h.id);
    hostById.set(h.id, h);
    const t = typeByName.get(h.type);
    if (!t) {
      add(`host ${h.id}: unknown host type ${h.type}`);
      continue;
    }
    cost += t.cost;
    counts.set(h.type, (counts.get(h.type) ?? 0) + 1);
    const load = new Array<number>(dims).fill(0);
    const groupsHere = new Map<string, string>();
    for (const id of h.items) {
      const it = itemById.get(id);
      if (!it) {
        add(`host ${h.id}: unknown item ${id}`);
        continue;
      }
      if (seen.has(id)) add(`item ${id} placed more than once (${seen.get(id)} and ${h.id})`);
      seen.set(id, h.id);
      hostOfItem.set(id, h.id);
      for (let k = 0; k < dims; k++) load[k] += it.demand[k];
      for (const g of new Set(it.antiAffinity ?? [])) {
        if (groupsHere.has(g)) add(`host ${h.id}: items ${groupsHere.get(g)} and ${id} share anti-affinity group ${g}`);
        else groupsHere.set(g, id);
      }
      if (useSites && (it.site ?? '') !== (h.site ?? '')) add(`host ${h.id} (site ${h.site ?? '-'}) holds item ${id} of site ${it.site ?? '-'}`);
    }
    if (h.load.length !== dims) add(`host ${h.id}: load has ${h.load.length} values, expected ${dims}`);
    for (let k = 0; k < dims; k++) {
      const tol = VERIFY_REL_TOL * Math.max(1, t.capacity[k]);
      if (Math.abs((h.load[k] ?? NaN) - load[k]) > tol || Number.isNaN(h.load[k]))
        add(`host ${h.id}: reported ${problem.dimensions[k]} load ${h.load[k]} but items sum to ${load[k]}`);
      if (load[k] > t.capacity[k] + tol)
        add(`host ${h.id}: ${problem.dimensions[k]} load ${load[k]} exceeds capacity ${t.capacity[k]}`);
    }
    if (maxItems !== undefined && h.items.length > maxItems) add(`host ${h.id}: ${h.items.length} items, more than ${maxItems}`);
  }
  for (const [type, c] of counts) {
    const t = typeByName.get(type)!;
    if (t.count !== null && c > t.count) add(`${c} hosts of type ${type}, only ${t.count} available`);
  }
  for (const u of result.unplaced) {
    if (!itemById.has(u.id)) add(`unplaced: unknown item ${u.id}`);
    if (seen.has(u.id)) add(`item ${u.id} both ${seen.get(u.id) === 'unplaced' ? 'unplaced twice' : `placed on ${seen.get(u.id)} and unplaced`}`);
    seen.set(u.id, 'unplaced');
    if (!u.reason) add(`unplaced item ${u.id} has no reason`);
  }
  for (const it of problem.items) if (!seen.has(it.id)) add(`item ${it.id} neither placed nor listed unplaced`);

  // affinity: all members on one host, or all unplaced
  const aff = new Map<string, Set<string>>();
  for (const it of problem.items) {
    if (it.affinity === undefined) continue;
    const s = aff.get(it.affinity) ?? new Set<string>();
    s.add(hostOfItem.get(it.id) ?? 'unplaced');
    aff.set(it.affinity, s);
  }
  for (const [g, s] of aff) if (s.size > 1) add(`affinity group ${g} is split over ${[...s].sort().join(', ')}`);

  // cost and bound consistency
  if (Math.abs(cost - result.totalCost) > 1e-9 * Math.max(1, cost)) add(`totalCost ${result.totalCost} but hosts cost ${cost}`);
  const lbTol = 1e-9 * Math.max(1, result.totalCost);
  if (result.unplaced.length === 0 && result.costLowerBound > result.totalCost + lbTol)
    add(`costLowerBound ${result.costLowerBound} exceeds totalCost ${result.totalCost}`);
  if (result.hostsLowerBound !== null) {
    if (problem.hostTypes.length !== 1) add('hostsLowerBound must be null with several host types');
    const realHosts = result.hosts.length;
    if (result.unplaced.length === 0 && result.hostsLowerBound > realHosts) add(`hostsLowerBound ${result.hostsLowerBound} exceeds hosts used ${realHosts}`);
  }
  if (result.costLowerBound > 0) {
    const g = Math.max(0, (result.totalCost - result.costLowerBound) / result.costLowerBound);
    if (Math.abs(g - result.gap) > 1e-9) add(`gap ${result.gap} but (totalCost - costLowerBound) / costLowerBound = ${g}`);
  }
  if (result.optimal && result.gap > 1e-9) add(`optimal is true but gap is ${result.gap}`);

  // HA certificate (ha = 1)
  const hv = result.haVerification;
  if ((problem.constraints?.ha ?? 0) > 0 && !hv) add('constraints.ha is set but haVerification is missing');
  if (hv && hv.cases) {
    const caseByHost = new Map(hv.cases.map((c) => [c.failedHost, c]));
    if (hv.ok && hv.casesAbsorbed !== hv.casesChecked) add('haVerification.ok but not every case absorbed');
    if (hv.ok) {
      for (const h of result.hosts) {
        if (h.items.length > 0 && !caseByHost.has(h.id)) add(`HA: no failure case for host ${h.id}`);
      }
    }
    for (const c of hv.cases) {
      const failed = hostById.get(c.failedHost);
      if (!failed) {
        add(`HA: unknown failed host ${c.failedHost}`);
        continue;
      }
      const moved = new Set(c.moves.map((m) => m.item));
      for (const id of failed.items) if (!moved.has(id)) add(`HA: failure of ${c.failedHost} leaves item ${id} without a host`);
      const extra = new Map<string, string[]>();
      for (const m of c.moves) {
        if (m.host === c.failedHost) add(`HA: failure of ${c.failedHost} moves ${m.item} onto the failed host`);
        if (!failed.items.includes(m.item)) add(`HA: failure of ${c.failedHost} moves ${m.item}, which was not on it`);
        const l = extra.get(m.host) ?? [];
        l.push(m.item);
        extra.set(m.host, l);
      }
      for (const [hid, ids] of extra) {
        const h = hostById.get(hid);
        const t = h && typeByName.get(h.type);
        if (!h || !t) {
          add(`HA: unknown target host ${hid}`);
          continue;
        }
        const all = [...h.items, ...ids].map((id) => itemById.get(id)!).filter(Boolean);
        for (let k = 0; k < dims; k++) {
          let s = 0;
          for (const it of all) s += it.demand[k];
          if (s > t.capacity[k] + VERIFY_REL_TOL * Math.max(1, t.capacity[k]))
            add(`HA: failure of ${c.failedHost} overloads ${hid} in ${problem.dimensions[k]} (${s} > ${t.capacity[k]})`);
        }
        if (maxItems !== undefined && all.length > maxItems) add(`HA: failure of ${c.failedHost} puts ${all.length} items on ${hid}`);
        const g = new Set<string>();
        for (const it of all)
          for (const a of new Set(it.antiAffinity ?? [])) {
            if (g.has(a)) add(`HA: failure of ${c.failedHost} breaks anti-affinity ${a} on ${hid}`);
            g.add(a);
          }
        for (const it of all) if (useSites && (it.site ?? '') !== (h.site ?? '')) add(`HA: failure of ${c.failedHost} moves ${it.id} across sites`);
      }
    }
  }
  return { ok: v.length === 0, violations: v };
}
