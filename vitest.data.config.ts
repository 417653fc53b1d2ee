import { defineConfig } from 'vitest/config';

/**
 * `npm run test:data`: the tests over the public data sets (PlanetLab, Bitbrains, SPECpower tables,
 * BPPLIB, Caprara-Toth, an RVTools-layout workbook), read from CONSOLIDATE_DATA_DIR. The global setup
 * stops the run with one message when that folder is missing.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.data.test.ts'],
    globalSetup: ['test/setup/data-suite.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
