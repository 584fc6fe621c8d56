import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { HISTORY_LIMIT } from '../../src-main/services/history';
import type { Channel } from '../../src-main/shared/channels';
import { logicalHash } from '../helpers/db';
import { historyRows, openApp, projectSnapshot, query, storedTasks, type App } from '../helpers/app';

/**
 * A project with a team, a module and an outline:
 *   M001 A, M002 B (M003 B1, M004 B2), M005 C
 */
function seed(app: App, name = '项目') {
  const pid = app.ok('projects.create', { name }).id;
  const boss = app.ok('people.create', { projectId: pid, name: '经理', role: 'overall_owner' }).id;
  const alice = app.ok('people.create', { projectId: pid, name: '内容组*主管', reportsToId: boss }).id;
  const mod = app.ok('modules.create', {
    projectId: pid,
    values: { name: '社交媒体推广', ownerId: alice },
  }).id;
  const task = (n: string, extra: { parentId?: string } = {}) =>
    app.ok('tasks.create', {
      projectId: pid,
      values: { name: n, ownerId: alice, moduleId: mod, start: '2024-05-01', end: '2024-05-10', ...extra },
    }).id;
  const a = task('A');
  const b = task('B');
  const b1 = task('B1', { parentId: b });
  const b2 = task('B2', { parentId: b });
  const c = task('C');
  return { pid, boss, alice, mod, a, b, b1, b2, c };
}

/** Runs `write`, then checks undo puts every row back exactly and redo re-applies it exactly. */
function expectUndoable(app: App, pid: string, write: () => void) {
  const before = projectSnapshot(app.file, pid);
  const entries = historyRows(app.file, pid).length;
  write();
  const after = projectSnapshot(app.file, pid);
  expect(after).not.toEqual(before);
  expect(historyRows(app.file, pid)).toHaveLength(Math.min(entries + 1, HISTORY_LIMIT));
  app.ok('history.undo', { projectId: pid });
  expect(projectSnapshot(app.file, pid)).toEqual(before);
  app.ok('history.redo', { projectId: pid });
  expect(projectSnapshot(app.file, pid)).toEqual(after);
  return { before, after };
}

describe('recording', () => {
  test('each undoable channel records exactly one entry named after it, undone and redone exactly', () => {
    const app = openApp();
    const s = seed(app);
    const p = s.pid;
    const temp = app.ok('people.create', { projectId: p, name: '临时' }).id; // owns nothing
    const calls: [Channel, () => unknown][] = [
      ['projects.rename', () => app.ok('projects.rename', { id: p, name: '改名' })],
      [
        'projects.update',
        () => app.ok('projects.update', { id: p, patch: { goal: '目标', budgetFen: 100 } }),
      ],
      ['people.create', () => app.ok('people.create', { projectId: p, name: '新人' })],
      ['people.update', () => app.ok('people.update', { id: s.alice, patch: { group: '内容组' } })],
      ['modules.create', () => app.ok('modules.create', { projectId: p, values: { name: '线下地推活动' } })],
      ['modules.update', () => app.ok('modules.update', { id: s.mod, patch: { progressOverride: 60 } })],
      ['tasks.create', () => app.ok('tasks.create', { projectId: p, afterId: s.a, values: { name: 'X' } })],
      ['tasks.update', () => app.ok('tasks.update', { id: s.a, patch: { progress: 50, milestone: true } })],
      ['tasks.move', () => app.ok('tasks.move', { id: s.c, direction: 'up' })],
      ['tasks.indent', () => app.ok('tasks.indent', { id: s.b2 })],
      ['tasks.outdent', () => app.ok('tasks.outdent', { id: s.b1 })],
      [
        'tasks.paste',
        () =>
          app.ok('tasks.paste', {
            projectId: p,
            rows: [
              { ref: 1, id: s.a, values: { notes: '粘贴' } },
              { ref: 2, values: { name: 'new' } },
            ],
          }),
      ],
      ['tasks.delete', () => app.ok('tasks.delete', { ids: [s.b] })],
      ['modules.delete', () => app.ok('modules.delete', { id: s.mod })],
      ['people.delete', () => app.ok('people.delete', { id: temp })],
    ];
    for (const [channel, call] of calls) {
      const before = historyRows(app.file, p);
      expectUndoable(app, p, call);
      const after = historyRows(app.file, p);
      expect(after.length, channel).toBe(before.length + 1);
      expect(after.at(-1), channel).toMatchObject({ action: channel, undone: 0 });
      expect(after.slice(0, -1), channel).toEqual(before);
      expect(app.ok('history.state', { projectId: p }), channel).toEqual({ undo: channel, redo: null });
    }
  });

  test('reads, projects.create/delete and undo/redo themselves record nothing', () => {
    const app = openApp();
    const s = seed(app);
    const count = () => query(app.file, 'SELECT count(*) AS n FROM history')[0]!.n;
    const n = count();
    app.ok('projects.list', {});
    app.ok('projects.get', { id: s.pid });
    app.ok('tasks.list', { projectId: s.pid });
    app.ok('people.list', { projectId: s.pid });
    app.ok('modules.list', { projectId: s.pid });
    app.ok('history.state', { projectId: s.pid });
    const other = app.ok('projects.create', { name: 'other' }).id;
    expect(count()).toBe(n);
    expect(historyRows(app.file, other)).toEqual([]);
    app.ok('history.undo', { projectId: s.pid });
    app.ok('history.redo', { projectId: s.pid });
    expect(count()).toBe(n);
    app.ok('projects.delete', { id: other });
    expect(count()).toBe(n);
    // Deleting a project takes its history along.
    app.ok('projects.delete', { id: s.pid });
    expect(count()).toBe(0);
  });

  test('a refused write records nothing and changes nothing', () => {
    const app = openApp();
    const s = seed(app);
    const before = projectSnapshot(app.file, s.pid);
    const entries = historyRows(app.file, s.pid);
    app.fail('tasks.update', { id: s.a, patch: { progress: 120 } });
    app.fail('tasks.update', { id: s.a, patch: { end: '2024-04-01' } });
    app.fail('tasks.paste', {
      projectId: s.pid,
      rows: [
        { ref: 1, id: s.a, values: { name: 'ok' } },
        { ref: 2, values: {} },
      ],
    });
    app.fail('tasks.indent', { id: s.a });
    app.fail('tasks.outdent', { id: s.c });
    app.fail('tasks.move', { id: s.c, direction: 'down' });
    app.fail('people.delete', { id: s.alice });
    app.fail('projects.update', { id: s.pid, patch: { start: '2024-06-01', end: '2024-05-01' } });
    expect(projectSnapshot(app.file, s.pid)).toEqual(before);
    expect(historyRows(app.file, s.pid)).toEqual(entries);
  });
});

describe('undo restores the exact previous rows', () => {
  test('a task edit', () => {
    const app = openApp();
    const s = seed(app);
    const { before } = expectUndoable(app, s.pid, () =>
      app.ok('tasks.update', {
        id: s.a,
        patch: {
          name: '改',
          progress: 40,
          blocked: true,
          budgetFen: 5,
          ownerId: null,
          predecessorIds: [s.c],
        },
      }),
    );
    app.ok('history.undo', { projectId: s.pid });
    expect(projectSnapshot(app.file, s.pid)).toEqual(before);
    expect(query(app.file, 'SELECT * FROM task_links')).toEqual([]);
  });

  test('a paste of 20 rows is one step', () => {
    const app = openApp();
    const s = seed(app);
    const ids = [s.a, s.b, s.b1, s.b2, s.c];
    const rows = Array.from({ length: 20 }, (_, i) => ({
      ref: i + 1,
      ...(i < ids.length ? { id: ids[i] } : {}),
      values: { name: `粘贴${i + 1}`, progress: i * 5 },
    }));
    const { before, after } = expectUndoable(app, s.pid, () =>
      app.ok('tasks.paste', { projectId: s.pid, rows }),
    );
    expect(after.tasks).toHaveLength(20);
    expect(historyRows(app.file, s.pid).at(-1)?.action).toBe('tasks.paste');
    // One undo takes all 20 rows back (5 restored, 15 removed, the code counter too).
    app.ok('history.undo', { projectId: s.pid });
    expect(projectSnapshot(app.file, s.pid)).toEqual(before);
    expect(storedTasks(app.file, s.pid)).toHaveLength(5);
    expect(app.ok('history.state', { projectId: s.pid })).toEqual({
      undo: 'tasks.create',
      redo: 'tasks.paste',
    });
    // A task created after the undo gets a code no other task of the project has.
    const code = app.ok('tasks.create', { projectId: s.pid, values: { name: 'n' } }).code;
    expect(storedTasks(app.file, s.pid).filter((r) => r.code === code)).toHaveLength(1);
  });

  test('a delete of a parent with sub-tasks and predecessor links brings everything back', () => {
    const app = openApp();
    const s = seed(app);
    const b2a = app.ok('tasks.create', { projectId: s.pid, values: { name: 'B2a', parentId: s.b2 } }).id;
    app.ok('tasks.update', { id: s.c, patch: { predecessorIds: [s.b1, s.b] } }); // C waits for B1 and B
    app.ok('tasks.update', { id: s.b2, patch: { predecessorIds: [s.a] } }); // B2 waits for A
    app.ok('tasks.update', { id: s.b, patch: { predecessorIds: [s.a] } });
    app.ok('tasks.update', { id: b2a, patch: { milestone: true, blocked: true, progress: 30 } });
    const linkCount = () => query(app.file, 'SELECT count(*) AS n FROM task_links')[0]!.n;
    expect(linkCount()).toBe(4);

    const { before } = expectUndoable(app, s.pid, () => app.ok('tasks.delete', { ids: [s.b] }));
    expect(storedTasks(app.file, s.pid).map((r) => r.name)).toEqual(['A', 'C']);
    expect(linkCount()).toBe(0);
    app.ok('history.undo', { projectId: s.pid });
    expect(projectSnapshot(app.file, s.pid)).toEqual(before);
    expect(storedTasks(app.file, s.pid).map((r) => [r.name, r.parent_id])).toEqual([
      ['A', null],
      ['B', null],
      ['B1', s.b],
      ['B2', s.b],
      ['B2a', s.b2],
      ['C', null],
    ]);
    expect(linkCount()).toBe(4);
    expect(
      app
        .ok('tasks.list', { projectId: s.pid })
        .find((t) => t.id === s.c)
        ?.predecessorIds.sort(),
    ).toEqual([s.b1, s.b].sort());
  });

  test('a module delete: the module and its tasks’ module_id come back', () => {
    const app = openApp();
    const s = seed(app);
    const { before, after } = expectUndoable(app, s.pid, () => app.ok('modules.delete', { id: s.mod }));
    expect(after.modules).toEqual([]);
    expect(after.tasks.every((t) => t.module_id === null)).toBe(true);
    app.ok('history.undo', { projectId: s.pid });
    expect(projectSnapshot(app.file, s.pid)).toEqual(before);
    expect(query(app.file, 'SELECT count(*) AS n FROM tasks WHERE module_id = ?', s.mod)[0]!.n).toBe(5);
  });

  test('a person delete: the person and who reported to them come back', () => {
    const app = openApp();
    const s = seed(app);
    const lead = app.ok('people.create', { projectId: s.pid, name: '数据组*组长', reportsToId: s.boss }).id;
    const member = app.ok('people.create', { projectId: s.pid, name: '数据组*专员', reportsToId: lead }).id;
    const { before, after } = expectUndoable(app, s.pid, () => app.ok('people.delete', { id: lead }));
    expect(after.people.find((p) => p.id === lead)).toBeUndefined();
    expect(after.people.find((p) => p.id === member)).toMatchObject({
      reports_to_id: null,
    });
    app.ok('history.undo', { projectId: s.pid });
    expect(projectSnapshot(app.file, s.pid)).toEqual(before);
    expect(query(app.file, 'SELECT reports_to_id FROM people WHERE id = ?', member)).toEqual([
      { reports_to_id: lead },
    ]);
  });

  test('move, indent and outdent', () => {
    const app = openApp();
    const s = seed(app);
    expectUndoable(app, s.pid, () => app.ok('tasks.move', { id: s.c, direction: 'up' }));
    expectUndoable(app, s.pid, () => app.ok('tasks.move', { id: s.b1, direction: 'down' }));
    expectUndoable(app, s.pid, () => app.ok('tasks.indent', { id: s.c }));
    expectUndoable(app, s.pid, () => app.ok('tasks.outdent', { id: s.b2 }));
    // Several undos in a row walk back through all four.
    const start = projectSnapshot(app.file, s.pid);
    for (let i = 0; i < 4; i++) app.ok('history.undo', { projectId: s.pid });
    const undone = projectSnapshot(app.file, s.pid);
    expect(storedTasks(app.file, s.pid).map((r) => r.name)).toEqual(['A', 'B', 'B1', 'B2', 'C']);
    for (let i = 0; i < 4; i++) app.ok('history.redo', { projectId: s.pid });
    expect(projectSnapshot(app.file, s.pid)).toEqual(start);
    expect(undone).not.toEqual(start);
  });

  test('a project header update and a rename', () => {
    const app = openApp();
    const s = seed(app);
    const { before } = expectUndoable(app, s.pid, () =>
      app.ok('projects.update', {
        id: s.pid,
        patch: {
          goal: 'SMART',
          ownerId: s.boss,
          start: '2024-05-01',
          end: '2024-07-31',
          status: 'active',
          budgetFen: 300_000_000,
        },
      }),
    );
    expectUndoable(app, s.pid, () => app.ok('projects.rename', { id: s.pid, name: '2024夏季新品推广' }));
    app.ok('history.undo', { projectId: s.pid });
    app.ok('history.undo', { projectId: s.pid });
    expect(projectSnapshot(app.file, s.pid)).toEqual(before);
  });
});

describe('undo and redo', () => {
  test('history.state names the next undo and redo; undo and redo answer the new state', () => {
    const app = openApp();
    const pid = app.ok('projects.create', { name: 'p' }).id;
    expect(app.ok('history.state', { projectId: pid })).toEqual({ undo: null, redo: null });
    const t = app.ok('tasks.create', { projectId: pid, values: { name: 't' } }).id;
    app.ok('tasks.update', { id: t, patch: { progress: 10 } });
    expect(app.ok('history.state', { projectId: pid })).toEqual({ undo: 'tasks.update', redo: null });
    expect(app.ok('history.undo', { projectId: pid })).toEqual({
      undo: 'tasks.create',
      redo: 'tasks.update',
    });
    expect(app.ok('history.undo', { projectId: pid })).toEqual({ undo: null, redo: 'tasks.create' });
    expect(app.ok('history.state', { projectId: pid })).toEqual({ undo: null, redo: 'tasks.create' });
    expect(app.ok('history.redo', { projectId: pid })).toEqual({
      undo: 'tasks.create',
      redo: 'tasks.update',
    });
    expect(app.ok('history.redo', { projectId: pid })).toEqual({ undo: 'tasks.update', redo: null });
    expect(query(app.file, 'SELECT progress FROM tasks WHERE id = ?', t)).toEqual([{ progress: 10 }]);
  });

  test('with nothing to undo or redo: not_found, and the file does not change', () => {
    const app = openApp();
    const pid = app.ok('projects.create', { name: 'p' }).id;
    const before = logicalHash(app.file);
    expect(app.fail('history.undo', { projectId: pid })).toMatchObject({
      code: 'not_found',
      reason: 'nothing_to_undo',
    });
    expect(app.fail('history.redo', { projectId: pid })).toMatchObject({
      code: 'not_found',
      reason: 'nothing_to_redo',
    });
    expect(logicalHash(app.file)).toBe(before);
    app.ok('tasks.create', { projectId: pid, values: { name: 't' } });
    app.ok('history.undo', { projectId: pid });
    const undone = logicalHash(app.file);
    expect(app.fail('history.undo', { projectId: pid })).toMatchObject({
      code: 'not_found',
      reason: 'nothing_to_undo',
    });
    expect(logicalHash(app.file)).toBe(undone);
  });

  test('a new action after an undo discards what could be redone', () => {
    const app = openApp();
    const s = seed(app);
    app.ok('tasks.update', { id: s.a, patch: { progress: 10 } });
    app.ok('tasks.update', { id: s.a, patch: { progress: 20 } });
    app.ok('history.undo', { projectId: s.pid });
    app.ok('history.undo', { projectId: s.pid });
    expect(historyRows(app.file, s.pid).filter((e) => e.undone)).toHaveLength(2);
    app.ok('tasks.update', { id: s.c, patch: { notes: '新' } });
    expect(historyRows(app.file, s.pid).filter((e) => e.undone)).toEqual([]);
    expect(app.ok('history.state', { projectId: s.pid })).toEqual({ undo: 'tasks.update', redo: null });
    const before = projectSnapshot(app.file, s.pid);
    expect(app.fail('history.redo', { projectId: s.pid })).toMatchObject({
      code: 'not_found',
      reason: 'nothing_to_redo',
    });
    expect(projectSnapshot(app.file, s.pid)).toEqual(before);
    expect(
      query(app.file, 'SELECT progress, notes FROM tasks WHERE id IN (?, ?) ORDER BY position', s.a, s.c),
    ).toEqual([
      { progress: 0, notes: '' },
      { progress: 0, notes: '新' },
    ]);
  });

  test('history survives closing and reopening the database', () => {
    const app = openApp();
    const s = seed(app);
    const before = projectSnapshot(app.file, s.pid);
    app.ok('tasks.delete', { ids: [s.b] });
    const afterDelete = projectSnapshot(app.file, s.pid);
    app.ok('tasks.update', { id: s.a, patch: { name: '改名' } });
    const state = app.ok('history.state', { projectId: s.pid });
    app.reopen();
    expect(app.ok('history.state', { projectId: s.pid })).toEqual(state);
    app.ok('history.undo', { projectId: s.pid });
    expect(projectSnapshot(app.file, s.pid)).toEqual(afterDelete);
    app.ok('history.undo', { projectId: s.pid });
    expect(projectSnapshot(app.file, s.pid)).toEqual(before);
    // Writes after the restart are recorded too.
    app.reopen();
    expect(app.ok('history.state', { projectId: s.pid }).redo).toBe('tasks.delete');
    app.ok('tasks.update', { id: s.c, patch: { progress: 5 } });
    expect(app.ok('history.state', { projectId: s.pid })).toEqual({ undo: 'tasks.update', redo: null });
    app.ok('history.undo', { projectId: s.pid });
    expect(projectSnapshot(app.file, s.pid)).toEqual(before);
  });

  test(`history keeps the last HISTORY_LIMIT (${HISTORY_LIMIT}) actions of a project`, () => {
    const app = openApp();
    const pid = app.ok('projects.create', { name: 'p' }).id;
    const t = app.ok('tasks.create', { projectId: pid, values: { name: 'v0' } }).id;
    const extra = 5;
    for (let i = 1; i < HISTORY_LIMIT + extra; i++)
      app.ok('tasks.update', { id: t, patch: { name: `v${i}` } });
    expect(historyRows(app.file, pid)).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < HISTORY_LIMIT; i++) app.ok('history.undo', { projectId: pid });
    expect(app.fail('history.undo', { projectId: pid })).toMatchObject({ reason: 'nothing_to_undo' });
    // HISTORY_LIMIT + 5 actions (create, then renames to v1 …): the oldest 5 can no longer be undone.
    expect(query(app.file, 'SELECT name FROM tasks WHERE id = ?', t)).toEqual([{ name: `v${extra - 1}` }]);
  });

  test('projects have separate histories', () => {
    const app = openApp();
    const a = seed(app, 'A');
    const b = seed(app, 'B');
    app.ok('tasks.update', { id: a.a, patch: { progress: 10 } });
    const aBefore = projectSnapshot(app.file, a.pid);
    const aHistory = historyRows(app.file, a.pid);
    app.ok('tasks.update', { id: b.a, patch: { progress: 20 } });
    app.ok('modules.delete', { id: b.mod });
    expect(projectSnapshot(app.file, a.pid)).toEqual(aBefore);
    expect(historyRows(app.file, a.pid)).toEqual(aHistory);
    expect(app.ok('history.state', { projectId: a.pid })).toEqual({ undo: 'tasks.update', redo: null });

    // Undo in A takes back A's last action only.
    const bBefore = projectSnapshot(app.file, b.pid);
    const bHistory = historyRows(app.file, b.pid);
    app.ok('history.undo', { projectId: a.pid });
    expect(query(app.file, 'SELECT progress FROM tasks WHERE id = ?', a.a)).toEqual([{ progress: 0 }]);
    expect(projectSnapshot(app.file, b.pid)).toEqual(bBefore);
    expect(historyRows(app.file, b.pid)).toEqual(bHistory);
    // A new action in B does not discard A's redo.
    app.ok('tasks.update', { id: b.c, patch: { notes: 'b' } });
    expect(app.ok('history.state', { projectId: a.pid })).toEqual({
      undo: 'tasks.create',
      redo: 'tasks.update',
    });
    app.ok('history.redo', { projectId: a.pid });
    expect(projectSnapshot(app.file, a.pid)).toEqual(aBefore);
  });

  // BUG (src-main/services/history.ts recordHistory/projectOfChanges): tasks.delete accepts ids of
  // several projects; the whole action is filed under the first project's history, so an undo
  // there also brings back (and a redo deletes again) another project's tasks, behind that
  // project's own history. Either refusing such a delete or keeping each project's rows in its
  // own history would satisfy this test.
  test('an undo in one project never changes another project’s rows', () => {
    const app = openApp();
    const a = seed(app, 'A');
    const b = seed(app, 'B');
    app.router.invoke('tasks.delete', { ids: [a.c, b.c] });
    const bAfter = projectSnapshot(app.file, b.pid);
    app.router.invoke('history.undo', { projectId: a.pid });
    expect(projectSnapshot(app.file, b.pid)).toEqual(bAfter);
  });
});

// ---- Random sequences: undoing everything walks back through every state, redo forward again ----

type Op = {
  kind: 'create' | 'update' | 'indent' | 'outdent' | 'up' | 'down' | 'delete' | 'link' | 'paste';
  pick: number;
};
const opArb = fc.record({
  kind: fc.constantFrom(
    'create',
    'update',
    'indent',
    'outdent',
    'up',
    'down',
    'delete',
    'link',
    'paste' as const,
  ),
  pick: fc.nat(40),
}) as fc.Arbitrary<Op>;

describe('random sequences of edits', () => {
  test('undo walks back through every state exactly; redo walks forward again', () => {
    const app = openApp();
    let run = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 12 }), (ops) => {
        const pid = app.ok('projects.create', { name: `run ${run++}` }).id;
        const states = [projectSnapshot(app.file, pid)];
        for (const op of ops) {
          const ids = storedTasks(app.file, pid).map((r) => r.id as string);
          const t = ids.length ? ids[op.pick % ids.length]! : null;
          const u = ids.length ? ids[(op.pick * 7 + 3) % ids.length]! : null;
          let result;
          if (op.kind === 'create' || !t || !u) {
            result = app.router.invoke('tasks.create', {
              projectId: pid,
              ...(t && op.pick % 2 ? { afterId: t } : {}),
              values: { name: `t${op.pick}`, ...(t && op.pick % 3 === 0 ? { parentId: t } : {}) },
            });
          } else if (op.kind === 'update') {
            result = app.router.invoke('tasks.update', {
              id: t,
              patch: { progress: op.pick, notes: `n${op.pick}` },
            });
          } else if (op.kind === 'indent' || op.kind === 'outdent') {
            result = app.router.invoke(`tasks.${op.kind}`, { id: t });
          } else if (op.kind === 'up' || op.kind === 'down') {
            result = app.router.invoke('tasks.move', { id: t, direction: op.kind });
          } else if (op.kind === 'delete') {
            result = app.router.invoke('tasks.delete', { ids: [t] });
          } else if (op.kind === 'link') {
            result = app.router.invoke('tasks.update', { id: t, patch: { predecessorIds: [u] } });
          } else {
            result = app.router.invoke('tasks.paste', {
              projectId: pid,
              rows: [
                { ref: 1, id: t, values: { name: `p${op.pick}` } },
                { ref: 2, values: { name: 'pasted' } },
              ],
            });
          }
          const now = projectSnapshot(app.file, pid);
          if (result.ok) states.push(now);
          else expect(now).toEqual(states.at(-1));
        }
        expect(historyRows(app.file, pid)).toHaveLength(states.length - 1);
        for (let i = states.length - 2; i >= 0; i--) {
          app.ok('history.undo', { projectId: pid });
          expect(projectSnapshot(app.file, pid)).toEqual(states[i]);
        }
        expect(app.ok('history.state', { projectId: pid }).undo).toBeNull();
        for (let i = 1; i < states.length; i++) {
          app.ok('history.redo', { projectId: pid });
          expect(projectSnapshot(app.file, pid)).toEqual(states[i]);
        }
        expect(app.ok('history.state', { projectId: pid }).redo).toBeNull();
      }),
      { numRuns: 30 },
    );
  });
});
