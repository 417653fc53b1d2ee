import type { ModelDefaults } from '../defaults/registry.js';
import { GENERATION_FAMILIES, findCpuScore, perGhzCoreScore } from '../defaults/cpu-scores.js';

/**
 * CPU normalization across generations (docs/models.md#cpu-normalization, the HP SHO / ITRS method):
 *
 *   capacity [reference GHz-cores] = cores x perCoreScore(model) / perGhzCoreScore(reference)
 *
 * where perCoreScore = SPECpower ssj_ops per socket / cores per socket. The reference (default
 * AMD EPYC 7702) delivers 1 unit per GHz-core, so its capacity equals its plain cores x GHz.
 * When the model is not in the score table the fallback is `cores x GHz x generationFactor`,
 * the factor taken from the model's family pattern, else `cpu.unknownGenerationFactor` (1.0).
 * With method `ghz` the capacity is plain cores x GHz (what CloudSim's MIPS amount to).
 */
export interface NormalizedCpu {
  /** Capacity in reference GHz-cores. */
  capacityRefGhz: number;
  /** Reference units per (core x GHz) of this CPU: capacityRefGhz / (cores x GHz). */
  factor: number;
  /** How the factor was obtained. */
  basis: 'score' | 'family' | 'unknown' | 'ghz';
  /** Registry key of the figure used (score, family factor or unknown factor). */
  key: string;
  /** The GHz used: the given clock, else the table's base clock, else the default. */
  ghz: number;
  /** True when the GHz had to be assumed (no clock given and model unknown). */
  ghzAssumed: boolean;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * @example normalizeCpu(8, 2.83, 'Intel Xeon E5440', model).capacityRefGhz
 *   = 8 x (151923/4) / (5559058 / (64 x 2.0)) ≈ 6.996  (vs 22.64 plain GHz-cores)
 */
export function normalizeCpu(cores: number, ghz: number | undefined, cpuModel: string | undefined, m: ModelDefaults): NormalizedCpu {
  const score = findCpuScore(m.cpu.scores, cpuModel);
  const clock = ghz ?? score?.baseGhz ?? m.sizing.defaultCpuGhz;
  const ghzAssumed = ghz === undefined && !score;
  if (m.plan.cpuNormalization === 'ghz') return { capacityRefGhz: cores * clock, factor: 1, basis: 'ghz', key: 'plan.cpuNormalization', ghz: clock, ghzAssumed };
  const ref = findCpuScore(m.cpu.scores, m.cpu.referenceModel)!;
  const refPerGhzCore = perGhzCoreScore(ref);
  if (score) {
    const perCore = score.ssjOpsPerSocket / score.coresPerSocket;
    const cap = (cores * perCore) / refPerGhzCore;
    return { capacityRefGhz: cap, factor: cap / (cores * clock), basis: 'score', key: `cpu.score.${slug(score.model)}.ssjOpsPerSocket`, ghz: clock, ghzAssumed };
  }
  if (cpuModel) {
    const fam = GENERATION_FAMILIES.find((f) => new RegExp(f.pattern, 'i').test(cpuModel));
    if (fam) {
      const f = m.cpu.familyFactors[fam.family];
      return { capacityRefGhz: cores * clock * f, factor: f, basis: 'family', key: `cpu.family.${fam.family}.generationFactor`, ghz: clock, ghzAssumed };
    }
  }
  const f = m.cpu.unknownGenerationFactor;
  return { capacityRefGhz: cores * clock * f, factor: f, basis: 'unknown', key: 'cpu.unknownGenerationFactor', ghz: clock, ghzAssumed };
}
