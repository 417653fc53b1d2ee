/** Sizing defaults used when the inventory is incomplete. Sources: ../shared/MODELS.md §4.7 and §5. */
export const SIZING_DEFAULTS = {
  peakFactor: {
    value: 3,
    unit: 'x average',
    source: 'MODELS.md §4.7 [I]: "a p95 of 3x the average when unknown" - our judgement from the consolidation literature',
  },
  sourceAvgCpuUtilFraction: {
    value: 0.1,
    unit: 'fraction',
    source: 'MODELS.md §4.7: McKinsey/Uptime 2008 ~6%, NRDC 2014 12-18% [R]; default 10% [I]',
  },
  defaultCpuGhz: {
    value: 2.5,
    unit: 'GHz',
    source: 'Our judgement [I]: a typical base clock of 2008-2020 server CPUs, used only when cpu_ghz is absent',
  },
  cpuTargetPercent: {
    value: 80,
    unit: '%',
    source: 'VMware vCAT: plan hosts at <= 80% of peak CPU [R]; MODELS.md §4.7',
  },
  memoryTargetPercent: {
    value: 90,
    unit: '%',
    source: 'Our judgement [I]: memory is not overcommitted (MODELS.md §2.4, overcommit 1.0); 10% kept free for spikes',
  },
} as const;
