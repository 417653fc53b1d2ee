import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ownString } from '../../src/util/own-string.js';

// A garbage collection on demand (the flag set at run time, then `gc` taken from a fresh context).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap bytes still held after keeping `keep(slice)` of 20 one-megabyte strings and dropping the strings. */
function retained(keep: (s: string) => string): { bytes: number; kept: string[] } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: string[] = [];
  for (let i = 0; i < 20; i++) {
    const chunk = `${'"01/01/2024 00:00:00.000","12.5"\r\n'.repeat(1 << 15)}${i}`;
    kept.push(keep(chunk.slice(100 + i, 160 + i)));
  }
  gc();
  return { bytes: process.memoryUsage().heapUsed - before, kept };
}

describe('ownString', () => {
  it('is the same text, for any string (ASCII, non-Latin, lone surrogates, short and long)', () => {
    const samples = ['', 'a', 'SRV0001', '\\\\WEB01\\Processor(_Total)\\% Processor Time', 'Ünïcödé 服务器 ' + '😀'.repeat(10), 'lone \ud800 high and \udc00 low surrogates', 'x'.repeat(5000)];
    for (const s of samples) {
      const big = `prefix ${s} suffix`;
      const cut = big.slice(7, 7 + s.length);
      expect(ownString(cut)).toBe(s);
    }
  });

  it('keeps only the slice, not the string it was cut from (a plain slice keeps the whole string alive)', () => {
    const plain = retained((s) => s);
    const owned = retained(ownString);
    // Control: in this engine a 60-character slice holds its one-megabyte parent (20 parents, about 20 MB).
    expect(plain.bytes).toBeGreaterThan(15 * 2 ** 20);
    expect(owned.bytes).toBeLessThan(2 * 2 ** 20);
    expect(owned.kept).toEqual(plain.kept);
  });
});
