import { describe, it, expect } from 'vitest';
import { OPTIONS, PlanOptionsSchema, optionSpecs, registryLinks, flagOf, optionValueSchema } from '../../src/model/options.js';
import { defaultKeys, defaultsSchema, listDefaults, resolveDefaults } from '../../src/defaults/registry.js';
import { SIZING_DEFAULTS } from '../../src/defaults/sizing.js';
import { DEFAULT_TECHNIQUE } from '../../src/defaults/overhead.js';
import { runCli } from '../helpers/run-cli.js';

describe('the option table (model/options.ts)', () => {
  it('the schema takes its defaults from src/defaults (one place): cpuTarget 80 (vCAT), technique hw-assist-ept', () => {
    const o = PlanOptionsSchema.parse({});
    expect(o.cpuTarget).toBe(SIZING_DEFAULTS.cpuTargetPercent.value);
    expect(o.cpuTarget).toBe(80);
    expect(o.virtualization).toBe(DEFAULT_TECHNIQUE.value);
    expect(o.profileBuckets).toBe(0);
    // and the registry's built-in values are the same defaults
    const byKey = new Map(listDefaults().map((e) => [e.key, e.value]));
    for (const [option, key] of registryLinks()) {
      const d = (OPTIONS[option].spec.default as { value: unknown } | undefined)?.value;
      if (d !== undefined) expect(byKey.get(key), `${option} -> ${key}`).toEqual(d);
    }
  });

  it('every registry link names a registry key, and the config file takes the option\'s bounds', () => {
    const keys = new Set(defaultKeys());
    for (const [option, key] of registryLinks()) expect(keys.has(key), `${option} -> ${key}`).toBe(true);
    const cfg = defaultsSchema();
    // relation: a value is a valid option exactly when it is a valid config value for the linked key
    const probes: unknown[] = [-1, 0, 0.5, 1, 24, 80, 100, 101, 288, 289, 1.5, 'p95', 'kvm', 'hw-assist-ept', 'nope', true];
    for (const [option, key] of registryLinks()) {
      for (const v of probes) {
        expect(cfg.safeParse({ [key]: v }).success, `${key} = ${JSON.stringify(v)}`).toBe(optionValueSchema(option).safeParse(v).success);
      }
    }
    expect(cfg.safeParse({ 'headroom.cpuTarget': 101 }).success).toBe(false);
    expect(cfg.safeParse({ 'sizing.profileBuckets': 289 }).success).toBe(false);
  });

  it('an option set by flag overrides its registry entry, and the plan says so', () => {
    const r = resolveDefaults(PlanOptionsSchema.parse({ cpuTarget: 70 }));
    expect(r.overridden.get('headroom.cpuTarget')).toBe('option cpuTarget');
  });

  it('flags are the kebab-case of the keys, and plan --help lists every plan flag with its default', () => {
    expect(flagOf('gridGco2PerKwh')).toBe('--grid-gco2-per-kwh');
    const help = runCli(['plan', '--help']).stdout.replace(/\s+/g, ' ');
    for (const { flag, spec } of optionSpecs()) {
      if (spec.noFlag || !spec.commands.includes('plan')) continue;
      expect(help, flag).toContain(flag);
    }
    expect(help).toContain('plan hosts to at most PCT % CPU (default 80)');
    expect(help).toContain('(default hw-assist-ept)');
  });

  it('pack takes the shared flags from the table: same rules, same coded error', () => {
    const r = runCli(['pack', 'examples/pack/vms.csv', '--hosts', 'examples/pack/hosts.csv', '--time-limit', '-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid option timeLimit (--time-limit): Too small: expected a number >= 0, got -1');
    const h = runCli(['pack', 'examples/pack/vms.csv', '--hosts', 'examples/pack/hosts.csv', '--ha', '1.5']);
    expect(h.code).toBe(2);
    expect(h.stderr).toContain('invalid option ha (--ha): expected a whole number, got 1.5');
  });
});
