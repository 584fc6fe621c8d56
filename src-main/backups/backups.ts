/**
 * Backups of the app's database in <dataDir>/backups: create (SQLite's online backup API over
 * the app's own connection, so writes may go on meanwhile and the copy is still one consistent
 * state), list, verify, restore, and rotation after each backup. Knows nothing of transport.
 *
 * Atomic on disk: a backup is written under a hidden temporary name in the same folder, made a
 * plain rollback-journal file, flushed (fsync) and only then renamed to its real name, so a crash
 * never leaves half a backup under a name the list would show. A restore swaps the database file
 * the same way (copy to a temporary name beside it, fsync, rename over it), after a
 * 'before-restore' backup of the current data, which is also what is put back should the
 * restored file fail to open.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { APPLICATION_ID, LATEST_VERSION } from '../db/open';
import { unexpectedSchemaObject } from '../db/schema-check';
import { readSqliteHeader, type SqliteHeader } from '../db/sqlite-header';
import {
  backupName,
  parseBackupName,
  type BackupEntry,
  type BackupKind,
  type ParsedBackupName,
} from '../shared/backups';
import { AppError } from '../shared/errors';
import { planRotation, type RotationPolicy } from './rotation';

/** The connection the app works on, which a restore replaces. */
export interface LiveDatabase {
  /** The open connection now. */
  current(): Db;
  /** Opens the database file as the app does (checks, migrations). */
  open(): Db;
  /** Takes a newly opened connection into use in place of the closed one. */
  adopt(db: Db): void;
}

export interface BackupServiceOptions {
  /** The backups folder, <dataDir>/backups (created when needed). */
  dir: string;
  /** The live database file. */
  file: string;
  live: LiveDatabase;
  /** A better_sqlite3.node for Electron's ABI, as for the app's own connection. */
  nativeBinding?: string;
  /** The newest schema version this app knows (a backup from a newer app is refused). */
  knownVersion?: number;
  now?: () => Date;
  /** The user's offset from UTC in minutes, for the days and weeks of the rotation. */
  utcOffsetMinutes?: () => number;
  policy?: RotationPolicy;
  /** Pages copied per step of the online backup (each step is one turn of the event loop). */
  pagesPerStep?: number;
  logError?: (message: string, error: unknown) => void;
}

export interface RestoreResult {
  restored: BackupEntry;
  /** The data as it was just before, kept as a backup of its own. */
  beforeRestore: BackupEntry;
  /**
   * Whether the backup's bytes matched the checksum recorded when it was written. False for a
   * backup made before checksums were recorded: its schema and pages were checked, its content
   * could not be.
   */
  contentVerified: boolean;
}

export interface BackupService {
  readonly dir: string;
  /** Every backup in the folder, newest first. */
  list(): BackupEntry[];
  /** A new backup of the live database (then the rotation runs, unless it is a before-restore one). */
  create(kind: BackupKind): Promise<BackupEntry>;
  /** Replaces the live data with a backup's, after verifying it and backing up the current data. */
  restore(name: string): Promise<RestoreResult>;
  /**
   * Throws AppError (file_refused: backup_corrupt | backup_foreign | backup_too_new |
   * backup_altered) unless usable; answers whether its content was checked against its checksum.
   */
  verify(path: string): { contentVerified: boolean };
  /** Deletes the backups the policy does not keep; answers their names. */
  rotate(): string[];
  /** Whether the data changed since the last backup (or, at start, since the newest backup was made). */
  hasChanges(): boolean;
  /** Whether a restore is under way (the app's channels wait for it to finish). */
  readonly restoring: boolean;
  /** Stops: a backup running is abandoned (its temporary file removed), later calls refuse. */
  close(): void;
}

/** The backups folder's name inside the data folder. */
export const BACKUPS_DIR = 'backups';
const TEMP_PREFIX = '.partial-';
/** Temporary files left by a crash are removed when older than this. */
const STALE_TEMP_MS = 3_600_000;

export function createBackupService(options: BackupServiceOptions): BackupService {
  const { dir, file, live } = options;
  const now = options.now ?? (() => new Date());
  const known = options.knownVersion ?? LATEST_VERSION;
  const logError = options.logError ?? ((m, e) => console.error(m, e));
  const pagesPerStep = options.pagesPerStep ?? 256;
  let queue: Promise<unknown> = Promise.resolve();
  let restoring = 0;
  let closed = false;
  // What counts as "changed": the connection's total_changes() against its value when the last
  // backup began; at start, whether the file was written after the newest backup was.
  let baseline = totalChanges(live.current());
  let changedBeforeStart = true;

  removeStaleTemporaries();
  const newest = list()[0];
  changedBeforeStart = !newest || modifiedAfter(file, join(dir, newest.name));

  function list(): BackupEntry[] {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    const entries: (BackupEntry & { parsed: ParsedBackupName })[] = [];
    for (const name of names) {
      const parsed = parseBackupName(name);
      if (!parsed) continue;
      let bytes: number;
      try {
        const s = statSync(join(dir, name));
        if (!s.isFile()) continue;
        bytes = s.size;
      } catch {
        continue; // deleted meanwhile
      }
      entries.push({ name, kind: parsed.kind, createdAt: parsed.createdAt.toISOString(), bytes, parsed });
    }
    entries.sort(
      (a, b) =>
        b.parsed.createdAt.getTime() - a.parsed.createdAt.getTime() ||
        b.parsed.seq - a.parsed.seq ||
        (a.name < b.name ? 1 : -1),
    );
    return entries.map(({ parsed: _parsed, ...entry }) => entry);
  }

  /** Runs one operation at a time: a restore never overlaps a backup, nor two backups each other. */
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  async function snapshot(kind: BackupKind): Promise<BackupEntry> {
    if (closed) throw new AppError({ code: 'internal', reason: 'backup_failed' });
    mkdirSync(dir, { recursive: true });
    const db = live.current();
    const createdAt = now();
    const temp = join(dir, `${TEMP_PREFIX}${randomUUID()}.sqlite`);
    const changesAtStart = totalChanges(db);
    try {
      // Pages already in the file need not stay in the log; and a later close then has
      // nothing to copy back, so the file's date tells whether anything was written since.
      db.pragma('wal_checkpoint(PASSIVE)');
      await db.backup(temp, { progress: () => pagesPerStep });
      if (closed) throw new Error('closed during the backup');
      asRollbackJournal(temp, options.nativeBinding);
      fsyncFile(temp);
      const name = freeName(createdAt, kind);
      // The checksum is in place before the backup appears under its name.
      writeChecksum(join(dir, name), sha256File(temp));
      renameSync(temp, join(dir, name));
      fsyncFolder(dir);
      if (db === live.current()) {
        baseline = changesAtStart;
        changedBeforeStart = false;
      }
      const entry = list().find((e) => e.name === name);
      if (!entry) throw new Error(`backup ${name} vanished`);
      return entry;
    } catch (e) {
      removeQuietly(temp);
      removeQuietly(`${temp}-journal`);
      if (e instanceof AppError) throw e;
      if (!closed) logError(`backup (${kind}) failed`, e);
      throw new AppError({ code: 'internal', reason: 'backup_failed' });
    }
  }

  /**
   * The name for a backup made now: a later backup within the same second (of any kind) gets a
   * higher number, so the names alone order the list.
   */
  function freeName(createdAt: Date, kind: BackupKind): string {
    const second = Math.floor(createdAt.getTime() / 1000);
    let seq = 1;
    for (const name of readdirSync(dir)) {
      const parsed = parseBackupName(name);
      if (parsed && parsed.createdAt.getTime() / 1000 === second) seq = Math.max(seq, parsed.seq + 1);
    }
    while (existsSync(join(dir, backupName(createdAt, kind, seq)))) seq++;
    return backupName(createdAt, kind, seq);
  }

  function verify(path: string): { contentVerified: boolean } {
    return verifyBackupFile(path, { known, nativeBinding: options.nativeBinding });
  }

  function rotate(): string[] {
    const entries = list();
    const plan = planRotation(
      entries.map((e) => ({ name: e.name, kind: e.kind, createdAt: new Date(e.createdAt) })),
      now(),
      {
        utcOffsetMinutes: options.utcOffsetMinutes?.() ?? -now().getTimezoneOffset(),
        policy: options.policy,
      },
    );
    const removed: string[] = [];
    for (const name of plan.remove) {
      try {
        rmSync(join(dir, name));
        removeQuietly(checksumFile(join(dir, name)));
        removed.push(name);
      } catch (e) {
        logError(`could not remove the old backup ${name}`, e);
      }
    }
    return removed;
  }

  async function restore(name: string): Promise<RestoreResult> {
    const chosen = list().find((e) => e.name === name);
    if (!chosen) throw new AppError({ code: 'not_found', path: ['name'], reason: 'backup_not_found' });
    const source = join(dir, chosen.name);
    const { contentVerified } = verify(source);
    const before = await snapshot('before-restore');
    // From here on everything is synchronous: no call of the app runs until the new
    // connection is in place (and none was let through during the backup above).
    replaceLiveFile(source, join(dir, before.name));
    return { restored: chosen, beforeRestore: before, contentVerified };
  }

  /**
   * Puts `source`'s content in place of the live file. Each step leaves either the old file or
   * the new one under the real name; when the new one will not open, the before-restore backup
   * (`fallback`) is put back the same way and opened instead.
   */
  function replaceLiveFile(source: string, fallback: string): void {
    const staging = `${file}.restoring`;
    copyInto(source, staging);
    const old = live.current();
    const replica = replicaOf(old);
    try {
      old.pragma('wal_checkpoint(TRUNCATE)');
      old.close();
      // The last connection to close copies the log into the file and deletes the log and its
      // index. Still there means another connection has the file open (a project-file export
      // reading it, another process): swapping the file under it could make it replay or
      // delete the new log, so the restore is refused and the old file stays.
      if (existsSync(`${file}-wal`) || existsSync(`${file}-shm`)) {
        throw new AppError({ code: 'conflict', reason: 'database_in_use' });
      }
      renameSync(staging, file);
      fsyncFolder(dirname(file));
    } catch (e) {
      removeQuietly(staging);
      if (!old.open) live.adopt(live.open()); // the old file is still in place
      if (e instanceof AppError) throw e;
      logError('restore: could not swap the database file', e);
      throw new AppError({ code: 'internal', reason: 'restore_failed' });
    }
    let db: Db;
    try {
      db = live.open();
    } catch (e) {
      logError('restore: the restored file did not open; putting the previous data back', e);
      try {
        copyInto(fallback, staging);
        removeQuietly(`${file}-wal`);
        removeQuietly(`${file}-shm`);
        renameSync(staging, file);
        fsyncFolder(dirname(file));
        live.adopt(live.open());
        baseline = totalChanges(live.current());
      } catch (again) {
        logError(`restore: could not put the previous data back; it is kept in ${fallback}`, again);
      }
      throw new AppError({ code: 'internal', reason: 'restore_failed' });
    }
    keepClock(db, replica);
    live.adopt(db);
    baseline = totalChanges(db);
    changedBeforeStart = false;
  }

  function removeStaleTemporaries() {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    const orphans = names.filter(
      (n) => n.endsWith(CHECKSUM_SUFFIX) && !names.includes(n.slice(0, -CHECKSUM_SUFFIX.length)),
    );
    for (const name of [...names.filter((n) => n.startsWith(TEMP_PREFIX)), ...orphans]) {
      const path = join(dir, name);
      try {
        if (now().getTime() - statSync(path).mtimeMs > STALE_TEMP_MS) rmSync(path, { force: true });
      } catch {
        // gone meanwhile
      }
    }
  }

  return {
    dir,
    list,
    create: (kind) =>
      serial(async () => {
        const entry = await snapshot(kind);
        if (kind !== 'before-restore') rotate();
        return entry;
      }),
    restore(name) {
      // From the call on (also while it waits for a backup under way), the app's calls wait.
      restoring++;
      return serial(() => restore(name)).finally(() => restoring--);
    },
    verify,
    rotate,
    hasChanges: () => {
      if (changedBeforeStart) return true;
      try {
        return totalChanges(live.current()) !== baseline;
      } catch {
        return false; // closed
      }
    },
    get restoring() {
      return restoring > 0;
    },
    close() {
      closed = true;
    },
  };
}

/**
 * Checks a backup before it may replace the live data, the way a project file is checked: its
 * bytes against the checksum recorded when it was written (when there is one), then an SQLite
 * file of full length, intact (quick_check), ours (application_id), not from a newer app
 * (user_version), and with exactly the schema our migrations make for its version — no trigger,
 * view or altered table. It is opened read-only on its own connection with trusted_schema off,
 * so nothing in it runs. Answers whether the content was checked against a checksum.
 */
export function verifyBackupFile(
  path: string,
  options: { known?: number; nativeBinding?: string } = {},
): { contentVerified: boolean } {
  const known = options.known ?? LATEST_VERSION;
  const refuse = (reason: string, params?: Record<string, string | number>) =>
    new AppError({ code: 'file_refused', path: ['name'], reason, ...(params ? { params } : {}) });
  const corrupt = () => refuse('backup_corrupt');

  const recorded = readChecksum(path);
  if (recorded === 'unreadable') throw refuse('backup_altered');
  if (recorded !== null) {
    let actual: string;
    try {
      actual = sha256File(path);
    } catch {
      throw corrupt();
    }
    if (actual !== recorded) throw refuse('backup_altered');
  }

  let header: SqliteHeader;
  try {
    header = readSqliteHeader(path);
  } catch {
    throw corrupt();
  }
  if (!header.isSqlite || !header.wholePages) throw corrupt();

  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
  } catch {
    throw corrupt();
  }
  try {
    let appId: number;
    let version: number;
    try {
      db.pragma('trusted_schema = OFF');
      db.pragma('cell_size_check = ON');
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw corrupt();
      appId = db.pragma('application_id', { simple: true }) as number;
      version = db.pragma('user_version', { simple: true }) as number;
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw corrupt(); // "database disk image is malformed", "file is not a database" …
    }
    if (appId !== APPLICATION_ID || version < 1) throw refuse('backup_foreign');
    if (version > known) throw refuse('backup_too_new', { found: version, supported: known });
    let odd: { type: string; name: string } | null;
    try {
      odd = unexpectedSchemaObject(db, version, options.nativeBinding);
    } catch {
      throw corrupt();
    }
    if (odd) throw refuse('backup_altered', { type: odd.type, name: odd.name });
  } finally {
    db.close();
  }
  return { contentVerified: recorded !== null };
}

/** Beside each backup, `<name>.sha256`: the SHA-256 of its bytes when it was written. */
const CHECKSUM_SUFFIX = '.sha256';
const checksumFile = (backup: string) => `${backup}${CHECKSUM_SUFFIX}`;

/** SHA-256 of a file, read in chunks (memory stays small whatever its size). */
export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      hash.update(chunk.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Written to a temporary name, flushed, renamed: never half a checksum under the real name. */
function writeChecksum(backup: string, sha256: string): void {
  const temp = join(dirname(backup), `${TEMP_PREFIX}${randomUUID()}${CHECKSUM_SUFFIX}`);
  writeFileSync(temp, `${sha256}\n`, { mode: 0o600 });
  fsyncFile(temp);
  renameSync(temp, checksumFile(backup));
}

/** The recorded checksum; null when none was recorded (a backup from before checksums). */
function readChecksum(backup: string): string | null | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(checksumFile(backup), 'utf8');
  } catch (e) {
    return (e as { code?: string }).code === 'ENOENT' ? null : 'unreadable';
  }
  const m = /^([0-9a-f]{64})\s*$/.exec(text);
  return m ? m[1]! : 'unreadable';
}

/** This installation's identity and change counter, as the database holds them. */
function replicaOf(db: Db): { id: string; clock: number } | null {
  try {
    return (
      (db.prepare('SELECT id, clock FROM replica LIMIT 1').get() as { id: string; clock: number }) ?? null
    );
  } catch {
    return null; // a database from before the replica table
  }
}

/**
 * The counter numbering this installation's changes never goes back, not even with its data:
 * after a restore the restored file keeps counting from where the installation was, so a
 * counter is never given to two different changes (and a colleague's copy that has seen the
 * newer ones is not taken for an impossible claim).
 */
function keepClock(db: Db, before: { id: string; clock: number } | null): void {
  if (!before) return;
  const now = replicaOf(db);
  if (now === null) {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'replica'").get();
    if (hasTable)
      db.prepare('INSERT INTO replica (id, name, clock) VALUES (?, ?, ?)').run(before.id, '', before.clock);
  } else if (now.id === before.id && now.clock < before.clock) {
    db.prepare('UPDATE replica SET clock = ? WHERE id = ?').run(before.clock, before.id);
  }
}

function totalChanges(db: Db): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

/**
 * The online backup copies the source's pages as they are, including the header's "WAL" mark;
 * a backup is a single self-contained file, so it is switched to a rollback journal.
 */
function asRollbackJournal(path: string, nativeBinding?: string): void {
  const db = new Database(path, { fileMustExist: true, nativeBinding });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Copies a file to `target` (replaced if there) and flushes it to disk. */
function copyInto(source: string, target: string): void {
  removeQuietly(target);
  copyFileSync(source, target);
  fsyncFile(target);
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable; folders cannot be opened on Windows, where NTFS journals it anyway. */
function fsyncFolder(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // not supported here
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // nothing to remove, or not ours to remove
  }
}

/**
 * Whether the database file (or its write-ahead log) was written after `backup` was made: the
 * test at start for data changed in an earlier run. Checkpoints are done before each backup, so
 * an unchanged database is not written again on close.
 */
function modifiedAfter(file: string, backup: string): boolean {
  try {
    const made = statSync(backup).mtimeMs;
    let written = existsSync(file) ? statSync(file).mtimeMs : 0;
    const wal = `${file}-wal`;
    if (existsSync(wal)) {
      const s = statSync(wal);
      if (s.size > 0) written = Math.max(written, s.mtimeMs);
    }
    return written > made;
  } catch {
    return true;
  }
}
