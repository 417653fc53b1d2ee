/** Sizing defaults used when the inventory is incomplete: docs/models.md#sizing and docs/models.md#headroom. */
export const SIZING_DEFAULTS = {
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
