import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { chromium, visibleText } from './support.js';
import { decodePng, imageStats, crop } from './png.js';
import { skipBrowserTests } from '../helpers/browser.js';

/**
 * The HTML report of the bundled data center opens in headless Chromium (Debian package
 * `chromium`; .ci/run installs it and sets REQUIRE_BROWSER=1) with the network disabled: it renders to a non-blank PNG, and
 * the page's text shows the summary figures of the JSON.
 */
const DC = 'examples/datacenter/servers.csv';
const dir = mkdtempSync(join(tmpdir(), 'cp-browser-'));
const htmlFile = join(dir, 'plan.html');
const pngFile = join(dir, 'plan.png');
const gen = runCli(['plan', '--servers', DC, '--time-limit', '0', '--format', 'html', '--out', htmlFile]);
const j = JSON.parse(runCli(['plan', '--servers', DC, '--time-limit', '0', '--format', 'json']).stdout);
const html = readFileSync(htmlFile, 'utf8');
const fmt0 = (x: number) => Math.round(x).toLocaleString('en-US');

describe('HTML report file (bundled data center)', () => {
  it('is one self-contained file: no scripts, no external references', () => {
    expect(gen.code).toBe(0);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|url\(/i);
    expect(html).not.toMatch(/\s(src|href)=/i);
    // The only URL is the SVG namespace (an identifier, never fetched).
    expect([...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]).filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
    expect(html).toContain("default-src 'none'");
  });

  it('has a print stylesheet that keeps charts whole', () => {
    expect(html).toMatch(/@media print\{[\s\S]*break-inside:avoid/);
    expect(html).toMatch(/figure\{[^}]*break-inside:avoid/);
  });
});

describe.skipIf(skipBrowserTests())('HTML report in headless Chromium (bundled data center)', () => {
  it('renders to a non-blank PNG: many colours, a good share of painted pixels, and charts in the first screen', () => {
    const r = chromium(htmlFile, { screenshot: pngFile }, '1280,2000');
    expect(r.code, r.stderr).toBe(0);
    const img = decodePng(readFileSync(pngFile));
    expect(img.width).toBe(1280);
    expect(img.height).toBe(2000);
    const all = imageStats(img);
    expect(all.distinctColors).toBeGreaterThan(200);
    expect(all.nonBackgroundFraction).toBeGreaterThan(0.05);
    // The summary (first 700 px) is painted, not an empty header.
    const top = imageStats(crop(img, 0, 700));
    expect(top.nonBackgroundFraction).toBeGreaterThan(0.05);
    // The accent colour of the after-bars (#0f766e) is on screen: the charts were drawn.
    let teal = 0;
    for (let i = 0; i < img.data.length; i += 4) if (img.data[i] === 0x0f && img.data[i + 1] === 0x76 && img.data[i + 2] === 0x6e) teal++;
    expect(teal).toBeGreaterThan(1000);
  });

  it("the rendered page's text shows the summary figures", () => {
    const r = chromium(htmlFile, { dumpDom: true });
    expect(r.code, r.stderr).toBe(0);
    const text = visibleText(r.stdout);
    const sm = j.summary;
    expect(text).toContain('Consolidation plan');
    expect(text).toContain(`${sm.before.hosts} → ${sm.after.hosts}`);
    expect(text).toContain(`${sm.consolidationRatio.toFixed(1)}:1`);
    for (const side of ['before', 'after', 'savings'])
      for (const k of ['powerWatts', 'facilityPowerWatts', 'annualEnergyKWh', 'annualCostUsd', 'annualCo2Kg']) expect(text, `${side}.${k}`).toContain(fmt0(sm[side][k]));
    expect(text).toContain(`$${fmt0(sm.savings.annualCostUsd)}`);
    expect(text).toContain(`${fmt0(sm.savings.annualEnergyKWh)} kWh saved`);
    for (const h of j.hosts) expect(text).toContain(h.id);
    for (const u of j.unplaced) expect(text).toContain(u.id);
    for (const a of j.assumptions) expect(text).toContain(a.key);
  });
});
