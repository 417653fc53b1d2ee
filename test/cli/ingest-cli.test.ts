import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { dataPath } from '../helpers/paths.js';
import { checkResult, planDemands } from '../helpers/check-plan.js';

const PL = dataPath('cloudsim-planetlab', '20110303');
const BB = dataPath('bitbrains-gwa-t-12-rnd-sample', 'rnd', '2013-7');
const XLSX = dataPath('rvtools-example-kubev2v', 'example1.xlsx');
const LONG = 'test/fixtures/long/utilization.csv';
const SERVERS = 'test/fixtures/long/servers.csv';
const RVCSV = 'test/fixtures/rvtools-csv';
const RVOLD = 'test/fixtures/rvtools-csv-old';
const PLFIX = 'test/fixtures/planetlab';

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

describe('PlanetLab fixture with a malformed line', () => {
  it('rejects line 10 of the file with a space in its name, naming the file inside the folder', () => {
    const j = plan(['--utilization', PLFIX, '--utilization-format', 'planetlab']);
    expect(j.summary.rows).toEqual({ read: 288 + 288 + 144, accepted: 719, rejected: 1 });
    const e = errors(j);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ file: `${PLFIX}/node-b_ slice two`, line: 10, column: 'cpu_pct', code: 'row.invalid-number' });
    const c = j.dataQuality.workloads.find((w: { id: string }) => w.id === 'node-c_slice_three');
    expect(c.coverage).toBe(0.5);
    expect(c.stars).toBe(3);
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
  it('uses the 7 vHost hosts as the before side and says there is no utilization history', () => {
    expect(j.summary.before.hosts).toBe(7);
    expect(j.summary.sourceServers).toBe(7);
    expect(j.issues.some((i: { message: string }) => /no utilization history/.test(i.message))).toBe(true);
    expect(j.vms.every((v: { assumed: string[] }) => v.assumed.includes('cpu_util'))).toBe(true);
    expect(j.issues.some((i: { code: string; message: string }) => i.code === 'file.unit-detected' && /MiB/.test(i.message))).toBe(true);
  });
});

describe('plan from an RVTools CSV export (both header generations)', () => {
  const j = plan(['--rvtools', RVCSV]);
  it('reads quoted commas and line breaks, skips off/template/SRM, rejects the bad CPU count', () => {
    expect(j.summary.rows).toEqual({ read: 10, accepted: 9, rejected: 1 });
    expect(errors(j)).toEqual([expect.objectContaining({ file: `${RVCSV}/RVTools_tabvInfo.csv`, line: 7, column: 'CPUs' })]);
    expect(j.vms.map((v: { id: string }) => v.id)).toEqual(['app-01', 'db-01', 'web-01', 'web-02']);
    expect(j.issues.find((i: { code: string }) => i.code === 'data.skipped').message).toContain('1 powered off, 1 template(s), 1 SRM placeholder(s)');
  });
  it('sizes each VM from its host CPU usage and Active Memory (known values from the fixture)', () => {
    const app = j.vms.find((v: { id: string }) => v.id === 'app-01');
    // 4 vCPU x 2.1 GHz x min(1, 40% host usage x peak factor 3) = 8.4 GHz; web-01 on esx-02 (20%):
    // 2 x 2.1 x 0.6 = 2.52 GHz; Active Memory 4096 MiB = 4 GiB
    expect(app.cpuNativeGhz).toBeCloseTo(8.4, 6);
    expect(j.vms.find((v: { id: string }) => v.id === 'web-01').cpuNativeGhz).toBeCloseTo(2.52, 6);
    expect(app.memoryNativeGiB).toBe(4);
    expect(j.summary.before.hosts).toBe(2);
  });
  it('--rvtools-include-all plans the skipped VMs too', () => {
    expect(plan(['--rvtools', RVCSV, '--rvtools-include-all']).summary.vms).toBe(7);
  });
  it('reads the old camelCase headers and detects # Memory in KiB', () => {
    const o = plan(['--rvtools', RVOLD]);
    expect(o.vms.map((v: { id: string }) => v.id)).toEqual(['app-01', 'db-01']);
    expect(errors(o)).toEqual([expect.objectContaining({ line: 4, column: 'vInfoVMName' })]);
    expect(o.issues.some((i: { code: string; message: string }) => i.code === 'file.unit-detected' && /KiB/.test(i.message))).toBe(true);
  });
});

describe('plan from a long CSV with an inventory', () => {
  const j = plan(['--utilization', LONG, '--servers', SERVERS]);
  it('accounts for both files and asserts the rejected lines', () => {
    // servers.csv: 4 rows; utilization.csv: 129 rows, 6 rejected
    expect(j.summary.rows).toEqual({ read: 133, accepted: 127, rejected: 6 });
    expect(errors(j).map((i) => i.line)).toEqual([7, 8, 9, 10, 12, 13]);
    expect(j.dataQuality.noSamples).toEqual(['idle-1']);
    expect(j.dataQuality.noInventory).toEqual(['ghost-9']);
    expect(checkResult(j, planDemands(j))).toEqual([]);
  });
  it('sizes web-1 from its p95 sample (known value) and growth raises demand by (1+g)^years', () => {
    const web = j.vms.find((v: { id: string }) => v.id === 'web-1');
    expect(web.sizingBasis).toBe('samples-p95');
    // web-1 cpu_pct = 10 + hour over two days: p95 of {10..33} twice (type 7, numpy.percentile) = 32% of 4 x 2.4 GHz
    expect(web.cpuNativeGhz).toBeCloseTo(0.32 * 9.6, 4);
    const g = plan(['--utilization', LONG, '--servers', SERVERS, '--growth', '10', '--horizon-years', '2']);
    expect(g.vms.find((v: { id: string }) => v.id === 'web-1').cpuNativeGhz).toBeCloseTo(0.32 * 9.6 * 1.21, 4);
  });
  it('--rejects covers the new format: file,line,column,reason,raw', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-'));
    const out = join(dir, 'rejects.csv');
    const r = runCli(['plan', '--utilization', LONG, '--servers', SERVERS, '--rejects', out, '--time-limit', '0']);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('file,line,column,reason,raw');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toContain(`${LONG},7,timestamp,`);
    expect(lines[1]).toContain('"yesterday,web-1,10,4"');
  });
  it('--strict stops at the first rejected line (exit 2)', () => {
    const r = runCli(['plan', '--utilization', LONG, '--strict']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${LONG}:7`);
  });
  it('text report shows the data-quality section', () => {
    const r = runCli(['plan', '--utilization', LONG, '--servers', SERVERS, '--time-limit', '0']);
    expect(r.stdout).toMatch(/Data quality: [1-5]\/5 stars for the run/);
  });
});

describe('consolidate validate', () => {
  it('exits 2 with rejected rows, listing them and the ratings (text)', () => {
    const r = runCli(['validate', '--utilization', LONG, '--servers', SERVERS]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Inputs: 133 rows read, 127 accepted, 6 rejected');
    expect(r.stdout).toContain(`${LONG}:13`);
    expect(r.stdout).toMatch(/Data quality: \d\/5 stars/);
  });
  it('exits 0 on clean input (json)', () => {
    const r = runCli(['validate', '--utilization', PL, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.kind).toBe('validate');
    expect(j.summary).toEqual({ rows: { read: 302976, accepted: 302976, rejected: 0 }, workloads: 1052, valid: true });
    expect(j.dataQuality.stars).toBe(5);
  });
});
