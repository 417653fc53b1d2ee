import { describe, it, expect } from 'vitest';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { loadRvtools } from '../../src/ingest/rvtools.js';
import { powerAtUtilization } from '../../src/energy/power-curve.js';
import { findBuiltinHost } from '../../src/defaults/catalog.js';
import { matchCatalogModel } from '../../src/energy/model-match.js';
import { BUILTIN_HOSTS } from '../../src/defaults/catalog.js';
import { csvLine } from '../../src/report/csv-escape.js';
import { tempDir } from '../helpers/fixtures.js';
import { buildWorkbook, DIALECTS, type ModelCell, type ModelSheet } from '../helpers/rvtools-workbook.js';
import { checkResult, planDemands } from '../helpers/check-plan.js';

/**
 * RVTools sizing semantics on a workbook written in the RVTools 4.x layout (vInfo, vCPU, vMemory,
 * vHost) and on the same tabs as a folder of CSV exports. Every expected figure is computed here
 * from the fixture's cells:
 * - esx-a (2 x 16 cores, 2,300 MHz, CPU usage 40%, HPE ProLiant DL380 Gen10): vm-a (4 vCPU) has a
 *   vCPU row, Overall 920 MHz;
 * - esx-b (1 x 16 cores, 2,000 MHz, CPU usage 20%, Dell PowerEdge R9999, not in the catalog):
 *   48 vCPUs of VMs (vm-b 8, vm-c 16, vm-d 24) with no vCPU row, and vm-e (4 vCPU) with Overall 400;
 * - vm-f runs on esx-ghost, which is not in vHost; vm-g is powered off;
 * - esx-z says it runs 5 VMs, none of which is in vInfo.
 */
const dir = tempDir('rvs');

const vInfo: ModelCell[][] = [
  ['VM', 'Powerstate', 'Template', 'SRM Placeholder', 'CPUs', 'Memory', 'Active Memory', 'Cluster', 'Host', 'VI SDK Server'],
  ['vm-a', 'poweredOn', 'False', 'False', 4, 8192, 1024, 'C1', 'esx-a', 'vc1'],
  ['vm-b', 'poweredOn', 'False', 'False', 8, 16384, 2048, 'C1', 'esx-b', 'vc1'],
  ['vm-c', 'poweredOn', 'False', 'False', 16, 32768, 4096, 'C1', 'ESX-B', 'vc1'],
  ['vm-d', 'poweredOn', 'False', 'False', 24, 65536, 8192, 'C1', 'esx-b', 'vc1'],
  ['vm-e', 'poweredOn', 'False', 'False', 4, 4096, 512, 'C1', 'esx-b', 'vc1'],
  ['vm-f', 'poweredOn', 'False', 'False', 2, 4096, 300, 'C1', 'esx-ghost', 'vc1'],
  ['vm-g', 'poweredOff', 'False', 'False', 2, 2048, 0, 'C1', 'esx-a', 'vc1'],
];
const vCpu: ModelCell[][] = [
  ['VM', 'Powerstate', 'CPUs', 'Max', 'Overall', 'Host', 'VI SDK Server'],
  ['vm-a', 'poweredOn', 4, 9200, 920, 'esx-a', 'vc1'],
  ['vm-e', 'poweredOn', 4, 8000, 400, 'esx-b', 'vc1'],
  ['vm-f', 'poweredOn', 2, 5000, 250, 'esx-ghost', 'vc1'],
  ['vm-g', 'poweredOff', 2, 0, 0, 'esx-a', 'vc1'],
];
const vMemory: ModelCell[][] = [
  ['VM', 'Powerstate', 'Size MiB', 'Consumed', 'Active', 'Host', 'VI SDK Server'],
  ['vm-a', 'poweredOn', 8192, 6000, 900, 'esx-a', 'vc1'],
  ['vm-b', 'poweredOn', 16384, 9000, 2000, 'esx-b', 'vc1'],
];
const vHost: ModelCell[][] = [
  ['Host', 'CPU Model', 'Speed', '# CPU', 'Cores per CPU', '# Cores', 'CPU usage %', '# Memory', 'Memory usage %', '# VMs', 'Vendor', 'Model'],
  ['esx-a', 'Intel(R) Xeon(R) Gold 5218 CPU @ 2.30GHz', 2300, 2, 16, 32, 40, 262144, 50, 2, 'HPE', 'ProLiant DL380 Gen10'],
  ['esx-b', 'Intel(R) Xeon(R) Gold 5218 CPU @ 2.30GHz', 2000, 1, 16, 16, 20, 262144, 50, 4, 'Dell Inc.', 'PowerEdge R9999'],
  ['esx-z', 'Intel(R) Xeon(R) Gold 5218 CPU @ 2.30GHz', 2300, 2, 16, 32, 30, 262144, 50, 5, 'HPE', 'ProLiant DL380 Gen10'],
];
const sheets: ModelSheet[] = [
  { name: 'vInfo', rows: vInfo },
  { name: 'vCPU', rows: vCpu },
  { name: 'vMemory', rows: vMemory },
  { name: 'vHost', rows: vHost },
];
writeFileSync(join(dir, 'rv.xlsx'), buildWorkbook(sheets, DIALECTS.openXmlSdk));
mkdirSync(join(dir, 'csv'));
for (const s of sheets) writeFileSync(join(dir, 'csv', `RVTools_tab${s.name}.csv`), s.rows.map((r) => csvLine(r.map((c) => (c === null ? '' : String(c))))).join(''));

async function plan(path: string, extra: string[] = []) {
  let out = '';
  let err = '';
  const code = await main(['plan', '--rvtools', path, '--format', 'json', '--time-limit', '0', ...extra], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd: dir });
  expect(code, err).toBe(0);
  return JSON.parse(out);
}
const vm = (j: { vms: { id: string }[] }, id: string) => j.vms.find((v) => v.id === id) as any;

describe('RVTools CPU: each VM from its vCPU Overall, else its host\'s measured demand shared by vCPU', async () => {
  const j = await plan('rv.xlsx');

  it('vm-a: vCPU Overall 920 MHz of 4 x 2,300 MHz = 10%, a snapshot sized x peak factor 3 = 30%', () => {
    const a = vm(j, 'vm-a');
    expect(a.cpuAvgUtilizationFraction).toBeCloseTo(0.1, 6);
    expect(a.sizing.cpu).toMatchObject({ basis: 'snapshot-x-peak-factor', source: { field: 'vCPU Overall', value: 920, unit: 'MHz' }, cores: 4, ghz: 2.3, sizedUtilizationFraction: 0.3 });
    expect(a.sizing.cpu.factors.map((f: { key: string }) => f.key)).toContain('sizing.peakFactor');
    expect(a.sizingBasis).toBe('snapshot-x-peak-factor');
  });

  it('esx-b: its measured demand (20% x 16 x 2,000 = 6,400 MHz) less vm-e\'s 400 MHz is shared by the 48 vCPUs of vm-b, vm-c, vm-d', () => {
    // 6,000 MHz over 48 vCPUs at 2,000 MHz: 6000 / 96000 = 6.25% each, whatever the VM's size
    for (const [id, vcpus] of [['vm-b', 8], ['vm-c', 16], ['vm-d', 24]] as const) {
      const v = vm(j, id);
      expect(v.cpuAvgUtilizationFraction, id).toBeCloseTo(0.0625, 6);
      expect(v.sizing.cpu.source).toEqual({ field: 'vHost esx-b CPU usage 20% shared by vCPU', value: (6000 * vcpus) / 48, unit: 'MHz' });
    }
    // conservation: the VMs on esx-b use what the host measured, not 20% of each VM's full vCPUs (which would be 52 x 2,000 x 20% = 20,800 MHz)
    const onB = ['vm-b', 'vm-c', 'vm-d', 'vm-e'].map((id) => vm(j, id));
    const mhz = onB.reduce((s, v) => s + v.cpuAvgUtilizationFraction * v.sizing.cpu.cores * 2000, 0);
    expect(mhz).toBeCloseTo(6400, 3);
  });

  it('a VM on a host missing from vHost is planned and flagged (data.unknown-host, counted)', () => {
    const w = j.issues.find((i: { code: string }) => i.code === 'data.unknown-host');
    expect(w.severity).toBe('warning');
    expect(w.args).toEqual({ vms: 1, ids: ['vm-f'], hosts: ['esx-ghost'], unnamed: 0 });
    // its clock comes from its vCPU Max per vCPU (5,000 / 2 = 2,500 MHz), its CPU from its Overall
    expect(vm(j, 'vm-f').sizing.cpu).toMatchObject({ ghz: 2.5, source: { field: 'vCPU Overall', value: 250 } });
    expect(vm(j, 'vm-f').cpuAvgUtilizationFraction).toBeCloseTo(0.05, 6);
  });

  it('the info line states the real basis of each VM\'s CPU, and no VM lists an assumption twice', () => {
    const info = j.issues.find((i: { code: string; args: { what: string } }) => i.code === 'data.assumed-value' && i.args.what === 'rvtools-snapshot');
    expect(info.args).toMatchObject({ vms: 6, vmOverall: 3, hostShare: 3, cpuAssumed: 0 });
    expect(info.message).toContain('CPU of 3 from their own vCPU Overall (MHz), 3 from their host\'s measured demand (CPU usage %) shared by vCPU, 0 assumed');
    for (const v of j.vms) expect(new Set(v.assumed).size, v.id).toBe(v.assumed.length);
    expect(j.vms.every((v: { assumed: string[] }) => !v.assumed.includes('cpu_util'))).toBe(true);
  });

  it('"before": the hosts the inventory\'s VMs run on; esx-z (5 VMs by its count, none in vInfo) is left out and said so', () => {
    expect(j.summary.before.hosts).toBe(2);
    const w = j.issues.find((i: { code: string }) => i.code === 'data.host-without-vms');
    expect(w.args).toEqual({ hosts: ['esx-z'], vmsReported: 5 });
  });

  it('"before" power: esx-a (HPE ProLiant DL380 Gen10) on the catalog DL380 Gen10 curve, esx-b (unknown model) on the generic profile; listed as assumptions', () => {
    const dl380 = findBuiltinHost('hpe-dl380-gen10')!;
    const generic = findBuiltinHost('fujitsu-rx300-s4')!;
    const expected = powerAtUtilization(dl380.powerCurveWatts, 0.4) + powerAtUtilization(generic.powerCurveWatts, 0.2);
    expect(j.summary.before.powerWatts).toBeCloseTo(expected, 3);
    const m = j.assumptions.find((a: { key: string }) => a.key === 'power.sourceModelMatch.hpe-dl380-gen10');
    expect(m.value).toBe('HPE ProLiant DL380 Gen10 -> hpe-dl380-gen10');
    expect(m.source).toMatch(/^1 source host\(s\)/);
    expect(j.assumptions.map((a: { key: string }) => a.key)).toEqual(expect.arrayContaining(['host.hpe-dl380-gen10.powerCurveWatts', 'power.sourceProfile']));
    expect(checkResult(j, planDemands(j))).toEqual([]);
  });

  it('memory: configured under auto; vMemory Consumed is "used", Active is active', async () => {
    // JSON figures are rounded to 6 decimals: 6000 / 1024 = 5.859375, 900 / 1024 = 0.87890625
    expect(vm(j, 'vm-a').sizing.memory).toMatchObject({ basis: 'configured', configuredGiB: 8, usedGiB: 5.859375, usedField: 'vMemory Consumed', activeGiB: 0.878906, activeField: 'vMemory Active' });
    // vm-c has no vMemory row: its active memory comes from vInfo
    expect(vm(j, 'vm-c').sizing.memory).toMatchObject({ basis: 'configured', activeGiB: 4, activeField: 'vInfo Active Memory' });
    const used = await plan('rv.xlsx', ['--memory-sizing', 'used']);
    expect(vm(used, 'vm-a').memoryNativeGiB).toBeCloseTo((6000 * 1.3) / 1024, 5);
    expect(vm(used, 'vm-c').sizing.memory).toMatchObject({ basis: 'configured', fallback: 'no-used-measurement' });
  });
});

describe('the same tabs as a folder of RVTools CSV exports plan alike', async () => {
  it('same VMs, same sizing trails, same before and after', async () => {
    const x = await plan('rv.xlsx');
    const c = await plan('csv');
    expect(c.vms).toEqual(x.vms);
    expect(c.summary.before).toEqual(x.summary.before);
    expect(c.summary.after).toEqual(x.summary.after);
  });
});

describe('loadRvtools (library): hosts and records', () => {
  it('returns only the "before" hosts, with their vendor, model and VM count', async () => {
    const r = await loadRvtools(join(dir, 'rv.xlsx'), { label: 'rv.xlsx' });
    expect(r.hosts.map((h) => [h.id, h.vendor, h.model, h.vmsReported])).toEqual([
      ['esx-a', 'HPE', 'ProLiant DL380 Gen10', 2],
      ['esx-b', 'Dell Inc.', 'PowerEdge R9999', 4],
    ]);
    expect(r.records.find((w) => w.id === 'vm-c')!.sourceHost).toBe('esx-b'); // host names match case-insensitively
  });
});

describe('vendor and model matching (energy/model-match.ts)', () => {
  it('known pairs', () => {
    const t = (v: string | undefined, m: string) => matchCatalogModel(v, m, BUILTIN_HOSTS)?.type;
    expect(t('HPE', 'ProLiant DL380 Gen10')).toBe('hpe-dl380-gen10');
    expect(t('HPE', 'ProLiant DL380 Gen10 Plus')).toBe('hpe-dl380-gen10-plus');
    expect(t('Hewlett Packard Enterprise', 'DL380 Gen10')).toBe('hpe-dl380-gen10');
    expect(t('Dell Inc.', 'PowerEdge R740')).toBe('dell-r740');
    expect(t('Lenovo', 'ThinkSystem SR650 -[7X06CTO1WW]-')).toBe('lenovo-sr650');
    expect(t(undefined, 'PowerEdge R7525')).toBe('dell-r7525');
    expect(t('Dell Inc.', 'ProLiant DL380 Gen10')).toBeUndefined();
    expect(t('HPE', 'ProLiant DL380 Gen9')).toBeUndefined();
    expect(t('HPE', '')).toBeUndefined();
  });
});
