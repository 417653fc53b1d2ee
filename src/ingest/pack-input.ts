import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { readTable, textCell, type ColumnSpec } from './table.js';
import { assertReadableFile, readHead, sniffDelimiter, type CsvReadOptions } from './csv.js';
import { parseNumberCell } from './numbers.js';
import { compactName } from './units.js';
import { detectDecimal, dialectIssues, DIALECT_SAMPLE_ROWS, type SampleCell } from './dialect.js';
import { assertTextFile } from './binary.js';
import type { LoadResult } from './servers.js';
import { splitGroups } from './servers.js';
import type { PackingHostType, PackingItem } from '../packing/problem.js';
import { issueError } from '../model/issue.js';
import { Cooperator, mapCooperative } from '../util/cooperate.js';
import { matchColumns, normalizeHeader, parseHeader, type FieldSpec } from './headers.js';
import { PACK_ITEM_FIELDS, PACK_HOST_FIELDS } from './fields.js';
import { fieldOf } from './servers.js';

/**
 * Inputs of `consolidate pack` (pure vector bin packing):
 * - VMS.csv: `id` plus one numeric column per resource, with any names; optional constraint
 *   columns `anti_affinity`, `affinity`, `site` (and the other names of fields.ts).
 * - HOSTS.csv: `type`, the same resource columns as capacities, optional `count` (unlimited when
 *   absent or empty) and `cost` (1 when absent).
 * A resource is named as its VMS.csv header, lower case with spaces as `_` (`dimensions`). The
 * hosts file names it the same way up to case, spaces and punctuation (`Memory GiB` for
 * `memory_gib`); when both headers state units of one quantity (`memory_mb`, `Memory (GB)`), the
 * capacities are converted into the VMS.csv unit, once. Numbers are read with the file's decimal
 * separator (numbers.ts); a negative demand or a capacity <= 0 rejects its row.
 */

/** The key of a resource in parsed rows: `:` + its name (compactName drops the colon, so only the resource's own names match it). */
const resourceKey = (name: string) => `:${name}`;

/** The resource columns of a VMS.csv header: every non-empty cell that is not one of the constraint fields. */
function resourceCells(header: string[]): { raw: string; name: string; index: number }[] {
  const m = matchColumns(header, PACK_ITEM_FIELDS);
  const taken = new Set([...m.byKey.values()].map((c) => c.index));
  const shadowed = new Set(m.shadowed.map((s) => s.column));
  return header.flatMap((raw, i) => (raw.trim() === '' || taken.has(i) || shadowed.has(raw.trim()) ? [] : [{ raw: raw.trim(), name: normalizeHeader(raw), index: i }]));
}

/** VMS.csv as read: the items, their resources (`dimensions`, as named in results) and those resources' header cells as written. */
export type PackItems = LoadResult<PackingItem> & { dimensions: string[]; resourceHeaders: string[] };

/** Numbers like 1.234 or 12.500: a decimal point or a thousands separator, in a file whose separator is unknown. */
const AMBIGUOUS_DOT = /^[+-]?[1-9]\d{0,2}\.\d{3}$/;

/** Chunk size of the fast reader's file stream (bytes). */
const FAST_READ_CHUNK_BYTES = 1 << 20;

/** Powers of ten exactly representable as doubles (10^0 .. 10^22). */
const EXACT_POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Most digits whose integer is exact in a double (< 2^53). */
const EXACT_DIGITS = 15;

/** A demand cell: plain digits with at most one decimal point are read at once; anything else goes
 *  through the strict cell parser (same result, slower). Returns NaN when invalid. With at most
 *  EXACT_DIGITS digits the value is the digits' integer divided by a power of ten, both exact, so
 *  the one rounding of the division gives the correctly rounded number, as Number() does (Clinger's
 *  fast path); longer cells go through Number(). */
function demandCell(s: string, from: number, to: number): number {
  let dot = false;
  let plain = to > from;
  let v = 0;
  let digits = 0;
  let frac = 0;
  for (let i = from; i < to && plain; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (dot) plain = false;
      dot = true;
    } else if (c < 48 || c > 57) plain = false;
    else {
      v = v * 10 + (c - 48);
      digits++;
      if (dot) frac++;
    }
  }
  if (plain && !(dot && to - from === 1)) return digits <= EXACT_DIGITS ? (frac ? v / EXACT_POW10[frac] : v) : Number(s.slice(from, to));
  const x = parseNumberCell(s.slice(from, to));
  return x === undefined ? Number.NaN : x;
}

/** Trims a cell as String.prototype.trim does, slicing only when needed. */
function trimmedCell(s: string, from: number, to: number): string {
  const v = s.slice(from, to);
  if (v.length === 0) return v;
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(v.length - 1);
  return a <= 32 || b <= 32 || a > 126 || b > 126 ? v.trim() : v;
}

/**
 * The fast path of `loadPackItems` for the common file: one pass over the bytes, fields split at
 * the delimiter, demands read without per-cell schema objects. It accepts only files on which it
 * gives exactly what the general reader (readTable) gives: no double quote anywhere, no lone CR,
 * valid UTF-8, a header with an id column and at least one resource column and no repeated name
 * (the same header rules: headers.ts), every row valid (an id, a plain demand >= 0 in every
 * resource column, no extra non-empty field), no repeated id, and numbers the file's decimal
 * separator reads as plain numbers (detected from the same cells: dialect.ts). On anything else it returns null and the caller reads the file the general way,
 * which reports every problem with its line and column. Checks the abort signal per chunk.
 */
export async function readPackItemsFast(path: string, opts: CsvReadOptions & { label?: string } = {}): Promise<PackItems | null> {
  assertReadableFile(path, opts.label ?? path);
  if (opts.ingest?.decimalSeparator === 'comma') return null;
  await assertTextFile(path, opts.label ?? path, opts.ingest?.option);
  const delimiter = opts.delimiter ?? sniffDelimiter(readHead(path));
  if (delimiter.length !== 1) return null;
  const decoder = new StringDecoder('utf8');
  const stream = createReadStream(path, { highWaterMark: FAST_READ_CHUNK_BYTES });
  let rest = '';
  let header: string[] | null = null;
  let dimIndex: number[] = [];
  let idIndex = -1;
  let optIndex: { aa: number; aff: number; site: number } = { aa: -1, aff: -1, site: -1 };
  let width = 0;
  const records: PackingItem[] = [];
  // Repeated ids: while the ids come in ascending order (the common export) none can repeat, and
  // no set is kept; from the first id out of order on, a set of all ids so far.
  let ids: Set<string> | null = null;
  let lastId: string | null = null;
  let bytes = 0;
  let ok = true;
  // the general reader's decimal-separator detection, over the same cells
  let lineNo = 0;
  let rowsSeen = 0;
  const sample: SampleCell[] = [];
  let ambiguous = false;
  const cut = (line: string): number[] => {
    // field boundaries: starts and ends interleaved
    const b: number[] = [];
    let start = 0;
    for (;;) {
      const j = line.indexOf(delimiter, start);
      if (j < 0) {
        b.push(start, line.length);
        return b;
      }
      b.push(start, j);
      start = j + 1;
    }
  };
  let headerRaw: string[] = [];
  // per row: field boundaries (starts and ends interleaved) of the header's fields
  let fb = new Int32Array(0);
  let demandAt: Int32Array = new Int32Array(0);
  const onHeader = (line: string): boolean => {
    const b = cut(line);
    const raw: string[] = [];
    for (let f = 0; f < b.length; f += 2) raw.push(line.slice(b[f], b[f + 1]).replace(/^\ufeff/, '').trim());
    // the general reader's rules: a repeated name (compared compactly) is an error, reported there
    const seen = new Set<string>();
    for (const h of raw) {
      const c = compactName(h);
      if (c !== '' && seen.has(c)) return false;
      seen.add(c);
    }
    const m = matchColumns(raw, PACK_ITEM_FIELDS);
    // a second id-like column is reported by the general reader: leave the file to it
    if (m.shadowed.length) return false;
    idIndex = m.byKey.get('id')?.index ?? -1;
    if (idIndex < 0) return false;
    optIndex = { aa: m.byKey.get('anti_affinity')?.index ?? -1, aff: m.byKey.get('affinity')?.index ?? -1, site: m.byKey.get('site')?.index ?? -1 };
    dimIndex = resourceCells(raw).map((d) => d.index);
    if (dimIndex.length === 0) return false;
    header = raw.map(normalizeHeader);
    headerRaw = raw;
    width = raw.length;
    fb = new Int32Array(2 * width);
    demandAt = Int32Array.from(dimIndex);
    return true;
  };
  const text = (s: string, f: number): string | undefined => {
    if (f < 0 || fb[2 * f] < 0) return undefined;
    const v = trimmedCell(s, fb[2 * f], fb[2 * f + 1]);
    return v === '' ? undefined : v;
  };
  const hasOptional = () => optIndex.aa >= 0 || optIndex.aff >= 0 || optIndex.site >= 0;
  let optional = false;
  /** The row s[start, end): its fields found in place (no line string, no field array). */
  const onRow = (s: string, start: number, end: number): boolean => {
    let f = 0;
    let at = start;
    for (;;) {
      let j = s.indexOf(delimiter, at);
      if (j < 0 || j > end) j = end;
      if (f < width) {
        fb[2 * f] = at;
        fb[2 * f + 1] = j;
      } else if (s.slice(at, j).trim() !== '') return false; // an extra non-empty field
      f++;
      if (j >= end) break;
      at = j + 1;
    }
    // missing fields (a short row): absent, as the general reader has them
    for (; f < width; f++) fb[2 * f] = fb[2 * f + 1] = -1;
    const id = text(s, idIndex);
    if (id === undefined) return false;
    if (ids === null && lastId !== null && !(lastId < id)) {
      ids = new Set<string>();
      for (const r of records) ids.add(r.id);
    }
    if (ids !== null) {
      if (ids.has(id)) return false;
      ids.add(id);
    }
    lastId = id;
    const nd = demandAt.length;
    const demand = new Array<number>(nd);
    for (let k = 0; k < nd; k++) {
      const fi = demandAt[k];
      let from = fb[2 * fi];
      let to = fb[2 * fi + 1];
      if (from < 0) return false;
      while (from < to && s.charCodeAt(from) <= 32) from++;
      while (to > from && s.charCodeAt(to - 1) <= 32) to--;
      const v = demandCell(s, from, to);
      if (!(v >= 0)) return false;
      if (rowsSeen < DIALECT_SAMPLE_ROWS && to > from) sample.push({ line: lineNo, column: headerRaw[fi], raw: s.slice(fb[2 * fi], fb[2 * fi + 1]) });
      // (the pattern needs a point with three digits after it, the cheap test first)
      if (!ambiguous && delimiter !== ',' && to - from >= 5 && s.charCodeAt(to - 4) === 46 && AMBIGUOUS_DOT.test(s.slice(from, to))) ambiguous = true;
      demand[k] = v;
    }
    rowsSeen++;
    const item: PackingItem = { id, demand };
    if (optional) {
      const aa = splitGroups(text(s, optIndex.aa));
      if (aa) item.antiAffinity = aa;
      const aff = text(s, optIndex.aff);
      if (aff !== undefined) item.affinity = aff;
      const site = text(s, optIndex.site);
      if (site !== undefined) item.site = site;
    }
    records.push(item);
    return true;
  };
  const onText = (chunk: string, last: boolean): boolean => {
    if (chunk.includes('"') || chunk.includes('\ufffd')) return false;
    let s = rest + chunk;
    if (header === null && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    // the next CR: allowed only right before a LF (no lone CR line end, no CR inside a field)
    let cr = s.indexOf('\r');
    let start = 0;
    for (;;) {
      let j = s.indexOf('\n', start);
      if (j < 0) {
        if (!last) break;
        j = s.length;
        if (j === start) break;
      }
      let end = j;
      if (end > start && s.charCodeAt(end - 1) === 13) end--;
      if (cr >= 0 && cr < start) cr = s.indexOf('\r', start);
      if (cr >= 0 && cr < end) return false;
      const from = start;
      start = j + 1;
      lineNo++;
      if (end > from) {
        if (header === null) {
          if (!onHeader(s.slice(from, end))) return false;
          optional = hasOptional();
        } else if (!onRow(s, from, end)) return false;
      }
      if (j >= s.length) break;
    }
    rest = start < s.length ? s.slice(start) : '';
    return true;
  };
  try {
    for await (const chunk of stream) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
      bytes += (chunk as Buffer).length;
      opts.onBytes?.(bytes);
      if (!onText(decoder.write(chunk as Buffer), false)) {
        ok = false;
        break;
      }
    }
    if (ok) ok = onText(decoder.end(), true);
  } finally {
    stream.destroy();
  }
  if (!ok || header === null || records.length === 0) return null;
  const detected = detectDecimal(sample, delimiter, opts.ingest?.decimalSeparator ?? 'auto');
  // a decimal comma, or a number that is ambiguous in a file whose separator is unknown: the general reader says why
  if (detected.decimal === 'comma' || (detected.decimal === 'unknown' && ambiguous)) return null;
  const dimensions = dimIndex.map((f) => header![f]);
  const n = records.length;
  return { records, issues: dialectIssues(opts.label ?? path, delimiter, detected), rows: { read: n, accepted: n, rejected: 0 }, dimensions, resourceHeaders: dimIndex.map((f) => headerRaw[f]) };
}

/** VMS.csv of `consolidate pack`: the fast path when it applies, else the general reader. */
export async function loadPackItems(path: string, opts: CsvReadOptions & { label?: string } = {}): Promise<PackItems> {
  return (await readPackItemsFast(path, opts)) ?? readPackItemsTable(path, opts);
}

/** VMS.csv through the general typed-table reader (every problem reported with line and column). */
export async function readPackItemsTable(path: string, optsIn: CsvReadOptions & { label?: string } = {}): Promise<PackItems> {
  const label = optsIn.label ?? path;
  const opts = { ...optsIn, cooperator: optsIn.cooperator ?? new Cooperator({ signal: optsIn.signal }) };
  let dims: { raw: string; name: string }[] = [];
  const t = await readTable(path, label, {
    columns: (header) => {
      dims = resourceCells(header);
      if (dims.length === 0) throw issueError('file.missing-column', { expected: 'id plus one numeric column per resource', found: header }, { file: label, line: 1, column: 'a resource' });
      const cols: ColumnSpec[] = [
        { field: fieldOf(PACK_ITEM_FIELDS, 'id'), required: true, schema: textCell(), expected: 'a non-empty id' },
        { field: fieldOf(PACK_ITEM_FIELDS, 'anti_affinity'), schema: textCell(), expected: 'group names' },
        { field: fieldOf(PACK_ITEM_FIELDS, 'affinity'), schema: textCell(), expected: 'a group name' },
        { field: fieldOf(PACK_ITEM_FIELDS, 'site'), schema: textCell(), expected: 'a site name' },
      ];
      // A resource is matched by its own cell only (no quantity: its values stay in its own unit).
      for (const d of dims) cols.push({ field: { key: resourceKey(d.name), aliases: [d.raw], meaning: 'a resource' }, required: true, number: { min: 0 }, expected: 'a demand >= 0' });
      return cols;
    },
    idKey: 'id',
    describe: 'id plus one numeric column per resource[,anti_affinity,affinity,site]',
  }, opts);
  const dimensions = dims.map((d) => d.name);
  const records = await mapCooperative(t.rows, (r) => {
    const v = r.values as Record<string, any>;
    const item: PackingItem = { id: v.id, demand: dimensions.map((d) => v[resourceKey(d)] as number) };
    const aa = splitGroups(v.anti_affinity);
    if (aa) item.antiAffinity = aa;
    if (v.affinity !== undefined) item.affinity = v.affinity;
    if (v.site !== undefined) item.site = v.site;
    return item;
  }, opts.cooperator);
  return { records, issues: t.issues, rows: t.accounting, dimensions, resourceHeaders: dims.map((d) => d.raw) };
}

/**
 * The resource fields of HOSTS.csv for the VMS.csv resources: each named like its VMS.csv header;
 * a resource whose VMS.csv header states a unit takes a hosts header of the same quantity and is
 * converted to that unit (a hosts header with no unit is taken to be in it).
 */
function hostResourceFields(dimensions: string[], vmHeaders: string[]): FieldSpec[] {
  return dimensions.map((d, i) => {
    const h = parseHeader(vmHeaders[i] ?? d);
    return { key: resourceKey(d), aliases: [vmHeaders[i] ?? d, d], meaning: 'a resource', ...(h.unit ? { quantity: h.unit.quantity, unit: h.unit.id } : {}) };
  });
}

export async function loadPackHosts(path: string, dimensions: string[], optsIn: CsvReadOptions & { label?: string; vmHeaders?: string[] } = {}): Promise<LoadResult<PackingHostType>> {
  const label = optsIn.label ?? path;
  const opts = { ...optsIn, cooperator: optsIn.cooperator ?? new Cooperator({ signal: optsIn.signal }) };
  const resFields = hostResourceFields(dimensions, opts.vmHeaders ?? dimensions);
  const t = await readTable(path, label, {
    columns: (header) => {
      const all = [...PACK_HOST_FIELDS, ...resFields];
      const m = matchColumns(header, all);
      if (m.ignored.length) throw issueError('file.unknown-column', { resources: dimensions }, { file: label, line: 1, column: m.ignored[0] });
      const cols: ColumnSpec[] = [
        { field: fieldOf(PACK_HOST_FIELDS, 'type'), required: true, schema: textCell(), expected: 'a host type name' },
        { field: fieldOf(PACK_HOST_FIELDS, 'count'), number: { min: 0, int: true }, expected: 'a whole number of hosts >= 0' },
        { field: fieldOf(PACK_HOST_FIELDS, 'cost'), number: { min: 0 }, expected: 'a cost >= 0' },
      ];
      for (const f of resFields) cols.push({ field: f, required: true, number: { gt: 0 }, expected: 'a capacity > 0' });
      return cols;
    },
    idKey: 'type',
    describe: `type,${dimensions.join(',')}[,count,cost]`,
  }, opts);
  const records = await mapCooperative(t.rows, (r) => {
    const v = r.values as Record<string, any>;
    return { type: v.type, capacity: dimensions.map((d) => v[resourceKey(d)] as number), cost: v.cost ?? 1, count: v.count ?? null } satisfies PackingHostType;
  }, opts.cooperator);
  return { records, issues: t.issues, rows: t.accounting };
}
