/**
 * Fixtures we write ourselves, modelled on the formats of the public data sets (never copies of
 * them): a PlanetLab-style day, a Bitbrains-style (GWA-T-12) folder and an RVTools-layout workbook.
 * Every value comes from a seeded formula, so a test can recompute what it expects.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorkbook } from './rvtools-workbook.js';
import { rng } from './random.js';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `cp-${prefix}-`));
}

/**
 * CPU percent of one PlanetLab-style trace at 5-minute step k (0..287): a daily wave around a
 * per-VM base, plus seeded noise, rounded to an integer in 0..100 as the CloudSim files are.
 */
export function planetLabSeries(seed: number, steps = 288): number[] {
  const r = rng(seed);
  const base = 3 + r() * 25;
  const amp = r() * 20;
  const phase = r() * 288;
  return Array.from({ length: steps }, (_, k) => {
    const v = base + amp * Math.sin(((k + phase) / 288) * 2 * Math.PI) + (r() - 0.5) * 12;
    return Math.max(0, Math.min(100, Math.round(v)));
  });
}

/**
 * A PlanetLab-style day: one file per VM, named like the CloudSim traces (`host_slice`, spaces
 * allowed), one CPU percent per line, 288 lines (5-minute steps, no timestamps). Returns the folder
 * and the file names in sorted order.
 */
export function writePlanetLabDay(dir: string, names: string[], seed = 1): { dir: string; files: string[]; series: Map<string, number[]> } {
  mkdirSync(dir, { recursive: true });
  const series = new Map<string, number[]>();
  names.forEach((n, i) => {
    const s = planetLabSeries(seed * 1000 + i);
    series.set(n, s);
    writeFileSync(join(dir, n), s.join('\n') + '\n');
  });
  return { dir, files: [...names].sort(), series };
}

/** Names in the PlanetLab style: `<node>_<slice>`, one with a space as some real ones have. */
export function planetLabNames(n: number): string[] {
  const nodes = ['planetlab1_cs_example_edu', 'pl2_net_example_org', 'node3_lab_example_net', 'pl-4_example_ac_jp'];
  const slices = ['slice_a', 'uw_probe', 'cdn coral', 'measure_x', 'arizona_stork'];
  return Array.from({ length: n }, (_, i) => `${nodes[i % nodes.length]}_${slices[Math.floor(i / nodes.length) % slices.length]}${i >= nodes.length * slices.length ? `_${i}` : ''}`);
}

export const BITBRAINS_HEADER = [
  'Timestamp [ms]', 'CPU cores', 'CPU capacity provisioned [MHZ]', 'CPU usage [MHZ]', 'CPU usage [%]',
  'Memory capacity provisioned [KB]', 'Memory usage [KB]', 'Disk read throughput [KB/s]',
  'Disk write throughput [KB/s]', 'Network received throughput [KB/s]', 'Network transmitted throughput [KB/s]',
];

export interface BitbrainsVm {
  /** File name without `.csv`. */
  id: string;
  cores: number;
  mhzPerCore: number;
  memoryKB: number;
  samples: number;
  /** Leading rows with 0 cores and 0 MHz (the VM was not provisioned yet), rejected on ingest. */
  zeroCoreRows?: number;
  /** First sample's step offset from the common start. */
  startStep?: number;
}

/**
 * A Bitbrains-style folder (GWA-T-12 layout): `N.csv` with `;` + TAB separators and a header, one
 * row per 5 minutes; `Timestamp [ms]` holds Unix SECONDS, as in the published traces.
 */
export function writeBitbrains(dir: string, vms: BitbrainsVm[], seed = 7, start = 1_372_629_804): string {
  mkdirSync(dir, { recursive: true });
  for (const vm of vms) {
    const r = rng(seed * 100 + Number(vm.id));
    const lines = [BITBRAINS_HEADER.join(';\t')];
    let t = start + (vm.startStep ?? 0) * 300;
    for (let k = 0; k < (vm.zeroCoreRows ?? 0); k++, t += 300) lines.push([String(t), '0', ...Array(9).fill('0.0')].join(';\t'));
    const cap = vm.cores * vm.mhzPerCore;
    for (let k = 0; k < vm.samples; k++, t += 300) {
      const pct = Math.round((2 + 30 * r() * r()) * 10) / 10;
      const used = vm.memoryKB * (0.2 + 0.3 * r());
      lines.push([String(t), String(vm.cores), cap.toFixed(4), ((cap * pct) / 100).toFixed(4), pct.toFixed(1), vm.memoryKB.toFixed(1), used.toFixed(1), '12.5', '3.0', '0.5', '1.0'].join(';\t'));
    }
    writeFileSync(join(dir, `${vm.id}.csv`), lines.join('\n') + '\n');
  }
  return dir;
}

/** One worksheet row: strings go to the shared strings table (as Excel writes them), numbers inline. */
export type XlsxCell = string | number | null;

/**
 * Builds an .xlsx workbook in the SpreadsheetML layout Excel writes: workbook.xml with the sheet
 * names in order, its relationships, a shared strings table, one worksheet per sheet with `r`
 * references (A1, B1, ...), numbers as `<v>`, strings as `t="s"` indices. Other dialects (the
 * OpenXML SDK's prefixed one, inline strings, ...) are in rvtools-workbook.ts, which builds this one.
 */
export function buildXlsx(sheets: { name: string; rows: XlsxCell[][] }[]): Uint8Array {
  return buildWorkbook(sheets, { ns: 'default', strings: 'shared', styles: false, emptyCells: 'omit', refs: true, booleans: 'text' });
}

/** Header of the vInfo tab as current RVTools versions write it (a subset, in their order). */
export const RV_VINFO_HEADER = [
  'VM', 'Powerstate', 'Template', 'SRM Placeholder', 'Config status', 'Connection state', 'Guest state', 'Heartbeat',
  'PowerOn', 'Creation date', 'CPUs', 'Memory', 'Active Memory', 'NICs', 'Disks', 'Total disk capacity MiB',
  'Primary IP Address', 'Resource pool', 'Folder', 'Provisioned MiB', 'In Use MiB', 'Unshared MiB', 'Firmware', 'HW version',
  'Datacenter', 'Cluster', 'Host', 'OS according to the configuration file', 'OS according to the VMware Tools', 'VM ID', 'VM UUID',
];
/** Header of the vHost tab (a subset of RVTools' columns, in their order). */
export const RV_VHOST_HEADER = [
  'Host', 'Datacenter', 'Cluster', 'Config status', 'in Maintenance Mode', 'CPU Model', 'Speed', 'HT Available', 'HT Active',
  '# CPU', 'Cores per CPU', '# Cores', 'CPU usage %', '# Memory', 'Memory usage %', '# NICs', '# VMs', 'Vendor', 'Model',
];

export interface RvVm {
  vm: string;
  powerstate: 'poweredOn' | 'poweredOff' | 'suspended';
  template?: boolean;
  srm?: boolean;
  /** vCPUs; a string to write a bad cell. */
  cpus: number | string;
  memoryMiB: number;
  activeMiB: number;
  host: string;
}

export interface RvHost {
  host: string;
  sockets: number;
  coresPerCpu: number;
  mhz: number;
  memoryMiB: number;
  cpuUsagePct: number;
  memUsagePct: number;
  cpuModel: string;
}

/** The rows of an RVTools-layout vInfo tab: values as RVTools writes them (MiB, Excel serial dates, "True"/"False"). */
export function rvInfoRows(vms: RvVm[]): XlsxCell[][] {
  return [
    RV_VINFO_HEADER,
    ...vms.map((v, i) => [
      v.vm, v.powerstate, v.template ? 'True' : 'False', v.srm ? 'True' : 'False', 'green', 'connected', v.powerstate === 'poweredOn' ? 'running' : 'notRunning', 'green',
      45714.537 + i, 45000 + i, v.cpus, v.memoryMiB, v.activeMiB, 1, 1, 40960,
      `10.0.0.${i + 1}`, '/Resources', 'vm', 40960, 20480, 20480, 'bios', 'vmx-19',
      'dc-1', 'cluster-1', v.host, 'Red Hat Enterprise Linux 9 (64-bit)', '', `vm-${1000 + i}`, `4200${String(i).padStart(4, '0')}-0000-0000-0000-000000000000`,
    ]),
  ];
}

export function rvHostRows(hosts: RvHost[]): XlsxCell[][] {
  return [
    RV_VHOST_HEADER,
    ...hosts.map((h) => [
      h.host, 'dc-1', 'cluster-1', 'green', 'False', h.cpuModel, h.mhz, 'True', 'True',
      h.sockets, h.coresPerCpu, h.sockets * h.coresPerCpu, h.cpuUsagePct, h.memoryMiB, h.memUsagePct, 4, 10, 'Dell Inc.', 'PowerEdge R640',
    ]),
  ];
}
