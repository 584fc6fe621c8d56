import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, test } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../src-main/db/migrations';
import { APPLICATION_ID, migrate, openDatabase, schemaVersion } from '../../src-main/db/open';
import { createRouter } from '../../src-main/router';
import { tasksFromRows, type TaskRows } from '../../src-main/shared/task-rows';
import { rawOpen, sha256File, withRaw } from '../helpers/db';
import { tempDir } from '../helpers/tmp';
import { refusal } from '../helpers/refusal';

function newFile(): string {
  return join(tempDir(), 'campaign.sqlite');
}

/** What openDatabase refuses `file` with (fails the test when it opens it). */
const openError = (file: string, migrations?: readonly Migration[]) =>
  refusal(() => openDatabase({ file, migrations }).close(), 'openDatabase');

function tableNames(file: string): string[] {
  return withRaw(
    file,
    (db) =>
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all() as string[],
  );
}

function columnsOf(
  file: string,
  table: string,
): { name: string; dflt_value: string | null; notnull: number }[] {
  return withRaw(
    file,
    (db) =>
      db.pragma(`table_info(${table})`) as { name: string; dflt_value: string | null; notnull: number }[],
  );
}

/** Asserts that a refused open left the file exactly as it was and created no journal files. */
function expectUntouched(file: string, before: string) {
  expect(sha256File(file)).toBe(before);
  expect(existsSync(`${file}-wal`)).toBe(false);
  expect(existsSync(`${file}-shm`)).toBe(false);
  expect(existsSync(`${file}-journal`)).toBe(false);
}

describe('openDatabase on a new file', () => {
  test('creates the schema at LATEST_VERSION, marks the file as ours, turns on WAL and foreign keys', () => {
    const file = newFile();
    expect(existsSync(file)).toBe(false);
    const db = openDatabase({ file });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(LATEST_VERSION).toBe(MIGRATIONS.length);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');

      // Read back through a second connection: the header and schema are in the file.
      withRaw(file, (raw) => {
        expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
        expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
        expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      });
      expect(tableNames(file)).toEqual(
        expect.arrayContaining(['app_meta', 'projects', 'people', 'modules', 'tasks', 'task_links']),
      );

      // foreign_keys is really enforced on the connection the app uses.
      const stamp = new Date().toISOString();
      expect(() =>
        db
          .prepare(
            'INSERT INTO people (id, project_id, name, position, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)',
          )
          .run('p1', 'no-such-project', 'x', stamp, stamp),
      ).toThrow(/FOREIGN KEY/);
      expect(db.prepare('SELECT count(*) FROM people').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  test('opening the same file again is a no-op for the schema', () => {
    const file = newFile();
    openDatabase({ file }).close();
    const before = withRaw(file, (raw) =>
      raw.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all(),
    );
    const db = openDatabase({ file });
    db.close();
    const after = withRaw(file, (raw) =>
      raw.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all(),
    );
    expect(after).toEqual(before);
    expect(withRaw(file, (raw) => raw.pragma('user_version', { simple: true }))).toBe(LATEST_VERSION);
  });
});

/**
 * The rows as they were before migrations 4 and 6 added their columns (which must hold their
 * defaults: tracking cycle and gap threshold; the default lists and major rules, no module budget).
 */
function withoutTrackingColumns<T extends { projects: unknown[]; tasks: unknown[]; modules?: unknown[] }>(
  data: T,
): T {
  const strip = (rows: unknown[], defaults: Record<string, unknown>) =>
    rows.map((row) => {
      const copy = { ...(row as Record<string, unknown>) };
      for (const [column, value] of Object.entries(defaults)) {
        expect(copy[column], column).toBe(value);
        delete copy[column];
      }
      return copy;
    });
  return {
    ...data,
    projects: strip(data.projects, {
      tracking_cycle: 'week',
      gap_threshold: 10,
      issue_categories: null,
      feedback_channels: null,
      cause_categories: null,
      major_budget_pct: 10,
      major_end_date: 1,
      major_goal_target: 1,
    }),
    tasks: strip(data.tasks, { tracking_cycle: null }),
    ...(data.modules ? { modules: strip(data.modules, { budget_fen: null }) } : {}),
  };
}

describe('upgrade path', () => {
  test('a version-1 file with data is migrated to the latest version and keeps its data', () => {
    const file = newFile();
    const v1 = openDatabase({ file, migrations: MIGRATIONS.slice(0, 1) });
    expect(schemaVersion(v1)).toBe(1);
    expect(columnsOf(file, 'tasks').map((c) => c.name)).not.toContain('milestone');
    expect(tableNames(file)).not.toContain('task_links');
    const stamp = '2024-05-01T00:00:00.000Z';
    v1.prepare('INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
      'proj-1',
      '旧项目',
      stamp,
      stamp,
    );
    v1.prepare(
      'INSERT INTO people (id, project_id, name, position, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)',
    ).run('person-1', 'proj-1', '张三', stamp, stamp);
    v1.prepare(
      `INSERT INTO tasks (id, project_id, code, name, owner_id, start_date, end_date, budget_fen, progress, position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    ).run(
      'task-1',
      'proj-1',
      'M001',
      '素材制作',
      'person-1',
      '2024-05-01',
      '2024-05-10',
      123_456,
      40,
      stamp,
      stamp,
    );
    v1.close();
    expect(withRaw(file, (raw) => raw.pragma('user_version', { simple: true }))).toBe(1);

    const db = openDatabase({ file });
    db.close();

    withRaw(file, (raw) => {
      expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(raw.prepare('SELECT id, name FROM projects').all()).toEqual([{ id: 'proj-1', name: '旧项目' }]);
      expect(raw.prepare('SELECT id, project_id, name FROM people').all()).toEqual([
        { id: 'person-1', project_id: 'proj-1', name: '张三' },
      ]);
      expect(
        raw
          .prepare(
            'SELECT id, code, name, owner_id, start_date, end_date, budget_fen, progress, milestone, blocked FROM tasks',
          )
          .all(),
      ).toEqual([
        {
          id: 'task-1',
          code: 'M001',
          name: '素材制作',
          owner_id: 'person-1',
          start_date: '2024-05-01',
          end_date: '2024-05-10',
          budget_fen: 123_456,
          progress: 40,
          milestone: 0,
          blocked: 0,
        },
      ]);
    });
    const taskColumns = columnsOf(file, 'tasks');
    for (const name of ['milestone', 'blocked']) {
      const col = taskColumns.find((c) => c.name === name);
      expect(col, name).toBeDefined();
      expect(col?.dflt_value).toBe('0');
      expect(col?.notnull).toBe(1);
    }
    expect(tableNames(file)).toContain('task_links');
    expect(columnsOf(file, 'task_links').map((c) => c.name)).toEqual(['predecessor_id', 'successor_id']);
    expect(tableNames(file)).toContain('history');
  });

  test('a version-2 file with tasks and links is migrated (history, tracking) and keeps its data', () => {
    const file = newFile();
    const [pid, t1, t2] = [uuidv7(), uuidv7(), uuidv7()];
    const v2 = openDatabase({ file, migrations: MIGRATIONS.slice(0, 2) });
    expect(schemaVersion(v2)).toBe(2);
    expect(tableNames(file)).not.toContain('history');
    const stamp = '2024-05-01T00:00:00.000Z';
    v2.prepare(
      'INSERT INTO projects (id, name, next_task_seq, created_at, updated_at) VALUES (?, ?, 3, ?, ?)',
    ).run(pid, '旧项目', stamp, stamp);
    const task = v2.prepare(
      `INSERT INTO tasks (id, project_id, code, name, parent_id, milestone, blocked, position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    task.run(t1, pid, 'M001', '预热', null, 1, 0, 0, stamp, stamp);
    task.run(t2, pid, 'M002', '投放', t1, 0, 1, 1, stamp, stamp);
    v2.prepare('INSERT INTO task_links (predecessor_id, successor_id) VALUES (?, ?)').run(t1, t2);
    v2.close();
    const data = () =>
      withRaw(file, (raw) => ({
        projects: raw.prepare('SELECT * FROM projects').all(),
        tasks: raw.prepare('SELECT * FROM tasks ORDER BY id').all(),
        links: raw.prepare('SELECT * FROM task_links').all(),
      }));
    const before = data();

    openDatabase({ file }).close();
    withRaw(file, (raw) => {
      expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(raw.prepare('SELECT count(*) FROM history').pluck().get()).toBe(0);
    });
    expect(withoutTrackingColumns(data())).toEqual(before);
    expect(columnsOf(file, 'history').map((c) => c.name)).toEqual([
      'seq',
      'project_id',
      'action',
      'changes',
      'undone',
      'created_at',
    ]);
    // The capture triggers are temporary: none is stored in the file.
    expect(
      withRaw(file, (raw) =>
        raw
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE '%\\_bound\\_%' ESCAPE '\\'",
          )
          .all(),
      ),
    ).toEqual([]);

    // The upgraded file works with the history: an edit of the old data is recorded and undone.
    const db = openDatabase({ file });
    try {
      const router = createRouter(db, { version: 'test' });
      const listed = router.invoke('tasks.list', { projectId: pid });
      expect(listed).toMatchObject({ ok: true });
      // tasks.list sends rows as arrays; decoded as the renderer's client does.
      expect(listed.ok && tasksFromRows(listed.value as TaskRows)).toMatchObject([
        { id: t1, milestone: true, blocked: false, predecessorIds: [] },
        { id: t2, parentId: t1, milestone: false, blocked: true, predecessorIds: [t1] },
      ]);
      expect(router.invoke('tasks.update', { id: t2, patch: { name: '改' } })).toMatchObject({ ok: true });
      expect(router.invoke('history.undo', { projectId: pid })).toMatchObject({
        ok: true,
        value: { undo: null, redo: 'tasks.update' },
        changes: { projectId: pid, tables: ['tasks'], history: { undo: null, redo: 'tasks.update' } },
      });
    } finally {
      db.close();
    }
    expect(withoutTrackingColumns(data())).toEqual(before);
  });

  test('a version-3 file with data and undo history is migrated to the latest version (tracking, merge versions) and keeps both', () => {
    const file = newFile();
    const [pid, person, mod, t1, t2] = [uuidv7(), uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const v3 = openDatabase({ file, migrations: MIGRATIONS.slice(0, 3) });
    expect(schemaVersion(v3)).toBe(3);
    const stamp = '2024-05-01T00:00:00.000Z';
    v3.prepare(
      `INSERT INTO projects (id, name, start_date, end_date, budget_fen, next_task_seq, created_at, updated_at)
       VALUES (?, '2024夏季新品推广', '2024-05-01', '2024-07-31', 300000000, 3, ?, ?)`,
    ).run(pid, stamp, stamp);
    v3.prepare(
      `INSERT INTO people (id, project_id, name, position, created_at, updated_at) VALUES (?, ?, '内容组*主管', 0, ?, ?)`,
    ).run(person, pid, stamp, stamp);
    v3.prepare(
      `INSERT INTO modules (id, project_id, name, owner_id, progress_override, position, created_at, updated_at)
       VALUES (?, ?, '社交媒体推广', ?, 60, 0, ?, ?)`,
    ).run(mod, pid, person, stamp, stamp);
    const task = v3.prepare(
      `INSERT INTO tasks (id, project_id, code, name, module_id, progress, position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    task.run(t1, pid, 'M001', '素材制作', mod, 100, 0, stamp, stamp);
    task.run(t2, pid, 'M002', '直播改名后', mod, 45, 1, stamp, stamp);
    v3.prepare('INSERT INTO task_links (predecessor_id, successor_id) VALUES (?, ?)').run(t1, t2);
    // An undo entry written by version 3: renaming M002 (its images have no tracking_cycle yet).
    const after = v3.prepare('SELECT * FROM tasks WHERE id = ?').get(t2) as Record<string, unknown>;
    v3.prepare('INSERT INTO history (project_id, action, changes, created_at) VALUES (?, ?, ?, ?)').run(
      pid,
      'tasks.update',
      JSON.stringify([{ table: 'tasks', key: { id: t2 }, before: { ...after, name: '直播带货' }, after }]),
      stamp,
    );
    v3.close();
    const data = () =>
      withRaw(file, (raw) => ({
        projects: raw.prepare('SELECT * FROM projects').all(),
        people: raw.prepare('SELECT * FROM people').all(),
        modules: raw.prepare('SELECT * FROM modules').all(),
        tasks: raw.prepare('SELECT * FROM tasks ORDER BY id').all(),
        links: raw.prepare('SELECT * FROM task_links').all(),
        history: raw.prepare('SELECT * FROM history').all(),
      }));
    const before = data();

    openDatabase({ file }).close();
    withRaw(file, (raw) => {
      expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      const tables = raw
        .prepare('SELECT name, strict FROM pragma_table_list WHERE schema = ?')
        .all('main') as {
        name: string;
        strict: number;
      }[];
      for (const name of [
        'metrics',
        'metric_actuals',
        'tracking_periods',
        'module_snapshots',
        'spend_entries',
        'task_checkins',
      ]) {
        expect(
          tables.find((t) => t.name === name),
          name,
        ).toEqual({ name, strict: 1 });
        expect(raw.prepare(`SELECT count(*) FROM ${name}`).pluck().get(), name).toBe(0);
      }
    });
    expect(withoutTrackingColumns(data())).toEqual(before);

    // The upgraded file works: the old undo entry still undoes, and the new tables take rows.
    const db = openDatabase({ file });
    try {
      const router = createRouter(db, { version: 'test' });
      expect(router.invoke('history.undo', { projectId: pid })).toMatchObject({
        ok: true,
        value: { undo: null, redo: 'tasks.update' },
        changes: { projectId: pid, history: { undo: null, redo: 'tasks.update' } },
      });
      expect(db.prepare('SELECT name, tracking_cycle FROM tasks WHERE id = ?').get(t2)).toEqual({
        name: '直播带货',
        tracking_cycle: null,
      });
      const metric = router.invoke('metrics.create', {
        projectId: pid,
        values: { name: '销量', moduleId: mod },
      });
      expect(metric).toMatchObject({ ok: true, value: { cycle: 'week', moduleId: mod } });
      expect(router.invoke('periods.open', { projectId: pid, today: '2024-05-08' })).toMatchObject({
        ok: true,
        value: { start: '2024-05-06', end: '2024-05-12' },
      });
    } finally {
      db.close();
    }
  });

  test('a version-5 file with a closed period is migrated: lists, rules and module budgets at their defaults, the issue and adjustment tables empty', () => {
    const file = newFile();
    openDatabase({ file, migrations: MIGRATIONS.slice(0, 5) }).close();
    const pid = uuidv7();
    withRaw(
      file,
      (raw) => {
        const period = uuidv7();
        const stamp = '2024-05-01T00:00:00.000Z';
        raw
          .prepare(
            'INSERT INTO projects (id, name, budget_fen, created_at, updated_at) VALUES (?, ?, 100, ?, ?)',
          )
          .run(pid, '旧项目', stamp, stamp);
        raw
          .prepare(
            `INSERT INTO modules (id, project_id, name, issues, position, created_at, updated_at)
             VALUES (?, ?, '社交媒体推广', '转化率低', 0, ?, ?)`,
          )
          .run(uuidv7(), pid, stamp, stamp);
        raw
          .prepare(
            `INSERT INTO tracking_periods (id, project_id, cycle, start_date, end_date, closed_at, progress_at_close, created_at, updated_at)
             VALUES (?, ?, 'week', '2024-04-29', '2024-05-05', ?, 0, ?, ?)`,
          )
          .run(period, pid, stamp, stamp, stamp);
        raw
          .prepare(
            `INSERT INTO module_snapshots (period_id, module_id, name, progress, issues, position, created_at)
             VALUES (?, ?, '社交媒体推广', 0, '转化率低', 0, ?)`,
          )
          .run(period, uuidv7(), stamp);
      },
      { readonly: false },
    );
    openDatabase({ file }).close();
    withRaw(file, (raw) => {
      expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(
        raw
          .prepare(
            'SELECT issue_categories, feedback_channels, cause_categories, major_budget_pct, major_end_date, major_goal_target FROM projects',
          )
          .all(),
      ).toEqual([
        {
          issue_categories: null,
          feedback_channels: null,
          cause_categories: null,
          major_budget_pct: 10,
          major_end_date: 1,
          major_goal_target: 1,
        },
      ]);
      expect(raw.prepare('SELECT budget_fen, issues FROM modules').all()).toEqual([
        { budget_fen: null, issues: '转化率低' },
      ]);
      expect(raw.prepare('SELECT issues, open_issues, adjustments FROM module_snapshots').all()).toEqual([
        { issues: '转化率低', open_issues: '[]', adjustments: '[]' },
      ]);
      const strict = raw
        .prepare('SELECT name, strict FROM pragma_table_list WHERE schema = ?')
        .all('main') as {
        name: string;
        strict: number;
      }[];
      for (const name of [
        'issues',
        'feedback',
        'root_causes',
        'adjustments',
        'adjustment_changes',
        'adjustment_events',
        'project_identities',
        'cause_issue_links',
        'adjustment_cause_links',
      ]) {
        expect(
          strict.find((t) => t.name === name),
          name,
        ).toEqual({ name, strict: 1 });
        expect(raw.prepare(`SELECT count(*) FROM ${name}`).pluck().get(), name).toBe(0);
      }
    });
  });

  test('the tracking tables refuse what the services would never write', () => {
    const file = newFile();
    const db = openDatabase({ file });
    try {
      const stamp = '2024-05-01T00:00:00.000Z';
      const [pid, mod, task, metric, period] = [uuidv7(), uuidv7(), uuidv7(), uuidv7(), uuidv7()];
      db.prepare('INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
        pid,
        'p',
        stamp,
        stamp,
      );
      db.prepare(
        'INSERT INTO modules (id, project_id, name, position, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)',
      ).run(mod, pid, 'm', stamp, stamp);
      db.prepare(
        `INSERT INTO tasks (id, project_id, code, name, position, created_at, updated_at) VALUES (?, ?, 'M001', 't', 0, ?, ?)`,
      ).run(task, pid, stamp, stamp);
      db.prepare(
        `INSERT INTO metrics (id, project_id, name, position, created_at, updated_at) VALUES (?, ?, 'x', 0, ?, ?)`,
      ).run(metric, pid, stamp, stamp);
      db.prepare(
        `INSERT INTO tracking_periods (id, project_id, start_date, end_date, created_at, updated_at)
         VALUES (?, ?, '2024-05-06', '2024-05-12', ?, ?)`,
      ).run(period, pid, stamp, stamp);
      const refused = [
        `UPDATE projects SET tracking_cycle = 'year'`,
        `UPDATE projects SET gap_threshold = 101`,
        `UPDATE tasks SET tracking_cycle = 'weekly'`,
        `UPDATE metrics SET module_id = '${mod}', task_id = '${task}'`,
        `UPDATE metrics SET start_date = '2024-06-01', target_date = '2024-05-01'`,
        `UPDATE metrics SET target_c = 1.5`,
        `UPDATE metrics SET kind = 'ratio'`,
        `UPDATE metrics SET funnel_stage = 0`,
        `INSERT INTO metric_actuals (id, metric_id, period_start, period_end, value_c, created_at, updated_at)
           VALUES ('a', '${metric}', '2024-05-06', '2024-05-05', 1, '', '')`,
        `INSERT INTO metric_actuals (id, metric_id, period_start, period_end, value_c, created_at, updated_at)
           VALUES ('a', '${metric}', '2024/05/06', '2024-05-07', 1, '', '')`,
        `UPDATE tracking_periods SET closed_at = '${stamp}'`, // closed without its progress
        `UPDATE tracking_periods SET end_date = '2024-05-01'`,
        `INSERT INTO tracking_periods (id, project_id, start_date, end_date, created_at, updated_at)
           VALUES ('p2', '${pid}', '2024-05-06', '2024-05-12', '', '')`, // the same start twice
        `INSERT INTO module_snapshots (period_id, module_id, name, progress, position, created_at)
           VALUES ('${period}', '${mod}', 'm', 101, 0, '')`,
        `INSERT INTO spend_entries (id, project_id, spent_on, amount_fen, created_at, updated_at)
           VALUES ('s', '${pid}', '2024-05-06', -1, '', '')`,
        `INSERT INTO spend_entries (id, project_id, spent_on, amount_fen, created_at, updated_at)
           VALUES ('s', '${pid}', '2024-05-06', 1.5, '', '')`,
        `INSERT INTO task_checkins (id, task_id, checkin_date, progress, created_at, updated_at)
           VALUES ('c', '${task}', '2024-05-06', 101, '', '')`,
        `INSERT INTO task_checkins (id, task_id, checkin_date, progress, created_at, updated_at)
           VALUES ('c', '${uuidv7()}', '2024-05-06', 1, '', '')`, // no such task
      ];
      for (const sql of refused) expect(() => db.exec(sql), sql).toThrow(/constraint|cannot store/i);
      // A snapshot outlives its module (no foreign key), not its period.
      db.prepare(
        `INSERT INTO module_snapshots (period_id, module_id, name, progress, position, created_at)
         VALUES (?, ?, 'm', 10, 0, ?)`,
      ).run(period, mod, stamp);
      db.prepare('DELETE FROM modules WHERE id = ?').run(mod);
      expect(db.prepare('SELECT count(*) FROM module_snapshots').pluck().get()).toBe(1);
      db.prepare('DELETE FROM tracking_periods WHERE id = ?').run(period);
      expect(db.prepare('SELECT count(*) FROM module_snapshots').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  test('a migration that fails leaves the file at the earlier version, without half of its changes', () => {
    const file = newFile();
    openDatabase({ file, migrations: MIGRATIONS.slice(0, 1) }).close();
    const broken: Migration = {
      version: 2,
      name: 'fails halfway',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => openDatabase({ file, migrations: [MIGRATIONS[0]!, broken] })).toThrow('boom');
    expect(withRaw(file, (raw) => raw.pragma('user_version', { simple: true }))).toBe(1);
    expect(tableNames(file)).not.toContain('half_done');
  });

  test('migrations numbered out of order are refused before anything is applied', () => {
    const [m1, m2] = MIGRATIONS;
    expect(m1).toBeDefined();
    expect(m2).toBeDefined();
    const orders: Migration[][] = [[m2!, m1!], [m2!], [m1!, { ...m2!, version: 3 }], [m1!, m1!]];
    for (const migrations of orders) {
      const file = newFile();
      expect(() => openDatabase({ file, migrations }), migrations.map((m) => m.version).join(',')).toThrow(
        /in order/,
      );
      expect(withRaw(file, (raw) => raw.pragma('user_version', { simple: true }))).toBe(0);
      expect(tableNames(file)).toEqual([]);
    }
    // migrate() itself checks too, on any connection.
    const mem = new Database(':memory:');
    try {
      expect(() => migrate(mem, [m2!, m1!])).toThrow(/in order/);
      expect(mem.pragma('user_version', { simple: true })).toBe(0);
    } finally {
      mem.close();
    }
  });
});

describe('files this version must not touch', () => {
  test('a file written by a newer version: db_too_new, file byte-for-byte unchanged, no -wal created', () => {
    const file = newFile();
    openDatabase({ file }).close();
    const raw = rawOpen(file, { readonly: false });
    raw.pragma('user_version = 99');
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const before = sha256File(file);

    const error = openError(file);
    expect(error.code).toBe('db_too_new');
    expect(error.params).toEqual({ found: 99, supported: LATEST_VERSION });

    expect(sha256File(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(withRaw(file, (r) => r.pragma('user_version', { simple: true }))).toBe(99);
  });

  test('a file one version ahead of a build that knows only version 1 is also too new', () => {
    const file = newFile();
    openDatabase({ file }).close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const before = sha256File(file);
    const error = openError(file, MIGRATIONS.slice(0, 1));
    expect(error.code).toBe('db_too_new');
    expect(error.params).toEqual({ found: LATEST_VERSION, supported: 1 });
    expect(sha256File(file)).toBe(before);
  });

  test('a file that is not SQLite at all: db_foreign, unchanged', () => {
    const file = newFile();
    writeFileSync(file, randomBytes(8192));
    const before = sha256File(file);
    expect(openError(file).code).toBe('db_foreign');
    expectUntouched(file, before);
  });

  test('a text file: db_foreign, unchanged', () => {
    const file = newFile();
    writeFileSync(file, '项目,负责人\n2024夏季新品推广,市场部*经理\n');
    const before = sha256File(file);
    expect(openError(file).code).toBe('db_foreign');
    expectUntouched(file, before);
  });

  test('a SQLite file of another application (other application_id): db_foreign, unchanged', () => {
    const file = newFile();
    const other = new Database(file);
    other.exec(
      'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (1);',
    );
    other.pragma('application_id = 0x12345678');
    other.pragma('user_version = 1');
    other.close();
    const before = sha256File(file);
    expect(openError(file).code).toBe('db_foreign');
    expectUntouched(file, before);
  });

  test('a plain SQLite file with tables, user_version 3 and application_id 0: db_foreign, unchanged', () => {
    const file = newFile();
    const other = new Database(file);
    other.exec("CREATE TABLE projects (id TEXT, title TEXT); INSERT INTO projects VALUES ('a', 'b');");
    other.pragma('user_version = 3');
    other.close();
    expect(withRaw(file, (r) => r.pragma('application_id', { simple: true }))).toBe(0);
    const before = sha256File(file);
    expect(openError(file).code).toBe('db_foreign');
    expectUntouched(file, before);
  });

  test('a plain SQLite file with tables of its own and user_version 0 is not claimed as ours', () => {
    // Most SQLite files in the wild never set user_version or application_id. Such a file is not
    // a new, empty database: open.ts promises a foreign database is "not mangled".
    const file = newFile();
    const other = new Database(file);
    other.exec(
      "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('x');",
    );
    other.close();
    const before = sha256File(file);
    const code = refusal(() => openDatabase({ file }).close(), 'openDatabase').code;
    expect(code).toBe('db_foreign');
    expect(sha256File(file)).toBe(before);
    expect(tableNames(file)).toEqual(['contacts']);
  });

  test('an empty (0-byte) file is accepted as a new database', () => {
    const file = newFile();
    writeFileSync(file, '');
    const db = openDatabase({ file });
    db.close();
    withRaw(file, (raw) => {
      expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    });
  });
});
