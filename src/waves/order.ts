import type { Steps } from '../util/cooperate.js';
import type { MoveUnit } from './units.js';
import type { WaveWorld } from './account.js';

/**
 * The order of the move: which unit goes when. Two orders, and one way to cut an order into waves.
 *
 * `hostFirstOrder` (the plan's): a greedy by target host, then by source server. Repeatedly take one
 * target host and move everything still bound for it, so a host is filled before the next is
 * racked; which host next is the one with the best net saving per workload moved, where the net
 * saving is the "before" power of the source servers that this host's workloads empty completely
 * (only whole servers are switched off) minus the power of the new host (a host already racked, or
 * a kept server, costs nothing more). Ranking jobs by gain over processing time is Smith's rule
 * (W. E. Smith, "Various optimizers for single-stage production", Naval Research Logistics
 * Quarterly 3, 1956), which minimizes the weighted sum of completion times of independent jobs;
 * here it brings the large savings forward when every wave moves the same number of workloads.
 * Hosts already racked (reached by a group that spans hosts) are finished first. Inside a host, the
 * workloads go by source server: the servers this host empties first, densest saving per workload
 * first, then the rest by id; a workload bound for a kept server waits until that server's own
 * workload has moved (it must be converted to a host first).
 *
 * `idOrder` (the naive baseline): by workload id; a group moves when its first member comes up.
 *
 * `cutWaves`: waves of at most K workloads, a unit never split. When the next unit does not fit
 * the room left, later units for a host already in the wave (or already racked) that do fit are
 * pulled forward, so waves stay full without racking another host early.
 */

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Units that must move no later than each unit: the unit of a kept server's own workload, for a unit moving onto it. */
export function unitDependencies(world: WaveWorld, units: readonly MoveUnit[]): number[][] {
  const unitOf = new Map<string, number>();
  units.forEach((u, i) => u.members.forEach((m) => unitOf.set(m, i)));
  const keptServerOfHost = new Map<string, string>();
  for (const [server, host] of world.keptHostOf) keptServerOfHost.set(host, server);
  return units.map((u, i) => {
    const deps = new Set<number>();
    for (const m of u.members) {
      const server = keptServerOfHost.get(world.hostOf.get(m)!);
      const d = server !== undefined ? unitOf.get(server) : undefined;
      if (d !== undefined && d !== i) deps.add(d);
    }
    return [...deps].sort((a, b) => a - b);
  });
}

/** The naive order: units by their first member id (moveUnits already sorts them so). */
export function idOrder(units: readonly MoveUnit[]): number[] {
  return units.map((_, i) => i);
}

/**
 * The plan's order (see above) as unit indexes, with a checkpoint after each host.
 * O(H x (H + U)) in the worst case: each step rescores the hosts whose source counts changed.
 */
export function* hostFirstOrderSteps(world: WaveWorld, units: readonly MoveUnit[], deps: readonly number[][]): Steps<number[]> {
  const { ctx, sourceOf, sourceById, retirable, hostById, modelOf } = world;
  const unitsOfHost = new Map<string, number[]>();
  units.forEach((u, i) => u.hosts.forEach((h) => unitsOfHost.set(h, [...(unitsOfHost.get(h) ?? []), i])));
  const remaining = new Map(ctx.sources.map((s) => [s.id, s.workloads.filter((id) => world.hostOf.has(id)).length]));
  const done = new Set<number>();
  const started = new Set<string>();
  const order: number[] = [];
  const hostIds = [...unitsOfHost.keys()].sort(cmp);
  const isKept = (h: string) => modelOf.get(hostById.get(h)!.type)?.reusedFrom !== undefined;

  /** Source-server counts of a set of units. */
  const countSources = (us: number[]) => {
    const c = new Map<string, number>();
    for (const i of us) for (const m of units[i].members) {
      const s = sourceOf.get(m);
      if (s !== undefined) c.set(s, (c.get(s) ?? 0) + 1);
    }
    return c;
  };
  /** Net watts saved per workload moved if all units still bound for host h moved now. */
  const score = (h: string): { perWorkload: number; size: number } | undefined => {
    const us = (unitsOfHost.get(h) ?? []).filter((i) => !done.has(i));
    if (!us.length) return undefined;
    let gain = 0;
    for (const [s, n] of countSources(us)) if (retirable.has(s) && remaining.get(s) === n) gain += sourceById.get(s)!.powerWatts;
    const cost = started.has(h) || isKept(h) ? 0 : hostById.get(h)!.powerWatts;
    const size = us.reduce((a, i) => a + units[i].members.length, 0);
    return { perWorkload: (gain - cost) / size, size };
  };
  const visiting = new Set<number>();
  const schedule = (i: number) => {
    if (done.has(i) || visiting.has(i)) return;
    visiting.add(i);
    for (const d of deps[i]) schedule(d);
    visiting.delete(i);
    done.add(i);
    order.push(i);
    for (const m of units[i].members) {
      const s = sourceOf.get(m);
      if (s !== undefined) remaining.set(s, remaining.get(s)! - 1);
    }
    for (const h of units[i].hosts) started.add(h);
  };

  for (;;) {
    const open = hostIds.filter((h) => started.has(h) && (unitsOfHost.get(h) ?? []).some((i) => !done.has(i)));
    const candidates = open.length ? open : hostIds;
    let best: { h: string; perWorkload: number; size: number } | undefined;
    for (const h of candidates) {
      const sc = score(h);
      if (!sc) continue;
      if (!best || sc.perWorkload > best.perWorkload + 1e-9 || (Math.abs(sc.perWorkload - best.perWorkload) <= 1e-9 && sc.size > best.size)) best = { h, ...sc };
    }
    if (!best) break;
    // This host's units, by source server: the servers it empties first (densest first), then the rest by id.
    const us = (unitsOfHost.get(best.h) ?? []).filter((i) => !done.has(i));
    const counts = countSources(us);
    const primary = (i: number) => {
      const c = countSources([i]);
      return [...c.entries()].sort(([a, x], [b, y]) => y - x || cmp(a, b))[0]?.[0] ?? '';
    };
    const empties = (s: string) => retirable.has(s) && remaining.get(s) === counts.get(s);
    const density = (s: string) => (sourceById.get(s)?.powerWatts ?? 0) / (counts.get(s) ?? 1);
    const keyed = us.map((i) => ({ i, s: primary(i) }));
    keyed.sort((a, b) => {
      const ea = empties(a.s) ? 0 : 1;
      const eb = empties(b.s) ? 0 : 1;
      if (ea !== eb) return ea - eb;
      if (ea === 0 && a.s !== b.s) return density(b.s) - density(a.s) || cmp(a.s, b.s);
      return cmp(a.s, b.s) || cmp(units[a.i].id, units[b.i].id);
    });
    for (const { i } of keyed) schedule(i);
    yield;
  }
  return order;
}

/**
 * Cuts an order of units into waves of at most `waveSize` workloads (see above). With `fill`,
 * a unit that does not fit may be passed by a later one (at most `lookahead` units on) that fits,
 * goes to a host already in service, and whose dependencies have moved; without it, the waves are
 * plain consecutive chunks. Every unit ends in exactly one wave. Returns workload ids per wave.
 */
export function cutWaves(units: readonly MoveUnit[], order: readonly number[], deps: readonly number[][], waveSize: number, opts: { fill: boolean; lookahead?: number } = { fill: true }): string[][] {
  const lookahead = opts.lookahead ?? 256;
  const waves: string[][] = [];
  const taken = new Set<number>();
  const inService = new Set<string>();
  let cur: string[] = [];
  let curHosts = new Set<string>();
  const close = () => {
    if (cur.length) waves.push(cur);
    cur = [];
    curHosts = new Set();
  };
  const add = (i: number) => {
    taken.add(i);
    cur.push(...units[i].members);
    for (const h of units[i].hosts) {
      curHosts.add(h);
      inService.add(h);
    }
  };
  let p = 0;
  while (p < order.length) {
    const i = order[p];
    if (taken.has(i)) {
      p++;
      continue;
    }
    const size = units[i].members.length;
    if (size > waveSize) throw new Error(`move unit ${units[i].id} has ${size} workloads, more than the wave size ${waveSize} (checkGroupSizes stops this before)`);
    if (size <= waveSize - cur.length) {
      add(i);
      p++;
      continue;
    }
    if (opts.fill) {
      for (let q = p + 1; q < order.length && q <= p + lookahead && cur.length < waveSize; q++) {
        const j = order[q];
        if (taken.has(j) || units[j].members.length > waveSize - cur.length) continue;
        if (!units[j].hosts.every((h) => inService.has(h) || curHosts.has(h))) continue;
        if (!deps[j].every((d) => taken.has(d))) continue;
        add(j);
      }
    }
    close();
  }
  close();
  return waves;
}
