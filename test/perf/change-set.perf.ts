/**
 * The cost of a write's change set on a big plan, on demand only (not part of `npm test`):
 *
 *   npx vitest run --config test/perf/vitest.config.mts test/perf/change-set.perf.ts
 *
 * Seeds 10,000 and 100,000 tasks (test/bench/seed.ts), then edits one cell's progress 200 times
 * through the router and prints the median and p95 of the whole router call and of building its
 * change set alone (the rows fetched by id, the roll-ups moved by the captured rows, the undo
 * state). The roll-up sums of a project come from its task list (read before any edit) or are
 * loaded once by its first write: both timed apart.
 */
import { performance } from 'node:perf_hooks';
import { expect, test } from 'vitest';
import { journal } from '../../src-main/db/journal';
import { createChangeSets } from '../../src-main/routes/change-set';
import { createRollUps } from '../../src-main/routes/roll-ups';
import { updateTask } from '../../src-main/services/tasks';
import { median, ms, p95 } from '../bench/stats';
import { seedProject } from '../bench/seed';
import { openApp } from '../helpers/app';

const EDITS = 200;

for (const size of [10_000, 100_000]) {
  test(`change set of a one-cell edit at ${size.toLocaleString('en')} tasks`, () => {
    const app = openApp();
    const seeded = seedProject(app.db, size);
    const leaf = seeded.taskIds[seeded.taskIds.length - 1]!;
    const edit = (i: number) => app.router.invoke('tasks.update', { id: leaf, patch: { progress: i % 101 } });

    let t = performance.now();
    createRollUps(app.db).project(seeded.projectId);
    const load = performance.now() - t;
    t = performance.now();
    expect(app.router.invoke('tasks.list', { projectId: seeded.projectId }).ok).toBe(true);
    const list = performance.now() - t;
    t = performance.now();
    expect(edit(1).ok).toBe(true);
    const first = performance.now() - t;

    const whole: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      t = performance.now();
      edit(i);
      whole.push(performance.now() - t);
    }

    // The change set alone, built from a captured edit as the router builds it.
    const sets = createChangeSets(app.db);
    sets.begin();
    sets.build(
      journal(app.db, {}, () => updateTask(app.db, { id: leaf, patch: { progress: 3 } })).changes,
      null,
    );
    sets.end();
    const build: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      sets.begin();
      const done = journal(app.db, {}, () => updateTask(app.db, { id: leaf, patch: { progress: i % 101 } }));
      t = performance.now();
      const changes = sets.build(done.changes, null);
      build.push(performance.now() - t);
      sets.end();
      expect(changes.modules?.upsert.length).toBe(1);
    }
    console.log(
      `${size} tasks: loading the roll-up sums alone ${ms(load)}; tasks.list (which primes them) ${ms(list)}; first edit after it ${ms(first)}; tasks.update p50 ${ms(median(whole))} p95 ${ms(p95(whole))}; ` +
        `its change set p50 ${ms(median(build))} p95 ${ms(p95(build))}`,
    );
  });
}
