import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quantileSorted } from 'simple-statistics';
import { linearSketch, linearAdd, linearQuantile, logSketch, logAdd, logQuantile, logMean, quantileOfOrder } from '../../src/sizing/sketch.js';
import { SampleBudget, SeriesBuilder } from '../../src/ingest/samples.js';
import { sizeSamples } from '../../src/sizing/samples.js';
import { loadLongCsv } from '../../src/ingest/long.js';
import { loadPerfmon } from '../../src/ingest/perfmon.js';
import { joinUtilization } from '../../src/ingest/join.js';
import { assessQuality } from '../../src/quality/assess.js';
import { sizeWorkloads } from '../../src/sizing/size.js';
import { SKETCH_DEFAULTS } from '../../src/defaults/sketch.js';
import { tempDir } from '../helpers/fixtures.js';
import type { PlanOptions } from '../../src/model/options.js';
import { mulberry32 } from '../../src/packing/internal.js';
import { sizeIo } from '../../src/plan-io.js';
import { IO_DIMENSIONS } from '../../src/model/dimensions.js';
import { SketchSeries } from '../../src/ingest/sketch-series.js';

/**
 * The streaming quantile sketch (docs/models.md#sample-sketch) against exact percentiles computed
 * independently (simple-statistics quantileSorted over every value, R type 7), on seeded random
 * data: CPU within half a bin (0.005 points), memory within the relative error; and the switch
 * from exact to sketched sizing at the sample budget.
 */

const exact = (vals: number[], p: number) => quantileSorted([...vals].sort((a, b) => a - b), p);
const PS = [0, 0.5, 0.9, 0.95, 0.99, 1];
const CPU_BOUND = SKETCH_DEFAULTS.cpuBinWidthPoints.value / 2 / 100 + 1e-12;

describe('linear sketch (CPU): every percentile within half a bin of the exact one', () => {
  it('on skewed random utilization (10-15% idle servers with bursts), several seeds', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = mulberry32(seed);
      const vals = Array.from({ length: 20_000 }, () => (r() < 0.03 ? 0.5 + 0.5 * r() : 0.1 + 0.05 * r() * r()));
      const s = linearSketch(SKETCH_DEFAULTS.cpuBinWidthPoints.value / 100);
      for (const v of vals) linearAdd(s, v);
      expect(s.n).toBe(vals.length);
      for (const p of PS) expect(Math.abs(linearQuantile(s, p)! - exact(vals, p))).toBeLessThanOrEqual(CPU_BOUND);
    }
  });
  it('reads values on the bin centres back exactly, and a hand-made type-7 case', () => {
    const s = linearSketch(0.0001);
    for (const v of [0.01, 0.02, 0.03, 0.04]) linearAdd(s, v);
    // type 7: p90 of 4 values is at index 2.7: 0.03 + 0.7 x 0.01 = 0.037
    expect(linearQuantile(s, 0.9)).toBeCloseTo(0.037, 12);
    expect(quantileOfOrder(4, 0.9, (r) => r + 1)).toBeCloseTo(3.7, 12);
  });
  it('clamps to 0..1 and ignores NaN, as exact sizing does', () => {
    const s = linearSketch(0.0001);
    for (const v of [-0.2, 1.5, Number.NaN, 0.5]) linearAdd(s, v);
    expect(s.n).toBe(3);
    expect(linearQuantile(s, 0)).toBe(0);
    expect(linearQuantile(s, 1)).toBe(1);
  });
});

describe('log sketch (memory): within the relative error of the exact percentile', () => {
  const a = SKETCH_DEFAULTS.memoryRelativeError.value;
  it('on random memory in GiB spread over three orders of magnitude', () => {
    const r = mulberry32(11);
    const vals = Array.from({ length: 10_000 }, () => 0.5 * 1000 ** r());
    const s = logSketch(a);
    for (const v of vals) logAdd(s, v);
    for (const p of PS) {
      const e = exact(vals, p);
      expect(Math.abs(logQuantile(s, p)! - e)).toBeLessThanOrEqual(a * e + 1e-12);
    }
    const mean = vals.reduce((x, y) => x + y, 0) / vals.length;
    expect(Math.abs(logMean(s)! - mean)).toBeLessThanOrEqual(a * mean);
  });
  it('used = installed - available: the percentile of the transformed values, within the error on available memory', () => {
    const r = mulberry32(12);
    const installed = 64;
    const avail = Array.from({ length: 5_000 }, () => 4 + 40 * r());
    const s = logSketch(a);
    for (const v of avail) logAdd(s, v);
    const used = avail.map((v) => installed - v);
    for (const p of PS) {
      const got = logQuantile(s, p, { decreasing: true, at: (x) => Math.max(0, installed - x) })!;
      expect(Math.abs(got - exact(used, p))).toBeLessThanOrEqual(a * 44 + 1e-9);
    }
  });
  it('counts zeros apart', () => {
    const s = logSketch(a);
    for (const v of [0, 0, 0, 8]) logAdd(s, v);
    expect(logQuantile(s, 0.5)).toBe(0);
    expect(Math.abs(logQuantile(s, 1)! - 8)).toBeLessThanOrEqual(8 * a);
  });
});

describe('the switch at the sample budget', () => {
  const fill = (budget: SampleBudget, n: number) => {
    const b = new SeriesBuilder('a', 'f', 1, {}, 16, budget);
    for (let i = 0; i < n; i++) b.push(1_700_000_000 + 300 * i, 0.1);
    return b;
  };
  it('holds exactly up to the budget, and sketches every series of the load past it', () => {
    const atLimit = new SampleBudget(100);
    expect(fill(atLimit, 100).finish(300).sketch).toBeUndefined();
    const past = new SampleBudget(100);
    const other = new SeriesBuilder('b', 'f', 1, {}, 16, past);
    other.push(1_700_000_000, 0.2);
    const b = fill(past, 101);
    expect(past.sketching).toBe(true);
    expect(b.finish(300).sketch?.samples).toBe(101);
    expect(other.finish(300).sketch?.samples).toBe(1);
    // A series that starts after the switch is sketched from its first sample.
    expect(new SeriesBuilder('c', 'f', 1, {}, 16, past).sketch).toBeDefined();
  });
  it('the default budget is the one defaults/sketch.ts states', () => {
    expect(new SampleBudget().limit).toBe(SKETCH_DEFAULTS.exactSampleBudget.value);
  });
});

/** A long CSV of `servers` x `steps` 5-minute samples, rows ordered by time, with a duplicate and a gap. */
function writeLong(dir: string, servers: number, steps: number, seed: number): { path: string; cpu: Map<string, number[]>; mem: Map<string, number[]> } {
  const r = mulberry32(seed);
  const cpu = new Map<string, number[]>();
  const mem = new Map<string, number[]>();
  const lines = ['timestamp,id,cpu_pct,memory_used_gb'];
  const t0 = Date.UTC(2024, 0, 1) / 1000;
  for (let k = 0; k < steps; k++) {
    if (k === 7) continue; // a gap of one step for every server
    for (let s = 0; s < servers; s++) {
      const id = `srv${s}`;
      const c = Math.round((r() < 0.05 ? 40 + 60 * r() : 8 + 10 * r()) * 1000) / 1000;
      const m = Math.round((10 + 20 * r()) * 100) / 100;
      lines.push(`${new Date((t0 + 300 * k) * 1000).toISOString()},${id},${c},${m}`);
      if (!cpu.has(id)) (cpu.set(id, []), mem.set(id, []));
      cpu.get(id)!.push(c);
      mem.get(id)!.push(m);
      if (k === 20 && s === 0) lines.push(`${new Date((t0 + 300 * k) * 1000).toISOString()},${id},99,99`); // duplicate: dropped, the first kept
    }
  }
  const path = join(dir, 'u.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return { path, cpu, mem };
}

const OPTS = { sizing: 'p95', profileBuckets: 0, growth: 0, horizonYears: 3, peakFactor: 3, memorySizing: 'used', comfortFactor: 1 } as unknown as PlanOptions;

describe('long CSV past the budget: the same plan inputs within the stated bounds', async () => {
  const dir = tempDir('sketch-long');
  const { path, cpu, mem } = writeLong(dir, 5, 600, 21);
  const exactLoad = await loadLongCsv(path, { label: 'u.csv' });
  const sk = await loadLongCsv(path, { label: 'u.csv', sampleBudget: 1000 });
  it('exact under the budget, sketched past it, with a data.sketched note', () => {
    expect(exactLoad.series.every((s) => s.samples.sketch === undefined)).toBe(true);
    expect(sk.series.every((s) => s.samples.sketch !== undefined)).toBe(true);
    expect(exactLoad.issues.some((i) => i.code === 'data.sketched')).toBe(false);
    const note = sk.issues.find((i) => i.code === 'data.sketched');
    expect(note?.args).toMatchObject({ ids: ['srv0', 'srv1', 'srv2', 'srv3', 'srv4'], samples: 5 * 599, budget: 1000, outOfOrder: 0 });
    expect(sk.rows).toEqual(exactLoad.rows);
  });
  it('p95 and mean CPU, and p95 memory, against percentiles over the file text', () => {
    for (const s of sk.series) {
      const z = sizeSamples(s.samples, 'p95')!;
      expect(z.method.method).toBe('sketch');
      expect(Math.abs(z.cpuFraction - exact(cpu.get(s.id)!, 0.95) / 100)).toBeLessThanOrEqual(CPU_BOUND + 1e-7);
      const m = cpu.get(s.id)!;
      expect(z.cpuMeanFraction).toBeCloseTo(m.reduce((a, b) => a + b, 0) / m.length / 100, 6);
      const e = exact(mem.get(s.id)!, 0.95);
      expect(Math.abs(z.memoryUsedGiB! - e)).toBeLessThanOrEqual(SKETCH_DEFAULTS.memoryRelativeError.value * e + 1e-6);
    }
  });
  it('data quality counts the same samples, gaps and duplicates', () => {
    const q = (l: typeof sk) => assessQuality({ workloads: l.series.map((s) => ({ id: s.id, cores: 1, memoryGiB: 64, samples: s.samples })), rows: l.rows });
    const a = q(exactLoad).workloads;
    const b = q(sk).workloads;
    expect(b.map((w) => [w.samples, w.expectedSamples, w.gaps, w.duplicateTimestamps, w.outOfRange])).toEqual(a.map((w) => [w.samples, w.expectedSamples, w.gaps, w.duplicateTimestamps, w.outOfRange]));
    expect(b[0].duplicateTimestamps).toBe(1);
    expect(b[0].gaps).toBe(1);
  });
  it('the sizing trail says which method was used, with its bound', () => {
    const wl = (l: typeof sk) => joinUtilization(undefined, l, { vmCores: 2, vmMemoryGiB: 64 }, 'u.csv').workloads;
    const a = sizeWorkloads(wl(exactLoad), OPTS).sized;
    const b = sizeWorkloads(wl(sk), OPTS).sized;
    expect(a[0].trail.cpu.statisticMethod).toEqual({ method: 'exact' });
    expect(b[0].trail.cpu.statisticMethod).toEqual({ method: 'sketch', errorBoundPoints: 0.005 });
    expect(b[0].trail.memory.statisticMethod).toEqual({ method: 'sketch', relativeError: 0.001 });
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i].trail.cpu.sizedUtilizationFraction - b[i].trail.cpu.sizedUtilizationFraction)).toBeLessThanOrEqual(CPU_BOUND + 1e-6);
  });
  it('a time profile comes from the interval maxima: never below the exact per-bucket statistic', () => {
    for (let i = 0; i < sk.series.length; i++) {
      const e = sizeSamples(exactLoad.series[i].samples, 'p95', 24)!;
      const z = sizeSamples(sk.series[i].samples, 'p95', 24)!;
      expect(z.method).toMatchObject({ profileFrom: '3600 s interval maxima' });
      for (let b = 0; b < 24; b++) expect(z.cpuProfileFraction![b]).toBeGreaterThanOrEqual(e.cpuProfileFraction![b] - 1e-6);
    }
  });
});

describe('the hourly series of a sketch', () => {
  it('a stray sample decades before the rest costs a page of intervals, not a window spanning the decades; the hours come out in time order', () => {
    const sk = new SketchSeries({ memoryUsedGiB: true });
    const t2024 = Date.UTC(2024, 0, 1) / 1000;
    // Out of order: a month of 2024 at 5-minute steps, one sample in 1971, then one in 2023.
    for (let k = 0; k < 30 * 288; k++) sk.add(t2024 + 300 * k, (k % 100) / 100, 8, Number.NaN, Number.NaN, Number.NaN);
    sk.add(Date.UTC(1971, 5, 1, 10, 30) / 1000, 0.5, 4, Number.NaN, Number.NaN, Number.NaN);
    sk.add(Date.UTC(2023, 11, 31, 23, 10) / 1000, 0.25, 2, Number.NaN, Number.NaN, Number.NaN);
    const out = sk.finish(300);
    // 30 days of hours, plus the two stray hours.
    expect(out.timestampsSec.length).toBe(30 * 24 + 2);
    expect(out.timestampsSec[0]).toBe(Date.UTC(1971, 5, 1, 10) / 1000);
    expect(out.timestampsSec[1]).toBe(Date.UTC(2023, 11, 31, 23) / 1000);
    expect(out.timestampsSec[2]).toBe(t2024);
    for (let i = 1; i < out.timestampsSec.length; i++) expect(out.timestampsSec[i]).toBeGreaterThan(out.timestampsSec[i - 1]);
    expect(Array.from(out.cpuFraction.subarray(0, 2))).toEqual([0.5, 0.25]);
    expect(out.memoryUsedGiB![0]).toBe(4);
    // Hourly means of the month: the first hour holds steps 0..11.
    expect(out.cpuFraction[2]).toBeCloseTo((0 + 11) / 2 / 100, 6);
    // The 1971 sample came after 2024 ones; the 2023 one after the 1971 one.
    expect(out.sketch!.outOfOrder).toBe(1);
  });
  it('twenty series with a 1970 sample each hold kilobytes of intervals, not 9 MB apiece', () => {
    const before = process.memoryUsage().arrayBuffers;
    const series = Array.from({ length: 20 }, () => new SketchSeries({ memoryUsedGiB: true }));
    const t2024 = Date.UTC(2024, 0, 1) / 1000;
    for (const sk of series) {
      sk.add(60, 0.1, 1, Number.NaN, Number.NaN, Number.NaN);
      // Enough samples that the batch is folded into the intervals.
      for (let k = 0; k < 3000; k++) sk.add(t2024 + 300 * k, 0.2, 8, Number.NaN, Number.NaN, Number.NaN);
    }
    const held = process.memoryUsage().arrayBuffers - before;
    // A window from 1970 to 2024 would be 475,000 hourly intervals of 20 bytes per series (180 MB).
    expect(held).toBeLessThan(20 * 2 ** 20);
    expect(series[0].finish(300).timestampsSec[0]).toBe(0);
  });
});

describe('disk and network past the budget: sized from their own sketches, not the hourly means', () => {
  it('p95 and mean of disk IOPS, disk MB/s and network within 0.1% of the exact statistic over the file', async () => {
    const dir = tempDir('sketch-io');
    const r = mulberry32(41);
    const vals = { disk: [] as number[], diskMb: [] as number[], net: [] as number[] };
    const lines = ['timestamp,id,cpu_pct,disk_iops,disk_mb_per_s,net_mbps'];
    for (let k = 0; k < 3000; k++) {
      // Bursts: 5% of the 5-minute samples far above the rest, which hourly means would flatten.
      const burst = r() < 0.05;
      const d = Math.round(burst ? 2000 + 3000 * r() : 50 + 100 * r());
      const m = Math.round((burst ? 200 + 100 * r() : 5 + 10 * r()) * 100) / 100;
      const n = Math.round((burst ? 800 + 200 * r() : 10 + 40 * r()) * 10) / 10;
      vals.disk.push(d);
      vals.diskMb.push(m);
      vals.net.push(n);
      lines.push(`${1704067200 + 300 * k},srv0,${(10 * r()).toFixed(2)},${d},${m},${n}`);
    }
    const path = join(dir, 'io.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const load = await loadLongCsv(path, { label: 'io.csv', sampleBudget: 500 });
    const samples = load.series[0].samples;
    expect(samples.sketch).toBeDefined();
    for (const statistic of ['p95', 'mean'] as const) {
      const io = sizeIo({ id: 'srv0', cores: 1, memoryGiB: 8, samples } as never, IO_DIMENSIONS, statistic, []);
      const want = [vals.disk, vals.diskMb, vals.net].map((v) => (statistic === 'mean' ? v.reduce((a, b) => a + b, 0) / v.length : exact(v, 0.95)));
      io.forEach((x, i) => {
        expect(x.basis).toBe(`samples-${statistic}`);
        expect(x.source?.field).toContain(`${statistic} of 3000, from the sketch: within 0.1%`);
        expect(Math.abs(x.demand - want[i])).toBeLessThanOrEqual(SKETCH_DEFAULTS.ioRelativeError.value * want[i] + 0.01);
      });
      // The hourly means alone would give a p95 far below the samples' (the bursts are averaged away).
      if (statistic === 'p95') expect(exact(Array.from(samples.diskIops!), 0.95)).toBeLessThan(0.8 * want[0]);
    }
  });
});

describe('perfmon past the budget: available memory read against the installed memory', async () => {
  const dir = tempDir('sketch-perfmon');
  const r = mulberry32(31);
  const lines = ['"(PDH-CSV 4.0) (Coordinated Universal Time)(0)","\\\\WEB01\\Processor(_Total)\\% Processor Time","\\\\WEB01\\Memory\\Available MBytes"'];
  const cpu: number[] = [];
  const avail: number[] = [];
  for (let k = 0; k < 400; k++) {
    const d = new Date(Date.UTC(2024, 2, 4) + k * 600_000);
    const p2 = (x: number) => String(x).padStart(2, '0');
    const c = Math.round(100 * (5 + 30 * r() * r())) / 100;
    const a = Math.round(2000 + 6000 * r());
    cpu.push(c);
    avail.push(a);
    lines.push(`"${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:00.000","${c.toFixed(6)}","${a}.000000"`);
  }
  const path = join(dir, 'web01.csv');
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  const load = await loadPerfmon(path, { sampleBudget: 100 });
  it('counts the sketched samples as rows with samples (no file.no-rows), and notes the sketch', () => {
    expect(load.issues.map((i) => i.code)).not.toContain('file.no-rows');
    expect(load.issues.find((i) => i.code === 'data.sketched')?.args).toMatchObject({ ids: ['WEB01'], samples: 400 });
  });
  it('sizes p95 CPU and p95 used memory within the bounds', () => {
    const installedGiB = 16;
    const [w] = joinUtilization([{ id: 'web01', cores: 4, memoryGiB: installedGiB }], load, { vmCores: 1, vmMemoryGiB: 2 }, 'p').workloads;
    const z = sizeSamples(w.samples!, 'p95')!;
    expect(Math.abs(z.cpuFraction - exact(cpu, 0.95) / 100)).toBeLessThanOrEqual(CPU_BOUND + 1e-7);
    const used = avail.map((a) => installedGiB - a / 1024);
    const e = exact(used, 0.95);
    expect(Math.abs(z.memoryUsedGiB! - e)).toBeLessThanOrEqual((SKETCH_DEFAULTS.memoryRelativeError.value * 8000) / 1024 + 1e-6);
  });
});
