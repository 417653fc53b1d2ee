import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { renderReport, renderSummaryCsv, REPORT_FORMATS } from '../../src/report/index.js';
import { html, md } from '../../src/report/escape.js';
import { csvCell } from '../../src/report/csv-escape.js';
import { textTable, wrapText, fmtCompact } from '../../src/report/format.js';
import { niceTicks } from '../../src/report/svg/common.js';
import type { PlanResult } from '../../src/model/plan-result.js';
import { runCli } from '../helpers/run-cli.js';
import { visibleText } from './support.js';

/**
 * Optional sections (TCO, observed energy, overload risk, data quality, CPU timeline) appear in
 * every format when their fields are present, and a result without them renders without them.
 */
const base: PlanResult = JSON.parse(runCli(['plan', '--servers', 'examples/datacenter/servers.csv', '--time-limit', '0', '--format', 'json']).stdout);
const rich = structuredClone(base) as PlanResult & Record<string, unknown>;
Object.assign(rich.summary, {
  tco: { horizonYears: 5, totalUsd: 271234, beforeUsd: 402345, afterUsd: 271234, paybackMonths: 27.4, breakdown: { capexUsd: { beforeUsd: 0, afterUsd: 175000 }, energyUsd: { beforeUsd: 98456, afterUsd: 25167 } } },
  observedWindowHours: 168,
  overloadRisk: 0.0123,
  cpuTimeline: { labels: ['t0', 't1', 't2', 't3'], loadGhz: [300, 420, 380, 250], capacityGhz: 1792, usableCapacityGhz: 1434 },
});
Object.assign(rich.summary.after, { observedEnergyKWh: 476.2 });
rich.dataQuality = {
  rule: 'coverage >= 95% and no gaps: 5 stars',
  stars: 4,
  starsHistogram: [0, 0, 1, 0, 0],
  workloads: [{ id: '<b>w1</b>', stars: 3, basis: 'samples', samples: 915, expectedSamples: 1000, coverage: 0.915, gaps: 2, duplicateTimestamps: 0, outOfRange: 1 }],
  noSamples: [],
  noInventory: ['ghost-1'],
};

describe('optional sections', () => {
  it('show in every format when present', () => {
    const t = renderReport(rich, 'text');
    expect(t).toContain('TCO 271,234 USD');
    expect(t).toContain('payback 27.4 months');
    expect(t).toContain('Overload risk: 1.23%');
    expect(t).toContain('Observed window: 168.0 h');
    expect(t).toContain('Data quality');
    const m = renderReport(rich, 'md');
    expect(m).toContain('## Total cost of ownership');
    expect(m).toContain('| Payback (months) | 27.4 |');
    expect(m).toContain('&lt;b&gt;w1&lt;/b&gt;');
    const h = renderReport(rich, 'html');
    const text = visibleText(h);
    expect(text).toContain('27.4 months');
    expect(text).toContain('Cost breakdown');
    expect(text).toContain('Aggregate host CPU over time');
    expect(text).toContain('★★★★☆');
    expect(h).toContain('data-key="summary.tco.paybackMonths" data-value="27.4"');
    expect(h.includes('<b>w1</b>'), '<b>w1</b>').toBe(false);
    const s = parse(renderSummaryCsv(rich), { columns: true }) as { key: string; value: string }[];
    expect(s.find((r) => r.key === 'summary.tco.paybackMonths')?.value).toBe('27.4');
    expect(s.find((r) => r.key === 'summary.overloadRisk')?.value).toBe('0.0123');
    expect(s.find((r) => r.key === 'summary.after.observedEnergyKWh')?.value).toBe('476.2');
  });

  it('are left out when absent', () => {
    const bare = structuredClone(base);
    delete bare.summary.tco;
    delete bare.summary.overhead;
    delete bare.summary.cpuTimeline;
    bare.summary.overloadRisk = null;
    delete bare.dataQuality;
    const h = visibleText(renderReport(bare, 'html'));
    expect(h.includes('Total cost of ownership'), 'Total cost of ownership').toBe(false);
    expect(h.includes('Payback'), 'Payback').toBe(false);
    expect(h.includes('Aggregate host CPU'), 'Aggregate host CPU').toBe(false);
    expect(h.includes('Data quality'), 'Data quality').toBe(false);
    expect(h.includes('What the hypervisor costs'), 'What the hypervisor costs').toBe(false);
    expect(h.includes('Overload risk'), 'Overload risk').toBe(false);
    expect(renderReport(bare, 'md').includes('Total cost of ownership'), 'Total cost of ownership').toBe(false);
    expect(renderSummaryCsv(bare).includes('summary.tco'), 'summary.tco').toBe(false);
  });

  it('renders without the fields this branch added (an older or hand-made result)', () => {
    const old = structuredClone(base);
    delete old.summary.savingsFraction;
    delete old.summary.sourceUtilization;
    for (const v of old.vms) {
      delete v.cpuAvgUtilizationFraction;
      delete v.cpuSizedUtilizationFraction;
    }
    for (const f of REPORT_FORMATS()) expect(renderReport(old, f).length).toBeGreaterThan(100);
    expect(visibleText(renderReport(old, 'html')).includes('How busy the servers are'), 'How busy the servers are').toBe(false);
  });
});

describe('escaping and formatting helpers (known values)', () => {
  it('csvCell: RFC 4180 quoting and OWASP neutralization', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('\tx')).toBe("'\tx");
  });
  it('html and md escape markup', () => {
    expect(html('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(html(`"'&`)).toBe('&quot;&#39;&amp;');
    expect(md('a|b')).toBe('a\\|b');
    expect(md('`x` *y* [z]')).toBe('\\`x\\` \\*y\\* \\[z\\]');
    expect(md('a\nb')).toBe('a<br>b');
  });
  it('text tables wrap long columns and stay aligned', () => {
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    const t = textTable(['k', 'source'], [['x', 'one two three four']], [], [undefined, 9]).split('\n');
    expect(t).toEqual(['k  source', '-  -------', 'x  one two', '   three', '   four']);
  });
  it('compact figures and nice ticks', () => {
    expect(fmtCompact(17291.3, 'W')).toBe('17.3 kW');
    expect(fmtCompact(151471.8, 'kWh')).toBe('151 MWh');
    expect(fmtCompact(55590, 'kg')).toBe('55.6 t');
    expect(fmtCompact(19691.34, 'USD')).toBe('$19,691');
    expect(fmtCompact(64, '')).toBe('64');
    expect(niceTicks(17.3, 4)).toEqual([0, 5, 10, 15, 20]);
  });
});
