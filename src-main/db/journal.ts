/**
 * The journal of each write: one transaction in which the write's guard runs first, the write
 * runs with its changed rows captured (db/capture.ts), and those rows are handed to the write's
 * history step (undo, merge stamps) before the commit. Every write of the app goes through here:
 * the router for its channels, and the merge of a project file (which records itself as one undo
 * step). What was captured comes back with the value, for the change set the renderer applies.
 */
import type { Database } from 'better-sqlite3';
import { captureChanges, type RowChange } from './capture';

export interface JournalOptions {
  /** Checked inside the transaction before the write (the archive rule); throws to refuse. */
  guard?: () => void;
  /**
   * Whether the write's rows are captured (default true). Off for writes of a whole project at
   * once (a new project from a file, a copy, a deletion), whose rows nobody undoes; a journal
   * nested in such a write still captures its own rows and hands them to this one.
   */
  capture?: boolean;
  /** A follow-up of the write, captured on its own after it (a merge's owner reconciliation). */
  settle?: () => void;
  /**
   * The history step, inside the transaction: `changes` is everything captured (the write's rows,
   * then the follow-up's), `settled` the follow-up's alone.
   */
  record?: (changes: RowChange[], settled: RowChange[]) => void;
}

export interface Journaled<T> {
  value: T;
  /** The rows the write changed; null when it was not captured and nothing nested reported any. */
  changes: RowChange[] | null;
}

/** Journals running on a connection, innermost last: a nested one reports to the one outside. */
const running = new WeakMap<Database, { capturing: boolean; reported: RowChange[] | null }[]>();

export function journal<T>(db: Database, options: JournalOptions, work: () => T): Journaled<T> {
  const stack = running.get(db) ?? [];
  running.set(db, stack);
  const outer = stack[stack.length - 1];
  // Capturing is one temporary table per connection: a capture cannot run inside another.
  if (outer?.capturing) throw new Error('a journaled write inside a captured one');
  const frame = { capturing: options.capture !== false, reported: null as RowChange[] | null };
  stack.push(frame);
  try {
    const result = db.transaction((): Journaled<T> => {
      options.guard?.();
      if (!frame.capturing) {
        const value = work();
        return { value, changes: frame.reported };
      }
      const main = captureChanges(db, work);
      const settled = options.settle ? captureChanges(db, options.settle).changes : [];
      const changes = settled.length ? [...main.changes, ...settled] : main.changes;
      options.record?.(changes, settled);
      return { value: main.value, changes };
    })();
    if (outer && result.changes) outer.reported = [...(outer.reported ?? []), ...result.changes];
    return result;
  } finally {
    stack.pop();
  }
}
