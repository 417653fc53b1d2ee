import type { EnergySide } from '../model/plan-result.js';
import { fmt, pct } from './format.js';
import { ioDimensionOf } from '../model/dimensions.js';

/**
 * The before/after quantities every plan report shows, in one order, with one label and unit, so
 * that text, Markdown, CSV and HTML print the same rows. Decimals are display precision only.
 */
export interface Quantity {
  key: keyof EnergySide;
  label: string;
  unit: string;
  decimals: number;
}

export const SUMMARY_QUANTITIES: Quantity[] = [
  { key: 'hosts', label: 'Hosts', unit: 'hosts', decimals: 0 },
  { key: 'powerWatts', label: 'IT power', unit: 'W', decimals: 0 },
  { key: 'facilityPowerWatts', label: 'Facility power, x PUE', unit: 'W', decimals: 0 },
  { key: 'annualEnergyKWh', label: 'Energy per year', unit: 'kWh', decimals: 0 },
  { key: 'annualCostUsd', label: 'Electricity per year', unit: 'USD', decimals: 0 },
  { key: 'annualCo2Kg', label: 'CO2 per year', unit: 'kg', decimals: 0 },
];

/** Human label for a camelCase or snake_case key: `capexUsd` → `Capex (USD)`, `memory_gib` → `Memory (GiB)`. */
export function humanize(key: string): string {
  const units: [RegExp, string][] = [
    [/Usd$/i, 'USD'],
    [/KWh$/, 'kWh'],
    [/Watts$/i, 'W'],
    [/Kg$/i, 'kg'],
    [/GiB$/i, 'GiB'],
    [/Ghz$/i, 'GHz'],
    [/Months$/i, 'months'],
    [/Years$/i, 'years'],
    [/Hours$/i, 'h'],
    [/Fraction$/i, 'fraction'],
    [/Percent$/i, '%'],
  ];
  let k = key.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  let unit = '';
  for (const [re, u] of units) {
    const m = key.match(re);
    if (m && key.length > m[0].length) {
      unit = u;
      k = key.slice(0, key.length - m[0].length).replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2');
      break;
    }
  }
  k = k.trim();
  k = k.charAt(0).toUpperCase() + k.slice(1).toLowerCase();
  return unit ? `${k} (${unit})` : k;
}

/** Short names for the plan's resource dimensions. */
export function dimensionLabel(d: string): string {
  if (d === 'cpu_ghz') return 'CPU';
  if (d === 'memory_gib') return 'Memory';
  const io = ioDimensionOf(d);
  if (io) return `${io.label.charAt(0).toUpperCase()}${io.label.slice(1)}`;
  const m = d.match(/^cpu_ghz@(.+)$/);
  if (m) return `CPU (bucket ${m[1]})`;
  return d;
}

/**
 * The dimensions a host table or fill chart shows as columns: the plain resources. Derived
 * dimensions (time buckets `cpu_ghz@03`, site counters `site@ams`) are left out of the columns;
 * the binding column still names whichever dimension binds, and the fill chart adds a "binding"
 * bar with that dimension's fill.
 */
export function displayDimensions(dims: string[]): { shown: string[]; hidden: boolean } {
  const shown = dims.filter((d) => !d.includes('@'));
  return { shown, hidden: shown.length < dims.length };
}

/**
 * The before/after/savings table of a plan as plain strings (header and rows), shared by the
 * text, Markdown and HTML renderers, which only add their own escaping and layout. The "Saved"
 * column appears when `savingsFraction` is present; with no "before" (hasBefore) only "After".
 */
export function summaryTable(sm: { before: EnergySide; after: EnergySide; savings: EnergySide; savingsFraction?: Partial<Record<keyof EnergySide, number | null>> | null; noBefore?: unknown }): { header: string[]; rows: string[][] } {
  const sf = sm.savingsFraction;
  if (!hasBefore(sm)) return { header: ['', 'After'], rows: SUMMARY_QUANTITIES.map((q) => [q.key === 'hosts' ? q.label : `${q.label} (${q.unit})`, fmt(sm.after[q.key], q.decimals)]) };
  return {
    header: ['', 'Before', 'After', 'Savings', ...(sf ? ['Saved'] : [])],
    rows: SUMMARY_QUANTITIES.map((q) => [
      q.key === 'hosts' ? q.label : `${q.label} (${q.unit})`,
      fmt(sm.before[q.key], q.decimals),
      fmt(sm.after[q.key], q.decimals),
      fmt(sm.savings[q.key], q.decimals),
      ...(sf ? [pct(sf[q.key], 0)] : []),
    ]),
  };
}

/**
 * Whether a plan has a "before" side to compare with: some physical source server or source host
 * (`summary.noBefore` absent). Without one, the reports show the new hosts alone: no Before or
 * Savings column, no payback.
 */
export function hasBefore(sm: { before: EnergySide; noBefore?: unknown }): boolean {
  return sm.noBefore === undefined && sm.before.hosts > 0;
}

/** The sentence every report prints when there is no "before". */
export const NO_BEFORE_TEXT = 'The input has no physical source servers (only VMs or traces without their hosts), so there is no "before" to compare with: the figures are those of the new hosts.';
