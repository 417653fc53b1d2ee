import type { PackingProblem, PackingResult } from '../../src/packing/problem.js';
import type { SiteInstance } from '../../src/packing/constraints.js';
import type { Solution } from '../../src/packing/internal.js';

/** A one-type packing problem of the given demands (ids i000, i001, ...), with anti-affinity groups by item index. */
export function problemOf(demands: number[][], cap: number[], anti: Record<number, string[]> = {}): PackingProblem {
  return {
    dimensions: cap.map((_, k) => `r${k}`),
    items: demands.map((demand, i) => ({ id: `i${String(i).padStart(3, '0')}`, demand, ...(anti[i] ? { antiAffinity: anti[i] } : {}) })),
    hostTypes: [{ type: 'h', capacity: cap, cost: 1, count: null }],
  };
}

/** An engine-internal packing of a prepared site as a PackingResult, for the independent checker. */
export function asResult(p: PackingProblem, site: SiteInstance, sol: Solution): PackingResult {
  const hosts = sol.binItems.map((bin, b) => {
    const items: string[] = [];
    const load = new Array<number>(p.dimensions.length).fill(0);
    for (const u of bin)
      for (let q = site.unitStart[u]; q < site.unitStart[u + 1]; q++) {
        const it = p.items[site.unitMembers[q]];
        items.push(it.id);
        it.demand.forEach((x, k) => (load[k] += x));
      }
    return { id: `host-${b + 1}`, type: 'h', items, load };
  });
  return {
    dimensions: [...p.dimensions],
    hosts,
    unplaced: [],
    totalCost: hosts.length,
    hostsLowerBound: 0,
    costLowerBound: 0,
    gap: 0,
    optimal: false,
    algorithm: sol.algorithm,
    boundSource: 'none',
    warnings: [],
  };
}
