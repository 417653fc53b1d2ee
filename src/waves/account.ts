import type { HostModel } from '../model/host.js';
import type { PlanHost, Wave } from '../model/plan-result.js';
import type { ModelDefaults } from '../defaults/registry.js';
import type { SourceServer } from '../energy/compare.js';
import { hostPowerWatts } from '../energy/compare.js';
import { round } from '../util/round.js';

/** What the accounting of waves needs: the plan's hosts and the machines of today. */
export interface WaveContext {
  hosts: readonly PlanHost[];
  hostModels: readonly HostModel[];
  /** Average CPU demand of each placed workload, reference GHz-cores (what sets a host's power). */
  avgGhz: ReadonlyMap<string, number>;
  /** The machines of the "before" side (energy/compare.ts sourceServers). */
  sources: readonly SourceServer[];
  unplacedIds: ReadonlySet<string>;
  pue: number;
  usdPerKwh: number;
  /** Days per wave: each wave's saving accrues over them. */
  waveDays: number;
  model: ModelDefaults;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The plan's hosts and sources as the wave stages see them (indexes built once). */
export interface WaveWorld {
  ctx: WaveContext;
  hostOf: Map<string, string>;
  hostById: Map<string, PlanHost>;
  modelOf: Map<string, HostModel>;
  /** Kept-server host of a source server id (`keep:<id>`), if the plan keeps it. */
  keptHostOf: Map<string, string>;
  /** The source server each workload belongs to (a physical server itself, or its VM host). */
  sourceOf: Map<string, string>;
  sourceById: Map<string, SourceServer>;
  /** A source is switched off once empty: not kept as a host, and no workload of it left unplaced. */
  retirable: Set<string>;
  beforeWatts: number;
}

export function waveWorld(ctx: WaveContext): WaveWorld {
  const hostOf = new Map<string, string>();
  for (const h of ctx.hosts) for (const id of h.vms) hostOf.set(id, h.id);
  const modelOf = new Map(ctx.hostModels.map((m) => [m.type, m]));
  const keptHostOf = new Map<string, string>();
  for (const h of ctx.hosts) {
    const from = modelOf.get(h.type)?.reusedFrom;
    if (from !== undefined) keptHostOf.set(from, h.id);
  }
  const sourceOf = new Map<string, string>();
  const retirable = new Set<string>();
  for (const s of ctx.sources) {
    for (const id of s.workloads) sourceOf.set(id, s.id);
    if (!keptHostOf.has(s.id) && !s.workloads.some((id) => ctx.unplacedIds.has(id))) retirable.add(s.id);
  }
  return {
    ctx,
    hostOf,
    hostById: new Map(ctx.hosts.map((h) => [h.id, h])),
    modelOf,
    keptHostOf,
    sourceOf,
    sourceById: new Map(ctx.sources.map((s) => [s.id, s])),
    retirable,
    beforeWatts: ctx.sources.reduce((s, x) => s + x.powerWatts, 0),
  };
}

/**
 * The state after each wave, for waves given as lists of workload ids. A new host enters service
 * with its first workload (an empty HA spare in wave 1) and draws its power curve at the load moved
 * so far; a source server draws its "before" power until its last workload has moved, and is then
 * switched off (a server with no workload to move, in wave 1); a kept server (`keep:<id>`) draws its
 * "before" power until it is converted to a host, in the wave its own workload moves or its first
 * VM arrives, and then its host power. Servers holding unplaced workloads stay on throughout (a
 * kept server whose own workload is unplaced too, beside its host power, as the plan's "after"
 * counts it). The
 * saving of a wave is (before - IT power after it) x PUE x USD/kWh over `waveDays` x 24 h.
 * So after the last wave the IT power is `summary.after.powerWatts`. O(W + waves x (H + S)).
 */
export function accountWaves(world: WaveWorld, waves: readonly (readonly string[])[]): { waves: Wave[]; partlyFilledHosts: number[] } {
  const { ctx, hostOf, hostById, modelOf, keptHostOf, sourceOf, retirable } = world;
  const load = new Map<string, number>();
  const moved = new Map<string, number>();
  const inService = new Set<string>();
  const converted = new Set<string>();
  const retired = new Set<string>();
  const remaining = new Map(ctx.sources.map((s) => [s.id, s.workloads.length]));
  const keptFrom = (hostId: string) => modelOf.get(hostById.get(hostId)!.type)?.reusedFrom;
  const out: Wave[] = [];
  const partly: number[] = [];
  let saved = 0;
  const usdPerWattWave = (ctx.pue * ctx.usdPerKwh * ctx.waveDays * 24) / 1000;
  waves.forEach((ids, k) => {
    const retiredNow: string[] = [];
    if (k === 0) {
      for (const h of ctx.hosts) if (h.vms.length === 0 && keptFrom(h.id) === undefined) inService.add(h.id);
    }
    for (const id of ids) {
      const h = hostOf.get(id);
      if (h === undefined) continue;
      load.set(h, (load.get(h) ?? 0) + (ctx.avgGhz.get(id) ?? 0));
      moved.set(h, (moved.get(h) ?? 0) + 1);
      inService.add(h);
      // A kept server is converted when its first VM lands, unless its own workload is unplaced:
      // then it stays on as it is (the plan's "after" counts both, as compareEnergy does).
      const from = keptFrom(h);
      if (from !== undefined && !ctx.unplacedIds.has(from)) converted.add(from);
      const s = sourceOf.get(id);
      if (s !== undefined) {
        remaining.set(s, remaining.get(s)! - 1);
        if (keptHostOf.has(s)) {
          converted.add(s);
          inService.add(keptHostOf.get(s)!);
        }
      }
    }
    for (const s of ctx.sources) {
      if (!retired.has(s.id) && retirable.has(s.id) && remaining.get(s.id) === 0) {
        retired.add(s.id);
        retiredNow.push(s.id);
      }
    }
    let watts = 0;
    for (const s of ctx.sources) if (!retired.has(s.id) && !converted.has(s.id)) watts += s.powerWatts;
    let newHosts = 0;
    let partlyFilled = 0;
    for (const h of ctx.hosts) {
      if (!inService.has(h.id)) continue;
      const m = modelOf.get(h.type)!;
      watts += hostPowerWatts(m, load.get(h.id) ?? 0, ctx.model).powerWatts;
      if (m.reusedFrom === undefined) newHosts++;
      const mv = moved.get(h.id) ?? 0;
      if (mv > 0 && mv < h.vms.length) partlyFilled++;
    }
    saved += (world.beforeWatts - watts) * usdPerWattWave;
    out.push({ wave: k + 1, workloads: [...ids], newHostsInService: newHosts, serversRetired: retiredNow.sort(cmp), itPowerWatts: round(watts, 3), cumulativeSavedUsd: round(saved, 2) });
    partly.push(partlyFilled);
  });
  return { waves: out, partlyFilledHosts: partly };
}
