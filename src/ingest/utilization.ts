import type { Cooperator } from '../util/cooperate.js';
import type { Issue, RowAccounting } from '../model/issue.js';
import type { WorkloadSamples } from '../model/workload.js';
import type { IngestSettings } from './settings.js';

/**
 * Shared types of the utilization loaders (long CSV, PlanetLab, Bitbrains). Each loader returns
 * one TracedWorkload per id, sorted by id, with every row accounted for.
 */

/** Progress of a long ingest: bytes or files done of a total. */
export interface IngestProgress {
  label: string;
  unit: 'bytes' | 'files';
  done: number;
  total?: number;
}

export interface UtilizationLoadOptions {
  /** How the user named the path (used in every Issue's `file`). */
  label?: string;
  signal?: AbortSignal;
  /** Gives the event loop turns while reading (util/cooperate.ts); default: one on `signal`. */
  cooperator?: Cooperator;
  onProgress?: (p: IngestProgress) => void;
  /** How to read CSV files: units, decimal separator, unit-sense limits, the flag the path was given to. */
  ingest?: IngestSettings;
  /**
   * Samples held exactly before every series of the load is sketched (long CSV, perfmon;
   * docs/models.md#sample-sketch). Default SKETCH_DEFAULTS.exactSampleBudget.
   */
  sampleBudget?: number;
  /**
   * Worker threads reading a large load (a folder of perfmon files, a long CSV; parallel.ts):
   * 0 reads in this thread. Default: one per core, up to 4. The load is the same whatever the
   * number.
   */
  threads?: number;
}

/** The samples of one id, plus the capacity the trace itself states (Bitbrains), if any. */
export interface TracedWorkload {
  id: string;
  source: { file: string; line?: number };
  samples: WorkloadSamples;
  /** vCPUs stated by the trace. */
  cores?: number;
  /** Clock per core stated by the trace, GHz. */
  cpuGhz?: number;
  /** Configured memory stated by the trace, GiB. */
  memoryGiB?: number;
  /**
   * Memory available (free for use), GiB, per sample (perfmon `\Memory\Available MBytes`):
   * memory used is the installed memory less this, worked out when the installed memory is known
   * (joinUtilization).
   */
  memoryAvailableGiB?: Float32Array;
}

export type TraceFormat = 'long' | 'planetlab' | 'bitbrains' | 'perfmon' | 'sysstat';

/** Formats whose series are VMs (no physical server is retired per workload); the others record physical servers. */
export const VIRTUAL_TRACE_FORMATS: readonly TraceFormat[] = ['planetlab', 'bitbrains'];

export interface UtilizationLoad {
  format: TraceFormat;
  series: TracedWorkload[];
  issues: Issue[];
  rows: RowAccounting;
  /** Number of files read. */
  files: number;
  /** Indexes of the `--units` entries that named a column (long CSV). */
  unitOverridesUsed?: number[];
}

/** Compares names so that `2.csv` sorts before `10.csv` and ties fall back to code-unit order (deterministic). */
export function naturalCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const nx = /^\d/.test(x) && /^\d/.test(y);
    if (nx && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byId(a: { id: string }, b: { id: string }): number {
  return naturalCompare(a.id, b.id);
}
