import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { runCli } from '../helpers/run-cli.js';
import { XLSX_MAX_ENTRY_BYTES } from '../../src/ingest/xlsx.js';

const dir = mkdtempSync(join(tmpdir(), 'cp-hostile-'));

/** A minimal RVTools-like workbook whose shared strings part is `shared`. */
function workbook(shared: Uint8Array): Buffer {
  return Buffer.from(
    zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="vInfo" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/sharedStrings.xml': shared,
      'xl/worksheets/sheet1.xml': strToU8('<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>VM</t></is></c><c t="inlineStr"><is><t>CPUs</t></is></c><c t="inlineStr"><is><t>Memory</t></is></c></row><row r="2"><c t="inlineStr"><is><t>vm-1</t></is></c><c><v>2</v></c><c><v>4096</v></c></row></sheetData></worksheet>'),
    }),
  );
}

/** Rewrites the declared uncompressed size of one entry in the local and central zip headers. */
function declareSize(zip: Buffer, entry: string, size: number): Buffer {
  const b = Buffer.from(zip);
  const name = Buffer.from(entry);
  for (let i = 0; i + 46 < b.length; i++) {
    const sig = b.readUInt32LE(i);
    if (sig === 0x04034b50 && b.subarray(i + 30, i + 30 + name.length).equals(name)) b.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50 && b.subarray(i + 46, i + 46 + name.length).equals(name)) b.writeUInt32LE(size, i + 24);
  }
  return b;
}

describe('hostile files', () => {
  it('an xlsx part that would decompress past the documented limit is refused (exit 2), before inflating', () => {
    const f = join(dir, 'bomb.xlsx');
    writeFileSync(f, declareSize(workbook(strToU8('<sst/>')), 'xl/sharedStrings.xml', XLSX_MAX_ENTRY_BYTES + 1));
    const r = runCli(['plan', '--rvtools', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/xl\/sharedStrings\.xml would decompress to \d+ MiB, over the 256 MiB limit/);
  });

  it('a part that lies about its size (declares 1 kB, holds 64 MiB) is refused as soon as it inflates past what it declares', () => {
    const f = join(dir, 'liar.xlsx');
    writeFileSync(f, declareSize(workbook(new Uint8Array(64 * 1024 * 1024).fill(32)), 'xl/sharedStrings.xml', 1024));
    const r = runCli(['plan', '--rvtools', f, '--format', 'json', '--time-limit', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/xl\/sharedStrings\.xml would decompress to more than it declares/);
  });

  it('names that are formulas or markup stay data in every output format', () => {
    const f = join(dir, 'names.csv');
    writeFileSync(f, 'id,cores,memory_gb\n"=HYPERLINK(""http://evil"",""x"")",4,16\n<img src=x onerror=alert(1)>,4,16\n"a|b`c",2,8\n@SUM(A1),2,8\n');
    for (const format of ['csv', 'html', 'md', 'text', 'json']) {
      const r = runCli(['plan', '--servers', f, '--format', format, '--time-limit', '0']);
      expect(r.code).toBe(0);
      if (format === 'csv') {
        expect(r.stdout).not.toMatch(/(^|,)"?=HYPERLINK/m);
        expect(r.stdout).not.toMatch(/(^|,)@SUM/m);
      }
      if (format === 'html') expect(r.stdout).not.toContain('<img src=x');
      if (format === 'md') expect(r.stdout).not.toContain('<img src=x');
    }
  });
});
