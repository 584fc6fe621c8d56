/**
 * A project's budget total is kept from write to write (services/totals.ts): a write moves the
 * total known after the previous one by its own rows instead of adding up every task again. These
 * tests bring a plan to the bound (MAX_TOTAL) and check against the SQLite file that the kept
 * total is right after edits, creations and deletions, and never trusted after a write it did not
 * see (undo and redo, another connection).
 */
import { describe, expect, test } from 'vitest';
import { MAX_FEN, MAX_TOTAL } from '../../src-main/shared/values';
import { openApp, query, type App } from '../helpers/app';
import { withRaw } from '../helpers/db';

/** 1,000 tasks of MAX_FEN each (the total is exactly MAX_TOTAL) and a spare task without a budget. */
function fullPlan(app: App) {
  const projectId = app.ok('projects.create', { name: '双11大促' }).id;
  const rows = Array.from({ length: 1001 }, (_, i) => ({
    ref: i + 1,
    values: { name: `任务${i + 1}`, ...(i < 1000 ? { budgetFen: MAX_FEN } : {}) },
  }));
  app.ok('tasks.paste', { projectId, rows });
  const ids = query<{ id: string }>(
    app.file,
    'SELECT id FROM tasks WHERE project_id = ? ORDER BY position',
    projectId,
  ).map((r) => r.id);
  return { projectId, first: ids[0]!, second: ids[1]!, spare: ids[1000]! };
}

const storedTotal = (app: App, projectId: string) =>
  query<{ t: number }>(
    app.file,
    'SELECT total(budget_fen) AS t FROM tasks WHERE project_id = ?',
    projectId,
  )[0]!.t;
const budgetOf = (app: App, id: string) =>
  query<{ b: number | null }>(app.file, 'SELECT budget_fen AS b FROM tasks WHERE id = ?', id)[0]!.b;
const setBudget = (app: App, id: string, budgetFen: number) =>
  app.ok('tasks.update', { id, patch: { budgetFen } });
const refused = {
  code: 'invalid_input',
  reason: 'total_too_large',
  params: { table: 'tasks', limit: MAX_TOTAL },
};

describe('the budget total kept between writes', () => {
  test('edits move it up to the bound and not one fen past; a refused edit stores nothing', () => {
    const app = openApp();
    const { projectId, first, second, spare } = fullPlan(app);
    setBudget(app, first, MAX_FEN - 100);
    setBudget(app, spare, 40); // a raise: added up (MAX_TOTAL − 60), then kept
    setBudget(app, second, MAX_FEN - 10); // MAX_TOTAL − 70
    setBudget(app, spare, 110); // + 70: exactly MAX_TOTAL
    expect(storedTotal(app, projectId)).toBe(MAX_TOTAL);
    expect(app.fail('tasks.update', { id: spare, patch: { budgetFen: 111 } })).toMatchObject(refused);
    expect(budgetOf(app, spare)).toBe(110);
    expect(storedTotal(app, projectId)).toBe(MAX_TOTAL);
    setBudget(app, first, MAX_FEN - 101);
    setBudget(app, spare, 111);
    expect(storedTotal(app, projectId)).toBe(MAX_TOTAL);
    expect(budgetOf(app, spare)).toBe(111);
  });

  test('a deleted task takes its budget out, a new task puts one in, a paste moves it by its rows', () => {
    const app = openApp();
    const { projectId, first, second, spare } = fullPlan(app);
    setBudget(app, spare, 0); // kept from here on: MAX_TOTAL
    app.ok('tasks.delete', { ids: [first] });
    expect(storedTotal(app, projectId)).toBe(MAX_TOTAL - MAX_FEN);
    app.ok('tasks.create', { projectId, values: { name: '补位', budgetFen: MAX_FEN } });
    expect(app.fail('tasks.create', { projectId, values: { name: '多一个', budgetFen: 1 } })).toMatchObject(
      refused,
    );
    app.ok('tasks.paste', {
      projectId,
      rows: [
        { ref: 1, id: second, values: { budgetFen: MAX_FEN - 5 } },
        { ref: 2, id: spare, values: { budgetFen: 5 } },
      ],
    });
    expect(storedTotal(app, projectId)).toBe(MAX_TOTAL);
    expect(
      app.fail('tasks.paste', {
        projectId,
        rows: [
          { ref: 1, id: second, values: { budgetFen: MAX_FEN - 6 } },
          { ref: 2, id: spare, values: { budgetFen: 7 } },
        ],
      }),
    ).toMatchObject(refused);
    expect([budgetOf(app, second), budgetOf(app, spare)]).toEqual([MAX_FEN - 5, 5]);
  });

  test('after an undo or a redo the total is added up again', () => {
    const app = openApp();
    const { projectId, first, spare } = fullPlan(app);
    setBudget(app, first, MAX_FEN - 20);
    setBudget(app, spare, 10); // MAX_TOTAL − 10, kept
    setBudget(app, spare, 20); // MAX_TOTAL
    app.ok('history.undo', { projectId }); // the spare back to 10: MAX_TOTAL − 10, not by the kept total
    expect(budgetOf(app, spare)).toBe(10);
    // A total kept past the undo would be MAX_TOTAL + 10 here and refuse this.
    setBudget(app, first, MAX_FEN - 10);
    expect(storedTotal(app, projectId)).toBe(MAX_TOTAL);
    app.ok('history.undo', { projectId });
    setBudget(app, spare, 15); // MAX_TOTAL − 5 (first back at MAX_FEN − 20, spare 15)
    expect(storedTotal(app, projectId)).toBe(MAX_TOTAL - 5);
    app.ok('history.undo', { projectId }); // spare 10 again: MAX_TOTAL − 10
    setBudget(app, first, MAX_FEN - 15); // MAX_TOTAL − 5 … kept only if the undo was noticed
    expect(app.fail('tasks.update', { id: spare, patch: { budgetFen: 16 } })).toMatchObject(refused);
    setBudget(app, spare, 15);
    expect(storedTotal(app, projectId)).toBe(MAX_TOTAL);
  });

  test('a write by another connection is noticed: the total is added up again', () => {
    const app = openApp();
    const { projectId, first, second, spare } = fullPlan(app);
    setBudget(app, first, MAX_FEN - 10);
    setBudget(app, spare, 5); // MAX_TOTAL − 5, kept
    withRaw(
      app.file,
      (raw) => raw.prepare('UPDATE tasks SET budget_fen = budget_fen - 5 WHERE id = ?').run(second),
      {
        readonly: false,
      },
    ); // MAX_TOTAL − 10 in the file
    setBudget(app, spare, 15); // + 10: a kept total would say MAX_TOTAL + 5 and refuse
    expect(storedTotal(app, projectId)).toBe(MAX_TOTAL);
    setBudget(app, first, MAX_FEN - 20); // MAX_TOTAL − 10, kept
    withRaw(
      app.file,
      (raw) => raw.prepare('UPDATE tasks SET budget_fen = budget_fen + 5 WHERE id = ?').run(second),
      {
        readonly: false,
      },
    ); // MAX_TOTAL − 5 in the file
    // + 6 is MAX_TOTAL + 1 in the file; a kept total would say MAX_TOTAL − 4 and take it.
    expect(app.fail('tasks.update', { id: spare, patch: { budgetFen: 21 } })).toMatchObject(refused);
    expect(budgetOf(app, spare)).toBe(15);
    expect(storedTotal(app, projectId)).toBe(MAX_TOTAL - 5);
  });
});
