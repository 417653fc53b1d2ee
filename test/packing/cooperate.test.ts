/**
 * The engine is cooperative: it gives the event loop turns, honours an AbortSignal, reports
 * progress at once, and its results never depend on when it yields (work-counted determinism).
 */
import { describe, expect, it } from 'vitest';
import { solvePacking, verifyPacking, type PackingProblem, type PackingResult } from '../../src/packing/index.js';
import { AbortedError } from '../../src/errors.js';
import { randomProblem } from '../helpers/random.js';

/** A clock that never advances: the engine never yields (and the safety net never fires). */
const frozen = () => 0;
/** A clock that advances 50 ms per read: the engine yields at every checkpoint. */
function racing(): () => number {
  let t = 0;
  return () => (t += 50);
}

const strip = (r: PackingResult) => JSON.stringify(r);

describe('cooperative engine', () => {
  const big: PackingProblem = randomProblem(7, { n: 6000, d: 4 });
  const small: PackingProblem = randomProblem(11, { n: 150, d: 2 });
  // only the column-generation bound proves this packing optimal (the counting argument of
  // exact.test.ts: at most one x or y or two z per host), so the exact phase runs (checked below)
  const id = (p: string, i: number) => `${p}${String(i).padStart(2, '0')}`;
  const open: PackingProblem = { dimensions: ['cpu', 'mem'], items: [], hostTypes: [{ type: 'h', capacity: [100, 100], cost: 1, count: null }] };
  for (let i = 0; i < 8; i++) open.items.push({ id: id('x', i), demand: [60 + (i % 7), 1 + ((i * 5) % 13)] });
  for (let i = 0; i < 8; i++) open.items.push({ id: id('y', i), demand: [45 + (i % 5), 55 + ((i * 4) % 9)] });
  for (let i = 0; i < 12; i++) open.items.push({ id: id('z', i), demand: [41 + ((i * 7) % 10), 46 + ((i * 3) % 5)] });
  for (let i = 0; i < 30; i++) open.items.push({ id: id('d', i), demand: [2 + ((i * 3) % 8), 5 + ((i * 7) % 16)] });

  it('gives identical results whatever the yield cadence (heuristics, time limit 0)', async () => {
    const a = await solvePacking(big, { timeLimitSeconds: 0, clock: frozen });
    const b = await solvePacking(big, { timeLimitSeconds: 0, clock: racing() });
    const c = await solvePacking(big, { timeLimitSeconds: 0 });
    expect(verifyPacking(big, a).ok).toBe(true);
    expect(strip(b)).toBe(strip(a));
    expect(strip(c)).toBe(strip(a));
  });

  it('gives identical results whatever the yield cadence (improvement phase)', async () => {
    const opts = { timeLimitSeconds: 0.3, exact: { disabled: true } };
    const a = await solvePacking(small, { ...opts, clock: frozen });
    const b = await solvePacking(small, opts);
    expect(verifyPacking(small, a).ok).toBe(true);
    expect(strip(b)).toBe(strip(a));
  });

  it('turns the event loop while it packs, and the first progress event comes before any work', async () => {
    const phases: string[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const turnsBefore = ticks;
    const r = await solvePacking(big, { timeLimitSeconds: 0, clock: racing(), onProgress: (p) => phases.push(p.phase) });
    clearInterval(timer);
    expect(phases[0]).toBe('prepare');
    expect(phases).toContain('heuristics');
    expect(r.hosts.length).toBeGreaterThan(0);
    // with a turn at every checkpoint the 1 ms interval fired during the solve
    expect(ticks).toBeGreaterThan(turnsBefore);
  });

  it('rejects with AbortedError when aborted during the improvement phase', async () => {
    const c = new AbortController();
    const p = solvePacking(big, { timeLimitSeconds: 30, signal: c.signal, onProgress: (e) => e.phase === 'improve' && c.abort() });
    await expect(p).rejects.toBeInstanceOf(AbortedError);
  });

  it('rejects with AbortedError when aborted while the exact phase waits on its solver worker', async () => {
    const c = new AbortController();
    let waits = 0;
    const p = solvePacking(open, {
      timeLimitSeconds: 20,
      signal: c.signal,
      onProgress: (e) => {
        // abort once the first solver request is on its way (the message names the method)
        if (e.phase === 'exact' && e.message === 'column-generation') waits++;
        if (e.phase === 'exact' && e.message === 'column-generation' && waits === 1) setTimeout(() => c.abort(), 5);
      },
    });
    await expect(p).rejects.toBeInstanceOf(AbortedError);
    expect(waits).toBeGreaterThan(0);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const c = new AbortController();
    c.abort();
    await expect(solvePacking(small, { signal: c.signal })).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('sharded heuristics on worker threads', () => {
  // above the shard size the bc-l2 rule packs shards (on worker threads when allowed) and merges
  const large: PackingProblem = randomProblem(5, { n: 45_000, d: 4 });
  it('give byte-identical results with 1, 2 and 3 threads, and pass the checker', async () => {
    const one = await solvePacking(large, { timeLimitSeconds: 0, threads: 1 });
    expect(verifyPacking(large, one).ok).toBe(true);
    expect(one.algorithm).toBe('bc-l2');
    for (const threads of [2, 3]) expect(strip(await solvePacking(large, { timeLimitSeconds: 0, threads }))).toBe(strip(one));
  });
});
