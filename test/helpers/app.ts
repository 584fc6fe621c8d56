/**
 * A router over a real SQLite file in a temp folder, with typed helpers to call channels and to
 * read the file back through a second connection.
 */
import type { Database as Db } from 'better-sqlite3';
import { expect, onTestFinished, vi } from 'vitest';
import { openDatabase } from '../../src-main/db/open';
import { createRouter, type Router } from '../../src-main/router';
import type { Channel } from '../../src-main/shared/channels';
import type { Input } from '../../src-main/shared/contract';
import type { AppErrorData } from '../../src-main/shared/errors';
import { decodeAnswer, type Answer } from '../../src-main/shared/task-rows';
import { tempDatabase, withRaw } from './db';

export interface App {
  file: string;
  db: Db;
  router: Router;
  logError: ReturnType<typeof vi.fn>;
  /** Calls a channel that must succeed and returns its value (decoded as the renderer's client does). */
  ok<C extends Channel>(channel: C, payload: Input<C>): Answer<C>;
  /** Calls a channel that must fail and returns its error. */
  fail(channel: Channel, payload: unknown): AppErrorData;
  /** Closes the connection and opens the same file again (a restart of the app). */
  reopen(): void;
}

export function openApp(): App {
  const { file, db } = tempDatabase();
  const logError = vi.fn();
  const app: App = {
    file,
    db,
    router: createRouter(db, { version: '0.0.0-test', logError }),
    logError,
    ok(channel, payload) {
      const result = app.router.invoke(channel, payload);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return decodeAnswer(channel, result.value);
    },
    fail(channel, payload) {
      const result = app.router.invoke(channel, payload);
      expect(result.ok, `${channel} should have been refused`).toBe(false);
      if (result.ok) throw new Error(`${channel} succeeded`);
      return result.error;
    },
    reopen() {
      app.db.close();
      app.db = openDatabase({ file });
      app.router = createRouter(app.db, { version: '0.0.0-test', logError });
    },
  };
  onTestFinished(() => {
    if (app.db.open) app.db.close();
  });
  return app;
}

/** Rows of a query, read through a fresh second connection. */
export function query<T = Record<string, unknown>>(file: string, sql: string, ...params: unknown[]): T[] {
  return withRaw(file, (raw) => raw.prepare(sql).all(...params) as T[]);
}

/** The stored tasks of a project in table order (position), as full rows. */
export function storedTasks(file: string, projectId: string): Record<string, unknown>[] {
  return query(file, 'SELECT * FROM tasks WHERE project_id = ? ORDER BY position', projectId);
}

/**
 * Every row a project owns, read from the file: the project row, its people, modules, tasks and
 * task links, each in a stable order. Two snapshots are equal only when the rows are identical.
 */
export interface Snapshot {
  projects: Record<string, unknown>[];
  people: Record<string, unknown>[];
  modules: Record<string, unknown>[];
  tasks: Record<string, unknown>[];
  task_links: Record<string, unknown>[];
}

export function projectSnapshot(file: string, projectId: string): Snapshot {
  return withRaw(file, (raw) => {
    const all = (sql: string) => raw.prepare(sql).all(projectId) as Record<string, unknown>[];
    return {
      projects: all('SELECT * FROM projects WHERE id = ?'),
      people: all('SELECT * FROM people WHERE project_id = ? ORDER BY id'),
      modules: all('SELECT * FROM modules WHERE project_id = ? ORDER BY id'),
      tasks: all('SELECT * FROM tasks WHERE project_id = ? ORDER BY id'),
      task_links: all(
        `SELECT l.* FROM task_links l JOIN tasks t ON t.id = l.successor_id
          WHERE t.project_id = ? ORDER BY l.predecessor_id, l.successor_id`,
      ),
    };
  });
}

/** The history entries of a project, oldest first. */
export function historyRows(
  file: string,
  projectId: string,
): { seq: number; action: string; undone: number }[] {
  return query(file, 'SELECT seq, action, undone FROM history WHERE project_id = ? ORDER BY seq', projectId);
}
