import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { hostReserve, cpuOverheadFactor } from '../../src/overhead/overhead.js';
import { HOST_RESERVE, HYPERVISOR_KIND, HYPERVISORS } from '../../src/defaults/memory.js';
import { usableCapacity } from '../../src/plan.js';
import { PlanOptionsSchema } from '../../src/model/options.js';
import { findBuiltinHost } from '../../src/defaults/catalog.js';
import { tempDir } from '../helpers/fixtures.js';

/**
 * --hypervisor covers the bare-metal kinds (esxi, kvm, hyper-v, xen) and the hosted kind
 * (vmware-workstation, virtualbox): the host OS keeps its own reserve, the hosted I/O path
 * multiplies the CPU of I/O, and choosing one for a server estate is a coded warning.
 * Known values from docs/models.md#hosted-hypervisors.
 */
const dir = tempDir('hosted');
writeFileSync(join(dir, 'servers.csv'), 'id,cores,cpu_ghz,memory_gb,cpu_util_p95_pct,workload_class\nio-1,8,2.5,32,40,io\ncpu-1,8,2.5,32,40,cpu\n');

async function plan(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['plan', '--servers', 'servers.csv', '--format', 'json', '--time-limit', '0', ...args], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd: dir });
  expect(code, err).toBe(0);
  return JSON.parse(out);
}

describe('hosted hypervisors', () => {
  it('are the two hosted kinds beside four bare-metal ones', () => {
    expect(HYPERVISORS.filter((h) => HYPERVISOR_KIND[h] === 'bare-metal')).toEqual(['esxi', 'kvm', 'hyper-v', 'xen']);
    expect(HYPERVISORS.filter((h) => HYPERVISOR_KIND[h] === 'hosted')).toEqual(['vmware-workstation', 'virtualbox']);
  });

  it('the host OS keeps max(4 GiB, 10% of memory) and 2 cores: 102.4 GiB and 2 of 128 cores of an R7525 (1 TiB)', () => {
    expect(hostReserve('virtualbox', 1024)).toEqual({ memoryGiB: 102.4, cpuCores: 2, cpuFraction: 0 });
    expect(hostReserve('vmware-workstation', 16)).toEqual({ memoryGiB: 4, cpuCores: 2, cpuFraction: 0 });
    const h = findBuiltinHost('dell-r7525')!;
    const u = usableCapacity(h, PlanOptionsSchema.parse({ hypervisor: 'virtualbox' }));
    expect(u.memoryGiB).toBeCloseTo((1024 - 102.4) * 0.9, 9);
    expect(u.cpuGhz).toBeCloseTo(128 * 2.0 * (126 / 128) * 0.8, 9);
    expect(HOST_RESERVE.esxi.memoryFraction).toBe(0.08);
  });

  it('the hosted I/O path doubles the io class\'s CPU factor (hw-assist-ept io 1.15 x 2 = 2.3), nothing else', () => {
    expect(cpuOverheadFactor('hw-assist-ept', { io: 1 }, undefined, 2)).toBeCloseTo(2.3, 12);
    expect(cpuOverheadFactor('hw-assist-ept', { cpu: 1 }, undefined, 2)).toBe(1.02);
    expect(cpuOverheadFactor('hw-assist-ept', { io: 0.5, cpu: 0.5 }, undefined, 2)).toBeCloseTo((2.3 + 1.02) / 2, 12);
  });

  it('a plan on virtualbox: the io workload carries the hosted factor in its trail, the plan warns, the assumptions list the entries', async () => {
    const j = await plan(['--hypervisor', 'virtualbox']);
    const io = j.vms.find((v: { id: string }) => v.id === 'io-1');
    expect(io.cpuOverheadFactor).toBeCloseTo(2.3, 9);
    expect(io.sizing.cpu.factors.at(-1).key).toBe('overhead.cpu.hw-assist-ept.io, overhead.hostedIo.virtualbox.factor');
    expect(j.vms.find((v: { id: string }) => v.id === 'cpu-1').cpuOverheadFactor).toBe(1.02);
    const w = j.issues.find((i: { code: string }) => i.code === 'plan.hosted-hypervisor');
    expect(w).toMatchObject({ severity: 'warning', args: { hypervisor: 'virtualbox', workloads: 2 } });
    const keys = j.assumptions.map((a: { key: string }) => a.key);
    expect(keys).toEqual(expect.arrayContaining(['overhead.hostedIo.virtualbox.factor', 'reserve.virtualbox.memoryFraction', 'reserve.virtualbox.cpuCores']));
    expect(j.summary.overhead.hostReserveMemoryGiB).toBeCloseTo(102.4 * j.summary.hostsUsed, 6);
  });

  it('bare-metal hypervisors: no warning, no hosted factor (xen stands for XenServer too)', async () => {
    for (const hv of ['esxi', 'kvm', 'hyper-v', 'xen']) {
      const j = await plan(['--hypervisor', hv]);
      expect(j.issues.map((i: { code: string }) => i.code), hv).not.toContain('plan.hosted-hypervisor');
      expect(j.vms.find((v: { id: string }) => v.id === 'io-1').cpuOverheadFactor, hv).toBe(1.15);
    }
  });

  it('--virtualization none: no hypervisor at all, so no hosted warning or factor', async () => {
    const j = await plan(['--hypervisor', 'vmware-workstation', '--virtualization', 'none']);
    expect(j.issues.map((i: { code: string }) => i.code)).not.toContain('plan.hosted-hypervisor');
    expect(j.vms.find((v: { id: string }) => v.id === 'io-1').cpuOverheadFactor).toBe(1);
  });
});
