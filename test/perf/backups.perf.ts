/**
 * Timing of backups, on demand only (not part of `npm test`):
 *
 *   npx vitest run --config test/perf/vitest.config.mts test/perf/backups.perf.ts
 *
 * On the demo database and on the large plan of large-plan.ts (10,000 tasks, metrics, check-ins,
 * spend, periods): a backup (online backup API, default step size, then fsync and rename), the
 * verification a restore starts with (quick_check), and a whole restore (before-restore backup,
 * copy, swap, reopen). Prints the median of a few runs and the file's size.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect, test } from 'vitest';
import type { Database as Db } from 'better-sqlite3';
import { createBackupService, type BackupService } from '../../src-main/backups/backups';
import { openDatabase } from '../../src-main/db/open';
import { seedDemoOnce } from '../../src-main/services/demo';
import { openApp } from '../helpers/app';
import { tempDir } from '../helpers/tmp';
import { seedLargePlan } from './large-plan';

const RUNS = 5;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function time(label: string, fn: () => Promise<unknown> | unknown): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  const m = median(ms);
  console.log(
    `  ${label.padEnd(44)} median ${m.toFixed(1).padStart(7)} ms  (min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)})`,
  );
  return m;
}

function serviceOver(file: string, live: { db: Db }): BackupService {
  return createBackupService({
    dir: join(tempDir('ct-backups-perf-'), 'backups'),
    file,
    live: { current: () => live.db, open: () => openDatabase({ file }), adopt: (db) => (live.db = db) },
    // Keep every backup, so the rotation is not what is timed.
    policy: { hours: 24, days: 7, weeks: 4, manual: 1000, beforeRestore: 1000 },
  });
}

async function measure(title: string, file: string, live: { db: Db }) {
  const service = serviceOver(file, live);
  console.log(`\n${title}`);
  await time('backup (backups.create)', () => service.create('manual'));
  const entry = service.list()[0]!;
  console.log(`  ${'backup file size'.padEnd(44)} ${(entry.bytes / 1024 / 1024).toFixed(2)} MB`);
  await time('verify (quick_check …)', () => service.verify(join(service.dir, entry.name)));
  await time('restore (incl. before-restore backup)', () => service.restore(entry.name));
  expect(live.db.open).toBe(true);
}

test('backup, verify and restore: demo database and 10,000 tasks', async () => {
  const dir = tempDir('ct-perf-demo-');
  const demoFile = join(dir, 'demo.sqlite');
  const demo = { db: openDatabase({ file: demoFile }) };
  seedDemoOnce(demo.db);
  await measure('demo database (2024夏季新品推广)', demoFile, demo);
  demo.db.close();

  const app = openApp();
  seedLargePlan(app);
  const large = { db: app.db };
  await measure('large plan (10,000 tasks, 50 metrics × 52 weeks …)', app.file, large);
  large.db.close();
});
