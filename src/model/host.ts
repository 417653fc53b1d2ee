/** A target host model (a row of the host catalog). */
export interface HostModel {
  type: string;
  /** Human name, e.g. "Dell PowerEdge R7525 (2x AMD EPYC 7702)". */
  name?: string;
  sockets?: number;
  cores: number;
  cpuGhz: number;
  cpuModel?: string;
  memoryGiB: number;
  priceUsd: number;
  /** True when the price is our assumption rather than a quote. */
  priceAssumed?: boolean;
  /** Watts at 0%, 10%, ..., 100% CPU load (SPECpower 11 points). */
  powerCurveWatts: number[];
  /** Units available; null = unlimited. */
  count: number | null;
  /** Where the figures come from. */
  source?: string;
  /** Set when this host type is a current physical server kept as a host (--reuse-existing): its id. */
  reusedFrom?: string;
}
