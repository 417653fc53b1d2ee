import { describe, it, expect, beforeAll } from 'vitest';
import { join } from 'node:path';
import { planFiles, AbortedError } from '../../src/index.js';
import { tempDir, writePlanetLabDay, planetLabNames } from '../helpers/fixtures.js';

/**
 * An embedding program (a procurement tool serving requests) plans a PlanetLab-style day while
 * its own 50 ms interval timer keeps firing, and cancels the plan from a timer. The timings are
 * measured by benchmarks/embedding/cancel-planetlab.mjs on the real day; this test checks what
 * must hold whatever the machine: the timer keeps running while the library works, progress
 * arrives, and an abort from outside (a timeout signal, the program's own timer) makes the plan
 * reject with AbortedError instead of finishing.
 */
let dir: string;
/** How long the uncancelled plan takes here: the aborts are timed well inside it. */
let wholeMs = 0;
beforeAll(() => {
  dir = join(tempDir('coop'), 'day');
  writePlanetLabDay(dir, planetLabNames(1000), 3);
});

/** Runs planFiles with a 50 ms interval timer beside it. */
async function withTimer(signal: AbortSignal | undefined) {
  let ticks = 0;
  const iv = setInterval(() => ticks++, 50);
  let firstProgress: number | undefined;
  const t0 = performance.now();
  try {
    const r = await planFiles({ utilization: dir, timeLimit: 30 }, { signal, onProgress: () => (firstProgress ??= performance.now() - t0) });
    return { result: r, ticks, firstProgress, error: undefined as unknown, ms: performance.now() - t0 };
  } catch (e) {
    return { result: undefined, ticks, firstProgress, error: e, ms: performance.now() - t0 };
  } finally {
    clearInterval(iv);
  }
}

describe('a library that never blocks: an embedding program plans a PlanetLab-style day', () => {
  it('its own timers keep firing and progress arrives while the whole plan runs', async () => {
    const r = await withTimer(undefined);
    expect(r.error).toBeUndefined();
    expect(r.result!.summary.vms).toBe(1000);
    expect(r.ticks).toBeGreaterThan(0);
    expect(r.firstProgress).toBeDefined();
    wholeMs = r.ms;
  });

  it('AbortSignal.timeout(300) stops the plan with AbortedError', async () => {
    // 300 ms, or less on a machine fast enough to finish the whole plan sooner
    const r = await withTimer(AbortSignal.timeout(Math.max(1, Math.min(300, Math.floor(wholeMs / 3)))));
    expect(r.error).toBeInstanceOf(AbortedError);
    expect(r.result).toBeUndefined();
    expect(r.ticks).toBeGreaterThan(0);
  });

  it('an abort from the program\'s own timer stops it too, with the reason it gave', async () => {
    const c = new AbortController();
    setTimeout(() => c.abort(new Error('request closed')), Math.max(1, Math.min(120, Math.floor(wholeMs / 3))));
    const r = await withTimer(c.signal);
    expect(r.error).toBeInstanceOf(AbortedError);
    expect((r.error as Error).message).toBe('request closed');
  });
});
