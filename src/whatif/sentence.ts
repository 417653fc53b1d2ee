import { fmt } from '../report/format.js';
import type { Verdict, VerdictPick, OptionChange } from './verdict.js';

/**
 * The verdict in words: one sentence, as segments that each format renders its own way (bold in
 * HTML and Markdown, plain or ANSI in text). A segment with `key` is a figure; HTML tags it with
 * its exact value (data-key, data-value), as the plan report does.
 */
export interface Segment {
  t: string;
  /** Emphasized (a scenario name or a figure). */
  b?: boolean;
  /** A scenario name (kept exactly as written). */
  name?: boolean;
  /** The figure's key and exact value, e.g. verdict.cost.value. */
  key?: string;
  value?: number;
}

interface Noun {
  /** "the lowest <what>" */
  what: string;
  /** Unit after a value: "USD", "kg CO2 a year". */
  unit: string;
  /** Unit after a difference: "USD", "kg". */
  diffUnit: string;
}

function nounOf(p: VerdictPick, horizon: number | null): Noun {
  const h = horizon !== null ? `${fmt(horizon)}-year ` : '';
  switch (p.metric) {
    case 'tcoUsd':
      return { what: `${h}TCO`, unit: 'USD', diffUnit: 'USD' };
    case 'costUsd':
      return { what: 'electricity cost', unit: 'USD a year', diffUnit: 'USD' };
    case 'co2Kg':
      return { what: 'CO2', unit: 'kg a year', diffUnit: 'kg' };
    default:
      return { what: `net CO2 over ${horizon !== null ? `the ${fmt(horizon)} years` : 'the horizon'} counting the embodied carbon of new hosts`, unit: 'kg CO2e', diffUnit: 'kg' };
  }
}

/** " (14.7%)"; a share that rounds to 0.0% reads "(under 0.1%)", so a trifle is not mistaken for none. */
const pctOf = (f: number | null) => (f === null ? '' : f !== 0 && Math.abs(f) < 0.0005 ? ' (under 0.1%)' : ` (${fmt(Math.abs(f) * 100, 1)}%)`);

/**
 * How a scenario differs from the base, in words: "by setting hypervisor to kvm", "by setting
 * hostType to dell-r7525 (hosts unset)", "by unsetting hosts".
 */
function howPhrase(cs: OptionChange[]): string {
  const sets = cs.filter((c) => c.value !== undefined).map((c) => `setting ${c.key} to ${typeof c.value === 'string' ? c.value : JSON.stringify(c.value)}`);
  const unsets = cs.filter((c) => c.value === undefined).map((c) => c.key);
  if (!sets.length) return `by unsetting ${joinAnd(unsets)}`;
  return `by ${joinAnd(sets)}${unsets.length ? ` (${joinAnd(unsets)} unset)` : ''}`;
}

/** "a, b and c" */
export function joinAnd(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

function names(ns: string[]): Segment[] {
  const out: Segment[] = [];
  ns.forEach((n, i) => {
    if (i > 0) out.push({ t: i === ns.length - 1 ? ' and ' : ', ' });
    out.push({ t: n, b: true, name: true });
  });
  return out;
}

function clause(p: VerdictPick, key: string, horizon: number | null, also: boolean): Segment[] {
  const n = nounOf(p, horizon);
  const value: Segment = { t: `${fmt(p.value)} ${n.unit}`, b: true, key: `verdict.${key}.value`, value: p.value };
  const variations = p.winners.filter((w, i) => !(p.baseWins && i === 0));
  if (p.baseWins && variations.length === 0) {
    const out: Segment[] = [{ t: 'the base', b: true }, { t: ` has the lowest ${n.what}, ` }, value];
    const r = p.runnerUp;
    if (r) out.push({ t: '; the closest variation, ' }, { t: r.name, b: true, name: true }, { t: ', is ' }, { t: `${fmt(r.difference)} ${n.diffUnit}${pctOf(r.fraction)}`, b: true, key: `verdict.${key}.runnerUp.difference`, value: r.difference }, { t: ' higher' });
    return out;
  }
  if (p.baseWins) return [{ t: 'the base and ' }, ...names(variations), { t: ` tie for the lowest ${n.what}, ` }, value, { t: `; no variation is lower` }];
  const diff: Segment = { t: `${fmt(Math.abs(p.difference))} ${n.diffUnit}${pctOf(p.fraction)}`, b: true, key: `verdict.${key}.difference`, value: p.difference };
  const ch = variations.map((w) => ({ w, c: p.changes[w] ?? [] })).filter((x) => x.c.length);
  const how: Segment[] = !ch.length ? [] : ch.length === 1 ? [{ t: `, ${howPhrase(ch[0].c)}` }] : [{ t: ` (${ch.map((x) => `${x.w}: ${howPhrase(x.c)}`).join('; ')})` }];
  if (variations.length === 1)
    return also
      ? [{ t: 'it also has the lowest ' + n.what + ', ' }, value, { t: ', ' }, diff, { t: ' less than the base' }]
      : [...names(variations), { t: ` has the lowest ${n.what}, ` }, value, { t: ', ' }, diff, { t: ' less than the base' }, ...how];
  return [...names(variations), { t: ` tie for the lowest ${n.what}, ` }, value, { t: ', ' }, diff, { t: ' less than the base' }, ...how];
}

const sameWinners = (a: VerdictPick | null, b: VerdictPick | null) => !!a && !!b && !a.baseWins && !b.baseWins && a.winners.length === 1 && a.winners.join('\0') === b.winners.join('\0');

/**
 * The verdict as one sentence. Example (the bundled scenario file):
 * "kvm has the lowest 5-year TCO, 286,004 USD, 49,176 USD (14.7%) less than the base, by setting
 * hypervisor to kvm; it also has the lowest CO2, 13,618 kg a year, 699 kg (4.9%) less than the base."
 */
export function verdictSegments(v: Verdict): Segment[] {
  const parts: Segment[][] = [];
  if (v.cost) parts.push(clause(v.cost, 'cost', v.horizonYears, false));
  if (v.co2) parts.push(clause(v.co2, 'co2', v.horizonYears, sameWinners(v.cost, v.co2)));
  if (v.netCo2) parts.push(clause(v.netCo2, 'netCo2', v.horizonYears, sameWinners(v.co2, v.netCo2) || (!v.co2 && sameWinners(v.cost, v.netCo2))));
  if (!parts.length) return [{ t: 'The plans report neither cost nor CO2 to compare.' }];
  const out: Segment[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push({ t: '; ' });
    out.push(...p);
  });
  out.push({ t: '.' });
  // Capitalize the sentence, unless it starts with a scenario name (names stay as written).
  const first = out[0];
  if (!first.name) out[0] = { ...first, t: first.t.charAt(0).toUpperCase() + first.t.slice(1) };
  return out;
}

/** The sentence as plain text. */
export const verdictText = (v: Verdict) => verdictSegments(v).map((s) => s.t).join('');
