import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from '../helpers/paths.js';
import { listDefaults, type DefaultValue } from '../../src/defaults/registry.js';

/**
 * docs/models.md documents every default of the registry with its current value, and every
 * anchor of it cited anywhere (registry sources, code comments, README, tests) exists.
 */
const DOC = readFileSync(join(REPO, 'docs/models.md'), 'utf8');
const ANCHORS = new Set([...DOC.matchAll(/<a id="([\w-]+)"><\/a>/g)].map((m) => m[1]));

/** A value as docs/models.md writes it in its tables. */
function shown(v: DefaultValue): string {
  return Array.isArray(v) ? v.map(String).join(', ') : String(v);
}
/** The table row of a key: `| \`key\` | value | ...`. */
function row(key: string): string[] | undefined {
  const line = DOC.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));
  return line?.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('docs/models.md', () => {
  const entries = listDefaults();

  it('has a table row for every registry key, with the value in force and the unit', () => {
    expect(entries.length).toBeGreaterThan(150);
    const problems: string[] = [];
    for (const e of entries) {
      const r = row(e.key);
      if (!r) problems.push(`${e.key}: no row`);
      else if (r[2] !== shown(e.value)) problems.push(`${e.key}: docs say ${r[2]}, registry has ${shown(e.value)}`);
    }
    expect(problems).toEqual([]);
  });

  it('every registry source names its section of docs/models.md, and that anchor exists', () => {
    for (const e of entries) {
      const cited = [...e.source.matchAll(/docs\/models\.md#([\w-]+)/g)].map((m) => m[1]);
      expect(cited.length, e.key).toBeGreaterThan(0);
      for (const a of cited) expect(ANCHORS.has(a), `${e.key} cites #${a}`).toBe(true);
    }
  });

  it('every anchor of docs/models.md cited in src, bin, README, docs and test exists', () => {
    const files = [...walk(join(REPO, 'src')), ...walk(join(REPO, 'bin')), ...walk(join(REPO, 'docs')), ...walk(join(REPO, 'test')), join(REPO, 'README.md')];
    const missing: string[] = [];
    let cited = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/docs\/models\.md#([\w-]+)/g)) {
        cited++;
        if (!ANCHORS.has(m[1])) missing.push(`${relative(REPO, f)}: #${m[1]}`);
      }
      // in-document links
      if (f.endsWith('models.md')) for (const m of text.matchAll(/\]\(#([\w-]+)\)/g)) if (!ANCHORS.has(m[1])) missing.push(`docs/models.md: (#${m[1]})`);
    }
    expect(cited).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('cites primary sources, never the research notes or files outside the repository', () => {
    for (const text of [DOC, ...entries.map((e) => e.source)]) expect(text).not.toMatch(/MODELS\.md|PACKING-NOTES|DESIGN\.md|\.\.\/shared/);
    // every evidence tag used is one the document defines
    const tags = new Set([...DOC.matchAll(/\[(R2?|C|I)\]/g)].map((m) => m[1]));
    for (const e of entries) for (const m of e.source.matchAll(/\[([A-Z]\d?)(?:\/([A-Z]\d?))?\]/g)) for (const t of [m[1], m[2]].filter(Boolean)) expect(tags.has(t), `${e.key}: [${t}]`).toBe(true);
  });
});
