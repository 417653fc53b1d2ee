import fc from 'fast-check';

/**
 * Hostile-input generators for the fuzz suite. A case is a base CSV (header + rows, as cells)
 * plus a list of mutations drawn from the cases the hardening issue names: BOM, CRLF/CR line
 * endings, `;`/tab delimiters, quoted newlines, unbalanced quotes, missing/extra/duplicated/
 * reordered columns, units in cells, decimal commas, NaN/Infinity/1e309/negative/zero, empty file,
 * header only, duplicate ids, non-UTF-8 bytes, a 1 MB line, and __proto__/constructor/prototype
 * headers.
 */
export interface CsvCase {
  header: string[];
  rows: string[][];
}

export type Mutation =
  | { kind: 'bom' }
  | { kind: 'eol'; eol: '\r\n' | '\r' | '\n' }
  | { kind: 'delimiter'; d: ';' | '\t' }
  | { kind: 'quoted-newline'; row: number; col: number }
  | { kind: 'unbalanced-quote'; row: number; col: number }
  | { kind: 'drop-column'; col: number }
  | { kind: 'extra-column'; name: string }
  | { kind: 'duplicate-column'; col: number }
  | { kind: 'reorder'; seed: number }
  | { kind: 'cell'; row: number; col: number; value: string }
  | { kind: 'empty-file' }
  | { kind: 'header-only' }
  | { kind: 'duplicate-row'; row: number }
  | { kind: 'non-utf8'; row: number }
  | { kind: 'huge-line'; row: number }
  | { kind: 'proto-header'; name: '__proto__' | 'constructor' | 'prototype' };

export const HOSTILE_VALUES = ['NaN', 'Infinity', '-Infinity', '1e309', '-1', '0', '16 GB', '2,4 GHz', '2,5', '', ' ', '=HYPERLINK("http://x")', '<img src=x onerror=alert(1)>', '"', '1e-320', '0x10', '١٢', '9'.repeat(400)];

export function mutationArb(rows: number, cols: number): fc.Arbitrary<Mutation> {
  const r = fc.nat({ max: Math.max(0, rows - 1) });
  const c = fc.nat({ max: Math.max(0, cols - 1) });
  return fc.oneof(
    fc.constant<Mutation>({ kind: 'bom' }),
    fc.constantFrom<'\r\n' | '\r' | '\n'>('\r\n', '\r', '\n').map((eol): Mutation => ({ kind: 'eol', eol })),
    fc.constantFrom<';' | '\t'>(';', '\t').map((d): Mutation => ({ kind: 'delimiter', d })),
    fc.record({ row: r, col: c }).map((x): Mutation => ({ kind: 'quoted-newline', ...x })),
    fc.record({ row: r, col: c }).map((x): Mutation => ({ kind: 'unbalanced-quote', ...x })),
    c.map((col): Mutation => ({ kind: 'drop-column', col })),
    fc.constantFrom('extra', 'notes', 'Memory_GB', ' id ').map((name): Mutation => ({ kind: 'extra-column', name })),
    c.map((col): Mutation => ({ kind: 'duplicate-column', col })),
    fc.nat().map((seed): Mutation => ({ kind: 'reorder', seed })),
    fc.record({ row: r, col: c, value: fc.oneof(fc.constantFrom(...HOSTILE_VALUES), fc.string({ maxLength: 12 })) }).map((x): Mutation => ({ kind: 'cell', ...x })),
    fc.constant<Mutation>({ kind: 'empty-file' }),
    fc.constant<Mutation>({ kind: 'header-only' }),
    r.map((row): Mutation => ({ kind: 'duplicate-row', row })),
    r.map((row): Mutation => ({ kind: 'non-utf8', row })),
    r.map((row): Mutation => ({ kind: 'huge-line', row })),
    fc.constantFrom<'__proto__' | 'constructor' | 'prototype'>('__proto__', 'constructor', 'prototype').map((name): Mutation => ({ kind: 'proto-header', name })),
  );
}

function quoteIfNeeded(s: string, d: string): string {
  return /["\r\n]/.test(s) || s.includes(d) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Applies mutations and serializes to bytes. Deterministic for a given case and list. */
export function render(base: CsvCase, muts: Mutation[]): Buffer {
  let header = [...base.header];
  let rows = base.rows.map((r) => [...r]);
  let eol = '\n';
  let delim = ',';
  let bom = false;
  let empty = false;
  const rawInject = new Map<number, string>(); // row index -> raw text replacing a cell
  const binary = new Set<number>();
  for (const m of muts) {
    switch (m.kind) {
      case 'bom': bom = true; break;
      case 'eol': eol = m.eol; break;
      case 'delimiter': delim = m.d; break;
      case 'quoted-newline': if (rows[m.row]) rows[m.row][m.col % header.length] = `${rows[m.row][m.col % header.length]}\nnext`; break;
      case 'unbalanced-quote': if (rows[m.row]) rawInject.set(m.row, `"${rows[m.row][m.col % header.length] ?? ''}`); break;
      case 'drop-column': { const c = m.col % header.length; header.splice(c, 1); rows = rows.map((r) => r.filter((_, i) => i !== c)); break; }
      case 'extra-column': header.push(m.name); rows = rows.map((r) => [...r, 'x']); break;
      case 'duplicate-column': { const c = m.col % header.length; header.push(header[c]); rows = rows.map((r) => [...r, r[c]]); break; }
      case 'reorder': {
        const idx = header.map((_, i) => i).sort((a, b) => ((a * 7919 + m.seed) % 13) - ((b * 7919 + m.seed) % 13) || a - b);
        header = idx.map((i) => header[i]);
        rows = rows.map((r) => idx.map((i) => r[i]));
        break;
      }
      case 'cell': if (rows[m.row] && header.length) rows[m.row][m.col % header.length] = m.value; break;
      case 'empty-file': empty = true; break;
      case 'header-only': rows = []; break;
      case 'duplicate-row': if (rows[m.row]) rows.push([...rows[m.row]]); break;
      case 'non-utf8': binary.add(m.row); break;
      case 'huge-line': if (rows[m.row] && header.length > 1) rows[m.row][header.length - 1] = 'x'.repeat(1024 * 1024); break;
      case 'proto-header': header.push(m.name); rows = rows.map((r) => [...r, '{"polluted":true}']); break;
    }
  }
  if (empty) return Buffer.alloc(0);
  const lines = [header.map((h) => quoteIfNeeded(h, delim)).join(delim)];
  rows.forEach((r, i) => {
    let line = r.map((c) => quoteIfNeeded(c ?? '', delim)).join(delim);
    if (rawInject.has(i)) line = `${line}${delim}${rawInject.get(i)}`;
    lines.push(line);
  });
  const parts: Buffer[] = [];
  if (bom) parts.push(Buffer.from([0xef, 0xbb, 0xbf]));
  lines.forEach((l, i) => {
    parts.push(Buffer.from(l + eol, 'utf8'));
    if (binary.has(i - 1)) parts.push(Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a]));
  });
  return Buffer.concat(parts);
}
