/**
 * `tasks.list` with `first`: Table 2's first rows, shown while the whole table is read. They are
 * the table's first rows in its order, at least `first` of them and up to the next top-level task,
 * so every parent among them comes with all its sub-tasks: its roll-up and depth computed from
 * them are the whole plan's. Reading them does not give the roll-up cache its sums (they are not
 * the whole project), so the sidebar's figures stay those of every task.
 */
import { describe, expect, test } from 'vitest';
import { listProjects } from '../../src-main/services/projects';
import { depths, rollUpProgress } from '../../src-main/shared/task-logic';
import { FIRST_ROWS_MAX } from '../../src-main/shared/task-rows';
import { openApp, type App } from '../helpers/app';
import { seedProject } from '../bench/seed';

/** G ⊃ P ⊃ {L1 10 days 20 %, L2 5 days 50 %}; X 40 %; Y ⊃ Z 70 %; W. */
function plan(app: App) {
  const pid = app.ok('projects.create', { name: '首屏' }).id;
  const task = (name: string, values: Record<string, unknown> = {}) =>
    app.ok('tasks.create', { projectId: pid, values: { name, ...values } }).id;
  const g = task('G', { progress: 10 });
  const p = task('P', { parentId: g });
  const l1 = task('L1', { parentId: p, start: '2024-05-01', end: '2024-05-10', progress: 20 });
  const l2 = task('L2', { parentId: p, start: '2024-05-01', end: '2024-05-05', progress: 50 });
  const x = task('X', { progress: 40, predecessorIds: [l1] });
  const y = task('Y');
  const z = task('Z', { parentId: y, progress: 70, predecessorIds: [x] });
  const w = task('W');
  return { pid, g, p, l1, l2, x, y, z, w };
}

const names = (tasks: { name: string }[]) => tasks.map((t) => t.name);

describe('tasks.list, first rows', () => {
  test('the first rows in table order, up to the next top-level task', () => {
    const app = openApp();
    const s = plan(app);
    const all = app.ok('tasks.list', { projectId: s.pid });
    expect(names(all)).toEqual(['G', 'P', 'L1', 'L2', 'X', 'Y', 'Z', 'W']);
    const first = (n: number) => app.ok('tasks.list', { projectId: s.pid, first: n });
    // Row 1 is inside G's block: the whole block comes, and stops before X.
    expect(names(first(1))).toEqual(['G', 'P', 'L1', 'L2']);
    expect(names(first(4))).toEqual(['G', 'P', 'L1', 'L2']);
    expect(names(first(5))).toEqual(['G', 'P', 'L1', 'L2', 'X']);
    expect(names(first(6))).toEqual(['G', 'P', 'L1', 'L2', 'X', 'Y', 'Z']);
    expect(names(first(7))).toEqual(['G', 'P', 'L1', 'L2', 'X', 'Y', 'Z']);
    // As many rows as the table, or more: the whole table.
    expect(first(8)).toEqual(all);
    expect(first(100)).toEqual(all);
    // The rows are the whole list's rows, values and predecessors included.
    expect(first(6)).toEqual(all.slice(0, 7));
    expect(first(6)[6]!.predecessorIds).toEqual([s.x]);
  });

  test('the parents among the first rows roll up and indent as in the whole plan', () => {
    const app = openApp();
    const s = plan(app);
    const all = app.ok('tasks.list', { projectId: s.pid });
    const head = app.ok('tasks.list', { projectId: s.pid, first: 2 });
    const whole = rollUpProgress(all);
    const part = rollUpProgress(head);
    // P: (20 × 10 + 50 × 5) ÷ 15 = 30; G has P alone: 30.
    expect(part.get(s.p)).toBe(30);
    expect(part.get(s.g)).toBe(30);
    for (const [id, value] of part) expect(value).toBe(whole.get(id));
    const depthAll = depths(all);
    for (const [id, d] of depths(head)) expect(d).toBe(depthAll.get(id));
    expect(depths(head).get(s.l2)).toBe(2);
  });

  test('reading the first rows leaves the sidebar its whole-plan figures', () => {
    const app = openApp();
    const s = plan(app);
    app.ok('tasks.list', { projectId: s.pid, first: 1 });
    // From the roll-up cache or SQL, the figures are every leaf's: L1, L2, X, Z, W (Y and G, P are
    // parents). (20×10 + 50×5 + 40 + 70 + 0) ÷ (10 + 5 + 1 + 1 + 1) = 560 ÷ 18.
    const listed = app.ok('projects.list', {}).find((p) => p.id === s.pid)!;
    expect(listed).toMatchObject({ taskCount: 8, progress: 560 / 18 });
    expect(app.ok('projects.list', {})).toEqual(listProjects(app.db));
    // And an edit after it moves the whole plan's sums.
    app.ok('tasks.update', { id: s.w, patch: { progress: 100 } });
    expect(app.ok('projects.list', {}).find((p) => p.id === s.pid)).toMatchObject({
      taskCount: 8,
      progress: 660 / 18,
    });
    expect(app.ok('projects.list', {})).toEqual(listProjects(app.db));
  });

  test('a bad count is refused with its field named', () => {
    const app = openApp();
    const s = plan(app);
    for (const first of [0, -1, 1.5, FIRST_ROWS_MAX + 1, '10'])
      expect(app.fail('tasks.list', { projectId: s.pid, first })).toMatchObject({
        code: 'invalid_input',
        path: ['first'],
      });
  });

  test('a first block longer than 5,000 rows gives the whole table (no parent without its roll-up)', () => {
    const app = openApp();
    const seeded = seedProject(app.db, 6_000); // blocks of ten: a parent, its children, grandchildren
    const pid = seeded.projectId;
    const first = seeded.taskIds[0]!;
    expect(app.ok('tasks.list', { projectId: pid, first: 1 })).toHaveLength(10);
    // The top-level tasks of rows 1…5,499 become sub-tasks of the first: one block of 5,500 rows.
    app.db
      .prepare(
        'UPDATE tasks SET parent_id = ? WHERE project_id = ? AND parent_id IS NULL AND position BETWEEN 1 AND 5499',
      )
      .run(first, pid);
    const whole = app.ok('tasks.list', { projectId: pid });
    expect(app.ok('tasks.list', { projectId: pid, first: 1 })).toEqual(whole);
    expect(whole).toHaveLength(6_000);
  });
});
