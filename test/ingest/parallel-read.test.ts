import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdirSync, writeFileSync, cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadPerfmon, PERFMON_PARALLEL } from '../../src/ingest/perfmon.js';
import { loadLongCsv } from '../../src/ingest/long.js';
import { LONG_PARALLEL, LONG_RANGE_STATS } from '../../src/ingest/long-range.js';
import { PARALLEL_READ_STATS, PARALLEL_READ_MIN_BYTES } from '../../src/ingest/parallel.js';
import type { UtilizationLoad, UtilizationLoadOptions } from '../../src/ingest/utilization.js';
import { AbortedError } from '../../src/errors.js';
import { tempDir } from '../helpers/fixtures.js';
import { REPO } from '../helpers/paths.js';
import { mixed as perfmonMixed } from '../helpers/perfmon-mixed.js';
import { mixed as longMixed, ODD_TS } from '../helpers/long-mixed.js';

/**
 * Reading on worker threads gives the load reading in one thread gives, byte for byte (every
 * sample, issue, line number and count), whatever the number of threads: perfmon folders (a job
 * per file) and long CSV files (a job per byte range), with rejects, blanks, daylight saving,
 * quotes spanning lines, the switch to the sketch inside the load, and errors (the first file's
 * error in file order). The thresholds are lowered so that small files take the parallel path.
 */

const LONG_DEFAULTS = { ...LONG_PARALLEL };

beforeEach(() => {
  PERFMON_PARALLEL.minBytes = 0;
  LONG_PARALLEL.minBytes = 0;
  LONG_PARALLEL.rangeBytes = 8192;
});
afterEach(() => {
  PERFMON_PARALLEL.minBytes = PARALLEL_READ_MIN_BYTES;
  Object.assign(LONG_PARALLEL, LONG_DEFAULTS);
});

/** The load as text: typed arrays as lists, NaN spelled out (so that the comparison is exact). */
function canonical(load: UtilizationLoad): string {
  return JSON.stringify(load, (_k, v: unknown) => {
    if (ArrayBuffer.isView(v)) return Array.from(v as Float64Array, (x) => (Number.isNaN(x) ? 'NaN' : x));
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    return v;
  });
}

/** Loads with 0 (this thread), 1 and 3 worker threads; checks that the workers did read (or, `workersRead` false, did not), and that all three loads are the same. */
async function acrossThreads(load: (o: UtilizationLoadOptions) => Promise<UtilizationLoad>, workersRead = true): Promise<UtilizationLoad> {
  const here = await load({ threads: 0 });
  for (const threads of [1, 3]) {
    const before = PARALLEL_READ_STATS.jobs;
    const there = await load({ threads });
    if (workersRead) expect(PARALLEL_READ_STATS.jobs, `jobs read on ${threads} worker(s)`).toBeGreaterThan(before);
    else expect(PARALLEL_READ_STATS.jobs).toBe(before);
    expect(canonical(there)).toBe(canonical(here));
  }
  return here;
}

/** The error a load throws, as text (its class, message and coded issue). */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return JSON.stringify({ name: (e as Error).name, message: (e as Error).message, issue: (e as { issue?: unknown }).issue });
  }
  return 'no error';
}

function perfmonFolder(): string {
  const dir = join(tempDir('parallel-perfmon'), 'pdh');
  mkdirSync(dir);
  // Days of the same hosts in several files (one spelled in capitals), across the spring clock change.
  writeFileSync(join(dir, 'day1.csv'), perfmonMixed(3, 'web', Date.UTC(2024, 2, 30), 700));
  writeFileSync(join(dir, 'day2.csv'), perfmonMixed(4, 'WEB', Date.UTC(2024, 2, 31), 700));
  writeFileSync(join(dir, 'day3.csv'), perfmonMixed(5, 'db', Date.UTC(2024, 3, 1), 700));
  // The hand-made folder beside them (a README that is not perfmon, a host over two days).
  cpSync(resolve(REPO, 'test/fixtures/perfmon/folder'), dir, { recursive: true });
  return dir;
}

describe('perfmon read on worker threads = read in this thread', () => {
  it('a folder of several files: hosts across files, rejects, blanks, daylight saving', async () => {
    const dir = perfmonFolder();
    const load = await acrossThreads((o) => loadPerfmon(dir, { label: 'pdh', ...o }));
    // What the folder holds does occur: rejects, blank samples, the clock change, a host in several files.
    expect(load.rows.rejected).toBeGreaterThan(20);
    expect(load.issues.some((i) => i.code === 'data.skipped')).toBe(true);
    expect(load.issues.some((i) => i.code === 'file.dst-change')).toBe(true);
    expect(load.series.find((s) => s.id === 'webA')?.samples.timestampsSec.length).toBeGreaterThan(500);
  });

  it('past the sample budget: the switch to the sketch in the middle of the folder', async () => {
    const dir = perfmonFolder();
    const load = await acrossThreads((o) => loadPerfmon(dir, { label: 'pdh', sampleBudget: 600, ...o }));
    expect(load.series.filter((s) => s.samples.sketch).length).toBe(load.series.length);
    expect(load.issues.some((i) => i.code === 'data.sketched')).toBe(true);
  });

  it('a bad file stops the load with the error of the first bad file in file order', async () => {
    const dir = perfmonFolder();
    writeFileSync(join(dir, 'day2.csv'), '"(PDH-CSV 4.0) (UTC)(0)","\\\\X\\Memory\\Available MBytes"\r\n"01/01/2024 00:00:00.000","12"\r\n');
    writeFileSync(join(dir, 'day3.csv'), '"(PDH-CSV 4.0) (UTC)(0)"\r\n');
    const here = await failure(loadPerfmon(dir, { label: 'pdh', threads: 0 }));
    expect(here).toContain('day2.csv');
    expect(here).toContain('InputError');
    expect(await failure(loadPerfmon(dir, { label: 'pdh', threads: 3 }))).toBe(here);
  });
});

describe('long CSV read on worker threads = read in this thread', () => {
  it('a seeded file of odd cells: rejects, quotes spanning lines, milliseconds, blank lines', async () => {
    const dir = tempDir('parallel-long');
    const path = join(dir, 'mixed.csv');
    writeFileSync(path, longMixed(11, 8000));
    LONG_PARALLEL.headBytes = 4096;
    const before = { ...LONG_RANGE_STATS };
    // The head holds fewer rows than the decimal separator is decided on: the rest is read in this thread.
    await acrossThreads((o) => loadLongCsv(path, { label: 'mixed.csv', ...o }), false);
    LONG_PARALLEL.headBytes = 60_000;
    const load = await acrossThreads((o) => loadLongCsv(path, { label: 'mixed.csv', ...o }));
    // Ranges with a quote were read in this thread.
    expect(LONG_RANGE_STATS.inThread).toBeGreaterThan(before.inThread);
    expect(load.rows.rejected).toBeGreaterThan(200);
    for (const code of ['row.invalid-number', 'row.invalid-timestamp', 'row.column-count', 'row.parse-error', 'file.unit-detected']) {
      expect(load.issues.some((i) => i.code === code), code).toBe(true);
    }
  });

  it('past the sample budget, a memory percentage read as fractions until the switch, then above 100; milliseconds from a later row', async () => {
    const dir = tempDir('parallel-long');
    const path = join(dir, 'fractions.csv');
    const lines = ['timestamp,id,cpu_pct,memory_pct'];
    for (let k = 0; k < 6000; k++) {
      const mem = k < 4000 ? ((k % 97) / 100).toFixed(2) : String(20 + (k % 60));
      // Unix milliseconds from row 3,000 on (past the head read in this thread): reported once, at the first.
      const sec = 1709251200 + Math.floor(k / 4) * 300;
      lines.push(`${k < 3000 ? sec : sec * 1000},srv-${k % 4},${(k % 83) / 2},${mem}`);
    }
    writeFileSync(path, lines.join('\n') + '\n');
    LONG_PARALLEL.headBytes = 60_000;
    const before = LONG_RANGE_STATS.fallbacks;
    const load = await acrossThreads((o) => loadLongCsv(path, { label: 'fractions.csv', sampleBudget: 3000, ...o }));
    // The rows after the switch were handed to the general path, which rejects them.
    expect(LONG_RANGE_STATS.fallbacks).toBeGreaterThan(before);
    expect(load.issues.filter((i) => i.code === 'row.out-of-range').length).toBe(2000);
    expect(load.issues.some((i) => i.code === 'data.unit-suspect')).toBe(true);
    expect(load.issues.find((i) => i.code === 'file.unit-detected')?.line).toBe(3002);
  });

  it('sketched inside the file, with odd 2024 timestamps', async () => {
    const dir = tempDir('parallel-long');
    const path = join(dir, 'sketched.csv');
    writeFileSync(path, longMixed(5, 6000, ODD_TS.filter((t) => t.startsWith('2024') || t.startsWith('17'))));
    LONG_PARALLEL.headBytes = 60_000;
    const load = await acrossThreads((o) => loadLongCsv(path, { label: 'sketched.csv', sampleBudget: 2500, ...o }));
    expect(load.series.some((s) => s.samples.sketch !== undefined)).toBe(true);
  });

  it('many servers interleaved, sketched early: ranges taken series by series give the same sketches', async () => {
    const dir = tempDir('parallel-long');
    const path = join(dir, 'servers.csv');
    const lines = ['timestamp,id,cpu_pct,memory_used_gb,net_mbps'];
    let seed = 17;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let k = 0; k < 1200; k++) {
      for (let s = 0; s < 40; s++) {
        // Now and then a repeated or an earlier timestamp: what a series folds depends on its own order.
        const t = 1709251200 + k * 300 - (rnd() < 0.01 ? 600 : 0);
        lines.push(`${t},srv-${s},${(rnd() * 100).toFixed(2)},${(4 + rnd() * 60).toFixed(3)},${(rnd() * 900).toFixed(1)}`);
        if (rnd() < 0.005) lines.push(lines[lines.length - 1]);
      }
    }
    writeFileSync(path, lines.join('\n') + '\n');
    LONG_PARALLEL.headBytes = 60_000;
    const before = LONG_RANGE_STATS.takenAll;
    const load = await acrossThreads((o) => loadLongCsv(path, { label: 'servers.csv', sampleBudget: 5000, ...o }));
    expect(LONG_RANGE_STATS.takenAll).toBeGreaterThan(before);
    expect(load.series.every((s) => s.samples.sketch !== undefined)).toBe(true);
    expect(load.series.some((s) => (s.samples.sketch?.outOfOrder ?? 0) > 0 && (s.samples.duplicateTimestamps ?? 0) > 0)).toBe(true);
  });

  it('an abort stops a parallel read promptly with AbortedError', async () => {
    const dir = tempDir('parallel-long');
    const path = join(dir, 'big.csv');
    const lines = ['timestamp,id,cpu_pct'];
    for (let k = 0; k < 400_000; k++) lines.push(`${1709251200 + Math.floor(k / 50) * 300},srv-${k % 50},${k % 97}`);
    writeFileSync(path, lines.join('\n') + '\n');
    LONG_PARALLEL.headBytes = 60_000;
    LONG_PARALLEL.rangeBytes = 65_536;
    const ac = new AbortController();
    const t0 = performance.now();
    const p = loadLongCsv(path, { threads: 2, signal: ac.signal });
    setTimeout(() => ac.abort(), 30);
    await expect(p).rejects.toBeInstanceOf(AbortedError);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
