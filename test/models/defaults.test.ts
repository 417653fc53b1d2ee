import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listDefaults, resolveDefaults, parseDefaultsOverrides, defaultModel } from '../../src/defaults/registry.js';
import { collectAssumptions } from '../../src/defaults/assumptions.js';
import { PlanOptionsSchema } from '../../src/model/options.js';
import { BUILTIN_HOSTS } from '../../src/defaults/catalog.js';
import { normalizeCpu } from '../../src/sizing/normalize.js';
import { curveFromTemplate, powerAtUtilization } from '../../src/energy/power-curve.js';
import { runCli } from '../helpers/run-cli.js';

const DC = 'examples/datacenter/servers.csv';

describe('the defaults registry', () => {
  const all = listDefaults();
  it('has unique keys, a unit and a non-empty source for every entry', () => {
    expect(new Set(all.map((d) => d.key)).size).toBe(all.length);
    for (const d of all) {
      expect(d.source.trim().length, d.key).toBeGreaterThan(10);
      expect(d.unit.trim().length, d.key).toBeGreaterThan(0);
    }
    expect(all.length).toBeGreaterThan(150);
  });
  it('names what each entry is, e.g. overhead.cpu.hw-assist-ept.syscall = 1.08 (docs/models.md#technique-hw-assist-ept)', () => {
    expect(all.find((d) => d.key === 'overhead.cpu.hw-assist-ept.syscall')!.value).toBe(1.08);
    expect(all.find((d) => d.key === 'facility.pue')!.value).toBe(1.56);
    expect(all.find((d) => d.key === 'licence.vmware-vcf.minCoresPerOrder')!.value).toBe(72);
    expect(all.find((d) => d.key === 'host.dell-r7525.powerCurveWatts')!.value).toEqual([72, 181, 207, 229, 250, 270, 294, 321, 347, 370, 393]);
  });
  it('judgement figures say so in their source', () => {
    expect(all.find((d) => d.key === 'overhead.cpu.emulation.mmu')!.source).toMatch(/^Our estimate \[I\]/);
    expect(all.find((d) => d.key === 'host.dell-r7525.priceUsd')!.source).toMatch(/^Our estimate \[I\]/);
    expect(all.find((d) => d.key === 'licence.rhel-vdc.usdPerUnit')!.source).toMatch(/is our estimate/);
    // no figure is left tagged as unverified: each is read in its source, computed, or our estimate
    for (const d of all) expect(d.source, d.key).not.toMatch(/\[M\]|\/M\]|verify/);
  });
  it('overrides by key: validated, applied, and marked in the source', () => {
    const r = resolveDefaults(PlanOptionsSchema.parse({ defaults: { 'overhead.cpu.hw-assist-ept.io': 1.3, 'facility.pue': 1.4 } }));
    expect(r.model.cpuOverhead['hw-assist-ept'].io.factor).toBe(1.3);
    expect(r.model.facility.pue).toBe(1.56); // pue is option-backed: plan() merges config into options first
    const e = listDefaults(r).find((d) => d.key === 'overhead.cpu.hw-assist-ept.io')!;
    expect(e.value).toBe(1.3);
    expect(e.source).toMatch(/^Set by config \(built-in 1\.15: /);
    const bad = () => parseDefaultsOverrides({ 'facility.pue': 0.5, 'no.such.key': 1, 'host.dell-r7525.powerCurveWatts': [1, 2] }, 'site.json');
    expect(bad).toThrow(/^site\.json: /);
    expect(bad).toThrow(/"no\.such\.key": unknown default key/);
    expect(bad).toThrow(/facility\.pue: Too small/);
    expect(bad).toThrow(/host\.dell-r7525\.powerCurveWatts: /);
  });
  it('a plan\'s assumptions are registry entries with the same values (the report and `defaults` cannot disagree)', () => {
    const o = PlanOptionsSchema.parse({ pue: 1.3, licence: 'vmware-vvf' });
    const r = resolveDefaults(o);
    const a = collectAssumptions(o, new Set(['sizing.peakFactor']), [BUILTIN_HOSTS.find((h) => h.type === 'dell-r7525')!], r, [{ id: 'x', cores: 2, memoryGiB: 4, workloadClass: { syscall: 1 } }]);
    const reg = new Map(listDefaults(r).map((d) => [d.key, d]));
    for (const x of a) expect(reg.get(x.key), x.key).toEqual(x);
    const keys = a.map((x) => x.key);
    expect(keys).toEqual(expect.arrayContaining(['overhead.cpu.hw-assist-ept.syscall', 'facility.pue', 'licence.vmware-vvf.usdPerUnit', 'host.dell-r7525.priceUsd', 'sizing.peakFactor']));
    expect(a.find((x) => x.key === 'facility.pue')!.value).toBe(1.3);
  });
});

describe('CPU normalization across generations (docs/models.md#cpu-normalization, SPECpower ssj_ops per socket)', () => {
  const m = defaultModel();
  it('the reference CPU (EPYC 7702, default host) is worth its plain cores x GHz', () => {
    expect(normalizeCpu(128, 2.0, 'AMD EPYC 7702', m).capacityRefGhz).toBeCloseTo(256, 6);
  });
  it('a 2008 Xeon E5440 server (RX300 S4, 303,846 ssj_ops) is worth 303,846 / 11,118,115 of an R7525 (256 ref GHz-cores)', () => {
    const n = normalizeCpu(8, 2.83, 'Intel(R) Xeon(R) CPU E5440 @ 2.83GHz', m);
    expect(n.basis).toBe('score');
    expect(n.capacityRefGhz).toBeCloseTo((303846 / 11118115) * 256, 3);
  });
  it('unknown model in a known family uses the family factor; no model uses the unknown factor (reported as fallback)', () => {
    const f = normalizeCpu(16, 2.6, 'Intel Xeon E5-2650 v2', m);
    expect(f.basis).toBe('family');
    expect(f.factor).toBe(m.cpu.familyFactors['xeon-e5']);
    const u = normalizeCpu(16, 2.6, undefined, m);
    expect(u).toMatchObject({ basis: 'unknown', factor: 1, capacityRefGhz: 16 * 2.6 });
    expect(normalizeCpu(16, undefined, undefined, m)).toMatchObject({ ghzAssumed: true, ghz: m.sizing.defaultCpuGhz });
  });
  it('newer generations score higher per GHz-core (relation)', () => {
    const f = m.cpu.familyFactors;
    expect(f['xeon-harpertown']).toBeLessThan(f['xeon-nehalem-westmere']);
    expect(f['xeon-nehalem-westmere']).toBeLessThan(f['xeon-e5']);
    expect(f['xeon-e5']).toBeLessThan(f['xeon-scalable']);
  });
  it('method ghz is plain cores x GHz', () => {
    expect(normalizeCpu(2, 2.66, 'Intel Xeon 3075', { ...m, plan: { ...m.plan, cpuNormalization: 'ghz' } }).capacityRefGhz).toBeCloseTo(5.32, 10);
  });
});

describe('modern host curves (docs/models.md#host-catalog, SPEC result ids in the catalog)', () => {
  const curve = (t: string) => BUILTIN_HOSTS.find((h) => h.type === t)!.powerCurveWatts;
  it('measured 11-point curves equal the SPECpower values', () => {
    expect(curve('dell-r740')).toEqual([49.8, 114, 137, 159, 182, 208, 240, 277, 319, 376, 432]); // 20190409-00952
    expect(curve('dell-r7525')).toEqual([72, 181, 207, 229, 250, 270, 294, 321, 347, 370, 393]); // 20200324-01021
    expect(curve('hpe-dl380-gen10-plus')).toEqual([127, 198, 226, 253, 281, 314, 354, 405, 464, 576, 619]); // 20210601-01103
    expect(curve('fujitsu-rx300-s4')).toEqual([166, 179, 191, 200, 212, 224, 235, 245, 252, 259, 265]); // 20080116-00034
  });
  it('constructed curves hit the measured idle and 100% endpoints (docs/models.md#constructed-curves)', () => {
    const ends: [string, number, number][] = [['lenovo-sr665', 79.3, 454], ['hpe-dl385-gen10-plus', 120, 546], ['hpe-dl380-gen10', 49.3, 461], ['lenovo-sr650', 67.7, 352], ['fujitsu-rx2530-m6', 132, 568], ['dell-r710', 64, 232]];
    for (const [t, idle, max] of ends) {
      expect([curve(t)[0], curve(t)[10]]).toEqual([idle, max]);
      expect(BUILTIN_HOSTS.find((h) => h.type === t)!.source).toMatch(/CONSTRUCTED/);
    }
    expect(curveFromTemplate([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50], 100, 200)[5]).toBe(150);
  });
  it('power never falls as utilization rises, for every built-in host (relation)', () => {
    for (const h of BUILTIN_HOSTS) for (let u = 0.01; u <= 1; u += 0.01) expect(powerAtUtilization(h.powerCurveWatts, u)).toBeGreaterThanOrEqual(powerAtUtilization(h.powerCurveWatts, u - 0.01));
  });
});

describe('consolidate defaults (CLI)', () => {
  it('--format json follows the contract { schemaVersion: 1, defaults: [ { key, value, unit, source } ] }', () => {
    const r = runCli(['defaults', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schemaVersion).toBe(1);
    for (const d of j.defaults) expect(Object.keys(d)).toEqual(['key', 'value', 'unit', 'source']);
    expect(j.defaults.every((d: { source: string }) => d.source !== '')).toBe(true);
  });
  it('--format md lists every entry with escaped cells; --format text the first ones and where the rest are', () => {
    const md = runCli(['defaults', '--format', 'md']).stdout;
    const n = Number(/^# Defaults in use \((\d+)\)/.exec(md)![1]);
    expect(md).toContain('| `overhead.cpu.hw-assist-ept.syscall` | 1.08 |');
    expect(md.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(n);
    const text = runCli(['defaults']).stdout;
    expect(text).toContain(`Defaults in use (${n})`);
    expect(text).toMatch(/more defaults \(all of them: consolidate defaults --format md\|json, with full sources\)\nOverride any by key/);
  });
  it('--config FILE and flags override; the plan reports what is in force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-cfg-'));
    const cfg = join(dir, 'site.json');
    writeFileSync(cfg, JSON.stringify({ 'facility.pue': 1.4, 'facility.usdPerKwh': 0.2, 'overhead.cpu.hw-assist-ept.syscall': 1.2 }));
    const d = JSON.parse(runCli(['defaults', '--format', 'json', '--config', cfg, '--usd-per-kwh', '0.3']).stdout).defaults;
    const v = (k: string) => d.find((x: { key: string }) => x.key === k);
    expect(v('facility.pue').value).toBe(1.4);
    expect(v('facility.usdPerKwh').value).toBe(0.3); // the flag wins over the file
    expect(v('facility.usdPerKwh').source).toMatch(/^Set by option usdPerKwh/);
    const p = JSON.parse(runCli(['plan', '--servers', DC, '--format', 'json', '--time-limit', '0', '--config', cfg]).stdout);
    expect(p.options.pue).toBe(1.4);
    expect(p.assumptions.find((a: { key: string }) => a.key === 'facility.pue').value).toBe(1.4);
    expect(p.assumptions.find((a: { key: string }) => a.key === 'overhead.cpu.hw-assist-ept.syscall').value).toBe(1.2);
  });
  it('a bad config exits 2 naming each bad key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-cfg-'));
    const cfg = join(dir, 'bad.json');
    writeFileSync(cfg, JSON.stringify({ 'facility.pue': 'high', 'overhead.cpu.magic.io': 2 }));
    const r = runCli(['plan', '--servers', DC, '--config', cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('facility.pue');
    expect(r.stderr).toContain('"overhead.cpu.magic.io": unknown default key');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    writeFileSync(cfg, '{ not json');
    expect(runCli(['defaults', '--config', cfg]).code).toBe(2);
  });
});
