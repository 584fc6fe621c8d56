import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The soak, on demand only (`npm run soak`): the crash soak and the IPC fuzz at full counts, side
// by side (two forks). Kept out of `npm test`, which runs both briefly.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/soak/**/*.run.ts', 'test/unit/ipc-fuzz.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 24 * 3_600_000,
    env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '1000' },
    disableConsoleIntercept: true,
  },
});
