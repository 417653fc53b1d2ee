import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { loadLongCsv, parseTimestamp, fastNumber } from '../../src/ingest/long.js';
import { parseNumberCell } from '../../src/ingest/table.js';
import { sizeSamples, growthFactor, timeBucket, statisticOf } from '../../src/sizing/samples.js';
import { assessQuality } from '../../src/quality/assess.js';
import { joinUtilization } from '../../src/ingest/join.js';
import { loadServers } from '../../src/ingest/servers.js';
import { REPO } from '../helpers/paths.js';
import { resolve } from 'node:path';

const LONG = resolve(REPO, 'test/fixtures/long/utilization.csv');
const SERVERS = resolve(REPO, 'test/fixtures/long/servers.csv');

describe('parseTimestamp (known values: date -u -d ... +%s)', () => {
  it('reads ISO 8601 with Z, with an offset, without a zone (UTC), and Unix seconds / ms', () => {
    expect(parseTimestamp('2024-03-01T00:05:00Z').sec).toBe(1709251500);
    expect(parseTimestamp('2024-03-01 01:05+01:00').sec).toBe(1709251500);
    expect(parseTimestamp('2024-03-01T00:05').sec).toBe(1709251500);
    expect(parseTimestamp('1709251500').sec).toBe(1709251500);
    expect(parseTimestamp('1709251500000')).toEqual({ sec: 1709251500, ms: true });
  });
  it('rejects what is neither', () => {
    for (const s of ['yesterday', '2023-02-29T00:00:00Z', '2024-13-01', '', '0x10', '2024-03-01T25:00:00Z']) expect(Number.isNaN(parseTimestamp(s).sec)).toBe(true);
  });
});

describe('fastNumber (the hot-loop parser) agrees with the strict parseNumberCell (independent checker)', () => {
  const same = (a: number | undefined, b: number | undefined) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
  it('on tricky literals', () => {
    for (const c of ['1', '0', '00', '.5', '5.', '-3', '+3', '1e5', ' 7 ', '0x10', '0b1', '0o7', ' 0X1F', 'Infinity', 'NaN', '', '  ', '1,5', '-0', '1e400', '12abc']) expect(same(fastNumber(c), parseNumberCell(c))).toBe(true);
  });
  it('on random strings over number-ish characters (seeded)', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.eE+-xXbBoO ,I'.split('')), maxLength: 8 }), (s) => same(fastNumber(s), parseNumberCell(s))), { seed: 42, numRuns: 5000 });
  });
});

describe('long CSV loader on the malformed fixture', async () => {
  const r = await loadLongCsv(LONG, { label: 'u.csv' });
  it('accounts for every row: read = accepted + rejected, header and blank line not rows', () => {
    // 131 lines = header + 1 blank + 129 rows; 7 rejected
    expect(r.rows).toEqual({ read: 129, accepted: 122, rejected: 7 });
  });
  it('rejects exactly the malformed lines, with physical line numbers and columns', () => {
    const rej = r.issues.filter((i) => i.severity === 'error');
    expect(rej.map((i) => [i.line, i.column ?? '', i.code])).toEqual([
      [7, 'timestamp', 'row.invalid-timestamp'],
      [8, 'cpu_pct', 'row.invalid-number'],
      [9, 'timestamp', 'row.missing-value'],
      [10, 'id', 'row.missing-value'],
      [12, '', 'row.column-count'],
      [13, 'memory_used_gb', 'row.out-of-range'],
      // a negative CPU sample is not a measurement: rejected, not clamped
      [131, 'cpu_pct', 'row.out-of-range'],
    ]);
    for (const i of rej) {
      expect(i.file).toBe('u.csv');
      expect(i.rawLine).toBeTruthy();
    }
  });
  it('sorts rows that came in reverse order and drops a repeated timestamp, counting it', () => {
    const web = r.series.find((s) => s.id === 'web-1')!;
    expect(web.samples.timestampsSec.length).toBe(48);
    for (let i = 1; i < 48; i++) expect(web.samples.timestampsSec[i]).toBeGreaterThan(web.samples.timestampsSec[i - 1]);
    expect(web.samples.duplicateTimestamps).toBe(1);
    expect(web.samples.stepSec).toBe(3600);
    expect(r.series.map((s) => s.id)).toEqual(['app-1', 'db-1', 'ghost-9', 'web-1']);
  });
  it('ISO and Unix timestamps of the same instant agree (db-1 uses ISO, web-1 Unix)', () => {
    const db = r.series.find((s) => s.id === 'db-1')!;
    const web = r.series.find((s) => s.id === 'web-1')!;
    expect(Array.from(db.samples.timestampsSec)).toEqual(Array.from(web.samples.timestampsSec));
  });
  it('joins to the inventory: one workload without samples, one id without inventory row', async () => {
    const s = await loadServers(SERVERS);
    const j = joinUtilization(s.records, r, { vmCores: 1, vmMemoryGiB: 2 }, 'u.csv');
    expect(j.noSamples).toEqual(['idle-1']);
    expect(j.noInventory).toEqual(['ghost-9']);
    expect(j.workloads.map((w) => w.id)).toEqual(['web-1', 'db-1', 'app-1', 'idle-1']);
    const q = assessQuality({ workloads: j.workloads, rows: r.rows, noSamples: j.noSamples, noInventory: j.noInventory });
    const app = q.workloads.find((w) => w.id === 'app-1')!;
    expect(app.outOfRange).toBe(1); // the 130% sample of line 4 (the -5 of line 131 is rejected at ingest)
    expect(q.workloads.find((w) => w.id === 'web-1')!.duplicateTimestamps).toBe(1);
    expect(q.workloads.find((w) => w.id === 'idle-1')!.basis).toBe('assumed');
  });
});

describe('sizing from samples (simple-statistics type-7 quantiles)', () => {
  const mk = (vals: number[], step = 3600) => ({ timestampsSec: Float64Array.from(vals.map((_, i) => i * step)), cpuFraction: Float32Array.from(vals), stepSec: step });
  it('known values: p90 of 1..4 is 3.7 (numpy.percentile), mean 2.5, peak 4', () => {
    const s = Float64Array.of(1, 2, 3, 4);
    expect(statisticOf(s, 'p90')).toBeCloseTo(3.7, 10);
    expect(statisticOf(s, 'mean')).toBe(2.5);
    expect(statisticOf(s, 'peak')).toBe(4);
  });
  it('orders mean <= p90 <= p95 <= p99 <= peak (relation) and clamps out-of-range samples', () => {
    const vals = Array.from({ length: 200 }, (_, i) => ((i * 37) % 101) / 100);
    vals.push(1.7, -0.2);
    const st = (k: 'mean' | 'p90' | 'p95' | 'p99' | 'peak') => sizeSamples(mk(vals), k)!.cpuFraction;
    expect(st('mean')).toBeLessThanOrEqual(st('p90'));
    expect(st('p90')).toBeLessThanOrEqual(st('p95'));
    expect(st('p95')).toBeLessThanOrEqual(st('p99'));
    expect(st('p99')).toBeLessThanOrEqual(st('peak'));
    expect(st('peak')).toBe(1);
  });
  it('profile buckets hold the statistic per hour of day across days', () => {
    // two days hourly; hour h has value h/100 on day 1 and h/50 on day 2 -> peak per hour = h/50
    const vals = [...Array.from({ length: 24 }, (_, h) => h / 100), ...Array.from({ length: 24 }, (_, h) => h / 50)];
    const r = sizeSamples(mk(vals), 'peak', 24)!;
    expect(r.cpuProfileFraction!.map((x) => Math.round(x * 1000) / 1000)).toEqual(Array.from({ length: 24 }, (_, h) => Math.round((h / 50) * 1000) / 1000));
    expect(timeBucket(3600 * 13 + 5, 24)).toBe(13);
  });
  it('growth compounds: 10%/year over 2 years = 1.21', () => {
    expect(growthFactor(10, 2)).toBeCloseTo(1.21, 12);
    expect(growthFactor(0, 5)).toBe(1);
  });
});
