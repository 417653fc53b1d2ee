import type { PlanOptions } from '../model/options.js';
import { OPTIONS, flagOf } from '../model/options.js';
import { issue, type Issue } from '../model/issue.js';
import type { SizedWorkload } from './size.js';

/**
 * Options given that cannot apply to this input (`options.ignored`, info), in option-table order:
 * `--peak-factor` when no workload is sized from an average or a snapshot, `--comfort-factor` when
 * none is sized from measured memory, `--sizing` and `--profile-buckets` when no workload has
 * utilization samples. An option left at its default is never noted. Pure.
 */
export function ignoredOptions(o: PlanOptions, sized: SizedWorkload[], profiled: boolean): Issue[] {
  const given = <K extends 'peakFactor' | 'comfortFactor' | 'sizing' | 'profileBuckets'>(k: K) => o[k] !== OPTIONS[k].spec.default?.value;
  const out: Issue[] = [];
  const note = (option: 'peakFactor' | 'comfortFactor' | 'sizing' | 'profileBuckets', reason: 'no-samples' | 'no-measured-memory' | 'no-average') =>
    out.push(issue('options.ignored', 'info', { option, flag: flagOf(option), value: o[option], reason }, { path: [option] }));
  const samples = sized.some((s) => s.basis.startsWith('samples-'));
  if (given('peakFactor') && !sized.some((s) => s.trail.cpu.factors.some((f) => f.key === 'sizing.peakFactor'))) note('peakFactor', 'no-average');
  if (given('comfortFactor') && !sized.some((s) => s.trail.memory.comfortFactor !== undefined)) note('comfortFactor', 'no-measured-memory');
  if (given('sizing') && !samples) note('sizing', 'no-samples');
  if (o.profileBuckets > 0 && !profiled) note('profileBuckets', 'no-samples');
  return out;
}
