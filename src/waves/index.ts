import type { Workload } from '../model/workload.js';
import type { Wave, WaveComparison } from '../model/plan-result.js';
import type { Steps } from '../util/cooperate.js';
import { runSync } from '../util/cooperate.js';
import { moveUnits, checkGroupSizes } from './units.js';
import { waveWorld, accountWaves, type WaveContext } from './account.js';
import { hostFirstOrderSteps, idOrder, cutWaves, unitDependencies } from './order.js';

export { checkGroupSizes, moveUnits, type MoveUnit } from './units.js';
export { accountWaves, waveWorld, type WaveContext } from './account.js';
export { hostFirstOrderSteps, idOrder, cutWaves, unitDependencies } from './order.js';

/** How the plan orders its waves (summary.waveComparison.order). */
export const WAVE_ORDER = 'host-then-source: fill one target host at a time, best net saving per workload first; inside a host, the source servers it empties first';

export interface WaveInput extends WaveContext {
  workloads: readonly Workload[];
  /** At most this many workloads per wave (--wave-size). */
  waveSize: number;
}

/**
 * Migration waves, a pure stage after placement: every placed workload in exactly one wave of at
 * most `waveSize` workloads, the workloads of a group in the same wave, ordered so that savings
 * come early and few hosts stand half full (order.ts), with the power and savings after each wave
 * (account.ts); and, for comparison, the naive order by workload id cut the same way. By the last
 * wave every new host is in service and every source server emptied is switched off, so its IT
 * power is the plan's "after". Throws `waves.group-too-large` (exit 2) for a group larger than a wave.
 */
export function* planWavesSteps(a: WaveInput): Steps<{ waves: Wave[]; comparison: WaveComparison }> {
  checkGroupSizes(a.workloads, a.waveSize);
  const world = waveWorld(a);
  const units = moveUnits(a.workloads, world.hostOf);
  const deps = unitDependencies(world, units);
  const order = yield* hostFirstOrderSteps(world, units, deps);
  yield;
  const chosen = accountWaves(world, cutWaves(units, order, deps, a.waveSize, { fill: true }));
  yield;
  const naive = accountWaves(world, cutWaves(units, idOrder(units), deps, a.waveSize, { fill: false }));
  return {
    waves: chosen.waves,
    comparison: {
      order: WAVE_ORDER,
      waveDays: a.waveDays,
      partlyFilledHosts: chosen.partlyFilledHosts,
      naive: {
        order: 'by-id',
        itPowerWatts: naive.waves.map((w) => w.itPowerWatts),
        cumulativeSavedUsd: naive.waves.map((w) => w.cumulativeSavedUsd),
        newHostsInService: naive.waves.map((w) => w.newHostsInService),
        partlyFilledHosts: naive.partlyFilledHosts,
      },
    },
  };
}

/** `planWavesSteps` run to completion. */
export function planWaves(a: WaveInput): { waves: Wave[]; comparison: WaveComparison } {
  return runSync(planWavesSteps(a));
}
