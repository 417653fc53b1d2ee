import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { plan } from '../../src/plan.js';
import { replay, replaySync } from '../../src/analysis/replay.js';
import { renderReplay, REPLAY_FORMATS } from '../../src/report/replay.js';
import type { Workload } from '../../src/model/workload.js';
import type { HostModel } from '../../src/model/host.js';
import { rng } from '../helpers/random.js';
import { runCli } from '../helpers/run-cli.js';
import { REPO } from '../helpers/paths.js';

// A 2-core 1 GHz host without a CPU model: 2 reference GHz-cores; power 0..100 W linear.
const host: HostModel = { type: 'h', cores: 2, cpuGhz: 1, memoryGiB: 100, priceUsd: 1, powerCurveWatts: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], count: null };
const OPTS = { virtualization: 'none', cpuTarget: 100, memoryTarget: 100, timeLimit: 0 } as const;

function vm(id: string, series: number[], t0 = 1000): Workload {
  return { id, cores: 1, cpuGhz: 1, memoryGiB: 1, samples: { timestampsSec: Float64Array.from(series.map((_, i) => t0 + i * 300)), cpuFraction: Float32Array.from(series), stepSec: 300 } };
}

describe('replay: a plan\'s placement on new traces', () => {
  it('hand-computed: overload by host and interval, energy, missing and new workloads', async () => {
    // Sized on the mean: 0.6 GHz-cores each, three on one 2 GHz-core host.
    const made = [vm('a', [0.6, 0.6, 0.6, 0.6]), vm('b', [0.6, 0.6, 0.6, 0.6]), vm('c', [0.6, 0.6, 0.6, 0.6])];
    const p = await plan({ workloads: made, hostModels: [host] }, { ...OPTS, sizing: 'mean' });
    expect(p.summary.hostsUsed).toBe(1);
    expect(p.hostModels).toEqual([{ type: 'h', cores: 2, cpuGhz: 1, memoryGiB: 100, powerCurveWatts: host.powerCurveWatts, cpuCapacityGhz: 2, cpuForVmsGhz: 2 }]);
    // New traces: a flat 50%, b 100% then 20%, c absent (kept at its planned 0.6), d not in the plan.
    const r = await replay({ plan: p, workloads: [vm('a', [0.5, 0.5, 0.5, 0.5]), vm('b', [1, 0.2, 0.2, 0.2]), vm('d', [1, 1, 1, 1])] });
    // Host demand: 0.5 + 1 + 0.6 = 2.1 > 2 in the first interval, 1.3 in the others.
    expect(r.summary.overload).toMatchObject({ intervals: 4, overloadedIntervals: 1, fractionOfIntervals: 0.25, activeHostIntervals: 4, overloadedHostIntervals: 1, fractionOfActiveHostTime: 0.25, hostsEverOverloaded: 1, peakHostLoadRatio: 1.05 });
    expect(r.hosts[0].episodes).toEqual([{ start: '1970-01-01T00:16:40Z', end: '1970-01-01T00:21:40Z', intervals: 1, peakLoadRatio: 1.05 }]);
    expect(r.overloadedIntervals).toEqual([{ start: '1970-01-01T00:16:40Z', hosts: [p.hosts[0].id] }]);
    expect(r.hosts[0].meanLoadRatio).toBeCloseTo((2.1 + 3 * 1.3) / 4 / 2, 6);
    // Energy: P(min(1, 2.1/2)) = 100 W once, P(0.65) = 65 W three times, 300 s each.
    expect(r.summary.energyKWh).toBeCloseTo(((100 + 3 * 65) * 300) / 3600 / 1000, 6);
    expect(r.missingSamples).toEqual(['c']);
    expect(r.notInPlan).toEqual(['d']);
    expect(r.issues.map((i) => i.code)).toEqual(['replay.no-samples', 'replay.not-in-plan']);
    expect(r.summary.plan).toEqual({ hostsUsed: 1, overloadRisk: 0, fractionOfActiveHostTime: 0, observedEnergyKWh: p.summary.after.observedEnergyKWh });
    for (const f of REPLAY_FORMATS) expect(renderReplay(r, f).length).toBeGreaterThan(0);
    expect(renderReplay(r, 'text')).toContain('1970-01-01 00:16:40+1');
  });

  it('invariant: a plan replayed on its own traces reports the plan\'s overload and observed energy', async () => {
    let overloaded = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const r = rng(seed);
      const ws = Array.from({ length: 14 }, (_, i) => {
        const base = 0.1 + 0.5 * r();
        return vm(`vm-${i}`, Array.from({ length: 48 }, () => Math.min(1, base * (0.3 + 1.4 * r()))));
      });
      const p = await plan({ workloads: ws, hostModels: [host] }, { ...OPTS, sizing: seed % 2 ? 'p90' : 'mean' });
      expect(p.unplaced).toEqual([]);
      const back = replaySync({ plan: p, workloads: ws });
      const { stepSeconds: _s, ...planOverload } = p.summary.overload!;
      const { stepSeconds: _r, ...replayOverload } = back.summary.overload;
      expect(replayOverload).toEqual(planOverload);
      expect(back.summary.overloadRisk).toBe(p.summary.overloadRisk);
      expect(back.summary.energyKWh).toBeCloseTo(p.summary.after.observedEnergyKWh!, 5);
      expect(back.missingSamples).toEqual([]);
      // an independent count: host-intervals over capacity from the raw samples
      let count = 0;
      for (const h of p.hosts) {
        for (let t = 0; t < 48; t++) {
          const d = h.vms.reduce((s, id) => s + ws.find((w) => w.id === id)!.samples!.cpuFraction[t], 0);
          if (d > 2 * (1 + 1e-6)) count++;
        }
      }
      expect(back.summary.overload.overloadedHostIntervals).toBe(count);
      if (count > 0) overloaded++;
    }
    // the invariant is exercised on plans that do overload
    expect(overloaded).toBeGreaterThan(0);
  });

  it('honours an aborted signal', async () => {
    const p = await plan({ workloads: [vm('a', [0.5, 0.5])], hostModels: [host] }, OPTS);
    await expect(replay({ plan: p, workloads: [vm('a', [0.5, 0.5])] }, { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
  });
});

describe('consolidate replay (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cp-replay-'));
  const servers = join(REPO, 'test/fixtures/long/servers.csv');
  const util = join(REPO, 'test/fixtures/long/utilization.csv');

  it('replays plan --format json on the traces; json, csv; bad plan files exit 2 with the file named', () => {
    const planPath = join(dir, 'plan.json');
    const made = runCli(['plan', '--servers', servers, '--utilization', util, '--format', 'json', '--out', planPath, '--time-limit', '0']);
    expect(made.code, made.stderr).toBe(0);
    const p = JSON.parse(readFileSync(planPath, 'utf8'));
    const r = runCli(['replay', '--plan', planPath, '--utilization', util, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.kind).toBe('replay');
    expect(out.summary.overloadRisk).toBe(p.summary.overloadRisk);
    expect(out.summary.hosts).toBe(p.summary.hostsUsed);
    const csv = runCli(['replay', '--plan', planPath, '--utilization', util, '--format', 'csv']);
    expect(csv.stdout.split(/\r?\n/)[0]).toBe('host,type,vms,vms_with_samples,cpu_for_vms_ghz,mean_load_ratio,peak_load_ratio,overloaded_intervals,energy_kwh,overloaded_from');
    expect(csv.stdout.trim().split(/\r?\n/)).toHaveLength(1 + p.hosts.length);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ kind: 'pack' }));
    const e = runCli(['replay', '--plan', bad, '--utilization', util]);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('bad.json');
    expect(e.stderr).toContain('not a plan result at kind');
    const missing = runCli(['replay', '--plan', join(dir, 'nope.json'), '--utilization', util]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
  });
});
