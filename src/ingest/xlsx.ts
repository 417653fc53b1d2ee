import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { InputError, AbortedError } from '../errors.js';
import { zipEntries, inflateChunks, ZipEntryTooLargeError, type ZipEntry } from './zip.js';
import { serialToIso, isBuiltinDateFormat, isDateFormatCode } from './xlsx-dates.js';

/**
 * A bounded, streaming .xlsx (SpreadsheetML) reader that reads a workbook as Excel does, whatever
 * wrote it: Excel and openpyxl (default namespace), the OpenXML SDK that RVTools uses (every
 * element prefixed, `<x:c t="s"><x:v>`), LibreOffice, or hand-made XML with no namespace.
 *
 * - Parts are found through the package relationships, never by file name: `_rels/.rels` names the
 *   workbook, the workbook's relationships name its sheets (relative or absolute targets), the
 *   shared strings and the styles. Part names match case-insensitively (OPC part names are).
 * - XML is parsed by saxes (namespace-aware SAX). Elements count by local name when they are in
 *   the SpreadsheetML namespace (transitional or strict), in no namespace, or under a prefix that
 *   was never declared; elements of other namespaces (extensions) are ignored.
 * - Sheets and shared strings are streamed: a part is inflated chunk by chunk into the parser, so
 *   a 100 MB sheet never exists as one string or as a tree.
 * - Cell values come back as text: shared strings (rich-text runs joined, phonetic runs left
 *   out), inline strings, formula strings and cached formula results, numbers as written, booleans
 *   as `True`/`False` (as RVTools writes them), errors (`#N/A`), and numbers whose cell format is a
 *   date as ISO 8601 (1900 or 1904 date system, see xlsx-dates.ts). `_xHHHH_` escapes are decoded.
 *   Cells are placed by their reference (`C7`), so omitted empty cells leave empty fields; cells
 *   and rows without a reference follow the previous one. Trailing empty cells are dropped.
 * - Limits: the file size, and each part's DECLARED uncompressed size, are checked before anything
 *   is inflated; a part stops inflating as soon as it passes what it declared (zip.ts).
 */

/** Largest workbook file we open, bytes (compressed). */
export const XLSX_MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Largest uncompressed size of one part (a sheet or the shared strings), bytes. */
export const XLSX_MAX_ENTRY_BYTES = 256 * 1024 * 1024;
/** Excel's last column, XFD (ECMA-376 Part 1, §18.3.1.4 c: at most 16,384 columns). */
export const XLSX_MAX_COLUMNS = 16_384;

export interface XlsxLimits {
  fileBytes: number;
  entryBytes: number;
}

export interface XlsxOpenOptions {
  limits?: XlsxLimits;
  signal?: AbortSignal;
}

export interface SheetRow {
  /** 1-based sheet row number (the header is row 1 in RVTools). */
  line: number;
  fields: string[];
}

export interface XlsxSheet {
  name: string;
  /** Zip entry of the sheet part; undefined when its relationship is missing. */
  part: string | undefined;
  /** Last segment of the relationship type: `worksheet`, `chartsheet`, ... */
  kind: string;
}

const NS_MAIN = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);
const NS_PKG_RELS = new Set(['http://schemas.openxmlformats.org/package/2006/relationships']);
const NS_DOC_RELS = new Set(['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships']);
/** Stand-in namespace for a prefix that was never declared (tolerated, like a missing declaration). */
const UNBOUND = 'urn:x-unbound-prefix:';

/**
 * A test for "this namespace counts as `set`": one of its URIs, no namespace, or an undeclared
 * prefix. Remembers the last answer: saxes hands out the same URI string for every element of a
 * namespace, so nearly every call is one identity comparison.
 */
function nsTest(set: Set<string>): (uri: string) => boolean {
  let lastUri: string | undefined;
  let lastOk = false;
  return (uri) => {
    if (uri !== lastUri) {
      lastUri = uri;
      lastOk = uri === '' || set.has(uri) || uri.startsWith(UNBOUND);
    }
    return lastOk;
  };
}

/** Local name of a tag if it belongs to `set` (or no namespace / an undeclared prefix), else ''. */
function localIn(tag: SaxesTagNS, test: (uri: string) => boolean): string {
  return test(tag.uri) ? tag.local : '';
}

function attrValue(tag: SaxesTagNS, local: string): string | undefined {
  const a = tag.attributes[local];
  return a && a.uri === '' ? a.value : undefined;
}

/** The value of an attribute in one of `set`'s namespaces (any prefix), e.g. `r:id`. */
function nsAttrValue(tag: SaxesTagNS, local: string, set: Set<string>): string | undefined {
  for (const k in tag.attributes) {
    const a = tag.attributes[k];
    if (a.local === local && a.prefix !== '' && a.prefix !== 'xmlns' && (set.has(a.uri) || a.uri.startsWith(UNBOUND))) return a.value;
  }
  return undefined;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML character and entity references (kept for callers that hold raw XML text). */
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

/**
 * Decodes SpreadsheetML's `_xHHHH_` escapes (ST_Xstring, ECMA-376 Part 1 §22.9.2.19): characters
 * XML cannot carry, e.g. `_x000D_` for a carriage return; `_x005F_` escapes a literal underscore.
 */
export function decodeXstring(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Column letters of a cell reference to a 0-based index: `A1` → 0, `AB7` → 27; -1 if none. */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length && n <= XLSX_MAX_COLUMNS; i++) {
    let c = ref.charCodeAt(i);
    if (c === 36) continue; // `$` of an absolute reference
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Column index → letters: 0 → `A`, 27 → `AB`. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Resolves a relationship target against the folder of its source part, as an entry name. */
function resolveTarget(sourcePart: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  try {
    t = decodeURIComponent(t);
  } catch {
    // not percent-encoded: keep as written
  }
  const joined = t.startsWith('/') ? t : posix.join(posix.dirname(`/${sourcePart}`), t);
  return posix.normalize(joined).replace(/^\/+/, '');
}

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relsPartOf(part: string): string {
  const dir = posix.dirname(part);
  return `${dir === '.' ? '' : `${dir}/`}_rels/${posix.basename(part)}.rels`;
}

interface Relationship {
  id: string;
  /** Last segment of the type URI: `worksheet`, `sharedStrings`, `styles`, `officeDocument`... */
  type: string;
  part: string;
}

interface XmlHandlers {
  open?: (tag: SaxesTagNS) => void;
  close?: (tag: SaxesTagNS) => void;
  text?: (text: string) => void;
}

/** Text decoder for a part, chosen from its byte-order mark (UTF-8 unless UTF-16 says so). */
function decoderFor(first: Uint8Array): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true });
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true });
  return new TextDecoder('utf-8', { fatal: true });
}

export class XlsxWorkbook {
  private sharedStrings: string[] | undefined;
  private dateStyles: boolean[] | undefined;

  private constructor(
    private readonly data: Buffer,
    private readonly entries: Map<string, ZipEntry>,
    private readonly label: string,
    private readonly limits: XlsxLimits,
    private readonly signal: AbortSignal | undefined,
    /** Sheets in workbook order. */
    readonly sheetList: XlsxSheet[],
    /** Whether the workbook uses the 1904 date system. */
    readonly date1904: boolean,
    private readonly sharedStringsPart: string | undefined,
    private readonly stylesPart: string | undefined,
  ) {}

  /** Sheet name → zip entry path, in workbook order (worksheets whose part exists). */
  get sheets(): Map<string, string> {
    const m = new Map<string, string>();
    for (const s of this.sheetList) if (s.part && s.kind === 'worksheet' && this.entries.has(s.part.toLowerCase())) m.set(s.name, s.part);
    return m;
  }

  /**
   * Opens a workbook: reads the zip directory, the package and workbook relationships and the
   * workbook part (sheet names, date system). Sheets, shared strings and styles are read on
   * demand by `rows()`. Throws InputError for an unreadable, oversized or malformed workbook.
   */
  static async open(path: string, label: string, opts: XlsxOpenOptions = {}): Promise<XlsxWorkbook> {
    const limits = opts.limits ?? { fileBytes: XLSX_MAX_FILE_BYTES, entryBytes: XLSX_MAX_ENTRY_BYTES };
    let size: number;
    try {
      size = statSync(path).size;
    } catch (e) {
      throw new InputError(`${label}: file could not be read: ${(e as Error).message}`, { file: label });
    }
    if (size > limits.fileBytes) throw new InputError(`${label}: workbook is ${(size / 2 ** 20).toFixed(0)} MiB, over the ${(limits.fileBytes / 2 ** 20).toFixed(0)} MiB limit`, { file: label });
    const data = await readFile(path);
    let list: ZipEntry[];
    try {
      list = zipEntries(data);
    } catch (e) {
      if (data.length >= 8 && data.readUInt32BE(0) === 0xd0cf11e0) {
        throw new InputError(`${label}: this is a legacy .xls or a password-protected workbook, not an .xlsx package: save it from Excel as an .xlsx workbook without a password (or export from RVTools again with "Export all to Excel")`, { file: label });
      }
      throw new InputError(`${label}: not a readable .xlsx workbook (zip): ${(e as Error).message}`, { file: label });
    }
    const entries = new Map<string, ZipEntry>();
    for (const e of list) if (!e.name.endsWith('/')) entries.set(e.name.toLowerCase(), e);
    const wb = new XlsxWorkbook(data, entries, label, limits, opts.signal, [], false, undefined, undefined);

    // The workbook part: named by the package relationships, else the conventional name.
    let workbookPart = 'xl/workbook.xml';
    if (entries.has('_rels/.rels')) {
      const main = (await wb.relationships('_rels/.rels', '')).find((r) => r.type === 'officeDocument');
      if (main) workbookPart = main.part;
    }
    if (!entries.has(workbookPart.toLowerCase())) throw new InputError(`${label}: not an .xlsx workbook (no workbook part ${workbookPart})`, { file: label });
    const relsPart = relsPartOf(workbookPart);
    if (!entries.has(relsPart.toLowerCase())) throw new InputError(`${label}: not an .xlsx workbook (no ${relsPart}: the workbook does not say where its sheets are)`, { file: label });
    const rels = await wb.relationships(relsPart, workbookPart);
    const byId = new Map(rels.map((r) => [r.id, r]));

    const sheetList: XlsxSheet[] = [];
    let date1904 = false;
    const depth: string[] = [];
    const main = nsTest(NS_MAIN);
    await wb.parse(workbookPart, {
      open: (tag) => {
        const local = localIn(tag, main);
        const parent = depth[depth.length - 1];
        depth.push(local);
        if (local === 'workbookPr') {
          const v = attrValue(tag, 'date1904');
          date1904 = v === '1' || v === 'true';
        } else if (local === 'sheet' && parent === 'sheets') {
          const name = attrValue(tag, 'name');
          if (name === undefined) return;
          const rel = byId.get(nsAttrValue(tag, 'id', NS_DOC_RELS) ?? '');
          sheetList.push({ name, part: rel?.part, kind: !rel || rel.type === '' ? 'worksheet' : rel.type });
        }
      },
      close: () => {
        depth.pop();
      },
    });
    const find = (type: string, fallback: string): string | undefined => {
      const r = rels.find((x) => x.type === type);
      if (r) return r.part;
      return entries.has(fallback) ? fallback : undefined;
    };
    return new XlsxWorkbook(data, entries, label, limits, opts.signal, sheetList, date1904, find('sharedStrings', 'xl/sharedstrings.xml'), find('styles', 'xl/styles.xml'));
  }

  /** Whether the zip holds a part (case-insensitive). */
  hasPart(part: string): boolean {
    return this.entries.has(part.toLowerCase());
  }

  private entry(part: string): ZipEntry {
    const e = this.entries.get(part.toLowerCase());
    if (!e) throw new InputError(`${this.label}: the workbook refers to ${part}, which is not in the file`, { file: this.label });
    return e;
  }

  private tooBig(e: ZipEntry, size: string): InputError {
    return new InputError(`${this.label}: refused: ${e.name} would decompress to ${size}, over the ${(this.limits.entryBytes / 2 ** 20).toFixed(0)} MiB limit per part (possible zip bomb)`, { file: this.label });
  }

  /**
   * Streams one part through a namespace-aware SAX parser, yielding after each chunk (so the
   * caller can hand on what the handlers collected, and the event loop is never held for long).
   */
  private async *stream(part: string, h: XmlHandlers): AsyncGenerator<void> {
    const e = this.entry(part);
    if (e.originalSize > this.limits.entryBytes) throw this.tooBig(e, `${(e.originalSize / 2 ** 20).toFixed(0)} MiB`);
    const where = `${this.label}: ${e.name}`;
    const parser = new SaxesParser({ xmlns: true, fileName: e.name, resolvePrefix: (prefix: string) => `${UNBOUND}${prefix}` });
    parser.on('error', (err) => {
      throw new InputError(`${this.label}: malformed XML in ${err.message}`, { file: this.label });
    });
    if (h.open) parser.on('opentag', h.open);
    if (h.close) parser.on('closetag', h.close);
    if (h.text) {
      parser.on('text', h.text);
      parser.on('cdata', h.text);
    }
    let decoder: TextDecoder | undefined;
    const decode = (chunk: Uint8Array | undefined): string => {
      try {
        if (!chunk) return decoder ? decoder.decode() : '';
        decoder ??= decoderFor(chunk);
        return decoder.decode(chunk, { stream: true });
      } catch {
        throw new InputError(`${where}: not valid ${decoder?.encoding ?? 'utf-8'} text`, { file: this.label });
      }
    };
    try {
      for await (const chunk of inflateChunks(this.data, e, this.limits.entryBytes, this.signal, () => new AbortedError())) {
        parser.write(decode(chunk));
        yield;
      }
      parser.write(decode(undefined));
      parser.close();
    } catch (err) {
      if (err instanceof InputError || err instanceof AbortedError) throw err;
      if (err instanceof ZipEntryTooLargeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw this.tooBig(e, 'more than it declares');
      throw new InputError(`${this.label}: not a readable .xlsx workbook (zip): ${e.name}: ${(err as Error).message}`, { file: this.label });
    }
  }

  /** Parses a whole (small) part. */
  private async parse(part: string, h: XmlHandlers): Promise<void> {
    for await (const _ of this.stream(part, h));
  }

  private async relationships(relsPart: string, sourcePart: string): Promise<Relationship[]> {
    const out: Relationship[] = [];
    const pkg = nsTest(NS_PKG_RELS);
    await this.parse(relsPart, {
      open: (tag) => {
        if (localIn(tag, pkg) !== 'Relationship' || attrValue(tag, 'TargetMode')?.toLowerCase() === 'external') return;
        const id = attrValue(tag, 'Id');
        const target = attrValue(tag, 'Target');
        if (id === undefined || target === undefined) return;
        const type = attrValue(tag, 'Type') ?? '';
        out.push({ id, type: type.slice(type.lastIndexOf('/') + 1), part: resolveTarget(sourcePart, target) });
      },
    });
    return out;
  }

  private async loadSharedStrings(): Promise<string[]> {
    if (this.sharedStrings) return this.sharedStrings;
    const out: string[] = [];
    if (this.sharedStringsPart && this.hasPart(this.sharedStringsPart)) {
      // <sst><si> text: <t> directly, or the <t> of each rich-text run <r>; <rPh> runs are phonetic.
      let inSi = false;
      let phonetic = 0;
      let capture = false;
      let text = '';
      let run = '';
      const main = nsTest(NS_MAIN);
      await this.parse(this.sharedStringsPart, {
        open: (tag) => {
          const l = localIn(tag, main);
          if (l === 'si') (inSi = true), (text = '');
          else if (inSi && l === 'rPh') phonetic++;
          else if (inSi && l === 't' && phonetic === 0) (capture = true), (run = '');
        },
        close: (tag) => {
          const l = localIn(tag, main);
          if (l === 't' && capture) {
            // each <t> is one ST_Xstring: its escapes are decoded on their own
            text += decodeXstring(run);
            capture = false;
          } else if (l === 'rPh') phonetic--;
          else if (l === 'si') {
            out.push(text);
            inSi = false;
          }
        },
        text: (t) => {
          if (capture) run += t;
        },
      });
    }
    this.sharedStrings = out;
    return out;
  }

  /** For each cell format (`<cellXfs>` index), whether it shows a date. */
  private async loadDateStyles(): Promise<boolean[]> {
    if (this.dateStyles) return this.dateStyles;
    const out: boolean[] = [];
    if (this.stylesPart && this.hasPart(this.stylesPart)) {
      const custom = new Map<number, string>();
      const xfs: number[] = [];
      const path: string[] = [];
      const main = nsTest(NS_MAIN);
      await this.parse(this.stylesPart, {
        open: (tag) => {
          const l = localIn(tag, main);
          const parent = path[path.length - 1];
          path.push(l);
          if (l === 'numFmt' && parent === 'numFmts') {
            const id = Number(attrValue(tag, 'numFmtId'));
            if (Number.isInteger(id)) custom.set(id, attrValue(tag, 'formatCode') ?? '');
          } else if (l === 'xf' && parent === 'cellXfs') xfs.push(Number(attrValue(tag, 'numFmtId') ?? 0));
        },
        close: () => {
          path.pop();
        },
      });
      for (const id of xfs) out.push(custom.has(id) ? isDateFormatCode(custom.get(id)!) : isBuiltinDateFormat(id));
    }
    this.dateStyles = out;
    return out;
  }

  /**
   * The rows of a worksheet, streamed in order (cell values as text, see the module comment);
   * undefined when there is no worksheet of that name. Empty rows are yielded with no fields.
   * Throws InputError for a malformed sheet, a shared string index out of range, or a cell past
   * column XFD.
   */
  async *rows(sheetName: string): AsyncGenerator<SheetRow, void, undefined> {
    const part = this.sheets.get(sheetName);
    if (!part) return;
    const strings = await this.loadSharedStrings();
    const dates = await this.loadDateStyles();
    const date1904 = this.date1904;
    const label = `${this.label}#${sheetName}`;
    const out: SheetRow[] = [];
    let depth = 0;
    let dataDepth = -1; // depth of <sheetData>
    let nextLine = 1;
    let row: SheetRow | undefined;
    let nextCol = 0;
    // current cell
    let col = -1;
    let ref = '';
    let type = 'n';
    let style = 0;
    let value = '';
    let inline = '';
    let run = '';
    let hasInline = false;
    let capture: 'v' | 't' | '' = '';
    let inIs = false;
    let phonetic = 0;
    const main = nsTest(NS_MAIN);
    const fail = (what: string) => {
      throw new InputError(`${label}:${row?.line ?? nextLine}: ${what}`, { file: label, line: row?.line ?? nextLine });
    };
    const cellValue = (): string => {
      const v = value.trim();
      switch (type) {
        case 's': {
          if (v === '') return '';
          const i = Number(v);
          if (!Number.isInteger(i) || i < 0 || i >= strings.length) fail(`cell ${ref || columnLetters(col)} refers to shared string ${JSON.stringify(v)}, but the workbook has ${strings.length}`);
          return strings[i];
        }
        case 'inlineStr':
          return inline;
        case 'b':
          return v === '1' || v.toLowerCase() === 'true' ? 'True' : v === '0' || v.toLowerCase() === 'false' ? 'False' : v;
        case 'str':
          return decodeXstring(value);
        case 'e':
        case 'd':
          return v;
        default: {
          if (v === '' && hasInline) return inline;
          if (v !== '' && dates[style]) {
            const iso = serialToIso(Number(v), date1904);
            if (iso !== undefined) return iso;
          }
          return v;
        }
      }
    };
    const h: XmlHandlers = {
      open: (tag) => {
        depth++;
        const l = localIn(tag, main);
        if (dataDepth < 0) {
          if (l === 'sheetData') dataDepth = depth;
          return;
        }
        if (l === 'row' && depth === dataDepth + 1) {
          const r = Number(attrValue(tag, 'r'));
          const line = Number.isInteger(r) && r > 0 ? r : nextLine;
          row = { line, fields: [] };
          nextLine = line + 1;
          nextCol = 0;
        } else if (l === 'c' && row && depth === dataDepth + 2) {
          ref = attrValue(tag, 'r') ?? '';
          col = ref ? columnIndex(ref) : nextCol;
          if (col < 0) col = nextCol;
          if (col >= XLSX_MAX_COLUMNS) fail(`cell ${JSON.stringify(ref)} is past the last column (XFD)`);
          nextCol = col + 1;
          type = attrValue(tag, 't') ?? 'n';
          style = Number(attrValue(tag, 's') ?? 0);
          value = '';
          inline = '';
          hasInline = false;
          capture = '';
        } else if (col >= 0 && depth === dataDepth + 3) {
          if (l === 'v') capture = 'v';
          else if (l === 'is') (inIs = true), (hasInline = true);
        } else if (inIs) {
          if (l === 'rPh') phonetic++;
          else if (l === 't' && phonetic === 0) (capture = 't'), (run = '');
        }
      },
      close: (tag) => {
        const l = localIn(tag, main);
        if (dataDepth >= 0) {
          if (l === 't' && capture === 't') inline += decodeXstring(run);
          if (l === 'v' || l === 't') capture = '';
          else if (l === 'rPh') phonetic--;
          else if (l === 'is') inIs = false;
          else if (l === 'c' && col >= 0 && depth === dataDepth + 2) {
            const f = row!.fields;
            const v = cellValue();
            while (f.length < col) f.push('');
            f[col] = v;
            col = -1;
          } else if (l === 'row' && row && depth === dataDepth + 1) {
            const f = row.fields;
            while (f.length && f[f.length - 1] === '') f.pop();
            out.push(row);
            row = undefined;
          } else if (l === 'sheetData' && depth === dataDepth) dataDepth = -1;
        }
        depth--;
      },
      text: (t) => {
        if (capture === 'v') value += t;
        else if (capture === 't') run += t;
      },
    };
    for await (const _ of this.stream(part, h)) {
      if (out.length) yield* out.splice(0, out.length);
    }
    if (out.length) yield* out.splice(0, out.length);
  }
}
