import { describe, it, expect, afterEach } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadPerfmon, PERFMON_FAST_ROWS } from '../../src/ingest/perfmon.js';
import { tempDir } from '../helpers/fixtures.js';
import { REPO } from '../helpers/paths.js';

/**
 * The fused perfmon row reader (rows in typeperf's exact layout, read without splitting them into
 * strings) against the general path (split, then each cell read by fastNumber and pdhTime): the
 * same load, sample for sample and issue for issue, on the hand-made fixtures and on a seeded file
 * mixing every kind of cell the fast path must hand over (blanks, decimal commas, negative values,
 * a committed percentage above 100, exponents, bad timestamps, missing and extra cells, quotes).
 */

afterEach(() => {
  PERFMON_FAST_ROWS.enabled = true;
});

async function both(path: string, label: string) {
  PERFMON_FAST_ROWS.enabled = true;
  const before = PERFMON_FAST_ROWS.taken;
  const fast = await loadPerfmon(path, { label });
  // The fast path did read rows of this file.
  expect(PERFMON_FAST_ROWS.taken).toBeGreaterThan(before);
  PERFMON_FAST_ROWS.enabled = false;
  const general = await loadPerfmon(path, { label });
  PERFMON_FAST_ROWS.enabled = true;
  return { fast, general };
}

function mixed(seed: number): string {
  let a = seed;
  const rnd = () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
  const p2 = (x: number) => String(x).padStart(2, '0');
  const lines = ['"(PDH-CSV 4.0) (W. Europe Standard Time)(-60)","\\\\A\\Processor(_Total)\\% Processor Time","\\\\A\\Memory\\Available MBytes","\\\\B\\Processor(_Total)\\% Processor Time","\\\\B\\Memory\\% Committed Bytes In Use","\\\\A\\PhysicalDisk(_Total)\\Disk Reads/sec"'];
  const odd = ['" "', '""', '"1,5"', '"-3"', '"1e2"', '"12.5.1"', '"007.50"', '".5"', '"5."', '"0.000000"', '"150"', '"x"', '" 7"', '"1234567890123456"'];
  for (let k = 0; k < 3000; k++) {
    const d = new Date(Date.UTC(2024, 9, 26) + k * 300_000);
    let ts = `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(k % 1000).padStart(3, '0')}`;
    if (rnd() < 0.01) ts = ts.replace(':', ';');
    if (rnd() < 0.01) ts = ts.slice(1);
    const cell = () => (rnd() < 0.08 ? odd[Math.floor(rnd() * odd.length)] : `"${(rnd() * 100).toFixed(6)}"`);
    const cells = [`"${ts}"`, cell(), cell(), cell(), cell(), rnd() < 0.02 ? '"a"b"' : cell()];
    if (rnd() < 0.01) cells.pop();
    if (rnd() < 0.01) cells.push('"9"');
    lines.push(cells.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

describe('perfmon fused row reader = general path', () => {
  it('on the hand-made fixtures (a file with two hosts, a folder)', async () => {
    for (const f of ['two-hosts.csv', 'folder']) {
      const { fast, general } = await both(resolve(REPO, 'test/fixtures/perfmon', f), f);
      expect(fast).toEqual(general);
    }
  });
  it('on a seeded file of every kind of cell, with rejects and blanks actually present', async () => {
    const dir = tempDir('perfmon-fast');
    const path = join(dir, 'mixed.csv');
    writeFileSync(path, mixed(7));
    const { fast, general } = await both(path, 'mixed.csv');
    expect(fast).toEqual(general);
    // The file exercises both paths: rows taken fast, rows rejected, blank samples skipped.
    expect(fast.rows.accepted).toBeGreaterThan(1000);
    expect(fast.rows.rejected).toBeGreaterThan(50);
    expect(fast.issues.some((i) => i.code === 'data.skipped')).toBe(true);
  });
});
