import { z } from 'zod';
import type { Issue, RowAccounting } from '../model/issue.js';
import { issue, issueError } from '../model/issue.js';
import type { RowProblem } from '../model/messages.js';
import { readCsv, readHead, sniffDelimiter, assertReadableFile, type CsvReadOptions, type CsvRecord, type CsvSkip } from './csv.js';
import { matchColumns, canonicalUnit, type FieldSpec, type MatchedColumn } from './headers.js';
import { compactName, cellUnit, type UnitDef } from './units.js';
import { readNumber, numberProblem, type DecimalSeparator } from './numbers.js';
import { detectDecimal, dialectIssues, DIALECT_SAMPLE_ROWS, type SampleCell } from './dialect.js';
import { percentLooksFraction, memoryPerCoreSense, clockSense, unitScaled, type UnitSuspect } from './sense.js';
import { defaultUnitSenseLimits } from '../defaults/ingest.js';
import { Cooperator } from '../util/cooperate.js';

export { parseNumberCell } from './numbers.js';
export { normalizeHeader } from './headers.js';

/**
 * The typed table reader every CSV table format shares (servers, host catalog, pack VMs and
 * hosts): over `readCsv`, it
 * 1. matches the header to the format's fields (headers.ts: names as people write them, units in
 *    headers, `--units`), and reports the columns it does not use once;
 * 2. detects the file's decimal separator from its first rows (dialect.ts) and reads every
 *    number cell with it (numbers.ts: `%` in percent columns, no thousands separators);
 * 3. checks each column's unit against its values (sense.ts) and converts every number once,
 *    into the unit of its canonical field name;
 * 4. checks bounds, cross-field rules and duplicate ids.
 * Every bad row becomes an Issue (file, line, column, raw value, what was expected) while the good
 * rows go on; rows read = accepted + rejected, always. Rejected rows are listed in line order.
 *
 * Values are kept in objects created with `Object.create(null)` and keyed only by field keys, so a
 * header named `__proto__` or `constructor` can never reach a prototype.
 */

/** Bounds of a number column, in the unit it is returned in. */
export interface NumberBounds {
  /** Inclusive minimum. */
  min?: number;
  /** Exclusive minimum. */
  gt?: number;
  /** Inclusive maximum. */
  max?: number;
  int?: boolean;
}

/** A plausibility check of a column's unit (sense.ts); never applied to a unit stated in brackets or by --units. */
export type SenseRule =
  | { kind: 'percent' }
  | { kind: 'clock' }
  /** Memory per core of the row (`cores`: key of the cores column); `follow`: read in the unit another memory column was found in, when both headers state the same unit. */
  | { kind: 'memory-per-core'; cores: string; follow?: string; upperOnly?: boolean };

export interface ColumnSpec {
  /** The field: canonical key (the key in parsed rows), quantity and the names people give it. */
  field: FieldSpec;
  required?: boolean;
  /** A number column, with bounds in the unit it is returned in. */
  number?: NumberBounds;
  /** The unit numbers are returned in; default: the canonical unit of the field's quantity. */
  unit?: UnitDef;
  /** Or a text cell: a zod schema receiving the trimmed string. */
  schema?: z.ZodType;
  /** Or a text cell whose reading depends on the file's decimal separator (numbers inside text, like the weights of a workload class mix). */
  schemaFor?: (decimal: DecimalSeparator) => z.ZodType;
  /** What a valid value looks like, for messages ("a number >= 0"). */
  expected: string;
  sense?: SenseRule;
}

export interface TableSpec {
  /** Columns for this header (lets formats with open-ended columns, like pack's VMS.csv, add them). */
  columns: (header: string[]) => ColumnSpec[];
  /** Key of the id column, to reject duplicates. */
  idKey?: string;
  /** Human list of the columns the format expects, for the missing-column message. */
  describe: string;
  /** Fills values derived from others (after unit conversion, before `check`). */
  derive?: (row: Record<string, unknown>) => void;
  /** Cross-field checks on a parsed row; return the problem (rendered by model/messages.ts) to reject the row. */
  check?: (row: Record<string, unknown>) => ({ column: string; expected?: string } & RowProblem) | undefined;
}

export interface TableRow {
  line: number;
  raw: string;
  values: Record<string, unknown>;
}

export interface TableResult {
  file: string;
  header: string[];
  rows: TableRow[];
  issues: Issue[];
  accounting: RowAccounting;
  /** The header cell each field was read from (as written). */
  columns: Map<string, string>;
  /** Indexes of the `--units` entries that named a column of this file. */
  unitOverridesUsed: number[];
}

/** A number column's unit handling, decided once per file. */
interface NumCol {
  spec: ColumnSpec;
  match?: MatchedColumn;
  /** Multiply a value as read by this to get the returned unit. */
  factor: number;
  /** The unit values are returned in (undefined for columns without a quantity). */
  target?: UnitDef;
  /** How the column is named in messages: the header cell as written, else the field key. */
  name: string;
}

function zodToIssueCode(zi: z.core.$ZodIssue): 'row.out-of-range' | 'row.invalid-enum' | 'row.invalid-value' {
  if (zi.code === 'too_small' || zi.code === 'too_big') return 'row.out-of-range';
  if (zi.code === 'invalid_value') return 'row.invalid-enum';
  return 'row.invalid-value';
}

function inBounds(v: number, b: NumberBounds): boolean {
  if (b.int && !Number.isInteger(v)) return false;
  if (b.gt !== undefined && !(v > b.gt)) return false;
  if (b.min !== undefined && !(v >= b.min)) return false;
  if (b.max !== undefined && !(v <= b.max)) return false;
  return true;
}

/** The `--units` text that states a column's unit. */
const overrideText = (key: string, unit: string) => `${key}=${unit}`;

/** Reads and validates a CSV table. Throws InputError for file-level problems (missing columns, empty file). */
export async function readTable(path: string, label: string, spec: TableSpec, opts: CsvReadOptions = {}): Promise<TableResult> {
  const ingest = opts.ingest ?? {};
  const limits = ingest.limits ?? defaultUnitSenseLimits();
  assertReadableFile(path, label);
  const delimiter = opts.delimiter ?? sniffDelimiter(readHead(path));
  // One cooperator for the reading and the passes over the rows after it.
  const co = opts.cooperator ?? new Cooperator({ signal: opts.signal });
  let ticks = 0;
  let headerRec: CsvRecord | undefined;
  const records: (CsvRecord | CsvSkip)[] = [];
  for await (const rec of readCsv(path, label, { ...opts, delimiter, cooperator: co })) {
    if (!headerRec) {
      if (rec.kind === 'skip') throw issueError('file.unreadable', { reason: 'header', problem: rec.problem }, { file: label, line: rec.line });
      headerRec = rec;
      continue;
    }
    records.push(rec);
  }
  if (!headerRec) throw issueError('file.empty', { expected: `a header line and at least one row (columns: ${spec.describe})` }, { file: label });

  // ---- 1. header ----
  const headerRaw = headerRec.fields.map((h) => h.replace(/^\ufeff/, '').trim());
  const seen = new Map<string, string>();
  for (const h of headerRaw) {
    const c = compactName(h);
    if (c === '') continue;
    if (seen.has(c)) throw issueError('file.duplicate-column', {}, { file: label, line: headerRec.line, column: h });
    seen.set(c, h);
  }
  const columns = spec.columns(headerRaw);
  const m = matchColumns(headerRaw, columns.map((c) => c.field), ingest.units ?? []);
  for (const c of columns) {
    if (c.required && !m.byKey.has(c.field.key)) {
      throw issueError('file.missing-column', { expected: spec.describe, found: headerRaw }, { file: label, line: headerRec.line, column: c.field.key });
    }
  }
  const issues: Issue[] = [];
  if (m.ignored.length || m.shadowed.length) {
    issues.push(issue('file.unknown-column', 'warning', { columns: m.ignored, ...(m.shadowed.length ? { shadowed: m.shadowed } : {}) }, { file: label, line: headerRec.line, column: m.ignored[0] ?? m.shadowed[0].column }));
  }
  const active = columns.flatMap((spec) => {
    const match = m.byKey.get(spec.field.key);
    return match ? [{ spec, match }] : [];
  });
  const numCols = new Map<string, NumCol>();
  for (const { spec: c, match } of active) {
    if (!c.number) continue;
    const target = c.unit ?? canonicalUnit(c.field);
    const factor = match.unit && target ? match.unit.factor / target.factor : 1;
    numCols.set(c.field.key, { spec: c, match, factor, target, name: match.header.raw });
  }

  // ---- 2. decimal separator ----
  const sample: SampleCell[] = [];
  for (const r of records.slice(0, DIALECT_SAMPLE_ROWS)) {
    if (r.kind !== 'record') continue;
    for (const n of numCols.values()) {
      const raw = r.fields[n.match!.index];
      if (raw !== undefined && raw.trim() !== '') sample.push({ line: r.line, column: n.name, raw });
    }
  }
  const detected = detectDecimal(sample, delimiter, ingest.decimalSeparator ?? 'auto');
  const decimal: DecimalSeparator = detected.decimal;
  issues.push(...dialectIssues(label, delimiter, detected));

  // ---- 3. cells ----
  const textSchema = new Map(active.filter(({ spec: c }) => !c.number).map(({ spec: c }) => [c.field.key, c.schemaFor ? c.schemaFor(decimal) : c.schema ?? z.string()]));
  const accounting: RowAccounting = { read: records.length, accepted: 0, rejected: 0 };
  const rejected: Issue[] = [];
  // `celled`: the keys whose cell stated its own unit (`16 GB`), read into the returned unit already.
  const parsed: { rec: CsvRecord; values: Record<string, unknown>; celled?: Set<string> }[] = [];
  for (const rec of records) {
    if ((++ticks & 1023) === 0 && co.due()) await co.pause();
    if (rec.kind === 'skip') {
      rejected.push(issue('row.parse-error', 'error', { problem: rec.problem }, { file: label, line: rec.line, rawLine: rec.raw }));
      continue;
    }
    if (rec.fields.length > headerRaw.length && rec.fields.slice(headerRaw.length).some((f) => f.trim() !== '')) {
      rejected.push(issue('row.column-count', 'error', { fields: rec.fields.length, expected: headerRaw.length }, { file: label, line: rec.line, rawLine: rec.raw }));
      continue;
    }
    const badUtf8 = rec.fields.findIndex((f) => f.includes('\ufffd'));
    if (badUtf8 >= 0) {
      rejected.push(issue('row.invalid-value', 'error', { problem: 'not-utf8', expected: 'UTF-8 text (re-save the file as UTF-8)' }, { file: label, line: rec.line, column: headerRaw[badUtf8] || `#${badUtf8 + 1}`, raw: rec.fields[badUtf8], rawLine: rec.raw }));
      continue;
    }
    const values: Record<string, unknown> = Object.create(null);
    let celled: Set<string> | undefined;
    let bad: Issue | undefined;
    for (const { spec: c, match } of active) {
      const rawValue = rec.fields[match.index];
      const cell = rawValue === undefined || rawValue.trim() === '' ? undefined : rawValue.trim();
      const at = { file: label, line: rec.line, column: match.header.raw, raw: rawValue ?? '', rawLine: rec.raw };
      if (cell === undefined) {
        if (c.required) {
          bad = issue('row.missing-value', 'error', { expected: c.expected }, at);
          break;
        }
        continue;
      }
      if (c.number) {
        const percent = c.field.quantity === 'percent';
        let v = readNumber(cell, decimal, percent);
        // A unit in the cell (`16 GB`, `2400 MHz`): that unit, whatever the header says.
        const target = numCols.get(c.field.key)!.target;
        const cu = (v === undefined || Number.isNaN(v)) && c.field.quantity && !percent && target ? cellUnit(cell, c.field.quantity) : undefined;
        if (cu) {
          const x = readNumber(cu.number, decimal, false);
          if (x !== undefined && !Number.isNaN(x)) {
            v = (x * cu.unit.factor) / target!.factor;
            (celled ??= new Set()).add(c.field.key);
          }
        }
        if (v === undefined || Number.isNaN(v)) {
          const problem = numberProblem(cell, decimal, percent);
          bad = issue('row.invalid-number', 'error', { expected: c.expected, ...(problem ? { problem } : {}) }, at);
          break;
        }
        if (v < 0 && ((c.number.min ?? -Infinity) >= 0 || (c.number.gt ?? -Infinity) >= 0)) {
          bad = issue('row.out-of-range', 'error', { expected: c.expected }, at);
          break;
        }
        values[c.field.key] = v;
        continue;
      }
      const r = textSchema.get(c.field.key)!.safeParse(cell);
      if (r.success) {
        if (r.data !== undefined) values[c.field.key] = r.data;
      } else {
        bad = issue(zodToIssueCode(r.error.issues[0]), 'error', { expected: c.expected }, at);
        break;
      }
    }
    if (bad) rejected.push(bad);
    else parsed.push({ rec, values, ...(celled ? { celled } : {}) });
  }

  // ---- 4. units: sense each column, then convert once ----
  const suspects: UnitSuspect[] = [];
  const multiplier = new Map<string, number>();
  const explicit = (n: NumCol) => n.match!.unitSource === 'stated' || n.match!.unitSource === 'option';
  const ordered = [...numCols.values()].sort((a, b) => Number(a.spec.sense?.kind === 'memory-per-core' && a.spec.sense.follow !== undefined) - Number(b.spec.sense?.kind === 'memory-per-core' && b.spec.sense.follow !== undefined));
  for (const n of ordered) {
    const s = n.spec.sense;
    const stated = n.match!.unit;
    if (!s || !stated || explicit(n)) continue;
    const key = n.spec.field.key;
    // Cells that state their own unit are not the header's to judge.
    const own = parsed.filter((p) => !p.celled?.has(key));
    const values = own.map((p) => p.values[key]).filter((v): v is number => typeof v === 'number');
    if (!values.length) continue;
    const override = (unit: string) => overrideText(key, unit);
    if (s.kind === 'percent') {
      const f = percentLooksFraction(values);
      if (f) {
        multiplier.set(key, 100);
        suspects.push({ problem: 'percent-at-most-1', column: n.name, max: f.max, stated: stated.id, assumed: 'fraction', override: override(stated.id) });
      }
    } else if (s.kind === 'clock') {
      const ghz = values.map((v) => v * stated.factor);
      const r = clockSense(ghz, stated, limits);
      if (r) {
        multiplier.set(key, r.multiplier);
        suspects.push({ problem: r.multiplier < 1 ? 'clock-mhz' : 'clock-ghz', column: n.name, median: r.median, minGhz: limits.clockMinGhz, maxGhz: limits.clockMaxGhz, stated: stated.id, assumed: r.assumed.id, override: override(stated.id) });
      }
    } else {
      const other = s.follow !== undefined ? numCols.get(s.follow) : undefined;
      const otherMult = s.follow !== undefined ? multiplier.get(s.follow) : undefined;
      if (other && otherMult !== undefined && other.match!.unit === stated && other.match!.unitSource === n.match!.unitSource) {
        multiplier.set(key, otherMult);
        const assumed = unitScaled(stated, otherMult);
        suspects.push({ problem: 'same-unit-as', column: n.name, other: other.name, stated: stated.id, assumed: assumed?.id ?? stated.id, override: override(stated.id) });
        continue;
      }
      const perCore: number[] = [];
      for (const p of own) {
        const v = p.values[key];
        const cores = p.values[s.cores];
        if (typeof v === 'number' && typeof cores === 'number' && cores > 0) perCore.push((v * stated.factor) / cores);
      }
      const r = memoryPerCoreSense(perCore, stated, limits, s.upperOnly);
      if (r) {
        multiplier.set(key, r.multiplier);
        suspects.push({ problem: 'memory-per-core', column: n.name, medianGiBPerCore: r.medianGiBPerCore, minGiBPerCore: s.upperOnly ? 0 : limits.memoryPerCoreMinGiB, maxGiBPerCore: limits.memoryPerCoreMaxGiB, stated: stated.id, assumed: r.assumed.id, override: override(stated.id) });
      }
    }
  }
  for (const s of suspects) issues.push(issue('data.unit-suspect', 'warning', s, { file: label, line: headerRec.line, column: s.column }));

  // ---- 5. bounds, derived values, cross-field checks, duplicate ids ----
  const rows: TableRow[] = [];
  const seenIds = new Map<string, number>();
  const idCol = spec.idKey !== undefined ? m.byKey.get(spec.idKey)?.header.raw ?? spec.idKey : undefined;
  for (const p of parsed) {
    if ((++ticks & 1023) === 0 && co.due()) await co.pause();
    const { rec, values, celled } = p;
    let bad: Issue | undefined;
    for (const n of numCols.values()) {
      const key = n.spec.field.key;
      const v = values[key];
      if (typeof v !== 'number') continue;
      const x = celled?.has(key) ? v : v * n.factor * (multiplier.get(key) ?? 1);
      if (!inBounds(x, n.spec.number!)) {
        bad = issue('row.out-of-range', 'error', { expected: n.spec.expected }, { file: label, line: rec.line, column: n.name, raw: (rec.fields[n.match!.index] ?? '').trim(), rawLine: rec.raw });
        break;
      }
      values[key] = x;
    }
    if (!bad && spec.derive) spec.derive(values);
    if (!bad && spec.check) {
      const e = spec.check(values);
      if (e) {
        const { column, ...problem } = e;
        bad = issue('row.invalid-value', 'error', problem, { file: label, line: rec.line, column: m.byKey.get(column)?.header.raw ?? column, rawLine: rec.raw });
      }
    }
    if (!bad && spec.idKey) {
      const id = String(values[spec.idKey]);
      const first = seenIds.get(id);
      if (first !== undefined) bad = issue('row.duplicate-id', 'error', { firstLine: first }, { file: label, line: rec.line, column: idCol, raw: id, rawLine: rec.raw });
      else seenIds.set(id, rec.line);
    }
    if (bad) {
      rejected.push(bad);
      continue;
    }
    rows.push({ line: rec.line, raw: rec.raw, values });
  }
  rejected.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  issues.push(...rejected);
  accounting.rejected = rejected.length;
  accounting.accepted = rows.length;
  if (accounting.read === 0) issues.push(issue('file.no-rows', 'warning', {}, { file: label, line: 1 }));
  const colNames = new Map([...m.byKey].map(([k, c]) => [k, c.header.raw]));
  return { file: label, header: headerRaw, rows, issues, accounting, columns: colNames, unitOverridesUsed: [...m.overridesUsed] };
}

/** A number column with bounds. */
export function numberColumn(field: FieldSpec, bounds: NumberBounds, expected: string, extra: Partial<ColumnSpec> = {}): ColumnSpec {
  return { field, number: bounds, expected, ...extra };
}

export function textCell(): z.ZodType<string> {
  return z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1)) as unknown as z.ZodType<string>;
}

export function enumCell<T extends string>(values: readonly T[]): z.ZodType<T> {
  return z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(values as [T, ...T[]])) as unknown as z.ZodType<T>;
}

/**
 * The columns of a table format for help texts and messages: the required ones, then the optional
 * ones (optional columns may be in any order; names are matched as the alias table says).
 * @example columnsSynopsis([{ field: { key: 'id', aliases: [], meaning: '' }, required: true, expected: '' }]) === 'id'
 */
export function columnsSynopsis(specs: readonly Pick<ColumnSpec, 'field' | 'required'>[], optionalNote = ''): string {
  const req = specs.filter((c) => c.required).map((c) => c.field.key);
  const opt = specs.filter((c) => !c.required).map((c) => c.field.key);
  return `${req.join(', ')}${opt.length ? `; optional: ${opt.join(', ')}` : ''}${optionalNote}`;
}
