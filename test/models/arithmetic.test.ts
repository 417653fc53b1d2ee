import { describe, it, expect } from 'vitest';
import { powerAtUtilization, curveFromIdleMax } from '../../src/energy/power-curve.js';
import { BUILTIN_HOSTS } from '../../src/defaults/catalog.js';
import { vmMemoryOverheadGiB, cpuOverheadFactor, hostReserve } from '../../src/overhead/overhead.js';
import { sizedCpuUtilization, averageCpuUtilization, cpuCapacityGhz } from '../../src/sizing/cpu.js';

describe('power curves (SPECpower_ssj2008 11-point tables; the catalog is checked against the CloudSim transcription in specpower.data.test.ts)', () => {
  it('the 2008-2011 catalog curves have the published endpoints of the SPECpower results they cite (active idle, 100%)', () => {
    // [type, SPECpower_ssj2008 result, W at active idle, W at 100% target load] as published on spec.org
    const published: [string, string, number, number][] = [
      ['hp-ml110-g4', '20110127-00342', 86, 117],
      ['hp-ml110-g5', '20110124-00339', 93.7, 135],
      ['ibm-x3250-x3470', '20091104-00213', 41.6, 113],
      ['ibm-x3250-x3480', '20101001-00297', 42.3, 113],
      ['ibm-x3550-x5670', '20100315-00239', 66, 247],
      ['ibm-x3550-x5675', '20110406-00368', 58.4, 222],
    ];
    for (const [type, result, idle, max] of published) {
      const h = BUILTIN_HOSTS.find((x) => x.type === type)!;
      expect(h.source).toContain(result);
      expect(h.powerCurveWatts).toHaveLength(11);
      expect([h.powerCurveWatts[0], h.powerCurveWatts[10]]).toEqual([idle, max]);
    }
  });

  it('interpolates linearly between 10% points, as CloudSim PowerModelSpecPower.getPower does', () => {
    const g4 = BUILTIN_HOSTS.find((h) => h.type === 'hp-ml110-g4')!.powerCurveWatts;
    expect(powerAtUtilization(g4, 0)).toBe(86);
    expect(powerAtUtilization(g4, 1)).toBe(117);
    expect(powerAtUtilization(g4, 0.5)).toBe(102);
    expect(powerAtUtilization(g4, 0.25)).toBeCloseTo(94.3, 10); // 92.6 + 0.5 x (96 - 92.6)
    expect(powerAtUtilization(g4, 1.7)).toBe(117); // clamped
  });

  it('power never falls as utilization rises (relation)', () => {
    for (const h of BUILTIN_HOSTS) {
      let prev = -Infinity;
      for (let u = 0; u <= 1.0001; u += 0.01) {
        const p = powerAtUtilization(h.powerCurveWatts, u);
        expect(p).toBeGreaterThanOrEqual(prev);
        prev = p;
      }
    }
  });

  it('the idle/max fallback hits both endpoints (Fan, Weber & Barroso 2007 form)', () => {
    const c = curveFromIdleMax(100, 300);
    expect(c[0]).toBe(100);
    expect(c[10]).toBeCloseTo(300, 10);
    for (let i = 1; i < 11; i++) expect(c[i]).toBeGreaterThanOrEqual(c[i - 1]);
  });
});

describe('memory overhead (vSphere 6.5/6.7 Resource Management Guide, "Sample Overhead Memory on Virtual Machines")', () => {
  // Table values in MB: [configured MB, vCPUs, overhead MB]
  const table: [number, number, number][] = [
    [256, 1, 20.29], [256, 2, 24.28], [256, 4, 32.23], [256, 8, 48.16],
    [1024, 1, 25.9], [1024, 2, 29.91], [1024, 4, 37.86], [1024, 8, 53.82],
    [4096, 1, 48.64], [4096, 2, 52.72], [4096, 4, 60.67], [4096, 8, 76.78],
    [16384, 1, 139.62], [16384, 2, 143.98], [16384, 4, 151.93], [16384, 8, 168.6],
  ];
  it('the ESXi formula is within 0.5 MB of every table cell (our fit, docs/models.md#memory-overhead-esxi)', () => {
    for (const [mb, vcpu, expected] of table) {
      expect(Math.abs(vmMemoryOverheadGiB('esxi', vcpu, mb / 1024) * 1024 - expected)).toBeLessThan(0.5);
    }
  });
  it('KVM: OpenShift example 8 GiB, 4 vCPU adds about 266 MiB (docs/models.md#memory-overhead-kvm)', () => {
    expect(vmMemoryOverheadGiB('kvm', 4, 8) * 1024).toBeCloseTo(218 + 32 + 0.002 * 8192, 6);
    expect(Math.round(vmMemoryOverheadGiB('kvm', 4, 8) * 1024)).toBe(266);
  });
  it('ESXi host reserve is max(4 GiB, 8%) (VMware TCI RA 2.2)', () => {
    expect(hostReserve('esxi', 1024).memoryGiB).toBeCloseTo(81.92, 10);
    expect(hostReserve('esxi', 16).memoryGiB).toBe(4);
  });
});

describe('CPU overhead factors (docs/models.md#cpu-overhead)', () => {
  it('takes the table values per technique and class', () => {
    expect(cpuOverheadFactor('emulation', { cpu: 1 })).toBe(12);
    expect(cpuOverheadFactor('binary-translation', { syscall: 1 })).toBe(1.9);
    expect(cpuOverheadFactor('hw-assist', { mmu: 1 })).toBe(1.8);
    expect(cpuOverheadFactor('hw-assist-ept', { io: 1 })).toBe(1.15);
    expect(cpuOverheadFactor('paravirtual', undefined)).toBe(1.0);
    expect(cpuOverheadFactor('none', { syscall: 1 })).toBe(1);
  });
  it('blends a class mix by weight', () => {
    expect(cpuOverheadFactor('hw-assist-ept', { syscall: 0.5, io: 0.5 })).toBeCloseTo((1.08 + 1.15) / 2, 12);
  });
  it('orders techniques for kernel-heavy work: emulation > hw-assist > binary-translation > hw-assist-ept > none (relation)', () => {
    const f = (t: Parameters<typeof cpuOverheadFactor>[0]) => cpuOverheadFactor(t, { mmu: 1 });
    expect(f('emulation')).toBeGreaterThan(f('hw-assist'));
    expect(f('hw-assist')).toBeGreaterThan(f('binary-translation'));
    expect(f('binary-translation')).toBeGreaterThan(f('hw-assist-ept'));
    expect(f('hw-assist-ept')).toBeGreaterThan(f('none'));
  });
});

describe('sizing rules (p95, else peak, else average x peak factor 3, docs/models.md#sizing)', () => {
  it('prefers p95, then peak, then average x 3', () => {
    expect(sizedCpuUtilization({ cpuUtilP95Fraction: 0.3, cpuUtilPeakFraction: 0.5, cpuUtilAvgFraction: 0.1 })).toEqual({ fraction: 0.3, basis: 'p95', capped: false });
    expect(sizedCpuUtilization({ cpuUtilPeakFraction: 0.5, cpuUtilAvgFraction: 0.1 })).toEqual({ fraction: 0.5, basis: 'peak', capped: false });
    expect(sizedCpuUtilization({ cpuUtilAvgFraction: 0.1 }).fraction).toBeCloseTo(0.3, 12);
    expect(sizedCpuUtilization({}).basis).toBe('assumed');
    expect(sizedCpuUtilization({ cpuUtilAvgFraction: 0.5 })).toEqual({ fraction: 1, basis: 'avg-x-peak-factor', capped: true }); // 1.5 capped
  });
  it('average for power: measured average, else sized / 3', () => {
    expect(averageCpuUtilization({ cpuUtilAvgFraction: 0.12, cpuUtilP95Fraction: 0.3 })).toBe(0.12);
    expect(averageCpuUtilization({ cpuUtilP95Fraction: 0.3 })).toBeCloseTo(0.1, 12);
  });
  it('normalizes CPU as cores x GHz', () => {
    expect(cpuCapacityGhz(8, 2.5)).toBe(20);
  });
});
