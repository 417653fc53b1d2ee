import { describe, it, expect } from 'vitest';
import { join, resolve } from 'node:path';
import { loadInventory } from '../../src/ingest/inventory.js';
import { isAzureMigrateHeader } from '../../src/ingest/azure-migrate.js';
import { argsOf } from '../../src/model/issue.js';
import { REPO } from '../helpers/paths.js';

/**
 * The Azure Migrate import CSV given to --servers. The fixtures in test/fixtures/azure-migrate are
 * written by hand after the template's two generations (`*Server name` with network and disk
 * columns; `*Server Name` with `Server Type` and `Hypervisor`); expected values are read off them.
 */
const FIX = resolve(REPO, 'test/fixtures/azure-migrate');

describe('Azure Migrate import CSV', () => {
  it('is recognised by its header, in either generation, and a servers CSV is not', () => {
    expect(isAzureMigrateHeader(['*Server name', 'IP addresses', '*Cores', '*Memory (In MB)', '*OS name'])).toBe(true);
    expect(isAzureMigrateHeader(['*Server Name', '*Cores', '*Memory (In MB)', '*OS Name', 'Server Type', 'Hypervisor'])).toBe(true);
    expect(isAzureMigrateHeader(['id', 'cores', 'memory_gb'])).toBe(false);
  });

  it('reads cores, memory in MB as GiB, and the utilization figures; a bad row is rejected with its line and column', async () => {
    const r = await loadInventory(join(FIX, 'import-v1.csv'), { label: 'import-v1.csv' });
    expect(r.format).toBe('azure-migrate');
    expect(argsOf(r.issues[0], 'file.detected-inventory')).toEqual({ format: 'azure-migrate' });
    expect(r.rows).toEqual({ read: 4, accepted: 3, rejected: 1 });
    const bad = r.issues.find((i) => i.severity === 'error')!;
    expect([bad.code, bad.line, bad.column, bad.raw]).toEqual(['row.invalid-number', 5, '*Cores', 'four']);
    const [web, db, file] = r.records;
    expect([web.id, web.cores, web.memoryGiB, web.cpuUtilP95Fraction, web.cpuUtilAvgFraction, web.memoryUsedGiB, web.cpuUtilField]).toEqual(['web-01', 4, 8, 0.125, 0.125, 3.2, 'CPU utilization percentage']);
    // 65536 MB = 64 GiB; 75% of it in use
    expect([db.id, db.cores, db.memoryGiB, db.cpuUtilP95Fraction, db.memoryUsedGiB]).toEqual(['db-01', 16, 64, 0.35, 48]);
    // no utilization figures: nothing measured
    expect([file.cpuUtilP95Fraction, file.memoryUsedGiB, file.isVirtual]).toEqual([undefined, undefined, undefined]);
    // network and disk columns are known, not reported as unknown
    expect(r.issues.filter((i) => i.code === 'file.unknown-column')).toEqual([]);
  });

  it('the second generation: capitalised names, Server Type and Hypervisor mark a VM', async () => {
    const r = await loadInventory(join(FIX, 'import-v2.csv'));
    expect(r.records.map((w) => [w.id, w.cores, w.memoryGiB, w.cpuUtilP95Fraction, w.memoryUsedGiB, w.isVirtual])).toEqual([
      ['app-01', 8, 32, 0.225, 16, undefined],
      ['vm-01', 2, 4, 0.6, 3.2, true],
    ]);
  });

  it('a servers CSV given to --servers is read as before, with no detection note', async () => {
    const r = await loadInventory(resolve(REPO, 'test/fixtures/long/servers.csv'));
    expect(r.format).toBe('servers');
    expect(r.issues.some((i) => i.code === 'file.detected-inventory')).toBe(false);
  });
});
