import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { dataDir } from '../../scripts/data-dir.mjs';

/**
 * The public data sets, used only by the data suite (`npm run test:data`, files named
 * `*.data.test.ts`): CONSOLIDATE_DATA_DIR, see scripts/data-dir.mjs. `npm test` never imports this.
 */
export { dataDir, dataDirExists, missingDataMessage } from '../../scripts/data-dir.mjs';

/** A path inside the data folder; throws naming the path when it does not exist. */
export function dataPath(...p: string[]): string {
  const f = resolve(dataDir(), ...p);
  if (!existsSync(f)) throw new Error(`data set file not found: ${f} (CONSOLIDATE_DATA_DIR=${dataDir()})`);
  return f;
}
