import type { WhatIfResult, WhatIfScenario } from './run.js';
import { fmt } from '../report/format.js';
import { optionChanges } from './verdict.js';

/**
 * What the what-if renderers (text, Markdown, HTML, CSV) share: which metrics to show, a value
 * with its difference to the base, the options a scenario changes, the chart data (small
 * multiples, cumulative cost) read from the result. No arithmetic beyond choosing and reading.
 */
export type MetricDef = WhatIfResult['metrics'][number];

/** Metrics that at least one scenario reports (others, e.g. TCO before the cost model, are hidden in tables). */
export function shownMetrics(r: WhatIfResult): MetricDef[] {
  return r.metrics.filter((m) => r.scenarios.some((s) => s.metrics[m.key] !== null && s.metrics[m.key] !== undefined));
}

/** A difference with its sign, '' when absent, "0" rather than "-0". */
export function signed(x: number | null | undefined, d: number): string {
  if (x === null || x === undefined) return '';
  const s = fmt(x, d);
  return s === '-' ? '' : x > 0 && s !== fmt(0, d) ? `+${s}` : s === `-${fmt(0, d)}` ? fmt(0, d) : s;
}

/** "9 (+1)": the value and, for a variation, its difference to the base when it shows as non-zero. */
export function cellText(s: WhatIfScenario, m: MetricDef, isBase: boolean): string {
  const v = fmt(s.metrics[m.key], m.decimals);
  if (isBase) return v;
  const d = signed(s.deltas[m.key], m.decimals);
  return d && d !== fmt(0, m.decimals) ? `${v} (${d})` : v;
}

export function hiddenNote(r: WhatIfResult): string | null {
  const shown = shownMetrics(r);
  const hidden = r.metrics.filter((m) => !shown.includes(m)).map((m) => m.label);
  return hidden.length ? `Not reported by these plans: ${hidden.join(', ')}.` : null;
}

const optionValue = (v: unknown) => (v === undefined ? '(unset)' : typeof v === 'string' ? v : JSON.stringify(v));

/** The options a variation changes relative to the base, e.g. "cpuTarget=70, hypervisor=kvm". */
export function changed(r: WhatIfResult, s: WhatIfScenario): string {
  return optionChanges(r.scenarios[0].options, s.options)
    .map((c) => `${c.key}=${optionValue(c.value)}`)
    .join(', ');
}

/** Every option in force for a scenario, with whether it differs from the base. */
export function optionRows(r: WhatIfResult, s: WhatIfScenario): { key: string; value: string; changed: boolean; baseValue: string }[] {
  const base = r.scenarios[0].options;
  const keys = [...new Set([...Object.keys(s.options), ...(s === r.scenarios[0] ? [] : Object.keys(base))])].sort();
  return keys.map((k) => ({ key: k, value: optionValue(s.options[k]), changed: s !== r.scenarios[0] && JSON.stringify(base[k]) !== JSON.stringify(s.options[k]), baseValue: optionValue(base[k]) }));
}

/**
 * A source as a report reader can follow it: the primary references, without the pointer to the
 * project's own documentation file (which a reader of the report does not have; the JSON keeps
 * the source whole).
 * @example citation('EIA Electric Power Annual 2023 [R]; docs/models.md#sensitivity') === 'EIA Electric Power Annual 2023 [R]'
 */
export function citation(source: string): string {
  return source.replace(/;?\s*docs\/models\.md#[\w-]+/g, '').trim();
}

/** How a value compares with the base's, for colour: the base, better, worse or the same. */
export function tone(m: MetricDef, s: WhatIfScenario, isBase: boolean): 'base' | 'better' | 'worse' | 'same' {
  if (isBase) return 'base';
  const d = s.deltas[m.key];
  if (d === null || d === undefined || fmt(d, m.decimals) === fmt(0, m.decimals) || fmt(d, m.decimals) === `-${fmt(0, m.decimals)}` || m.better === 'none') return 'same';
  return (m.better === 'lower') === d < 0 ? 'better' : 'worse';
}

/** The metrics drawn as small multiples, in this order, when reported. */
export const PANEL_METRICS = ['hosts', 'powerWatts', 'tcoUsd', 'co2Kg', 'horizonNetCo2Kg', 'paybackYears'] as const;

/** Panel titles (the metric's table label is terse; a chart has room for words). */
export function panelTitle(key: string, m: MetricDef, horizonYears: number | null): { title: string; subtitle: string } {
  const h = horizonYears !== null ? `${fmt(horizonYears)} years` : 'the horizon';
  switch (key) {
    case 'hosts':
      return { title: 'Hosts', subtitle: 'new hosts in the plan' };
    case 'powerWatts':
      return { title: 'IT power', subtitle: 'watts at average load, after' };
    case 'tcoUsd':
      return { title: 'TCO', subtitle: `USD over ${h}` };
    case 'co2Kg':
      return { title: 'CO2 per year', subtitle: 'kg, operational, after' };
    case 'horizonNetCo2Kg':
      return { title: 'Net CO2 with embodied carbon', subtitle: `kg CO2e over ${h}` };
    case 'paybackYears':
      return { title: 'Payback', subtitle: 'years until savings repay the new hosts' };
    default:
      return { title: m.label, subtitle: m.unit };
  }
}

/** One point of a scenario's cumulative cash: months from today, USD spent before and after. */
export interface CashPoint {
  month: number;
  beforeUsd: number;
  afterUsd: number;
}

/** The cumulative cash of each scenario that reports it (summary.tco.cashFlow). */
export function cashFlows(r: WhatIfResult): { name: string; points: CashPoint[]; paybackMonths: number | null; horizonYears: number; noBefore: boolean }[] {
  return r.scenarios.flatMap((s) => {
    const t = s.summary.tco;
    return t?.cashFlow?.length ? [{ name: s.name, points: t.cashFlow, paybackMonths: t.paybackMonths, horizonYears: t.horizonYears, noBefore: s.summary.before.hosts === 0 }] : [];
  });
}

/** What a scenario's cash line says about payback, in words. */
export function paybackWords(f: { paybackMonths: number | null; horizonYears: number; noBefore: boolean }): string {
  if (f.noBefore) return 'no current servers: nothing to pay back';
  if (f.paybackMonths === null) return 'never pays back';
  return f.paybackMonths <= f.horizonYears * 12 ? `pays back in ${fmt(f.paybackMonths, 1)} months` : `pays back after the horizon, in ${fmt(f.paybackMonths, 1)} months`;
}

/**
 * An end of a sensitivity range with its unit, as a reader expects it: "60%", "×1.25",
 * "$0.08/kWh"; values of other units (ratios, techniques, percentiles) as they are.
 */
export function rangeValue(value: number | string, unit: string): string {
  if (typeof value !== 'number') return value;
  if (unit === '%') return `${value}%`;
  if (unit.startsWith('x ')) return `×${value}`;
  if (unit === 'USD/kWh') return `$${value}/kWh`;
  return String(value);
}
