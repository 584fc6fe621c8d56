import { v7 as uuidv7 } from 'uuid';
import { describe, expect, test } from 'vitest';
import type { Input } from '../../src-main/shared/contract';
import { historyRows, openApp, projectSnapshot, query, storedTasks, type App } from '../helpers/app';

type PasteRows = Input<'tasks.paste'>['rows'];

/** A project with a team of two and `n` tasks (M001 …) dated in May 2024. */
function project(app: App, n: number, name = '项目') {
  const pid = app.ok('projects.create', { name }).id;
  const owner = app.ok('people.create', { projectId: pid, name: '内容组*主管' }).id;
  const helper = app.ok('people.create', { projectId: pid, name: '渠道组*专员' }).id;
  const ids = Array.from(
    { length: n },
    (_, i) =>
      app.ok('tasks.create', {
        projectId: pid,
        values: {
          name: `t${i + 1}`,
          start: '2024-05-01',
          end: '2024-05-31',
          ownerId: owner,
          notes: `n${i + 1}`,
        },
      }).id,
  );
  return { pid, owner, helper, ids };
}

const day = (n: number) => `2024-06-${String(n).padStart(2, '0')}`;

/** 20 rows × 3 columns (name, start, end): rows 1–12 on the existing tasks, 13–20 new. */
function block(ids: string[]): PasteRows {
  return Array.from({ length: 20 }, (_, i) => ({
    ref: i + 1,
    ...(i < ids.length ? { id: ids[i] } : {}),
    values: { name: `粘贴${i + 1}`, start: day(i + 1), end: day(i + 5) },
  }));
}

function unchanged(app: App, pid: string, fn: () => void) {
  const before = projectSnapshot(app.file, pid);
  const entries = historyRows(app.file, pid);
  fn();
  expect(projectSnapshot(app.file, pid)).toEqual(before);
  expect(historyRows(app.file, pid)).toEqual(entries);
}

describe('tasks.paste refused', () => {
  test('a 3×20 block with one bad cell is refused with exactly that problem, writing nothing', () => {
    const app = openApp();
    const { pid, ids } = project(app, 12);
    const rows = block(ids);
    rows[6]!.values.end = '2024-05-01'; // row 7: end before its start 2024-06-07
    unchanged(app, pid, () => {
      expect(app.fail('tasks.paste', { projectId: pid, rows })).toEqual({
        code: 'invalid_input',
        reason: 'paste_rejected',
        problems: [
          {
            ref: 7,
            field: 'end',
            reason: 'end_before_start',
            params: { start: '2024-06-07', end: '2024-05-01' },
          },
        ],
      });
    });
  });

  test('a bad cell in a new row (past the end) is reported with its row, and no code is used up', () => {
    const app = openApp();
    const { pid, ids } = project(app, 12);
    const other = app.ok('projects.create', { name: 'other' }).id;
    const stranger = app.ok('people.create', { projectId: other, name: '外人' }).id;
    const rows = block(ids);
    rows[16]!.values.ownerId = stranger; // row 17, a new task
    unchanged(app, pid, () => {
      const error = app.fail('tasks.paste', { projectId: pid, rows });
      expect(error.reason).toBe('paste_rejected');
      expect(error.problems).toEqual([{ ref: 17, field: 'ownerId', reason: 'not_team_member' }]);
    });
    // The next task still gets M013.
    expect(app.ok('tasks.create', { projectId: pid, values: { name: 'next' } }).code).toBe('M013');
  });

  test('every bad row is listed, in order, with its field and reason', () => {
    const app = openApp();
    const { pid, ids } = project(app, 3);
    const foreign = project(app, 1, 'B');
    const rows: PasteRows = [
      { ref: 1, id: ids[0], values: { progress: 10 } },
      { ref: 2, id: ids[1], values: { start: '2024-06-02' } }, // after its end 2024-05-31
      { ref: 3, id: foreign.ids[0], values: { name: 'x' } }, // a task of another project
      { ref: 4, id: uuidv7(), values: { name: 'x' } }, // no such task
      { ref: 5, values: { notes: 'no name' } }, // a new row needs a name
      { ref: 6, values: { name: 'ok' } },
      { ref: 7, id: ids[2], values: { predecessorIds: [ids[2]!] } },
      { ref: 8, values: { name: 'm', moduleId: uuidv7() } },
    ];
    unchanged(app, pid, () => {
      expect(app.fail('tasks.paste', { projectId: pid, rows }).problems).toEqual([
        {
          ref: 2,
          field: 'start',
          reason: 'end_before_start',
          params: { start: '2024-06-02', end: '2024-05-31' },
        },
        { ref: 3, reason: 'not_found' },
        { ref: 4, reason: 'not_found' },
        { ref: 5, field: 'name', reason: 'required' },
        { ref: 7, field: 'predecessorIds', reason: 'depends_on_itself' },
        { ref: 8, field: 'moduleId', reason: 'not_in_project' },
      ]);
    });
    expect(storedTasks(app.file, foreign.pid)[0]?.name).toBe('t1');
  });

  test('a loop made by two rows of the same paste is found', () => {
    const app = openApp();
    const { pid, ids } = project(app, 2);
    const rows: PasteRows = [
      { ref: 1, id: ids[0], values: { predecessorIds: [ids[1]!] } },
      { ref: 2, id: ids[1], values: { predecessorIds: [ids[0]!] } },
    ];
    unchanged(app, pid, () => {
      expect(app.fail('tasks.paste', { projectId: pid, rows }).problems).toEqual([
        {
          ref: 2,
          field: 'predecessorIds',
          reason: 'dependency_cycle',
          params: { cycle: 'M002 → M001 → M002' },
        },
      ]);
    });
  });

  // The service promises "all problems are reported (row, column, reason)": a row with two bad
  // cells should list both, so the user can fix them in one go.
  test('a row with two bad cells lists both', () => {
    const app = openApp();
    const { pid, ids } = project(app, 1);
    const other = project(app, 0, 'B');
    const rows: PasteRows = [
      { ref: 1, id: ids[0], values: { ownerId: other.owner, moduleId: uuidv7(), end: '2024-04-01' } },
    ];
    unchanged(app, pid, () => {
      const problems = app.fail('tasks.paste', { projectId: pid, rows }).problems ?? [];
      expect(problems.map((p) => [p.ref, p.field, p.reason])).toEqual([
        [1, 'ownerId', 'not_team_member'],
        [1, 'moduleId', 'not_in_project'],
        [1, 'end', 'end_before_start'],
      ]);
    });
  });

  test('a value the contract refuses (progress 120 in row 7) is refused before anything is written', () => {
    const app = openApp();
    const { pid, ids } = project(app, 12);
    const rows = block(ids);
    (rows[6]!.values as Record<string, unknown>).progress = 120;
    unchanged(app, pid, () => {
      expect(app.fail('tasks.paste', { projectId: pid, rows })).toMatchObject({
        code: 'invalid_input',
        path: ['rows', 6, 'values', 'progress'],
        reason: 'too_big',
      });
    });
    const error = app.fail('tasks.paste', { projectId: uuidv7(), rows: [{ ref: 1, values: { name: 'x' } }] });
    expect(error).toMatchObject({ code: 'not_found', path: ['projectId'] });
  });
});

describe('tasks.paste accepted', () => {
  test('updates the rows it lands on and creates rows past the end with new codes, in order', () => {
    const app = openApp();
    const { pid, ids } = project(app, 12);
    const before = storedTasks(app.file, pid);
    const result = app.ok('tasks.paste', { projectId: pid, rows: block(ids) });
    expect(result.updated).toBe(12);
    expect(result.created).toHaveLength(8);

    const after = storedTasks(app.file, pid);
    expect(after).toHaveLength(20);
    expect(after.map((r) => r.id)).toEqual([...ids, ...result.created]);
    expect(after.map((r) => r.code)).toEqual(
      Array.from({ length: 20 }, (_, i) => `M${String(i + 1).padStart(3, '0')}`),
    );
    after.forEach((r, i) => {
      expect(r, `row ${i + 1}`).toMatchObject({
        name: `粘贴${i + 1}`,
        start_date: day(i + 1),
        end_date: day(i + 5),
      });
    });
    // Cells outside the block are kept on existing rows; new rows get the defaults.
    after.slice(0, 12).forEach((r, i) => {
      expect(r).toMatchObject({
        notes: before[i]!.notes,
        owner_id: before[i]!.owner_id,
        code: before[i]!.code,
      });
    });
    after.slice(12).forEach((r) => {
      expect(r).toMatchObject({
        notes: '',
        owner_id: null,
        progress: 0,
        parent_id: null,
        milestone: 0,
        blocked: 0,
      });
    });
    expect(new Set(after.map((r) => r.position)).size).toBe(20);
    expect(query(app.file, 'SELECT next_task_seq FROM projects WHERE id = ?', pid)).toEqual([
      { next_task_seq: 21 },
    ]);
    // One action in the history.
    expect(historyRows(app.file, pid).at(-1)).toMatchObject({ action: 'tasks.paste', undone: 0 });
  });

  test('every field a cell can carry is written, including milestone, blocked and predecessors', () => {
    const app = openApp();
    const { pid, helper, ids } = project(app, 2);
    const mod = app.ok('modules.create', { projectId: pid, values: { name: '社交媒体推广' } }).id;
    const result = app.ok('tasks.paste', {
      projectId: pid,
      rows: [
        {
          ref: 1,
          id: ids[1],
          values: {
            deliverable: '笔记',
            ownerId: helper,
            budgetFen: 800_050,
            manpower: '2人',
            tools: '蒲公英',
            criteria: '200万+',
            progress: 60,
            moduleId: mod,
            milestone: true,
            blocked: true,
            predecessorIds: [ids[0]!],
          },
        },
        { ref: 2, values: { name: '新任务', predecessorIds: [ids[1]!] } },
      ],
    });
    expect(query(app.file, 'SELECT * FROM tasks WHERE id = ?', ids[1])[0]).toMatchObject({
      deliverable: '笔记',
      owner_id: helper,
      budget_fen: 800_050,
      manpower: '2人',
      tools: '蒲公英',
      criteria: '200万+',
      progress: 60,
      module_id: mod,
      milestone: 1,
      blocked: 1,
    });
    expect(
      query(app.file, 'SELECT predecessor_id, successor_id FROM task_links ORDER BY successor_id'),
    ).toEqual([
      { predecessor_id: ids[0], successor_id: ids[1] },
      { predecessor_id: ids[1], successor_id: result.created[0] },
    ]);
  });
});
