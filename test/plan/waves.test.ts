import { describe, it, expect } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { plan } from '../../src/plan.js';
import { loadPlanInput } from '../../src/ingest/plan-input.js';
import { accountWaves, waveWorld } from '../../src/waves/index.js';
import { defaultModel } from '../../src/defaults/registry.js';
import { generateSchemas } from '../../src/report/json-schema.js';
import type { PlanResult } from '../../src/model/plan-result.js';
import { checkWaves } from '../helpers/check-waves.js';
import type { HostModel } from '../../src/model/host.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, buildXlsx, rvInfoRows, rvHostRows, RV_VINFO_HEADER, type RvVm, type RvHost } from '../helpers/fixtures.js';
import { rng } from '../helpers/random.js';
import { REPO } from '../helpers/paths.js';

/**
 * Migration waves (summary.waves): invariants checked by an independent checker that reads only
 * the result and the input (not the waves code): every placed workload in exactly one wave, no
 * wave over --wave-size, a group in one wave, servers switched off in the wave their last workload
 * moves, and after the last wave every new host in service, every emptied server off, and the IT
 * power of the plan's "after".
 */

const physicalSources = (ids: string[]) => new Map(ids.map((id) => [id, [id]]));
const dir = tempDir('waves');

describe('accountWaves by hand', () => {
  it('two servers of 300 W and 200 W onto one 100 W host: 300 W after wave 1, 100 W after wave 2; savings accrue per wave', () => {
    const m: HostModel = { type: 'flat', cores: 32, cpuGhz: 2.5, memoryGiB: 256, priceUsd: 0, powerCurveWatts: Array(11).fill(100), count: null };
    const host = { id: 'h1', type: 'flat', vms: ['a', 'b'], load: {}, capacity: {}, fill: {}, bindingResource: 'cpu_ghz', cpuUtilization: 0, memoryUtilization: 0, powerWatts: 100, priceUsd: 0 };
    const world = waveWorld({
      hosts: [host],
      hostModels: [m],
      avgGhz: new Map([['a', 1], ['b', 1]]),
      sources: [
        { id: 'a', kind: 'server', powerWatts: 300, provisionedWatts: 300, workloads: ['a'] },
        { id: 'b', kind: 'server', powerWatts: 200, provisionedWatts: 200, workloads: ['b'] },
      ],
      unplacedIds: new Set(),
      pue: 1.5,
      usdPerKwh: 0.1,
      waveDays: 7,
      model: defaultModel(),
    });
    const { waves, partlyFilledHosts } = accountWaves(world, [['a'], ['b']]);
    // wave 1: b (200 W) + host (100 W); saving 200 W x 1.5 x 0.1 USD/kWh x 168 h / 1000 = 5.04 USD
    // wave 2: host only (100 W); saving 400 W → 10.08 USD, 15.12 in all
    expect(waves).toEqual([
      { wave: 1, workloads: ['a'], newHostsInService: 1, serversRetired: ['a'], itPowerWatts: 300, cumulativeSavedUsd: 5.04 },
      { wave: 2, workloads: ['b'], newHostsInService: 1, serversRetired: ['b'], itPowerWatts: 100, cumulativeSavedUsd: 15.12 },
    ]);
    expect(partlyFilledHosts).toEqual([1, 0]);
  });
});

describe('waves of the bundled data center (CLI)', () => {
  const run = (k: number, ...extra: string[]) => {
    const r = runCli(['plan', '--servers', 'examples/datacenter/servers.csv', '--time-limit', '0', '--wave-size', String(k), '--format', 'json', ...extra]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as PlanResult;
  };
  for (const k of [1, 8, 25]) {
    it(`--wave-size ${k}: invariants hold; the plan fills one host at a time (at most one half full)`, () => {
      const r = run(k);
      const ids = r.vms.map((v) => v.id);
      expect(checkWaves(r, { group: new Map(), sources: physicalSources(ids) }, k)).toEqual([]);
      expect(r.summary.waves!.length).toBe(Math.ceil(r.summary.placed / k));
      expect(Math.max(...r.summary.waveComparison!.partlyFilledHosts)).toBeLessThanOrEqual(1);
      // the naive baseline covers the same waves and ends at the same power
      expect(r.summary.waveComparison!.naive.itPowerWatts.at(-1)).toBeCloseTo(r.summary.after.powerWatts, 2);
    });
  }

  it('the output validates against the published JSON Schema, which declares summary.waves with its keys', () => {
    const schema = JSON.parse(generateSchemas()['plan-result.schema.json']);
    const wave = schema.properties.summary.properties.waves.items;
    expect(Object.keys(wave.properties)).toEqual(['wave', 'workloads', 'newHostsInService', 'serversRetired', 'itPowerWatts', 'cumulativeSavedUsd']);
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    expect(validate(run(8)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('--wave-days sets the window the savings accrue over; text, md, csv and html show the waves', () => {
    const r7 = run(8);
    const r14 = run(8, '--wave-days', '14');
    expect(r14.summary.waves!.at(-1)!.cumulativeSavedUsd).toBeCloseTo(2 * r7.summary.waves!.at(-1)!.cumulativeSavedUsd, 1);
    const base = ['plan', '--servers', 'examples/datacenter/servers.csv', '--time-limit', '0', '--wave-size', '8'];
    expect(runCli(base).stdout).toMatch(/Migration waves \(8\)\nMigration: 63 workloads in 8 waves of at most 8, one every 7 days/);
    expect(runCli([...base, '--format', 'md']).stdout).toMatch(/## Migration waves \(8\)[\s\S]*\| Wave \| Workloads \| New hosts in service \|/);
    const csv = join(dir, 'summary.csv');
    expect(runCli([...base, '--format', 'csv', '--out', join(dir, 'p.csv'), '--summary-csv', csv]).code).toBe(0);
    // The placement CSV's last column `wave` names the wave that moves each placed workload, as in
    // summary.waves; unplaced workloads have none.
    const rows = parse(readFileSync(join(dir, 'p.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]).at(-1)).toBe('wave');
    const waveOf = new Map(r7.summary.waves!.flatMap((w) => w.workloads.map((id) => [id, String(w.wave)])));
    for (const row of rows) expect(row.wave, row.vm_id).toBe(row.status === 'placed' ? waveOf.get(row.vm_id) : '');
    expect(rows.filter((row) => row.status === 'placed').length).toBe(waveOf.size);
    const plain = parse(runCli(base.slice(0, -2).concat('--format', 'csv')).stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(plain[0])).not.toContain('wave');
    const html = runCli([...base, '--format', 'html']).stdout;
    expect(html).toMatch(/<svg class="chart lines"[^>]*aria-label="IT power after each migration wave"/);
    expect(html).toContain('<h2>Migration waves (8)</h2>');
  });
});

describe('migration groups', () => {
  // 12 servers, two groups spanning several servers; small hosts, so the groups span hosts too.
  const servers = join(dir, 'grouped.csv');
  const rows = Array.from({ length: 12 }, (_, i) => `s${String(i + 1).padStart(2, '0')},8,2.5,64,${10 + i},${180 + 10 * i},${i % 4 === 0 ? 'erp' : i % 4 === 1 ? 'web' : ''}`);
  writeFileSync(servers, `id,cores,cpu_ghz,memory_gb,cpu_util_avg_pct,watts,group\n${rows.join('\n')}\n`);

  it('the workloads of a group move in one wave; every invariant holds (CLI)', () => {
    const r = runCli(['plan', '--servers', servers, '--host-type', 'dell-r740', '--time-limit', '0', '--wave-size', '3', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as PlanResult;
    const group = new Map(rows.map((l) => l.split(',')).filter((c) => c[6]).map((c) => [c[0], c[6]]));
    expect(checkWaves(j, { group, sources: physicalSources(j.vms.map((v) => v.id)) }, 3)).toEqual([]);
    const erp = j.summary.waves!.find((w) => w.workloads.includes('s01'))!;
    expect(erp.workloads).toEqual(expect.arrayContaining(['s01', 's05', 's09']));
  });

  it('a group larger than --wave-size stops the run: exit 2, coded, naming the group, file, line and column', () => {
    const r = runCli(['plan', '--servers', servers, '--time-limit', '0', '--wave-size', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${servers}:2: column 'group': migration group "erp" has 3 workloads, more than --wave-size 2: a group moves in one wave (raise --wave-size, or split the group): s01, s05, s09`);
  });

  it('the API throws the same coded InputError', async () => {
    const input = await loadPlanInput({ servers } as never, REPO);
    await expect(plan(input, { waveSize: 2, timeLimit: 0 })).rejects.toMatchObject({ name: 'InputError', issue: { code: 'waves.group-too-large', args: { group: 'erp', workloads: 3, waveSize: 2 } } });
  });
});

describe('waves of an RVTools inventory (vHosts switched off as they empty; a "Group" custom attribute)', () => {
  // 6 vHosts with 4 VMs each; the VMs of an SAP system spread over three hosts form a group.
  const hosts: RvHost[] = Array.from({ length: 6 }, (_, i) => ({ host: `esx-${i + 1}`, sockets: 2, coresPerCpu: 12, mhz: 2600, memoryMiB: 262144, cpuUsagePct: 15 + 5 * i, memUsagePct: 50, cpuModel: 'Intel(R) Xeon(R) CPU E5-2690 v3 @ 2.60GHz' }));
  const vms: RvVm[] = Array.from({ length: 24 }, (_, i) => ({ vm: `vm-${String(i + 1).padStart(2, '0')}`, powerstate: 'poweredOn', cpus: 2 + (i % 4) * 2, memoryMiB: 8192 * (1 + (i % 3)), activeMiB: 4096, host: `esx-${(i % 6) + 1}` }));
  const group = new Map([['vm-01', 'sap'], ['vm-08', 'sap'], ['vm-15', 'sap']]);
  const info = rvInfoRows(vms).map((row, i) => [...row, i === 0 ? 'Group' : (group.get(vms[i - 1].vm) ?? '')]);
  expect(info[0].length).toBe(RV_VINFO_HEADER.length + 1);
  const book = join(dir, 'rvtools.xlsx');
  writeFileSync(book, buildXlsx([{ name: 'vInfo', rows: info }, { name: 'vHost', rows: rvHostRows(hosts) }]));
  const sources = new Map(hosts.map((h) => [h.host, vms.filter((v) => v.host === h.host).map((v) => v.vm)]));

  it('API: the group column is read, the invariants hold, and vHosts are switched off before the last wave', async () => {
    const input = await loadPlanInput({ rvtools: book } as never, REPO);
    expect(input.workloads.filter((w) => w.group === 'sap').map((w) => w.id)).toEqual(['vm-01', 'vm-08', 'vm-15']);
    const r = await plan(input, { hostType: 'dell-r740', waveSize: 5, timeLimit: 0 });
    expect(checkWaves(r, { group, sources }, 5)).toEqual([]);
    const retired = r.summary.waves!.flatMap((w) => w.serversRetired);
    expect(retired.sort()).toEqual(hosts.map((h) => h.host));
    expect(r.summary.waves!.slice(0, -1).some((w) => w.serversRetired.length > 0)).toBe(true);
  });

  it('CLI: the same plan, and --wave-size 2 names the group of three', () => {
    const ok = runCli(['plan', '--rvtools', book, '--host-type', 'dell-r740', '--time-limit', '0', '--wave-size', '5', '--format', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(checkWaves(JSON.parse(ok.stdout), { group, sources }, 5)).toEqual([]);
    const small = runCli(['plan', '--rvtools', book, '--time-limit', '0', '--wave-size', '2']);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/column 'group': migration group "sap" has 3 workloads, more than --wave-size 2/);
  });
});

describe('waves on seeded random estates (property)', () => {
  it('every invariant holds over 24 estates, with groups, kept servers and unplaced workloads among them', async () => {
    const seen = { multiWave: 0, groupMoved: 0, keptServer: 0, unplaced: 0, retiredEarly: 0 };
    for (let seed = 1; seed <= 24; seed++) {
      const r = rng(seed);
      const n = 8 + Math.floor(r() * 30);
      const groups = ['g1', 'g2', 'g3'];
      const lines = Array.from({ length: n }, (_, i) => {
        const big = r() < 0.08;
        const cores = big ? 96 : 2 + Math.floor(r() * 14);
        const mem = big ? 4096 : 8 * (1 + Math.floor(r() * 16));
        const g = r() < 0.3 ? groups[Math.floor(r() * groups.length)] : '';
        return `w${String(i).padStart(3, '0')},${cores},2.4,${mem},${(3 + r() * 30).toFixed(1)},${Math.round(120 + r() * 250)},${g}`;
      });
      const file = join(dir, `random-${seed}.csv`);
      writeFileSync(file, `id,cores,cpu_ghz,memory_gb,cpu_util_avg_pct,watts,group\n${lines.join('\n')}\n`);
      const group = new Map(lines.map((l) => l.split(',')).filter((c) => c[6]).map((c) => [c[0], c[6]]));
      const largest = Math.max(1, ...groups.map((g) => [...group.values()].filter((x) => x === g).length));
      const k = largest + Math.floor(r() * 6);
      const input = await loadPlanInput({ servers: file } as never, REPO);
      const res = await plan(input, { hostType: seed % 3 === 0 ? 'dell-r740' : 'lenovo-sr650', waveSize: k, timeLimit: 0, ...(seed % 4 === 0 ? { reuseExisting: true } : {}) });
      expect(checkWaves(res, { group, sources: physicalSources(res.vms.map((v) => v.id)) }, k), `seed ${seed}`).toEqual([]);
      const waves = res.summary.waves!;
      if (waves.length > 1) seen.multiWave++;
      if (waves.some((w) => w.workloads.filter((id) => group.has(id)).length > 1)) seen.groupMoved++;
      if (res.hosts.some((h) => h.type.startsWith('keep:'))) seen.keptServer++;
      if (res.unplaced.length) seen.unplaced++;
      if (waves.slice(0, -1).some((w) => w.serversRetired.length)) seen.retiredEarly++;
    }
    // each case the invariants are meant for actually occurred
    for (const [k, v] of Object.entries(seen)) expect(v, k).toBeGreaterThan(0);
  });
});
