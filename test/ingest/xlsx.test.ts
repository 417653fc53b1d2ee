import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { XlsxWorkbook, columnIndex, columnLetters, decodeXstring, xmlDecode, type SheetRow } from '../../src/ingest/xlsx.js';
import { zipEntries } from '../../src/ingest/zip.js';
import { AbortedError } from '../../src/errors.js';
import { normalizeRvtoolsHeader } from '../../src/ingest/rvtools.js';
import { buildWorkbook, DIALECTS, sampleSheets, SAMPLE_VMS } from '../helpers/rvtools-workbook.js';

const dir = mkdtempSync(join(tmpdir(), 'cp-xlsx-'));
let n = 0;
function file(bytes: Uint8Array): string {
  const f = join(dir, `w${n++}.xlsx`);
  writeFileSync(f, bytes);
  return f;
}

async function readRows(wb: XlsxWorkbook, name: string): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of wb.rows(name)) out.push(r);
  return out;
}

async function readAll(path: string, opts = {}): Promise<Record<string, SheetRow[]>> {
  const wb = await XlsxWorkbook.open(path, 'w.xlsx', opts);
  const out: Record<string, SheetRow[]> = {};
  for (const name of [...wb.sheets.keys()].sort()) {
    out[name] = [];
    for await (const r of wb.rows(name)) out[name].push(r);
  }
  return out;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A one-sheet workbook with the given sheet XML body (inside <sheetData>) and extra parts. */
function oneSheet(sheetData: string, extra: Record<string, string> = {}): string {
  return file(
    zipSync({
      'xl/workbook.xml': strToU8(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="vInfo" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
      'xl/worksheets/sheet1.xml': strToU8(`<worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`),
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
    }),
  );
}

describe('xlsx reader: every dialect of the same workbook reads the same', () => {
  const sheets = sampleSheets();
  const files = Object.fromEntries(Object.entries(DIALECTS).map(([k, d]) => [k, file(buildWorkbook(sheets, d))]));

  it('the reference (as Excel writes it) reads the model values, dates as ISO 8601, escapes decoded', async () => {
    const wb = await XlsxWorkbook.open(files.excel, 'w.xlsx');
    expect([...wb.sheets.keys()]).toEqual(['vInfo', 'vCPU', 'vMemory', 'vHost', 'vMetaData']);
    const rows = (await readAll(files.excel)).vInfo;
    const header = rows[0].fields;
    expect(header.slice(0, 4)).toEqual(['VM', 'Powerstate', 'Template', 'SRM Placeholder']);
    expect(rows.map((r) => r.line)).toEqual(Array.from({ length: SAMPLE_VMS.length + 1 }, (_, i) => i + 1));
    const col = (name: string) => header.indexOf(name);
    const sql = rows[2].fields;
    expect(sql[col('VM')]).toBe('sql-prod-01');
    expect(sql[col('Annotation')]).toBe('Owner: DBA team\r\nTier 1 & PCI'); // CR written as _x000D_
    expect(sql[col('CPUs')]).toBe('8');
    expect(sql[col('Memory')]).toBe('65536');
    expect(sql[col('PowerOn')]).toBe('2024-11-04T08:15:11'); // custom format yyyy/mm/dd\ hh:mm:ss
    expect(sql[col('Creation date')]).toBe('2021-06-02'); // built-in format 14
    expect(sql[col('Template')]).toBe('False');
    expect(rows[6].fields[0]).toBe('R&D <lab> Zürich_x0041_'); // a literal "_x0041_" is written as _x005F_x0041_
    // omitted empty cells are empty fields; trailing empty cells are dropped
    expect(rows[7].fields[col('PowerOn')]).toBe('');
    expect(rows[11].fields[col('CPUs')]).toBe('');
  });

  for (const name of Object.keys(DIALECTS).filter((k) => k !== 'excel')) {
    it(`${name}: same sheets, same rows, same values`, async () => {
      expect(await readAll(files[name])).toEqual(await readAll(files.excel));
    });
  }

  it('the OpenXML SDK dialect really is prefixed, with absolute targets (the fixture is what it claims)', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const parts = unzipSync(buildWorkbook(sheets, DIALECTS.openXmlSdk));
    expect(strFromU8(parts['xl/workbook.xml'])).toMatch(/<x:workbook xmlns:x="[^"]+"/);
    expect(strFromU8(parts['xl/worksheets/sheet1.xml'])).toMatch(/<x:c r="A2" t="s"><x:v>\d+<\/x:v><\/x:c>/);
    expect(strFromU8(parts['xl/_rels/workbook.xml.rels'])).toContain('Target="/xl/worksheets/sheet1.xml"');
    const renamed = unzipSync(buildWorkbook(sheets, DIALECTS.renamedSheets));
    expect(Object.keys(renamed)).toContain('xl/worksheets/sheet7.xml');
    expect(strFromU8(renamed['xl/workbook.xml'])).toMatch(/name="vMetaData".*name="vHost".*name="vInfo"/);
  });
});

describe('xlsx reader: cells as Excel reads them', () => {
  it('shared strings with rich-text runs (phonetic runs left out), inline strings, formula strings, booleans, errors, numbers', async () => {
    const f = oneSheet(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve">line </t></r></is></c>' +
        '<c r="D1" t="str"><f>A1&amp;"x"</f><v>abcx</v></c><c r="E1" t="b"><v>1</v></c><c r="F1" t="b"><v>0</v></c><c r="G1" t="e"><v>#N/A</v></c><c r="H1"><v>1.5E-3</v></c><c r="J1"><f>1+1</f><v>2</v></c></row>',
      { 'xl/sharedStrings.xml': `<sst xmlns="${MAIN}"><si><t>abc</t></si><si><r><rPr><b/></rPr><t>東京</t></r><r><t>都</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si></sst>` },
    );
    expect((await readAll(f)).vInfo).toEqual([{ line: 1, fields: ['abc', '東京都', 'inline ', 'abcx', 'True', 'False', '#N/A', '1.5E-3', '', '2'] }]);
  });

  it('rows and cells without references follow the previous one; cells are placed by column letter', async () => {
    const f = oneSheet('<row><c><v>1</v></c><c><v>2</v></c></row><row r="5"><c r="C5"><v>3</v></c><c><v>4</v></c></row><row><c r="AA6"><v>5</v></c></row>');
    const rows = (await readAll(f)).vInfo;
    expect(rows.map((r) => r.line)).toEqual([1, 5, 6]);
    expect(rows[1].fields).toEqual(['', '', '3', '4']);
    expect(rows[2].fields).toHaveLength(27);
    expect(rows[2].fields[26]).toBe('5');
  });

  it('a cell past column XFD, a shared string index out of range and malformed XML are clear errors', async () => {
    await expect(readAll(oneSheet('<row r="3"><c r="XFE3"><v>1</v></c></row>'))).rejects.toThrow(/w\.xlsx#vInfo:3: cell "XFE3" is past the last column \(XFD\)/);
    await expect(readAll(oneSheet('<row r="2"><c r="B2" t="s"><v>7</v></c></row>', { 'xl/sharedStrings.xml': `<sst xmlns="${MAIN}"><si><t>a</t></si></sst>` }))).rejects.toThrow(
      /w\.xlsx#vInfo:2: cell B2 refers to shared string "7", but the workbook has 1/,
    );
    await expect(readAll(oneSheet('<row r="1"><c r="A1"><v>1</c></row>'))).rejects.toThrow(/w\.xlsx: malformed XML in xl\/worksheets\/sheet1\.xml:1:\d+: unexpected close tag/);
  });

  it('refuses a part whose declared size is over the limit before inflating it, and a file over the file limit', async () => {
    const f = file(buildWorkbook(sampleSheets(), DIALECTS.excel));
    await expect(readAll(f, { limits: { fileBytes: 2 ** 30, entryBytes: 2000 } })).rejects.toThrow(/w\.xlsx: refused: xl\/\S+ would decompress to 0 MiB, over the 0 MiB limit per part \(possible zip bomb\)/);
    await expect(XlsxWorkbook.open(f, 'w.xlsx', { limits: { fileBytes: 1000, entryBytes: 2 ** 30 } })).rejects.toThrow(/over the 0 MiB limit/);
  });

  it('honours an AbortSignal between chunks', async () => {
    const f = file(buildWorkbook(sampleSheets(), DIALECTS.openXmlSdk));
    await expect(XlsxWorkbook.open(f, 'w.xlsx', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortedError);
    const ctl = new AbortController();
    const wb = await XlsxWorkbook.open(f, 'w.xlsx', { signal: ctl.signal });
    ctl.abort();
    await expect(readRows(wb, 'vInfo')).rejects.toBeInstanceOf(AbortedError);
  });

  it('names what it found when the package is not a workbook', async () => {
    await expect(XlsxWorkbook.open(file(zipSync({ 'a.txt': strToU8('x') })), 'w.xlsx')).rejects.toThrow(/w\.xlsx: not an \.xlsx workbook \(no workbook part xl\/workbook\.xml\)/);
    const ole = Buffer.alloc(4096);
    ole.writeUInt32BE(0xd0cf11e0, 0);
    await expect(XlsxWorkbook.open(file(ole), 'w.xlsx')).rejects.toThrow(/legacy \.xls or a password-protected workbook/);
  });

  it('reads Zip64 central directory entries (sizes in the extended information field)', async () => {
    const zip = Buffer.from(buildWorkbook(sampleSheets(), DIALECTS.openXmlSdk));
    const z64 = toZip64(zip);
    expect(zipEntries(z64).map((e) => [e.name, e.originalSize])).toEqual(zipEntries(zip).map((e) => [e.name, e.originalSize]));
    expect(await readAll(file(z64))).toEqual(await readAll(file(zip)));
  });
});

describe('xlsx helpers', () => {
  it('column letters, XML entities, _xHHHH_ escapes, header normalization of both RVTools generations', () => {
    expect(columnIndex('A1')).toBe(0);
    expect(columnIndex('AB7')).toBe(27);
    expect(columnIndex('$C$3')).toBe(2);
    expect(columnIndex('XFD1')).toBe(16383);
    expect([0, 25, 26, 27, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'XFD']);
    expect(xmlDecode('a &amp; b &lt;c&gt; &#233;&#x41;')).toBe('a & b <c> éA');
    expect(decodeXstring('a_x000D_b_x005F_x0041_')).toBe('a\rb_x0041_');
    expect(normalizeRvtoolsHeader('vInfoVMName')).toBe('vmname');
    expect(normalizeRvtoolsHeader('# Memory')).toBe('nummemory');
    expect(normalizeRvtoolsHeader('vHostNumCpuCores')).toBe('numcpucores');
    expect(normalizeRvtoolsHeader('CPU usage %')).toBe('cpuusage');
  });
});

/**
 * Rewrites a zip's central directory the way a Zip64 writer does: every size and offset set to
 * 0xFFFFFFFF with the real values in a Zip64 extended information field, plus a Zip64 end of
 * central directory record and locator (APPNOTE.TXT 4.3.14-4.3.15, 4.5.3).
 */
function toZip64(zip: Buffer): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  const cdStart = zip.readUInt32LE(eocd + 16);
  const out: Buffer[] = [zip.subarray(0, cdStart)];
  let p = cdStart;
  for (let k = 0; k < count; k++) {
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const head = Buffer.from(zip.subarray(p, p + 46));
    const extra = Buffer.alloc(4 + 24);
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(head.readUInt32LE(24)), 4);
    extra.writeBigUInt64LE(BigInt(head.readUInt32LE(20)), 12);
    extra.writeBigUInt64LE(BigInt(head.readUInt32LE(42)), 20);
    for (const at of [20, 24, 42]) head.writeUInt32LE(0xffffffff, at);
    head.writeUInt16LE(extraLen + extra.length, 30);
    out.push(head, zip.subarray(p + 46, p + 46 + nameLen), zip.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), extra, zip.subarray(p + 46 + nameLen + extraLen, p + 46 + nameLen + extraLen + commentLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  const cd = Buffer.concat(out.slice(1));
  const z64At = cdStart + cd.length;
  const rec = Buffer.alloc(56);
  rec.writeUInt32LE(0x06064b50, 0);
  rec.writeBigUInt64LE(44n, 4);
  rec.writeUInt16LE(45, 12);
  rec.writeUInt16LE(45, 14);
  rec.writeBigUInt64LE(BigInt(count), 24);
  rec.writeBigUInt64LE(BigInt(count), 32);
  rec.writeBigUInt64LE(BigInt(cd.length), 40);
  rec.writeBigUInt64LE(BigInt(cdStart), 48);
  const loc = Buffer.alloc(20);
  loc.writeUInt32LE(0x07064b50, 0);
  loc.writeBigUInt64LE(BigInt(z64At), 8);
  loc.writeUInt32LE(1, 16);
  const end = Buffer.from(zip.subarray(eocd, eocd + 22));
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([zip.subarray(0, cdStart), cd, rec, loc, end]);
}
