import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Real public data sets; CI has them beside the clone. A test that cannot find them fails. */
export const DATA = resolve(REPO, '../shared/data');
export const BIN = resolve(REPO, 'bin/consolidate.js');
export const EXAMPLES = resolve(REPO, 'examples');

export function dataPath(...p: string[]): string {
  const f = resolve(DATA, ...p);
  if (!existsSync(f)) throw new Error(`shared data not found: ${f} (tests read ../shared/data)`);
  return f;
}
