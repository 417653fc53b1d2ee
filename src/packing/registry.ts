/**
 * Registry of packing heuristics. Each entry is a small module with one interface; the portfolio
 * (index.ts) runs a selection of them and keeps the best. The conformance test runs every entry
 * through verify.ts on seeded random instances.
 */
import type { Instance, Solution } from './internal.js';
import { computeKeys, SORT_KEYS, type SortKey } from './heuristics/keys.js';
import { sortByKeyDesc } from './internal.js';
import { packItemCentric, type FitMode } from './heuristics/item-centric.js';
import { packBinCentricL2, shardable, shardSet, planMerge, finishMerge, BC_L2_SCAN_CAP } from './heuristics/bin-centric-l2.js';
import { runShards } from './shard-pool.js';
import type { EngineCooperation } from './cooperate.js';
import { packBinCentric, BIN_CENTRIC_SHARD_SIZE, BIN_CENTRIC_SCALE_SHARD_SIZE, type BinRule } from './heuristics/bin-centric.js';
import { runSync, type Steps } from './cooperate.js';
import { packMinBinSlack, MBS_MAX_ITEMS } from './heuristics/min-bin-slack.js';

export interface Heuristic {
  /** Stable name, e.g. "ffd-sum", "bfd-max", "bc-l2". */
  name: string;
  kind: 'item-centric' | 'bin-centric';
  /** Sort key (item-centric) or the key that orders candidates / shards (bin-centric). */
  key: SortKey;
  /** Pack the instance, opening new hosts by the given host-type preference order; yields at
   *  checkpoints (see cooperate.ts). */
  pack(inst: Instance, opening: number[]): Steps<Solution>;
  /** The same, run to completion without yielding. */
  run(inst: Instance, opening: number[]): Solution;
  /** The same result computed with worker threads, when this heuristic can split the instance;
   *  null when it cannot (then `pack` runs). */
  packParallel?(inst: Instance, opening: number[], threads: number, coop: EngineCooperation): Promise<Solution> | null;
}

function heuristic(h: Omit<Heuristic, 'run'>): Heuristic {
  return { ...h, run: (inst, opening) => runSync(h.pack(inst, opening)) };
}

/** bc-l2 with its shards on worker threads (identical to the in-thread result). */
async function binCentricL2Parallel(inst: Instance, opening: number[], name: string, threads: number, coop: EngineCooperation): Promise<Solution> {
  const keys = computeKeys(inst, 'sum');
  const order = sortByKeyDesc(keys);
  // shards are cut as the workers ask for them: the first ones are packed while the rest are cut
  const shards = shardSet(inst, order, keys, opening, BC_L2_SCAN_CAP);
  const outputs = await runShards(shards, threads, coop);
  // the loose items of the merge are re-packed on the workers too
  const plan = await coop.run(planMerge(inst, order, keys, outputs, shards.items, opening, BC_L2_SCAN_CAP));
  return finishMerge(plan, plan.inputs.length ? await runShards(plan.inputs, threads, coop) : [], name);
}

function itemCentric(mode: FitMode, key: SortKey): Heuristic {
  const name = `${mode === 'first' ? 'ffd' : 'bfd'}-${key}`;
  return heuristic({
    name,
    kind: 'item-centric',
    key,
    pack: (inst, opening) => packItemCentric(inst, sortByKeyDesc(computeKeys(inst, key)), mode, opening, name),
  });
}

function binCentric(rule: BinRule): Heuristic {
  const name = `bc-${rule}`;
  return heuristic({
    name,
    kind: 'bin-centric',
    key: 'sum',
    pack: (inst, opening) =>
      packBinCentric(
        inst,
        sortByKeyDesc(computeKeys(inst, 'sum')),
        rule,
        opening,
        name,
        inst.n > FULL_PORTFOLIO_MAX_ITEMS ? BIN_CENTRIC_SCALE_SHARD_SIZE : BIN_CENTRIC_SHARD_SIZE,
      ),
  });
}

function minBinSlack(): Heuristic {
  const name = 'mbs';
  return heuristic({
    name,
    kind: 'bin-centric',
    key: 'sum',
    pack: (inst, opening) => packMinBinSlack(inst, sortByKeyDesc(computeKeys(inst, 'sum')), opening, name),
  });
}

function binCentricL2Indexed(): Heuristic {
  const name = 'bc-l2';
  return heuristic({
    name,
    kind: 'bin-centric',
    key: 'sum',
    pack: (inst, opening) => {
      const keys = computeKeys(inst, 'sum');
      return packBinCentricL2(inst, sortByKeyDesc(keys), keys, opening, name);
    },
    packParallel: (inst, opening, threads, coop) => (shardable(inst, inst.n) ? binCentricL2Parallel(inst, opening, name, threads, coop) : null),
  });
}

/** All registered heuristics, in portfolio order. */
export const HEURISTICS: readonly Heuristic[] = [
  ...SORT_KEYS.map((k) => itemCentric('first', k)),
  ...SORT_KEYS.map((k) => itemCentric('best', k)),
  binCentric('dot'),
  binCentricL2Indexed(),
  minBinSlack(),
];

export function getHeuristic(name: string): Heuristic | undefined {
  return HEURISTICS.find((h) => h.name === name);
}

/** Above this many items the portfolio is reduced to SCALE_PORTFOLIO (time-limit-0 scale target). */
export const FULL_PORTFOLIO_MAX_ITEMS = 20_000;
/** The heuristics run above FULL_PORTFOLIO_MAX_ITEMS: the fast indexed FFD and one sharded
 *  bin-centric rule (best quality per second in benchmarks/packing/scale.mjs). */
export const SCALE_PORTFOLIO: readonly string[] = ['bc-l2'];
/** One dimension: the segment-tree first fit is exact and O(n log n), so FFD and BFD stay. */
export const SCALE_PORTFOLIO_1D: readonly string[] = ['ffd-sum', 'bfd-sum'];

/**
 * Which heuristics the portfolio runs for an instance. With one dimension every sort key gives the
 * same order, so only one key per fit rule is kept.
 */
export function selectPortfolio(inst: Instance): Heuristic[] {
  if (inst.n > FULL_PORTFOLIO_MAX_ITEMS) return (inst.d === 1 ? SCALE_PORTFOLIO_1D : SCALE_PORTFOLIO).map((n) => getHeuristic(n)!);
  const all = inst.n > MBS_MAX_ITEMS ? HEURISTICS.filter((h) => h.name !== 'mbs') : HEURISTICS;
  if (inst.d === 1) return all.filter((h) => h.kind === 'bin-centric' || h.key === 'sum');
  return [...all];
}
