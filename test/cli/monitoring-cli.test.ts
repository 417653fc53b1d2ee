import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/fixtures.js';
import { REPO } from '../helpers/paths.js';

/**
 * Monitoring exports of physical servers, end to end through the CLI: the README's example
 * files, planned with their inventory; every server planned and its p95 CPU checked against a
 * percentile computed here, independently, from the file's own cells.
 */
const EX = resolve(REPO, 'examples/monitoring');
const PERFMON = join(EX, 'perfmon-3-servers.csv');
const SERVERS = join(EX, 'servers.csv');
const SYSSTAT = join(EX, 'sysstat');

/** The 95th percentile by linear interpolation between closest ranks (numpy's default), written out here. */
function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * 0.95;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}

/** CPU percent per host of a PDH CSV, read with nothing but string splitting. */
function perfmonCpu(path: string): Map<string, number[]> {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const head = lines[0].slice(1, -1).split('","');
  const out = new Map<string, number[]>();
  head.forEach((h, i) => {
    const m = /^\\\\([^\\]+)\\Processor\(_Total\)\\% Processor Time$/.exec(h);
    if (!m) return;
    const vals: number[] = [];
    for (const l of lines.slice(1)) {
      const c = l.slice(1, -1).split('","')[i];
      if (c.trim() !== '') vals.push(Number(c));
    }
    out.set(m[1].toLowerCase(), vals);
  });
  return out;
}

/** CPU busy percent (100 - %idle - %iowait) per host of a folder of sadf -d files, by string splitting. */
function sadfBusy(dir: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const name of readdirSync(dir)) {
    let cols: string[] = [];
    for (const l of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (l.startsWith('# hostname;')) cols = l.slice(2).split(';');
      else if (l !== '' && !l.startsWith('#') && !l.includes('LINUX-RESTART')) {
        const f = l.split(';');
        const idle = Number(f[cols.indexOf('%idle')]);
        if (cols.includes('%idle')) out.set(f[0], [...(out.get(f[0]) ?? []), 100 - idle - Number(f[cols.indexOf('%iowait')])]);
      }
    }
  }
  return out;
}

interface PlanJson {
  summary: { rows: { read: number; accepted: number; rejected: number } };
  vms: { id: string; sizing: { cpu: { basis: string; cores: number; source: { field: string; value: number } }; memory: { basis: string; configuredGiB: number; usedGiB?: number } } }[];
  unplaced: unknown[];
  issues: { code: string; severity: string; line?: number; column?: string; raw?: string }[];
}

describe('perfmon through the CLI', () => {
  it('plans every server of the example, p95 CPU within 0.2 points of an independent percentile', () => {
    const r = runCli(['plan', '--servers', SERVERS, '--utilization', PERFMON, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as PlanJson;
    const cpu = perfmonCpu(PERFMON);
    expect(cpu.size).toBe(3);
    expect(j.vms.map((v) => v.id).sort()).toEqual(['FILE01', 'SQL01', 'web01']);
    expect(j.unplaced).toEqual([]);
    for (const v of j.vms) {
      expect(v.sizing.cpu.basis).toBe('samples-p95');
      expect(Math.abs(v.sizing.cpu.source.value - p95(cpu.get(v.id.toLowerCase())!))).toBeLessThanOrEqual(0.2);
      // memory used from Available MBytes against the inventory's installed memory
      expect(v.sizing.memory.basis).toBe('used');
      expect(v.sizing.memory.usedGiB).toBeGreaterThan(0);
    }
    // 144 rows + the 3 rows of servers.csv; the first perfmon row is blank and not rejected
    expect(j.summary.rows).toEqual({ read: 147, accepted: 147, rejected: 0 });
    const codes = j.issues.map((i) => i.code);
    for (const c of ['file.detected-format', 'file.time-zone', 'file.counters', 'data.skipped', 'data.id-case', 'data.available-memory']) expect(codes).toContain(c);
  });

  it('rejected rows reach --rejects with line, counter and raw value; validate counts them', () => {
    const dir = tempDir('perfmon-cli');
    const p = join(dir, 'srv.csv');
    writeFileSync(p, ['"(PDH-CSV 4.0) (UTC)(0)","\\\\S1\\Processor(_Total)\\% Processor Time"', '"03/04/2024 10:00:00.000","10"', '"03/04/2024 10:10:00.000","n/a"', '"03/04/2024 10:20:00.000","30"', ''].join('\r\n'));
    const rejects = join(dir, 'rejects.csv');
    const r = runCli(['plan', '--utilization', p, '--utilization-format', 'perfmon', '--rejects', rejects, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as PlanJson;
    expect(j.summary.rows).toEqual({ read: 3, accepted: 2, rejected: 1 });
    const rej = readFileSync(rejects, 'utf8');
    expect(rej).toContain('n/a');
    expect(rej).toContain(`${p},3,\\\\S1\\Processor(_Total)\\% Processor Time,`);
    const v = runCli(['validate', '--utilization', p]);
    expect(v.stdout).toContain('3 rows read, 2 accepted, 1 rejected');
  });
});

describe('sysstat through the CLI', () => {
  it('plans the example folder with no inventory: every server, p95 CPU within 0.2 points of an independent percentile, capacity from the export', () => {
    const r = runCli(['plan', '--utilization', SYSSTAT, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as PlanJson;
    const busy = sadfBusy(SYSSTAT);
    expect([...busy.keys()].sort()).toEqual(['lnx-app01', 'lnx-db01']);
    expect(j.vms.map((v) => v.id).sort()).toEqual(['lnx-app01', 'lnx-db01']);
    for (const v of j.vms) {
      expect(busy.get(v.id)!.length).toBe(286);
      expect(Math.abs(v.sizing.cpu.source.value - p95(busy.get(v.id)!))).toBeLessThanOrEqual(0.2);
      expect(v.sizing.memory.basis).toBe('used');
    }
    // LINUX-RESTART (4 CPU) / (16 CPU); kbmemused / %memused = 8 GiB / 64 GiB
    const db = j.vms.find((v) => v.id === 'lnx-db01')!;
    expect(db.sizing.cpu.cores).toBe(16);
    expect(Math.abs(db.sizing.memory.configuredGiB - 64)).toBeLessThan(0.01);
    // 4 files x (1 restart + 143 CPU rows + 143 memory rows)
    expect(j.summary.rows).toEqual({ read: 1148, accepted: 1148, rejected: 0 });
  });
});

describe('Azure Migrate import CSV through the CLI', () => {
  it('plans the example import: cores, memory and utilization figures carried into the sizing trail; the bad row rejected', () => {
    const r = runCli(['plan', '--servers', join(EX, 'azure-migrate-import.csv'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as PlanJson;
    expect(j.summary.rows).toEqual({ read: 4, accepted: 3, rejected: 1 });
    expect(j.unplaced).toEqual([]);
    const by = new Map(j.vms.map((v) => [v.id, v]));
    expect([...by.keys()].sort()).toEqual(['db-01', 'file-01', 'web-01']);
    const db = by.get('db-01')!;
    // *Cores 16, *Memory (In MB) 65536, CPU utilization percentage 35, Memory utilization percentage 75
    expect([db.sizing.cpu.cores, db.sizing.cpu.source.value, db.sizing.cpu.source.field, db.sizing.cpu.basis]).toEqual([16, 35, 'CPU utilization percentage', 'p95']);
    expect([db.sizing.memory.configuredGiB, db.sizing.memory.usedGiB, db.sizing.memory.basis]).toEqual([64, 48, 'used']);
    expect(j.issues.find((i) => i.severity === 'error')).toMatchObject({ code: 'row.invalid-number', line: 5, column: '*Cores', raw: 'four' });
    expect(j.issues.some((i) => i.code === 'file.detected-inventory')).toBe(true);
  });
});

describe('utilization format detection', () => {
  it('an unrecognised file is exit 2 naming the formats it knows, never an internal error', () => {
    const dir = tempDir('unknown-format');
    const p = join(dir, 'export.csv');
    writeFileSync(p, 'date,host,load\n2024-03-04,web01,3\n');
    const r = runCli(['plan', '--utilization', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a recognised utilization format (known: perfmon, sysstat, bitbrains, planetlab, long;');
    expect(r.stderr).not.toContain('internal error');
  });
});

