import { describe, it, expect } from 'vitest';
import { dataPath } from '../helpers/data-dir.js';
import { loadPlanInput } from '../../src/ingest/plan-input.js';
import { plan } from '../../src/plan.js';
import { runCli } from '../helpers/run-cli.js';
import { checkWaves } from '../helpers/check-waves.js';
import { REPO } from '../helpers/paths.js';

/**
 * Carbon and migration waves on the public RVTools workbook (kubev2v example1.xlsx): the VMs'
 * vHosts are the source servers switched off as they empty.
 */
const XLSX = dataPath('rvtools-example-kubev2v', 'example1.xlsx');

describe('waves and carbon on the RVTools workbook (kubev2v example1.xlsx)', () => {
  it('API: every wave invariant holds, the vHosts are switched off, summary.carbon follows its formula', async () => {
    const input = await loadPlanInput({ rvtools: XLSX } as never, REPO);
    const sources = new Map((input.sourceHosts ?? []).map((h) => [h.id, input.workloads.filter((w) => w.sourceHost === h.id).map((w) => w.id)]));
    for (const k of [1, 3, 10]) {
      const r = await plan(input, { waveSize: k, timeLimit: 0 });
      expect(checkWaves(r, { group: new Map(), sources }, k), `--wave-size ${k}`).toEqual([]);
      expect(r.summary.waves!.length).toBe(Math.ceil(r.summary.placed / k));
      const c = r.summary.carbon!;
      expect(c.embodiedNewKgCo2e).toBeCloseTo(1356.48 * r.hosts.length, 2); // dell-r7525: the R740 PCF figure
      expect(c.operationalSavedKgCo2ePerYear).toBe(r.summary.savings.annualCo2Kg);
      if (c.carbonPaybackMonths !== null) expect(c.carbonPaybackMonths).toBeCloseTo(c.embodiedNewKgCo2e / (c.operationalSavedKgCo2ePerYear / 12), 1);
      else expect(c.operationalSavedKgCo2ePerYear).toBeLessThanOrEqual(0);
    }
  });

  it('CLI: --wave-size and --optimize carbon run end to end', () => {
    const r = runCli(['plan', '--rvtools', XLSX, '--time-limit', '0', '--wave-size', '5']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Migration waves \(\d+\)/);
    expect(r.stdout).toMatch(/^Carbon: /m);
    const o = runCli(['plan', '--rvtools', XLSX, '--time-limit', '0', '--host-type', 'dell-r740', '--optimize', 'carbon', '--format', 'json']);
    expect(o.code, o.stderr).toBe(0);
    const j = JSON.parse(o.stdout);
    // One host type: the plan packs by the carbon objective and says there is no mix to compare.
    expect(j.issues.find((i: { code: string }) => i.code === 'plan.warning')?.args).toMatchObject({ what: 'optimize-one-type', objective: 'carbon' });
    expect(j.summary.carbon.embodiedNewKgCo2e).toBeCloseTo(1356.48 * j.summary.hostsUsed, 2);
  });
});
