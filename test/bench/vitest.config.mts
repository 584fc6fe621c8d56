import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run bench` only: the performance figures of BENCHMARKS.md. Kept out of `npm test` (whose
// config includes test/**/*.test.ts only). One fork, no parallelism: the machine has two cores
// and the figures are timings. Console output goes straight to the terminal as it comes.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/bench/**/*.bench.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 40 * 60_000, // 100k with an earlier renderer beside (BENCH_BASELINE) on a busy machine
    hookTimeout: 10 * 60_000,
    disableConsoleIntercept: true,
  },
});
