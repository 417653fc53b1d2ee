import { describe, it, expect } from 'vitest';
import { XlsxWorkbook, columnIndex, xmlDecode } from '../../src/ingest/xlsx.js';
import { normalizeRvtoolsHeader } from '../../src/ingest/rvtools.js';
import { dataPath } from '../helpers/data-dir.js';

const XLSX = dataPath('rvtools-example-kubev2v', 'example1.xlsx');

describe('xlsx reader (kubev2v example1.xlsx, PROVENANCE.md: 6 sheets, vInfo 79 named columns)', () => {
  it('lists the sheets and reads the vInfo header in order', () => {
    const wb = XlsxWorkbook.open(XLSX, 'x.xlsx', (n) => n === 'vInfo');
    expect([...wb.sheets.keys()]).toEqual(['vInfo', 'vCPU', 'vMemory', 'vDisk', 'vPartition', 'vHost']);
    const rows = wb.rows('vInfo')!;
    expect(rows[0].line).toBe(1);
    expect(rows[0].fields.slice(0, 4)).toEqual(['VM', 'Powerstate', 'Template', 'SRM Placeholder']);
    expect(rows[0].fields.filter((f) => f !== '')).toHaveLength(79);
    expect(wb.rows('vHost')).toBeUndefined(); // not inflated: not wanted
  });
  it('refuses a part whose declared uncompressed size is over the limit, before inflating it', () => {
    expect(() => XlsxWorkbook.open(XLSX, 'x.xlsx', () => true, { fileBytes: 512 * 2 ** 20, entryBytes: 100_000 })).toThrow(/refused: .* over the 0 MiB limit per part \(possible zip bomb\)/);
    expect(() => XlsxWorkbook.open(XLSX, 'x.xlsx', () => true, { fileBytes: 1000, entryBytes: 2 ** 30 })).toThrow(/over the 0 MiB limit/);
  });
});
