import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { dataPath } from '../helpers/data-dir.js';
import { checkResult, planDemands } from '../helpers/check-plan.js';

/** Data suite: the CLI over a real PlanetLab day, the Bitbrains sample and an RVTools-layout workbook. */
const PL = dataPath('cloudsim-planetlab', '20110303');
const BB = dataPath('bitbrains-gwa-t-12-rnd-sample', 'rnd', '2013-7');
const XLSX = dataPath('rvtools-example-kubev2v', 'example1.xlsx');

const plan = (args: string[]) => {
  const r = runCli(['plan', ...args, '--format', 'json', '--time-limit', '0']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};
const errors = (j: { issues: { severity: string }[] }) => j.issues.filter((i) => i.severity === 'error') as unknown as { file: string; line: number; column?: string; code: string; message: string }[];

describe('plan from a PlanetLab day (CloudSim traces, PROVENANCE.md: 1052 files x 288 lines)', () => {
  const j = plan(['--utilization', PL]);
  it('reads every line of every file, detects the format, and plans every trace', () => {
    expect(j.summary.rows).toEqual({ read: 1052 * 288, accepted: 1052 * 288, rejected: 0 });
    expect(j.summary.vms).toBe(1052);
    expect(j.issues[0].code).toBe('file.detected-format');
    expect(j.issues[0].message).toContain('planetlab');
    expect(j.summary.placed + j.summary.unplaced).toBe(j.summary.vms);
    expect(checkResult(j, planDemands(j))).toEqual([]);
  });
  it('keeps file names with spaces as ids, and marks the default capacity as assumed', () => {
    expect(j.vms.some((v: { id: string }) => v.id === 'aladdin_planetlab_extranet_uni-passau_de_ rnp_dcc_ufjf')).toBe(true);
    expect(j.assumptions.map((a: { key: string }) => a.key)).toEqual(expect.arrayContaining(['trace.vmCores', 'trace.vmMemoryGiB', 'sizing.statistic']));
    expect(j.vms[0].assumed).toEqual(expect.arrayContaining(['cores', 'memory_gb']));
  });
  it('rates full 288-sample days 5 stars (coverage 100%)', () => {
    expect(j.dataQuality.stars).toBe(5);
    expect(j.dataQuality.workloads.every((w: { coverage: number }) => w.coverage === 1)).toBe(true);
  });
  it('raising the sizing statistic never lowers the host count (relation)', () => {
    const mean = plan(['--utilization', PL, '--sizing', 'mean']).summary.hostsLowerBound;
    const peak = plan(['--utilization', PL, '--sizing', 'peak']).summary.hostsLowerBound;
    expect(peak).toBeGreaterThanOrEqual(j.summary.hostsLowerBound);
    expect(j.summary.hostsLowerBound).toBeGreaterThanOrEqual(mean);
  });
});

describe('plan from the Bitbrains sample (PROVENANCE.md: VM 14 has 428 samples, 8 with 0 cores)', () => {
  const j = plan(['--utilization', BB]);
  it('rejects exactly the 8 zero-core rows of 14.csv (lines 2-9) and keeps the rest', () => {
    const e = errors(j);
    expect(e.map((i) => i.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    for (const i of e) expect(i.file).toBe(`${BB}/14.csv`);
    expect(j.summary.rows.read).toBe(j.summary.rows.accepted + 8);
    expect(j.summary.vms).toBe(16);
  });
  it('detects that the [ms] timestamps are seconds, and takes capacity from the trace (no --servers)', () => {
    expect(j.issues.some((i: { code: string; message: string }) => i.code === 'file.unit-detected' && /seconds/.test(i.message))).toBe(true);
    expect(j.assumptions.some((a: { key: string }) => a.key === 'trace.vmCores')).toBe(false);
    expect(checkResult(j, planDemands(j))).toEqual([]);
  });
  it('plans each VM with its provisioned memory (44.4 GiB in all), not its usage samples (were 7.16 GiB)', () => {
    const provisioned = j.vms.reduce((a: number, v: { sizing: { memory: { configuredGiB: number } } }) => a + v.sizing.memory.configuredGiB, 0);
    expect(provisioned).toBeCloseTo(44.4, 1);
    expect(j.vms.reduce((a: number, v: { memoryNativeGiB: number }) => a + v.memoryNativeGiB, 0)).toBeCloseTo(provisioned, 4);
    expect(j.summary.memorySizing.workloads).toEqual({ configured: 16, used: 0, active: 0 });
  });
  it('rates the short VM 14 below the full ones', () => {
    const q = j.dataQuality.workloads;
    expect(q.find((w: { id: string }) => w.id === '14').stars).toBeLessThan(q.find((w: { id: string }) => w.id === '1').stars);
  });
  it('--profile-buckets 24 packs CPU per hour: 24 cpu_ghz@HH dimensions, never more hosts than without (relation)', () => {
    const p = plan(['--utilization', BB, '--profile-buckets', '24']);
    expect(p.dimensions).toEqual(['memory_gib', ...Array.from({ length: 24 }, (_, h) => `cpu_ghz@${String(h).padStart(2, '0')}`)]);
    expect(p.vms[0].cpuProfileDemandGhz).toHaveLength(24);
    expect(p.summary.hostsLowerBound).toBeLessThanOrEqual(j.summary.hostsLowerBound);
  });
});

describe('plan from the RVTools workbook (kubev2v example1.xlsx)', () => {
  const j = plan(['--rvtools', XLSX]);
  it('reads vInfo and vHost, skips powered-off VMs (counted), rejects the VM row with no CPUs (sheet row 10)', () => {
    expect(j.summary.rows).toEqual({ read: 16, accepted: 15, rejected: 1 });
    expect(errors(j)).toEqual([expect.objectContaining({ file: `${XLSX}#vInfo`, line: 10, column: 'CPUs' })]);
    expect(j.issues.some((i: { code: string; message: string }) => i.code === 'data.skipped' && i.message.includes('6 powered off'))).toBe(true);
    expect(j.vms.map((v: { id: string }) => v.id)).toEqual(['vm-3', 'vm-8']);
  });
  it('flags both planned VMs as running on hosts missing from vHost, and leaves the 7 vHost hosts (77 VMs by their count, none in vInfo) out of "before"', () => {
    const u = j.issues.find((i: { code: string }) => i.code === 'data.unknown-host');
    expect(u.args).toEqual({ vms: 2, ids: ['vm-3', 'vm-8'], hosts: ['10.41.187.30', '10.5.126.198'], unnamed: 0 });
    const h = j.issues.find((i: { code: string }) => i.code === 'data.host-without-vms');
    expect(h.args.hosts).toHaveLength(7);
    expect(h.args.vmsReported).toBe(11 + 14 + 14 + 5 + 12 + 12 + 9);
    expect(j.summary.before.hosts).toBe(0);
    expect(j.summary.sourceServers).toBe(0);
    expect(j.issues.some((i: { code: string; message: string }) => i.code === 'file.unit-detected' && /MiB/.test(i.message))).toBe(true);
  });
  it('sizes CPU from each VM\'s vCPU Overall (91 and 3,304 MHz) x peak factor, and memory by its configured 3,526 and 34,321 MiB', () => {
    const vm3 = j.vms.find((v: { id: string }) => v.id === 'vm-3');
    const vm8 = j.vms.find((v: { id: string }) => v.id === 'vm-8');
    expect(vm3.memoryNativeGiB).toBeCloseTo(3526 / 1024, 6); // was 0.327 GiB (its Active Memory)
    expect(vm8.memoryNativeGiB).toBeCloseTo(34321 / 1024, 6);
    // no vHost row: the clock is vCPU Max per vCPU (9,180 / 3 = 3,060 MHz; 36,720 / 13 MHz)
    expect(vm3.sizing.cpu).toMatchObject({ basis: 'snapshot-x-peak-factor', source: { field: 'vCPU Overall', value: 91, unit: 'MHz' }, ghz: 3.06 });
    expect(vm3.cpuAvgUtilizationFraction).toBeCloseTo(91 / 9180, 6);
    expect(vm8.cpuAvgUtilizationFraction).toBeCloseTo(3304 / 36720, 6);
    for (const v of j.vms) expect(new Set(v.assumed).size, v.id).toBe(v.assumed.length);
    const info = j.issues.find((i: { code: string; args: { what?: string } }) => i.code === 'data.assumed-value' && i.args.what === 'rvtools-snapshot');
    expect(info.args).toMatchObject({ vms: 2, vmOverall: 2, hostShare: 0, cpuAssumed: 0 });
    expect(info.message).toContain('CPU of 2 from their own vCPU Overall (MHz)');
  });
});

describe('consolidate validate', () => {
  it('exits 0 on clean input (json)', () => {
    const r = runCli(['validate', '--utilization', PL, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.kind).toBe('validate');
    expect(j.summary).toEqual({ rows: { read: 302976, accepted: 302976, rejected: 0 }, workloads: 1052, valid: true });
    expect(j.dataQuality.stars).toBe(5);
  });
});
