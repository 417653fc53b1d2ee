/**
 * When and how the planner sizes from a streaming sketch instead of holding every sample
 * (src/sizing/sketch.ts, docs/models.md#sample-sketch). Evidence tags: docs/models.md#evidence-tags.
 */
export const SKETCH_DEFAULTS = {
  exactSampleBudget: {
    value: 10_000_000,
    unit: 'samples held per load',
    source:
      'Our budget [I]: exact sizing holds every sample, 12 bytes each (an 8-byte time and a 4-byte CPU value) and up to twice that while the arrays grow, so 10M samples stay within about 250 MB; above it a load of a year of 5-minute samples for 1,000 servers (105M samples, about 1.26 GB held exactly) would not fit a 1 GiB budget, so every series of the load switches to the sketch; docs/models.md#sample-sketch',
  },
  cpuBinWidthPoints: {
    value: 0.01,
    unit: 'percentage points',
    source:
      'Our choice [I]: CPU utilization lies in 0..100%, so 10,001 fixed bins of 0.01 points (40 KB per series) hold every sample; a percentile read from the bins is within half a bin (0.005 points) of the exact one, far inside the 0.1-point resolution monitoring tools print; docs/models.md#sample-sketch',
  },
  memoryRelativeError: {
    value: 0.001,
    unit: 'fraction of the value',
    source:
      'Our choice [I]: memory has no upper bound, so it is binned on a logarithmic scale (the DDSketch construction, Masson, Rim & Lee, PVLDB 12(12), 2019 [R]) with bins 0.2% wide: a percentile read from them is within 0.1% of the exact one (64 MB of a 64 GiB server); docs/models.md#sample-sketch',
  },
  ioRelativeError: {
    value: 0.001,
    unit: 'fraction of the value',
    source:
      'Our choice [I]: disk IOPS, disk MB/s and network Mbit/s have no upper bound either, so they are binned like memory (DDSketch, Masson, Rim & Lee, PVLDB 12(12), 2019 [R]): a percentile read from the bins is within 0.1% of the exact one; docs/models.md#sample-sketch',
  },
  coarseStepSec: {
    value: 3600,
    unit: 's',
    source:
      'Our choice [I]: a sketched series keeps its time series as hourly means (energy, timelines) and hourly maxima (time profiles): 8,760 points a year per series, while the energy and timeline grids are coarsened to at most 20,000 steps anyway (a year of 5-minute samples is already read at 40 minutes); docs/models.md#sample-sketch',
  },
} as const;
