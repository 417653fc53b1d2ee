import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { plan, planFiles, solvePacking, loadPlanInput, type PlanInput } from '../../src/index.js';
import type { PackingProblem, PackOptions } from '../../src/packing/index.js';
import { stageBudgets } from '../../src/plan-stages.js';
import { EXAMPLES, REPO } from '../helpers/paths.js';

const WHATIF = join(EXAMPLES, 'whatif');

/** A packing engine that records every call: the problem's host types and its budget. */
function countingSolve() {
  const calls: { types: string[]; dims: number; items: number; timeLimitSeconds: number | undefined }[] = [];
  const solve = (p: PackingProblem, o: PackOptions) => {
    calls.push({ types: p.hostTypes.map((t) => t.type), dims: p.dimensions.length, items: p.items.length, timeLimitSeconds: o.timeLimitSeconds });
    return solvePacking(p, o);
  };
  return { calls, solve };
}

async function input(): Promise<PlanInput> {
  return loadPlanInput({ servers: 'servers.csv', hosts: 'catalog.csv' }, WHATIF);
}

describe('plan stages: one plan, one pass', () => {
  it('--optimize tco over three host types packs each counterfactual once, within one budget', async () => {
    const inp = await input();
    expect(inp.hostModels.length).toBe(3);
    const { calls, solve } = countingSolve();
    const r = await plan(inp, { optimize: 'tco', timeLimit: 0.6 }, { solve });
    // the plan, its no-virtualization baseline, and each of the three single types: K + 2 packings
    expect(calls.length).toBe(5);
    const packing = r.summary.stages!.filter((s) => s.kind === 'pack');
    expect(packing.map((s) => s.name)).toEqual(['pack', 'no-virtualization', ...inp.hostModels.map((h) => `single:${h.type}`).sort()]);
    // every packing got its share, and the shares add up to the one --time-limit
    expect(calls.map((c) => c.timeLimitSeconds)).toEqual(packing.map((s) => s.budgetSeconds));
    expect(packing.reduce((a, s) => a + s.budgetSeconds!, 0)).toBeCloseTo(0.6, 9);
    for (const s of packing) expect(s.share).toBeCloseTo(1 / 5, 6);
    // singles are the plan's problem restricted to one type; the baseline offers the same types
    for (const c of calls.slice(2)) expect(c.types.length).toBe(1);
    expect(calls[1].types).toEqual(calls[0].types);
    // and what each stage reports is what the summary shows
    const p = r.summary.procurement!;
    for (const s of p.singles) expect(packing.find((x) => x.name === `single:${s.type}`)!.hostsUsed).toBe(s.hostsUsed);
    expect(packing[0].hostsUsed).toBe(r.summary.hostsUsed);
    expect(packing[1].hostsUsed).toBe(r.summary.overhead!.baseline.hostsUsed);
  });

  it('--reuse-existing adds buy-new as one more stage; nothing packs twice', async () => {
    const inp = await input();
    const { calls, solve } = countingSolve();
    const r = await plan(inp, { reuseExisting: true, timeLimit: 0 }, { solve });
    const names = r.summary.stages!.filter((s) => s.kind === 'pack').map((s) => s.name);
    expect(names).toEqual(['pack', 'no-virtualization', ...inp.hostModels.map((h) => `single:${h.type}`).sort(), 'buy-new']);
    expect(calls.length).toBe(names.length);
    // buy-new offers the catalog only (no kept server)
    expect(calls[calls.length - 1].types.every((t) => !t.startsWith('keep:'))).toBe(true);
    expect(r.summary.procurement!.reuse!.buyNew.hostsUsed).toBe(r.summary.stages!.find((s) => s.name === 'buy-new')!.hostsUsed);
  });

  it('virtualization none has no baseline stage: the plan is its own baseline', async () => {
    const { calls, solve } = countingSolve();
    const r = await plan(await input(), { virtualization: 'none', timeLimit: 0 }, { solve });
    expect(calls.length).toBe(1);
    expect(r.summary.overhead!.attributable.hosts).toBe(0);
    expect(r.summary.stages!.find((s) => s.name === 'pack')!.share).toBe(1);
  });

  it('the overhead attribution changes only the technique: the baseline is the same for every technique', async () => {
    const inp = await input();
    const base = { optimize: 'tco' as const, reuseExisting: true, timeLimit: 0 };
    const ept = await plan(inp, { ...base, virtualization: 'hw-assist-ept' });
    const emu = await plan(inp, { ...base, virtualization: 'emulation' });
    // same sizing, host types, pinning and objective: the counterfactual is one and the same plan
    expect(emu.summary.overhead!.baseline).toEqual(ept.summary.overhead!.baseline);
    // and (without kept servers, whose eligibility depends on the reserve) it is the plan with virtualization none
    const opt = { optimize: 'tco' as const, timeLimit: 0 };
    const none = await plan(inp, { ...opt, virtualization: 'none' });
    const ept2 = await plan(inp, { ...opt, virtualization: 'hw-assist-ept' });
    expect(ept2.summary.overhead!.baseline.hostsUsed).toBe(none.summary.hostsUsed);
    expect(ept2.summary.overhead!.baseline.tcoUsd).toBe(none.summary.tco!.totalUsd);
    expect(ept2.summary.overhead!.baseline.powerWatts).toBe(none.summary.after.powerWatts);
    // the figures attributable to the hypervisor change with the technique: emulation costs more
    expect(emu.summary.overhead!.cpuAddedGhz).toBeGreaterThan(ept.summary.overhead!.cpuAddedGhz);
    expect(emu.summary.overhead!.attributable.powerWatts).toBeGreaterThan(ept.summary.overhead!.attributable.powerWatts);
    expect(emu.summary.overhead!.attributable.hosts).toBeGreaterThanOrEqual(ept.summary.overhead!.attributable.hosts);
  });

  it('nothing the plan is given is changed (immutable stages)', async () => {
    const inp = await input();
    const before = JSON.stringify(inp);
    await plan(inp, { optimize: 'tco', reuseExisting: true, profileBuckets: 24, timeLimit: 0 });
    expect(JSON.stringify(inp)).toBe(before);
  });

  it('the stages and their shares are reported, with wall-clock time only outside the result', async () => {
    const seen: string[] = [];
    const r = await planFiles({ servers: 'servers.csv', hosts: 'catalog.csv', timeLimit: 0 }, { baseDir: WHATIF, onStage: (t) => seen.push(`${t.stage.name}:${t.seconds >= 0}`) });
    expect(seen).toEqual(r.summary.stages!.map((s) => `${s.name}:true`));
    expect(JSON.stringify(r.summary.stages)).not.toMatch(/"seconds"/);
  });

  it('stage budgets: equal shares of the time limit', () => {
    const b = stageBudgets(5, ['pack', 'no-virtualization']);
    expect(b.get('pack')).toEqual({ share: 0.5, budgetSeconds: 2.5 });
    expect(stageBudgets(1, ['pack', 'a', 'b']).get('a')!.budgetSeconds).toBeCloseTo(1 / 3, 6);
  });
});

describe('consolidate plan --verbose', () => {
  it('prints each stage as it ends, with its share of --time-limit, on stderr only', async () => {
    const { runCli } = await import('../helpers/run-cli.js');
    const r = runCli(['plan', '--servers', join(WHATIF, 'servers.csv'), '--hosts', join(WHATIF, 'catalog.csv'), '--optimize', 'tco', '--time-limit', '0.5', '--verbose', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const lines = r.stderr.trim().split('\n');
    expect(lines.map((l) => l.slice('stage '.length).split(/ \[| \(|: /)[0])).toEqual(j.summary.stages.map((s: { name: string }) => s.name));
    expect(lines.find((l) => l.startsWith('stage pack '))).toMatch(/^stage pack \(pack, 20% of --time-limit = 0\.1 s\): \d+ hosts, \d+ unplaced, .*; \d+\.\d{3} s$/);
  });
});

describe('options with nothing to act on say so (plan.warning)', () => {
  it('--optimize with one host type, --reuse-existing with no server to keep', async () => {
    const one = await planFiles({ servers: 'servers.csv', hostType: 'dell-r7525', optimize: 'tco', timeLimit: 0 }, { baseDir: WHATIF });
    expect(one.issues.find((i) => i.code === 'plan.warning')).toMatchObject({ severity: 'warning', args: { what: 'optimize-one-type', objective: 'tco', hostType: 'dell-r7525' }, path: ['optimize'] });
    expect(one.summary.procurement).toBeUndefined();
    // traced VMs only: there is no physical server to keep
    const vmsOnly = await planFiles({ utilization: join(REPO, 'test/fixtures/planetlab'), reuseExisting: true, timeLimit: 0 });
    expect(vmsOnly.issues.filter((i) => i.code === 'plan.warning').map((i) => i.args)).toEqual([{ what: 'nothing-to-reuse' }]);
  });
});
