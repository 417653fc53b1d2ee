import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../helpers/paths.js';
import { BENCHMARKS, benchmarkFiles } from '../../benchmarks/run-all.mjs';

/** The package's own files: every script points at a file that exists; licence and shipped files. */
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { license: string; files: string[]; scripts: Record<string, string>; bin: Record<string, string> };

describe('package.json', () => {
  it('every file a script runs exists (node FILE, bash FILE, --config FILE, -p FILE)', () => {
    const missing: string[] = [];
    for (const [name, cmd] of Object.entries(pkg.scripts)) {
      for (const m of cmd.matchAll(/(?:\bnode|\bbash|--config|-p)\s+([\w./-]+\.(?:json|m?js|ts|sh))/g)) if (!existsSync(join(REPO, m[1]))) missing.push(`${name}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
    for (const f of Object.values(pkg.bin)) expect(existsSync(join(REPO, f)), f).toBe(true);
  });
  it('npm run bench runs every benchmark script there is', () => {
    expect(pkg.scripts.bench).toContain('benchmarks/run-all.mjs');
    expect([...new Set(BENCHMARKS.map((b) => b.script))].sort()).toEqual(benchmarkFiles());
  });
  it('is Apache-2.0 with the full licence text, and ships LICENSE and docs/', () => {
    expect(pkg.license).toBe('Apache-2.0');
    const text = readFileSync(join(REPO, 'LICENSE'), 'utf8');
    expect(text).toContain('Apache License');
    expect(text).toContain('Version 2.0, January 2004');
    expect(text).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    expect(text).toContain('9. Accepting Warranty or Additional Liability.');
    expect(text).toContain('END OF TERMS AND CONDITIONS');
    expect(pkg.files).toEqual(expect.arrayContaining(['LICENSE', 'docs', 'README.md', 'dist', 'bin', 'examples']));
  });
  it('test:data runs the data suite; npm test does not', () => {
    expect(pkg.scripts['test:data']).toContain('vitest.data.config.ts');
    expect(pkg.scripts.test).not.toContain('data');
  });
});
