import { round } from '../util/round.js';

/** A packed host's use of each dimension, as reports show it. */
export interface HostFill {
  /** Load per dimension. */
  load: Record<string, number>;
  /** Usable capacity per dimension. */
  capacity: Record<string, number>;
  /** load / capacity per dimension (0 where the capacity is 0). */
  fill: Record<string, number>;
  /** The dimension with the highest fill (the first one on a tie). */
  bindingResource: string;
}

/**
 * Load, capacity and fill of one host per dimension, rounded as reports show them, and its
 * binding resource. `capacityOf` maps a capacity figure to what is shown (the pack report shows it
 * as given, the plan report rounded).
 */
export function hostFill(dimensions: readonly string[], load: ArrayLike<number>, cap: ArrayLike<number>, capacityOf: (c: number) => number = (c) => c): HostFill {
  const out: HostFill = { load: {}, capacity: {}, fill: {}, bindingResource: dimensions[0] };
  // a plain loop, no closure per host: the pack report calls this for every host (100k at 1M items)
  for (let k = 0; k < dimensions.length; k++) {
    const d = dimensions[k];
    out.load[d] = round(load[k]);
    out.capacity[d] = capacityOf(cap[k]);
    out.fill[d] = round(cap[k] > 0 ? load[k] / cap[k] : 0);
    if (out.fill[d] > out.fill[out.bindingResource]) out.bindingResource = d;
  }
  return out;
}
