/**
 * Defaults for utilization time series and traces: docs/models.md#sizing-from-samples and
 * docs/models.md#traces. Every number carries its source; evidence tags: docs/models.md#evidence-tags.
 */

/** Statistics a workload can be sized by (--sizing). */
export const SIZING_STATISTICS = ['peak', 'p99', 'p95', 'p90', 'mean'] as const;
export type SizingStatistic = (typeof SIZING_STATISTICS)[number];

/** Utilization input formats (--utilization-format). */
export const UTILIZATION_FORMATS = ['auto', 'long', 'planetlab', 'bitbrains', 'perfmon', 'sysstat'] as const;
export type UtilizationFormat = (typeof UTILIZATION_FORMATS)[number];

export const TRACE_DEFAULTS = {
  sizing: {
    value: 'p95' as SizingStatistic,
    unit: 'statistic',
    source: 'Microsoft Azure Migrate "performance-based" assessments size on a chosen percentile of the collected samples (50th, 90th, 95th or 99th) [R]; the 95th is our choice among them [I]; docs/models.md#sizing-from-samples',
  },
  growthPercentPerYear: {
    value: 0,
    unit: '% per year',
    source: 'Our choice [I]: no growth unless the planner states it; docs/models.md#sizing-from-samples',
  },
  profileBuckets: {
    value: 0,
    unit: 'buckets per UTC day (0 = no time profile)',
    source: 'Our choice [I]: no time profile unless asked; with N buckets each holds the sizing statistic of the samples in that time of day, packed as one CPU dimension per bucket; docs/models.md#sizing-from-samples',
  },
  vmCores: {
    value: 1,
    unit: 'vCPU',
    source: 'Our estimate [I]: a traced workload with no inventory row (e.g. a PlanetLab trace) is a 1-vCPU VM, the smallest common VM size; override with --vm-cores or give --servers; docs/models.md#traces',
  },
  vmMemoryGiB: {
    value: 2,
    unit: 'GiB',
    source: 'Our estimate [I]: a traced workload with no inventory row and no memory samples has 2 GiB, the smallest common general-purpose cloud VM size; override with --vm-memory-gb or give --servers; docs/models.md#traces',
  },
  sampleStepSec: {
    value: 300,
    unit: 's',
    source: 'The PlanetLab traces distributed with CloudSim (Beloglazov & Buyya 2012) and the Bitbrains GWA-T-12 traces both sample every 5 minutes [R]; used for PlanetLab files, which carry no timestamps; docs/models.md#traces',
  },
  rvtoolsCpuFraction: {
    value: 'vCPU Overall MHz, else the host demand shared by vCPU',
    unit: 'MHz at snapshot time, sized as an average x peak factor',
    source: 'Our model [I]: RVTools has no utilization history; a VM\'s CPU is its vCPU tab "Overall" (its CPU use in MHz when the export was taken, VMware quickStats overallCpuUsage [R]), else its host\'s measured demand (vHost "CPU usage %" x cores x MHz) less its measured VMs\' use, shared by vCPU among the others; a point-in-time value is taken as an average and multiplied by sizing.peakFactor; docs/models.md#traces',
  },
} as const;
