/**
 * Low/high ranges for `consolidate whatif --sensitivity` (a tornado chart of each assumption's
 * effect on savings). Each range is a plausible spread, not a confidence interval; sources:
 */
export const SENSITIVITY_RANGES = {
  cpuTargetPercent: {
    low: 60,
    high: 90,
    unit: '%',
    source: 'Our estimate [I] around the VMware vCAT 80% guideline: 60% for conservative shops, 90% for aggressive ones; docs/models.md#sensitivity',
  },
  virtualization: {
    low: 'hw-assist',
    high: 'paravirtual',
    unit: 'technique',
    source: 'Adams & Agesen, ASPLOS 2006 (shadow-paging VT-x: higher overhead on mmu and syscall work) versus Barham et al., SOSP 2003 (Xen paravirtualization: near native); docs/models.md#sensitivity',
  },
  sizingPercentile: {
    low: 'p99',
    high: 'p90',
    unit: 'percentile',
    source: 'Our estimate [I]: p90 to p99 spans the usual choices for sizing from utilization series; a higher percentile sizes larger, so it is the low-savings end; docs/models.md#sensitivity',
  },
  pue: {
    low: 1.2,
    high: 2.0,
    unit: 'ratio',
    source: 'Uptime Institute Global Data Center Survey 2024: average 1.56 [R]; 1.2 for efficient hyperscale-like rooms and 2.0 for older server rooms are our estimates [I]; docs/models.md#sensitivity',
  },
  usdPerKwh: {
    low: 0.08,
    high: 0.25,
    unit: 'USD/kWh',
    source: 'EIA Electric Power Annual 2023: commercial prices from under 0.08 (e.g. North Dakota 7.4 c) to over 0.23 USD/kWh (California 23.9 c) [R]; 0.25 for EU commercial is our estimate [I]; docs/models.md#sensitivity',
  },
  hostPriceFactor: {
    low: 1.25,
    high: 0.75,
    unit: 'x catalog price',
    source: 'Our estimate [I]: +/-25% covers list versus negotiated prices; a higher price is the low-savings end; docs/models.md#sensitivity',
  },
} as const;
