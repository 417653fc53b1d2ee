import type { Argv } from 'yargs';
import type { CommandFactory } from '../context.js';
import { outputOptions, emit, writeRejects } from '../context.js';
import { VIRTUALIZATION_TECHNIQUES } from '../../defaults/overhead.js';
import { HYPERVISORS } from '../../defaults/memory.js';
import { loadPlanInput } from '../../ingest/plan-input.js';
import { plan } from '../../plan.js';
import { mergeConfigDefaults } from '../../defaults/registry.js';
import { createProgress } from '../progress.js';
import { REPORT_FORMATS, renderSummaryCsv } from '../../report/index.js';
import { writeFileAtomic } from '../io.js';
import { LICENCE_MODELS } from '../../defaults/cost.js';
import { readConfigFile } from '../config.js';
import { SIZING_STATISTICS, UTILIZATION_FORMATS } from '../../defaults/traces.js';
import type { CliIo } from '../io.js';
import type { IngestProgress } from '../../ingest/utilization.js';

/** A progress callback for loaders: a bar per unit (MiB read, or files), on a TTY only. */
export function ingestProgress(io: CliIo): (p: IngestProgress) => void {
  const bars = new Map<string, ReturnType<typeof createProgress>>();
  return (p) => {
    const unit = p.unit === 'bytes' ? 'MiB' : 'files';
    let bar = bars.get(p.label);
    if (!bar) bars.set(p.label, (bar = createProgress(io, unit)));
    const scale = p.unit === 'bytes' ? 2 ** 20 : 1;
    bar.update(Math.round(p.done / scale), p.total === undefined ? undefined : Math.round(p.total / scale), p.label);
    if (p.total !== undefined && p.done >= p.total) bar.done();
  };
}

/** Input options shared by `plan` and `validate`. */
export function inputOptions<T>(y: Argv<T>) {
  return y
    .option('servers', { type: 'string', describe: 'servers CSV: id,cores,memory_gb[,cpu_ghz,cpu_util_*_pct,memory_used_gb,watts,workload_class,site,cluster]' })
    .option('hosts', { type: 'string', describe: 'host catalog CSV: type,cores,cpu_ghz,memory_gb,price_usd + idle_watts,max_watts or w_0pct..w_100pct [,count]' })
    .option('host-type', { type: 'string', describe: 'built-in host type (see `consolidate hosts`); default dell-r7525' })
    .option('utilization', { type: 'string', describe: 'utilization time series: long CSV (timestamp,id,cpu_pct[,memory_used_gb|memory_pct][,disk_iops][,net_mbps]) or a PlanetLab/Bitbrains folder' })
    .option('utilization-format', { type: 'string', choices: UTILIZATION_FORMATS as unknown as string[], default: 'auto', describe: 'format of --utilization (auto detects and reports it)' })
    .option('rvtools', { type: 'string', describe: 'RVTools workbook (.xlsx) or folder of per-tab CSV exports (RVTools_tabvInfo.csv, RVTools_tabvHost.csv)' })
    .option('rvtools-include-all', { type: 'boolean', describe: 'also plan powered-off VMs, templates and SRM placeholders (skipped by default)' })
    .option('vm-cores', { type: 'number', describe: 'vCPUs of a traced workload with no inventory row (default 1)' })
    .option('vm-memory-gb', { type: 'number', describe: 'memory GiB of a traced workload with no inventory row (default 2)' })
    .option('strict', { type: 'boolean', default: false, describe: 'exit 2 if any input row is rejected' })
    .option('rejects', { type: 'string', describe: 'write rejected rows to FILE as CSV: file,line,column,reason,raw' });
}

export function planOptions<T>(y: Argv<T>) {
  return y
    .option('virtualization', { type: 'string', choices: VIRTUALIZATION_TECHNIQUES as unknown as string[], describe: 'virtualization technique (overhead model; default hw-assist-ept)' })
    .option('hypervisor', { type: 'string', choices: HYPERVISORS as unknown as string[], describe: 'hypervisor (memory overhead and host reserve; default esxi)' })
    .option('cpu-target', { type: 'number', describe: 'plan hosts to at most PCT % CPU (default 80)' })
    .option('memory-target', { type: 'number', describe: 'plan hosts to at most PCT % memory (default 90)' })
    .option('peak-factor', { type: 'number', describe: 'p95 = average x this, when only the average is known (default 3)' })
    .option('pue', { type: 'number', describe: 'power usage effectiveness (default 1.56)' })
    .option('usd-per-kwh', { type: 'number', describe: 'electricity price, USD/kWh (default 0.13)' })
    .option('grid-gco2-per-kwh', { type: 'number', describe: 'grid carbon intensity, gCO2/kWh (default 367)' })
    .option('time-limit', { type: 'number', describe: 'packing time budget in seconds; 0 = heuristics only (default 5)' })
    .option('optimize', { type: 'string', choices: ['tco', 'hosts', 'power'], describe: 'with several host types: choose the mix minimizing TCO over the horizon, host count, or power; compared with each single type' })
    .option('reuse-existing', { type: 'boolean', describe: 'offer the current physical servers as hosts (price 0, their own power curve) beside new purchases; compared with buying new' })
    .option('reuse-only', { type: 'boolean', describe: 'keep current servers only (buy nothing new); compared with buying new' })
    .option('config', { type: 'string', describe: 'JSON file overriding defaults by key (see `consolidate defaults`); flags win over it' })
    .option('cpu-normalization', { type: 'string', choices: ['spec-score', 'ghz'], describe: 'CPU normalization across generations: per-model score (default) or plain cores x GHz' })
    .option('horizon-years', { type: 'number', describe: 'TCO horizon in years; also the horizon of --growth (default 5)' })
    .option('amortization-years', { type: 'number', describe: 'straight-line amortization of new hosts, years (default 5)' })
    .option('maintenance-pct', { type: 'number', describe: 'hardware maintenance, % of capex per year after warranty (default 10)' })
    .option('facility-usd-per-kw-month', { type: 'number', describe: 'facility cost per provisioned IT kW-month, USD (default 184)' })
    .option('licence', { type: 'string', choices: LICENCE_MODELS as unknown as string[], describe: 'hypervisor/OS licence model for the TCO (default none)' })
    .option('host-price-usd', { type: 'number', describe: 'price of every target host type, USD (overrides the catalog)' })
    .option('avoided-refresh', { type: 'boolean', describe: 'count the avoided refresh of the source servers in the TCO' })
    .option('max-vms-per-host', { type: 'number', describe: 'at most N VMs on one host' })
    .option('vcpu-ratio', { type: 'number', describe: 'vCPU:pCPU limit R: at most cores x R vCPUs per host' })
    .option('ha', { type: 'number', describe: 'keep spare capacity so that any N host failures are absorbed (N=1 verified by re-packing each failure)' })
    .option('sizing', { type: 'string', choices: SIZING_STATISTICS as unknown as string[], describe: 'statistic of the utilization samples that sizes each workload (default p95)' })
    .option('growth', { type: 'number', describe: 'demand growth, percent per year, over --horizon-years (default 0)' })
    .option('profile-buckets', { type: 'number', describe: 'pack CPU per time-of-day bucket, e.g. 24 = hourly (default 0 = off)' });
}

/**
 * Picks the plan options out of parsed argv (camelCase keys = the option schema's names). With
 * --config FILE, the file's default overrides go into `defaults` (read relative to `cwd`).
 */
export function planOptionsFromArgv(a: Record<string, unknown>, cwd: string = process.cwd()): Record<string, unknown> {
  const keys = ['servers', 'hosts', 'hostType', 'virtualization', 'hypervisor', 'cpuTarget', 'memoryTarget', 'peakFactor', 'pue', 'usdPerKwh', 'gridGco2PerKwh', 'timeLimit', 'strict', 'config', 'cpuNormalization', 'horizonYears', 'amortizationYears', 'maintenancePct', 'facilityUsdPerKwMonth', 'licence', 'hostPriceUsd', 'avoidedRefresh', 'maxVmsPerHost', 'vcpuRatio', 'ha', 'optimize', 'reuseExisting', 'reuseOnly',
    'utilization', 'utilizationFormat', 'rvtools', 'rvtoolsIncludeAll', 'vmCores', 'vmMemoryGb', 'sizing', 'growth', 'profileBuckets'];
  const out: Record<string, unknown> = {};
  for (const k of keys) if (a[k] !== undefined) out[k] = a[k];
  if (typeof out.config === 'string') out.defaults = readConfigFile(out.config, cwd);
  return out;
}

export const planCommand: CommandFactory = (ctx) => ({
  command: 'plan',
  describe: 'plan the consolidation of physical servers onto hypervisor hosts',
  builder: (y) =>
    outputOptions(planOptions(inputOptions(y)), REPORT_FORMATS())
      .option('summary-csv', { type: 'string', describe: 'also write the summary as CSV to FILE (key,label,value,unit)' })
      .example('$0 plan --servers examples/datacenter/servers.csv', 'plan onto the default host type')
      .example('$0 plan --servers servers.csv --format html --out plan.html', 'a self-contained HTML report')
      .example('$0 plan --servers servers.csv --format csv --out placement.csv --summary-csv summary.csv', 'placement and summary for a spreadsheet'),
  handler: async (argv) => {
    const a = argv as Record<string, unknown>;
    const progress = createProgress(ctx.io);
    const opts = mergeConfigDefaults(planOptionsFromArgv(a, ctx.io.cwd ?? process.cwd()));
    ctx.activity = 'reading inputs';
    const input = await loadPlanInput(opts as never, ctx.io.cwd ?? process.cwd(), { signal: ctx.io.signal }, { onProgress: ingestProgress(ctx.io) });
    if (typeof a.rejects === 'string') writeRejects(a.rejects, input.issues ?? []);
    ctx.activity = `planning ${input.workloads.length} workloads (${input.rows?.read ?? 0} rows read, ${input.rows?.rejected ?? 0} rejected)`;
    const result = await plan(input, opts, {
      signal: ctx.io.signal,
      onProgress: (p) => progress.message(`packing: ${p.phase}${p.message ? ` ${p.message}` : ''}`),
    });
    progress.done();
    ctx.activity = 'writing the report';
    emit(ctx, result, String(a.format), a.out as string | undefined);
    if (typeof a.summaryCsv === 'string') writeFileAtomic(a.summaryCsv, renderSummaryCsv(result));
    ctx.exitCode = 0;
  },
});
