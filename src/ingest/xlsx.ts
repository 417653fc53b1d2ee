import { readFileSync, statSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { InputError } from '../errors.js';

/**
 * A small, bounded .xlsx reader: fflate reads the zip central directory, and every entry we need
 * (workbook, its relationships, shared strings, the wanted sheets) is checked against a size
 * limit on its DECLARED uncompressed size before it is inflated. fflate inflates into a buffer of
 * exactly that declared size and never grows it, so a zip bomb cannot take more memory than the
 * limit. The sheet XML is then scanned with a few regular expressions (SpreadsheetML cells:
 * shared strings, inline strings, booleans, numbers); formulas' cached values are used.
 */

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
    const unzip = (filter: (name: string) => boolean): Record<string, Uint8Array> => {
      let over: { name: string; size: number } | undefined;
      let out: Record<string, Uint8Array>;
      try {
        out = unzipSync(data, {
          filter: (f) => {
            if (!filter(f.name)) return false;
            if (f.originalSize > limits.entryBytes) {
              over ??= { name: f.name, size: f.originalSize };
              return false;
            }
            return true;
          },
        });
      } catch (e) {
        throw new InputError(`${label}: not a readable .xlsx workbook (zip): ${(e as Error).message}`, { file: label });
      }
      if (over) {
        throw new InputError(`${label}: refused: ${over.name} would decompress to ${(over.size / 2 ** 20).toFixed(0)} MiB, over the ${(limits.entryBytes / 2 ** 20).toFixed(0)} MiB limit per part (possible zip bomb)`, { file: label });
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
