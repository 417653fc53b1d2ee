/**
 * Minimum bin slack, MBS′ (Gupta & Ho 1999; the variant of Fleszar & Hindi 2002, "New heuristics
 * for one-dimensional bin-packing", Computers & Operations Research 29): hosts are filled one at
 * a time; the largest remaining item opens the host, then the subset of the remaining items that
 * leaves the least slack is searched (depth first over the items in decreasing order, a node limit
 * per host). Unlike first fit decreasing, which leaves its large items for last and pairs them
 * badly, every host is filled as tightly as the search finds before the next one opens: on items
 * of a quarter to a half of the capacity (three or two per host), first fit decreasing ends 10%
 * above the optimum and minimum bin slack about 1%.
 *
 * Slack is the normalised sum Σ_k (C_k − load_k) / C_k, so the rule serves vectors too; every
 * dimension must fit. Anti-affinity and host counts are honoured (a host opens with the first
 * type of the opening order that is still available and holds the opening item). Cost: per host
 * a scan of the remaining items plus at most MBS_NODES_PER_HOST search nodes (every candidate
 * looked at counts), so O(n² / items per host); the portfolio runs it up to MBS_MAX_ITEMS items.
 */
import { BinSet } from '../bins.js';
import { FIT_REL_EPS, fitsType, type Instance, type Solution } from '../internal.js';
import type { Steps } from '../cooperate.js';

/** Search nodes per host at most (Fleszar & Hindi search each host exhaustively; a limit keeps
 *  the cost linear in the hosts). */
export const MBS_NODES_PER_HOST = 2000;
/** The portfolio runs minimum bin slack up to this many items (per host a scan of the rest). */
export const MBS_MAX_ITEMS = 5000;
/** Hosts filled between two checkpoints. */
const HOSTS_PER_CHECKPOINT = 16;

/**
 * Pack `order` (item indices in decreasing key order) host by host, each host holding the opening
 * item plus the least-slack subset of the remaining items found within the node limit.
 */
export function* packMinBinSlack(inst: Instance, order: ArrayLike<number>, opening: number[], algorithm: string): Steps<Solution> {
  const { d, w } = inst;
  const bins = new BinSet(inst);
  const unplaced: number[] = [];
  // remaining items in order (compacted after every host)
  let rest = Array.from(order);
  const load = new Float64Array(d);
  const capB = new Float64Array(d);
  const inv = new Float64Array(d);
  const conflicts = inst.conflicts;
  const groupCount = conflicts ? new Int32Array(inst.nGroups) : null;
  const addGroups = (i: number, delta: number) => {
    const g = conflicts?.[i];
    if (g && groupCount) for (let x = 0; x < g.length; x++) groupCount[g[x]] += delta;
  };
  const compatible = (i: number): boolean => {
    const g = conflicts?.[i];
    if (!g || !groupCount) return true;
    for (let x = 0; x < g.length; x++) if (groupCount[g[x]] > 0) return false;
    return true;
  };
  const sameAs = (a: number, b: number): boolean => {
    if (conflicts && (conflicts[a] || conflicts[b])) return false;
    for (let k = 0; k < d; k++) if (w[a * d + k] !== w[b * d + k]) return false;
    return true;
  };
  let hosts = 0;
  const used = new Uint8Array(inst.n);
  while (rest.length > 0) {
    if (++hosts % HOSTS_PER_CHECKPOINT === 0) yield;
    const first = rest[0];
    let t = -1;
    for (const u of opening) {
      if (bins.available(u) && fitsType(inst, first, u)) {
        t = u;
        break;
      }
    }
    if (t < 0) {
      unplaced.push(first);
      rest = rest.slice(1);
      continue;
    }
    const b = bins.open(t);
    const cap = inst.types[t].cap;
    for (let k = 0; k < d; k++) {
      capB[k] = cap[k] * (1 + FIT_REL_EPS);
      inv[k] = 1 / cap[k];
      load[k] = w[first * d + k];
    }
    addGroups(first, 1);
    // candidates: remaining items that fit beside the opening item on their own
    const cand: number[] = [];
    for (let p = 1; p < rest.length; p++) {
      const i = rest[p];
      let ok = true;
      for (let k = 0; k < d && ok; k++) if (load[k] + w[i * d + k] > capB[k]) ok = false;
      if (ok && compatible(i)) cand.push(i);
    }
    const m = cand.length;
    const normSum = new Float64Array(m);
    const suffix = new Float64Array(m + 1);
    for (let c = 0; c < m; c++) for (let k = 0; k < d; k++) normSum[c] += w[cand[c] * d + k] * inv[k];
    for (let c = m - 1; c >= 0; c--) suffix[c] = suffix[c + 1] + normSum[c];
    let slack = 0;
    for (let k = 0; k < d; k++) slack += (cap[k] - load[k]) * inv[k];
    let bestSlack = slack;
    let best: number[] = [];
    const chosen: number[] = [];
    let nodes = 0;
    const tol = 1e-9 * d;
    const search = (c: number, s: number): void => {
      if (s < bestSlack - tol) {
        bestSlack = s;
        best = chosen.slice();
      }
      if (bestSlack <= tol || c >= m || nodes > MBS_NODES_PER_HOST) return;
      // even every remaining candidate cannot beat the best
      if (s - suffix[c] >= bestSlack - tol) return;
      // one dimension: candidates are in decreasing size, so the first that fits is found by
      // bisection; vectors scan (every scanned candidate counts as a node)
      let q0 = c;
      if (d === 1) {
        let hi = m;
        while (q0 < hi) {
          const mid = (q0 + hi) >> 1;
          if (load[0] + w[cand[mid]] > capB[0]) q0 = mid + 1;
          else hi = mid;
        }
      }
      for (let q = q0; q < m; q++) {
        if (++nodes > MBS_NODES_PER_HOST) return;
        const i = cand[q];
        // identical to the previous candidate at this level: same subtree
        if (q > q0 && sameAs(i, cand[q - 1])) continue;
        let ok = true;
        for (let k = 0; k < d && ok; k++) if (load[k] + w[i * d + k] > capB[k]) ok = false;
        if (!ok || !compatible(i)) continue;
        for (let k = 0; k < d; k++) load[k] += w[i * d + k];
        addGroups(i, 1);
        chosen.push(i);
        search(q + 1, s - normSum[q]);
        chosen.pop();
        addGroups(i, -1);
        for (let k = 0; k < d; k++) load[k] -= w[i * d + k];
        if (bestSlack <= tol || nodes > MBS_NODES_PER_HOST) return;
      }
    };
    search(0, slack);
    addGroups(first, -1);
    bins.add(b, first);
    used[first] = 1;
    for (const i of best) {
      bins.add(b, i);
      used[i] = 1;
    }
    const next: number[] = [];
    for (const i of rest) if (!used[i]) next.push(i);
    rest = next;
  }
  return bins.toSolution(algorithm, unplaced);
}
