import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { REPO } from '../helpers/paths.js';
import { readmeBlocks, shellCommands, runReadmeCommand, shownOutputMatches, words } from '../helpers/readme.js';
import { BENCHMARKS } from '../../benchmarks/run-all.mjs';
import { runCli } from '../helpers/run-cli.js';
import { SERVER_COLUMNS } from '../../src/ingest/servers.js';
import { HOST_COLUMNS } from '../../src/ingest/hosts.js';
import { LONG_FIELDS } from '../../src/ingest/fields.js';

/**
 * README.md is true: every command of its ```sh blocks runs (against the built CLI) and exits 0;
 * every transcript (`$ command` then output) prints what README shows; every TypeScript snippet
 * compiles with tsc --strict against the package's own types. Blocks that need the public data
 * sets are run by readme.data.test.ts; blocks marked skip or long say why in their marker.
 */
const README = readFileSync(join(REPO, 'README.md'), 'utf8');
const blocks = readmeBlocks(README);
const sh = blocks.filter((b) => b.lang === 'sh');
const transcripts = blocks.filter((b) => b.lang === '' && b.lines[0]?.startsWith('$ '));

/** Compiles snippets (each a module) with tsc --strict against the package's own types (dist/). */
function compile(sources: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'cp-readme-ts-'));
  const files = sources.map((src, i) => {
    const f = join(dir, `snippet-${i}.mts`);
    // an export makes each snippet a module (top-level await, no global clashes between snippets)
    writeFileSync(f, `${src}\nexport {};\n`);
    return f;
  });
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    typeRoots: [join(REPO, 'node_modules/@types')],
    skipLibCheck: true,
    paths: { 'consolidation-planner': [join(REPO, 'dist/index.d.ts')] },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${d.file ? d.file.fileName.replace(dir, 'README snippet') : ''}${where ? `:${where.line + 1}` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('README.md', () => {
  it('keeps its quick start: npm ci && npm start, and names npm test', () => {
    const quick = README.slice(README.indexOf('## Quick start'), README.indexOf('\n## ', README.indexOf('## Quick start') + 5));
    const first = blocks.find((b) => b.line > README.slice(0, README.indexOf('## Quick start')).split('\n').length)!;
    expect(first.lines).toEqual(['npm ci && npm start', 'npm test']);
    expect(quick).toContain('`npm test`');
  });

  it('marks every block it does not run, with a reason', () => {
    for (const b of blocks.filter((x) => x.mark)) expect(b.mark!.reason.length, `README line ${b.line}`).toBeGreaterThan(10);
    // every shell command is either run here, run by the data suite, or explicitly marked
    for (const b of sh) for (const c of shellCommands(b)) if (!b.mark) expect(() => words(c), c).not.toThrow();
    expect(sh.filter((b) => !b.mark).length).toBeGreaterThan(5);
    expect(transcripts.length).toBeGreaterThanOrEqual(4);
  });

  for (const b of sh.filter((x) => !x.mark)) {
    for (const c of shellCommands(b)) {
      it(`runs: ${c.length > 90 ? c.slice(0, 87) + '...' : c} (README line ${b.line})`, () => {
        const r = runReadmeCommand(c);
        expect(r.code, `${r.command}\n${r.stderr}`).toBe(0);
        expect(r.stdout.length + r.stderr.length).toBeGreaterThan(0);
      });
    }
  }

  for (const b of transcripts.filter((x) => !x.mark)) {
    const cmd = b.lines[0].slice(2);
    it(`prints what it shows: ${cmd.length > 80 ? cmd.slice(0, 77) + '...' : cmd} (README line ${b.line})`, () => {
      const r = runReadmeCommand(cmd);
      const m = shownOutputMatches(b.lines.slice(1), r.stdout);
      expect(m, `${cmd}\n--- real output ---\n${r.stdout}${r.stderr}`).toEqual({ ok: true });
    });
  }

  it('the long measurements it lists are the benchmarks run-all knows, with their full settings', () => {
    const long = sh.filter((b) => b.mark?.kind === 'long');
    expect(long.length).toBeGreaterThan(0);
    const full = new Set(BENCHMARKS.map((x) => `${x.script.endsWith('.sh') ? '' : 'node '}benchmarks/${x.script} ${x.full.join(' ')}`.trim()));
    for (const b of long) {
      for (const c of shellCommands(b)) {
        if (c.startsWith('npm run ')) continue;
        expect(full.has(c), `${c} is not a full benchmark setting of benchmarks/run-all.mjs`).toBe(true);
      }
    }
  });

  it('every TypeScript snippet compiles with tsc --strict against the package types', () => {
    const snippets = blocks.filter((b) => b.lang === 'ts');
    expect(snippets.length).toBeGreaterThan(0);
    expect(compile(snippets.map((b) => b.lines.join('\n')))).toEqual([]);
    // the check can fail: an element that may be undefined is rejected under --strict
    const bad = compile([`import { plan, BUILTIN_HOSTS } from 'consolidation-planner';\nawait plan({ workloads: [], hostModels: [BUILTIN_HOSTS.find((h) => h.type === 'dell-r7525')] });`]);
    expect(bad.join('\n')).toMatch(/undefined/);
  }, 120_000);

  it('the transcript comparison catches a wrong figure and a missing line', () => {
    const real = 'a\nb 1\nc\nd\n';
    expect(shownOutputMatches(['a', '...', 'c', '...'], real)).toEqual({ ok: true });
    expect(shownOutputMatches(['...', 'b 2', '...'], real).ok).toBe(false);
    expect(shownOutputMatches(['a', 'c', '...'], real).ok).toBe(false);
    expect(shownOutputMatches(['a', '...', 'c'], real).ok).toBe(false); // d follows: needs a closing ...
  });

  it('documents every CSV column the inputs read, and plan --help lists them too', () => {
    const help = runCli(['plan', '--help']).stdout.replace(/\s+/g, ' ');
    const keys = [...SERVER_COLUMNS.map((c) => c.field.key), ...HOST_COLUMNS.map((c) => c.field.key), ...LONG_FIELDS.map((f) => f.key)].filter((k) => !/^w_\d+pct$/.test(k));
    for (const k of keys) {
      expect(help, k).toMatch(new RegExp(`[ ,(;:]${k}[ ,);]`));
      expect(README, k).toContain(k);
    }
    expect(help).toContain('w_0pct .. w_100pct');
  });

  it('documents npx consolidate, PlanOptionsInput and the seven commands', () => {
    expect(README).toContain('npx consolidate');
    expect(README).toContain('PlanOptionsInput');
    for (const c of ['plan', 'pack', 'hosts', 'defaults', 'whatif', 'validate', 'replay']) expect(README).toContain(`### \`consolidate ${c}\``);
  });
});
