import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv, sniffDelimiter } from '../../src/ingest/csv.js';
import { loadServers } from '../../src/ingest/servers.js';
import { parseNumberCell } from '../../src/ingest/table.js';

const tmp = mkdtempSync(join(tmpdir(), 'cp-csv-'));
function file(name: string, content: string | Buffer): string {
  const f = join(tmp, name);
  writeFileSync(f, content);
  return f;
}

describe('readCsv line tracking', () => {
  it('gives the 1-based starting line of each record, across quoted newlines, blank lines, BOM and CRLF', async () => {
    const f = file('a.csv', '\ufeffid,note\r\n1,"two\r\nlines"\r\n\r\n2,plain\r\n3,"x, y"\r\n');
    const recs = [];
    for await (const r of readCsv(f, 'a.csv')) recs.push(r);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 5, 6]);
    expect(recs[1].kind === 'record' && recs[1].fields).toEqual(['1', 'two\r\nlines']);
    expect(recs[3].kind === 'record' && recs[3].fields).toEqual(['3', 'x, y']);
    expect(recs[0].kind === 'record' && recs[0].fields[0]).toBe('id'); // BOM stripped
  });

  it('sniffs ; and tab delimiters', () => {
    expect(sniffDelimiter('a;b;c\n')).toBe(';');
    expect(sniffDelimiter('a\tb\tc\n')).toBe('\t');
    expect(sniffDelimiter('"a;b",c,d\n')).toBe(',');
  });
});

describe('loadServers', () => {
  it('reads ; separated files and reports rows read = accepted + rejected', async () => {
    const f = file('s.csv', 'id;cores;memory_gb\na;4;16\nb;x;16\nc;2;8\n');
    const r = await loadServers(f);
    expect(r.rows).toEqual({ read: 3, accepted: 2, rejected: 1 });
    expect(r.issues.find((i) => i.severity === 'error')).toMatchObject({ line: 3, column: 'cores', raw: 'x', code: 'row.invalid-number' });
  });

  it('headers named __proto__ or constructor cannot pollute prototypes', async () => {
    const f = file('p.csv', 'id,cores,memory_gb,__proto__,constructor,prototype\na,4,16,{"polluted":1},x,y\n');
    const r = await loadServers(f);
    expect(r.records).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // reported once, naming every ignored column
    expect(r.issues.filter((i) => i.code === 'file.unknown-column').map((i) => i.args?.columns)).toEqual([['__proto__', 'constructor', 'prototype']]);
  });

  it('rejects NaN, Infinity, 1e309, units and decimal commas as numbers', async () => {
    expect(parseNumberCell('NaN')).toBeNaN();
    expect(parseNumberCell('Infinity')).toBeNaN();
    expect(parseNumberCell('1e309')).toBeNaN();
    expect(parseNumberCell('16 GB')).toBeNaN();
    expect(parseNumberCell('2,4')).toBeNaN();
    expect(parseNumberCell(' 2.5 ')).toBe(2.5);
    expect(parseNumberCell('')).toBeUndefined();
  });

  it('an unclosed quote is a rejected row with its line, not a crash', async () => {
    const f = file('q.csv', 'id,cores,memory_gb\na,4,16\nb,"4,16\n');
    const r = await loadServers(f);
    expect(r.rows.read).toBe(r.rows.accepted + r.rows.rejected);
    expect(r.rows.accepted).toBe(1);
    expect(r.issues.find((i) => i.severity === 'error')).toMatchObject({ code: 'row.parse-error', line: 3 });
  });
});

describe('encoding', () => {
  it('a row with bytes that are not valid UTF-8 is rejected with its line, the rest goes on', async () => {
    const f = file('u.csv', Buffer.concat([Buffer.from('id,cores,memory_gb\na,4,16\n'), Buffer.from([0xff, 0xfe]), Buffer.from(',4,16\nb,4,16\n')]));
    const r = await loadServers(f);
    expect(r.rows).toEqual({ read: 3, accepted: 2, rejected: 1 });
    expect(r.issues.find((i) => i.severity === 'error')).toMatchObject({ line: 3, column: 'id', code: 'row.invalid-value' });
  });
});
