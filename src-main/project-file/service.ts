/**
 * The project-file workflow as the router offers it: export a project to a file the user
 * chooses; read a file (in a worker, with limits) and show what it holds; then write it as a
 * new project, as a copy with new identity, or merged into the project it is a copy of.
 * Nothing is written until the user confirms the preview; every write is one transaction.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppError } from '../shared/errors';
import type { EventHub } from '../shared/events';
import { fileNameFromTitle } from '../shared/file-names';
import type { FilePreview, MergeSummary } from '../shared/project-file-contract';
import type { Db } from '../db/connection';
import { ownEntry, recordExported, refuseImpossibleClaims } from '../sync/claims';
import { localReplica, setReplicaName } from '../sync/versions';
import type { MergePlan } from '../sync/merge';
import { applyCopyMerge, planCopyMerge } from '../sync/merge-copy';
import { asNewCopy } from './copy';
import { insertBundle } from './insert';
import { FILE_LIMITS, PROJECT_FILE_EXTENSION, type FileSummary, type ProjectBundle } from './format';
import { runProjectFileJob } from './run-worker';

export interface ProjectFileHost {
  /** Asks where to save (a save dialog in the app); null when the user cancels. */
  chooseExportPath(suggestedName: string): Promise<string | null>;
  /** The user's name as the system knows it, until they type their own. */
  defaultUserName: string;
}

export interface ProjectFileOptions {
  db: Db;
  /** The app's database file, which the export worker reads in its own connection. */
  databaseFile: string;
  /** out/main/project-file-worker.js, beside the main bundle. */
  workerFile: string;
  nativeBinding?: string;
  appVersion: string;
  host: ProjectFileHost;
  /** Where an export's progress is told to the page (absent: nobody listens). */
  events?: EventHub;
}

interface Staged {
  bundle: ProjectBundle;
  summary: FileSummary;
  at: number;
}

/** Conflicts sent to the preview; a merge with more is still possible with "all mine/theirs". */
export const PREVIEW_CONFLICTS = 1000;
/** Previews open at once (each holds a whole project in memory); the oldest is dropped first. */
const MAX_STAGED = 4;
/** Files read but not yet written or discarded are forgotten after this long. */
const STAGED_TTL_MS = 60 * 60 * 1000;

export type ProjectFileService = ReturnType<typeof createProjectFileService>;

export function createProjectFileService(options: ProjectFileOptions) {
  const { db } = options;
  const staged = new Map<string, Staged>();
  let progress = { running: false, done: 0, total: 0 };

  const limits = { timeoutMs: FILE_LIMITS.timeoutMs, maxMemoryMb: FILE_LIMITS.maxMemoryMb };

  /** Files read for a preview are held in memory: the old ones go, and at most a few are kept. */
  function forgetOld() {
    const now = Date.now();
    for (const [token, s] of staged) if (now - s.at > STAGED_TTL_MS) staged.delete(token);
    while (staged.size >= MAX_STAGED) staged.delete(staged.keys().next().value as string);
  }

  function projectExists(projectId: string): boolean {
    return db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId) !== undefined;
  }

  /**
   * One transaction for a whole project. Its commit is durable once the write-ahead log is
   * flushed; copying the log into the database file (SQLite's automatic checkpoint, as long
   * again for 10,000 tasks) is left until after the answer, so the user does not wait for it.
   */
  function writeLarge(write: () => void): void {
    const every = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    db.pragma('wal_autocheckpoint = 0');
    try {
      db.transaction(write)();
    } finally {
      db.pragma(`wal_autocheckpoint = ${every}`);
    }
    setImmediate(() => {
      if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
    });
  }

  function take(token: string): Staged {
    const s = staged.get(token);
    if (!s) throw new AppError({ code: 'not_found', reason: 'file_not_open' });
    return s;
  }

  const plan = (s: Staged): MergePlan => planCopyMerge(db, s.summary.projectId, s.bundle);

  function preview(token: string): FilePreview {
    const s = take(token);
    if (!projectExists(s.summary.projectId)) {
      refuseImpossibleClaims(db, s.bundle);
      return { token, summary: s.summary, mode: 'new', merge: null };
    }
    const p = plan(s);
    return {
      token,
      summary: s.summary,
      mode: 'merge',
      merge: {
        summary: p.summary,
        conflicts: p.conflicts.slice(0, PREVIEW_CONFLICTS).map((c) => ({
          id: c.id,
          kind: c.kind,
          table: c.table,
          label: c.label,
          column: c.column,
          mine: c.mine,
          theirs: c.theirs,
          base: c.base,
          ...(c.kind === 'field' ? {} : { dependents: c.dependents }),
        })),
        conflictsTotal: p.conflicts.length,
      },
    };
  }

  /** Reads a file on disk in the worker (never in this thread) and keeps it for the preview. */
  async function stagePath(path: string): Promise<FilePreview> {
    forgetOld();
    const read = (await runProjectFileJob(
      options.workerFile,
      { kind: 'read', path, nativeBinding: options.nativeBinding },
      limits,
    )) as { bundle: ProjectBundle; summary: FileSummary };
    const token = randomUUID();
    staged.set(token, { ...read, at: Date.now() });
    try {
      return preview(token);
    } catch (error) {
      staged.delete(token); // a refused file is not kept
      throw error;
    }
  }

  return {
    stagePath,

    /** The bytes of a picked or dropped file, written to a private folder and read from there. */
    async open(input: { fileName: string; base64: string }): Promise<FilePreview> {
      const bytes = Buffer.from(input.base64, 'base64');
      if (bytes.length > FILE_LIMITS.maxBytes) {
        throw new AppError({
          code: 'file_refused',
          reason: 'too_large',
          params: { limit: FILE_LIMITS.maxBytes },
        });
      }
      const dir = mkdtempSync(join(tmpdir(), 'ct-open-'));
      try {
        // The name the user's file had is only a label: the private copy has a name of our own.
        const file = join(dir, `received.${PROJECT_FILE_EXTENSION}`);
        writeFileSync(file, bytes, { mode: 0o600 });
        return await stagePath(file);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },

    preview,

    /** The project a staged file holds (for the archive guard: a merge into it is a write). */
    stagedProjectId(token: string): string | null {
      return staged.get(token)?.summary.projectId ?? null;
    },

    discard(token: string): Record<string, never> {
      staged.delete(token);
      return {};
    },

    /**
     * Writes the staged file. A merge is captured as one undo step, keeping the stamps of the
     * copy it took changes from; a new project or a copy is not undone (like creating one).
     */
    import(input: {
      token: string;
      mode: 'new' | 'copy' | 'merge';
      name?: string;
      resolutions?: Record<string, 'mine' | 'theirs'>;
      defaultResolution?: 'mine' | 'theirs';
    }): { projectId: string; merge: MergeSummary | null } {
      const s = take(input.token);
      const exists = projectExists(s.summary.projectId);
      let result: { projectId: string; merge: MergeSummary | null };
      if (input.mode === 'merge') {
        if (!exists) throw new AppError({ code: 'not_found', reason: 'nothing_to_merge' });
        const p = plan(s);
        const resolutions: Record<string, 'mine' | 'theirs'> = {};
        for (const c of p.conflicts) {
          const r = input.resolutions?.[c.id] ?? input.defaultResolution;
          if (r) resolutions[c.id] = r;
        }
        const merge = applyCopyMerge(db, s.summary.projectId, p, resolutions);
        result = { projectId: s.summary.projectId, merge };
      } else if (input.mode === 'new') {
        if (exists) throw new AppError({ code: 'conflict', reason: 'project_exists' });
        refuseImpossibleClaims(db, s.bundle);
        writeLarge(() => insertBundle(db, s.bundle));
        result = { projectId: s.summary.projectId, merge: null };
      } else {
        const copy = asNewCopy(s.bundle, input.name ?? s.summary.projectName);
        writeLarge(() => insertBundle(db, copy));
        result = { projectId: copy.info.projectId, merge: null };
      }
      staged.delete(input.token);
      return result;
    },

    async exportProject(input: { projectId: string; exporterName: string }) {
      const project = db.prepare('SELECT name FROM projects WHERE id = ?').get(input.projectId) as
        { name: string } | undefined;
      if (!project) throw new AppError({ code: 'not_found', path: ['projectId'] });
      if (progress.running) throw new AppError({ code: 'export_failed', reason: 'export_running' });
      const me = setReplicaName(db, input.exporterName || options.host.defaultUserName);
      const suggested = fileNameFromTitle(project.name, PROJECT_FILE_EXTENSION);
      const target = await options.host.chooseExportPath(suggested);
      if (!target) return { path: null, bytes: 0, rows: 0, ms: 0 };
      progress = { running: true, done: 0, total: 0 };
      options.events?.emit({ type: 'export-progress', done: 0, total: 0 });
      // Read before the worker's snapshot: a change made meanwhile is never counted as sent.
      const sentUpTo = ownEntry(db, input.projectId);
      try {
        const written = (await runProjectFileJob(
          options.workerFile,
          {
            kind: 'export',
            sourceFile: options.databaseFile,
            projectId: input.projectId,
            target,
            exporter: { id: me.id, name: me.name },
            appVersion: options.appVersion,
            nativeBinding: options.nativeBinding,
          },
          {
            timeoutMs: 10 * 60 * 1000,
            maxMemoryMb: FILE_LIMITS.maxMemoryMb,
            onProgress: (p: { done: number; total: number }) => {
              progress = { running: true, ...p };
              options.events?.emit({ type: 'export-progress', done: p.done, total: p.total });
            },
          },
        )) as { bytes: number; rows: number; ms: number };
        recordExported(db, input.projectId, sentUpTo);
        return { path: target, ...written };
      } finally {
        progress = { running: false, done: 0, total: 0 };
      }
    },

    progress: () => progress,

    identity(): { id: string; name: string } {
      const me = localReplica(db);
      return { id: me.id, name: me.name || options.host.defaultUserName };
    },
  };
}
