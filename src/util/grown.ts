/** A typed array of the same kind as `a` with `length` elements, `a`'s values first (undefined stays undefined). */
export function grown<T extends Float64Array | Float32Array | Uint32Array | undefined>(a: T, length: number): T {
  if (a === undefined) return a;
  const b = new (a.constructor as new (n: number) => NonNullable<T>)(length);
  b.set(a);
  return b as T;
}
