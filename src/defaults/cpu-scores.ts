/**
 * CPU throughput scores per CPU model, for normalizing CPU capacity across generations
 * (docs/models.md#cpu-normalization: ITRS Capacity Planner, HP Server Hosting Optimizer and
 * PlateSpin Recon normalize by a per-model benchmark score relative to a reference CPU).
 *
 * Score used: SPECpower_ssj2008 ssj_ops at 100% target load, per socket, from the SPECpower
 * results named in each entry [R] (as collected in the cloud-carbon-footprint project's combined
 * SPECpower results file). SPECrate2017_int / SPECint_rate2006 values are not shipped; ssj_ops is
 * a Java business workload and is an indicative throughput index only [I].
 *
 * REFERENCE UNIT. The planner's CPU dimension `cpu_ghz` is in *reference GHz-cores*: the GHz-cores
 * of an AMD EPYC 7702 (the default target host's CPU) that deliver the same ssj_ops. A CPU model
 * in this table gets `cores x perCoreScore / referencePerCoreGhzScore`; an unknown model falls back
 * to `cores x GHz x generationFactor` (see GENERATION_FAMILIES), reported as a fallback.
 */
export interface CpuScore {
  /** The model name as usually written (matched case-insensitively, spaces collapsed). */
  model: string;
  coresPerSocket: number;
  /** Base clock, GHz. */
  baseGhz: number;
  /** SPECpower_ssj2008 ssj_ops at 100% load, per socket. */
  ssjOpsPerSocket: number;
  year: number;
  source: string;
}

const SPEC = 'SPECpower_ssj2008 ssj_ops at 100% load / sockets [R]; docs/models.md#cpu-scores';

export const CPU_SCORES: CpuScore[] = [
  { model: 'Intel Xeon 3040', coresPerSocket: 2, baseGhz: 1.86, ssjOpsPerSocket: 54479, year: 2006, source: `HP ProLiant ML110 G4, result 20110127-00342: 54,479 ssj_ops, 1 socket; ${SPEC}` },
  { model: 'Intel Xeon 3075', coresPerSocket: 2, baseGhz: 2.66, ssjOpsPerSocket: 98472, year: 2007, source: `HP ProLiant ML110 G5, result 20110124-00339: 98,472 ssj_ops, 1 socket; ${SPEC}` },
  { model: 'Intel Xeon E5440', coresPerSocket: 4, baseGhz: 2.83, ssjOpsPerSocket: 151923, year: 2007, source: `Fujitsu PRIMERGY RX300 S4, result 20080116-00034: 303,846 ssj_ops, 2 sockets; ${SPEC}` },
  { model: 'Intel Xeon X5670', coresPerSocket: 6, baseGhz: 2.93, ssjOpsPerSocket: 455489, year: 2010, source: `Dell PowerEdge R710 (Aug 2010): 910,978 ssj_ops, 2 sockets; ${SPEC}` },
  { model: 'Intel Xeon E5-2670', coresPerSocket: 8, baseGhz: 2.6, ssjOpsPerSocket: 618062, year: 2012, source: `Dell PowerEdge R620 (Mar 2012): 1,236,124 ssj_ops, 2 sockets; ${SPEC}` },
  { model: 'Intel Xeon Platinum 8180', coresPerSocket: 28, baseGhz: 2.5, ssjOpsPerSocket: 2879018, year: 2017, source: `HPE ProLiant DL380 Gen10 (Sep 2018): 5,758,036 ssj_ops, 2 sockets; ${SPEC}` },
  { model: 'Intel Xeon Platinum 8176', coresPerSocket: 28, baseGhz: 2.1, ssjOpsPerSocket: 2486272, year: 2017, source: `Lenovo ThinkSystem SR650 (Apr 2019): 4,972,543 ssj_ops, 2 sockets; ${SPEC}` },
  { model: 'Intel Xeon Platinum 8280', coresPerSocket: 28, baseGhz: 2.7, ssjOpsPerSocket: 2905557, year: 2019, source: `Dell PowerEdge R740, result 20190409-00952: 5,811,114 ssj_ops, 2 sockets; ${SPEC}` },
  { model: 'Intel Xeon Platinum 8380', coresPerSocket: 40, baseGhz: 2.3, ssjOpsPerSocket: 3983914, year: 2021, source: `Fujitsu PRIMERGY RX2530 M6 (Apr 2021): 7,967,827 ssj_ops, 2 sockets; ${SPEC}` },
  { model: 'AMD EPYC 7702', coresPerSocket: 64, baseGhz: 2.0, ssjOpsPerSocket: 5559058, year: 2019, source: `Dell PowerEdge R7525, result 20200324-01021: 11,118,115 ssj_ops, 2 sockets; ${SPEC}` },
  { model: 'AMD EPYC 7763', coresPerSocket: 64, baseGhz: 2.45, ssjOpsPerSocket: 6206406, year: 2021, source: `Lenovo ThinkSystem SR665 (Apr 2021): 12,412,812 ssj_ops, 2 sockets (HPE DL385 Gen10 Plus: 12,550,024); ${SPEC}` },
];

/** The reference CPU of the `cpu_ghz` dimension. */
export const REFERENCE_CPU_MODEL = 'AMD EPYC 7702';

/** CPU normalization methods (--cpu-normalization): per-model benchmark score, or plain cores x GHz. */
export const CPU_NORMALIZATIONS = ['spec-score', 'ghz'] as const;
export type CpuNormalization = (typeof CPU_NORMALIZATIONS)[number];

export const DEFAULT_CPU_NORMALIZATION: { value: CpuNormalization; source: string } = {
  value: 'spec-score',
  source: 'Consolidation planners normalize by a per-model benchmark score: ITRS Capacity Planner, HP Server Hosting Optimizer and PlateSpin Recon documentation [R]; "ghz" = plain cores x GHz (the vCenter/vCAT convention) for comparison with simulators that count MIPS; docs/models.md#cpu-normalization',
};

/**
 * Fallback generation factors for CPU models not in CPU_SCORES: matched by family pattern, the
 * factor is the per-GHz-core score of the family's table member(s) relative to the reference [C].
 * A model that matches no family (or no model at all) gets UNKNOWN_GENERATION_FACTOR.
 */
export interface GenerationFamily {
  family: string;
  pattern: string;
  /** Table members the factor is computed from. */
  members: string[];
}

export const GENERATION_FAMILIES: GenerationFamily[] = [
  { family: 'xeon-core2', pattern: '\\bxeon\\s+[35]\\d{3}\\b', members: ['Intel Xeon 3040', 'Intel Xeon 3075'] },
  { family: 'xeon-harpertown', pattern: '\\bxeon\\s+[elx]5[34]\\d\\d\\b', members: ['Intel Xeon E5440'] },
  { family: 'xeon-nehalem-westmere', pattern: '\\bxeon\\s+[elwx][35][56]\\d\\d\\b', members: ['Intel Xeon X5670'] },
  { family: 'xeon-e5', pattern: '\\bxeon\\s+e5-[124]\\d{3}', members: ['Intel Xeon E5-2670'] },
  { family: 'xeon-scalable', pattern: '\\bxeon\\s+(platinum|gold|silver|bronze)\\b', members: ['Intel Xeon Platinum 8180', 'Intel Xeon Platinum 8176', 'Intel Xeon Platinum 8280', 'Intel Xeon Platinum 8380'] },
  { family: 'epyc', pattern: '\\bepyc\\b', members: ['AMD EPYC 7702', 'AMD EPYC 7763'] },
];

/**
 * Generation factor when the CPU model is unknown: 1.0, i.e. the source is assumed to be as
 * efficient per GHz-core as the reference (a 2019 EPYC). Our judgement [I]: for a source server
 * this errs on the safe side (its demand is not under-estimated); for a target host without a
 * model it assumes modern hardware.
 */
export const UNKNOWN_GENERATION_FACTOR = 1.0;

const norm = (s: string) => s.toLowerCase().replace(/\(r\)|\(tm\)|®|™|cpu|processor/g, ' ').replace(/@.*$/, '').replace(/\s+/g, ' ').trim();

/** Per-GHz-core score of a table entry: ssj_ops per socket / (cores per socket x base GHz). */
export function perGhzCoreScore(s: Pick<CpuScore, 'ssjOpsPerSocket' | 'coresPerSocket' | 'baseGhz'>): number {
  return s.ssjOpsPerSocket / (s.coresPerSocket * s.baseGhz);
}

/** Finds a table entry by model name (case-insensitive, ignores "(R)", "CPU", "@ 2.00GHz"). */
export function findCpuScore(scores: readonly CpuScore[], model: string | undefined): CpuScore | undefined {
  if (!model) return undefined;
  const m = norm(model);
  return scores.find((s) => norm(s.model) === m) ?? scores.find((s) => m.endsWith(norm(s.model).replace(/^(intel|amd) /, '')));
}
