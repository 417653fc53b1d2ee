import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { REPO } from '../helpers/paths.js';
import { main } from '../../src/cli/main.js';
import { textTable, wrapLine, shortSource, capRows } from '../../src/report/format.js';
import { tempFile } from './support.js';

/**
 * Text output fits a terminal: 120 columns when stdout is not a terminal (files, pipes, CI), the
 * terminal's own width when it is; long tables show their first rows and say how many are left
 * out and where the full list is.
 */
const widest = (s: string) => Math.max(0, ...s.split('\n').map((l) => l.length));
const lines = (s: string) => s.replace(/\n$/, '').split('\n').length;

/** `npm start` without its prestart build (npm test builds first): the command line of the script. */
function npmStartArgs(): string[] {
  const start = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
  const m = /^node bin\/consolidate\.js (.*)$/.exec(start);
  expect(m, start).not.toBeNull();
  return m![1].split(/\s+/);
}

async function inProcess(args: string[], columns: number) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (s: string) => (out += s), isTTY: true, columns }, stderr: { write: (s: string) => (err += s) }, env: { NO_COLOR: '1' }, cwd: REPO });
  return { code, out, err };
}

describe('text output fits 120 columns when stdout is not a terminal', () => {
  it('npm start: no line over 120 columns, at most 150 lines', () => {
    const r = runCli(npmStartArgs());
    expect(r.code).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(120);
    expect(lines(r.stdout)).toBeLessThanOrEqual(150);
    // the long explanations are still there, wrapped
    expect(r.stdout).toContain('Hypervisor overhead (hw-assist-ept on esxi)');
    expect(r.stdout).toMatch(/Rule: Per workload with samples/);
    // the assumptions table is cut, and says how many more there are and where
    const all = JSON.parse(runCli([...npmStartArgs(), '--format', 'json']).stdout).assumptions.length;
    expect(r.stdout).toContain(`Assumptions (${all})`);
    expect(r.stdout).toContain(`... ${all - 25} more assumptions (all of them: --format md|html|json)`);
  });

  const cases: [string, string[], number][] = [
    ['--reuse-existing', ['plan', '--servers', 'examples/whatif/servers.csv', '--hosts', 'examples/whatif/catalog.csv', '--optimize', 'tco', '--reuse-existing', '--time-limit', '0'], 200],
    ['hostile names', ['plan', '--servers', 'test/report/fixtures/hostile-servers.csv', '--time-limit', '0'], 200],
    ['malformed rows', ['plan', '--servers', 'examples/malformed/servers.csv', '--time-limit', '0'], 200],
    ['consolidate defaults', ['defaults'], 80],
    ['consolidate hosts', ['hosts'], 60],
    ['whatif', ['whatif', 'examples/whatif/scenario.json', '--jobs', '1'], 80],
    ['pack', ['pack', 'examples/pack/vms.csv', '--hosts', 'examples/pack/hosts.csv'], 60],
    ['validate', ['validate', '--utilization', 'test/fixtures/long/utilization.csv', '--servers', 'test/fixtures/long/servers.csv'], 80],
    ['bare consolidate', [], 60],
    ['plan --help', ['plan', '--help'], 150],
  ];
  for (const [name, args, maxLines] of cases) {
    it(`${name}: no line over 120 columns, at most ${maxLines} lines`, () => {
      const r = runCli(args);
      const text = r.stdout + r.stderr;
      expect(text.length).toBeGreaterThan(0);
      expect(widest(text)).toBeLessThanOrEqual(120);
      expect(lines(text)).toBeLessThanOrEqual(maxLines);
    });
  }

  it('consolidate defaults: the first 40 entries, then how many more and where', () => {
    const r = runCli(['defaults']);
    const n = JSON.parse(runCli(['defaults', '--format', 'json']).stdout).defaults.length;
    expect(r.stdout).toContain(`Defaults in use (${n})`);
    expect(r.stdout).toContain(`... ${n - 40} more defaults (all of them: consolidate defaults --format md|json, with full sources)`);
  });

  it('a long host table: the first 20 hosts, then how many more (known: the JSON host count)', () => {
    // 50 servers of 60 GiB on the 96 GiB Dell R710: about 79 GiB usable after the reserve and the
    // 90% target, so one server per host
    const csv = tempFile('servers.csv', ['id,cores,memory_gb', ...Array.from({ length: 50 }, (_, i) => `srv-${String(i).padStart(2, '0')},8,60`)].join('\n') + '\n');
    const args = ['plan', '--servers', csv, '--host-type', 'dell-r710', '--time-limit', '0'];
    const hosts = JSON.parse(runCli([...args, '--format', 'json']).stdout).hosts.length;
    expect(hosts).toBe(50);
    const r = runCli(args);
    expect(r.stdout).toContain(`Hosts (${hosts})`);
    expect(r.stdout).toContain(`... ${hosts - 20} more hosts (all of them: --format md|html|json|csv)`);
    expect(widest(r.stdout)).toBeLessThanOrEqual(120);
  });
});

describe('text output fits the terminal width on a TTY', () => {
  for (const columns of [80, 100]) {
    it(`plan, defaults, hosts and whatif at ${columns} columns`, async () => {
      for (const args of [['plan', '--servers', 'examples/datacenter/servers.csv', '--time-limit', '0'], ['defaults'], ['hosts'], ['whatif', 'examples/whatif/scenario.json', '--jobs', '1']]) {
        const r = await inProcess(args, columns);
        expect(r.code, r.err).toBe(0);
        expect(widest(r.out), args.join(' ')).toBeLessThanOrEqual(columns);
      }
    });
  }
  it('the same bytes as a file at 120 columns', async () => {
    const tty = await inProcess(['plan', '--servers', 'examples/datacenter/servers.csv', '--time-limit', '0'], 120);
    expect(tty.out).toBe(runCli(['plan', '--servers', 'examples/datacenter/servers.csv', '--time-limit', '0']).stdout);
  });
});

describe('fitting helpers', () => {
  it('textTable narrows the widest wrappable column first and keeps number columns whole', () => {
    const t = textTable(['k', 'n', 'text'], [['key', '12,345', 'alpha beta gamma delta epsilon zeta eta theta']], { align: ['left', 'right', 'left'], width: 30 });
    expect(widest(t)).toBeLessThanOrEqual(30);
    expect(t).toContain('12,345');
    expect(t.split('\n').slice(2).join(' ').replace(/\s+/g, ' ')).toContain('alpha beta gamma');
  });
  it('wrapLine indents continuation lines', () => {
    expect(wrapLine('Lower bound: 8 hosts (L1)', 12, 2)).toEqual(['Lower bound:', '  8 hosts', '  (L1)']);
    expect(wrapLine('a b', 5, 2)).toEqual(['a b']);
    for (const l of wrapLine('x'.repeat(30) + ' ' + 'word '.repeat(20), 16, 4)) expect(l.length).toBeLessThanOrEqual(16);
  });
  it('shortSource keeps the head of a source and its docs section', () => {
    expect(shortSource('Uptime Institute Global Data Center Survey 2024: average PUE 1.56 [R]; docs/models.md#facility')).toBe('Uptime Institute Global Data Center Survey 2024 (docs/models.md#facility)');
    expect(shortSource('Our estimate [I] from the EIA (by state; commercial): x; docs/models.md#facility', false)).toBe('Our estimate [I] from the EIA (by state; commercial)');
    expect(shortSource('Set by option cpuTarget (built-in 80: VMware vCAT [R]; docs/models.md#headroom)')).toBe('Set by option cpuTarget (built-in 80)');
  });
  it('capRows says how many rows are left out and where', () => {
    expect(capRows([1, 2, 3], 2, 'hosts', '--format json')).toEqual({ rows: [1, 2], more: '... 1 more hosts (all of them: --format json)' });
    expect(capRows([1, 2], 2, 'hosts', '--format json').more).toBeUndefined();
  });
});
