/**
 * The packing engine's neutral problem and result types.
 *
 * The engine knows nothing about VMs, CSV or hypervisors: an item is an id and a vector over
 * named dimensions, and a host type is a capacity vector with a cost and an available count.
 * A 24-bucket CPU profile is simply 24 more dimensions.
 */
import type { Clock } from './cooperate.js';
import type { PackingNote, UnplacedCause } from './messages.js';

/** One thing to place. `demand[k]` is in the unit of `PackingProblem.dimensions[k]`. */
export interface PackingItem {
  id: string;
  demand: number[];
  /** Items sharing any anti-affinity group never share a host. */
  antiAffinity?: string[];
  /** Items sharing an affinity group must all share one host. */
  affinity?: string;
  /** Items are packed only with items of the same site; host-type counts are shared by all sites. */
  site?: string;
}

/** One kind of host that may be opened. */
export interface PackingHostType {
  type: string;
  /** Capacity per dimension, same order and units as `PackingProblem.dimensions`. */
  capacity: number[];
  /** Cost of one host of this type (any unit; 1 means "minimise host count"). */
  cost: number;
  /** Units available over the whole problem; `null` means unlimited. With sites, the sites take them in site order. */
  count: number | null;
}

export interface PackingConstraints {
  /** Maximum number of items on one host. */
  maxItemsPerHost?: number;
  /** Spare capacity such that any N host failures can be absorbed (N+ha). 0 = none. */
  ha?: number;
}

export interface PackingProblem {
  /** Dimension names, e.g. ["cpu", "memory"] or ["cpu@00", ..., "cpu@23", "memory"]. */
  dimensions: string[];
  items: PackingItem[];
  hostTypes: PackingHostType[];
  constraints?: PackingConstraints;
}

/** Progress report from long solves (data only: renderers word it). */
export interface PackingProgress {
  phase: 'prepare' | 'heuristics' | 'bounds' | 'improve' | 'exact' | 'ha';
  done?: number;
  total?: number;
  /** An identifier: the heuristic's registry name, or the exact method ('arc-flow',
   *  'column-generation', 'restricted-master'). */
  message?: string;
  /** Exact phase: current lower bound and incumbent cost. */
  bound?: number;
  incumbent?: number;
}

export interface PackOptions {
  /** Whole-solve budget in seconds; 0 = heuristics only (no improvement, no exact phase). */
  timeLimitSeconds?: number;
  onProgress?: (p: PackingProgress) => void;
  signal?: AbortSignal;
  /** Restrict the heuristic portfolio to these registry names (default: automatic selection). */
  heuristics?: string[];
  /** Exact-phase options (backend choice, fault injection for tests); see exact/index.ts. */
  exact?: ExactOptions;
  /** Clock for the wall-clock safety net and for the event-loop turns (ms, monotonic; default
   *  `performance.now`). Results never depend on it unless the safety net fires. */
  clock?: Clock;
  /** Worker threads for the heuristics that split large instances (default: the machine's
   *  available parallelism, at most MAX_SHARD_THREADS; 1 = none). The result does not depend on it. */
  threads?: number;
}

/** Options of the exact phase. */
export interface ExactOptions {
  /** Backend for each model kind; default: automatic (see exact.ts). */
  backend?: 'glpk' | 'highs' | 'auto';
  /** Disable the exact phase while keeping the improvement phase. */
  disabled?: boolean;
  /** Test-only: make the solver worker misbehave ('timeout' | 'undef' | 'throw' | 'crash'). */
  injectFault?: 'timeout' | 'undef' | 'throw' | 'crash';
}

export interface PackedHost {
  /** Stable id, e.g. "host-001" or "siteA/host-001". */
  id: string;
  type: string;
  site?: string;
  /** Item ids placed on this host, in placement order. */
  items: string[];
  /** Sum of demands per dimension. */
  load: number[];
}

/** Why an item could not be placed: the dimensions it fails on, per host type. */
export interface UnplacedItem {
  id: string;
  /** e.g. [{ hostType: "r740", dimension: "memory", demand: 768, capacity: 512 }] */
  failures: { hostType: string; dimension: string; demand: number; capacity: number }[];
  /** Why, as data (code and arguments); rendered to text outside the engine. */
  reason: UnplacedCause;
}

export interface PackingResult {
  dimensions: string[];
  hosts: PackedHost[];
  unplaced: UnplacedItem[];
  totalCost: number;
  /** Proven lower bound on host count (single host type), else null. */
  hostsLowerBound: number | null;
  /** Proven lower bound on total cost. */
  costLowerBound: number;
  /** (totalCost - costLowerBound) / costLowerBound, 0 when the bound is met. */
  gap: number;
  /** True when the result is proven optimal. */
  optimal: boolean;
  /** Name of the algorithm whose result was kept. */
  algorithm: string;
  /** Which bound gave hostsLowerBound/costLowerBound, e.g. "L1", "L2", "column-generation". */
  boundSource: string;
  /** Warnings and fallbacks as data (code and arguments); rendered outside the engine. */
  warnings: PackingNote[];
}
