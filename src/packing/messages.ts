/**
 * What the engine has to say, as data: every warning and every reason for an unplaced item is a
 * `{ code, args }` record with typed arguments per code. The engine holds no wording; the codes
 * are those of the library's message catalogue (model/messages.ts), which renders them, and the
 * boundary (model/engine-messages.ts) adds what only the caller knows (dimension names and units).
 */

/** An affinity group whose members are unplaced together (merged into one packed unit). */
export interface AffinityGroupRef {
  name: string;
  items: number;
}

/** Why an item was not placed. */
export type UnplacedCause =
  /** Some dimension exceeds every host type's capacity (`dimensions`: those that do, with the
   *  largest capacity offered). */
  | {
      code: 'unplaced.too-large';
      args: { dimensions: { dimension: string; demand: number; capacity: number }[]; affinityGroup?: AffinityGroupRef };
    }
  /** Every dimension fits some host type, but no single type fits all of them (`types`: every
   *  failing dimension of every type). */
  | {
      code: 'unplaced.no-single-type';
      args: { types: { hostType: string; dimension: string; demand: number; capacity: number }[]; affinityGroup?: AffinityGroupRef };
    }
  /** Every host type that could hold the item is used up (host counts). */
  | { code: 'unplaced.no-host-left'; args: Record<string, never> }
  /** Some demand is negative, NaN or infinite. */
  | { code: 'unplaced.invalid-demand'; args: { demand: number[] } }
  /** The item's affinity group has members at several sites. */
  | { code: 'unplaced.affinity-sites'; args: { group: string } }
  /** The item's affinity group holds two members of one anti-affinity group. */
  | { code: 'unplaced.affinity-conflict'; args: { group: string; antiAffinityGroup: string } };

export type ExactMethod = 'arc-flow' | 'column-generation';

/** Warnings and fallbacks of a solve. */
export type PackingNote =
  /** The result is not proven optimal: `gapFraction` = (cost - bound) / bound, against the named bound. */
  | { code: 'packing.not-proven'; args: { site?: string; gapFraction: number; bound: string; beforeHa: boolean } }
  /** A wall-clock safety limit cut the solve (no `phase`) or a solver run (`phase`, `backend`)
   *  short, so the result may differ between runs. */
  | { code: 'packing.wall-clock'; args: { phase?: ExactMethod; backend?: 'glpk' | 'highs' } }
  /** The exact phase failed; the heuristic result was kept (`gapFraction` to the named bound).
   *  `detail` is the solver's own error text, passed on unchanged. */
  | {
      code: 'solver.fallback';
      args: { method: ExactMethod | 'none'; backend: 'glpk' | 'highs'; fault: 'timeout' | 'crash' | 'error'; detail: string; gapFraction: number; bound: string };
    }
  /** ha >= 2: no `ha` spare hosts dominating every used host type could be added. */
  | { code: 'packing.ha-not-guaranteed'; args: { ha: number } }
  /** ha = 1: some single-host failures are not absorbed after adding `spares` spares, or
   *  (`noHostLeft`) no host is left to add. */
  | { code: 'packing.ha-unabsorbed'; args: { cases: number; spares: number; noHostLeft: boolean } };

export type PackingNoteCode = PackingNote['code'];
export type UnplacedCauseCode = UnplacedCause['code'];
