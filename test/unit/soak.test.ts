/**
 * The crash soak (test/soak/harness.ts), a short run inside the suite: the app's real writes in a
 * child process killed with SIGKILL at random moments; after each kill the data is intact, every
 * acknowledged write is there and every multi-row write is all or nothing. `npm run soak` runs
 * 1,000 cycles (SOAK_CYCLES) and records the figures in RELIABILITY.md.
 */
import { expect, test } from 'vitest';
import { runSoak } from '../soak/harness';

test('20 kill -9 cycles: integrity ok, no acknowledged write lost, multi-row writes all or nothing', async () => {
  const figures = await runSoak({ cycles: 20, cyclesPerFolder: 10, seed: 12 });
  expect(figures.problems).toEqual([]);
  expect(figures.losses).toBe(0);
  expect(figures.cycles).toBe(20);
  // Writes were really made and checked (a loaded machine may kill a cycle before its first one).
  expect(figures.acknowledgedWrites).toBeGreaterThanOrEqual(10);
  expect(figures.backupsVerified).toBeGreaterThan(0);
}, 300_000);
