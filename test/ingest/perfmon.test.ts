import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadUtilization } from '../../src/ingest/registry.js';
import { joinUtilization } from '../../src/ingest/join.js';
import { parseCounterPath, pdhTime, pdhZone, splitPdhLine } from '../../src/ingest/perfmon.js';
import { argsOf } from '../../src/model/issue.js';
import type { Workload } from '../../src/model/workload.js';
import { AbortedError, InputError } from '../../src/errors.js';
import { REPO } from '../helpers/paths.js';
import { tempDir } from '../helpers/fixtures.js';

/**
 * Windows Performance Monitor CSV (typeperf / relog). The fixtures in test/fixtures/perfmon are
 * written by hand in the PDH layout; the expected values below are read off those files.
 */
const FIX = resolve(REPO, 'test/fixtures/perfmon');
const TWO = join(FIX, 'two-hosts.csv');
const utc = (y: number, mo: number, d: number, h: number, mi: number) => Date.UTC(y, mo - 1, d, h, mi) / 1000;
const arr = (a: ArrayLike<number> | undefined) => Array.from(a ?? [], (x) => Math.round(x * 1e6) / 1e6);

describe('PDH pieces', () => {
  it('reads the header zone, counter paths, timestamps and quoted lines', () => {
    expect(pdhZone('(PDH-CSV 4.0) (Pacific Standard Time)(480)')).toEqual({ zone: 'Pacific Standard Time', biasMinutes: 480 });
    expect(pdhZone('(PDH-CSV 4.0)')).toEqual({});
    expect(parseCounterPath('\\\\WEB01\\Processor(_Total)\\% Processor Time')).toEqual({ host: 'WEB01', object: 'Processor', instance: '_Total', counter: '% Processor Time' });
    expect(parseCounterPath('\\Memory\\Available MBytes')).toEqual({ object: 'Memory', counter: 'Available MBytes' });
    expect(parseCounterPath('not a counter')).toBeUndefined();
    // 10:00 Pacific Standard Time (bias 480 minutes) is 18:00 UTC; 10:00 W. Europe (bias -60) is 09:00 UTC.
    expect(pdhTime('03/04/2024 10:00:00.000', 480)).toBe(utc(2024, 3, 4, 18, 0));
    expect(pdhTime('03/04/2024 10:00:00.250', -60)).toBe(utc(2024, 3, 4, 9, 0) + 0.25);
    expect(pdhTime('02/30/2024 10:00:00', 0)).toBeNaN();
    expect(pdhTime('yesterday', 0)).toBeNaN();
    // the per-day cached hot path gives the same answers as the general parser
    const days = new Map<string, number>();
    for (const t of ['03/04/2024 10:00:00.000', '03/04/2024 23:59:59.999', '02/29/2024 00:00:00.500', '12/31/2023 12:34:56.789']) expect(pdhTime(t, 480, days)).toBe(pdhTime(t, 480));
    expect(pdhTime('02/30/2024 10:00:00.000', 0, days)).toBeNaN();
    expect(pdhTime('03/04/2024 24:00:00.000', 0, days)).toBeNaN();
    expect(splitPdhLine('"a","b c"," "')).toEqual(['a', 'b c', ' ']);
    expect(splitPdhLine('"a","b"c"')).toBeUndefined();
  });
});

describe('perfmon reader', () => {
  it('reads several hosts of one file: UTC times, the CPU counter that wins, blank samples skipped and counted', async () => {
    const u = await loadUtilization(TWO, 'auto', { label: 'two-hosts.csv' });
    expect(u.format).toBe('perfmon');
    expect(argsOf(u.issues[0], 'file.detected-format')).toEqual({ format: 'perfmon' });
    expect(u.rows).toEqual({ read: 6, accepted: 6, rejected: 0 });
    expect(u.series.map((s) => s.id)).toEqual(['DB01', 'WEB01']);
    const [db, web] = u.series;
    // 10:10 .. 10:50 local Pacific Standard Time = 18:10 .. 18:50 UTC
    expect(Array.from(web.samples.timestampsSec)).toEqual([10, 20, 30, 40, 50].map((m) => utc(2024, 3, 4, 18, m)));
    expect(arr(web.samples.cpuFraction)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    // DB01 has % Processor Utility: it wins over % Processor Time (5 throughout)
    expect(arr(db.samples.cpuFraction)).toEqual([0.12, 0.14, 0.16, 0.18, 0.2]);
    // Available MBytes rides as available memory (GiB) until the installed memory is known
    expect(arr(web.memoryAvailableGiB)).toEqual([4, 3, 2, 3, 4]);
    expect(web.samples.memoryUsedGiB).toBeUndefined();
    // % Committed Bytes In Use is DB01's only memory counter
    expect(arr(db.samples.memoryFraction)).toEqual([0.4, 0.5, 0.6, 0.5, 0.4]);
    const skipped = u.issues.map((i) => argsOf(i, 'data.skipped')).find((a) => a?.what === 'blank-samples');
    expect(skipped).toEqual({ what: 'blank-samples', samples: 2, rows: 1 });
    const counters = u.issues.map((i) => argsOf(i, 'file.counters')).find(Boolean)!;
    expect(counters.cpu).toEqual(['\\Processor Information(_Total)\\% Processor Utility', '\\Processor(_Total)\\% Processor Time']);
    expect(counters.memory).toEqual(['\\Memory\\% Committed Bytes In Use', '\\Memory\\Available MBytes']);
    expect(counters.ignored).toEqual(['\\PhysicalDisk(_Total)\\Disk Reads/sec', '\\\\DB01\\Processor(_Total)\\% Processor Time']);
    const tz = u.issues.find((i) => i.code === 'file.time-zone')!;
    expect(tz.message).toBe('local timestamps of Pacific Standard Time (UTC-08:00) turned into UTC');
  });

  it('reads a folder: files of one host over several days joined, each file in its own zone, decimal commas, other files skipped', async () => {
    const u = await loadUtilization(join(FIX, 'folder'), 'auto', { label: 'folder' });
    expect(u.format).toBe('perfmon');
    expect(u.files).toBe(3);
    expect(u.series.map((s) => s.id)).toEqual(['APP02', 'web01']);
    const [app, web] = u.series;
    expect(Array.from(app.samples.timestampsSec)).toEqual([utc(2024, 3, 5, 0, 0), utc(2024, 3, 5, 0, 10)]);
    expect(arr(app.samples.cpuFraction)).toEqual([0.255, 0.355]);
    expect(arr(app.samples.memoryFraction)).toEqual([0.3, 0.31]);
    expect(Array.from(web.samples.timestampsSec)).toEqual([utc(2024, 3, 4, 23, 50), utc(2024, 3, 5, 0, 0), utc(2024, 3, 5, 0, 10)]);
    expect(arr(web.samples.cpuFraction)).toEqual([0.08, 0.09, 0.11]);
    expect(u.rows).toEqual({ read: 6, accepted: 6, rejected: 0 });
    expect(u.issues.map((i) => argsOf(i, 'data.skipped')).find((a) => a?.what === 'files')).toEqual({ what: 'files', files: ['README.txt'], expected: 'perfmon CSV files' });
  });

  it('rejects a row with a bad timestamp or value, with line, column and raw value; rows in = accepted + rejected', async () => {
    const dir = tempDir('perfmon-bad');
    const p = join(dir, 'bad.csv');
    writeFileSync(
      p,
      [
        '"(PDH-CSV 4.0) (Coordinated Universal Time)(0)","\\\\S1\\Processor(_Total)\\% Processor Time","\\\\S1\\Memory\\Available MBytes"',
        '"03/04/2024 10:00:00.000","10.0","100"',
        '"13/04/2024 10:10:00.000","10.0","100"',
        '"03/04/2024 10:20:00.000","ten","100"',
        '"03/04/2024 10:30:00.000","20.0","-5"',
        '"03/04/2024 10:40:00.000","30.0","100"',
        '',
      ].join('\n'),
    );
    const u = await loadUtilization(p, 'perfmon', { label: 'bad.csv' });
    expect(u.rows).toEqual({ read: 5, accepted: 2, rejected: 3 });
    const errs = u.issues.filter((i) => i.severity === 'error');
    expect(errs.map((e) => [e.code, e.line, e.column, e.raw])).toEqual([
      ['row.invalid-timestamp', 3, '(PDH-CSV 4.0) (Coordinated Universal Time)(0)', '13/04/2024 10:10:00.000'],
      ['row.invalid-number', 4, '\\\\S1\\Processor(_Total)\\% Processor Time', 'ten'],
      ['row.out-of-range', 5, '\\\\S1\\Memory\\Available MBytes', '-5'],
    ]);
    expect(arr(u.series[0].samples.cpuFraction)).toEqual([0.1, 0.3]);
  });

  it('a file without a CPU counter is a clear error naming the counter it needs', async () => {
    const dir = tempDir('perfmon-nocpu');
    const p = join(dir, 'mem.csv');
    writeFileSync(p, '"(PDH-CSV 4.0) (UTC)(0)","\\\\S1\\Memory\\Available MBytes"\n"03/04/2024 10:00:00.000","100"\n');
    await expect(loadUtilization(p, 'auto')).rejects.toThrow(InputError);
    await expect(loadUtilization(p, 'auto')).rejects.toThrow(/Processor\(_Total\)\\% Processor Time/);
  });

  it('joins host names to the inventory ignoring case, and turns available memory into memory used', async () => {
    const u = await loadUtilization(TWO, 'perfmon', { label: 'two-hosts.csv' });
    const inv: Workload[] = [
      { id: 'web01', cores: 4, memoryGiB: 8 },
      { id: 'DB01', cores: 8, memoryGiB: 32 },
    ];
    const j = joinUtilization(inv, u, { vmCores: 1, vmMemoryGiB: 2 }, 'two-hosts.csv');
    expect(j.noInventory).toEqual([]);
    expect(j.noSamples).toEqual([]);
    expect(argsOf(j.issues.find((i) => i.code === 'data.id-case')!, 'data.id-case')).toEqual({ pairs: [{ inventory: 'web01', samples: 'WEB01' }] });
    const web = j.workloads.find((w) => w.id === 'web01')!;
    // 8 GiB installed less 4, 3, 2, 3, 4 GiB available
    expect(arr(web.samples!.memoryUsedGiB)).toEqual([4, 5, 6, 5, 4]);
    expect(web.isVirtual).toBeUndefined();
  });

  it('without an inventory, hosts are physical servers with assumed capacity, and available memory cannot become memory used', async () => {
    const u = await loadUtilization(TWO, 'perfmon');
    const j = joinUtilization(undefined, u, { vmCores: 1, vmMemoryGiB: 2 }, 'two-hosts.csv');
    expect(j.workloads.every((w) => w.isVirtual === undefined)).toBe(true);
    const note = j.issues.find((i) => i.code === 'data.available-memory')!;
    expect(note.severity).toBe('warning');
    expect(argsOf(note, 'data.available-memory')).toEqual({ ids: [], withoutInstalled: ['WEB01'] });
  });

  it('stops on abort', async () => {
    const dir = tempDir('perfmon-abort');
    const p = join(dir, 'big.csv');
    const lines = ['"(PDH-CSV 4.0) (UTC)(0)","\\\\S1\\Processor(_Total)\\% Processor Time"'];
    for (let i = 0; i < 20_000; i++) lines.push(`"03/04/2024 10:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0').slice(-3)}","${i % 100}"`);
    writeFileSync(p, lines.join('\n'));
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(loadUtilization(p, 'perfmon', { signal: ac.signal })).rejects.toThrow(AbortedError);
  });
});
