import { openSync, readSync, closeSync } from 'node:fs';
import { issueError } from '../model/issue.js';
import type { NotText } from '../model/messages.js';
import { XlsxWorkbook } from './xlsx.js';

/**
 * A file given where a CSV (text) file is expected is named for what it is: an Excel workbook
 * (and, when it has a vInfo sheet, an RVTools export for --rvtools), a legacy .xls, a zip or
 * gzip archive, a PDF, UTF-16 text (Excel's "Unicode Text"), or some other binary file, and the
 * message says what to give instead. Its bytes are never printed.
 */

const HEAD_BYTES = 4096;

export function head(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** What the first bytes say the file is, when it is not text (by magic number, UTF-16 BOM or NUL bytes). */
export function sniffBinary(b: Buffer): NotText['kind'] | 'zip-like' | undefined {
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7)) return 'zip-like';
  if (b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0 && b.readUInt32BE(4) === 0xa1b11ae1) return 'xls';
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-') return 'pdf';
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return 'utf16';
  if (b.includes(0)) return 'binary';
  return undefined;
}

/**
 * Throws InputError (`file.unreadable`, reason `not-text`) when `path` is not a text file.
 * `option` is the flag the file was given to (`--servers`), for the message.
 */
export async function assertTextFile(path: string, label: string, option?: string): Promise<void> {
  const kind = sniffBinary(head(path));
  if (kind === undefined) return;
  let k: NotText['kind'] = kind === 'zip-like' ? 'zip' : kind;
  let sheets: string[] | undefined;
  if (kind === 'zip-like') {
    try {
      const wb = await XlsxWorkbook.open(path, label);
      sheets = wb.sheetList.map((s) => s.name);
      k = sheets.some((s) => s.trim().toLowerCase() === 'vinfo') ? 'rvtools-xlsx' : 'xlsx';
    } catch {
      k = 'zip';
    }
  }
  const args: NotText = { reason: 'not-text', kind: k, ...(option ? { option } : {}), ...(sheets ? { sheets } : {}) };
  throw issueError('file.unreadable', args, { file: label });
}
