/**
 * Item sort keys for the item-centric heuristics (Panigrahy et al. 2011, "Heuristics for Vector
 * Bin Packing", §3). Demands are normalised by the reference capacity (max over host types).
 */
import type { Instance } from '../internal.js';

export type SortKey = 'max' | 'sum' | 'l2' | 'prod' | 'avgsum';

export const SORT_KEYS: readonly SortKey[] = ['max', 'sum', 'l2', 'prod', 'avgsum'];

/** Floor for a normalised demand inside the product key, so a zero demand does not erase the
 *  other dimensions (FFDProd would otherwise rank every item with one zero as smallest). */
const PROD_FLOOR = 1e-6;

export function computeKeys(inst: Instance, key: SortKey): Float64Array {
  const { n, d, w, ref } = inst;
  const out = new Float64Array(n);
  let weights: Float64Array | null = null;
  if (key === 'avgsum') {
    // scarcity weights: average normalised demand per dimension (Panigrahy's FFDAvgSum)
    weights = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) weights[k] += w[i * d + k] / ref[k];
    for (let k = 0; k < d; k++) weights[k] = n > 0 ? weights[k] / n : 1;
  }
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let v = key === 'prod' ? 1 : 0;
    for (let k = 0; k < d; k++) {
      const x = w[o + k] / ref[k];
      switch (key) {
        case 'max':
          if (x > v) v = x;
          break;
        case 'sum':
          v += x;
          break;
        case 'l2':
          v += x * x;
          break;
        case 'prod':
          v *= Math.max(x, PROD_FLOOR);
          break;
        case 'avgsum':
          v += weights![k] * x;
          break;
      }
    }
    out[i] = key === 'l2' ? Math.sqrt(v) : key === 'prod' ? Math.pow(v, 1 / d) : v;
  }
  return out;
}
