import { z } from 'zod';
import { VIRTUALIZATION_TECHNIQUES } from '../defaults/overhead.js';
import { HYPERVISORS } from '../defaults/memory.js';
import { SIZING_DEFAULTS } from '../defaults/sizing.js';
import { FACILITY_DEFAULTS } from '../defaults/facility.js';

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
    /** Reject the whole input when any row is rejected. */
    strict: z.boolean().default(false),
  })
  .strict();

export type PlanOptionsInput = z.input<typeof PlanOptionsSchema>;
export type PlanOptions = z.output<typeof PlanOptionsSchema>;
