import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/run-cli.js';
import { checkResult } from '../helpers/check-plan.js';

function demandsOf(csv: string): Map<string, Record<string, number>> {
  const [head, ...lines] = readFileSync(csv, 'utf8').trim().split('\n');
  const cols = head.split(',');
  const m = new Map<string, Record<string, number>>();
  for (const l of lines) {
    const f = l.split(',');
    const d: Record<string, number> = {};
    cols.forEach((c, i) => {
      if (c !== 'id' && c !== 'anti_affinity' && c !== 'affinity' && c !== 'site') d[c] = Number(f[i]);
    });
    m.set(f[0], d);
  }
  return m;
}

describe('consolidate pack', () => {
  it('packs the example, minimizing cost, and passes the independent checker', () => {
    const r = runCli(['pack', 'examples/pack/vms.csv', '--hosts', 'examples/pack/hosts.csv', '--format', 'json', '--time-limit', '1']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schemaVersion).toBe(1);
    expect(checkResult(j, demandsOf('examples/pack/vms.csv'))).toEqual([]);
    expect(j.summary.costLowerBound).toBeLessThanOrEqual(j.summary.totalCost + 1e-9);
    expect(j.summary.rows).toEqual({ read: 42, accepted: 42, rejected: 0 });
    const large = j.hosts.filter((h: { type: string }) => h.type === 'large-2u').length;
    expect(large).toBeLessThanOrEqual(4); // count column honoured
  });

  it('--time-limit 0 runs heuristics only and still verifies', () => {
    const r = runCli(['pack', 'examples/pack/vms.csv', '--hosts', 'examples/pack/hosts.csv', '--format', 'json', '--time-limit', '0']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(checkResult(j, demandsOf('examples/pack/vms.csv'))).toEqual([]);
  });

  it('needs --hosts', () => {
    const r = runCli(['pack', 'examples/pack/vms.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hosts/);
  });
});
