import type { PlanOptions } from '../model/options.js';
import type { Assumption } from '../model/plan-result.js';
import { TRACE_DEFAULTS } from '../defaults/traces.js';
import { COST_DEFAULTS } from '../defaults/cost.js';

/** The sizing-from-samples assumptions in force (only those whose keys the sizing stage used). */
export function sampleSizingAssumptions(o: PlanOptions, keys: Set<string>): Assumption[] {
  const a: Assumption[] = [];
  if (keys.has('sizing.statistic')) {
    a.push({ key: 'sizing.statistic', value: o.sizing, unit: 'statistic of CPU and memory samples', source: o.sizing === TRACE_DEFAULTS.sizing.value ? TRACE_DEFAULTS.sizing.source : 'set by --sizing' });
    if (o.profileBuckets > 0) a.push({ key: 'sizing.profileBuckets', value: o.profileBuckets, unit: 'buckets per UTC day', source: `each bucket holds the ${o.sizing} of the samples in that time of day across all days; packed as one CPU dimension per bucket` });
  }
  if (keys.has('sizing.growth')) {
    a.push({ key: 'sizing.growth', value: o.growth, unit: '% per year', source: o.growth === TRACE_DEFAULTS.growthPercentPerYear.value ? TRACE_DEFAULTS.growthPercentPerYear.source : 'set by --growth' });
    a.push({ key: 'sizing.horizonYears', value: o.horizonYears, unit: 'years', source: o.horizonYears === COST_DEFAULTS.horizonYears.value ? `the TCO horizon: ${COST_DEFAULTS.horizonYears.source}` : 'set by --horizon-years' });
  }
  return a;
}
