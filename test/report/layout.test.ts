import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { skipBrowserTests } from '../helpers/browser.js';
import { launchBrowser, type Browser } from '../helpers/cdp.js';
import { measureSvgText, layoutProblems } from '../helpers/layout.js';
import { tempDir, writePlanetLabDay, planetLabNames } from '../helpers/fixtures.js';

/**
 * Layout of every HTML report in headless Chromium (one browser for the whole file): in every
 * chart, no two text boxes intersect and none sticks out of its SVG. Plan reports of the bundled
 * data center and of a PlanetLab-style day (288 five-minute buckets, the case whose time axis and
 * histogram labels used to collide); the real PlanetLab day is in layout.data.test.ts.
 */
const dir = tempDir('layout');

function planHtml(name: string, args: string[]): string {
  const out = join(dir, `${name}.html`);
  const r = runCli(['plan', ...args, '--time-limit', '0', '--format', 'html', '--out', out]);
  if (r.code !== 0) throw new Error(`plan ${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
  return out;
}

describe.skipIf(skipBrowserTests())('layout of the HTML reports in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function check(file: string, width = 1280) {
    const page = await browser.open(file, width);
    try {
      const layouts = await measureSvgText(page);
      expect(layouts.length).toBeGreaterThan(0);
      expect(layoutProblems(layouts)).toEqual([]);
      return layouts;
    } finally {
      await page.close();
    }
  }

  it('plan report of the bundled data center', async () => {
    const layouts = await check(planHtml('datacenter', ['--servers', 'examples/datacenter/servers.csv']));
    expect(layouts.reduce((s, l) => s + l.texts, 0)).toBeGreaterThan(50);
  });

  it('plan report of a PlanetLab-style day (time axis and histogram), also on a narrow window', async () => {
    const pl = writePlanetLabDay(join(dir, 'planetlab'), planetLabNames(60), 3);
    const file = planHtml('planetlab', ['--utilization', pl.dir]);
    const layouts = await check(file);
    expect(layouts.map((l) => l.svg)).toContain('Aggregate CPU load of the new hosts over time');
    await check(file, 700);
  });
});
