// The scale instance of the packing benchmarks: n VMs x 4 resources with correlated VM-like
// demand (a base b ~ U[0.02, 0.25]·C, each resource b·U[0.5, 1.5]), C = 1000 per resource, one
// host type. Seeded (mulberry32), so every benchmark sees the same items.
import { mulberry32 } from '../../dist/packing/internal.js';

export const SCALE_DIMENSIONS = ['cpu', 'memory', 'disk', 'net'];
export const SCALE_CAPACITY = 1000;

/** Calls `each(id, demand)` for the n items, in order. */
export function forEachScaleItem(n, each, seed = 42) {
  const r = mulberry32(seed);
  for (let i = 0; i < n; i++) {
    const b = (0.02 + 0.23 * r()) * SCALE_CAPACITY;
    each(`vm${String(i).padStart(7, '0')}`, [0, 1, 2, 3].map(() => Math.round(b * (0.5 + r()))));
  }
}

export function makeProblem(n, seed = 42) {
  const items = [];
  forEachScaleItem(n, (id, demand) => items.push({ id, demand }), seed);
  return {
    dimensions: SCALE_DIMENSIONS,
    items,
    hostTypes: [{ type: 'host', capacity: SCALE_DIMENSIONS.map(() => SCALE_CAPACITY), cost: 1, count: null }],
  };
}
