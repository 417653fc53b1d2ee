import { z } from 'zod';
import { OPTIMIZE_OBJECTIVES } from '../procurement/objectives.js';
import { VIRTUALIZATION_TECHNIQUES, DEFAULT_TECHNIQUE } from '../defaults/overhead.js';
import { HYPERVISORS, DEFAULT_HYPERVISOR } from '../defaults/memory.js';
import { SIZING_DEFAULTS, MEMORY_SIZING_POLICIES } from '../defaults/sizing.js';
import { FACILITY_DEFAULTS } from '../defaults/facility.js';
import { COST_DEFAULTS, LICENCE_MODELS, DEFAULT_LICENCE } from '../defaults/cost.js';
import { CPU_NORMALIZATIONS, DEFAULT_CPU_NORMALIZATION } from '../defaults/cpu-scores.js';
import { TRACE_DEFAULTS, SIZING_STATISTICS, UTILIZATION_FORMATS } from '../defaults/traces.js';
import { PLAN_RUN_DEFAULTS } from '../defaults/run.js';
import { DEFAULT_HOST_TYPE } from '../defaults/catalog.js';
import { WAVE_DEFAULTS } from '../defaults/waves.js';
import { RISK_DEFAULTS } from '../defaults/risk.js';
import { SERVERS_CSV_COLUMNS } from '../ingest/servers.js';
import { HOSTS_CSV_COLUMNS } from '../ingest/hosts.js';
import { LONG_CSV_COLUMNS } from '../ingest/long.js';
import { parseUnitOverrides } from '../ingest/units.js';
import { DECIMAL_OPTIONS } from '../ingest/dialect.js';
import { DIMENSION_NAMES, dimensionsProblem } from './dimensions.js';

/**
 * THE option table: every option of `plan` (and the options `validate`, `defaults`, `whatif`
 * scenario files and `pack` share with it) is one entry here: its type, bounds, default (with the
 * default's source, from src/defaults/), the registry key it sets, its help text and the commands
 * that take it as a flag. Derived from it, and nowhere else written down:
 * - `PlanOptionsSchema` (zod), which validates CLI flags, scenario files and API calls alike;
 * - the yargs flags and `--help` (cli/options.ts), the flag being the kebab-case of the key;
 * - the registry links (defaults/registry.ts: a config-file key and the option that sets it share
 *   the option's bounds);
 * - the README list of options (report/docs.ts, checked by a test).
 *
 * Adding an option is adding one entry (see CONTRIBUTING.md).
 */

export type OptionGroup = 'input' | 'model' | 'sizing' | 'packing' | 'cost' | 'procurement' | 'migration';
/** Commands whose CLI takes the option as a flag (`whatif` scenario files take every option). */
export type OptionCommand = 'plan' | 'validate' | 'defaults' | 'pack' | 'replay';

/** A default value and where it comes from (src/defaults/). */
export interface Sourced<T> {
  value: T;
  source?: string;
}

interface Common {
  /** Help text, without the default (added from `default`). */
  describe: string;
  group: OptionGroup;
  commands: readonly OptionCommand[];
  /** Registry key (defaults/registry.ts) this option sets; the registry entry takes the option's bounds. */
  registry?: string;
  /** Value placeholder in the README (FILE, PCT, N, ...). */
  placeholder?: string;
  /** A default applied elsewhere (e.g. by the loader), shown in help but not by the schema. */
  shownDefault?: string;
  /** Per-command help text where a command gives the flag another meaning (pack's --hosts). */
  describeFor?: Partial<Record<OptionCommand, string>>;
  /** Per-command: the flag is required. */
  requiredFor?: readonly OptionCommand[];
  /** Not a CLI flag (API and scenario files only). */
  noFlag?: boolean;
}

export interface NumberBounds {
  int?: boolean;
  /** Inclusive minimum. */
  min?: number;
  /** Exclusive minimum. */
  gt?: number;
  /** Inclusive maximum. */
  max?: number;
}

export type OptionKind = 'number' | 'choice' | 'string' | 'path' | 'boolean' | 'overrides';

/** One option as data (what the CLI, the docs and the registry read). */
export interface OptionSpec extends Common, NumberBounds {
  kind: OptionKind;
  choices?: readonly string[];
  default?: Sourced<unknown>;
}

export interface OptionEntry<S extends z.ZodType> {
  spec: OptionSpec;
  schema: S;
}

function numberSchema(b: NumberBounds): z.ZodNumber {
  let s = z.number();
  if (b.int) s = s.int();
  if (b.gt !== undefined) s = s.gt(b.gt);
  if (b.min !== undefined) s = s.gte(b.min);
  if (b.max !== undefined) s = s.max(b.max);
  return s;
}

function number(c: Common & NumberBounds & { default: Sourced<number> }): OptionEntry<z.ZodDefault<z.ZodNumber>>;
function number(c: Common & NumberBounds): OptionEntry<z.ZodOptional<z.ZodNumber>>;
function number(c: Common & NumberBounds & { default?: Sourced<number> }): OptionEntry<z.ZodType> {
  const base = numberSchema(c);
  return { spec: { ...c, kind: 'number' }, schema: c.default ? base.default(c.default.value) : base.optional() };
}

function choice<const T extends readonly [string, ...string[]]>(values: T, c: Common & { default: Sourced<T[number]> }): OptionEntry<z.ZodDefault<z.ZodEnum<{ [K in T[number]]: K }>>>;
function choice<const T extends readonly [string, ...string[]]>(values: T, c: Common): OptionEntry<z.ZodOptional<z.ZodEnum<{ [K in T[number]]: K }>>>;
function choice<const T extends readonly [string, ...string[]]>(values: T, c: Common & { default?: Sourced<T[number]> }): OptionEntry<z.ZodType> {
  const base = z.enum(values);
  return { spec: { ...c, kind: 'choice', choices: values }, schema: c.default ? base.default(c.default.value as never) : base.optional() };
}

/** A boolean with a default (an on/off switch). */
function onOff(c: Common & { default: Sourced<boolean> }): OptionEntry<z.ZodDefault<z.ZodBoolean>> {
  return { spec: { ...c, kind: 'boolean' }, schema: z.boolean().default(c.default.value) };
}

/** A boolean that is absent unless given. */
function optionalFlag(c: Common): OptionEntry<z.ZodOptional<z.ZodBoolean>> {
  return { spec: { ...c, kind: 'boolean' }, schema: z.boolean().optional() };
}

function text(kind: 'string' | 'path', c: Common): OptionEntry<z.ZodOptional<z.ZodString>> {
  return { spec: { ...c, kind }, schema: z.string().optional() };
}

const DefaultValueSchema = z.union([z.number(), z.string(), z.boolean(), z.array(z.number())]);
const OFF: Sourced<boolean> = { value: false };

const INPUT: readonly OptionCommand[] = ['plan', 'validate'];
const PLAN: readonly OptionCommand[] = ['plan', 'defaults'];

export const OPTIONS = {
  servers: text('path', { group: 'input', commands: INPUT, placeholder: 'FILE', describe: `servers CSV, columns ${SERVERS_CSV_COLUMNS}` }),
  hosts: text('path', {
    group: 'input',
    commands: [...INPUT, 'pack'],
    placeholder: 'FILE',
    describe: `host catalog CSV, columns ${HOSTS_CSV_COLUMNS}`,
    describeFor: { pack: 'HOSTS.csv: type, the same resource columns as capacities[, count, cost]' },
    requiredFor: ['pack'],
  }),
  hostType: text('string', { group: 'input', commands: INPUT, placeholder: 'NAME', shownDefault: DEFAULT_HOST_TYPE, describe: 'built-in host type (see `consolidate hosts`)' }),
  utilization: text('path', { group: 'input', commands: [...INPUT, 'replay'], placeholder: 'PATH', describeFor: { replay: 'the new utilization time series to replay the plan on (any format of plan --utilization)' }, requiredFor: ['replay'], describe: `utilization time series: a long CSV (columns ${LONG_CSV_COLUMNS}) a PlanetLab or Bitbrains folder, Windows perfmon CSV or Linux sysstat sadf exports (a file or a folder)` }),
  utilizationFormat: choice(UTILIZATION_FORMATS, { group: 'input', commands: [...INPUT, 'replay'], default: { value: 'auto' }, describe: 'format of --utilization (auto detects and reports it)' }),
  rvtools: text('path', { group: 'input', commands: INPUT, placeholder: 'PATH', describe: 'RVTools workbook (.xlsx) or folder of per-tab CSV exports (RVTools_tabvInfo.csv, RVTools_tabvHost.csv)' }),
  rvtoolsIncludeAll: onOff({ group: 'input', commands: INPUT, default: OFF, describe: 'also plan powered-off VMs, templates and SRM placeholders (skipped by default)' }),
  vmCores: number({ group: 'input', commands: INPUT, gt: 0, default: TRACE_DEFAULTS.vmCores, registry: 'trace.vmCores', placeholder: 'N', describe: 'vCPUs of a traced workload with no inventory row' }),
  vmMemoryGb: number({ group: 'input', commands: INPUT, gt: 0, default: TRACE_DEFAULTS.vmMemoryGiB, registry: 'trace.vmMemoryGiB', placeholder: 'GIB', describe: 'memory GiB of a traced workload with no inventory row and no memory samples' }),
  strict: onOff({ group: 'input', commands: [...INPUT, 'pack'], default: OFF, describe: 'exit 2 if any input row is rejected' }),
  units: {
    spec: {
      kind: 'string',
      group: 'input',
      commands: INPUT,
      placeholder: 'NAME=UNIT,...',
      describe: 'units of CSV columns, e.g. memory=MiB,cpu_util=fraction: NAME is a header as written, a canonical column name or its leading words (cpu_util: every cpu_util_*_pct); UNIT one of the unit table; stated units are never second-guessed',
    },
    schema: z
      .string()
      .superRefine((v, ctx) => {
        try {
          parseUnitOverrides(v);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message, input: v });
        }
      })
      .optional(),
  } as OptionEntry<z.ZodOptional<z.ZodString>>,
  decimalSeparator: choice(DECIMAL_OPTIONS, { group: 'input', commands: [...INPUT, 'pack'], default: { value: 'auto' }, describe: 'decimal separator of CSV numbers: auto detects it per file (and says so when it is not a point)' }),
  config: text('path', { group: 'model', commands: PLAN, placeholder: 'FILE', describe: 'JSON file overriding defaults by key (see `consolidate defaults`); flags win over it' }),
  defaults: {
    spec: { kind: 'overrides', group: 'model', commands: [], noFlag: true, describe: 'overrides of registry defaults by key (see `consolidate defaults`), e.g. { "overhead.cpu.hw-assist-ept.syscall": 1.1 }; what --config FILE reads into' },
    schema: z.record(z.string(), DefaultValueSchema).optional(),
  } as OptionEntry<z.ZodOptional<z.ZodRecord<z.ZodString, typeof DefaultValueSchema>>>,

  virtualization: choice(VIRTUALIZATION_TECHNIQUES, { group: 'model', commands: PLAN, default: DEFAULT_TECHNIQUE, registry: 'plan.virtualization', describe: 'virtualization technique (overhead model)' }),
  hypervisor: choice(HYPERVISORS, { group: 'model', commands: PLAN, default: DEFAULT_HYPERVISOR, registry: 'plan.hypervisor', describe: 'hypervisor (memory overhead, host reserve): bare-metal esxi, kvm, hyper-v, xen (Xen, XenServer, XCP-ng); hosted vmware-workstation, virtualbox (a host OS keeps its share and carries the I/O; for labs, not server estates)' }),
  cpuNormalization: choice(CPU_NORMALIZATIONS, { group: 'model', commands: PLAN, default: DEFAULT_CPU_NORMALIZATION, registry: 'plan.cpuNormalization', describe: 'CPU normalization across generations: per-model score, or plain cores x GHz' }),
  cpuTarget: number({ group: 'model', commands: PLAN, gt: 0, max: 100, default: SIZING_DEFAULTS.cpuTargetPercent, registry: 'headroom.cpuTarget', placeholder: 'PCT', describe: 'plan hosts to at most PCT % CPU' }),
  memoryTarget: number({ group: 'model', commands: PLAN, gt: 0, max: 100, default: SIZING_DEFAULTS.memoryTargetPercent, registry: 'headroom.memoryTarget', placeholder: 'PCT', describe: 'plan hosts to at most PCT % memory' }),
  peakFactor: number({ group: 'sizing', commands: PLAN, min: 1, default: SIZING_DEFAULTS.peakFactor, registry: 'sizing.peakFactor', placeholder: 'X', describe: 'p95 = average x this, when only the average is known' }),
  memorySizing: choice(MEMORY_SIZING_POLICIES, { group: 'sizing', commands: PLAN, default: SIZING_DEFAULTS.memoryPolicy, registry: 'sizing.memoryPolicy', describe: 'memory each workload is sized by: auto (configured for VMs, used x comfort factor for physical servers with measured use), configured, used, or active (only on request: understates what a guest holds)' }),
  comfortFactor: number({ group: 'sizing', commands: PLAN, min: 1, max: 10, default: SIZING_DEFAULTS.comfortFactor, registry: 'sizing.comfortFactor', placeholder: 'X', describe: 'multiplier on measured (used or active) memory; never on configured memory or CPU' }),
  sizing: choice(SIZING_STATISTICS, { group: 'sizing', commands: PLAN, default: TRACE_DEFAULTS.sizing, registry: 'sizing.statistic', describe: 'statistic of the utilization samples that sizes each workload' }),
  growth: number({ group: 'sizing', commands: PLAN, gt: -100, max: 1000, default: TRACE_DEFAULTS.growthPercentPerYear, registry: 'sizing.growth', placeholder: 'PCT', describe: 'demand growth, percent per year, compounded over --horizon-years' }),
  profileBuckets: number({ group: 'sizing', commands: PLAN, int: true, min: 0, max: 288, default: TRACE_DEFAULTS.profileBuckets, registry: 'sizing.profileBuckets', placeholder: 'N', describe: 'pack CPU per time-of-day bucket, e.g. 24 = hourly (0 = off)' }),

  overloadRisk: number({ group: 'sizing', commands: PLAN, min: 0, max: 100, placeholder: 'PCT', describe: 'allow at most PCT % of active host time over CPU capacity, replayed on the utilization traces: the planner searches the CPU target that meets it with the fewest hosts (needs time series; summary.overload reports target and achieved)' }),
  riskCurve: optionalFlag({ group: 'sizing', commands: PLAN, describe: `also plan at overload risks of ${RISK_DEFAULTS.curveLevelsPercent.value.join(', ')} % and report hosts and IT energy against risk (summary.riskCurve; a chart in html; needs time series)` }),

  timeLimit: number({ group: 'packing', commands: [...PLAN, 'pack'], min: 0, default: PLAN_RUN_DEFAULTS.timeLimitSeconds, placeholder: 'SECONDS', describe: 'packing time budget in seconds for the whole plan (its stages share it); 0 = heuristics only' }),
  maxVmsPerHost: number({ group: 'packing', commands: [...PLAN, 'pack'], int: true, gt: 0, placeholder: 'N', describe: 'at most N VMs on one host' }),
  dimensions: {
    spec: {
      kind: 'string',
      group: 'packing',
      commands: PLAN,
      placeholder: 'LIST',
      shownDefault: 'cpu,memory',
      describe: `resources packed, comma-separated from ${DIMENSION_NAMES.join(', ')}: cpu and memory always, disk-iops (reads + writes per second), disk-throughput (MB/s) and network (Mbit/s, in + out) when listed; hosts take them from the host catalog (disk_iops, disk_mb_per_s, network_mbps) or the hostIo.* defaults (disk IOPS has none)`,
    },
    schema: z
      .string()
      .superRefine((v, ctx) => {
        const p = dimensionsProblem(v);
        if (p) ctx.addIssue({ code: 'custom', message: p, input: v });
      })
      .optional(),
  } as OptionEntry<z.ZodOptional<z.ZodString>>,
  vcpuRatio: number({ group: 'packing', commands: PLAN, gt: 0, placeholder: 'R', describe: 'vCPU:pCPU limit R: at most cores x R vCPUs per host' }),
  ha: number({ group: 'packing', commands: [...PLAN, 'pack'], int: true, min: 0, default: PLAN_RUN_DEFAULTS.haFailures, placeholder: 'N', describe: 'keep spare capacity so that any N host failures are absorbed (N=1 verified by re-packing each failure)' }),

  pue: number({ group: 'cost', commands: PLAN, min: 1, default: FACILITY_DEFAULTS.pue, registry: 'facility.pue', placeholder: 'X', describe: 'power usage effectiveness' }),
  usdPerKwh: number({ group: 'cost', commands: PLAN, min: 0, default: FACILITY_DEFAULTS.electricityUsdPerKWh, registry: 'facility.usdPerKwh', placeholder: 'USD', describe: 'electricity price, USD/kWh' }),
  gridGco2PerKwh: number({ group: 'cost', commands: PLAN, min: 0, default: FACILITY_DEFAULTS.gridCarbonGPerKWh, registry: 'facility.gridGco2PerKwh', placeholder: 'G', describe: 'grid carbon intensity, gCO2/kWh' }),
  horizonYears: number({ group: 'cost', commands: PLAN, gt: 0, max: 50, default: COST_DEFAULTS.horizonYears, registry: 'cost.horizonYears', placeholder: 'N', describe: 'TCO horizon in years; also the horizon of --growth' }),
  amortizationYears: number({ group: 'cost', commands: PLAN, gt: 0, max: 50, default: COST_DEFAULTS.amortizationYears, registry: 'cost.amortizationYears', placeholder: 'N', describe: 'straight-line amortization of new hosts, years' }),
  maintenancePct: number({ group: 'cost', commands: PLAN, min: 0, max: 100, default: COST_DEFAULTS.maintenancePctPerYear, registry: 'cost.maintenancePctPerYear', placeholder: 'PCT', describe: 'hardware maintenance, % of capex per year after warranty' }),
  facilityUsdPerKwMonth: number({ group: 'cost', commands: PLAN, min: 0, default: COST_DEFAULTS.facilityUsdPerKwMonth, registry: 'facility.usdPerKwMonth', placeholder: 'USD', describe: 'facility cost per provisioned IT kW-month, USD' }),
  licence: choice(LICENCE_MODELS, { group: 'cost', commands: PLAN, default: DEFAULT_LICENCE, registry: 'licence.model', describe: 'hypervisor/OS licence model for the TCO' }),
  hostPriceUsd: number({ group: 'cost', commands: PLAN, min: 0, placeholder: 'USD', describe: 'price of every target host type, USD (overrides the catalog)' }),
  avoidedRefresh: onOff({ group: 'cost', commands: PLAN, default: COST_DEFAULTS.avoidedRefresh, registry: 'cost.avoidedRefresh', describe: 'count the avoided refresh of the source servers in the TCO' }),

  optimize: choice(OPTIMIZE_OBJECTIVES, { group: 'procurement', commands: PLAN, describe: 'with several host types: choose the mix minimizing TCO over the horizon, host count, power (IT watts; with time series, IT energy over the observed window), or CO2e over the horizon (embodied + operational); compared with each single type' }),
  reuseExisting: optionalFlag({ group: 'procurement', commands: PLAN, describe: 'offer the current physical servers as hosts (price 0, their own power curve) beside new purchases; compared with buying new' }),
  reuseOnly: optionalFlag({ group: 'procurement', commands: PLAN, describe: 'keep current servers only (buy nothing new); compared with buying new' }),

  waveSize: number({ group: 'migration', commands: PLAN, int: true, gt: 0, placeholder: 'K', describe: 'plan the move in migration waves of at most K workloads (a `group` moves in one wave): summary.waves' }),
  waveDays: number({ group: 'migration', commands: PLAN, gt: 0, max: 365, default: WAVE_DEFAULTS.intervalDays, registry: 'waves.intervalDays', placeholder: 'DAYS', describe: 'days between waves: the savings of each wave accrue over them (cumulativeSavedUsd)' }),
};

export type OptionName = keyof typeof OPTIONS;
type Shape = { [K in OptionName]: (typeof OPTIONS)[K]['schema'] };

/**
 * Every tunable of `plan` as one zod schema, derived from the option table. The same schema
 * validates CLI flags, scenario files and API calls; option names are the camelCase forms of the
 * CLI flags.
 */
export const PlanOptionsSchema = z.object(Object.fromEntries(Object.entries(OPTIONS).map(([k, o]) => [k, o.schema])) as Shape).strict();

export type PlanOptionsInput = z.input<typeof PlanOptionsSchema>;
export type PlanOptions = z.output<typeof PlanOptionsSchema>;

/** The table as data, in table order: name, flag and spec. */
export function optionSpecs(): { name: OptionName; flag: string; spec: OptionSpec }[] {
  return (Object.keys(OPTIONS) as OptionName[]).map((name) => ({ name, flag: flagOf(name), spec: OPTIONS[name].spec }));
}

/** `--cpu-target` for `cpuTarget`: flags are the kebab-case of the option names. */
export function flagOf(name: string): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The option's schema without its default (the registry validates config-file values with it). */
export function optionValueSchema(name: OptionName): z.ZodType {
  const s = OPTIONS[name].schema as z.ZodType;
  return (s as unknown as { unwrap(): z.ZodType }).unwrap();
}

/** The option that sets a registry key, if any. */
export function optionForRegistryKey(key: string): OptionName | undefined {
  return (Object.keys(OPTIONS) as OptionName[]).find((n) => OPTIONS[n].spec.registry === key);
}

/** Options that set registry keys: [option, registry key]. */
export function registryLinks(): [OptionName, string][] {
  return (Object.keys(OPTIONS) as OptionName[]).flatMap((n) => (OPTIONS[n].spec.registry ? [[n, OPTIONS[n].spec.registry!] as [OptionName, string]] : []));
}

/** The default shown in help and the README (undefined: none worth showing). */
export function shownDefault(spec: OptionSpec): string | undefined {
  if (spec.shownDefault !== undefined) return spec.shownDefault;
  const v = spec.default?.value;
  if (v === undefined || v === false) return undefined;
  return String(v);
}

/** The rule an option's value must follow, in words (help and README): "number > 0 and <= 100". */
export function ruleText(spec: OptionSpec): string {
  switch (spec.kind) {
    case 'choice':
      return (spec.choices ?? []).join(' | ');
    case 'boolean':
      return 'flag';
    case 'path':
      return 'path';
    case 'string':
      return 'name';
    case 'overrides':
      return '{ key: value }';
    case 'number': {
      const parts: string[] = [];
      if (spec.gt !== undefined) parts.push(`> ${spec.gt}`);
      if (spec.min !== undefined) parts.push(`>= ${spec.min}`);
      if (spec.max !== undefined) parts.push(`<= ${spec.max}`);
      return `${spec.int ? 'whole number' : 'number'}${parts.length ? ` ${parts.join(' and ')}` : ''}`;
    }
  }
}
