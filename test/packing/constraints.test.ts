import { describe, expect, it } from 'vitest';
import { solvePacking, verifyPacking, PackingInputError, type PackingProblem, type UnplacedItem } from '../../src/packing/index.js';
import { randomProblem } from '../helpers/random.js';
import { unplacedReason } from '../../src/model/engine-messages.js';
import { renderUnplacedReason } from '../../src/model/messages.js';

// The engine returns reasons as data; the assertions below read them through the catalogue.
const unplacedReasonText = (reason: UnplacedItem['reason']) => renderUnplacedReason(unplacedReason({ reason }));

/** Items a, b, c, … of 3 units each, in the given sites. */
const siteItems = (...sites: string[]) => sites.map((site, i) => ({ id: String.fromCharCode(97 + i), demand: [3], site }));

const host = (count: number | null = null) => [{ type: 'std', capacity: [16, 64], cost: 1, count }];

describe('constraints', () => {
  it('lists an item that fits no host with per-type failures and a reason', async () => {
    const p: PackingProblem = {
      dimensions: ['cpu', 'memory'],
      items: [
        { id: 'big', demand: [4, 768] },
        { id: 'ok', demand: [4, 8] },
      ],
      hostTypes: [
        { type: 'r640', capacity: [32, 384], cost: 1, count: null },
        { type: 'r740', capacity: [48, 512], cost: 2, count: null },
      ],
    };
    const r = await solvePacking(p, { timeLimitSeconds: 0 });
    expect(r.unplaced).toHaveLength(1);
    expect(r.unplaced[0].id).toBe('big');
    expect(unplacedReasonText(r.unplaced[0].reason)).toBe('memory: needs 768, largest host offers 512');
    expect(r.unplaced[0].failures).toEqual([
      { hostType: 'r640', dimension: 'memory', demand: 768, capacity: 384 },
      { hostType: 'r740', dimension: 'memory', demand: 768, capacity: 512 },
    ]);
    expect(r.hosts).toHaveLength(1);
    expect(r.hosts[0].type).toBe('r640');
    expect(verifyPacking(p, r).ok).toBe(true);
  });

  it('explains an item that needs a different host type per dimension', async () => {
    const p: PackingProblem = {
      dimensions: ['cpu', 'memory'],
      items: [{ id: 'x', demand: [40, 400] }],
      hostTypes: [
        { type: 'cpuheavy', capacity: [64, 128], cost: 1, count: null },
        { type: 'memheavy', capacity: [16, 512], cost: 1, count: null },
      ],
    };
    const r = await solvePacking(p, { timeLimitSeconds: 0 });
    expect(unplacedReasonText(r.unplaced[0].reason)).toMatch(/no single host type fits every dimension/);
    expect(r.unplaced[0].failures).toHaveLength(2);
  });

  it('anti-affinity spreads a group over distinct hosts and bounds the host count', async () => {
    const p: PackingProblem = {
      dimensions: ['cpu', 'memory'],
      items: Array.from({ length: 5 }, (_, i) => ({ id: `db${i}`, demand: [1, 1], antiAffinity: ['db'] })),
      hostTypes: host(),
    };
    const r = await solvePacking(p, { timeLimitSeconds: 0 });
    expect(r.hosts).toHaveLength(5);
    expect(r.hostsLowerBound).toBe(5);
    expect(r.boundSource).toBe('anti-affinity');
    expect(r.optimal).toBe(true);
    expect(verifyPacking(p, r).ok).toBe(true);
  });

  it('affinity keeps a group on one host; a group too big for any host is unplaced whole', async () => {
    const p: PackingProblem = {
      dimensions: ['cpu', 'memory'],
      items: [
        { id: 'a1', demand: [6, 10], affinity: 'A' },
        { id: 'a2', demand: [6, 10], affinity: 'A' },
        { id: 'b1', demand: [10, 10], affinity: 'B' },
        { id: 'b2', demand: [10, 10], affinity: 'B' },
        { id: 'c', demand: [6, 10] },
      ],
      hostTypes: host(),
    };
    const r = await solvePacking(p, { timeLimitSeconds: 0 });
    expect(verifyPacking(p, r).violations).toEqual([]);
    expect(r.unplaced.map((u) => u.id)).toEqual(['b1', 'b2']);
    expect(unplacedReasonText(r.unplaced[0].reason)).toMatch(/^affinity group B \(2 items\) cpu: needs 20, largest host offers 16/);
    const h = r.hosts.find((x) => x.items.includes('a1'))!;
    expect(h.items).toContain('a2');
  });

  it('affinity contradicting anti-affinity is unplaced with a reason', async () => {
    const p: PackingProblem = {
      dimensions: ['cpu'],
      items: [
        { id: 'a', demand: [1], affinity: 'g', antiAffinity: ['x'] },
        { id: 'b', demand: [1], affinity: 'g', antiAffinity: ['x'] },
      ],
      hostTypes: [{ type: 'h', capacity: [4], cost: 1, count: null }],
    };
    const r = await solvePacking(p, { timeLimitSeconds: 0 });
    expect(r.unplaced.map((u) => unplacedReasonText(u.reason))).toEqual([
      'affinity group g contains two items of anti-affinity group x; both cannot hold',
      'affinity group g contains two items of anti-affinity group x; both cannot hold',
    ]);
    expect(verifyPacking(p, r).ok).toBe(true);
  });

  it('sites are packed separately, host ids are prefixed, counts are shared by all sites (taken in site order)', async () => {
    const p: PackingProblem = {
      dimensions: ['cpu'],
      items: siteItems('east', 'west', 'east', 'east'),
      hostTypes: [{ type: 'h', capacity: [6], cost: 1, count: 1 }],
    };
    const r = await solvePacking(p, { timeLimitSeconds: 0 });
    // one host of type h in all: east (first in order) takes it for a and c
    expect(r.hosts.map((h) => [h.id, h.items])).toEqual([['east/host-001', ['a', 'c']]]);
    expect(r.unplaced.map((u) => u.id)).toEqual(['b', 'd']);
    for (const u of r.unplaced) expect(unplacedReasonText(u.reason)).toMatch(/host counts/);
    expect(verifyPacking(p, r).ok).toBe(true);
  });

  it('the engine shares a count between sites; the independent checker counts across sites', async () => {
    const p: PackingProblem = {
      dimensions: ['cpu'],
      items: siteItems('east', 'west', 'east', 'west'),
      hostTypes: [
        { type: 'small', capacity: [6], cost: 1, count: 1 },
        { type: 'big', capacity: [6], cost: 3, count: null },
      ],
    };
    const r = await solvePacking(p, { timeLimitSeconds: 0 });
    expect(r.hosts.filter((h) => h.type === 'small')).toHaveLength(1);
    expect(r.hosts.map((h) => [h.id, h.type])).toEqual([['east/host-001', 'small'], ['west/host-001', 'big']]);
    expect(r.totalCost).toBe(4);
    expect(verifyPacking(p, r).ok).toBe(true);
    // a result that opens the one `small` in each site is rejected by the checker
    const bad = { ...r, hosts: r.hosts.map((h) => ({ ...h, type: 'small' })), totalCost: 2 };
    expect(verifyPacking(p, bad).violations.join(' ')).toMatch(/2 hosts of type small, only 1 available/);
  });

  it('maxItemsPerHost caps items per host and enters the bound', async () => {
    const p: PackingProblem = {
      dimensions: ['cpu'],
      items: Array.from({ length: 10 }, (_, i) => ({ id: `v${i}`, demand: [1] })),
      hostTypes: [{ type: 'h', capacity: [100], cost: 1, count: null }],
      constraints: { maxItemsPerHost: 3 },
    };
    const r = await solvePacking(p, { timeLimitSeconds: 0 });
    expect(r.hosts).toHaveLength(4);
    expect(r.hostsLowerBound).toBe(4);
    expect(r.optimal).toBe(true);
    expect(verifyPacking(p, r).ok).toBe(true);
  });

  it('HA 1: every single-host failure is absorbed, with a certificate verify re-checks', async () => {
    for (const seed of [5, 6, 7]) {
      const p = randomProblem(seed, { n: 40, d: 2, constraints: true, ha: 1 });
      const r = await solvePacking(p, { timeLimitSeconds: 0 });
      expect(r.haVerification?.ok).toBe(true);
      expect(r.haVerification?.casesChecked).toBe(r.hosts.length);
      expect(verifyPacking(p, r).violations).toEqual([]);
    }
  });

  it('HA 1 verification catches a tampered certificate', async () => {
    const p = randomProblem(8, { n: 30, d: 2, ha: 1 });
    const r = await solvePacking(p, { timeLimitSeconds: 0 });
    const c = r.haVerification!.cases!.find((x) => x.moves.length > 0)!;
    c.moves[0].host = c.failedHost;
    expect(verifyPacking(p, r).ok).toBe(false);
  });

  it('HA 2 adds two dominating spare hosts', async () => {
    const p = randomProblem(9, { n: 30, d: 2, ha: 2 });
    const r = await solvePacking(p, { timeLimitSeconds: 0 });
    expect(r.haVerification).toMatchObject({ ha: 2, method: 'dominating-spares', sparesAdded: 2, ok: true });
    expect(r.hosts.filter((h) => h.spare)).toHaveLength(2);
    expect(verifyPacking(p, r).ok).toBe(true);
  });

  it('rejects malformed problems with PackingInputError', async () => {
    await expect(
      solvePacking({ dimensions: ['cpu'], items: [{ id: 'a', demand: [1, 2] }], hostTypes: host() }),
    ).rejects.toBeInstanceOf(PackingInputError);
  });

  it('lists invalid demands as unplaced', async () => {
    const p: PackingProblem = { dimensions: ['cpu'], items: [{ id: 'a', demand: [NaN] }], hostTypes: [{ type: 'h', capacity: [4], cost: 1, count: null }] };
    const r = await solvePacking(p, { timeLimitSeconds: 0 });
    expect(unplacedReasonText(r.unplaced[0].reason)).toMatch(/invalid demand/);
  });
});
