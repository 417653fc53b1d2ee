import { describe, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from '../helpers/paths.js';
import { checkProcurementOutput } from './embedding-output.js';

/**
 * The embedding example runs in the repository as it is: it imports `consolidation-planner` by
 * name, which Node resolves to this package itself through package.json `exports` (dist/ is built
 * by `npm test`'s pretest). test/api/tarball.test.ts runs it from an installed tarball.
 */
describe('examples/embedding in the repository', () => {
  it('runs with node and prints the quotes, the pack and the cancellation', () => {
    const out = execFileSync(process.execPath, [join(REPO, 'examples/embedding/procurement.mjs')], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    checkProcurementOutput(out);
  });
});
