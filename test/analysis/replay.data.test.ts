import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { plan } from '../../src/plan.js';
import { replay } from '../../src/analysis/replay.js';
import { loadPlanetLab } from '../../src/ingest/planetlab.js';
import { BUILTIN_HOSTS } from '../../src/defaults/catalog.js';
import { dataPath } from '../helpers/data-dir.js';

// Two real PlanetLab days: the plan of one replayed on itself reports its own overload and energy;
// replayed on the other, every placed VM is either replayed or listed, and every new trace too.
describe('replay on real PlanetLab days', () => {
  it('a plan replayed on its own day reports its figures; on another day, nothing unaccounted', async () => {
    const dayA = dataPath('cloudsim-planetlab', '20110306');
    const dayB = dataPath('cloudsim-planetlab', '20110309');
    const a = await loadPlanetLab(dayA);
    const b = await loadPlanetLab(dayB);
    const g5 = { ...BUILTIN_HOSTS.find((h) => h.type === 'hp-ml110-g5')!, count: null };
    const workloads = a.series.map((s) => ({ id: s.id, cores: 1, cpuGhz: 2.5, memoryGiB: 0.001, isVirtual: true, samples: s.samples }));
    const p = await plan({ workloads, hostModels: [g5] }, { virtualization: 'none', cpuNormalization: 'ghz', cpuTarget: 100, memoryTarget: 100, timeLimit: 0, sizing: 'p95' });
    expect(p.unplaced).toEqual([]);
    expect(p.summary.overload!.overloadedHostIntervals).toBeGreaterThan(0); // p95 sizing does overload
    const self = await replay({ plan: p, workloads: a.series });
    const { stepSeconds: _a, ...po } = p.summary.overload!;
    const { stepSeconds: _b, ...ro } = self.summary.overload;
    expect(ro).toEqual(po);
    expect(self.summary.energyKWh).toBeCloseTo(p.summary.after.observedEnergyKWh!, 4);
    const other = await replay({ plan: p, workloads: b.series });
    const idsA = new Set(a.series.map((s) => s.id));
    const idsB = new Set(b.series.map((s) => s.id));
    expect(other.missingSamples).toEqual([...idsA].filter((id) => !idsB.has(id)).sort());
    expect(other.notInPlan).toEqual([...idsB].filter((id) => !idsA.has(id)).sort());
    expect(other.summary.vmsWithSamples + other.summary.missingSamples).toBe(idsA.size);
    expect(other.hosts.reduce((s, h) => s + h.overloadedIntervals, 0)).toBe(other.summary.overload.overloadedHostIntervals);
    expect(readdirSync(dayB).length).toBeGreaterThan(0);
  });
});
