import { z } from 'zod';
import { OPTIMIZE_OBJECTIVES } from '../procurement/objective.js';
import { VIRTUALIZATION_TECHNIQUES } from '../defaults/overhead.js';
import { HYPERVISORS } from '../defaults/memory.js';
import { SIZING_DEFAULTS } from '../defaults/sizing.js';
import { FACILITY_DEFAULTS } from '../defaults/facility.js';
import { COST_DEFAULTS, LICENCE_MODELS, DEFAULT_LICENCE } from '../defaults/cost.js';

const CPU_NORMALIZATION_METHODS = ['spec-score', 'ghz'] as const;
const DefaultValueSchema = z.union([z.number(), z.string(), z.boolean(), z.array(z.number())]);
import { TRACE_DEFAULTS, SIZING_STATISTICS, UTILIZATION_FORMATS } from '../defaults/traces.js';

/**
 * Every tunable of `plan` as one zod schema. The same schema validates CLI flags, scenario files
 * and API calls; option names are the camelCase forms of the CLI flags.
 */
export const PlanOptionsSchema = z
  .object({
    /** Servers CSV path (one row per physical server). */
    servers: z.string().optional(),
    /** Host catalog CSV path. */
    hosts: z.string().optional(),
    /** Built-in host type name (see `consolidate hosts`). */
    hostType: z.string().optional(),
    virtualization: z.enum(VIRTUALIZATION_TECHNIQUES).default('hw-assist-ept'),
    hypervisor: z.enum(HYPERVISORS).default('esxi'),
    cpuTarget: z.number().gt(0).max(100).default(SIZING_DEFAULTS.cpuTargetPercent.value),
    memoryTarget: z.number().gt(0).max(100).default(SIZING_DEFAULTS.memoryTargetPercent.value),
    peakFactor: z.number().gte(1).default(SIZING_DEFAULTS.peakFactor.value),
    pue: z.number().gte(1).default(FACILITY_DEFAULTS.pue.value),
    /** Electricity price, USD per kWh (--usd-per-kwh). */
    usdPerKwh: z.number().gte(0).default(FACILITY_DEFAULTS.electricityUsdPerKWh.value),
    /** Grid carbon intensity, gCO2 per kWh (--grid-gco2-per-kwh). */
    gridGco2PerKwh: z.number().gte(0).default(FACILITY_DEFAULTS.gridCarbonGPerKWh.value),
    /** Packing time budget in seconds; 0 = heuristics only. */
    timeLimit: z.number().gte(0).default(5),
    /** At most this many VMs on one host (--max-vms-per-host). */
    maxVmsPerHost: z.number().int().positive().optional(),
    /** vCPU:pCPU limit (--vcpu-ratio): adds a `vcpus` dimension, capacity = host cores x ratio. */
    vcpuRatio: z.number().gt(0).optional(),
    /** Spare capacity so that any N host failures can be absorbed (--ha N). */
    ha: z.number().int().min(0).default(0),
    /** Reject the whole input when any row is rejected. */
    strict: z.boolean().default(false),
    /** JSON config file of default overrides (--config FILE); the CLI reads it into `defaults`. */
    config: z.string().optional(),
    /** Overrides of registry defaults by key (see `consolidate defaults`), e.g. { "overhead.cpu.hw-assist-ept.syscall": 1.1 }. */
    defaults: z.record(z.string(), DefaultValueSchema).optional(),
    /** CPU normalization across generations (--cpu-normalization): per-model score, or plain cores x GHz. */
    cpuNormalization: z.enum(CPU_NORMALIZATION_METHODS).default('spec-score'),
    /** TCO horizon in years (--horizon-years); also the growth horizon of sizing. */
    horizonYears: z.number().gt(0).max(50).default(COST_DEFAULTS.horizonYears.value),
    /** Straight-line amortization period of new hosts, years (--amortization-years). */
    amortizationYears: z.number().gt(0).max(50).default(COST_DEFAULTS.amortizationYears.value),
    /** Hardware maintenance, % of capex per year after warranty (--maintenance-pct). */
    maintenancePct: z.number().gte(0).max(100).default(COST_DEFAULTS.maintenancePctPerYear.value),
    /** Facility (space, power provisioning, cooling) cost, USD per provisioned IT kW-month (--facility-usd-per-kw-month). */
    facilityUsdPerKwMonth: z.number().gte(0).default(COST_DEFAULTS.facilityUsdPerKwMonth.value),
    /** Hypervisor/OS licence model (--licence). */
    licence: z.enum(LICENCE_MODELS).default(DEFAULT_LICENCE.value),
    /** Price of every target host type, USD (--host-price-usd); overrides catalog prices. */
    hostPriceUsd: z.number().gte(0).optional(),
    /** Count the avoided refresh of the source servers on the "before" side (--avoided-refresh). */
    avoidedRefresh: z.boolean().default(false),
    /** Utilization time series: a long CSV file, or a PlanetLab/Bitbrains folder (--utilization). */
    utilization: z.string().optional(),
    /** Format of --utilization; `auto` detects it and says what it detected. */
    utilizationFormat: z.enum(UTILIZATION_FORMATS).default('auto'),
    /** RVTools workbook (.xlsx) or folder of its per-tab CSV exports (--rvtools). */
    rvtools: z.string().optional(),
    /** Include powered-off VMs, templates and SRM placeholders from RVTools (skipped by default). */
    rvtoolsIncludeAll: z.boolean().default(false),
    /** Statistic of the samples that sizes each workload (--sizing). */
    sizing: z.enum(SIZING_STATISTICS).default(TRACE_DEFAULTS.sizing.value),
    /** Demand growth, percent per year, compounded over --horizon-years (--growth). */
    growth: z.number().gt(-100).max(1000).default(TRACE_DEFAULTS.growthPercentPerYear.value),
    /** Time-profile buckets per day (e.g. 24 = hourly); 0 = no profile (--profile-buckets). */
    profileBuckets: z.number().int().gte(0).max(288).default(0),
    /** vCPUs of a traced workload with no inventory row (PlanetLab) (--vm-cores). */
    vmCores: z.number().gt(0).default(TRACE_DEFAULTS.vmCores.value),
    /** Memory, GiB, of a traced workload with no inventory row and no memory samples (--vm-memory-gb). */
    vmMemoryGb: z.number().gt(0).default(TRACE_DEFAULTS.vmMemoryGiB.value),
    /** Procurement objective over the catalog's host types (--optimize): tco, hosts or power; absent = purchase price. */
    optimize: z.enum(OPTIMIZE_OBJECTIVES).optional(),
    /** Offer the current physical servers as hosts (count 1, price 0) beside the catalog (--reuse-existing). */
    reuseExisting: z.boolean().optional(),
    /** With reuseExisting: keep current servers only, buy nothing new (--reuse-only). */
    reuseOnly: z.boolean().optional(),
  })
  .strict();

export type PlanOptionsInput = z.input<typeof PlanOptionsSchema>;
export type PlanOptions = z.output<typeof PlanOptionsSchema>;
