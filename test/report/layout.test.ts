import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { renderWhatIfHtml } from '../../src/whatif/render.js';
import { computeVerdict } from '../../src/whatif/verdict.js';
import type { WhatIfResult } from '../../src/whatif/run.js';
import { runCli } from '../helpers/run-cli.js';
import { skipBrowserTests } from '../helpers/browser.js';
import { launchBrowser, type Browser } from '../helpers/cdp.js';
import { measureSvgText, layoutProblems, pageText } from '../helpers/layout.js';
import { tempDir, writePlanetLabDay, planetLabNames } from '../helpers/fixtures.js';

/**
 * Layout of every HTML report in headless Chromium (one browser for the whole file): in every
 * chart, no two text boxes intersect and none sticks out of its SVG. Plan reports of the bundled
 * data center and of a PlanetLab-style day (288 five-minute buckets, the case whose time axis and
 * histogram labels used to collide); the what-if report of the bundled scenario file with
 * --sensitivity and over a PlanetLab-style day, where every scenario name and every figure of
 * the verdict must also be in the page's text; and a what-if result made hostile on purpose
 * (very long names, wide characters, huge numbers). The real PlanetLab day is in
 * layout.data.test.ts.
 */
const dir = tempDir('layout');

/** The example scenario file with timeLimit 0 (heuristics only), beside copies of its inputs. */
function fastScenario(): string {
  const d = tempDir('layout-wi');
  for (const f of ['servers.csv', 'catalog.csv']) copyFileSync(join('examples/whatif', f), join(d, f));
  const doc = JSON.parse(readFileSync('examples/whatif/scenario.json', 'utf8'));
  doc.base.timeLimit = 0;
  writeFileSync(join(d, 'scenario.json'), JSON.stringify(doc));
  return join(d, 'scenario.json');
}

let pages = 0;
function whatif(scenarioFile: string, extra: string[] = []): { json: WhatIfResult; html: string } {
  const run = (format: string, out?: string) => {
    const r = runCli(['whatif', scenarioFile, '--jobs', '1', ...extra, '--format', format, ...(out ? ['--out', out] : [])]);
    if (r.code !== 0) throw new Error(`whatif ${scenarioFile}: exit ${r.code}\n${r.stderr}`);
    return r.stdout;
  };
  const html = join(dir, `whatif-${++pages}.html`);
  run('html', html);
  return { json: JSON.parse(run('json')) as WhatIfResult, html };
}

/**
 * The figures of the verdict as a reader sees them, formatted here independently of the
 * renderers (en-US grouping; shares to one decimal).
 */
function verdictFigures(r: WhatIfResult): string[] {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const out: string[] = [];
  for (const p of [r.verdict.cost, r.verdict.co2, r.verdict.netCo2]) {
    if (!p) continue;
    out.push(n(p.value), ...p.winners);
    if (!p.baseWins) out.push(n(Math.abs(p.difference)), `${(Math.abs(p.fraction ?? 0) * 100).toFixed(1)}%`);
    if (p.runnerUp) out.push(p.runnerUp.name, n(p.runnerUp.difference));
  }
  return out;
}
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

  async function checkWhatIf(file: string, r: WhatIfResult) {
    await check(file);
    const page = await browser.open(file);
    try {
      const text = await pageText(page);
      for (const s of r.scenarios) expect(text, `scenario ${s.name}`).toContain(s.name);
      const verdict = text.slice(0, text.indexOf('At a glance') >= 0 ? text.indexOf('At a glance') : undefined);
      for (const f of verdictFigures(r)) expect(verdict, `verdict figure ${f}`).toContain(f);
    } finally {
      await page.close();
    }
  }

  let bundled: { json: WhatIfResult; html: string } | undefined;
  const bundledWhatIf = () => (bundled ??= whatif(fastScenario(), ['--sensitivity']));

  it('what-if report of the bundled scenario file with --sensitivity: layout, scenario names, verdict figures', async () => {
    const { json, html } = bundledWhatIf();
    expect(json.sensitivity?.rows.length).toBeGreaterThan(0);
    expect(json.verdict.cost).not.toBeNull();
    await checkWhatIf(html, json);
    await check(html, 760);
  });

  it('what-if report with hostile names and huge numbers (made from the bundled result): layout holds', async () => {
    const { json } = bundledWhatIf();
    const names = [
      json.scenarios[0].name,
      'a scenario name that goes on and on, much longer than any column was ever meant to hold, with words',
      'x'.repeat(90),
      '数据中心迁移方案：全部迁到大型主机并保留三成余量 🚀',
      'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW <b>&amp;</b> "quoted"',
    ];
    const big = 1e7;
    const r: WhatIfResult = structuredClone(json);
    r.scenarios.forEach((s, i) => {
      s.name = names[i] ?? s.name;
      for (const k of Object.keys(s.metrics)) if (s.metrics[k] !== null && k !== 'paybackYears') s.metrics[k] = s.metrics[k]! * big * (i + 1);
      for (const k of Object.keys(s.deltas)) if (s.deltas[k] !== null && k !== 'paybackYears') s.deltas[k] = s.deltas[k]! * big * (i + 1);
      const t = s.summary.tco;
      if (t?.cashFlow) t.cashFlow = t.cashFlow.map((p) => ({ month: p.month, beforeUsd: p.beforeUsd * big, afterUsd: p.afterUsd * big * (i + 1) }));
    });
    r.verdict = computeVerdict(r.scenarios);
    const sv = r.sensitivity!;
    sv.baseValue *= big;
    sv.rows.forEach((x, i) => {
      x.label = i === 0 ? 'an assumption with a label long enough to need several lines in any chart' : `${x.label} ${'Ω'.repeat(i * 3)}`;
      x.low.objective *= big * (1 + i / 10);
      x.high.objective *= big;
      x.low.value = i === 1 ? 'a-very-long-technique-name-without-spaces' : x.low.value;
    });
    const file = join(dir, 'hostile-whatif.html');
    writeFileSync(file, renderWhatIfHtml(r));
    await checkWhatIf(file, r);
    await check(file, 700);
  });

  it('what-if report over a PlanetLab-style day (no source servers: no "before" to pay back)', async () => {
    const d = tempDir('layout-wi-pl');
    writePlanetLabDay(join(d, 'day'), planetLabNames(40), 5);
    writeFileSync(join(d, 'scenario.json'), JSON.stringify({ base: { utilization: 'day', timeLimit: 0 }, variations: [{ name: 'kvm', hypervisor: 'kvm' }, { name: 'headroom-30', cpuTarget: 70 }] }));
    const { json, html } = whatif(join(d, 'scenario.json'));
    expect(json.scenarios.map((s) => s.name)).toEqual(['base', 'kvm', 'headroom-30']);
    await checkWhatIf(html, json);
  });

  it('plan report of hostile names, and the pack report', async () => {
    await check(planHtml('hostile', ['--servers', 'test/report/fixtures/hostile-servers.csv']));
    const out = join(dir, 'pack.html');
    const r = runCli(['pack', 'examples/pack/vms.csv', '--hosts', 'examples/pack/hosts.csv', '--time-limit', '0', '--format', 'html', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    await check(out);
  });

  it('plan report with migration waves and the carbon chart (line charts with end labels and the payback crossing)', async () => {
    const layouts = await check(planHtml('waves', ['--servers', 'examples/datacenter/servers.csv', '--wave-size', '8']));
    expect(layouts.map((l) => l.svg)).toEqual(expect.arrayContaining(['IT power after each migration wave', 'Cumulative CO2e over the horizon, before and after']));
  });

  it('plan report with the risk curve (two panels against the overload risk allowed), also on a narrow window', async () => {
    const pl = writePlanetLabDay(join(dir, 'planetlab-risk'), planetLabNames(40), 7);
    const file = planHtml('risk-curve', ['--utilization', pl.dir, '--risk-curve']);
    const layouts = await check(file);
    const curve = layouts.find((l) => l.svg === 'Hosts and IT energy against the overload risk allowed');
    // two panel titles, five risk labels under each panel and a value over every point
    expect(curve?.texts).toBeGreaterThanOrEqual(2 + 2 * 5 * 2);
    await check(file, 700);
  });

  it('plan report of a PlanetLab-style day (time axis and histogram), also on a narrow window', async () => {
    const pl = writePlanetLabDay(join(dir, 'planetlab'), planetLabNames(60), 3);
    const file = planHtml('planetlab', ['--utilization', pl.dir]);
    const layouts = await check(file);
    expect(layouts.map((l) => l.svg)).toContain('Aggregate CPU load of the new hosts over time');
    await check(file, 700);
  });
});
