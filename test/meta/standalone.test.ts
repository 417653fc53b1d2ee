import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from '../helpers/paths.js';

/**
 * `npm test` stands on its own: no file of the standalone suite reads the public data sets. Those
 * tests are named `*.data.test.ts` and run with `npm run test:data` (vitest.data.config.ts).
 */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const files = walk(join(REPO, 'test')).filter((f) => f.endsWith('.ts')).map((f) => relative(REPO, f));
const DATA_ACCESS = /helpers\/data-dir|scripts\/data-dir|CONSOLIDATE_DATA_DIR|shared\/data|\bload(Falkenauer|CapraraToth|Multidim)\b|\bdataRoot\b/;
const DATA_SIDE = new Set(['test/helpers/data-dir.ts', 'test/setup/data-suite.ts', 'test/meta/standalone.test.ts']);

describe('the standalone suite needs nothing outside the repository', () => {
  it('no standalone test file reads the public data sets', () => {
    const offenders = files.filter((f) => !f.endsWith('.data.test.ts') && !DATA_SIDE.has(f) && DATA_ACCESS.test(readFileSync(join(REPO, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
  it('every data test file is excluded from npm test and included in the data suite', async () => {
    const data = files.filter((f) => f.endsWith('.data.test.ts'));
    expect(data.length).toBeGreaterThan(0);
    for (const f of data) expect(DATA_ACCESS.test(readFileSync(join(REPO, f), 'utf8')), f).toBe(true);
    const std = (await import('../../vitest.config.js')).default as { test: { exclude: string[] } };
    const dat = (await import('../../vitest.data.config.js')).default as { test: { include: string[] } };
    expect(std.test.exclude).toContain('test/**/*.data.test.ts');
    expect(dat.test.include).toEqual(['test/**/*.data.test.ts']);
  });
});

describe('nothing refers to files outside the repository or to issue numbers', () => {
  it('src, bin, docs and README name no research notes, no ../shared and no issue numbers', () => {
    const files = [...walk(join(REPO, 'src')), ...walk(join(REPO, 'bin')), ...walk(join(REPO, 'docs')), join(REPO, 'README.md')];
    const bad: string[] = [];
    for (const f of files) {
      readFileSync(f, 'utf8').split('\n').forEach((l, i) => {
        if (/MODELS\.md|PACKING-NOTES|DESIGN\.md|\.\.\/shared/.test(l) || /\bissues? #?\d+\b/i.test(l)) bad.push(`${relative(REPO, f)}:${i + 1}: ${l.trim().slice(0, 100)}`);
      });
    }
    expect(bad).toEqual([]);
  });
});
