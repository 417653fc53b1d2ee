import { DIALECT_SAMPLE_ROWS } from '../../src/ingest/dialect.js';
import { mulberry32 } from '../../src/packing/internal.js';

/**
 * Seeded long CSV files mixing every kind of cell the fast row reader must hand over to the
 * general path (signs, exponents, spaces, percent signs, quotes, decimal commas, ambiguous 1.234,
 * empty and extra cells, bad dates, offsets, milliseconds, an unclosed quote).
 */

/** Plain rows ahead of the content under test: the fast path starts once the decimal separator is decided from the first rows. */
export function lead(n: number, cols: number, seed: number, fmt: (x: number) => string = (x) => x.toFixed(1)): string[] {
  const rnd = mulberry32(seed);
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const cells = [String(1709251200 + k * 300), `lead-${k % 7}`, fmt(rnd() * 100)];
    for (let c = 3; c < cols; c++) cells.push(fmt(rnd() * 90));
    out.push(cells.join(','));
  }
  return out;
}

export const ODD_NUM = [' 12', '12 ', '-3', '+3', '1e2', '12%', '12 %', '', ' ', '.', '5.', '.5', '007', '0', '0.0', '1234567890123456', '123456789012345', 'abc', '"12.5"', '1.234', '0.125', '12.5.1', 'NaN', 'Infinity', '0x10', '100.0001', '0.999', '1.0', '99.99999999999999'];
export const ODD_ID = [' srv-1', 'srv-1 ', '', '"srv-1"', 'sérvér', '\u00a0srv', 'srv\u00a0', 'a b', 'srv-1;x', '"a,b"', '"unclosed'];
export const ODD_TS = [
  '2024-03-01T10:05:00Z', '2024-03-01 10:05', '2024-03-01T10:05:00', '2024-03-01T10:05:00.250Z', '2024-03-01T10:05:00.123456789Z', '2024-03-01T10:05:00+01:00',
  '2024-03-01T10:05:00-0530', '2024-03-01T10:05:00+01', '2024-03-01', '2024-03-01T10:05:60Z', '2024-03-01T24:00:00Z', '2024-02-30T10:00:00Z', '2023-02-29T10:00:00Z',
  '2024-02-29T10:00:00z', '2024-13-01T00:00:00Z', '2024-03-01T10:05:00 Z', '2024-03-01T10:05:00+24:00', '2024-03-01T10:05:00+01:60', '2024-03-01T10:5:00Z',
  '1969-12-31T23:00:00-02:00', '2101-01-01T00:00:00Z', ' 1709251200', '1709251200 ', '1709251200.5', '1709251200123', '-1709251200', '1e9', '99999999999', '100000000001', '',
  'yesterday', '2024-03-01T10:05:00,5Z', '2024-03-01T10:05:00.Z',
];

/** A long CSV of `rows` seeded rows after the lead, about a tenth with an odd cell. */
export function mixed(seed: number, rows: number, oddTs: readonly string[] = ODD_TS, header = 'timestamp,id,cpu_pct,memory_pct,disk_iops,disk_mb_per_s,net_mbps,comment'): string {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
  const cols = header.split(',').length;
  const lines = [header, ...lead(DIALECT_SAMPLE_ROWS, cols - 1, seed).map((l) => `${l},`)];
  for (let k = 0; k < rows; k++) {
    const sec = 1709251200 + Math.floor(k / 5) * 300;
    const iso = new Date(sec * 1000).toISOString();
    let ts = rnd() < 0.5 ? String(sec) : rnd() < 0.5 ? iso : iso.replace('.000Z', 'Z');
    if (rnd() < 0.05) ts = pick(oddTs);
    const id = rnd() < 0.03 ? pick(ODD_ID) : `srv-${k % 5}`;
    const n = (x: string) => (rnd() < 0.03 ? pick(ODD_NUM) : x);
    const cells = [ts, id, n((rnd() * 100).toFixed(2)), n((rnd() * 100).toFixed(1)), n(String(Math.round(rnd() * 500))), n((rnd() * 80).toFixed(2)), n((rnd() * 1000).toFixed(3)), rnd() < 0.02 ? '"a, ""quoted"" note"' : rnd() < 0.5 ? '' : 'note'];
    if (rnd() < 0.01) cells.pop();
    if (rnd() < 0.01) cells.push(rnd() < 0.5 ? '' : 'extra');
    lines.push(cells.join(','));
    if (rnd() < 0.005) lines.push('');
  }
  return lines.join(rnd() < 0.5 ? '\n' : '\r\n') + '\n';
}

