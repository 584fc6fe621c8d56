/**
 * Writes one project of the app's database as a project file, atomically: the file is built
 * under a temporary name in the target's folder, flushed to disk, then renamed over the target,
 * so a crash at any moment leaves either the earlier file or the complete new one. Runs in the
 * project-file worker, reading the app's database through its own read-only connection.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { migrate } from '../db/open';
import { MIGRATIONS } from '../db/migrations';
import { AppError } from '../shared/errors';
import { PROJECT_TABLES, VERSION_TABLES } from '../sync/project-tables';
import { FILE_META, PROJECT_FILE_APPLICATION_ID } from './format';
import { tempNameFor } from './jobs';

export interface ExportProgress {
  done: number;
  total: number;
}

export interface ExportArgs {
  /** The app's database file (read, never written). */
  sourceFile: string;
  projectId: string;
  /** Where the project file goes; an existing file there is replaced only by a complete one. */
  target: string;
  /** This installation (replica) as colleagues will see it. */
  exporter: { id: string; name: string };
  appVersion: string;
  /** better-sqlite3's addon built for Electron (see OpenOptions.nativeBinding). */
  nativeBinding?: string;
  onProgress?: (progress: ExportProgress) => void;
  /**
   * The temporary file, in the target's folder (tempNameFor): chosen by the caller when it must
   * remove what a stopped worker left behind; made up here when absent.
   */
  tempFile?: string;
}

export interface ExportResult {
  bytes: number;
  rows: number;
  ms: number;
}

/** Progress is reported after each table and every this many rows within one. */
const PROGRESS_EVERY = 2000;

function columnsOf(db: Db, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[];
}

/** Flushes a file (or, where the platform allows, a folder's entry list) to the disk. */
function fsyncPath(path: string, folder = false): void {
  // Windows cannot open a folder as a file; NTFS journals the rename itself.
  if (folder && process.platform === 'win32') return;
  const fd = openSync(path, folder ? 'r' : 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

interface Copy {
  /** The project's rows of one table in the source (`?` is the project id), in the file's column order. */
  select: string;
  insert: string;
}

function plan(source: Db, out: Db): Copy[] {
  const copies: Copy[] = [];
  const add = (table: string, where: string) => {
    const columns = columnsOf(out, table);
    const sourceColumns = new Set(columnsOf(source, table));
    // Same migrations on both sides; a difference would mean a file the app cannot read back.
    if (columns.some((c) => !sourceColumns.has(c))) throw new Error(`schema of ${table} differs`);
    const list = columns.join(', ');
    copies.push({
      select: `SELECT ${list} FROM ${table} WHERE ${where}`,
      insert: `INSERT INTO ${table} (${list}) VALUES (${columns.map(() => '?').join(', ')})`,
    });
  };
  for (const table of PROJECT_TABLES) add(table.name, table.where);
  for (const table of VERSION_TABLES) add(table, 'project_id = ?');
  return copies;
}

export function writeProjectFile(args: ExportArgs): ExportResult {
  const started = performance.now();
  const temp = args.tempFile ?? tempNameFor(args.target);
  let source: Db | null = null;
  let out: Db | null = null;
  try {
    // Created exclusively here, so no other writer shares the name; SQLite takes it as empty.
    closeSync(openSync(temp, 'wx', 0o644));

    source = new Database(args.sourceFile, {
      readonly: true,
      fileMustExist: true,
      nativeBinding: args.nativeBinding,
    });
    source.pragma('busy_timeout = 5000');
    out = new Database(temp, { nativeBinding: args.nativeBinding });
    // The temporary file is discarded on any failure and flushed once at the end, so it needs
    // neither a journal on disk nor a flush per transaction. Not WAL: one self-contained file.
    out.pragma('journal_mode = MEMORY');
    out.pragma('synchronous = OFF');
    out.pragma('foreign_keys = OFF');
    migrate(out, MIGRATIONS);
    out.pragma(`application_id = ${PROJECT_FILE_APPLICATION_ID}`);

    const copies = plan(source, out);
    // One read transaction: every table comes from the same snapshot while the app keeps writing.
    source.prepare('BEGIN').run();
    let rows = 0;
    try {
      if (!source.prepare('SELECT 1 FROM projects WHERE id = ?').get(args.projectId)) {
        throw new AppError({ code: 'not_found', path: ['projectId'] });
      }
      const counts = copies.map(
        (c) => source!.prepare(`SELECT count(*) FROM (${c.select})`).pluck().get(args.projectId) as number,
      );
      const total = counts.reduce((a, b) => a + b, 0);
      args.onProgress?.({ done: 0, total });

      out.transaction(() => {
        for (const copy of copies) {
          const insert = out!.prepare(copy.insert);
          const select = source!.prepare(copy.select).raw(true);
          for (const row of select.iterate(args.projectId)) {
            insert.run(row as unknown[]);
            rows++;
            if (rows % PROGRESS_EVERY === 0) args.onProgress?.({ done: rows, total });
          }
          args.onProgress?.({ done: rows, total });
        }
        const meta = out!.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?)');
        meta.run(FILE_META.kind, 'project');
        meta.run(FILE_META.projectId, args.projectId);
        meta.run(FILE_META.exportedAt, new Date().toISOString());
        meta.run(FILE_META.exporterId, args.exporter.id);
        meta.run(FILE_META.exporterName, args.exporter.name);
        meta.run(FILE_META.appVersion, args.appVersion);
      })();
    } finally {
      source.prepare('COMMIT').run();
    }
    source.close();
    source = null;
    out.close();
    out = null;

    fsyncPath(temp);
    renameSync(temp, args.target);
    fsyncPath(dirname(args.target), true);
    return { bytes: statSync(args.target).size, rows, ms: performance.now() - started };
  } catch (e) {
    if (source?.open) source.close();
    if (out?.open) out.close();
    rmSync(temp, { force: true });
    rmSync(`${temp}-journal`, { force: true });
    if (e instanceof AppError) throw e;
    const code = (e as { code?: unknown }).code;
    throw new AppError({
      code: 'export_failed',
      reason: 'write_failed',
      params: { detail: typeof code === 'string' ? code : String((e as Error).message ?? e) },
    });
  }
}
