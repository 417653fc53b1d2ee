import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { runCli } from '../helpers/run-cli.js';
import { dataPath } from '../helpers/data-dir.js';
import { launchBrowser, type Browser } from '../helpers/cdp.js';
import { measureSvgText, layoutProblems, pageText } from '../helpers/layout.js';
import { tempDir } from '../helpers/fixtures.js';
import { skipBrowserTests } from '../helpers/browser.js';

/**
 * Data suite: the layout checks of layout.test.ts on the plan and what-if reports of a real
 * PlanetLab day (1,052 traces x 288 five-minute samples): no two chart labels intersect, none
 * leaves its SVG, and the what-if page names every scenario and every figure of its verdict.
 * Skipped without Chromium unless REQUIRE_BROWSER=1 (as CI sets it).
 */
const PL = dataPath('cloudsim-planetlab', '20110303');
const dir = tempDir('layout-data');

describe.skipIf(skipBrowserTests())('layout of the reports of a real PlanetLab day in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('plan report: time axis, histogram and host fill without colliding labels', async () => {
    const out = join(dir, 'plan.html');
    const r = runCli(['plan', '--utilization', PL, '--time-limit', '0', '--format', 'html', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const page = await browser.open(out);
    try {
      const layouts = await measureSvgText(page);
      expect(layouts.map((l) => l.svg)).toContain('Aggregate CPU load of the new hosts over time');
      expect(layoutProblems(layouts)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('what-if report over the day: base, KVM and 30% headroom', async () => {
    const scen = join(dir, 'scenario.json');
    writeFileSync(scen, JSON.stringify({ base: { utilization: PL, timeLimit: 0 }, variations: [{ name: 'kvm', hypervisor: 'kvm' }, { name: 'headroom-30', cpuTarget: 70 }] }));
    const out = join(dir, 'whatif.html');
    const r = runCli(['whatif', scen, '--allow-outside', '--format', 'html', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(runCli(['whatif', scen, '--allow-outside', '--format', 'json']).stdout);
    const page = await browser.open(out);
    try {
      expect(layoutProblems(await measureSvgText(page))).toEqual([]);
      const text = await pageText(page);
      for (const s of j.scenarios) expect(text).toContain(s.name);
      const n = (x: number) => Math.round(x).toLocaleString('en-US');
      for (const p of [j.verdict.cost, j.verdict.co2]) expect(text).toContain(n(p.value));
    } finally {
      await page.close();
    }
  });
});
