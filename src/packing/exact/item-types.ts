/** Item types: identical demand vectors without anti-affinity groups are merged. */
import type { Instance } from '../internal.js';

export interface ItemTypes {
  /** Demand per type, type-major: w[t*d + k]. */
  w: Float64Array;
  /** Number of items per type. */
  b: Int32Array;
  /** Instance item indices per type. */
  members: number[][];
  conflicts: (Int32Array | null)[];
}

export function itemTypes(inst: Instance): ItemTypes {
  const { n, d, w } = inst;
  const key = new Map<string, number>();
  const members: number[][] = [];
  const vecs: number[][] = [];
  const conflicts: (Int32Array | null)[] = [];
  for (let i = 0; i < n; i++) {
    const c = inst.conflicts?.[i] ?? null;
    const v = Array.from(w.subarray(i * d, i * d + d));
    const k = c ? `#${i}` : v.join(',');
    let t = key.get(k);
    if (t === undefined) {
      key.set(k, (t = members.length));
      members.push([]);
      vecs.push(v);
      conflicts.push(c);
    }
    members[t].push(i);
  }
  const m = members.length;
  const W = new Float64Array(m * d);
  vecs.forEach((v, t) => W.set(v, t * d));
  return { w: W, b: Int32Array.from(members.map((x) => x.length)), members, conflicts };
}
