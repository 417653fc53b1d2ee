import { describe, it, expect } from 'vitest';
import { plan } from '../../src/plan.js';
import { loadPlanInput } from '../../src/ingest/plan-input.js';
import { hostReserve, cpuAfterReserve } from '../../src/overhead/overhead.js';
import { REPO } from '../helpers/paths.js';

describe('summary.overhead: what the hypervisor costs against the same plan with virtualization none', () => {
  const run = async (virtualization: string) => plan(await loadPlanInput({ servers: 'examples/datacenter/servers.csv' }, REPO), { virtualization: virtualization as never, timeLimit: 0 });

  it('emulation costs more hosts, watts and dollars than VT-x with EPT, which costs more than none (relation)', async () => {
    const [e, b, h, n] = await Promise.all(['emulation', 'binary-translation', 'hw-assist-ept', 'none'].map(run));
    const oe = e.summary.overhead!;
    const ob = b.summary.overhead!;
    const oh = h.summary.overhead!;
    const on = n.summary.overhead!;
    expect(on.attributable).toEqual({ hosts: 0, powerWatts: 0, annualEnergyKWh: 0, annualCostUsd: 0, annualCo2Kg: 0, tcoUsd: 0 });
    expect(oe.baseline.hostsUsed).toBe(n.summary.hostsUsed);
    expect(oe.attributable.hosts).toBeGreaterThanOrEqual(ob.attributable.hosts);
    expect(ob.attributable.hosts).toBeGreaterThanOrEqual(oh.attributable.hosts);
    expect(oh.attributable.hosts).toBeGreaterThanOrEqual(0);
    expect(oe.attributable.powerWatts).toBeGreaterThan(oh.attributable.powerWatts);
    expect(oe.attributable.tcoUsd).toBeGreaterThan(oh.attributable.tcoUsd);
    expect(oe.cpuAddedFraction).toBeGreaterThan(10); // 12-30x per class (docs/models.md#technique-emulation)
    expect(oh.cpuAddedFraction).toBeLessThan(0.15);
    // the totals add up from the per-VM records
    const sum = (r: typeof h, k: 'cpuNativeGhz' | 'cpuDemandGhz') => r.vms.reduce((s, v) => s + v[k], 0);
    expect(oh.cpuDemandGhz).toBeCloseTo(sum(h, 'cpuDemandGhz'), 2);
    expect(oh.cpuAddedGhz).toBeCloseTo(sum(h, 'cpuDemandGhz') - sum(h, 'cpuNativeGhz'), 2);
  });

  it('every VM explains its overhead with the factors and the memory formula', async () => {
    const h = await run('hw-assist-ept');
    const vm = h.vms.find((v) => v.id === 'ams-web-08') ?? h.vms[0];
    expect(vm.overheadExplanation).toMatch(/^hw-assist-ept \(.*EPT\/NPT.*\): CPU .*x1\.\d+.*ref GHz-cores.*esxi memory overhead 14\.2 MiB \+ 4\.03 MiB x \d+ vCPU/);
  });
});

describe('host reserve (docs/models.md#host-reserve)', () => {
  it('ESXi keeps 8% of CPU and max(4 GiB, 8%) of memory (VMware TCI RA: "at least 8% of the resources")', () => {
    const r = hostReserve('esxi', 1024);
    expect(r).toEqual({ memoryGiB: 81.92, cpuCores: 0, cpuFraction: 0.08 });
    expect(cpuAfterReserve(256, 128, r)).toBeCloseTo(235.52, 10);
  });
  it('KVM keeps 2 cores per host (OpenShift Virtualization) and 2 GiB + 360 MiB', () => {
    const r = hostReserve('kvm', 512);
    expect(r.cpuCores).toBe(2);
    expect(r.memoryGiB).toBeCloseTo(2 + 360 / 1024, 10);
    expect(cpuAfterReserve(256, 128, r)).toBe(252);
  });
});
