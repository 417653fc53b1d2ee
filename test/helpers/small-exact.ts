/**
 * Our own exact solver for small vector bin packing instances (one host type, unlimited count),
 * written for the tests and sharing no code with src/packing: dynamic programming over subsets.
 * best[S] = 1 + min over feasible hosts H ⊆ S containing S's lowest item of best[S \ H].
 * O(3^n) time, O(2^n) memory: fine up to about 14 items.
 */
export function exactMinHosts(items: number[][], capacity: number[]): number {
  const n = items.length;
  if (n > 16) throw new RangeError('exactMinHosts: at most 16 items');
  const full = (1 << n) - 1;
  const d = capacity.length;
  // feasible[S]: the items of S fit one host together
  const feasible = new Uint8Array(1 << n);
  const load = new Float64Array((1 << n) * d);
  feasible[0] = 1;
  for (let s = 1; s <= full; s++) {
    const low = s & -s;
    const i = 31 - Math.clz32(low);
    const rest = s ^ low;
    let ok = feasible[rest] === 1;
    for (let k = 0; k < d; k++) {
      const v = load[rest * d + k] + items[i][k];
      load[s * d + k] = v;
      if (v > capacity[k] + 1e-9) ok = false;
    }
    feasible[s] = ok ? 1 : 0;
  }
  const best = new Int32Array(1 << n).fill(1 << 30);
  best[0] = 0;
  for (let s = 1; s <= full; s++) {
    const low = s & -s;
    const rest = s ^ low;
    // enumerate subsets h of rest; the host is h | low
    for (let h = rest; ; h = (h - 1) & rest) {
      const host = h | low;
      if (feasible[host]) {
        const v = best[s ^ host] + 1;
        if (v < best[s]) best[s] = v;
      }
      if (h === 0) break;
    }
  }
  return best[full];
}
