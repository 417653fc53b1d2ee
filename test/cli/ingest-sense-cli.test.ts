import { describe, it, expect } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, buildXlsx, rvInfoRows, rvHostRows } from '../helpers/fixtures.js';
import { EXAMPLES } from '../helpers/paths.js';

/**
 * Inputs as people export them, end to end through the CLI: units stated in headers or not at
 * all, percentages as fractions or with a `%` sign, European `;` files with decimal commas,
 * headers such as `CPU Cores` and `Memory (GB)`, negative values, files with nothing usable, and
 * a workbook given where a CSV is expected. Every fixture is written here.
 */
const DIR = tempDir('ingest-sense');
function put(name: string, text: string | Buffer): string {
  const f = join(DIR, name);
  mkdirSync(join(f, '..'), { recursive: true });
  writeFileSync(f, text);
  return f;
}
type J = { summary: Record<string, any>; vms: Record<string, any>[]; issues: { code: string; severity: string; column?: string; line?: number; message: string; args?: Record<string, any>; file?: string }[] };
function planJson(args: string[], cwd?: string): J {
  const r = runCli(['plan', ...args, '--format', 'json', '--time-limit', '0'], { cwd });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}
const byCode = (j: J, code: string) => j.issues.filter((i) => i.code === code);
const vm = (j: J, id: string) => j.vms.find((v) => v.id === id)!;

describe('unit sense: percentages given as fractions, a % sign, memory in MB under a GB header, a clock in MHz', () => {
  it('percent columns whose values are all <= 1 are read as fractions, with a data.unit-suspect warning per column', () => {
    const f = put('fractions.csv', 'id,cores,cpu_ghz,memory_gb,cpu_util_avg_pct,cpu_util_p95_pct\na,8,2.5,32,0.25,0.5\nb,4,2.5,16,0.1,0.3\nc,4,2.5,16,0.05,0.2\n');
    const j = planJson(['--servers', f]);
    expect(vm(j, 'a').cpuAvgUtilizationFraction).toBe(0.25);
    expect(vm(j, 'b').cpuSizedUtilizationFraction).toBe(0.3);
    const w = byCode(j, 'data.unit-suspect');
    expect(w.map((i) => i.column).sort()).toEqual(['cpu_util_avg_pct', 'cpu_util_p95_pct']);
    expect(w[0].severity).toBe('warning');
    expect(w[0].args).toMatchObject({ problem: 'percent-at-most-1', assumed: 'fraction' });
    // how to say otherwise: the message names the --units form
    expect(w[0].message).toMatch(/--units cpu_util_(avg|p95)_pct=percent/);
  });

  it('--units cpu_util=percent says the fractions really are percent: no conversion, no warning', () => {
    const f = put('fractions-stated.csv', 'id,cores,cpu_ghz,memory_gb,cpu_util_avg_pct\na,8,2.5,32,0.25\nb,4,2.5,16,0.5\n');
    const j = planJson(['--servers', f, '--units', 'cpu_util=percent']);
    expect(vm(j, 'a').cpuAvgUtilizationFraction).toBe(0.0025);
    expect(byCode(j, 'data.unit-suspect')).toEqual([]);
  });

  it('a header unit in square brackets states the unit: cpu_util_avg_pct[fraction] and memory[MiB]', () => {
    const f = put('brackets.csv', 'id,cores,cpu_ghz,memory[MiB],cpu_util_avg_pct[fraction]\na,8,2.5,32768,0.25\nb,4,2.5,16384,0.5\n');
    const j = planJson(['--servers', f]);
    expect(vm(j, 'a').cpuAvgUtilizationFraction).toBe(0.25);
    expect(byCode(j, 'data.unit-suspect')).toEqual([]);
    expect(byCode(j, 'file.unknown-column')).toEqual([]);
    expect(j.summary.rows).toEqual({ read: 2, accepted: 2, rejected: 0 });
  });

  it('12% reads as 12 in a percent column', () => {
    const f = put('pct-sign.csv', 'id,cores,cpu_ghz,memory_gb,cpu_util_avg_pct,cpu_util_peak_pct\na,8,2.5,32,12%,40 %\nb,4,2.5,16,5%,30%\n');
    const j = planJson(['--servers', f]);
    expect(j.summary.rows).toEqual({ read: 2, accepted: 2, rejected: 0 });
    expect(vm(j, 'a').cpuAvgUtilizationFraction).toBe(0.12);
  });

  it('memory in MB under memory_gb is read as MiB (every VM placed), with a data.unit-suspect warning', () => {
    const f = put('mb-under-gb.csv', 'id,cores,cpu_ghz,memory_gb,cpu_util_avg_pct\na,8,2.5,32768,10\nb,4,2.5,16384,10\nc,4,2.5,8192,10\n');
    const r = runCli(['plan', '--servers', f, '--time-limit', '0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Placed 3 of 3/);
    const j = planJson(['--servers', f]);
    const w = byCode(j, 'data.unit-suspect');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ column: 'memory_gb', severity: 'warning', args: { problem: 'memory-per-core', assumed: 'MiB' } });
    expect(w[0].message).toMatch(/--units memory_gb=GiB/);
    expect(j.summary.placed).toBe(3);
  });

  it('a clock in MHz under a GHz header is read as MHz, with a warning', () => {
    const f = put('mhz-under-ghz.csv', 'id,cores,cpu_ghz,memory_gb,cpu_util_avg_pct\na,8,2400,32,10\nb,4,2600,16,10\n');
    const j = planJson(['--servers', f]);
    expect(j.summary.rows.rejected).toBe(0);
    const w = byCode(j, 'data.unit-suspect');
    expect(w.map((i) => [i.column, i.args?.problem, i.args?.assumed])).toEqual([['cpu_ghz', 'clock-mhz', 'MHz']]);
    // 8 cores x 2.4 GHz at 10% average: the same CPU demand as the file written in GHz
    const g = planJson(['--servers', put('ghz.csv', 'id,cores,cpu_ghz,memory_gb,cpu_util_avg_pct\na,8,2.4,32,10\nb,4,2.6,16,10\n')]);
    expect(vm(j, 'a').cpuNativeGhz).toBe(vm(g, 'a').cpuNativeGhz);
  });
});

describe('headers as people write them', () => {
  const canonical = put('hdr/canonical/servers.csv', 'id,cores,cpu_ghz,memory_gb,cpu_util_avg_pct,cpu_util_peak_pct\nweb-1,8,2.4,32,12,40\ndb-1,16,2.6,128,20,55\n');
  it('Server name, CPU Cores, Memory (GB), CPU GHz, CPU %: the same plan as the canonical names', () => {
    const people = put('hdr/people/servers.csv', 'Server name,CPU Cores,Memory (GB),CPU GHz,Avg CPU %,Peak CPU %\nweb-1,8,32,2.4,12,40\ndb-1,16,128,2.6,20,55\n');
    const a = planJson(['--servers', 'servers.csv'], join(canonical, '..'));
    const b = planJson(['--servers', 'servers.csv'], join(people, '..'));
    expect(b.vms).toEqual(a.vms);
    expect(b.summary).toEqual(a.summary);
  });

  it('memory_mb, Memory (In MB) and CPU MHz are converted once at ingest', () => {
    const mb = put('hdr/mb/servers.csv', 'hostname,vCPUs,memory_mb,CPU MHz,cpu_util_avg_pct,cpu_util_peak_pct\nweb-1,8,32768,2400,12,40\ndb-1,16,131072,2600,20,55\n');
    const inMb = put('hdr/inmb/servers.csv', '*Server name,*Cores,*Memory (In MB),CPU Speed (MHz),cpu_util_avg_pct,cpu_util_peak_pct\nweb-1,8,32768,2400,12,40\ndb-1,16,131072,2600,20,55\n');
    const a = planJson(['--servers', 'servers.csv'], join(canonical, '..'));
    for (const f of [mb, inMb]) {
      const b = planJson(['--servers', 'servers.csv'], join(f, '..'));
      expect(b.vms).toEqual(a.vms);
      expect(byCode(b, 'data.unit-suspect')).toEqual([]);
    }
  });

  it('headers no alias spells as written are read by their words: Installed RAM (GB), # of CPUs, Avg. CPU Utilization (%), Max CPU Usage (%)', () => {
    const words = put('hdr/words/servers.csv', 'Computer Name,# of CPUs,Installed RAM (GB),Processor Speed (MHz),Avg. CPU Utilization (%),Max CPU Usage (%),OS\nweb-1,8,32,2400,12,40,Linux\ndb-1,16,128,2600,20,55,Linux\n');
    const a = planJson(['--servers', 'servers.csv'], join(canonical, '..'));
    const b = planJson(['--servers', 'servers.csv'], join(words, '..'));
    expect(b.vms).toEqual(a.vms);
    expect(b.summary.rows).toEqual({ read: 2, accepted: 2, rejected: 0 });
    expect(byCode(b, 'file.unknown-column').map((i) => i.args?.columns)).toEqual([['OS']]);
  });

  it('a cell that states its unit means that unit: 32 GB, 131072 MB, 2400 MHz, 2.6 GHz (whatever the header says, never second-guessed)', () => {
    const cells = put('hdr/cells/servers.csv', 'id,cores,cpu_ghz,Memory (GB),cpu_util_avg_pct,cpu_util_peak_pct\nweb-1,8,2400 MHz,32 GB,12,40\ndb-1,16,2.6GHz,131072 MB,20,55\n');
    const a = planJson(['--servers', 'servers.csv'], join(canonical, '..'));
    const b = planJson(['--servers', 'servers.csv'], join(cells, '..'));
    expect(b.vms).toEqual(a.vms);
    expect(byCode(b, 'data.unit-suspect')).toEqual([]);
    // a unit of another quantity is no memory: the row is rejected with the cell
    const wrong = put('hdr/cells-wrong.csv', 'id,cores,memory_gb\na,4,16 GHz\nb,4,16\n');
    const r = runCli(['validate', '--servers', wrong, '--format', 'json']);
    const j = JSON.parse(r.stdout) as J;
    expect(j.issues.filter((i) => i.severity === 'error').map((i) => [i.line, i.column, i.code])).toEqual([[2, 'memory_gb', 'row.invalid-number']]);
  });

  it('unknown columns are reported once, as ignored, naming every one', () => {
    const f = put('unknown.csv', 'id,cores,memory_gb,colour,owner,ip address\na,4,16,red,ops,10.0.0.1\n');
    const j = planJson(['--servers', f]);
    const u = byCode(j, 'file.unknown-column');
    expect(u).toHaveLength(1);
    expect(u[0].severity).toBe('warning');
    expect(u[0].args?.columns).toEqual(['colour', 'owner', 'ip address']);
  });
});

describe('locale: delimiter and decimal separator per file', () => {
  const dots = readFileSync(join(EXAMPLES, 'datacenter/servers.csv'), 'utf8');
  // The same file as a European Excel writes it: ';' between fields, ',' before decimals, also
  // in the weights of a workload class mix ("syscall:0,7;io:0,3", quoted as it holds ';').
  const commas = dots
    .split('\n')
    .map((l) => l.split(',').map((c) => c.replace(/(\d)\.(\d)/g, '$1,$2')).join(';'))
    .join('\n');
  const a = put('eu/dots/servers.csv', dots);
  const b = put('eu/commas/servers.csv', commas);

  it('a ;-separated file with decimal commas plans exactly like the same file with dots (placement CSV byte-identical)', () => {
    expect(commas).toMatch(/;9,3;/);
    expect(commas).toMatch(/;"syscall:0,7;io:0,3";/);
    const run = (f: string) => runCli(['plan', '--servers', 'servers.csv', '--format', 'csv', '--time-limit', '0'], { cwd: join(f, '..') });
    const x = run(a);
    const y = run(b);
    expect(y.code).toBe(0);
    expect(y.stdout).toBe(x.stdout);
  });

  it('the JSON plan is the same but for the one line saying what was detected', () => {
    const x = planJson(['--servers', 'servers.csv'], join(a, '..'));
    const y = planJson(['--servers', 'servers.csv'], join(b, '..'));
    const d = byCode(y, 'file.dialect-detected');
    expect(d).toHaveLength(1);
    expect(d[0].args).toMatchObject({ delimiter: ';', decimal: 'comma' });
    expect(byCode(x, 'file.dialect-detected')).toEqual([]);
    y.issues = y.issues.filter((i) => i.code !== 'file.dialect-detected');
    expect(JSON.stringify(y)).toBe(JSON.stringify(x));
  });

  it('ambiguous numbers are rejected with the reason: 1,234 when the decimal separator is unknown, thousands separators', () => {
    const f = put('ambiguous.csv', 'id;cores;memory_gb;watts\na;4;16;1,234\nb;4;16;250\nc;8;32;1.234,5\n');
    const r = runCli(['validate', '--servers', f, '--format', 'json']);
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout) as J;
    const e = j.issues.filter((i) => i.severity === 'error');
    expect(e.map((i) => [i.line, i.column, i.args?.problem])).toEqual([
      [2, 'watts', 'ambiguous-separator'],
      [4, 'watts', 'thousands-separator'],
    ]);
    expect(e[0].message).toMatch(/1,234/);
    expect(e[0].message).toMatch(/--decimal-separator/);
  });
});

describe('nothing silently accepted or lost', () => {
  it('a negative CPU % sample in the long CSV rejects its row', () => {
    const f = put('neg-long.csv', 'timestamp,id,cpu_pct\n2024-03-01T00:00:00Z,a,10\n2024-03-01T00:05:00Z,a,-5\n2024-03-01T00:10:00Z,a,12\n');
    const r = runCli(['validate', '--utilization', f, '--format', 'json']);
    const j = JSON.parse(r.stdout) as J;
    expect(r.code).toBe(2);
    expect(j.issues.filter((i) => i.severity === 'error').map((i) => [i.line, i.column, i.code])).toEqual([[3, 'cpu_pct', 'row.out-of-range']]);
  });

  it('a negative value rejects its row in the servers CSV, the host catalog and the pack CSVs', () => {
    const s = put('neg/servers.csv', 'id,cores,memory_gb,memory_used_gb,watts\na,4,16,-1,200\nb,4,16,8,200\n');
    const h = put('neg/hosts.csv', 'type,cores,cpu_ghz,memory_gb,price_usd,idle_watts,max_watts\nx,32,2.5,512,-100,100,400\ny,32,2.5,512,9000,100,400\n');
    const v = runCli(['validate', '--servers', s, '--hosts', h, '--format', 'json']);
    const j = JSON.parse(v.stdout) as J;
    expect(j.issues.filter((i) => i.severity === 'error').map((i) => [i.file?.endsWith('servers.csv'), i.line, i.column])).toEqual([
      [true, 2, 'memory_used_gb'],
      [false, 2, 'price_usd'],
    ]);
    const pv = put('neg/vms.csv', 'id,cpu,mem\nv1,2,-4\nv2,2,4\n');
    const ph = put('neg/phosts.csv', 'type,cpu,mem\nh,16,-64\nh2,16,64\n');
    const p = runCli(['pack', pv, '--hosts', ph, '--format', 'json']);
    const pj = JSON.parse(p.stdout) as J;
    expect(pj.summary.rows).toEqual({ read: 4, accepted: 2, rejected: 2 });
  });

  it('zero workloads after ingest exits 2 with the counts and the first reasons (servers CSV)', () => {
    const f = put('none/servers.csv', 'id,cores,memory_gb\na,x,16\nb,4,\nc,-2,8\n');
    const r = runCli(['plan', '--servers', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no workload to plan/);
    expect(r.stderr).toMatch(/3 rows read, 0 accepted, 3 rejected/);
    expect(r.stderr).toMatch(/:2: column 'cores'/);
    expect(r.stderr).not.toMatch(/proven optimal|payback/);
  });

  it('zero workloads exits 2 for a utilization CSV whose every row is rejected, and for pack', () => {
    const u = put('none/u.csv', 'timestamp,id,cpu_pct\nyesterday,a,10\n2024-03-01T00:05:00Z,,10\n');
    const r = runCli(['plan', '--utilization', u]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no workload to plan/);
    expect(r.stderr).toMatch(/2 rows read, 0 accepted, 2 rejected/);
    const pv = put('none/vms.csv', 'id,cpu\nv1,-1\n');
    const ph = put('none/hosts.csv', 'type,cpu\nh,16\n');
    const p = runCli(['pack', pv, '--hosts', ph]);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/no workload to plan/);
  });

  it('an .xlsx given to --servers is named as a workbook with the option to use, never printed as bytes', () => {
    const x = put('book.xlsx', Buffer.from(buildXlsx([{ name: 'vInfo', rows: rvInfoRows([{ vm: 'a', powerstate: 'poweredOn', cpus: 2, memoryMiB: 4096, activeMiB: 1024, host: 'h' }]) }, { name: 'vHost', rows: rvHostRows([]) }])));
    const r = runCli(['plan', '--servers', x]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Excel workbook/);
    expect(r.stderr).toMatch(/--rvtools/);
    expect(r.stderr).not.toMatch(/PK\u0003\u0004|\ufffd/);
    expect(r.stderr.length).toBeLessThan(600);
    const u = runCli(['plan', '--utilization', x]);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/Excel workbook/);
    // a host catalog or pack's files take CSV only: the message names the option, and where an RVTools export goes
    const h = runCli(['plan', '--servers', join(EXAMPLES, 'datacenter/servers.csv'), '--hosts', x]);
    expect(h.code).toBe(2);
    expect(h.stderr).toMatch(/--hosts takes a CSV file; an RVTools export is an inventory of VMs, planned with consolidate plan --rvtools/);
    expect(h.stderr).not.toMatch(/give it as --rvtools/);
    const pv = runCli(['pack', x, '--hosts', join(EXAMPLES, 'pack/hosts.csv')]);
    expect(pv.code).toBe(2);
    expect(pv.stderr).toMatch(/VMS\.csv takes a CSV file/);
    expect(pv.stderr).not.toMatch(/give it as --rvtools/);
    const ph = runCli(['pack', join(EXAMPLES, 'pack/vms.csv'), '--hosts', x]);
    expect(ph.code).toBe(2);
    expect(ph.stderr).toMatch(/--hosts takes a CSV file/);
    const z = put('traces.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0xff, 0xfe, 0x00, 0x01]));
    const q = runCli(['plan', '--utilization', z]);
    expect(q.code).toBe(2);
    expect(q.stderr).toMatch(/zip archive/);
    expect(q.stderr).not.toMatch(/\ufffd/);
  });
});
