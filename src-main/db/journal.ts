/**
 * The journal of each write: one transaction in which the write's guard runs first, the write
 * runs with its changed rows captured (db/capture.ts), and those rows are handed to the write's
 * history step (undo, merge stamps) before the commit. Every write of the app goes through here:
 * the router for its channels, and the merge of a project file (which records itself as one undo
 * step). What was captured comes back with the value, for the change set the renderer applies.
 */
import type { Database } from 'better-sqlite3';
import { captureChanges, type RowChange } from './capture';
import { wrote } from './checkpoint';
import { writeState } from './write-state';

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

interface Frame {
  capturing: boolean;
  reported: RowChange[] | null;
  /** The connection's state as the write began (db/write-state.ts); outermost frame only. */
  startedAt?: string;
  /** Run once the outermost transaction has committed (see afterCommit). */
  committed?: (() => void)[];
}

/** Journals running on a connection, innermost last: a nested one reports to the one outside. */
const running = new WeakMap<Database, Frame[]>();

/**
 * What a figure kept beside the database (a project's total of an amount, services/totals.ts)
 * needs to move from write to write instead of being computed again: while a captured journal
 * runs alone (not inside an uncaptured write, whose rows nobody sees), the state the connection
 * was in as it began. A figure known right at that state, moved by the write's captured rows, is
 * right after it; `afterCommit` tells the state after the commit to keep it under.
 */
export function writeStartedAt(db: Database): string | null {
  const stack = running.get(db);
  const frame = stack?.length === 1 ? stack[0] : undefined;
  return frame?.capturing && frame.startedAt !== undefined ? frame.startedAt : null;
}

/**
 * Calls `fn` with the connection's state once the running journal (writeStartedAt not null) has
 * committed; never if it rolls back.
 */
export function afterCommit(db: Database, fn: (state: string) => void): void {
  const frame = running.get(db)?.[0];
  if (!frame?.committed) throw new Error('afterCommit outside a captured journal');
  frame.committed.push(() => fn(writeState(db)));
}

export function journal<T>(db: Database, options: JournalOptions, work: () => T): Journaled<T> {
  const stack = running.get(db) ?? [];
  running.set(db, stack);
  const outer = stack[stack.length - 1];
  // Capturing is one temporary table per connection: a capture cannot run inside another.
  if (outer?.capturing) throw new Error('a journaled write inside a captured one');
  const frame: Frame = { capturing: options.capture !== false, reported: null };
  if (!outer && frame.capturing) {
    frame.startedAt = writeState(db);
    frame.committed = [];
  }
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
    for (const fn of frame.committed ?? []) fn();
    if (!outer) wrote(db);
    return result;
  } finally {
    stack.pop();
  }
}
