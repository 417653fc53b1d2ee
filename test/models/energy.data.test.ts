import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { observedEnergy, commonGrid } from '../../src/energy/observed.js';
import { powerAtUtilization } from '../../src/energy/power-curve.js';
import { plan } from '../../src/plan.js';
import type { Workload, WorkloadSamples } from '../../src/model/workload.js';
import { BUILTIN_HOSTS } from '../../src/defaults/catalog.js';
import { dataPath } from '../helpers/data-dir.js';

/** Data suite: energy over a real PlanetLab day (CloudSim traces). test/models/energy.test.ts runs the same on a day we generate. */
const series = (fractions: number[], stepSec = 300, start = 0): WorkloadSamples => ({
  timestampsSec: Float64Array.from(fractions.map((_, k) => start + k * stepSec)),
  cpuFraction: Float32Array.from(fractions),
  stepSec,
});

describe('a PlanetLab day placed on a known host type (CloudSim data set cloudsim-planetlab)', () => {
  const day = '20110303';
  const dir = dataPath('cloudsim-planetlab', day);
  const files = readdirSync(dir).sort();
  const perType = Math.ceil(files.length / 4); // CloudSim: VM i has type floor(i / ceil(n / 4))
  const vmTypes = readFileSync(dataPath('cloudsim-power-models/planetlab_example_vm_types.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const mipsOfType = vmTypes.map((r) => Number(r[2])); // 2500, 2000, 1000, 500
  const ramOfType = vmTypes.map((r) => Number(r[4])); // ram_mb
  const specCsv = readFileSync(dataPath('cloudsim-power-models/specpower_models.csv'), 'utf8').trim().split('\n');
  const g5row = specCsv.find((l) => l.startsWith('PowerModelSpecPowerHpProLiantMl110G5Xeon3075,'))!.split(',');
  const g5Curve = g5row.slice(-11).map(Number); // w_0pct .. w_100pct

  // The fixed placement: files 0..3 (type 0, 2500 MIPS each) onto one ML110 G5 (2 x 2660 MIPS).
  const chosen = files.slice(0, 4);
  const pcts = chosen.map((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n').map(Number));

  it('reads 288 five-minute samples per VM (PROVENANCE.md format)', () => {
    expect(files.length).toBe(1052);
    for (const p of pcts) expect(p).toHaveLength(288);
  });

  it('matches an independent hand computation: sum_k P(u_k) x 300 s with CloudSim interpolation', () => {
    const hostMips = 2 * 2660;
    let wh = 0;
    for (let k = 0; k < 288; k++) {
      let mips = 0;
      chosen.forEach((_, i) => (mips += (mipsOfType[Math.floor(i / perType)] * pcts[i][k]) / 100));
      const u = Math.min(1, mips / hostMips);
      const lo = Math.floor(u * 10);
      const watts = lo >= 10 ? g5Curve[10] : g5Curve[lo] + (g5Curve[lo + 1] - g5Curve[lo]) * (u * 10 - lo);
      wh += (watts * 300) / 3600;
    }
    const samples = pcts.map((p) => series(p.map((x) => x / 100)));
    const e = observedEnergy(
      [{ id: 'g5', curveWatts: g5Curve, capacityGhz: hostMips / 1000, items: samples.map((s, i) => ({ demandPerUtilGhz: mipsOfType[Math.floor(i / perType)] / 1000, samples: s })) }],
      commonGrid(samples)!,
    );
    expect(e.windowHours).toBe(24);
    expect(e.energyKWh).toBeCloseTo(wh / 1000, 7); // samples are float32
    // Sanity bound from the curve: between idle x 24 h and max x 24 h.
    expect(e.energyKWh).toBeGreaterThan((93.7 * 24) / 1000);
    expect(e.energyKWh).toBeLessThan((135 * 24) / 1000);
  });

  it('plan() reports summary.after.observedEnergyKWh and summary.observedWindowHours whenever samples are present (contract)', async () => {
    const workloads: Workload[] = files.slice(0, 40).map((f, i) => {
      const p = readFileSync(join(dir, f), 'utf8').trim().split('\n').map(Number);
      const t = Math.floor(i / Math.ceil(40 / 4));
      return { id: f, cores: 1, cpuGhz: mipsOfType[t] / 1000, memoryGiB: ramOfType[t] / 1024, isVirtual: true, samples: series(p.map((x) => x / 100)), cpuUtilAvgFraction: p.reduce((s, x) => s + x, 0) / p.length / 100, cpuUtilPeakFraction: Math.max(...p) / 100 };
    });
    const r = await plan({ workloads, hostModels: [BUILTIN_HOSTS.find((h) => h.type === 'hp-ml110-g5')!] }, { virtualization: 'none', cpuNormalization: 'ghz', timeLimit: 0 });
    expect(r.summary.observedWindowHours).toBe(24);
    expect(r.summary.after.observedEnergyKWh).toBeGreaterThan(0);
    // Independent recomputation from the placement in the result.
    const byId = new Map(workloads.map((w) => [w.id, w]));
    let kwh = 0;
    for (const h of r.hosts) {
      for (let k = 0; k < 288; k++) {
        let d = 0;
        for (const id of h.vms) d += byId.get(id)!.cpuGhz! * byId.get(id)!.samples!.cpuFraction[k];
        kwh += (powerAtUtilization(g5Curve, d / 5.32) * 300) / 3600 / 1000;
      }
    }
    expect(r.summary.after.observedEnergyKWh).toBeCloseTo(kwh, 4);
  });
});
