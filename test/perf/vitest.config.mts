import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Timing scripts, run on demand only: `npx vitest run --config test/perf/vitest.config.mts`.
// Kept out of `npm test` (whose config includes test/**/*.test.ts only). One fork, no
// parallelism: the figures are timings. Console output goes straight to the terminal.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/perf/**/*.perf.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 10 * 60_000,
    hookTimeout: 10 * 60_000,
    disableConsoleIntercept: true,
  },
});
