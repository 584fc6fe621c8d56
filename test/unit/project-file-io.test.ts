/**
 * The project file on disk: export writes one project atomically, the reader refuses every kind
 * of broken or foreign file before trusting it, and a file read back and inserted into an empty
 * database gives every row of the project exactly as it was.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, onTestFinished, test } from 'vitest';
import { openDatabase } from '../../src-main/db/open';
import {
  FILE_LIMITS,
  FILE_META,
  PROJECT_FILE_APPLICATION_ID,
  PROJECT_FILE_FORMAT,
} from '../../src-main/project-file/format';
import { insertBundle } from '../../src-main/project-file/insert';
import { readProjectFile, type FileLimits } from '../../src-main/project-file/read';
import { writeProjectFile, type ExportProgress } from '../../src-main/project-file/write';
import { seedDemo } from '../../src-main/services/demo';
import type { AppErrorData } from '../../src-main/shared/errors';
import { PROJECT_TABLES } from '../../src-main/sync/project-tables';
import { openApp, query, type App } from '../helpers/app';
import { logicalHash, sha256File, tempDatabase, withRaw } from '../helpers/db';
import { tempDir } from '../helpers/tmp';
import { downgradeFile } from '../helpers/project-files';
import { refusal } from '../helpers/refusal';

const EXPORTER = { id: '0190a000-0000-7000-8000-00000000e001', name: '王芳' };

/** Key order of the version tables (their primary keys). */
const VERSION_ORDER: Record<string, string> = {
  field_versions: 'tbl, row_key, field',
  tombstones: 'tbl, row_key',
  version_vectors: 'replica',
};

/**
 * The demo project (every table of a project has rows) plus edits through the router, so that it
 * carries field versions, a tombstone and a version vector, and a second project that must not
 * travel with it.
 */
function richApp(): { app: App; pid: string; other: string } {
  const app = openApp();
  const pid = seedDemo(app.db);
  const other = app.ok('projects.create', { name: '另一个项目' }).id;
  app.ok('tasks.create', { projectId: other, values: { name: '别的任务' } });

  const tasks = app.ok('tasks.list', { projectId: pid });
  app.ok('tasks.update', { id: tasks[1]!.id, patch: { predecessorIds: [tasks[0]!.id], progress: 55 } });
  app.ok('tasks.update', { id: tasks[3]!.id, patch: { predecessorIds: [tasks[1]!.id, tasks[2]!.id] } });
  const doomed = app.ok('tasks.create', { projectId: pid, values: { name: '临时任务' } });
  app.ok('tasks.delete', { ids: [doomed.id] });
  app.ok('tasks.create', {
    projectId: pid,
    values: { name: '复盘会', start: '2024-07-25', end: '2024-07-31', notes: "注入'; DROP TABLE tasks; --" },
  });
  app.ok('projects.update', { id: pid, patch: { goal: '3个月内销量12万台' } });
  return { app, pid, other };
}

/** Every row of the project in a database file, per table, sorted by key. */
function projectRows(file: string, pid: string): Record<string, unknown[]> {
  return withRaw(file, (db) => {
    const rows: Record<string, unknown[]> = {};
    for (const t of PROJECT_TABLES) {
      rows[t.name] = db
        .prepare(`SELECT * FROM ${t.name} WHERE ${t.where} ORDER BY ${t.key.join(', ')}`)
        .all(pid);
    }
    for (const [table, order] of Object.entries(VERSION_ORDER)) {
      rows[table] = db.prepare(`SELECT * FROM ${table} WHERE project_id = ? ORDER BY ${order}`).all(pid);
    }
    return rows;
  });
}

function exportTo(app: App, pid: string, target: string, onProgress?: (p: ExportProgress) => void) {
  return writeProjectFile({
    sourceFile: app.file,
    projectId: pid,
    target,
    exporter: EXPORTER,
    appVersion: '0.1.0-test',
    onProgress,
  });
}

/** An empty app database (no demo), as on a colleague's fresh install. */
function emptyDatabase(): { file: string; db: Db } {
  const { file, db } = tempDatabase();
  onTestFinished(() => {
    db.close();
  });
  return { file, db };
}

/** What reading `path` was refused with (fails the test when it was read). */
const readRefusal = (path: string, limits?: FileLimits): AppErrorData =>
  refusal(() => readProjectFile(path, limits), `reading ${path}`);

/** Files beside `file` other than itself (a -wal, -shm or -journal would show here). */
function siblings(file: string): string[] {
  return readdirSync(dirname(file)).filter((name) => join(dirname(file), name) !== file);
}

describe('export', () => {
  test('writes only the project, as a self-contained SQLite file marked as a project file', () => {
    const { app, pid } = richApp();
    const target = join(tempDir(), '推广.ctproj');
    const result = exportTo(app, pid, target);

    expect(siblings(target)).toEqual([]);
    const header = readFileSync(target).subarray(0, 100);
    expect(header.toString('latin1', 0, 16)).toBe('SQLite format 3\0');
    expect(header.readUInt32BE(68)).toBe(PROJECT_FILE_APPLICATION_ID);
    expect(header.readUInt32BE(60)).toBe(PROJECT_FILE_FORMAT);
    // Bytes 18–19 are 2 in WAL mode: a file in WAL mode would need its -wal beside it.
    expect([header[18], header[19]]).toEqual([1, 1]);
    expect(result.bytes).toBe(readFileSync(target).length);

    expect(query(target, 'SELECT id FROM projects')).toEqual([{ id: pid }]);
    expect(query(target, 'SELECT count(*) AS n FROM tasks WHERE project_id <> ?', pid)).toEqual([{ n: 0 }]);
    expect(query(target, 'SELECT count(*) AS n FROM history')).toEqual([{ n: 0 }]);
    expect(query(target, 'SELECT count(*) AS n FROM replica')).toEqual([{ n: 0 }]);
    const meta = Object.fromEntries(
      query<{ key: string; value: string }>(target, 'SELECT key, value FROM app_meta').map((r) => [
        r.key,
        r.value,
      ]),
    );
    expect(meta).toEqual({
      [FILE_META.kind]: 'project',
      [FILE_META.projectId]: pid,
      [FILE_META.exportedAt]: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      [FILE_META.exporterId]: EXPORTER.id,
      [FILE_META.exporterName]: EXPORTER.name,
      [FILE_META.appVersion]: '0.1.0-test',
    });
    const rows = projectRows(target, pid);
    const total = Object.values(rows).reduce((n, r) => n + r.length, 0);
    expect(result.rows).toBe(total);
  });

  test('reports progress in rows up to the total', () => {
    const { app, pid } = richApp();
    const seen: ExportProgress[] = [];
    const result = exportTo(app, pid, join(tempDir(), 'p.ctproj'), (p) => seen.push(p));
    expect(seen.length).toBeGreaterThan(PROJECT_TABLES.length);
    expect(seen[0]).toEqual({ done: 0, total: result.rows });
    expect(seen.at(-1)).toEqual({ done: result.rows, total: result.rows });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
  });

  test('reads committed data only: a write still in progress in the app is not in the file', () => {
    const { app, pid } = richApp();
    const target = join(tempDir(), 'snapshot.ctproj');
    app.db.prepare('BEGIN IMMEDIATE').run();
    app.db.prepare("UPDATE projects SET name = '未提交的名字' WHERE id = ?").run(pid);
    try {
      exportTo(app, pid, target);
    } finally {
      app.db.prepare('ROLLBACK').run();
    }
    expect(query(target, 'SELECT name FROM projects')).toEqual([{ name: '2024夏季新品推广' }]);
  });

  test('replaces an earlier file with the new content', () => {
    const { app, pid } = richApp();
    const target = join(tempDir(), 'again.ctproj');
    exportTo(app, pid, target);
    app.ok('projects.rename', { id: pid, name: '第二版' });
    exportTo(app, pid, target);
    expect(query(target, 'SELECT name FROM projects')).toEqual([{ name: '第二版' }]);
    expect(siblings(target)).toEqual([]);
  });

  test('a failure while writing leaves the earlier file untouched and no temporary file', () => {
    const { app, pid } = richApp();
    const target = join(tempDir(), 'keep.ctproj');
    exportTo(app, pid, target);
    const before = sha256File(target);

    let calls = 0;
    expect(() =>
      exportTo(app, pid, target, () => {
        if (++calls === 3) throw new Error('disk full');
      }),
    ).toThrow(expect.objectContaining({ data: expect.objectContaining({ code: 'export_failed' }) }));
    expect(calls).toBe(3);
    expect(sha256File(target)).toBe(before);
    expect(siblings(target)).toEqual([]);

    const missing = refusal(() => exportTo(app, '0190a000-0000-7000-8000-0000000000ff', target));
    expect(missing).toEqual({ code: 'not_found', path: ['projectId'] });
    expect(sha256File(target)).toBe(before);
    expect(siblings(target)).toEqual([]);
  });

  test('a folder that does not exist is an export failure', () => {
    const { app, pid } = richApp();
    const target = join(tempDir(), 'no-such-folder', 'x.ctproj');
    expect(() => exportTo(app, pid, target)).toThrow(
      expect.objectContaining({
        data: { code: 'export_failed', reason: 'write_failed', params: { detail: 'ENOENT' } },
      }),
    );
    expect(existsSync(dirname(target))).toBe(false);
  });
});

describe('round trip', () => {
  test('export → read → insert into an empty database: every table of the project identical', () => {
    const { app, pid, other } = richApp();
    const source = projectRows(app.file, pid);
    // The comparison means something only if every table has rows.
    for (const [table, rows] of Object.entries(source)) expect(rows.length, table).toBeGreaterThan(0);

    const target = join(tempDir(), 'demo.ctproj');
    exportTo(app, pid, target);
    const fileHash = sha256File(target);
    const { bundle, summary } = readProjectFile(target);
    expect(sha256File(target)).toBe(fileHash);
    expect(siblings(target)).toEqual([]);

    const people = source.people as { id: string; name: string }[];
    const project = source.projects![0] as { owner_id: string };
    expect(summary).toEqual({
      projectId: pid,
      projectName: '2024夏季新品推广',
      ownerName: people.find((p) => p.id === project.owner_id)!.name,
      startDate: '2024-05-01',
      endDate: '2024-07-31',
      exporterName: EXPORTER.name,
      exportedAt: expect.any(String),
      format: PROJECT_FILE_FORMAT,
      counts: Object.fromEntries(Object.entries(source).map(([t, rows]) => [t, rows.length])),
    });

    const empty = emptyDatabase();
    insertBundle(empty.db, bundle);
    expect(projectRows(empty.file, pid)).toEqual(source);
    expect(query(empty.file, 'SELECT id FROM projects')).toEqual([{ id: pid }]);
    expect(query(empty.file, 'SELECT count(*) AS n FROM projects WHERE id = ?', other)).toEqual([{ n: 0 }]);
    expect(query(empty.file, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  test.each([
    [4, 'before merge versions'],
    [5, 'before issues, feedback and adjustments'],
  ] as const)('an older file (format %i, %s) is brought up to date and imported', (format, _what) => {
    const { app, pid } = richApp();
    const dir = tempDir();
    const current = join(dir, 'current.ctproj');
    exportTo(app, pid, current);
    // A file as the app at that version wrote it: the same rows, without what later migrations added.
    const old = join(dir, `v${format}.ctproj`);
    copyFileSync(current, old);
    downgradeFile(old, format);
    expect(readFileSync(old).readUInt32BE(60)).toBe(format);
    const oldColumns = (table: string) =>
      withRaw(
        old,
        (db) => db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[],
      );
    const hash = sha256File(old);

    const { bundle, summary } = readProjectFile(old);
    expect(summary.format).toBe(format);
    expect(bundle.info.format).toBe(format);
    if (format === 4) {
      expect(bundle.fieldVersions).toEqual([]);
      expect(bundle.tombstones).toEqual([]);
      expect(bundle.versionVector).toEqual([]);
    } else expect(bundle.fieldVersions.length).toBeGreaterThan(0);
    // The file itself stays as it was: the upgrade ran on a private copy.
    expect(sha256File(old)).toBe(hash);
    expect(readdirSync(dir).sort()).toEqual(['current.ctproj', `v${format}.ctproj`].sort());

    const empty = emptyDatabase();
    insertBundle(empty.db, bundle);
    const source = projectRows(app.file, pid);
    const imported = projectRows(empty.file, pid);
    // Defaults of the columns migration 6 added to older tables (every other one: NULL).
    const defaults: Record<string, unknown> = {
      major_budget_pct: 10,
      major_end_date: 1,
      major_goal_target: 1,
      open_issues: '[]',
      adjustments: '[]',
    };
    for (const t of PROJECT_TABLES) {
      const columns = oldColumns(t.name);
      if (columns.length === 0) {
        // A table of a later migration: empty after the upgrade.
        expect(imported[t.name], t.name).toEqual([]);
        continue;
      }
      // What the old file could hold arrives unchanged; the columns added later hold their defaults.
      const pick = (rows: unknown[]) =>
        (rows as Record<string, unknown>[]).map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])));
      expect(pick(imported[t.name]!), t.name).toEqual(pick(source[t.name]!));
      for (const row of imported[t.name] as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          if (columns.includes(column)) continue;
          expect(value, `${t.name}.${column}`).toBe(defaults[column] ?? null);
        }
      }
    }
    if (format === 4) expect(imported.field_versions).toEqual([]);
  });

  test('inserting a project whose ids are taken is refused and changes nothing', () => {
    const { app, pid } = richApp();
    const target = join(tempDir(), 'dup.ctproj');
    exportTo(app, pid, target);
    const { bundle } = readProjectFile(target);
    const before = logicalHash(app.file);
    const error = refusal(() => insertBundle(app.db, bundle));
    expect(error).toEqual({ code: 'file_refused', reason: 'ids_taken', params: { table: 'projects' } });
    expect(logicalHash(app.file)).toBe(before);

    // Only one task's id in use (the rest free): still all or nothing.
    const empty = emptyDatabase();
    const task = bundle.tables.tasks![0]!;
    const holder = '0190a000-0000-7000-8000-0000000000bb';
    empty.db
      .prepare("INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, '占位', 'a', 'a')")
      .run(holder);
    empty.db
      .prepare(
        "INSERT INTO tasks (id, project_id, code, name, position, created_at, updated_at) VALUES (?, ?, 'M001', 'x', 0, 'a', 'a')",
      )
      .run(task.id, holder);
    const emptyBefore = logicalHash(empty.file);
    expect(() => insertBundle(empty.db, bundle)).toThrow(
      expect.objectContaining({
        data: { code: 'file_refused', reason: 'ids_taken', params: { table: 'tasks' } },
      }),
    );
    expect(logicalHash(empty.file)).toBe(emptyBefore);
  });
});

describe('refusals', () => {
  // Built once: an exported demo project that each case copies and breaks.
  let baseDir: string;
  let base: string;
  let basePid: string;
  beforeAll(() => {
    baseDir = mkdtempSync(join(tmpdir(), 'ct-refusals-'));
    mkdirSync(join(baseDir, 'file'));
    base = join(baseDir, 'file', 'base.ctproj');
    const db = openDatabase({ file: join(baseDir, 'app.sqlite') });
    try {
      basePid = seedDemo(db);
    } finally {
      db.close();
    }
    writeProjectFile({
      sourceFile: join(baseDir, 'app.sqlite'),
      projectId: basePid,
      target: base,
      exporter: EXPORTER,
      appVersion: '0.1.0-test',
    });
  });
  afterAll(() => rmSync(baseDir, { recursive: true, force: true }));

  // Each read's private copy must be gone afterwards: the system temp folder is swapped for one
  // watched here (os.tmpdir() follows TMPDIR).
  let privateTmp: string;
  let savedTmp: string | undefined;
  beforeEach(() => {
    privateTmp = tempDir('ct-private-');
    savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
  });
  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    expect(readdirSync(privateTmp).filter((name) => name.startsWith('ctproj-read-'))).toEqual([]);
  });

  /** A copy of the base file changed through SQLite. */
  function mutated(change: (db: Db) => void): string {
    const file = join(tempDir(), 'mutated.ctproj');
    copyFileSync(base, file);
    withRaw(file, change, { readonly: false });
    return file;
  }

  /** A copy of the base file with `bytes` written at `offset`. */
  function patched(offset: number, bytes: Buffer): string {
    const file = join(tempDir(), 'patched.ctproj');
    copyFileSync(base, file);
    const fd = openSync(file, 'r+');
    try {
      writeSync(fd, bytes, 0, bytes.length, offset);
    } finally {
      closeSync(fd);
    }
    return file;
  }

  function file(name: string, bytes: Buffer | string): string {
    const path = join(tempDir(), name);
    writeFileSync(path, bytes);
    return path;
  }

  /** Refused for `reason`, the file byte-for-byte unchanged and nothing created beside it. */
  function expectRefused(path: string, reason: string, limits?: FileLimits): AppErrorData {
    const hash = sha256File(path);
    const error = readRefusal(path, limits);
    expect(error.code).toBe('file_refused');
    expect(error.reason, JSON.stringify(error)).toBe(reason);
    expect(sha256File(path)).toBe(hash);
    expect(siblings(path)).toEqual([]);
    return error;
  }

  test('the base file itself is read', () => {
    expect(readProjectFile(base).summary.projectId).toBe(basePid);
  });

  test('a file left in WAL mode is read from its private copy: no -wal or -shm appears beside it', () => {
    const wal = mutated((db) => db.pragma('journal_mode = WAL'));
    expect([readFileSync(wal)[18], readFileSync(wal)[19]]).toEqual([2, 2]);
    const hash = sha256File(wal);
    expect(readProjectFile(wal).summary.projectId).toBe(basePid);
    expect(sha256File(wal)).toBe(hash);
    expect(siblings(wal)).toEqual([]);
  });

  test('empty and too large', () => {
    expectRefused(file('empty.ctproj', Buffer.alloc(0)), 'empty');
    const size = readFileSync(base).length;
    const error = expectRefused(base, 'too_large', { ...FILE_LIMITS, maxBytes: size - 1 });
    expect(error.params).toMatchObject({ limit: size - 1 });
    expect(readProjectFile(base, { ...FILE_LIMITS, maxBytes: size }).summary.projectId).toBe(basePid);
  });

  test('a missing path or a folder cannot be read', () => {
    expect(readRefusal(join(tempDir(), 'nothing-here.ctproj'))).toEqual({
      code: 'file_refused',
      reason: 'unreadable',
    });
    expect(readRefusal(tempDir())).toEqual({ code: 'file_refused', reason: 'unreadable' });
  });

  test('other formats renamed, random bytes and a truncated header are not SQLite', () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(200)]);
    const zip = Buffer.concat([Buffer.from('504b0304', 'hex'), randomBytes(500)]);
    const cases: [string, Buffer | string][] = [
      ['random.ctproj', randomBytes(8192)],
      ['one-byte.ctproj', Buffer.from([0x53])],
      ['zip.ctproj', zip],
      ['xlsx.ctproj', readFileSync(join(__dirname, '../fixtures/tasks-libreoffice.xlsx'))],
      ['csv.ctproj', readFileSync(join(__dirname, '../fixtures/tasks-wps.csv'))],
      ['json.ctproj', JSON.stringify({ info: { projectId: basePid }, tables: {} })],
      ['png.ctproj', png],
      ['header-only-half.ctproj', readFileSync(base).subarray(0, 60)],
      ['text-magic.ctproj', 'SQLite format 3 — but a text file\n'.repeat(10)],
    ];
    for (const [name, bytes] of cases) expectRefused(file(name, bytes), 'not_sqlite');
  });

  test("SQLite files that are not project files, the app's own database among them", () => {
    const plain = join(tempDir(), 'plain.sqlite');
    const db = new Database(plain);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expectRefused(plain, 'not_project_file');

    // The live database of a running app: refused from its header, and left exactly as it was.
    const app = openApp();
    seedDemo(app.db);
    app.db.pragma('wal_checkpoint(TRUNCATE)'); // its header now says what it is: "CTRK"
    const hash = logicalHash(app.file);
    const bytes = sha256File(app.file);
    const beside = readdirSync(dirname(app.file)).sort();
    expect(readRefusal(app.file)).toEqual({ code: 'file_refused', reason: 'not_project_file' });
    expect(sha256File(app.file)).toBe(bytes);
    expect(logicalHash(app.file)).toBe(hash);
    expect(readdirSync(dirname(app.file)).sort()).toEqual(beside);
  });

  test('a file from a newer version is refused with both versions named', () => {
    const next = Buffer.alloc(4);
    next.writeUInt32BE(PROJECT_FILE_FORMAT + 1);
    const error = expectRefused(patched(60, next), 'too_new');
    expect(error.params).toEqual({ found: PROJECT_FILE_FORMAT + 1, supported: PROJECT_FILE_FORMAT });
    expectRefused(patched(60, Buffer.alloc(4)), 'unexpected_schema');
  });

  test('triggers, views, extra or altered tables and indexes: refused before any table is read', () => {
    const cases: [string, (db: Db) => void][] = [
      [
        'trigger',
        (db) => db.exec('CREATE TRIGGER evil AFTER INSERT ON tasks BEGIN DELETE FROM projects; END'),
      ],
      ['view', (db) => db.exec('CREATE VIEW everything AS SELECT * FROM tasks')],
      ['extra table', (db) => db.exec('CREATE TABLE extra (x TEXT)')],
      ['extra index', (db) => db.exec('CREATE INDEX extra_by_name ON tasks(name)')],
      ['missing index', (db) => db.exec('DROP INDEX tasks_by_owner')],
      ['missing table', (db) => db.exec('DROP TABLE version_vectors')],
      ['added column', (db) => db.exec("ALTER TABLE tasks ADD COLUMN secret TEXT DEFAULT ''")],
      ['renamed column', (db) => db.exec('ALTER TABLE tasks RENAME COLUMN notes TO remarks')],
      ['version says 4, tables of 5', (db) => db.pragma('user_version = 4')],
      ['version says 3, tables of 5', (db) => db.pragma('user_version = 3')],
      [
        'loosened check, same names',
        (db) => {
          db.exec(`DROP TABLE task_checkins;
            CREATE TABLE task_checkins (id TEXT PRIMARY KEY, task_id TEXT, checkin_date TEXT, progress INTEGER,
              note TEXT, created_at TEXT, updated_at TEXT);
            CREATE INDEX checkins_by_task ON task_checkins(task_id, checkin_date);`);
        },
      ],
      ['analysed (sqlite_stat1)', (db) => db.exec('ANALYZE')],
    ];
    for (const [what, change] of cases) {
      const error = expectRefused(mutated(change), 'unexpected_schema');
      expect(error.params, what).toBeDefined();
    }
  });

  test('damaged pages and truncated files are corrupt', () => {
    const bytes = readFileSync(base);
    const pageSize = bytes.readUInt16BE(16);
    const tasksRoot = query<{ rootpage: number }>(
      base,
      "SELECT rootpage FROM sqlite_master WHERE name = 'tasks'",
    )[0]!.rootpage;
    expectRefused(patched((tasksRoot - 1) * pageSize, randomBytes(pageSize)), 'corrupt');
    // Page 1 after its 100-byte header holds the schema's root.
    expectRefused(patched(100, randomBytes(pageSize - 100)), 'corrupt');
    expectRefused(file('half.ctproj', bytes.subarray(0, Math.floor(bytes.length / 2))), 'corrupt');
    expectRefused(file('header-only.ctproj', bytes.subarray(0, 100)), 'corrupt');
    expectRefused(file('first-page.ctproj', bytes.subarray(0, pageSize)), 'corrupt');
  });

  test('too many rows, per table or in all, before the rows are loaded', () => {
    const actuals = query<{ n: number }>(base, 'SELECT count(*) AS n FROM metric_actuals')[0]!.n;
    const perTable = expectRefused(base, 'too_many_rows', { ...FILE_LIMITS, maxRowsPerTable: actuals - 1 });
    expect(perTable.params).toEqual({ table: 'metric_actuals', limit: actuals - 1 });
    expectRefused(base, 'too_many_rows', { ...FILE_LIMITS, maxRowsTotal: actuals });
  });

  test("missing or invalid file information, and a project that isn't there", () => {
    const cases: [string, (db: Db) => void][] = [
      [
        FILE_META.projectId,
        (db) => db.prepare('DELETE FROM app_meta WHERE key = ?').run(FILE_META.projectId),
      ],
      [
        FILE_META.kind,
        (db) => db.prepare("UPDATE app_meta SET value = 'backup' WHERE key = ?").run(FILE_META.kind),
      ],
      [
        FILE_META.exportedAt,
        (db) => db.prepare("UPDATE app_meta SET value = 'gestern' WHERE key = ?").run(FILE_META.exportedAt),
      ],
      [
        FILE_META.exporterId,
        (db) => db.prepare("UPDATE app_meta SET value = '' WHERE key = ?").run(FILE_META.exporterId),
      ],
      [
        FILE_META.exporterName,
        (db) =>
          db
            .prepare('UPDATE app_meta SET value = ? WHERE key = ?')
            .run('名'.repeat(5000), FILE_META.exporterName),
      ],
      [FILE_META.kind, (db) => db.exec('DELETE FROM app_meta')],
    ];
    for (const [key, change] of cases) {
      expect(expectRefused(mutated(change), 'missing_info').params).toEqual({ key });
    }
    expectRefused(
      mutated((db) =>
        db
          .prepare('UPDATE app_meta SET value = ? WHERE key = ?')
          .run('0190a000-0000-7000-8000-0000000000aa', FILE_META.projectId),
      ),
      'no_project',
    );
    expectRefused(
      mutated((db) => {
        db.pragma('foreign_keys = OFF');
        db.exec('DELETE FROM projects');
      }),
      'no_project',
    );
  });
});
