#!/usr/bin/env node
/**
 * RVTools .xlsx ingest benchmark: writes an RVTools-layout workbook of VMS vInfo rows (default
 * 100,000 x 58 columns, about 100 MB of sheet XML) and VMS/25 vHost rows in the OpenXML SDK's
 * prefixed dialect (`<x:c t="s"><x:v>`), then in separate child processes (each with its own
 * peak RSS) measures:
 *   1. saxes alone: the vInfo sheet XML inflated and parsed with no handlers (the floor);
 *   2. reader: XlsxWorkbook.rows() over vInfo (cells to text, shared strings, dates);
 *   3. loadRvtools: the whole RVTools ingest (vInfo + vHost, accounting, workloads).
 * For 2 and 3 it also reports the longest gap of a 10 ms interval timer during the run (how long
 * the event loop was held). Numbers are reported, never asserted. Run after `npm run build`:
 *   node benchmarks/ingest/rvtools-xlsx.mjs [--vms 100000] [--repeat 2] [--keep]
 */
import { mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const VINFO = ['VM', 'Powerstate', 'Template', 'SRM Placeholder', 'Config status', 'DNS Name', 'Connection state', 'Guest state', 'Heartbeat', 'Consolidation Needed', 'PowerOn', 'Suspended To Memory', 'Suspend time', 'Creation date', 'Change Version', 'CPUs', 'Overall Cpu Readiness', 'Memory', 'Active Memory', 'NICs', 'Disks', 'Total disk capacity MiB', 'Latency Sensitivity', 'EnableUUID', 'CBT', 'Primary IP Address', 'Network #1', 'Network #2', 'Num Monitors', 'Video Ram KiB', 'Resource pool', 'Folder', 'vApp', 'DAS protection', 'FT State', 'Provisioned MiB', 'In Use MiB', 'Unshared MiB', 'HA Restart Priority', 'Boot Required', 'EFI Secure boot', 'Firmware', 'HW version', 'HW upgrade status', 'Path', 'Annotation', 'Datacenter', 'Cluster', 'Host', 'OS according to the configuration file', 'OS according to the VMware Tools', 'VM ID', 'SMBIOS UUID', 'VM UUID', 'VI SDK Server type', 'VI SDK API Version', 'VI SDK Server', 'VI SDK UUID'];
const VHOST = ['Host', 'Datacenter', 'Cluster', 'CPU Model', 'Speed', '# CPU', 'Cores per CPU', '# Cores', 'CPU usage %', '# Memory', 'Memory usage %', 'Vendor', 'Model'];

function col(i) {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

async function generate(file, vms) {
  const { zipSync, strToU8 } = await import('fflate');
  const sst = [];
  const idx = new Map();
  const s = (v) => {
    let i = idx.get(v);
    if (i === undefined) idx.set(v, (i = sst.push(v) - 1));
    return i;
  };
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const hosts = Math.max(1, Math.ceil(vms / 25));
  const sheet = (header, rowOf, n) => {
    const parts = [`<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>`];
    const cell = (r, c, v) => (typeof v === 'number' ? `<x:c r="${col(c)}${r}"><x:v>${v}</x:v></x:c>` : typeof v === 'object' ? `<x:c r="${col(c)}${r}" s="1"><x:v>${v.serial}</x:v></x:c>` : `<x:c r="${col(c)}${r}" t="s"><x:v>${s(v)}</x:v></x:c>`);
    parts.push(`<x:row r="1">${header.map((h, c) => cell(1, c, h)).join('')}</x:row>`);
    for (let k = 0; k < n; k++) {
      const row = rowOf(k);
      parts.push(`<x:row r="${k + 2}">${row.map((v, c) => (v === null ? '' : cell(k + 2, c, v))).join('')}</x:row>`);
    }
    parts.push('</x:sheetData></x:worksheet>');
    return parts.join('');
  };
  const vInfo = sheet(VINFO, (k) => {
    const on = rnd() < 0.85;
    const cpus = [1, 2, 2, 4, 4, 8, 16][Math.floor(rnd() * 7)];
    const mem = cpus * 4096 * (rnd() < 0.5 ? 1 : 2);
    const name = `vm-${String(k).padStart(6, '0')}`;
    return VINFO.map((h) => {
      switch (h) {
        case 'VM': return name;
        case 'Powerstate': return on ? 'poweredOn' : 'poweredOff';
        case 'Template': case 'SRM Placeholder': case 'Consolidation Needed': case 'Suspended To Memory': case 'EnableUUID': case 'Boot Required': case 'EFI Secure boot': return 'False';
        case 'CBT': case 'DAS protection': return 'True';
        case 'PowerOn': return on ? { serial: 45500 + rnd() * 200 } : null;
        case 'Creation date': return { serial: 44000 + Math.floor(rnd() * 1500) };
        case 'CPUs': return cpus;
        case 'Memory': return mem;
        case 'Active Memory': return on ? Math.round(mem * rnd() * 0.4) : 0;
        case 'Overall Cpu Readiness': return Number((rnd() * 2).toFixed(2));
        case 'NICs': case 'Num Monitors': return 1;
        case 'Disks': return 2;
        case 'Total disk capacity MiB': case 'Provisioned MiB': return 40960 + Math.floor(rnd() * 400000);
        case 'In Use MiB': case 'Unshared MiB': return Math.floor(rnd() * 200000);
        case 'Video Ram KiB': return 8192;
        case 'DNS Name': return on ? `${name}.corp.local` : null;
        case 'Primary IP Address': return on ? `10.${k >> 16 & 255}.${k >> 8 & 255}.${k & 255}` : null;
        case 'Network #2': case 'vApp': case 'Suspend time': case 'Annotation': return null;
        case 'Path': return `[ds${k % 40}] ${name}/${name}.vmx`;
        case 'Cluster': return `cluster-${(k % hosts) % 8}`;
        case 'Host': return `esx${String(k % hosts).padStart(4, '0')}.corp.local`;
        case 'VM ID': return `vm-${100000 + k}`;
        case 'SMBIOS UUID': case 'VM UUID': return `4221${(k * 7919).toString(16).padStart(8, '0')}-aaaa-bbbb-cccc-${k.toString(16).padStart(12, '0')}`;
        case 'OS according to the configuration file': case 'OS according to the VMware Tools': return ['Ubuntu Linux (64-bit)', 'Microsoft Windows Server 2019 (64-bit)', 'Red Hat Enterprise Linux 8 (64-bit)'][k % 3];
        case 'Datacenter': return 'DC-East';
        default: return h === 'VI SDK Server' ? 'vcenter01.corp.local' : h === 'VI SDK API Version' ? '8.0.3.0' : `${h.toLowerCase().replace(/[^a-z]/g, '')}-value`;
      }
    });
  }, vms);
  const vHost = sheet(VHOST, (k) => [`esx${String(k).padStart(4, '0')}.corp.local`, 'DC-East', `cluster-${k % 8}`, 'Intel(R) Xeon(R) Gold 6240R CPU @ 2.40GHz', 2394, 2, 24, 48, Math.floor(rnd() * 60), 786432, Math.floor(rnd() * 80), 'Dell Inc.', 'PowerEdge R640'], hosts);
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const zip = zipSync({
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`<x:workbook xmlns:x="${MAIN}" xmlns:r="${REL}"><x:sheets><x:sheet name="vInfo" sheetId="1" r:id="R2"/><x:sheet name="vHost" sheetId="2" r:id="R3"/></x:sheets></x:workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R2" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="R3" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="R4" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="R5" Type="${REL}/styles" Target="/xl/styles.xml"/></Relationships>`),
    'xl/styles.xml': strToU8(`<x:styleSheet xmlns:x="${MAIN}"><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="yyyy/mm/dd\\ hh:mm:ss"/></x:numFmts><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="164"/></x:cellXfs></x:styleSheet>`),
    'xl/sharedStrings.xml': strToU8(`<x:sst xmlns:x="${MAIN}">${sst.map((t) => `<x:si><x:t>${esc(t)}</x:t></x:si>`).join('')}</x:sst>`),
    'xl/worksheets/sheet1.xml': strToU8(vInfo),
    'xl/worksheets/sheet2.xml': strToU8(vHost),
  });
  writeFileSync(file, zip);
  return { sheetBytes: Buffer.byteLength(vInfo), sharedStrings: sst.length };
}

async function phase(name, file) {
  const dist = (p) => resolve(here, '../../dist', p);
  let maxGapMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
  }, 10);
  const t0 = performance.now();
  let rows = 0;
  if (name === 'saxes') {
    clearInterval(timer);
    const { zipEntries, inflateChunks } = await import(dist('ingest/zip.js'));
    const { SaxesParser } = await import('saxes');
    const { readFileSync } = await import('node:fs');
    const data = readFileSync(file);
    const e = zipEntries(data).find((x) => x.name === 'xl/worksheets/sheet1.xml');
    const p = new SaxesParser({ xmlns: true });
    p.on('closetag', (t) => {
      if (t.local === 'row') rows++;
    });
    const dec = new TextDecoder();
    for await (const chunk of inflateChunks(data, e, 2 ** 30)) p.write(dec.decode(chunk, { stream: true }));
    p.close();
  } else if (name === 'reader') {
    const { XlsxWorkbook } = await import(dist('ingest/xlsx.js'));
    const wb = await XlsxWorkbook.open(file, 'bench.xlsx');
    for await (const _ of wb.rows('vInfo')) rows++;
  } else {
    const { loadRvtools } = await import(dist('ingest/rvtools.js'));
    const r = await loadRvtools(file, { label: 'bench.xlsx' });
    rows = r.rows.read;
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  process.stdout.write(JSON.stringify({ name, rows, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, maxEventLoopGapMs: name === 'saxes' ? null : Math.round(maxGapMs) }));
}

if (args[0] === '--phase') {
  await phase(args[1], args[2]);
} else if (args[0] === '--generate') {
  process.stdout.write(JSON.stringify(await generate(args[1], Number(args[2]))));
} else {
  const vms = Number(opt('vms', 100000));
  const repeat = Number(opt('repeat', 2));
  const dir = mkdtempSync(join(tmpdir(), 'cp-rvx-bench-'));
  const file = join(dir, 'rvtools.xlsx');
  // generated in a child too: Linux carries a parent's peak RSS into the children it forks
  const gen = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--generate', file, String(vms)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (gen.status !== 0) throw new Error(`generating failed: ${gen.stderr}`);
  const g = JSON.parse(gen.stdout);
  console.log(`workbook: ${vms} vInfo rows, vInfo sheet XML ${(g.sheetBytes / 2 ** 20).toFixed(1)} MiB, ${g.sharedStrings} shared strings, file ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB`);
  for (let k = 0; k < repeat; k++) {
    for (const name of ['saxes', 'reader', 'loadRvtools']) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--phase', name, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
      const j = JSON.parse(r.stdout);
      console.log(`${name.padEnd(12)} ${j.seconds.toFixed(2)} s  ${(g.sheetBytes / 2 ** 20 / j.seconds).toFixed(1)} MiB/s of sheet XML  rows ${j.rows}  peak RSS ${j.maxRssMiB.toFixed(0)} MiB${j.maxEventLoopGapMs === null ? '' : `  longest event-loop gap ${j.maxEventLoopGapMs} ms`}`);
    }
  }
  if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${file}`);
}
