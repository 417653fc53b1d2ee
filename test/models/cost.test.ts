import { describe, it, expect } from 'vitest';
import { computeTco, tcoParams, type TcoInput, type TcoParams } from '../../src/cost/tco.js';
import { countLicences } from '../../src/cost/licences.js';
import { LICENCES } from '../../src/defaults/cost.js';
import { defaultModel } from '../../src/defaults/registry.js';
import { plan } from '../../src/plan.js';
import { loadPlanInput } from '../../src/ingest/plan-input.js';
import { REPO } from '../helpers/paths.js';

const input: TcoInput = {
  after: { hosts: [{ type: 'x', count: 2, priceUsd: 10000, cores: 32, sockets: 2, provisionedWatts: 500 }], itPowerWatts: 600, leftPhysicalServers: 0, leftPhysicalProvisionedWatts: 0 },
  before: { servers: 10, itPowerWatts: 2000, provisionedWatts: 3000 },
};
const params: TcoParams = {
  ...tcoParams(defaultModel()),
  horizonYears: 5, amortizationYears: 5, warrantyYears: 3, maintenancePctPerYear: 10, pue: 1.5, usdPerKwh: 0.1,
  facilityUsdPerKwMonth: 100, hoursPerYear: 8760, sourceServerValueUsd: 5000, refreshUsdPerServer: 4000, avoidedRefresh: false,
  licenceModel: 'none', licence: LICENCES.none,
};

describe('TCO arithmetic against a hand-computed case (formulas in src/cost/tco.ts)', () => {
  it('after: capex 20,000 + maintenance 4,000 (2 years out of warranty) + electricity 3,942 + facility 6,000', () => {
    const t = computeTco(input, params);
    // before: maintenance 10 x 5000 x 10% x 5 = 25,000; electricity 2000 W x 1.5 x 8760 h x 5 y x $0.1/kWh = 13,140; facility 3 kW x $100 x 60 = 18,000
    expect(t.breakdown).toEqual({
      capex: { beforeUsd: 0, afterUsd: 20000 },
      maintenance: { beforeUsd: 25000, afterUsd: 4000 },
      electricity: { beforeUsd: 13140, afterUsd: 3942 },
      facility: { beforeUsd: 18000, afterUsd: 6000 },
      licences: { beforeUsd: 0, afterUsd: 0 },
      refresh: { beforeUsd: 0, afterUsd: 0 },
    });
    expect(t).toMatchObject({ horizonYears: 5, totalUsd: 33942, afterUsd: 33942, beforeUsd: 56140, savingsUsd: 22198 });
  });

  it('payback = upfront / monthly saving while the new hosts are under warranty: 20,000 / 769.97 = 26.0 months', () => {
    // monthly before = (5000 + 2628 + 3600) / 12 = 935.67; after = (788.4 + 1200) / 12 = 165.70
    expect(computeTco(input, params).paybackMonths).toBeCloseTo(20000 / ((5000 + 2628 + 3600 - 788.4 - 1200) / 12), 1);
  });

  it('cash flow: the hand-computed case year by year, and the lines cross at the payback month', () => {
    const t = computeTco(input, params);
    // before: 935.67 USD/month from today; after: 20,000 up front + 165.70/month, + 166.67/month maintenance after month 36
    const before = (5000 + 2628 + 3600) / 12;
    const after = (788.4 + 1200) / 12;
    expect(t.cashFlow!.map((p) => p.month)).toEqual([0, 12, 24, 36, 48, 60]);
    expect(t.cashFlow![0]).toEqual({ month: 0, beforeUsd: 0, afterUsd: 20000 });
    expect(t.cashFlow![3].beforeUsd).toBeCloseTo(36 * before, 2);
    expect(t.cashFlow![3].afterUsd).toBeCloseTo(20000 + 36 * after, 2);
    expect(t.cashFlow![5].afterUsd).toBeCloseTo(20000 + 60 * after + 24 * ((20000 * 0.1) / 12), 2);
    // over the horizon the cash after = TCO after when amortization equals the horizon (capex fully charged)
    expect(t.cashFlow![5].afterUsd).toBeCloseTo(t.afterUsd, 1);
    expect(t.cashFlow![5].beforeUsd).toBeCloseTo(t.beforeUsd, 1);
    // crossing (linear between points) = paybackMonths
    const [a, b] = [t.cashFlow![2], t.cashFlow![3]];
    const d0 = a.afterUsd - a.beforeUsd;
    const d1 = b.afterUsd - b.beforeUsd;
    expect(d0).toBeGreaterThan(0);
    expect(d1).toBeLessThan(0);
    expect(a.month + (d0 / (d0 - d1)) * (b.month - a.month)).toBeCloseTo(t.paybackMonths!, 1);
  });

  it('cash flow adds a point where a fractional warranty ends, and starts "before" with the avoided refresh', () => {
    const t = computeTco(input, { ...params, warrantyYears: 2.5, avoidedRefresh: true });
    expect(t.cashFlow!.map((p) => p.month)).toEqual([0, 12, 24, 30, 36, 48, 60]);
    expect(t.cashFlow![0]).toEqual({ month: 0, beforeUsd: 40000, afterUsd: 20000 });
  });

  it('amortization: a 3-year horizon charges 3/5 of the purchase; avoided refresh adds to "before" and cuts the upfront', () => {
    const t = computeTco(input, { ...params, horizonYears: 3, avoidedRefresh: true });
    expect(t.breakdown.capex.afterUsd).toBe(12000);
    expect(t.breakdown.maintenance.afterUsd).toBe(0);
    expect(t.breakdown.refresh.beforeUsd).toBe(10 * 4000 * 3 / 5);
    expect(t.upfrontUsd).toBe(20000 - 40000);
    expect(t.paybackMonths).toBe(0);
  });

  it('VCF subscription: 2 hosts x 2 CPUs x 16 cores = 64, raised to the 72-core order minimum, x $350 x 5 years', () => {
    const t = computeTco(input, { ...params, licenceModel: 'vmware-vcf', licence: LICENCES['vmware-vcf'] });
    expect(t.licence.licensedCores).toBe(72);
    expect(t.breakdown.licences.afterUsd).toBe(72 * 350 * 5);
    expect(t.paybackMonths).toBeNull(); // licences cost more than the running costs saved
  });

  it('a higher PUE never lowers cost (relation)', () => {
    let prev = { before: -1, after: -1 };
    for (const pue of [1.0, 1.2, 1.56, 2.0, 2.5]) {
      const t = computeTco(input, { ...params, pue });
      expect(t.beforeUsd).toBeGreaterThanOrEqual(prev.before);
      expect(t.afterUsd).toBeGreaterThanOrEqual(prev.after);
      prev = { before: t.beforeUsd, after: t.afterUsd };
    }
  });

  it('a higher PUE never lowers the plan\'s annual electricity cost or TCO on the example (relation)', async () => {
    const inp = await loadPlanInput({ servers: 'examples/datacenter/servers.csv' }, REPO);
    const lo = await plan(inp, { pue: 1.2, timeLimit: 0 });
    const hi = await plan(inp, { pue: 2.0, timeLimit: 0 });
    expect(hi.summary.after.annualCostUsd).toBeGreaterThanOrEqual(lo.summary.after.annualCostUsd);
    expect(hi.summary.before.annualCostUsd).toBeGreaterThanOrEqual(lo.summary.before.annualCostUsd);
    expect(hi.summary.tco!.totalUsd).toBeGreaterThanOrEqual(lo.summary.tco!.totalUsd);
    expect(hi.summary.tco!.beforeUsd).toBeGreaterThanOrEqual(lo.summary.tco!.beforeUsd);
  });
});

describe('licence minimums (docs/models.md#licences)', () => {
  const vcf = LICENCES['vmware-vcf'];
  const win = LICENCES['windows-datacenter'];
  it('VMware VCF/VVF: 16 cores per CPU, 72 cores per order', () => {
    expect(countLicences('vmware-vcf', vcf, [{ count: 1, cores: 16, sockets: 2 }]).licensedCores).toBe(72); // 2 x 16 = 32 -> 72
    expect(countLicences('vmware-vcf', vcf, [{ count: 3, cores: 16, sockets: 2 }]).licensedCores).toBe(96); // 3 x 2 x max(16, 8)
    expect(countLicences('vmware-vcf', vcf, [{ count: 2, cores: 128, sockets: 2 }]).licensedCores).toBe(256); // no minimum bites
    expect(countLicences('vmware-vvf', LICENCES['vmware-vvf'], [{ count: 1, cores: 12, sockets: 2 }]).licensedCores).toBe(72);
  });
  it('Windows Server Datacenter: 8 cores per CPU, 16 per server', () => {
    expect(countLicences('windows-datacenter', win, [{ count: 1, cores: 4, sockets: 1 }]).licensedCores).toBe(16);
    expect(countLicences('windows-datacenter', win, [{ count: 1, cores: 8, sockets: 2 }]).licensedCores).toBe(16);
    expect(countLicences('windows-datacenter', win, [{ count: 1, cores: 12, sockets: 2 }]).licensedCores).toBe(16);
    expect(countLicences('windows-datacenter', win, [{ count: 2, cores: 48, sockets: 2 }]).licensedCores).toBe(96);
    expect(win.usdPerUnit * 16).toBeCloseTo(6155, 6); // $6,155 per 16-core pack
  });
  it('RHEL for Virtual Datacenters: per socket pair of the hypervisor host', () => {
    const r = LICENCES['rhel-vdc'];
    expect(countLicences('rhel-vdc', r, [{ count: 1, cores: 64, sockets: 2 }]).units).toBe(1);
    expect(countLicences('rhel-vdc', r, [{ count: 1, cores: 64, sockets: 4 }, { count: 2, cores: 8, sockets: 1 }]).units).toBe(4);
  });
});
