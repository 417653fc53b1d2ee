import { describe, it, expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { REPO } from '../helpers/paths.js';
import { tempDir } from '../helpers/fixtures.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkResult, planDemands } from '../helpers/check-plan.js';

/** The checker over the resource dimensions (a reuse plan adds `site@<name>` counters to pin kept servers to their sites). */
const resources = (j: any) => ({ ...j, dimensions: j.dimensions.filter((d: string) => !d.startsWith('site@')) });

/**
 * --reuse-existing and catalog counts, on the bundled example (64 servers in two sites, fra and
 * ams; fra-hana-63 is a 3 TB in-memory database no host type can take) and its three-type catalog
 * (examples/whatif/catalog.csv: r7525-1t has count 4).
 */
async function plan(args: string[], cwd = REPO) {
  let out = '';
  let err = '';
  const code = await main(['plan', '--format', 'json', '--time-limit', '0', ...args], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd });
  expect(code, err).toBe(0);
  return JSON.parse(out);
}
const DC = ['--servers', 'examples/datacenter/servers.csv'];
const CATALOG = ['--hosts', 'examples/whatif/catalog.csv'];

describe('--reuse-existing: a kept server is a host or stays as it is, never both', async () => {
  const j = await plan([...DC, '--reuse-existing']);
  const kept = j.hosts.filter((h: { type: string }) => h.type.startsWith('keep:'));

  it('fra-hana-63 (fits no host, not even itself) stays on its server and is not offered as a host', () => {
    expect(j.unplaced.map((u: { id: string }) => u.id)).toEqual(['fra-hana-63']);
    expect(j.hosts.map((h: { type: string }) => h.type)).not.toContain('keep:fra-hana-63');
    // invariant: no unplaced workload's own server is in use as a host
    for (const u of j.unplaced) expect(kept.map((h: { type: string }) => h.type)).not.toContain(`keep:${u.id}`);
    expect(kept.length).toBeGreaterThan(0);
    expect(checkResult(resources(j), planDemands(j))).toEqual([]);
  });

  it('its power is counted once: after = the hosts (kept ones included) + the servers left as they are', () => {
    expect(j.summary.after.hosts).toBe(j.summary.hostsUsed + j.summary.unplaced);
    const hostWatts = j.hosts.reduce((s: number, h: { powerWatts: number }) => s + h.powerWatts, 0);
    // fra-hana-63 stays as it is, at its measured 1,450 W (servers.csv), once
    expect(j.summary.after.powerWatts).toBeCloseTo(hostWatts + 1450, 2);
  });

  it('the headline TCO and the procurement objective include the same things (kept servers\' maintenance)', () => {
    expect(j.summary.procurement.objective).toBe('tco');
    expect(j.summary.procurement.objectiveValue).toBe(j.summary.tco.totalUsd);
    // maintenance after (defaults: 10%/year, 3-year warranty, 5-year horizon, a source server worth
    // 7,690 USD): new hosts' price x 10% x 2 years, plus kept and left servers at 7,690 x 10% x 5 years
    const perServer = 7690 * 0.1 * 5;
    const newHosts = j.hosts.filter((h: { type: string }) => !h.type.startsWith('keep:'));
    const newMaint = newHosts.reduce((s: number, h: { priceUsd: number }) => s + h.priceUsd * 0.1 * (5 - 3), 0);
    expect(j.summary.tco.breakdown.maintenance.afterUsd).toBeCloseTo(newMaint + (kept.length + j.summary.unplaced) * perServer, 2);
  });
});

describe('catalog count: units available across the whole plan, enforced across sites', () => {
  it('the example buys at most 4 x r7525-1t over both sites (it bought 6 with count 4 per site)', async () => {
    const j = await plan([...DC, ...CATALOG, '--optimize', 'tco']);
    expect(j.hosts.filter((h: { type: string }) => h.type === 'r7525-1t').length).toBeLessThanOrEqual(4);
    expect(j.summary.hostsByType['r7525-1t'] ?? 0).toBeLessThanOrEqual(4);
    for (const s of j.summary.procurement.singles) if (s.type === 'r7525-1t') expect(s.hostsUsed).toBeLessThanOrEqual(4);
    expect(checkResult(j, planDemands(j))).toEqual([]);
  });

});

describe('unplaced reasons in user terms', () => {
  it('name the largest usable capacity across all host types, never an internal dimension', async () => {
    const j = await plan([...DC, ...CATALOG, '--optimize', 'tco', '--reuse-existing']);
    for (const u of j.unplaced) expect(u.reason, u.id).not.toMatch(/site@|cpu_ghz|memory_gib/);
    const hana = j.unplaced.find((u: { id: string }) => u.id === 'fra-hana-63');
    expect(hana.code).toBe('unplaced.too-large');
    // the largest usable memory over every type the site can use: the r7525-1t's (1024 GiB - 8%) x 90%, or a kept fra server's
    const largest = Math.max(...j.hosts.map((h: { capacity: { memory_gib: number } }) => h.capacity.memory_gib), (1024 - 81.92) * 0.9);
    expect(hana.args.dimensions).toEqual([expect.objectContaining({ dimension: 'memory_gib', name: 'memory', unit: 'GiB' })]);
    expect(hana.args.dimensions[0].capacity).toBeGreaterThanOrEqual(largest - 1e-6);
    expect(hana.reason).toMatch(/^memory: needs [\d.]+ GiB, largest host offers [\d.]+ GiB \(after reserve and target\)$/);
  });
});

describe('unplaced in another site: a workload only a kept server of another site could hold', () => {
  // ams-mid: 1,000 GB installed, 800 GB used, sized 800 x 1.3 = 1,040 capped at 1,000 GiB (+ overhead):
  // more than a dell-r7525 offers ((1024 - 8%) x 90% = 847.9 GiB) and more than its own server
  // (1000 x 0.92 x 0.9 = 828 GiB); only fra-big (2 TB) could take it, and fra-big is pinned to fra.
  const dir = tempDir('reuse-sites');
  writeFileSync(join(dir, 's.csv'), 'id,cores,cpu_ghz,memory_gb,cpu_util_avg_pct,memory_used_gb,site\nfra-big,64,2.5,2048,5,100,fra\nfra-small,8,2.5,32,10,16,fra\nams-mid,16,2.5,1000,10,800,ams\nams-web,8,2.5,32,10,16,ams\n');
  it('the reason names memory against the largest host the ams site can use, not site@ams; ams-mid\'s server hosts nobody', async () => {
    const j = await plan(['--servers', 's.csv', '--reuse-existing'], dir);
    expect(j.unplaced.map((u: { id: string }) => u.id)).toEqual(['ams-mid']);
    expect(j.unplaced[0].reason).toBe('memory: needs 1007.5 GiB, largest host offers 847.9 GiB (after reserve and target)');
    expect(j.hosts.map((h: { type: string }) => h.type)).not.toContain('keep:ams-mid');
    expect(checkResult(resources(j), planDemands(j))).toEqual([]);
  });
});
