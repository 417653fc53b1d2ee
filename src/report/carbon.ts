import type { CarbonSummary, PlanResult } from '../model/plan-result.js';
import { fmt } from './format.js';

/**
 * The words of summary.carbon, shared by the text, Markdown, CSV and HTML reports: one sentence
 * and one table of four rows. Values are the result's, formatted only. The horizon is the plan's
 * (`summary.tco.horizonYears`, else the `horizonYears` option).
 */

export interface CarbonView {
  c: CarbonSummary;
  horizonYears: number;
  /** No physical "before" (summary.noBefore): only the embodied figure means anything. */
  noBefore: boolean;
}

export function carbonView(r: PlanResult): CarbonView | undefined {
  const c = r.summary.carbon;
  if (!c) return undefined;
  const o = r.options as Record<string, unknown>;
  const h = r.summary.tco?.horizonYears ?? (typeof o.horizonYears === 'number' ? o.horizonYears : undefined);
  return h === undefined ? undefined : { c, horizonYears: h, noBefore: r.summary.noBefore !== undefined };
}

const kg = (x: number) => `${fmt(x, 0)} kg CO2e`;
const years = (h: number) => `${fmt(h, Number.isInteger(h) ? 0 : 1)} year${h === 1 ? '' : 's'}`;

/** One plain sentence: what the new hosts embody, what the plan saves, the payback and the net, or why there is no payback. */
export function carbonSentence(v: CarbonView): string {
  const { c, horizonYears: h } = v;
  if (v.noBefore) return `Carbon: the new hosts embody ${kg(c.embodiedNewKgCo2e)}; with no "before" to compare with, no operational saving, payback or net figure is computed.`;
  const net = c.horizonNetKgCo2e >= 0 ? `over ${years(h)} it avoids ${kg(c.horizonNetKgCo2e)} net` : `over ${years(h)} it emits ${kg(-c.horizonNetKgCo2e)} more than it saves`;
  if (c.carbonPaybackMonths === null) {
    const more = c.operationalSavedKgCo2ePerYear < 0 ? ` (it emits ${kg(-c.operationalSavedKgCo2ePerYear)} more a year)` : '';
    return c.embodiedNewKgCo2e > 0
      ? `Carbon: the plan saves no operational CO2e${more}, so the ${kg(c.embodiedNewKgCo2e)} embodied in the new hosts is never paid back; ${net}.`
      : `Carbon: no new host is made and the plan saves no operational CO2e${more}; ${net}.`;
  }
  if (c.embodiedNewKgCo2e === 0) return `Carbon: no new host is made (kept servers only), so there is no embodied carbon to pay back; the plan saves ${kg(c.operationalSavedKgCo2ePerYear)} a year in operation, and ${net}.`;
  const beyond = c.carbonPaybackMonths > h * 12 ? `, beyond the ${years(h)} horizon` : '';
  return `Carbon: the new hosts embody ${kg(c.embodiedNewKgCo2e)}; the plan saves ${kg(c.operationalSavedKgCo2ePerYear)} a year in operation, which pays that back in ${fmt(c.carbonPaybackMonths, 1)} months${beyond}; ${net}.`;
}

/** The four figures as [label, value, unit, JSON key] rows. */
export function carbonRows(v: CarbonView): [label: string, value: string, unit: string, key: keyof CarbonSummary][] {
  const { c, horizonYears: h } = v;
  const embodied: [string, string, string, keyof CarbonSummary] = ['Embodied CO2e of the new hosts', fmt(c.embodiedNewKgCo2e, 0), 'kg CO2e', 'embodiedNewKgCo2e'];
  if (v.noBefore) return [embodied];
  return [
    embodied,
    ['Operational CO2e saved per year', fmt(c.operationalSavedKgCo2ePerYear, 0), 'kg CO2e', 'operationalSavedKgCo2ePerYear'],
    ['Carbon payback', c.carbonPaybackMonths === null ? 'none: nothing is saved' : fmt(c.carbonPaybackMonths, 1), c.carbonPaybackMonths === null ? '' : 'months', 'carbonPaybackMonths'],
    [`Net CO2e avoided over ${years(h)}`, fmt(c.horizonNetKgCo2e, 0), 'kg CO2e', 'horizonNetKgCo2e'],
  ];
}
