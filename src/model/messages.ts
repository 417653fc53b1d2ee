/**
 * THE catalogue of messages: every issue, warning, unplaced reason and option error the library
 * reports is data, `{ code, severity, args, path }` plus its location, and its words are made here
 * and nowhere else, by `renderMessage(code, args, where)`. Every renderer (text, JSON `message`,
 * CSV `--rejects`, Markdown, HTML) shows the string made here.
 *
 * Each code has one entry: what it means (the README table of codes is generated from it) and a
 * render function whose first parameter types the code's `args` (`MessageArgs[code]`). Adding a
 * code is adding one entry here; the JSON Schema's code enum, the README table and the test that
 * renders every code follow from it. Existing codes are a contract: they keep their name and
 * meaning (new ones are appended, so the order of `ISSUE_CODES` stays stable too).
 *
 * Args carry values, never sentences: a template formats numbers, names and lists. The only text
 * an argument may carry is a noun phrase saying what a valid value looks like (`expected`), and
 * the names the input itself uses (column names, ids, file names).
 */

import type { NumberProblem } from '../ingest/numbers.js';
import type { UnitSuspect } from '../ingest/sense.js';

/** Where a message points in the input: file, 1-based line (header = line 1), column, raw cell. */
export interface Where {
  file?: string;
  line?: number;
  column?: string;
  raw?: string;
}

/** Why csv-parse (or our lean reader) could not read a record. */
export type CsvProblem =
  | { kind: 'unclosed-quote'; openedLine?: number }
  | { kind: 'several-records'; records: number }
  /** A csv-parse error code (CSV_INVALID_CLOSING_QUOTE, ...): described when known, else named. */
  | { kind: 'parser'; parserCode: string };

/** Cross-field and content checks of one row (row.invalid-value). */
export type RowProblem =
  | { problem: 'not-utf8' }
  | { problem: 'memory-used-exceeds-installed'; usedGb: number; installedGb: number }
  | { problem: 'average-exceeds-peak'; averagePercent: number; peakPercent: number }
  | { problem: 'incomplete-power-curve' }
  | { problem: 'power-curve-falls'; fromWatts: number; toWatts: number }
  | { problem: 'no-power-data' }
  | { problem: 'max-below-idle'; idleWatts: number; maxWatts: number }
  | { problem: 'no-cpu-provisioned' }
  | { problem?: undefined };

/** Why a file (or folder) could not be read at all (file.unreadable). */
export type Unreadable =
  | { reason: 'not-found'; what?: 'file' | 'folder' | 'path' }
  | { reason: 'not-a-file' }
  | { reason: 'not-a-folder' }
  /** An operating-system error, by its errno code (EACCES, EISDIR, ...). */
  | { reason: 'io'; errno: string; what?: 'file' | 'folder' }
  | { reason: 'header'; problem: CsvProblem }
  | { reason: 'csv'; problem: CsvProblem }
  | { reason: 'no-trace-files' }
  /** No VM tab: `found` lists the workbook's sheets (or the folder's CSV files, `folder`). */
  | { reason: 'no-vinfo'; found?: string[]; folder?: boolean }
  | { reason: 'unknown-format'; formats: string[] }
  | { reason: 'format-expects'; format: string; expects: 'file' | 'folder' }
  | { reason: 'no-valid-rows'; what: 'host type' }
  | NotText;

/**
 * A file given where a CSV file is expected that is not text (file.unreadable): what it is, and
 * what to give instead. `option` is the flag it was given to; `sheets`, a workbook's sheets.
 */
export type NotText = {
  reason: 'not-text';
  kind: 'rvtools-xlsx' | 'xlsx' | 'xls' | 'zip' | 'gzip' | 'pdf' | 'utf16' | 'binary';
  option?: string;
  sheets?: string[];
};

/** The options that take an inventory of workloads, beside which an RVTools export is given as --rvtools. */
const INVENTORY_OPTIONS: readonly string[] = ['--servers', '--utilization'];

function notText(a: NotText): string {
  const as = a.option ? ` as ${a.option}` : '';
  // Where an RVTools export goes: --rvtools of the same command when the file was given as an
  // inventory (or nothing says otherwise); else a host catalog or pack's files are CSV only, and
  // an RVTools export is planned by `consolidate plan --rvtools`.
  const inventory = a.option === undefined || INVENTORY_OPTIONS.includes(a.option);
  const rvtools = inventory ? 'give it as --rvtools FILE.xlsx' : `${a.option} takes a CSV file; an RVTools export is an inventory of VMs, planned with consolidate plan --rvtools FILE.xlsx`;
  switch (a.kind) {
    case 'rvtools-xlsx':
      return `this is an Excel workbook with a vInfo sheet (an RVTools export), not a CSV file: ${rvtools}`;
    case 'xlsx':
      return `this is an Excel workbook${a.sheets?.length ? ` (sheets: ${idList(a.sheets, 10)})` : ''}, not a CSV file: save the sheet as "CSV UTF-8" and give that file${as}${inventory ? '; an RVTools export goes to --rvtools' : ''}`;
    case 'xls':
      return `this is a legacy Excel .xls file, not a CSV file: save the sheet as "CSV UTF-8" and give that file${as}`;
    case 'zip':
      return `this is a zip archive, not a CSV file: unpack it and give the CSV file${as}${inventory ? ' (a folder of traces goes to --utilization FOLDER)' : ''}`;
    case 'gzip':
      return `this is a gzip-compressed file, not a CSV file: decompress it (gunzip) and give the CSV file${as}`;
    case 'pdf':
      return `this is a PDF document, not a CSV file: export the data as CSV and give that file${as}`;
    case 'utf16':
      return `this is UTF-16 text (Excel's "Unicode Text"), not UTF-8: save it as "CSV UTF-8" and give that file${as}`;
    case 'binary':
      return `this is a binary file, not a CSV file (it holds NUL bytes): give a CSV text file${as}`;
  }
}

/** A unit the reader inferred from the data (file.unit-detected). */
export type UnitDetected =
  | { what: 'rvtools-host-memory'; unit: 'KiB' | 'MiB'; medianHostGiB: number }
  | { what: 'timestamp-seconds-not-ms' }
  | { what: 'timestamp-ms' };

/** A value the loaders assumed (data.assumed-value). */
export type AssumedValue =
  | { what: 'rvtools-no-vhost' }
  | {
      what: 'rvtools-snapshot';
      vms: number;
      activeMemoryVms: number;
      /** VMs whose CPU is their vCPU Overall MHz, their host's measured demand shared by vCPU, or assumed. */
      vmOverall?: number;
      hostShare?: number;
      cpuAssumed?: number;
      /** VMs with a vMemory Consumed figure. */
      consumedMemoryVms?: number;
    }
  | { what: 'trace-cores'; workloads: number; vmCores: number }
  | { what: 'trace-memory'; workloads: number; vmMemoryGiB: number; memorySamples: boolean };

/** What a loader left out on purpose (data.skipped). */
export type Skipped =
  | { what: 'rvtools-vms'; poweredOff: number; templates: number; srm: number }
  | { what: 'files'; files: string[]; expected: 'traces' | 'N.csv traces' | 'perfmon CSV files' | 'sysstat files' }
  /** Samples with a blank cell (typeperf's first sample of a rate counter): not samples, not rejected. */
  | { what: 'blank-samples'; samples: number; rows: number };

/**
 * What an RVTools inventory held when no VM was left to plan (data.no-usable-vm): its sheets (or
 * CSV files), the VM rows read, how many were skipped and why, how many rejected (by column, and
 * the first one), and the host rows.
 */
export type NoUsableVm = {
  /** Name of the VM tab as found (`vInfo`). */
  table: string;
  /** The tabs are CSV files of a folder, not sheets of a workbook. */
  folder: boolean;
  sheets: string[];
  rowsRead: number;
  skipped: { poweredOff: number; template: number; srm: number };
  /** Power-state values of the VMs skipped as not powered on, with counts. */
  powerStates: Record<string, number>;
  /** Rejected rows by the column at fault ('' for a row that could not be read). */
  rejectedByColumn: Record<string, number>;
  /** The first rejected row: its location and its own code and args. */
  firstRejected?: { code: IssueCode; args: unknown; file?: string; line?: number; column?: string; raw?: string };
  /** Whether there is a vHost tab, and its host rows. */
  hostTab: boolean;
  hostsRead: number;
  /** Skipped VMs were skipped although --rvtools-include-all was given (never, today). */
  includeAll: boolean;
};

function noUsableVm(a: NoUsableVm): string {
  const sorted = (r: Record<string, number>) => Object.entries(r).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const parts = [a.sheets.length ? `found ${a.folder ? 'CSV files' : 'sheets'} ${idList(a.sheets, 30)}` : `found no ${a.folder ? 'CSV file' : 'sheet'}`];
  if (a.rowsRead === 0) parts.push(`${a.table} has a header row and no VM rows`);
  else {
    const { poweredOff, template, srm } = a.skipped;
    const skipped = poweredOff + template + srm;
    const rejected = Object.values(a.rejectedByColumn).reduce((x, y) => x + y, 0);
    let line = `${a.table} has ${plural(a.rowsRead, 'VM row')}: ${skipped} skipped`;
    if (skipped) {
      const states = sorted(a.powerStates).map(([st, n]) => `${JSON.stringify(st)} ${n}`).join(', ');
      line += ` (${poweredOff} not powered on${states ? ` [Powerstate ${states}]` : ''}, ${plural(template, 'template')}, ${plural(srm, 'SRM placeholder')}${a.includeAll ? '' : '; --rvtools-include-all plans them'})`;
    }
    line += `, ${rejected} rejected`;
    if (rejected) {
      const cols = sorted(a.rejectedByColumn).map(([c, n]) => `${n} ${c ? `in column '${c}'` : 'unreadable'}`).join(', ');
      const f = a.firstRejected;
      const first = f ? `; first: ${locationPrefix(f)}${renderMessage(f.code, f.args as never, f)}` : '';
      line += ` (${cols}${first})`;
    }
    parts.push(line);
  }
  parts.push(a.hostTab ? `vHost has ${plural(a.hostsRead, 'host row')}` : 'no vHost tab');
  return `no usable VM to plan: ${parts.join('; ')}`;
}

/** One dimension an item needs more of than the largest host type offers. */
export interface DimensionShortfall {
  dimension: string;
  /** Display name and unit of the dimension (plan: "memory", "GiB"); absent for raw dimensions (pack). */
  name?: string;
  unit?: string;
  demand: number;
  capacity: number;
}

/** An affinity group whose members are unplaced together. */
export interface AffinityGroupRef {
  name: string;
  items: number;
}

/** How an option value broke its rule (option.invalid), from the option table's zod schema. */
export type OptionProblem =
  | { kind: 'too-small'; minimum: number; inclusive: boolean; of?: 'number' | 'array' | 'string'; got?: unknown }
  | { kind: 'too-big'; maximum: number; inclusive: boolean; of?: 'number' | 'array' | 'string'; got?: unknown }
  | { kind: 'not-integer'; got?: unknown }
  | { kind: 'choice'; values: string[]; got?: unknown }
  | { kind: 'type'; expected: string; got?: unknown }
  | { kind: 'unknown-option' }
  /** A rule with its own short statement (a refinement: "not a built-in host type"). */
  | { kind: 'rule'; rule: string; got?: unknown };

/** A plan option that had nothing to act on (plan.warning). */
export type PlanWarning =
  | { what: 'optimize-one-type'; objective: string; hostType: string }
  | { what: 'nothing-to-reuse' }
  | { what: 'reuse-without-iops'; servers: string[] }
  | { what: 'overload-risk-not-met'; targetPercent: number; achievedPercent: number; cpuTargetPercent: number };

/** An option that could not apply as asked (plan.fallback). */
export type PlanFallback = { what: 'profile-without-samples'; buckets: number } | { what: 'risk-without-samples'; option: '--overload-risk' | '--risk-curve' };

/** The time zone of a monitoring export's timestamps (file.time-zone). */
export type TimeZoneNote = {
  /** The zone's name as the file states it (PDH header, sysstat timezone). */
  zone?: string;
  /** Windows bias, minutes: UTC = local time + bias (PDH header). */
  biasMinutes?: number;
  /** The timestamps are stated in UTC already (sadf's `UTC`, sadf -j `utc`). */
  utc?: boolean;
};

function offsetText(biasMinutes: number): string {
  const off = -biasMinutes;
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** A daylight-saving change inside a monitoring export stated with one bias (file.dst-change). */
export type DstChange = {
  /** The zone as the file names it. */
  zone?: string;
  /** The IANA zone whose rules converted the times (applied), when the name is known. */
  iana?: string;
  /** True: converted by the zone's rules; false: the header's single bias applied throughout. */
  applied: boolean;
  /** Why the rules were not applied: the zone name is not in the table, or its offset at the first sample is not the header's bias. */
  reason?: 'unknown-zone' | 'bias-mismatch';
  /** The header's bias, minutes (UTC = local + bias). */
  biasMinutes?: number;
  /** Each change met: the local time as written, offsets before and after (minutes east of UTC); for a tell-tale, the local time before it went back. */
  changes: { at: string; beforeMinutes?: number; afterMinutes?: number; from?: string }[];
};

function dstChange(a: DstChange): string {
  const off = (m: number) => offsetText(-m);
  if (a.applied) {
    const list = a.changes.map((c) => `${c.at} (${off(c.beforeMinutes!)} -> ${off(c.afterMinutes!)})`).join(', ');
    return `local times of ${a.zone} cross a daylight-saving change at ${list}: converted into UTC by the rules of ${a.iana} (time-zone database), not the header's single bias`;
  }
  const list = a.changes.map((c) => `${c.from} -> ${c.at}`).join(', ');
  const why = a.reason === 'bias-mismatch' ? `the header's bias does not match ${a.iana} at the first sample` : `the time zone ${a.zone ? JSON.stringify(a.zone) : '(unnamed)'} is not one whose rules are known here`;
  return `local time goes back (${list}): the tell-tale of a daylight-saving change, but ${why}, so the header's bias${a.biasMinutes !== undefined ? ` (${offsetText(a.biasMinutes)})` : ''} is applied to every sample: samples after the change may be an hour off`;
}

function timeZoneNote(a: TimeZoneNote): string {
  if (a.utc) return `timestamps are in UTC${a.zone ? ` (${a.zone})` : ''}`;
  if (a.biasMinutes === undefined) return `no UTC offset stated${a.zone ? ` for ${a.zone}` : ''}: timestamps read as UTC`;
  return `local timestamps of ${a.zone ?? 'an unnamed zone'} (${offsetText(a.biasMinutes)}) turned into UTC`;
}

/** What a monitoring export was read from (file.counters). */
export type CountersNote = {
  format: 'perfmon' | 'sysstat';
  hosts: number;
  /** Counters (metrics) CPU utilization was read from. */
  cpu: string[];
  /** Counters (metrics) memory in use was read from. */
  memory: string[];
  /** Counters (metrics) present and not used. */
  ignored: string[];
};

function countersNote(a: CountersNote): string {
  const win = a.format === 'perfmon' ? ' (% Processor Utility wins over % Processor Time when both are there)' : '';
  return (
    `${plural(a.hosts, 'host')}: CPU from ${a.cpu.join(', ') || 'nothing'}${win}; memory from ${a.memory.join(', ') || 'nothing'}` +
    (a.ignored.length ? `; ${plural(a.ignored.length, a.format === 'perfmon' ? 'other counter' : 'other metric')} ignored: ${idList(a.ignored, 20)}` : '')
  );
}

/** Format descriptions of the utilization formats (file.detected-format; `--help`). */
export const UTILIZATION_FORMAT_DESCRIPTIONS = {
  bitbrains: 'Bitbrains GWA-T-12 folder of N.csv files (";" + TAB separated, with header)',
  planetlab: 'CloudSim PlanetLab folder (one file per VM, one CPU percent per line, 5-minute steps)',
  long: 'long CSV (timestamp,id,cpu_pct[,memory_used_gb|memory_pct][,disk_iops][,disk_mb_per_s][,net_mbps])',
  perfmon: 'Windows Performance Monitor CSV (typeperf -f CSV, relog -f csv), a file or a folder of them',
  sysstat: 'Linux sysstat export (sadf -d or sadf -j), a file or a folder of them',
} as const;

/** Format descriptions of the inventory formats `--servers` reads (file.detected-inventory). */
export const INVENTORY_FORMAT_DESCRIPTIONS = {
  servers: 'servers CSV (id, cores, memory_gb, ...; the names of the alias table)',
  'azure-migrate': 'Azure Migrate import CSV (*Server name, *Cores, *Memory (In MB), *OS name, CPU and memory utilization percentage, ...)',
} as const;

/** csv-parse error codes we describe in words; others are named by their code. */
const CSV_PARSER_CODES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by something other than a delimiter',
  CSV_INVALID_OPENING_QUOTE: 'a quote opens in the middle of a field',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by something other than a delimiter',
  CSV_MAX_RECORD_SIZE: 'the record is longer than 4 MiB',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the record has a different number of fields',
  CSV_INVALID_ARGUMENT: 'the record cannot be split into fields',
};

const ERRNO: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EMFILE: 'too many open files',
  ELOOP: 'too many symbolic links',
};

/** Quotes a raw value for a message, truncating very long values. */
export function quote(raw: string | undefined): string {
  if (raw === undefined) return '(none)';
  const s = raw.length > 80 ? `${raw.slice(0, 77)}...` : raw;
  return JSON.stringify(s);
}

const col = (w: Where) => (w.column ? `column '${w.column}': ` : '');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : String(Math.round(x * 1000) / 1000));

/** Wording of a plan.warning. */
function planWarning(a: PlanWarning): string {
  return (
      a.what === 'optimize-one-type'
        ? `--optimize ${a.objective} has one host type to choose from (${a.hostType}): the plan packs it by the objective, and there is no mix to compare`
        : a.what === 'nothing-to-reuse'
          ? '--reuse-existing: no current physical server has room for VMs after the hypervisor reserve and the targets, so none is kept'
          : a.what === 'reuse-without-iops'
            ? `--dimensions disk-iops with --reuse-existing: a current server's disk IOPS capacity is not known (the inventory states what a server draws, not what its storage can give), so ${a.servers.length} current server(s) are not offered as hosts: ${idList(a.servers)}`
            : `--overload-risk ${num(a.targetPercent)}: no CPU target the search tried meets it; the plan with the lowest overload (${num(a.achievedPercent)}% of active host time, CPU target ${num(a.cpuTargetPercent)}%) is kept`
  );
}

/** "a, b, c, ... (7 more)": at most `max` ids, then a count. */
export function idList(ids: readonly string[], max = 10): string {
  return ids.length > max ? `${ids.slice(0, max).join(', ')}, ... (${ids.length - max} more)` : ids.join(', ');
}

function gotText(got: unknown): string {
  if (got === undefined) return '';
  return `, got ${typeof got === 'string' ? JSON.stringify(got) : Array.isArray(got) ? JSON.stringify(got) : String(got)}`;
}

function csvProblem(p: CsvProblem): string {
  switch (p.kind) {
    case 'unclosed-quote':
      return `unclosed quote: the quoted field${p.openedLine !== undefined ? ` opened on line ${p.openedLine}` : ''} never closes`;
    case 'several-records':
      return `expected one record, found ${p.records}`;
    case 'parser':
      return CSV_PARSER_CODES[p.parserCode] ? `${CSV_PARSER_CODES[p.parserCode]} (${p.parserCode})` : `csv-parse error ${p.parserCode}`;
  }
}

function rowProblem(p: RowProblem): string | undefined {
  switch (p.problem) {
    case 'not-utf8':
      return 'contains bytes that are not valid UTF-8';
    case 'memory-used-exceeds-installed':
      return `memory used (${num(p.usedGb)} GB) exceeds installed memory (${num(p.installedGb)} GB)`;
    case 'average-exceeds-peak':
      return `average CPU (${num(p.averagePercent)}%) exceeds p95/peak CPU (${num(p.peakPercent)}%)`;
    case 'incomplete-power-curve':
      return 'incomplete power curve';
    case 'power-curve-falls':
      return `power falls from ${num(p.fromWatts)} W to ${num(p.toWatts)} W as load rises`;
    case 'no-power-data':
      return 'no power data';
    case 'max-below-idle':
      return `max_watts (${num(p.maxWatts)}) is below idle_watts (${num(p.idleWatts)})`;
    case 'no-cpu-provisioned':
      return 'no CPU provisioned (0 cores or 0 MHz): the VM was not running, so this is not a utilization sample';
    default:
      return undefined;
  }
}

function unreadable(u: Unreadable): string {
  switch (u.reason) {
    case 'not-found':
      return u.what === 'folder' ? 'folder could not be read: no such folder' : u.what === 'path' ? 'no such file or folder' : 'file could not be read: no such file';
    case 'not-a-file':
      return 'not a regular file';
    case 'not-a-folder':
      return 'not a folder';
    case 'io':
      return `${u.what === 'folder' ? 'folder' : 'file'} could not be read: ${ERRNO[u.errno] ?? 'error'} (${u.errno})`;
    case 'header':
      return `header line could not be parsed: ${csvProblem(u.problem)}`;
    case 'csv':
      return `CSV could not be parsed: ${csvProblem(u.problem)}`;
    case 'no-trace-files':
      return 'no trace files in this folder';
    case 'no-vinfo':
      if (!u.found) return 'no vInfo tab found (expected a sheet named vInfo, or RVTools_tabvInfo.csv in the folder)';
      return `no vInfo tab found (${u.found.length ? `found ${u.folder ? 'CSV files' : 'sheets'}: ${idList(u.found, 30)}` : `found no ${u.folder ? 'CSV file' : 'sheet'}`}; expected ${u.folder ? 'RVTools_tabvInfo.csv in the folder' : 'a sheet named vInfo'})`;
    case 'unknown-format':
      return `not a recognised utilization format (known: ${u.formats.join(', ')}; a long CSV needs the columns timestamp, id and cpu_pct, or their names in the alias table); --utilization-format NAME reads it as one of them and says what is missing`;
    case 'format-expects':
      return `--utilization-format ${u.format} expects a ${u.expects}`;
    case 'no-valid-rows':
      return `no valid ${u.what} rows`;
    case 'not-text':
      return notText(u);
  }
}

function shortfalls(dims: DimensionShortfall[], afterReserve: boolean): string {
  return dims
    .map((d) => {
      if (d.name === undefined) return `${d.dimension}: needs ${num(d.demand)}, largest host offers ${num(d.capacity)}`;
      const u = d.unit ? ` ${d.unit}` : '';
      return `${d.name}: needs ${d.demand.toFixed(1)}${u}, largest host offers ${d.capacity.toFixed(1)}${u}${afterReserve ? ' (after reserve and target)' : ''}`;
    })
    .join('; ');
}

const group = (g: AffinityGroupRef | undefined) => (g ? `affinity group ${g.name} (${g.items} items) ` : '');

function sizeRule(of: 'number' | 'array' | 'string' | undefined, op: string, bound: number, words: string, count: number): string {
  if (of === 'array') return `${words} ${count} values`;
  if (of === 'string') return `${words} ${count} characters`;
  return `a number ${op} ${bound}`;
}

function optionProblem(p: OptionProblem): string {
  switch (p.kind) {
    case 'too-small':
      return `Too small: expected ${sizeRule(p.of, p.inclusive ? '>=' : '>', p.minimum, 'at least', p.inclusive ? p.minimum : p.minimum + 1)}${gotText(p.got)}`;
    case 'too-big':
      return `Too big: expected ${sizeRule(p.of, p.inclusive ? '<=' : '<', p.maximum, 'at most', p.inclusive ? p.maximum : p.maximum - 1)}${gotText(p.got)}`;
    case 'not-integer':
      return `expected a whole number${gotText(p.got)}`;
    case 'choice':
      return `expected one of ${p.values.join(', ')}${gotText(p.got)}`;
    case 'type':
      return `expected ${p.expected}${gotText(p.got)}`;
    case 'unknown-option':
      return 'unknown option';
    case 'rule':
      return `${p.rule}${gotText(p.got)}`;
  }
}

/** What is wrong with a cell that looks like a number written another way (row.invalid-number). */
function numberProblemText(p: NumberProblem): string {
  switch (p) {
    case 'percent-sign':
      return 'a % sign in a column that is not a percentage';
    case 'thousands-separator':
      return 'thousands separators are not read (write the number without them, e.g. 1234.5, or 1234,5 in a file with decimal commas)';
    case 'ambiguous-separator':
      return "ambiguous: this file's decimal separator is unknown (no number in its first rows shows it), so the separator could be a decimal or a thousands separator; write the number without a thousands separator, or say --decimal-separator point|comma";
    case 'decimal-comma':
      return 'a decimal comma in a file whose numbers use a decimal point (say --decimal-separator comma if the file uses decimal commas)';
    case 'decimal-point':
      return 'a decimal point in a file whose numbers use a decimal comma (say --decimal-separator point if the file uses decimal points)';
  }
}

function unknownColumns(columns: string[], shadowed: { column: string; field: string; used: string }[]): string {
  const parts: string[] = [];
  if (columns.length) parts.push(`${columns.length === 1 ? 'column' : 'columns'} ${columns.map((c) => quote(c)).join(', ')} ${columns.length === 1 ? 'is' : 'are'} not used (ignored)`);
  for (const s of shadowed) parts.push(`column ${quote(s.column)} also names ${s.field}, which is read from ${quote(s.used)} (ignored)`);
  return parts.join('; ');
}

const DELIMITER_NAME: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** How a CSV file was read (file.dialect-detected). */
export type DialectDetected = {
  delimiter: ',' | ';' | '\t';
  decimal: 'point' | 'comma' | 'unknown';
  /** Where the decimal separator came from: seen in cells, --decimal-separator, or nowhere. */
  from: 'cells' | 'option' | 'none';
  evidence?: { line: number; column: string; raw: string };
};

function dialect(a: DialectDetected): string {
  const delim = `${DELIMITER_NAME[a.delimiter] ?? JSON.stringify(a.delimiter)}-separated`;
  if (a.decimal === 'unknown') return `read as ${delim}; the decimal separator could not be detected (no number in the first rows has a decimal part that shows it): plain numbers read as usual, numbers like 1,234 are rejected as ambiguous (--decimal-separator point|comma says which)`;
  const dec = a.decimal === 'comma' ? 'decimal commas' : 'decimal points';
  const how = a.from === 'option' ? ' (--decimal-separator)' : a.evidence ? ` (seen in column '${a.evidence.column}' line ${a.evidence.line}: ${quote(a.evidence.raw)})` : '';
  return `read as ${delim} with ${dec}${how}`;
}

/** Wording of a data.unit-suspect finding. */
function unitSuspect(a: UnitSuspect): string {
  const say = `if they are ${a.stated}, say --units ${a.override}`;
  switch (a.problem) {
    case 'percent-at-most-1':
      return `column '${a.column}': every value is at most 1 (largest ${num(a.max)}), so they look like fractions, not percent: read as fractions (0.25 = 25%); ${say}`;
    case 'memory-per-core':
      return `column '${a.column}': median ${num(a.medianGiBPerCore)} GiB per core read as ${a.stated}, outside the plausible ${num(a.minGiBPerCore)}-${num(a.maxGiBPerCore)} GiB per core: read as ${a.assumed}; ${say}`;
    case 'clock-mhz':
    case 'clock-ghz':
      return `column '${a.column}': median clock ${num(a.median)} GHz read as ${a.stated}, outside the plausible ${num(a.minGhz)}-${num(a.maxGhz)} GHz: read as ${a.assumed}; ${say}`;
    case 'same-unit-as':
      return `column '${a.column}': read as ${a.assumed} like column '${a.other}', whose header states the same unit; ${say}`;
  }
}

/** One input file's rows, for data.no-usable-workload. */
export type InputRows = { file: string; read: number; accepted: number; rejected: number };
/** A rejected row: where, and its own code and args. */
export type FirstRejected = { code: IssueCode; args: unknown; file?: string; line?: number; column?: string; raw?: string };

/** What the inputs held when no workload was left to plan (data.no-usable-workload). */
export type NoUsableWorkload = {
  inputs: InputRows[];
  /** Rejected rows by the column at fault ('' for a row that could not be read). */
  rejectedByColumn: Record<string, number>;
  /** The first rejected rows (at most three). */
  firstRejected: FirstRejected[];
  /** Ids with samples but no inventory row (left out). */
  noInventory?: number;
};

function noUsableWorkload(a: NoUsableWorkload): string {
  const parts = a.inputs.map((i) => `${i.file}: ${plural(i.read, 'row')} read, ${i.accepted} accepted, ${i.rejected} rejected`);
  const cols = Object.entries(a.rejectedByColumn).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  if (cols.length) parts.push(`rejected: ${cols.map(([c, n]) => `${n} ${c ? `in column '${c}'` : 'unreadable'}`).join(', ')}`);
  if (a.noInventory) parts.push(`${plural(a.noInventory, 'id')} with samples but no inventory row`);
  if (a.firstRejected.length) parts.push(`first: ${a.firstRejected.map((f) => `${locationPrefix(f)}${renderMessage(f.code, f.args as never, f)}`).join('; ')}`);
  return `no workload to plan: ${parts.join('; ')}`;
}

interface Entry<A> {
  /** One sentence: what the code means and what happens (README table). */
  meaning: string;
  render: (args: A, where: Where) => string;
}
const entry = <A>(meaning: string, render: (args: A, where: Where) => string): Entry<A> => ({ meaning, render });

type Empty = Record<string, never>;

/** Per unplaced reason: the args each code carries. */
export interface UnplacedArgs {
  'unplaced.too-large': { dimensions: DimensionShortfall[]; afterReserve?: boolean; affinityGroup?: AffinityGroupRef };
  'unplaced.no-single-type': { types: { hostType: string; dimension: string; demand: number; capacity: number }[]; affinityGroup?: AffinityGroupRef };
  'unplaced.no-host-left': Empty;
  'unplaced.invalid-demand': { demand: number[] };
  'unplaced.affinity-sites': { group: string };
  'unplaced.affinity-conflict': { group: string; antiAffinityGroup: string };
}
export type UnplacedCode = keyof UnplacedArgs;
/** Why one item is unplaced: a code and its args (rendered into `unplaced[].reason`). */
export type UnplacedReason = { [C in UnplacedCode]: { code: C; args: UnplacedArgs[C] } }[UnplacedCode];

const UNPLACED: { [C in UnplacedCode]: Entry<UnplacedArgs[C]> } = {
  'unplaced.too-large': entry('an item needs more of some resource than the largest host type offers (after reserve and targets, in a plan); it stays where it is', (a) => group(a.affinityGroup) + shortfalls(a.dimensions, a.afterReserve ?? false)),
  'unplaced.no-single-type': entry('every host type lacks some resource the item needs, though none lacks all; it stays where it is', (a) =>
    group(a.affinityGroup) +
    'no single host type fits every dimension: ' +
    [...new Map(a.types.map((t) => [t.hostType, t])).values()].map((t) => `${t.hostType} lacks ${t.dimension} (needs ${num(t.demand)}, offers ${num(t.capacity)})`).join('; '),
  ),
  'unplaced.no-host-left': entry('the item fits a host type, but every host of the types that fit is used up (host counts)', () => 'no host left: every host type that fits is used up (host counts)'),
  'unplaced.invalid-demand': entry('a demand is not a finite number >= 0', (a) => `invalid demand (${a.demand.join(', ')}): every value must be a finite number >= 0`),
  'unplaced.affinity-sites': entry('an affinity group has members in several sites, so they cannot share a host', (a) => `affinity group ${a.group} spans several sites; its items cannot share a host`),
  'unplaced.affinity-conflict': entry('an affinity group holds two members of one anti-affinity group, so both rules cannot hold', (a) => `affinity group ${a.group} contains two items of anti-affinity group ${a.antiAffinityGroup}; both cannot hold`),
};

/** The unplaced.* codes (`unplaced[].code`). */
export const UNPLACED_CODES = Object.keys(UNPLACED) as [UnplacedCode, ...UnplacedCode[]];

/** Renders an unplaced reason (the `reason` string of `unplaced[]`). */
export function renderUnplacedReason(r: UnplacedReason): string {
  return (UNPLACED[r.code] as Entry<UnplacedArgs[UnplacedCode]>).render(r.args, {});
}

export const MESSAGES = {
  // ---- row level: a rejected row is severity "error" ----
  'row.invalid-number': entry<{ expected?: string; problem?: NumberProblem }>('a cell that must be a number is not one (words, units, a thousands separator, a decimal separator the file does not use; `problem` says which); the row is rejected', (a, w) => `${col(w)}expected ${a.expected ?? 'a number'}, got ${quote(w.raw)}${a.problem ? `: ${numberProblemText(a.problem)}` : ''}`),
  'row.out-of-range': entry<{ expected?: string }>('a number outside its valid range; the row is rejected', (a, w) => `${col(w)}value ${quote(w.raw)} is out of range: expected ${a.expected ?? 'a valid value'}`),
  'row.missing-value': entry<{ expected?: string }>('a required cell is empty; the row is rejected', (a, w) => `${col(w)}required value is empty${a.expected ? ` (expected ${a.expected})` : ''}`),
  'row.invalid-enum': entry<{ expected: string }>('a cell is not one of the allowed words; the row is rejected', (a, w) => `${col(w)}expected one of ${a.expected}, got ${quote(w.raw)}`),
  'row.duplicate-id': entry<{ firstLine?: number }>('an id appears a second time; the later row is rejected', (a, w) => `${col(w)}duplicate id ${quote(w.raw)}${a.firstLine !== undefined ? `: first seen on line ${a.firstLine}` : ''}`),
  'row.parse-error': entry<{ problem: CsvProblem }>('a record is not valid CSV (e.g. an unclosed quote); the row is rejected', (a) => `row could not be parsed as CSV: ${csvProblem(a.problem)}`),
  'row.column-count': entry<{ fields: number; expected: number }>('a row has more fields than the header; the row is rejected', (a) => `row has ${a.fields} fields; expected ${a.expected}`),
  'row.invalid-timestamp': entry<{ expected?: string }>('a timestamp is neither ISO 8601 nor Unix time between 1970 and 2100; the row is rejected', (a, w) => `${col(w)}expected ${a.expected ?? 'an ISO 8601 timestamp or Unix seconds'}, got ${quote(w.raw)}`),
  'row.invalid-value': entry<RowProblem & { expected?: string }>('a value fails a check of its own or against another column (memory used above installed, a falling power curve); the row is rejected', (a, w) => `${col(w)}${rowProblem(a) ?? 'invalid value'}${w.raw !== undefined ? `: ${quote(w.raw)}` : ''}${a.expected ? ` (expected ${a.expected})` : ''}`),
  // ---- file level ----
  'file.missing-column': entry<{ table?: string; alternatives?: string[]; expected?: string; found: string[]; hint?: 'not-bitbrains' }>('a required column is not in the header; the file cannot be read (exit 2)', (a, w) =>
    `required ${a.table ? `${a.table} ` : ''}column '${w.column ?? ''}'${a.alternatives?.length ? ` (or ${a.alternatives.map((x) => `'${x}'`).join(' and ')})` : ''} is missing (${a.hint === 'not-bitbrains' ? 'not a GWA-T-12 Bitbrains file? ' : ''}${a.expected ? `expected columns: ${a.expected}; ` : ''}found: ${a.found.filter((f) => f).join(', ') || 'none'})`,
  ),
  'file.duplicate-column': entry<Empty>('a column name appears twice in the header; the file cannot be read (exit 2)', (_a, w) => `column '${w.column ?? ''}' appears more than once in the header`),
  'file.unknown-column': entry<{ resources?: string[]; columns?: string[]; shadowed?: { column: string; field: string; used: string }[] }>('columns the format does not use: ignored, reported once per file with every such column (a warning); for pack host files, a resource the VMs file does not have (exit 2)', (a, w) =>
    a.resources ? `column '${w.column ?? ''}' is not a resource of the VMs file (resources: ${a.resources.join(', ')})` : unknownColumns(a.columns ?? (w.column !== undefined ? [w.column] : []), a.shadowed ?? []),
  ),
  'file.empty': entry<{ expected: string; part?: 'sheet' }>('the file (or sheet) has no header line; it cannot be read (exit 2)', (a) => `${a.part === 'sheet' ? 'sheet' : 'file'} is empty: expected ${a.expected}`),
  'file.no-rows': entry<Empty>('the file has a header but no data rows (a warning)', () => 'file has a header but no data rows'),
  'file.unreadable': entry<Unreadable>('the file or folder cannot be read: missing, not a file, unparseable header, no traces, unknown format (exit 2)', (a) => unreadable(a)),
  'file.detected-format': entry<{ format: keyof typeof UTILIZATION_FORMAT_DESCRIPTIONS }>('the utilization format that `--utilization-format auto` detected (info)', (a) => `detected utilization format: ${a.format} (${UTILIZATION_FORMAT_DESCRIPTIONS[a.format]})`),
  'file.unit-detected': entry<UnitDetected>('a unit inferred from the values, and how they were read (info)', (a, w) => {
    switch (a.what) {
      case 'rvtools-host-memory':
        return `${col(w)}host memory read as ${a.unit} (median host ${a.medianHostGiB.toFixed(0)} GiB; values above 4 TiB-as-MiB mean KiB)`;
      case 'timestamp-seconds-not-ms':
        return `${col(w)}the header says ms but the values are Unix seconds (below 1e11); read as seconds`;
      case 'timestamp-ms':
        return `${col(w)}numeric timestamps above 1e11 are read as Unix milliseconds`;
    }
  }),
  // ---- data quality ----
  'data.no-samples': entry<{ ids: string[] }>('inventory workloads without utilization samples: sized from their inventory columns (a warning)', (a) => `${a.ids.length} inventory workload(s) have no utilization samples and are sized from their inventory columns: ${idList(a.ids)}`),
  'data.no-inventory': entry<{ ids: string[] }>('ids with samples but no inventory row: left out of the plan (a warning)', (a) => `${a.ids.length} id(s) have samples but no inventory row and are left out of the plan: ${idList(a.ids)}`),
  'data.coverage': entry<{ ids: string[]; belowFraction: number }>('workloads whose samples cover less than half of the run\'s time span (at most 2 stars; a warning)', (a) => `${a.ids.length} workload(s) have samples for less than ${Math.round(a.belowFraction * 100)}% of the run's time span (sized from what there is): ${idList(a.ids)}`),
  'data.duplicate-timestamp': entry<{ ids: string[]; samples: number }>('samples with a timestamp seen before for the same workload: the first is kept (info)', (a) => `${plural(a.samples, 'duplicate-timestamp sample')} dropped (the first of each is kept) in ${a.ids.length} workload(s): ${idList(a.ids)}`),
  'data.out-of-range-sample': entry<{ ids: string[]; samples: number }>('CPU samples above 100% or below 0%: kept, clamped to 0..100% when sizing (a warning)', (a) => `${plural(a.samples, 'CPU sample')} outside 0..100% (clamped when sizing) in ${a.ids.length} workload(s): ${idList(a.ids)}`),
  'data.assumed-value': entry<AssumedValue>('a value the input does not state, and what was assumed instead', (a) => {
    switch (a.what) {
      case 'rvtools-no-vhost':
        return 'no vHost tab: host CPU usage and clock are unknown, so VM CPU utilization and clock are assumed, and the "before" power has no hosts';
      case 'rvtools-snapshot':
        if (a.vmOverall === undefined) return `RVTools carries no utilization history: ${a.vms} VM(s) are sized from one snapshot (host CPU usage %, VM Active Memory for ${a.activeMemoryVms}); treat the plan as indicative`;
        return (
          `RVTools carries no utilization history: ${a.vms} VM(s) are sized from one point-in-time snapshot, taken as an average and multiplied by the peak factor; CPU of ${a.vmOverall} from their own vCPU Overall (MHz), ` +
          `${a.hostShare ?? 0} from their host's measured demand (CPU usage %) shared by vCPU, ${a.cpuAssumed ?? 0} assumed (the fleet average); memory by the memory policy (consumed known for ${a.consumedMemoryVms ?? 0}, active for ${a.activeMemoryVms}); treat the plan as indicative`
        );
      case 'trace-cores':
        return `${a.workloads} traced workload(s) state no capacity: assumed ${num(a.vmCores)} vCPU each (--vm-cores; or give --servers)`;
      case 'trace-memory':
        return `${a.workloads} traced workload(s) state no memory size: assumed ${num(a.vmMemoryGiB)} GiB each${a.memorySamples ? ' (memory samples, where present, size the demand)' : ''} (--vm-memory-gb; or give --servers)`;
    }
  }),
  'data.skipped': entry<Skipped>('inputs left out on purpose: powered-off VMs, templates, files that are not traces (info)', (a) =>
    a.what === 'rvtools-vms'
      ? `skipped ${a.poweredOff + a.templates + a.srm} VM(s): ${a.poweredOff} powered off, ${a.templates} template(s), ${a.srm} SRM placeholder(s) (kept with --rvtools-include-all)`
      : a.what === 'blank-samples'
        ? `skipped ${plural(a.samples, 'blank sample')} (typeperf leaves the first sample of a rate counter blank)${a.rows ? `; ${plural(a.rows, 'row')} held no sample at all` : ''}: not rejected`
        : `skipped ${a.files.length} file(s) that are not ${a.expected}: ${a.files.join(', ')}`,
  ),
  // ---- planning ----
  'plan.unplaced': entry<{ id: string; reason: UnplacedReason }>('a workload no host can take: it stays on its current server; args.reason says why (one of the unplaced.* codes)', (a) => `${a.id}: ${renderUnplacedReason(a.reason)}`),
  'plan.fallback': entry<PlanFallback>('an option could not apply as asked, and what the plan did instead (a warning)', (a) =>
    a.what === 'profile-without-samples'
      ? `--profile-buckets ${a.buckets} asked for a time profile, but no workload has utilization samples: CPU is packed as one figure`
      : `${a.option} needs utilization time series to replay the plan on, and no workload has samples: the plan keeps its CPU target`,
  ),
  'plan.warning': entry<PlanWarning>('an option that had nothing to act on, or a target the plan could not meet, and what the plan did (a warning)', (a) => planWarning(a)),
  'solver.fallback': entry<{ method: 'arc-flow' | 'column-generation' | 'none'; backend: string; fault: 'timeout' | 'crash' | 'error'; detail: string; gapFraction: number; bound: string }>('the exact phase (MILP solver) failed; the best heuristic result is kept, with its gap to the bound (a warning)', (a) => `exact phase (${a.method === 'column-generation' ? 'column generation' : a.method}, ${a.backend}) failed (${a.fault}: ${a.detail}); kept the best heuristic result, gap ${(a.gapFraction * 100).toFixed(2)}% to the ${a.bound} bound`),
  // ---- unplaced reasons (unplaced[].code) ----
  ...UNPLACED,
  // ---- packing engine ----
  'packing.not-proven': entry<{ site?: string; gapFraction: number; bound: string; beforeHa: boolean }>('the packing may not be optimal: its gap to the proven lower bound (a warning)', (a) => `${a.site !== undefined ? `site ${a.site}: ` : ''}optimality not proven; gap ${(a.gapFraction * 100).toFixed(2)}% to the ${a.bound} bound${a.beforeHa ? ' (before the HA reserve)' : ''}`),
  'packing.aborted': entry<Empty>('the packing was cancelled: later phases were skipped and the best result so far kept (a warning)', () => 'aborted by signal: later phases were skipped; the best result so far is returned'),
  'packing.wall-clock': entry<{ phase?: 'arc-flow' | 'column-generation'; backend?: string }>('the wall-clock safety net cut a phase short, so the result may differ between runs (a warning)', (a) => (a.phase ? `${a.phase}${a.backend ? ` (${a.backend})` : ''} stopped at its wall-clock safety limit; the result may differ between runs` : 'wall-clock safety net fired: the result may differ between runs')),
  'packing.ha-not-guaranteed': entry<{ ha: number }>('N+ha: spare hosts that dominate every used host type could not be added (a warning)', (a) => `HA ${a.ha}: could not add ${a.ha} spare hosts that dominate every used host type; tolerance of ${a.ha} failures is not guaranteed`),
  'packing.ha-unabsorbed': entry<{ cases: number; spares: number; noHostLeft: boolean }>('N+1: some single-host failures cannot be absorbed by re-packing (a warning)', (a) =>
    a.noHostLeft
      ? `HA 1: ${a.cases} single-host failure case(s) cannot be absorbed and no host is left to add as a spare`
      : `HA 1: ${a.cases} single-host failure case(s) cannot be absorbed after adding ${a.spares} spare hosts`,
  ),
  // ---- options ----
  'option.invalid': entry<{ option: string; flag?: string; problem: OptionProblem }>('an option value breaks its rule (range, whole number, allowed words); the run stops (exit 2)', (a) => `invalid option ${a.option}${a.flag ? ` (${a.flag})` : ''}: ${optionProblem(a.problem)}`),
  // ---- inventories ----
  'data.no-usable-vm': entry<NoUsableVm>('an RVTools inventory leaves no VM to plan (no rows, or every row skipped or rejected): the run stops (exit 2) and says what was found instead of reporting zeros', (a) => noUsableVm(a)),

  // ---- inventories (continued) ----
  'data.unknown-host': entry<{ vms: number; ids: string[]; hosts: string[]; unnamed: number }>('VMs whose host is not in the vHost tab (or is not named): planned, but their current host\'s power is not in "before" (a warning)', (a) =>
    `${plural(a.vms, 'VM')} run on ${a.hosts.length ? `host${a.hosts.length === 1 ? '' : 's'} not in vHost (${idList(a.hosts)})` : ''}${a.hosts.length && a.unnamed ? ' or ' : ''}${a.unnamed ? `no named host (${a.unnamed})` : ''}: they are planned, but the power of the hosts they run on now is not in "before": ${idList(a.ids)}`,
  ),
  'data.host-without-vms': entry<{ hosts: string[]; vmsReported: number }>('vHost hosts that run VMs by their own count, none of which are in vInfo: left out of "before" (a partial or trimmed export; a warning)', (a) =>
    `${plural(a.hosts.length, 'vHost host')} run${a.hosts.length === 1 ? 's' : ''} ${plural(a.vmsReported, 'VM')} by vHost's count, none of them in vInfo: left out of "before" (a partial export?): ${idList(a.hosts)}`,
  ),
  // ---- options and comparisons ----
  'options.ignored': entry<{ option: string; flag: string; value: string | number; reason: 'no-samples' | 'no-measured-memory' | 'no-average' }>('an option given that cannot apply to this input (e.g. --sizing p99 without samples): it has no effect (info)', (a) =>
    `${a.flag} ${a.value} does not apply: ${
      a.reason === 'no-samples'
        ? 'no workload has utilization samples (it sizes from samples only)'
        : a.reason === 'no-measured-memory'
          ? 'no workload is sized from measured memory (it multiplies used or active memory only)'
          : 'no workload is sized from an average or a snapshot (it turns an average into a peak only)'
    }`,
  ),
  'plan.no-before': entry<{ reason: 'no-source-servers'; workloads: number }>('the input has no physical source servers or source hosts (traces, VM lists without hosts): there is no "before" to compare with, and the reports show the new hosts only (info)', (a) =>
    `${plural(a.workloads, 'workload')} and no physical source server or host: there is no "before" to compare with, so the reports show the new hosts alone (no savings, no payback)`,
  ),
  'plan.hosted-hypervisor': entry<{ hypervisor: string; workloads: number }>('a hosted hypervisor (VMware Workstation, VirtualBox) was chosen for a server estate: its host OS keeps memory and cores and carries every VM\'s I/O; such hypervisors are for development and test labs (a warning)', (a) =>
    `--hypervisor ${a.hypervisor} is a hosted hypervisor (an application on a desktop or server OS, for development and test labs), chosen for ${plural(a.workloads, 'server workload')}: the plan keeps the host OS's own memory and cores and multiplies the CPU of I/O by the hosted I/O path; for a data-centre estate a bare-metal hypervisor (esxi, kvm, hyper-v, xen) is the usual choice`,
  ),
  // ---- sizing ----
  'plan.active-memory': entry<{ workloads: number; fallback: number }>('memory was sized from "active" memory on request (--memory-sizing active): it counts recently touched pages and understates what a guest holds (a warning)', (a) =>
    `memory of ${plural(a.workloads, 'workload')} is sized from active memory (pages touched recently), which understates what a guest holds: hosts may run short of memory after the move; --memory-sizing auto sizes VMs by their configured memory${a.fallback ? ` (${a.fallback} without an active figure sized by used or configured memory)` : ''}`,
  ),
  // ---- ingest: units, locale, nothing left ----
  'data.unit-suspect': entry<UnitSuspect>('a column\'s values do not fit the unit its header states (percent given as fractions, memory in MB under a GB header, a clock in MHz under a GHz header): read in the unit they fit, and the message says how to state the unit instead (a warning)', (a) => unitSuspect(a)),
  'file.dialect-detected': entry<DialectDetected>('how a CSV file was read when it is not comma-separated with decimal points: its delimiter and decimal separator, and where that was seen (info)', (a) => dialect(a)),
  'data.no-usable-workload': entry<NoUsableWorkload>('the inputs leave no workload to plan (no rows, or every row rejected): the run stops (exit 2) with the rows read, accepted and rejected per file and the first reasons, instead of reporting zeros', (a) => noUsableWorkload(a)),
  'file.detected-inventory': entry<{ format: keyof typeof INVENTORY_FORMAT_DESCRIPTIONS }>('the inventory format a `--servers` file was recognised as by its header, when it is not the servers CSV (info)', (a) => `read as ${INVENTORY_FORMAT_DESCRIPTIONS[a.format]}`),
  // ---- monitoring exports ----
  'file.time-zone': entry<TimeZoneNote>('the time zone a monitoring export states, and how its local timestamps were turned into UTC (info)', (a) => timeZoneNote(a)),
  'file.counters': entry<CountersNote>('the counters (perfmon) or metrics (sysstat) a monitoring export was read from, and those ignored, listed once (info)', (a) => countersNote(a)),
  'data.id-case': entry<{ pairs: { inventory: string; samples: string }[] }>('utilization ids that match an inventory id only when case is ignored (host names are case-insensitive): joined, and listed (info)', (a) =>
    `${plural(a.pairs.length, 'utilization id')} joined to the inventory ignoring case (host names are case-insensitive): ${idList(a.pairs.map((p) => `${p.samples} → ${p.inventory}`))}`,
  ),
  'data.available-memory': entry<{ ids: string[]; withoutInstalled: string[] }>('memory used worked out as installed memory less available memory (perfmon Available MBytes, sysstat kbavail); servers whose installed memory is unknown keep no memory samples (info, or a warning when some are unknown)', (a) =>
    `memory used = installed memory - available memory for ${plural(a.ids.length, 'server')}${a.withoutInstalled.length ? `; ${plural(a.withoutInstalled.length, 'server')} without installed memory (give --servers with memory_gb) keep no memory samples: ${idList(a.withoutInstalled)}` : ''}`,
  ),
  'data.sketched': entry<{ ids: string[]; samples: number; budget: number; errorBoundPoints: number; memoryRelativeError: number; coarseStepSec: number; outOfOrder: number }>(
    'a load held more samples than are kept exactly: its series are sized from a streaming quantile sketch with a stated error bound, and their time series kept down-sampled (info)',
    (a) =>
      `a load of ${plural(a.samples, 'sample')} is more than the ${a.budget} held exactly: ${plural(a.ids.length, 'series', 'series')} sized from a streaming sketch (CPU percentiles within ${a.errorBoundPoints} percentage points, memory within ${a.memoryRelativeError * 100}% of the exact ones; the CPU mean exact); energy, timelines and the overload replay use ${a.coarseStepSec} s means and time profiles ${a.coarseStepSec} s maxima` +
      (a.outOfOrder ? `; ${plural(a.outOfOrder, 'sample')} arrived out of time order, and a repeated timestamp among those cannot be found` : '') +
      `: ${idList(a.ids)}`,
  ),
  // ---- migration waves ----
  'waves.group-too-large': entry<{ group: string; workloads: number; waveSize: number; ids: string[] }>('a migration group has more workloads than --wave-size allows in one wave; the run stops (exit 2)', (a, w) =>
    `${col(w)}migration group ${JSON.stringify(a.group)} has ${plural(a.workloads, 'workload')}, more than --wave-size ${a.waveSize}: a group moves in one wave (raise --wave-size, or split the group): ${idList(a.ids)}`,
  ),
  // ---- replay ----
  'file.not-a-plan': entry<{ path: string; expected: string }>('the --plan file is not a plan result (`plan --format json`) this version can replay; the run stops (exit 2)', (a) => `not a plan result${a.path ? ` at ${a.path}` : ''}: expected ${a.expected}`),
  'replay.no-samples': entry<{ ids: string[] }>('workloads the replayed plan places that have no samples in the new traces: replayed at their planned demand (a warning)', (a) => `${plural(a.ids.length, 'workload')} of the plan ${a.ids.length === 1 ? 'has' : 'have'} no samples in the new traces and ${a.ids.length === 1 ? 'is' : 'are'} replayed at ${a.ids.length === 1 ? 'its' : 'their'} planned demand: ${idList(a.ids)}`),
  'replay.not-in-plan': entry<{ ids: string[] }>('ids in the new traces that the replayed plan does not place: not replayed (a warning)', (a) => `${plural(a.ids.length, 'id')} in the new traces ${a.ids.length === 1 ? 'is' : 'are'} not placed by the plan and ${a.ids.length === 1 ? 'is' : 'are'} not replayed: ${idList(a.ids)}`),
  // ---- disk and network dimensions ----
  'plan.io-missing': entry<{ dimension: string; label: string; unit: string; ids: string[] }>('a disk or network dimension was asked (--dimensions) but some workloads have no figure for it (no samples, no inventory column): they demand 0 of it, are listed, and carry the dimension in `assumed` (a warning)', (a) =>
    `--dimensions ${a.dimension}: ${plural(a.ids.length, 'workload')} ${a.ids.length === 1 ? 'has' : 'have'} no ${a.label} figure (no samples and no inventory column), so ${a.ids.length === 1 ? 'its' : 'their'} ${a.label} demand is taken as 0 ${a.unit}: ${idList(a.ids)}`,
  ),
  // ---- monitoring exports: time ----
  'file.dst-change': entry<DstChange>('a monitoring export stated with one UTC offset (perfmon) crosses a daylight-saving change: converted by the named zone\'s rules (info), or, when the zone\'s rules are not known, the single offset kept and the change named (a warning)', (a) => dstChange(a)),
};

export type IssueCode = keyof typeof MESSAGES;
/** The args each code carries. */
export type MessageArgs = { [C in IssueCode]: Parameters<(typeof MESSAGES)[C]['render']>[0] };

/** Every code, in catalogue order (existing codes first, in their original order). */
export const ISSUE_CODES = Object.keys(MESSAGES) as [IssueCode, ...IssueCode[]];

/** What each code means (for the README table and `--help`). */
export function codeMeaning(code: IssueCode): string {
  return MESSAGES[code].meaning;
}

/** The one function that turns a coded message into words. */
export function renderMessage<C extends IssueCode>(code: C, args: MessageArgs[C], where: Where = {}): string {
  // through unknown: comparing the union of every entry with one Entry is past what the checker can represent
  return (MESSAGES[code] as unknown as Entry<MessageArgs[C]>).render(args, where);
}

/** The text of an option problem alone (scenario files and config files prefix their own path). */
export function renderOptionProblem(p: OptionProblem): string {
  return optionProblem(p);
}

/** "file:line: " prefix of a thrown message, from a location. */
export function locationPrefix(w: { file?: string; line?: number }): string {
  if (w.file) return `${w.file}${w.line ? `:${w.line}` : ''}: `;
  return w.line ? `line ${w.line}: ` : '';
}
