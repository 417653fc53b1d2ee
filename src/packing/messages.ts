/**
 * What the engine has to say, as data: every warning and every reason for an unplaced item is a
 * `{ code, args }` record with typed arguments per code. The engine holds no wording; renderers
 * outside the engine turn these records into text (one place, for every output format).
 */

/** Why an item was not placed. */
export type UnplacedCause =
  /** Some dimension exceeds every host type's capacity (`dimensions`: those that do, with the
   *  largest capacity offered). `affinityGroup` when the item is part of a merged affinity group. */
  | {
      code: 'unplaced.too-large';
      args: { dimensions: { dimension: string; demand: number; largestCapacity: number }[]; affinityGroup?: AffinityGroupRef };
    }
  /** Every dimension fits some host type, but no single type fits all of them (`types`: the
   *  first failing dimension of each type). */
  | {
      code: 'unplaced.no-single-type';
      args: { types: { hostType: string; dimension: string; demand: number; capacity: number }[]; affinityGroup?: AffinityGroupRef };
    }
  /** Some demand is negative, NaN or infinite. */
  | { code: 'unplaced.invalid-demand'; args: { demand: number[] } }
  /** The item's affinity group has members at several sites. */
  | { code: 'unplaced.affinity-spans-sites'; args: { group: string } }
  /** The item's affinity group holds two members of one anti-affinity group. */
  | { code: 'unplaced.affinity-conflict'; args: { group: string; antiAffinityGroup: string } }
  /** Every host type that could hold the item is used up (host counts). */
  | { code: 'unplaced.host-counts'; args: Record<string, never> };

export interface AffinityGroupRef {
  name: string;
  size: number;
}

/** Warnings and fallbacks of a solve. */
export type PackingNote =
  /** The result is not proven optimal: `gap` = (cost - bound) / bound, against the named bound. */
  | { code: 'packing.not-proven'; args: { site?: string; gap: number; bound: string; beforeHa: boolean } }
  /** The wall-clock safety net cut a phase short, so the result may differ between runs. */
  | { code: 'packing.safety-net'; args: Record<string, never> }
  /** The exact phase failed; the heuristic result was kept (`gap` to the named bound). */
  | {
      code: 'packing.exact-failed';
      args: { method: ExactMethod | 'none'; backend: 'glpk' | 'highs'; fault: 'timeout' | 'crash' | 'error'; detail: string; gap: number; bound: string };
    }
  /** The arc-flow MILP stopped at its in-solver wall-clock limit (`status`: the backend's). */
  | { code: 'packing.arc-flow-time-limit'; args: { backend: 'glpk' | 'highs'; status: string } }
  /** ha >= 2: no `ha` spare hosts dominating every used host type could be added. */
  | { code: 'packing.ha-not-guaranteed'; args: { ha: number } }
  /** ha = 1: some single-host failures are not absorbed even after adding `spares` spares. */
  | { code: 'packing.ha-cases-not-absorbed'; args: { cases: number; spares: number } }
  /** ha = 1: some single-host failures are not absorbed and no host is left to add. */
  | { code: 'packing.ha-no-spare-left'; args: { cases: number } };

export type ExactMethod = 'arc-flow' | 'column-generation';

export type PackingNoteCode = PackingNote['code'];
export type UnplacedCauseCode = UnplacedCause['code'];
