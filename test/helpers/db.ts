import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { openDatabase } from '../../src-main/db/open';
import { tempDir } from './tmp';

/** A second, independent connection to a database file (read-only unless asked otherwise). */
export function rawOpen(file: string, options: { readonly?: boolean } = {}): Db {
  return new Database(file, { readonly: options.readonly ?? true, fileMustExist: true });
}

/** Runs `fn` over a fresh second connection to `file` and closes it again. */
export function withRaw<T>(file: string, fn: (db: Db) => T, options: { readonly?: boolean } = {}): T {
  const raw = rawOpen(file, options);
  try {
    return fn(raw);
  } finally {
    raw.close();
  }
}

/** SHA-256 of a file's bytes, hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * The logical content of a database as text: user_version, application_id, the schema and every
 * row of every table (in rowid order, or key order for a WITHOUT ROWID table), read through a
 * separate connection.
 */
export function logicalDump(file: string): string {
  return withRaw(file, (db) => {
    const parts: string[] = [
      `user_version=${String(db.pragma('user_version', { simple: true }))}`,
      `application_id=${String(db.pragma('application_id', { simple: true }))}`,
    ];
    const objects = db
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all() as { type: string; name: string; sql: string | null }[];
    for (const o of objects) {
      parts.push(`${o.type} ${o.name}: ${o.sql ?? ''}`);
      if (o.type !== 'table') continue;
      const withoutRowid = /WITHOUT ROWID\s*$/i.test(o.sql ?? '');
      const columns =
        (db.prepare('SELECT count(*) FROM pragma_table_info(?)').pluck().get(o.name) as number) || 1;
      const order = withoutRowid ? Array.from({ length: columns }, (_, i) => i + 1).join(', ') : 'rowid';
      const rows = db.prepare(`SELECT * FROM "${o.name.replaceAll('"', '""')}" ORDER BY ${order}`).all();
      parts.push(`${o.name} rows=${rows.length}`, JSON.stringify(rows));
    }
    return parts.join('\n');
  });
}

/** SHA-256 of logicalDump(file). */
export function logicalHash(file: string): string {
  return createHash('sha256').update(logicalDump(file)).digest('hex');
}

/** Number of rows of `table` matching an optional WHERE clause, counted through a second connection. */
export function countRows(file: string, table: string, where = '1', ...params: unknown[]): number {
  return withRaw(
    file,
    (db) =>
      db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as {
        n: number;
      },
  ).n;
}

/** A database file in a fresh temp folder, opened with the app's full schema. */
export function tempDatabase(): { file: string; dir: string; db: Db } {
  const dir = tempDir();
  const file = join(dir, 'test.sqlite');
  const db = openDatabase({ file });
  return { file, dir, db };
}
