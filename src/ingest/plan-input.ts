import { resolve } from 'node:path';
import type { PlanInput } from '../plan.js';
import type { HostModel } from '../model/host.js';
import type { Issue, RowAccounting } from '../model/issue.js';
import { issueError } from '../model/issue.js';
import { addAccounting, emptyAccounting } from '../model/issue.js';
import { loadInventory } from './inventory.js';
import { loadHostCatalog } from './hosts.js';
import { BUILTIN_HOSTS, DEFAULT_HOST_TYPE, findBuiltinHost } from '../defaults/catalog.js';
import { OptionsError, InputError } from '../errors.js';
import type { CsvReadOptions } from './csv.js';
import type { Workload } from '../model/workload.js';
import type { Assumption } from '../model/plan-result.js';
import type { IngestProgress, TraceFormat } from './utilization.js';
import { loadUtilization } from './registry.js';
import { joinUtilization } from './join.js';
import { loadRvtools } from './rvtools.js';
import { TRACE_DEFAULTS } from '../defaults/traces.js';
import { z } from 'zod';
import { OPTIONS, flagOf } from '../model/options.js';
import { optionsError } from '../model/option-problems.js';
import { issue } from '../model/issue.js';
import { parseUnitOverrides } from './units.js';
import { resolveDefaults, type DefaultsOverrides } from '../defaults/registry.js';
import type { IngestSettings } from './settings.js';
import type { DecimalOption } from './dialect.js';
import type { InputRows } from '../model/messages.js';
import { noUsableWorkloadsError } from './no-workloads.js';
import { Cooperator, type Clock } from '../util/cooperate.js';

export interface PlanInputOptions {
  servers?: string;
  hosts?: string;
  hostType?: string;
  strict?: boolean;
  utilization?: string;
  utilizationFormat?: TraceFormat | 'auto';
  rvtools?: string;
  rvtoolsIncludeAll?: boolean;
  vmCores?: number;
  vmMemoryGb?: number;
  /** `--units NAME=UNIT,...`: units of CSV columns. */
  units?: string;
  /** `--decimal-separator auto|point|comma`. */
  decimalSeparator?: DecimalOption;
  /** Registry overrides (a --config file): the ingest.* unit-sense limits. */
  defaults?: DefaultsOverrides;
}

/**
 * How to read the CSV inputs, from the options: the `--units` entries, the decimal separator and
 * the unit-sense limits in force. Throws OptionsError (option.invalid) for a malformed --units.
 */
export function ingestSettings(o: Pick<PlanInputOptions, 'units' | 'decimalSeparator' | 'defaults'>): IngestSettings {
  const r = z.object({ units: OPTIONS.units.schema, decimalSeparator: OPTIONS.decimalSeparator.schema }).safeParse({ units: o.units, decimalSeparator: o.decimalSeparator }, { reportInput: true });
  if (!r.success) throw optionsError(r.error);
  return { units: parseUnitOverrides(r.data.units), decimalSeparator: r.data.decimalSeparator, limits: resolveDefaults({ defaults: o.defaults }).model.ingest };
}

/** Throws option.invalid for `--units` entries that named no column of any input. */
export function assertUnitsUsed(settings: IngestSettings, used: Iterable<number>): void {
  const u = new Set(used);
  const unused = (settings.units ?? []).filter((_, k) => !u.has(k));
  if (!unused.length) return;
  const issues = unused.map((o) =>
    issue('option.invalid', 'error', { option: 'units', flag: flagOf('units'), problem: { kind: 'rule', rule: `${o.name}=${o.unit.id} names no ${o.unit.quantity} column of the inputs (NAME is a header as written, a canonical name such as memory_gb, or its leading words such as cpu_util)`, got: o.name } }, { path: ['units'] }),
  );
  throw new OptionsError(issues.map((i) => i.message).join('; '), {}, issues[0]);
}

/** Loader hooks from the edge: progress of long ingests, and the clock of the time slices. */
export interface IngestRunOptions {
  onProgress?: (p: IngestProgress) => void;
  /** Monotonic clock, ms, for the turns given to the event loop while reading; default `performance.now`. */
  now?: Clock;
}

/** Resolves the target host models from --hosts FILE, --host-type NAME, or the default. */
export async function loadHostModels(o: PlanInputOptions, base: string, csv: CsvReadOptions = {}): Promise<{ models: HostModel[]; issues: Issue[]; rows: RowAccounting; unitOverridesUsed?: number[] }> {
  if (o.hosts && o.hostType) throw new OptionsError('give either --hosts FILE or --host-type NAME, not both');
  if (o.hosts) {
    const r = await loadHostCatalog(resolve(base, o.hosts), { ...csv, label: o.hosts, ingest: { ...(csv.ingest ?? ingestSettings(o)), option: '--hosts' } });
    if (r.records.length === 0) throw issueError('file.unreadable', { reason: 'no-valid-rows', what: 'host type' }, { file: o.hosts });
    return { models: r.records, issues: r.issues, rows: r.rows, unitOverridesUsed: r.unitOverridesUsed };
  }
  const name = o.hostType ?? DEFAULT_HOST_TYPE;
  const m = findBuiltinHost(name);
  if (!m) throw new OptionsError(`unknown host type ${JSON.stringify(name)}; built-in types: ${BUILTIN_HOSTS.map((h) => h.type).join(', ')}`);
  return { models: [m], issues: [], rows: emptyAccounting() };
}

/**
 * Reads every input file named in the options into a PlanInput. Paths are resolved against
 * `base` (the working directory, or a scenario file's folder). With `strict`, any rejected row
 * stops the run with an InputError naming the first rejected line.
 */
export async function loadPlanInput(o: PlanInputOptions, base: string = process.cwd(), csvIn: CsvReadOptions = {}, run: IngestRunOptions = {}): Promise<PlanInput> {
  // One cooperator for every reader: the event loop gets a turn every few ms of parsing, and an abort stops the reading.
  const cooperator = csvIn.cooperator ?? new Cooperator({ signal: csvIn.signal, now: run.now });
  const csv: CsvReadOptions = { ...csvIn, cooperator };
  cooperator.check();
  const issues: Issue[] = [];
  let rows = emptyAccounting();
  if (!o.servers && !o.utilization && !o.rvtools) throw new OptionsError('no workloads: give --servers FILE, --utilization PATH or --rvtools PATH');
  if (o.servers && o.rvtools) throw new OptionsError('give either --servers FILE or --rvtools PATH as the inventory, not both');
  let inventory: Workload[] | undefined;
  const out: Partial<PlanInput> = {};
  const assumptions: Assumption[] = [];
  const settings = ingestSettings(o);
  const used: number[] = [];
  /** The workload inputs' rows, for the message when nothing is left to plan. */
  const inputs: InputRows[] = [];
  if (o.servers) {
    const s = await loadInventory(resolve(base, o.servers), { ...csv, label: o.servers, ingest: { ...settings, option: '--servers' } });
    issues.push(...s.issues);
    rows = addAccounting(rows, s.rows);
    inventory = s.records;
    used.push(...(s.unitOverridesUsed ?? []));
    inputs.push({ file: o.servers, ...s.rows });
  }
  if (o.rvtools) {
    const r = await loadRvtools(resolve(base, o.rvtools), { label: o.rvtools, includeAll: o.rvtoolsIncludeAll, signal: csv.signal, cooperator });
    issues.push(...r.issues);
    rows = addAccounting(rows, r.rows);
    inventory = r.records;
    out.sourceHosts = r.hosts;
    assumptions.push(...r.assumptions);
    inputs.push({ file: o.rvtools, ...r.rows });
  }
  let workloads = inventory ?? [];
  if (o.utilization) {
    const u = await loadUtilization(resolve(base, o.utilization), o.utilizationFormat ?? 'auto', { label: o.utilization, signal: csv.signal, cooperator, onProgress: run.onProgress, ingest: { ...settings, option: '--utilization' } });
    issues.push(...u.issues);
    rows = addAccounting(rows, u.rows);
    used.push(...(u.unitOverridesUsed ?? []));
    inputs.push({ file: o.utilization, ...u.rows });
    const j = joinUtilization(inventory, u, { vmCores: o.vmCores ?? TRACE_DEFAULTS.vmCores.value, vmMemoryGiB: o.vmMemoryGb ?? TRACE_DEFAULTS.vmMemoryGiB.value }, o.utilization);
    workloads = j.workloads;
    issues.push(...j.issues);
    assumptions.push(...j.assumptions);
    out.noSamples = j.noSamples;
    out.noInventory = j.noInventory;
  }
  const h = await loadHostModels(o, base, { ...csv, ingest: settings });
  issues.push(...h.issues);
  rows = addAccounting(rows, h.rows);
  used.push(...(h.unitOverridesUsed ?? []));
  assertUnitsUsed(settings, used);
  if (workloads.length === 0) throw noUsableWorkloadsError(inputs, issues, { noInventory: out.noInventory?.length });
  if (o.strict) assertNoRejected(issues);
  return { ...out, workloads, hostModels: h.models, issues, rows, assumptions };
}

/** Under --strict: the first rejected row stops the run (exit 2), with its location. */
export function assertNoRejected(issues: Issue[]): void {
  const rejected = issues.filter((i) => i.severity === 'error');
  if (rejected.length) {
    const i = rejected[0];
    const more = rejected.length > 1 ? ` (and ${rejected.length - 1} more rejected rows)` : '';
    throw new InputError(`${i.file ?? ''}${i.line ? `:${i.line}` : ''}: ${i.message}${more}; --strict rejects the input`, { file: i.file, line: i.line, column: i.column });
  }
}
