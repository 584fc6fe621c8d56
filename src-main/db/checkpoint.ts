/**
 * When the write-ahead log is copied into the database file (a checkpoint). With SQLite's
 * automatic checkpoint alone, the commit that brings the log to 1,000 pages does it: about one
 * edit in eighty (an edit writes ≈ 12 pages: the task, its history entry, its merge stamps) waited
 * several milliseconds for it. A commit is durable once the log is flushed (synchronous = FULL),
 * so the copy need not be on any write's path: it runs once the app has been idle for a moment,
 * and a person editing pauses long before eighty edits. The automatic checkpoint stays, at
 * SQLite's 1,000 pages, for writes that never pause: a larger bound let the log file grow on
 * every commit of a long run of writes, and a commit that lengthens the file costs its flush
 * more (≈ 0.15 ms) than one that writes over the log's earlier pages.
 */
import type { Database } from 'better-sqlite3';

/** The log's bound for writes that never pause (pages of 4 kB: 4 MB; SQLite's default). */
export const LOG_BOUND_PAGES = 1000;
/** Idle time after the last write before the log is copied. */
export const IDLE_MS = 300;

const timers = new WeakMap<Database, ReturnType<typeof setTimeout>>();

/** For a connection just opened: the automatic checkpoint as the bound (said, not assumed). */
export function checkpointWhenIdle(db: Database): void {
  db.pragma(`wal_autocheckpoint = ${LOG_BOUND_PAGES}`);
}

/** After a commit: the log is copied once nothing has been written for IDLE_MS. */
export function wrote(db: Database): void {
  const pending = timers.get(db);
  if (pending) pending.refresh();
  else {
    const timer = setTimeout(() => {
      timers.delete(db);
      // PASSIVE: never waits for (nor blocks) a reader or writer of another connection.
      if (db.open && !db.inTransaction) {
        try {
          db.pragma('wal_checkpoint(PASSIVE)');
        } catch {
          // Busy or closing: the next idle moment, or the bound, copies it.
        }
      }
    }, IDLE_MS);
    timer.unref?.();
    timers.set(db, timer);
  }
}
