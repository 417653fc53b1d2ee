import { defineConfig } from 'vitest/config';

/**
 * `npm test`: the standalone suite. It needs nothing outside the repository; tests over the public
 * data sets are named `*.data.test.ts` and run with `npm run test:data` (vitest.data.config.ts).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/**/*.data.test.ts'],
    globalSetup: ['test/setup/standalone.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
