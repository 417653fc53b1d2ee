import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenarioDocument, fromScenarioDocument, checkScenarioPaths, isInside } from '../../src/whatif/scenario.js';
import { PlanOptionsSchema } from '../../src/model/options.js';
import { OptionsError } from '../../src/errors.js';

describe('scenario validation uses the plan option schema and reports errors by path', () => {
  it('merges base and variations, base first, in file order; null unsets a base value', () => {
    const { scenarios, errors } = parseScenarioDocument({
      base: { servers: 's.csv', hostType: 'dell-r740', cpuTarget: 80 },
      variations: [
        { name: 'kvm', hypervisor: 'kvm' },
        { name: 'catalog', hostType: null, hosts: 'c.csv' },
      ],
    });
    expect(errors).toEqual([]);
    expect(scenarios.map((s) => s.name)).toEqual(['base', 'kvm', 'catalog']);
    expect(scenarios[1].options).toEqual({ servers: 's.csv', hostType: 'dell-r740', cpuTarget: 80, hypervisor: 'kvm' });
    expect(scenarios[2].options).toEqual({ servers: 's.csv', cpuTarget: 80, hosts: 'c.csv' });
  });

  it('names the variation and key of every bad value, and collects all of them', () => {
    const { errors } = parseScenarioDocument({
      base: { servers: 's.csv' },
      variations: [
        { name: 'ok', cpuTarget: 70 },
        { name: 'ok2' },
        { name: 'bad', cpuTarget: 150, hypervisor: 'vmware-5' },
        { name: 'typo', cpuTargte: 70 },
      ],
    });
    const paths = errors.map((e) => e.path);
    expect(paths).toContain('variations[2].cpuTarget');
    expect(paths).toContain('variations[2].hypervisor');
    expect(paths).toContain('variations[3].cpuTargte');
    expect(errors.find((e) => e.path === 'variations[2].cpuTarget')!.message).toMatch(/<=\s*100/);
    expect(errors.find((e) => e.path === 'variations[3].cpuTargte')!.message).toBe('unknown option');
  });

  it('reports an error in the base once, under base', () => {
    const { errors } = parseScenarioDocument({ base: { pue: 0.5 }, variations: [{ name: 'a' }, { name: 'b' }] });
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('base.pue');
  });

  it('accepts exactly what PlanOptionsSchema accepts (same schema: a value the schema rejects is rejected here)', () => {
    for (const [k, v] of [['cpuTarget', 0], ['memoryTarget', 101], ['virtualization', 'magic'], ['timeLimit', -1]] as const) {
      expect(PlanOptionsSchema.safeParse({ [k]: v }).success).toBe(false);
      expect(parseScenarioDocument({ base: {}, variations: [{ name: 'x', [k]: v }] }).errors.map((e) => e.path)).toEqual([`variations[0].${k}`]);
    }
  });

  it('rejects missing and duplicate names, "base" as a name, and unknown top-level keys', () => {
    const { errors } = parseScenarioDocument({ base: {}, variations: [{ cpuTarget: 70 }, { name: 'a' }, { name: 'a' }, { name: 'base' }], extra: 1 });
    expect(errors.map((e) => e.path)).toEqual(['extra']);
    const r2 = parseScenarioDocument({ base: {}, variations: [{ cpuTarget: 70 }, { name: 'a' }, { name: 'a' }, { name: 'base' }] });
    expect(r2.errors.map((e) => e.path)).toEqual(['variations[0].name', 'variations[2].name', 'variations[3].name']);
  });

  it('treats a "__proto__" key as data (an unknown option), not a prototype', () => {
    const doc = JSON.parse('{"base":{},"variations":[{"name":"p","__proto__":{"cpuTarget":1}}]}');
    const { errors } = parseScenarioDocument(doc);
    expect(errors.map((e) => e.path)).toEqual(['variations[0].__proto__']);
  });
});

describe('path rule: inputs must lie in the scenario folder (or --root), unless --allow-outside', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cp-scen-'));
  const inner = join(dir, 'scen');
  mkdirSync(join(inner, 'data'), { recursive: true });
  writeFileSync(join(inner, 'data', 's.csv'), 'id,cores,memory_gb\na,1,1\n');
  writeFileSync(join(dir, 'outside.csv'), 'id,cores,memory_gb\na,1,1\n');
  symlinkSync(join(dir, 'outside.csv'), join(inner, 'link.csv'));
  const scen = (servers: string) => parseScenarioDocument({ base: { servers }, variations: [] }).scenarios;

  it('allows a relative path inside the folder', () => {
    expect(checkScenarioPaths(scen('data/s.csv'), inner, { root: inner, allowOutside: false })).toEqual([]);
    expect(checkScenarioPaths(scen('./data/../data/s.csv'), inner, { root: inner, allowOutside: false })).toEqual([]);
  });

  it('refuses ../ that leaves the folder, an absolute path outside it, and a symlink pointing out', () => {
    for (const p of ['../outside.csv', join(dir, 'outside.csv'), 'link.csv']) {
      const e = checkScenarioPaths(scen(p), inner, { root: inner, allowOutside: false });
      expect(e).toHaveLength(1);
      expect(e[0].path).toBe('base.servers');
      expect(e[0].message).toMatch(/outside the scenario folder/);
    }
  });

  it('allows an absolute path inside the folder, a wider --root, and anything with --allow-outside', () => {
    expect(checkScenarioPaths(scen(join(inner, 'data/s.csv')), inner, { root: inner, allowOutside: false })).toEqual([]);
    expect(checkScenarioPaths(scen('../outside.csv'), inner, { root: dir, allowOutside: false })).toEqual([]);
    expect(checkScenarioPaths(scen('../outside.csv'), inner, { root: inner, allowOutside: true })).toEqual([]);
  });

  it('reports a missing file by path, and throws an OptionsError listing every problem', () => {
    expect(() => fromScenarioDocument({ base: { servers: 'nope.csv' }, variations: [{ name: 'v', hosts: '../x.csv' }] }, inner, { label: 'sc.json' })).toThrow(OptionsError);
    try {
      fromScenarioDocument({ base: { servers: 'nope.csv' }, variations: [{ name: 'v', hosts: '../x.csv' }] }, inner, { label: 'sc.json' });
    } catch (e) {
      expect((e as Error).message).toMatch(/base\.servers: "nope\.csv": file not found/);
      expect((e as Error).message).toMatch(/v\.hosts: "\.\.\/x\.csv" resolves outside/);
    }
  });

  it('isInside: a sibling with a common prefix is outside (relation)', () => {
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a/b')).toBe(true);
  });
});
