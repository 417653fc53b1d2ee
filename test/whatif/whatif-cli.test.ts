import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

// The example scenario with timeLimit 0 (heuristics only), in a temp folder beside copies of its
// inputs, so the suite stays fast; the example itself keeps its 1-second budget.
const FAST_DIR = mkdtempSync(join(tmpdir(), 'cp-wi-fast-'));
for (const f of ['servers.csv', 'catalog.csv']) copyFileSync(join('examples/whatif', f), join(FAST_DIR, f));
const doc = JSON.parse(readFileSync('examples/whatif/scenario.json', 'utf8'));
doc.base.timeLimit = 0;
writeFileSync(join(FAST_DIR, 'scenario.json'), JSON.stringify(doc));
const SCEN = join(FAST_DIR, 'scenario.json');

describe('consolidate whatif on the example (4 variations, 3-type catalog)', () => {
  const r = runCli(['whatif', SCEN, '--format', 'json', '--jobs', '1']);
  const j = JSON.parse(r.stdout);

  it('exits 0 with the contract { schemaVersion: 1, scenarios: [ { name, summary } ] }, base first, file order', () => {
    expect(r.code).toBe(0);
    expect(j.schemaVersion).toBe(1);
    expect(j.scenarios.map((s: { name: string }) => s.name)).toEqual(['base', 'kvm', 'headroom-30', 'r7525-only', 'growth-20']);
    for (const s of j.scenarios) for (const k of ['hostsUsed', 'consolidationRatio', 'before', 'after', 'savings']) expect(s.summary).toHaveProperty(k);
  });

  it('each scenario summary equals `consolidate plan` with the same options (invariant)', () => {
    const dir = 'examples/whatif';
    const plan = (extra: string[]) => JSON.parse(runCli(['plan', '--servers', `${dir}/servers.csv`, '--time-limit', '0', '--format', 'json', ...extra]).stdout).summary;
    expect(j.scenarios[1].summary).toEqual(plan(['--hosts', `${dir}/catalog.csv`, '--hypervisor', 'kvm']));
    expect(j.scenarios[3].summary).toEqual(plan(['--host-type', 'dell-r7525']));
  });

  it('verdict: the lowest TCO and CO2 among the scenarios (relation), and every scenario carries its hosts', () => {
    const tcos = j.scenarios.map((s: { metrics: { tcoUsd: number } }) => s.metrics.tcoUsd);
    expect(j.verdict.cost.value).toBe(Math.min(...tcos));
    expect(j.verdict.cost.difference).toBeCloseTo(j.verdict.cost.value - tcos[0], 2);
    expect(j.verdict.co2.value).toBe(Math.min(...j.scenarios.map((s: { summary: { after: { annualCo2Kg: number } } }) => s.summary.after.annualCo2Kg)));
    expect(j.description).toBe(doc.description);
    for (const s of j.scenarios) {
      expect(s.hosts).toHaveLength(s.summary.hostsUsed);
      expect(s.unplaced).toHaveLength(s.summary.unplaced);
      expect(s.hosts.reduce((n: number, h: { vms: string[] }) => n + h.vms.length, 0)).toBe(s.summary.placed);
    }
  });

  it('the text report leads with the verdict and shows the cumulative cost', () => {
    const t = runCli(['whatif', SCEN, '--jobs', '1']).stdout;
    const lines = t.split('\n');
    expect(lines.slice(0, 5).join(' ')).toMatch(/has the lowest 5-year TCO/);
    expect(t).toMatch(/Cumulative cost, USD spent from today/);
    expect(t).toMatch(/pays back in [\d.]+ months/);
  });

  it('deltas are scenario minus base (relation), and null for the base', () => {
    const [b, , h] = j.scenarios;
    expect(b.deltas.hosts).toBeNull();
    expect(h.deltas.hosts).toBe(h.summary.hostsUsed - b.summary.hostsUsed);
    expect(h.deltas.powerWatts).toBeCloseTo(h.summary.after.powerWatts - b.summary.after.powerWatts, 4);
  });

  it('relations: growth raises the sized demand and the power; targets do not change the demand', () => {
    const [b, , h, , g] = j.scenarios;
    // 20%/year over the 5-year horizon: 1.2^5 = 2.488x the sized native CPU (compounded growth, docs/models.md#sizing-from-samples)
    expect(g.summary.overhead.cpuNativeGhz / b.summary.overhead.cpuNativeGhz).toBeCloseTo(1.2 ** 5, 2);
    expect(h.summary.overhead.cpuNativeGhz).toBe(b.summary.overhead.cpuNativeGhz);
    expect(g.summary.after.powerWatts).toBeGreaterThan(b.summary.after.powerWatts);
  });

  it('is byte-identical whether variations run sequentially or on worker threads', () => {
    const par = runCli(['whatif', SCEN, '--format', 'json', '--jobs', '3']);
    expect(par.code).toBe(0);
    expect(par.stdout).toBe(r.stdout);
  });

  it('renders every format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-wi-'));
    for (const f of ['text', 'md', 'html', 'csv']) {
      const out = join(dir, `r.${f}`);
      const x = runCli(['whatif', SCEN, '--format', f, '--out', out, '--jobs', '1']);
      expect(x.code, x.stderr).toBe(0);
      const t = readFileSync(out, 'utf8');
      for (const s of j.scenarios) expect(t).toContain(s.name);
    }
    // CSV: the scenario table first (one row per scenario), then, after an empty line, the
    // cumulative cost (one row per scenario and point in time).
    const [first, cash, ...rest] = readFileSync(join(dir, 'r.csv'), 'utf8').split('\r\n\r\n').map((t) => t.split('\r\n').filter(Boolean));
    expect(first[0].startsWith('scenario,description,host_type,hosts,hosts_delta,')).toBe(true);
    expect(first).toHaveLength(j.scenarios.length + 1);
    expect(cash[0]).toBe('scenario,month,before_usd,after_usd');
    const flows = j.scenarios.map((s: { summary: { tco: { cashFlow: unknown[] } } }) => s.summary.tco.cashFlow.length);
    expect(cash).toHaveLength(1 + flows.reduce((a: number, b: number) => a + b, 0));
    expect(rest).toEqual([]);
    const page = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    // the plan report's look and Content-Security-Policy; no script, nothing to fetch
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(page).toContain('.kpi{background:var(--panel)');
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\s(src|href)=/i);
    expect((page.match(/<details class="scenario">/g) ?? []).length).toBe(j.scenarios.length);
  });
});

describe('whatif --sensitivity', () => {
  const r = runCli(['whatif', SCEN, '--sensitivity', '--format', 'json']);
  const sv = JSON.parse(r.stdout).sensitivity;

  it('varies each assumption and orders the tornado by swing (invariant)', () => {
    expect(r.code).toBe(0);
    const keys = sv.rows.map((x: { key: string }) => x.key);
    for (const k of ['cpuTarget', 'virtualization', 'pue', 'usdPerKwh', 'hostPrice']) expect(keys).toContain(k);
    for (let i = 1; i < sv.rows.length; i++) expect(sv.rows[i - 1].swing).toBeGreaterThanOrEqual(sv.rows[i].swing);
  });

  it('relations: a higher electricity price and a higher PUE raise the savings', () => {
    const row = (k: string) => sv.rows.find((x: { key: string }) => x.key === k);
    expect(row('usdPerKwh').high.objective).toBeGreaterThan(sv.baseValue);
    expect(row('usdPerKwh').low.objective).toBeLessThan(sv.baseValue);
    expect(row('pue').high.objective).toBeGreaterThan(row('pue').low.objective);
  });

  it('draws a tornado as SVG in html and as a bar chart in text', () => {
    const h = runCli(['whatif', SCEN, '--sensitivity', '--format', 'html']);
    expect(h.stdout).toContain('<svg');
    const t = runCli(['whatif', SCEN, '--sensitivity']);
    expect(t.stdout).toMatch(/Sensitivity of /);
    expect(t.stdout).toMatch(/#+\|#+/);
  });
});

describe('whatif errors exit 2 with the path of the problem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cp-wi-bad-'));
  copyFileSync('examples/whatif/servers.csv', join(dir, 'servers.csv'));
  const write = (name: string, doc: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return p;
  };

  it('a bad option value names variations[i].key', () => {
    const p = write('bad.json', { base: { servers: 'servers.csv' }, variations: [{ name: 'a' }, { name: 'b' }, { name: 'c', cpuTarget: 150 }] });
    const x = runCli(['whatif', p]);
    expect(x.code).toBe(2);
    expect(x.stderr).toMatch(/variations\[2\]\.cpuTarget: .*<= ?100/);
    expect(x.stderr).not.toMatch(/\n\s+at /);
  });

  it('a path leaving the scenario folder is refused unless --allow-outside', () => {
    const p = write('escape.json', { base: { servers: '../../../../etc/passwd' }, variations: [] });
    const x = runCli(['whatif', p]);
    expect(x.code).toBe(2);
    expect(x.stderr).toMatch(/base\.servers: .*outside the scenario folder/);
  });

  it('invalid JSON and a missing file exit 2', () => {
    expect(runCli(['whatif', write('broken.json', '{ "base": ')]).code).toBe(2);
    expect(runCli(['whatif', join(dir, 'none.json')]).stderr).toMatch(/no such file/);
  });
});
