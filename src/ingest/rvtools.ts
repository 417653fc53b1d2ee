import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Workload, SourceHost } from '../model/workload.js';
import type { Issue, RowAccounting } from '../model/issue.js';
import type { Assumption } from '../model/plan-result.js';
import { issue, issueError } from '../model/issue.js';
import { NoUsableWorkloadsError } from '../errors.js';
import type { CsvProblem } from '../model/messages.js';
import { csvLine } from '../report/csv-escape.js';
import { readCsv } from './csv.js';
import { parseNumberCell } from './table.js';
import { XlsxWorkbook } from './xlsx.js';
import { childLabel } from './folder.js';
import { Cooperator } from '../util/cooperate.js';
import { TRACE_DEFAULTS } from '../defaults/traces.js';
import { SIZING_DEFAULTS } from '../defaults/sizing.js';
import { round } from '../util/round.js';

/**
 * RVTools inventories: an .xlsx workbook ("Export all to Excel", read by xlsx.ts in whatever
 * SpreadsheetML dialect wrote it), or a folder of its per-tab CSV exports ("Export all to csv":
 * `RVTools_tabvInfo.csv`, `RVTools_tabvHost.csv`). Reads the vInfo and vHost tabs.
 *
 * - Headers are matched after normalization (lower case, `#` → `num`, other punctuation and
 *   spaces removed, a leading `vinfo`/`vhost` tab prefix removed), so both the current names
 *   (`VM`, `CPUs`, `# Cores`) and the older camelCase generation (`vInfoVMName`, `vInfoCPUs`,
 *   `vHostNumCpuCores`) are accepted.
 * - vInfo `Memory` and `Active Memory` are MiB. vHost `# Memory` is MiB in current exports and KiB
 *   in some others: when the median host would have more than 4 TiB read as MiB, the column is
 *   read as KiB, and the detected unit is reported (`file.unit-detected`).
 * - VMs that are not running (a Powerstate other than vSphere's `poweredOn` or Hyper-V's `Running`,
 *   which exporters imitating the layout write), templates and SRM placeholders are skipped by
 *   default, counted and reported (`data.skipped`); `includeAll` keeps them.
 * - When no VM is left to plan (no rows, or every row skipped or rejected) it throws
 *   NoUsableWorkloadsError (`data.no-usable-vm`), whose message and `found` say what was read and
 *   why nothing is left.
 * - RVTools has no utilization history. Each VM's CPU utilization is assumed to be its host's
 *   `CPU usage %` at snapshot time (sized as average x peak factor), and its memory in use its
 *   `Active Memory`; every such value is listed in the VM's `assumed` and in the assumptions.
 * - The vHost hosts are the "before" side of the energy comparison (`hosts`).
 * - A vCenter custom attribute named `Group` or `Migration group` (a vInfo column) is the VM's
 *   migration group: its VMs move in the same wave (`--wave-size`).
 * Rejected rows (severity error): a row with content but no VM/host name, a non-numeric or
 * non-positive CPU count or memory size, a duplicate VM name.
 */

/** Powerstate values of a running VM, lower case: vSphere's `poweredOn`, Hyper-V's `Running`. */
const RUNNING_POWER_STATES = new Set(['poweredon', 'running']);

export interface RvtoolsLoad {
  records: Workload[];
  hosts: SourceHost[];
  issues: Issue[];
  rows: RowAccounting;
  assumptions: Assumption[];
}

export interface RvtoolsOptions {
  label?: string;
  /** Keep powered-off VMs, templates and SRM placeholders. */
  includeAll?: boolean;
  signal?: AbortSignal;
  /** Gives the event loop turns while reading (util/cooperate.ts); default: one on `signal`. */
  cooperator?: Cooperator;
}

interface RawRow {
  line: number;
  fields: string[];
  /** The line as read (CSV); for a sheet row it is made from the fields when a row is rejected. */
  raw?: string;
  parseError?: CsvProblem;
}

interface RawTable {
  file: string;
  header: RawRow;
  rows: RawRow[];
}

/**
 * `# Memory` → `nummemory`; `vInfoVMName` → `vmname`; `CPU usage %` → `cpuusage`. The older header
 * generation prefixes each column with its tab (`vInfo`, `vHost`; `vCPU`, `vMemory` when `tab` names
 * those tabs), which is removed.
 */
export function normalizeRvtoolsHeader(h: string, tab?: string): string {
  let n = h.replace(/^\ufeff/, '').toLowerCase().replace(/#/g, 'num').replace(/[^a-z0-9]+/g, '');
  const prefixes = ['vinfo', 'vhost'];
  if (tab && !prefixes.includes(tab.toLowerCase())) prefixes.push(tab.toLowerCase());
  for (const p of prefixes) if (n.startsWith(p) && n.length > p.length) n = n.slice(p.length);
  return n;
}

const INFO_COLS = {
  vm: ['vm', 'vmname'],
  powerstate: ['powerstate'],
  template: ['template'],
  srm: ['srmplaceholder'],
  cpus: ['cpus', 'numcpu'],
  memory: ['memory', 'memorymib'],
  activeMemory: ['activememory'],
  provisioned: ['provisionedmib', 'provisioned'],
  inUse: ['inusemib', 'inuse'],
  datacenter: ['datacenter'],
  cluster: ['cluster'],
  host: ['host'],
  server: ['visdkserver'],
  os: ['osaccordingtotheconfigurationfile', 'os', 'osaccordingtothevmwaretools', 'ostools'],
  annotation: ['annotation'],
  /** A custom attribute named "Group" or "Migration group" (vCenter custom attributes are vInfo columns). */
  group: ['group', 'migrationgroup', 'movegroup', 'wavegroup'],
} as const;

/** vCPU tab: per-VM CPU at snapshot time (`Overall`, MHz) and the most it may use (`Max`, MHz). */
const CPU_COLS = {
  vm: ['vm', 'vmname'],
  overall: ['overall', 'overallcpuusage'],
  max: ['max', 'maxcpuusage'],
  cpus: ['cpus', 'numcpu'],
  server: ['visdkserver'],
} as const;

/** vMemory tab: per-VM configured (`Size MiB`), consumed and active memory, MiB. */
const MEM_COLS = {
  vm: ['vm', 'vmname'],
  size: ['sizemib', 'size'],
  consumed: ['consumed'],
  active: ['active'],
  server: ['visdkserver'],
} as const;

const HOST_COLS = {
  host: ['host', 'name'],
  numCpu: ['numcpu'],
  coresPerCpu: ['corespercpu'],
  numCores: ['numcores', 'numcpucores'],
  vms: ['numvms', 'numvmstotal'],
  speed: ['speed', 'cpumhz'],
  memory: ['nummemory', 'memorysize', 'memory'],
  cpuUsage: ['cpuusage', 'overallcpuusage'],
  memUsage: ['memoryusage', 'overallmemoryusage'],
  vendor: ['vendor'],
  model: ['model'],
  cpuModel: ['cpumodel'],
} as const;

type ColMap<T> = { [K in keyof T]: number };

function mapColumns<T extends Record<string, readonly string[]>>(t: RawTable, cols: T, required: (keyof T)[], tab: string): ColMap<T> {
  const norm = t.header.fields.map((h) => normalizeRvtoolsHeader(h, tab));
  const out = {} as ColMap<T>;
  for (const k of Object.keys(cols) as (keyof T)[]) {
    let i = -1;
    for (const name of cols[k]) {
      i = norm.indexOf(name);
      if (i >= 0) break;
    }
    out[k] = i;
    if (i < 0 && required.includes(k)) {
      throw issueError('file.missing-column', { table: tab, found: t.header.fields.map((f) => f.trim()) }, { file: t.file, line: t.header.line, column: String(cols[k][0]) });
    }
  }
  return out;
}

function truthy(s: string | undefined): boolean {
  return /^(true|yes|1)$/i.test((s ?? '').trim());
}

async function csvTable(path: string, file: string, co: Cooperator): Promise<RawTable | undefined> {
  if (!existsSync(path)) return undefined;
  let header: RawRow | undefined;
  const rows: RawRow[] = [];
  for await (const rec of readCsv(path, file, { cooperator: co })) {
    const r: RawRow = rec.kind === 'record' ? { line: rec.line, fields: rec.fields, raw: rec.raw } : { line: rec.line, fields: [], raw: rec.raw, parseError: rec.problem };
    if (!header) {
      if (r.parseError) throw issueError('file.unreadable', { reason: 'header', problem: r.parseError }, { file, line: r.line });
      header = r;
    } else rows.push(r);
  }
  if (!header) throw issueError('file.empty', { expected: 'an RVTools header line' }, { file });
  return { file, header, rows };
}

type Tabs = { vInfo?: RawTable; vHost?: RawTable; vCPU?: RawTable; vMemory?: RawTable };
const TAB_NAMES = { vinfo: 'vInfo', vhost: 'vHost', vcpu: 'vCPU', vmemory: 'vMemory' } as const;

async function xlsxTables(path: string, label: string, signal?: AbortSignal): Promise<Tabs & { sheets: string[] }> {
  const wb = await XlsxWorkbook.open(path, label, { signal });
  const out: Tabs & { sheets: string[] } = { sheets: wb.sheetList.map((s) => s.name) };
  for (const [name] of wb.sheets) {
    const n = name.trim().toLowerCase();
    const key = TAB_NAMES[n as keyof typeof TAB_NAMES] as keyof Tabs | undefined;
    if (!key || out[key]) continue;
    const file = `${label}#${name}`;
    let header: RawRow | undefined;
    const rows: RawRow[] = [];
    for await (const r of wb.rows(name)) {
      if (!r.fields.some((f) => f.trim() !== '')) continue;
      if (header) rows.push(r);
      else header = r;
    }
    if (!header) throw issueError('file.empty', { expected: 'an RVTools header row', part: 'sheet' }, { file });
    out[key] = { file, header, rows };
  }
  return out;
}

/** A number >= 0 from a cell, else undefined (empty, words, negative). */
function nonNegative(raw: string): number | undefined {
  const v = parseNumberCell(raw);
  return v !== undefined && !Number.isNaN(v) && v >= 0 ? v : undefined;
}

/**
 * A per-VM tab (vCPU, vMemory) as a lookup by VM name, and by VM name and vCenter (`VI SDK Server`)
 * when the tab names it: an export of several vCenters may repeat a VM name. The first row of a
 * name wins. A tab without a VM column is reported once (`file.missing-column`, a warning) and not used.
 */
function perVmTable<T extends { vm: readonly string[]; server: readonly string[] }, V>(
  t: RawTable | undefined,
  cols: T,
  tab: string,
  issues: Issue[],
  read: (r: RawRow, get: (r: RawRow, k: keyof T) => string) => V,
): { find(vm: string, server: string): V | undefined } {
  const byName = new Map<string, V>();
  const byServer = new Map<string, V>();
  if (t) {
    const norm = t.header.fields.map((h) => normalizeRvtoolsHeader(h, tab));
    const c = Object.fromEntries(Object.entries(cols).map(([k, names]) => [k, (names as readonly string[]).map((n) => norm.indexOf(n)).find((i) => i >= 0) ?? -1])) as Record<keyof T, number>;
    const get = (r: RawRow, k: keyof T) => (c[k] >= 0 ? (r.fields[c[k]] ?? '').trim() : '');
    if (c.vm < 0) issues.push(issue('file.missing-column', 'warning', { table: tab, found: t.header.fields.map((f) => f.trim()) }, { file: t.file, line: t.header.line, column: 'VM' }));
    else {
      for (const r of t.rows) {
        if (r.parseError) continue;
        const vm = get(r, 'vm');
        if (!vm) continue;
        const v = read(r, get);
        if (!byName.has(vm)) byName.set(vm, v);
        const key = `${vm}\u0000${get(r, 'server')}`;
        if (c.server >= 0 && !byServer.has(key)) byServer.set(key, v);
      }
    }
  }
  return { find: (vm, server) => (server && byServer.size ? (byServer.get(`${vm}\u0000${server}`) ?? byName.get(vm)) : byName.get(vm)) };
}

/** Finds a per-tab CSV in a folder, accepting `RVTools_tabvInfo.csv` or `vInfo.csv` (any case). */
function findTab(dir: string, tab: string): string | undefined {
  const names = readdirSync(dir).sort();
  const want = [`rvtools_tab${tab}.csv`, `tab${tab}.csv`, `${tab}.csv`];
  return names.find((n) => want.includes(n.toLowerCase()));
}

export async function loadRvtools(path: string, opts: RvtoolsOptions = {}): Promise<RvtoolsLoad> {
  const label = opts.label ?? path;
  const co = opts.cooperator ?? new Cooperator({ signal: opts.signal });
  co.check();
  let st;
  try {
    st = statSync(path);
  } catch {
    throw issueError('file.unreadable', { reason: 'not-found', what: 'path' }, { file: label });
  }
  let tabs: Tabs = {};
  let sheets: string[];
  const folder = st.isDirectory();
  if (folder) {
    sheets = readdirSync(path).filter((n) => n.toLowerCase().endsWith('.csv')).sort();
    for (const [tab, key] of Object.entries(TAB_NAMES)) {
      const f = findTab(path, tab);
      if (f) tabs[key] = await csvTable(join(path, f), childLabel(label, f), co);
    }
  } else {
    ({ sheets, ...tabs } = await xlsxTables(path, label, opts.signal));
  }
  const { vInfo, vHost } = tabs;
  if (!vInfo) throw issueError('file.unreadable', { reason: 'no-vinfo', found: sheets, folder }, { file: label });

  const issues: Issue[] = [];
  const rows: RowAccounting = { read: 0, accepted: 0, rejected: 0 };
  const assumptions: Assumption[] = [];
  const reject = (i: Issue) => {
    rows.rejected++;
    issues.push(i);
  };
  const at = (file: string, r: RawRow, column?: string, raw?: string) => ({ file, line: r.line, column, raw, rawLine: r.raw ?? csvLine(r.fields).replace(/\r?\n$/, '') });
  let hostsRead = 0;
  const bad = (code: 'row.missing-value' | 'row.invalid-number' | 'row.out-of-range', file: string, r: RawRow, column: string, raw: string, expected: string) => reject(issue(code, 'error', { expected }, at(file, r, column, raw)));

  // ---- vHost ----
  const hosts: SourceHost[] = [];
  const hostById = new Map<string, SourceHost>();
  const hostLine = new Map<string, number>();
  if (vHost) {
    const t = vHost;
    const c = mapColumns(t, HOST_COLS, ['host', 'memory'], 'vHost');
    if (c.numCores < 0 && (c.numCpu < 0 || c.coresPerCpu < 0)) {
      throw issueError('file.missing-column', { table: 'vHost', alternatives: ['# CPU', 'Cores per CPU'], found: t.header.fields.map((f) => f.trim()) }, { file: t.file, line: t.header.line, column: '# Cores' });
    }
    const name = (k: keyof typeof HOST_COLS) => t.header.fields[c[k]]?.trim() ?? String(k);
    const get = (r: RawRow, k: keyof typeof HOST_COLS) => (c[k] >= 0 ? (r.fields[c[k]] ?? '').trim() : '');
    const memRaw: { r: RawRow; host: SourceHost; mem: number }[] = [];
    for (const r of t.rows) {
      if (co.due()) await co.pause();
      if (!r.parseError && r.fields.every((f) => f.trim() === '')) continue;
      rows.read++;
      hostsRead++;
      if (r.parseError) {
        reject(issue('row.parse-error', 'error', { problem: r.parseError }, at(t.file, r)));
        continue;
      }
      const id = get(r, 'host');
      if (!id) {
        bad('row.missing-value', t.file, r, name('host'), '', 'a host name');
        continue;
      }
      let cores = parseNumberCell(get(r, 'numCores'));
      if (cores === undefined && c.numCpu >= 0 && c.coresPerCpu >= 0) {
        const s = parseNumberCell(get(r, 'numCpu'));
        const p = parseNumberCell(get(r, 'coresPerCpu'));
        if (s !== undefined && p !== undefined) cores = s * p;
      }
      if (cores === undefined || Number.isNaN(cores) || cores <= 0) {
        bad(cores === undefined ? 'row.missing-value' : 'row.invalid-number', t.file, r, c.numCores >= 0 ? name('numCores') : name('numCpu'), get(r, 'numCores'), 'a number of cores > 0');
        continue;
      }
      const mem = parseNumberCell(get(r, 'memory'));
      if (mem === undefined || Number.isNaN(mem) || mem <= 0) {
        bad(mem === undefined ? 'row.missing-value' : 'row.invalid-number', t.file, r, name('memory'), get(r, 'memory'), 'host memory > 0 (MiB or KiB)');
        continue;
      }
      const speed = parseNumberCell(get(r, 'speed'));
      const usage = parseNumberCell(get(r, 'cpuUsage'));
      const memUsage = parseNumberCell(get(r, 'memUsage'));
      const h: SourceHost = { id, cores, memoryGiB: 0 };
      if (speed !== undefined && !Number.isNaN(speed) && speed > 0) h.cpuGhz = speed / 1000;
      if (usage !== undefined && !Number.isNaN(usage) && usage >= 0) {
        // Percent in current exports; older ones give MHz: convert when above 100 and the clock is known.
        if (usage <= 100) h.cpuUtilFraction = usage / 100;
        else if (h.cpuGhz) h.cpuUtilFraction = Math.min(1, usage / (cores * h.cpuGhz * 1000));
      }
      if (memUsage !== undefined && !Number.isNaN(memUsage) && memUsage >= 0 && memUsage <= 100) h.memoryUtilFraction = memUsage / 100;
      const vms = parseNumberCell(get(r, 'vms'));
      if (vms !== undefined && !Number.isNaN(vms) && vms >= 0) h.vmsReported = vms;
      for (const k of ['vendor', 'model', 'cpuModel'] as const) {
        const v = get(r, k);
        if (v) h[k] = v;
      }
      if (hostById.has(id)) {
        reject(issue('row.duplicate-id', 'error', { firstLine: hostLine.get(id) }, at(t.file, r, name('host'), id)));
        continue;
      }
      rows.accepted++;
      hostById.set(id, h);
      hostLine.set(id, r.line);
      hosts.push(h);
      memRaw.push({ r, host: h, mem });
    }
    // Unit of # Memory: MiB unless the median host would exceed 4 TiB read as MiB.
    if (memRaw.length) {
      const sorted = memRaw.map((m) => m.mem).sort((a, b) => a - b);
      const median = sorted[Math.floor((sorted.length - 1) / 2)];
      const kib = median > 4 * 1024 * 1024;
      for (const m of memRaw) m.host.memoryGiB = kib ? m.mem / (1024 * 1024) : m.mem / 1024;
      issues.push(issue('file.unit-detected', 'info', { what: 'rvtools-host-memory', unit: kib ? 'KiB' : 'MiB', medianHostGiB: kib ? median / 2 ** 20 : median / 1024 }, { file: t.file, column: name('memory') }));
    }
  } else {
    issues.push(issue('data.assumed-value', 'warning', { what: 'rvtools-no-vhost' }, { file: label }));
  }

  // ---- vCPU and vMemory: per-VM figures, looked up by VM name (and vCenter, when both tabs name it) ----
  const cpuOf = perVmTable(tabs.vCPU, CPU_COLS, 'vCPU', issues, (r, get) => ({ overall: nonNegative(get(r, 'overall')), max: nonNegative(get(r, 'max')), cpus: nonNegative(get(r, 'cpus')) }));
  const memOf = perVmTable(tabs.vMemory, MEM_COLS, 'vMemory', issues, (r, get) => ({ consumed: nonNegative(get(r, 'consumed')), active: nonNegative(get(r, 'active')), size: nonNegative(get(r, 'size')) }));

  // ---- vInfo ----
  const t = vInfo;
  const c = mapColumns(t, INFO_COLS, ['vm', 'cpus', 'memory'], 'vInfo');
  const name = (k: keyof typeof INFO_COLS) => t.header.fields[c[k]]?.trim() ?? String(k);
  const get = (r: RawRow, k: keyof typeof INFO_COLS) => (c[k] >= 0 ? (r.fields[c[k]] ?? '').trim() : '');
  const records: Workload[] = [];
  const seen = new Map<string, number>();
  const skipped = { poweredOff: 0, template: 0, srm: 0 };
  const powerStates = new Map<string, number>();
  const vmRowsBefore = { read: rows.read, issues: issues.length };
  const hostKey = (h: string) => h.toLowerCase();
  const hostByKey = new Map(hosts.map((h) => [hostKey(h.id), h]));
  /** Every vInfo row's host (any power state): the hosts this inventory's VMs run on. */
  const hostsWithVms = new Set<string>();
  /** Powered-on VMs per host: their vCPUs and the MHz measured for those with a vCPU Overall. */
  const onHost = new Map<string, { vcpus: number; measuredMhz: number; unmeasured: Workload[] }>();
  let activeKnown = 0;
  let consumedKnown = 0;
  const unknownHost = new Map<string, string[]>();
  for (const r of t.rows) {
    if (co.due()) await co.pause();
    if (!r.parseError && r.fields.every((f) => f.trim() === '')) continue;
    rows.read++;
    if (r.parseError) {
      reject(issue('row.parse-error', 'error', { problem: r.parseError }, at(t.file, r)));
      continue;
    }
    const hostName = get(r, 'host');
    if (hostName) hostsWithVms.add(hostKey(hostName));
    const id = get(r, 'vm');
    if (!id) {
      bad('row.missing-value', t.file, r, name('vm'), '', 'a VM name');
      continue;
    }
    const cpus = parseNumberCell(get(r, 'cpus'));
    if (cpus === undefined || Number.isNaN(cpus) || cpus <= 0) {
      bad(cpus === undefined ? 'row.missing-value' : Number.isNaN(cpus) ? 'row.invalid-number' : 'row.out-of-range', t.file, r, name('cpus'), get(r, 'cpus'), 'a vCPU count > 0');
      continue;
    }
    const memMiB = parseNumberCell(get(r, 'memory'));
    if (memMiB === undefined || Number.isNaN(memMiB) || memMiB <= 0) {
      bad(memMiB === undefined ? 'row.missing-value' : Number.isNaN(memMiB) ? 'row.invalid-number' : 'row.out-of-range', t.file, r, name('memory'), get(r, 'memory'), 'configured memory in MiB > 0');
      continue;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      reject(issue('row.duplicate-id', 'error', { firstLine: first }, at(t.file, r, name('vm'), id)));
      continue;
    }
    seen.set(id, r.line);
    rows.accepted++;
    const power = get(r, 'powerstate');
    const isTemplate = truthy(get(r, 'template'));
    const isSrm = truthy(get(r, 'srm'));
    const off = c.powerstate >= 0 && !RUNNING_POWER_STATES.has(power.trim().toLowerCase());
    if (!opts.includeAll && (isTemplate || isSrm || off)) {
      if (isTemplate) skipped.template++;
      else if (isSrm) skipped.srm++;
      else {
        skipped.poweredOff++;
        powerStates.set(power, (powerStates.get(power) ?? 0) + 1);
      }
      continue;
    }
    const running = !off && !isTemplate && !isSrm;
    const w: Workload = { id, source: { file: t.file, line: r.line }, cores: cpus, memoryGiB: memMiB / 1024, isVirtual: true, snapshot: true };
    const h = hostName ? hostByKey.get(hostKey(hostName)) : undefined;
    if (hostName) w.sourceHost = h?.id ?? hostName;
    if (vHost && !h) {
      const k = hostName || '';
      unknownHost.set(k, [...(unknownHost.get(k) ?? []), id]);
    }
    const server = get(r, 'server');
    const vc = cpuOf.find(id, server);
    // Clock: the host's, else the VM's Max MHz per vCPU (the most it may use), else assumed.
    if (h?.cpuGhz) w.cpuGhz = h.cpuGhz;
    else if (vc?.max && (vc.cpus ?? cpus) > 0) w.cpuGhz = vc.max / (vc.cpus ?? cpus) / 1000;
    if (h?.cpuModel) w.cpuModel = h.cpuModel;
    // CPU at snapshot time: the VM's own vCPU Overall (MHz), else a share of its host's measured demand.
    if (running && vc?.overall !== undefined && w.cpuGhz) {
      w.cpuUtilAvgFraction = Math.min(1, vc.overall / (cpus * w.cpuGhz * 1000));
      w.cpuUtilSource = { field: 'vCPU Overall', value: vc.overall, unit: 'MHz', basis: 'vm-snapshot' };
    }
    if (running && h) {
      const k = hostKey(h.id);
      const e = onHost.get(k) ?? { vcpus: 0, measuredMhz: 0, unmeasured: [] };
      e.vcpus += cpus;
      if (w.cpuUtilSource) e.measuredMhz += vc!.overall!;
      else e.unmeasured.push(w);
      onHost.set(k, e);
    }
    // Memory: configured (vInfo Memory), consumed ("used") and active, for the memory policy.
    const vm = memOf.find(id, server);
    if (running && vm?.consumed !== undefined && vm.consumed > 0) {
      w.memoryUsedGiB = Math.min(vm.consumed, memMiB) / 1024;
      w.memoryUsedField = 'vMemory Consumed';
      consumedKnown++;
    }
    const activeInfo = parseNumberCell(get(r, 'activeMemory'));
    const active = vm?.active !== undefined && vm.active > 0 ? { v: vm.active, field: 'vMemory Active' } : activeInfo !== undefined && !Number.isNaN(activeInfo) && activeInfo > 0 ? { v: activeInfo, field: `vInfo ${name('activeMemory')}` } : undefined;
    if (running && active) {
      w.memoryActiveGiB = Math.min(active.v, memMiB) / 1024;
      w.memoryActiveField = active.field;
      activeKnown++;
    }
    const cluster = get(r, 'cluster');
    if (cluster) w.cluster = cluster;
    const group = get(r, 'group');
    if (group) w.group = group;
    records.push(w);
  }
  // VMs with no vCPU figure take their host's measured demand (CPU usage % x its capacity), less
  // what its measured VMs use, shared by vCPU among them: never the host's usage % applied to every
  // VM's full vCPUs.
  let hostShare = 0;
  for (const [k, e] of onHost) {
    const h = hostByKey.get(k)!;
    if (h.cpuUtilFraction === undefined || !h.cpuGhz || e.unmeasured.length === 0) continue;
    const demandMhz = h.cpuUtilFraction * h.cores * h.cpuGhz * 1000;
    const rest = Math.max(0, demandMhz - e.measuredMhz);
    const vcpus = e.unmeasured.reduce((a, w) => a + w.cores, 0);
    for (const w of e.unmeasured) {
      const mhz = (rest * w.cores) / vcpus;
      w.cpuUtilAvgFraction = Math.min(1, mhz / (w.cores * (w.cpuGhz ?? h.cpuGhz) * 1000));
      w.cpuUtilSource = { field: `vHost ${h.id} CPU usage ${round(h.cpuUtilFraction * 100, 2)}% shared by vCPU`, value: round(mhz, 3), unit: 'MHz', basis: 'host-share' };
      hostShare++;
    }
  }
  const skippedTotal = skipped.poweredOff + skipped.template + skipped.srm;
  if (records.length === 0) {
    const rejected = issues.slice(vmRowsBefore.issues).filter((i) => i.severity === 'error');
    const byColumn = new Map<string, number>();
    for (const i of rejected) byColumn.set(i.column ?? '', (byColumn.get(i.column ?? '') ?? 0) + 1);
    // Object.fromEntries defines own properties, so a column or state named __proto__ stays data.
    const found = { sheets, rowsRead: rows.read - vmRowsBefore.read, rejectedByColumn: Object.fromEntries(byColumn), skipped, powerStates: Object.fromEntries(powerStates), hostsRead };
    const first = rejected[0];
    const args = {
      ...found,
      table: t.file.includes('#') ? t.file.slice(t.file.lastIndexOf('#') + 1) : 'vInfo',
      folder,
      firstRejected: first && { code: first.code, args: first.args, file: first.file, line: first.line, column: first.column, raw: first.raw },
      hostTab: vHost !== undefined,
      includeAll: opts.includeAll === true,
    };
    const i = issue('data.no-usable-vm', 'error', args, { file: t.file });
    throw new NoUsableWorkloadsError(`${t.file}: ${i.message}`, { file: t.file }, found, i);
  }
  if (skippedTotal) {
    issues.push(issue('data.skipped', 'info', { what: 'rvtools-vms', poweredOff: skipped.poweredOff, templates: skipped.template, srm: skipped.srm }, { file: t.file }));
  }
  const vmOverall = records.filter((w) => w.cpuUtilSource?.basis === 'vm-snapshot').length;
  const cpuAssumed = records.length - vmOverall - hostShare;
  const clockAssumed = records.filter((w) => w.cpuGhz === undefined).length;
  issues.push(issue('data.assumed-value', 'info', { what: 'rvtools-snapshot', vms: records.length, activeMemoryVms: activeKnown, vmOverall, hostShare, cpuAssumed, consumedMemoryVms: consumedKnown }, { file: label }));
  if (unknownHost.size) {
    const ids = [...unknownHost.values()].flat().sort();
    issues.push(issue('data.unknown-host', 'warning', { vms: ids.length, ids, hosts: [...unknownHost.keys()].filter((h) => h).sort(), unnamed: unknownHost.get('')?.length ?? 0 }, { file: t.file, column: name('host') }));
  }
  // The "before" side: the vHost hosts this inventory's VMs run on, and hosts that run no VM at
  // all; a host vHost says runs VMs none of which are in vInfo belongs to another inventory.
  const notInInventory = hosts.filter((h) => !hostsWithVms.has(hostKey(h.id)) && (h.vmsReported ?? 0) > 0);
  if (notInInventory.length) {
    issues.push(issue('data.host-without-vms', 'warning', { hosts: notInInventory.map((h) => h.id).sort(), vmsReported: notInInventory.reduce((a, h) => a + (h.vmsReported ?? 0), 0) }, { file: vHost?.file }));
  }
  const beforeHosts = hosts.filter((h) => !notInInventory.includes(h));
  if (cpuAssumed) {
    assumptions.push({ key: 'sizing.sourceAvgCpuUtilFraction', value: SIZING_DEFAULTS.sourceAvgCpuUtilFraction.value, unit: SIZING_DEFAULTS.sourceAvgCpuUtilFraction.unit ?? 'fraction', source: SIZING_DEFAULTS.sourceAvgCpuUtilFraction.source });
  }
  if (vmOverall || hostShare) {
    assumptions.push({ key: 'rvtools.cpuUtilization', value: TRACE_DEFAULTS.rvtoolsCpuFraction.value, unit: TRACE_DEFAULTS.rvtoolsCpuFraction.unit, source: TRACE_DEFAULTS.rvtoolsCpuFraction.source });
  }
  if (clockAssumed) {
    assumptions.push({ key: 'rvtools.cpuClock', value: SIZING_DEFAULTS.defaultCpuGhz.value, unit: 'GHz', source: `${clockAssumed} VM(s) have no vHost row with a clock speed and no vCPU Max: ${SIZING_DEFAULTS.defaultCpuGhz.source}` });
  }
  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  beforeHosts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { records, hosts: beforeHosts, issues, rows, assumptions };
}
