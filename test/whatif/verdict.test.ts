import { describe, it, expect } from 'vitest';
import { computeVerdict, pickLowest, optionChanges } from '../../src/whatif/verdict.js';
import { verdictText, verdictSegments } from '../../src/whatif/sentence.js';
import { METRICS, carbonOf } from '../../src/whatif/metrics.js';
import type { WhatIfScenario } from '../../src/whatif/run.js';

/**
 * The verdict picks the lowest cost and CO2 and says what the winner changes, by how much, with
 * ties decided on the figures as shown; the sentence reads right whoever wins. Scenarios here
 * are made by hand: only the fields the verdict reads.
 */
function scenario(name: string, m: Record<string, number | null>, options: Record<string, unknown> = {}, summary: Record<string, unknown> = {}): WhatIfScenario {
  const metrics: Record<string, number | null> = {};
  for (const x of METRICS) metrics[x.key] = m[x.key] ?? null;
  return { name, options, metrics, deltas: {}, warnings: [], summary: { tco: { horizonYears: 5 }, ...summary } as unknown as WhatIfScenario['summary'], dimensions: [], hosts: [], unplaced: [] };
}
const BASE_OPTS = { servers: 's.csv', hypervisor: 'esxi', hosts: 'catalog.csv' };

describe('pickLowest and computeVerdict', () => {
  it('a variation wins: its value, the difference to the base (value - base) and its share, and what it changes', () => {
    const v = computeVerdict([
      scenario('base', { tcoUsd: 335181, co2Kg: 14317 }, BASE_OPTS),
      scenario('kvm', { tcoUsd: 286004, co2Kg: 13618 }, { ...BASE_OPTS, hypervisor: 'kvm' }),
      scenario('big', { tcoUsd: 320315, co2Kg: 14540 }, { servers: 's.csv', hypervisor: 'esxi', hostType: 'r7525' }),
    ]);
    expect(v.horizonYears).toBe(5);
    expect(v.cost).toMatchObject({ metric: 'tcoUsd', value: 286004, winners: ['kvm'], baseWins: false, baseValue: 335181, difference: -49177 });
    expect(v.cost!.fraction).toBeCloseTo(-49177 / 335181, 6);
    expect(v.cost!.changes).toEqual({ kvm: [{ key: 'hypervisor', base: 'esxi', value: 'kvm' }] });
    expect(v.co2).toMatchObject({ metric: 'co2Kg', winners: ['kvm'], difference: -699 });
    expect(v.netCo2).toBeNull();
    expect(verdictText(v)).toBe('kvm has the lowest 5-year TCO, 286,004 USD, 49,177 USD (14.7%) less than the base, by setting hypervisor to kvm; it also has the lowest CO2, 13,618 kg a year, 699 kg (4.9%) less than the base.');
  });

  it('different winners: each is named with its own change; a removed option reads as unset', () => {
    const v = computeVerdict([
      scenario('base', { tcoUsd: 100, co2Kg: 50 }, BASE_OPTS),
      scenario('cheap', { tcoUsd: 80, co2Kg: 60 }, { servers: 's.csv', hypervisor: 'esxi', hostType: 'small' }),
      scenario('green', { tcoUsd: 120, co2Kg: 40 }, { ...BASE_OPTS, pue: 1.2 }),
    ]);
    expect(verdictText(v)).toBe('cheap has the lowest 5-year TCO, 80 USD, 20 USD (20.0%) less than the base, by setting hostType to small (hosts unset); green has the lowest CO2, 40 kg a year, 10 kg (20.0%) less than the base, by setting pue to 1.2.');
  });

  it('the base wins: it says so and how far behind the closest variation is', () => {
    const v = computeVerdict([scenario('base', { tcoUsd: 100, co2Kg: 50 }, BASE_OPTS), scenario('a', { tcoUsd: 130, co2Kg: 55 }, { ...BASE_OPTS, pue: 2 }), scenario('b', { tcoUsd: 110, co2Kg: 70 }, { ...BASE_OPTS, pue: 3 })]);
    expect(v.cost).toMatchObject({ baseWins: true, winners: ['base'], difference: 0, runnerUp: { name: 'b', value: 110, difference: 10 } });
    expect(verdictText(v)).toBe('The base has the lowest 5-year TCO, 100 USD; the closest variation, b, is 10 USD (10.0%) higher; the base has the lowest CO2, 50 kg a year; the closest variation, a, is 5 kg (10.0%) higher.');
  });

  it('ties are decided on the figures as shown: 100.4 and 99.6 both show as 100', () => {
    const s = [scenario('base', { tcoUsd: 120 }, BASE_OPTS), scenario('a', { tcoUsd: 100.4 }, { ...BASE_OPTS, pue: 1.1 }), scenario('b', { tcoUsd: 99.6 }, { ...BASE_OPTS, pue: 1.2 })];
    const p = pickLowest(s, 'tcoUsd', 0)!;
    expect(p.winners).toEqual(['a', 'b']);
    // the value and difference shown are the first winner's (100.4 - 120 = -19.6 shows as 20 USD, 16.3%)
    expect(verdictText(computeVerdict(s))).toBe('a and b tie for the lowest 5-year TCO, 100 USD, 20 USD (16.3%) less than the base (a: by setting pue to 1.1; b: by setting pue to 1.2).');
  });

  it('a tie with the base: no variation is lower', () => {
    const v = computeVerdict([scenario('base', { tcoUsd: 100 }, BASE_OPTS), scenario('same', { tcoUsd: 100 }, { ...BASE_OPTS, pue: 1.5 })]);
    expect(v.cost).toMatchObject({ baseWins: true, winners: ['base', 'same'] });
    expect(verdictText(v)).toBe('The base and same tie for the lowest 5-year TCO, 100 USD; no variation is lower.');
  });

  it('without a cost model the verdict falls back to the annual electricity cost; nothing at all says so', () => {
    const v = computeVerdict([scenario('base', { costUsd: 500 }, BASE_OPTS, { tco: undefined }), scenario('k', { costUsd: 400 }, { ...BASE_OPTS, hypervisor: 'kvm' }, { tco: undefined })]);
    expect(v.horizonYears).toBeNull();
    expect(v.cost).toMatchObject({ metric: 'costUsd', winners: ['k'] });
    expect(verdictText(v)).toContain('k has the lowest electricity cost, 400 USD a year');
    expect(verdictText(computeVerdict([scenario('base', {}, BASE_OPTS)]))).toBe('The plans report neither cost nor CO2 to compare.');
  });

  it('embodied carbon: once plans report summary.carbon, the verdict adds the lowest net CO2 over the horizon', () => {
    const carbon = (net: number) => ({ carbon: { embodiedNewKgCo2e: 9000, operationalSavedKgCo2ePerYear: 40000, carbonPaybackMonths: 2.7, horizonNetKgCo2e: net } });
    const sm = (net: number) => ({ tco: { horizonYears: 5 }, ...carbon(net) }) as unknown as WhatIfScenario['summary'];
    // summary.carbon.horizonNetKgCo2e is what the plan avoids: 40,000 kg a year x 5 years - 9,000 embodied.
    expect(carbonOf(sm(191000))).toEqual({ embodiedNewKgCo2e: 9000, operationalSavedKgCo2ePerYear: 40000, carbonPaybackMonths: 2.7, horizonNetKgCo2e: 191000 });
    expect(carbonOf({} as WhatIfScenario['summary']).horizonNetKgCo2e).toBeNull();
    const read = (key: string, s: WhatIfScenario['summary']) => METRICS.find((m) => m.key === key)!.read(s);
    // The metric is the net CO2e the plan adds (embodied minus saved), lower is better.
    expect(read('horizonNetCo2Kg', sm(191000))).toBe(-191000);
    expect(read('horizonNetCo2Kg', sm(-500))).toBe(500);
    expect(read('horizonNetCo2Kg', {} as WhatIfScenario['summary'])).toBeNull();
    expect(read('embodiedCo2Kg', sm(191000))).toBe(9000);
    const v = computeVerdict([
      scenario('base', { tcoUsd: 100, co2Kg: 50, horizonNetCo2Kg: -191000 }, BASE_OPTS),
      scenario('kvm', { tcoUsd: 90, co2Kg: 45, horizonNetCo2Kg: -196000 }, { ...BASE_OPTS, hypervisor: 'kvm' }),
    ]);
    expect(v.netCo2).toMatchObject({ metric: 'horizonNetCo2Kg', winners: ['kvm'], difference: -5000 });
    expect(verdictText(v)).toContain('; it also has the lowest net CO2 over the 5 years counting the embodied carbon of new hosts, -196,000 kg CO2e, 5,000 kg (2.6%) less than the base.');
  });

  it('figures carry their keys and exact values for the HTML data attributes; scenario names are never capitalized', () => {
    const v = computeVerdict([scenario('base', { tcoUsd: 10, co2Kg: 5 }, BASE_OPTS), scenario('kvm', { tcoUsd: 9.4, co2Kg: 4 }, { ...BASE_OPTS, hypervisor: 'kvm' })]);
    const segs = verdictSegments(v);
    expect(segs[0]).toMatchObject({ t: 'kvm', name: true });
    expect(segs.filter((s) => s.key).map((s) => [s.key, s.value])).toEqual([
      ['verdict.cost.value', 9.4],
      ['verdict.cost.difference', -0.6],
      ['verdict.co2.value', 4],
      ['verdict.co2.difference', -1],
    ]);
  });

  it('optionChanges lists set, changed and removed options, sorted', () => {
    expect(optionChanges({ a: 1, b: 'x', c: true }, { a: 2, c: true, d: [1] })).toEqual([
      { key: 'a', base: 1, value: 2 },
      { key: 'b', base: 'x', value: undefined },
      { key: 'd', base: undefined, value: [1] },
    ]);
  });
});
