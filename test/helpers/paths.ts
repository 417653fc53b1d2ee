import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, the built binary and the bundled examples. Nothing outside the repository. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = resolve(REPO, 'bin/consolidate.js');
export const EXAMPLES = resolve(REPO, 'examples');
