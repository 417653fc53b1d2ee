import { UNITS, type UnitDef } from './units.js';
import type { UnitSenseLimits } from '../defaults/ingest.js';

/**
 * Unit sense: whether a column's values fit the unit its header states (or the canonical unit,
 * when it states none), and if not, which unit they fit. Used by every table reader on the
 * columns that declare a check; a column whose unit is stated in brackets (`memory[MiB]`) or by
 * `--units` is never second-guessed. What is found becomes one `data.unit-suspect` warning per
 * column saying what looked wrong, what was assumed and how to say otherwise.
 *
 * The checks look at a column as a whole (all its accepted rows), so one odd row never changes
 * how the others are read:
 * - percent: every value is at most 1 and some lie strictly between 0 and 1 → fractions (0..1).
 * - memory: the median GiB per core lies outside [memoryPerCoreMinGiB, memoryPerCoreMaxGiB] →
 *   the binary unit (x1024 steps, at most two) that puts it inside.
 * - clock: the median clock lies outside [clockMinGhz, clockMaxGhz] → MHz or GHz.
 * Limits: src/defaults/ingest.ts, docs/models.md#unit-sense.
 */

/** What looked wrong in a column (data.unit-suspect args). */
export type UnitSuspect =
  | { problem: 'percent-at-most-1'; column: string; max: number; stated: string; assumed: string; override: string }
  | { problem: 'memory-per-core'; column: string; medianGiBPerCore: number; minGiBPerCore: number; maxGiBPerCore: number; stated: string; assumed: string; override: string }
  | { problem: 'clock-mhz' | 'clock-ghz'; column: string; median: number; minGhz: number; maxGhz: number; stated: string; assumed: string; override: string }
  | { problem: 'same-unit-as'; column: string; other: string; stated: string; assumed: string; override: string };

/**
 * The median of the finite values (the lower middle one for an even count), NaN when none.
 * @example median([3, 1, 2, 10]) === 2
 */
export function median(values: readonly number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : Number.NaN;
}

/**
 * Percent values that look like fractions: all at most 1, some strictly between 0 and 1.
 * A column of only 0 and 1 stays percent (1 = 1% is as likely as 1 = 100%).
 * @example percentLooksFraction([0.25, 0.5, 0]) → { max: 0.5 }; percentLooksFraction([0, 1]) → undefined
 */
export function percentLooksFraction(values: Iterable<number>): { max: number } | undefined {
  let max = -Infinity;
  let between = false;
  for (const v of values) {
    if (!(v >= 0)) continue;
    if (v > 1) return undefined;
    if (v > max) max = v;
    if (v > 0 && v < 1) between = true;
  }
  return between ? { max } : undefined;
}

/** The unit of `stated`'s quantity whose factor is `stated.factor * multiplier`, if any. */
export function unitScaled(stated: UnitDef, multiplier: number): UnitDef | undefined {
  const want = stated.factor * multiplier;
  return UNITS.find((u) => u.quantity === stated.quantity && Math.abs(u.factor / want - 1) < 1e-9);
}

/**
 * The factor that brings a median into [min, max] by steps of `step` (at most two), with the
 * unit that factor means; undefined when the median is inside already (or no step helps).
 */
function rescale(med: number, min: number, max: number, step: number, stated: UnitDef): { multiplier: number; assumed: UnitDef } | undefined {
  if (!Number.isFinite(med) || med <= 0 || (med >= min && med <= max)) return undefined;
  for (let k = 1; k <= 2; k++) {
    const multiplier = med > max ? step ** -k : step ** k;
    const v = med * multiplier;
    if (v >= min && v <= max) {
      const assumed = unitScaled(stated, multiplier);
      return assumed ? { multiplier, assumed } : undefined;
    }
  }
  return undefined;
}

/**
 * Memory per core: `gibPerCore` are the rows' memory (read in the stated unit, converted to GiB)
 * divided by their cores. Returns the multiplier to apply to the GiB values and the unit assumed.
 * @example memoryPerCoreSense([2048, 4096], MiB-less GiB, limits) → { multiplier: 1/1024, assumed: MiB }
 */
export function memoryPerCoreSense(gibPerCore: readonly number[], stated: UnitDef, limits: UnitSenseLimits, upperOnly = false): { multiplier: number; assumed: UnitDef; medianGiBPerCore: number } | undefined {
  const med = median(gibPerCore);
  const r = rescale(med, upperOnly ? 0 : limits.memoryPerCoreMinGiB, limits.memoryPerCoreMaxGiB, 1024, stated);
  return r && { ...r, medianGiBPerCore: med };
}

/**
 * Clock: `ghz` are the values read in the stated unit, converted to GHz.
 * @example clockSense([2400, 2600], GHz, limits) → { multiplier: 0.001, assumed: MHz }
 */
export function clockSense(ghz: readonly number[], stated: UnitDef, limits: UnitSenseLimits): { multiplier: number; assumed: UnitDef; median: number } | undefined {
  const med = median(ghz);
  if (!Number.isFinite(med) || med <= 0 || (med >= limits.clockMinGhz && med <= limits.clockMaxGhz)) return undefined;
  const multiplier = med > limits.clockMaxGhz ? 1 / 1000 : 1000;
  const v = med * multiplier;
  if (v < limits.clockMinGhz || v > limits.clockMaxGhz) return undefined;
  const assumed = unitScaled(stated, multiplier);
  return assumed && { multiplier, assumed, median: med };
}
