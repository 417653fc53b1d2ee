import type { WorkloadSamples } from '../model/workload.js';
import { SKETCH_DEFAULTS } from '../defaults/sketch.js';
import { ownString } from '../util/own-string.js';
import { grown } from '../util/grown.js';
import { SketchSeries, type SeriesMetrics } from './sketch-series.js';

export type { SeriesMetrics } from './sketch-series.js';

/**
 * Accumulates utilization samples per workload id in growable typed arrays (8 bytes per
 * timestamp, 4 per value), so that 10,000 servers x 1,000 samples take about 160-200 MB rather
 * than gigabytes of JS objects. Rows may arrive in any order; `finish()` sorts each series by
 * time, drops repeated timestamps (keeping the first, counting the rest) and computes the
 * median step.
 *
 * A `SampleBudget` shared by the builders of one load bounds the samples held: when they would
 * exceed it, every builder of the load folds what it holds into a streaming sketch
 * (sketch-series.ts) and sketches from then on (docs/models.md#sample-sketch).
 */

/** The samples a load may hold exactly; past it, every series of the load is sketched. */
export class SampleBudget {
  held = 0;
  sketching = false;
  private readonly builders: SeriesBuilder[] = [];
  /**
   * @param limit samples held at most (default: SKETCH_DEFAULTS.exactSampleBudget)
   * @param beforeSwitch called once, just before the switch (a loader that rescales values at the end commits to it here)
   */
  constructor(
    readonly limit: number = SKETCH_DEFAULTS.exactSampleBudget.value,
    private readonly beforeSwitch?: () => void,
  ) {}

  register(b: SeriesBuilder): void {
    this.builders.push(b);
  }

  /** Switches every builder to its sketch. */
  switchAll(): void {
    if (this.sketching) return;
    this.beforeSwitch?.();
    this.sketching = true;
    for (const b of this.builders) b.toSketch();
    this.held = 0;
  }
}

/** A series under construction. `n` is the number of samples held. */
export class SeriesBuilder {
  /** Samples held (0 once sketched: see `pushed`). */
  n = 0;
  /** Samples pushed, held or sketched. */
  pushed = 0;
  ts: Float64Array;
  cpu: Float32Array;
  mem?: Float32Array;
  memFrac?: Float32Array;
  disk?: Float32Array;
  diskMb?: Float32Array;
  net?: Float32Array;
  /** Set once the load's budget is spent: samples go to the sketch. */
  sketch?: SketchSeries;
  private metrics: SeriesMetrics;
  /** First source file and line of this id, for messages. */
  constructor(
    readonly id: string,
    readonly file: string,
    readonly line: number,
    metrics: SeriesMetrics,
    initial = 16,
    private readonly budget?: SampleBudget,
  ) {
    this.metrics = { ...metrics };
    if (budget) {
      budget.register(this);
      if (budget.sketching) {
        this.sketch = new SketchSeries(this.metrics);
        initial = 0;
      }
    }
    this.ts = new Float64Array(initial);
    this.cpu = new Float32Array(initial);
    if (metrics.memoryUsedGiB) this.mem = new Float32Array(initial);
    if (metrics.memoryFraction) this.memFrac = new Float32Array(initial);
    if (metrics.diskIops) this.disk = new Float32Array(initial);
    if (metrics.diskMbPerS) this.diskMb = new Float32Array(initial);
    if (metrics.netMbps) this.net = new Float32Array(initial);
  }

  /** Adds the arrays of metrics this series does not carry yet (a later file has more counters), NaN so far. */
  ensure(metrics: SeriesMetrics): void {
    this.metrics = { memoryUsedGiB: this.metrics.memoryUsedGiB || metrics.memoryUsedGiB, memoryFraction: this.metrics.memoryFraction || metrics.memoryFraction, diskIops: this.metrics.diskIops || metrics.diskIops, diskMbPerS: this.metrics.diskMbPerS || metrics.diskMbPerS, netMbps: this.metrics.netMbps || metrics.netMbps };
    if (this.sketch) {
      this.sketch.ensure(this.metrics);
      return;
    }
    const cap = this.ts.length;
    const blank = () => new Float32Array(cap).fill(Number.NaN);
    if (metrics.memoryUsedGiB && !this.mem) this.mem = blank();
    if (metrics.memoryFraction && !this.memFrac) this.memFrac = blank();
    if (metrics.diskIops && !this.disk) this.disk = blank();
    if (metrics.diskMbPerS && !this.diskMb) this.diskMb = blank();
    if (metrics.netMbps && !this.net) this.net = blank();
  }

  private grow(): void {
    const cap = Math.max(16, this.ts.length * 2);
    this.ts = grown(this.ts, cap);
    this.cpu = grown(this.cpu, cap);
    this.mem = grown(this.mem, cap);
    this.memFrac = grown(this.memFrac, cap);
    this.disk = grown(this.disk, cap);
    this.diskMb = grown(this.diskMb, cap);
    this.net = grown(this.net, cap);
  }

  /** Adds one sample; NaN marks a missing value. */
  push(tsSec: number, cpuFraction: number, memGiB = Number.NaN, memFraction = Number.NaN, diskIops = Number.NaN, netMbps = Number.NaN, diskMbPerS = Number.NaN): void {
    this.pushed++;
    if (this.sketch) {
      this.sketch.add(tsSec, cpuFraction, memGiB, memFraction, diskIops, netMbps, diskMbPerS);
      return;
    }
    if (this.budget && ++this.budget.held > this.budget.limit) {
      this.budget.switchAll();
      this.sketch!.add(tsSec, cpuFraction, memGiB, memFraction, diskIops, netMbps, diskMbPerS);
      return;
    }
    if (this.n === this.ts.length) this.grow();
    const i = this.n++;
    this.ts[i] = tsSec;
    this.cpu[i] = cpuFraction;
    if (this.mem) this.mem[i] = memGiB;
    if (this.memFrac) this.memFrac[i] = memFraction;
    if (this.disk) this.disk[i] = diskIops;
    if (this.diskMb) this.diskMb[i] = diskMbPerS;
    if (this.net) this.net[i] = netMbps;
  }

  /**
   * Folds the samples held (in time order, duplicates dropped as `finish` drops them) into a
   * sketch, releases them, and sketches from then on.
   */
  toSketch(): void {
    if (this.sketch) return;
    const sk = new SketchSeries(this.metrics);
    const held = this.sorted();
    for (let i = 0; i < held.ts.length; i++) {
      sk.add(held.ts[i], held.cpu[i], held.mem?.[i] ?? Number.NaN, held.memFrac?.[i] ?? Number.NaN, held.disk?.[i] ?? Number.NaN, held.net?.[i] ?? Number.NaN, held.diskMb?.[i] ?? Number.NaN);
    }
    sk.duplicates += held.duplicates;
    this.sketch = sk;
    this.release();
  }

  private release(): void {
    this.ts = new Float64Array(0);
    this.cpu = new Float32Array(0);
    this.mem = this.memFrac = this.disk = this.diskMb = this.net = undefined;
    this.n = 0;
  }

  /** Sorts by time (stable: equal timestamps keep arrival order), drops duplicates, trims. */
  finish(defaultStepSec: number): WorkloadSamples {
    if (this.sketch) return this.sketch.finish(defaultStepSec);
    const { ts, cpu, mem, memFrac, disk, diskMb, net, duplicates } = this.sorted();
    const out: WorkloadSamples = { timestampsSec: ts, cpuFraction: cpu, stepSec: medianStep(ts, defaultStepSec) };
    if (mem && hasValue(mem)) out.memoryUsedGiB = mem;
    if (memFrac && hasValue(memFrac)) out.memoryFraction = memFrac;
    if (disk && hasValue(disk)) out.diskIops = disk;
    if (diskMb && hasValue(diskMb)) out.diskMbPerS = diskMb;
    if (net && hasValue(net)) out.netMbps = net;
    if (duplicates > 0) out.duplicateTimestamps = duplicates;
    // Release the builder's buffers.
    this.release();
    return out;
  }

  /** The samples held, in time order without repeated timestamps (the first of each kept). */
  private sorted(): { ts: Float64Array; cpu: Float32Array; mem?: Float32Array; memFrac?: Float32Array; disk?: Float32Array; diskMb?: Float32Array; net?: Float32Array; duplicates: number } {
    const n = this.n;
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) if (this.ts[i] < this.ts[i - 1]) sorted = false;
    let order: Uint32Array | undefined;
    if (!sorted) {
      const idx = Array.from({ length: n }, (_, i) => i);
      idx.sort((a, b) => this.ts[a] - this.ts[b] || a - b);
      order = Uint32Array.from(idx);
    }
    const at = (i: number) => (order ? order[i] : i);
    // Count distinct timestamps.
    let m = 0;
    let prev = Number.NaN;
    for (let i = 0; i < n; i++) {
      const t = this.ts[at(i)];
      if (t !== prev) m++;
      prev = t;
    }
    const ts = new Float64Array(m);
    const take32 = (src: Float32Array | undefined) => (src ? new Float32Array(m) : undefined);
    const cpu = new Float32Array(m);
    const mem = take32(this.mem);
    const memFrac = take32(this.memFrac);
    const disk = take32(this.disk);
    const diskMb = take32(this.diskMb);
    const net = take32(this.net);
    let k = -1;
    prev = Number.NaN;
    for (let i = 0; i < n; i++) {
      const j = at(i);
      const t = this.ts[j];
      if (t === prev) continue;
      prev = t;
      k++;
      ts[k] = t;
      cpu[k] = this.cpu[j];
      if (mem) mem[k] = this.mem![j];
      if (memFrac) memFrac[k] = this.memFrac![j];
      if (disk) disk[k] = this.disk![j];
      if (diskMb) diskMb[k] = this.diskMb![j];
      if (net) net[k] = this.net![j];
    }
    return { ts, cpu, mem, memFrac, disk, diskMb, net, duplicates: n - m };
  }
}

function hasValue(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i])) return true;
  return false;
}

/**
 * The median of the positive differences between consecutive timestamps, seconds; the default
 * when there are fewer than two samples.
 * @example medianStep(Float64Array.of(0, 300, 600, 1500), 60) === 300
 */
export function medianStep(ts: Float64Array, fallback: number): number {
  if (ts.length < 2) return fallback;
  const d = new Float64Array(ts.length - 1);
  let k = 0;
  for (let i = 1; i < ts.length; i++) {
    const x = ts[i] - ts[i - 1];
    if (x > 0) d[k++] = x;
  }
  if (k === 0) return fallback;
  const s = d.subarray(0, k).sort();
  return k % 2 ? s[(k - 1) / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
}

/** Series by id, in first-seen order until sorted by the caller. */
export class SeriesSet {
  readonly byId = new Map<string, SeriesBuilder>();
  constructor(
    readonly metrics: SeriesMetrics,
    readonly budget?: SampleBudget,
  ) {}

  private last: SeriesBuilder | undefined;

  get(id: string, file: string, line: number): SeriesBuilder {
    if (this.last !== undefined && this.last.id === id) return this.last;
    let b = this.byId.get(id);
    if (!b) {
      // An own copy of the id: a slice of the read chunk would keep the chunk alive as long as the series.
      const own = ownString(id);
      b = new SeriesBuilder(own, file, line, this.metrics, 16, this.budget);
      this.byId.set(own, b);
    }
    this.last = b;
    return b;
  }
}
