import { describe, it, expect } from 'vitest';
import { readmeBlocks, shellCommands, runReadmeCommand } from '../helpers/readme.js';
import { dataDir } from '../helpers/data-dir.js';

/** Data suite: the README commands that need the public data sets (blocks marked `data`). */
const blocks = readmeBlocks().filter((b) => b.mark?.kind === 'data');

describe('README.md commands over the public data sets', () => {
  it('has some', () => expect(blocks.length).toBeGreaterThan(0));
  for (const b of blocks) {
    for (const c of shellCommands(b)) {
      it(`runs: ${c} (README line ${b.line})`, () => {
        // the README names the CI location; the suite reads the folder it was given
        const r = runReadmeCommand(c.replace(/CONSOLIDATE_DATA_DIR=\S+/, `CONSOLIDATE_DATA_DIR=${dataDir()}`), {}, 900_000);
        expect(r.code, `${r.command}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`).toBe(0);
        expect(r.stdout).not.toMatch(/skipped, needs the public data sets/);
      }, 900_000);
    }
  }
});
