import { defineConfig } from 'vitest/config';

// Unit tests run in Node against real SQLite files in temp folders; end-to-end tests start the
// built bridge and drive Debian's Chromium. Forks, because better-sqlite3 is a native addon.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
