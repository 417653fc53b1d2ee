import { createInflateRaw } from 'node:zlib';

/**
 * A small, bounded zip reader for workbook packages (.xlsx is a zip of XML parts).
 *
 * We read the central directory ourselves (`zipEntries`, with the Zip64 extensions that .NET
 * writers may use) and never trust a local header's sizes. Every part is checked against a limit
 * on its DECLARED uncompressed size before it is inflated, and `inflateChunks` stops as soon as
 * the output passes what the entry declared: a zip bomb that lies about its size costs no more
 * memory or time than one legitimate part of maximal size.
 */

export interface ZipEntry {
  /** Name as stored, with `\` turned into `/`. */
  name: string;
  method: number;
  /** General purpose flags (bit 0: encrypted). */
  flags: number;
  compressedSize: number;
  originalSize: number;
  localOffset: number;
}

/** Thrown when an entry inflates past its declared size (or the limit). */
export class ZipEntryTooLargeError extends RangeError {
  override name = 'ZipEntryTooLargeError';
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

function u64(data: Buffer, at: number): number {
  if (at + 8 > data.length) throw new Error('truncated Zip64 field');
  const v = data.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('Zip64 value out of range');
  return Number(v);
}

/**
 * Lists a zip's entries from its central directory (Zip64 supported). Throws Error on a
 * malformed zip. O(entries).
 */
export function zipEntries(data: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (data.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory record');
  let count = data.readUInt16LE(eocd + 10);
  let p = data.readUInt32LE(eocd + 16);
  if ((count === 0xffff || p === 0xffffffff) && eocd >= 20 && data.readUInt32LE(eocd - 20) === SIG_EOCD64_LOCATOR) {
    const at = u64(data, eocd - 20 + 8);
    if (at + 56 > data.length || data.readUInt32LE(at) !== SIG_EOCD64) throw new Error('bad Zip64 end of central directory record');
    count = u64(data, at + 32);
    p = u64(data, at + 48);
  }
  const out: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== SIG_CENTRAL) throw new Error('bad central directory entry');
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    if (p + 46 + nameLen + extraLen > data.length) throw new Error('bad central directory entry');
    const e: ZipEntry = {
      flags: data.readUInt16LE(p + 8),
      method: data.readUInt16LE(p + 10),
      compressedSize: data.readUInt32LE(p + 20),
      originalSize: data.readUInt32LE(p + 24),
      localOffset: data.readUInt32LE(p + 42),
      name: data.subarray(p + 46, p + 46 + nameLen).toString('utf8').replace(/\\/g, '/'),
    };
    if (e.originalSize === 0xffffffff || e.compressedSize === 0xffffffff || e.localOffset === 0xffffffff) {
      // Zip64 extended information: the fields that overflowed, in this order.
      let x = p + 46 + nameLen;
      const end = x + extraLen;
      let found = false;
      while (x + 4 <= end) {
        const id = data.readUInt16LE(x);
        const len = data.readUInt16LE(x + 2);
        if (id === 0x0001) {
          let q = x + 4;
          if (e.originalSize === 0xffffffff) (e.originalSize = u64(data, q)), (q += 8);
          if (e.compressedSize === 0xffffffff) (e.compressedSize = u64(data, q)), (q += 8);
          if (e.localOffset === 0xffffffff) e.localOffset = u64(data, q);
          found = true;
          break;
        }
        x += 4 + len;
      }
      if (!found) throw new Error(`bad Zip64 entry ${e.name}`);
    }
    out.push(e);
    p += 46 + nameLen + extraLen + data.readUInt16LE(p + 32);
  }
  return out;
}

/** The compressed bytes of an entry (after its local header). Throws Error on a bad header. */
function entryBody(data: Buffer, e: ZipEntry): Buffer {
  const p = e.localOffset;
  if (p + 30 > data.length || data.readUInt32LE(p) !== SIG_LOCAL) throw new Error(`bad local header for ${e.name}`);
  if (e.flags & 1) throw new Error(`${e.name} is encrypted`);
  const start = p + 30 + data.readUInt16LE(p + 26) + data.readUInt16LE(p + 28);
  if (start + e.compressedSize > data.length) throw new Error(`${e.name} is truncated`);
  return data.subarray(start, start + e.compressedSize);
}

/** Chunk size for stored entries and for the inflater's output, bytes. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Inflates one entry as a stream of chunks. Stops with ZipEntryTooLargeError as soon as the output
 * passes `min(limit, declared size)`, and with `onAbort()`'s error when `signal` fires between
 * chunks. Memory: one chunk at a time beyond the compressed input.
 */
export async function* inflateChunks(data: Buffer, e: ZipEntry, limit: number, signal?: AbortSignal, onAbort?: () => Error): AsyncGenerator<Buffer> {
  const body = entryBody(data, e);
  const max = Math.min(limit, e.originalSize);
  if (e.method === 0) {
    if (body.length > max) throw new ZipEntryTooLargeError(`${e.name} holds more than it declares`);
    for (let i = 0; i < body.length; i += CHUNK_BYTES) {
      if (signal?.aborted) throw onAbort ? onAbort() : new Error('aborted');
      yield body.subarray(i, Math.min(body.length, i + CHUNK_BYTES));
    }
    return;
  }
  if (e.method !== 8) throw new Error(`unsupported compression method ${e.method} for ${e.name}`);
  const inflater = createInflateRaw({ chunkSize: CHUNK_BYTES });
  inflater.end(body);
  let total = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > max) throw new ZipEntryTooLargeError(`${e.name} inflates past what it declares`);
      if (signal?.aborted) throw onAbort ? onAbort() : new Error('aborted');
      yield chunk;
    }
  } finally {
    inflater.destroy();
  }
}
