import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, copyFileSync, writeFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO } from '../helpers/paths.js';
import { checkProcurementOutput } from './embedding-output.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * The published package works from a clean folder: `npm pack` the repository (dist/ is built by
 * `npm test`'s pretest), install the tarball into an empty temp folder and run
 * examples/embedding/procurement.mjs against it, both as a copy in the app and as shipped inside
 * the installed package. One test: it is the slowest of the suite (about a minute on an idle
 * 2-core machine, several minutes on a loaded one, hence the generous limits).
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
      execFileSync(npm, ['install', join(packDir, tgz[0]), '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error'], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
      const copied = execFileSync(process.execPath, ['procurement.mjs'], { cwd: app, encoding: 'utf8', timeout: 60_000 });
      checkProcurementOutput(copied);
      // the example as shipped inside the installed package resolves the package by its name too
      const shipped = execFileSync(process.execPath, [join('node_modules', 'consolidation-planner', 'examples', 'embedding', 'procurement.mjs')], { cwd: app, encoding: 'utf8', timeout: 60_000 });
      expect(shipped).toBe(copied);
      // the CLI of the installed package, as README says: npx consolidate
      const npx = execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--no', 'consolidate', 'hosts'], { cwd: app, encoding: 'utf8', timeout: 60_000 });
      expect(npx).toContain('dell-r7525 (default)');
      // the package ships its licence and its models document
      expect(existsSync(join(app, 'node_modules', 'consolidation-planner', 'LICENSE'))).toBe(true);
      expect(existsSync(join(app, 'node_modules', 'consolidation-planner', 'docs', 'models.md'))).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 480_000);
});
