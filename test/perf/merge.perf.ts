/**
 * Timing of a merge of two copies of a 10,000-task project, on demand only (not part of
 * `npm test`):
 *
 *   npx vitest run --config test/perf/vitest.config.mts test/perf/merge.perf.ts
 *
 * Copy A holds the large plan of large-plan.ts; copy B receives it; then each side changes
 * 1,000 fields through the router (one paste each: names, notes, progress, budgets), either on
 * different tasks or with 100 of them the same fields on the same tasks (100 conflicts, resolved
 * "theirs"). A merges B: reading A's copy, planning, applying (inside the undo capture, as the
 * project-file service does). Median of 3 runs, each on a fresh copy of A's file.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect, test } from 'vitest';
import { captureChanges } from '../../src-main/db/capture';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import { openDatabase } from '../../src-main/db/open';
import type { ProjectBundle } from '../../src-main/project-file/format';
import { insertBundle } from '../../src-main/project-file/insert';
import type { Db } from '../../src-main/services/common';
import { recordHistory } from '../../src-main/services/history';
import { applyMerge } from '../../src-main/sync/apply-merge';
import { readProjectBundle } from '../../src-main/sync/bundle';
import { planMerge } from '../../src-main/sync/merge';
import { localReplica } from '../../src-main/sync/versions';
import { openApp, query, type App } from '../helpers/app';
import { tempDir } from '../helpers/tmp';
import { seedLargePlan } from './large-plan';

const RUNS = 3;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function bundleOf(db: Db, pid: string): ProjectBundle {
  const me = localReplica(db);
  return readProjectBundle(db, pid, {
    projectId: pid,
    exportedAt: new Date().toISOString(),
    exporterId: me.id,
    exporterName: me.name,
    appVersion: 'perf',
    format: LATEST_VERSION,
  });
}

/** One field of the task at `i` in table order, changed by `side`. */
function edit(i: number, side: string) {
  switch (i % 4) {
    case 0:
      return { name: `${side}改名${i}` };
    case 1:
      return { notes: `${side}的备注 ${i}` };
    case 2:
      return { progress: side === 'A' ? 55 : 77 };
    default:
      return { budgetFen: side === 'A' ? 12_300 : 45_600 };
  }
}

function paste(app: App, pid: string, ids: string[], from: number, side: string) {
  app.ok('tasks.paste', {
    projectId: pid,
    rows: ids.slice(from, from + 1000).map((id, k) => ({ ref: k + 1, id, values: edit(from + k, side) })),
  });
}

for (const overlap of [0, 100]) {
  test(`merge of two 10,000-task copies, 1,000 changed fields each, ${overlap} on the same fields`, () => {
    const A = openApp();
    const pid = seedLargePlan(A);
    const B = openApp();
    insertBundle(B.db, bundleOf(A.db, pid));
    const ids = query<{ id: string }>(
      A.file,
      'SELECT id FROM tasks WHERE project_id = ? ORDER BY position',
      pid,
    ).map((t) => t.id);
    paste(A, pid, ids, 0, 'A');
    paste(B, pid, ids, 1000 - overlap, 'B');
    const theirs = bundleOf(B.db, pid);
    A.db.pragma('wal_checkpoint(TRUNCATE)');
    A.db.close();

    const dir = tempDir();
    const times = {
      read: [] as number[],
      plan: [] as number[],
      apply: [] as number[],
      total: [] as number[],
    };
    for (let run = 0; run < RUNS; run++) {
      const file = join(dir, `a${run}.sqlite`);
      copyFileSync(A.file, file);
      const db = openDatabase({ file });
      const me = localReplica(db).id;
      const t0 = performance.now();
      const mine = bundleOf(db, pid);
      const t1 = performance.now();
      const plan = planMerge(mine, theirs, me);
      const t2 = performance.now();
      const resolutions = Object.fromEntries(plan.conflicts.map((c) => [c.id, 'theirs' as const]));
      const summary = db.transaction(() => {
        const captured = captureChanges(db, () => applyMerge(db, pid, plan, resolutions, me));
        recordHistory(db, 'projectFile.merge', captured.changes, { stamp: false });
        return captured.value;
      })();
      const t3 = performance.now();
      expect(plan.conflicts).toHaveLength(overlap);
      expect(summary.updated).toBe(1000);
      times.read.push(t1 - t0);
      times.plan.push(t2 - t1);
      times.apply.push(t3 - t2);
      times.total.push(t3 - t0);
      db.close();
    }
    const ms = (xs: number[]) => `${median(xs).toFixed(0)} ms`;
    console.log(
      `merge, 10,000 tasks, 1,000 fields each side, ${overlap} conflicts: read mine ${ms(times.read)}, ` +
        `plan ${ms(times.plan)}, apply ${ms(times.apply)}, total ${ms(times.total)} (median of ${RUNS})`,
    );
  });
}
