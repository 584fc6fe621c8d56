/**
 * Installations of the app exchanging copies of a project, for the merge tests: each is its own
 * database file with its own replica (openApp), edited through the router so every change is
 * stamped as in the app; a copy travels as the bundle a file carries and is merged back exactly
 * as the project-file service merges it (src-main/sync/merge-copy.ts).
 */
import { createHash } from 'node:crypto';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import type { ProjectBundle } from '../../src-main/project-file/format';
import { insertBundle } from '../../src-main/project-file/insert';
import type { MergeResolutions } from '../../src-main/sync/apply-merge';
import { readProjectBundle } from '../../src-main/sync/bundle';
import type { MergePlan, MergeSummary } from '../../src-main/sync/merge';
import { ownEntry, recordExported } from '../../src-main/sync/claims';
import { applyCopyMerge, planCopyMerge } from '../../src-main/sync/merge-copy';
import { PROJECT_TABLES } from '../../src-main/sync/project-tables';
import { localReplica } from '../../src-main/sync/versions';
import { openApp, type App } from './app';
import { withRaw } from './db';

/** A copy's project as a file carries it, exported by that installation. */
export function exportCopy(app: App, pid: string): ProjectBundle {
  const me = localReplica(app.db);
  recordExported(app.db, pid, ownEntry(app.db, pid)); // as the export service records it
  return readProjectBundle(app.db, pid, {
    projectId: pid,
    exportedAt: new Date().toISOString(),
    exporterId: me.id,
    exporterName: me.name,
    appVersion: 'test',
    format: LATEST_VERSION,
  });
}

/** A colleague's installation that opens the file as a new project. */
export function receive(bundle: ProjectBundle): App {
  const app = openApp();
  insertBundle(app.db, bundle);
  return app;
}

export const plan = (app: App, pid: string, theirs: ProjectBundle): MergePlan =>
  planCopyMerge(app.db, pid, theirs);

/** Planned and applied as one action (one transaction, one undo step). */
export function mergeCopy(
  app: App,
  pid: string,
  theirs: ProjectBundle,
  resolutions: MergeResolutions = {},
): MergeSummary {
  return applyCopyMerge(app.db, pid, plan(app, pid, theirs), resolutions);
}

/** Every row of the project in every project table, read from the file, in key order. */
export function projectRows(app: App, pid: string): Record<string, Record<string, unknown>[]> {
  return withRaw(app.file, (raw) =>
    Object.fromEntries(
      PROJECT_TABLES.map((t) => [
        t.name,
        raw
          .prepare(`SELECT * FROM ${t.name} WHERE ${t.where} ORDER BY ${t.key.join(', ')}`)
          .all(pid) as Record<string, unknown>[],
      ]),
    ),
  );
}

export const projectHash = (app: App, pid: string) =>
  createHash('sha256')
    .update(JSON.stringify(projectRows(app, pid)))
    .digest('hex');

export const foreignKeyProblems = (app: App) => withRaw(app.file, (raw) => raw.pragma('foreign_key_check'));
