/**
 * Merges a campaign owner meets in practice, played between real installations (each its own
 * database file and replica, edited through the router so every change is stamped as in the
 * app) and merged as the project-file service merges: planned, then applied inside one
 * transaction with the undo capture, recorded as one history step. Every result is read back
 * from the SQLite files; every merge leaves no dangling reference and is undone in one step.
 */
import { describe, expect, test } from 'vitest';
import type { ProjectBundle } from '../../src-main/project-file/format';
import type { AppErrorData } from '../../src-main/shared/errors';
import type { MergeResolutions } from '../../src-main/sync/apply-merge';
import type { MergeSummary } from '../../src-main/sync/merge';
import { historyRows, openApp, query, type App } from '../helpers/app';
import { logicalHash } from '../helpers/db';
import {
  exportCopy,
  foreignKeyProblems,
  mergeCopy,
  plan,
  projectHash,
  projectRows,
  receive,
} from '../helpers/installations';
import { refusal } from '../helpers/refusal';

/** As the project-file service merges (one action), every conflict answered alike if asked so. */
function merge(
  app: App,
  pid: string,
  theirs: ProjectBundle,
  resolve: MergeResolutions | 'mine' | 'theirs' = {},
): MergeSummary {
  const resolutions =
    typeof resolve === 'string'
      ? Object.fromEntries(plan(app, pid, theirs).conflicts.map((c) => [c.id, resolve]))
      : resolve;
  const summary = mergeCopy(app, pid, theirs, resolutions);
  expect(foreignKeyProblems(app)).toEqual([]);
  return summary;
}

/**
 * A merge checked as one action: a single undo puts back exactly what the project held before,
 * and redo brings the merged content back. A merge that changes no row (every question answered
 * "mine") leaves nothing to undo.
 */
function mergeUndoable(
  app: App,
  pid: string,
  theirs: ProjectBundle,
  resolve: MergeResolutions | 'mine' | 'theirs' = {},
): MergeSummary {
  const before = projectHash(app, pid);
  const done = () => historyRows(app.file, pid).filter((h) => h.undone === 0);
  const entries = done().length;
  const summary = merge(app, pid, theirs, resolve);
  const merged = projectHash(app, pid);
  if (merged === before) {
    expect(done()).toHaveLength(entries);
    return summary;
  }
  expect(done()).toHaveLength(entries + 1);
  expect(done().at(-1)).toMatchObject({ action: 'projectFile.merge' });
  app.ok('history.undo', { projectId: pid });
  expect(projectHash(app, pid)).toBe(before);
  expect(foreignKeyProblems(app)).toEqual([]);
  app.ok('history.redo', { projectId: pid });
  expect(projectHash(app, pid)).toBe(merged);
  return summary;
}

/**
 * A merge that must be refused, with the code and reason given, and nothing written (the whole
 * database compared).
 */
function refused(
  app: App,
  pid: string,
  theirs: ProjectBundle,
  resolve: 'mine' | 'theirs',
  expected: Pick<AppErrorData, 'code' | 'reason'>,
): AppErrorData {
  const before = logicalHash(app.file);
  const error = refusal(() => merge(app, pid, theirs, resolve), 'the merge');
  expect(error).toMatchObject(expected);
  expect(logicalHash(app.file)).toBe(before);
  return error;
}

const task = (app: App, id: string) => query(app.file, 'SELECT * FROM tasks WHERE id = ?', id)[0];
const outline = (app: App, pid: string) =>
  query<{ id: string; code: string; parent_id: string | null; position: number }>(
    app.file,
    'SELECT id, code, parent_id, position FROM tasks WHERE project_id = ? ORDER BY position',
    pid,
  );

/** Table 2 is an outline: positions unique, every task after its parent and inside its block. */
function expectOutline(app: App, pid: string) {
  const rows = outline(app, pid);
  expect(new Set(rows.map((r) => r.position)).size).toBe(rows.length);
  const index = new Map(rows.map((r, i) => [r.id, i]));
  for (const r of rows) {
    if (!r.parent_id) continue;
    const parentAt = index.get(r.parent_id)!;
    expect(parentAt).toBeLessThan(index.get(r.id)!);
    for (const between of rows.slice(parentAt + 1, index.get(r.id))) {
      let up: string | null = between.parent_id;
      while (up && up !== r.parent_id) up = rows.find((x) => x.id === up)!.parent_id;
      expect(up).toBe(r.parent_id);
    }
  }
}

/** Both copies hold the same rows in every table, and neither has anything left to take. */
function expectConverged(a: App, b: App, pid: string) {
  expect(projectRows(b, pid)).toEqual(projectRows(a, pid));
  expect(plan(a, pid, exportCopy(b, pid)).changes).toEqual([]);
  expect(plan(b, pid, exportCopy(a, pid)).changes).toEqual([]);
}

/**
 * A campaign with an owner, two module owners and two modules:
 *   社交 (小李): M001 A, M002 B (M003 B1, M004 B2; B1 → B2); 线下 (小王): M005 C (waits for A)
 */
function seed(app: App) {
  const pid = app.ok('projects.create', { name: '双11大促' }).id;
  app.ok('projects.update', { id: pid, patch: { trackingCycle: 'week' } });
  const boss = app.ok('people.create', { projectId: pid, name: '经理', role: 'overall_owner' }).id;
  const li = app.ok('people.create', { projectId: pid, name: '小李', reportsToId: boss }).id;
  const wang = app.ok('people.create', { projectId: pid, name: '小王', reportsToId: boss }).id;
  const social = app.ok('modules.create', { projectId: pid, values: { name: '社交', ownerId: li } }).id;
  const offline = app.ok('modules.create', { projectId: pid, values: { name: '线下', ownerId: wang } }).id;
  const make = (name: string, extra: Record<string, unknown> = {}) =>
    app.ok('tasks.create', {
      projectId: pid,
      values: { name, ownerId: li, moduleId: social, start: '2024-05-01', end: '2024-05-10', ...extra },
    }).id;
  const a = make('A');
  const b = make('B');
  const b1 = make('B1', { parentId: b });
  const b2 = make('B2', { parentId: b, predecessorIds: [b1] });
  const c = make('C', { predecessorIds: [a], ownerId: wang, moduleId: offline });
  const metric = app.ok('metrics.create', { projectId: pid, values: { name: '曝光量', unit: '次' } }).id;
  return { pid, boss, li, wang, social, offline, a, b, b1, b2, c, metric };
}

function twoCopies() {
  const A = openApp();
  const s = seed(A);
  const B = receive(exportCopy(A, s.pid));
  return { A, B, s };
}

describe('a paste of many rows against edits of the same rows', () => {
  test('20 pasted rows on one side, the same rows edited on the other: disjoint fields merge, same fields ask', () => {
    const A = openApp();
    const s = seed(A);
    const pasted = A.ok('tasks.paste', {
      projectId: s.pid,
      rows: Array.from({ length: 20 }, (_, i) => ({ ref: i + 1, values: { name: `行${i + 1}` } })),
    }).created;
    expect(pasted).toHaveLength(20);
    const B = receive(exportCopy(A, s.pid));

    // A pastes notes and progress over the 20 rows, and adds 5 more at the end.
    A.ok('tasks.paste', {
      projectId: s.pid,
      rows: [
        ...pasted.map((id, i) => ({ ref: i + 1, id, values: { notes: `A备注${i}`, progress: i * 5 } })),
        ...Array.from({ length: 5 }, (_, i) => ({ ref: 21 + i, values: { name: `A新${i}` } })),
      ],
    });
    // B renames the same 20 rows, and writes its own notes on three of them.
    B.ok('tasks.paste', {
      projectId: s.pid,
      rows: pasted.map((id, i) => ({
        ref: i + 1,
        id,
        values: i < 3 ? { name: `B名${i}`, notes: `B备注${i}` } : { name: `B名${i}` },
      })),
    });
    B.ok('tasks.paste', {
      projectId: s.pid,
      rows: Array.from({ length: 20 }, (_, i) => ({ ref: i + 1, values: { name: `B新${i}` } })),
    });

    const p = plan(A, s.pid, exportCopy(B, s.pid));
    expect(p.conflicts.map((c) => [c.column, c.mine, c.theirs])).toEqual([
      ['notes', 'A备注0', 'B备注0'],
      ['notes', 'A备注1', 'B备注1'],
      ['notes', 'A备注2', 'B备注2'],
    ]);
    const summary = mergeUndoable(A, s.pid, exportCopy(B, s.pid), 'theirs');
    expect(summary).toMatchObject({ added: 20, deleted: 0, conflicts: 3 });
    expect(summary.renumbered).toHaveLength(5); // B's M026…M030 were A's new rows' codes
    pasted.forEach((id, i) =>
      expect(task(A, id)).toMatchObject({
        name: `B名${i}`,
        notes: i < 3 ? `B备注${i}` : `A备注${i}`,
        progress: i * 5,
      }),
    );
    // Every row has a code of its own: 5 of the seed, 20 pasted, 5 new of A's, 20 new of B's.
    const codes = outline(A, s.pid).map((t) => t.code);
    expect(codes).toHaveLength(50);
    expect(new Set(codes).size).toBe(50);
    expectOutline(A, s.pid);

    merge(B, s.pid, exportCopy(A, s.pid));
    expectConverged(A, B, s.pid);
  });
});

describe('the outline reshaped on both sides', () => {
  test('indent on one side, outdent of the same subtree on the other: each move kept, still an outline', () => {
    const { A, B, s } = twoCopies();
    A.ok('tasks.indent', { id: s.b2 }); // B2 under B1
    A.ok('tasks.indent', { id: s.c }); // C under B
    B.ok('tasks.outdent', { id: s.b1 }); // B1 to the top level, B2 stays under B
    B.ok('tasks.outdent', { id: s.b2 });
    const p = plan(A, s.pid, exportCopy(B, s.pid));
    // Both moved B2's parent: one question; B1's and C's moves are one-sided.
    expect(p.conflicts.map((c) => [c.label, c.column])).toEqual([['M004 B2', 'parent_id']]);
    for (const choice of ['mine', 'theirs'] as const) {
      const { A: A2, B: B2, s: t } = choice === 'mine' ? { A, B, s } : twoCopiesAgain();
      mergeUndoable(A2, t.pid, exportCopy(B2, t.pid), choice);
      expect(task(A2, t.b1)!.parent_id).toBeNull();
      expect(task(A2, t.c)!.parent_id).toBe(t.b);
      expect(task(A2, t.b2)!.parent_id).toBe(choice === 'mine' ? t.b1 : null);
      expectOutline(A2, t.pid);
      merge(B2, t.pid, exportCopy(A2, t.pid));
      expectConverged(A2, B2, t.pid);
    }

    function twoCopiesAgain() {
      const again = twoCopies();
      again.A.ok('tasks.indent', { id: again.s.b2 });
      again.A.ok('tasks.indent', { id: again.s.c });
      again.B.ok('tasks.outdent', { id: again.s.b1 });
      again.B.ok('tasks.outdent', { id: again.s.b2 });
      return again;
    }
  });

  test('rows moved up and down on both sides: no question, one order, the same on both copies', () => {
    const { A, B, s } = twoCopies();
    A.ok('tasks.move', { id: s.c, direction: 'up' });
    A.ok('tasks.move', { id: s.c, direction: 'up' });
    B.ok('tasks.move', { id: s.a, direction: 'down' });
    B.ok('tasks.create', { projectId: s.pid, afterId: s.b2, values: { name: 'B插入', parentId: s.b } });
    const p = plan(A, s.pid, exportCopy(B, s.pid));
    expect(p.conflicts).toEqual([]);
    mergeUndoable(A, s.pid, exportCopy(B, s.pid));
    expectOutline(A, s.pid);
    merge(B, s.pid, exportCopy(A, s.pid));
    expectConverged(A, B, s.pid);
  });
});

describe('a deletion on one side, a new reference to it on the other', () => {
  test('a module deleted here while they put a task, a metric and a spend entry in it', () => {
    for (const choice of ['mine', 'theirs'] as const) {
      const { A, B, s } = twoCopies();
      A.ok('modules.delete', { id: s.offline }); // C loses its module here
      B.ok('tasks.update', { id: s.a, patch: { moduleId: s.offline } });
      B.ok('metrics.update', { id: s.metric, patch: { moduleId: s.offline } });
      const spend = B.ok('spend.create', {
        projectId: s.pid,
        values: { date: '2024-05-03', amountFen: 5_000, moduleId: s.offline },
      }).id;
      const p = plan(A, s.pid, exportCopy(B, s.pid));
      expect(p.conflicts).toMatchObject([{ kind: 'deleted_by_me', table: 'modules', label: '线下' }]);
      mergeUndoable(A, s.pid, exportCopy(B, s.pid), choice);
      const moduleOf = (id: string) => task(A, id)!.module_id;
      if (choice === 'mine') {
        expect(query(A.file, 'SELECT id FROM modules WHERE id = ?', s.offline)).toEqual([]);
        expect(moduleOf(s.a)).toBe(s.social); // where it was before they moved it
        expect(query(A.file, 'SELECT module_id FROM spend_entries WHERE id = ?', spend)).toEqual([
          { module_id: null },
        ]);
        expect(query(A.file, 'SELECT module_id FROM metrics WHERE id = ?', s.metric)).toEqual([
          { module_id: null },
        ]);
      } else {
        expect(query(A.file, 'SELECT name FROM modules WHERE id = ?', s.offline)).toEqual([{ name: '线下' }]);
        expect(moduleOf(s.a)).toBe(s.offline);
        expect(query(A.file, 'SELECT module_id FROM spend_entries WHERE id = ?', spend)).toEqual([
          { module_id: s.offline },
        ]);
      }
      expect(moduleOf(s.c)).toBeNull(); // my deletion emptied it, and they did not touch it
      expect(plan(B, s.pid, exportCopy(A, s.pid)).conflicts).toEqual([]);
      merge(B, s.pid, exportCopy(A, s.pid));
      expectConverged(A, B, s.pid);
    }
  });

  test('a task deleted here while they moved another task under it: keeping the deletion keeps that task', () => {
    for (const choice of ['mine', 'theirs'] as const) {
      const { A, B, s } = twoCopies();
      A.ok('tasks.delete', { ids: [s.b] }); // with B1, B2 and the link B1 → B2
      B.ok('tasks.indent', { id: s.c }); // C under B
      const p = plan(A, s.pid, exportCopy(B, s.pid));
      expect(p.conflicts).toMatchObject([{ kind: 'deleted_by_me', table: 'tasks', label: 'M002 B' }]);
      mergeUndoable(A, s.pid, exportCopy(B, s.pid), choice);
      // C was never deleted by anyone: it stays, under B when B comes back, at the top if not.
      expect(task(A, s.c)).toMatchObject({ name: 'C', parent_id: choice === 'mine' ? null : s.b });
      expect(query(A.file, 'SELECT predecessor_id AS p FROM task_links WHERE successor_id = ?', s.c)).toEqual(
        [{ p: s.a }],
      );
      expect(task(A, s.b) === undefined).toBe(choice === 'mine');
      expectOutline(A, s.pid);
      expect(plan(B, s.pid, exportCopy(A, s.pid)).conflicts).toEqual([]);
      merge(B, s.pid, exportCopy(A, s.pid));
      expect(task(B, s.c)).toMatchObject({ parent_id: choice === 'mine' ? null : s.b });
      expectConverged(A, B, s.pid);
    }
  });

  test('a module deleted there while I put a task in it', () => {
    for (const choice of ['mine', 'theirs'] as const) {
      const { A, B, s } = twoCopies();
      B.ok('modules.delete', { id: s.offline });
      A.ok('tasks.update', { id: s.a, patch: { moduleId: s.offline } });
      const p = plan(A, s.pid, exportCopy(B, s.pid));
      expect(p.conflicts).toMatchObject([{ kind: 'deleted_by_them', table: 'modules', label: '线下' }]);
      mergeUndoable(A, s.pid, exportCopy(B, s.pid), choice);
      expect(task(A, s.a)!.module_id).toBe(choice === 'mine' ? s.offline : null);
      expect(task(A, s.c)!.module_id).toBe(choice === 'mine' ? s.offline : null);
      merge(B, s.pid, exportCopy(A, s.pid));
      expectConverged(A, B, s.pid);
    }
  });

  test('a person deleted here while they made them the owner of a task', () => {
    for (const choice of ['mine', 'theirs'] as const) {
      const A = openApp();
      const s = seed(A);
      const temp = A.ok('people.create', { projectId: s.pid, name: '临时工' }).id;
      const B = receive(exportCopy(A, s.pid));
      A.ok('people.delete', { id: temp });
      B.ok('tasks.update', { id: s.b1, patch: { ownerId: temp } });
      B.ok('people.update', { id: s.li, patch: { reportsToId: temp } });
      const p = plan(A, s.pid, exportCopy(B, s.pid));
      expect(p.conflicts).toMatchObject([{ kind: 'deleted_by_me', table: 'people', label: '临时工' }]);
      mergeUndoable(A, s.pid, exportCopy(B, s.pid), choice);
      if (choice === 'mine') {
        expect(query(A.file, 'SELECT id FROM people WHERE id = ?', temp)).toEqual([]);
        // Where they were before they pointed at the person I deleted.
        expect(task(A, s.b1)!.owner_id).toBe(s.li);
        expect(query(A.file, 'SELECT reports_to_id FROM people WHERE id = ?', s.li)).toEqual([
          { reports_to_id: s.boss },
        ]);
      } else {
        expect(task(A, s.b1)!.owner_id).toBe(temp);
        expect(query(A.file, 'SELECT reports_to_id FROM people WHERE id = ?', s.li)).toEqual([
          { reports_to_id: temp },
        ]);
      }
      expect(plan(B, s.pid, exportCopy(A, s.pid)).conflicts).toEqual([]);
      merge(B, s.pid, exportCopy(A, s.pid));
      expectConverged(A, B, s.pid);
    }
  });

  test('they deleted a task I logged spend and a check-in against: one question, both ways settle', () => {
    for (const choice of ['mine', 'theirs'] as const) {
      const { A, B, s } = twoCopies();
      B.ok('tasks.delete', { ids: [s.a] }); // also takes the link A → C
      A.ok('spend.create', { projectId: s.pid, values: { date: '2024-05-02', amountFen: 800, taskId: s.a } });
      A.ok('checkins.create', { taskId: s.a, date: '2024-05-02', progress: 20 });
      const p = plan(A, s.pid, exportCopy(B, s.pid));
      expect(p.conflicts).toMatchObject([{ kind: 'deleted_by_them', table: 'tasks', label: 'M001 A' }]);
      mergeUndoable(A, s.pid, exportCopy(B, s.pid), choice);
      const spent = query<{ task_id: string | null }>(
        A.file,
        'SELECT task_id FROM spend_entries WHERE project_id = ?',
        s.pid,
      );
      expect(spent).toEqual([{ task_id: choice === 'mine' ? s.a : null }]);
      expect(task(A, s.a) === undefined).toBe(choice === 'theirs');
      merge(B, s.pid, exportCopy(A, s.pid));
      expectConverged(A, B, s.pid);
    }
  });
});

describe('tracking on both sides', () => {
  test('a metric value for the same period entered on both sides: one question, then one record on both copies', () => {
    for (const choice of ['mine', 'theirs'] as const) {
      const { A, B, s } = twoCopies();
      const week = { metricId: s.metric, periodStart: '2024-05-06', periodEnd: '2024-05-12' };
      A.ok('actuals.upsert', { ...week, valueC: 120_000, source: '后台' });
      B.ok('actuals.upsert', { ...week, valueC: 150_000, source: '后台' });
      const p = plan(A, s.pid, exportCopy(B, s.pid));
      expect(p.conflicts).toMatchObject([{ column: 'value_c', mine: 120_000, theirs: 150_000 }]);
      mergeUndoable(A, s.pid, exportCopy(B, s.pid), choice);
      const value = choice === 'mine' ? 120_000 : 150_000;
      expect(query(A.file, 'SELECT value_c FROM metric_actuals WHERE metric_id = ?', s.metric)).toEqual([
        { value_c: value },
      ]);
      expect(plan(B, s.pid, exportCopy(A, s.pid)).conflicts).toEqual([]);
      merge(B, s.pid, exportCopy(A, s.pid));
      expect(query(B.file, 'SELECT value_c FROM metric_actuals WHERE metric_id = ?', s.metric)).toEqual([
        { value_c: value },
      ]);
      expectConverged(A, B, s.pid);
    }
  });

  test('a value both sides entered, later deleted on one side: the deletion reaches the other copy', () => {
    const { A, B, s } = twoCopies();
    const week = { metricId: s.metric, periodStart: '2024-05-06', periodEnd: '2024-05-12' };
    A.ok('actuals.upsert', { ...week, valueC: 120_000 });
    B.ok('actuals.upsert', { ...week, valueC: 120_000 });
    merge(A, s.pid, exportCopy(B, s.pid));
    merge(B, s.pid, exportCopy(A, s.pid));
    const onB = query<{ id: string }>(B.file, 'SELECT id FROM metric_actuals WHERE metric_id = ?', s.metric);
    B.ok('actuals.delete', { id: onB[0]!.id });
    merge(A, s.pid, exportCopy(B, s.pid));
    expect(query(A.file, 'SELECT id FROM metric_actuals WHERE metric_id = ?', s.metric)).toEqual([]);
    merge(B, s.pid, exportCopy(A, s.pid));
    expect(query(B.file, 'SELECT id FROM metric_actuals WHERE metric_id = ?', s.metric)).toEqual([]);
  });

  test('a period opened and closed here, only opened there: closed stays closed, without a question', () => {
    const { A, B, s } = twoCopies();
    A.ok('periods.open', { projectId: s.pid, today: '2024-05-08' });
    A.ok('tasks.update', { id: s.a, patch: { progress: 50 } });
    A.ok('periods.open', { projectId: s.pid, today: '2024-05-15' }); // closes 05-06 with Table 1
    B.ok('periods.open', { projectId: s.pid, today: '2024-05-09' });
    B.ok('tasks.update', { id: s.c, patch: { progress: 10 } });
    const p = plan(A, s.pid, exportCopy(B, s.pid));
    expect(p.conflicts).toEqual([]);
    mergeUndoable(A, s.pid, exportCopy(B, s.pid));
    const periods = query<{ start_date: string; closed: number }>(
      A.file,
      'SELECT start_date, closed_at IS NOT NULL AS closed FROM tracking_periods WHERE project_id = ? ORDER BY 1',
      s.pid,
    );
    expect(periods).toEqual([
      { start_date: '2024-05-06', closed: 1 },
      { start_date: '2024-05-13', closed: 0 },
    ]);
    expect(plan(B, s.pid, exportCopy(A, s.pid)).conflicts).toEqual([]);
    merge(B, s.pid, exportCopy(A, s.pid));
    expectConverged(A, B, s.pid);
  });

  test('the same period opened on both sides, theirs first: my closed period and its Table 1 take their id', () => {
    const { A, B, s } = twoCopies();
    const theirs = B.ok('periods.open', { projectId: s.pid, today: '2024-05-08' }).id;
    const mine = A.ok('periods.open', { projectId: s.pid, today: '2024-05-08' }).id;
    A.ok('modules.update', { id: s.social, patch: { summary: '第一周' } });
    const next = A.ok('periods.open', { projectId: s.pid, today: '2024-05-15' }).id; // Table 1 kept
    expect(theirs < mine).toBe(true); // ids are time-ordered: the record keeps theirs
    const p = plan(A, s.pid, exportCopy(B, s.pid));
    expect(p.conflicts).toEqual([]);
    expect(p.rekeys).toEqual([{ table: 'tracking_periods', from: mine, to: theirs }]);
    const before = projectHash(A, s.pid);
    merge(A, s.pid, exportCopy(B, s.pid));
    expect(
      query(
        A.file,
        'SELECT id, closed_at IS NOT NULL AS closed FROM tracking_periods WHERE project_id = ? ORDER BY start_date',
        s.pid,
      ),
    ).toEqual([
      { id: theirs, closed: 1 },
      { id: next, closed: 0 },
    ]);
    expect(
      query(
        A.file,
        'SELECT name, summary FROM module_snapshots WHERE period_id = ? ORDER BY position',
        theirs,
      ),
    ).toEqual([
      { name: '社交', summary: '第一周' },
      { name: '线下', summary: '' },
    ]);
    // Nothing is left under my old id, not even a tombstone: it never was a deletion.
    expect(
      query(A.file, "SELECT count(*) AS n FROM field_versions WHERE row_key LIKE '%' || ? || '%'", mine),
    ).toEqual([{ n: 0 }]);
    expect(query(A.file, 'SELECT count(*) AS n FROM tombstones WHERE project_id = ?', s.pid)).toEqual([
      { n: 0 },
    ]);
    const merged = projectHash(A, s.pid);
    // One undo step gives my period its own id back, with its Table 1; redo re-keys it again.
    A.ok('history.undo', { projectId: s.pid });
    expect(projectHash(A, s.pid)).toBe(before);
    A.ok('history.redo', { projectId: s.pid });
    expect(projectHash(A, s.pid)).toBe(merged);
    merge(B, s.pid, exportCopy(A, s.pid));
    expectConverged(A, B, s.pid);
  });

  test('a merge refused after re-keying a matched record leaves the database as it was', () => {
    const { A, B, s } = twoCopies();
    const week = { metricId: s.metric, periodStart: '2024-05-06', periodEnd: '2024-05-12', valueC: 5 };
    B.ok('actuals.upsert', week);
    A.ok('actuals.upsert', week);
    A.ok('tasks.update', { id: s.c, patch: { predecessorIds: [s.a, s.b] } }); // C waits for B
    B.ok('tasks.update', { id: s.b, patch: { predecessorIds: [s.c] } }); // B waits for C
    expect(plan(A, s.pid, exportCopy(B, s.pid)).rekeys).toHaveLength(1);
    const error = refused(A, s.pid, exportCopy(B, s.pid), 'mine', {
      code: 'conflict',
      reason: 'merge_breaks_plan',
    });
    expect(error).toMatchObject({ code: 'conflict', reason: 'merge_breaks_plan' });
  });

  test('spend entries and check-ins added on both sides all arrive; the progress both set asks', () => {
    const { A, B, s } = twoCopies();
    A.ok('spend.create', {
      projectId: s.pid,
      values: { date: '2024-05-02', amountFen: 10_000, taskId: s.a },
    });
    B.ok('spend.create', {
      projectId: s.pid,
      values: { date: '2024-05-02', amountFen: 10_000, taskId: s.a },
    });
    B.ok('spend.create', {
      projectId: s.pid,
      values: { date: '2024-05-03', amountFen: 2_500, moduleId: s.offline, note: '物料' },
    });
    A.ok('checkins.create', { taskId: s.b1, date: '2024-05-04', progress: 40 });
    B.ok('checkins.create', { taskId: s.b1, date: '2024-05-04', progress: 60 });
    const p = plan(A, s.pid, exportCopy(B, s.pid));
    expect(p.conflicts.map((c) => [c.label, c.column, c.mine, c.theirs])).toEqual([
      ['M003 B1', 'progress', 40, 60],
    ]);
    mergeUndoable(A, s.pid, exportCopy(B, s.pid), 'theirs');
    expect(
      query(
        A.file,
        'SELECT sum(amount_fen) AS total, count(*) AS n FROM spend_entries WHERE project_id = ?',
        s.pid,
      ),
    ).toEqual([{ total: 22_500, n: 3 }]);
    expect(
      query(A.file, 'SELECT progress FROM task_checkins WHERE task_id = ? ORDER BY progress', s.b1),
    ).toEqual([{ progress: 40 }, { progress: 60 }]);
    expect(task(A, s.b1)!.progress).toBe(60);
    merge(B, s.pid, exportCopy(A, s.pid));
    expectConverged(A, B, s.pid);
  });
});

describe('undo and repeated merges', () => {
  test('undo after export: the undone edit does not come back from the copy that has it', () => {
    const A = openApp();
    const s = seed(A);
    A.ok('tasks.update', { id: s.a, patch: { name: '导出前改' } });
    const extra = A.ok('tasks.create', { projectId: s.pid, values: { name: '导出前加' } }).id;
    const B = receive(exportCopy(A, s.pid));
    A.ok('history.undo', { projectId: s.pid }); // the new task goes
    A.ok('history.undo', { projectId: s.pid }); // the name comes back
    B.ok('tasks.update', { id: s.c, patch: { notes: 'B' } });
    const p = plan(A, s.pid, exportCopy(B, s.pid));
    expect(p.conflicts).toEqual([]);
    mergeUndoable(A, s.pid, exportCopy(B, s.pid));
    expect(task(A, s.a)!.name).toBe('A');
    expect(task(A, extra)).toBeUndefined();
    expect(task(A, s.c)!.notes).toBe('B');
    merge(B, s.pid, exportCopy(A, s.pid));
    expect(task(B, s.a)!.name).toBe('A');
    expect(task(B, extra)).toBeUndefined();
    expectConverged(A, B, s.pid);
  });

  test('the same file merged twice: the second time changes nothing and adds no undo step', () => {
    const { A, B, s } = twoCopies();
    A.ok('tasks.update', { id: s.a, patch: { name: 'A名' } });
    A.ok('tasks.create', { projectId: s.pid, values: { name: 'A新' } });
    B.ok('tasks.update', { id: s.a, patch: { name: 'B名' } });
    B.ok('tasks.paste', {
      projectId: s.pid,
      rows: Array.from({ length: 20 }, (_, i) => ({ ref: i + 1, values: { name: `B新${i}` } })),
    });
    B.ok('actuals.upsert', {
      metricId: s.metric,
      periodStart: '2024-05-06',
      periodEnd: '2024-05-12',
      valueC: 1,
    });
    B.ok('periods.open', { projectId: s.pid, today: '2024-05-08' });
    A.ok('periods.open', { projectId: s.pid, today: '2024-05-08' });
    const file = exportCopy(B, s.pid);
    merge(A, s.pid, file, 'mine');
    const once = logicalHash(A.file);
    const again = plan(A, s.pid, file);
    expect(again.conflicts).toEqual([]);
    expect(again.changes).toEqual([]);
    merge(A, s.pid, file);
    expect(logicalHash(A.file)).toBe(once);
  });

  test('A → B → A → B with conflicts decided each way: the copies end identical', () => {
    const { A, B, s } = twoCopies();
    A.ok('tasks.update', { id: s.a, patch: { name: 'A1' } });
    B.ok('tasks.update', { id: s.a, patch: { name: 'B1', notes: 'B' } });
    A.ok('tasks.create', { projectId: s.pid, values: { name: 'A新', parentId: s.c } });
    merge(B, s.pid, exportCopy(A, s.pid), 'theirs'); // B takes A1
    B.ok('tasks.update', { id: s.c, patch: { progress: 70 } });
    A.ok('tasks.update', { id: s.c, patch: { progress: 30 } });
    B.ok('tasks.indent', { id: s.c });
    merge(A, s.pid, exportCopy(B, s.pid), 'mine'); // A keeps 30
    expect(task(A, s.c)).toMatchObject({ progress: 30, parent_id: s.b });
    expect(task(A, s.a)).toMatchObject({ name: 'A1', notes: 'B' });
    A.ok('tasks.delete', { ids: [s.b2] });
    B.ok('tasks.update', { id: s.b1, patch: { notes: 'B 改了 B1' } });
    merge(B, s.pid, exportCopy(A, s.pid), 'mine');
    merge(A, s.pid, exportCopy(B, s.pid), 'theirs');
    expectConverged(A, B, s.pid);
  });
});

describe('three installations', () => {
  test("two module owners edit their own modules: the owner's result does not depend on the order of merging", () => {
    const owner = openApp();
    const s = seed(owner);
    const file = exportCopy(owner, s.pid);
    // The owner's project twice, to merge the same two copies into in both orders.
    const owners = [owner, receive(file)];
    const li = receive(file);
    const wang = receive(file);
    li.ok('tasks.update', { id: s.b1, patch: { progress: 80, notes: '脚本已定' } });
    li.ok('modules.update', { id: s.social, patch: { summary: '曝光120万' } });
    li.ok('tasks.move', { id: s.b, direction: 'up' });
    li.ok('tasks.create', { projectId: s.pid, afterId: s.b2, values: { name: '李加', parentId: s.b } });
    wang.ok('tasks.update', { id: s.c, patch: { progress: 20, end: '2024-05-20' } });
    wang.ok('modules.update', { id: s.offline, patch: { issues: '场地未定' } });
    wang.ok('spend.create', {
      projectId: s.pid,
      values: { date: '2024-05-05', amountFen: 30_000, moduleId: s.offline },
    });
    // Both enter the same week's value and open the same period: one record each in the end.
    for (const copy of [li, wang]) {
      copy.ok('actuals.upsert', {
        metricId: s.metric,
        periodStart: '2024-05-06',
        periodEnd: '2024-05-12',
        valueC: 7,
      });
      copy.ok('periods.open', { projectId: s.pid, today: '2024-05-08' });
    }
    const results = owners.map((o, i) => {
      o.ok('projects.update', { id: s.pid, patch: { goal: '销量10万' } });
      for (const copy of i === 0 ? [li, wang] : [wang, li]) {
        expect(plan(o, s.pid, exportCopy(copy, s.pid)).conflicts).toEqual([]);
        mergeUndoable(o, s.pid, exportCopy(copy, s.pid));
      }
      expect(task(o, s.b1)).toMatchObject({ progress: 80, notes: '脚本已定' });
      expect(task(o, s.c)).toMatchObject({ progress: 20, end_date: '2024-05-20' });
      expectOutline(o, s.pid);
      const rows = projectRows(o, s.pid);
      // updated_at is the clock time of the owner's own edit on each; everything else must agree.
      for (const list of Object.values(rows)) for (const row of list) delete row.updated_at;
      return rows;
    });
    expect(results[1]).toEqual(results[0]);
  });
});
