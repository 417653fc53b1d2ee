/** Domain types for what we ingest and size. Units are in every field name. */

export const WORKLOAD_CLASSES = ['cpu', 'syscall', 'mmu', 'io'] as const;
export type WorkloadClass = (typeof WORKLOAD_CLASSES)[number];

/** Weights per workload class, summing to 1 (e.g. `{ syscall: 0.7, io: 0.3 }`). */
export type ClassMix = Partial<Record<WorkloadClass, number>>;

/** Utilization samples of one workload, held compactly. */
export interface WorkloadSamples {
  /** Unix seconds of each sample, ascending. */
  timestampsSec: Float64Array;
  /** CPU utilization 0..1 of the source server's capacity, per sample (NaN = missing). */
  cpuFraction: Float32Array;
  /** Memory in use, GiB, per sample, when known. */
  memoryUsedGiB?: Float32Array;
  /** Memory in use as a fraction 0..1 of configured memory, per sample (long CSV `memory_pct`). */
  memoryFraction?: Float32Array;
  /** Disk I/O operations per second, per sample, when known. */
  diskIops?: Float32Array;
  /** Disk throughput (reads + writes), MB/s, per sample, when known (long CSV `disk_mb_per_s`). */
  diskMbPerS?: Float32Array;
  /** Network throughput, Mbit/s, per sample, when known. */
  netMbps?: Float32Array;
  /** Nominal step between samples, seconds (e.g. 300): the median step. */
  stepSec: number;
  /** Samples dropped at ingest because an earlier sample had the same timestamp (first kept). */
  duplicateTimestamps?: number;
  /**
   * Present when the load held too many samples to keep them all (defaults/sketch.ts): the
   * sizing statistics come from these histograms, and the arrays above hold the series down-sampled
   * to `coarseStepSec` (per-interval means; `stepSec` is then the coarse step).
   */
  sketch?: SampleSketch;
}

/**
 * Fixed-width bins over 0..1: `counts[k]` holds the values v with round(v / binWidth) = k (values
 * clamped to 0..1 first). A value read back is the bin's centre, within binWidth / 2 of the truth.
 */
export interface LinearSketch {
  binWidth: number;
  counts: Uint32Array;
  /** Values counted. */
  n: number;
}

/**
 * Logarithmic bins (DDSketch): `counts[k]` holds the positive values v with
 * ceil(log_gamma(v)) = offset + k, gamma = (1 + relativeError) / (1 - relativeError); zeros are
 * counted apart. A value read back is within `relativeError` of the truth, relatively.
 */
export interface LogSketch {
  relativeError: number;
  offset: number;
  counts: Uint32Array;
  zeros: number;
  n: number;
}

/** The streaming summary of one series (sizing/sketch.ts reads it). */
export interface SampleSketch {
  /** Samples kept (distinct timestamps), with or without a CPU value. */
  samples: number;
  /** CPU utilization 0..1, clamped, of the samples with a value. */
  cpu: LinearSketch;
  /** Sum of the clamped CPU values (their mean is exact). */
  cpuSumFraction: number;
  /** CPU samples above 100% or below 0% (clamped in `cpu`). */
  cpuOutOfRange: number;
  /** Memory in use, GiB (or, with `memoryAvailable`, memory available: perfmon, sysstat kbavail). */
  memoryGiB?: LogSketch;
  /** True when `memoryGiB` holds available memory; `installedGiB` is set when the join knows the installed memory. */
  memoryAvailable?: boolean;
  installedGiB?: number;
  /** Memory in use as a fraction 0..1 of configured memory. */
  memoryFraction?: LinearSketch;
  /** Disk IOPS, disk MB/s and network Mbit/s, when the series carries them (I/O dimensions are sized from these). */
  diskIops?: LogSketch;
  diskMbPerS?: LogSketch;
  netMbps?: LogSketch;
  /** The median step between samples, seconds, and the steps longer than 1.5 of it. */
  sourceStepSec: number;
  gaps: number;
  /** First and last sample time, Unix seconds. */
  firstSec: number;
  lastSec: number;
  /** Samples that arrived earlier than the series' previous sample (duplicates among them cannot be found). */
  outOfOrder: number;
  /** The step of the down-sampled arrays, seconds, and the CPU maximum per down-sampled interval. */
  coarseStepSec: number;
  cpuMaxFraction: Float32Array;
}

/** One source server or VM to be consolidated. */
export interface Workload {
  id: string;
  /** Where it came from, for messages. */
  source?: { file: string; line?: number };
  /** Physical cores of the source server, or vCPUs of a source VM. */
  cores: number;
  cpuGhz?: number;
  cpuModel?: string;
  /** Configured (installed) memory, GiB. */
  memoryGiB: number;
  /** Measured memory in use, GiB (servers CSV `memory_used_gb`, RVTools vMemory `Consumed`). */
  memoryUsedGiB?: number;
  /** The input field `memoryUsedGiB` was read from, for the sizing trail (e.g. `memory_used_gb`). */
  memoryUsedField?: string;
  /** Memory the hypervisor counts as active (recently touched pages), GiB: RVTools `Active`. */
  memoryActiveGiB?: number;
  /** The input field `memoryActiveGiB` was read from (e.g. `vMemory Active`). */
  memoryActiveField?: string;
  /**
   * Where the CPU utilization comes from when it is not a plain utilization column, for the
   * sizing trail: the input field, its raw value and unit (e.g. RVTools vCPU `Overall`, 412 MHz).
   */
  cpuUtilSource?: { field: string; value: number; unit: string; basis: 'vm-snapshot' | 'host-share' };
  /**
   * The input column the CPU utilization figures were read from when it is not the servers CSV's
   * own (`CPU utilization percentage` of an Azure Migrate import), for the sizing trail.
   */
  cpuUtilField?: string;
  cpuUtilAvgFraction?: number;
  cpuUtilP95Fraction?: number;
  cpuUtilPeakFraction?: number;
  /** Measured average power draw of the source server, watts. */
  measuredWatts?: number;
  /** Disk I/O operations per second (reads + writes) of the source, one figure (an inventory's), for `--dimensions disk-iops`. */
  diskIops?: number;
  /** Disk throughput (reads + writes) of the source, MB/s, one figure, for `--dimensions disk-throughput`. */
  diskMbPerS?: number;
  /** Network throughput (in + out) of the source, Mbit/s, one figure, for `--dimensions network`. */
  networkMbps?: number;
  /** The input columns the disk and network figures were read from, for the sizing trail (e.g. `Network In throughput + Network Out throughput`). */
  ioFields?: { diskIops?: string; diskMbPerS?: string; networkMbps?: string };
  workloadClass?: ClassMix;
  site?: string;
  cluster?: string;
  antiAffinity?: string[];
  affinity?: string;
  /** Migration group: workloads of one group move in the same wave (`--wave-size`). */
  group?: string;
  /** True when the source is already a VM (RVTools, traces): no physical server is retired per workload. */
  isVirtual?: boolean;
  samples?: WorkloadSamples;
  /** Id of the physical host the VM runs on now (RVTools vInfo `Host`), when known. */
  sourceHost?: string;
  /** True when the utilization figures are one point-in-time snapshot (RVTools), not a history. */
  snapshot?: boolean;
  /** Field names whose values were assumed rather than measured. */
  assumed?: string[];
}

/**
 * A physical host the source VMs run on today (RVTools vHost): its power is the "before" side
 * when the workloads are VMs.
 */
export interface SourceHost {
  id: string;
  cores: number;
  cpuGhz?: number;
  memoryGiB: number;
  /** CPU utilization 0..1 at snapshot time (vHost "CPU usage %"). */
  cpuUtilFraction?: number;
  memoryUtilFraction?: number;
  vendor?: string;
  model?: string;
  cpuModel?: string;
  measuredWatts?: number;
  /** VMs the host runs according to the inventory (vHost `# VMs`), when stated. */
  vmsReported?: number;
}
