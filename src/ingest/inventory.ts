import { parse as parseSync } from 'csv-parse/sync';
import type { Workload } from '../model/workload.js';
import { issue } from '../model/issue.js';
import { INVENTORY_FORMAT_DESCRIPTIONS } from '../model/messages.js';
import { readHead, sniffDelimiter, type CsvReadOptions } from './csv.js';
import { loadServers, type LoadResult } from './servers.js';
import { loadAzureMigrate, isAzureMigrateHeader } from './azure-migrate.js';

/**
 * The registry of inventory formats read by `--servers`: each entry says whether a header row is
 * its own (`detect`) and loads the file. The first that matches wins; the servers CSV takes the
 * rest. A format other than the servers CSV is reported (`file.detected-inventory`).
 * Adding a format = one new loader file + one entry here.
 */
export interface InventoryFormat {
  name: keyof typeof INVENTORY_FORMAT_DESCRIPTIONS;
  detect(header: readonly string[]): boolean;
  load(path: string, opts: CsvReadOptions & { label?: string }): Promise<LoadResult<Workload>>;
}

export const INVENTORY_FORMAT_REGISTRY: InventoryFormat[] = [
  { name: 'azure-migrate', detect: isAzureMigrateHeader, load: loadAzureMigrate },
  { name: 'servers', detect: () => true, load: loadServers },
];

/** The header cells of a CSV file (its first non-empty line); [] when it cannot be read as CSV. */
function headerCells(path: string): string[] {
  try {
    const head = readHead(path, 16384);
    const line = head.replace(/^\ufeff/, '').split(/\r?\n/).find((l) => l.trim() !== '');
    if (line === undefined) return [];
    const rows = parseSync(line, { delimiter: sniffDelimiter(line), relax_quotes: true, relax_column_count: true }) as string[][];
    return rows[0] ?? [];
  } catch {
    return [];
  }
}

/** Loads an inventory given to `--servers` in the format its header shows. */
export async function loadInventory(path: string, opts: CsvReadOptions & { label?: string } = {}): Promise<LoadResult<Workload> & { format: InventoryFormat['name'] }> {
  const header = headerCells(path);
  const f = INVENTORY_FORMAT_REGISTRY.find((x) => x.detect(header))!;
  const r = await f.load(path, opts);
  if (f.name !== 'servers') r.issues.unshift(issue('file.detected-inventory', 'info', { format: f.name }, { file: opts.label ?? path, line: 1 }));
  return { ...r, format: f.name };
}
