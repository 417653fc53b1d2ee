import type { Workload } from '../model/workload.js';
import { readTable, textCell, columnsSynopsis, type ColumnSpec, type TableRow } from './table.js';
import type { CsvReadOptions } from './csv.js';
import { Cooperator, mapCooperative } from '../util/cooperate.js';
import { AZURE_MIGRATE_FIELDS } from './fields.js';
import { compactName, unitById } from './units.js';
import type { LoadResult } from './servers.js';

/**
 * The Azure Migrate import CSV: the template that import-based discovery of Azure Migrate asks
 * for (one row per server), as an inventory given to `--servers`, recognised by its header
 * (`*Server name`, `*Cores`, `*Memory (In MB)`, `*OS name`; the `*` marks required columns of the
 * template, and generations of the template differ in capitalization, `*Server Name`, and in
 * optional columns such as `Server type` and `Hypervisor`).
 *
 * Read: the server name (the workload id), cores, memory in MB (converted once into GiB),
 * `CPU utilization percentage` and `Memory utilization percentage`. The CPU figure is one number
 * per server with no distribution behind it: it is taken as the server's utilization as it is,
 * both as the sizing figure (like a p95 column: Azure Migrate applies no peak factor to imported
 * utilization, only its comfort factor) and as the average for the "before" power. Memory in
 * use = memory utilization x memory, sized under the memory policy. `Server type` (`Virtual`) or
 * a named `Hypervisor` marks a server as a VM. Disk and network figures, packed when asked
 * (`--dimensions`, plan-io.ts): disk IOPS = the sum over disks of `Disk N read ops` + `write ops`,
 * disk throughput = the sum of `Disk N read throughput` + `write throughput` (MB/s), network =
 * (`Network In throughput` + `Network Out throughput`) x 8 (the template states MB per second; the
 * dimension is in Mbit/s). The identification, OS and disk size columns are known and not used.
 */

/** The header cells an Azure Migrate import CSV has (compact names). */
const SIGNATURE = ['servername', 'cores', 'osname'];

/**
 * Whether a header row is the Azure Migrate import template's: the server name, cores and OS name
 * columns, and memory in MB.
 * @example isAzureMigrateHeader(['*Server Name', 'IP addresses', '*Cores', '*Memory (In MB)', '*OS name']) === true
 */
export function isAzureMigrateHeader(cells: readonly string[]): boolean {
  const c = new Set(cells.map(compactName));
  return SIGNATURE.every((s) => c.has(s)) && (c.has('memoryinmb') || c.has('memorymb'));
}

const F = (key: string) => AZURE_MIGRATE_FIELDS.find((x) => x.key === key)!;
const GIB = unitById('GiB')!;
const PCT = { min: 0, max: 100 };
const PCT_EXPECTED = 'a percentage from 0 to 100';

/** The `Disk N ...` columns of the template: known; read and write ops and throughput are read as numbers, the others as text. */
const DISK_RE = /^disk\d+/;
const DISK_OPS_RE = /^disk\d+(read|write)ops/;
const DISK_THROUGHPUT_RE = /^disk\d+(read|write)throughput/;
const IO_EXPECTED = 'a number >= 0';
/** Megabits per megabyte: the template states network throughput in MB per second, the network dimension is in Mbit/s. */
const MBIT_PER_MB = 8;

function columnsFor(header: string[]): ColumnSpec[] {
  const cols: ColumnSpec[] = [
    { field: F('Server name'), schema: textCell(), expected: 'a server name', required: true },
    { field: F('Cores'), number: { gt: 0 }, expected: 'a number of cores > 0', required: true },
    { field: F('Memory (In MB)'), number: { gt: 0 }, unit: GIB, expected: 'memory in MB > 0', required: true, sense: { kind: 'memory-per-core', cores: 'Cores' } },
    { field: F('CPU utilization percentage'), number: PCT, expected: PCT_EXPECTED, sense: { kind: 'percent' } },
    { field: F('Memory utilization percentage'), number: PCT, expected: PCT_EXPECTED, sense: { kind: 'percent' } },
  ];
  for (const key of ['Network In throughput', 'Network Out throughput']) cols.push({ field: F(key), number: { min: 0 }, expected: IO_EXPECTED });
  for (const x of AZURE_MIGRATE_FIELDS) if (!cols.some((c) => c.field === x)) cols.push({ field: x, schema: textCell(), expected: 'text' });
  // Disk N columns: one field per header cell, so they are known (not reported as unknown); ops and throughput are numbers.
  for (const h of header) {
    const c = compactName(h);
    if (!DISK_RE.test(c)) continue;
    const field = { key: h.replace(/^\*/, '').trim(), aliases: [], meaning: 'a disk of the server' };
    cols.push(DISK_OPS_RE.test(c) || DISK_THROUGHPUT_RE.test(c) ? { field, number: { min: 0 }, expected: IO_EXPECTED } : { field, schema: textCell(), expected: 'text' });
  }
  return cols;
}

/** Every column the reader uses, required first (for messages). */
export const AZURE_MIGRATE_COLUMNS = columnsSynopsis(columnsFor([]).slice(0, 5));

/** True when the server is a VM by the template's own columns. */
function virtualBy(serverType: string | undefined, hypervisor: string | undefined): boolean {
  if (serverType !== undefined) return /virtual|^vm$/i.test(serverType.trim());
  return hypervisor !== undefined && !/^(none|n\/?a|physical|-)$/i.test(hypervisor.trim());
}

function toWorkload(file: string, r: TableRow): Workload {
  const v = r.values as Record<string, unknown>;
  const memoryGiB = v['Memory (In MB)'] as number;
  const w: Workload = { id: v['Server name'] as string, source: { file, line: r.line }, cores: v.Cores as number, memoryGiB };
  const cpu = v['CPU utilization percentage'] as number | undefined;
  if (cpu !== undefined) {
    w.cpuUtilP95Fraction = cpu / 100;
    w.cpuUtilAvgFraction = cpu / 100;
    w.cpuUtilField = 'CPU utilization percentage';
  }
  const mem = v['Memory utilization percentage'] as number | undefined;
  if (mem !== undefined) {
    w.memoryUsedGiB = (mem / 100) * memoryGiB;
    w.memoryUsedField = 'Memory utilization percentage x Memory (In MB)';
  }
  // Disk and network figures (packed with --dimensions): sums over the Disk N columns, in + out.
  let ops: number | undefined;
  let mbs: number | undefined;
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'number') continue;
    const c = compactName(k);
    if (DISK_OPS_RE.test(c)) ops = (ops ?? 0) + x;
    else if (DISK_THROUGHPUT_RE.test(c)) mbs = (mbs ?? 0) + x;
  }
  const netIn = v['Network In throughput'] as number | undefined;
  const netOut = v['Network Out throughput'] as number | undefined;
  const io: NonNullable<Workload['ioFields']> = {};
  if (ops !== undefined) {
    w.diskIops = ops;
    io.diskIops = 'Disk N read ops + write ops (operations per second)';
  }
  if (mbs !== undefined) {
    w.diskMbPerS = mbs;
    io.diskMbPerS = 'Disk N read + write throughput (MB per second)';
  }
  if (netIn !== undefined || netOut !== undefined) {
    w.networkMbps = ((netIn ?? 0) + (netOut ?? 0)) * MBIT_PER_MB;
    io.networkMbps = `${[netIn !== undefined ? 'Network In throughput' : '', netOut !== undefined ? 'Network Out throughput' : ''].filter(Boolean).join(' + ')} (MB per second x 8)`;
  }
  if (Object.keys(io).length) w.ioFields = io;
  if (virtualBy(v['Server type'] as string | undefined, v.Hypervisor as string | undefined)) w.isVirtual = true;
  return w;
}

/** Loads an Azure Migrate import CSV. Bad rows become issues; good rows go on. */
export async function loadAzureMigrate(path: string, optsIn: CsvReadOptions & { label?: string } = {}): Promise<LoadResult<Workload>> {
  const label = optsIn.label ?? path;
  const opts = { ...optsIn, cooperator: optsIn.cooperator ?? new Cooperator({ signal: optsIn.signal }) };
  const t = await readTable(path, label, { columns: columnsFor, idKey: 'Server name', describe: `${AZURE_MIGRATE_COLUMNS} (the Azure Migrate import template)` }, opts);
  return { records: await mapCooperative(t.rows, (r) => toWorkload(label, r), opts.cooperator), issues: t.issues, rows: t.accounting, unitOverridesUsed: t.unitOverridesUsed };
}
