import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run bench` only: the performance figures of BENCHMARKS.md. Kept out of `npm test` (whose
// config includes test/**/*.test.ts only). One fork, no parallelism: the machine has two cores
// and the figures are timings. Console output goes straight to the terminal as it comes.
/**
 * BENCH_PARTS names the parts to run: tables, tracking and db are perf.bench.ts's; start, files
 * and print are main-start, project-file and print.bench.ts. Unset, every file runs. A file not
 * named is left out here (not skipped inside: a skipped suite would still seed its data), and a
 * run that names parts leaves BENCHMARKS.md alone.
 */
const FILE_OF_PART: Record<string, string> = {
  tables: 'perf',
  tracking: 'perf',
  db: 'perf',
  start: 'main-start',
  files: 'project-file',
  print: 'print',
};
const parts = process.env.BENCH_PARTS?.split(',').map((part) => part.trim());
const include = parts
  ? [...new Set(parts.map((part) => `test/bench/${FILE_OF_PART[part] ?? part}.bench.ts`))]
  : ['test/bench/**/*.bench.ts'];

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include,
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 40 * 60_000, // 100k with an earlier renderer beside (BENCH_BASELINE) on a busy machine
    hookTimeout: 10 * 60_000,
    disableConsoleIntercept: true,
  },
});
