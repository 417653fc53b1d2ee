import type { ModelDefaults } from '../defaults/registry.js';
import type { LicenceModel, LicenceRule } from '../defaults/cost.js';
import type { z } from 'zod';
import type { TcoSchema } from '../model/plan-result.js';
import { round } from '../util/round.js';
import { countLicences, licenceCost, type LicenceCount } from './licences.js';

/**
 * Total cost of ownership over a horizon, before (keep the source servers) and after (the plan).
 * A pure function of the hosts by type, the power figures and the parameters, so an optimizer can
 * call it per candidate host mix.
 *
 * Over H years (A = amortization period, W = warranty years, pct = maintenance %/year):
 * - capex      = purchase x min(H, A) / A          (straight-line depreciation inside the horizon)
 * - maintenance= purchase x pct x max(0, H - W)    (new hosts);  value x pct x H (source servers, out of warranty:
 *                before, all of them; after, those left as they are and those kept as hosts)
 * - electricity= IT watts x PUE x hoursPerYear x H / 1000 x USD/kWh
 * - facility   = provisioned IT kW x USD/kW-month x 12 x H   (provisioned = 100% SPECpower draw)
 * - licences   = per-core or per-socket-pair subscription x H, or perpetual per-core once (after only;
 *                licences already held for the source servers are sunk and not counted)
 * - refresh    = (optional, before only) source servers x refresh price x min(H, A) / A
 *
 * Payback: the cash spent up front (purchase + perpetual licences - avoided refresh purchase) over
 * the monthly saving (before - after running costs, month by month as warranties end); null when
 * the running costs never fall far enough (within 100 years). `cashFlow` is the same cash,
 * cumulative from today, for each side at every year of the horizon (and at the warranty's end):
 * the "after" line crosses the "before" line at the payback month.
 */
export interface TcoHostGroup {
  type: string;
  count: number;
  priceUsd: number;
  cores: number;
  sockets: number;
  /** Provisioned IT watts per host (its 100% SPECpower draw). */
  provisionedWatts: number;
}

export interface TcoInput {
  after: {
    hosts: TcoHostGroup[];
    /** IT power of the new hosts plus servers left physical, watts (average). */
    itPowerWatts: number;
    /** Source servers left physical (unplaced) and their provisioned watts. */
    leftPhysicalServers: number;
    leftPhysicalProvisionedWatts: number;
    /**
     * Current servers kept as hosts (--reuse-existing), among `hosts` at price 0: out of warranty,
     * they pay the source servers' maintenance (value x maintenance % x horizon) like servers left
     * as they are.
     */
    keptServers?: number;
  };
  before: { servers: number; itPowerWatts: number; provisionedWatts: number };
}

export interface TcoParams {
  horizonYears: number;
  amortizationYears: number;
  warrantyYears: number;
  maintenancePctPerYear: number;
  pue: number;
  usdPerKwh: number;
  facilityUsdPerKwMonth: number;
  hoursPerYear: number;
  licenceModel: LicenceModel;
  licence: LicenceRule;
  sourceServerValueUsd: number;
  refreshUsdPerServer: number;
  avoidedRefresh: boolean;
}

export interface TcoSide {
  capexUsd: number;
  maintenanceUsd: number;
  electricityUsd: number;
  facilityUsd: number;
  licenceUsd: number;
  refreshUsd: number;
  totalUsd: number;
}

export const TCO_COMPONENTS = ['capex', 'maintenance', 'electricity', 'facility', 'licences', 'refresh'] as const;
export type TcoComponent = (typeof TCO_COMPONENTS)[number];
const SIDE_KEY: Record<TcoComponent, keyof TcoSide> = { capex: 'capexUsd', maintenance: 'maintenanceUsd', electricity: 'electricityUsd', facility: 'facilityUsd', licences: 'licenceUsd', refresh: 'refreshUsd' };

/** The breakdown by component from the two sides. */
export function tcoBreakdown(before: TcoSide, after: TcoSide): Tco['breakdown'] {
  return Object.fromEntries(TCO_COMPONENTS.map((c) => [c, { beforeUsd: before[SIDE_KEY[c]], afterUsd: after[SIDE_KEY[c]] }])) as Tco['breakdown'];
}

/** summary.tco: the type of its schema (model/plan-result.ts TcoSchema). */
export type Tco = z.infer<typeof TcoSchema>;

/** TCO parameters from the model in force. */
export function tcoParams(m: ModelDefaults): TcoParams {
  return {
    horizonYears: m.cost.horizonYears,
    amortizationYears: m.cost.amortizationYears,
    warrantyYears: m.cost.warrantyYears,
    maintenancePctPerYear: m.cost.maintenancePctPerYear,
    pue: m.facility.pue,
    usdPerKwh: m.facility.usdPerKwh,
    facilityUsdPerKwMonth: m.facility.usdPerKwMonth,
    hoursPerYear: m.facility.hoursPerYear,
    licenceModel: m.licence,
    licence: m.licences[m.licence],
    sourceServerValueUsd: m.cost.sourceServerValueUsd,
    refreshUsdPerServer: m.cost.refreshUsdPerServer,
    avoidedRefresh: m.cost.avoidedRefresh,
  };
}

const r2 = (x: number) => round(x, 2);

function side(s: Omit<TcoSide, 'totalUsd'>): TcoSide {
  const total = s.capexUsd + s.maintenanceUsd + s.electricityUsd + s.facilityUsd + s.licenceUsd + s.refreshUsd;
  return { capexUsd: r2(s.capexUsd), maintenanceUsd: r2(s.maintenanceUsd), electricityUsd: r2(s.electricityUsd), facilityUsd: r2(s.facilityUsd), licenceUsd: r2(s.licenceUsd), refreshUsd: r2(s.refreshUsd), totalUsd: r2(total) };
}

export function computeTco(input: TcoInput, p: TcoParams): Tco {
  const H = p.horizonYears;
  const depreciated = Math.min(H, p.amortizationYears) / p.amortizationYears;
  const pct = p.maintenancePctPerYear / 100;
  const purchase = input.after.hosts.reduce((s, h) => s + h.count * h.priceUsd, 0);
  const energyUsdPerWattYear = (p.pue * p.hoursPerYear * p.usdPerKwh) / 1000;
  const facilityUsdPerWattYear = (p.facilityUsdPerKwMonth * 12) / 1000;
  const provisionedAfter = input.after.hosts.reduce((s, h) => s + h.count * h.provisionedWatts, 0) + input.after.leftPhysicalProvisionedWatts;

  const lic = countLicences(p.licenceModel, p.licence, input.after.hosts);
  const lc = licenceCost(p.licence, lic);

  const after = side({
    capexUsd: purchase * depreciated,
    maintenanceUsd: purchase * pct * Math.max(0, H - p.warrantyYears) + (input.after.leftPhysicalServers + (input.after.keptServers ?? 0)) * p.sourceServerValueUsd * pct * H,
    electricityUsd: input.after.itPowerWatts * energyUsdPerWattYear * H,
    facilityUsd: provisionedAfter * facilityUsdPerWattYear * H,
    licenceUsd: lc.oneOffUsd + lc.perYearUsd * H,
    refreshUsd: 0,
  });
  const refresh = p.avoidedRefresh ? input.before.servers * p.refreshUsdPerServer : 0;
  const before = side({
    capexUsd: 0,
    maintenanceUsd: input.before.servers * p.sourceServerValueUsd * pct * H,
    electricityUsd: input.before.itPowerWatts * energyUsdPerWattYear * H,
    facilityUsd: input.before.provisionedWatts * facilityUsdPerWattYear * H,
    licenceUsd: 0,
    refreshUsd: refresh * depreciated,
  });

  // Payback, month by month; the cumulative cash of both sides over the horizon.
  const upfront = purchase + lc.oneOffUsd - refresh;
  const beforeMonthly = (input.before.servers * p.sourceServerValueUsd * pct + input.before.itPowerWatts * energyUsdPerWattYear + input.before.provisionedWatts * facilityUsdPerWattYear) / 12;
  const afterMonthlyBase = ((input.after.leftPhysicalServers + (input.after.keptServers ?? 0)) * p.sourceServerValueUsd * pct + input.after.itPowerWatts * energyUsdPerWattYear + provisionedAfter * facilityUsdPerWattYear + lc.perYearUsd) / 12;
  const afterMaintMonthly = (purchase * pct) / 12;
  let payback: number | null = null;
  if (upfront <= 0) payback = 0;
  else {
    let cum = 0;
    for (let month = 1; month <= 1200; month++) {
      const saving = beforeMonthly - afterMonthlyBase - (month > p.warrantyYears * 12 ? afterMaintMonthly : 0);
      if (saving > 0 && cum + saving >= upfront) {
        payback = round(month - 1 + (upfront - cum) / saving, 1);
        break;
      }
      cum += saving;
    }
  }
  // Cash, cumulative from today: the new hosts (and perpetual licences) are paid up front, the
  // source servers' refresh too when it is counted as avoided; then each side's running costs
  // accrue at a constant monthly rate, the new hosts' maintenance from the end of the warranty.
  // Points at every year and where the warranty ends, so straight lines between them are exact.
  const warrantyMonth = p.warrantyYears * 12;
  const monthsAt = [...new Set([...Array.from({ length: Math.floor(H) + 1 }, (_, k) => k * 12), H * 12, ...(warrantyMonth > 0 && warrantyMonth < H * 12 ? [warrantyMonth] : [])])].sort((a, b) => a - b);
  const cashFlow = monthsAt.map((m) => ({
    month: round(m, 2),
    beforeUsd: r2(refresh + beforeMonthly * m),
    afterUsd: r2(purchase + lc.oneOffUsd + afterMonthlyBase * m + afterMaintMonthly * Math.max(0, m - warrantyMonth)),
  }));
  return {
    horizonYears: H,
    totalUsd: after.totalUsd,
    beforeUsd: before.totalUsd,
    afterUsd: after.totalUsd,
    savingsUsd: r2(before.totalUsd - after.totalUsd),
    paybackMonths: payback,
    breakdown: tcoBreakdown(before, after),
    licence: { ...lic, oneOffUsd: r2(lc.oneOffUsd), perYearUsd: r2(lc.perYearUsd) },
    upfrontUsd: r2(upfront),
    cashFlow,
  };
}
