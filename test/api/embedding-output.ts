import { expect } from 'vitest';

/** Checks the output of examples/embedding/procurement.mjs (shared by the repository and tarball tests). */
export function checkProcurementOutput(out: string): void {
  const lines = out.trim().split('\n');
  expect(lines[0]).toMatch(/^quote\s+hosts\s+unplaced/);
  const table = lines.slice(1, 4).map((l) => l.trim().split(/\s+/));
  expect(table.map((r) => r[0]).sort()).toEqual(['dell-r740', 'dell-r7525', 'hpe-dl380-gen10-plus']);
  // relation: the table is sorted by TCO, and "best quote" is its first row
  const tco = table.map((r) => Number(r[4]));
  expect([...tco].sort((a, b) => a - b)).toEqual(tco);
  expect(lines[4]).toBe(`best quote: ${table[0][0]}`);
  for (const r of table) expect(Number(r[1])).toBeGreaterThan(0);
  // known value: 8+8+16 vCPUs and 64+64+128 GiB fill exactly one 32-vCPU/256-GiB box
  expect(lines[5]).toBe('pack: 1 host(s), lower bound 1');
  expect(lines[6]).toBe('cancel: rejected with AbortedError');
}
