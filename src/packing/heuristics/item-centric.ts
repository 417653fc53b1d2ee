/**
 * Item-centric first-fit / best-fit decreasing over any sort key, indexed by FitTree with
 * dead-bin removal (see bins.ts). Cost: O(n log n) sort plus, per item, a pruned tree descent.
 */
import { BinSet, FitTree } from '../bins.js';
import { FIT_REL_EPS, fitsType, type Instance, type Solution } from '../internal.js';
import type { Steps } from '../cooperate.js';

/** Items placed between two checkpoints (each placement is a pruned tree descent). */
const ITEMS_PER_CHECKPOINT = 256;

export type FitMode = 'first' | 'best';

/**
 * Pack `order` (item indices, already in decreasing key order) into bins.
 * `opening` is the host-type preference order for new bins. `initial` (optional) are bins to start
 * from (used by the improver and tail repacking). Items whose bins cannot be opened (counts
 * exhausted) are returned as unplaced.
 */
export function* packItemCentric(
  inst: Instance,
  order: ArrayLike<number>,
  mode: FitMode,
  opening: number[],
  algorithm: string,
  initial?: Solution,
): Steps<Solution> {
  const { d, w } = inst;
  const n = order.length;
  const bins = initial ? BinSet.fromSolution(inst, initial) : new BinSet(inst);
  const tree = new FitTree(d, inst.ref, Math.max(1024, bins.nb + 1));
  // suffix minima of demand per dimension over the order: sufMin[p*d+k] = min over q>=p
  const sufMin = new Float64Array((n + 1) * d).fill(Infinity);
  for (let p = n - 1; p >= 0; p--) {
    const io = order[p] * d;
    for (let k = 0; k < d; k++) {
      const a = w[io + k];
      const b = sufMin[(p + 1) * d + k];
      sufMin[p * d + k] = a < b ? a : b;
    }
  }
  const isDead = (b: number, p: number): boolean => {
    const o = b * d;
    for (let k = 0; k < d; k++) {
      const r = bins.cap[o + k] - bins.load[o + k];
      if (r + bins.cap[o + k] * FIT_REL_EPS < sufMin[p * d + k]) return true;
    }
    return false;
  };
  for (let b = 0; b < bins.nb; b++) tree.update(b, bins.cap, bins.load, isDead(b, 0));
  let currentItem = 0;
  const pred = inst.conflicts ? (b: number) => bins.compatible(b, currentItem) : null;
  const unplaced: number[] = [];
  for (let p = 0; p < n; p++) {
    if (p % ITEMS_PER_CHECKPOINT === ITEMS_PER_CHECKPOINT - 1) yield;
    const i = order[p];
    currentItem = i;
    let b = mode === 'first' ? tree.firstFit(w, i * d, pred) : tree.bestFit(w, i * d, pred);
    if (b < 0) {
      let t = -1;
      for (const u of opening) {
        if (bins.available(u) && fitsType(inst, i, u)) {
          t = u;
          break;
        }
      }
      if (t < 0) {
        unplaced.push(i);
        continue;
      }
      b = bins.open(t);
    }
    bins.add(b, i);
    tree.update(b, bins.cap, bins.load, isDead(b, p + 1));
  }
  return bins.toSolution(algorithm, unplaced);
}
