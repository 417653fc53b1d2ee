import { round } from '../util/round.js';

/**
 * The verdict of a what-if comparison, as data: which scenario has the lowest cost and the
 * lowest CO2, what it changes against the base, and by how much. Wording is the renderers'
 * (whatif/sentence.ts); this module only picks and subtracts.
 *
 * Ties are decided on the figures as the report shows them (rounded to the metric's decimals),
 * so two scenarios that read the same are named together rather than one "winning" by a cent.
 */

/** What the verdict reads of a compared scenario (whatif/run.ts WhatIfScenario has it all). */
export interface VerdictInput {
  name: string;
  options: Record<string, unknown>;
  metrics: Record<string, number | null>;
  summary: { tco?: { horizonYears: number } };
}

/** One option a scenario sets differently from the base. `value` undefined: the option is removed. */
export interface OptionChange {
  key: string;
  base: unknown;
  value: unknown;
}

export interface VerdictPick {
  /** Metric key (see METRICS): tcoUsd, costUsd, co2Kg or horizonNetCo2Kg. */
  metric: string;
  /** The lowest value, as the metric reports it. */
  value: number;
  /** Every scenario whose displayed value equals the lowest, in scenario order. */
  winners: string[];
  /** The base is among the winners. */
  baseWins: boolean;
  baseValue: number;
  /** value - baseValue (0 when the base wins). */
  difference: number;
  /** difference / |baseValue|, null when the base value is 0. */
  fraction: number | null;
  /** What each winning variation changes against the base. */
  changes: Record<string, OptionChange[]>;
  /** When the base wins: the best variation and how far behind it is (positive: worse). */
  runnerUp?: { name: string; value: number; difference: number; fraction: number | null };
}

export interface Verdict {
  /** Horizon of the TCO and of the net carbon, years (from the base plan), when reported. */
  horizonYears: number | null;
  /** Lowest TCO over the horizon; without a cost model, the lowest annual electricity cost. */
  cost: VerdictPick | null;
  /** Lowest operational CO2 a year (the new hosts' and any server left as it is). */
  co2: VerdictPick | null;
  /** Lowest net CO2 over the horizon counting the embodied carbon of new hosts, when reported. */
  netCo2: VerdictPick | null;
}

/** The options a scenario sets differently from the base, sorted by key. */
export function optionChanges(base: Record<string, unknown>, s: Record<string, unknown>): OptionChange[] {
  const keys = [...new Set([...Object.keys(base), ...Object.keys(s)])].sort();
  return keys.filter((k) => JSON.stringify(base[k]) !== JSON.stringify(s[k])).map((k) => ({ key: k, base: base[k], value: s[k] }));
}

const frac = (d: number, b: number) => (b === 0 ? null : round(d / Math.abs(b), 6));

/** The pick for one metric (lower is better); null when the base or every variation lacks it. */
export function pickLowest(scenarios: VerdictInput[], metric: string, decimals: number): VerdictPick | null {
  const base = scenarios[0];
  const baseValue = base?.metrics[metric] ?? null;
  if (!base || baseValue === null || baseValue === undefined) return null;
  const shown = (v: number) => round(v, decimals);
  const have = scenarios.filter((s) => typeof s.metrics[metric] === 'number');
  const best = Math.min(...have.map((s) => shown(s.metrics[metric]!)));
  const winners = have.filter((s) => shown(s.metrics[metric]!) === best);
  const baseWins = winners[0] === base;
  const value = winners[0].metrics[metric]!;
  const pick: VerdictPick = {
    metric,
    value,
    winners: winners.map((s) => s.name),
    baseWins,
    baseValue,
    difference: baseWins ? 0 : round(value - baseValue),
    fraction: baseWins ? 0 : frac(value - baseValue, baseValue),
    changes: Object.fromEntries(winners.filter((s) => s !== base).map((s) => [s.name, optionChanges(base.options, s.options)])),
  };
  if (baseWins && winners.length === 1) {
    const others = have.filter((s) => s !== base).sort((a, b) => a.metrics[metric]! - b.metrics[metric]!);
    const r = others[0];
    if (r) pick.runnerUp = { name: r.name, value: r.metrics[metric]!, difference: round(r.metrics[metric]! - baseValue), fraction: frac(r.metrics[metric]! - baseValue, baseValue) };
  }
  return pick;
}

/** The verdict of a comparison (base first). */
export function computeVerdict(scenarios: VerdictInput[]): Verdict {
  const horizon = scenarios[0]?.summary.tco?.horizonYears ?? null;
  const cost = pickLowest(scenarios, 'tcoUsd', 0) ?? pickLowest(scenarios, 'costUsd', 0);
  return { horizonYears: horizon, cost, co2: pickLowest(scenarios, 'co2Kg', 0), netCo2: pickLowest(scenarios, 'horizonNetCo2Kg', 0) };
}
