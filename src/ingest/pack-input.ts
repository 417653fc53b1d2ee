import { readTable, numberCell, optional, textCell, normalizeHeader, type ColumnSpec } from './table.js';
import type { CsvReadOptions } from './csv.js';
import type { LoadResult } from './servers.js';
import { splitGroups } from './servers.js';
import type { PackingHostType, PackingItem } from '../packing/problem.js';
import { issueError } from '../model/issue.js';

/**
 * Inputs of `consolidate pack` (pure vector bin packing):
 * - VMS.csv: `id` plus one numeric column per resource, with any names; optional constraint
 *   columns `anti_affinity`, `affinity`, `site`.
 * - HOSTS.csv: `type`, the same resource columns as capacities, optional `count` (unlimited when
 *   absent or empty) and `cost` (1 when absent).
 */
const RESERVED_VM = new Set(['id', 'anti_affinity', 'affinity', 'site']);
const RESERVED_HOST = new Set(['type', 'count', 'cost']);

export async function loadPackItems(path: string, opts: CsvReadOptions & { label?: string } = {}): Promise<LoadResult<PackingItem> & { dimensions: string[] }> {
  const label = opts.label ?? path;
  let dimensions: string[] = [];
  const t = await readTable(path, label, {
    columns: (header) => {
      dimensions = header.filter((h) => h !== '' && !RESERVED_VM.has(h));
      if (dimensions.length === 0) throw issueError('file.missing-column', { expected: 'id plus one numeric column per resource', found: header }, { file: label, line: 1, column: 'a resource' });
      const cols: ColumnSpec[] = [
        { key: 'id', names: ['id'], required: true, schema: textCell(), expected: 'a non-empty id' },
        { key: 'anti_affinity', names: ['anti_affinity'], schema: optional(textCell()), expected: 'group names' },
        { key: 'affinity', names: ['affinity'], schema: optional(textCell()), expected: 'a group name' },
        { key: 'site', names: ['site'], schema: optional(textCell()), expected: 'a site name' },
      ];
      for (const d of dimensions) cols.push({ key: `r:${d}`, names: [d], required: true, schema: numberCell({ min: 0 }), expected: 'a demand >= 0' });
      return cols;
    },
    idKey: 'id',
    describe: 'id plus one numeric column per resource[,anti_affinity,affinity,site]',
  }, opts);
  const records = t.rows.map((r) => {
    const v = r.values as Record<string, any>;
    const item: PackingItem = { id: v.id, demand: dimensions.map((d) => v[`r:${d}`] as number) };
    const aa = splitGroups(v.anti_affinity);
    if (aa) item.antiAffinity = aa;
    if (v.affinity !== undefined) item.affinity = v.affinity;
    if (v.site !== undefined) item.site = v.site;
    return item;
  });
  return { records, issues: t.issues, rows: t.accounting, dimensions };
}

export async function loadPackHosts(path: string, dimensions: string[], opts: CsvReadOptions & { label?: string } = {}): Promise<LoadResult<PackingHostType>> {
  const label = opts.label ?? path;
  const t = await readTable(path, label, {
    columns: (header) => {
      const extra = header.filter((h) => h !== '' && !RESERVED_HOST.has(h) && !dimensions.includes(h));
      if (extra.length) {
        throw issueError('file.unknown-column', { resources: dimensions }, { file: label, line: 1, column: extra[0] });
      }
      const cols: ColumnSpec[] = [
        { key: 'type', names: ['type'], required: true, schema: textCell(), expected: 'a host type name' },
        { key: 'count', names: ['count'], schema: optional(numberCell({ min: 0, int: true })), expected: 'a whole number of hosts >= 0' },
        { key: 'cost', names: ['cost'], schema: optional(numberCell({ min: 0 })), expected: 'a cost >= 0' },
      ];
      for (const d of dimensions) cols.push({ key: `r:${d}`, names: [normalizeHeader(d)], required: true, schema: numberCell({ gt: 0 }), expected: 'a capacity > 0' });
      return cols;
    },
    idKey: 'type',
    describe: `type,${dimensions.join(',')}[,count,cost]`,
  }, opts);
  const records = t.rows.map((r) => {
    const v = r.values as Record<string, any>;
    return { type: v.type, capacity: dimensions.map((d) => v[`r:${d}`] as number), cost: v.cost ?? 1, count: v.count ?? null } satisfies PackingHostType;
  });
  return { records, issues: t.issues, rows: t.accounting };
}
