import { compactName, unitNamed, CANONICAL_UNIT, unitById, type Quantity, type UnitDef, type UnitOverride } from './units.js';
import { wordKey } from './words.js';

/**
 * Headers as people write them. A header cell is read into a name and, where it states one, a
 * unit: `Memory (GB)`, `memory_gb`, `Memory (In MB)`, `memory in MB`, `MemoryMB`, `CPU GHz`,
 * `CPU %` and `memory[MiB]` all carry a unit; the name is then compared with the aliases of each
 * field of the input format (fields.ts) case-, space-, underscore- and punctuation-insensitively
 * (`compactName`). A unit written in square brackets, `memory[MiB]`, is *stated*: the values are
 * taken in that unit without any plausibility guess (sense.ts); a unit written any other way is
 * the header's, and a value that contradicts it is flagged (`data.unit-suspect`).
 */

export interface HeaderName {
  /** The cell as written (BOM and surrounding space removed). */
  raw: string;
  /** compactName of the whole cell. */
  compact: string;
  /** compactName of the cell without its unit (equals `compact` when it states none). */
  base: string;
  /** wordKey of the whole cell, and of the cell without its unit (words.ts). */
  words: string;
  baseWords: string;
  unit?: UnitDef;
  /** The unit was written in square brackets (`memory[MiB]`): stated, not guessed. */
  unitStated: boolean;
}

/**
 * Reads a header cell into its name and unit.
 * @example parseHeader('Memory (In MB)') → { base: 'memory', unit: MiB, unitStated: false }
 * @example parseHeader('cpu_util_avg_pct') → { base: 'cpuutilavg', unit: percent }
 * @example parseHeader('memory[MiB]') → { base: 'memory', unit: MiB, unitStated: true }
 */
export function parseHeader(cell: string): HeaderName {
  const raw = cell.replace(/^\ufeff/, '').trim();
  const compact = compactName(raw);
  const all = wordKey(raw);
  const plain = (): HeaderName => ({ raw, compact, base: compact, words: all, baseWords: all, unitStated: false });
  // 1. A unit in brackets at the end: `Memory (GB)`, `Memory (In MB)`, `memory[MiB]`.
  const b = /^(.*?)[\s_-]*([[(])([^[\]()]*)[\])]\s*$/.exec(raw);
  if (b && compactName(b[1]) !== '') {
    const unit = unitNamed(b[3]);
    if (unit) return { raw, compact, base: compactName(b[1]), words: all, baseWords: wordKey(b[1]), unit, unitStated: b[2] === '[' };
  }
  // 2. A unit as the last word: `memory_mb`, `CPU GHz`, `Memory in MB`, `CPU %`.
  const words = raw.replace(/%/g, ' % ').split(/[^\p{L}\p{N}%]+/u).filter((w) => w !== '');
  if (words.length >= 2) {
    const unit = unitNamed(words[words.length - 1]);
    if (unit) {
      let rest = words.slice(0, -1);
      if (rest.length >= 2 && rest[rest.length - 1].toLowerCase() === 'in') rest = rest.slice(0, -1);
      return { raw, compact, base: compactName(rest.join(' ')), words: all, baseWords: wordKey(rest.join(' ')), unit, unitStated: false };
    }
  }
  // 3. A unit glued to the last word in camel case: `MemoryMB`, `memoryMiB`, `cpuGhz`.
  const last = words[words.length - 1] ?? '';
  const segs = last.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})/u);
  for (let k = Math.min(3, segs.length - 1); k >= 1; k--) {
    const unit = unitNamed(segs.slice(-k).join(''));
    if (unit && unit.quantity !== 'time') {
      const rest = [...words.slice(0, -1), segs.slice(0, -k).join('')];
      return { raw, compact, base: compactName(rest.join(' ')), words: all, baseWords: wordKey(rest.join(' ')), unit, unitStated: false };
    }
  }
  return plain();
}

/**
 * One column an input format knows: its canonical name (the key of parsed values, the name in
 * messages and docs), its quantity (for numbers with a unit) and the names people give it.
 * Adding a spelling is adding an alias; a new export format's columns are new aliases and, where
 * needed, new fields, never a new code path.
 */
export interface FieldSpec {
  /** Canonical column name, e.g. `memory_gb` (a unit in it is the canonical unit of `quantity`). */
  key: string;
  quantity?: Quantity;
  /** Other names, as people write them (compared with compactName; a unit in them is ignored). */
  aliases: readonly string[];
  /** Names that match only when the header states a unit of this field's quantity (`CPU` + `GHz`). */
  unitAliases?: readonly string[];
  /** Unit id of a value whose header states none; default: the canonical unit of `quantity`. */
  unit?: string;
  /** What the column holds (README). */
  meaning: string;
}

/** How a column's unit became known. */
export type UnitSource = 'stated' | 'option' | 'header' | 'default';

export interface MatchedColumn {
  field: FieldSpec;
  /** Index of the header cell. */
  index: number;
  header: HeaderName;
  /** The unit the values are in (undefined for fields without a quantity). */
  unit?: UnitDef;
  unitSource: UnitSource;
}

export interface ColumnMatch {
  /** By field key; absent when the header has no column for the field. */
  byKey: Map<string, MatchedColumn>;
  /** Header cells no field took, as written (empty cells left out), in header order. */
  ignored: string[];
  /** Cells that name a field another cell already took, with the one used. */
  shadowed: { column: string; field: string; used: string }[];
  /** Indexes into the overrides that applied to some column. */
  overridesUsed: Set<number>;
}

interface FieldNames {
  /** Compact name → rank (0: the canonical name; then the aliases in order). */
  names: Map<string, number>;
  unitNames: Map<string, number>;
  /** The same names by their words (words.ts), for headers no exact name matches. */
  words: Map<string, number>;
  unitWords: Map<string, number>;
}
const NAMES = new WeakMap<FieldSpec, FieldNames>();

/** The compact names of a field: its key, the key without its unit, and every alias, ranked in that order. */
function namesOf(f: FieldSpec): FieldNames {
  let n = NAMES.get(f);
  if (!n) {
    const names = new Map<string, number>();
    const add = (m: Map<string, number>, name: string, rank: number) => {
      if (!m.has(name)) m.set(name, rank);
    };
    const unitNames = new Map<string, number>();
    const words = new Map<string, number>();
    const unitWords = new Map<string, number>();
    const addName = (h: HeaderName, rank: number) => {
      add(names, h.compact, rank);
      if (h.words !== '') add(words, h.words, rank);
      // A name without its unit (`cpu` of cpu_ghz) names the field only with a unit (`CPU MHz`).
      if (h.unit && h.unit.quantity === f.quantity) {
        add(unitNames, h.base, rank);
        if (h.baseWords !== '') add(unitWords, h.baseWords, rank);
      }
    };
    addName(parseHeader(f.key), 0);
    f.aliases.forEach((a, i) => addName(parseHeader(a), i + 1));
    (f.unitAliases ?? []).forEach((a, i) => {
      add(unitNames, compactName(a), f.aliases.length + i + 1);
      add(unitWords, wordKey(a), f.aliases.length + i + 1);
    });
    n = { names, unitNames, words, unitWords };
    NAMES.set(f, n);
  }
  return n;
}

/** The unit of a field's values when the header states none: its `unit`, else the canonical unit of its quantity. */
export function canonicalUnit(f: FieldSpec): UnitDef | undefined {
  if (f.unit) return unitById(f.unit);
  return f.quantity ? unitById(CANONICAL_UNIT[f.quantity]) : undefined;
}

/**
 * The field a header cell names, and the unit its values are in: first by the whole cell
 * (`memory_gb`, `watts`, `w_50pct`: a unit in it counts when it fits the field's quantity); then
 * by its name without the unit, when the unit fits the field's quantity (`Memory (MB)` →
 * memory_gb in MiB, `CPU GHz` → cpu_ghz); when no name matches as written, the same two steps by
 * words (words.ts: `Installed RAM (GB)`, `Avg. CPU Utilization (%)`, `# of CPUs`). The first field
 * of the table that matches wins.
 */
export function matchHeader(h: HeaderName, fields: readonly FieldSpec[]): { field: FieldSpec; unit?: UnitDef; unitSource: UnitSource; rank: number } | undefined {
  const source = (): UnitSource => (h.unitStated ? 'stated' : 'header');
  for (const f of fields) {
    const rank = namesOf(f).names.get(h.compact);
    if (rank === undefined) continue;
    if (h.unit && h.unit.quantity === f.quantity) return { field: f, unit: h.unit, unitSource: source(), rank };
    return { field: f, unit: canonicalUnit(f), unitSource: 'default', rank };
  }
  if (h.unit) {
    for (const f of fields) {
      if (f.quantity !== h.unit.quantity) continue;
      const n = namesOf(f);
      const rank = n.names.get(h.base) ?? n.unitNames.get(h.base);
      if (rank !== undefined) return { field: f, unit: h.unit, unitSource: source(), rank };
    }
  }
  // By words (words.ts: synonyms, fillers, any order), when no name matches as written: the
  // whole cell when it states no unit, else its name without the unit, for a field of that quantity.
  if (!h.unit) {
    if (h.words === '') return undefined;
    for (const f of fields) {
      const rank = namesOf(f).words.get(h.words);
      if (rank !== undefined) return { field: f, unit: canonicalUnit(f), unitSource: 'default', rank };
    }
  } else if (h.baseWords !== '') {
    for (const f of fields) {
      if (f.quantity !== h.unit.quantity) continue;
      const n = namesOf(f);
      const rank = n.words.get(h.baseWords) ?? n.unitWords.get(h.baseWords);
      if (rank !== undefined) return { field: f, unit: h.unit, unitSource: source(), rank };
    }
  }
  return undefined;
}

/** The words of a canonical name, compacted, as prefixes: `cpu_util_avg_pct` → cpu, cpuutil, cpuutilavg, cpuutilavgpct. */
function keyPrefixes(key: string): string[] {
  const words = key.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  return words.map((_, i) => compactName(words.slice(0, i + 1).join(' ')));
}

/**
 * Whether a `--units` entry names this column: the header as written (with or without its
 * unit), the canonical name, or leading words of the canonical name (`cpu_util` names every
 * `cpu_util_*_pct`), and the unit is of the column's quantity.
 */
export function overrideApplies(o: UnitOverride, c: { field: FieldSpec; header: HeaderName }): boolean {
  if (!c.field.quantity || o.unit.quantity !== c.field.quantity) return false;
  if (o.compact === c.header.compact || o.compact === c.header.base) return true;
  return keyPrefixes(c.field.key).includes(o.compact) || compactName(c.field.key) === o.compact;
}

/**
 * Maps a header row onto a format's fields. When several cells name one field, the one whose
 * name ranks first (the canonical name, then the aliases in table order; then the leftmost) is
 * used and the others are listed in `shadowed`. A `--units` entry that names a column sets its
 * unit (`option`) unless the header states one in brackets.
 */
export function matchColumns(header: readonly string[], fields: readonly FieldSpec[], overrides: readonly UnitOverride[] = []): ColumnMatch {
  const ignored: string[] = [];
  const shadowed: ColumnMatch['shadowed'] = [];
  const overridesUsed = new Set<number>();
  const found: { col: MatchedColumn; rank: number }[] = [];
  header.forEach((cell, index) => {
    const h = parseHeader(cell);
    const m = h.compact === '' ? undefined : matchHeader(h, fields);
    if (!m) {
      if (h.raw !== '') ignored.push(h.raw);
      return;
    }
    found.push({ col: { field: m.field, index, header: h, unit: m.unit, unitSource: m.unitSource }, rank: m.rank });
  });
  const best = new Map<string, { col: MatchedColumn; rank: number }>();
  for (const x of found) {
    const b = best.get(x.col.field.key);
    if (!b || x.rank < b.rank) best.set(x.col.field.key, x);
  }
  const byKey = new Map<string, MatchedColumn>();
  for (const { col } of found) {
    const used = best.get(col.field.key)!.col;
    if (used !== col) {
      shadowed.push({ column: col.header.raw, field: col.field.key, used: used.header.raw });
      continue;
    }
    overrides.forEach((o, k) => {
      if (!overrideApplies(o, col)) return;
      overridesUsed.add(k);
      if (col.unitSource !== 'stated') {
        col.unit = o.unit;
        col.unitSource = 'option';
      }
    });
    byKey.set(col.field.key, col);
  }
  return { byKey, ignored, shadowed, overridesUsed };
}

/**
 * Normalizes a header cell for formats whose column names are the user's own (pack's resource
 * columns): BOM and surrounding space removed, lower case, spaces and dashes as `_`.
 */
export function normalizeHeader(h: string): string {
  return h.replace(/^\ufeff/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}
