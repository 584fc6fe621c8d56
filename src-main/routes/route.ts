/**
 * How a channel's handler is registered: as a read, or as a write that says which projects it
 * changes (so the archive rule can refuse it) and, with `undoable(…)`, that the user can undo it
 * (as Actual Budget registers `mutator(undoable(fn))`). Each domain registers its channels in
 * one file of this folder; index.ts joins them into the table the router serves, and its type
 * makes a channel without a handler, or a write without its projects, a compile error.
 */
import type { z } from 'zod';
import type { Channel } from '../shared/channels';
import type { Contract, Output } from '../shared/contract';
import type { Task } from '../shared/domain';
import { AppError } from '../shared/errors';
import type { Db } from '../services/common';
import type { ProjectFileService } from '../project-file/service';
import type { BackupService } from '../backups/backups';
import type { EventHub } from '../shared/events';

/** What handlers may need beyond the database. */
export interface AppInfo {
  version: string;
  /** Export, open and merge of project files (absent where files cannot be read, e.g. some tests). */
  projectFiles?: ProjectFileService;
  /** Backups of the database file (absent for a router over a bare connection, e.g. some tests). */
  backups?: BackupService;
  /** Where events for the page are emitted (absent: nobody listens, e.g. some tests). */
  events?: EventHub;
  /**
   * Set by the router: a project's task count and overall progress when its roll-up sums are
   * held and current (routes/roll-ups.ts), so a read need not compute them over every task.
   */
  knownFigures?: (projectId: string) => { taskCount: number; progress: number } | null;
}

/** Services the archive rule needs beyond the database (the staged project files). */
export interface GuardContext {
  stagedProjectId(token: string): string | null;
}

/** The projects a write would change (an unknown id finds none: not_found follows). */
export type Finder<I> = (db: Db, input: I, ctx: GuardContext) => (string | null)[];

type Run<I, O> = (db: Db, input: I, app: AppInfo) => O;
/**
 * An asynchronous channel works in two stages: the awaited part (reading or writing a file) runs
 * first, outside any transaction, because a better-sqlite3 transaction must never span an await;
 * it answers with the synchronous rest, which runs journaled like any other write.
 */
type Prepare<I, O> = (db: Db, input: I, app: AppInfo) => Promise<() => O>;

interface RouteBase<I, O> {
  run?: Run<I, O>;
  prepare?: Prepare<I, O>;
}

export interface ReadRoute<I, O> extends RouteBase<I, O> {
  kind: 'read';
}

export interface WriteRoute<I, O> extends RouteBase<I, O> {
  kind: 'write';
  /** The projects the write changes, for the archive rule. */
  writes: Finder<I>;
  /** Recorded in the project's history as one step named after the channel. */
  undoable: boolean;
  /** Rows captured for the change set (off for writes of a whole project at once). */
  capture: boolean;
  /** For an uncaptured write: the project it was about, for the change set. */
  project?: (input: I, value: O) => string | null;
  /** Tasks the write's answer holds as it left them: its change set takes them as they are. */
  tasksAfter?: (value: O) => Task[];
  /**
   * False for the backups, which copy or replace the database file as a whole (a restore even
   * swaps the connection): no transaction of this connection holds them.
   */
  journaled: boolean;
}

export type Route<I, O> = ReadRoute<I, O> | WriteRoute<I, O>;

export type In<C extends Channel> = z.output<Contract[C]['input']>;
/** The handler each channel must have: its input and output types are the contract's. */
export type RouteTable = { [C in Channel]: Route<In<C>, Output<C>> };

export const read = <I, O>(run: Run<I, O>): ReadRoute<I, O> => ({ kind: 'read', run });
export const readAsync = <I, O>(prepare: Prepare<I, O>): ReadRoute<I, O> => ({ kind: 'read', prepare });

interface WriteOptions<I, O> {
  writes: Finder<I>;
  /** Default true; false with `project` for writes of a whole project at once. */
  capture?: boolean;
  project?: (input: I, value: O) => string | null;
  tasksAfter?: (value: O) => Task[];
  /** Default true; see WriteRoute.journaled. */
  journaled?: boolean;
}

export const write = <I, O>(run: Run<I, O>, options: WriteOptions<I, O>): WriteRoute<I, O> => ({
  kind: 'write',
  run,
  writes: options.writes,
  undoable: false,
  capture: options.capture ?? true,
  project: options.project,
  tasksAfter: options.tasksAfter,
  journaled: options.journaled ?? true,
});

export const writeAsync = <I, O>(prepare: Prepare<I, O>, options: WriteOptions<I, O>): WriteRoute<I, O> => ({
  ...write<I, O>(undefined as never, options),
  run: undefined,
  prepare,
});

/**
 * A write the user can undo: its captured rows go into the project's history, in the same
 * transaction, stamped for merging. Creating or deleting a whole project is not undone (its
 * confirmation is the safeguard), and undo/redo do not record themselves.
 */
export const undoable = <I, O>(route: WriteRoute<I, O>): WriteRoute<I, O> => ({
  ...route,
  undoable: true,
  capture: true,
});

/** Writes that change no project of the database (or a new one only). */
export const none = (): string[] => [];

const ownerOf = (table: string) => (db: Db, id: string) =>
  (db.prepare(`SELECT project_id FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? null;

/** The project of a row, by table (null for an unknown id). */
export const projectOfRow = {
  person: ownerOf('people'),
  module: ownerOf('modules'),
  task: ownerOf('tasks'),
  metric: ownerOf('metrics'),
  spend: ownerOf('spend_entries'),
  lesson: ownerOf('lessons'),
  issue: ownerOf('issues'),
  feedback: ownerOf('feedback'),
  cause: ownerOf('root_causes'),
  adjustment: ownerOf('adjustments'),
  actual: (db: Db, id: string) =>
    (db
      .prepare(
        'SELECT m.project_id FROM metric_actuals a JOIN metrics m ON m.id = a.metric_id WHERE a.id = ?',
      )
      .pluck()
      .get(id) as string | undefined) ?? null,
  checkin: (db: Db, id: string) =>
    (db
      .prepare('SELECT t.project_id FROM task_checkins c JOIN tasks t ON t.id = c.task_id WHERE c.id = ?')
      .pluck()
      .get(id) as string | undefined) ?? null,
};

/** Finders for the common shapes of input. */
export const inProject = (_db: Db, i: { projectId: string }) => [i.projectId];
export const byId =
  (of: (db: Db, id: string) => string | null) =>
  (db: Db, i: { id: string }): (string | null)[] => [of(db, i.id)];

export function backupsOf(app: AppInfo): BackupService {
  if (!app.backups) throw new AppError({ code: 'internal', reason: 'backups_unavailable' });
  return app.backups;
}

export function projectFilesOf(app: AppInfo): ProjectFileService {
  if (!app.projectFiles) throw new AppError({ code: 'internal', reason: 'project_files_unavailable' });
  return app.projectFiles;
}
