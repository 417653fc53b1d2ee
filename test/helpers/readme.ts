import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, REPO } from './paths.js';

/**
 * README.md as tests see it: its fenced blocks, each with the `<!-- readme-test: KIND reason -->`
 * marker written just before it, if any. Kinds:
 * - `skip`: not run by any test (the reason says why, e.g. it installs packages);
 * - `data`: needs the public data sets; run by the data suite (readme.data.test.ts);
 * - `long`: a long measurement; its commands are checked against the benchmark list, not run.
 * Shell blocks (```sh) hold commands; a block without a language whose first line starts with
 * `$ ` is a transcript: the command, then its output as README shows it.
 */
export interface ReadmeBlock {
  lang: string;
  /** 1-based line of the opening fence. */
  line: number;
  lines: string[];
  mark?: { kind: 'skip' | 'data' | 'long'; reason: string };
}

export function readmeBlocks(text = readFileSync(join(REPO, 'README.md'), 'utf8')): ReadmeBlock[] {
  const lines = text.split('\n');
  const out: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j])) j++;
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === '') k--;
    const m = k >= 0 ? /^<!--\s*readme-test:\s*(skip|data|long)\b:?\s*(.*?)\s*-->$/.exec(lines[k].trim()) : null;
    out.push({ lang: open[1], line: i + 1, lines: lines.slice(i + 1, j), mark: m ? { kind: m[1] as 'skip' | 'data' | 'long', reason: m[2] } : undefined });
    i = j;
  }
  return out;
}

/** The shell commands of a ```sh block: continuation lines joined, trailing `# comments` dropped. */
export function shellCommands(b: ReadmeBlock): string[] {
  const joined: string[] = [];
  let cur = '';
  for (const l of b.lines) {
    const s = l.replace(/\s+#\s.*$/, '').trimEnd();
    if (s.endsWith('\\')) cur += s.slice(0, -1) + ' ';
    else {
      cur += s;
      if (cur.trim()) joined.push(cur.trim().replace(/\s+/g, ' '));
      cur = '';
    }
  }
  return joined;
}

/** Splits a command line into words (single and double quotes; no expansion). */
export function words(cmd: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of cmd.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

export interface Ran {
  command: string;
  code: number;
  stdout: string;
  stderr: string;
}

const PKG = () => JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/**
 * Runs one README command from the repository root, against the built CLI (`npm test` builds
 * first): `consolidate ARGS` runs bin/consolidate.js; `npm run NAME [-- ARGS]` runs the script's
 * command without its build step (dist/ is already built, and rebuilding it would race the other
 * test files); `VAR=value` prefixes set the environment; `A && B` runs both.
 */
export function runReadmeCommand(command: string, env: Record<string, string> = {}, timeoutMs = 120_000): Ran {
  const parts = command.split(/\s+&&\s+/);
  let last: Ran = { command, code: 0, stdout: '', stderr: '' };
  for (const part of parts) {
    const w = words(part);
    const vars: Record<string, string> = {};
    while (w.length && /^[A-Z_][A-Z0-9_]*=/.test(w[0])) {
      const [k, ...v] = w.shift()!.split('=');
      vars[k] = v.join('=');
    }
    let argv: string[];
    if (w[0] === 'consolidate') argv = [process.execPath, BIN, ...w.slice(1)];
    else if (w[0] === 'node') argv = [process.execPath, ...w.slice(1)];
    else if (w[0] === 'npm' && w[1] === 'run') {
      const script = PKG().scripts[w[2]];
      if (script === undefined) throw new Error(`README runs npm run ${w[2]}, which package.json does not define`);
      const body = script.replace(/^npm run build --silent && /, '');
      if (body.includes('npm ')) throw new Error(`npm run ${w[2]} (${script}) cannot be run by the README test`);
      const extra = w[3] === '--' ? w.slice(4) : w.slice(3);
      argv = ['sh', '-c', [body, ...extra.map((x) => `'${x.replace(/'/g, `'\\''`)}'`)].join(' ')];
    } else throw new Error(`README command not runnable by the test (mark its block): ${part}`);
    const r = spawnSync(argv[0], argv.slice(1), { cwd: REPO, env: { ...process.env, NO_COLOR: '1', ...env, ...vars }, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, input: '' });
    last = { command: part, code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    if (last.code !== 0) return last;
  }
  return last;
}

/**
 * Whether the output README shows matches the real output: the shown lines, split at `...` lines,
 * are runs of consecutive lines of the real output, in order (`...` = lines left out).
 */
export function shownOutputMatches(shown: string[], real: string): { ok: true } | { ok: false; missing: string[] } {
  const realLines = real.replace(/\n$/, '').split('\n').map((l) => l.trimEnd());
  const segments: string[][] = [[]];
  for (const l of shown) {
    if (l.trim() === '...') segments.push([]);
    else segments[segments.length - 1].push(l.trimEnd());
  }
  let from = 0;
  for (const seg of segments.filter((s) => s.length)) {
    let found = -1;
    for (let i = from; i + seg.length <= realLines.length && found < 0; i++) if (seg.every((l, k) => realLines[i + k] === l)) found = i;
    if (found < 0) return { ok: false, missing: seg };
    from = found + seg.length;
  }
  // without a leading or trailing `...`, the shown output starts or ends where the real one does
  if (shown.length && shown[0].trim() !== '...' && realLines[0] !== segments[0][0]) return { ok: false, missing: [`(first line) ${segments[0][0]}`] };
  if (shown.length && shown[shown.length - 1].trim() !== '...') {
    const lastSeg = segments[segments.length - 1];
    if (realLines[realLines.length - 1] !== lastSeg[lastSeg.length - 1]) return { ok: false, missing: [`(last line) ${lastSeg[lastSeg.length - 1]}`] };
  }
  return { ok: true };
}
