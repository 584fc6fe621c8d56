/**
 * The paste's database part made faster must not change what it stores or answers: the merge
 * stamps written in one statement equal those of one upsert per field (read back from the file),
 * the answer's rows (arrays, as tasks.list sends them) are the rows as stored, and the output
 * check, which samples long lists, still refuses an answer of the wrong shape.
 */
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { RowChange } from '../../src-main/db/capture';
import { checkOutput, OUTPUT_SAMPLE } from '../../src-main/router';
import type { Db } from '../../src-main/services/common';
import { decodeAnswer, TASK_ROW_FIELDS, type TaskRows } from '../../src-main/shared/task-rows';
import { nextStamp, ROW_CREATED, stampChanges, UNVERSIONED_FIELDS } from '../../src-main/sync/versions';
import { openApp, query } from '../helpers/app';

/** The stamps as they were written before: one statement per field (the reference). */
function stampOneByOne(db: Db, projectId: string, changes: readonly RowChange[]): void {
  const json = (v: unknown) => JSON.stringify(v === undefined ? null : v);
  const { replica, counter } = nextStamp(db, projectId);
  const dropVersions = db.prepare('DELETE FROM field_versions WHERE tbl = ? AND row_key = ?');
  const dropTombstone = db.prepare('DELETE FROM tombstones WHERE tbl = ? AND row_key = ?');
  const setVersion = db.prepare(
    `INSERT INTO field_versions (project_id, tbl, row_key, field, replica, counter, base)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, row_key, field) DO UPDATE SET
       base = CASE WHEN field_versions.replica = excluded.replica THEN field_versions.base ELSE excluded.base END,
       replica = excluded.replica, counter = excluded.counter`,
  );
  const bury = db.prepare(
    `INSERT INTO tombstones (project_id, tbl, row_key, replica, counter, deleted_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, row_key) DO UPDATE SET replica = excluded.replica, counter = excluded.counter,
       deleted_at = excluded.deleted_at`,
  );
  for (const change of changes) {
    const key = JSON.stringify(change.key);
    if (change.before === null && change.after !== null) {
      dropTombstone.run(change.table, key);
      dropVersions.run(change.table, key);
      setVersion.run(projectId, change.table, key, ROW_CREATED, replica, counter, null);
    } else if (change.after === null) {
      dropVersions.run(change.table, key);
      bury.run(projectId, change.table, key, replica, counter, 'then');
    } else if (change.before !== null) {
      for (const field of Object.keys(change.after)) {
        if (UNVERSIONED_FIELDS.has(field)) continue;
        const before = json(change.before[field]);
        if (before === json(change.after[field])) continue;
        setVersion.run(projectId, change.table, key, field, replica, counter, before);
      }
    }
  }
}

const STAMPS = `SELECT tbl, row_key, field, replica, counter, base FROM field_versions
                 WHERE project_id = ? ORDER BY tbl, row_key, field`;
const TOMBSTONES = `SELECT tbl, row_key, replica, counter FROM tombstones WHERE project_id = ? ORDER BY tbl, row_key`;

describe('merge stamps of a paste', () => {
  test('written in one statement, they equal one upsert per field, read back from the file', () => {
    const app = openApp();
    const pid = app.ok('projects.create', { name: '双11大促' }).id;
    const created = app.ok('tasks.paste', {
      projectId: pid,
      rows: Array.from({ length: 30 }, (_, i) => ({ ref: i + 1, values: { name: `任务${i}`, progress: i } })),
    }).created;
    // A field another installation stamped last (its base must be replaced), and one this
    // installation stamped before (its base must stay).
    app.db
      .prepare(
        `INSERT INTO field_versions (project_id, tbl, row_key, field, replica, counter, base)
         VALUES (?, 'tasks', ?, 'tools', 'colleague', 7, '"同事的"')
         ON CONFLICT (tbl, row_key, field) DO UPDATE SET replica = 'colleague', counter = 7, base = '"同事的"'`,
      )
      .run(pid, JSON.stringify({ id: created[0] }));
    app.ok('tasks.update', { id: created[1]!, patch: { notes: '第一次' } });
    const key = (i: number) => ({ id: created[i]! });
    const changes: RowChange[] = [
      // Three fields of many rows, as a paste of 工具, 完成标准, 当前进度 changes them.
      ...created.slice(0, 20).map((id, i) => ({
        table: 'tasks',
        key: { id },
        before: { id, project_id: pid, tools: null, criteria: null, progress: i, updated_at: 'a' },
        after: {
          id,
          project_id: pid,
          tools: `工具${i}`,
          criteria: `标准${i}`,
          progress: 50,
          updated_at: 'b',
        },
      })),
      { table: 'tasks', key: key(1), before: { notes: '第一次' }, after: { notes: '第二次' } },
      // Unchanged values are not stamped.
      { table: 'tasks', key: key(2), before: { name: 'x', blocked: 0 }, after: { name: 'y', blocked: 0 } },
      // A row updated, then deleted in the same list: the deletion drops its stamps.
      { table: 'tasks', key: key(25), before: { name: 'a' }, after: { name: 'b' } },
      { table: 'tasks', key: key(25), before: { id: created[25], name: 'b' }, after: null },
      // A row created (after a tombstone of the same key), then one of its fields changed.
      { table: 'tasks', key: key(26), before: { id: created[26], name: 'a' }, after: null },
      { table: 'tasks', key: key(26), before: null, after: { id: created[26], name: 'a' } },
      { table: 'tasks', key: key(26), before: { name: 'a' }, after: { name: 'c' } },
    ];
    const stampsNow = (read: (sql: string) => unknown[]) => ({
      stamps: read(STAMPS),
      tombstones: read(TOMBSTONES),
    });
    let reference: ReturnType<typeof stampsNow> | undefined;
    expect(() =>
      app.db.transaction(() => {
        stampOneByOne(app.db, pid, changes);
        reference = stampsNow((sql) => app.db.prepare(sql).all(pid));
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    app.db.transaction(() => stampChanges(app.db, pid, changes))();
    const batched = stampsNow((sql) => query(app.file, sql, pid));

    expect(batched).toEqual(reference);
    // The cases above are really there (the comparison is not of two empty tables).
    const stamps = batched.stamps as {
      row_key: string;
      field: string;
      replica: string;
      base: string | null;
    }[];
    const of = (i: number, field: string) =>
      stamps.find((s) => s.row_key === JSON.stringify(key(i)) && s.field === field);
    expect(of(0, 'tools')?.base).toBe('null');
    // The base of this installation's first change ('' as stored, not the '第一次' of the list) stays.
    expect(of(1, 'notes')?.base).toBe('""');
    expect(of(3, 'progress')?.base).toBe('3');
    expect(of(2, 'blocked')).toBeUndefined();
    expect(of(25, 'name')).toBeUndefined();
    expect(of(26, ROW_CREATED)).toBeDefined();
    expect(of(26, 'name')?.base).toBe('"a"');
    expect(batched.tombstones).toHaveLength(1);
  });
});

describe("a paste's answer", () => {
  test('carries the rows stored, as arrays in the fields of tasks.list, and decodes to the stored tasks', () => {
    const app = openApp();
    const pid = app.ok('projects.create', { name: '双11大促' }).id;
    const first = app.ok('tasks.paste', {
      projectId: pid,
      rows: Array.from({ length: 300 }, (_, i) => ({ ref: i + 1, values: { name: `任务${i}` } })),
    });
    const ids = first.created;
    const result = app.router.invoke('tasks.paste', {
      projectId: pid,
      rows: [
        ...ids.slice(0, 250).map((id, i) => ({
          ref: i + 1,
          id,
          values: { tools: `工具${i}`, progress: i % 101, milestone: i % 2 === 0 },
        })),
        { ref: 251, values: { name: '新行', blocked: true } },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const wire = result.value as { updated: number; created: string[]; tasks: TaskRows };
    expect(wire.tasks.fields).toEqual([...TASK_ROW_FIELDS]);
    expect(wire.tasks.rows).toHaveLength(251);
    expect(wire.tasks.rows.every((r) => Array.isArray(r))).toBe(true);

    const decoded = decodeAnswer('tasks.paste', result.value);
    const listed = new Map(app.ok('tasks.list', { projectId: pid }).map((t) => [t.id, t]));
    expect(decoded.updated).toBe(250);
    expect(decoded.tasks.map((t) => t.id)).toEqual([...ids.slice(0, 250), decoded.created[0]]);
    expect(decoded.tasks).toEqual(decoded.tasks.map((t) => listed.get(t.id)));
    expect(decoded.tasks[0]).toMatchObject({ tools: '工具0', milestone: true, projectId: pid });
    expect(decoded.tasks.at(-1)).toMatchObject({ name: '新行', blocked: true, milestone: false });
  });
});

describe('the output check of a long list one level down', () => {
  const schema = z.object({ count: z.int(), items: z.array(z.object({ id: z.string() })) });
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `t${i}` }));

  test('passes a right answer and refuses a wrong row within the rows it checks', () => {
    expect(checkOutput(schema, { count: 1, items: items(5000) })).toBeNull();
    const bad = items(5000);
    bad[OUTPUT_SAMPLE - 1] = { id: 7 as unknown as string };
    expect(checkOutput(schema, { count: 1, items: bad })?.issues[0]?.path).toEqual([
      'items',
      OUTPUT_SAMPLE - 1,
      'id',
    ]);
  });

  test('still refuses a wrong field beside the list, and checks a short list whole', () => {
    expect(checkOutput(schema, { count: 'x', items: items(5000) })).not.toBeNull();
    const short = items(OUTPUT_SAMPLE);
    short[OUTPUT_SAMPLE - 1] = {} as { id: string };
    expect(checkOutput(schema, { count: 1, items: short })).not.toBeNull();
  });
});

describe('the checks of a paste read once', () => {
  test('a later row onto the same task is checked against the dates an earlier row wrote', () => {
    const app = openApp();
    const projectId = app.ok('projects.create', { name: '周年庆' }).id;
    const id = app.ok('tasks.create', { projectId, values: { name: '预热', start: '2024-05-01' } }).id;
    const other = app.ok('projects.create', { name: '别的项目' }).id;
    const foreign = app.ok('tasks.create', { projectId: other, values: { name: '别处' } }).id;
    // The first row gives an end; the second moves the start past it: refused, nothing stored.
    const refused = app.fail('tasks.paste', {
      projectId,
      rows: [
        { ref: 1, id, values: { end: '2024-05-10' } },
        { ref: 2, id, values: { start: '2024-05-20' } },
        { ref: 3, id: foreign, values: { tools: '秀米' } },
      ],
    });
    expect(refused).toMatchObject({ reason: 'paste_rejected' });
    expect(refused.problems).toEqual([
      expect.objectContaining({ ref: 2, field: 'start' }),
      expect.objectContaining({ ref: 3 }),
    ]);
    expect(
      query(app.file, 'SELECT start_date, end_date, tools FROM tasks WHERE id IN (?, ?)', id, foreign),
    ).toEqual([
      { start_date: '2024-05-01', end_date: null, tools: '' },
      { start_date: null, end_date: null, tools: '' },
    ]);
    // Cleared by a later row, the end no longer binds the start.
    app.ok('tasks.paste', {
      projectId,
      rows: [
        { ref: 1, id, values: { end: '2024-05-10' } },
        { ref: 2, id, values: { end: null } },
        { ref: 3, id, values: { start: '2024-05-20' } },
      ],
    });
    expect(query(app.file, 'SELECT start_date, end_date FROM tasks WHERE id = ?', id)).toEqual([
      { start_date: '2024-05-20', end_date: null },
    ]);
  });
});
