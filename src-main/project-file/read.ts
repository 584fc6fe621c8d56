/**
 * Reads a project file someone sent: untrusted bytes. Runs in the project-file worker. Each
 * check comes before anything that trusts what it checks: the size and the 100-byte header are
 * read by hand before SQLite sees the file; SQLite only ever opens a private copy (so the
 * original is never touched and no -wal/-shm appears beside it), with the schema's SQL never
 * run; the schema is compared with the one our migrations make before any table is read; the
 * pages are checked (quick_check) and the rows counted before they are loaded.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { migrate } from '../db/open';
import { unexpectedSchemaObject } from '../db/schema-check';
import { readSqliteHeader } from '../db/sqlite-header';
import { MIGRATIONS } from '../db/migrations';
import { AppError, type ErrorParams } from '../shared/errors';
import { readProjectBundle } from '../sync/bundle';
import { PROJECT_TABLES } from '../sync/project-tables';
import { validateBundle } from './validate';
import {
  FILE_LIMITS,
  FILE_META,
  PROJECT_FILE_APPLICATION_ID,
  PROJECT_FILE_FORMAT,
  type FileInfo,
  type FileSummary,
  type ProjectBundle,
} from './format';

export type FileLimits = { [K in 'maxBytes' | 'maxRowsPerTable' | 'maxRowsTotal']: number };

export interface ReadOptions {
  /** better-sqlite3's addon built for Electron (see OpenOptions.nativeBinding). */
  nativeBinding?: string;
}

export interface ReadResult {
  bundle: ProjectBundle;
  summary: FileSummary;
}

function refuse(reason: string, params?: ErrorParams): AppError {
  return new AppError({ code: 'file_refused', reason, params });
}

/**
 * Text another program stored as ill-formed UTF-8 or UTF-16 (a lone surrogate, a cut sequence)
 * reads back with U+FFFD in its place, which would hide it from the checks on text. Columns where
 * a value shows U+FFFD are read again as bytes and decoded strictly; a cell that does not decode
 * is refused like a control character.
 */
function refuseIllFormedText(db: Db, bundle: ProjectBundle): void {
  const encoding = String(db.pragma('encoding', { simple: true })).toLowerCase();
  // SQLite turns a lone surrogate of a UTF-16 file into some other character, not U+FFFD: in
  // such a file (the app never writes one, but another program may) every text is read again.
  const everyText = encoding !== 'utf-8';
  const suspicious = new Map<string, Set<string>>();
  const scan = (table: string, rows: readonly object[]) => {
    for (const row of rows as Record<string, unknown>[]) {
      // for…in over SQLite's plain row objects: no [key, value] array per cell.
      for (const column in row) {
        const value = row[column];
        if (typeof value !== 'string' || !(everyText || value.includes('\uFFFD'))) continue;
        let columns = suspicious.get(table);
        if (!columns) suspicious.set(table, (columns = new Set()));
        columns.add(column);
      }
    }
  };
  for (const table of PROJECT_TABLES) scan(table.name, bundle.tables[table.name] ?? []);
  scan('field_versions', bundle.fieldVersions);
  scan('tombstones', bundle.tombstones);
  scan('version_vectors', bundle.versionVector);
  if (everyText || Object.values(bundle.info).some((v) => typeof v === 'string' && v.includes('\uFFFD')))
    suspicious.set('app_meta', new Set(['value']));
  if (suspicious.size === 0) return;
  const decoder = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : encoding, { fatal: true });
  for (const [table, columns] of suspicious) {
    for (const column of columns) {
      const quoted = `"${column.replace(/"/g, '""')}"`;
      const cells = db
        .prepare(`SELECT CAST(${quoted} AS BLOB) FROM ${table} WHERE typeof(${quoted}) = 'text'`)
        .pluck()
        .iterate() as IterableIterator<Uint8Array>;
      for (const bytes of cells) {
        try {
          decoder.decode(bytes);
        } catch {
          throw new AppError({
            code: 'file_refused',
            reason: 'invalid_content',
            params: { count: 1, more: 0 },
            path: [table, column],
            problems: [{ path: [table, column], reason: 'ill_formed_text' }],
          });
        }
      }
    }
  }
}

/** Longest value of a FILE_META row worth showing (a name, an id, a version). */
const MAX_META_CHARS = 200;

/** The identity fields of the SQLite header, read without SQLite. */
function checkHeader(file: string): number {
  const header = readSqliteHeader(file);
  if (!header.isSqlite) throw refuse('not_sqlite');
  if (header.applicationId !== PROJECT_FILE_APPLICATION_ID) throw refuse('not_project_file');
  if (!header.wholePages) throw refuse('corrupt', { detail: 'page_count' });
  const version = header.userVersion;
  if (version > PROJECT_FILE_FORMAT) {
    throw refuse('too_new', { found: version, supported: PROJECT_FILE_FORMAT });
  }
  // Project files began with the merge versions, but any schema our migrations made is readable.
  if (version < 1) throw refuse('unexpected_schema', { found: version });
  return version;
}

/**
 * The file's tables, indexes, views and triggers must be exactly ours: a trigger or view would
 * run its SQL when read or written, an altered table would hold what the app does not expect.
 */
function checkSchema(db: Db, version: number, nativeBinding?: string): void {
  const odd = unexpectedSchemaObject(db, version, nativeBinding);
  if (odd) throw refuse('unexpected_schema', { type: odd.type, name: odd.name });
}

function checkPages(db: Db): void {
  const problems = db.prepare('PRAGMA quick_check(5)').pluck().all() as string[];
  if (problems.length !== 1 || problems[0] !== 'ok') throw refuse('corrupt', { detail: problems[0] ?? '' });
}

function countRows(db: Db, limits: FileLimits): void {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  let total = 0;
  for (const table of tables) {
    const n = db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
    if (n > limits.maxRowsPerTable) throw refuse('too_many_rows', { table, limit: limits.maxRowsPerTable });
    total += n;
  }
  if (total > limits.maxRowsTotal) throw refuse('too_many_rows', { table: '', limit: limits.maxRowsTotal });
}

function readInfo(db: Db, format: number): FileInfo {
  const rows = db.prepare("SELECT key, value FROM app_meta WHERE key LIKE 'file.%'").all() as {
    key: string;
    value: unknown;
  }[];
  const meta = new Map(rows.map((r) => [r.key, r.value]));
  const text = (key: string, { empty = false } = {}): string => {
    const value = meta.get(key);
    if (typeof value !== 'string' || (!empty && value.length === 0) || value.length > MAX_META_CHARS) {
      throw refuse('missing_info', { key });
    }
    return value;
  };
  if (text(FILE_META.kind) !== 'project') throw refuse('missing_info', { key: FILE_META.kind });
  const exportedAt = text(FILE_META.exportedAt);
  if (Number.isNaN(Date.parse(exportedAt))) throw refuse('missing_info', { key: FILE_META.exportedAt });
  return {
    projectId: text(FILE_META.projectId),
    exportedAt,
    exporterId: text(FILE_META.exporterId),
    exporterName: text(FILE_META.exporterName, { empty: true }),
    appVersion: text(FILE_META.appVersion, { empty: true }),
    format,
  };
}

function summarize(bundle: ProjectBundle): FileSummary {
  const project = bundle.tables.projects?.[0] ?? {};
  const owner = (bundle.tables.people ?? []).find((p) => p.id === project.owner_id);
  const textOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
  const counts: Record<string, number> = {};
  for (const [table, rows] of Object.entries(bundle.tables)) counts[table] = rows.length;
  counts.field_versions = bundle.fieldVersions.length;
  counts.tombstones = bundle.tombstones.length;
  counts.version_vectors = bundle.versionVector.length;
  return {
    projectId: bundle.info.projectId,
    projectName: String(project.name ?? ''),
    ownerName: textOrNull(owner?.name),
    startDate: textOrNull(project.start_date),
    endDate: textOrNull(project.end_date),
    exporterName: bundle.info.exporterName,
    exportedAt: bundle.info.exportedAt,
    format: bundle.info.format,
    counts,
  };
}

/** Opens the private copy the only way an untrusted file is opened here. */
function openCopy(file: string, readonly: boolean, nativeBinding?: string): Db {
  const db = new Database(file, { readonly, fileMustExist: true, nativeBinding });
  try {
    // The schema's SQL (defaults, checks) may not call functions with side effects; cells are
    // checked for sizes that overrun their page; no memory map of a file we did not write.
    db.pragma('trusted_schema = OFF');
    db.pragma('cell_size_check = ON');
    db.pragma('mmap_size = 0');
    if (readonly) db.pragma('query_only = ON');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** SQLite's complaints about a file's bytes (SQLITE_CORRUPT, SQLITE_NOTADB, short reads …). */
function isSqliteError(e: unknown): e is Error & { code: string } {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

export function readProjectFile(
  path: string,
  limits: FileLimits = FILE_LIMITS,
  options: ReadOptions = {},
): ReadResult {
  const checkSize = (file: string) => {
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw refuse('unreadable');
      size = stat.size;
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw refuse('unreadable');
    }
    if (size === 0) throw refuse('empty');
    if (size > limits.maxBytes) {
      throw refuse('too_large', { limit: limits.maxBytes, limitMb: Math.floor(limits.maxBytes / 2 ** 20) });
    }
  };
  checkSize(path);

  // mkdtemp makes the folder readable by this user only (0700).
  const dir = mkdtempSync(join(tmpdir(), 'ctproj-read-'));
  let db: Db | null = null;
  try {
    const copy = join(dir, 'file.ctproj');
    try {
      copyFileSync(path, copy);
    } catch {
      throw refuse('unreadable');
    }
    // The copy is what is read: checked again, in case the original changed meanwhile.
    checkSize(copy);
    const format = checkHeader(copy);

    db = openCopy(copy, true, options.nativeBinding);
    checkSchema(db, format, options.nativeBinding);
    // Counting is cheap and stops a huge file before the page check reads all of it.
    countRows(db, limits);
    checkPages(db);
    const info = readInfo(db, format);

    if (format < PROJECT_FILE_FORMAT) {
      // An older file: brought up to date by the app's own migrations, on the private copy.
      db.close();
      db = openCopy(copy, false, options.nativeBinding);
      migrate(db, MIGRATIONS);
      db.pragma('query_only = ON');
    }

    if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(info.projectId)) throw refuse('no_project');
    const bundle = readProjectBundle(db, info.projectId, info);
    refuseIllFormedText(db, bundle);
    // Last: do the rows keep the app's rules (references, dates, loops, text)?
    validateBundle(bundle);
    return { bundle, summary: summarize(bundle) };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (isSqliteError(e)) throw refuse('corrupt', { detail: e.code });
    throw e;
  } finally {
    if (db?.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
