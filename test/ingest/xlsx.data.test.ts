import { describe, it, expect } from 'vitest';
import { XlsxWorkbook, type SheetRow } from '../../src/ingest/xlsx.js';
import { dataPath } from '../helpers/data-dir.js';

const XLSX = dataPath('rvtools-example-kubev2v', 'example1.xlsx');

async function rows(wb: XlsxWorkbook, name: string): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of wb.rows(name)) out.push(r);
  return out;
}

describe('xlsx reader (kubev2v example1.xlsx, PROVENANCE.md: 6 sheets, vInfo 79 named columns, saved by LibreOffice)', () => {
  it('lists the sheets and reads the vInfo header in order', async () => {
    const wb = await XlsxWorkbook.open(XLSX, 'x.xlsx');
    expect([...wb.sheets.keys()]).toEqual(['vInfo', 'vCPU', 'vMemory', 'vDisk', 'vPartition', 'vHost']);
    const vInfo = await rows(wb, 'vInfo');
    expect(vInfo[0].line).toBe(1);
    expect(vInfo[0].fields.slice(0, 4)).toEqual(['VM', 'Powerstate', 'Template', 'SRM Placeholder']);
    expect(vInfo[0].fields.filter((f) => f !== '')).toHaveLength(79);
  });
  it('reads date-formatted serials as dates (PROVENANCE.md: 45714.537 = 2025-02-26, 12:53)', async () => {
    const wb = await XlsxWorkbook.open(XLSX, 'x.xlsx');
    const vInfo = await rows(wb, 'vInfo');
    // row 2's Creation date is the serial 45714.5372106481: 0.5372106481 x 86400 s = 46415 s = 12:53:35
    expect(vInfo[1].fields[vInfo[0].fields.indexOf('Creation date')]).toBe('2025-02-26T12:53:35');
  });
  it('refuses a part whose declared uncompressed size is over the limit, before inflating it', async () => {
    const wb = await XlsxWorkbook.open(XLSX, 'x.xlsx', { limits: { fileBytes: 512 * 2 ** 20, entryBytes: 100_000 } });
    await expect(rows(wb, 'vInfo')).rejects.toThrow(/refused: .* over the 0 MiB limit per part \(possible zip bomb\)/);
    await expect(XlsxWorkbook.open(XLSX, 'x.xlsx', { limits: { fileBytes: 1000, entryBytes: 2 ** 30 } })).rejects.toThrow(/over the 0 MiB limit/);
  });
});
