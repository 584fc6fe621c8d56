/**
 * Hostile and broken project files: a corpus of crafted files, each made at test time from a
 * valid exported file by a named generator, each read as the app reads a file someone sent
 * (readProjectFile, then insertBundle when the file is accepted). Every case ends one of two
 * ways: refused with file_refused and the expected reason, the app's database byte-for-byte the
 * same (logical checksum) and the file itself untouched; or imported safely, every row read back
 * from the database exactly as the file held it and nothing else in the database changed.
 * Random mutations of a valid file and random text in names and notes (fast-check) end the same
 * two ways, never with a crash or another kind of error.
 */
import {
  closeSync,
  copyFileSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../../src-main/db/ids';
import { APPLICATION_ID, openDatabase } from '../../src-main/db/open';
import { MIGRATIONS } from '../../src-main/db/migrations';
import {
  FILE_LIMITS,
  FILE_META,
  PROJECT_FILE_APPLICATION_ID,
  PROJECT_FILE_FORMAT,
  type ProjectBundle,
  type Row,
} from '../../src-main/project-file/format';
import { insertBundle } from '../../src-main/project-file/insert';
import { readProjectFile } from '../../src-main/project-file/read';
import {
  contentProblems,
  EXPECTED_COLUMNS,
  MAX_PROBLEMS,
  validateBundle,
} from '../../src-main/project-file/validate';
import { AppError, type AppErrorData } from '../../src-main/shared/errors';
import { hasControlCharacter, LONG_TEXT_MAX, MAX_FEN, NAME_MAX } from '../../src-main/shared/values';
import { readProjectBundle } from '../../src-main/sync/bundle';
import { PROJECT_TABLES, rowKey } from '../../src-main/sync/project-tables';
import { seedProject, seedTracking } from '../bench/seed';
import { prng } from '../bench/stats';
import { logicalHash, sha256File } from '../helpers/db';
import {
  appOver,
  exportProject,
  seedEveryTable,
  writeProjectFileByHand,
  type SeededProject,
} from '../helpers/project-files';
import { refusal } from '../helpers/refusal';

// ---- The valid starting point, made once ----
// Made while the file is collected, not in a beforeAll: the generators name its rows (ids of
// tasks, people …) when the cases are listed.

const suiteDir = mkdtempSync(join(tmpdir(), 'ct-hostile-'));
/** The app's own database the base file was exported from (closed). */
const APP_DB = join(suiteDir, 'campaign-tracker.sqlite');
/** A valid project file exported by the app: every generator starts from a copy of it. */
const BASE = join(suiteDir, 'base.ctproj');
/** An app database holding another project: each import target starts as a copy of it. */
const TARGET_TEMPLATE = join(suiteDir, 'target.sqlite');

function makeBase(): SeededProject {
  const source = appOver(APP_DB);
  try {
    const seeded = seedEveryTable(source);
    exportProject(source, seeded.projectId, BASE);
    return seeded;
  } finally {
    source.db.close();
  }
}
const S = makeBase();
const base: ProjectBundle = readProjectFile(BASE).bundle;
{
  const target = appOver(TARGET_TEMPLATE);
  seedEveryTable(target, '另一个项目');
  target.db.close();
}

afterAll(() => rmSync(suiteDir, { recursive: true, force: true }));

// ---- Expectations and the runner ----

type Expectation =
  | {
      kind: 'refused';
      /** The reason of the error (one of these). */
      reasons: readonly string[];
      /** For invalid_content: a problem with this reason (and path, when given) is listed. */
      problem?: { reason: string; path?: (string | number)[] };
      params?: Record<string, string | number>;
    }
  | { kind: 'accepted'; verify?: (imported: Imported) => void };

interface Case {
  name: string;
  /** Writes the crafted file at `file` (in a folder of its own). */
  make(file: string): void | Promise<void>;
  expect: Expectation;
  /** The reader must answer within this many ms (a hostile file must not make it work long). */
  maxMs?: number;
}

interface Imported {
  bundle: ProjectBundle;
  /** The app database the file was imported into (closed). */
  file: string;
  /** A query on that database, through a fresh connection. */
  rows(sql: string, ...params: unknown[]): Row[];
}

const refused = (
  reasons: string | readonly string[],
  params?: Record<string, string | number>,
): Expectation => ({ kind: 'refused', reasons: typeof reasons === 'string' ? [reasons] : reasons, params });
/** Refused by the content checks (validate.ts) for this problem. */
const invalid = (reason: string, path?: (string | number)[]): Expectation => ({
  kind: 'refused',
  reasons: ['invalid_content'],
  problem: { reason, path },
});
const accepted = (verify?: (imported: Imported) => void): Expectation => ({ kind: 'accepted', verify });

/** What identifies a file's content without reading it all (huge sparse files, links, folders). */
function fingerprint(file: string): string {
  const stat = lstatSync(file);
  if (stat.isSymbolicLink()) return `link to ${readlinkSync(file)}`;
  if (!stat.isFile()) return `mode ${stat.mode}`;
  return stat.size > 32 * 2 ** 20 ? `${stat.size} bytes @${stat.mtimeMs}` : sha256File(file);
}

function rawRows(file: string, sql: string, ...params: unknown[]): Row[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as Row[];
  } finally {
    db.close();
  }
}

/** An app database with another project in it, as the app has it open. */
function openTarget(dir: string): { file: string; db: Db } {
  const file = join(dir, 'campaign-tracker.sqlite');
  copyFileSync(TARGET_TEMPLATE, file);
  return { file, db: openDatabase({ file }) };
}

const byKey = (table: string) => {
  const t = PROJECT_TABLES.find((p) => p.name === table)!;
  return (a: Row, b: Row) => (rowKey(t, a) < rowKey(t, b) ? -1 : 1);
};
const sortedVersions = <T extends object>(rows: readonly T[]) =>
  [...rows].map((r) => JSON.stringify(r)).sort();

/**
 * Inserts an accepted bundle as the app does and checks the outcome from the file on disk: every
 * row of the project exactly as the bundle holds it, and the database minus that project exactly
 * as before (no trigger, table or row of anything else added, changed or removed).
 */
function importAndCheck(bundle: ProjectBundle, dir: string): Imported {
  const target = openTarget(dir);
  const before = logicalHash(target.file);
  insertBundle(target.db, bundle);
  target.db.close(); // checkpoints: the file alone now holds everything

  const projectId = bundle.info.projectId;
  for (const table of PROJECT_TABLES) {
    const stored = rawRows(target.file, `SELECT * FROM ${table.name} WHERE ${table.where}`, projectId);
    const expected = bundle.tables[table.name] ?? [];
    expect([...stored].sort(byKey(table.name)), table.name).toEqual([...expected].sort(byKey(table.name)));
  }
  const versions = (table: string) =>
    rawRows(target.file, `SELECT * FROM ${table} WHERE project_id = ?`, projectId);
  expect(sortedVersions(versions('field_versions'))).toEqual(sortedVersions(bundle.fieldVersions));
  expect(sortedVersions(versions('tombstones'))).toEqual(sortedVersions(bundle.tombstones));
  expect(sortedVersions(versions('version_vectors'))).toEqual(sortedVersions(bundle.versionVector));

  // Without the imported project, the database is what it was.
  const rest = join(dir, 'without-import.sqlite');
  copyFileSync(target.file, rest);
  const db = new Database(rest);
  db.pragma('foreign_keys = OFF');
  for (const table of [...PROJECT_TABLES].reverse()) {
    db.prepare(`DELETE FROM ${table.name} WHERE ${table.where}`).run(projectId);
  }
  for (const table of ['field_versions', 'tombstones', 'version_vectors']) {
    db.prepare(`DELETE FROM ${table} WHERE project_id = ?`).run(projectId);
  }
  db.close();
  expect(logicalHash(rest)).toBe(before);
  return { bundle, file: target.file, rows: (sql, ...params) => rawRows(target.file, sql, ...params) };
}

function asAppError(e: unknown, name: string): AppErrorData {
  if (!(e instanceof AppError))
    throw new Error(`${name}: threw something other than an AppError: ${String(e)}`);
  return e.data;
}

/** One app database per category of refused files: its checksum is compared around every case. */
function refusalTarget() {
  let target: { file: string; db: Db } | null = null;
  return {
    get(): { file: string; db: Db } {
      target ??= openTarget(mkdtempSync(join(suiteDir, 'refusals-')));
      return target;
    },
    close() {
      target?.db.close();
    },
  };
}

/** Reads the crafted file as the app does, then checks the outcome the case expects. */
async function runCase(c: Case, target: ReturnType<typeof refusalTarget>): Promise<void> {
  const dir = mkdtempSync(join(suiteDir, 'case-'));
  try {
    const file = join(dir, 'file.ctproj');
    await c.make(file);
    const fileBefore = fingerprint(file);
    const besideBefore = readdirSync(dir);
    const app = target.get();
    const appBefore = logicalHash(app.file);

    let read: { bundle: ProjectBundle } | null = null;
    let error: unknown = null;
    const started = performance.now();
    try {
      read = readProjectFile(file);
    } catch (e) {
      error = e;
    }
    const ms = performance.now() - started;
    if (c.maxMs !== undefined) expect(ms, 'time to answer').toBeLessThan(c.maxMs);
    // The file someone sent is only ever read: not changed, no -wal, -shm or -journal beside it.
    expect(fingerprint(file), 'the file is untouched').toBe(fileBefore);
    expect(readdirSync(dir), 'nothing appears beside the file').toEqual(besideBefore);

    if (c.expect.kind === 'refused') {
      expect(read, `${c.name} should be refused`).toBeNull();
      const data = asAppError(error, c.name);
      expect(data.code).toBe('file_refused');
      expect(c.expect.reasons, `reason ${data.reason} (${JSON.stringify(data.params)})`).toContain(
        data.reason,
      );
      if (c.expect.params) expect(data.params).toMatchObject(c.expect.params);
      if (c.expect.problem) {
        const { reason, path } = c.expect.problem;
        expect(data.problems, JSON.stringify(data.problems)).toContainEqual(
          expect.objectContaining(path ? { reason, path } : { reason }),
        );
      }
      expect(logicalHash(app.file), 'the app database is unchanged').toBe(appBefore);
    } else {
      if (error) throw error;
      const imported = importAndCheck(read!.bundle, dir);
      c.expect.verify?.(imported);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One named test per case of a category, all against one app database. */
function corpus(category: string, cases: () => Case[]) {
  const list = cases();
  describe(category, () => {
    const target = refusalTarget();
    afterAll(() => target.close());
    it.each(list.map((c) => [c.name, c] as const))('%s', async (_name, c) => runCase(c, target));
  });
  return list.length;
}

// ---- Building blocks for the generators ----

const copyBase = (file: string) => copyFileSync(BASE, file);
/** Triggers other than the schema's own (the amount bounds of migration 6). */
const OTHER_TRIGGERS =
  "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE '%\\_bound\\_%' ESCAPE '\\'";

/** Changes a copy of the base through SQLite: foreign keys off, CHECK constraints optionally ignored. */
function edited(fn: (db: Db) => void, options: { ignoreChecks?: boolean } = {}) {
  return (file: string) => {
    copyBase(file);
    const db = new Database(file);
    try {
      db.pragma('foreign_keys = OFF');
      if (options.ignoreChecks) db.pragma('ignore_check_constraints = ON');
      withoutBoundTriggers(db, () => fn(db));
    } finally {
      db.close();
    }
  };
}
const sql = (text: string, ...params: unknown[]) => edited((db) => db.prepare(text).run(...params));
/** Rewrites the stored CREATE text of schema objects (writable_schema), as a hand-edited file would. */
const schemaText = (text: string) => edited((db) => editSchema(db, () => db.prepare(text).run()));
const sqlIgnoringChecks = (text: string, ...params: unknown[]) =>
  edited((db) => db.prepare(text).run(...params), { ignoreChecks: true });

/** Overwrites bytes of a file in place. */
function patch(file: string, offset: number, bytes: Buffer | number[]) {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.from(bytes), 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const copyPatched = (offset: number, bytes: Buffer | number[]) => (file: string) => {
  copyBase(file);
  patch(file, offset, bytes);
};

/** Edits sqlite_master directly (writable_schema), as a hand-made file can. */
function editSchema(db: Db, fn: () => void) {
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  fn();
  db.pragma('writable_schema = OFF');
  db.unsafeMode(false);
}

/**
 * Runs `fn` while the table's schema reads as `loosened` (e.g. a column declared ANY, a NOT NULL
 * dropped), then puts the original text back: the file's schema then reads exactly as ours while
 * its rows hold what our schema forbids.
 */
/**
 * Another program does not run the schema's own triggers (the amount bounds of migration 6):
 * they are set aside while it writes and put back exactly as they were, so the schema stays the
 * app's.
 */
function withoutBoundTriggers(db: Db, fn: () => void) {
  const bounds = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_bound\\_%' ESCAPE '\\'",
    )
    .all() as { name: string; sql: string }[];
  for (const t of bounds) db.exec(`DROP TRIGGER ${t.name}`);
  fn();
  for (const t of bounds) db.exec(t.sql);
}

function withLoosenedTable(
  file: string,
  table: string,
  loosen: (sql: string) => string,
  fn: (db: Db) => void,
) {
  let db = new Database(file);
  const original = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(table) as string;
  const loosened = loosen(original);
  if (loosened === original) throw new Error(`the schema of ${table} was not changed`);
  editSchema(db, () => db.prepare('UPDATE sqlite_master SET sql = ? WHERE name = ?').run(loosened, table));
  db.close();
  db = new Database(file);
  try {
    db.pragma('foreign_keys = OFF');
    withoutBoundTriggers(db, () => fn(db));
    editSchema(db, () => db.prepare('UPDATE sqlite_master SET sql = ? WHERE name = ?').run(original, table));
  } finally {
    db.close();
  }
}

/**
 * Inserts `row` into `table` past one of its UNIQUE indexes, leaving a file that passes
 * quick_check: the row goes in while the index's b-tree is swapped for an empty one, and one
 * filler entry is put into the real index (through a twin table) so its entry count still
 * matches the table's. Only integrity_check (or the content checks) can tell.
 */
function insertPastUniqueIndex(file: string, table: string, index: string, row: Row, filler: Row) {
  let db = new Database(file);
  const tableSql = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(table) as string;
  const twin = `twin_${table}`;
  db.exec(tableSql.replace(`CREATE TABLE ${table} (`, `CREATE TABLE ${twin} (`));
  const root = (name: string) =>
    db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(name) as number;
  const twinIndex = index.replace(`sqlite_autoindex_${table}_`, `sqlite_autoindex_${twin}_`);
  const [real, spare] = [root(index), root(twinIndex)];
  const swap = (a: number, b: number) => {
    editSchema(db, () => {
      db.prepare('UPDATE sqlite_master SET rootpage = ? WHERE name = ?').run(a, index);
      db.prepare('UPDATE sqlite_master SET rootpage = ? WHERE name = ?').run(b, twinIndex);
    });
    db.close();
    db = new Database(file);
    db.pragma('foreign_keys = OFF');
  };
  const insert = (into: string, r: Row) =>
    db
      .prepare(
        `INSERT INTO ${into} (${Object.keys(r).join(', ')}) VALUES (${Object.keys(r)
          .map(() => '?')
          .join(', ')})`,
      )
      .run(...Object.values(r));
  try {
    swap(spare, real);
    insert(table, row);
    insert(twin, filler);
    swap(real, spare);
    db.exec(`DROP TABLE ${twin}`);
  } finally {
    db.close();
  }
}

const baseRow = (table: string, where: (r: Row) => boolean = () => true): Row => {
  const row = (base.tables[table] ?? []).find(where);
  if (!row) throw new Error(`no ${table} row in the base file`);
  return row;
};
const STAMP = '2024-05-01T08:00:00.000Z';

function randomBytes(seed: number, length: number): Buffer {
  const random = prng(seed);
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

const writeBytes = (bytes: Buffer | string) => (file: string) => writeFileSync(file, bytes);

/** A SQLite database made from scratch by `fn` (its own application id and version). */
const sqliteFile = (fn: (db: Db) => void) => (file: string) => {
  const db = new Database(file);
  try {
    fn(db);
  } finally {
    db.close();
  }
};

// ---- The corpus ----

const counts: Record<string, number> = {};

counts.empty = corpus('empty and nearly empty files', () => [
  { name: 'zero bytes', make: writeBytes(''), expect: refused('empty') },
  { name: 'one NUL byte', make: writeBytes(Buffer.from([0])), expect: refused('not_sqlite') },
  { name: 'a newline', make: writeBytes('\n'), expect: refused('not_sqlite') },
  { name: 'spaces', make: writeBytes('      '), expect: refused('not_sqlite') },
  { name: 'the magic string alone', make: writeBytes('SQLite format 3\0'), expect: refused('not_sqlite') },
  { name: '100 zero bytes', make: writeBytes(Buffer.alloc(100)), expect: refused('not_sqlite') },
]);

counts.truncated = corpus('truncated at many offsets', () => {
  // Before the header is whole the file is not SQLite; after, SQLite finds pages missing.
  const offsets = [
    1, 15, 16, 50, 99, 100, 101, 200, 511, 1000, 2048, 4095, 4096, 4097, 6000, 8191, 8192, 8193,
  ];
  const fractions = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99];
  const cases: Case[] = offsets.map((at) => ({
    name: `${at} bytes kept`,
    make: (file: string) => {
      copyBase(file);
      const fd = openSync(file, 'r+');
      ftruncateSync(fd, at);
      closeSync(fd);
    },
    expect: refused(at < 100 ? 'not_sqlite' : 'corrupt'),
  }));
  for (const fraction of fractions) {
    cases.push({
      name: `${fraction * 100}% of the file kept`,
      make: (file: string) => {
        copyBase(file);
        const size = statSync(file).size;
        const fd = openSync(file, 'r+');
        ftruncateSync(fd, Math.floor(size * fraction));
        closeSync(fd);
      },
      expect: refused('corrupt'),
    });
  }
  cases.push(
    {
      // SQLite reads the missing end of the last page as zeros and quick_check passes: a NUL
      // appears in a text, which the content checks refuse (a number would pass unnoticed, so
      // the reader is better off refusing a file that is not a whole number of pages).
      name: 'last byte cut',
      make: (file) => {
        copyBase(file);
        const fd = openSync(file, 'r+');
        ftruncateSync(fd, statSync(file).size - 1);
        closeSync(fd);
      },
      expect: refused(['corrupt', 'invalid_content']),
    },
    {
      name: 'last page cut',
      make: (file) => {
        copyBase(file);
        const fd = openSync(file, 'r+');
        ftruncateSync(fd, statSync(file).size - 4096);
        closeSync(fd);
      },
      expect: refused('corrupt'),
    },
  );
  return cases;
});

counts.random = corpus('random bytes (seeded)', () => {
  const sizes = [1, 7, 99, 100, 101, 512, 4096, 4097, 65_536, 1_048_576];
  const cases: Case[] = sizes.map((size, i) => ({
    name: `${size} random bytes`,
    make: writeBytes(randomBytes(1000 + i, size)),
    expect: refused('not_sqlite'),
  }));
  // Random bytes behind a real header: SQLite itself must find them unreadable.
  for (const [i, size] of [4096, 8192, 65_536, 262_144].entries()) {
    cases.push({
      name: `the base file's 100-byte header then ${size} random bytes`,
      make: (file) => {
        const header = readFileSync(BASE).subarray(0, 100);
        writeFileSync(file, Buffer.concat([header, randomBytes(2000 + i, size)]));
      },
      expect: refused('corrupt'),
    });
  }
  cases.push({
    name: 'the SQLite magic string then random bytes',
    make: writeBytes(Buffer.concat([Buffer.from('SQLite format 3\0'), randomBytes(3000, 8192)])),
    expect: refused('not_project_file'),
  });
  cases.push({
    name: 'the base file with its first page random',
    make: (file) => {
      copyBase(file);
      patch(file, 100, randomBytes(4000, 4096 - 100));
    },
    expect: refused('corrupt'),
  });
  return cases;
});

counts.otherFormats = corpus('other formats renamed to .ctproj', () => {
  const xlsx = async (file: string) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('表2 执行任务拆解表');
    sheet.addRow(['任务ID', '任务名称', '负责人']);
    sheet.addRow(['M001', '小红书种草笔记', '李内容']);
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  };
  const emptyZip = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...Array<number>(18).fill(0)]);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
    Buffer.from('0000000d4944415478da63f8cfc0f01f0005000201a3b1b4a60000000049454e44ae426082', 'hex'),
  ]);
  const pdf =
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  return [
    { name: 'xlsx made with exceljs', make: xlsx, expect: refused('not_sqlite') },
    { name: 'an empty zip archive', make: writeBytes(emptyZip), expect: refused('not_sqlite') },
    { name: 'PNG image', make: writeBytes(png), expect: refused('not_sqlite') },
    { name: 'PDF document', make: writeBytes(pdf), expect: refused('not_sqlite') },
    {
      name: 'the project as JSON',
      make: (file) => writeFileSync(file, JSON.stringify(base)),
      expect: refused('not_sqlite'),
    },
    {
      name: 'CSV of Table 2 (WPS export)',
      make: (file) => copyFileSync(join(__dirname, '../fixtures/tasks-wps.csv'), file),
      expect: refused('not_sqlite'),
    },
    {
      name: 'xlsx from LibreOffice',
      make: (file) => copyFileSync(join(__dirname, '../fixtures/tasks-libreoffice.xlsx'), file),
      expect: refused('not_sqlite'),
    },
    {
      name: 'UTF-16 text that spells the SQLite magic',
      make: writeBytes(Buffer.from('\ufeffSQLite format 3\0 and more text', 'utf16le')),
      expect: refused('not_sqlite'),
    },
    {
      name: 'HTML with a script',
      make: writeBytes('<!doctype html><script>alert(1)</script>'),
      expect: refused('not_sqlite'),
    },
    {
      name: 'the base file gzipped',
      make: (file) => writeFileSync(file, gzipSync(readFileSync(BASE))),
      expect: refused('not_sqlite'),
    },
    {
      name: 'a Windows executable header',
      make: writeBytes(Buffer.concat([Buffer.from('MZ'), randomBytes(5000, 1024)])),
      expect: refused('not_sqlite'),
    },
    {
      name: "the app's own database (campaign-tracker.sqlite)",
      make: (file) => copyFileSync(APP_DB, file),
      expect: refused('not_project_file'),
    },
    {
      name: 'a plain SQLite database of another program',
      make: sqliteFile((db) => db.exec("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('hi')")),
      expect: refused('not_project_file'),
    },
    {
      name: 'an empty SQLite database with our application id',
      make: sqliteFile((db) => {
        db.pragma(`application_id = ${PROJECT_FILE_APPLICATION_ID}`);
        db.exec('CREATE TABLE x (a); DROP TABLE x'); // something must be written for a header
      }),
      expect: refused('unexpected_schema'),
    },
    {
      name: "another program's tables with our application id and version",
      make: sqliteFile((db) => {
        db.pragma(`application_id = ${PROJECT_FILE_APPLICATION_ID}`);
        db.pragma(`user_version = ${PROJECT_FILE_FORMAT}`);
        db.exec('CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT)');
      }),
      expect: refused('unexpected_schema'),
    },
    {
      name: 'the app database schema marked as a project file',
      make: (file) => {
        copyFileSync(APP_DB, file);
        const db = new Database(file);
        db.pragma('journal_mode = DELETE');
        db.pragma(`application_id = ${PROJECT_FILE_APPLICATION_ID}`);
        db.close();
      },
      expect: refused('missing_info', { key: FILE_META.kind }),
    },
  ] satisfies Case[];
});

/** What migration 6 (issues, feedback, root causes, adjustments) added: its tables and columns. */
const MIGRATION_6_TABLES: readonly string[] = PROJECT_TABLES.map((t) => t.name).slice(
  PROJECT_TABLES.findIndex((t) => t.name === 'project_identities'),
);
const MIGRATION_6_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  projects: [
    'issue_categories',
    'feedback_channels',
    'cause_categories',
    'major_budget_pct',
    'major_end_date',
    'major_goal_target',
  ],
  modules: ['budget_fen'],
  module_snapshots: ['open_issues', 'adjustments'],
};
const addedBy6 = (table: string, column: string) => MIGRATION_6_COLUMNS[table]?.includes(column) === true;

counts.versions = corpus('format versions: newer refused, older migrated', () => {
  const withVersion = (version: number) => (file: string) => {
    copyBase(file);
    patch(file, 60, u32(version));
  };
  const older = (version: number) => (file: string) => writeProjectFileByHand(base, file, { version });
  /** The rows a file of that version could hold, as the current schema reads them after migrating. */
  const migratedIdentical = (version: number) => (imported: Imported) => {
    expect(imported.bundle.info.format).toBe(version);
    for (const table of ['projects', 'people', 'modules', 'tasks']) {
      const stored = imported.rows(
        `SELECT * FROM ${table} WHERE ${table === 'projects' ? 'id' : 'project_id'} = ?`,
        S.projectId,
      );
      const columns = new Set(
        rawRows(imported.file, `SELECT name FROM pragma_table_info('${table}')`).map((r) => r.name as string),
      );
      expect(stored.length).toBe(base.tables[table]!.length);
      for (const row of stored) {
        const original = base.tables[table]!.find((r) => r.id === row.id)!;
        for (const column of columns) {
          const addedLater =
            (version < 4 && ['tracking_cycle', 'gap_threshold'].includes(column)) ||
            (version < 6 && addedBy6(table, column));
          const linkColumns = version < 2 && ['milestone', 'blocked'].includes(column);
          if (!addedLater && !linkColumns)
            expect(row[column], `${table}.${column}`).toEqual(original[column]);
        }
      }
    }
  };
  return [
    ...[PROJECT_FILE_FORMAT + 1, PROJECT_FILE_FORMAT + 2, 100, 2 ** 31 - 1].map((v) => ({
      name: `user_version ${v} (newer)`,
      make: withVersion(v),
      expect: refused('too_new', { found: v, supported: PROJECT_FILE_FORMAT }),
    })),
    { name: 'user_version 0', make: withVersion(0), expect: refused('unexpected_schema') },
    { name: 'user_version -1', make: withVersion(2 ** 32 - 1), expect: refused('unexpected_schema') },
    ...(
      [
        [4, 'before merge versions'],
        [5, 'before issues, feedback and adjustments'],
      ] as const
    ).map(([version, what]) => ({
      name: `format ${version} (${what}): migrated and imported, every row it could hold as written`,
      make: older(version),
      expect: accepted((imported) => {
        expect(imported.bundle.info.format).toBe(version);
        const strip = (table: string, rows: readonly Row[]) =>
          rows.map((r) => Object.fromEntries(Object.entries(r).filter(([c]) => !addedBy6(table, c))));
        for (const table of PROJECT_TABLES) {
          const rows = imported.bundle.tables[table.name]!;
          if (MIGRATION_6_TABLES.includes(table.name)) {
            expect(rows, table.name).toEqual([]);
            continue;
          }
          expect(rows.length, table.name).toBe(base.tables[table.name]!.length);
          expect(strip(table.name, [...rows].sort(byKey(table.name)))).toEqual(
            strip(table.name, [...base.tables[table.name]!].sort(byKey(table.name))),
          );
        }
        if (version === 4) expect(imported.bundle.fieldVersions).toEqual([]);
        else expect(imported.bundle.fieldVersions.length).toBeGreaterThan(0);
      }),
    })),
    { name: 'format 3: migrated and imported', make: older(3), expect: accepted(migratedIdentical(3)) },
    { name: 'format 2: migrated and imported', make: older(2), expect: accepted(migratedIdentical(2)) },
    { name: 'format 1: migrated and imported', make: older(1), expect: accepted(migratedIdentical(1)) },
    {
      name: 'format 4 claiming format 5 (schema of 4, user_version 5)',
      make: (file) => {
        older(4)(file);
        patch(file, 60, u32(5));
      },
      expect: refused('unexpected_schema'),
    },
    {
      name: 'format 6 claiming format 4',
      make: withVersion(4),
      expect: refused('unexpected_schema'),
    },
    {
      name: 'format 6 claiming format 5 (tables of issues and adjustments in a format-5 file)',
      make: withVersion(5),
      expect: refused('unexpected_schema'),
    },
    {
      name: 'format 5 claiming format 6 (schema of 5, user_version 6)',
      make: (file) => {
        older(5)(file);
        patch(file, 60, u32(6));
      },
      expect: refused('unexpected_schema'),
    },
  ] satisfies Case[];
});

counts.applicationId = corpus('application id', () =>
  [
    ['0 (an unmarked database)', 0],
    ["the app's database id CTRK", APPLICATION_ID],
    ['0x12345678', 0x12345678],
    ['-1', 0xffffffff],
    ['CTPF byte-swapped', 0x46505443],
  ].map(([label, id]) => ({
    name: `application_id ${label}`,
    make: copyPatched(68, u32(id as number)),
    expect: refused('not_project_file'),
  })),
);

counts.meta = corpus('file information and the project row', () => {
  const cases: Case[] = Object.values(FILE_META).map((key) => ({
    name: `${key} missing`,
    make: sql('DELETE FROM app_meta WHERE key = ?', key),
    expect: refused('missing_info', { key }),
  }));
  const metaValue = (key: string, value: string) =>
    sql('UPDATE app_meta SET value = ? WHERE key = ?', value, key);
  cases.push(
    {
      name: "file.kind is 'backup'",
      make: metaValue(FILE_META.kind, 'backup'),
      expect: refused('missing_info'),
    },
    {
      name: 'file.exported_at is not a date',
      make: metaValue(FILE_META.exportedAt, 'yesterday'),
      expect: refused('missing_info'),
    },
    {
      name: 'file.project_id is empty',
      make: metaValue(FILE_META.projectId, ''),
      expect: refused('missing_info'),
    },
    {
      name: 'file.exporter_name of 201 characters',
      make: metaValue(FILE_META.exporterName, 'x'.repeat(201)),
      expect: refused('missing_info'),
    },
    {
      name: 'file.exporter_name of 10 MB',
      make: metaValue(FILE_META.exporterName, '名'.repeat(10 * 2 ** 20)),
      expect: refused('missing_info'),
    },
    {
      name: 'file.exporter_name with a NUL',
      make: metaValue(FILE_META.exporterName, 'Bob\0'),
      expect: invalid('control_character', ['info', 'exporterName']),
    },
    {
      name: 'file.exporter_id is not an id',
      make: metaValue(FILE_META.exporterId, "' OR 1=1 --"),
      expect: invalid('invalid_format', ['info', 'exporterId']),
    },
    {
      name: 'file.project_id names no project in the file',
      make: metaValue(FILE_META.projectId, newId()),
      expect: refused('no_project'),
    },
    {
      name: 'file.project_id is an SQL injection',
      make: metaValue(FILE_META.projectId, "x' OR '1'='1"),
      expect: refused('no_project'),
    },
    {
      name: 'the project row deleted',
      make: sql('DELETE FROM projects'),
      expect: refused('no_project'),
    },
    {
      name: 'project id changed in the row but not in the file information',
      make: sql('UPDATE projects SET id = ?', newId()),
      expect: refused('no_project'),
    },
    {
      name: "the project's id is not a UUID (row, rows under it and file information alike)",
      make: edited((db) => {
        const odd = 'project-1';
        for (const table of [
          'people',
          'modules',
          'tasks',
          'metrics',
          'tracking_periods',
          'spend_entries',
          'lessons',
          'field_versions',
          'tombstones',
          'version_vectors',
        ]) {
          db.prepare(`UPDATE ${table} SET project_id = ?`).run(odd);
        }
        db.prepare('UPDATE projects SET id = ?').run(odd);
        db.prepare('UPDATE app_meta SET value = ? WHERE key = ?').run(odd, FILE_META.projectId);
      }),
      expect: invalid('invalid_format', ['info', 'projectId']),
    },
    {
      name: 'a second project in the file: only the project the file names is imported',
      make: edited((db) => {
        const other = newId();
        db.prepare(
          `INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, '夹带的项目', ?, ?)`,
        ).run(other, STAMP, STAMP);
        db.prepare(
          `INSERT INTO tasks (id, project_id, code, name, position, created_at, updated_at)
           VALUES (?, ?, 'M001', '夹带的任务', 0, ?, ?)`,
        ).run(newId(), other, STAMP, STAMP);
      }),
      expect: accepted((imported) => {
        expect(imported.rows("SELECT * FROM projects WHERE name = '夹带的项目'")).toEqual([]);
        expect(imported.rows("SELECT * FROM tasks WHERE name = '夹带的任务'")).toEqual([]);
      }),
    },
    {
      name: 'rows of another project referenced by the project (an owner from elsewhere)',
      make: edited((db) => {
        const other = newId();
        const stranger = newId();
        db.prepare(`INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, 'B', ?, ?)`).run(
          other,
          STAMP,
          STAMP,
        );
        db.prepare(
          `INSERT INTO people (id, project_id, name, position, created_at, updated_at) VALUES (?, ?, '外人', 0, ?, ?)`,
        ).run(stranger, other, STAMP, STAMP);
        db.prepare('UPDATE tasks SET owner_id = ? WHERE id = ?').run(stranger, S.tasks.a);
      }),
      expect: invalid('dangling_reference'),
    },
    {
      name: 'a row of the project marked with another project id',
      make: edited((db) => {
        const other = newId();
        db.prepare(`INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, 'B', ?, ?)`).run(
          other,
          STAMP,
          STAMP,
        );
        db.prepare('UPDATE metrics SET project_id = ? WHERE id = ?').run(other, S.metrics.conversion);
        // What names the metric no longer does (else it would dangle: a case of its own below).
        db.prepare('UPDATE feedback SET metric_id = NULL WHERE metric_id = ?').run(S.metrics.conversion);
        db.prepare('UPDATE adjustments SET expected_metric_id = NULL WHERE expected_metric_id = ?').run(
          S.metrics.conversion,
        );
        db.prepare('UPDATE adjustment_changes SET metric_id = NULL WHERE metric_id = ?').run(
          S.metrics.conversion,
        );
        // Its actuals are still reached through the metric's id: selected with the project's.
      }),
      expect: accepted((imported) => {
        expect(imported.rows('SELECT * FROM metrics WHERE id = ?', S.metrics.conversion)).toEqual([]);
        expect(
          imported.rows('SELECT * FROM metric_actuals WHERE metric_id = ?', S.metrics.conversion),
        ).toEqual([]);
      }),
    },
    {
      name: 'extra app_meta rows of 10 MB (not part of the project, not imported)',
      make: sql("INSERT INTO app_meta (key, value) VALUES ('padding', ?)", 'x'.repeat(10 * 2 ** 20)),
      expect: accepted((imported) => {
        expect(imported.rows("SELECT * FROM app_meta WHERE key = 'padding'")).toEqual([]);
      }),
    },
  );
  return cases;
});

counts.duplicates = corpus('duplicate identifiers (past a unique index, quick_check still ok)', () => {
  const row = (table: string, where: (r: Row) => boolean, changes: Row): Row => ({
    ...baseRow(table, where),
    ...changes,
  });
  const dup = (
    name: string,
    table: string,
    index: string,
    make: () => { row: Row; filler: Row },
    expectation: Expectation,
  ): Case => ({
    name,
    make: (file) => {
      copyBase(file);
      const { row: r, filler } = make();
      insertPastUniqueIndex(file, table, index, r, filler);
    },
    expect: expectation,
  });
  const task = (id: string) => (r: Row) => r.id === id;
  return [
    dup(
      'two tasks with one id',
      'tasks',
      'sqlite_autoindex_tasks_1',
      () => ({
        row: row('tasks', task(S.tasks.a), { code: 'M090', name: '同一个id' }),
        filler: row('tasks', task(S.tasks.a), { id: newId(), code: 'M091' }),
      }),
      invalid('duplicate_id'),
    ),
    dup(
      'two tasks with one code',
      'tasks',
      'sqlite_autoindex_tasks_2',
      () => ({
        row: row('tasks', task(S.tasks.a), { id: newId(), name: '同一个任务ID' }),
        filler: row('tasks', task(S.tasks.a), { id: newId(), code: 'M092' }),
      }),
      invalid('duplicate_code'),
    ),
    dup(
      'two people with one id',
      'people',
      'sqlite_autoindex_people_1',
      () => ({
        row: row('people', (r) => r.id === S.people.bob, { name: '冒名者' }),
        filler: row('people', (r) => r.id === S.people.bob, { id: newId() }),
      }),
      invalid('duplicate_id'),
    ),
    dup(
      'two modules with one id',
      'modules',
      'sqlite_autoindex_modules_1',
      () => ({
        row: row('modules', (r) => r.id === S.modules.social, { name: '影子模块' }),
        filler: row('modules', (r) => r.id === S.modules.social, { id: newId() }),
      }),
      invalid('duplicate_id'),
    ),
    dup(
      'two metrics with one id',
      'metrics',
      'sqlite_autoindex_metrics_1',
      () => ({
        row: row('metrics', (r) => r.id === S.metrics.reach, { name: '重复指标' }),
        filler: row('metrics', (r) => r.id === S.metrics.reach, { id: newId() }),
      }),
      invalid('duplicate_id'),
    ),
    dup(
      'two spend entries with one id',
      'spend_entries',
      'sqlite_autoindex_spend_entries_1',
      () => ({
        row: row('spend_entries', () => true, { amount_fen: 1 }),
        filler: row('spend_entries', () => true, { id: newId() }),
      }),
      invalid('duplicate_id'),
    ),
    dup(
      'two tracking periods with one id',
      'tracking_periods',
      'sqlite_autoindex_tracking_periods_1',
      () => ({
        row: row('tracking_periods', (r) => r.id === S.periodIds[1], {
          start_date: '2024-06-01',
          end_date: '2024-06-07',
        }),
        filler: row('tracking_periods', (r) => r.id === S.periodIds[1], {
          id: newId(),
          start_date: '2024-07-01',
          end_date: '2024-07-07',
        }),
      }),
      invalid('duplicate_id'),
    ),
    dup(
      'a predecessor link twice',
      'task_links',
      'sqlite_autoindex_task_links_1',
      () => ({
        row: row('task_links', () => true, {}),
        filler: { predecessor_id: newId(), successor_id: newId() },
      }),
      invalid('duplicate_id'),
    ),
    dup(
      'two check-ins with one id',
      'task_checkins',
      'sqlite_autoindex_task_checkins_1',
      () => ({
        row: row('task_checkins', () => true, { progress: 90 }),
        filler: row('task_checkins', () => true, { id: newId() }),
      }),
      invalid('duplicate_id'),
    ),
    dup(
      'two metric values with one id',
      'metric_actuals',
      'sqlite_autoindex_metric_actuals_1',
      () => ({
        row: row('metric_actuals', (r) => r.metric_id === S.metrics.reach, {
          period_start: '2024-05-08',
          period_end: '2024-05-14',
        }),
        filler: row('metric_actuals', (r) => r.metric_id === S.metrics.reach, {
          id: newId(),
          period_start: '2024-05-15',
          period_end: '2024-05-21',
        }),
      }),
      invalid('duplicate_id'),
    ),
    {
      name: 'the same task id in two tables (a task and a person): ids are per table',
      make: edited((db) => {
        db.prepare('UPDATE people SET id = ? WHERE id = ?').run(S.tasks.c, S.people.bob);
        for (const [table, column] of [
          ['people', 'reports_to_id'],
          ['modules', 'owner_id'],
          ['tasks', 'owner_id'],
          ['adjustment_changes', 'new_owner_id'],
        ]) {
          db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`).run(S.tasks.c, S.people.bob);
        }
        db.prepare("UPDATE field_versions SET row_key = ? WHERE tbl = 'people' AND row_key = ?").run(
          JSON.stringify({ id: S.tasks.c }),
          JSON.stringify({ id: S.people.bob }),
        );
      }),
      expect: accepted((imported) => {
        expect(imported.rows('SELECT name FROM people WHERE id = ?', S.tasks.c)).toEqual([{ name: 'Bob' }]);
      }),
    },
  ];
});

counts.dangling = corpus('dangling references', () => {
  const ghost = '01890000-0000-7000-8000-000000000000';
  const dangling = (table: string, column: string, where: string, target: string): Case => ({
    name: `${table}.${column} names a ${target} row that is not in the file`,
    make: sql(`UPDATE ${table} SET ${column} = ? WHERE ${where}`, ghost),
    expect: invalid('dangling_reference'),
  });
  const cases: Case[] = [
    dangling('projects', 'owner_id', '1', 'people'),
    dangling('people', 'reports_to_id', `id = '${S.people.bob}'`, 'people'),
    dangling('modules', 'owner_id', `id = '${S.modules.social}'`, 'people'),
    dangling('tasks', 'owner_id', `id = '${S.tasks.a}'`, 'people'),
    dangling('tasks', 'module_id', `id = '${S.tasks.a}'`, 'modules'),
    dangling('tasks', 'parent_id', `id = '${S.tasks.c}'`, 'tasks'),
    dangling(
      'task_links',
      'predecessor_id',
      `successor_id = '${S.tasks.c}' AND predecessor_id = '${S.tasks.a}'`,
      'tasks',
    ),
    dangling('metrics', 'module_id', `id = '${S.metrics.conversion}'`, 'modules'),
    dangling('metrics', 'task_id', `id = '${S.metrics.reach}'`, 'tasks'),
    dangling('spend_entries', 'module_id', 'module_id IS NOT NULL', 'modules'),
    dangling('spend_entries', 'task_id', 'task_id IS NOT NULL', 'tasks'),
    dangling('lessons', 'module_id', 'module_id IS NOT NULL', 'modules'),
  ];
  // Rows hanging off a missing row are not reached from the project at all: left out, the rest imported.
  const orphan = (table: string, column: string, where: string): Case => ({
    name: `${table}.${column} names a missing row: that row is not imported`,
    make: sql(`UPDATE ${table} SET ${column} = ? WHERE ${where}`, ghost),
    expect: accepted((imported) => {
      expect(imported.rows(`SELECT * FROM ${table} WHERE ${column} = ?`, ghost)).toEqual([]);
      expect(imported.bundle.tables[table]!.length).toBe(base.tables[table]!.length - 1);
    }),
  });
  cases.push(
    orphan('task_links', 'successor_id', `successor_id = '${S.tasks.b2}'`),
    orphan('metric_actuals', 'metric_id', `metric_id = '${S.metrics.reach}'`),
    orphan('task_checkins', 'task_id', '1'),
    {
      name: 'module_snapshots.module_id names a deleted module: kept (the history outlives it)',
      make: sql(
        'UPDATE module_snapshots SET module_id = ? WHERE rowid = (SELECT min(rowid) FROM module_snapshots)',
        ghost,
      ),
      expect: accepted((imported) => {
        expect(
          imported.rows('SELECT module_id FROM module_snapshots WHERE module_id = ?', ghost),
        ).toHaveLength(1);
      }),
    },
  );
  return cases;
});

counts.cycles = corpus('loops: predecessors, parents, reporting lines', () => {
  const link = (pred: string, succ: string) =>
    `INSERT INTO task_links (predecessor_id, successor_id) VALUES ('${pred}', '${succ}')`;
  const { a, b, b1, b2, c } = S.tasks;
  return [
    { name: 'links: C → A closes A → C', make: sql(link(c, a)), expect: invalid('cycle') },
    { name: 'links: C → B1 closes B1 → B2 → C', make: sql(link(c, b1)), expect: invalid('cycle') },
    {
      name: 'links: a loop over all five tasks',
      make: edited((db) => {
        db.exec('DELETE FROM task_links');
        for (const [p, s] of [
          [a, b],
          [b, b1],
          [b1, b2],
          [b2, c],
          [c, a],
        ] as const)
          db.exec(link(p, s));
      }),
      expect: invalid('cycle'),
    },
    {
      name: 'links: two separate loops',
      make: edited((db) => {
        db.exec(link(c, a));
        db.exec(link(b, b1));
        db.exec(link(b1, b));
      }),
      expect: invalid('cycle'),
    },
    {
      name: 'links: a task its own predecessor (CHECK ignored)',
      make: sqlIgnoringChecks(link(a, a)),
      expect: invalid('cycle'),
    },
    {
      name: 'parents: a task its own parent',
      make: sql('UPDATE tasks SET parent_id = id WHERE id = ?', a),
      expect: invalid('cycle', ['tasks', base.tables.tasks!.findIndex((t) => t.id === a), 'parent_id']),
    },
    {
      name: 'parents: B under B1, B1 under B',
      make: sql('UPDATE tasks SET parent_id = ? WHERE id = ?', b1, b),
      expect: invalid('cycle'),
    },
    {
      name: 'parents: A under C, C under B2, B2 under B, B under A',
      make: edited((db) => {
        const set = db.prepare('UPDATE tasks SET parent_id = ? WHERE id = ?');
        set.run(c, a);
        set.run(b2, c);
        set.run(a, b);
      }),
      expect: invalid('cycle'),
    },
    {
      name: 'reporting: a person reports to themself',
      make: sql('UPDATE people SET reports_to_id = id WHERE id = ?', S.people.bob),
      expect: invalid('cycle'),
    },
    {
      name: 'reporting: the boss reports to Bob, who reports up to the boss',
      make: sql('UPDATE people SET reports_to_id = ? WHERE id = ?', S.people.bob, S.people.boss),
      expect: invalid('cycle'),
    },
    {
      name: 'reporting: the boss reports to Alice, who reports to the boss',
      make: sql('UPDATE people SET reports_to_id = ? WHERE id = ?', S.people.alice, S.people.boss),
      expect: invalid('cycle'),
    },
  ] satisfies Case[];
});

counts.dates = corpus('invalid dates', () => {
  // Shaped like dates, so the schema's GLOB lets them in: only the content checks can tell.
  const shaped = ['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '0000-00-00'];
  // Not even shaped like dates: the CHECK constraints refuse them, unless told to look away.
  const unshaped = ['2024/05/01', '', '24-5-1', '2024-05-01T00:00', '2024-5-1 '];
  const columns: [string, string, string][] = [
    ['projects', 'start_date', '1'],
    ['projects', 'end_date', '1'],
    ['tasks', 'start_date', `id = '${S.tasks.a}'`],
    ['tasks', 'end_date', `id = '${S.tasks.b}'`],
    ['metrics', 'target_date', `id = '${S.metrics.reach}'`],
    ['metric_actuals', 'period_end', '1'],
    ['tracking_periods', 'end_date', '1'],
    ['spend_entries', 'spent_on', '1'],
    ['task_checkins', 'checkin_date', '1'],
  ];
  const cases: Case[] = [];
  shaped.forEach((value, i) => {
    for (const [table, column, where] of [columns[i % columns.length]!, columns[(i + 4) % columns.length]!]) {
      cases.push({
        name: `${table}.${column} = '${value}'`,
        // Ends may now come before starts too: the schema's CHECK would stop the edit, not the reader.
        make: sqlIgnoringChecks(`UPDATE ${table} SET ${column} = ? WHERE ${where}`, value),
        expect: invalid('invalid_date'),
      });
    }
  });
  for (const [table, column, where] of columns.slice(2, 5)) {
    for (const value of unshaped.slice(0, 3)) {
      cases.push({
        name: `${table}.${column} = '${value}' (CHECK ignored)`,
        make: sqlIgnoringChecks(`UPDATE ${table} SET ${column} = ? WHERE ${where}`, value),
        expect: invalid('invalid_date'),
      });
    }
  }
  cases.push(
    {
      name: "metrics.start_date = '2024-05-01T00:00' (CHECK ignored)",
      make: sqlIgnoringChecks('UPDATE metrics SET start_date = ?', '2024-05-01T00:00'),
      expect: invalid('invalid_date'),
    },
    {
      name: "task_checkins.checkin_date = '2024-5-1 ' (CHECK ignored)",
      make: sqlIgnoringChecks('UPDATE task_checkins SET checkin_date = ?', '2024-5-1 '),
      expect: invalid('invalid_date'),
    },
    {
      name: 'a task ending before it starts (CHECK ignored)',
      make: sqlIgnoringChecks(
        "UPDATE tasks SET start_date = '2024-06-01', end_date = '2024-05-01' WHERE id = ?",
        S.tasks.a,
      ),
      expect: invalid('end_before_start'),
    },
    {
      name: 'a date stored as a number (schema loosened, then restored)',
      make: (file) => {
        copyBase(file);
        withLoosenedTable(
          file,
          'tasks',
          (s) => s.replace('start_date  TEXT', 'start_date  ANY'),
          (db) => {
            db.pragma('ignore_check_constraints = ON');
            db.prepare('UPDATE tasks SET start_date = 20240501 WHERE id = ?').run(S.tasks.a);
          },
        );
      },
      // quick_check finds a number in a STRICT TEXT column.
      expect: refused('corrupt'),
    },
    {
      name: 'timestamps that are not instants',
      make: sql("UPDATE tasks SET updated_at = 'last Tuesday' WHERE id = ?", S.tasks.a),
      expect: invalid('invalid_format'),
    },
  );
  return cases;
});

counts.numbers = corpus('NaN, Infinity, negative, huge and fractional amounts', () => {
  const loosened = (table: string, column: string, declared: string, value: unknown, where = '1'): Case => ({
    name: `${table}.${column} = ${String(value)} (declared ANY while written, then restored)`,
    make: (file) => {
      copyBase(file);
      withLoosenedTable(
        file,
        table,
        (s) => s.replace(new RegExp(`(\\b${column}\\s+)${declared}`), '$1ANY'),
        (db) => {
          db.pragma('ignore_check_constraints = ON');
          db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${where}`).run(value);
        },
      );
    },
    // quick_check finds a value of the wrong type in a STRICT table.
    expect: refused('corrupt'),
  });
  return [
    {
      name: 'tasks.budget_fen = -1 (CHECK ignored)',
      make: sqlIgnoringChecks('UPDATE tasks SET budget_fen = -1 WHERE id = ?', S.tasks.a),
      expect: invalid('too_small'),
    },
    {
      name: 'spend_entries.amount_fen = -500 (CHECK ignored)',
      make: sqlIgnoringChecks('UPDATE spend_entries SET amount_fen = -500'),
      expect: invalid('too_small'),
    },
    {
      name: 'projects.budget_fen = -0.0 stored as 0: fine',
      make: sql('UPDATE projects SET budget_fen = ?', -0),
      expect: accepted((i) =>
        expect(i.rows('SELECT budget_fen FROM projects WHERE id = ?', S.projectId)).toEqual([
          { budget_fen: 0 },
        ]),
      ),
    },
    {
      name: 'tasks.budget_fen = NaN (SQLite stores NULL: no budget)',
      make: sql('UPDATE tasks SET budget_fen = ? WHERE id = ?', NaN, S.tasks.a),
      expect: accepted((i) =>
        expect(i.rows('SELECT budget_fen FROM tasks WHERE id = ?', S.tasks.a)).toEqual([
          { budget_fen: null },
        ]),
      ),
    },
    {
      name: 'spend_entries.amount_fen = NaN (NULL in a NOT NULL column, schema loosened)',
      make: (file) => {
        copyBase(file);
        withLoosenedTable(
          file,
          'spend_entries',
          (s) => s.replace('amount_fen  INTEGER NOT NULL', 'amount_fen  INTEGER'),
          (db) => db.prepare('UPDATE spend_entries SET amount_fen = ?').run(NaN),
        );
      },
      expect: refused('corrupt'),
    },
    loosened('tasks', 'budget_fen', 'INTEGER', Infinity, `id = '${S.tasks.a}'`),
    loosened('tasks', 'budget_fen', 'INTEGER', -Infinity, `id = '${S.tasks.a}'`),
    loosened('tasks', 'budget_fen', 'INTEGER', 1e300, `id = '${S.tasks.a}'`),
    loosened('tasks', 'budget_fen', 'INTEGER', 1234.5, `id = '${S.tasks.a}'`),
    loosened('projects', 'budget_fen', 'INTEGER', '¥12,000', '1'),
    loosened('spend_entries', 'amount_fen', 'INTEGER', 0.01),
    loosened('tasks', 'progress', 'INTEGER', 50.5, `id = '${S.tasks.a}'`),
    loosened('tasks', 'milestone', 'INTEGER', 'yes', `id = '${S.tasks.a}'`),
    loosened('metric_actuals', 'value_c', 'INTEGER', Buffer.from([1, 2, 3])),
    {
      name: 'tracking_periods.progress_at_close = Infinity (CHECK ignored)',
      make: sqlIgnoringChecks(
        'UPDATE tracking_periods SET progress_at_close = ? WHERE closed_at IS NOT NULL',
        Infinity,
      ),
      expect: invalid('invalid_type'),
    },
    {
      name: 'module_snapshots.progress = -Infinity (CHECK ignored)',
      make: sqlIgnoringChecks('UPDATE module_snapshots SET progress = ?', -Infinity),
      expect: invalid('invalid_type'),
    },
    {
      name: 'tasks.budget_fen = 2^63 − 1 (a valid SQLite integer, far beyond any amount)',
      make: edited((db) =>
        db.prepare('UPDATE tasks SET budget_fen = ? WHERE id = ?').run(9223372036854775807n, S.tasks.a),
      ),
      expect: invalid('invalid_type', [
        'tasks',
        base.tables.tasks!.findIndex((t) => t.id === S.tasks.a),
        'budget_fen',
      ]),
    },
    {
      name: 'spend_entries.amount_fen one fen over the largest amount',
      make: sql('UPDATE spend_entries SET amount_fen = ?', MAX_FEN + 1),
      expect: invalid('too_big'),
    },
    {
      name: 'projects.budget_fen = 2^53 + 1 (not exact in JavaScript)',
      make: edited((db) => db.prepare('UPDATE projects SET budget_fen = ?').run(2n ** 53n + 1n)),
      expect: invalid('invalid_type'),
    },
    {
      name: 'metric_actuals.value_c beyond ±10^15 (CHECK ignored)',
      make: sqlIgnoringChecks('UPDATE metric_actuals SET value_c = ?', 2e15),
      expect: invalid('too_big'),
    },
    {
      name: 'tasks.position = 2^62 (an integer JavaScript cannot hold exactly)',
      make: edited((db) =>
        db.prepare('UPDATE tasks SET position = ? WHERE id = ?').run(2n ** 62n, S.tasks.c),
      ),
      expect: invalid('invalid_type'),
    },
    {
      name: 'projects.next_task_seq below an existing code (M005 would be given again)',
      make: sql('UPDATE projects SET next_task_seq = 3'),
      expect: invalid('too_small', ['projects', 0, 'next_task_seq']),
    },
    {
      name: "lessons.kind = 'rumour' (CHECK ignored)",
      make: sqlIgnoringChecks("UPDATE lessons SET kind = 'rumour'"),
      expect: invalid('invalid_value', ['lessons', 0, 'kind']),
    },
    {
      name: "lessons.text = '  ' (CHECK passes, the app's rule does not)",
      make: sql("UPDATE lessons SET text = '  '"),
      expect: invalid('required', ['lessons', 0, 'text']),
    },
    {
      name: "projects.status = 'deleted' (CHECK ignored)",
      make: sqlIgnoringChecks("UPDATE projects SET status = 'deleted'"),
      expect: invalid('invalid_value', ['projects', 0, 'status']),
    },
    {
      name: 'the largest amount exactly: fine',
      make: sql('UPDATE spend_entries SET amount_fen = ?', MAX_FEN),
      expect: accepted((i) =>
        expect(
          i.rows('SELECT DISTINCT amount_fen FROM spend_entries WHERE project_id = ?', S.projectId),
        ).toEqual([{ amount_fen: MAX_FEN }]),
      ),
    },
  ] satisfies Case[];
});

counts.longText = corpus('strings of 10 MB and texts at their limits', () => {
  const MB10 = 10 * 2 ** 20;
  const set = (table: string, column: string, value: string, where = '1') =>
    sql(`UPDATE ${table} SET ${column} = ? WHERE ${where}`, value);
  const a = `id = '${S.tasks.a}'`;
  return [
    {
      name: 'a task name of 10 MB',
      make: set('tasks', 'name', '名'.repeat(MB10), a),
      expect: invalid('too_big'),
    },
    {
      name: 'task notes of 10 MB',
      make: set('tasks', 'notes', 'n'.repeat(MB10), a),
      expect: invalid('too_big'),
    },
    {
      name: 'the project goal of 10 MB',
      make: set('projects', 'goal', '目'.repeat(MB10)),
      expect: invalid('too_big'),
    },
    {
      name: 'a person name of 10 MB',
      make: set('people', 'name', 'P'.repeat(MB10)),
      expect: invalid('too_big'),
    },
    {
      name: 'a module result of 10 MB',
      make: set('modules', 'result', 'r'.repeat(MB10), `id = '${S.modules.social}'`),
      expect: invalid('too_big'),
    },
    {
      name: 'a field version base of 10 MB',
      make: set(
        'field_versions',
        'base',
        JSON.stringify('b'.repeat(MB10)),
        "tbl = 'projects' AND field = 'goal'",
      ),
      expect: invalid('too_big'),
    },
    {
      name: `notes of ${LONG_TEXT_MAX + 1} characters`,
      make: set('tasks', 'notes', 'x'.repeat(LONG_TEXT_MAX + 1), a),
      expect: invalid('too_big', ['tasks', base.tables.tasks!.findIndex((t) => t.id === S.tasks.a), 'notes']),
    },
    {
      name: `a name of ${NAME_MAX + 1} characters`,
      make: set('tasks', 'name', '任'.repeat(NAME_MAX + 1), a),
      expect: invalid('too_big'),
    },
    {
      name: `notes of exactly ${LONG_TEXT_MAX} characters: fine`,
      make: set('tasks', 'notes', '注'.repeat(LONG_TEXT_MAX), a),
      expect: accepted((i) =>
        expect(i.rows('SELECT length(notes) AS n FROM tasks WHERE id = ?', S.tasks.a)).toEqual([
          { n: LONG_TEXT_MAX },
        ]),
      ),
    },
    {
      name: `a name of exactly ${NAME_MAX} characters: fine`,
      make: set('tasks', 'name', '任'.repeat(NAME_MAX), a),
      expect: accepted((i) =>
        expect(i.rows('SELECT name FROM tasks WHERE id = ?', S.tasks.a)).toEqual([
          { name: '任'.repeat(NAME_MAX) },
        ]),
      ),
    },
    { name: 'a name of spaces only', make: set('tasks', 'name', '   ', a), expect: invalid('required') },
    {
      name: 'a person name of a tab only',
      make: set('people', 'name', '\t', `id = '${S.people.bob}'`),
      expect: invalid('required'),
    },
    {
      name: 'an empty task name (CHECK ignored)',
      make: sqlIgnoringChecks(`UPDATE tasks SET name = '' WHERE ${a}`),
      expect: invalid('required'),
    },
    {
      name: 'a NULL task name (NOT NULL dropped while written)',
      make: (file) => {
        copyBase(file);
        withLoosenedTable(
          file,
          'tasks',
          (s) => s.replace('name        TEXT NOT NULL', 'name        TEXT'),
          (db) => db.prepare(`UPDATE tasks SET name = NULL WHERE ${a}`).run(),
        );
      },
      expect: refused('corrupt'),
    },
  ] satisfies Case[];
});

counts.rows = corpus('a million rows, and just past the row limits', () => {
  /** Rows made by SQLite itself (a recursive CTE), so building a million costs about a second. */
  const bulk = (table: string, count: number, select: string) =>
    edited((db) => {
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.exec(
        `INSERT INTO ${table} ${select.replaceAll('$N', `(WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ${count}) SELECT n FROM c)`)}`,
      );
    });
  const tombstones = (count: number, prefix: string) =>
    `SELECT '${S.projectId}', 'tasks', '${prefix}' || n, '${S.projectId}', n, '${STAMP}' FROM $N`;
  return [
    {
      name: 'a million predecessor links',
      make: bulk('task_links', 1_000_000, "SELECT 'p' || n, 's' || n FROM $N"),
      expect: refused('too_many_rows', { table: 'task_links', limit: FILE_LIMITS.maxRowsPerTable }),
      maxMs: 5000,
    },
    {
      name: `${FILE_LIMITS.maxRowsPerTable + 1} tombstones (one over the limit of a table)`,
      make: bulk('tombstones', FILE_LIMITS.maxRowsPerTable + 1, tombstones(0, 'r')),
      expect: refused('too_many_rows', { table: 'tombstones' }),
      maxMs: 3000,
    },
    {
      name: 'three tables under their limit, over the limit of all together',
      make: (file) => {
        const each = Math.floor(FILE_LIMITS.maxRowsTotal / 3) + 1;
        bulk('tombstones', each, tombstones(0, 't'))(file);
        const db = new Database(file);
        db.pragma('foreign_keys = OFF');
        db.exec(
          `INSERT INTO task_links SELECT 'p' || n, 's' || n FROM (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ${each}) SELECT n FROM c)`,
        );
        db.exec(
          `INSERT INTO history (project_id, action, changes, created_at) SELECT '${S.projectId}', 'x', '[]', '${STAMP}' FROM (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ${each}) SELECT n FROM c)`,
        );
        db.close();
      },
      expect: refused('too_many_rows', { limit: FILE_LIMITS.maxRowsTotal }),
      maxMs: 5000,
    },
  ] satisfies Case[];
});

counts.control = corpus('NUL and other control characters', () => {
  const a = `id = '${S.tasks.a}'`;
  const put = (table: string, column: string, value: string, where = '1') =>
    sql(`UPDATE ${table} SET ${column} = ? WHERE ${where}`, value);
  const refusedIn: [string, string, string, string?][] = [
    ['tasks', 'name', '小红书\u0000笔记', a],
    ['tasks', 'name', '笔记\u0000', a],
    ['tasks', 'name', '\u0001', a],
    ['tasks', 'notes', 'bell \u0007', a],
    ['tasks', 'notes', '\u001b[2J\u001b[31m cleared the terminal', a],
    ['tasks', 'deliverable', 'vertical\u000btab', a],
    ['tasks', 'criteria', 'form\u000cfeed', a],
    ['tasks', 'tools', 'unit\u001fseparator', a],
    ['tasks', 'manpower', 'back\bspace', a],
    ['people', 'name', 'Bob\u0000', `id = '${S.people.bob}'`],
    ['people', 'group_name', '\u0000', `id = '${S.people.bob}'`],
    ['modules', 'summary', '\u0007', `id = '${S.modules.social}'`],
    ['metrics', 'unit', '\u001b', `id = '${S.metrics.reach}'`],
    ['metric_actuals', 'source', 'x\u0000y'],
    ['spend_entries', 'note', '\u0000'],
    ['task_checkins', 'note', '\u0004'],
    ['lessons', 'text', '教训\u0000'],
    ['lessons', 'channel', '\u001b'],
    ['projects', 'goal', '\u0000'],
    ['module_snapshots', 'result', '\u0010'],
    ['version_vectors', 'name', '王\u0000'],
  ];
  const cases: Case[] = refusedIn.map(([table, column, value, where]) => ({
    name: `${table}.${column} = ${JSON.stringify(value)}`,
    make: put(table, column, value, where),
    expect: invalid('control_character'),
  }));
  const acceptedIn: [string, string, string][] = [
    ['notes', '第一行\n第二行\r\n\t缩进', 'tab, line feed and carriage return'],
    ['notes', 'delete\u007f', 'DEL (not a C0 control)'],
    ['notes', 'next\u0085line', 'C1 NEL'],
    ['notes', 'line\u2028para\u2029', 'line and paragraph separators'],
  ];
  for (const [column, value, label] of acceptedIn) {
    cases.push({
      name: `${label} in notes: stored as they are`,
      make: put('tasks', column, value, a),
      expect: accepted((i) => expectBytes(i, 'tasks', column, S.tasks.a, value)),
    });
  }
  return cases;
});

/** The stored text is byte-for-byte what the file held: compared as SQLite's own hex of the value. */
function expectBytes(imported: Imported, table: string, column: string, id: string, value: string) {
  const [row] = imported.rows(
    `SELECT hex(${column}) AS hex, ${column} AS text FROM ${table} WHERE id = ?`,
    id,
  );
  expect(row?.hex).toBe(Buffer.from(value, 'utf8').toString('hex').toUpperCase());
  expect(row?.text).toBe(value);
}

counts.unicode = corpus('right-to-left, emoji and injection strings: plain text, stored exactly', () => {
  const texts: [string, string][] = [
    ['Arabic', 'حملة إطلاق المنتج الجديد'],
    ['Hebrew', 'קמפיין השקה'],
    ['right-to-left override', '\u202Egnp.exe'],
    ['bidi marks and isolates', 'A\u200F\u200E\u2067B\u2069'],
    ['emoji with joiners and a flag', '👨‍👩‍👧‍👦 🇨🇳 ✅'],
    ['Chinese', '中文任务名称：小红书种草'],
    ['astral characters', '𝕏𝔂𠀀'],
    ['combining marks', 'Z̷̢̛a̵l̶g̴o̸'],
    ['a byte-order mark inside', '\uFEFF开头'],
    ['zero-width characters', 'a\u200Bb\u200Cc\u200Dd'],
    ['SQL injection', "'; DROP TABLE tasks;--"],
    ['SQL injection with quotes', '" OR "1"="1\' OR 1=1 --'],
    ['HTML script', '<script>alert(document.cookie)</script>'],
    ['HTML image handler', '<img src=x onerror=alert(1)>'],
    ['spreadsheet formula', "=cmd|' /C calc'!A0"],
    ['spreadsheet formula with +', "+SUM(1+1)*cmd|' /C notepad'!A1"],
    ['template literal', '${7*7}'],
    ['template braces', '{{7*7}}'],
    ['printf', '%s%s%n%x'],
    ['path traversal', '../../../etc/passwd'],
    ['JSON-looking', '{"id":"x","__proto__":{"polluted":true}}'],
    ['SQLite function text', "load_extension('evil')"],
  ];
  const columns: [string, string, string][] = [
    ['tasks', 'name', S.tasks.a],
    ['tasks', 'notes', S.tasks.b],
    ['people', 'name', S.people.bob],
    ['projects', 'name', S.projectId],
    ['modules', 'issues', S.modules.offline],
    ['metrics', 'name', S.metrics.reach],
  ];
  return texts.map(([label, value], i) => {
    const [table, column, id] = columns[i % columns.length]!;
    return {
      name: `${label} in ${table}.${column}`,
      make: sql(`UPDATE ${table} SET ${column} = ? WHERE id = ?`, value, id),
      expect: accepted((imported) => {
        expectBytes(imported, table, column, id, value);
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
    };
  });
});

/** The byte offset of a table's root page (4096-byte pages, as the app writes files). */
function rootPageOffset(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const root = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(table) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return (root - 1) * pageSize;
  } finally {
    db.close();
  }
}
const corruptPage = (table: string, at: number, bytes: Buffer | number[]) => (file: string) => {
  copyBase(file);
  patch(file, rootPageOffset(file, table) + at, bytes);
};

counts.sqlite = corpus('SQLite tricks: triggers, views, altered schema, damaged pages and headers', () => {
  const schemaRefused = refused('unexpected_schema');
  const cases: Case[] = [
    {
      name: 'a trigger that empties the projects table when a task is inserted',
      make: sql('CREATE TRIGGER evil AFTER INSERT ON tasks BEGIN DELETE FROM projects; END'),
      expect: schemaRefused,
    },
    {
      name: 'a trigger that raises on delete',
      make: sql("CREATE TRIGGER stay BEFORE DELETE ON projects BEGIN SELECT RAISE(ABORT, 'no'); END"),
      expect: schemaRefused,
    },
    { name: 'a view', make: sql('CREATE VIEW v AS SELECT * FROM tasks'), expect: schemaRefused },
    {
      name: 'a view named like a table (task_checkins)',
      make: edited((db) =>
        db.exec(`DROP TABLE task_checkins; CREATE VIEW task_checkins AS
          SELECT id, id AS task_id, start_date AS checkin_date, progress, notes AS note, created_at, updated_at FROM tasks`),
      ),
      expect: schemaRefused,
    },
    {
      name: 'a trigger named like a dropped index',
      make: edited((db) =>
        db.exec(
          'DROP INDEX tasks_by_owner; CREATE TRIGGER tasks_by_owner AFTER UPDATE ON tasks BEGIN DELETE FROM people; END',
        ),
      ),
      expect: schemaRefused,
    },
    { name: 'an extra table', make: sql('CREATE TABLE extra (x TEXT)'), expect: schemaRefused },
    { name: 'an extra index', make: sql('CREATE INDEX tasks_by_name ON tasks(name)'), expect: schemaRefused },
    { name: 'an index dropped', make: sql('DROP INDEX tasks_by_owner'), expect: schemaRefused },
    {
      name: 'an index redefined under its own name',
      make: edited((db) => db.exec('DROP INDEX tasks_by_owner; CREATE INDEX tasks_by_owner ON tasks(name)')),
      expect: schemaRefused,
    },
    {
      name: 'a column added to tasks',
      make: sql('ALTER TABLE tasks ADD COLUMN evil TEXT'),
      expect: schemaRefused,
    },
    {
      name: 'a generated column added to tasks',
      make: sql('ALTER TABLE tasks ADD COLUMN shout TEXT GENERATED ALWAYS AS (upper(name)) VIRTUAL'),
      expect: schemaRefused,
    },
    {
      name: 'a table renamed',
      make: sql('ALTER TABLE task_checkins RENAME TO checkins'),
      expect: schemaRefused,
    },
    {
      name: 'a column default that calls a function (schema text edited)',
      make: schemaText(
        "UPDATE sqlite_master SET sql = replace(sql, 'notes       TEXT NOT NULL DEFAULT ''''', 'notes       TEXT NOT NULL DEFAULT (hex(randomblob(8)))') WHERE name = 'tasks'",
      ),
      expect: schemaRefused,
    },
    {
      name: 'a CHECK constraint removed (schema text edited)',
      make: schemaText(
        "UPDATE sqlite_master SET sql = replace(sql, 'CHECK (amount_fen >= 0)', '') WHERE name = 'spend_entries'",
      ),
      expect: schemaRefused,
    },
    {
      name: 'only whitespace of a table definition changed',
      make: schemaText("UPDATE sqlite_master SET sql = sql || ' ' WHERE name = 'people'"),
      expect: schemaRefused,
    },
    { name: 'statistics from ANALYZE (sqlite_stat1)', make: sql('ANALYZE'), expect: schemaRefused },
    {
      name: 'a full-text virtual table',
      make: sql('CREATE VIRTUAL TABLE search USING fts5(body)'),
      expect: schemaRefused,
    },
    // Damaged pages: found by quick_check, or by SQLite itself as soon as the page is read.
    {
      name: "tasks' root page: header bytes overwritten",
      make: corruptPage('tasks', 0, [0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]),
      expect: refused('corrupt'),
    },
    {
      name: "tasks' root page: page type made an interior page",
      make: corruptPage('tasks', 0, [0x05]),
      expect: refused('corrupt'),
    },
    {
      name: "tasks' root page: cell pointers overwritten",
      make: corruptPage('tasks', 8, [0xff, 0xf0, 0xff, 0xf0, 0x00, 0x01]),
      expect: refused('corrupt'),
    },
    {
      name: "tasks' root page zeroed",
      make: corruptPage('tasks', 0, Buffer.alloc(4096)),
      expect: refused('corrupt'),
    },
    {
      name: "people's root page: cell count raised",
      make: corruptPage('people', 3, [0x01, 0x00]),
      expect: refused('corrupt'),
    },
    {
      name: "task_links' index page zeroed",
      make: corruptPage('sqlite_autoindex_task_links_1', 0, Buffer.alloc(4096)),
      expect: refused('corrupt'),
    },
    {
      name: 'the schema page: b-tree header overwritten',
      make: copyPatched(100, [0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07]),
      expect: refused('corrupt'),
    },
    // The 100-byte header.
    { name: 'page count in the header: 1', make: copyPatched(28, u32(1)), expect: refused('corrupt') },
    {
      name: 'page count in the header: 2^31',
      make: copyPatched(28, u32(2 ** 31)),
      expect: refused('corrupt'),
    },
    {
      name: 'page size field: 1000 (not a power of two)',
      make: copyPatched(16, [0x03, 0xe8]),
      expect: refused('corrupt'),
    },
    {
      name: 'page size field: 65536 for a file of 4096-byte pages',
      make: copyPatched(16, [0x00, 0x01]),
      expect: refused('corrupt'),
    },
    { name: 'file format read version 3', make: copyPatched(19, [3]), expect: refused('corrupt') },
    { name: 'payload fractions changed', make: copyPatched(21, [65, 33, 33]), expect: refused('corrupt') },
    { name: 'schema format number 9', make: copyPatched(44, u32(9)), expect: refused('corrupt') },
    { name: 'text encoding field 7', make: copyPatched(56, u32(7)), expect: refused('corrupt') },
    {
      name: 'a freelist trunk page far beyond the end',
      make: copyPatched(32, Buffer.concat([u32(999_999), u32(1)])),
      expect: refused('corrupt'),
    },
    { name: 'reserved bytes per page: 200', make: copyPatched(20, [200]), expect: refused('corrupt') },
    // Variants of the container that are legitimate.
    {
      name: 'journal mode WAL in the header, with a -wal beside holding a trigger: the -wal is not read',
      make: (file) => {
        copyBase(file);
        const db = new Database(file);
        db.pragma('journal_mode = WAL');
        db.pragma('wal_autocheckpoint = 0');
        db.exec('CREATE TRIGGER from_wal AFTER INSERT ON tasks BEGIN DELETE FROM projects; END');
        // What a crashed writer leaves: the main file and its log, never checkpointed.
        copyFileSync(file, `${file}.main`);
        copyFileSync(`${file}-wal`, `${file}.log`);
        db.close();
        copyFileSync(`${file}.main`, file);
        copyFileSync(`${file}.log`, `${file}-wal`);
        rmSync(`${file}.main`);
        rmSync(`${file}.log`);
      },
      expect: accepted((i) => {
        expect(i.rows(OTHER_TRIGGERS)).toEqual([]);
      }),
    },
    {
      name: 'journal mode WAL in the header, no -wal file',
      make: (file) => {
        copyBase(file);
        const db = new Database(file);
        db.pragma('journal_mode = WAL');
        db.close();
      },
      expect: accepted(),
    },
    {
      name: 'pages of 65536 bytes',
      make: (file) => writeProjectFileByHand(base, file, { pageSize: 65_536 }),
      expect: accepted(),
    },
    {
      name: 'pages of 512 bytes',
      make: (file) => writeProjectFileByHand(base, file, { pageSize: 512 }),
      expect: accepted(),
    },
    {
      name: 'text stored as UTF-16le',
      make: (file) => writeProjectFileByHand(base, file, { encoding: 'UTF-16le' }),
      expect: accepted((i) => expect(i.bundle.tables.projects![0]!.name).toBe('2024夏季新品推广')),
    },
    {
      name: 'text stored as UTF-16be',
      make: (file) => writeProjectFileByHand(base, file, { encoding: 'UTF-16be' }),
      expect: accepted(),
    },
    {
      name: 'auto-vacuum (pointer-map pages)',
      make: (file) => writeProjectFileByHand(base, file, { autoVacuum: true }),
      expect: accepted(),
    },
    {
      name: 'undo history and a replica smuggled into the file: not imported',
      make: edited((db) => {
        db.prepare(
          "INSERT INTO history (project_id, action, changes, created_at) VALUES (?, 'tasks.delete', '[]', ?)",
        ).run(S.projectId, STAMP);
        db.prepare("INSERT INTO replica (id, name, clock) VALUES (?, 'intruder', 999)").run(newId());
      }),
      expect: accepted((i) => {
        expect(i.rows('SELECT * FROM history WHERE project_id = ?', S.projectId)).toEqual([]);
        expect(i.rows("SELECT * FROM replica WHERE name = 'intruder'")).toEqual([]);
      }),
    },
    // Not a regular file, or too big to read at all.
    { name: 'a folder named file.ctproj', make: (file) => mkdirSync(file), expect: refused('unreadable') },
    {
      name: 'a link to /dev/zero',
      make: (file) => symlinkSync('/dev/zero', file),
      expect: refused('unreadable'),
    },
    {
      name: 'a link to nowhere',
      make: (file) => symlinkSync(join(suiteDir, 'missing'), file),
      expect: refused('unreadable'),
    },
    {
      name: "a link to the app's own database",
      make: (file) => symlinkSync(APP_DB, file),
      expect: refused('not_project_file'),
    },
    {
      name: 'one byte over the size limit (sparse)',
      make: (file) => {
        copyBase(file);
        const fd = openSync(file, 'r+');
        ftruncateSync(fd, FILE_LIMITS.maxBytes + 1);
        closeSync(fd);
      },
      expect: refused('too_large', { limit: FILE_LIMITS.maxBytes }),
      maxMs: 1000,
    },
    {
      name: '4 GB (sparse)',
      make: (file) => {
        copyBase(file);
        const fd = openSync(file, 'r+');
        ftruncateSync(fd, 4 * 2 ** 30);
        closeSync(fd);
      },
      expect: refused('too_large'),
      maxMs: 1000,
    },
  ];
  return cases;
});

counts.versionRows = corpus('merge versions: field versions, tombstones, version vectors', () => {
  const fv = (set: string, ...params: unknown[]) =>
    sql(`UPDATE field_versions SET ${set} WHERE tbl = 'projects' AND field = 'goal'`, ...params);
  const taskKey = JSON.stringify({ id: S.tasks.a });
  return [
    {
      name: "a field version of table 'history'",
      make: fv("tbl = 'history'"),
      expect: invalid('invalid_value'),
    },
    {
      name: "a field version of table 'sqlite_master'",
      make: fv("tbl = 'sqlite_master'"),
      expect: invalid('invalid_value'),
    },
    {
      name: 'a field version whose key is not JSON',
      make: fv("row_key = '{id: 1'"),
      expect: invalid('invalid_row_key'),
    },
    {
      name: 'a field version whose key has an extra column',
      make: fv('row_key = ?', JSON.stringify({ id: S.projectId, x: 1 })),
      expect: invalid('invalid_row_key'),
    },
    {
      name: 'a field version whose key is not written as the app writes it',
      make: fv('row_key = ?', `{ "id": "${S.projectId}" }`),
      expect: invalid('invalid_row_key'),
    },
    {
      name: 'a field version whose key is not an id',
      make: fv('row_key = ?', JSON.stringify({ id: "'; DROP TABLE tasks;--" })),
      expect: invalid('invalid_row_key'),
    },
    {
      name: 'a link version whose key columns are swapped',
      make: edited((db) => {
        const link = baseRow('task_links');
        db.prepare(
          `INSERT INTO field_versions (project_id, tbl, row_key, field, replica, counter, base) VALUES (?, 'task_links', ?, '*', ?, 1, NULL)`,
        ).run(
          S.projectId,
          JSON.stringify({ successor_id: link.successor_id, predecessor_id: link.predecessor_id }),
          newId(),
        );
      }),
      expect: invalid('invalid_row_key'),
    },
    {
      name: 'a field version of a column that does not exist',
      make: fv("field = 'name = 1; --'"),
      expect: invalid('invalid_value'),
    },
    {
      name: 'a field version whose base is not JSON',
      make: fv("base = '{not json'"),
      expect: invalid('invalid_format'),
    },
    {
      name: 'a field version whose replica is not an id',
      make: fv("replica = 'me'"),
      expect: invalid('invalid_format'),
    },
    {
      name: 'a field version with counter 0 (CHECK ignored)',
      make: sqlIgnoringChecks(
        "UPDATE field_versions SET counter = 0 WHERE tbl = 'projects' AND field = 'goal'",
      ),
      expect: invalid('too_small'),
    },
    {
      name: 'a field version with counter 2^53 + 1',
      make: edited((db) =>
        db
          .prepare("UPDATE field_versions SET counter = ? WHERE tbl = 'projects' AND field = 'goal'")
          .run(2n ** 53n + 1n),
      ),
      expect: invalid('invalid_type'),
    },
    {
      name: 'a tombstone of table "people; DROP TABLE tasks"',
      make: sql("UPDATE tombstones SET tbl = 'people; DROP TABLE tasks'"),
      expect: invalid('invalid_value'),
    },
    {
      name: 'a tombstone deleted at no instant',
      make: sql("UPDATE tombstones SET deleted_at = 'soon'"),
      expect: invalid('invalid_format'),
    },
    {
      name: 'a tombstone whose key names a task by its code',
      make: sql('UPDATE tombstones SET row_key = ?', JSON.stringify({ code: 'M006' })),
      expect: invalid('invalid_row_key'),
    },
    {
      name: 'a version vector with counter -1 (CHECK ignored)',
      make: sqlIgnoringChecks('UPDATE version_vectors SET counter = -1'),
      expect: invalid('too_small'),
    },
    {
      name: 'a version vector of a replica that is not an id',
      make: sql("UPDATE version_vectors SET replica = 'x'"),
      expect: invalid('invalid_format'),
    },
    {
      name: 'versions of another project in the file: not imported',
      make: edited((db) => {
        const other = newId();
        db.prepare(`INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, 'B', ?, ?)`).run(
          other,
          STAMP,
          STAMP,
        );
        db.prepare(
          `INSERT INTO field_versions (project_id, tbl, row_key, field, replica, counter, base) VALUES (?, 'tasks', ?, 'name', ?, 7, '"x"')`,
        ).run(other, taskKey, newId());
      }),
      expect: accepted((i) =>
        expect(i.rows('SELECT * FROM field_versions WHERE counter = 7 AND base = \'"x"\'')).toEqual([]),
      ),
    },
  ] satisfies Case[];
});

counts.followUp = corpus('issues, feedback, root causes and adjustments (steps 四 and 五)', () => {
  const ghost = '01890000-0000-7000-8000-000000000000';
  const dangling = (table: string, column: string): Case => ({
    name: `${table}.${column} names a row that is not in the file`,
    make: sql(`UPDATE ${table} SET ${column} = ? WHERE rowid = (SELECT min(rowid) FROM ${table})`, ghost),
    expect: invalid('dangling_reference', [table, 0, column]),
  });
  const value = (table: string, column: string, bad: unknown, reason: string): Case => ({
    name: `${table}.${column} = ${JSON.stringify(bad).slice(0, 60)}`,
    make: sqlIgnoringChecks(`UPDATE ${table} SET ${column} = ?`, bad),
    expect: invalid(reason),
  });
  const adjustment = baseRow('adjustments');
  const gap = baseRow('feedback', (r) => r.gap_key !== null);
  return [
    dangling('project_identities', 'person_id'),
    dangling('issues', 'reporter_id'),
    dangling('issues', 'task_id'),
    dangling('feedback', 'metric_id'),
    dangling('adjustment_changes', 'task_id'),
    dangling('adjustments', 'expected_metric_id'),
    dangling('adjustments', 'decided_by_id'),
    dangling('adjustment_changes', 'adjustment_id'),
    dangling('adjustment_changes', 'new_owner_id'),
    dangling('adjustment_events', 'adjustment_id'),
    dangling('cause_issue_links', 'issue_id'),
    dangling('cause_feedback_links', 'root_cause_id'),
    dangling('adjustment_issue_links', 'issue_id'),
    dangling('adjustment_feedback_links', 'feedback_id'),
    dangling('adjustment_cause_links', 'root_cause_id'),
    value('adjustments', 'status', 'done', 'invalid_value'),
    value('adjustment_events', 'to_status', 'approved!', 'invalid_value'),
    value('adjustment_events', 'action', 'delete', 'invalid_value'),
    value('adjustment_changes', 'kind', 'rename_project', 'invalid_value'),
    value('adjustment_changes', 'delta_fen', -2e14, 'too_small'),
    value('adjustment_changes', 'delta_fen', 2 ** 53, 'invalid_type'),
    value('issues', 'severity', 'urgent', 'invalid_value'),
    value('issues', 'status', 'done', 'invalid_value'),
    value('feedback', 'source', 'survey', 'invalid_value'),
    value('feedback', 'gap_pct', 1e300, 'too_big'),
    value('adjustments', 'decided_replica_id', 'not-an-installation', 'invalid_format'),
    value('adjustments', 'title', '   ', 'required'),
    value('adjustment_events', 'comment', 'a\u0000b', 'control_character'),
    value('projects', 'issue_categories', '["资源不足","资源不足"]', 'invalid_format'),
    value('projects', 'feedback_channels', 'not json', 'invalid_format'),
    value('projects', 'cause_categories', '[""]', 'invalid_format'),
    value('projects', 'cause_categories', '{"a":1}', 'invalid_format'),
    value('projects', 'major_budget_pct', 101, 'too_big'),
    value('projects', 'major_end_date', 2, 'invalid_value'),
    value('modules', 'budget_fen', -1, 'too_small'),
    value('module_snapshots', 'open_issues', '[1,2]', 'invalid_format'),
    value('module_snapshots', 'adjustments', '[{"title":"x","status":"bogus"}]', 'invalid_format'),
    value('module_snapshots', 'adjustments', '[{"title":"x","status":"draft","evil":1}]', 'invalid_format'),
    {
      name: 'an issue resolved before it was reported',
      make: sqlIgnoringChecks("UPDATE issues SET resolved_on = '2024-01-01'"),
      expect: invalid('end_before_start'),
    },
    {
      name: 'a proposed task that ends before it starts',
      make: sqlIgnoringChecks(
        "UPDATE adjustment_changes SET new_start = '2024-06-01', new_end = '2024-05-01' WHERE kind = 'task_dates'",
      ),
      expect: invalid('end_before_start'),
    },
    {
      name: 'the same gap recorded twice as 数据反馈 (past the unique index)',
      make: (file) => {
        copyBase(file);
        insertPastUniqueIndex(
          file,
          'feedback',
          'sqlite_autoindex_feedback_2',
          { ...gap, id: newId(), content: '又记了一次' },
          { ...gap, id: newId(), gap_key: 'task_overdue:x' },
        );
      },
      expect: invalid('duplicate_gap'),
    },
    {
      name: 'feedback without a gap key: any number of them',
      make: edited((db) => {
        const insert = db.prepare(
          `INSERT INTO feedback (id, project_id, source, received_on, content, created_at, updated_at)
           VALUES (?, ?, 'internal', '2024-05-09', ?, ?, ?)`,
        );
        for (let i = 0; i < 3; i++) insert.run(newId(), S.projectId, `反馈${i}`, STAMP, STAMP);
      }),
      expect: accepted((imported) => {
        expect(imported.rows('SELECT count(*) AS n FROM feedback WHERE gap_key IS NULL')).toEqual([{ n: 3 }]);
      }),
    },
    {
      name: 'a decision recorded by an unknown installation: accepted as data (shown unverified)',
      make: sql(
        'UPDATE adjustments SET decided_replica_id = ?, decided_replica_name = ? WHERE id = ?',
        newId(),
        '别人的电脑',
        adjustment.id,
      ),
      expect: accepted((imported) => {
        expect(
          imported.rows('SELECT decided_replica_name FROM adjustments WHERE id = ?', adjustment.id),
        ).toEqual([{ decided_replica_name: '别人的电脑' }]);
      }),
    },
  ] satisfies Case[];
});

counts.ids = corpus('identifiers, codes and enumerations', () => {
  const a = S.tasks.a;
  return [
    {
      name: 'a task id that is an SQL injection (and every reference to it)',
      make: edited((db) => {
        const odd = "'); DROP TABLE tasks;--";
        db.prepare('UPDATE tasks SET id = ? WHERE id = ?').run(odd, a);
        db.prepare('UPDATE task_links SET predecessor_id = ? WHERE predecessor_id = ?').run(odd, a);
        db.prepare('UPDATE task_checkins SET task_id = ? WHERE task_id = ?').run(odd, a);
        db.prepare('UPDATE spend_entries SET task_id = ? WHERE task_id = ?').run(odd, a);
      }),
      expect: invalid('invalid_format'),
    },
    {
      name: 'a person id that is a number written as text',
      make: sql("UPDATE people SET reports_to_id = NULL, id = '42' WHERE id = ?", S.people.bob),
      expect: invalid('invalid_format'),
    },
    {
      name: "a task code 'X1'",
      make: sql("UPDATE tasks SET code = 'X1' WHERE id = ?", a),
      expect: invalid('invalid_format'),
    },
    {
      name: 'a task code with a newline',
      make: sql("UPDATE tasks SET code = 'M001\nM002' WHERE id = ?", a),
      expect: invalid('invalid_format'),
    },
    {
      name: "a person role 'admin' (CHECK ignored)",
      make: sqlIgnoringChecks("UPDATE people SET role = 'admin'"),
      expect: invalid('invalid_value'),
    },
    {
      name: "a metric kind 'eval' (CHECK ignored)",
      make: sqlIgnoringChecks("UPDATE metrics SET kind = 'eval'"),
      expect: invalid('invalid_value'),
    },
    {
      name: 'a metric on a module and a task at once (CHECK ignored)',
      make: sqlIgnoringChecks('UPDATE metrics SET task_id = ? WHERE id = ?', a, S.metrics.conversion),
      expect: invalid('module_and_task'),
    },
    {
      name: 'progress 101 (CHECK ignored)',
      make: sqlIgnoringChecks('UPDATE tasks SET progress = 101 WHERE id = ?', a),
      expect: invalid('too_big'),
    },
    {
      name: 'a funnel stage of 0 (CHECK ignored)',
      make: sqlIgnoringChecks('UPDATE metrics SET funnel_stage = 0'),
      expect: invalid('too_small'),
    },
  ] satisfies Case[];
});

describe('the corpus', () => {
  it('holds at least 200 crafted files', () => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.info(`hostile corpus: ${total} files`, counts);
    expect(total).toBeGreaterThanOrEqual(200);
  });
});

// ---- Generated files (fast-check) ----

type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'zero'; at: number; length: number }
  | { kind: 'insert'; from: number; length: number; to: number }
  | { kind: 'copyPage'; from: number; to: number }
  | { kind: 'truncate'; at: number };

function mutate(bytes: Buffer, m: Mutation): Buffer {
  const size = bytes.length;
  if (size === 0) return bytes;
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(bytes);
      out[m.at % size] = out[m.at % size]! ^ m.mask;
      return out;
    }
    case 'zero': {
      const out = Buffer.from(bytes);
      out.fill(0, m.at % size, Math.min(size, (m.at % size) + m.length));
      return out;
    }
    case 'insert': {
      const from = m.from % size;
      const chunk = bytes.subarray(from, Math.min(size, from + m.length));
      const to = m.to % size;
      return Buffer.concat([bytes.subarray(0, to), chunk, bytes.subarray(to)]);
    }
    case 'copyPage': {
      const pages = Math.floor(size / 4096);
      if (pages < 2) return bytes;
      const out = Buffer.from(bytes);
      bytes.copy(out, (m.to % pages) * 4096, (m.from % pages) * 4096, (m.from % pages) * 4096 + 4096);
      return out;
    }
    case 'truncate':
      return bytes.subarray(0, m.at % size);
  }
}

/** Reads a file as the app does: refused with file_refused (database unchanged), or imported intact. */
function readOrRefuse(file: string, target: ReturnType<typeof refusalTarget>, dir: string) {
  const app = target.get();
  const before = logicalHash(app.file);
  let read: { bundle: ProjectBundle };
  try {
    read = readProjectFile(file);
  } catch (e) {
    expect(asAppError(e, 'a generated file').code).toBe('file_refused');
    expect(logicalHash(app.file)).toBe(before);
    return { refused: (e as AppError).data };
  }
  return { imported: importAndCheck(read.bundle, dir) };
}

describe('generated files (fast-check, fixed seed)', () => {
  const target = refusalTarget();
  afterAll(() => target.close());

  it('random byte flips, zeroed runs, inserted chunks, copied pages and truncations of a valid file', () => {
    const baseBytes = readFileSync(BASE);
    const offset = fc.oneof(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 8191 }), fc.nat());
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: offset, mask: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('zero' as const), at: offset, length: fc.integer({ min: 1, max: 600 }) }),
      fc.record({
        kind: fc.constant('insert' as const),
        from: fc.nat(),
        length: fc.integer({ min: 1, max: 5000 }),
        to: offset,
      }),
      fc.record({ kind: fc.constant('copyPage' as const), from: fc.nat(), to: fc.nat() }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    );
    const outcomes = { refused: new Map<string, number>(), imported: 0 };
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const dir = mkdtempSync(join(suiteDir, 'mutated-'));
        try {
          const file = join(dir, 'file.ctproj');
          writeFileSync(file, mutations.reduce(mutate, baseBytes));
          const outcome = readOrRefuse(file, target, dir);
          if (outcome.refused) {
            const reason = outcome.refused.reason ?? '';
            outcomes.refused.set(reason, (outcomes.refused.get(reason) ?? 0) + 1);
          } else outcomes.imported++;
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { seed: 20_261_126, numRuns: 100 },
    );
    console.info('mutations:', outcomes);
    expect(outcomes.refused.size).toBeGreaterThan(0);
  });

  it('random text in a task name and notes: refused exactly when it breaks a rule, else stored byte for byte', () => {
    const specials = [
      '\u0000',
      '\u0001',
      '\u0007',
      '\u001b',
      '\u000b',
      '\u000c',
      '\u001f',
      '\t',
      '\n',
      '\r',
      ' ',
      '\u00a0',
      '\u202e',
      '\u200f',
      '👨‍👩‍👧',
      '中',
      'ع',
      '"',
      "'",
      ';',
      '<',
      '>',
      '{',
      '$',
      '=',
      '\u007f',
      '\u0085',
      '\ufeff',
      '𝕏',
    ];
    const wellFormed = (s: string) => !/\p{Cs}/u.test(s);
    const text = fc
      .oneof(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.string({ unit: fc.constantFrom(...specials), maxLength: 30 }),
        fc.string({
          unit: fc.constantFrom('a', '中', ' ', '\u0000'),
          minLength: NAME_MAX - 3,
          maxLength: NAME_MAX + 3,
        }),
      )
      .filter(wellFormed);
    const notes = fc.oneof(
      text,
      fc.integer({ min: LONG_TEXT_MAX - 2, max: LONG_TEXT_MAX + 2 }).map((n) => '注'.repeat(n)),
    );
    const breaksRules = (name: string, note: string) =>
      name.trim().length === 0 ||
      name.length > NAME_MAX ||
      hasControlCharacter(name) ||
      note.length > LONG_TEXT_MAX ||
      hasControlCharacter(note);
    let refusedRuns = 0;
    fc.assert(
      fc.property(text, notes, (name, note) => {
        const dir = mkdtempSync(join(suiteDir, 'text-'));
        try {
          const file = join(dir, 'file.ctproj');
          sqlIgnoringChecks('UPDATE tasks SET name = ?, notes = ? WHERE id = ?', name, note, S.tasks.a)(file);
          const outcome = readOrRefuse(file, target, dir);
          if (breaksRules(name, note)) {
            refusedRuns++;
            expect(outcome.refused?.reason).toBe('invalid_content');
          } else {
            expect(outcome.refused, JSON.stringify(outcome.refused)).toBeUndefined();
            expectBytes(outcome.imported!, 'tasks', 'name', S.tasks.a, name);
            expectBytes(outcome.imported!, 'tasks', 'notes', S.tasks.a, note);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { seed: 20_261_126, numRuns: 100 },
    );
    expect(refusedRuns).toBeGreaterThan(10);
    // 100 files written and read, as below.
  }, 120_000);

  it('random values written into random cells: what the content checks let through, the database takes', () => {
    // A file whose values pass validateBundle must insert without any constraint of the app's
    // schema failing: the checks cover every CHECK, UNIQUE and foreign key, or this finds the gap.
    const tables = [...PROJECT_TABLES.map((t) => t.name), 'field_versions', 'tombstones', 'version_vectors'];
    const keyOf: Record<string, string> = {
      field_versions: 'tbl, row_key, field',
      tombstones: 'tbl, row_key',
      version_vectors: 'project_id, replica',
    };
    const ids = [
      ...PROJECT_TABLES.flatMap((t) => (base.tables[t.name] ?? []).map((r) => r.id)),
      S.projectId,
    ].filter((v): v is string => typeof v === 'string');
    const value = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -2, max: 102 }),
      fc.constantFrom(0, 1, 20, 21, MAX_FEN, MAX_FEN + 1, 1e15, 1e15 + 1, 2 ** 53, -1e15 - 1),
      fc.double(),
      fc.constantFrom(...ids),
      fc.constantFrom(
        '',
        ' ',
        'x',
        '2024-05-01',
        '2024-02-30',
        '2024-12-31',
        'M001',
        'M999',
        'week',
        'done',
        '*',
      ),
      fc.constantFrom(
        'executor',
        'money',
        'last',
        'lower',
        STAMP,
        '{"id":"x"}',
        JSON.stringify({ id: S.tasks.a }),
      ),
      fc.constantFrom('\u0000', '中文', '\u202e', "'; DROP TABLE tasks;--", newId()),
    );
    const cellEdit = fc.record({
      table: fc.constantFrom(...tables),
      row: fc.nat(),
      column: fc.nat(),
      value,
    });
    let imported = 0;
    let refusedRuns = 0;
    fc.assert(
      fc.property(fc.array(cellEdit, { minLength: 1, maxLength: 3 }), (edits) => {
        const dir = mkdtempSync(join(suiteDir, 'cells-'));
        try {
          const file = join(dir, 'file.ctproj');
          edited(
            (db) => {
              for (const e of edits) {
                const columns = db
                  .prepare('SELECT name FROM pragma_table_info(?)')
                  .pluck()
                  .all(e.table) as string[];
                const column = columns[e.column % columns.length]!;
                const count = db.prepare(`SELECT count(*) FROM ${e.table}`).pluck().get() as number;
                if (count === 0) continue;
                const key = keyOf[e.table] ?? 'rowid';
                try {
                  db.prepare(
                    `UPDATE ${e.table} SET ${column} = ? WHERE (${key}) IN (SELECT ${key} FROM ${e.table} LIMIT 1 OFFSET ?)`,
                  ).run(e.value, e.row % count);
                } catch {
                  // A value of the wrong type for a STRICT column, or a key already taken: SQLite
                  // itself will not write such a file.
                }
              }
            },
            { ignoreChecks: true },
          )(file);
          const outcome = readOrRefuse(file, target, dir);
          if (outcome.imported) imported++;
          else refusedRuns++;
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { seed: 20_261_126, numRuns: 100 },
    );
    console.info(`random cells: ${imported} imported, ${refusedRuns} refused`);
    expect(imported).toBeGreaterThan(0);
    expect(refusedRuns).toBeGreaterThan(0);
    // 100 files written and read, each with its fsyncs: 12 s on a quiet machine, 40 s and more
    // on a busy one, against the suite's 30 s default.
  }, 120_000);
});

// ---- The content checks on their own ----

describe('validateBundle', () => {
  it('finds nothing wrong in a file the app exported', () => {
    expect(contentProblems(base)).toEqual([]);
    expect(() => validateBundle(base)).not.toThrow();
  });

  it("knows every column of every project table, as the app's migrations make them", () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS) m.up(db);
    for (const table of PROJECT_TABLES) {
      const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table.name);
      expect(EXPECTED_COLUMNS[table.name], table.name).toEqual(columns);
    }
    db.close();
  });

  it('lists at most MAX_PROBLEMS problems, however many there are', () => {
    const tasks = base.tables.tasks!.map((t) => ({ ...t, start_date: '2024-02-30' }));
    const many = {
      ...base,
      tables: { ...base.tables, tasks: Array.from({ length: 40 }, () => tasks).flat() },
    };
    const error = refusal(() => validateBundle(many), 'many problems');
    expect(error).toMatchObject({
      code: 'file_refused',
      reason: 'invalid_content',
      params: { count: MAX_PROBLEMS, more: 1 },
    });
    expect(error.problems).toHaveLength(MAX_PROBLEMS);
    expect(error.problems![0]).toEqual({ path: ['tasks', 0, 'start_date'], reason: 'invalid_date' });
  });

  it('names the problems of a hand-made bundle one by one', () => {
    const [t0, t1] = base.tables.tasks!;
    const odd = {
      ...base,
      tables: {
        ...base.tables,
        tasks: [{ ...t0!, extra: 1 }, { ...t1!, code: t0!.code }, ...base.tables.tasks!.slice(2)],
      },
    };
    expect(contentProblems(odd)).toEqual([
      { path: ['tasks', 0], reason: 'unrecognized_keys', params: { keys: 'extra' } },
    ]);
    const dup = {
      ...base,
      tables: { ...base.tables, tasks: [t0!, { ...t1!, code: t0!.code }, ...base.tables.tasks!.slice(2)] },
    };
    expect(contentProblems(dup)).toContainEqual({
      path: ['tasks', 1, 'code'],
      reason: 'duplicate_code',
      params: { value: t0!.code as string },
    });
    const missing = { ...base, tables: { ...base.tables, people: undefined as unknown as Row[] } };
    expect(contentProblems(missing)).toContainEqual({ path: ['people'], reason: 'required' });
    const noProject = { ...base, tables: { ...base.tables, projects: [] } };
    expect(contentProblems(noProject)).toContainEqual({ path: ['projects'], reason: 'missing_project' });
  });

  // Its speed is measured by `npm run bench` (project-file.bench.ts), not asserted here.
  it(`finds no problem in a sound plan of 10,000 tasks`, () => {
    const dir = mkdtempSync(join(suiteDir, 'large-'));
    const db = openDatabase({ file: join(dir, 'large.sqlite') });
    try {
      const plan = seedProject(db, 10_000);
      seedTracking(db, plan, '2026-11-26');
      const bundle = readProjectBundle(db, plan.projectId, { ...base.info, projectId: plan.projectId });
      expect(bundle.tables.tasks).toHaveLength(10_000);
      expect(contentProblems(bundle)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
