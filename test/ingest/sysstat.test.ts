import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadUtilization } from '../../src/ingest/registry.js';
import { joinUtilization } from '../../src/ingest/join.js';
import { isSysstatHead, sadfTime } from '../../src/ingest/sysstat.js';
import { argsOf } from '../../src/model/issue.js';
import { AbortedError } from '../../src/errors.js';
import { REPO } from '../helpers/paths.js';
import { tempDir } from '../helpers/fixtures.js';

/**
 * Linux sysstat exports (sadf -d, sadf -dh, sadf -j). The fixtures in test/fixtures/sysstat are
 * written by hand in sadf's layouts; the expected values below are read off those files.
 */
const FIX = resolve(REPO, 'test/fixtures/sysstat');
const utc = (y: number, mo: number, d: number, h: number, mi: number, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
const arr = (a: ArrayLike<number> | undefined) => Array.from(a ?? [], (x) => (Number.isNaN(x) ? null : Math.round(x * 1e6) / 1e6));

describe('sadf pieces', () => {
  it('reads timestamps and recognises sadf output', () => {
    expect(sadfTime('2024-03-04 00:10:01 UTC')).toEqual({ sec: utc(2024, 3, 4, 0, 10, 1), utc: true });
    expect(sadfTime('1709511001')).toEqual({ sec: 1709511001, utc: true });
    expect(sadfTime('2024-03-04 00:10:01')).toEqual({ sec: utc(2024, 3, 4, 0, 10, 1), utc: false });
    expect(sadfTime('2024-02-30 00:10:01 UTC').sec).toBeNaN();
    expect(isSysstatHead('# hostname;interval;timestamp;CPU;%user\n')).toBe(true);
    expect(isSysstatHead('db01;600;2024-03-04 00:10:01 UTC;-1;1;2\n')).toBe(true);
    expect(isSysstatHead('{"sysstat": {"hosts": []}}')).toBe(true);
    expect(isSysstatHead('timestamp,id,cpu_pct\n')).toBe(false);
  });
});

describe('sysstat reader', () => {
  it('reads a folder: sadf -d blocks joined by time, restarts and comments, days of one host joined, sadf -j, other files skipped', async () => {
    const u = await loadUtilization(join(FIX, 'folder'), 'auto', { label: 'sa' });
    expect(u.format).toBe('sysstat');
    expect(u.files).toBe(3);
    // sa04: 2 restarts + 4 CPU rows + 4 memory rows; sa05: 2 CPU rows; web02.json: 3 statistics
    expect(u.rows).toEqual({ read: 15, accepted: 15, rejected: 0 });
    expect(u.series.map((s) => s.id)).toEqual(['db01', 'web02']);
    const [db, web] = u.series;
    expect(Array.from(db.samples.timestampsSec)).toEqual([utc(2024, 3, 4, 0, 10, 1), utc(2024, 3, 4, 0, 20, 1), utc(2024, 3, 4, 0, 30, 1), utc(2024, 3, 4, 0, 45, 1), utc(2024, 3, 5, 0, 10, 1), utc(2024, 3, 5, 0, 20, 1)]);
    // busy = 100 - %idle - %iowait
    expect(arr(db.samples.cpuFraction)).toEqual([0.15, 0.25, 0.35, 0.45, 0.55, 0.65]);
    // kbmemused in KiB; the second day has no -r block
    expect(arr(db.samples.memoryUsedGiB)).toEqual([8, 10, 12, 8, null, null]);
    // LINUX-RESTART (8 CPU); installed memory = kbmemused / %memused
    expect(db.cores).toBe(8);
    expect(db.memoryGiB).toBe(16);
    expect(arr(web.samples.cpuFraction)).toEqual([0.1, 0.2, 0.2]);
    expect(arr(web.samples.memoryUsedGiB)).toEqual([2, 3, 4]);
    expect(web.cores).toBe(4);
    expect(web.memoryGiB).toBe(8);
    expect(u.issues.map((i) => argsOf(i, 'data.skipped')).find((a) => a?.what === 'files')).toEqual({ what: 'files', files: ['notes.md'], expected: 'sysstat files' });
    const counters = u.issues.map((i) => argsOf(i, 'file.counters')).find(Boolean)!;
    expect(counters.cpu).toEqual(['100 - %idle - %iowait', '100 - idle - iowait']);
    expect(counters.ignored).toContain('queue');
    expect(counters.ignored).toContain('kbcached');
    expect(argsOf(u.issues.find((i) => i.code === 'file.time-zone')!, 'file.time-zone')).toEqual({ utc: true });
  });

  it('reads several hosts of one sadf -dh file with decimal commas; per-CPU rows read but not used; a bad row rejected with line, column and raw', async () => {
    const u = await loadUtilization(join(FIX, 'two-hosts.csv'), 'sysstat', { label: 'two-hosts.csv' });
    expect(u.rows).toEqual({ read: 6, accepted: 5, rejected: 1 });
    const errs = u.issues.filter((i) => i.severity === 'error');
    expect(errs.map((e) => [e.code, e.line, e.column, e.raw])).toEqual([['row.invalid-number', 6, '%idle', 'idle']]);
    const [a1, a2] = u.series;
    expect(a1.id).toBe('app1');
    expect(arr(a1.samples.cpuFraction)).toEqual([0.07, 0.09]);
    expect(arr(a1.samples.memoryUsedGiB)).toEqual([1, 1]);
    expect(a1.memoryGiB).toBe(8);
    expect(a1.cores).toBeUndefined();
    expect(arr(a2.samples.cpuFraction)).toEqual([0.6, 0.7]);
    expect(a2.memoryGiB).toBe(16);
  });

  it('without an inventory, the hosts plan as physical servers with the CPUs and memory the export states', async () => {
    const u = await loadUtilization(join(FIX, 'folder'), 'sysstat');
    const j = joinUtilization(undefined, u, { vmCores: 1, vmMemoryGiB: 2 }, 'sa');
    const db = j.workloads.find((w) => w.id === 'db01')!;
    expect([db.cores, db.memoryGiB, db.isVirtual, db.assumed]).toEqual([8, 16, undefined, undefined]);
  });

  it('local timestamps without a zone (sadf -T) are read as UTC, with a warning', async () => {
    const dir = tempDir('sysstat-local');
    const p = join(dir, 'local.csv');
    writeFileSync(p, '# hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle\nh1;600;2024-03-04 01:10:01;-1;10.00;0.00;5.00;0.00;0.00;85.00\n');
    const u = await loadUtilization(p, 'auto');
    const tz = u.issues.find((i) => i.code === 'file.time-zone')!;
    expect(tz.severity).toBe('warning');
    expect(tz.message).toBe('no UTC offset stated: timestamps read as UTC');
    expect(Array.from(u.series[0].samples.timestampsSec)).toEqual([utc(2024, 3, 4, 1, 10, 1)]);
  });

  it('stops on abort', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(loadUtilization(join(FIX, 'folder'), 'sysstat', { signal: ac.signal })).rejects.toThrow(AbortedError);
  });
});
