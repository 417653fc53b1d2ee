import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { renderAll, mdCells, visibleText, chromium } from './support.js';
import { skipBrowserTests } from '../helpers/browser.js';

/**
 * Names are data. A servers file whose ids are formulas, markup, pipes, quotes, backticks and
 * newlines (test/report/fixtures/hostile-servers.csv, written for this test) is planned in every
 * format, and each output is checked to show the names as text and nothing else.
 */
const FIXTURE = 'test/report/fixtures/hostile-servers.csv';
const ARGS = ['plan', '--servers', FIXTURE, '--time-limit', '0'];
const out = renderAll(ARGS, ['json', 'text', 'md', 'csv', 'html']);
const j = JSON.parse(out.json);
const ids: string[] = j.vms.map((v: { id: string }) => v.id);

const HYPERLINK = '=HYPERLINK("http://x","click")';
const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '&amp; </td><script>alert(2)</script>';

describe('hostile names in every format', () => {
  it('the fixture reaches the report: ids survive ingest unchanged (JSON round trip)', () => {
    for (const name of [HYPERLINK, IMG, '|pipe|', 'say "hi", ok', 'multi\r\nline', '+cmd|calc!A0', '@SUM(1+1)', '-2+3', SCRIPT]) expect(ids).toContain(name);
    expect(j.summary.rows.rejected).toBe(1);
    expect(j.unplaced.map((u: { id: string }) => u.id).sort()).toEqual(['esc\x1b[31mred\x07', 'huge-<i>vm</i>']);
  });

  it('CSV: valid RFC 4180, every id readable back, and no cell a spreadsheet would run as a formula', () => {
    const rows = parse(out.csv, { columns: true, relax_quotes: false }) as Record<string, string>[];
    expect(rows.length).toBe(ids.length);
    const back = rows.map((r) => r.vm_id);
    for (const row of rows) {
      for (const cell of Object.values(row)) {
        // OWASP: a cell that starts with = + - @ tab or CR is either a plain number or neutralized with a quote.
        if (/^[=+\-@\t\r]/.test(cell)) expect(cell, cell).toMatch(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/);
      }
    }
    expect(back).toContain(`'${HYPERLINK}`);
    expect(back).toContain("'+cmd|calc!A0");
    expect(back).toContain("'@SUM(1+1)");
    expect(back).toContain("'-2+3");
    expect(back).toContain('multi\r\nline');
    expect(back).toContain('say "hi", ok');
    expect(back).toContain(IMG);
  });

  it('summary CSV is valid too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-hostile-'));
    const r = runCli([...ARGS, '--format', 'csv', '--out', join(dir, 'p.csv'), '--summary-csv', join(dir, 's.csv')]);
    expect(r.code).toBe(0);
    const rows = parse(readFileSync(join(dir, 's.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.find((x) => x.key === 'summary.rows.rejected')?.value).toBe('1');
  });

  it('Markdown: every table row has as many cells as its header; no raw HTML; names escaped', () => {
    const lines = out.md.split('\n');
    let header = -1;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (!l.startsWith('|')) {
        header = -1;
        continue;
      }
      const n = mdCells(l).length;
      if (header < 0) header = n;
      else expect(n, `line ${i + 1}: ${l}`).toBe(header);
    }
    expect(out.md).not.toMatch(/<(img|script|i|td)\b/i);
    expect(out.md).toContain('\\|pipe\\|');
    expect(out.md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out.md).toContain('\\`tick\\`');
    expect(out.md).toContain('multi<br>line');
  });

  it('text: no control characters from names reach the terminal, names show as plain text', () => {
    // eslint-disable-next-line no-control-regex
    expect(out.text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(out.text).toContain('huge-<i>vm</i>');
    expect(out.text).toContain('esc?[31mred?');
  });

  it('HTML: names are escaped (no element from input), and show as text', () => {
    expect(out.html).not.toContain('<img');
    expect(out.html).not.toContain('<script');
    expect(out.html).not.toContain('<i>');
    expect(out.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out.html).toContain('&amp;amp; &lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    const text = visibleText(out.html);
    expect(text).toContain(IMG);
    expect(text).toContain(HYPERLINK);
    expect(text).toContain('huge-<i>vm</i>');
    expect(text).toContain('"<b>x</b>"'); // the rejected cell's raw value, in the rejected-rows table
  });

  it.skipIf(skipBrowserTests())('HTML in Chromium: the DOM has no element made from a name, and the names are in its text', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cp-hostile-')), 'plan.html');
    writeFileSync(file, out.html);
    const r = chromium(file, { dumpDom: true });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/<img|<script|<i>/i);
    expect(visibleText(r.stdout)).toContain(IMG);
  });
});
