import { round } from '../util/round.js';
/**
 * Power at a given CPU utilization from an 11-point SPECpower curve (watts at 0%, 10%, ..., 100%),
 * interpolating linearly between the two neighbouring 10% points - the rule CloudSim's
 * PowerModelSpecPower.getPower uses (docs/models.md#power-curves).
 * Utilization is clamped to [0, 1].
 *
 * @param curveWatts 11 watt values, non-decreasing
 * @param utilizationFraction 0..1
 * @returns watts
 * @example powerAtUtilization([86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117], 0.25) === 94.3
 */
export function powerAtUtilization(curveWatts: readonly number[], utilizationFraction: number): number {
  const u = Math.min(1, Math.max(0, Number.isFinite(utilizationFraction) ? utilizationFraction : 0));
  const x = u * 10;
  const i = Math.min(9, Math.floor(x));
  const f = x - i;
  return curveWatts[i] + (curveWatts[i + 1] - curveWatts[i]) * f;
}

/**
 * Builds an 11-point curve from idle and max watts with the Fan, Weber & Barroso (ISCA 2007)
 * model P(u) = Pidle + (Pmax - Pidle)(2u - u^r), r = 1.4 (docs/models.md#power-curves).
 * Used only when a catalog row gives idle/max instead of the 11 SPECpower points.
 */
export const FAN_EXPONENT = 1.4;
export function curveFromIdleMax(idleWatts: number, maxWatts: number, r = FAN_EXPONENT): number[] {
  return Array.from({ length: 11 }, (_, k) => {
    const u = k / 10;
    return idleWatts + (maxWatts - idleWatts) * (2 * u - Math.pow(u, r));
  });
}

/**
 * Builds an 11-point curve from measured idle and 100% watts and the *shape* of a measured
 * template curve of the same CPU family: P_k = idle + (max - idle) x (T_k - T_0) / (T_10 - T_0).
 * The endpoints are exact; the intermediate points are a construction, not a measurement.
 * @example curveFromTemplate([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50], 100, 200)[5] === 150
 */
export function curveFromTemplate(template: readonly number[], idleWatts: number, maxWatts: number): number[] {
  const t0 = template[0];
  const span = template[10] - t0;
  return template.map((t, k) => (k === 0 ? idleWatts : k === 10 ? maxWatts : round(idleWatts + ((maxWatts - idleWatts) * (t - t0)) / span, 1)));
}
