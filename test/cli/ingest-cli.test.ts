import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { checkResult, planDemands } from '../helpers/check-plan.js';
import { tempDir, writePlanetLabDay, planetLabNames, writeBitbrains, buildXlsx, rvInfoRows, rvHostRows, type RvVm, type RvHost } from '../helpers/fixtures.js';

/**
 * The CLI over every input format, on fixtures we write ourselves (test/fixtures, and the
 * PlanetLab-style day, Bitbrains-style folder and RVTools-layout workbook generated below). The
 * same assertions over the public data sets are in ingest-cli.data.test.ts (npm run test:data).
 */
const GEN = tempDir('ingest-cli');
const PL_NAMES = planetLabNames(40);
const PL = writePlanetLabDay(join(GEN, 'planetlab-day'), PL_NAMES, 11).dir;
// Bitbrains-style: three VMs with two full days (576 five-minute rows), and VM 14 with 8
// not-yet-provisioned rows (0 cores) followed by 60 samples.
const BB = writeBitbrains(join(GEN, 'bitbrains'), [
  { id: '1', cores: 2, mhzPerCore: 2926, memoryKB: 8_218_624, samples: 576 },
  { id: '2', cores: 4, mhzPerCore: 2600, memoryKB: 16_777_216, samples: 576 },
  { id: '3', cores: 1, mhzPerCore: 2926, memoryKB: 4_194_304, samples: 576 },
  { id: '14', cores: 2, mhzPerCore: 2926, memoryKB: 4_194_304, samples: 60, zeroCoreRows: 8 },
]);
// RVTools-layout workbook: 8 vInfo rows (1 powered off, 1 template, 1 SRM placeholder, 1 without
// CPUs on sheet row 8) and 3 vHost hosts with memory in MiB.
const RV_HOSTS: RvHost[] = [
  { host: 'esx-01', sockets: 2, coresPerCpu: 12, mhz: 2400, memoryMiB: 262_144, cpuUsagePct: 30, memUsagePct: 55, cpuModel: 'Intel(R) Xeon(R) Gold 6136 CPU @ 3.00GHz' },
  { host: 'esx-02', sockets: 2, coresPerCpu: 16, mhz: 2600, memoryMiB: 393_216, cpuUsagePct: 15, memUsagePct: 40, cpuModel: 'Intel(R) Xeon(R) Gold 6142 CPU @ 2.60GHz' },
  { host: 'esx-03', sockets: 2, coresPerCpu: 8, mhz: 2100, memoryMiB: 131_072, cpuUsagePct: 50, memUsagePct: 70, cpuModel: 'Intel(R) Xeon(R) Silver 4110 CPU @ 2.10GHz' },
];
const RV_VMS: RvVm[] = [
  { vm: 'app-01', powerstate: 'poweredOn', cpus: 4, memoryMiB: 8192, activeMiB: 3072, host: 'esx-01' },
  { vm: 'db-01', powerstate: 'poweredOn', cpus: 8, memoryMiB: 32768, activeMiB: 16384, host: 'esx-02' },
  { vm: 'web-01', powerstate: 'poweredOn', cpus: 2, memoryMiB: 4096, activeMiB: 1024, host: 'esx-03' },
  { vm: 'old-01', powerstate: 'poweredOff', cpus: 2, memoryMiB: 4096, activeMiB: 0, host: 'esx-03' },
  { vm: 'tpl-01', powerstate: 'poweredOff', template: true, cpus: 2, memoryMiB: 4096, activeMiB: 0, host: 'esx-01' },
  { vm: 'srm-01', powerstate: 'poweredOff', srm: true, cpus: 4, memoryMiB: 8192, activeMiB: 0, host: 'esx-02' },
  { vm: 'bad-01', powerstate: 'poweredOn', cpus: '', memoryMiB: 4096, activeMiB: 512, host: 'esx-01' },
  { vm: 'web-02', powerstate: 'poweredOn', cpus: 2, memoryMiB: 4096, activeMiB: 2048, host: 'esx-01' },
];
const XLSX = join(GEN, 'rvtools.xlsx');
writeFileSync(XLSX, buildXlsx([{ name: 'vInfo', rows: rvInfoRows(RV_VMS) }, { name: 'vHost', rows: rvHostRows(RV_HOSTS) }]));
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

describe('plan from a PlanetLab-style day (40 generated traces x 288 lines, one name with a space)', () => {
  const j = plan(['--utilization', PL]);
  it('reads every line of every file, detects the format, and plans every trace', () => {
    expect(j.summary.rows).toEqual({ read: 40 * 288, accepted: 40 * 288, rejected: 0 });
    expect(j.summary.vms).toBe(40);
    expect(j.issues[0].code).toBe('file.detected-format');
    expect(j.issues[0].message).toContain('planetlab');
    expect(j.summary.placed + j.summary.unplaced).toBe(j.summary.vms);
    expect(checkResult(j, planDemands(j))).toEqual([]);
  });
  it('keeps file names with spaces as ids, and marks the default capacity as assumed', () => {
    expect(PL_NAMES.filter((n) => n.includes(' ')).length).toBeGreaterThan(0);
    for (const n of PL_NAMES) expect(j.vms.some((v: { id: string }) => v.id === n)).toBe(true);
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

describe('plan from a Bitbrains-style folder (VM 14: 8 rows with 0 cores, then 60 samples)', () => {
  const j = plan(['--utilization', BB]);
  it('rejects exactly the 8 zero-core rows of 14.csv (lines 2-9) and keeps the rest', () => {
    const e = errors(j);
    expect(e.map((i) => i.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    for (const i of e) expect(i.file).toBe(`${BB}/14.csv`);
    expect(j.summary.rows).toEqual({ read: 3 * 576 + 68, accepted: 3 * 576 + 60, rejected: 8 });
    expect(j.summary.vms).toBe(4);
  });
  it('detects that the [ms] timestamps are seconds, and takes capacity from the trace (no --servers)', () => {
    expect(j.issues.some((i: { code: string; message: string }) => i.code === 'file.unit-detected' && /seconds/.test(i.message))).toBe(true);
    expect(j.assumptions.some((a: { key: string }) => a.key === 'trace.vmCores')).toBe(false);
    // capacity from the trace: VM 2 has 4 cores and 16 GiB provisioned (16,777,216 KB)
    const v2 = j.vms.find((v: { id: string }) => v.id === '2');
    expect(v2.assumed).not.toContain('cores');
    expect(v2.assumed).not.toContain('memory_gb');
    expect(v2.overheadExplanation).toContain('x 4 vCPU + 0.743% x 16 GiB');
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

describe('plan from an RVTools-layout workbook (built in the test: shared strings, numeric cells)', () => {
  const j = plan(['--rvtools', XLSX]);
  it('reads vInfo and vHost, skips powered-off VMs (counted), rejects the VM row with no CPUs (sheet row 8)', () => {
    expect(j.summary.rows).toEqual({ read: 8 + 3, accepted: 7 + 3, rejected: 1 });
    expect(errors(j)).toEqual([expect.objectContaining({ file: `${XLSX}#vInfo`, line: 8, column: 'CPUs' })]);
    expect(j.issues.find((i: { code: string }) => i.code === 'data.skipped').message).toContain('1 powered off, 1 template(s), 1 SRM placeholder(s)');
    expect(j.vms.map((v: { id: string }) => v.id)).toEqual(['app-01', 'db-01', 'web-01', 'web-02']);
  });
  it('uses the 3 vHost hosts as the before side and says there is no utilization history', () => {
    expect(j.summary.before.hosts).toBe(3);
    expect(j.summary.sourceServers).toBe(3);
    expect(j.issues.some((i: { message: string }) => /no utilization history/.test(i.message))).toBe(true);
    // every VM's CPU rests on its host's measured usage (no vCPU tab here), none is assumed
    expect(j.vms.every((v: { sizingBasis: string; assumed: string[] }) => v.sizingBasis === 'snapshot-x-peak-factor' && !v.assumed.includes('cpu_util'))).toBe(true);
    expect(j.issues.some((i: { code: string; message: string }) => i.code === 'file.unit-detected' && /MiB/.test(i.message))).toBe(true);
  });
  it('sizes each VM from its host\'s measured demand shared by vCPU, and its configured memory (known values from the workbook)', () => {
    // esx-02: 32 cores x 2,600 MHz x 15% = 12,480 MHz, all for db-01 (8 vCPU, the host's only running VM):
    // 12480 / (8 x 2600) = 60% on average, x peak factor 3 capped at 100%: 8 x 2.6 = 20.8 GHz
    const db = j.vms.find((v: { id: string }) => v.id === 'db-01');
    expect(db.cpuAvgUtilizationFraction).toBeCloseTo(0.6, 6);
    expect(db.cpuNativeGhz).toBeCloseTo(20.8, 6);
    // esx-01: 24 x 2,400 x 30% = 17,280 MHz over app-01 (4 vCPU) and web-02 (2): 120% of their vCPUs, capped at 100%
    const app = j.vms.find((v: { id: string }) => v.id === 'app-01');
    expect(app.cpuAvgUtilizationFraction).toBe(1);
    expect(app.cpuNativeGhz).toBeCloseTo(9.6, 6);
    // memory: a VM keeps its configured memory (8192 MiB), not its Active Memory (3072 MiB)
    expect(app.memoryNativeGiB).toBe(8);
    expect(app.sizing.memory).toMatchObject({ basis: 'configured', activeGiB: 3, activeField: 'vInfo Active Memory' });
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
  it('sizes each VM from its host\'s measured demand shared by vCPU, and its configured memory (known values from the fixture)', () => {
    const app = j.vms.find((v: { id: string }) => v.id === 'app-01');
    // esx-01: 32 x 2,100 MHz x 40% = 26,880 MHz over app-01 (4 vCPU) and db-01 (8): 26880 / (12 x 2100) = 106.7%, capped at 100%
    expect(app.cpuAvgUtilizationFraction).toBe(1);
    expect(app.cpuNativeGhz).toBeCloseTo(8.4, 6);
    // esx-02: 32 x 2,100 x 20% = 13,440 MHz over web-01 and web-02 (2 vCPU each; srm-01 is a placeholder, bad-01 rejected): capped at 100%
    expect(j.vms.find((v: { id: string }) => v.id === 'web-01').cpuNativeGhz).toBeCloseTo(4.2, 6);
    expect(app.memoryNativeGiB).toBe(16); // configured 16384 MiB, not Active Memory 4096
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
    // servers.csv: 4 rows; utilization.csv: 129 rows, 7 rejected
    expect(j.summary.rows).toEqual({ read: 133, accepted: 126, rejected: 7 });
    expect(errors(j).map((i) => i.line)).toEqual([7, 8, 9, 10, 12, 13, 131]);
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
    expect(lines).toHaveLength(8);
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
    expect(r.stdout).toContain('Inputs: 133 rows read, 126 accepted, 7 rejected');
    expect(r.stdout).toContain(`${LONG}:13`);
    expect(r.stdout).toMatch(/Data quality: \d\/5 stars/);
  });
  it('exits 0 on clean input (json)', () => {
    const r = runCli(['validate', '--utilization', PL, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.kind).toBe('validate');
    expect(j.summary).toEqual({ rows: { read: 40 * 288, accepted: 40 * 288, rejected: 0 }, workloads: 40, valid: true });
    expect(j.dataQuality.stars).toBe(5);
  });
});
