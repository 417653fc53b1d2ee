/**
 * Pairing search: improvement for instances whose hosts hold few items (about two or three), where
 * the packing problem is close to a matching problem and item-by-item moves make little progress.
 *
 * The state is a set of *groups* (hosts holding three or more items, kept as they are) plus the
 * rest R of the items, which is packed two per host by a **maximum-cardinality matching** on the
 * graph of pairs that fit together (Edmonds' blossom algorithm, 1965). Hosts used:
 *     |groups| + |R| − ν(R),
 * where ν(R) is the size of the maximum matching, kept exact after every move by augmenting paths.
 * So the pairs are always optimal for the chosen groups; the search only decides the groups.
 *
 * Moves (s is an item of R left single by the matching):
 * - into a group: s joins a group that has room (one host fewer);
 * - onto a pair: s joins a matched pair (a, a') as a triple (one host fewer);
 * - across two pairs: s forms a triple with a and x of two different pairs; their partners a' and
 *   x' are then matched again through augmenting paths. Each augmenting path found is one host
 *   fewer; with none the move leaves the count unchanged (a *plateau* move);
 * - swap: s replaces a member y of a group; y is re-matched by an augmenting path (one host
 *   fewer when found, else a plateau move).
 * Improving moves are taken first; when there is none, a random plateau move (seeded PRNG) with a
 * short tabu on the items it moved changes which items are left single, and the descent resumes.
 * Every state is a feasible packing; the best one seen is returned.
 *
 * Work (deterministic, counted): adjacency entries scanned, fit tests and blossom steps.
 * Single host type, enough hosts of it; anti-affinity honoured (a pair or group never holds two
 * members of the same group).
 */
import { conflictFreeOf, fitLimits, pairFits, type Instance, type Solution } from './internal.js';
import { CHECKPOINT_WORK, type Control, type Steps } from './cooperate.js';

/** Largest instance (items) given to the pairing search (the pair table is n² bytes). */
export const PAIRING_MAX_ITEMS = 2000;
/** The pairing search runs when the incumbent holds at most this many items per host on average
 *  (measured: it pays on Panigrahy-style classes with 1.3–2.4 items per host; beyond three items
 *  per host the item moves of the consistent neighbourhood search do better). */
export const PAIRING_MAX_ITEMS_PER_HOST = 3;
/** Share of the random moves that dissolve a group (the rest form a triple or move an item into a
 *  group). */
export const PAIRING_DISSOLVE_SHARE = 0.3;
/** Probability of accepting a random move that costs one host more (a random walk off the
 *  plateau; the best packing seen is kept). */
export const PAIRING_UPHILL_PROBABILITY = 0.05;
/** The search ends after this many work units without a new best packing (about 25 ms; the rest
 *  of its budget goes back to the improvement phase). */
export const PAIRING_IDLE_UNITS = 2_000_000;

export interface PairingOutcome {
  sol: Solution;
  work: number;
}

/** True when the pairing search applies to the incumbent `s`. */
export function pairingApplicable(inst: Instance, s: Solution): boolean {
  if (inst.types.length !== 1 || s.unplaced.length > 0 || inst.n < 4 || inst.n > PAIRING_MAX_ITEMS) return false;
  return s.binItems.length > 0 && inst.n / s.binItems.length <= PAIRING_MAX_ITEMS_PER_HOST;
}

export function* pairingSearch(inst: Instance, s: Solution, lb: number, budget: number, control: Control, rand: () => number): Steps<PairingOutcome> {
  const { n, d, w } = inst;
  const cap = inst.types[0].cap;
  const lim = fitLimits(cap);
  let work = 0;
  let nextCheckpoint = CHECKPOINT_WORK;
  const conflicts = inst.conflicts;
  const conflictFree = conflictFreeOf(conflicts);

  // pair table and adjacency lists (pairs that fit together)
  const pairOk = new Uint8Array(n * n);
  const deg = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (pairFits(w, d, lim, i, j) && conflictFree(i, j)) {
        pairOk[i * n + j] = pairOk[j * n + i] = 1;
        deg[i]++;
        deg[j]++;
      }
    }
    work += n - i;
    if (work >= nextCheckpoint) {
      nextCheckpoint = work + CHECKPOINT_WORK;
      yield;
    }
  }
  const adjStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) adjStart[i + 1] = adjStart[i] + deg[i];
  const adj = new Int32Array(adjStart[n]);
  {
    const fill = adjStart.slice(0, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (pairOk[i * n + j]) adj[fill[i]++] = j;
  }

  // state: groups (three or more items) and the matching on the rest R
  const maxGroups = Math.floor(n / 3) + 1;
  const match = new Int32Array(n).fill(-1);
  const group = new Int32Array(n).fill(-1);
  const gload = new Float64Array(maxGroups * d);
  const gsize = new Int32Array(maxGroups);
  let groups: number[][] = Array.from({ length: maxGroups }, () => []);
  let liveGroups = 0;
  let matched = 0; // pairs in the matching
  let inR = n;
  for (const bin of s.binItems) {
    if (bin.length >= 3) {
      const g = liveGroups++;
      for (const i of bin) {
        group[i] = g;
        for (let k = 0; k < d; k++) gload[g * d + k] += w[i * d + k];
      }
      gsize[g] = bin.length;
      groups[g] = bin.slice();
      inR -= bin.length;
    } else if (bin.length === 2) {
      match[bin[0]] = bin[1];
      match[bin[1]] = bin[0];
      matched++;
    }
  }
  const hosts = () => liveGroups + inR - matched;
  // saved state (a rejected move is undone by restoring it)
  const sMatch = new Int32Array(n);
  const sGroup = new Int32Array(n);
  const sLoad = new Float64Array(maxGroups * d);
  const sSize = new Int32Array(maxGroups);
  let sScalars = [0, 0, 0];
  const save = () => {
    sMatch.set(match);
    sGroup.set(group);
    sLoad.set(gload);
    sSize.set(gsize);
    sScalars = [liveGroups, matched, inR];
    work += n;
  };
  const restore = () => {
    match.set(sMatch);
    group.set(sGroup);
    gload.set(sLoad);
    gsize.set(sSize);
    [liveGroups, matched, inR] = sScalars;
    groups = Array.from({ length: maxGroups }, () => []);
    for (let i = 0; i < n; i++) if (group[i] >= 0) groups[group[i]].push(i);
    work += n;
  };

  // Edmonds' blossom algorithm (augmenting path from one exposed root)
  const used = new Uint8Array(n);
  const usedL = new Uint8Array(n);
  const blossom = new Uint8Array(n);
  const par = new Int32Array(n);
  const base = new Int32Array(n);
  const queue = new Int32Array(n + 1);
  const lca = (a0: number, b0: number): number => {
    usedL.fill(0);
    let a = a0;
    for (;;) {
      a = base[a];
      usedL[a] = 1;
      if (match[a] === -1) break;
      a = par[match[a]];
    }
    let b = b0;
    for (;;) {
      b = base[b];
      if (usedL[b]) return b;
      b = par[match[b]];
    }
  };
  const markPath = (v0: number, b: number, child0: number) => {
    let v = v0;
    let child = child0;
    while (base[v] !== b) {
      blossom[base[v]] = blossom[base[match[v]]] = 1;
      par[v] = child;
      child = match[v];
      v = par[match[v]];
    }
  };
  const findPath = (root: number): number => {
    used.fill(0);
    par.fill(-1);
    for (let i = 0; i < n; i++) base[i] = i;
    work += n;
    used[root] = 1;
    let qh = 0;
    let qt = 0;
    queue[qt++] = root;
    while (qh < qt) {
      const v = queue[qh++];
      for (let e = adjStart[v]; e < adjStart[v + 1]; e++) {
        const to = adj[e];
        work++;
        if (group[to] >= 0) continue;
        if (base[v] === base[to] || match[v] === to) continue;
        if (to === root || (match[to] !== -1 && par[match[to]] !== -1)) {
          const cur = lca(v, to);
          blossom.fill(0);
          markPath(v, cur, to);
          markPath(to, cur, v);
          for (let i = 0; i < n; i++) {
            if (blossom[base[i]]) {
              base[i] = cur;
              if (!used[i]) {
                used[i] = 1;
                queue[qt++] = i;
              }
            }
          }
          work += n;
        } else if (par[to] === -1) {
          par[to] = v;
          if (match[to] === -1) return to;
          const to2 = match[to];
          used[to2] = 1;
          queue[qt++] = to2;
        }
      }
    }
    return -1;
  };
  /** Augments from exposed item r of R; true when the matching grew. */
  const augment = (r: number): boolean => {
    if (group[r] >= 0 || match[r] !== -1) return false;
    let v = findPath(r);
    if (v < 0) return false;
    while (v !== -1) {
      const pv = par[v];
      const ppv = match[pv];
      match[v] = pv;
      match[pv] = v;
      v = ppv;
    }
    matched++;
    return true;
  };

  // maximum matching on R, starting from the incumbent's pairs
  for (let i = 0; i < n; i++) {
    if (group[i] < 0 && match[i] === -1) augment(i);
    if (work >= nextCheckpoint) {
      nextCheckpoint = work + CHECKPOINT_WORK;
      yield;
    }
  }

  // best state
  let bestHosts = Infinity;
  let bestBins: number[][] = s.binItems;
  const snapshot = () => {
    const h = hosts();
    if (h >= bestHosts) return;
    bestHosts = h;
    const bins: number[][] = groups.filter((g) => g.length > 0).map((g) => g.slice());
    for (let i = 0; i < n; i++) {
      if (group[i] >= 0) continue;
      if (match[i] === -1) bins.push([i]);
      else if (i < match[i]) bins.push([i, match[i]]);
    }
    bestBins = bins;
  };
  snapshot();

  const fitsGroup = (i: number, g: number): boolean => {
    for (let k = 0; k < d; k++) if (gload[g * d + k] + w[i * d + k] > lim[k]) return false;
    if (conflicts) for (const j of groups[g]) if (!conflictFree(i, j)) return false;
    return true;
  };
  const fits3 = (a: number, b: number, c: number): boolean => {
    if (!pairOk[a * n + b] || !pairOk[a * n + c] || !pairOk[b * n + c]) return false;
    for (let k = 0; k < d; k++) if (w[a * d + k] + w[b * d + k] + w[c * d + k] > lim[k]) return false;
    return true;
  };
  /** Moves item i of R into group g; returns its former partner (now single) or -1. */
  const toGroup = (i: number, g: number): number => {
    const mate = match[i];
    if (mate !== -1) {
      match[mate] = -1;
      match[i] = -1;
      matched--;
    }
    group[i] = g;
    if (gsize[g]++ === 0) liveGroups++;
    groups[g].push(i);
    for (let k = 0; k < d; k++) gload[g * d + k] += w[i * d + k];
    inR--;
    return mate;
  };
  const fromGroup = (i: number) => {
    const g = group[i];
    const list = groups[g];
    list.splice(list.indexOf(i), 1);
    if (--gsize[g] === 0) liveGroups--;
    for (let k = 0; k < d; k++) gload[g * d + k] -= w[i * d + k];
    group[i] = -1;
    inR++;
  };
  const freeSlot = (): number => {
    for (let g = 0; g < maxGroups; g++) if (gsize[g] === 0) return g;
    return -1;
  };

  /** One improving move for single s that needs no search; true when taken. */
  const improve = (s: number): boolean => {
    // into a group with room
    for (let g = 0; g < maxGroups; g++) {
      work++;
      if (gsize[g] > 0 && fitsGroup(s, g)) {
        toGroup(s, g);
        return true;
      }
    }
    // onto a matched pair
    for (let e = adjStart[s]; e < adjStart[s + 1]; e++) {
      const a = adj[e];
      work++;
      if (group[a] >= 0 || match[a] === -1) continue;
      if (fits3(s, a, match[a])) {
        const g = freeSlot();
        if (g < 0) return false;
        const a2 = toGroup(a, g);
        toGroup(a2, g);
        toGroup(s, g);
        return true;
      }
    }
    // across two pairs whose partners fit together
    for (let e = adjStart[s]; e < adjStart[s + 1]; e++) {
      const a = adj[e];
      if (group[a] >= 0 || match[a] === -1) continue;
      const a2 = match[a];
      for (let f = e + 1; f < adjStart[s + 1]; f++) {
        const x = adj[f];
        work++;
        if (group[x] >= 0 || match[x] === -1 || x === a2) continue;
        const x2 = match[x];
        if (!pairOk[a2 * n + x2] || !fits3(s, a, x)) continue;
        const g = freeSlot();
        if (g < 0) return false;
        toGroup(a, g);
        toGroup(x, g);
        toGroup(s, g);
        match[a2] = x2;
        match[x2] = a2;
        matched++;
        return true;
      }
    }
    return false;
  };
  const descend = function* (): Steps<void> {
    let moved = true;
    while (moved) {
      moved = false;
      for (let i = 0; i < n; i++) {
        if (group[i] < 0 && match[i] === -1 && improve(i)) moved = true;
        if (work >= nextCheckpoint) {
          nextCheckpoint = work + CHECKPOINT_WORK;
          yield;
        }
      }
    }
  };

  /** Picks a uniformly random item of R (-1 when R is empty). */
  const randomInR = (): number => {
    if (inR === 0) return -1;
    work += n;
    let k = Math.floor(rand() * inR);
    for (let i = 0; i < n; i++) if (group[i] < 0 && k-- === 0) return i;
    return -1;
  };

  /** A random move (the caller accepts or undoes it); false when none was found. */
  const perturb = (): boolean => {
    const r = rand();
    if (r < PAIRING_DISSOLVE_SHARE && liveGroups > 0) {
      // dissolve a random group into R and re-match its items
      let k = Math.floor(rand() * liveGroups);
      let g = 0;
      for (; g < maxGroups; g++) if (gsize[g] > 0 && k-- === 0) break;
      const items = groups[g].slice();
      for (const i of items) fromGroup(i);
      for (const i of items) augment(i);
      return true;
    }
    const s = randomInR();
    if (s < 0) return false;
    // a random triple {s, a, x} of R, or s into a random group (swapping out y when full)
    let seen = 0;
    let a = -1;
    let x = -1;
    for (let e = adjStart[s]; e < adjStart[s + 1]; e++) {
      const p = adj[e];
      if (group[p] >= 0) continue;
      for (let f = e + 1; f < adjStart[s + 1]; f++) {
        const q = adj[f];
        work++;
        if (group[q] >= 0 || !fits3(s, p, q)) continue;
        if (rand() * ++seen < 1) {
          a = p;
          x = q;
        }
      }
    }
    let gy = -1;
    let y = -1;
    for (let g = 0; g < maxGroups; g++) {
      if (gsize[g] === 0) continue;
      work += gsize[g];
      if (fitsGroup(s, g) && rand() * ++seen < 1) {
        gy = g;
        y = -1;
        a = -1;
      }
      for (const z of groups[g]) {
        let ok = true;
        for (let k = 0; k < d && ok; k++) if (gload[g * d + k] - w[z * d + k] + w[s * d + k] > lim[k]) ok = false;
        if (ok && conflicts) for (const j of groups[g]) if (j !== z && !conflictFree(s, j)) ok = false;
        if (ok && rand() * ++seen < 1) {
          gy = g;
          y = z;
          a = -1;
        }
      }
    }
    if (seen === 0) return false;
    if (a >= 0) {
      const g = freeSlot();
      if (g < 0) return false;
      const m1 = toGroup(s, g);
      const m2 = toGroup(a, g);
      const m3 = toGroup(x, g);
      for (const m of [m1, m2, m3]) if (m >= 0) augment(m);
      return true;
    }
    if (y >= 0) fromGroup(y);
    const m = toGroup(s, gy);
    if (m >= 0) augment(m);
    if (y >= 0) augment(y);
    return true;
  };

  yield* descend();
  snapshot();
  let lastBest = work;
  while (work < budget && work - lastBest < PAIRING_IDLE_UNITS && !control.stop && bestHosts > lb) {
    const before = hosts();
    save();
    if (!perturb()) {
      work += n;
      continue;
    }
    yield* descend();
    const after = hosts();
    if (after > before && !(after === before + 1 && rand() < PAIRING_UPHILL_PROBABILITY)) restore();
    else if (after < bestHosts) {
      snapshot();
      lastBest = work;
    }
    if (work >= nextCheckpoint) {
      nextCheckpoint = work + CHECKPOINT_WORK;
      yield;
    }
  }
  if (bestHosts >= s.binItems.length) return { sol: s, work };
  return { sol: { binType: bestBins.map(() => 0), binItems: bestBins, unplaced: [], algorithm: `${s.algorithm}+pairing` }, work };
}
