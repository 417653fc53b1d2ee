import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, unzipSync, strToU8, strFromU8 } from 'fflate';
import { buildWorkbook, DIALECTS, sampleSheets } from '../helpers/rvtools-workbook.js';
import { main } from '../../src/cli/main.js';
import { checkResult, planDemands } from '../helpers/check-plan.js';
import { REPO } from '../helpers/paths.js';
import { mutationArb, render, HOSTILE_VALUES, type CsvCase } from './mutate.js';

/**
 * Fuzzing of the trace, RVTools and scenario inputs through the real CLI (in-process), seeded.
 * Same outcome rules as inputs.fuzz.test.ts: exit 0 with a consistent plan or exit 2 with a clear
 * message; no stack trace, no internal error, read = accepted + rejected, every VM accounted for.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const dir = mkdtempSync(join(tmpdir(), 'cp-fuzz2-'));
let n = 0;
const fresh = (): string => {
  const d = join(dir, `c${n++}`);
  mkdirSync(d, { recursive: true });
  return d;
};

async function run(args: string[], cwd = dir) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd });
  return { code, out, err };
}

function assertOutcome(r: { code: number; out: string; err: string }, kind: 'plan' | 'whatif' = 'plan') {
  expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(r.err).not.toMatch(/internal error/);
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  if (r.code === 2) {
    expect(r.err).toMatch(/^consolidate: error: .+/);
    return;
  }
  expect(r.code, r.err).toBe(0);
  const j = JSON.parse(r.out);
  if (kind === 'whatif') {
    expect(j.schemaVersion).toBe(1);
    for (const s of j.scenarios) expect(s.summary.placed + s.summary.unplaced).toBe(s.summary.vms);
    return;
  }
  expect(j.summary.rows.read).toBe(j.summary.rows.accepted + j.summary.rows.rejected);
  expect(checkResult(j, planDemands(j))).toEqual([]);
}

const cell = fc.oneof(fc.integer({ min: -5, max: 120 }).map(String), fc.constantFrom(...HOSTILE_VALUES), fc.double({ noNaN: false }).map(String));
const csvOf = (lines: string[][], d: string) => lines.map((l) => l.join(d)).join('\n') + '\n';

describe('fuzz: trace, RVTools and scenario inputs', () => {
  it('long utilization CSV', async () => {
    const base: CsvCase = {
      header: ['timestamp', 'id', 'cpu_pct', 'memory_used_gb'],
      rows: [
        ['2024-03-02T22:00:00Z', 'web-1', '30', '6'],
        ['1709420400', 'web-1', '33', '6.3'],
        ['2024-03-02T22:00:00Z', 'db-1', '20', '12'],
        ['1709416800', 'app-1', '30', '2'],
        ['2024-03-02T23:00:00Z', 'ghost-9', '50', '1'],
      ],
    };
    const servers = join(REPO, 'test/fixtures/long/servers.csv');
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb(base.rows.length, base.header.length), { minLength: 1, maxLength: 4 }), async (muts) => {
        const f = join(fresh(), 'u.csv');
        writeFileSync(f, render(base, muts));
        assertOutcome(await run(['plan', '--servers', servers, '--utilization', f, '--utilization-format', 'long', '--format', 'json', '--time-limit', '0']));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('PlanetLab folder (names with spaces, hostile lines)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('node a_slice', 'n_b', 'x y z', '__proto__', 'constructor'), fc.array(cell, { maxLength: 12 })), { minLength: 1, maxLength: 4 }), async (files) => {
        const d = fresh();
        files.forEach(([name, lines], i) => writeFileSync(join(d, `${name}${i}`), lines.join('\n') + (lines.length ? '\n' : '')));
        assertOutcome(await run(['plan', '--utilization', d, '--utilization-format', 'planetlab', '--format', 'json', '--time-limit', '0']));
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it('Bitbrains folder (;\\t separated, hostile cells, 0-core rows)', async () => {
    const header = ['Timestamp [ms]', 'CPU cores', 'CPU capacity provisioned [MHZ]', 'CPU usage [MHZ]', 'CPU usage [%]', 'Memory capacity provisioned [KB]', 'Memory usage [KB]', 'Disk read throughput [KB/s]', 'Disk write throughput [KB/s]', 'Network received throughput [KB/s]', 'Network transmitted throughput [KB/s]'];
    const good = (t: number) => [String(1372629804 + t * 300), '2', '5851.9989', '87.7', '1.5', '8218624.0', '1034592.8', '160.8', '21.7', '0.26', '1.46'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: 5 }), fc.nat({ max: 10 }), cell), { maxLength: 6 }), fc.boolean(), async (edits, dropHeader) => {
        const d = fresh();
        const rows = [0, 1, 2, 3, 4, 5].map(good);
        for (const [r, c, v] of edits) rows[r][c] = v;
        writeFileSync(join(d, '1.csv'), csvOf(dropHeader ? rows : [header, ...rows], ';\t'));
        writeFileSync(join(d, '2.csv'), csvOf([header, good(0), good(1)], ';\t'));
        assertOutcome(await run(['plan', '--utilization', d, '--utilization-format', 'bitbrains', '--format', 'json', '--time-limit', '0']));
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
  });

  it('RVTools CSV export folder', async () => {
    const src = join(REPO, 'test/fixtures/rvtools-csv');
    const [h, ...r] = readFileSync(join(src, 'RVTools_tabvInfo.csv'), 'utf8').trim().split('\n');
    const split = (l: string) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((x) => x.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, h.split(',').length);
    const base: CsvCase = { header: h.split(','), rows: r.map(split) };
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb(base.rows.length, base.header.length), { minLength: 1, maxLength: 4 }), async (muts) => {
        const d = fresh();
        writeFileSync(join(d, 'RVTools_tabvInfo.csv'), render(base, muts));
        copyFileSync(join(src, 'RVTools_tabvHost.csv'), join(d, 'RVTools_tabvHost.csv'));
        assertOutcome(await run(['plan', '--rvtools', d, '--format', 'json', '--time-limit', '0']));
      }),
      { seed: SEED + 3, numRuns: RUNS },
    );
  });

  it('RVTools .xlsx: corrupted and truncated workbooks', async () => {
    const sheet = (rows: string[][]) =>
      `<worksheet><sheetData>${rows.map((r, i) => `<row r="${i + 1}">${r.map((c) => `<c t="inlineStr"><is><t>${c.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`).join('')}</row>`).join('')}</sheetData></worksheet>`;
    const wb = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="vInfo" sheetId="1" r:id="rId1"/><sheet name="vHost" sheetId="2" r:id="rId2"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(sheet([['VM', 'Powerstate', 'Template', 'CPUs', 'Memory', 'Host'], ['vm-1', 'poweredOn', 'False', '2', '4096', 'esx-1'], ['vm-2', 'poweredOn', 'False', '4', '8192', 'esx-1']])),
      'xl/worksheets/sheet2.xml': strToU8(sheet([['Host', '# CPU', 'Cores per CPU', '# Cores', 'Speed', '# Memory', 'CPU usage %'], ['esx-1', '2', '8', '16', '2400', '131072', '20']])),
    });
    const okFile = join(fresh(), 'ok.xlsx');
    writeFileSync(okFile, wb);
    assertOutcome(await run(['plan', '--rvtools', okFile, '--format', 'json', '--time-limit', '0']));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: wb.length - 1 }), fc.nat({ max: 255 })), { minLength: 1, maxLength: 8 }), fc.option(fc.nat({ max: wb.length })), async (flips, cut) => {
        const b = Buffer.from(wb);
        for (const [i, v] of flips) b[i] = v;
        const f = join(fresh(), 'w.xlsx');
        writeFileSync(f, cut === null ? b : b.subarray(0, cut));
        assertOutcome(await run(['plan', '--rvtools', f, '--format', 'json', '--time-limit', '0']));
      }),
      { seed: SEED + 4, numRuns: RUNS },
    );
  });

  it('RVTools .xlsx: damaged XML parts inside a sound zip (OpenXML SDK dialect)', async () => {
    const parts = unzipSync(buildWorkbook(sampleSheets(), DIALECTS.openXmlSdk));
    const names = Object.keys(parts).sort();
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.nat(), fc.oneof(fc.constant(''), fc.constantFrom('<', '>', '&', '"', '</x:c>', '<x:row>', '<x:c r="ZZZZ9">', '<x:c t="s"><x:v>99999</x:v></x:c>', '\u0000', '\uFFFE', 'é'), fc.string({ maxLength: 6 })), fc.boolean(), async (name, at, insert, cut) => {
        const text = strFromU8(parts[name]);
        const i = at % (text.length + 1);
        const damaged = cut ? text.slice(0, i) : text.slice(0, i) + insert + text.slice(i);
        const f = join(fresh(), 'export.xlsx');
        writeFileSync(f, zipSync({ ...parts, [name]: strToU8(damaged) }));
        const r = await run(['plan', '--rvtools', f, '--format', 'json', '--time-limit', '0']);
        assertOutcome(r);
        seen.add(r.code);
      }),
      { seed: SEED + 6, numRuns: RUNS * 2 },
    );
    // both outcomes occur: damage the reader tolerates (e.g. in an unread part) and damage it refuses
    expect([...seen].sort()).toEqual([0, 2]);
  });

  it('scenario files (whatif)', async () => {
    const d = fresh();
    copyFileSync(join(REPO, 'examples/datacenter/servers.csv'), join(d, 'servers.csv'));
    const hostile = fc.oneof(fc.constantFrom<unknown>(null, -1, 0, 1e309, 'NaN', '', '../../etc/passwd', '/etc/passwd', [], {}, { __proto__: { polluted: true } }, true, 'x'.repeat(1000)), fc.integer(), fc.string({ maxLength: 8 }));
    const keyArb = fc.constantFrom('servers', 'hostType', 'cpuTarget', 'memoryTarget', 'virtualization', 'hypervisor', 'pue', 'ha', 'timeLimit', 'sizing', 'growth', '__proto__', 'constructor', 'unknownKey');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.boolean(), keyArb, hostile), { maxLength: 4 }), fc.option(fc.nat({ max: 200 })), async (edits, cut) => {
        const sc: { base: Record<string, unknown>; variations: Record<string, unknown>[] } = { base: { servers: 'servers.csv', timeLimit: 0 }, variations: [{ name: 'kvm', hypervisor: 'kvm' }] };
        for (const [inBase, k, v] of edits) (inBase ? sc.base : sc.variations[0])[k] = v;
        let text = JSON.stringify(sc);
        if (cut !== null) text = text.slice(0, cut);
        const f = join(d, `s${n++}.json`);
        writeFileSync(f, text);
        assertOutcome(await run(['whatif', f, '--format', 'json'], d), 'whatif');
      }),
      { seed: SEED + 5, numRuns: Math.max(10, Math.floor(RUNS / 2)) },
    );
  });
});
