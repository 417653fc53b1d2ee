/**
 * Defaults for utilization time series and traces (issue 3). Every number carries its source;
 * [I] = our judgement, [R] = a published reference (see ../shared/MODELS.md).
 */

/** Statistics a workload can be sized by (--sizing). */
export const SIZING_STATISTICS = ['peak', 'p99', 'p95', 'p90', 'mean'] as const;
export type SizingStatistic = (typeof SIZING_STATISTICS)[number];

/** Utilization input formats (--utilization-format). */
export const UTILIZATION_FORMATS = ['auto', 'long', 'planetlab', 'bitbrains'] as const;
export type UtilizationFormat = (typeof UTILIZATION_FORMATS)[number];

export const TRACE_DEFAULTS = {
  sizing: {
    value: 'p95' as SizingStatistic,
    unit: 'statistic',
    source: 'MODELS.md §4.7: size on the 95th percentile of CPU samples, the common capacity-planning practice (VMware vROps, Azure Migrate "performance-based" default) [R]',
  },
  growthPercentPerYear: {
    value: 0,
    unit: '% per year',
    source: 'No growth unless the planner states it [I]',
  },
  vmCores: {
    value: 1,
    unit: 'vCPU',
    source: 'A traced workload with no inventory row (e.g. a PlanetLab trace) is assumed to be a 1-vCPU VM, the smallest common VM size [I]; override with --vm-cores or give --servers',
  },
  vmMemoryGiB: {
    value: 2,
    unit: 'GiB',
    source: 'A traced workload with no inventory row and no memory samples is assumed to have 2 GiB, the smallest common general-purpose cloud VM size [I]; override with --vm-memory-gb or give --servers',
  },
  sampleStepSec: {
    value: 300,
    unit: 's',
    source: 'PlanetLab (CloudSim) and Bitbrains GWA-T-12 both sample every 5 minutes; used for PlanetLab files, which carry no timestamps',
  },
  rvtoolsCpuFraction: {
    value: 'host CPU usage %',
    unit: 'fraction of vCPU capacity',
    source: 'RVTools has no utilization history: each VM is assumed to run at its host\'s CPU usage % at snapshot time (vHost "CPU usage %") [I]',
  },
} as const;
