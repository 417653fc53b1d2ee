import { describe, it, expect } from 'vitest';
import { plan } from '../../src/plan.js';
import type { Workload } from '../../src/model/workload.js';
import type { HostModel } from '../../src/model/host.js';
import { overloadRisk } from '../../src/analysis/overload.js';
import { buildTimeline, cpuFractionOnGrid } from '../../src/analysis/timeline.js';

const host: HostModel = { type: 'h', cores: 2, cpuGhz: 1, memoryGiB: 100, priceUsd: 1, powerCurveWatts: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], count: null };

function vm(id: string, series: number[], p95: number): Workload {
  return {
    id,
    cores: 1,
    cpuGhz: 1,
    memoryGiB: 1,
    cpuUtilP95Fraction: p95,
    samples: { timestampsSec: Float64Array.from(series.map((_, i) => 1000 + i * 300)), cpuFraction: Float32Array.from(series), stepSec: 300 },
  };
}

describe('overload risk replays the real traces on the placement', () => {
  it('hand-computed: three VMs at 100% in 2 of 4 intervals on a 2 GHz-core host -> 0.5', async () => {
    const ws = [vm('a', [1, 1, 0.2, 0.2], 0.5), vm('b', [1, 1, 0.2, 0.2], 0.5), vm('c', [1, 1, 0.2, 0.2], 0.5)];
    // Workloads with samples are sized from them: size on the mean (0.6 GHz each, 1.8 on
    // one 2 GHz host) so that the replay of the 100% intervals overloads the host.
    const r = await plan({ workloads: ws, hostModels: [host] }, { virtualization: 'none', cpuTarget: 100, memoryTarget: 100, timeLimit: 0, sizing: 'mean' });
    expect(r.summary.hostsUsed).toBe(1);
    expect(r.summary.overloadRisk).toBe(0.5);
    expect(r.summary.overload).toMatchObject({ intervals: 4, overloadedIntervals: 2, hostsEverOverloaded: 1, peakHostLoadRatio: 1.5 });
    expect(r.summary.cpuTimeline?.loadGhz).toEqual([3, 3, 0.6, 0.6]);
  });

  it('anti-correlated VMs never overload (relation: same sizes, different timing)', async () => {
    const ws = [vm('a', [1, 0, 1, 0], 0.5), vm('b', [0, 1, 0, 1], 0.5), vm('c', [0, 0, 0, 0], 0.5)];
    const r = await plan({ workloads: ws, hostModels: [host] }, { virtualization: 'none', cpuTarget: 100, memoryTarget: 100, timeLimit: 0 });
    expect(r.summary.overloadRisk).toBe(0);
  });

  it('no samples -> overloadRisk null', async () => {
    const r = await plan({ workloads: [{ id: 'x', cores: 1, memoryGiB: 1 }], hostModels: [host] }, { timeLimit: 0 });
    expect(r.summary.overloadRisk).toBeNull();
  });

  it('grid alignment carries values forward over gaps', () => {
    const w: Workload = { id: 'g', cores: 1, memoryGiB: 1, samples: { timestampsSec: Float64Array.of(0, 900), cpuFraction: Float32Array.of(0.25, 0.75), stepSec: 300 } };
    const t = buildTimeline([w])!;
    expect(t).toEqual({ startSec: 0, stepSec: 300, steps: 4 });
    expect(Array.from(cpuFractionOnGrid(w, t)!)).toEqual([0.25, 0.25, 0.25, 0.75]);
  });

  it('overloadRisk counts intervals and host time', () => {
    const r = overloadRisk([Float64Array.of(1, 3, 1), Float64Array.of(5, 1, 1)], [2, 4]);
    expect(r).toMatchObject({ intervals: 3, overloadedIntervals: 2, overloadedHostIntervals: 2, activeHostIntervals: 6, hostsEverOverloaded: 2 });
  });
});
