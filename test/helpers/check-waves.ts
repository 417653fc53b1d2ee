import type { PlanResult } from '../../src/model/plan-result.js';

/**
 * An independent checker of summary.waves: it reads only the plan result and the input (which
 * workloads share a group, which workloads each source server runs), never the waves code.
 */
export interface WaveCheckInput {
  /** Workload id → group. */
  group: Map<string, string>;
  /** Source server id → its workloads (a physical server is its own workload; a vHost its VMs). */
  sources: Map<string, string[]>;
}

/** Every problem found in the waves of `r` (empty when all invariants hold). */
export function checkWaves(r: PlanResult, input: WaveCheckInput, waveSize: number): string[] {
  const bad: string[] = [];
  const waves = r.summary.waves ?? [];
  const placed = new Set(r.vms.filter((v) => v.host !== null).map((v) => v.id));
  const waveOf = new Map<string, number>();
  for (const w of waves) {
    if (w.workloads.length > waveSize) bad.push(`wave ${w.wave}: ${w.workloads.length} workloads > ${waveSize}`);
    for (const id of w.workloads) {
      if (waveOf.has(id)) bad.push(`${id} in waves ${waveOf.get(id)} and ${w.wave}`);
      waveOf.set(id, w.wave);
    }
  }
  waves.forEach((w, i) => w.wave !== i + 1 && bad.push(`wave numbers: ${w.wave} at ${i + 1}`));
  for (const id of placed) if (!waveOf.has(id)) bad.push(`${id} placed but in no wave`);
  for (const id of waveOf.keys()) if (!placed.has(id)) bad.push(`${id} in a wave but not placed`);
  // groups together
  const groupWave = new Map<string, number>();
  for (const [id, g] of input.group) {
    const k = waveOf.get(id);
    if (k === undefined) continue;
    if (groupWave.has(g) && groupWave.get(g) !== k) bad.push(`group ${g} split over waves ${groupWave.get(g)} and ${k}`);
    groupWave.set(g, k);
  }
  // servers: retired once, in the wave their last workload moved (wave 1 when none); only emptied ones
  const kept = new Set(r.hosts.filter((h) => h.type.startsWith('keep:')).map((h) => h.type.slice(5)));
  const unplaced = new Set(r.unplaced.map((u) => u.id));
  const retiredIn = new Map<string, number>();
  for (const w of waves) for (const s of w.serversRetired) {
    if (retiredIn.has(s)) bad.push(`server ${s} retired twice`);
    retiredIn.set(s, w.wave);
  }
  for (const [s, ids] of input.sources) {
    const emptied = !kept.has(s) && ids.every((id) => !unplaced.has(id));
    if (!emptied) {
      if (retiredIn.has(s)) bad.push(`server ${s} retired but not emptied`);
      continue;
    }
    const last = Math.max(1, ...ids.map((id) => waveOf.get(id) ?? 1));
    if (waves.length && retiredIn.get(s) !== last) bad.push(`server ${s} retired in wave ${retiredIn.get(s)}, its last workload moved in ${last}`);
  }
  for (const s of retiredIn.keys()) if (!input.sources.has(s)) bad.push(`unknown server ${s} retired`);
  // new hosts: never fewer, all in service at the end; IT power at the end is the plan's after
  const newHosts = r.hosts.filter((h) => !h.type.startsWith('keep:')).length;
  waves.forEach((w, i) => i > 0 && w.newHostsInService < waves[i - 1].newHostsInService && bad.push(`new hosts fell in wave ${w.wave}`));
  const last = waves[waves.length - 1];
  if (last && last.newHostsInService !== newHosts) bad.push(`last wave: ${last.newHostsInService} new hosts in service of ${newHosts}`);
  if (last && Math.abs(last.itPowerWatts - r.summary.after.powerWatts) > 0.01) bad.push(`last wave: ${last.itPowerWatts} W, plan after ${r.summary.after.powerWatts} W`);
  // a workload bound for a kept server moves no earlier than that server's own workload
  for (const v of r.vms) {
    const h = r.hosts.find((x) => x.id === v.host);
    if (h?.type.startsWith('keep:')) {
      const own = h.type.slice(5);
      if ((waveOf.get(v.id) ?? 0) < (waveOf.get(own) ?? 0)) bad.push(`${v.id} moves onto ${h.type} in wave ${waveOf.get(v.id)}, before ${own} (wave ${waveOf.get(own)})`);
    }
  }
  // cumulative savings: each wave's saving over --wave-days, summed
  const o = r.options as { pue: number; usdPerKwh: number };
  const days = r.summary.waveComparison!.waveDays;
  let sum = 0;
  for (const w of waves) {
    sum += ((r.summary.before.powerWatts - w.itPowerWatts) * o.pue * o.usdPerKwh * days * 24) / 1000;
    if (Math.abs(sum - w.cumulativeSavedUsd) > 0.02 * w.wave + 0.01) bad.push(`wave ${w.wave}: saved ${w.cumulativeSavedUsd}, recomputed ${sum.toFixed(2)}`);
  }
  return bad;
}

