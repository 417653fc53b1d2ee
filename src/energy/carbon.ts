import type { HostModel } from '../model/host.js';
import type { CarbonSummary, EnergySide, PlanHost } from '../model/plan-result.js';
import { embodiedKgCo2e } from '../procurement/carbon.js';
import { round } from '../util/round.js';

/**
 * summary.carbon: the embodied CO2e of the new hosts against the operational CO2e they save.
 *
 * - embodiedNewKgCo2e = sum over the plan's hosts of their type's embodied kg CO2e (all
 *   life-cycle stages but use, docs/models.md#embodied-carbon); a kept server (`--reuse-existing`,
 *   `--reuse-only`) adds none, since nothing is made. HA spares are bought, so they count.
 * - operationalSavedKgCo2ePerYear = summary.savings.annualCo2Kg: before minus after, IT power x PUE
 *   x hours per year x grid intensity (negative when the plan draws more than it replaces).
 * - carbonPaybackMonths = embodiedNewKgCo2e / (operationalSavedKgCo2ePerYear / 12): the months of
 *   saving that repay the embodied CO2e; 0 when nothing new is made and something is saved; null
 *   when nothing is saved (the new hosts never pay back their carbon).
 * - horizonNetKgCo2e = operationalSavedKgCo2ePerYear x horizon years - embodiedNewKgCo2e: the net
 *   CO2e the plan avoids over the horizon (negative: it emits more than it saves).
 *
 * @example 2 new hosts of 1,500 kg each, 9,000 kg saved a year, 5 years →
 *   { embodiedNewKgCo2e: 3000, operationalSavedKgCo2ePerYear: 9000, carbonPaybackMonths: 4, horizonNetKgCo2e: 42000 }
 */
export function carbonSummary(a: { hosts: Pick<PlanHost, 'type'>[]; hostModels: HostModel[]; savings: Pick<EnergySide, 'annualCo2Kg'>; horizonYears: number }): CarbonSummary {
  const embodied = embodiedKgCo2e(a.hosts, a.hostModels);
  const saved = a.savings.annualCo2Kg;
  const payback = saved > 0 ? (embodied > 0 ? embodied / (saved / 12) : 0) : null;
  return {
    embodiedNewKgCo2e: round(embodied, 2),
    operationalSavedKgCo2ePerYear: round(saved, 3),
    carbonPaybackMonths: payback === null ? null : round(payback, 1),
    horizonNetKgCo2e: round(saved * a.horizonYears - embodied, 2),
  };
}

/**
 * Cumulative kg CO2e over the horizon, year by year, for the chart of summary.carbon: keeping the
 * source servers (before: their CO2e a year x t) against the plan (after: the embodied CO2e of the
 * new hosts at t = 0, then its CO2e a year x t). The lines cross at the carbon payback.
 * @example before 10,000 kg/yr, after 4,000 kg/yr, 3,000 kg embodied, 2 years →
 *   before [0, 10000, 20000], after [3000, 7000, 11000] (crossing at 0.5 years = 6 months)
 */
export function cumulativeCarbon(beforeKgPerYear: number, afterKgPerYear: number, embodiedKg: number, horizonYears: number): { years: number[]; beforeKg: number[]; afterKg: number[] } {
  const steps = Math.max(1, Math.ceil(horizonYears));
  const years = Array.from({ length: steps + 1 }, (_, i) => round(Math.min(i, horizonYears), 6));
  return { years, beforeKg: years.map((t) => round(beforeKgPerYear * t, 3)), afterKg: years.map((t) => round(embodiedKg + afterKgPerYear * t, 3)) };
}
