import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadLongCsv, LONG_FAST_ROWS } from '../../src/ingest/long.js';
import type { UtilizationLoadOptions } from '../../src/ingest/utilization.js';
import { DIALECT_SAMPLE_ROWS } from '../../src/ingest/dialect.js';
import { tempDir } from '../helpers/fixtures.js';
import { REPO } from '../helpers/paths.js';
import { mulberry32 } from '../../src/packing/internal.js';
import { lead, mixed, ODD_TS } from '../helpers/long-mixed.js';

/**
 * The fused long-CSV row reader (rows read in place, without splitting them into strings) against
 * the general path (split, then each cell read by readNumber and parseTimestamp): the same load,
 * sample for sample and issue for issue, on the hand-made fixtures and on seeded files mixing every
 * kind of cell the fast path must hand over (signs, exponents, spaces, percent signs, quotes,
 * decimal commas, ambiguous 1.234, empty and extra cells, bad dates, offsets, milliseconds),
 * exactly and past the sample budget (sketched, the switch inside the file).
 */

afterEach(() => {
  LONG_FAST_ROWS.enabled = true;
});

async function both(path: string, opts: UtilizationLoadOptions = {}) {
  LONG_FAST_ROWS.enabled = true;
  const before = LONG_FAST_ROWS.taken;
  const fast = await loadLongCsv(path, opts);
  const taken = LONG_FAST_ROWS.taken - before;
  LONG_FAST_ROWS.enabled = false;
  const general = await loadLongCsv(path, opts);
  LONG_FAST_ROWS.enabled = true;
  // The general path alone took no row fast.
  expect(LONG_FAST_ROWS.taken - before).toBe(taken);
  return { fast, general, taken };
}

describe('long CSV fused row reader = general path', () => {
  it('on the hand-made fixtures, after plain lead rows (the fast path starts once the decimal separator is decided)', async () => {
    const dir = tempDir('long-fast');
    for (const f of ['test/fixtures/long/utilization.csv', 'test/fixtures/io/long.csv']) {
      const text = readFileSync(resolve(REPO, f), 'utf8').split(/\r?\n/);
      const cols = text[0].split(',').length;
      const path = join(dir, f.replace(/\W/g, '_'));
      writeFileSync(path, [text[0], ...lead(DIALECT_SAMPLE_ROWS, cols - 1, 3, (x) => x.toFixed(2)), ...text.slice(1)].join('\n'));
      const { fast, general, taken } = await both(path, { label: f });
      expect(fast).toEqual(general);
      expect(taken).toBeGreaterThan(0);
      expect(fast.rows.read).toBe(fast.rows.accepted + fast.rows.rejected);
    }
  });

  it('on a seeded file of odd cells: rows taken fast, rejects and every sample the same', async () => {
    const dir = tempDir('long-fast');
    const path = join(dir, 'mixed.csv');
    writeFileSync(path, mixed(11, 6000));
    const { fast, general, taken } = await both(path, { label: 'mixed.csv' });
    expect(fast).toEqual(general);
    // Both paths ran on the rows after the lead: most taken fast, the odd ones (and the lines an
    // unclosed quote joins into one record) read the general way.
    expect(taken).toBeGreaterThan(2000);
    expect(fast.rows.read - DIALECT_SAMPLE_ROWS - taken).toBeGreaterThan(300);
    expect(fast.rows.rejected).toBeGreaterThan(200);
    expect(fast.rows.read).toBe(fast.rows.accepted + fast.rows.rejected);
    for (const code of ['row.invalid-number', 'row.invalid-timestamp', 'row.out-of-range', 'row.column-count', 'row.missing-value', 'file.unit-detected']) {
      expect(fast.issues.some((i) => i.code === code), code).toBe(true);
    }
  });

  it('past the sample budget: the switch to the sketch inside the file', async () => {
    const dir = tempDir('long-fast');
    const path = join(dir, 'sketched.csv');
    // Odd timestamps of 2024 only: a sketched series keeps hourly means from its first to its last hour.
    writeFileSync(path, mixed(5, 3000, ODD_TS.filter((t) => t.startsWith('2024') || t.startsWith('17'))));
    const { fast, general, taken } = await both(path, { label: 'sketched.csv', sampleBudget: 2500 });
    expect(fast).toEqual(general);
    expect(taken).toBeGreaterThan(2000);
    expect(fast.series.some((s) => s.samples.sketch !== undefined && s.samples.diskMbPerS !== undefined)).toBe(true);
  });

  it('with a decimal separator the first rows leave unknown (integers, semicolons): 1.234 is handed over', async () => {
    const dir = tempDir('long-fast');
    const path = join(dir, 'unknown.csv');
    const rnd = mulberry32(9);
    const lines = ['timestamp;id;cpu_pct;memory_used_gb'];
    for (let k = 0; k < DIALECT_SAMPLE_ROWS + 2000; k++) {
      const v = k < DIALECT_SAMPLE_ROWS ? String(Math.floor(rnd() * 100)) : rnd() < 0.1 ? ['1.234', '12.500', '0.125', '7.5', '1,5', '100.25'][Math.floor(rnd() * 6)] : String(Math.floor(rnd() * 100));
      lines.push(`${1709251200 + k * 60};h-${k % 3};${v};${Math.floor(rnd() * 64)}`);
    }
    writeFileSync(path, lines.join('\n'));
    const { fast, general, taken } = await both(path, { label: 'unknown.csv' });
    expect(fast).toEqual(general);
    expect(fast.issues.find((i) => i.code === 'file.dialect-detected')?.args).toMatchObject({ decimal: 'unknown' });
    expect(taken).toBeGreaterThan(1500);
    const raws = new Set(fast.issues.filter((i) => i.code === 'row.invalid-number').map((i) => i.raw));
    expect([...raws].sort()).toEqual(['1.234', '12.500']);
  });
});
