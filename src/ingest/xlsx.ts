import { readFileSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { InputError } from '../errors.js';

/**
 * A small, bounded .xlsx reader. We read the zip central directory ourselves (zipEntries), and
 * every entry we need (workbook, its relationships, shared strings, the wanted sheets) is checked
 * against a size limit on its DECLARED uncompressed size before it is inflated; it is then
 * inflated by node:zlib with `maxOutputLength` set to its declared size (at most the limit), so an
 * entry that lies about its size stops as soon as it passes what it declared: a zip bomb can cost neither more memory nor more
 * time than one legitimate part of maximal size. The sheet XML is then scanned with a few regular
 * expressions (SpreadsheetML cells: shared strings, inline strings, booleans, numbers);
 * formulas' cached values are used.
 */

const strFromU8 = (u: Uint8Array): string => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('utf8');

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  originalSize: number;
  localOffset: number;
}

/** Lists a zip's entries from its central directory (no Zip64). Throws Error on a malformed zip. */
export function zipEntries(data: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory record');
  const count = data.readUInt16LE(eocd + 10);
  let p = data.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const nameLen = data.readUInt16LE(p + 28);
    const e: ZipEntry = {
      method: data.readUInt16LE(p + 10),
      compressedSize: data.readUInt32LE(p + 20),
      originalSize: data.readUInt32LE(p + 24),
      localOffset: data.readUInt32LE(p + 42),
      name: data.subarray(p + 46, p + 46 + nameLen).toString('utf8'),
    };
    if (e.compressedSize === 0xffffffff || e.originalSize === 0xffffffff || e.localOffset === 0xffffffff) throw new Error('Zip64 archives are not supported');
    out.push(e);
    p += 46 + nameLen + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
  }
  return out;
}

/** Inflates one entry, stopping with an Error once the output would pass `limit` bytes. */
function inflateEntry(data: Buffer, e: ZipEntry, limit: number): Uint8Array {
  const p = e.localOffset;
  if (p + 30 > data.length || data.readUInt32LE(p) !== 0x04034b50) throw new Error(`bad local header for ${e.name}`);
  const start = p + 30 + data.readUInt16LE(p + 26) + data.readUInt16LE(p + 28);
  const body = data.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (body.length > limit) throw new RangeError('too large');
    return body;
  }
  if (e.method !== 8) throw new Error(`unsupported compression method ${e.method} for ${e.name}`);
  // An entry may not inflate past what it declares (nor past the limit): a lying size is refused.
  return inflateRawSync(body, { maxOutputLength: Math.max(1, Math.min(limit, e.originalSize)) });
}

/** Largest workbook file we open, bytes (compressed). */
export const XLSX_MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Largest uncompressed size of one entry (a sheet or the shared strings), bytes. */
export const XLSX_MAX_ENTRY_BYTES = 256 * 1024 * 1024;

export interface SheetRow {
  /** 1-based sheet row number (the header is row 1 in RVTools). */
  line: number;
  fields: string[];
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML character and entity references. */
export function xmlDecode(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    return ENTITY[e];
  });
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? xmlDecode(m[1]) : undefined;
}

/** Column letters of a cell reference to a 0-based index: `A1` → 0, `AB7` → 27. */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Text of all `<t>` runs inside an element (rich text runs joined; phonetic runs left out). */
function textOf(xml: string): string {
  const noPh = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of noPh.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += xmlDecode(m[1] ?? '');
  return out;
}

export class XlsxWorkbook {
  private constructor(
    private readonly entries: Record<string, Uint8Array>,
    /** Sheet name → zip entry path. */
    readonly sheets: Map<string, string>,
    private readonly label: string,
    private sharedStrings: string[] | undefined = undefined,
  ) {}

  /**
   * Opens a workbook, inflating only the workbook parts and the sheets whose names `want`
   * accepts. Throws InputError for an unreadable or oversized file, or an entry over the limit.
   */
  static open(path: string, label: string, want: (sheetName: string) => boolean, limits = { fileBytes: XLSX_MAX_FILE_BYTES, entryBytes: XLSX_MAX_ENTRY_BYTES }): XlsxWorkbook {
    let size: number;
    try {
      size = statSync(path).size;
    } catch (e) {
      throw new InputError(`${label}: file could not be read: ${(e as Error).message}`, { file: label });
    }
    if (size > limits.fileBytes) throw new InputError(`${label}: workbook is ${(size / 2 ** 20).toFixed(0)} MiB, over the ${(limits.fileBytes / 2 ** 20).toFixed(0)} MiB limit`, { file: label });
    const data = readFileSync(path);
    let list: ZipEntry[];
    try {
      list = zipEntries(data);
    } catch (e) {
      throw new InputError(`${label}: not a readable .xlsx workbook (zip): ${(e as Error).message}`, { file: label });
    }
    const unzip = (filter: (name: string) => boolean): Record<string, Uint8Array> => {
      const out: Record<string, Uint8Array> = Object.create(null);
      for (const e of list.filter((x) => filter(x.name))) {
        const tooBig = (size: string) =>
          new InputError(`${label}: refused: ${e.name} would decompress to ${size}, over the ${(limits.entryBytes / 2 ** 20).toFixed(0)} MiB limit per part (possible zip bomb)`, { file: label });
        if (e.originalSize > limits.entryBytes) throw tooBig(`${(e.originalSize / 2 ** 20).toFixed(0)} MiB`);
        try {
          out[e.name] = inflateEntry(data, e, limits.entryBytes);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooBig('more than it declares');
          throw new InputError(`${label}: not a readable .xlsx workbook (zip): ${(err as Error).message}`, { file: label });
        }
      }
      return out;
    };
    const meta = unzip((n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels');
    const wb = meta['xl/workbook.xml'];
    const rels = meta['xl/_rels/workbook.xml.rels'];
    if (!wb || !rels) throw new InputError(`${label}: not an .xlsx workbook (no xl/workbook.xml)`, { file: label });
    const target = new Map<string, string>();
    for (const m of strFromU8(rels).matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      const id = attr(m[1], 'Id');
      const t = attr(m[1], 'Target');
      if (id && t) target.set(id, t.startsWith('/') ? t.slice(1) : `xl/${t.replace(/^\.\//, '')}`);
    }
    const sheets = new Map<string, string>();
    for (const m of strFromU8(wb).matchAll(/<sheet\b([^>]*)\/?>/g)) {
      const name = attr(m[1], 'name');
      const rid = attr(m[1], 'r:id');
      if (name && rid && target.has(rid)) sheets.set(name, target.get(rid)!);
    }
    const wanted = new Set([...sheets].filter(([n]) => want(n)).map(([, p]) => p));
    const entries = unzip((n) => wanted.has(n) || n === 'xl/sharedStrings.xml');
    return new XlsxWorkbook(entries, sheets, label);
  }

  private strings(): string[] {
    if (!this.sharedStrings) {
      const x = this.entries['xl/sharedStrings.xml'];
      this.sharedStrings = [];
      if (x) for (const m of strFromU8(x).matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) this.sharedStrings.push(textOf(m[1] ?? ''));
    }
    return this.sharedStrings;
  }

  /** The rows of a sheet (cell values as text), in order; undefined when there is no such sheet. */
  rows(sheetName: string): SheetRow[] | undefined {
    const path = this.sheets.get(sheetName);
    const x = path ? this.entries[path] : undefined;
    if (!x) return undefined;
    const ss = this.strings();
    const out: SheetRow[] = [];
    let next = 1;
    for (const rm of strFromU8(x).matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const r = attr(rm[1], 'r');
      const line = r ? Number(r) : next;
      next = line + 1;
      const fields: string[] = [];
      let col = 0;
      for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const ref = attr(cm[1], 'r');
        const c = ref ? columnIndex(ref) : col;
        col = c + 1;
        const inner = cm[2] ?? '';
        const t = attr(cm[1], 't') ?? 'n';
        let v: string;
        if (t === 'inlineStr') v = textOf(inner);
        else {
          const vm = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(inner);
          const raw = vm ? xmlDecode(vm[1]) : '';
          if (t === 's') v = raw === '' ? '' : (ss[Number(raw)] ?? '');
          else if (t === 'b') v = raw === '1' ? 'True' : raw === '0' ? 'False' : raw;
          else v = raw;
        }
        while (fields.length < c) fields.push('');
        fields[c] = v;
      }
      out.push({ line, fields });
    }
    return out;
  }
}
