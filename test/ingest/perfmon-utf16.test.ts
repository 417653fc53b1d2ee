import { describe, it, expect } from 'vitest';
import { join, resolve } from 'node:path';
import { loadUtilization } from '../../src/ingest/registry.js';
import { loadLongCsv } from '../../src/ingest/long.js';
import { argsOf } from '../../src/model/issue.js';
import { tempDir } from '../helpers/fixtures.js';
import { writeFileSync } from 'node:fs';
import { REPO } from '../helpers/paths.js';

/**
 * UTF-16 ("Unicode") perfmon files, as relog and Performance Monitor can save them: the
 * fixtures two-hosts-utf16le.csv and two-hosts-utf16be.csv are test/fixtures/perfmon/two-hosts.csv
 * encoded as UTF-16 little- and big-endian with a byte-order mark; they read exactly as it does.
 */
const FIX = resolve(REPO, 'test/fixtures/perfmon');

describe('perfmon in UTF-16', () => {
  it('is detected and read like its UTF-8 twin, little- and big-endian', async () => {
    const utf8 = await loadUtilization(join(FIX, 'two-hosts.csv'), 'auto', { label: 'two-hosts.csv' });
    for (const name of ['two-hosts-utf16le.csv', 'two-hosts-utf16be.csv']) {
      const u = await loadUtilization(join(FIX, name), 'auto', { label: name });
      expect(u.format).toBe('perfmon');
      expect(argsOf(u.issues[0], 'file.detected-format')).toEqual({ format: 'perfmon' });
      expect(u.rows).toEqual(utf8.rows);
      expect(u.series.map((s) => s.id)).toEqual(['DB01', 'WEB01']);
      for (let k = 0; k < 2; k++) {
        expect(Array.from(u.series[k].samples.timestampsSec)).toEqual(Array.from(utf8.series[k].samples.timestampsSec));
        expect(Array.from(u.series[k].samples.cpuFraction)).toEqual(Array.from(utf8.series[k].samples.cpuFraction));
      }
    }
  });

  it('a UTF-16 long CSV is still named for what it is, with what to do', async () => {
    const dir = tempDir('utf16-long');
    const p = join(dir, 'long.csv');
    writeFileSync(p, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('timestamp,id,cpu_pct\n2024-03-01T00:00:00Z,a,5\n', 'utf16le')]));
    await expect(loadLongCsv(p, { label: 'long.csv' })).rejects.toThrow(/UTF-16 text/);
  });
});
