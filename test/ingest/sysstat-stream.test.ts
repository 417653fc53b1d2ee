import { describe, it, expect, afterEach } from 'vitest';
import { mkdirSync, writeFileSync, cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { quantileSorted } from 'simple-statistics';
import { loadSysstat, SYSSTAT_STREAM } from '../../src/ingest/sysstat.js';
import type { UtilizationLoad, UtilizationLoadOptions } from '../../src/ingest/utilization.js';
import { sizeSamples } from '../../src/sizing/samples.js';
import { SKETCH_DEFAULTS } from '../../src/defaults/sketch.js';
import { tempDir } from '../helpers/fixtures.js';
import { REPO } from '../helpers/paths.js';
import { mulberry32 } from '../../src/packing/internal.js';

/**
 * sysstat folders read file by file (each file's samples folded into the series as soon as it is
 * read, with the sample budget) against the joined reader (every sample kept to the end): the same
 * load, sample for sample and issue for issue; the joined reader takes over when a file joins or
 * repeats samples of another; past the budget the series are sketched within the stated bounds.
 */

afterEach(() => {
  SYSSTAT_STREAM.enabled = true;
});

const canonical = (load: UtilizationLoad) =>
  JSON.stringify(load, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array, (x) => (Number.isNaN(x) ? 'NaN' : x)) : v));

/** Loads streamed and joined; checks they are the same and whether the streamed load had to hand over. */
async function both(path: string, fellBack: boolean, opts: UtilizationLoadOptions = {}): Promise<UtilizationLoad> {
  const before = SYSSTAT_STREAM.fellBack;
  const streamed = await loadSysstat(path, opts);
  expect(SYSSTAT_STREAM.fellBack - before, 'handed to the joined reader').toBe(fellBack ? 1 : 0);
  SYSSTAT_STREAM.enabled = false;
  const joined = await loadSysstat(path, opts);
  SYSSTAT_STREAM.enabled = true;
  expect(canonical(streamed)).toBe(canonical(joined));
  return streamed;
}

const p2 = (x: number) => String(x).padStart(2, '0');
const stamp = (sec: number) => {
  const d = new Date(sec * 1000);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC`;
};

/** One sadf -d export of `host` for the day starting at `day0` (Unix s): a -u block and a -r block (`mem`: which columns), a restart, a comment, now and then a bad row or a repeated one. */
function day(host: string, day0: number, rnd: () => number, mem: 'used' | 'avail' | 'pct' | 'none', cpuLines = true): string {
  const u = ['# hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle', `${host};-1;${stamp(day0 + 1)};LINUX-RESTART\t(8 CPU)`];
  const r = ['# hostname;interval;timestamp;kbmemfree;kbavail;kbmemused;%memused;kbbuffers;kbcached'];
  for (let k = 1; k <= 144; k++) {
    const t = stamp(day0 + k * 600 + 1);
    const user = rnd() * 40, sys = rnd() * 6, iow = rnd() * 3;
    if (cpuLines) u.push(`${host};600;${t};-1;${user.toFixed(2)};0.00;${sys.toFixed(2)};${iow.toFixed(2)};0.00;${(100 - user - sys - iow).toFixed(2)}`);
    if (rnd() < 0.01) u.push(`${host};600;${t};-1;1;0.00;1;1;0.00;x`);
    if (rnd() < 0.01) u.push(u[u.length - 1]);
    const used = Math.round(4e6 + rnd() * 8e6);
    const cols = mem === 'used' ? [838860, 16777216 - used, used, (used / 167772.16).toFixed(2)] : mem === 'avail' ? [838860, 16777216 - used, '', ''] : mem === 'pct' ? [838860, '', '', (used / 167772.16).toFixed(2)] : undefined;
    if (cols) r.push(`${host};600;${t};${cols.join(';')};167772;2516582`);
  }
  return [...u, '# a comment line', ...(mem === 'none' ? [] : r)].join('\n') + '\n';
}

/** A folder of `hosts` x `days` daily exports (one file each), hosts with used, available, percent or no memory; `shuffled`: file names out of time order. */
function folder(hosts: number, days: number, seed: number, shuffled = false): string {
  const dir = join(tempDir('sysstat-stream'), 'sa');
  mkdirSync(dir);
  const rnd = mulberry32(seed);
  const kinds = ['used', 'avail', 'pct', 'none'] as const;
  for (let h = 0; h < hosts; h++) {
    for (let d = 0; d < days; d++) {
      const day0 = Date.UTC(2024, 2, 1) / 1000 + d * 86_400;
      const name = shuffled ? `lnx${p2(h)}-${p2((d * 5) % days)}-${p2(d)}.csv` : `lnx${p2(h)}-${2024}03${p2(d + 1)}.csv`;
      writeFileSync(join(dir, name), day(h % 2 ? `LNX${p2(h)}` : `lnx${p2(h)}`, day0, rnd, kinds[h % 4]));
    }
  }
  return dir;
}

describe('sysstat streamed = joined', () => {
  it('the hand-made fixtures and the README example', async () => {
    await both(resolve(REPO, 'test/fixtures/sysstat/folder'), false);
    await both(resolve(REPO, 'test/fixtures/sysstat/two-hosts.csv'), false);
    await both(resolve(REPO, 'examples/monitoring/sysstat'), false);
  });

  it('a seeded folder of daily exports: every memory kind, restarts, comments, rejects and repeats inside a file', async () => {
    const load = await both(folder(8, 6, 3), false);
    expect(load.series).toHaveLength(8);
    expect(load.rows.rejected).toBeGreaterThan(0);
    expect(load.series.some((s) => (s.samples.duplicateTimestamps ?? 0) > 0)).toBe(true);
    expect(load.series.some((s) => s.memoryAvailableGiB !== undefined)).toBe(true);
    expect(load.series.some((s) => s.samples.memoryFraction !== undefined)).toBe(true);
    // Days read out of time order do not overlap: still streamed, and the same load.
    await both(folder(3, 7, 4, true), false);
  });

  it('hands over to the joined reader when a file joins or repeats samples of another, or brings used memory after available', async () => {
    const rnd = mulberry32(9);
    const day0 = Date.UTC(2024, 2, 1) / 1000;
    // CPU and memory exported to separate files.
    const split = join(tempDir('sysstat-stream'), 'split');
    mkdirSync(split);
    writeFileSync(join(split, 'cpu.csv'), day('db01', day0, mulberry32(1), 'none'));
    writeFileSync(join(split, 'mem.csv'), day('db01', day0, mulberry32(1), 'used', false));
    const a = await both(split, true);
    expect(a.series[0].samples.memoryUsedGiB).toBeDefined();
    // The same day exported twice.
    const twice = join(tempDir('sysstat-stream'), 'twice');
    cpSync(folder(2, 2, 5), twice, { recursive: true });
    writeFileSync(join(twice, 'zz-again.csv'), day('lnx00', day0, rnd, 'used'));
    await both(twice, true);
    // Available memory on one day, used memory the next.
    const kinds = join(tempDir('sysstat-stream'), 'kinds');
    mkdirSync(kinds);
    writeFileSync(join(kinds, 'd1.csv'), day('app', day0, rnd, 'avail'));
    writeFileSync(join(kinds, 'd2.csv'), day('app', day0 + 86_400, rnd, 'used'));
    const c = await both(kinds, true);
    expect(c.series[0].memoryAvailableGiB).toBeUndefined();
  });
});

describe('sysstat past the sample budget', () => {
  it('sketched file by file: p95 CPU within 0.005 points and installed memory within 0.1% of the exact ones', async () => {
    const dir = folder(4, 10, 11);
    SYSSTAT_STREAM.enabled = true;
    const exact = await loadSysstat(dir);
    const sketched = await loadSysstat(dir, { sampleBudget: 1500 });
    expect(sketched.issues.some((i) => i.code === 'data.sketched')).toBe(true);
    expect(sketched.rows).toEqual(exact.rows);
    for (let i = 0; i < exact.series.length; i++) {
      const e = exact.series[i];
      const s = sketched.series[i];
      expect(s.samples.sketch).toBeDefined();
      const cpu = Float64Array.from(e.samples.cpuFraction).sort();
      expect(Math.abs(sizeSamples(s.samples, 'p95')!.cpuFraction - quantileSorted(Array.from(cpu), 0.95))).toBeLessThanOrEqual(SKETCH_DEFAULTS.cpuBinWidthPoints.value / 200 + 1e-6);
      if (e.memoryGiB !== undefined) expect(Math.abs(s.memoryGiB! - e.memoryGiB)).toBeLessThanOrEqual(SKETCH_DEFAULTS.memoryRelativeError.value * e.memoryGiB);
      expect(s.cores).toBe(e.cores);
    }
    expect(exact.series.some((s) => s.memoryGiB !== undefined)).toBe(true);
  });
});
