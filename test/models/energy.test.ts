import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { observedEnergy, commonGrid, resample } from '../../src/energy/observed.js';
import { powerAtUtilization } from '../../src/energy/power-curve.js';
import { plan } from '../../src/plan.js';
import type { Workload, WorkloadSamples } from '../../src/model/workload.js';
import { BUILTIN_HOSTS } from '../../src/defaults/catalog.js';
import { tempDir, writePlanetLabDay, planetLabNames } from '../helpers/fixtures.js';

const series = (fractions: number[], stepSec = 300, start = 0): WorkloadSamples => ({
  timestampsSec: Float64Array.from(fractions.map((_, k) => start + k * stepSec)),
  cpuFraction: Float32Array.from(fractions),
  stepSec,
});

describe('energy over an observed window: sum over samples of P(u_t) x step', () => {
  const g4 = BUILTIN_HOSTS.find((h) => h.type === 'hp-ml110-g4')!.powerCurveWatts;

  it('two half-hour samples at 25% and 50% on the ML110 G4 curve: (94.3 + 102) W x 0.5 h = 0.09815 kWh (hand computed from SPECpower 20110127-00342 points)', () => {
    const s = series([0.25, 0.5], 1800);
    const g = commonGrid([s])!;
    expect(g).toEqual({ startSec: 0, stepSec: 1800, steps: 2 });
    const e = observedEnergy([{ id: 'h', curveWatts: g4, capacityGhz: 1, items: [{ demandPerUtilGhz: 1, samples: s }] }], g);
    expect(e.windowHours).toBe(1);
    expect(e.energyKWh).toBeCloseTo(((92.6 + 96) / 2 + 102) * 0.5 / 1000, 12); // 0.25 and 0.5 are exact in float32
  });

  it('sums VMs per host, clamps power at 100% and counts overloaded steps', () => {
    const a = series([0.6, 0.2, 0.9]);
    const b = series([0.6, 0.2, 0.9]);
    const g = commonGrid([a, b])!;
    const e = observedEnergy([{ id: 'h', curveWatts: g4, capacityGhz: 2, items: [{ demandPerUtilGhz: 2, samples: a }, { demandPerUtilGhz: 1, samples: b }] }], g);
    // u = 1.8/2 = 0.9, 0.6/2 = 0.3, 2.7/2 = 1.35 -> clamped to 1
    expect(e.energyKWh).toBeCloseTo((114 + 96 + 117) * (300 / 3600) / 1000, 8); // samples are float32
    expect(e.hosts[0].overloadedSteps).toBe(1);
    expect(e.hosts[0].peakUtilization).toBeCloseTo(1.35, 6);
  });

  it('fills gaps and NaN with the series mean and aligns series on a common grid', () => {
    const s: WorkloadSamples = { timestampsSec: Float64Array.from([0, 300, 900]), cpuFraction: Float32Array.from([0.5, NaN, 0.25]), stepSec: 300 };
    const g = { startSec: 0, stepSec: 300, steps: 4 };
    const r = resample(s, g);
    expect(Array.from(r.values)).toEqual([0.5, 0.375, 0.375, 0.25]);
    expect(r.filled).toBe(2);
    const late = series([0.1, 0.1], 600, 600);
    expect(commonGrid([series([0.5, 0.5]), late])).toEqual({ startSec: 0, stepSec: 300, steps: 6 });
  });

  it('never lowers energy when utilization rises (relation)', () => {
    const lo = series([0.1, 0.3, 0.5, 0.2]);
    const hi = series([0.2, 0.3, 0.7, 0.2]);
    for (const h of BUILTIN_HOSTS) {
      const run = (s: WorkloadSamples) => observedEnergy([{ id: 'h', curveWatts: h.powerCurveWatts, capacityGhz: 1, items: [{ demandPerUtilGhz: 1, samples: s }] }], commonGrid([s])!).energyKWh;
      expect(run(hi)).toBeGreaterThanOrEqual(run(lo));
    }
  });
});

describe('a PlanetLab-style day placed on a known host type (a day we generate: 40 traces x 288 five-minute samples)', () => {
  // CloudSim's PlanetLab example (org.cloudbus.cloudsim.examples.power.Constants): VM_MIPS
  // {2500, 2000, 1000, 500}, VM_RAM {870, 1740, 1740, 613} MB; VM i has type floor(i / ceil(n / 4)).
  const mipsOfType = [2500, 2000, 1000, 500];
  const ramOfType = [870, 1740, 1740, 613];
  const day = writePlanetLabDay(join(tempDir('pl-energy'), 'day'), planetLabNames(40), 3);
  const files = readdirSync(day.dir).sort();
  const perType = Math.ceil(files.length / 4);
  const g5Curve = BUILTIN_HOSTS.find((h) => h.type === 'hp-ml110-g5')!.powerCurveWatts; // SPECpower 20110124-00339

  // The fixed placement: files 0..3 (type 0, 2500 MIPS each) onto one ML110 G5 (2 x 2660 MIPS).
  const chosen = files.slice(0, 4);
  const pcts = chosen.map((f) => readFileSync(join(day.dir, f), 'utf8').trim().split('\n').map(Number));

  it('reads back 288 five-minute samples per VM, integers in 0..100 (the CloudSim file format)', () => {
    expect(files).toHaveLength(40);
    for (const p of pcts) {
      expect(p).toHaveLength(288);
      expect(p.every((x) => Number.isInteger(x) && x >= 0 && x <= 100)).toBe(true);
    }
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
    const workloads: Workload[] = files.map((f, i) => {
      const p = readFileSync(join(day.dir, f), 'utf8').trim().split('\n').map(Number);
      const t = Math.floor(i / perType);
      return { id: f, cores: 1, cpuGhz: mipsOfType[t] / 1000, memoryGiB: ramOfType[t] / 1024, isVirtual: true, samples: series(p.map((x) => x / 100)), cpuUtilAvgFraction: p.reduce((s, x) => s + x, 0) / p.length / 100, cpuUtilPeakFraction: Math.max(...p) / 100 };
    });
    const r = await plan({ workloads, hostModels: [BUILTIN_HOSTS.find((h) => h.type === 'hp-ml110-g5')!] }, { virtualization: 'none', cpuNormalization: 'ghz', timeLimit: 0 });
    expect(r.summary.observedWindowHours).toBe(24);
    expect(r.summary.after.observedEnergyKWh).toBeGreaterThan(0);
    expect(r.hosts.length).toBeGreaterThan(1);
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

  it('no samples, no observed figures', async () => {
    const r = await plan({ workloads: [{ id: 'a', cores: 4, memoryGiB: 8 }], hostModels: [BUILTIN_HOSTS.find((h) => h.type === 'dell-r7525')!] }, { timeLimit: 0 });
    expect(r.summary.observedWindowHours).toBeUndefined();
    expect(r.summary.after.observedEnergyKWh).toBeUndefined();
  });
});

describe('"before" power of a source server without measured watts', async () => {
  const { sourcePowerProfile } = await import('../../src/energy/compare.js');
  const { defaultModel } = await import('../../src/defaults/registry.js');
  const m = defaultModel();
  it('uses the SPECpower curve of the built-in server with the same CPU and cores, measured curves first', () => {
    expect(sourcePowerProfile({ cpuModel: 'Intel Xeon E5440', cores: 8 }, m).type).toBe('fujitsu-rx300-s4');
    expect(sourcePowerProfile({ cpuModel: 'Intel(R) Xeon(R) CPU X5670 @ 2.93GHz', cores: 12 }, m).type).toBe('ibm-x3550-x5670');
  });
  it('else the default source profile (power.sourceProfile)', () => {
    expect(sourcePowerProfile({ cpuModel: 'Intel Xeon X5670', cores: 6 }, m).type).toBe(m.plan.sourceProfile);
    expect(sourcePowerProfile({ cores: 8 }, m).type).toBe('fujitsu-rx300-s4');
  });
});
