import { describe, it, expect, afterEach } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadPerfmon, PERFMON_FAST_ROWS } from '../../src/ingest/perfmon.js';
import { tempDir } from '../helpers/fixtures.js';
import { REPO } from '../helpers/paths.js';
import { mixed } from '../helpers/perfmon-mixed.js';

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
