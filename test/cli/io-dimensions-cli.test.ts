import { describe, it, expect } from 'vitest';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../helpers/run-cli.js';
import { checkResult, planDemands } from '../helpers/check-plan.js';
import { REPO } from '../helpers/paths.js';

/**
 * Disk and network dimensions end to end through the CLI, over the hand-made fixtures of
 * test/fixtures/io and the Azure Migrate import: JSON, placement CSV and text show the asked
 * dimensions where they show CPU and memory; an unknown name and a host type without disk IOPS
 * exit 2 with a message that says what to do.
 */
const IO = resolve(REPO, 'test/fixtures/io');
const AZ = resolve(REPO, 'test/fixtures/azure-migrate/import-v1.csv');
const ARGS = ['plan', '--servers', resolve(IO, 'servers.csv'), '--hosts', resolve(IO, 'hosts.csv'), '--dimensions', 'cpu,memory,disk-iops,network', '--time-limit', '0'];

describe('--dimensions through the CLI', () => {
  it('JSON: the dimensions, host loads and capacities, per-VM demands; an independent check of every host', () => {
    const r = runCli([...ARGS, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.dimensions).toEqual(['cpu_ghz', 'memory_gib', 'disk_iops', 'network_mbps']);
    expect(checkResult(j, planDemands(j))).toEqual([]);
    for (const h of j.hosts) expect(Object.keys(h.fill)).toEqual(j.dimensions);
    expect(j.unplaced.map((u: { id: string }) => u.id)).toEqual(['s5']);
  });

  it('placement CSV: a demand and a basis column per asked dimension, after memory', () => {
    const r = runCli([...ARGS, '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    const cols = Object.keys(rows[0]);
    expect(cols.slice(cols.indexOf('memory_demand_gib'), cols.indexOf('memory_demand_gib') + 5)).toEqual(['memory_demand_gib', 'disk_iops_demand', 'disk_iops_basis', 'network_mbps_demand', 'network_mbps_basis']);
    // servers.csv: s1 disk_iops 900, network_mbps 100; s6 has no disk_iops.
    const s1 = rows.find((x) => x.vm_id === 's1')!;
    expect([s1.disk_iops_demand, s1.disk_iops_basis, s1.network_mbps_demand]).toEqual(['900', 'inventory', '100']);
    const s6 = rows.find((x) => x.vm_id === 's6')!;
    expect([s6.disk_iops_demand, s6.disk_iops_basis]).toEqual(['0', 'missing']);
    const s5 = rows.find((x) => x.vm_id === 's5')!;
    expect(s5.status).toBe('unplaced');
    expect(s5.unplaced_reason).toMatch(/^network: needs 800\.0 Mbit\/s, largest host offers 500\.0 Mbit\/s/);
  });

  it('text: a fill column per dimension, the unplaced reason and the missing figure', () => {
    const r = runCli(ARGS);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/CPU fill\s+Memory fill\s+Disk IOPS fill\s+Network fill/);
    expect(r.stdout).toContain('network: needs 800.0 Mbit/s');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('--dimensions disk-iops: 1 workload has no disk IOPS figure');
    // Without --dimensions the report is as before: CPU and memory only.
    const plain = runCli(ARGS.slice(0, -4));
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).not.toContain('Disk IOPS fill');
  });

  it('the Azure Migrate figures reach the sizing trail of the JSON', () => {
    const r = runCli(['plan', '--servers', AZ, '--dimensions', 'cpu,memory,disk-throughput,network', '--format', 'json', '--time-limit', '0']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const web = j.vms.find((v: { id: string }) => v.id === 'web-01');
    // import-v1.csv, web-01: Disk 1 + Disk 2 read + write throughput 1.5 + 0.5 + 0.5 + 0.5 MB/s; network (0.2 + 0.1) x 8 Mbit/s.
    expect(web.sizing.io.map((t: { source: { value: number } }) => t.source.value)).toEqual([3, 2.4]);
    expect(web.ioDemand).toEqual({ disk_mb_per_s: 3, network_mbps: 2.4 });
  });

  it('exit 2: an unknown dimension, and disk IOPS on a host type that states none', () => {
    const bad = runCli(['plan', '--servers', AZ, '--dimensions', 'cpu,memory,disk']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown dimension 'disk' (known: cpu, memory, disk-iops, disk-throughput, network)");
    const noIops = runCli(['plan', '--servers', AZ, '--dimensions', 'cpu,memory,disk-iops']);
    expect(noIops.code).toBe(2);
    expect(noIops.stderr).toContain('host type dell-r7525 states no disk IOPS capacity');
  });
});
