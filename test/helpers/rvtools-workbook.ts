import { zipSync, strToU8 } from 'fflate';

/**
 * Builds RVTools-style .xlsx workbooks in the test, in several SpreadsheetML dialects, from one
 * model of the sheets. The layout follows an RVTools 4.x "Export all to Excel" workbook: tabs
 * vInfo, vCPU, vMemory, vHost (and vMetaData), with the column names of recent RVTools versions;
 * memory in MiB, booleans as the strings True/False, dates as Excel date serials in a date-styled
 * cell. The dialects are what different writers produce for the same data:
 * - `ns`: `prefixed` (the OpenXML SDK that RVTools uses: `<x:worksheet>`, `<x:c t="s"><x:v>`),
 *   `default` (Excel, openpyxl: a default namespace), `none` (no namespace at all);
 * - `strings`: shared strings, inline strings (no sharedStrings part), or shared strings written
 *   as rich-text runs with phonetic runs;
 * - `styles`: with styles.xml dates are styled serials; without it they are ISO text cells;
 * - relationship targets relative or absolute, sheets in another order and under other file
 *   names, empty cells omitted or written, rows and cells with or without references, booleans
 *   as text or as boolean cells, the 1904 date system, docProps and [Content_Types].xml or not.
 * Every dialect holds the same values, so every reader that reads them as Excel does gives the
 * same rows.
 */

/** A cell of the model: text, a number, an ISO date-time (`{ date: '2024-11-03T08:15:42' }`), or empty. */
export type ModelCell = string | number | { date: string } | null;

export interface ModelSheet {
  name: string;
  rows: ModelCell[][];
}

export interface Dialect {
  ns: 'prefixed' | 'default' | 'none';
  strings: 'shared' | 'inline' | 'rich';
  styles: boolean;
  date1904?: boolean;
  absoluteTargets?: boolean;
  /** Sheet name → part path (default: xl/worksheets/sheetN.xml in model order). */
  sheetFiles?: Record<string, string>;
  /** Order of the sheets in the workbook (default: model order). */
  sheetOrder?: string[];
  emptyCells: 'omit' | 'write';
  /** Write `r` on rows and cells (false: positions follow the order, every cell written). */
  refs: boolean;
  booleans: 'text' | 'cells';
  docProps?: boolean;
  contentTypes?: boolean;
  /** Relationship ids as the OpenXML SDK makes them (`R` + hex) instead of `rId1`. */
  sdkRelIds?: boolean;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Text for a SpreadsheetML string: XML-escaped, with CR written as `_x000D_` (as Excel does). */
const xstr = (s: string) => esc(s.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_').replace(/\r/g, '_x000D_'));

/** Column index → letters (written here independently of the reader's). */
function colName(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** ISO date-time → Excel serial (1900 system, for dates after 1900-03-01; or 1904 system). */
export function isoToSerial(iso: string, date1904 = false): number {
  const [d, t = '00:00:00'] = iso.split('T');
  const [y, m, day] = d.split('-').map(Number);
  const [hh, mm, ss] = t.split(':').map(Number);
  const ms = Date.UTC(y, m - 1, day, hh, mm, ss);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return (ms - epoch) / 86_400_000;
}

/** Builds the workbook of `sheets` in `dialect`. */
export function buildWorkbook(sheets: ModelSheet[], d: Dialect): Uint8Array {
  const p = d.ns === 'prefixed' ? 'x:' : '';
  const rootNs = (extra = '') => (d.ns === 'prefixed' ? ` xmlns:x="${MAIN}"${extra}` : d.ns === 'default' ? ` xmlns="${MAIN}"${extra}` : extra);
  const el = (name: string) => `${p}${name}`;
  const order = d.sheetOrder ?? sheets.map((s) => s.name);
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const files: Record<string, Uint8Array> = {};
  const relId = (i: number) => (d.sdkRelIds ? `R${(0x3f2a91c0 + i * 0x1d3b).toString(16)}` : `rId${i + 1}`);
  const target = (part: string) => (d.absoluteTargets ? `/${part}` : part.replace(/^xl\//, ''));

  // shared strings
  const sst: string[] = [];
  const sstIndex = new Map<string, number>();
  const stringCell = (s: string, ref: string) => {
    if (d.strings === 'inline') return `<${el('c')}${ref} t="inlineStr"><${el('is')}><${el('t')} xml:space="preserve">${xstr(s)}</${el('t')}></${el('is')}></${el('c')}>`;
    let i = sstIndex.get(s);
    if (i === undefined) {
      i = sst.length;
      sst.push(s);
      sstIndex.set(s, i);
    }
    return `<${el('c')}${ref} t="s"><${el('v')}>${i}</${el('v')}></${el('c')}>`;
  };

  const parts = order.map((name, i) => ({ name, part: d.sheetFiles?.[name] ?? `xl/worksheets/sheet${i + 1}.xml`, id: relId(i) }));
  for (const { name, part } of parts) {
    const sheet = byName.get(name)!;
    const rowsXml = sheet.rows.map((row, ri) => {
      const cells: string[] = [];
      row.forEach((c, ci) => {
        const ref = d.refs ? ` r="${colName(ci)}${ri + 1}"` : '';
        if (c === null || c === '') {
          if (d.emptyCells === 'write' || !d.refs) cells.push(`<${el('c')}${ref}${d.styles ? ' s="0"' : ''}/>`);
        } else if (typeof c === 'number') cells.push(`<${el('c')}${ref}><${el('v')}>${c}</${el('v')}></${el('c')}>`);
        else if (typeof c === 'object') {
          if (d.styles) cells.push(`<${el('c')}${ref} s="${c.date.includes('T') ? 1 : 2}"><${el('v')}>${isoToSerial(c.date, d.date1904)}</${el('v')}></${el('c')}>`);
          else cells.push(stringCell(c.date, ref));
        } else if (d.booleans === 'cells' && (c === 'True' || c === 'False')) cells.push(`<${el('c')}${ref} t="b"><${el('v')}>${c === 'True' ? 1 : 0}</${el('v')}></${el('c')}>`);
        else cells.push(stringCell(c, ref));
      });
      return `<${el('row')}${d.refs ? ` r="${ri + 1}"` : ''}>${cells.join('')}</${el('row')}>`;
    });
    const width = Math.max(...sheet.rows.map((r) => r.length));
    files[part] = strToU8(
      `<?xml version="1.0" encoding="utf-8"?><${el('worksheet')}${rootNs(` xmlns:r="${REL}"`)}><${el('dimension')} ref="A1:${colName(width - 1)}${sheet.rows.length}"/><${el('sheetViews')}><${el('sheetView')} workbookViewId="0"><${el('pane')} xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/></${el('sheetView')}></${el('sheetViews')}><${el('sheetFormatPr')} defaultRowHeight="15"/><${el('sheetData')}>${rowsXml.join('')}</${el('sheetData')}><${el('autoFilter')} ref="A1:${colName(width - 1)}${sheet.rows.length}"/></${el('worksheet')}>`,
    );
  }

  const wbRels: string[] = parts.map(({ part, id }) => `<Relationship Type="${REL}/worksheet" Target="${target(part)}" Id="${id}"/>`);
  if (d.strings !== 'inline') {
    const si = sst.map((s) => {
      if (d.strings === 'rich' && s.length > 1) {
        const cut = Math.ceil(s.length / 2);
        return `<${el('si')}><${el('r')}><${el('rPr')}><${el('b')}/><${el('sz')} val="11"/></${el('rPr')}><${el('t')} xml:space="preserve">${xstr(s.slice(0, cut))}</${el('t')}></${el('r')}><${el('r')}><${el('t')} xml:space="preserve">${xstr(s.slice(cut))}</${el('t')}></${el('r')}><${el('rPh')} sb="0" eb="1"><${el('t')}>ヨミ</${el('t')}></${el('rPh')}><${el('phoneticPr')} fontId="1"/></${el('si')}>`;
      }
      return `<${el('si')}><${el('t')} xml:space="preserve">${xstr(s)}</${el('t')}></${el('si')}>`;
    });
    files['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0" encoding="utf-8"?><${el('sst')}${rootNs()} count="${sst.length}" uniqueCount="${sst.length}">${si.join('')}</${el('sst')}>`);
    wbRels.push(`<Relationship Type="${REL}/sharedStrings" Target="${target('xl/sharedStrings.xml')}" Id="${relId(90)}"/>`);
  }
  if (d.styles) {
    // cellXfs: 0 General, 1 a custom date-time format (as RVTools/LibreOffice write), 2 built-in 14 (a date).
    files['xl/styles.xml'] = strToU8(
      `<?xml version="1.0" encoding="utf-8"?><${el('styleSheet')}${rootNs()}><${el('numFmts')} count="1"><${el('numFmt')} numFmtId="164" formatCode="yyyy/mm/dd\\ hh:mm:ss"/></${el('numFmts')}><${el('fonts')} count="1"><${el('font')}><${el('sz')} val="11"/><${el('name')} val="Calibri"/></${el('font')}></${el('fonts')}><${el('fills')} count="1"><${el('fill')}><${el('patternFill')} patternType="none"/></${el('fill')}></${el('fills')}><${el('borders')} count="1"><${el('border')}/></${el('borders')}><${el('cellStyleXfs')} count="1"><${el('xf')} numFmtId="14"/></${el('cellStyleXfs')}><${el('cellXfs')} count="3"><${el('xf')} numFmtId="0" fontId="0" fillId="0" borderId="0"/><${el('xf')} numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/><${el('xf')} numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></${el('cellXfs')}></${el('styleSheet')}>`,
    );
    wbRels.push(`<Relationship Type="${REL}/styles" Target="${target('xl/styles.xml')}" Id="${relId(91)}"/>`);
  }
  files['xl/_rels/workbook.xml.rels'] = strToU8(`<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="${PKG}">${wbRels.join('')}</Relationships>`);
  const sheetEls = parts.map(({ name, id }, i) => `<${el('sheet')} name="${esc(name)}" sheetId="${i + 1}" r:id="${id}"/>`).join('');
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="utf-8"?><${el('workbook')}${rootNs(` xmlns:r="${REL}"`)}>${d.date1904 ? `<${el('workbookPr')} date1904="1"/>` : `<${el('workbookPr')}/>`}<${el('bookViews')}><${el('workbookView')} activeTab="0"/></${el('bookViews')}><${el('sheets')}>${sheetEls}</${el('sheets')}></${el('workbook')}>`,
  );
  const rootRels = [`<Relationship Type="${REL}/officeDocument" Target="${d.absoluteTargets ? '/xl/workbook.xml' : 'xl/workbook.xml'}" Id="${relId(92)}"/>`];
  if (d.docProps) {
    files['docProps/app.xml'] = strToU8('<?xml version="1.0" encoding="utf-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>');
    files['docProps/core.xml'] = strToU8(
      '<?xml version="1.0" encoding="utf-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>RVTools</dc:creator></cp:coreProperties>',
    );
    rootRels.push(`<Relationship Type="${REL}/extended-properties" Target="docProps/app.xml" Id="${relId(93)}"/>`);
    rootRels.push(`<Relationship Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml" Id="${relId(94)}"/>`);
  }
  files['_rels/.rels'] = strToU8(`<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="${PKG}">${rootRels.join('')}</Relationships>`);
  if (d.contentTypes !== false) {
    const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
    const overrides = [`<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>`, ...parts.map(({ part }) => `<Override PartName="/${part}" ContentType="${ct}.worksheet+xml"/>`)];
    if (d.strings !== 'inline') overrides.push(`<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/>`);
    if (d.styles) overrides.push(`<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>`);
    files['[Content_Types].xml'] = strToU8(
      `<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`,
    );
  }
  return zipSync(files);
}

/** The dialects the tests compare; `excel` is the reference (what Excel writes when it re-saves). */
export const DIALECTS: Record<string, Dialect> = {
  excel: { ns: 'default', strings: 'shared', styles: true, emptyCells: 'omit', refs: true, booleans: 'text', docProps: true },
  openXmlSdk: { ns: 'prefixed', strings: 'shared', styles: true, emptyCells: 'omit', refs: true, booleans: 'text', absoluteTargets: true, sdkRelIds: true, docProps: true },
  sdkInlineNoStyles: { ns: 'prefixed', strings: 'inline', styles: false, emptyCells: 'write', refs: true, booleans: 'text' },
  noNamespace: { ns: 'none', strings: 'shared', styles: true, emptyCells: 'write', refs: true, booleans: 'text', contentTypes: false },
  inlineStrings: { ns: 'default', strings: 'inline', styles: true, emptyCells: 'omit', refs: true, booleans: 'cells' },
  richText: { ns: 'default', strings: 'rich', styles: true, emptyCells: 'omit', refs: true, booleans: 'text', docProps: true },
  noRefs: { ns: 'prefixed', strings: 'shared', styles: true, emptyCells: 'write', refs: false, booleans: 'cells' },
  date1904: { ns: 'default', strings: 'shared', styles: true, date1904: true, emptyCells: 'omit', refs: true, booleans: 'text' },
  renamedSheets: {
    ns: 'prefixed',
    strings: 'shared',
    styles: true,
    emptyCells: 'omit',
    refs: true,
    booleans: 'text',
    absoluteTargets: true,
    sheetOrder: ['vMetaData', 'vHost', 'vMemory', 'vCPU', 'vInfo'],
    sheetFiles: { vInfo: 'xl/worksheets/sheet7.xml', vHost: 'xl/worksheets/sheet2.xml', vCPU: 'xl/worksheets/data/cpu.xml', vMemory: 'xl/worksheets/sheet1.xml', vMetaData: 'xl/meta.xml' },
  },
  minimal: { ns: 'none', strings: 'inline', styles: false, emptyCells: 'omit', refs: true, booleans: 'text', contentTypes: false },
};

// ---- an RVTools 4.x-like inventory -------------------------------------------------------------

const VINFO_HEADER = [
  'VM', 'Powerstate', 'Template', 'SRM Placeholder', 'Config status', 'DNS Name', 'Connection state', 'Guest state', 'Heartbeat', 'Consolidation Needed',
  'PowerOn', 'Suspended To Memory', 'Suspend time', 'Creation date', 'Change Version', 'CPUs', 'Overall Cpu Readiness', 'Memory', 'Active Memory', 'NICs',
  'Disks', 'Total disk capacity MiB', 'Latency Sensitivity', 'EnableUUID', 'CBT', 'Primary IP Address', 'Network #1', 'Network #2', 'Num Monitors',
  'Video Ram KiB', 'Resource pool', 'Folder', 'vApp', 'DAS protection', 'FT State', 'Provisioned MiB', 'In Use MiB', 'Unshared MiB', 'HA Restart Priority',
  'Boot Required', 'EFI Secure boot', 'Firmware', 'HW version', 'HW upgrade status', 'Path', 'Annotation', 'Datacenter', 'Cluster', 'Host',
  'OS according to the configuration file', 'OS according to the VMware Tools', 'VM ID', 'SMBIOS UUID', 'VM UUID', 'VI SDK Server type', 'VI SDK API Version', 'VI SDK Server', 'VI SDK UUID',
];

export interface ModelVm {
  vm: string;
  power: 'poweredOn' | 'poweredOff' | 'suspended' | 'Running' | 'Off' | 'Saved'; // vSphere states, then Hyper-V's
  template?: boolean;
  srm?: boolean;
  cpus: number | null;
  memoryMiB: number;
  activeMiB: number;
  host: string;
  cluster: string;
  os: string;
  annotation?: string;
  server?: string;
}

/** The inventory of the sample workbook: 14 VM rows, 4 hosts, 2 clusters. */
export const SAMPLE_VMS: ModelVm[] = [
  { vm: 'dc01', power: 'poweredOn', cpus: 2, memoryMiB: 8192, activeMiB: 1228, host: 'esx01.corp.local', cluster: 'Prod-Cluster', os: 'Microsoft Windows Server 2019 (64-bit)' },
  { vm: 'sql-prod-01', power: 'poweredOn', cpus: 8, memoryMiB: 65536, activeMiB: 26214, host: 'esx01.corp.local', cluster: 'Prod-Cluster', os: 'Microsoft Windows Server 2022 (64-bit)', annotation: 'Owner: DBA team\r\nTier 1 & PCI' },
  { vm: 'web-01', power: 'poweredOn', cpus: 4, memoryMiB: 16384, activeMiB: 3276, host: 'esx02.corp.local', cluster: 'Prod-Cluster', os: 'Ubuntu Linux (64-bit)' },
  { vm: 'web-02', power: 'poweredOn', cpus: 4, memoryMiB: 16384, activeMiB: 2867, host: 'esx02.corp.local', cluster: 'Prod-Cluster', os: 'Ubuntu Linux (64-bit)' },
  { vm: 'app-01 (billing)', power: 'poweredOn', cpus: 4, memoryMiB: 24576, activeMiB: 6144, host: 'esx03.corp.local', cluster: 'Prod-Cluster', os: 'Red Hat Enterprise Linux 8 (64-bit)' },
  { vm: 'R&D <lab> Zürich_x0041_', power: 'poweredOn', cpus: 2, memoryMiB: 4096, activeMiB: 409, host: 'esx04.corp.local', cluster: 'Dev-Cluster', os: 'Debian GNU/Linux 12 (64-bit)' },
  { vm: 'old-ftp', power: 'poweredOff', cpus: 1, memoryMiB: 2048, activeMiB: 0, host: 'esx04.corp.local', cluster: 'Dev-Cluster', os: 'CentOS 7 (64-bit)' },
  { vm: 'test-suspended', power: 'suspended', cpus: 2, memoryMiB: 4096, activeMiB: 0, host: 'esx04.corp.local', cluster: 'Dev-Cluster', os: 'Microsoft Windows 10 (64-bit)' },
  { vm: 'tmpl-win2022', power: 'poweredOff', template: true, cpus: 2, memoryMiB: 8192, activeMiB: 0, host: 'esx03.corp.local', cluster: 'Prod-Cluster', os: 'Microsoft Windows Server 2022 (64-bit)' },
  { vm: 'sql-prod-01-dr', power: 'poweredOff', srm: true, cpus: 8, memoryMiB: 65536, activeMiB: 0, host: 'esx03.corp.local', cluster: 'Prod-Cluster', os: 'Microsoft Windows Server 2022 (64-bit)' },
  { vm: 'broken-vm', power: 'poweredOn', cpus: null, memoryMiB: 4096, activeMiB: 0, host: 'esx02.corp.local', cluster: 'Prod-Cluster', os: '' },
  { vm: 'bad-mem', power: 'poweredOn', cpus: 2, memoryMiB: 0, activeMiB: 0, host: 'esx02.corp.local', cluster: 'Prod-Cluster', os: 'Ubuntu Linux (64-bit)' },
  { vm: 'jump-01', power: 'poweredOn', cpus: 1, memoryMiB: 2048, activeMiB: 512, host: 'esx04.corp.local', cluster: 'Dev-Cluster', os: 'Microsoft Windows Server 2019 (64-bit)' },
  { vm: 'web-01', power: 'poweredOn', cpus: 2, memoryMiB: 4096, activeMiB: 800, host: 'esx02.corp.local', cluster: 'Prod-Cluster', os: 'Ubuntu Linux (64-bit)', server: 'vcenter-dr.corp.local' },
];

const HOSTS = [
  { host: 'esx01.corp.local', cluster: 'Prod-Cluster', cpuModel: 'Intel(R) Xeon(R) Gold 6240R CPU @ 2.40GHz', speed: 2394, sockets: 2, cps: 24, usage: 31, memMiB: 786_432, memUsage: 58, vendor: 'Dell Inc.', model: 'PowerEdge R640' },
  { host: 'esx02.corp.local', cluster: 'Prod-Cluster', cpuModel: 'Intel(R) Xeon(R) Gold 6240R CPU @ 2.40GHz', speed: 2394, sockets: 2, cps: 24, usage: 24, memMiB: 786_432, memUsage: 47, vendor: 'Dell Inc.', model: 'PowerEdge R640' },
  { host: 'esx03.corp.local', cluster: 'Prod-Cluster', cpuModel: 'Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz', speed: 2195, sockets: 2, cps: 12, usage: 12, memMiB: 393_216, memUsage: 35, vendor: 'HPE', model: 'ProLiant DL360 Gen10' },
  { host: 'esx04.corp.local', cluster: 'Dev-Cluster', cpuModel: 'AMD EPYC 7302 16-Core Processor', speed: 2994, sockets: 1, cps: 16, usage: 8, memMiB: 262_144, memUsage: 22, vendor: 'Dell Inc.', model: 'PowerEdge R6515' },
];

const bool = (b: boolean | undefined) => (b ? 'True' : 'False');

/** The sample RVTools 4.x workbook as a model: vInfo, vCPU, vMemory, vHost, vMetaData. */
export function sampleSheets(vms: ModelVm[] = SAMPLE_VMS): ModelSheet[] {
  const vInfo: ModelCell[][] = [VINFO_HEADER];
  const vCpu: ModelCell[][] = [['VM', 'Powerstate', 'Template', 'SRM Placeholder', 'CPUs', 'Sockets', 'Cores p/s', 'Max', 'Overall', 'Level', 'Shares', 'Reservation', 'Entitlement', 'DRS Entitlement', 'Limit', 'Hot Add', 'Hot Remove', 'Numa Hotadd Exposed', 'Annotation', 'Datacenter', 'Cluster', 'Host', 'Folder', 'OS according to the configuration file', 'OS according to the VMware Tools', 'VM ID', 'VM UUID', 'VI SDK Server', 'VI SDK UUID']];
  const vMem: ModelCell[][] = [['VM', 'Powerstate', 'Template', 'SRM Placeholder', 'Size MiB', 'Memory Reservation Locked To Max', 'Overhead', 'Max', 'Consumed', 'Consumed Overhead', 'Private', 'Shared', 'Swapped', 'Ballooned', 'Active', 'Entitlement', 'DRS Entitlement', 'Level', 'Shares', 'Reservation', 'Limit', 'Hot Add', 'Annotation', 'Datacenter', 'Cluster', 'Host', 'Folder', 'OS according to the configuration file', 'OS according to the VMware Tools', 'VM ID', 'VM UUID', 'VI SDK Server', 'VI SDK UUID']];
  vms.forEach((v, i) => {
    const on = v.power === 'poweredOn' || v.power === 'Running';
    const id = `vm-${1001 + i}`;
    const uuid = `5021${(0x1a2b + i).toString(16)}-7c3d-4e5f-8a9b-${(0xc0ffee000000 + i).toString(16)}`;
    const server = v.server ?? 'vcenter01.corp.local';
    const host = HOSTS.find((h) => h.host === v.host)!;
    const row: Record<string, ModelCell> = {
      VM: v.vm, Powerstate: v.power, Template: bool(v.template), 'SRM Placeholder': bool(v.srm), 'Config status': 'green', 'DNS Name': on ? `${v.vm.replace(/[^a-z0-9-]/gi, '').toLowerCase()}.corp.local` : null,
      'Connection state': 'connected', 'Guest state': on ? 'running' : 'notRunning', Heartbeat: on ? 'green' : 'gray', 'Consolidation Needed': 'False',
      PowerOn: on ? { date: `2024-11-${String(3 + (i % 20)).padStart(2, '0')}T08:15:${String(10 + i).padStart(2, '0')}` } : null, 'Suspended To Memory': 'False',
      'Suspend time': v.power === 'suspended' ? { date: '2025-01-17T16:42:05' } : null, 'Creation date': { date: `2021-06-${String(1 + i).padStart(2, '0')}` }, 'Change Version': `2024-11-0${1 + (i % 9)}T07:00:00.000000Z`,
      CPUs: v.cpus, 'Overall Cpu Readiness': on ? 0.1 * (i % 3) : 0, Memory: v.memoryMiB, 'Active Memory': v.activeMiB, NICs: 1, Disks: 2, 'Total disk capacity MiB': 102_400 + 1024 * i,
      'Latency Sensitivity': 'normal', EnableUUID: 'False', CBT: 'True', 'Primary IP Address': on ? `10.20.${i}.${10 + i}` : null, 'Network #1': 'VM Network', 'Network #2': null, 'Num Monitors': 1,
      'Video Ram KiB': 8192, 'Resource pool': 'Resources', Folder: 'Discovered virtual machine', vApp: null, 'DAS protection': 'True', 'FT State': 'notConfigured',
      'Provisioned MiB': 110_000 + 2048 * i, 'In Use MiB': 60_000 + 1500 * i, 'Unshared MiB': 58_000 + 1500 * i, 'HA Restart Priority': 'clusterRestartPriority',
      'Boot Required': 'False', 'EFI Secure boot': 'False', Firmware: 'efi', 'HW version': 'vmx-19', 'HW upgrade status': 'none', Path: `[datastore1] ${v.vm}/${v.vm}.vmx`,
      Annotation: v.annotation ?? null, Datacenter: 'DC-East', Cluster: v.cluster, Host: v.host, 'OS according to the configuration file': v.os || null, 'OS according to the VMware Tools': on ? v.os || null : null,
      'VM ID': id, 'SMBIOS UUID': uuid, 'VM UUID': uuid.replace('5021', '4221'), 'VI SDK Server type': 'VMware vCenter Server', 'VI SDK API Version': '8.0.3.0', 'VI SDK Server': server, 'VI SDK UUID': 'b6a1f8e2-0c7d-4d55-9a61-3f0e9d2c1a77',
    };
    vInfo.push(VINFO_HEADER.map((h) => (h in row ? row[h] : null)));
    const cores = v.cpus ?? 1;
    vCpu.push([v.vm, v.power, bool(v.template), bool(v.srm), v.cpus, cores > 1 ? 2 : 1, cores > 1 ? cores / 2 : 1, cores * host.speed, on ? Math.round(cores * host.speed * host.usage / 100) : 0, 'normal', cores * 1000, 0, on ? 300 + i : 0, on ? 300 + i : 0, -1, 'False', 'False', 'False', v.annotation ?? null, 'DC-East', v.cluster, v.host, 'Discovered virtual machine', v.os || null, on ? v.os || null : null, id, uuid, server, 'b6a1f8e2-0c7d-4d55-9a61-3f0e9d2c1a77']);
    vMem.push([v.vm, v.power, bool(v.template), bool(v.srm), v.memoryMiB, 'False', on ? 64 : 0, v.memoryMiB, on ? Math.round(v.memoryMiB * 0.6) : 0, on ? 40 : 0, on ? Math.round(v.memoryMiB * 0.55) : 0, 0, 0, 0, v.activeMiB, on ? v.activeMiB + 200 : 0, on ? v.activeMiB + 200 : 0, 'normal', v.memoryMiB * 10, 0, -1, 'False', v.annotation ?? null, 'DC-East', v.cluster, v.host, 'Discovered virtual machine', v.os || null, on ? v.os || null : null, id, uuid, server, 'b6a1f8e2-0c7d-4d55-9a61-3f0e9d2c1a77']);
  });
  const vHost: ModelCell[][] = [
    ['Host', 'Datacenter', 'Cluster', 'Config status', 'in Maintenance Mode', 'CPU Model', 'Speed', 'HT Available', 'HT Active', '# CPU', 'Cores per CPU', '# Cores', 'CPU usage %', '# Memory', 'Memory usage %', '# NICs', '# HBAs', '# VMs total', '# VMs', 'VMs per Core', '# vCPUs', 'vCPUs per Core', 'vRAM', 'Boot time', 'Vendor', 'Model', 'ESX Version'],
  ];
  for (const h of HOSTS) {
    const vmsOn = vms.filter((v) => v.host === h.host);
    const vcpus = vmsOn.reduce((a, v) => a + (v.cpus ?? 0), 0);
    vHost.push([h.host, 'DC-East', h.cluster, 'green', 'False', h.cpuModel, h.speed, 'True', 'True', h.sockets, h.cps, h.sockets * h.cps, h.usage, h.memMiB, h.memUsage, 4, 2, vmsOn.length, vmsOn.filter((v) => v.power === 'poweredOn').length, Number((vmsOn.length / (h.sockets * h.cps)).toFixed(2)), vcpus, Number((vcpus / (h.sockets * h.cps)).toFixed(2)), vmsOn.reduce((a, v) => a + v.memoryMiB, 0), { date: '2024-10-28T06:12:44' }, h.vendor, h.model, 'VMware ESXi 8.0.3 build-24022510']);
  }
  const vMeta: ModelCell[][] = [['RVTools major version', 'RVTools version', 'xlsx creation datetime', 'Server'], [4, '4.6.1.0', { date: '2025-02-03T09:30:00' }, 'vcenter01.corp.local']];
  return [
    { name: 'vInfo', rows: vInfo },
    { name: 'vCPU', rows: vCpu },
    { name: 'vMemory', rows: vMem },
    { name: 'vHost', rows: vHost },
    { name: 'vMetaData', rows: vMeta },
  ];
}
