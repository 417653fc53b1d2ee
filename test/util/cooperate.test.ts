import { describe, it, expect } from 'vitest';
import { Cooperator, runCooperative, runSync, mapSteps, type Steps } from '../../src/util/cooperate.js';
import { round } from '../../src/util/round.js';
import { AbortedError } from '../../src/errors.js';

/** Busy work of `ms` milliseconds of a fake clock, with a checkpoint every 1 ms. */
function* busy(clock: { t: number }, ms: number): Steps<number> {
  let n = 0;
  for (let i = 0; i < ms; i++) {
    clock.t += 1;
    n++;
    yield;
  }
  return n;
}

describe('cooperative stages (util/cooperate.ts)', () => {
  it('runSync and runCooperative give the same result', async () => {
    const c1 = { t: 0 };
    const c2 = { t: 0 };
    const co = new Cooperator({ now: () => c2.t, sliceMs: 10 });
    expect(runSync(busy(c1, 95))).toBe(95);
    expect(await runCooperative(busy(c2, 95), co)).toBe(95);
    // one turn per 10 ms slice of the (fake) clock: 95 ms of work -> 9 turns
    expect(co.turns).toBe(9);
    expect(runSync(mapSteps([1, 2, 3], (x, i) => x * 10 + i))).toEqual([10, 21, 32]);
  });

  it('lets a timer of the embedding program run between slices', async () => {
    const co = new Cooperator({ sliceMs: 5 });
    let fired = 0;
    const iv = setInterval(() => fired++, 1);
    function* real(): Steps<void> {
      const end = performance.now() + 120;
      while (performance.now() < end) yield;
    }
    await runCooperative(real(), co);
    clearInterval(iv);
    expect(co.turns).toBeGreaterThan(3);
    expect(fired).toBeGreaterThan(3);
  });

  it('an abort from a timer stops the stage with AbortedError', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('stopped by the test')), 20);
    const co = new Cooperator({ signal: ac.signal, sliceMs: 5 });
    let steps = 0;
    function* forever(): Steps<void> {
      for (;;) {
        steps++;
        yield;
      }
    }
    await expect(runCooperative(forever(), co)).rejects.toBeInstanceOf(AbortedError);
    await expect(runCooperative(forever(), co)).rejects.toThrow('stopped by the test');
    expect(steps).toBeGreaterThan(0);
  });

  it('round: decimals, negative decimals, and the default of 6', () => {
    expect(round(2.345678901)).toBe(2.345679);
    expect(round(1234.5678, 2)).toBe(1234.57);
    expect(round(1234.5678, -2)).toBe(1200);
    expect(round(0.1 + 0.2)).toBe(0.3);
  });
});
