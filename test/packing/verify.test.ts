import { describe, expect, it } from 'vitest';
import { verifyPacking, type PackingProblem, type PackingResult } from '../../src/packing/index.js';

const problem: PackingProblem = {
  dimensions: ['cpu', 'memory'],
  items: [
    { id: 'a', demand: [4, 8], antiAffinity: ['web'] },
    { id: 'b', demand: [4, 8], antiAffinity: ['web'] },
    { id: 'c', demand: [2, 4], affinity: 'pair' },
    { id: 'd', demand: [2, 4], affinity: 'pair' },
  ],
  hostTypes: [{ type: 'h', capacity: [8, 16], cost: 1, count: 3 }],
  constraints: { maxItemsPerHost: 3 },
};

function good(): PackingResult {
  return {
    dimensions: ['cpu', 'memory'],
    hosts: [
      { id: 'host-001', type: 'h', items: ['a', 'c', 'd'], load: [8, 16] },
      { id: 'host-002', type: 'h', items: ['b'], load: [4, 8] },
    ],
    unplaced: [],
    totalCost: 2,
    hostsLowerBound: 2,
    costLowerBound: 2,
    gap: 0,
    optimal: true,
    algorithm: 'hand',
    boundSource: 'L1',
    warnings: [],
  };
}

describe('verifyPacking (independent checker)', () => {
  it('accepts a correct packing', () => {
    expect(verifyPacking(problem, good())).toEqual({ ok: true, violations: [] });
  });
  const cases: [string, (r: PackingResult) => void, RegExp][] = [
    ['over capacity', (r) => { r.hosts[1].items.push('x'); }, /unknown item x/],
    ['item missing', (r) => { r.hosts[1].items = []; r.hosts[1].load = [0, 0]; }, /b neither placed/],
    ['item twice', (r) => { r.unplaced.push({ id: 'b', failures: [], reason: { code: 'unplaced.no-host-left', args: {} } }); }, /placed on host-002 and unplaced/],
    ['anti-affinity', (r) => { r.hosts = [{ id: 'host-001', type: 'h', items: ['a', 'b'], load: [8, 16] }, { id: 'host-002', type: 'h', items: ['c', 'd'], load: [4, 8] }]; }, /share anti-affinity group web/],
    ['affinity split', (r) => { r.hosts = [{ id: 'host-001', type: 'h', items: ['a', 'c'], load: [6, 12] }, { id: 'host-002', type: 'h', items: ['b', 'd'], load: [6, 12] }]; }, /affinity group pair is split/],
    ['wrong load', (r) => { r.hosts[1].load = [4, 9]; }, /reported memory load 9/],
    ['capacity', (r) => { r.hosts[0].items = ['a', 'c', 'd', 'b']; r.hosts[0].load = [12, 24]; r.hosts.pop(); r.totalCost = 1; r.gap = 0; r.costLowerBound = 1; r.hostsLowerBound = 1; }, /cpu load 12 exceeds capacity 8/],
    ['max items', (r) => { r.hosts[0].items = ['a', 'c', 'd', 'b']; r.hosts[0].load = [12, 24]; r.hosts.pop(); }, /4 items, more than 3/],
    ['count', (r) => { r.hosts.push({ id: 'h3', type: 'h', items: [], load: [0, 0] }, { id: 'h4', type: 'h', items: [], load: [0, 0] }); r.totalCost = 4; r.gap = 1; r.optimal = false; }, /4 hosts of type h, only 3/],
    ['cost', (r) => { r.totalCost = 3; }, /totalCost 3 but hosts cost 2/],
    ['bound above', (r) => { r.costLowerBound = 3; r.hostsLowerBound = 3; }, /exceeds/],
    ['optimal with gap', (r) => { r.costLowerBound = 1; r.gap = 1; }, /optimal is true but gap/],
  ];
  for (const [name, mutate, re] of cases) {
    it(`rejects: ${name}`, () => {
      const r = good();
      mutate(r);
      const v = verifyPacking(problem, r);
      expect(v.ok).toBe(false);
      expect(v.violations.join('\n')).toMatch(re);
    });
  }
  it('checks sites', () => {
    const p: PackingProblem = { ...problem, items: problem.items.map((it) => ({ ...it, site: it.id === 'b' ? 'B' : 'A' })) };
    const r = good();
    r.hosts[0].site = 'A';
    r.hosts[1].site = 'A';
    expect(verifyPacking(p, r).violations.join('\n')).toMatch(/holds item b of site B/);
  });
});
