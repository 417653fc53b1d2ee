import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, copyFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO } from '../helpers/paths.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * The published package works from a clean folder: `npm pack` the repository (dist/ is built by
 * `npm test`'s pretest), install the tarball into an empty temp folder and run
 * examples/embedding/procurement.mjs against it. One test: it is the slowest of the suite.
 */
describe('the tarball API from a clean folder', () => {
  it('installs with npm and runs the embedding example', () => {
    const work = mkdtempSync(join(tmpdir(), 'cp-tarball-'));
    try {
      const packDir = join(work, 'pack');
      const app = join(work, 'app');
      mkdirSync(packDir);
      mkdirSync(app);
      execFileSync(npm, ['pack', '--silent', '--pack-destination', packDir], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const tgz = readdirSync(packDir).filter((f) => f.endsWith('.tgz'));
      expect(tgz).toHaveLength(1);
      copyFileSync(join(REPO, 'examples/embedding/procurement.mjs'), join(app, 'procurement.mjs'));
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'embed-test', private: true, type: 'module' }));
      execFileSync(npm, ['install', join(packDir, tgz[0]), '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error'], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
      const out = execFileSync(process.execPath, ['procurement.mjs'], { cwd: app, encoding: 'utf8', timeout: 60_000 });
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
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 180_000);
});
