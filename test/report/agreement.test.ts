import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { renderAll, parseNum, mdCells, unescapeHtml, visibleText } from './support.js';

/**
 * All formats tell the same numbers: the bundled data center is planned once per format, each
 * output is parsed back, and every key figure is compared with the JSON (the source of truth),
 * within the display precision of that format.
 */
const DC = 'examples/datacenter/servers.csv';
const ARGS = ['plan', '--servers', DC, '--time-limit', '0'];
const out = renderAll(ARGS, ['json', 'text', 'md', 'csv', 'html']);
const j = JSON.parse(out.json);
const dir = mkdtempSync(join(tmpdir(), 'cp-agree-'));
const summaryCsvPath = join(dir, 'summary.csv');
const withSummary = runCli([...ARGS, '--format', 'csv', '--out', join(dir, 'placement.csv'), '--summary-csv', summaryCsvPath]);

// Rows of the before/after table as each format labels them, with the JSON key they show.
const ROWS: [label: string, key: string][] = [
  ['Hosts', 'hosts'],
  ['IT power (W)', 'powerWatts'],
  ['Facility power, x PUE (W)', 'facilityPowerWatts'],
  ['Energy per year (kWh)', 'annualEnergyKWh'],
  ['Electricity per year (USD)', 'annualCostUsd'],
  ['CO2 per year (kg)', 'annualCo2Kg'],
];

function expectRow(cells: string[], key: string, where: string) {
  const [before, after, savings] = cells.map(parseNum);
  expect(Math.abs(before - j.summary.before[key]), `${where} before ${key}`).toBeLessThanOrEqual(0.5);
  expect(Math.abs(after - j.summary.after[key]), `${where} after ${key}`).toBeLessThanOrEqual(0.5);
  expect(Math.abs(savings - j.summary.savings[key]), `${where} savings ${key}`).toBeLessThanOrEqual(0.5);
  if (cells[3] !== undefined) expect(Math.abs(parseNum(cells[3]) - j.summary.savingsFraction[key] * 100), `${where} saved ${key}`).toBeLessThanOrEqual(0.5);
}

describe('every format shows the same key numbers as the JSON (bundled data center)', () => {
  it('JSON has the figures the others are compared with (and a savings fraction consistent with them)', () => {
    expect(j.summary.before.hosts).toBe(64);
    for (const [, k] of ROWS) expect(j.summary.savingsFraction[k]).toBeCloseTo(j.summary.savings[k] / j.summary.before[k], 5);
  });

  it('text: the before/after table', () => {
    for (const [label, key] of ROWS) {
      const line = out.text.split('\n').find((l) => l.startsWith(label + ' '));
      expect(line, label).toBeDefined();
      expectRow(line!.slice(label.length).trim().split(/\s{2,}/), key, 'text');
    }
    expect(out.text).toContain(`consolidation ratio ${j.summary.consolidationRatio.toFixed(1)}:1`);
  });

  it('markdown: the summary table', () => {
    for (const [label, key] of ROWS) {
      const line = out.md.split('\n').find((l) => l.startsWith(`| ${label} |`));
      expect(line, label).toBeDefined();
      expectRow(mdCells(line!).slice(1), key, 'md');
    }
    const hostRows = out.md.split('\n').filter((l) => /^\| ([a-z]+\/)?host-\d+ \|/.test(l));
    expect(hostRows.length).toBe(j.hosts.length);
  });

  it('summary CSV: every value equals the JSON value at its key path', () => {
    expect(withSummary.code).toBe(0);
    const rows = parse(readFileSync(summaryCsvPath, 'utf8'), { columns: true }) as { key: string; value: string }[];
    const at = (path: string) => path.split('.').reduce((o: any, k) => (o === undefined ? undefined : o[k]), j);
    let compared = 0;
    for (const r of rows) {
      if (r.key.startsWith('summary.hostsByType.')) {
        expect(Number(r.value)).toBe(j.summary.hostsByType[r.key.slice('summary.hostsByType.'.length)]);
        continue;
      }
      const v = at(r.key);
      expect(v, r.key).not.toBeUndefined();
      if (typeof v === 'number') expect(Number(r.value), r.key).toBe(v);
      else if (v === null) expect(r.value).toBe('');
      else expect(r.value, r.key).toBe(String(v));
      compared++;
    }
    for (const [, k] of ROWS) for (const side of ['before', 'after', 'savings']) expect(rows.some((r) => r.key === `summary.${side}.${k}`)).toBe(true);
    expect(compared).toBeGreaterThan(30);
  });

  it('placement CSV: one row per VM, hosts as in the JSON, and per-host demand sums equal the host loads (independent check)', () => {
    const rows = parse(out.csv, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(j.summary.vms);
    expect(rows.filter((r) => r.status === 'placed').length).toBe(j.summary.placed);
    for (const h of j.hosts) {
      const mine = rows.filter((r) => r.host_id === h.id);
      expect(mine.map((r) => r.vm_id).sort()).toEqual([...h.vms].sort());
      for (const r of mine) expect(r.host_type).toBe(h.type);
      const cpu = mine.reduce((s, r) => s + Number(r.cpu_demand_ghz), 0);
      const mem = mine.reduce((s, r) => s + Number(r.memory_demand_gib), 0);
      expect(cpu).toBeCloseTo(h.load.cpu_ghz, 3);
      expect(mem).toBeCloseTo(h.load.memory_gib, 3);
    }
    for (const u of j.unplaced) expect(rows.find((r) => r.vm_id === u.id)?.unplaced_reason).toBe(u.reason);
    expect(out.csv.endsWith('\r\n')).toBe(true);
  });

  it('HTML: the headline figures carry their exact values, and the tables show them', () => {
    const spans = [...out.html.matchAll(/data-key="([^"]+)" data-value="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    const at = (path: string) => path.split('.').reduce((o: any, k) => (o === undefined ? undefined : o[k]), j);
    expect(spans.length).toBeGreaterThan(10);
    for (const [k, v] of spans) expect(Number(v), k).toBe(at(k));
    for (const k of ['summary.before.hosts', 'summary.after.hosts', 'summary.consolidationRatio', 'summary.before.facilityPowerWatts', 'summary.after.annualEnergyKWh', 'summary.before.annualCostUsd', 'summary.after.annualCo2Kg'])
      expect(spans.some(([key]) => key === k), k).toBe(true);
    const summaryTable = out.html.match(/<table class="summary">[\s\S]*?<\/table>/)![0];
    for (const [label, key] of ROWS) {
      const m = summaryTable.match(new RegExp(`<tr><td>${label.replace(/[()]/g, '\\$&')}</td>((?:<td class="n">[^<]*</td>)+)</tr>`));
      expect(m, label).not.toBeNull();
      expectRow([...m![1].matchAll(/<td class="n">([^<]*)<\/td>/g)].map((x) => unescapeHtml(x[1])), key, 'html');
    }
    const text = visibleText(out.html);
    expect(text).toContain(`${j.summary.before.hosts} → ${j.summary.after.hosts}`);
    expect(text).toContain(`${j.summary.consolidationRatio.toFixed(1)}:1`);
  });

  it('the hosts agree across JSON, text, Markdown and HTML (id, VM count, binding resource)', () => {
    for (const h of j.hosts) {
      expect(out.text).toMatch(new RegExp(`^${h.id}\\s+${h.type}\\s+${h.vms.length}\\s`, 'm'));
      const md = out.md.split('\n').find((l) => l.startsWith(`| ${h.id} |`))!;
      expect(mdCells(md)[2]).toBe(String(h.vms.length));
      const row = new RegExp(`<td class="id">${h.id}</td><td>${h.type}</td>(<td>[^<]*</td>)?<td class="n">${h.vms.length}</td>`);
      expect(row.test(out.html), `${h.id} row in the HTML host table`).toBe(true);
    }
  });

  it('is byte-for-byte deterministic in every format', () => {
    const again = renderAll(ARGS, ['md', 'csv', 'html']);
    expect(again.md).toBe(out.md);
    expect(again.csv).toBe(out.csv);
    expect(again.html).toBe(out.html);
  });
});
