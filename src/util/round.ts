/**
 * Rounds to `decimals` decimal places (half away from zero for positive numbers, as Math.round),
 * the one rounding helper of the library: results carry figures rounded with it so that the same
 * input gives the same bytes, whatever the floating-point noise of the arithmetic before.
 * Negative `decimals` round to tens, hundreds, ...
 * @example round(2.345678901) === 2.345679
 * @example round(1234.5678, 2) === 1234.57
 * @example round(1234.5678, -2) === 1200
 */
export function round(x: number, decimals = 6): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
