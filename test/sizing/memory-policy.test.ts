import { describe, it, expect } from 'vitest';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { planFiles, PlanResultSchema } from '../../src/index.js';
import { chooseMemory } from '../../src/sizing/memory.js';
import { SIZING_DEFAULTS } from '../../src/defaults/sizing.js';
import { tempDir, writeBitbrains } from '../helpers/fixtures.js';
import { buildWorkbook, DIALECTS, type ModelSheet } from '../helpers/rvtools-workbook.js';
import { checkResult, planDemands } from '../helpers/check-plan.js';

/**
 * The memory sizing policy (--memory-sizing, --comfort-factor) and the sizing trail. Each input
 * kind states its memory differently: a servers CSV gives installed and used memory of physical
 * servers; RVTools gives a VM's configured, consumed and active memory; a Bitbrains trace gives a
 * VM's provisioned memory and its usage samples. Known values are computed here from the fixture.
 */
const dir = tempDir('mem');

async function run(args: string[], cwd = dir) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd });
  return { code, out, err };
}
const json = async (args: string[]) => {
  const r = await run([...args, '--format', 'json', '--time-limit', '0']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
};
const vm = (j: { vms: { id: string }[] }, id: string) => j.vms.find((v) => v.id === id) as any;

// Physical servers: s1 uses 23.5 of 32 GB; s2 uses 14 of 16 GB (x 1.3 = 18.2 > 16: capped); s3 states no use.
writeFileSync(join(dir, 'servers.csv'), 'id,cores,cpu_ghz,memory_gb,cpu_util_avg_pct,memory_used_gb\ns1,8,2.5,32,10,23.5\ns2,4,2.5,16,20,14\ns3,4,2.5,64,5,\n');

describe('servers CSV: memory_used_gb no longer silently replaces memory_gb', () => {
  it('auto (default): physical servers with measured use are sized used x comfort factor 1.3, capped at installed memory; configured otherwise', async () => {
    const j = await json(['plan', '--servers', 'servers.csv']);
    expect(vm(j, 's1').memoryNativeGiB).toBeCloseTo(23.5 * 1.3, 6); // 30.55
    expect(vm(j, 's2').memoryNativeGiB).toBe(16); // 18.2 capped at 16
    expect(vm(j, 's3').memoryNativeGiB).toBe(64);
    expect(vm(j, 's1').sizing.memory).toEqual({
      policy: 'auto', basis: 'used', configuredGiB: 32, usedGiB: 23.5, usedField: 'memory_used_gb', comfortFactor: 1.3,
      factors: [{ what: 'comfort factor on used memory', key: 'sizing.comfortFactor', value: 1.3 }],
      nativeGiB: 30.55, overheadGiB: vm(j, 's1').memoryOverheadGiB, demandGiB: vm(j, 's1').memoryDemandGiB,
    });
    expect(vm(j, 's2').sizing.memory).toMatchObject({ basis: 'used', cappedAtConfigured: true, nativeGiB: 16 });
    expect(vm(j, 's3').sizing.memory).toMatchObject({ basis: 'configured', nativeGiB: 64 });
    expect(vm(j, 's3').sizing.memory.comfortFactor).toBeUndefined();
    expect(j.summary.memorySizing).toEqual({ policy: 'auto', comfortFactor: 1.3, workloads: { configured: 1, used: 2, active: 0 }, configuredGiB: 112, sizedGiB: 110.55 });
    expect(j.assumptions.find((a: { key: string }) => a.key === 'sizing.comfortFactor').value).toBe(1.3);
    expect(PlanResultSchema.safeParse(j).success).toBe(true);
    expect(checkResult(j, planDemands(j))).toEqual([]);
  });

  it('--memory-sizing configured sizes every server by its installed memory; --comfort-factor scales measured memory only', async () => {
    const c = await json(['plan', '--servers', 'servers.csv', '--memory-sizing', 'configured']);
    expect(['s1', 's2', 's3'].map((id) => vm(c, id).memoryNativeGiB)).toEqual([32, 16, 64]);
    const one = await json(['plan', '--servers', 'servers.csv', '--comfort-factor', '1']);
    expect(['s1', 's2', 's3'].map((id) => vm(one, id).memoryNativeGiB)).toEqual([23.5, 14, 64]);
    // CPU never takes the comfort factor: its trail is the same under any comfort factor
    expect(vm(one, 's1').sizing.cpu).toEqual(vm(c, 's1').sizing.cpu);
    expect(vm(c, 's1').sizing.cpu.factors.map((f: { key: string }) => f.key)).not.toContain('sizing.comfortFactor');
  });

  it('growth multiplies after the comfort factor, and the trail lists both with their registry keys', async () => {
    const g = await json(['plan', '--servers', 'servers.csv', '--growth', '10', '--horizon-years', '2']);
    expect(vm(g, 's1').memoryNativeGiB).toBeCloseTo(23.5 * 1.3 * 1.21, 5);
    expect(vm(g, 's1').sizing.memory.factors.map((f: { key: string; value: number }) => [f.key, f.value])).toEqual([['sizing.comfortFactor', 1.3], ['sizing.growth', 1.21]]);
    // CPU: 8 cores x 2.5 GHz x 10% x peak factor 3 x growth 1.21 (unknown CPU model: normalization 1)
    expect(vm(g, 's1').sizing.cpu).toMatchObject({ basis: 'avg-x-peak-factor', source: { field: 'cpu_util_avg_pct', value: 10, unit: '%' }, capacityRefGhz: 20, sizedUtilizationFraction: 0.3 });
    expect(vm(g, 's1').sizing.cpu.factors.map((f: { key: string }) => f.key)).toEqual(['cpu.unknownGenerationFactor', 'sizing.peakFactor', 'sizing.growth', 'overhead.cpu.hw-assist-ept.cpu']);
    expect(vm(g, 's1').cpuNativeGhz).toBeCloseTo(20 * 0.3 * 1.21, 5);
  });

  it('bad values are option errors (exit 2)', async () => {
    for (const bad of [['--memory-sizing', 'peak'], ['--comfort-factor', '0.5']]) {
      const r = await run(['plan', '--servers', 'servers.csv', ...bad]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(bad[0].slice(2));
    }
  });
});

/** An RVTools workbook with vInfo, vCPU, vMemory and vHost: one powered-on VM as in the example export (configured 3,526 MiB, consumed 3,103, active 335). */
function rvSheets(): ModelSheet[] {
  return [
    { name: 'vInfo', rows: [['VM', 'Powerstate', 'Template', 'SRM Placeholder', 'CPUs', 'Memory', 'Active Memory', 'Cluster', 'Host'], ['vm-3', 'poweredOn', 'False', 'False', 3, 3526, 335, 'C1', 'esx-a']] },
    { name: 'vCPU', rows: [['VM', 'Powerstate', 'CPUs', 'Max', 'Overall', 'Host'], ['vm-3', 'poweredOn', 3, 6885, 91, 'esx-a']] },
    { name: 'vMemory', rows: [['VM', 'Powerstate', 'Size MiB', 'Consumed', 'Active', 'Host'], ['vm-3', 'poweredOn', 3526, 3103, 286, 'esx-a']] },
    { name: 'vHost', rows: [['Host', 'CPU Model', 'Speed', '# CPU', 'Cores per CPU', '# Cores', 'CPU usage %', '# Memory', 'Vendor', 'Model'], ['esx-a', 'Intel(R) Xeon(R) Gold 5218 CPU @ 2.30GHz', 2295, 2, 16, 32, 14, 261797, 'HPE', 'ProLiant DL380 Gen10']] },
  ];
}
writeFileSync(join(dir, 'rv.xlsx'), buildWorkbook(rvSheets(), DIALECTS.excel));

describe('RVTools: a VM is sized by its configured memory, not its Active Memory', () => {
  it('auto: vm-3 is planned at its configured 3,526 MiB (was 0.327 GiB, its Active Memory)', async () => {
    const j = await json(['plan', '--rvtools', 'rv.xlsx']);
    expect(vm(j, 'vm-3').memoryNativeGiB).toBeCloseTo(3526 / 1024, 6);
    expect(vm(j, 'vm-3').sizing.memory).toMatchObject({ policy: 'auto', basis: 'configured', configuredGiB: 3.443359, usedGiB: 3.030273, usedField: 'vMemory Consumed', activeGiB: 0.279297, activeField: 'vMemory Active' });
    expect(j.issues.map((i: { code: string }) => i.code)).not.toContain('plan.active-memory');
  });

  it('used: Consumed x 1.3, capped at configured; active: Active x 1.3 with a warning', async () => {
    const used = await json(['plan', '--rvtools', 'rv.xlsx', '--memory-sizing', 'used']);
    expect(vm(used, 'vm-3').memoryNativeGiB).toBeCloseTo(3526 / 1024, 6); // 3103 x 1.3 = 4033.9 > 3526
    expect(vm(used, 'vm-3').sizing.memory.cappedAtConfigured).toBe(true);
    const active = await json(['plan', '--rvtools', 'rv.xlsx', '--memory-sizing', 'active']);
    expect(vm(active, 'vm-3').memoryNativeGiB).toBeCloseTo((286 * 1.3) / 1024, 5);
    const w = active.issues.find((i: { code: string }) => i.code === 'plan.active-memory');
    expect(w.severity).toBe('warning');
    expect(w.args).toEqual({ workloads: 1, fallback: 0 });
  });
});

describe('Bitbrains: provisioned memory is what a VM is planned with', () => {
  const bb = writeBitbrains(join(dir, 'bb'), [
    { id: '1', cores: 2, mhzPerCore: 2600, memoryKB: 4 * 1024 * 1024, samples: 40 },
    { id: '2', cores: 4, mhzPerCore: 2600, memoryKB: 8 * 1024 * 1024, samples: 40 },
  ]);
  it('auto: configured (4 and 8 GiB, were their usage samples); used: the usage p95 x 1.3', async () => {
    const j = await json(['plan', '--utilization', bb]);
    expect(j.vms.map((v: { memoryNativeGiB: number }) => v.memoryNativeGiB)).toEqual([4, 8]);
    expect(j.summary.memorySizing.workloads).toEqual({ configured: 2, used: 0, active: 0 });
    const u = await json(['plan', '--utilization', bb, '--memory-sizing', 'used']);
    for (const v of u.vms) {
      expect(v.sizing.memory.basis).toBe('used');
      expect(v.sizing.memory.usedField).toBe('memory samples (p95)');
      expect(v.memoryNativeGiB).toBeCloseTo(Math.min(v.sizing.memory.configuredGiB, v.sizing.memory.usedGiB * 1.3), 5);
      expect(v.memoryNativeGiB).toBeLessThan(v.sizing.memory.configuredGiB); // usage is 20-50% of provisioned
    }
  });
});

describe('a long CSV joined to a servers inventory: memory samples of a physical server', () => {
  it('auto: the p95 of memory_used_gb samples x 1.3, capped at installed memory', async () => {
    mkdirSync(join(dir, 'long'), { recursive: true });
    const rows = ['timestamp,id,cpu_pct,memory_used_gb'];
    for (let k = 0; k < 20; k++) rows.push(`${1_700_000_000 + k * 300},s1,${10 + k},${10 + k}`);
    writeFileSync(join(dir, 'long', 'u.csv'), rows.join('\n') + '\n');
    const j = await json(['plan', '--servers', 'servers.csv', '--utilization', 'long/u.csv']);
    // p95 of 10..29 (type 7): 10 + 0.95 x 19 = 28.05; x 1.3 = 36.465 > 32: capped
    expect(vm(j, 's1').sizing.memory).toMatchObject({ basis: 'used', usedGiB: 28.05, usedField: 'memory samples (p95)', cappedAtConfigured: true, nativeGiB: 32 });
  });
});

describe('the sizing trail in every format that lists workloads', () => {
  it('placement CSV: trail columns after the existing ones', async () => {
    const r = await run(['plan', '--servers', 'servers.csv', '--format', 'csv', '--time-limit', '0']);
    const [header, first] = r.out.split('\r\n');
    const cols = header.split(',');
    expect(cols.slice(0, 16)).toEqual(['vm_id', 'status', 'host_id', 'host_type', 'site', 'cpu_demand_ghz', 'memory_demand_gib', 'cpu_native_ghz', 'cpu_overhead_factor', 'memory_native_gib', 'memory_overhead_gib', 'cpu_avg_utilization_fraction', 'cpu_sized_utilization_fraction', 'sizing_basis', 'assumed', 'unplaced_reason']);
    expect(cols.slice(16)).toEqual(['cpu_source_field', 'cpu_source_value', 'cpu_source_unit', 'cpu_factors', 'memory_policy', 'memory_basis', 'memory_configured_gib', 'memory_used_gib', 'memory_active_gib', 'comfort_factor', 'memory_factors']);
    const row = Object.fromEntries(cols.map((c, i) => [c, first.split(',')[i]]));
    expect(row).toMatchObject({ vm_id: 's1', memory_policy: 'auto', memory_basis: 'used', memory_configured_gib: '32', memory_used_gib: '23.5', comfort_factor: '1.3', memory_factors: 'sizing.comfortFactor=1.3', cpu_source_field: 'cpu_util_avg_pct', cpu_source_value: '10' });
  });

  it('HTML: a per-workload trail a reviewer can expand (<details>, no script)', async () => {
    const r = await run(['plan', '--servers', 'servers.csv', '--format', 'html', '--time-limit', '0']);
    expect(r.out).not.toMatch(/<script/i);
    const details = r.out.match(/<details><summary>[^<]*<\/summary>/g) ?? [];
    expect(details).toHaveLength(3);
    expect(details[0]).toContain('CPU avg-x-peak-factor 10 % · memory used 23.5 GiB × 1.3');
    expect(r.out).toContain('sizing.comfortFactor');
  });
});

describe('chooseMemory (sizing/memory.ts): the policy as a function', () => {
  const cf = SIZING_DEFAULTS.comfortFactor.value;
  it('auto keeps a VM\'s stated configured memory, sizes a physical server by measured use', () => {
    expect(chooseMemory({ configuredGiB: 8, configuredAssumed: false, usedGiB: 2, activeGiB: 1, isVirtual: true }, 'auto', cf)).toEqual({ basis: 'configured', giB: 8 });
    expect(chooseMemory({ configuredGiB: 8, configuredAssumed: false, usedGiB: 2, isVirtual: false }, 'auto', cf)).toEqual({ basis: 'used', giB: 2.6, comfortFactor: 1.3 });
  });
  it('a configured size that is only assumed never caps a measured one', () => {
    expect(chooseMemory({ configuredGiB: 2, configuredAssumed: true, usedGiB: 5, isVirtual: true }, 'auto', cf)).toEqual({ basis: 'used', giB: 6.5, comfortFactor: 1.3 });
  });
  it('falls back, and says so, when the asked measurement is missing', () => {
    expect(chooseMemory({ configuredGiB: 8, configuredAssumed: false, isVirtual: false }, 'used', cf)).toEqual({ basis: 'configured', giB: 8, fallback: 'no-used-measurement' });
    expect(chooseMemory({ configuredGiB: 8, configuredAssumed: false, usedGiB: 4, isVirtual: true }, 'active', cf)).toEqual({ basis: 'used', giB: 5.2, comfortFactor: 1.3, fallback: 'no-active-measurement' });
  });
  it('raising the comfort factor never lowers the sized memory (relation, over a grid)', () => {
    for (const used of [0.5, 4, 7.9, 12]) {
      let prev = 0;
      for (const f of [1, 1.1, 1.3, 1.5, 2, 3]) {
        const g = chooseMemory({ configuredGiB: 8, configuredAssumed: false, usedGiB: used, isVirtual: false }, 'used', f).giB;
        expect(g).toBeGreaterThanOrEqual(prev);
        expect(g).toBeLessThanOrEqual(8);
        prev = g;
      }
    }
  });
});

describe('the API takes the same options', () => {
  it('planFiles({ memorySizing, comfortFactor }) equals the CLI', async () => {
    const a = await planFiles({ servers: 'servers.csv', memorySizing: 'used', comfortFactor: 1.2, timeLimit: 0 }, { baseDir: dir });
    expect(a.vms.find((v) => v.id === 's1')!.memoryNativeGiB).toBeCloseTo(23.5 * 1.2, 6);
    const cli = await json(['plan', '--servers', 'servers.csv', '--memory-sizing', 'used', '--comfort-factor', '1.2']);
    expect(JSON.parse(JSON.stringify(a)).vms).toEqual(cli.vms);
  });
});
