import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { renderAll, mdCells, visibleText } from './support.js';

/** `consolidate pack` supports every report format, and they agree with its JSON. */
const ARGS = ['pack', 'examples/pack/vms.csv', '--hosts', 'examples/pack/hosts.csv', '--time-limit', '0'];
const out = renderAll(ARGS, ['json', 'text', 'csv', 'md', 'html']);
const j = JSON.parse(out.json);

describe('pack in every format', () => {
  it('CSV: one row per item with its host, host type and one demand column per resource (= the JSON items)', () => {
    const rows = parse(out.csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['item_id', 'status', 'host_id', 'host_type', ...j.dimensions, 'unplaced_reason']);
    expect(rows.length).toBe(j.summary.vms);
    for (const it of j.items) {
      const r = rows.find((x) => x.item_id === it.id)!;
      expect(r.host_id).toBe(it.host ?? '');
      for (const d of j.dimensions) expect(Number(r[d])).toBe(it.demand[d]);
      if (it.host) expect(r.host_type).toBe(j.hosts.find((h: { id: string }) => h.id === it.host).type);
    }
    // Independent check: each host's load is the sum of its items' demands.
    for (const h of j.hosts) for (const d of j.dimensions) expect(rows.filter((r) => r.host_id === h.id).reduce((s, r) => s + Number(r[d]), 0)).toBeCloseTo(h.load[d], 4);
  });

  it('Markdown, HTML and text show the same host count and each host', () => {
    const mdLine = out.md.split('\n').find((l) => l.startsWith('| Hosts used |'))!;
    expect(Number(mdCells(mdLine)[1])).toBe(j.summary.hostsUsed);
    expect(out.html).toContain(`data-key="summary.hostsUsed" data-value="${j.summary.hostsUsed}"`);
    expect(out.text).toContain(`hosts used ${j.summary.hostsUsed}`);
    const text = visibleText(out.html);
    for (const h of j.hosts) {
      expect(text).toContain(h.id);
      expect(out.md).toContain(`| ${h.id} |`);
    }
  });
});
