import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { loadRvtools } from '../../src/ingest/rvtools.js';
import { NoUsableWorkloadsError, InputError } from '../../src/errors.js';
import { checkResult, planDemands } from '../helpers/check-plan.js';
import { buildWorkbook, DIALECTS, sampleSheets, SAMPLE_VMS, type ModelVm } from '../helpers/rvtools-workbook.js';

/**
 * RVTools workbooks as different writers produce them (test/helpers/rvtools-workbook.ts): the same
 * inventory must give the same plan, byte for byte, whatever the dialect; a workbook with no usable
 * VM is exit 2 with what was found.
 */
const root = mkdtempSync(join(tmpdir(), 'cp-rvx-'));
let n = 0;

/** Writes `bytes` as export.xlsx in a fresh folder (so every run names the file alike). */
function place(bytes: Uint8Array): string {
  const d = join(root, `c${n++}`);
  mkdirSync(d);
  writeFileSync(join(d, 'export.xlsx'), bytes);
  return d;
}

async function run(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd });
  return { code, out, err };
}

const planArgs = (format: string) => ['plan', '--rvtools', 'export.xlsx', '--format', format, '--time-limit', '0'];

describe('RVTools workbook dialects plan alike, byte for byte', async () => {
  const sheets = sampleSheets();
  const ref = place(buildWorkbook(sheets, DIALECTS.excel));
  const refJson = await run(planArgs('json'), ref);
  const refText = await run(planArgs('text'), ref);

  it('the reference plan: every powered-on, non-template VM is planned or rejected with a reason', () => {
    expect(refJson.err).toBe('');
    expect(refJson.code).toBe(0);
    const j = JSON.parse(refJson.out);
    // vInfo 14 rows + vHost 4 rows; rejected: empty CPUs (row 12), Memory 0 (row 13), web-01 twice (row 15)
    expect(j.summary.rows).toEqual({ read: 18, accepted: 15, rejected: 3 });
    const errors = j.issues.filter((i: { severity: string }) => i.severity === 'error');
    expect(errors.map((i: { file: string; line: number; column: string; code: string }) => [i.file, i.line, i.column, i.code])).toEqual([
      ['export.xlsx#vInfo', 12, 'CPUs', 'row.missing-value'],
      ['export.xlsx#vInfo', 13, 'Memory', 'row.out-of-range'],
      ['export.xlsx#vInfo', 15, 'VM', 'row.duplicate-id'],
    ]);
    expect(j.issues.find((i: { code: string }) => i.code === 'data.skipped').message).toContain('skipped 4 VM(s): 2 powered off, 1 template(s), 1 SRM placeholder(s)');
    const planned = j.vms.map((v: { id: string }) => v.id).sort();
    expect(planned).toEqual(['R&D <lab> Zürich_x0041_', 'app-01 (billing)', 'dc01', 'jump-01', 'sql-prod-01', 'web-01', 'web-02']);
    // independent account from the model: powered-on, non-template, non-SRM rows are planned or rejected
    const expected = SAMPLE_VMS.map((v, i) => ({ v, line: i + 2 })).filter(({ v }) => v.power === 'poweredOn' && !v.template && !v.srm);
    for (const { v, line } of expected) {
      const rejected = errors.some((i: { line: number }) => i.line === line);
      const isPlanned = planned.includes(v.vm) && !rejected;
      expect(rejected !== isPlanned, `${v.vm} (row ${line})`).toBe(true);
    }
    expect(j.summary.placed + j.summary.unplaced).toBe(j.summary.vms);
    expect(checkResult(j, planDemands(j))).toEqual([]);
    // sized from each VM's own vCPU Overall (MHz) and, under the default memory policy, its
    // configured memory: sql-prod-01 has 8 vCPUs at 2.394 GHz and Overall round(8 x 2394 x 31%) MHz
    const sql = j.vms.find((v: { id: string }) => v.id === 'sql-prod-01');
    expect(sql.sizing.cpu.source).toEqual({ field: 'vCPU Overall', value: Math.round(8 * 2394 * 0.31), unit: 'MHz' });
    expect(sql.cpuAvgUtilizationFraction).toBeCloseTo(Math.round(8 * 2394 * 0.31) / (8 * 2394), 6);
    expect(sql.memoryNativeGiB).toBe(64);
    expect(sql.sizing.memory).toMatchObject({ basis: 'configured', usedField: 'vMemory Consumed' });
    expect(sql.sizing.memory.usedGiB).toBeCloseTo(Math.round(65536 * 0.6) / 1024, 6);
    expect(j.summary.before.hosts).toBe(4);
  });

  for (const name of Object.keys(DIALECTS).filter((k) => k !== 'excel')) {
    it(`${name}: same JSON and text plan as the reference`, async () => {
      const d = place(buildWorkbook(sheets, DIALECTS[name]));
      const json = await run(planArgs('json'), d);
      expect(json.err).toBe('');
      expect(json.out).toBe(refJson.out);
      const text = await run(planArgs('text'), d);
      expect(text.out).toBe(refText.out);
    });
  }
});

describe('a workbook with no usable VM is exit 2, saying what was found', () => {
  const only = (vms: ModelVm[]) => place(buildWorkbook(sampleSheets(vms), DIALECTS.openXmlSdk));
  const pick = (...names: string[]) => SAMPLE_VMS.filter((v) => names.includes(v.vm));

  it('every VM powered off, suspended, a template or an SRM placeholder: plan and validate exit 2 with the counts; --rvtools-include-all plans them', async () => {
    const d = only(pick('old-ftp', 'test-suspended', 'tmpl-win2022', 'sql-prod-01-dr'));
    for (const args of [planArgs('text'), ['validate', '--rvtools', 'export.xlsx']]) {
      const r = await run(args, d);
      expect(r.code, r.err).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(
        'consolidate: error: export.xlsx#vInfo: no usable VM to plan: found sheets vInfo, vCPU, vMemory, vHost, vMetaData; ' +
          'vInfo has 4 VM rows: 4 skipped (2 not powered on [Powerstate "poweredOff" 1, "suspended" 1], 1 template, 1 SRM placeholder; --rvtools-include-all plans them), 0 rejected; vHost has 4 host rows\n',
      );
    }
    const all = await run([...planArgs('json'), '--rvtools-include-all'], d);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.out).summary.vms).toBe(4);
  });

  it('every VM row rejected: the reasons by column and the first rejected row', async () => {
    const r = await run(planArgs('text'), only(pick('broken-vm', 'bad-mem')));
    expect(r.code).toBe(2);
    expect(r.err).toContain("vInfo has 2 VM rows: 0 skipped, 2 rejected (1 in column 'CPUs', 1 in column 'Memory'; first: export.xlsx#vInfo:2: column 'CPUs': required value is empty (expected a vCPU count > 0))");
  });

  it('a vInfo tab with a header and no rows', async () => {
    const r = await run(planArgs('json'), only([]));
    expect(r.code).toBe(2);
    expect(r.err).toContain('vInfo has a header row and no VM rows; vHost has 4 host rows');
  });

  it('an exporter that writes Hyper-V states: Running VMs are planned like poweredOn ones, Off and Saved are skipped and named', async () => {
    const base = pick('dc01', 'web-01', 'web-02');
    const running = await run(planArgs('json'), only(base.map((v) => ({ ...v, power: 'Running' as const }))));
    const vsphere = await run(planArgs('json'), only(base.map((v) => ({ ...v, power: 'poweredOn' as const }))));
    expect(running.code).toBe(0);
    // the same plan; only the raw lines quoted in the row issues show the other Powerstate word
    const plan = (out: string) => {
      const j = JSON.parse(out) as { summary: unknown; vms: unknown; hosts: unknown };
      return { summary: j.summary, vms: j.vms, hosts: j.hosts };
    };
    expect(plan(running.out)).toEqual(plan(vsphere.out));
    expect(JSON.parse(running.out).summary.placed).toBeGreaterThan(0);
    const stopped = await run(planArgs('json'), only(base.map((v, i) => ({ ...v, power: (i ? 'Off' : 'Saved') as ModelVm['power'] }))));
    expect(stopped.code).toBe(2);
    expect(stopped.err).toContain('3 skipped (3 not powered on [Powerstate "Off" 2, "Saved" 1], 0 templates, 0 SRM placeholders; --rvtools-include-all plans them)');
  });

  it('the API throws NoUsableWorkloadsError (an InputError) with what was found', async () => {
    const d = only(pick('old-ftp', 'broken-vm'));
    const e = await loadRvtools(join(d, 'export.xlsx'), { label: 'export.xlsx' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NoUsableWorkloadsError);
    expect(e).toBeInstanceOf(InputError);
    expect((e as NoUsableWorkloadsError).found).toEqual({
      sheets: ['vInfo', 'vCPU', 'vMemory', 'vHost', 'vMetaData'],
      rowsRead: 2,
      rejectedByColumn: { CPUs: 1 },
      skipped: { poweredOff: 1, template: 0, srm: 0 },
      powerStates: { poweredOff: 1 },
      hostsRead: 4,
    });
  });

  it('the same for a folder of per-tab CSV exports ("Export all to csv")', async () => {
    const d = join(root, `csv${n++}`);
    mkdirSync(d);
    writeFileSync(join(d, 'RVTools_tabvInfo.csv'), 'VM,Powerstate,Template,SRM Placeholder,CPUs,Memory\nold-ftp,poweredOff,False,False,1,2048\ntmpl,poweredOff,True,False,2,4096\n');
    writeFileSync(join(d, 'RVTools_tabvCPU.csv'), 'VM,CPUs\n');
    const r = await run(['validate', '--rvtools', '.'], d);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "consolidate: error: ./RVTools_tabvInfo.csv: no usable VM to plan: found CSV files RVTools_tabvCPU.csv, RVTools_tabvInfo.csv; vInfo has 2 VM rows: 2 skipped (1 not powered on [Powerstate \"poweredOff\" 1], 1 template, 0 SRM placeholders; --rvtools-include-all plans them), 0 rejected; no vHost tab\n",
    );
  });

  it('a workbook without a vInfo sheet names the sheets it has', async () => {
    const sheets = sampleSheets().filter((s) => s.name !== 'vInfo');
    const r = await run(planArgs('json'), place(buildWorkbook(sheets, DIALECTS.openXmlSdk)));
    expect(r.code).toBe(2);
    expect(r.err).toBe('consolidate: error: export.xlsx: no vInfo tab found (found sheets: vCPU, vMemory, vHost, vMetaData; expected a sheet named vInfo)\n');
  });
});
