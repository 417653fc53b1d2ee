import { describe, it, expect } from 'vitest';
import { plan } from '../../src/plan.js';
import { sharedHostEnergyKWh } from '../../src/energy/window.js';
import type { Workload } from '../../src/model/workload.js';
import type { HostModel } from '../../src/model/host.js';

// Two host types of equal capacity (2 reference GHz-cores): A draws a flat 150 W; B is concave,
// 0 W idle, 190 W at half load, 200 W at full load.
const A: HostModel = { type: 'a-flat', cores: 2, cpuGhz: 1, memoryGiB: 100, priceUsd: 1, powerCurveWatts: Array.from({ length: 11 }, () => 150), count: null };
const B: HostModel = { type: 'b-concave', cores: 2, cpuGhz: 1, memoryGiB: 100, priceUsd: 1, powerCurveWatts: [0, 60, 110, 150, 180, 190, 193, 195, 197, 199, 200], count: null };

function vm(id: string, series: number[]): Workload {
  return { id, cores: 1, cpuGhz: 1, memoryGiB: 1, samples: { timestampsSec: Float64Array.from(series.map((_, i) => i * 300)), cpuFraction: Float32Array.from(series), stepSec: 300 } };
}

describe('--optimize power with time series: IT energy over the observed window', () => {
  it('sharedHostEnergyKWh: the documented example', () => {
    const linear = Array.from({ length: 11 }, (_, i) => i * 10);
    expect(sharedHostEnergyKWh(linear, 10, 2, { demandGhz: Float64Array.of(10, 20), stepSec: 1800 })).toBeCloseTo(0.075, 12);
  });

  it('chooses the host whose curve draws less where the estate spends its time, not at its average', async () => {
    // Two VMs, busy together half the time: the host is full or idle, 50% on average.
    // At the average, A (150 W) beats B (190 W); over the window B draws (200 + 0) / 2 = 100 W.
    const ws = [vm('x', [1, 0, 1, 0]), vm('y', [1, 0, 1, 0])];
    const r = await plan({ workloads: ws, hostModels: [A, B] }, { virtualization: 'none', cpuTarget: 100, memoryTarget: 100, timeLimit: 0, sizing: 'mean', optimize: 'power' });
    const pr = r.summary.procurement!;
    expect(r.summary.hostsByType).toEqual({ 'b-concave': 1 });
    expect(pr.unit).toBe('kWh (IT, over the observed window)');
    // 4 intervals of 300 s: B at 200, 0, 200, 0 W; A at 150 W throughout
    expect(pr.objectiveValue).toBeCloseTo((400 * 300) / 3.6e6, 3);
    expect(r.summary.after.observedEnergyKWh).toBeCloseTo((400 * 300) / 3.6e6, 6);
    expect(pr.singles.find((s) => s.type === 'a-flat')!.objectiveValue).toBeCloseTo((4 * 150 * 300) / 3.6e6, 3);
    // the per-host objective the engine minimized: each type's energy over the window
    expect(pr.perHostObjective['b-concave']).toBeLessThan(pr.perHostObjective['a-flat']);
    // without time series the same two workloads (as averages) choose A, the lower draw at 50%
    const flat = await plan({ workloads: ws.map(({ samples: _s, ...w }) => ({ ...w, cpuUtilP95Fraction: 0.5, cpuUtilAvgFraction: 0.5 })), hostModels: [A, B] }, { virtualization: 'none', cpuTarget: 100, memoryTarget: 100, timeLimit: 0, optimize: 'power' });
    expect(flat.summary.hostsByType).toEqual({ 'a-flat': 1 });
    expect(flat.summary.procurement!.unit).toBe('W (IT, after)');
  });
});
