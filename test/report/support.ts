import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { findChromium, headlessFlags, INSTALL_HINT } from '../helpers/browser.js';

/** Runs `consolidate plan|pack` once per format and returns stdout, failing loudly on a non-zero exit. */
export function renderAll(args: string[], formats: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of formats) {
    const r = runCli([...args, '--format', f]);
    if (r.code !== 0) throw new Error(`${args.join(' ')} --format ${f}: exit ${r.code}\n${r.stderr}`);
    out[f] = r.stdout;
  }
  return out;
}

/** "12,345.6" → 12345.6; "74%" → 74; "-" → NaN. */
export function parseNum(s: string): number {
  const t = s.replace(/[,%$\s]/g, '').replace(/^\\?-/, '-');
  return t === '' || t === '-' ? NaN : Number(t);
}

/** Splits a GFM table row on unescaped pipes. */
export function mdCells(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      cur += c + line[i + 1];
      i++;
    } else if (c === '|') {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  cells.push(cur);
  return cells.slice(1, -1).map((x) => x.trim());
}

/** Decodes the few entities our HTML writes. */
export function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Visible text of an HTML document: drops head, style, and tags; decodes entities; collapses space. */
export function visibleText(htmlDoc: string): string {
  return unescapeHtml(
    htmlDoc
      .replace(/<head>[\s\S]*?<\/head>/i, ' ')
      .replace(/<style[\s\S]*?<\/style>/gi, ' ')
      .replace(/<title>[\s\S]*?<\/title>/gi, ' ')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

export function chromiumPath(): string {
  const p = findChromium();
  if (!p) throw new Error(`chromium not found: install it (${INSTALL_HINT}); REQUIRE_BROWSER=1 is set, so this fails instead of skipping`);
  return p;
}

/** Runs headless Chromium (the shared test flags, network disabled) on a local file. */
export function chromium(file: string, mode: { screenshot: string } | { dumpDom: true }, size = '1280,2000'): { code: number; stdout: string; stderr: string } {
  const profile = mkdtempSync(join(tmpdir(), 'cp-chromium-'));
  const args = [
    ...headlessFlags(profile),
    `--window-size=${size}`,
    ...('screenshot' in mode ? [`--screenshot=${mode.screenshot}`] : ['--dump-dom']),
    `file://${file}`,
  ];
  const r = spawnSync(chromiumPath(), args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cp-report-'));
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

export { readFileSync };
