/**
 * How a workload's memory demand is chosen (`--memory-sizing`), docs/models.md#memory-sizing:
 * - `auto`: configured memory for a VM whose input states its provisioned memory (RVTools, Bitbrains,
 *   an inventory row of a VM); used memory x comfort factor, capped at installed memory, for a
 *   physical server with measured used memory; configured memory otherwise;
 * - `configured`: always the configured (provisioned, installed) memory;
 * - `used`: measured used memory x comfort factor, capped at configured memory, where measured;
 * - `active`: the hypervisor's "active" memory x comfort factor (recently touched pages; a lower
 *   bound of what the guest holds, so only on request, with a warning), else used, else configured.
 */
export const MEMORY_SIZING_POLICIES = ['auto', 'configured', 'used', 'active'] as const;
export type MemorySizingPolicy = (typeof MEMORY_SIZING_POLICIES)[number];

/** Sizing defaults used when the inventory is incomplete: docs/models.md#sizing and docs/models.md#headroom. */
export const SIZING_DEFAULTS = {
  memoryPolicy: {
    value: 'auto' as MemorySizingPolicy,
    unit: 'policy',
    source: 'Our choice [I]: a VM keeps the memory it is configured with (a guest OS uses what it is given, so measured use understates what a VM needs after the move); a physical server is sized from its measured used memory x the comfort factor, as performance-based assessments do (Microsoft Azure Migrate [R]); docs/models.md#memory-sizing',
  },
  comfortFactor: {
    value: 1.3,
    unit: 'x measured memory',
    source: 'Microsoft Azure Migrate assessments apply a "comfort factor" (API property scalingFactor: a buffer on the performance metrics when recommending sizes) on top of measured utilization, for seasonal use, a short performance history and likely growth [R]; 1.3 is our choice [I], the default we recall from its assessment settings (not re-read); docs/models.md#memory-sizing',
  },
  peakFactor: {
    value: 3,
    unit: 'x average',
    source: 'Our estimate [I]: when only the average is known, the p95 is taken as 3x the average, a ratio typical of the utilization traces in the consolidation literature; docs/models.md#sizing',
  },
  sourceAvgCpuUtilFraction: {
    value: 0.1,
    unit: 'fraction',
    source: 'McKinsey & Uptime Institute (2008), "Revolutionizing Data Center Energy Efficiency": average server utilization seldom exceeds 6%; NRDC & Anthesis (2014), "Data Center Efficiency Assessment": 12-18% [R]; 10% is our estimate between them [I]; docs/models.md#sizing',
  },
  defaultCpuGhz: {
    value: 2.5,
    unit: 'GHz',
    source: 'Our estimate [I]: a typical base clock of 2008-2020 server CPUs, used only when cpu_ghz is absent; docs/models.md#sizing',
  },
  cpuTargetPercent: {
    value: 80,
    unit: '%',
    source: 'VMware vCloud Architecture Toolkit (vCAT): plan hosts at no more than 80% of peak CPU [R]; docs/models.md#headroom',
  },
  memoryTargetPercent: {
    value: 90,
    unit: '%',
    source: 'Our estimate [I]: memory is not overcommitted (inter-VM transparent page sharing is off by default since late 2014, VMware KB 2080735) and 10% is kept free for spikes; docs/models.md#headroom',
  },
} as const;
