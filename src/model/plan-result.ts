import { z } from 'zod';
import { IssueSchema, RowsSchema } from './issue.js';
import { UNPLACED_CODES } from './messages.js';
import { MEMORY_SIZING_POLICIES } from '../defaults/sizing.js';
import { OPTIMIZE_OBJECTIVES } from '../procurement/objectives.js';

/**
 * The PlanResult: one plain, versioned object that every renderer reads. Field names are a
 * contract (see README "JSON contract"); more keys may be added, none renamed.
 */
export const SCHEMA_VERSION = 1 as const;

export const EnergySideSchema = z.object({
  hosts: z.number().int(),
  /** IT power draw, watts (sum over servers/hosts, before PUE). */
  powerWatts: z.number(),
  /** Facility power, watts (IT power x PUE). */
  facilityPowerWatts: z.number(),
  /** Facility energy per year, kWh (IT power x PUE x 8760 h / 1000). */
  annualEnergyKWh: z.number(),
  annualCostUsd: z.number(),
  annualCo2Kg: z.number(),
  /** IT energy (before PUE) over the observed window of utilization samples, kWh; present whenever samples are. */
  observedEnergyKWh: z.number().optional(),
});

/** summary.ha: the N+ha verification of plan and pack alike. */
export const HaSummarySchema = z.object({ ha: z.number().int(), method: z.string(), sparesAdded: z.number().int(), casesChecked: z.number().int(), casesAbsorbed: z.number().int(), ok: z.boolean() });
export type HaSummary = z.infer<typeof HaSummarySchema>;

export const PackSummarySchema = z.object({
  vms: z.number().int(),
  placed: z.number().int(),
  unplaced: z.number().int(),
  hostsUsed: z.number().int(),
  /** A proven lower bound on hosts for this input (single host type), else null. */
  hostsLowerBound: z.number().int().nullable(),
  totalCost: z.number(),
  costLowerBound: z.number(),
  /** (totalCost - costLowerBound) / costLowerBound. */
  gap: z.number(),
  optimal: z.boolean(),
  algorithm: z.string(),
  boundSource: z.string(),
  hostsByType: z.record(z.string(), z.number().int()),
  rows: RowsSchema,
  /** N+ha verification (packing/ha.ts): spares added and single-failure cases re-packed; present with --ha N. */
  ha: HaSummarySchema.optional(),
});

export const HostResultSchema = z.object({
  id: z.string(),
  type: z.string(),
  site: z.string().optional(),
  /** True for an empty host kept as N+ha reserve. */
  spare: z.boolean().optional(),
  vms: z.array(z.string()),
  /** Load per dimension. */
  load: z.record(z.string(), z.number()),
  /** Usable capacity per dimension (after reserve and targets, for plan). */
  capacity: z.record(z.string(), z.number()),
  /** load / capacity per dimension. */
  fill: z.record(z.string(), z.number()),
  /** The dimension with the highest fill. */
  bindingResource: z.string(),
});

export const UnplacedSchema = z.object({
  id: z.string(),
  /** Why, in words (rendered from code and args by model/messages.ts). */
  reason: z.string(),
  failures: z.array(z.object({ hostType: z.string(), dimension: z.string(), demand: z.number(), capacity: z.number() })),
  /** Why, as data: one of the unplaced.* codes (see README, message codes). */
  code: z.enum(UNPLACED_CODES).optional(),
  args: z.record(z.string(), z.unknown()).optional(),
});

/** One packed item: where it went and what it demands per dimension (for the placement CSV). */
export const PackItemSchema = z.object({
  id: z.string(),
  host: z.string().nullable(),
  demand: z.record(z.string(), z.number()),
});

export const PackResultSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: z.literal('pack'),
  dimensions: z.array(z.string()),
  summary: PackSummarySchema,
  hosts: z.array(HostResultSchema),
  /** Every input item in input order, with its host (null when unplaced) and demand. */
  items: z.array(PackItemSchema).optional(),
  unplaced: z.array(UnplacedSchema),
  issues: z.array(IssueSchema),
  warnings: z.array(z.string()),
});
export type PackResult = z.infer<typeof PackResultSchema>;

export const AssumptionSchema = z.object({
  key: z.string(),
  value: z.union([z.number(), z.string(), z.boolean(), z.array(z.number())]),
  unit: z.string(),
  source: z.string(),
});

export const PlanHostSchema = HostResultSchema.extend({
  /** CPU utilization of the whole physical host (load / raw capacity), 0..1. */
  cpuUtilization: z.number(),
  memoryUtilization: z.number(),
  /** IT power at that utilization, watts. */
  powerWatts: z.number(),
  priceUsd: z.number(),
});

/** One multiplier of a sizing trail: what it is, the registry key it comes from (`consolidate defaults`), its value. */
export const SizingFactorSchema = z.object({ what: z.string(), key: z.string(), value: z.number() });

/** How a workload's CPU demand was obtained, from the input value to the demand placed on a host. */
export const CpuSizingSchema = z.object({
  /** Same as `sizingBasis`: p95, peak, avg-x-peak-factor, snapshot-x-peak-factor, samples-<statistic>, assumed. */
  basis: z.string(),
  /** The input value the size rests on (field, raw value, unit); absent when the utilization is assumed. */
  source: z.object({ field: z.string(), value: z.number(), unit: z.string() }).optional(),
  /** Cores (vCPUs) and clock GHz of the source. */
  cores: z.number(),
  ghz: z.number(),
  /** cores x GHz x the CPU normalization factor: the source's capacity in reference GHz-cores. */
  capacityRefGhz: z.number(),
  /** The sized utilization of that capacity (0..1), after the peak factor, before growth. */
  sizedUtilizationFraction: z.number(),
  /** True when the utilization x peak factor exceeded 100% and was capped. */
  capped: z.boolean().optional(),
  /**
   * With utilization samples: how their statistic was taken. `exact`: from every sample held;
   * `sketch`: from the streaming histogram a load too large to hold switches to
   * (docs/models.md#sample-sketch), within `errorBoundPoints` percentage points of the exact
   * percentile; `profileFrom` says what a time profile was built from.
   */
  statisticMethod: z.object({ method: z.enum(['exact', 'sketch']), errorBoundPoints: z.number().optional(), profileFrom: z.string().optional() }).optional(),
  /** Every multiplier, in order: CPU normalization, peak factor, growth, hypervisor overhead. */
  factors: z.array(SizingFactorSchema),
  /** capacityRefGhz x sizedUtilizationFraction x growth: the native demand, reference GHz-cores. */
  nativeGhz: z.number(),
  /** nativeGhz x hypervisor overhead: what the VM demands of a host. */
  demandGhz: z.number(),
});

/** How a workload's memory demand was obtained under the memory policy (--memory-sizing). */
export const MemorySizingSchema = z.object({
  /** The policy asked for (--memory-sizing). */
  policy: z.enum(MEMORY_SIZING_POLICIES),
  /** What the memory was sized by. */
  basis: z.enum(['configured', 'used', 'active']),
  /** Configured (provisioned, installed) memory, GiB. */
  configuredGiB: z.number(),
  /** True when the configured memory is a default, not stated by the input. */
  configuredAssumed: z.boolean().optional(),
  /** Measured used memory, GiB, and the input field it comes from. */
  usedGiB: z.number().optional(),
  usedField: z.string().optional(),
  /**
   * Used memory from samples: `exact`, or `sketch` (docs/models.md#sample-sketch): within
   * `relativeError` of the exact statistic (memory in GiB), or `errorBoundPoints` percentage
   * points of configured memory (memory as a percentage).
   */
  statisticMethod: z.object({ method: z.enum(['exact', 'sketch']), relativeError: z.number().optional(), errorBoundPoints: z.number().optional() }).optional(),
  /** Measured active memory, GiB, and the input field it comes from. */
  activeGiB: z.number().optional(),
  activeField: z.string().optional(),
  /** The comfort factor applied to the measured value (measured bases only). */
  comfortFactor: z.number().optional(),
  /** True when measured x comfort factor exceeded the configured memory and was capped at it. */
  cappedAtConfigured: z.boolean().optional(),
  /** Why the basis is not the one the policy asks for first. */
  fallback: z.enum(['no-used-measurement', 'no-active-measurement']).optional(),
  /** Every multiplier, in order: comfort factor, growth. */
  factors: z.array(SizingFactorSchema),
  /** The sized memory (basis value x factors), GiB. */
  nativeGiB: z.number(),
  /** Per-VM hypervisor memory overhead added, GiB (overhead.memory.<hypervisor>.*). */
  overheadGiB: z.number(),
  /** nativeGiB + overheadGiB: what the VM demands of a host. */
  demandGiB: z.number(),
});

/** How a workload's demand in one disk or network dimension was obtained (with --dimensions). */
export const IoSizingSchema = z.object({
  /** The packing dimension: disk_iops, disk_mb_per_s or network_mbps. */
  dimension: z.string(),
  /** Its unit: IOPS, MB/s, Mbit/s. */
  unit: z.string(),
  /** samples-<statistic> (the utilization samples), inventory (one figure of the inventory), or missing (no figure: demand 0, listed by plan.io-missing). */
  basis: z.string(),
  /** The input value the demand rests on (field, value, unit); absent when missing. */
  source: z.object({ field: z.string(), value: z.number(), unit: z.string() }).optional(),
  /** Every multiplier, in order (growth); the hypervisor adds no I/O overhead in this model. */
  factors: z.array(SizingFactorSchema),
  /** What the VM demands of a host in this dimension. */
  demand: z.number(),
});

/** `vms[].sizing`: the sizing trail of one workload. */
export const SizingTrailSchema = z.object({
  cpu: CpuSizingSchema,
  memory: MemorySizingSchema,
  /** Disk and network dimensions asked with --dimensions, in the order of `dimensions`. */
  io: z.array(IoSizingSchema).optional(),
});

export const PlanVmSchema = z.object({
  id: z.string(),
  host: z.string().nullable(),
  /** Sized native CPU demand, GHz-cores. */
  cpuNativeGhz: z.number(),
  /** CPU overhead factor applied (technique x workload class). */
  cpuOverheadFactor: z.number(),
  /** CPU demand placed on the host, GHz-cores. */
  cpuDemandGhz: z.number(),
  memoryNativeGiB: z.number(),
  memoryOverheadGiB: z.number(),
  memoryDemandGiB: z.number(),
  sizingBasis: z.string(),
  /** Demand per disk or network dimension asked with --dimensions (disk_iops IOPS, disk_mb_per_s MB/s, network_mbps Mbit/s). */
  ioDemand: z.record(z.string(), z.number()).optional(),
  /** CPU demand per time-of-day bucket, GHz-cores (with --profile-buckets). */
  cpuProfileDemandGhz: z.array(z.number()).optional(),
  /** One sentence explaining the overhead. */
  overheadExplanation: z.string(),
  assumed: z.array(z.string()),
  /** Average CPU utilization of the source server, 0..1 (measured, or derived as stated in sizingBasis). */
  cpuAvgUtilizationFraction: z.number().optional(),
  /** Sized (p95/peak/...) CPU utilization of the source server, 0..1. */
  cpuSizedUtilizationFraction: z.number().optional(),
  /** The sizing trail: each resource from its input value through every multiplier to the demand. */
  sizing: SizingTrailSchema.optional(),
  /**
   * CPU a host carries per unit of this workload's own utilization (its capacity in reference
   * GHz-cores x the overhead factor): replaying a utilization series on the placement multiplies
   * each sample by this.
   */
  cpuDemandPerUtilGhz: z.number().optional(),
});

/**
 * `hostModels[]`: each host type the plan used, with what a replay of the placement on other
 * traces needs: its CPU capacity (raw, and for VMs after the hypervisor reserve) and power curve.
 */
export const PlanHostModelSchema = z.object({
  type: z.string(),
  cores: z.number(),
  cpuGhz: z.number(),
  cpuModel: z.string().optional(),
  memoryGiB: z.number(),
  /** Watts at 0%, 10%, ..., 100% CPU load. */
  powerCurveWatts: z.array(z.number()),
  /** Raw CPU capacity, reference GHz-cores. */
  cpuCapacityGhz: z.number(),
  /** CPU capacity for VMs (raw minus the hypervisor reserve; no target), reference GHz-cores: demand above it is an overload. */
  cpuForVmsGhz: z.number(),
});
export type PlanHostModel = z.infer<typeof PlanHostModelSchema>;

/** Savings as a fraction of "before" (savings / before), per quantity; null when before is 0. */
export const SavingsFractionSchema = z.object({
  hosts: z.number().nullable(),
  powerWatts: z.number().nullable(),
  facilityPowerWatts: z.number().nullable(),
  annualEnergyKWh: z.number().nullable(),
  annualCostUsd: z.number().nullable(),
  annualCo2Kg: z.number().nullable(),
  observedEnergyKWh: z.number().nullable().optional(),
});

/** Distribution of the source workloads' CPU utilization (analysis/utilization.ts). */
export const UtilizationDistributionSchema = z.object({
  workloads: z.number().int(),
  meanAvgFraction: z.number().nullable(),
  medianAvgFraction: z.number().nullable(),
  meanSizedFraction: z.number().nullable(),
  below20PercentAvg: z.number().int(),
  bins: z.array(z.object({ fromPercent: z.number(), toPercent: z.number(), avgCount: z.number().int(), sizedCount: z.number().int() })),
});

/**
 * Aggregate CPU of all new hosts over time, against capacity (present when utilization time
 * series are): one value per time bucket, in GHz-cores.
 */
export const CpuTimelineSchema = z.object({
  /** Bucket labels (ISO 8601 start times or offsets), same length as loadGhz. */
  labels: z.array(z.string()),
  /** Sum over hosts of the CPU load in each bucket, GHz-cores. */
  loadGhz: z.array(z.number()),
  /** Sum over hosts of the raw CPU capacity, GHz-cores. */
  capacityGhz: z.number(),
  /** Sum over hosts of the planned (usable, after reserve and target) CPU capacity, GHz-cores. */
  usableCapacityGhz: z.number().optional(),
});

const TcoLineSchema = z.object({ beforeUsd: z.number(), afterUsd: z.number() });

/** summary.tco (a contract: these keys never change name): horizonYears, totalUsd, beforeUsd, afterUsd, paybackMonths, plus a breakdown. */
export const TcoSchema = z.object({
  horizonYears: z.number(),
  /** TCO of the plan (the "after" estate) over the horizon; equals afterUsd. */
  totalUsd: z.number(),
  beforeUsd: z.number(),
  afterUsd: z.number(),
  savingsUsd: z.number(),
  paybackMonths: z.number().nullable(),
  /** Per component, before and after, USD (they sum to beforeUsd and afterUsd). */
  breakdown: z.object({ capex: TcoLineSchema, maintenance: TcoLineSchema, electricity: TcoLineSchema, facility: TcoLineSchema, licences: TcoLineSchema, refresh: TcoLineSchema }),
  licence: z.object({
    model: z.string(),
    metric: z.string(),
    licensedCores: z.number(),
    physicalCores: z.number(),
    socketPairs: z.number(),
    units: z.number(),
    oneOffUsd: z.number(),
    perYearUsd: z.number(),
  }),
  upfrontUsd: z.number(),
  /**
   * Cash spent from today, cumulative, keeping the current servers (before) and with the plan
   * (after: purchase up front, then running costs), at each year of the horizon and at the end of
   * the warranty; the two cross at the payback month.
   */
  cashFlow: z.array(z.object({ month: z.number(), beforeUsd: z.number(), afterUsd: z.number() })).optional(),
});

/**
 * summary.carbon (a contract: these four keys never change name): the embodied CO2e of the new
 * hosts against the operational CO2e they save (energy/carbon.ts, docs/models.md#embodied-carbon).
 */
export const CarbonSummarySchema = z.object({
  /** Embodied kg CO2e of the new hosts (all life-cycle stages but use); kept servers add none. */
  embodiedNewKgCo2e: z.number(),
  /** Operational kg CO2e saved a year: summary.savings.annualCo2Kg (negative when the plan emits more). */
  operationalSavedKgCo2ePerYear: z.number(),
  /** embodiedNewKgCo2e / (operationalSavedKgCo2ePerYear / 12); null when nothing is saved (no payback). */
  carbonPaybackMonths: z.number().nullable(),
  /** operationalSavedKgCo2ePerYear x horizon years - embodiedNewKgCo2e: net kg CO2e avoided over the horizon. */
  horizonNetKgCo2e: z.number(),
});
export type CarbonSummary = z.infer<typeof CarbonSummarySchema>;

/**
 * One migration wave of summary.waves (a contract: these keys never change name): the workloads
 * moved in it, and the state after it (waves/).
 */
export const WaveSchema = z.object({
  /** 1-based wave number. */
  wave: z.number().int(),
  /** Ids of the workloads moved in this wave (at most --wave-size; a group all in one wave). */
  workloads: z.array(z.string()),
  /** New hosts in service after this wave (racked when the first workload lands; HA spares in wave 1). */
  newHostsInService: z.number().int(),
  /** Source servers (physical servers, or hosts of source VMs) switched off in this wave: they lost all their workloads. */
  serversRetired: z.array(z.string()),
  /** IT power of the estate after this wave, watts: servers still on + hosts in service at their load so far. */
  itPowerWatts: z.number(),
  /** Electricity saved so far, USD: each wave's saving against "before" accrued over its --wave-days, summed. */
  cumulativeSavedUsd: z.number(),
});
export type Wave = z.infer<typeof WaveSchema>;

/** summary.waveComparison: the chosen order against a naive order (by workload id), wave by wave. */
export const WaveComparisonSchema = z.object({
  /** How the chosen order was made. */
  order: z.string(),
  /** Days per wave over which each wave's saving accrues. */
  waveDays: z.number(),
  /** Per wave of the chosen order: hosts in service that are not yet full (some of their workloads still to come). */
  partlyFilledHosts: z.array(z.number().int()),
  /** The same workloads in waves of the same size, taken by id (a group when its first member comes up). */
  naive: z.object({
    order: z.literal('by-id'),
    itPowerWatts: z.array(z.number()),
    cumulativeSavedUsd: z.array(z.number()),
    newHostsInService: z.array(z.number().int()),
    partlyFilledHosts: z.array(z.number().int()),
  }),
});
export type WaveComparison = z.infer<typeof WaveComparisonSchema>;

/** summary.overhead: what the hypervisor costs, against the same plan with virtualization `none`. */
export const OverheadSummarySchema = z.object({
  virtualization: z.string(),
  hypervisor: z.string().nullable(),
  explanation: z.string(),
  cpuNativeGhz: z.number(),
  cpuDemandGhz: z.number(),
  cpuAddedGhz: z.number(),
  cpuAddedFraction: z.number(),
  vmMemoryOverheadGiB: z.number(),
  hostReserveMemoryGiB: z.number(),
  hostReserveCpuGhz: z.number(),
  baseline: z.object({ virtualization: z.literal('none'), hostsUsed: z.number().int(), powerWatts: z.number(), annualEnergyKWh: z.number(), annualCostUsd: z.number(), tcoUsd: z.number() }),
  attributable: z.object({ hosts: z.number().int(), powerWatts: z.number(), annualEnergyKWh: z.number(), annualCostUsd: z.number(), annualCo2Kg: z.number(), tcoUsd: z.number() }),
});

/** summary.procurement: the chosen mix for --optimize, against each single type and, with --reuse-existing, against buying new. */
export const ProcurementSchema = z.object({
  objective: z.enum(OPTIMIZE_OBJECTIVES),
  unit: z.string(),
  /** The objective of this plan: summary.tco.totalUsd (+ kept servers' maintenance), hostsUsed, after.powerWatts, or embodied + operational kg CO2e over the horizon. */
  objectiveValue: z.number(),
  /** Hosts per type in the chosen mix. */
  mix: z.record(z.string(), z.number().int()),
  /** The per-host cost the packing engine minimized, per type. */
  perHostObjective: z.record(z.string(), z.number()),
  packingOptimal: z.boolean(),
  /** Proven lower bound on the sum of per-host objectives. */
  packingCostLowerBound: z.number(),
  singles: z.array(z.object({ type: z.string(), hostsUsed: z.number().int(), unplaced: z.number().int(), objectiveValue: z.number(), tcoUsd: z.number().nullable(), powerWatts: z.number() })),
  bestSingle: z.object({ type: z.string(), objectiveValue: z.number(), unplaced: z.number().int() }).nullable(),
  /** bestSingle.objectiveValue - objectiveValue (positive = the mix saves); null when the best single type leaves fewer VMs unplaced. */
  savingsVsBestSingle: z.number().nullable(),
  reuse: z
    .object({
      candidates: z.number().int(),
      keptServers: z.array(z.string()),
      newHosts: z.number().int(),
      buyNew: z.object({ hostsUsed: z.number().int(), unplaced: z.number().int(), objectiveValue: z.number(), mix: z.record(z.string(), z.number().int()) }),
      savingsVsBuyNew: z.number(),
    })
    .optional(),
});
export type ProcurementSummary = z.infer<typeof ProcurementSchema>;

/**
 * summary.stages: the named stages of the plan, in the order they ran. Packing stages (the plan,
 * `pack`, and its counterfactuals: `no-virtualization`, `single:<type>`, `buy-new`) carry their
 * share of `--time-limit` and what they found; wall-clock times are not here (they are not
 * deterministic): `onStage` and `--verbose` show them.
 */
export const PlanStageSchema = z.object({
  name: z.string(),
  kind: z.enum(['compute', 'pack']),
  /** For a counterfactual: what differs from the plan ("virtualization none", "host types: r640"). */
  change: z.string().optional(),
  /** Share of --time-limit, 0..1, and the seconds of budget it gave. */
  share: z.number().optional(),
  budgetSeconds: z.number().optional(),
  items: z.number().int().optional(),
  hostsUsed: z.number().int().optional(),
  unplaced: z.number().int().optional(),
  totalCost: z.number().optional(),
  optimal: z.boolean().optional(),
  gap: z.number().optional(),
  algorithm: z.string().optional(),
});
export type PlanStage = z.infer<typeof PlanStageSchema>;
/** One CPU target the overload-risk search packed and replayed (risk/search.ts RiskPoint). */
export const RiskPointSchema = z.object({
  cpuTargetPercent: z.number(),
  hostsUsed: z.number().int(),
  totalCost: z.number(),
  unplaced: z.number().int(),
  /** Share of active host-intervals over CPU capacity. */
  overloadFraction: z.number(),
});

/** summary.memorySizing: how many workloads each memory basis sized, and the totals. */
export const MemorySizingSummarySchema = z.object({
  policy: z.enum(MEMORY_SIZING_POLICIES),
  comfortFactor: z.number(),
  /** Workloads sized by configured, used and active memory. */
  workloads: z.object({ configured: z.number().int(), used: z.number().int(), active: z.number().int() }),
  /** Sum of configured memory, GiB. */
  configuredGiB: z.number(),
  /** Sum of sized memory (before per-VM overhead), GiB. */
  sizedGiB: z.number(),
});

export const PlanSummarySchema = PackSummarySchema.extend({
  sourceServers: z.number().int(),
  consolidationRatio: z.number().nullable(),
  hostType: z.string(),
  before: EnergySideSchema,
  after: EnergySideSchema,
  savings: EnergySideSchema,
  /** savings / before per quantity (energy/compare.ts savingsFractions). */
  savingsFraction: SavingsFractionSchema.optional(),
  /** How busy the source servers are (analysis/utilization.ts). */
  sourceUtilization: UtilizationDistributionSchema.optional(),
  /** Aggregate new-host CPU over time, when time series exist. */
  cpuTimeline: CpuTimelineSchema.optional(),
  /**
   * Share of sample intervals in which some host would exceed its CPU capacity (physical minus
   * reserve) under the real traces; null when there are no utilization samples (analysis/overload.ts).
   */
  overloadRisk: z.number().nullable().optional(),
  /** Details of the overload replay (analysis/overload.ts OverloadReport). */
  overload: z
    .object({
      intervals: z.number().int(),
      overloadedIntervals: z.number().int(),
      fractionOfIntervals: z.number(),
      activeHostIntervals: z.number().int(),
      overloadedHostIntervals: z.number().int(),
      fractionOfActiveHostTime: z.number(),
      hostsEverOverloaded: z.number().int(),
      peakHostLoadRatio: z.number(),
      stepSeconds: z.number(),
      /** With --overload-risk: the risk allowed, as a share of active host time (PCT / 100). */
      targetFraction: z.number().optional(),
      /** With --overload-risk: the risk the plan achieves (= fractionOfActiveHostTime), and whether it meets the target. */
      achievedFraction: z.number().optional(),
      met: z.boolean().optional(),
      /** With --overload-risk: the CPU target the search chose, percent of each host's CPU for VMs (after reserve). */
      cpuTargetPercent: z.number().optional(),
      /** With --overload-risk: every CPU target the search packed and replayed, in order. */
      search: z.array(RiskPointSchema).optional(),
    })
    .optional(),
  /** With --risk-curve: the plan searched at each risk level (risk/search.ts), hosts and IT energy against risk. */
  riskCurve: z
    .array(
      z.object({
        targetFraction: z.number(),
        met: z.boolean(),
        cpuTargetPercent: z.number(),
        hostsUsed: z.number().int(),
        unplaced: z.number().int(),
        achievedFraction: z.number(),
        /** IT energy over the observed window, kWh (the plan's `after.observedEnergyKWh` at that level). */
        observedEnergyKWh: z.number().nullable(),
      }),
    )
    .optional(),
  /** Length of the observed window of utilization samples, hours; present whenever samples are. */
  observedWindowHours: z.number().optional(),
  overhead: OverheadSummarySchema.optional(),
  tco: TcoSchema.optional(),
  /** Embodied against operational CO2e, and the carbon payback (energy/carbon.ts). */
  carbon: CarbonSummarySchema.optional(),
  procurement: ProcurementSchema.optional(),
  /** Migration waves (with --wave-size): every placed workload in exactly one wave (waves/). */
  waves: z.array(WaveSchema).optional(),
  /** The chosen wave order against a naive one (with --wave-size). */
  waveComparison: WaveComparisonSchema.optional(),
  stages: z.array(PlanStageSchema).optional(),
  memorySizing: MemorySizingSummarySchema.optional(),
  /**
   * Present when the input has no physical source server and no source host (traces, VM lists
   * without hosts): there is no "before" to compare with; `before` is all zeros, `savings` is not a
   * saving, and the reports show the new hosts alone.
   */
  noBefore: z.object({ reason: z.enum(['no-source-servers']) }).optional(),
});

export const WorkloadQualitySchema = z.object({
  id: z.string(),
  /** Confidence rating, 1-5 stars (rule in DataQuality.rule). */
  stars: z.number().int().min(1).max(5),
  /** What the sizing rests on: samples, summary (p95/peak columns), average, snapshot (RVTools), assumed. */
  basis: z.enum(['samples', 'summary', 'average', 'snapshot', 'assumed']),
  samples: z.number().int(),
  expectedSamples: z.number().int(),
  /** samples / expectedSamples, 0..1 (0 without samples). */
  coverage: z.number(),
  /** Steps longer than 1.5 x the median step. */
  gaps: z.number().int(),
  duplicateTimestamps: z.number().int(),
  /** CPU samples above 100% or negative. */
  outOfRange: z.number().int(),
});

export const DataQualitySchema = z.object({
  /** The stated rule behind the star ratings. */
  rule: z.string(),
  /** Confidence rating of the run, 1-5 stars. */
  stars: z.number().int().min(1).max(5),
  /** Number of workloads with 1, 2, 3, 4 and 5 stars. */
  starsHistogram: z.array(z.number().int()),
  workloads: z.array(WorkloadQualitySchema),
  /** Inventory workloads with no utilization samples. */
  noSamples: z.array(z.string()),
  /** Ids with samples but no inventory row (left out of the plan). */
  noInventory: z.array(z.string()),
  /** Earliest and latest sample of the run, Unix seconds. */
  span: z.object({ startSec: z.number(), endSec: z.number() }).optional(),
});

export const PlanResultSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: z.literal('plan'),
  dimensions: z.array(z.string()),
  summary: PlanSummarySchema,
  options: z.record(z.string(), z.unknown()),
  hosts: z.array(PlanHostSchema),
  vms: z.array(PlanVmSchema),
  unplaced: z.array(UnplacedSchema),
  issues: z.array(IssueSchema),
  assumptions: z.array(AssumptionSchema),
  warnings: z.array(z.string()),
  /** Data quality and confidence ratings. */
  dataQuality: DataQualitySchema.optional(),
  /** The host types the plan used (what `replay` needs to replay the placement on new traces). */
  hostModels: z.array(PlanHostModelSchema).optional(),
});

export type DataQuality = z.infer<typeof DataQualitySchema>;
export type WorkloadQuality = z.infer<typeof WorkloadQualitySchema>;
export type PlanResult = z.infer<typeof PlanResultSchema>;
export type PlanHost = z.infer<typeof PlanHostSchema>;
export type PlanVm = z.infer<typeof PlanVmSchema>;
export type PlanSummary = z.infer<typeof PlanSummarySchema>;
export type SizingTrail = z.infer<typeof SizingTrailSchema>;
export type IoSizing = z.infer<typeof IoSizingSchema>;
export type SizingFactor = z.infer<typeof SizingFactorSchema>;
export type EnergySide = z.infer<typeof EnergySideSchema>;
export type Assumption = z.infer<typeof AssumptionSchema>;
