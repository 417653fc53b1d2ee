/**
 * A copy of `s` that shares no memory with the text it was cut from.
 *
 * V8 keeps a slice of 13 or more characters (and each piece of a concatenation) as a reference
 * into the string it came from, so a header cell or an id kept from a read chunk keeps the whole
 * chunk alive: a folder of 1,000 perfmon files held 1,000 one-megabyte chunks through their
 * header cells. Strings kept past the read of their chunk (header cells, series ids, the text of
 * messages) go through this. The copy is exact for any string (lone surrogates included).
 * @example ownString(bigChunk.slice(0, 40)) === bigChunk.slice(0, 40)
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
