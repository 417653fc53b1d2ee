import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readdirSync, readlinkSync, copyFileSync } from 'node:fs';
import { tmpdir, hostname } from 'node:os';
import { join } from 'node:path';
import { BIN, REPO } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { REPORT_FORMATS } from '../../src/report/index.js';

describe('determinism: the same input and options give the same bytes', () => {
  for (const format of REPORT_FORMATS()) {
    it(`plan --format ${format}, twice, under a time limit`, () => {
      const args = ['plan', '--servers', 'examples/datacenter/servers.csv', '--format', format, '--time-limit', '1'];
      const a = runCli(args);
      const b = runCli(args);
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
      const today = new Date().toISOString().slice(0, 10);
      expect(a.stdout).not.toContain(today);
      if (hostname().length >= 6) expect(a.stdout).not.toContain(hostname());
    });
  }
  it('pack --format json, twice', () => {
    const args = ['pack', 'examples/pack/vms.csv', '--hosts', 'examples/pack/hosts.csv', '--format', 'json', '--time-limit', '1'];
    expect(runCli(args).stdout).toBe(runCli(args).stdout);
  });
});

describe('nothing depends on the order of files in a directory', () => {
  it('a PlanetLab folder written in opposite orders gives the same bytes', () => {
    const src = join(REPO, 'test/fixtures/planetlab');
    const names = readdirSync(src).sort();
    const a = mkdtempSync(join(tmpdir(), 'cp-ord-a-'));
    const b = mkdtempSync(join(tmpdir(), 'cp-ord-b-'));
    for (const n of names) copyFileSync(join(src, n), join(a, n));
    for (const n of [...names].reverse()) copyFileSync(join(src, n), join(b, n));
    const run = (d: string) => runCli(['plan', '--utilization', d, '--utilization-format', 'planetlab', '--format', 'json', '--time-limit', '0']);
    const ra = run(a);
    const rb = run(b);
    expect(ra.code).toBe(0);
    expect(rb.stdout.split(b).join('DIR')).toBe(ra.stdout.split(a).join('DIR'));
  });
});

describe('outputs are never half-written', () => {
  it('SIGTERM during a long ingest exits 130, says so, and leaves no output or temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-sig-'));
    const big = join(dir, 'big.csv');
    let s = 'id,cores,memory_gb,cpu_util_avg_pct\n';
    for (let i = 0; i < 1_000_000; i++) s += `s${i},${4 << i % 3},${16 << i % 3},${2 + (i % 19)}\n`;
    writeFileSync(big, s);
    const out = join(dir, 'plan.json');
    const child = spawn(process.execPath, [BIN, 'plan', '--servers', big, '--format', 'json', '--out', out], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Wait until the child has the input open (it is then inside the ingest), then stop it.
    const until = Date.now() + 20_000;
    const isReading = () => {
      try {
        return readdirSync(`/proc/${child.pid}/fd`).some((fd) => {
          try {
            return readlinkSync(`/proc/${child.pid}/fd/${fd}`) === big;
          } catch {
            return false;
          }
        });
      } catch {
        return false;
      }
    };
    while (!isReading() && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
