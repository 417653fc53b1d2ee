/** Chassis form factors with a generic embodied-carbon default (docs/models.md#embodied-carbon). */
export const FORM_FACTORS = ['1u', '2u', 'tower'] as const;
export type FormFactor = (typeof FORM_FACTORS)[number];

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
  /**
   * Embodied carbon of one new host, kg CO2e: every life-cycle stage but use (manufacturing,
   * transport, end of life), from the maker's product carbon footprint or the form factor's
   * default (docs/models.md#embodied-carbon). 0 for a kept server (nothing is made).
   */
  embodiedKgCo2e?: number;
  /** Chassis form factor (the generic embodied-carbon default when no figure is given). */
  formFactor?: FormFactor;
  /** Disk I/O operations per second the host can draw from its storage (`disk_iops`); no default (docs/models.md#io-dimensions). */
  diskIops?: number;
  /** Disk throughput of the host's storage paths, MB/s, line rate (`disk_mb_per_s`; default hostIo.diskMbPerS). */
  diskMbPerS?: number;
  /** Network line rate of the host's uplinks, Mbit/s (`network_mbps`; default hostIo.networkMbps). */
  networkMbps?: number;
  /** Set when this host type is a current physical server kept as a host (--reuse-existing): its id. */
  reusedFrom?: string;
}
