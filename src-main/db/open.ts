/**
 * Opens (or creates) the one SQLite file that holds every project, checks that this version of
 * the app can read it, brings its schema up to date and seeds the demo project on first run.
 */
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { AppError } from '../shared/errors';
import { installCapture } from './capture';
import { checkpointWhenIdle } from './checkpoint';
import { readSqliteHeader } from './sqlite-header';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

/** Marks the file as ours in the SQLite header ("CTRK"), so a foreign database is not mangled. */
export const APPLICATION_ID = 0x4354524b;

export interface OpenOptions {
  /** Path of the database file; created when missing. */
  file: string;
  /** A better_sqlite3.node built for Electron's ABI (the packaged app); tests use Node's. */
  nativeBinding?: string;
  /** Only for tests of the upgrade path: the migrations this "version of the app" knows. */
  migrations?: readonly Migration[];
}

interface Identity {
  appId: number;
  version: number;
  /** Whether the file has ever had a schema (tables, indexes …). */
  hasSchema: boolean;
}

/**
 * Reads the identity fields of the 100-byte SQLite header directly, so that a file we refuse is
 * not even opened (a connection, even read-only, would create -wal/-shm files beside it).
 * Returns null for an empty file (a new database) and throws db_foreign for anything that is not
 * SQLite.
 */
function readHeader(file: string): Identity | null {
  const header = readSqliteHeader(file);
  if (header.size === 0) return null;
  if (!header.isSqlite) throw new AppError({ code: 'db_foreign' });
  return {
    appId: header.applicationId,
    version: header.userVersion,
    hasSchema: header.schemaCookie !== 0,
  };
}

/**
 * When the file has a write-ahead log that was not checkpointed (the app was killed), the header
 * in the main file may be stale; only a connection sees the current values. A read-only one
 * changes nothing the app's own connection would not change anyway.
 */
function readThroughConnection(file: string, nativeBinding?: string): Identity {
  let probe: Db;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch {
    throw new AppError({ code: 'db_foreign' });
  }
  try {
    return {
      appId: probe.pragma('application_id', { simple: true }) as number,
      version: probe.pragma('user_version', { simple: true }) as number,
      hasSchema: (probe.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n > 0,
    };
  } catch {
    throw new AppError({ code: 'db_foreign' }); // "file is not a database" and the like
  } finally {
    probe.close();
  }
}

/**
 * Decides, before anything writes to an existing file, whether this version of the app may use
 * it: a file from a newer app, or not ours at all, is refused and left byte-for-byte untouched
 * (opening it read-write would already change its header when WAL is switched on).
 */
function inspect(file: string, known: number, nativeBinding?: string): void {
  if (!existsSync(file)) return;
  const wal = `${file}-wal`;
  const identity =
    existsSync(wal) && statSync(wal).size > 0 ? readThroughConnection(file, nativeBinding) : readHeader(file);
  if (identity === null) return;
  const { appId, version, hasSchema } = identity;
  // Ours carry our application id from the first migration on; an unmarked file is ours to
  // take only if it is still empty.
  if (appId !== APPLICATION_ID && (appId !== 0 || version !== 0 || hasSchema)) {
    throw new AppError({ code: 'db_foreign' });
  }
  if (version > known) {
    throw new AppError({ code: 'db_too_new', params: { found: version, supported: known } });
  }
}

export function openDatabase(options: OpenOptions): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const known = migrations[migrations.length - 1]?.version ?? 0;
  inspect(options.file, known, options.nativeBinding);

  const db = new Database(options.file, { nativeBinding: options.nativeBinding });
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a write the app has acknowledged survives a power cut, not only a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('trusted_schema = OFF');
    migrate(db, migrations);
    if (migrations === MIGRATIONS) installCapture(db);
    checkpointWhenIdle(db);
    cacheStatements(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Applies the migrations the file lacks, each in its own transaction with the version bump, so
 * an interrupted upgrade leaves the file at a consistent earlier version.
 */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  if (migrations.some((m, i) => m.version !== i + 1)) {
    throw new Error('migrations must be numbered 1, 2, 3 … in order');
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations.filter((m) => m.version > version)) {
    db.transaction(() => {
      m.up(db);
      if (m.version === 1) db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/**
 * Services call db.prepare(sql) where they need a statement; compiling the same SQL again on
 * every call cost a quarter of a 1,000-row paste. This keeps each compiled statement for reuse.
 * A statement's modes (pluck, raw, expand) persist on the object, so they are reset on each
 * hand-out and the caller sets what it needs, exactly as with a fresh statement.
 */
function cacheStatements(db: Db): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  db.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      if (cache.size >= 2000) cache.clear(); // dynamic UPDATEs vary by field set; stay bounded
      statement = compile(source);
      cache.set(source, statement);
    } else if (statement.reader) {
      statement.pluck(false).raw(false).expand(false);
    }
    return statement;
  }) as Db['prepare'];
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export { LATEST_VERSION };
