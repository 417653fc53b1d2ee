import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XlsxWorkbook, columnIndex, xmlDecode } from '../../src/ingest/xlsx.js';
import { normalizeRvtoolsHeader } from '../../src/ingest/rvtools.js';
import { buildXlsx, rvHostRows, rvInfoRows, tempDir, RV_VINFO_HEADER, type XlsxCell } from '../helpers/fixtures.js';

/**
 * The xlsx reader on an RVTools-layout workbook built here (six tabs in RVTools' order, shared
 * strings, numeric cells); the same checks on a public RVTools-layout workbook are in
 * xlsx.data.test.ts.
 */
const SHEETS = ['vInfo', 'vCPU', 'vMemory', 'vDisk', 'vPartition', 'vHost'];
const filler = (name: string, rows: number): XlsxCell[][] => [
  ['VM', 'Powerstate', 'Template', 'SRM Placeholder', `${name} value`, 'Capacity MiB', 'Datacenter', 'Cluster', 'Host'],
  ...Array.from({ length: rows }, (_, i) => [`vm-${i + 1}`, 'poweredOn', 'False', 'False', `${name}-${i}`, 40960 + i, 'dc-1', 'cluster-1', 'esx-01']),
];
const XLSX = join(tempDir('xlsx'), 'rvtools-layout.xlsx');
writeFileSync(
  XLSX,
  buildXlsx(
    SHEETS.map((name) => {
      if (name === 'vInfo') return { name, rows: rvInfoRows([{ vm: 'vm-1', powerstate: 'poweredOn', cpus: 2, memoryMiB: 4096, activeMiB: 1024, host: 'esx-01' }]) };
      if (name === 'vHost') return { name, rows: rvHostRows([{ host: 'esx-01', sockets: 2, coresPerCpu: 8, mhz: 2400, memoryMiB: 131072, cpuUsagePct: 20, memUsagePct: 40, cpuModel: 'Intel Xeon Gold 6130' }]) };
      // vDisk is large enough (about 150 kB of XML) for the per-part limit test below
      return { name, rows: filler(name, name === 'vDisk' ? 1500 : 3) };
    }),
  ),
);

describe('xlsx reader (an RVTools-layout workbook built in the test: 6 tabs, vInfo with RVTools column names)', () => {
  it('lists the sheets and reads the vInfo header in order', () => {
    const wb = XlsxWorkbook.open(XLSX, 'x.xlsx', (n) => n === 'vInfo');
    expect([...wb.sheets.keys()]).toEqual(SHEETS);
    const rows = wb.rows('vInfo')!;
    expect(rows[0].line).toBe(1);
    expect(rows[0].fields.slice(0, 4)).toEqual(['VM', 'Powerstate', 'Template', 'SRM Placeholder']);
    expect(rows[0].fields.filter((f) => f !== '')).toHaveLength(RV_VINFO_HEADER.length);
    expect(rows[1].fields[0]).toBe('vm-1');
    expect(rows[1].fields[RV_VINFO_HEADER.indexOf('Memory')]).toBe('4096');
    expect(wb.rows('vHost')).toBeUndefined(); // not inflated: not wanted
  });
  it('refuses a part whose declared uncompressed size is over the limit, before inflating it', () => {
    expect(() => XlsxWorkbook.open(XLSX, 'x.xlsx', () => true, { fileBytes: 512 * 2 ** 20, entryBytes: 100_000 })).toThrow(/refused: .* over the 0 MiB limit per part \(possible zip bomb\)/);
    expect(() => XlsxWorkbook.open(XLSX, 'x.xlsx', () => true, { fileBytes: 1000, entryBytes: 2 ** 30 })).toThrow(/over the 0 MiB limit/);
  });
  it('helpers: column letters, XML entities, header normalization of both RVTools generations', () => {
    expect(columnIndex('A1')).toBe(0);
    expect(columnIndex('AB7')).toBe(27);
    expect(xmlDecode('a &amp; b &lt;c&gt; &#233;&#x41;')).toBe('a & b <c> éA');
    expect(normalizeRvtoolsHeader('vInfoVMName')).toBe('vmname');
    expect(normalizeRvtoolsHeader('# Memory')).toBe('nummemory');
    expect(normalizeRvtoolsHeader('vHostNumCpuCores')).toBe('numcpucores');
    expect(normalizeRvtoolsHeader('CPU usage %')).toBe('cpuusage');
  });
});
