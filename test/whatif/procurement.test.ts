import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { expectedUtilization } from '../../src/procurement/objective.js';

const S = 'examples/whatif/servers.csv';
const C = 'examples/whatif/catalog.csv';
const plan = (...extra: string[]) => {
  const r = runCli(['plan', '--servers', S, '--hosts', C, '--time-limit', '0', '--format', 'json', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe('plan --optimize over a three-type catalog', () => {
  const j = plan('--optimize', 'tco');
  const p = j.summary.procurement;

  it('reports the mix, its objective (= summary.tco.totalUsd) and each single type', () => {
    expect(p.objective).toBe('tco');
    expect(p.objectiveValue).toBe(j.summary.tco.totalUsd);
    expect(p.mix).toEqual(Object.fromEntries(Object.entries(j.summary.hostsByType).sort(([a], [b]) => (a < b ? -1 : 1))));
    expect(p.singles.map((s: { type: string }) => s.type)).toEqual(['dl380-512', 'r740-384', 'r7525-1t']);
    for (const t of ['dl380-512', 'r740-384', 'r7525-1t']) expect(p.perHostObjective[t]).toBeGreaterThan(0);
  });

  it('the saving against the best single type is its objective minus the mix objective; best = fewest unplaced, then lowest', () => {
    const ranked = [...p.singles].sort((a, b) => a.unplaced - b.unplaced || a.objectiveValue - b.objectiveValue);
    expect(p.bestSingle.type).toBe(ranked[0].type);
    expect(p.savingsVsBestSingle).toBeCloseTo(ranked[0].objectiveValue - p.objectiveValue, 2);
  });

  it('--optimize hosts: the objective is the host count and every host costs 1', () => {
    const h = plan('--optimize', 'hosts').summary;
    expect(h.procurement.objectiveValue).toBe(h.hostsUsed);
    expect(Object.values(h.procurement.perHostObjective)).toEqual([1, 1, 1]);
  });

  it('text report shows the chosen mix and the best single type', () => {
    const t = runCli(['plan', '--servers', S, '--hosts', C, '--time-limit', '0', '--optimize', 'power']);
    expect(t.stdout).toMatch(/Procurement \(--optimize power/);
    expect(t.stdout).toMatch(/Best single type: /);
  });
});

describe('plan --reuse-existing', () => {
  const j = plan('--optimize', 'tco', '--reuse-existing');
  const r = j.summary.procurement.reuse;

  it('keeps each current server at most once, in its own site, hosting only VMs of that site (invariant)', () => {
    const siteOf = new Map<string, string>();
    for (const v of j.vms) siteOf.set(v.id, v.site ?? '');
    const kept = j.hosts.filter((h: { type: string }) => h.type.startsWith('keep:'));
    const ids = kept.map((h: { type: string }) => h.type.slice(5));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(r.keptServers);
    for (const h of kept) for (const vm of h.vms) expect(vm.split('-')[0]).toBe(h.type.slice(5).split('-')[0]);
    expect(r.newHosts + r.keptServers.length).toBe(j.summary.hostsUsed);
  });

  it('compares with buying new: the same plan without reuse', () => {
    const n = plan('--optimize', 'tco').summary;
    expect(r.buyNew.hostsUsed).toBe(n.hostsUsed);
    expect(r.buyNew.objectiveValue).toBe(n.procurement.objectiveValue);
    expect(r.savingsVsBuyNew).toBeCloseTo(r.buyNew.objectiveValue - j.summary.procurement.objectiveValue, 2);
  });
});

describe('expectedUtilization (known value)', () => {
  it('10 VMs of 4 GHz average on a 100-GHz host: 40 GHz over 1 host of 100 raw GHz = 0.4', () => {
    const problem = { dimensions: ['cpu'], items: Array.from({ length: 10 }, (_, i) => ({ id: String(i), demand: [8] })), hostTypes: [{ type: 'h', capacity: [80], cost: 1, count: null }] };
    expect(expectedUtilization(problem, 0, 40, 100)).toBeCloseTo(40 / (1 * 100), 9);
  });
});
