import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/run-cli.js';
import { checkResult } from '../helpers/check-plan.js';

describe('plan constraints: --max-vms-per-host, --vcpu-ratio, --ha', () => {
  const r = runCli(['plan', '--servers', 'examples/datacenter/servers.csv', '--format', 'json', '--time-limit', '1', '--max-vms-per-host', '6', '--vcpu-ratio', '2', '--ha', '1']);
  const j = JSON.parse(r.stdout);
  const cores = new Map(
    readFileSync('examples/datacenter/servers.csv', 'utf8').trim().split('\n').slice(1).map((l) => [l.split(',')[0], Number(l.split(',')[1])] as [string, number]),
  );

  it('honours every constraint (independent checks)', () => {
    expect(r.code).toBe(0);
    expect(j.dimensions).toEqual(['cpu_ghz', 'memory_gib', 'vcpus']);
    const demands = new Map(j.vms.map((v: { id: string; cpuDemandGhz: number; memoryDemandGiB: number }) => [v.id, { cpu_ghz: v.cpuDemandGhz, memory_gib: v.memoryDemandGiB, vcpus: cores.get(v.id)! }]));
    expect(checkResult(j, demands as Map<string, Record<string, number>>)).toEqual([]);
    for (const h of j.hosts) {
      expect(h.vms.length).toBeLessThanOrEqual(6);
      expect(h.capacity.vcpus).toBe(128 * 2); // dell-r7525: 128 cores x ratio 2
    }
  });

  it('N+1: every single-host failure is absorbed by re-packing (reported verification)', () => {
    expect(j.summary.ha.ha).toBe(1);
    expect(j.summary.ha.ok).toBe(true);
    expect(j.summary.ha.casesAbsorbed).toBe(j.summary.ha.casesChecked);
    expect(j.summary.ha.casesChecked).toBe(j.hosts.length);
    expect(j.summary.hostsLowerBound).toBeLessThanOrEqual(j.summary.hostsUsed);
  });

  it('a tighter VM limit never lowers the host count (relation on the bound)', () => {
    const loose = JSON.parse(runCli(['plan', '--servers', 'examples/datacenter/servers.csv', '--format', 'json', '--time-limit', '0']).stdout);
    const tight = JSON.parse(runCli(['plan', '--servers', 'examples/datacenter/servers.csv', '--format', 'json', '--time-limit', '0', '--max-vms-per-host', '3']).stdout);
    expect(tight.summary.hostsLowerBound).toBeGreaterThanOrEqual(loose.summary.hostsLowerBound);
    expect(tight.summary.hostsUsed).toBeGreaterThanOrEqual(Math.ceil(tight.summary.placed / 3));
  });
});
