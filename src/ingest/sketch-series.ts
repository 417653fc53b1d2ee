import type { SampleSketch, WorkloadSamples } from '../model/workload.js';
import { SKETCH_DEFAULTS } from '../defaults/sketch.js';
import { linearAdd, linearSketch, logAdd, logSketch } from '../sizing/sketch.js';
import type { Issue } from '../model/issue.js';
import { grown } from '../util/grown.js';
import { issue } from '../model/issue.js';

/**
 * One series summarised as it streams in (docs/models.md#sample-sketch), when a load holds more
 * samples than `exactSampleBudget`: CPU and memory go into quantile sketches (sizing/sketch.ts),
 * and the time series is kept down-sampled to `coarseStepSec` (per interval: the mean of each
 * metric and the CPU maximum). Counted exactly as they stream: samples, the CPU sum (an exact
 * mean), CPU values outside 0..100%, the median step and the gaps longer than 1.5 steps (from the
 * steps between consecutive samples), and duplicates: a sample with the timestamp of the series'
 * previous sample is dropped (the first is kept), as exact sizing does; among samples that arrive
 * out of time order (counted) an earlier timestamp cannot be recognised.
 */

/** Which optional metrics a series carries. */
export interface SeriesMetrics {
  memoryUsedGiB?: boolean;
  memoryFraction?: boolean;
  diskIops?: boolean;
  diskMbPerS?: boolean;
  netMbps?: boolean;
}

/** Down-sampled sums of one metric, in slots of intervals that grow on demand (SketchSeries.slot). */
class Coarse {
  sum = new Float32Array(0);
  cnt = new Uint32Array(0);
  max?: Float32Array;
  constructor(withMax: boolean) {
    if (withMax) this.max = new Float32Array(0);
  }
  release(): void {
    this.sum = new Float32Array(0);
    this.cnt = new Uint32Array(0);
    if (this.max) this.max = new Float32Array(0);
  }
  resize(len: number): void {
    const had = this.sum.length;
    this.sum = grown(this.sum, len);
    this.cnt = grown(this.cnt, len);
    if (this.max) this.max = grown(this.max, len).fill(Number.NEGATIVE_INFINITY, had);
  }
}

/** Distinct steps kept exactly before they are rounded to whole seconds (bounded memory on irregular series). */
const EXACT_STEP_KEYS = 4096;
/** Intervals per page of the down-sampled arrays (256 hours, about 11 days). */
const PAGE = 256;
/** Samples buffered per series before they are folded (16-24 KB). */
const BATCH = 1024;

export class SketchSeries {
  readonly sk: SampleSketch;
  private readonly step = SKETCH_DEFAULTS.coarseStepSec.value;
  /**
   * The intervals are kept in pages of PAGE intervals, allocated as samples reach them (a stray
   * sample decades away costs one page, not a window spanning the decades): `pages` maps a page
   * number to its first slot in the arrays, `len` slots are allocated of `cap`.
   */
  private readonly pages = new Map<number, number>();
  private lastPage = Number.NaN;
  private lastBase = 0;
  private len = 0;
  private cap = 0;
  private readonly cpu = new Coarse(true);
  private mem?: Coarse;
  private memFrac?: Coarse;
  private disk?: Coarse;
  private diskMb?: Coarse;
  private net?: Coarse;
  private readonly steps = new Map<number, number>();
  private runStep = Number.NaN;
  private runCount = 0;

  private flushRun(): void {
    if (this.runCount === 0) return;
    let d = this.runStep;
    if (this.steps.size >= EXACT_STEP_KEYS && !this.steps.has(d)) d = Math.round(d);
    this.steps.set(d, (this.steps.get(d) ?? 0) + this.runCount);
    this.runCount = 0;
  }
  private last = Number.NaN;
  duplicates = 0;

  constructor(metrics: SeriesMetrics) {
    this.sk = {
      samples: 0,
      cpu: linearSketch(SKETCH_DEFAULTS.cpuBinWidthPoints.value / 100),
      cpuSumFraction: 0,
      cpuOutOfRange: 0,
      sourceStepSec: 0,
      gaps: 0,
      firstSec: Number.POSITIVE_INFINITY,
      lastSec: Number.NEGATIVE_INFINITY,
      outOfOrder: 0,
      coarseStepSec: this.step,
      cpuMaxFraction: new Float32Array(0),
    };
    this.ensure(metrics);
  }

  /** Adds the metrics this series does not carry yet (a later file has more counters). */
  ensure(metrics: SeriesMetrics): void {
    const coarse = (withMax: boolean) => {
      const c = new Coarse(withMax);
      c.resize(this.cap);
      return c;
    };
    if (metrics.memoryUsedGiB && !this.mem) {
      this.sk.memoryGiB = logSketch(SKETCH_DEFAULTS.memoryRelativeError.value);
      this.mem = coarse(false);
    }
    if (metrics.memoryFraction && !this.memFrac) {
      this.sk.memoryFraction = linearSketch(SKETCH_DEFAULTS.cpuBinWidthPoints.value / 100);
      this.memFrac = coarse(false);
    }
    const io = () => logSketch(SKETCH_DEFAULTS.ioRelativeError.value);
    if (metrics.diskIops && !this.disk) {
      this.sk.diskIops = io();
      this.disk = coarse(false);
    }
    if (metrics.diskMbPerS && !this.diskMb) {
      this.sk.diskMbPerS = io();
      this.diskMb = coarse(false);
    }
    if (metrics.netMbps && !this.net) {
      this.sk.netMbps = io();
      this.net = coarse(false);
    }
    // Buffers for the metrics added, NaN for the samples buffered so far.
    if (this.bts.length > 0) {
      const blank = () => new Float32Array(this.bts.length).fill(Number.NaN);
      if (this.mem && !this.bmem) this.bmem = blank();
      if (this.memFrac && !this.bmemFrac) this.bmemFrac = blank();
      if (this.disk && !this.bdisk) this.bdisk = blank();
      if (this.diskMb && !this.bdiskMb) this.bdiskMb = blank();
      if (this.net && !this.bnet) this.bnet = blank();
    }
  }

  /** The slot of interval `c`, allocating its page when it has none. */
  private slot(c: number): number {
    const page = Math.floor(c / PAGE);
    if (page !== this.lastPage) {
      let base = this.pages.get(page);
      if (base === undefined) {
        base = this.len;
        this.len += PAGE;
        if (this.len > this.cap) {
          this.cap = Math.max(this.len, this.cap * 2);
          for (const ch of [this.cpu, this.mem, this.memFrac, this.disk, this.diskMb, this.net]) ch?.resize(this.cap);
        }
        this.pages.set(page, base);
      }
      this.lastPage = page;
      this.lastBase = base;
    }
    return this.lastBase + (c - page * PAGE);
  }

  // Samples are buffered and folded a batch at a time: folding touches one series' histogram and
  // intervals for the whole batch, which stays in the CPU cache, where folding each sample as it
  // arrives (rows of many servers interleaved) would miss the cache on almost every sample.
  private bn = 0;
  private bts = new Float64Array(0);
  private bcpu = new Float32Array(0);
  private bmem?: Float32Array;
  private bmemFrac?: Float32Array;
  private bdisk?: Float32Array;
  private bdiskMb?: Float32Array;
  private bnet?: Float32Array;

  /** Adds one sample; NaN marks a missing value. */
  add(tsSec: number, cpuFraction: number, memGiB: number, memFraction: number, diskIops: number, netMbps: number, diskMbPerS = Number.NaN): void {
    if (this.bn === this.bts.length) {
      if (this.bn > 0) this.flush();
      if (this.bts.length === 0) this.allocate();
    }
    const i = this.bn++;
    this.bts[i] = tsSec;
    this.bcpu[i] = cpuFraction;
    if (this.bmem) this.bmem[i] = memGiB;
    if (this.bmemFrac) this.bmemFrac[i] = memFraction;
    if (this.bdisk) this.bdisk[i] = diskIops;
    if (this.bdiskMb) this.bdiskMb[i] = diskMbPerS;
    if (this.bnet) this.bnet[i] = netMbps;
  }

  private allocate(): void {
    this.bts = new Float64Array(BATCH);
    this.bcpu = new Float32Array(BATCH);
    if (this.mem) this.bmem = new Float32Array(BATCH);
    if (this.memFrac) this.bmemFrac = new Float32Array(BATCH);
    if (this.disk) this.bdisk = new Float32Array(BATCH);
    if (this.diskMb) this.bdiskMb = new Float32Array(BATCH);
    if (this.net) this.bnet = new Float32Array(BATCH);
  }

  /** Folds the buffered samples, in arrival order. */
  private flush(): void {
    const n = this.bn;
    const { bts, bcpu, bmem, bmemFrac, bdisk, bdiskMb, bnet } = this;
    for (let i = 0; i < n; i++) this.fold(bts[i], bcpu[i], bmem ? bmem[i] : Number.NaN, bmemFrac ? bmemFrac[i] : Number.NaN, bdisk ? bdisk[i] : Number.NaN, bnet ? bnet[i] : Number.NaN, bdiskMb ? bdiskMb[i] : Number.NaN);
    this.bn = 0;
  }

  private fold(tsSec: number, cpuFraction: number, memGiB: number, memFraction: number, diskIops: number, netMbps: number, diskMbPerS: number): void {
    const last = this.last;
    if (tsSec === last) {
      this.duplicates++;
      return;
    }
    const sk = this.sk;
    if (tsSec > last) {
      // Steps counted by runs of equal steps (a regular series is one run).
      const d = tsSec - last;
      if (d === this.runStep) this.runCount++;
      else {
        this.flushRun();
        this.runStep = d;
        this.runCount = 1;
      }
    } else if (tsSec < last) sk.outOfOrder++;
    this.last = tsSec;
    sk.samples++;
    if (tsSec < sk.firstSec) sk.firstSec = tsSec;
    if (tsSec > sk.lastSec) sk.lastSec = tsSec;
    const i = this.slot(Math.floor(tsSec / this.step));
    if (!Number.isNaN(cpuFraction)) {
      if (cpuFraction > 1 + 1e-6 || cpuFraction < 0) sk.cpuOutOfRange++;
      const x = cpuFraction < 0 ? 0 : cpuFraction > 1 ? 1 : cpuFraction;
      linearAdd(sk.cpu, x);
      sk.cpuSumFraction += x;
      const c = this.cpu;
      c.sum[i] += cpuFraction;
      c.cnt[i]++;
      if (cpuFraction > c.max![i]) c.max![i] = cpuFraction;
    }
    if (this.mem && !Number.isNaN(memGiB)) {
      logAdd(sk.memoryGiB!, memGiB);
      this.mem.sum[i] += memGiB;
      this.mem.cnt[i]++;
    }
    if (this.memFrac && !Number.isNaN(memFraction)) {
      linearAdd(sk.memoryFraction!, memFraction);
      this.memFrac.sum[i] += memFraction;
      this.memFrac.cnt[i]++;
    }
    if (this.disk && !Number.isNaN(diskIops)) {
      logAdd(sk.diskIops!, diskIops);
      this.disk.sum[i] += diskIops;
      this.disk.cnt[i]++;
    }
    if (this.diskMb && !Number.isNaN(diskMbPerS)) {
      logAdd(sk.diskMbPerS!, diskMbPerS);
      this.diskMb.sum[i] += diskMbPerS;
      this.diskMb.cnt[i]++;
    }
    if (this.net && !Number.isNaN(netMbps)) {
      logAdd(sk.netMbps!, netMbps);
      this.net.sum[i] += netMbps;
      this.net.cnt[i]++;
    }
  }

  /** The down-sampled series with the sketch; `defaultStepSec` when there are fewer than two samples. */
  finish(defaultStepSec: number): WorkloadSamples {
    this.flush();
    this.bts = new Float64Array(0);
    this.bcpu = new Float32Array(0);
    this.bmem = this.bmemFrac = this.bdisk = this.bdiskMb = this.bnet = undefined;
    const sk = this.sk;
    this.flushRun();
    // Median of the positive steps (the mean of the two middle ones for an even count), and the gaps.
    const keys = [...this.steps.keys()].sort((a, b) => a - b);
    let total = 0;
    for (const k of keys) total += this.steps.get(k)!;
    const at = (r: number) => {
      let seen = 0;
      for (const k of keys) {
        seen += this.steps.get(k)!;
        if (seen > r) return k;
      }
      return keys[keys.length - 1];
    };
    sk.sourceStepSec = total === 0 ? defaultStepSec : total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
    for (const k of keys) if (k > 1.5 * sk.sourceStepSec) sk.gaps += this.steps.get(k)!;
    const chans = [this.cpu, this.mem, this.memFrac, this.disk, this.diskMb, this.net];
    let m = 0;
    const used = (i: number) => chans.some((c) => c !== undefined && c.cnt[i] > 0);
    for (let i = 0; i < this.len; i++) if (used(i)) m++;
    // The slots in time order: pages by number, then the intervals of each.
    const order = [...this.pages].sort((a, b) => a[0] - b[0]);
    const ts = new Float64Array(m);
    const mean = (c: Coarse | undefined) => (c ? new Float32Array(m) : undefined);
    const cpu = new Float32Array(m);
    const cpuMax = new Float32Array(m);
    const mem = mean(this.mem), memFrac = mean(this.memFrac), disk = mean(this.disk), diskMb = mean(this.diskMb), net = mean(this.net);
    const put = (c: Coarse | undefined, out: Float32Array | undefined, i: number, k: number) => {
      if (c && out) out[k] = c.cnt[i] > 0 ? c.sum[i] / c.cnt[i] : Number.NaN;
    };
    let k = 0;
    for (const [page, base] of order) for (let j = 0; j < PAGE; j++) {
      const i = base + j;
      if (!used(i)) continue;
      ts[k] = (page * PAGE + j) * this.step;
      put(this.cpu, cpu, i, k);
      cpuMax[k] = this.cpu.cnt[i] > 0 ? this.cpu.max![i] : Number.NaN;
      put(this.mem, mem, i, k);
      put(this.memFrac, memFrac, i, k);
      put(this.disk, disk, i, k);
      put(this.diskMb, diskMb, i, k);
      put(this.net, net, i, k);
      k++;
    }
    sk.cpuMaxFraction = cpuMax;
    // The running state is not needed any more: release it (the builder may stay referenced).
    for (const ch of chans) ch?.release();
    this.len = this.cap = 0;
    this.pages.clear();
    this.lastPage = Number.NaN;
    this.steps.clear();
    if (!Number.isFinite(sk.firstSec)) sk.firstSec = sk.lastSec = 0;
    const out: WorkloadSamples = { timestampsSec: ts, cpuFraction: cpu, stepSec: this.step, sketch: sk };
    const has = (a: Float32Array | undefined) => a !== undefined && a.some((v) => !Number.isNaN(v));
    if (has(mem)) out.memoryUsedGiB = mem;
    else delete sk.memoryGiB;
    if (has(memFrac)) out.memoryFraction = memFrac;
    else delete sk.memoryFraction;
    if (has(disk)) out.diskIops = disk;
    else delete sk.diskIops;
    if (has(diskMb)) out.diskMbPerS = diskMb;
    else delete sk.diskMbPerS;
    if (has(net)) out.netMbps = net;
    else delete sk.netMbps;
    if (this.duplicates > 0) out.duplicateTimestamps = this.duplicates;
    return out;
  }
}

/** `data.sketched` for the sketched series of a load (ids in the order given), or undefined when none was. */
export function sketchNote(series: readonly { id: string; samples: WorkloadSamples }[], budget: number, file: string): Issue | undefined {
  const ids: string[] = [];
  let samples = 0;
  let outOfOrder = 0;
  for (const s of series) {
    const sk = s.samples.sketch;
    if (!sk) continue;
    ids.push(s.id);
    samples += sk.samples;
    outOfOrder += sk.outOfOrder;
  }
  if (ids.length === 0) return undefined;
  return issue(
    'data.sketched',
    'info',
    {
      ids,
      samples,
      budget,
      errorBoundPoints: SKETCH_DEFAULTS.cpuBinWidthPoints.value / 2,
      memoryRelativeError: SKETCH_DEFAULTS.memoryRelativeError.value,
      coarseStepSec: SKETCH_DEFAULTS.coarseStepSec.value,
      outOfOrder,
    },
    { file },
  );
}
