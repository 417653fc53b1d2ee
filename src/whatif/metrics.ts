import type { PlanResult } from '../model/plan-result.js';

/**
 * The columns of a what-if comparison, read from a plan's `summary`. Fields that other parts of
 * the planner add (`summary.tco`, `summary.overloadRisk`) are read when present and shown as "-"
 * otherwise, so the comparison never invents a number.
 */
export interface Metric {
  key: string;
  label: string;
  unit: string;
  /** Which direction is an improvement (for colouring deltas); 'none' when neutral. */
  better: 'lower' | 'higher' | 'none';
  decimals: number;
  read(summary: PlanResult['summary']): number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const field = (s: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => obj(o)?.[k], s);

/** TCO over the horizon, USD, when the cost model is present (`summary.tco.totalUsd`). */
export const tcoTotal = (s: PlanResult['summary']): number | null => num(field(s, 'tco', 'totalUsd'));

/** Whether the plan has no "before" to compare with (`summary.noBefore`): then it reports no savings. */
const noBefore = (s: PlanResult['summary']): boolean => field(s, 'noBefore') !== undefined;

/** TCO savings against keeping the current servers, USD, when the cost model reports it (none without a "before"). */
export function tcoSavings(s: PlanResult['summary']): number | null {
  if (noBefore(s)) return null;
  const t = field(s, 'tco');
  const direct = num(field(t, 'savingsUsd')) ?? num(field(t, 'savings', 'totalUsd'));
  if (direct !== null) return direct;
  const before = num(field(t, 'beforeUsd'));
  const total = tcoTotal(s);
  return before !== null && total !== null ? before - total : null;
}

/** Payback in years (from `tco.paybackYears`, or `tco.paybackMonths` / 12). */
export function payback(s: PlanResult['summary']): number | null {
  const t = field(s, 'tco');
  const y = num(field(t, 'paybackYears'));
  if (y !== null) return y;
  const m = num(field(t, 'paybackMonths'));
  return m !== null ? m / 12 : null;
}

/** Overload risk as a fraction 0..1: a number, or the first of probability/fraction/maxFraction. */
export function overloadRisk(s: PlanResult['summary']): number | null {
  const r = field(s, 'overloadRisk');
  if (num(r) !== null) return num(r);
  for (const k of ['probability', 'fraction', 'hostHourFraction', 'maxProbability', 'maxFraction', 'value']) {
    const v = num(field(r, k));
    if (v !== null) return v;
  }
  return null;
}

/**
 * The carbon figures of a plan (`summary.carbon`: embodied carbon of the new hosts, operational
 * CO2 saved a year, carbon payback and the net over the horizon), each null until the plan
 * reports it. The one place that knows where they live.
 */
export function carbonOf(s: PlanResult['summary']): { embodiedNewKgCo2e: number | null; operationalSavedKgCo2ePerYear: number | null; carbonPaybackMonths: number | null; horizonNetKgCo2e: number | null } {
  const c = field(s, 'carbon');
  return {
    embodiedNewKgCo2e: num(field(c, 'embodiedNewKgCo2e')),
    operationalSavedKgCo2ePerYear: num(field(c, 'operationalSavedKgCo2ePerYear')),
    carbonPaybackMonths: num(field(c, 'carbonPaybackMonths')),
    horizonNetKgCo2e: num(field(c, 'horizonNetKgCo2e')),
  };
}

/**
 * The net CO2e a plan adds over the horizon, counting the embodied carbon of its new hosts:
 * embodied minus operational saved x years, so lower is better (negative: the plan avoids CO2e).
 * summary.carbon.horizonNetKgCo2e states the same figure as what the plan avoids (operational
 * saved x years minus embodied), hence the sign change.
 * @example horizonNetKgCo2e 191,000 (40,000 kg saved a year x 5 years - 9,000 embodied) → -191,000
 */
export function netCo2Added(s: PlanResult['summary']): number | null {
  const avoided = carbonOf(s).horizonNetKgCo2e;
  return avoided === null ? null : avoided === 0 ? 0 : -avoided;
}

export const METRICS: Metric[] = [
  { key: 'hosts', label: 'Hosts', unit: 'hosts', better: 'lower', decimals: 0, read: (s) => s.hostsUsed },
  { key: 'unplaced', label: 'Unplaced', unit: 'VMs', better: 'lower', decimals: 0, read: (s) => s.unplaced },
  { key: 'ratio', label: 'Ratio', unit: 'VMs/host', better: 'higher', decimals: 1, read: (s) => s.consolidationRatio },
  { key: 'powerWatts', label: 'Power W', unit: 'W (IT, after)', better: 'lower', decimals: 0, read: (s) => s.after.powerWatts },
  { key: 'energyKWh', label: 'Energy kWh/y', unit: 'kWh/year (facility, after)', better: 'lower', decimals: 0, read: (s) => s.after.annualEnergyKWh },
  { key: 'costUsd', label: 'Elec. USD/y', unit: 'USD/year (electricity, after)', better: 'lower', decimals: 0, read: (s) => s.after.annualCostUsd },
  { key: 'co2Kg', label: 'CO2 kg/y', unit: 'kg/year (after)', better: 'lower', decimals: 0, read: (s) => s.after.annualCo2Kg },
  { key: 'savingsUsd', label: 'Saved USD/y', unit: 'USD/year (electricity)', better: 'higher', decimals: 0, read: (s) => (noBefore(s) ? null : s.savings.annualCostUsd) },
  { key: 'capexUsd', label: 'Capex USD', unit: 'USD (new hosts)', better: 'lower', decimals: 0, read: (s) => num(field(s, 'tco', 'breakdown', 'capex', 'afterUsd')) ?? num(field(s, 'tco', 'breakdown', 'after', 'capexUsd')) ?? num(field(s, 'tco', 'upfrontUsd')) ?? s.totalCost },
  { key: 'tcoUsd', label: 'TCO USD', unit: 'USD over the horizon', better: 'lower', decimals: 0, read: tcoTotal },
  { key: 'tcoSavingsUsd', label: 'TCO saved USD', unit: 'USD over the horizon', better: 'higher', decimals: 0, read: tcoSavings },
  { key: 'paybackYears', label: 'Payback y', unit: 'years', better: 'lower', decimals: 1, read: payback },
  { key: 'overloadRisk', label: 'Overload risk', unit: 'fraction', better: 'lower', decimals: 3, read: overloadRisk },
  { key: 'embodiedCo2Kg', label: 'Embodied CO2 kg', unit: 'kg CO2e (making the new hosts)', better: 'lower', decimals: 0, read: (s) => carbonOf(s).embodiedNewKgCo2e },
  { key: 'horizonNetCo2Kg', label: 'Net CO2 kg', unit: 'kg CO2e over the horizon (embodied minus operational saved)', better: 'lower', decimals: 0, read: (s) => netCo2Added(s) },
  { key: 'carbonPaybackMonths', label: 'Carbon payback mo', unit: 'months until the operational savings repay the embodied carbon', better: 'lower', decimals: 1, read: (s) => carbonOf(s).carbonPaybackMonths },
];

/**
 * The quantity the sensitivity analysis measures: TCO savings when the cost model reports them,
 * else the annual electricity cost savings.
 */
export function savingsObjective(s: PlanResult['summary']): { key: string; label: string; value: number } {
  const t = tcoSavings(s);
  if (t !== null) return { key: 'tcoSavingsUsd', label: 'TCO savings (USD over the horizon)', value: t };
  return { key: 'annualCostSavingsUsd', label: 'annual electricity cost savings (USD/year)', value: s.savings.annualCostUsd };
}
