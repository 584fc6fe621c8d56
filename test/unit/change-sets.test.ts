/**
 * Every write answers with its change set (shared/changes.ts): the rows that moved, in the shapes
 * the list channels answer, derived rows included (parents and the module of an edited task, the
 * sidebar's progress), removed ids with cascades, and the undo state. Each kind of write below is
 * checked against what the list channels answer afterwards for the same ids, and its roll-ups
 * against a hand calculation and the progress stored in the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createProjectFileService } from '../../src-main/project-file/service';
import { createRouter } from '../../src-main/router';
import { listProjects } from '../../src-main/services/projects';
import { LARGE_CHANGE_SET, type ChangeSet } from '../../src-main/shared/changes';
import type { Channel } from '../../src-main/shared/channels';
import type { Input, Output } from '../../src-main/shared/contract';
import { openApp, query, type App } from '../helpers/app';
import { tempDir } from '../helpers/tmp';

/** Calls a write that must succeed; its value and its change set. */
function write<C extends Channel>(app: App, channel: C, payload: Input<C>) {
  const result = app.router.invoke(channel, payload);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  expect(result.changes, `${channel} answers with a change set`).toBeDefined();
  return { value: result.value as Output<C>, changes: result.changes! };
}

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id).sort();

/**
 * The change set's rows are exactly what the list channels answer now for those ids; removed ids
 * are gone from the lists; the project, its sidebar entry and the undo state are the channels'.
 */
function expectAsLists(app: App, changes: ChangeSet) {
  const pid = changes.projectId!;
  const same = <T extends { id: string }>(
    listed: T[],
    change: { upsert: T[]; remove: string[] } | undefined,
  ) => {
    if (!change) return;
    const byId = new Map(listed.map((r) => [r.id, r]));
    for (const row of change.upsert) expect(row).toEqual(byId.get(row.id));
    for (const id of change.remove) expect(byId.has(id), `${id} removed`).toBe(false);
  };
  same(app.ok('tasks.list', { projectId: pid }), changes.tasks);
  same(app.ok('modules.list', { projectId: pid }), changes.modules);
  same(app.ok('people.list', { projectId: pid }), changes.people);
  // From SQL (the service without the roll-ups): projects.list itself may answer from them.
  same(listProjects(app.db), changes.projects);
  if (changes.project) expect(changes.project).toEqual(app.ok('projects.get', { id: pid }));
  expect(changes.history).toEqual(app.ok('history.state', { projectId: pid }));
}

/**
 * G (module 社交) ⊃ P ⊃ {L1 10 days at 20 %, L2 5 days at 50 %}; X (module 线下, no dates, 40 %)
 * comes after L1.
 */
function plan(app: App) {
  const pid = app.ok('projects.create', { name: '变更集' }).id;
  const social = app.ok('modules.create', { projectId: pid, values: { name: '社交' } }).id;
  const offline = app.ok('modules.create', { projectId: pid, values: { name: '线下' } }).id;
  const task = (name: string, values: Record<string, unknown>) =>
    app.ok('tasks.create', { projectId: pid, values: { name, ...values } }).id;
  const g = task('G', { moduleId: social, progress: 10 });
  const p = task('P', { moduleId: social, parentId: g });
  const l1 = task('L1', {
    moduleId: social,
    parentId: p,
    start: '2024-05-01',
    end: '2024-05-10',
    progress: 20,
  });
  const l2 = task('L2', {
    moduleId: social,
    parentId: p,
    start: '2024-05-01',
    end: '2024-05-05',
    progress: 50,
  });
  const x = task('X', { moduleId: offline, progress: 40, predecessorIds: [l1] });
  return { pid, social, offline, g, p, l1, l2, x };
}

const storedProgress = (app: App, id: string) =>
  query<{ progress: number }>(app.file, 'SELECT progress FROM tasks WHERE id = ?', id)[0]!.progress;

describe('change sets', () => {
  test('a progress edit carries the task, its parents, its module and the sidebar, rolled up', () => {
    const app = openApp();
    const s = plan(app);
    const { changes } = write(app, 'tasks.update', { id: s.l1, patch: { progress: 80 } });
    expect(storedProgress(app, s.l1)).toBe(80);
    expect(changes.projectId).toBe(s.pid);
    expect(changes.tables).toEqual(['tasks']);
    expect(ids(changes.tasks!.upsert)).toEqual([s.l1, s.p, s.g].sort());
    expect(changes.tasks!.remove).toEqual([]);
    // 社交: (80 × 10 + 50 × 5) ÷ 15 = 70; the project adds X (40 × 1): 1090 ÷ 16 = 68.125.
    expect(changes.modules).toEqual({
      upsert: [expect.objectContaining({ id: s.social, progress: 70 })],
      remove: [],
    });
    expect(changes.projects!.upsert).toEqual([
      expect.objectContaining({ id: s.pid, progress: 68.125, taskCount: 5 }),
    ]);
    expect(changes.history).toEqual({ undo: 'tasks.update', redo: null });
    expect(changes.project).toBeUndefined(); // the project row did not move
    expectAsLists(app, changes);

    // A name edit moves no roll-up: the task alone, no module.
    const renamed = write(app, 'tasks.update', { id: s.l2, patch: { name: 'L2 改名' } }).changes;
    expect(ids(renamed.tasks!.upsert)).toEqual([s.l2]);
    expect(renamed.modules).toBeUndefined();
    expectAsLists(app, renamed);
  });

  test('a delete removes the sub-tasks with it, and the parent left without children counts again', () => {
    const app = openApp();
    const s = plan(app);
    const { changes } = write(app, 'tasks.delete', { ids: [s.p] });
    expect(query(app.file, 'SELECT id FROM tasks WHERE id IN (?, ?, ?)', s.p, s.l1, s.l2)).toEqual([]);
    expect(changes.tasks!.remove.sort()).toEqual([s.p, s.l1, s.l2].sort());
    // G is a leaf again (10 %, one day) and X lost its predecessor L1 with the cascade.
    expect(ids(changes.tasks!.upsert)).toEqual([s.g, s.x].sort());
    expect(changes.tasks!.upsert.find((t) => t.id === s.x)!.predecessorIds).toEqual([]);
    expect(changes.tables.sort()).toEqual(['task_links', 'tasks']);
    expect(changes.modules!.upsert).toEqual([expect.objectContaining({ id: s.social, progress: 10 })]);
    // (10 + 40) ÷ 2 = 25 over the two tasks left.
    expect(changes.projects!.upsert).toEqual([expect.objectContaining({ progress: 25, taskCount: 2 })]);
    expectAsLists(app, changes);
  });

  test('a move carries the tasks whose place changed; an indent the new parent and module', () => {
    const app = openApp();
    const s = plan(app);
    const before = new Map(app.ok('tasks.list', { projectId: s.pid }).map((t) => [t.id, t.position]));
    const moved = write(app, 'tasks.move', { id: s.x, direction: 'up' }).changes;
    const after = app.ok('tasks.list', { projectId: s.pid });
    const placed = after.filter((t) => t.position !== before.get(t.id)).map((t) => t.id);
    expect(placed.length).toBeGreaterThan(1);
    expect(ids(moved.tasks!.upsert)).toEqual(placed.sort());
    expect(after[0]!.id).toBe(s.x); // X now comes before G's block
    expectAsLists(app, moved);

    // X under G's sibling above? X is first now: move it back down, then indent it under G.
    write(app, 'tasks.move', { id: s.x, direction: 'down' });
    const indented = write(app, 'tasks.indent', { id: s.x }).changes;
    expect(
      query<{ parent_id: string }>(app.file, 'SELECT parent_id FROM tasks WHERE id = ?', s.x)[0]!.parent_id,
    ).toBe(s.g);
    expect(ids(indented.tasks!.upsert)).toEqual([s.x, s.g].sort());
    // X stays a leaf of 线下 with the same figures and G already had sub-tasks: no roll-up moved.
    expect(indented.modules).toBeUndefined();
    expectAsLists(app, indented);
  });

  test('a paste carries the rows written and created, and the roll-ups they moved', () => {
    const app = openApp();
    const s = plan(app);
    const { value, changes } = write(app, 'tasks.paste', {
      projectId: s.pid,
      rows: [
        { ref: 1, id: s.l2, values: { progress: 100 } },
        { ref: 2, values: { name: '新行', progress: 30 } },
      ],
    });
    expect(value.created).toHaveLength(1);
    expect(ids(changes.tasks!.upsert)).toEqual([s.l2, s.p, s.g, value.created[0]!].sort());
    // The rows the paste answered and the parents read for the roll-ups, in table order.
    const places = changes.tasks!.upsert.map((t) => t.position);
    expect(places).toEqual([...places].sort((a, b) => a - b));
    // 社交: (20 × 10 + 100 × 5) ÷ 15 = 46.67; project: (200 + 500 + 40 + 30) ÷ 17.
    expect(changes.modules!.upsert[0]!.progress).toBeCloseTo(700 / 15, 10);
    expect(changes.projects!.upsert[0]!.progress).toBe(770 / 17);
    expect(changes.projects!.upsert[0]!.taskCount).toBe(6);
    expectAsLists(app, changes);
  });

  test('undo and redo answer with what they put back', () => {
    const app = openApp();
    const s = plan(app);
    write(app, 'tasks.delete', { ids: [s.p] });
    const undone = write(app, 'history.undo', { projectId: s.pid }).changes;
    expect(storedProgress(app, s.l1)).toBe(20);
    expect(ids(undone.tasks!.upsert)).toEqual([s.g, s.p, s.l1, s.l2, s.x].sort());
    expect(undone.tasks!.remove).toEqual([]);
    expect(undone.tasks!.upsert.find((t) => t.id === s.x)!.predecessorIds).toEqual([s.l1]);
    // 社交 back to (20 × 10 + 50 × 5) ÷ 15 = 30.
    expect(undone.modules!.upsert).toEqual([expect.objectContaining({ id: s.social, progress: 30 })]);
    expect(undone.history).toEqual({ undo: 'tasks.create', redo: 'tasks.delete' });
    expectAsLists(app, undone);

    const redone = write(app, 'history.redo', { projectId: s.pid }).changes;
    expect(redone.tasks!.remove.sort()).toEqual([s.p, s.l1, s.l2].sort());
    expect(redone.history).toEqual({ undo: 'tasks.delete', redo: null });
    expectAsLists(app, redone);
  });

  test('the undo state each write answers is the one stored, whatever ran before it', () => {
    const app = openApp();
    const s = plan(app);
    const edited = write(app, 'tasks.update', { id: s.l1, patch: { tools: '秀米' } }).changes;
    expect(edited.history).toEqual({ undo: 'tasks.update', redo: null });
    expectAsLists(app, edited);
    const undone = write(app, 'history.undo', { projectId: s.pid }).changes;
    expect(undone.history).toEqual({ undo: 'tasks.create', redo: 'tasks.update' });
    expectAsLists(app, undone);
    // A new action drops what could be redone.
    const renamed = write(app, 'modules.update', { id: s.social, patch: { name: '社交媒体' } }).changes;
    expect(renamed.history).toEqual({ undo: 'modules.update', redo: null });
    expectAsLists(app, renamed);
    // A refused write records nothing: the next write that records nothing answers what is stored.
    app.fail('tasks.update', { id: s.l1, patch: { start: '2024-06-01', end: '2024-05-01' } });
    const undoneAgain = write(app, 'history.undo', { projectId: s.pid }).changes;
    expect(undoneAgain.history).toEqual({ undo: 'tasks.create', redo: 'modules.update' });
    expectAsLists(app, undoneAgain);
    // A write of another project answers that project's state, not the last one recorded.
    const other = app.router.invoke('projects.create', { name: '另一个' });
    if (!other.ok) throw new Error('projects.create failed');
    expect(other.changes!.history).toEqual({ undo: null, redo: null });
    expectAsLists(app, other.changes!);
  });

  test('project and team edits carry the project, the person and the sidebar entry', () => {
    const app = openApp();
    const s = plan(app);
    const boss = write(app, 'people.create', { projectId: s.pid, name: '王经理' });
    expect(boss.changes.people).toEqual({ upsert: [boss.value], remove: [] });
    const owner = write(app, 'projects.update', { id: s.pid, patch: { ownerId: boss.value.id } }).changes;
    expect(owner.project).toMatchObject({ id: s.pid, ownerId: boss.value.id });
    expect(owner.projects!.upsert[0]!.ownerName).toBe('王经理');
    expectAsLists(app, owner);
    const removed = write(app, 'modules.delete', { id: s.offline }).changes;
    expect(removed.modules!.remove).toEqual([s.offline]);
    expect(query(app.file, 'SELECT module_id FROM tasks WHERE id = ?', s.x)).toEqual([{ module_id: null }]);
    expect(ids(removed.tasks!.upsert)).toEqual([s.x]); // its module_id set to null by the cascade
    expectAsLists(app, removed);
  });

  test('a write of more than 5,000 rows tells its tables, with the sidebar entry still exact', () => {
    const app = openApp();
    const s = plan(app);
    app.ok('tasks.list', { projectId: s.pid }); // the roll-ups start from the list, as in the app
    const rows = Array.from({ length: LARGE_CHANGE_SET + 1 }, (_, i) => ({
      ref: i + 1,
      values: { name: `行${i}`, progress: i % 2 ? 100 : 0 },
    }));
    const { changes } = write(app, 'tasks.paste', { projectId: s.pid, rows });
    expect(changes.tasks).toBeUndefined();
    expect(changes.tables).toContain('tasks');
    // Leaves L1 (20 % × 10 days), L2 (50 % × 5), X (40 % × 1), then 5,001 one-day tasks of which
    // 2,500 at 100 %: (200 + 250 + 40 + 250,000) ÷ (16 + 5,001).
    const summary = changes.projects!.upsert[0]!;
    expect(summary.taskCount).toBe(5 + LARGE_CHANGE_SET + 1);
    expect(summary.progress).toBe((200 + 250 + 40 + 2500 * 100) / (16 + 5001));
    expect(summary).toEqual(app.ok('projects.list', {}).find((p) => p.id === s.pid));
    expectAsLists(app, write(app, 'tasks.update', { id: s.x, patch: { progress: 0 } }).changes);
  }, 60_000);

  test('the roll-ups kept from write to write match the SQL after a long run of edits', () => {
    const app = openApp();
    const s = plan(app);
    const tasks = [s.g, s.p, s.l1, s.l2, s.x];
    const lists = () => ({
      tasks: app.ok('tasks.list', { projectId: s.pid }),
      modules: app.ok('modules.list', { projectId: s.pid }),
      projects: app.ok('projects.list', {}),
    });
    let previous = lists();
    let moved = 0;
    for (let i = 0; i < 40; i++) {
      const id = tasks[(i * 7) % tasks.length]!;
      const step = i % 5;
      const r =
        step === 0
          ? app.router.invoke('tasks.update', { id, patch: { progress: (i * 13) % 101 } })
          : step === 1
            ? app.router.invoke('tasks.update', {
                id,
                patch: { start: '2024-05-02', end: `2024-05-${10 + (i % 9)}` },
              })
            : step === 2
              ? app.router.invoke('tasks.indent', { id })
              : step === 3
                ? app.router.invoke('tasks.outdent', { id })
                : app.router.invoke('history.undo', { projectId: s.pid });
      if (!r.ok) continue;
      expectAsLists(app, r.changes!);
      // Complete too: every task and module whose listed row moved is carried.
      const now = lists();
      for (const [kind, rows] of Object.entries(now) as [keyof typeof now, { id: string }[]][]) {
        const carried = new Set((r.changes![kind]?.upsert ?? []).map((row) => row.id));
        for (const row of rows) {
          const was = previous[kind].find((old) => old.id === row.id);
          if (JSON.stringify(was) !== JSON.stringify(row))
            expect(carried.has(row.id), `${kind} ${row.id}`).toBe(true);
        }
      }
      moved += r.changes!.modules ? 1 : 0;
      previous = now;
    }
    expect(moved).toBeGreaterThan(5);
    // A write the router did not see (straight into the file's connection) is noticed.
    app.db.prepare('UPDATE tasks SET progress = 99 WHERE id = ?').run(s.x);
    expectAsLists(app, write(app, 'tasks.update', { id: s.l1, patch: { name: '再改' } }).changes);
    const summary = write(app, 'tasks.update', { id: s.l2, patch: { progress: 1 } }).changes.projects!
      .upsert[0]!;
    expect(summary).toEqual(listProjects(app.db).find((p) => p.id === s.pid));
  });

  test('projects.list right after tasks.list takes the figures from the roll-ups, equal to the SQL', () => {
    const app = openApp();
    const s = plan(app);
    const other = app.ok('projects.create', { name: '另一个' }).id;
    app.ok('tasks.create', { projectId: other, values: { name: 'Y', progress: 30 } });
    // How many projects' figures projects.list computes: runs of the query that counts a
    // project's tasks (its statement is wrapped as it is prepared).
    // (The connection caches statements: each is wrapped once.)
    let computed = 0;
    const wrapped = new WeakSet<object>();
    const prepare = app.db.prepare.bind(app.db);
    app.db.prepare = ((sql: string) => {
      const statement = prepare(sql);
      if (!/count\(\*\) FROM tasks/.test(sql) || wrapped.has(statement)) return statement;
      wrapped.add(statement);
      const get = statement.get.bind(statement);
      return Object.assign(statement, { get: (...args: unknown[]) => (computed++, get(...args)) });
    }) as typeof app.db.prepare;
    const listed = () => {
      computed = 0;
      const list = app.ok('projects.list', {});
      return { list, figuresRead: computed };
    };

    app.ok('tasks.list', { projectId: s.pid });
    let r = listed();
    // 社交 (20 × 10 + 50 × 5) ÷ 15 = 30 and X (40 × 1): 490 ÷ 16 = 30.625; 另一个: 30.
    expect(r.list.find((p) => p.id === s.pid)).toMatchObject({ taskCount: 5, progress: 30.625 });
    expect(r.list.find((p) => p.id === other)).toMatchObject({ taskCount: 1, progress: 30 });
    expect(r.list).toEqual(listProjects(app.db));
    // Both came from the sums (the other project's were loaded by the write that made its task).
    expect(r.figuresRead).toBe(0);

    // After a write through the router the sums moved with it.
    write(app, 'tasks.update', { id: s.l2, patch: { progress: 100 } });
    r = listed();
    expect(r.list.find((p) => p.id === s.pid)!.progress).toBe((20 * 10 + 100 * 5 + 40) / 16);
    expect(r.list).toEqual(listProjects(app.db));
    expect(r.figuresRead).toBe(0);

    // A write the router did not see: both projects are computed again, and right.
    prepare('UPDATE tasks SET progress = 0 WHERE id = ?').run(s.x);
    r = listed();
    expect(r.list.find((p) => p.id === s.pid)!.progress).toBe((20 * 10 + 100 * 5) / 16);
    expect(r.list).toEqual(listProjects(app.db));
    expect(r.figuresRead).toBe(2);
  });
});

function workerFile(): string {
  const file = resolve(__dirname, '../../out/main/project-file-worker.js');
  if (!existsSync(file))
    throw new Error('out/main/project-file-worker.js is missing: run `npm run build` first');
  return file;
}

function appWithFiles(exportDir: string): App {
  const app = openApp();
  const files = createProjectFileService({
    db: app.db,
    databaseFile: app.file,
    workerFile: workerFile(),
    appVersion: '0.0.0-test',
    host: { chooseExportPath: async (name) => join(exportDir, name), defaultUserName: 'tester' },
  });
  app.router = createRouter(app.db, { version: '0.0.0-test', projectFiles: files });
  return app;
}

async function ok(app: App, channel: Channel, payload: unknown) {
  const result = await app.router.invokeAsync(channel, payload);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result;
}

async function sendFile(from: App, to: App, projectId: string) {
  const exported = (await ok(from, 'projectFile.export', { projectId, exporterName: '同事' })).value as {
    path: string;
  };
  const base64 = readFileSync(exported.path).toString('base64');
  return (await ok(to, 'projectFile.open', { fileName: 'x.ctproj', base64 })).value as { token: string };
}

describe('change sets of project files', () => {
  test('a merge answers with the rows it took from the copy; a new project with its tables', async () => {
    const mine = appWithFiles(tempDir());
    const theirs = appWithFiles(tempDir());
    const s = plan(mine);
    const first = await sendFile(mine, theirs, s.pid);
    const imported = await ok(theirs, 'projectFile.import', { token: first.token, mode: 'new' });
    // Written whole: every table of a project named, the sidebar entry and the project carried.
    expect(imported.changes!.tables).toEqual(
      expect.arrayContaining(['tasks', 'modules', 'people', 'projects']),
    );
    expect(imported.changes!.tasks).toBeUndefined();
    expect(imported.changes!.projects!.upsert[0]).toEqual(theirs.ok('projects.list', {})[0]);

    theirs.ok('tasks.update', { id: s.l1, patch: { progress: 80 } });
    const back = await sendFile(theirs, mine, s.pid);
    const merged = await ok(mine, 'projectFile.import', { token: back.token, mode: 'merge' });
    expect(storedProgress(mine, s.l1)).toBe(80);
    const changes = merged.changes!;
    expect(changes.projectId).toBe(s.pid);
    expect(changes.tasks!.upsert.find((t) => t.id === s.l1)!.progress).toBe(80);
    expect(ids(changes.tasks!.upsert)).toEqual(expect.arrayContaining([s.l1, s.p, s.g]));
    expect(changes.modules!.upsert).toEqual([expect.objectContaining({ id: s.social, progress: 70 })]);
    expect(changes.history).toEqual({ undo: 'projectFile.merge', redo: null });
    expectAsLists(mine, changes);
  });
});
