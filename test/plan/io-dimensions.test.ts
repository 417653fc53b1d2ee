import { describe, it, expect } from 'vitest';
import { resolve } from 'node:path';
import { planFiles } from '../../src/plan-files.js';
import { loadInventory } from '../../src/ingest/inventory.js';
import { ioDimensions, hostIoCapacity, IO_DIMENSIONS } from '../../src/plan-io.js';
import { defaultModel } from '../../src/defaults/registry.js';
import { findBuiltinHost } from '../../src/defaults/catalog.js';
import { argsOf } from '../../src/model/issue.js';
import { checkResult, planDemands } from '../helpers/check-plan.js';
import { REPO } from '../helpers/paths.js';

/**
 * Disk and network as packing dimensions (--dimensions), through the API, over hand-made
 * fixtures: test/fixtures/io (servers CSV with disk_iops, disk_mb_per_s, network_mbps; a host
 * catalog with disk_iops 2000, disk_mb_per_s 400 and `Network (Gbps)` 1; a long CSV of one
 * server's disk IOPS, disk throughput and network samples) and test/fixtures/azure-migrate/import-v1.csv. Expected values
 * are read off the fixture cells, written beside each assertion.
 */
const IO = resolve(REPO, 'test/fixtures/io');
const AZ = resolve(REPO, 'test/fixtures/azure-migrate/import-v1.csv');
const ALL = 'cpu,memory,disk-iops,disk-throughput,network';

/** The 95th percentile, linear interpolation between closest ranks (numpy's default), written out here. */
function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * 0.95;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
}

describe('--dimensions', () => {
  it('parses the names it knows, always with cpu and memory', () => {
    expect(ioDimensions(undefined)).toEqual([]);
    expect(ioDimensions('cpu,memory').map((d) => d.key)).toEqual([]);
    expect(ioDimensions('memory, cpu, network, disk-iops').map((d) => d.key)).toEqual(['disk_iops', 'network_mbps']);
    expect(() => ioDimensions('cpu,memory,disk')).toThrow(/unknown dimension 'disk'/);
    expect(() => ioDimensions('network')).toThrow(/cpu and memory are always packed/);
  });

  it('host capacities: the catalog figure or the hostIo line rate, times the usable fraction; disk IOPS has no default', () => {
    const m = defaultModel();
    const h = findBuiltinHost('dell-r7525')!;
    const [iops, mbs, net] = IO_DIMENSIONS;
    // hostIo.networkMbps 50,000 x hostIo.networkUsableFraction 0.5; hostIo.diskMbPerS 6,400 x 0.5
    expect(hostIoCapacity(h, net, m)).toEqual({ capacity: 25_000, keys: ['hostIo.networkMbps', 'hostIo.networkUsableFraction'] });
    expect(hostIoCapacity(h, mbs, m)).toEqual({ capacity: 3_200, keys: ['hostIo.diskMbPerS', 'hostIo.diskUsableFraction'] });
    expect(() => hostIoCapacity(h, iops, m)).toThrow(/states no disk IOPS capacity/);
    expect(hostIoCapacity({ ...h, diskIops: 5000, networkMbps: 10_000 }, iops, m).capacity).toBe(5000);
    expect(hostIoCapacity({ ...h, diskIops: 5000, networkMbps: 10_000 }, net, m)).toEqual({ capacity: 5000, keys: ['hostIo.networkUsableFraction'] });
  });

  it('packs disk IOPS and network: the IOPS sum sets the host count, a server too large for the network is unplaced in user terms, one without a figure is listed', async () => {
    const base = await planFiles({ servers: 'servers.csv', hosts: 'hosts.csv', timeLimit: 0 }, { baseDir: IO });
    // Without the I/O dimensions the six small servers (2 cores, 4 GiB used each) share one host.
    expect(base.dimensions).toEqual(['cpu_ghz', 'memory_gib']);
    expect(base.summary.hostsUsed).toBe(1);
    expect(base.vms[0].ioDemand).toBeUndefined();

    const r = await planFiles({ servers: 'servers.csv', hosts: 'hosts.csv', dimensions: ALL, timeLimit: 0 }, { baseDir: IO });
    expect(r.dimensions).toEqual(['cpu_ghz', 'memory_gib', 'disk_iops', 'disk_mb_per_s', 'network_mbps']);
    expect(checkResult(r, planDemands(r))).toEqual([]);
    // Host capacity: disk_iops 2000 as stated; disk_mb_per_s 400 x 0.5; Network (Gbps) 1 = 1000 Mbit/s x 0.5.
    for (const h of r.hosts) expect([h.capacity.disk_iops, h.capacity.disk_mb_per_s, h.capacity.network_mbps]).toEqual([2000, 200, 500]);
    // s1..s4 demand 900 IOPS each (s5 100, s6 none): 3,700 placed IOPS need ceil(3700 / 2000) = 2 hosts.
    const placedIops = r.vms.filter((v) => v.host).reduce((s, v) => s + v.ioDemand!.disk_iops, 0);
    expect(placedIops).toBe(3600);
    expect(r.summary.hostsLowerBound).toBeLessThanOrEqual(r.summary.hostsUsed);
    expect(r.summary.hostsUsed).toBe(2);
    // s5: network_mbps 800 > 500 usable.
    expect(r.unplaced.map((u) => [u.id, u.code])).toEqual([['s5', 'unplaced.too-large']]);
    expect(r.unplaced[0].reason).toMatch(/^network: needs 800\.0 Mbit\/s, largest host offers 500\.0 Mbit\/s/);
    // s6 has no disk_iops or disk_mb_per_s cell: listed, demand 0, basis missing, in `assumed`.
    const missing = r.issues.filter((i) => i.code === 'plan.io-missing').map((i) => argsOf(i, 'plan.io-missing'));
    expect(missing.map((a) => [a!.dimension, a!.ids])).toEqual([['disk-iops', ['s6']], ['disk-throughput', ['s6']]]);
    const s6 = r.vms.find((v) => v.id === 's6')!;
    expect(s6.ioDemand).toEqual({ disk_iops: 0, disk_mb_per_s: 0, network_mbps: 100 });
    expect(s6.assumed).toEqual(expect.arrayContaining(['disk_iops', 'disk_mb_per_s']));
    expect(s6.sizing!.io!.map((t) => t.basis)).toEqual(['missing', 'missing', 'inventory']);
    // The defaults in force are listed: the usable fractions (the catalog states every line rate).
    expect(r.assumptions.map((a) => a.key).filter((k) => k.startsWith('hostIo.')).sort()).toEqual(['hostIo.diskUsableFraction', 'hostIo.networkUsableFraction']);
  });

  it('--reuse-existing with disk IOPS: current servers state no IOPS capacity, so none is offered, and the plan says which', async () => {
    const r = await planFiles({ servers: 'servers.csv', hosts: 'hosts.csv', dimensions: ALL, reuseExisting: true, timeLimit: 0 }, { baseDir: IO });
    const w = r.issues.filter((i) => i.code === 'plan.warning').map((i) => argsOf(i, 'plan.warning'));
    // every physical server of the fixture (s1..s6) is left out as a host, none silently
    expect(w).toEqual([{ what: 'reuse-without-iops', servers: ['s1', 's2', 's3', 's4', 's5', 's6'] }]);
    expect(r.hosts.every((h) => !h.type.startsWith('keep:'))).toBe(true);
    expect(checkResult(r, planDemands(r))).toEqual([]);
    // without disk-iops the same servers are offered (network and disk throughput take the hostIo defaults)
    const noIops = await planFiles({ servers: 'servers.csv', hosts: 'hosts.csv', dimensions: 'cpu,memory,network', reuseExisting: true, timeLimit: 0 }, { baseDir: IO });
    expect(noIops.issues.some((i) => i.code === 'plan.warning')).toBe(false);
    // --reuse-only has nothing left to plan with: exit 2, saying why
    await expect(planFiles({ servers: 'servers.csv', hosts: 'hosts.csv', dimensions: ALL, reuseOnly: true, timeLimit: 0 }, { baseDir: IO })).rejects.toThrow(/no current server states a disk IOPS capacity/);
  });

  it('sizes disk and network from samples by the sizing statistic, before the inventory figure, with growth', async () => {
    const r = await planFiles({ servers: 'servers.csv', hosts: 'hosts.csv', utilization: 'long.csv', dimensions: ALL, growth: 10, horizonYears: 1, timeLimit: 0 }, { baseDir: IO });
    const s1 = r.vms.find((v) => v.id === 's1')!;
    // long.csv, s1: disk_iops 40, 80, ..., 800; disk_mb_per_s 2.5, 5, 7.5, 10 repeated; net_mbps (i mod 7) x 10 for i = 0..19.
    const iops = Array.from({ length: 20 }, (_, i) => (i + 1) * 40);
    const mbs = Array.from({ length: 20 }, (_, i) => ((i % 4) + 1) * 2.5);
    const net = Array.from({ length: 20 }, (_, i) => (i % 7) * 10);
    const [ti, tm, tn] = s1.sizing!.io!;
    expect([ti.basis, ti.source!.field]).toEqual(['samples-p95', 'disk_iops samples (p95 of 20)']);
    expect([tm.basis, tm.source!.field, tm.source!.unit]).toEqual(['samples-p95', 'disk_mb_per_s samples (p95 of 20)', 'MB/s']);
    expect(ti.source!.value).toBeCloseTo(p95(iops), 6);
    expect(tm.source!.value).toBeCloseTo(p95(mbs), 6);
    expect(tn.source!.value).toBeCloseTo(p95(net), 6);
    expect(ti.factors.map((f) => f.key)).toEqual(['sizing.growth']);
    expect(s1.ioDemand!.disk_iops).toBeCloseTo(p95(iops) * 1.1, 6);
    expect(s1.ioDemand!.disk_mb_per_s).toBeCloseTo(p95(mbs) * 1.1, 6);
    // s2 has no samples: its inventory figures, with the same growth.
    const s2 = r.vms.find((v) => v.id === 's2')!;
    expect(s2.sizing!.io![0]).toMatchObject({ basis: 'inventory', source: { field: 'disk_iops', value: 900, unit: 'IOPS' } });
    expect(s2.sizing!.io![1]).toMatchObject({ basis: 'inventory', source: { field: 'disk_mb_per_s', value: 20, unit: 'MB/s' } });
    expect(s2.ioDemand!.disk_iops).toBeCloseTo(990, 6);
    expect(s2.ioDemand!.disk_mb_per_s).toBeCloseTo(22, 6);
  });

  it('Azure Migrate: disk IOPS and throughput summed over Disk N reads and writes, network in + out x 8, carried into the trail', async () => {
    const inv = await loadInventory(AZ, { label: 'import-v1.csv' });
    const [web, db, file] = inv.records;
    // web-01: Disk 1 ops 30 + 12, Disk 2 ops 10 + 10; throughput 1.5 + 0.5 + 0.5 + 0.5 MB/s; network (0.2 + 0.1) MB/s x 8.
    expect([web.diskIops, web.diskMbPerS, web.networkMbps]).toEqual([62, 3, (0.2 + 0.1) * 8]);
    // db-01: one disk (Disk 2 cells empty): 400 + 200 ops, 20 + 10 MB/s; network (5 + 3) x 8.
    expect([db.diskIops, db.diskMbPerS, db.networkMbps]).toEqual([600, 30, 64]);
    expect([file.diskIops, file.diskMbPerS]).toEqual([70, 3]);
    expect(web.ioFields).toEqual({ diskIops: 'Disk N read ops + write ops (operations per second)', diskMbPerS: 'Disk N read + write throughput (MB per second)', networkMbps: 'Network In throughput + Network Out throughput (MB per second x 8)' });

    const r = await planFiles({ servers: AZ, hostType: 'dell-r7525', dimensions: 'cpu,memory,disk-throughput,network', timeLimit: 0 });
    expect(checkResult(r, planDemands(r))).toEqual([]);
    const v = r.vms.find((x) => x.id === 'db-01')!;
    expect(v.ioDemand).toEqual({ disk_mb_per_s: 30, network_mbps: 64 });
    expect(v.sizing!.io![1].source).toEqual({ field: 'Network In throughput + Network Out throughput (MB per second x 8)', value: 64, unit: 'Mbit/s' });
    // The built-in type states no disk or network figure: both line rates are the registry's, listed as assumptions.
    expect(r.assumptions.map((a) => a.key).filter((k) => k.startsWith('hostIo.')).sort()).toEqual(['hostIo.diskMbPerS', 'hostIo.diskUsableFraction', 'hostIo.networkMbps', 'hostIo.networkUsableFraction']);
    await expect(planFiles({ servers: AZ, hostType: 'dell-r7525', dimensions: 'cpu,memory,disk-iops', timeLimit: 0 })).rejects.toThrow(/host type dell-r7525 states no disk IOPS capacity/);
  });
});
