/** `consolidate pack` with constraint columns and --max-vms-per-host / --ha, checked by verifyPacking. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { verifyPacking, type PackingProblem, type PackingResult } from '../../src/packing/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cp-pack-constraints-'));
const vms = join(dir, 'vms.csv');
const hosts = join(dir, 'hosts.csv');
const rows = ['id,cpu,mem,anti_affinity,affinity,site'];
for (let i = 0; i < 24; i++) {
  rows.push(`vm${String(i).padStart(2, '0')},${2 + (i % 5)},${4 + ((i * 7) % 11)},${i % 4 === 0 ? 'db' : ''},${i % 6 === 1 ? 'pair' + (i % 12) : ''},${i < 12 ? 'east' : 'west'}`);
}
writeFileSync(vms, rows.join('\n') + '\n');
writeFileSync(hosts, 'type,cpu,mem,count,cost\nstd,16,32,,1\n');

describe('pack CLI: constraints and HA', () => {
  it('honours anti_affinity, affinity, site, --max-vms-per-host and --ha 1', () => {
    const r = runCli(['pack', vms, '--hosts', hosts, '--max-vms-per-host', '3', '--ha', '1', '--time-limit', '0', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.summary.ha).toMatchObject({ ha: 1, method: 'repack-each-failure', ok: true });
    expect(typeof j.summary.optimal).toBe('boolean');
    expect(j.summary.boundSource).toBeTruthy();
    // rebuild the engine view and check it independently
    const problem: PackingProblem = {
      dimensions: ['cpu', 'mem'],
      items: rows.slice(1).map((l) => {
        const [id, cpu, mem, aa, af, site] = l.split(',');
        return { id, demand: [Number(cpu), Number(mem)], ...(aa ? { antiAffinity: [aa] } : {}), ...(af ? { affinity: af } : {}), site };
      }),
      hostTypes: [{ type: 'std', capacity: [16, 32], cost: 1, count: null }],
      constraints: { maxItemsPerHost: 3 },
    };
    const result: PackingResult = {
      dimensions: j.dimensions,
      hosts: j.hosts.map((h: { id: string; type: string; site?: string; vms: string[]; load: Record<string, number> }) => ({
        id: h.id,
        type: h.type,
        site: h.site,
        items: h.vms,
        load: [h.load.cpu, h.load.mem],
      })),
      unplaced: j.unplaced,
      totalCost: j.summary.totalCost,
      hostsLowerBound: j.summary.hostsLowerBound,
      costLowerBound: j.summary.costLowerBound,
      gap: j.summary.gap,
      optimal: j.summary.optimal,
      algorithm: j.summary.algorithm,
      boundSource: j.summary.boundSource,
      warnings: [],
    };
    expect(verifyPacking(problem, result).violations).toEqual([]);
    expect(j.hosts.every((h: { id: string }) => /^(east|west)\/host-\d+$/.test(h.id))).toBe(true);
  });
  it('rejects a bad --max-vms-per-host', () => {
    const r = runCli(['pack', vms, '--hosts', hosts, '--max-vms-per-host', '0']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--max-vms-per-host/);
  });
});
