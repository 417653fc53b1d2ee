/**
 * Low/high ranges for `consolidate whatif --sensitivity` (a tornado chart of each assumption's
 * effect on savings). Each range is a plausible spread, not a confidence interval; sources:
 */
export const SENSITIVITY_RANGES = {
  cpuTargetPercent: {
    low: 60,
    high: 90,
    unit: '%',
    source: 'Our judgement [I] around the VMware vCAT 80% guideline (MODELS.md §4.7): 60% for conservative shops, 90% for aggressive ones',
  },
  virtualization: {
    low: 'hw-assist',
    high: 'paravirtual',
    unit: 'technique',
    source: 'MODELS.md §1.3: shadow-paging VT-x (higher overhead on mmu/syscall work) versus Xen-style paravirtualization (near native)',
  },
  sizingPercentile: {
    low: 'p99',
    high: 'p90',
    unit: 'percentile',
    source: 'Our judgement [I]: p90 to p99 spans the usual choices for sizing from utilization series (MODELS.md §4.7); a higher percentile sizes larger, so it is the low-savings end',
  },
  pue: {
    low: 1.2,
    high: 2.0,
    unit: 'ratio',
    source: 'Uptime Institute survey 2024 average 1.56 [R]; 1.2 for efficient hyperscale-like rooms, 2.0 for older server rooms [I]; MODELS.md §3.4',
  },
  usdPerKwh: {
    low: 0.08,
    high: 0.25,
    unit: 'USD/kWh',
    source: 'EIA 2023 US commercial average ~0.127 USD/kWh [M]; 0.08 low-cost US states, 0.25 typical EU commercial [I]; MODELS.md §4.3',
  },
  hostPriceFactor: {
    low: 1.25,
    high: 0.75,
    unit: 'x catalog price',
    source: 'Our judgement [I]: +/-25% covers list versus negotiated prices (MODELS.md §4.1); a higher price is the low-savings end',
  },
} as const;
