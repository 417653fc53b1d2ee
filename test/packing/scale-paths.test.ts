import { describe, expect, it } from 'vitest';
import { solvePacking, verifyPacking } from '../../src/packing/index.js';
import { toPackResult } from '../../src/pack.js';
import { round } from '../../src/util/round.js';
import { randomProblem } from '../helpers/random.js';

// The paths that keep `consolidate pack` near the CSV floor at a million VMs, each checked against
// the plain computation it replaces on small inputs.

describe('pack result: items built on first read', () => {
  it('equal the eager construction (input order, host id or null, rounded demand), keep their key position and can be replaced', async () => {
    const p = randomProblem(7, { n: 90, d: 3, types: 2 });
    // one item no host type holds, in the middle of the input
    p.items.splice(40, 0, { id: 'too-large', demand: [1e9, 1, 1] });
    const r = await solvePacking(p, { timeLimitSeconds: 0 });
    expect(r.unplaced.length).toBeGreaterThan(0); // both outcomes occur below
    const out = toPackResult(p, r);
    const hostOf = new Map<string, string>();
    for (const h of r.hosts) for (const id of h.items) hostOf.set(id, h.id);
    const eager = p.items.map((it) => ({ id: it.id, host: hostOf.get(it.id) ?? null, demand: Object.fromEntries(p.dimensions.map((d, k) => [d, round(it.demand[k])])) }));
    // the keys in the order the JSON shows them, before and after the first read
    const keys = ['schemaVersion', 'kind', 'dimensions', 'summary', 'hosts', 'items', 'unplaced', 'issues', 'warnings'];
    expect(Object.keys(out)).toEqual(keys);
    const json = JSON.parse(JSON.stringify(out));
    expect(json.items).toEqual(eager);
    expect(Object.keys(json)).toEqual(keys);
    expect(out.items).toEqual(eager);
    expect(out.items).toBe(out.items); // built once
    expect(Object.keys(out)).toEqual(keys);
    expect(structuredClone(toPackResult(p, r)).items).toEqual(eager);
    expect({ ...toPackResult(p, r) }.items).toEqual(eager);
    expect(eager.some((x) => x.host === null) && eager.some((x) => x.host !== null)).toBe(true);
    const other = toPackResult(p, r);
    other.items = [];
    expect(other.items).toEqual([]);
    expect(verifyPacking(p, r).ok).toBe(true);
  });
});
