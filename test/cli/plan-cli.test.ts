import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { checkResult, planDemands } from '../helpers/check-plan.js';

const DC = 'examples/datacenter/servers.csv';
const BAD = 'examples/malformed/servers.csv';

describe('consolidate plan on the bundled data center (npm start)', () => {
  const r = runCli(['plan', '--servers', DC, '--format', 'json', '--time-limit', '1']);
  const j = JSON.parse(r.stdout);

  it('exits 0 with the JSON contract keys', () => {
    expect(r.code).toBe(0);
    expect(j.schemaVersion).toBe(1);
    for (const k of ['vms', 'placed', 'unplaced', 'hostsUsed', 'hostsLowerBound', 'totalCost', 'costLowerBound', 'sourceServers', 'consolidationRatio']) expect(j.summary).toHaveProperty(k);
    for (const side of ['before', 'after', 'savings']) for (const k of ['hosts', 'powerWatts', 'annualEnergyKWh', 'annualCostUsd', 'annualCo2Kg']) expect(typeof j.summary[side][k]).toBe('number');
    expect(Array.isArray(j.hosts) && Array.isArray(j.unplaced) && Array.isArray(j.issues)).toBe(true);
    for (const h of j.hosts) expect(Object.keys(h)).toEqual(expect.arrayContaining(['id', 'type', 'vms']));
  });

  it('passes the independent checker: every VM placed once or unplaced, no host over capacity', () => {
    expect(checkResult(j, planDemands(j))).toEqual([]);
  });

  it('reports the server bigger than any host as unplaced, naming the memory dimension', () => {
    const u = j.unplaced.find((x: { id: string }) => x.id === 'fra-hana-63');
    expect(u).toBeDefined();
    expect(u.reason).toMatch(/^memory: needs [\d.]+ GiB, largest host offers [\d.]+ GiB/);
  });

  it('accounts for every row and every VM, and saves power (relation)', () => {
    expect(j.summary.rows).toEqual({ read: 64, accepted: 64, rejected: 0 });
    expect(j.summary.placed + j.summary.unplaced).toBe(j.summary.vms);
    expect(j.summary.after.powerWatts).toBeLessThan(j.summary.before.powerWatts);
    expect(j.summary.savings.annualEnergyKWh).toBeCloseTo(j.summary.before.annualEnergyKWh - j.summary.after.annualEnergyKWh, 2);
  });

  it('is byte-for-byte deterministic', () => {
    const again = runCli(['plan', '--servers', DC, '--format', 'json', '--time-limit', '1']);
    expect(again.stdout).toBe(r.stdout);
  });

  it('text report shows the before/after table', () => {
    const t = runCli(['plan', '--servers', DC, '--time-limit', '1']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/Hosts\s+64\s+\d+/);
    expect(t.stdout).not.toMatch(/\x1b\[/); // no colour when not a TTY
  });
});

describe('hosts(emulation) >= hosts(binary-translation) >= hosts(hw-assist-ept) on the example (relation)', () => {
  it('holds for hosts used and for the lower bound', () => {
    const run = (v: string) => JSON.parse(runCli(['plan', '--servers', DC, '--format', 'json', '--virtualization', v, '--time-limit', '0']).stdout).summary;
    const e = run('emulation');
    const b = run('binary-translation');
    const h = run('hw-assist-ept');
    expect(e.hostsLowerBound).toBeGreaterThanOrEqual(b.hostsLowerBound);
    expect(b.hostsLowerBound).toBeGreaterThanOrEqual(h.hostsLowerBound);
    expect(e.hostsUsed).toBeGreaterThanOrEqual(b.hostsUsed);
    expect(b.hostsUsed).toBeGreaterThanOrEqual(h.hostsUsed);
    expect(e.after.powerWatts).toBeGreaterThan(h.after.powerWatts);
  });
});

describe('malformed rows', () => {
  it('rejects the bad lines with their line numbers and plans the rest', () => {
    const r = runCli(['plan', '--servers', BAD, '--format', 'json', '--time-limit', '0']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.summary.rows).toEqual({ read: 10, accepted: 4, rejected: 6 });
    const rejected = j.issues.filter((i: { severity: string }) => i.severity === 'error');
    expect(rejected.map((i: { line: number }) => i.line)).toEqual([3, 5, 6, 7, 8, 9]);
    expect(rejected.map((i: { column: string }) => i.column)).toEqual(['cores', 'memory_gb', 'cpu_util_p95_pct', 'workload_class', 'id', 'id']);
    for (const i of rejected) expect(i.file).toBe(BAD);
    expect(rejected[0].message).toContain('"eight"');
    expect(j.summary.vms).toBe(4);
  });

  it('text report lists rejected rows with file:line', () => {
    const r = runCli(['plan', '--servers', BAD, '--time-limit', '0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${BAD}:3`);
    expect(r.stdout).toContain(`${BAD}:9`);
  });

  it('--strict exits 2 naming file, line and column', () => {
    const r = runCli(['plan', '--servers', BAD, '--strict']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${BAD}:3`);
    expect(r.stderr).toContain("column 'cores'");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('--rejects writes file,line,column,reason,raw', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-'));
    const out = join(dir, 'rejects.csv');
    const r = runCli(['plan', '--servers', BAD, '--rejects', out, '--time-limit', '0']);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('file,line,column,reason,raw');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toContain(',3,cores,');
    expect(lines[1]).toContain('"web-02,eight,2.6,32,8.1,20,17,syscall"');
  });
});

describe('bad input exits 2 with a clear message and no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['missing file', ['plan', '--servers', 'nope.csv'], /nope\.csv: file could not be read: no such file/],
    ['bad option value', ['plan', '--servers', DC, '--virtualization', 'magic'], /Invalid values|choices/i],
    ['unknown host type', ['plan', '--servers', DC, '--host-type', 'cray-1'], /unknown host type "cray-1"/],
    ['cpu target out of range', ['plan', '--servers', DC, '--cpu-target', '150'], /cpuTarget/],
    ['no command: names all seven commands', [], /give a command: plan, pack, hosts, defaults, whatif, validate, replay \(see --help\)/],
  ];
  for (const [name, args, re] of cases) {
    it(name, () => {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('missing required column names it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-'));
    const f = join(dir, 's.csv');
    writeFileSync(f, 'id,cores\na,4\n');
    const r = runCli(['plan', '--servers', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:1: required column 'memory_gb' is missing`);
  });

  it('--out writes the report atomically and prints nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-'));
    const out = join(dir, 'plan.json');
    const r = runCli(['plan', '--servers', DC, '--format', 'json', '--out', out, '--time-limit', '0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(true);
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(1);
  });
});
