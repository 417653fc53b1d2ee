import type { PlanResult, DataQuality } from '../model/plan-result.js';
import { humanize, hasBefore } from './labels.js';

/**
 * Optional report sections. Other stages add fields to the PlanResult over time (TCO, observed
 * energy, overload risk, data quality); a renderer shows a section only when its field is present,
 * and reads it through these small views so that a missing or differently shaped field simply
 * leaves the section out. Nothing here computes: values are copied, never combined.
 */

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

export interface TcoView {
  horizonYears?: number;
  totalUsd?: number;
  beforeUsd?: number;
  afterUsd?: number;
  paybackMonths: number | null | undefined;
  savingsUsd?: number;
  /** Breakdown lines: label plus before/after or a single value, USD. */
  breakdown: BreakdownLine[];
  /** Other scalar fields of summary.tco, for the tables. */
  extra: [string, string | number | boolean | null][];
}

export interface BreakdownLine {
  key: string;
  label: string;
  beforeUsd?: number;
  afterUsd?: number;
  valueUsd?: number;
  /** JSON paths of the values, relative to summary.tco.breakdown. */
  beforePath?: string;
  afterPath?: string;
  valuePath?: string;
}

const LABEL_KEYS = ['label', 'name', 'item', 'key', 'category', 'component'];

function breakdownLines(b: unknown): BreakdownLine[] {
  const out: BreakdownLine[] = [];
  const fromObj = (key: string, o: Rec): BreakdownLine | undefined => {
    const line: BreakdownLine = { key, label: humanize(key).replace(/ \(USD\)$/, '') };
    const pick = (names: string[]) => names.find((n) => num(o[n]) !== undefined);
    const b = pick(['beforeUsd', 'before']);
    const a = pick(['afterUsd', 'after']);
    const v = pick(['usd', 'valueUsd', 'amountUsd', 'totalUsd', 'value']);
    if (b) Object.assign(line, { beforeUsd: o[b], beforePath: `${key}.${b}` });
    if (a) Object.assign(line, { afterUsd: o[a], afterPath: `${key}.${a}` });
    if (v && !b && !a) Object.assign(line, { valueUsd: o[v], valuePath: `${key}.${v}` });
    return b || a || v ? line : undefined;
  };
  if (isRec(b) && isRec(b.before) && isRec(b.after)) {
    // { before: { capexUsd, ... }, after: { capexUsd, ... } }: one line per cost item.
    const before = b.before;
    const after = b.after;
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))].filter((k) => k !== 'totalUsd');
    for (const k of keys) {
      const line: BreakdownLine = { key: k, label: humanize(k).replace(/ \(USD\)$/, '') };
      const bv = num(before[k]);
      const av = num(after[k]);
      if (bv !== undefined) Object.assign(line, { beforeUsd: bv, beforePath: `before.${k}` });
      if (av !== undefined) Object.assign(line, { afterUsd: av, afterPath: `after.${k}` });
      if (bv !== undefined || av !== undefined) out.push(line);
    }
    return out;
  }
  if (Array.isArray(b)) {
    b.forEach((e, i) => {
      if (!isRec(e)) return;
      const lk = LABEL_KEYS.find((k) => typeof e[k] === 'string');
      const key = lk ? String(e[lk]) : `item ${i + 1}`;
      const line = fromObj(key, e);
      const at = (p?: string) => (p ? `${i}${p.slice(key.length)}` : undefined);
      if (line) out.push({ ...line, label: lk ? key : line.label, beforePath: at(line.beforePath), afterPath: at(line.afterPath), valuePath: at(line.valuePath) });
    });
  } else if (isRec(b)) {
    for (const [k, v] of Object.entries(b)) {
      if (num(v) !== undefined) out.push({ key: k, label: humanize(k), valueUsd: v as number });
      else if (isRec(v)) {
        const line = fromObj(k, v);
        if (line) out.push(line);
      }
    }
  }
  return out;
}

export function tcoView(r: PlanResult): TcoView | undefined {
  const t = (r.summary as Rec).tco;
  if (!isRec(t)) return undefined;
  const known = new Set(['horizonYears', 'totalUsd', 'beforeUsd', 'afterUsd', 'paybackMonths', 'breakdown', 'savingsUsd']);
  const extra: TcoView['extra'] = [];
  for (const [k, v] of Object.entries(t)) {
    if (known.has(k)) continue;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) extra.push([k, v]);
  }
  const view: TcoView = {
    horizonYears: num(t.horizonYears),
    totalUsd: num(t.totalUsd),
    beforeUsd: num(t.beforeUsd),
    afterUsd: num(t.afterUsd),
    paybackMonths: t.paybackMonths === null ? null : num(t.paybackMonths),
    savingsUsd: num(t.savingsUsd),
    breakdown: breakdownLines(t.breakdown),
    extra,
  };
  // No "before" to compare with: the TCO of the new hosts alone, one value per cost item.
  if (!hasBefore(r.summary)) {
    return {
      ...view,
      beforeUsd: undefined,
      savingsUsd: undefined,
      paybackMonths: undefined,
      breakdown: view.breakdown.map((b) => (b.afterUsd !== undefined ? { key: b.key, label: b.label, valueUsd: b.afterUsd, valuePath: b.afterPath } : b)),
    };
  }
  return view;
}

export interface ObservedView {
  windowHours?: number;
  afterKWh?: number;
  beforeKWh?: number;
}

/** Energy over the observed window of the time series (summary.after.observedEnergyKWh, IT energy before PUE). */
export function observedView(r: PlanResult): ObservedView | undefined {
  const s = r.summary as Rec;
  const after = num((s.after as Rec).observedEnergyKWh);
  const before = num((s.before as Rec).observedEnergyKWh);
  const windowHours = num(s.observedWindowHours);
  if (after === undefined && windowHours === undefined) return undefined;
  return { windowHours, afterKWh: after, beforeKWh: hasBefore(r.summary) ? before : undefined };
}

export interface OverloadView {
  /** Fraction of samples in which some host would exceed its capacity, 0..1. */
  fraction?: number;
  extra: [string, string | number | boolean | null][];
}

export function overloadView(r: PlanResult): OverloadView | undefined {
  const o = (r.summary as Rec).overloadRisk;
  if (typeof o === 'number') return { fraction: o, extra: [] };
  if (!isRec(o)) return undefined;
  const fraction = num(o.fraction) ?? num(o.sampleFraction) ?? num(o.overloadFraction) ?? num(o.value);
  const extra: OverloadView['extra'] = [];
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) extra.push([k, v]);
  }
  return { fraction, extra };
}

/** The overload risk stated with --overload-risk, against what the plan achieves. */
export interface RiskTargetView {
  targetFraction: number;
  achievedFraction: number;
  met: boolean;
  cpuTargetPercent: number;
  /** CPU targets the search packed. */
  tried: number;
}

export function riskTargetView(r: PlanResult): RiskTargetView | undefined {
  const o = r.summary.overload;
  if (!o || o.targetFraction === undefined || o.achievedFraction === undefined || o.cpuTargetPercent === undefined) return undefined;
  return { targetFraction: o.targetFraction, achievedFraction: o.achievedFraction, met: o.met === true, cpuTargetPercent: o.cpuTargetPercent, tried: o.search?.length ?? 0 };
}

/** The sentence every format shows for --overload-risk. */
export function riskTargetText(v: RiskTargetView, pct: (x: number, d?: number) => string): string {
  return `Overload target: at most ${pct(v.targetFraction, 2)} of active host time over CPU capacity; achieved ${pct(v.achievedFraction, 2)} (${v.met ? 'met' : 'NOT met'}), with CPU packed to ${v.cpuTargetPercent}% of each host's CPU for VMs (${v.tried} CPU targets tried on the traces)`;
}

/** The risk-energy curve (--risk-curve): one row per risk level. */
export function riskCurveRows(r: PlanResult): NonNullable<PlanResult['summary']['riskCurve']> {
  return r.summary.riskCurve ?? [];
}

/** A generic view of a nested record: its scalar fields, and each array of records as a table. */
export interface GenericView {
  scalars: [string, string | number | boolean | null][];
  tables: { name: string; columns: string[]; rows: (string | number | boolean | null)[][] }[];
}

export function genericView(x: unknown, prefix = ''): GenericView {
  const out: GenericView = { scalars: [], tables: [] };
  if (!isRec(x)) return out;
  for (const [k, v] of Object.entries(x)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) out.scalars.push([name, v]);
    else if (Array.isArray(v) && v.every((e) => typeof e === 'string' || typeof e === 'number')) out.scalars.push([name, v.join(', ')]);
    else if (Array.isArray(v) && v.some(isRec)) {
      const columns: string[] = [];
      for (const e of v) if (isRec(e)) for (const [ck, cv] of Object.entries(e)) if (!columns.includes(ck) && (cv === null || typeof cv !== 'object')) columns.push(ck);
      const rows = v.filter(isRec).map((e) => columns.map((c) => (e[c] === undefined ? null : (e[c] as string | number | boolean | null))));
      out.tables.push({ name, columns, rows });
    } else if (isRec(v)) {
      const inner = genericView(v, name);
      out.scalars.push(...inner.scalars);
      out.tables.push(...inner.tables);
    }
  }
  return out;
}

/** Data quality (ingest issue): shown generically, whatever its exact fields. */
export function dataQualityView(r: PlanResult): GenericView | undefined {
  const q = (r as unknown as Rec).dataQuality;
  if (!isRec(q)) return undefined;
  return genericView(q);
}

/** The rejected input rows (severity error with a line), and the other issues. */
/**
 * Issues for the issues tables: rejected rows, and the other warnings and notes. Left out: one
 * `plan.unplaced` per unplaced workload (the unplaced table shows them) and the engine's warnings
 * (shown once, as the result's `warnings`).
 */
export function issueGroups(r: { issues: PlanResult['issues'] }) {
  const rejected = r.issues.filter((i) => i.severity === 'error');
  const other = r.issues.filter((i) => i.severity !== 'error' && i.code !== 'plan.unplaced' && !isEngineWarning(i.code));
  return { rejected, other };
}

/** Codes of the packing engine's warnings (result `warnings`). */
export function isEngineWarning(code: string): boolean {
  return code.startsWith('packing.') || code === 'solver.fallback';
}

/** Workloads rated below 5 stars, lowest first, then by id (a stable order for every format). */
export function leastConfident(q: DataQuality): DataQuality['workloads'] {
  return q.workloads.filter((w) => w.stars < 5).sort((a, b) => a.stars - b.stars || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
