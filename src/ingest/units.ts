/**
 * Units of the values we ingest, and how they are spelled in headers, in `[UNIT]` header suffixes,
 * in cells and in `--units NAME=UNIT`. Each quantity has one canonical unit, the one in the field
 * names the planner uses (`memory_gb` is GiB, `cpu_ghz` GHz, `*_pct` percent, `watts` W,
 * `price_usd` USD, `net_mbps` Mbit/s); `factor` converts a value in the unit to the canonical unit.
 *
 * Memory units are binary whatever their spelling: a server's "16 GB" of RAM is 16 GiB (memory
 * is sold and reported by operating systems and hypervisors in powers of two), so `MB`, `MiB`,
 * `Mbytes` all mean 2^20 bytes here.
 *
 * Adding a unit is adding one entry here; its spellings are matched after `compactName` (lower
 * case, punctuation and spaces removed, `%` read as `pct`).
 */

export type Quantity = 'memory' | 'clock' | 'percent' | 'power' | 'money' | 'rate' | 'time';

export interface UnitDef {
  /** The unit's name as we print it (`MiB`, `GHz`, `fraction`). */
  id: string;
  quantity: Quantity;
  /** Multiply a value in this unit by `factor` to get the quantity's canonical unit. */
  factor: number;
  /** Spellings, as compact names (see compactName). */
  names: readonly string[];
  /** What it means, for the README table. */
  meaning: string;
}

const GIB = 1;
export const UNITS: readonly UnitDef[] = [
  { id: 'B', quantity: 'memory', factor: GIB / 2 ** 30, names: ['b', 'byte', 'bytes'], meaning: 'bytes' },
  { id: 'KiB', quantity: 'memory', factor: GIB / 2 ** 20, names: ['kb', 'kib', 'kbyte', 'kbytes', 'kilobyte', 'kilobytes'], meaning: '2^10 bytes (KB is read as KiB)' },
  { id: 'MiB', quantity: 'memory', factor: GIB / 2 ** 10, names: ['mb', 'mib', 'mbyte', 'mbytes', 'megabyte', 'megabytes'], meaning: '2^20 bytes (MB is read as MiB)' },
  { id: 'GiB', quantity: 'memory', factor: GIB, names: ['gb', 'gib', 'gbyte', 'gbytes', 'gigabyte', 'gigabytes'], meaning: '2^30 bytes (GB is read as GiB); canonical' },
  { id: 'TiB', quantity: 'memory', factor: GIB * 2 ** 10, names: ['tb', 'tib', 'tbyte', 'tbytes', 'terabyte', 'terabytes'], meaning: '2^40 bytes (TB is read as TiB)' },
  { id: 'MHz', quantity: 'clock', factor: 1 / 1000, names: ['mhz'], meaning: 'megahertz' },
  { id: 'GHz', quantity: 'clock', factor: 1, names: ['ghz'], meaning: 'gigahertz; canonical' },
  { id: 'percent', quantity: 'percent', factor: 1, names: ['pct', 'percent', 'percentage', 'perc'], meaning: '0..100 (`%`); canonical' },
  { id: 'fraction', quantity: 'percent', factor: 100, names: ['fraction', 'frac'], meaning: '0..1' },
  { id: 'W', quantity: 'power', factor: 1, names: ['w', 'watt', 'watts'], meaning: 'watts; canonical' },
  { id: 'kW', quantity: 'power', factor: 1000, names: ['kw', 'kilowatt', 'kilowatts'], meaning: 'kilowatts' },
  { id: 'USD', quantity: 'money', factor: 1, names: ['usd'], meaning: 'US dollars; canonical (no other currency is converted)' },
  { id: 'kbps', quantity: 'rate', factor: 1 / 1000, names: ['kbps', 'kbits', 'kbit'], meaning: 'kilobits per second' },
  { id: 'Mbps', quantity: 'rate', factor: 1, names: ['mbps', 'mbits', 'mbit'], meaning: 'megabits per second; canonical' },
  { id: 'Gbps', quantity: 'rate', factor: 1000, names: ['gbps', 'gbits', 'gbit'], meaning: 'gigabits per second' },
  { id: 's', quantity: 'time', factor: 1, names: ['s', 'sec', 'secs', 'second', 'seconds'], meaning: 'seconds (timestamps: their magnitude decides, see the long CSV)' },
  { id: 'ms', quantity: 'time', factor: 1 / 1000, names: ['ms', 'msec', 'millisecond', 'milliseconds'], meaning: 'milliseconds' },
];

const BY_NAME = new Map<string, UnitDef>();
for (const u of UNITS) for (const n of u.names) BY_NAME.set(n, u);

/** The canonical unit of each quantity. */
export const CANONICAL_UNIT: Record<Quantity, string> = { memory: 'GiB', clock: 'GHz', percent: 'percent', power: 'W', money: 'USD', rate: 'Mbps', time: 's' };

/**
 * A name as compared: lower case, `%` read as `pct`, `#` as `num`, every character that is not a
 * letter or a digit removed. So `CPU Cores`, `cpu_cores`, `cpu-cores`, `CpuCores` and `*CPU cores`
 * are all `cpucores`.
 * @example compactName('*Memory (In MB)') === 'memoryinmb'
 */
export function compactName(s: string): string {
  return s.replace(/^\ufeff/, '').toLowerCase().replace(/%/g, 'pct').replace(/#/g, 'num').replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The unit a word names (`MB`, `GHz`, `%`, `fraction`), or undefined. */
export function unitNamed(word: string): UnitDef | undefined {
  const w = word.trim();
  if (w === '%') return BY_NAME.get('pct');
  return BY_NAME.get(compactName(w.replace(/^in\s+/i, '')));
}

/**
 * A number cell that states its unit after the number (`16 GB`, `16GB`, `2.4 GHz`, `2400 MHz`,
 * `150 W`): the number part and the unit, when the unit is one of `quantity`; else undefined.
 * A cell with its own unit means that unit whatever the header says.
 * @example cellUnit('16 GB', 'memory') → { number: '16', unit: GiB }
 * @example cellUnit('16 GHz', 'memory') === undefined
 */
export function cellUnit(cell: string, quantity: Quantity): { number: string; unit: UnitDef } | undefined {
  const m = /^(.*?\d\.?)\s*(\p{L}+)$/u.exec(cell.trim());
  if (!m) return undefined;
  const unit = unitNamed(m[2]);
  return unit && unit.quantity === quantity ? { number: m[1], unit } : undefined;
}

export function unitById(id: string): UnitDef | undefined {
  return UNITS.find((u) => u.id === id);
}

/** One `NAME=UNIT` of `--units`: a column (as written, or its canonical name or a prefix of it) and its unit. */
export interface UnitOverride {
  /** As the user wrote it. */
  name: string;
  /** compactName(name). */
  compact: string;
  unit: UnitDef;
}

/**
 * Parses `--units NAME=UNIT[,NAME=UNIT...]` (e.g. `memory=MiB,cpu_util=fraction`). Throws an
 * Error whose message says what is wrong (the option schema turns it into option.invalid).
 * @example parseUnitOverrides('memory=MiB').map((o) => o.unit.id) → ['MiB']
 */
export function parseUnitOverrides(text: string | undefined): UnitOverride[] {
  if (text === undefined || text.trim() === '') return [];
  const out: UnitOverride[] = [];
  for (const part of text.split(',')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.lastIndexOf('=');
    if (eq <= 0 || eq === p.length - 1) throw new Error(`"${p}" is not NAME=UNIT`);
    const name = p.slice(0, eq).trim();
    const unit = unitNamed(p.slice(eq + 1));
    if (!unit) throw new Error(`"${p.slice(eq + 1).trim()}" is not a unit (units: ${UNITS.map((u) => u.id).join(', ')})`);
    const compact = compactName(name);
    if (compact === '') throw new Error(`"${p}" names no column`);
    if (out.some((o) => o.compact === compact)) throw new Error(`"${name}" is given twice`);
    out.push({ name, compact, unit });
  }
  return out;
}
