/**
 * The pack VMS.csv reader has a fast path; it must give exactly what the general typed-table
 * reader gives, and step aside (null) on every file it does not handle, so that the general
 * reader reports the problem with its line and column.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPackItems, readPackItemsFast, readPackItemsTable } from '../../src/ingest/pack-input.js';
import { rng } from '../helpers/random.js';

const dir = mkdtempSync(join(tmpdir(), 'pack-input-'));
let seq = 0;
function file(text: string): string {
  const p = join(dir, `vms-${seq++}.csv`);
  writeFileSync(p, text);
  return p;
}

const handled: [string, string][] = [
  ['plain', 'id,cpu,mem\na,1,2\nb,3,4\n'],
  ['no final newline', 'id,cpu,mem\na,1,2\nb,3,4'],
  ['CRLF and a BOM', '\ufeffid,cpu,mem\r\na,1,2\r\nb,3,4\r\n'],
  ['blank lines', '\nid,cpu,mem\n\na,1,2\n\n\nb,3,4\n\n'],
  ['spaces, decimals, exponents, signs', 'id , CPU , Mem-GB\n a ,1.5, 2e3\nb, .5 ,+4\nc,0,-0\nd,7.,1E-2\n'],
  ['header names normalised', 'ID,Cpu Cores,Memory-GiB\na,1,2\n'],
  ['constraint columns', 'id,cpu,anti_affinity,affinity,site\na,1,web;db,,s1\nb,2,, g ,s1\nc,3,web|x,g,s2\n'],
  ['trailing empty fields and an unnamed column', 'id,cpu,\na,1,,\nb,2, ,\n'],
  ['semicolons', 'id;cpu;mem\na;1;2\n'],
  ['tabs', 'id\tcpu\tmem\na\t1\t2\n'],
  ['column order', 'cpu,id,mem\n1,a,2\n3,b,4\n'],
  ['an id under another name (the alias table: name, vm, item)', 'Name,cpu\na,1\n'],
  ['semicolons with decimal points (detected, and said so)', 'id;cpu\na;1.5\nb;2\n'],
  ['ids out of order (the repeated-id check then keeps a set)', 'id,cpu\nb,1\na,2\nc,3\nab,4\n'],
  ['numbers of more digits than a double holds exactly', 'id,cpu,mem\na,1234567890123456789,0.1000000000000000055511151231257827\nb,3.14159265358979323846,9007199254740993\n'],
  ['short rows (trailing constraint fields absent)', 'id,cpu,site,affinity\na,1,s1,g\nb,2,s1\nc,3\n'],
];

const fallsBack: [string, string][] = [
  ['a quoted field', 'id,cpu\n"a",1\n'],
  ['a bad number', 'id,cpu\na,1\nb,1.2.3\n'],
  ['a number with a unit', 'id,cpu\na,4 GB\n'],
  ['a negative demand', 'id,cpu\na,-1\n'],
  ['a missing value', 'id,cpu,mem\na,1\n'],
  ['an empty id', 'id,cpu\n ,1\n'],
  ['a repeated id', 'id,cpu\na,1\na,2\n'],
  ['an extra field', 'id,cpu\na,1,7\n'],
  ['a lone CR line end', 'id,cpu\ra,1\rb,2\r'],
  ['no resource column', 'id,site\na,x\n'],
  ['no id column', 'cpu,mem\n1,2\n'],
  ['a repeated column', 'id,cpu,cpu\na,1,2\n'],
  ['a header only', 'id,cpu\n'],
  ['a decimal comma', 'id;cpu\na;1,5\n'],
  ['a number ambiguous in its file (1.234 with the decimal separator unknown)', 'id;cpu\na;1.234\n'],
  ['a repeated column up to punctuation', 'id,cpu_ghz,CPU GHz\na,1,2\n'],
  ['a repeated id after ids out of order', 'id,cpu\nb,1\na,2\nb,3\n'],
  ['a CR inside a row', 'id,cpu,mem\na,1\r,2\nb,3,4\n'],
  ['a number ambiguous in its file after the sampled rows', `id;cpu\n${Array.from({ length: 1500 }, (_, i) => `v${i};${i}`).join('\n')}\nw;12.500\n`],
  ['invalid UTF-8', Buffer.from([0x69, 0x64, 0x2c, 0x63, 0x70, 0x75, 0x0a, 0xff, 0x2c, 0x31, 0x0a]).toString('latin1')],
];

describe('pack VMS.csv fast path', () => {
  for (const [name, text] of handled) {
    it(`handles ${name} exactly as the general reader`, async () => {
      const p = file(text);
      const fast = await readPackItemsFast(p, { label: 'vms.csv' });
      expect(fast).not.toBeNull();
      expect(fast).toEqual(await readPackItemsTable(p, { label: 'vms.csv' }));
    });
  }
  for (const [name, text] of fallsBack) {
    it(`steps aside on ${name}; loadPackItems then reads it the general way`, async () => {
      const p = name === 'invalid UTF-8' ? (() => {
        const q = join(dir, `vms-${seq++}.csv`);
        writeFileSync(q, Buffer.from(text, 'latin1'));
        return q;
      })() : file(text);
      expect(await readPackItemsFast(p, { label: 'vms.csv' })).toBeNull();
      let general: unknown;
      try {
        general = await readPackItemsTable(p, { label: 'vms.csv' });
      } catch (e) {
        general = e;
      }
      let loaded: unknown;
      try {
        loaded = await loadPackItems(p, { label: 'vms.csv' });
      } catch (e) {
        loaded = e;
      }
      expect(loaded).toEqual(general);
    });
  }
  it('reads decimals exactly as Number() does (digits over a power of ten, else Number itself)', async () => {
    const r = rng(11);
    const cells: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const digits = 1 + Math.floor(r() * 19);
      let t = '';
      for (let k = 0; k < digits; k++) t += String(Math.floor(r() * 10));
      const at = Math.floor(r() * (digits + 1));
      cells.push(r() < 0.8 ? `${t.slice(0, at)}.${t.slice(at)}` : t);
    }
    const p = file(`id,cpu\n${cells.map((c, i) => `v${String(i).padStart(5, '0')},${c === '.' ? '0' : c}`).join('\n')}\n`);
    const fast = await readPackItemsFast(p);
    expect(fast?.records.map((x) => x.demand[0])).toEqual(cells.map((c) => Number(c === '.' ? '0' : c)));
    expect(fast).toEqual(await readPackItemsTable(p));
  });
  it('reads a large plain file on the fast path, row for row as the general reader', async () => {
    const rows = ['id,cpu,memory,disk,net'];
    for (let i = 0; i < 30_000; i++) rows.push(`vm${String(i).padStart(6, '0')},${(i * 7) % 97},${(i * 13) % 89}.5,${(i * 3) % 50},${i % 11}`);
    const p = file(rows.join('\n') + '\n');
    const fast = await readPackItemsFast(p);
    expect(fast?.records.length).toBe(30_000);
    expect(fast).toEqual(await readPackItemsTable(p));
  });
});
