import { z } from 'zod';
import { optionForRegistryKey, optionValueSchema, registryLinks, type PlanOptions } from '../model/options.js';
import type { HostModel } from '../model/host.js';
import { WORKLOAD_CLASSES, type WorkloadClass } from '../model/workload.js';
import { CPU_OVERHEAD, VIRTUALIZATION_TECHNIQUES, DEFAULT_TECHNIQUE, type OverheadFactorEntry, type VirtualizationTechnique } from './overhead.js';
import { HOST_RESERVE, HYPERVISORS, MEMORY_OVERHEAD, DEFAULT_HYPERVISOR, HOSTED_IO, HOSTED_HYPERVISORS, type HostReserveModel, type Hypervisor, type MemoryOverheadModel, type HostedIoModel } from './memory.js';
import { SIZING_DEFAULTS, type MemorySizingPolicy } from './sizing.js';
import { FACILITY_DEFAULTS } from './facility.js';
import { COST_DEFAULTS, DEFAULT_LICENCE, LICENCES, LICENCE_MODELS, type LicenceModel, type LicenceRule } from './cost.js';
import { BUILTIN_HOSTS, DEFAULT_HOST_TYPE, DEFAULT_SOURCE_PROFILE, EMBODIED_SOURCES } from './catalog.js';
import { FORM_FACTOR_EMBODIED, DEFAULT_FORM_FACTOR } from './embodied.js';
import { WAVE_DEFAULTS } from './waves.js';
import { HOST_IO_DEFAULTS } from './host-io.js';
import { FORM_FACTORS, type FormFactor } from '../model/host.js';
import { CPU_SCORES, GENERATION_FAMILIES, REFERENCE_CPU_MODEL, UNKNOWN_GENERATION_FACTOR, DEFAULT_CPU_NORMALIZATION, perGhzCoreScore, findCpuScore, type CpuScore, type CpuNormalization } from './cpu-scores.js';
import { OptionsError } from '../errors.js';
import { problemLines } from '../model/option-problems.js';
import { TRACE_DEFAULTS, SIZING_STATISTICS, type SizingStatistic } from './traces.js';
import { INGEST_DEFAULTS, type UnitSenseLimits } from './ingest.js';
import { round } from '../util/round.js';

/**
 * THE registry of default figures. Every number the models use is one entry here, with a key, a
 * unit and a source. `consolidate defaults` prints `listDefaults(...)`; the plan's assumptions are
 * picked from the same list (defaults/assumptions.ts), so the two cannot disagree. Every entry can
 * be overridden by key from a JSON config file (`--config FILE`, validated by `defaultsSchema()`);
 * the common ones are also plan options / CLI flags (`option` below). Precedence: CLI flag or API
 * option > config file > built-in.
 */

export { CPU_NORMALIZATIONS, type CpuNormalization } from './cpu-scores.js';

/** All model parameters in force for one run (the built-in values, or with overrides applied). */
export interface ModelDefaults {
  plan: { virtualization: VirtualizationTechnique; hypervisor: Hypervisor; cpuNormalization: CpuNormalization; defaultHostType: string; sourceProfile: string };
  cpuOverhead: Record<VirtualizationTechnique, Record<WorkloadClass, OverheadFactorEntry>>;
  memoryOverhead: Record<Hypervisor, MemoryOverheadModel>;
  hostReserve: Record<Hypervisor, HostReserveModel>;
  /** The hosted I/O path's multiplier on the io class, for hosted hypervisors only. */
  hostedIo: Partial<Record<Hypervisor, HostedIoModel>>;
  facility: { pue: number; usdPerKwh: number; gridGco2PerKwh: number; usdPerKwMonth: number; hoursPerYear: number };
  sizing: { peakFactor: number; sourceAvgCpuUtilFraction: number; defaultCpuGhz: number; cpuTargetPercent: number; memoryTargetPercent: number; memoryPolicy: MemorySizingPolicy; comfortFactor: number };
  /** Sizing from samples and traced workloads without inventory (src/defaults/traces.ts). */
  trace: { statistic: SizingStatistic; growthPercentPerYear: number; profileBuckets: number; vmCores: number; vmMemoryGiB: number; sampleStepSec: number; rvtoolsCpuFraction: string };
  cost: {
    horizonYears: number; amortizationYears: number; warrantyYears: number; maintenancePctPerYear: number;
    sourceServerValueUsd: number; refreshUsdPerServer: number; avoidedRefresh: boolean;
  };
  licence: LicenceModel;
  licences: Record<LicenceModel, LicenceRule>;
  cpu: { referenceModel: string; unknownGenerationFactor: number; scores: CpuScore[]; familyFactors: Record<string, number> };
  /** Built-in host catalog, by type. */
  hosts: Record<string, HostModel>;
  /** Plausibility limits of ingested units (src/defaults/ingest.ts). */
  ingest: UnitSenseLimits;
  /** Embodied carbon of a catalog host without its own figure: kg CO2e per form factor, and the form factor assumed. */
  embodied: { formFactorKgCo2e: Record<FormFactor, number>; defaultFormFactor: FormFactor };
  /** Migration waves (--wave-size). */
  waves: { intervalDays: number };
  /** Disk and network capacity of a host type that states none (--dimensions; src/defaults/host-io.ts). */
  hostIo: { networkMbps: number; networkUsableFraction: number; diskMbPerS: number; diskUsableFraction: number };
}

/** The generation factor of each fallback family, computed from its table members [C]. */
function familyFactors(scores: CpuScore[], reference: string): Record<string, number> {
  const ref = perGhzCoreScore(findCpuScore(scores, reference)!);
  const out: Record<string, number> = {};
  for (const f of GENERATION_FAMILIES) {
    const members = f.members.map((m) => findCpuScore(scores, m)!).map(perGhzCoreScore);
    out[f.family] = round(members.reduce((s, x) => s + x, 0) / members.length / ref, 3);
  }
  return out;
}

function builtinModel(): ModelDefaults {
  return structuredClone({
    plan: { virtualization: DEFAULT_TECHNIQUE.value, hypervisor: DEFAULT_HYPERVISOR.value, cpuNormalization: DEFAULT_CPU_NORMALIZATION.value, defaultHostType: DEFAULT_HOST_TYPE, sourceProfile: DEFAULT_SOURCE_PROFILE },
    cpuOverhead: CPU_OVERHEAD,
    memoryOverhead: MEMORY_OVERHEAD,
    hostReserve: HOST_RESERVE,
    hostedIo: HOSTED_IO,
    facility: {
      pue: FACILITY_DEFAULTS.pue.value,
      usdPerKwh: FACILITY_DEFAULTS.electricityUsdPerKWh.value,
      gridGco2PerKwh: FACILITY_DEFAULTS.gridCarbonGPerKWh.value,
      usdPerKwMonth: COST_DEFAULTS.facilityUsdPerKwMonth.value,
      hoursPerYear: FACILITY_DEFAULTS.hoursPerYear.value,
    },
    sizing: {
      peakFactor: SIZING_DEFAULTS.peakFactor.value,
      sourceAvgCpuUtilFraction: SIZING_DEFAULTS.sourceAvgCpuUtilFraction.value,
      defaultCpuGhz: SIZING_DEFAULTS.defaultCpuGhz.value,
      cpuTargetPercent: SIZING_DEFAULTS.cpuTargetPercent.value,
      memoryTargetPercent: SIZING_DEFAULTS.memoryTargetPercent.value,
      memoryPolicy: SIZING_DEFAULTS.memoryPolicy.value,
      comfortFactor: SIZING_DEFAULTS.comfortFactor.value,
    },
    trace: {
      statistic: TRACE_DEFAULTS.sizing.value,
      growthPercentPerYear: TRACE_DEFAULTS.growthPercentPerYear.value,
      profileBuckets: TRACE_DEFAULTS.profileBuckets.value,
      vmCores: TRACE_DEFAULTS.vmCores.value,
      vmMemoryGiB: TRACE_DEFAULTS.vmMemoryGiB.value,
      sampleStepSec: TRACE_DEFAULTS.sampleStepSec.value,
      rvtoolsCpuFraction: TRACE_DEFAULTS.rvtoolsCpuFraction.value,
    },
    cost: {
      horizonYears: COST_DEFAULTS.horizonYears.value,
      amortizationYears: COST_DEFAULTS.amortizationYears.value,
      warrantyYears: COST_DEFAULTS.warrantyYears.value,
      maintenancePctPerYear: COST_DEFAULTS.maintenancePctPerYear.value,
      sourceServerValueUsd: COST_DEFAULTS.sourceServerValueUsd.value,
      refreshUsdPerServer: COST_DEFAULTS.refreshUsdPerServer.value,
      avoidedRefresh: COST_DEFAULTS.avoidedRefresh.value,
    },
    licence: DEFAULT_LICENCE.value,
    licences: LICENCES,
    cpu: { referenceModel: REFERENCE_CPU_MODEL, unknownGenerationFactor: UNKNOWN_GENERATION_FACTOR, scores: CPU_SCORES, familyFactors: familyFactors(CPU_SCORES, REFERENCE_CPU_MODEL) },
    hosts: Object.fromEntries(BUILTIN_HOSTS.map((h) => [h.type, h])),
    ingest: {
      memoryPerCoreMaxGiB: INGEST_DEFAULTS.memoryPerCoreMaxGiB.value,
      memoryPerCoreMinGiB: INGEST_DEFAULTS.memoryPerCoreMinGiB.value,
      clockMaxGhz: INGEST_DEFAULTS.clockMaxGhz.value,
      clockMinGhz: INGEST_DEFAULTS.clockMinGhz.value,
    },
    waves: { intervalDays: WAVE_DEFAULTS.intervalDays.value },
    hostIo: {
      networkMbps: HOST_IO_DEFAULTS.networkMbps.value,
      networkUsableFraction: HOST_IO_DEFAULTS.networkUsableFraction.value,
      diskMbPerS: HOST_IO_DEFAULTS.diskMbPerS.value,
      diskUsableFraction: HOST_IO_DEFAULTS.diskUsableFraction.value,
    },
    embodied: { formFactorKgCo2e: Object.fromEntries(FORM_FACTORS.map((f) => [f, FORM_FACTOR_EMBODIED[f].value])) as Record<FormFactor, number>, defaultFormFactor: DEFAULT_FORM_FACTOR.value },
  } satisfies ModelDefaults) as ModelDefaults;
}

/** The built-in model (a fresh deep copy each call, so callers may not alter the shared one). */
export function defaultModel(): ModelDefaults {
  return builtinModel();
}

export type DefaultValue = number | string | boolean | number[];

/** One row of `consolidate defaults` and of the plan's assumptions. */
export interface DefaultEntry {
  key: string;
  value: DefaultValue;
  unit: string;
  source: string;
}

interface Descriptor {
  key: string;
  unit: string;
  source: string;
  /** The value's rule; for an entry a plan option also sets, the option's (model/options.ts), so the bounds are written once. */
  schema: z.ZodType<DefaultValue>;
  get(m: ModelDefaults): DefaultValue;
  set(m: ModelDefaults, v: DefaultValue): void;
}

const num = (min = 0) => z.number().gte(min) as z.ZodType<DefaultValue>;
const pos = () => z.number().gt(0) as z.ZodType<DefaultValue>;
const curve = () =>
  z
    .array(z.number().gte(0))
    .length(11)
    .refine((a) => a.every((x, i) => i === 0 || x >= a[i - 1]), 'power must not fall as utilization rises') as z.ZodType<DefaultValue>;
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function descriptors(): Descriptor[] {
  const b = builtinModel();
  const d: Descriptor[] = [];
  const add = (x: Omit<Descriptor, 'schema'> & { schema?: z.ZodType<DefaultValue> }) => {
    const option = optionForRegistryKey(x.key);
    const schema = option ? (optionValueSchema(option) as z.ZodType<DefaultValue>) : x.schema;
    if (!schema) throw new Error(`registry entry ${x.key} has no schema and no option`);
    d.push({ ...x, schema });
  };

  add({ key: 'plan.virtualization', unit: 'technique', source: DEFAULT_TECHNIQUE.source, get: (m) => m.plan.virtualization, set: (m, v) => (m.plan.virtualization = v as VirtualizationTechnique) });
  add({ key: 'plan.hypervisor', unit: 'hypervisor', source: DEFAULT_HYPERVISOR.source, get: (m) => m.plan.hypervisor, set: (m, v) => (m.plan.hypervisor = v as Hypervisor) });
  add({ key: 'plan.cpuNormalization', unit: 'method', source: DEFAULT_CPU_NORMALIZATION.source, get: (m) => m.plan.cpuNormalization, set: (m, v) => (m.plan.cpuNormalization = v as CpuNormalization) });
  add({ key: 'plan.defaultHostType', unit: 'host type', schema: z.string().refine((t) => t in b.hosts, 'not a built-in host type') as z.ZodType<DefaultValue>, source: 'Our choice [I]: the Dell PowerEdge R7525 (2x AMD EPYC 7702, SPECpower_ssj2008 result 20200324-01021), a common current 2-socket virtualization host with a fully measured curve; docs/models.md#plan-defaults', get: (m) => m.plan.defaultHostType, set: (m, v) => (m.plan.defaultHostType = v as string) });
  add({ key: 'power.sourceProfile', unit: 'host type', schema: z.string().refine((t) => t in b.hosts, 'not a built-in host type') as z.ZodType<DefaultValue>, source: 'Our estimate [I]: servers without measured watts draw like a 2008-era 2-socket server (Fujitsu PRIMERGY RX300 S4, SPECpower_ssj2008 result 20080116-00034), since consolidation candidates are old hardware; docs/models.md#plan-defaults', get: (m) => m.plan.sourceProfile, set: (m, v) => (m.plan.sourceProfile = v as string) });

  for (const t of VIRTUALIZATION_TECHNIQUES) {
    for (const c of WORKLOAD_CLASSES) {
      const e = b.cpuOverhead[t][c];
      add({ key: `overhead.cpu.${t}.${c}`, unit: `x native CPU (range ${e.range[0]}-${e.range[1]})`, schema: num(0.01), source: e.source, get: (m) => m.cpuOverhead[t][c].factor, set: (m, v) => (m.cpuOverhead[t][c].factor = v as number) });
    }
  }
  for (const h of HYPERVISORS) {
    const e = b.memoryOverhead[h];
    const f = (k: 'fixedMiB' | 'perVcpuMiB' | 'perConfiguredFraction', unit: string) =>
      add({ key: `overhead.memory.${h}.${k}`, unit, schema: num(), source: `${e.formula}: ${e.source}`, get: (m) => m.memoryOverhead[h][k], set: (m, v) => (m.memoryOverhead[h][k] = v as number) });
    f('fixedMiB', 'MiB per VM');
    f('perVcpuMiB', 'MiB per vCPU');
    f('perConfiguredFraction', 'fraction of configured memory');
  }
  for (const h of HYPERVISORS) {
    const e = b.hostReserve[h];
    const f = (k: 'memoryMinGiB' | 'memoryFraction' | 'memoryFixedGiB' | 'cpuCores' | 'cpuFraction', unit: string) =>
      add({ key: `reserve.${h}.${k}`, unit, schema: num(), source: `${e.formula}: ${e.source}`, get: (m) => m.hostReserve[h][k], set: (m, v) => (m.hostReserve[h][k] = v as number) });
    f('memoryMinGiB', 'GiB per host (floor)');
    f('memoryFraction', 'fraction of host memory');
    f('memoryFixedGiB', 'GiB per host (added)');
    f('cpuCores', 'cores per host');
    f('cpuFraction', 'fraction of host CPU');
  }

  for (const h of HOSTED_HYPERVISORS) {
    const e = b.hostedIo[h]!;
    add({ key: `overhead.hostedIo.${h}.factor`, unit: `x the io class's CPU factor (range ${e.range[0]}-${e.range[1]})`, schema: num(1), source: e.source, get: (m) => m.hostedIo[h]!.factor, set: (m, v) => (m.hostedIo[h]!.factor = v as number) });
  }

  add({ key: 'headroom.cpuTarget', unit: '% of usable CPU', source: SIZING_DEFAULTS.cpuTargetPercent.source, get: (m) => m.sizing.cpuTargetPercent, set: (m, v) => (m.sizing.cpuTargetPercent = v as number) });
  add({ key: 'headroom.memoryTarget', unit: '% of usable memory', source: SIZING_DEFAULTS.memoryTargetPercent.source, get: (m) => m.sizing.memoryTargetPercent, set: (m, v) => (m.sizing.memoryTargetPercent = v as number) });
  add({ key: 'sizing.peakFactor', unit: 'x average', source: SIZING_DEFAULTS.peakFactor.source, get: (m) => m.sizing.peakFactor, set: (m, v) => (m.sizing.peakFactor = v as number) });
  add({ key: 'sizing.memoryPolicy', unit: SIZING_DEFAULTS.memoryPolicy.unit, source: SIZING_DEFAULTS.memoryPolicy.source, get: (m) => m.sizing.memoryPolicy, set: (m, v) => (m.sizing.memoryPolicy = v as MemorySizingPolicy) });
  add({ key: 'sizing.comfortFactor', unit: SIZING_DEFAULTS.comfortFactor.unit, source: SIZING_DEFAULTS.comfortFactor.source, get: (m) => m.sizing.comfortFactor, set: (m, v) => (m.sizing.comfortFactor = v as number) });
  add({ key: 'sizing.sourceAvgCpuUtilFraction', unit: 'fraction', schema: z.number().gt(0).max(1) as z.ZodType<DefaultValue>, source: SIZING_DEFAULTS.sourceAvgCpuUtilFraction.source, get: (m) => m.sizing.sourceAvgCpuUtilFraction, set: (m, v) => (m.sizing.sourceAvgCpuUtilFraction = v as number) });
  add({ key: 'sizing.defaultCpuGhz', unit: 'GHz', schema: pos(), source: SIZING_DEFAULTS.defaultCpuGhz.source, get: (m) => m.sizing.defaultCpuGhz, set: (m, v) => (m.sizing.defaultCpuGhz = v as number) });

  add({ key: 'sizing.statistic', unit: 'statistic of CPU and memory samples', source: TRACE_DEFAULTS.sizing.source, get: (m) => m.trace.statistic, set: (m, v) => (m.trace.statistic = v as SizingStatistic) });
  add({ key: 'sizing.growth', unit: '% per year, compounded over cost.horizonYears', source: TRACE_DEFAULTS.growthPercentPerYear.source, get: (m) => m.trace.growthPercentPerYear, set: (m, v) => (m.trace.growthPercentPerYear = v as number) });
  add({ key: 'sizing.profileBuckets', unit: TRACE_DEFAULTS.profileBuckets.unit, source: TRACE_DEFAULTS.profileBuckets.source, get: (m) => m.trace.profileBuckets, set: (m, v) => (m.trace.profileBuckets = v as number) });
  add({ key: 'trace.vmCores', unit: 'vCPU', source: TRACE_DEFAULTS.vmCores.source, get: (m) => m.trace.vmCores, set: (m, v) => (m.trace.vmCores = v as number) });
  add({ key: 'trace.vmMemoryGiB', unit: 'GiB', source: TRACE_DEFAULTS.vmMemoryGiB.source, get: (m) => m.trace.vmMemoryGiB, set: (m, v) => (m.trace.vmMemoryGiB = v as number) });
  add({ key: 'trace.sampleStepSec', unit: 's', schema: pos(), source: TRACE_DEFAULTS.sampleStepSec.source, get: (m) => m.trace.sampleStepSec, set: (m, v) => (m.trace.sampleStepSec = v as number) });
  add({ key: 'rvtools.cpuUtilization', unit: TRACE_DEFAULTS.rvtoolsCpuFraction.unit, schema: z.literal(TRACE_DEFAULTS.rvtoolsCpuFraction.value) as z.ZodType<DefaultValue>, source: TRACE_DEFAULTS.rvtoolsCpuFraction.source, get: (m) => m.trace.rvtoolsCpuFraction, set: (m, v) => (m.trace.rvtoolsCpuFraction = v as string) });

  for (const k of ['memoryPerCoreMaxGiB', 'memoryPerCoreMinGiB', 'clockMaxGhz', 'clockMinGhz'] as const) {
    const e = INGEST_DEFAULTS[k];
    add({ key: `ingest.${k}`, unit: e.unit, schema: pos(), source: e.source, get: (m) => m.ingest[k], set: (m, v) => (m.ingest[k] = v as number) });
  }

  add({ key: 'cpu.referenceModel', unit: 'CPU model', schema: z.string().refine((s) => !!findCpuScore(b.cpu.scores, s), 'not a CPU model of the score table') as z.ZodType<DefaultValue>, source: 'Our choice [I]: the reference unit of the cpu_ghz dimension is the GHz-core of the default host\'s CPU (AMD EPYC 7702), so the default host\'s capacity is its plain cores x GHz; docs/models.md#cpu-normalization', get: (m) => m.cpu.referenceModel, set: (m, v) => (m.cpu.referenceModel = findCpuScore(m.cpu.scores, v as string)!.model) });
  add({ key: 'cpu.unknownGenerationFactor', unit: 'x reference per GHz-core', schema: pos(), source: 'Our estimate [I]: a CPU of unknown model is taken as efficient per GHz-core as the reference, so a source server\'s demand is not under-estimated; docs/models.md#generation-families', get: (m) => m.cpu.unknownGenerationFactor, set: (m, v) => (m.cpu.unknownGenerationFactor = v as number) });
  b.cpu.scores.forEach((s, i) => {
    add({ key: `cpu.score.${slug(s.model)}.ssjOpsPerSocket`, unit: `ssj_ops per socket (${s.model}, ${s.coresPerSocket} cores, ${s.baseGhz} GHz)`, schema: pos(), source: s.source, get: (m) => m.cpu.scores[i].ssjOpsPerSocket, set: (m, v) => (m.cpu.scores[i].ssjOpsPerSocket = v as number) });
  });
  for (const f of GENERATION_FAMILIES) {
    add({ key: `cpu.family.${f.family}.generationFactor`, unit: `x reference per GHz-core (models matching /${f.pattern}/i)`, schema: pos(), source: `Computed [C]: mean per-GHz-core ssj_ops of ${f.members.join(', ')} over the reference's, from their SPECpower_ssj2008 results [R]; docs/models.md#generation-families`, get: (m) => m.cpu.familyFactors[f.family], set: (m, v) => (m.cpu.familyFactors[f.family] = v as number) });
  }

  add({ key: 'facility.pue', unit: 'ratio', source: FACILITY_DEFAULTS.pue.source, get: (m) => m.facility.pue, set: (m, v) => (m.facility.pue = v as number) });
  add({ key: 'facility.usdPerKwh', unit: 'USD/kWh', source: FACILITY_DEFAULTS.electricityUsdPerKWh.source, get: (m) => m.facility.usdPerKwh, set: (m, v) => (m.facility.usdPerKwh = v as number) });
  add({ key: 'facility.gridGco2PerKwh', unit: 'gCO2/kWh', source: FACILITY_DEFAULTS.gridCarbonGPerKWh.source, get: (m) => m.facility.gridGco2PerKwh, set: (m, v) => (m.facility.gridGco2PerKwh = v as number) });
  add({ key: 'facility.usdPerKwMonth', unit: 'USD per provisioned IT kW-month', source: `${COST_DEFAULTS.facilityUsdPerKwMonth.source.replace('; docs/models.md#facility', '')}; provisioned kW per server = its 100% SPECpower draw [I]; docs/models.md#facility`, get: (m) => m.facility.usdPerKwMonth, set: (m, v) => (m.facility.usdPerKwMonth = v as number) });
  add({ key: 'facility.hoursPerYear', unit: 'h', schema: pos(), source: FACILITY_DEFAULTS.hoursPerYear.source, get: (m) => m.facility.hoursPerYear, set: (m, v) => (m.facility.hoursPerYear = v as number) });

  add({ key: 'cost.horizonYears', unit: 'years', source: COST_DEFAULTS.horizonYears.source, get: (m) => m.cost.horizonYears, set: (m, v) => (m.cost.horizonYears = v as number) });
  add({ key: 'cost.amortizationYears', unit: 'years', source: COST_DEFAULTS.amortizationYears.source, get: (m) => m.cost.amortizationYears, set: (m, v) => (m.cost.amortizationYears = v as number) });
  add({ key: 'cost.warrantyYears', unit: 'years', schema: num(), source: COST_DEFAULTS.warrantyYears.source, get: (m) => m.cost.warrantyYears, set: (m, v) => (m.cost.warrantyYears = v as number) });
  add({ key: 'cost.maintenancePctPerYear', unit: '% of capex per year after warranty', source: COST_DEFAULTS.maintenancePctPerYear.source, get: (m) => m.cost.maintenancePctPerYear, set: (m, v) => (m.cost.maintenancePctPerYear = v as number) });
  add({ key: 'cost.sourceServerValueUsd', unit: 'USD per source server', schema: num(), source: COST_DEFAULTS.sourceServerValueUsd.source, get: (m) => m.cost.sourceServerValueUsd, set: (m, v) => (m.cost.sourceServerValueUsd = v as number) });
  add({ key: 'cost.refreshUsdPerServer', unit: 'USD per source server', schema: num(), source: COST_DEFAULTS.refreshUsdPerServer.source, get: (m) => m.cost.refreshUsdPerServer, set: (m, v) => (m.cost.refreshUsdPerServer = v as number) });
  add({ key: 'cost.avoidedRefresh', unit: 'boolean', source: COST_DEFAULTS.avoidedRefresh.source, get: (m) => m.cost.avoidedRefresh, set: (m, v) => (m.cost.avoidedRefresh = v as boolean) });

  add({ key: 'licence.model', unit: 'licence', source: DEFAULT_LICENCE.source, get: (m) => m.licence, set: (m, v) => (m.licence = v as LicenceModel) });
  for (const l of LICENCE_MODELS) {
    if (l === 'none') continue;
    const r = b.licences[l];
    const unit = r.metric === 'per-socket-pair-year' ? 'USD per socket pair per year' : r.metric === 'per-core-year' ? 'USD per core per year' : 'USD per core (perpetual)';
    add({ key: `licence.${l}.usdPerUnit`, unit, schema: num(), source: r.source, get: (m) => m.licences[l].usdPerUnit, set: (m, v) => (m.licences[l].usdPerUnit = v as number) });
    if (r.metric !== 'per-socket-pair-year') {
      add({ key: `licence.${l}.minCoresPerCpu`, unit: 'cores', schema: num(), source: r.source, get: (m) => m.licences[l].minCoresPerCpu, set: (m, v) => (m.licences[l].minCoresPerCpu = v as number) });
      add({ key: `licence.${l}.minCoresPerServer`, unit: 'cores', schema: num(), source: r.source, get: (m) => m.licences[l].minCoresPerServer, set: (m, v) => (m.licences[l].minCoresPerServer = v as number) });
      add({ key: `licence.${l}.minCoresPerOrder`, unit: 'cores', schema: num(), source: r.source, get: (m) => m.licences[l].minCoresPerOrder, set: (m, v) => (m.licences[l].minCoresPerOrder = v as number) });
    }
  }

  for (const h of Object.values(b.hosts)) {
    const t = h.type;
    add({ key: `host.${t}.powerCurveWatts`, unit: 'W at 0%,10%,...,100% CPU', schema: curve(), source: h.source ?? 'built-in catalog', get: (m) => m.hosts[t].powerCurveWatts, set: (m, v) => (m.hosts[t].powerCurveWatts = v as number[]) });
    add({ key: `host.${t}.memoryGiB`, unit: 'GiB', schema: pos(), source: /assumed/.test(h.name ?? '') ? `Our estimate [I]: a virtualization host is bought with far more memory than the SPECpower run used; ${h.name}; docs/models.md#host-catalog` : `As configured in the SPECpower_ssj2008 run: ${h.name}; docs/models.md#host-catalog`, get: (m) => m.hosts[t].memoryGiB, set: (m, v) => (m.hosts[t].memoryGiB = v as number) });
    add({ key: `host.${t}.embodiedKgCo2e`, unit: 'kg CO2e per new host (all life-cycle stages but use)', schema: num(), source: EMBODIED_SOURCES[t], get: (m) => m.hosts[t].embodiedKgCo2e ?? 0, set: (m, v) => (m.hosts[t].embodiedKgCo2e = v as number) });
    add({ key: `host.${t}.priceUsd`, unit: 'USD', schema: num(), source: h.priceUsd === COST_DEFAULTS.modernHostPriceUsd.value ? COST_DEFAULTS.modernHostPriceUsd.source : COST_DEFAULTS.legacyHostPriceUsd.source, get: (m) => m.hosts[t].priceUsd, set: (m, v) => (m.hosts[t].priceUsd = v as number) });
  }
  for (const f of FORM_FACTORS) {
    add({ key: `embodied.${f}.kgCo2e`, unit: `kg CO2e per new ${f === 'tower' ? 'tower' : f.toUpperCase()} host without its own figure (all stages but use)`, schema: num(), source: FORM_FACTOR_EMBODIED[f].source, get: (m) => m.embodied.formFactorKgCo2e[f], set: (m, v) => (m.embodied.formFactorKgCo2e[f] = v as number) });
  }
  for (const k of ['networkMbps', 'diskMbPerS'] as const) {
    add({ key: `hostIo.${k}`, unit: HOST_IO_DEFAULTS[k].unit, schema: pos(), source: HOST_IO_DEFAULTS[k].source, get: (m) => m.hostIo[k], set: (m, v) => (m.hostIo[k] = v as number) });
  }
  for (const k of ['networkUsableFraction', 'diskUsableFraction'] as const) {
    add({ key: `hostIo.${k}`, unit: HOST_IO_DEFAULTS[k].unit, schema: z.number().gt(0).max(1) as z.ZodType<DefaultValue>, source: HOST_IO_DEFAULTS[k].source, get: (m) => m.hostIo[k], set: (m, v) => (m.hostIo[k] = v as number) });
  }
  add({ key: 'waves.intervalDays', unit: WAVE_DEFAULTS.intervalDays.unit, source: WAVE_DEFAULTS.intervalDays.source, get: (m) => m.waves.intervalDays, set: (m, v) => (m.waves.intervalDays = v as number) });
  add({ key: 'embodied.defaultFormFactor', unit: `form factor (${FORM_FACTORS.join(', ')})`, schema: z.enum(FORM_FACTORS) as z.ZodType<DefaultValue>, source: DEFAULT_FORM_FACTOR.source, get: (m) => m.embodied.defaultFormFactor, set: (m, v) => (m.embodied.defaultFormFactor = v as FormFactor) });
  return d;
}

let CACHE: Descriptor[] | undefined;
function registry(): Descriptor[] {
  return (CACHE ??= descriptors());
}

/** Every registry key, in order. */
export function defaultKeys(): string[] {
  return registry().map((d) => d.key);
}

/**
 * Zod schema of an overrides map (the `--config` file): known keys only, each typed; all errors
 * are collected with their key as the path.
 */
export function defaultsSchema() {
  return z.object(Object.fromEntries(registry().map((d) => [d.key, d.schema.optional()]))).strict();
}

export type DefaultsOverrides = Record<string, DefaultValue>;

/** Validates an overrides map; throws OptionsError naming every bad key (exit 2). */
export function parseDefaultsOverrides(raw: unknown, label = 'defaults'): DefaultsOverrides {
  const r = defaultsSchema().safeParse(raw, { reportInput: true });
  if (r.success) return Object.fromEntries(Object.entries(r.data).filter(([, v]) => v !== undefined)) as DefaultsOverrides;
  const unknown = r.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? [`${i.keys.map((k) => JSON.stringify(k)).join(', ')}: unknown default key (see \`consolidate defaults\`)`] : []));
  const bad = problemLines({ ...r.error, issues: r.error.issues.filter((i) => i.code !== 'unrecognized_keys') } as z.ZodError);
  throw new OptionsError(`${label}: ${[...unknown, ...bad].join('; ')}`);
}

/**
 * Fills plan options from an overrides map where the option itself was not given (so a CLI flag
 * or API option wins over the config file). Call on raw options, before schema defaults apply.
 */
export function mergeConfigDefaults<T extends Record<string, unknown>>(optionsIn: T): T {
  const over = optionsIn.defaults as DefaultsOverrides | undefined;
  if (!over) return optionsIn;
  const out: Record<string, unknown> = { ...optionsIn };
  for (const [option, key] of registryLinks()) {
    if (over[key] !== undefined && out[option] === undefined) out[option] = over[key];
  }
  const ht = over['plan.defaultHostType'];
  if (typeof ht === 'string' && out.hosts === undefined && out.hostType === undefined) out.hostType = ht;
  return out as T;
}

/** The model in force: built-in values, then the overrides map, then the option-backed values. */
export interface ResolvedDefaults {
  model: ModelDefaults;
  /** key → how it was set ('--config' or 'option NAME'), for entries differing from built-in. */
  overridden: Map<string, string>;
}

export function resolveDefaults(o: Partial<PlanOptions> & { defaults?: DefaultsOverrides } = {}): ResolvedDefaults {
  const model = builtinModel();
  const base = builtinModel();
  const overridden = new Map<string, string>();
  const over = o.defaults ? parseDefaultsOverrides(o.defaults) : {};
  const optionOf = new Map(registryLinks().map(([option, key]) => [key, option]));
  for (const d of registry()) {
    if (over[d.key] !== undefined) {
      d.set(model, structuredClone(over[d.key]));
      overridden.set(d.key, 'config');
    }
    const option = optionOf.get(d.key);
    const opt = option ? (o as Record<string, unknown>)[option] : undefined;
    if (opt !== undefined && JSON.stringify(opt) !== JSON.stringify(d.get(model))) {
      d.set(model, opt as DefaultValue);
      overridden.set(d.key, `option ${option}`);
    }
    if (overridden.has(d.key) && JSON.stringify(d.get(model)) === JSON.stringify(d.get(base))) overridden.delete(d.key);
  }
  return { model, overridden };
}

/** Every entry with the value in force. Overridden entries say so in their source. */
export function listDefaults(r: ResolvedDefaults = resolveDefaults()): DefaultEntry[] {
  const base = builtinModel();
  return registry().map((d) => {
    const how = r.overridden.get(d.key);
    const source = how ? `Set by ${how} (built-in ${JSON.stringify(d.get(base))}: ${d.source})` : d.source;
    return { key: d.key, value: structuredClone(d.get(r.model)), unit: d.unit, source };
  });
}

/** Entries by key. */
export function defaultEntries(r: ResolvedDefaults, keys: Iterable<string>): DefaultEntry[] {
  const want = new Set(keys);
  return listDefaults(r).filter((e) => want.has(e.key));
}

export { slug as defaultKeySlug };
