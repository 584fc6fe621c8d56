/**
 * Where a connection stands, to tell whether anything wrote between two moments: the rows it has
 * changed so far (total_changes(): every INSERT, UPDATE and DELETE of this connection, its
 * triggers and foreign-key actions included, committed or not) and the data version (moves when
 * another connection commits). Equal at two moments: nothing wrote in between. Figures kept
 * beside the database (the roll-up sums, a project's totals) are trusted only while it holds.
 */
import type { Database, Statement } from 'better-sqlite3';

/** Per connection: the two statements, prepared once. */
const probes = new WeakMap<Database, { changes: Statement; version: Statement }>();

export function writeState(db: Database): string {
  let p = probes.get(db);
  if (!p) {
    p = { changes: db.prepare('SELECT total_changes()'), version: db.prepare('PRAGMA data_version') };
    probes.set(db, p);
  }
  // Statements are shared through the connection's cache: their mode is set on each use.
  return `${p.changes.pluck().get() as number}:${p.version.pluck().get() as number}`;
}
