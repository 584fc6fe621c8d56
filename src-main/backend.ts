/**
 * The composition root shared by the Electron app and the loopback bridge: opens the database in
 * the data folder, seeds the demo on first run, and builds the router over it.
 */
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { BACKUPS_DIR, createBackupService, type BackupService } from './backups/backups';
import { startBackupSchedule } from './backups/scheduler';
import { openDatabase } from './db/open';
import {
  createProjectFileService,
  type ProjectFileHost,
  type ProjectFileService,
} from './project-file/service';
import { createRouter, type Router } from './router';
import { isChannel } from './shared/channels';
import { createEventHub } from './shared/events';
import type { Result } from './shared/errors';
import { seedDemoOnce } from './services/demo';

export const DATABASE_FILE = 'campaign-tracker.sqlite';
/** Built beside the main bundle (out/main): reads and writes project files off the main thread. */
export const PROJECT_FILE_WORKER = 'project-file-worker.js';

export interface Backend {
  db: Database;
  router: Router;
  /** For the shell: a file opened from the OS (double-click, second launch) is read here. */
  projectFiles: ProjectFileService;
  file: string;
  /** Backups in <dataDir>/backups: automatic (hourly when changed), manual, restore. */
  backups: BackupService;
  close(): void;
}

export interface BackendOptions {
  dataDir: string;
  version: string;
  nativeBinding?: string;
  /**
   * Where an export goes: a save dialog in the app. Without one (the bridge, tests) files are
   * written to exportDir under the suggested name.
   */
  chooseExportPath?: ProjectFileHost['chooseExportPath'];
  exportDir?: string;
  /**
   * Folder of the built main bundle (out/main), where the project-file worker is; the entry
   * files pass their own folder (this module may be bundled into a chunk in a subfolder).
   */
  mainDir?: string;
  /** Automatic backups (on by default; off for tests that count backups themselves). */
  autoBackups?: boolean;
}

function systemUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

export function openBackend(options: BackendOptions): Backend {
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, DATABASE_FILE);
  // One hub for the app's life: the transports listen once, a restore's new router emits on it.
  const events = createEventHub();
  const db = openDatabase({ file, nativeBinding: options.nativeBinding });
  seedDemoOnce(db);
  // The router and the services over one connection (built again if the connection changes).
  const build = (connection: Database) => {
    const projectFiles = createProjectFileService({
      db: connection,
      databaseFile: file,
      workerFile: join(options.mainDir ?? __dirname, PROJECT_FILE_WORKER),
      nativeBinding: options.nativeBinding,
      appVersion: options.version,
      host: { chooseExportPath, defaultUserName: systemUserName() },
      events,
    });
    return {
      projectFiles,
      router: createRouter(connection, { version: options.version, projectFiles, backups, events }),
    };
  };
  const exportDir = options.exportDir ?? join(options.dataDir, 'exports');
  const chooseExportPath =
    options.chooseExportPath ??
    (async (suggested: string) => {
      mkdirSync(exportDir, { recursive: true });
      return join(exportDir, basename(suggested));
    });
  // A restore closes the connection and opens the restored file: `live` and `current` follow,
  // and the transports keep the one `router` below, which always asks the current one.
  let live = db;
  const backups = createBackupService({
    dir: join(options.dataDir, BACKUPS_DIR),
    file,
    nativeBinding: options.nativeBinding,
    live: {
      current: () => live,
      open: () => openDatabase({ file, nativeBinding: options.nativeBinding }),
      adopt(next) {
        live = next;
        current = build(next);
      },
    },
  });
  let current = build(db);
  const restoring = (channel: unknown): Result<never> | null =>
    backups.restoring && isChannel(channel)
      ? { ok: false, error: { code: 'conflict', reason: 'restore_in_progress' } }
      : null;
  const router: Router = {
    get channels() {
      return current.router.channels;
    },
    invoke: (channel, payload) => restoring(channel) ?? current.router.invoke(channel, payload),
    invokeAsync: async (channel, payload) =>
      restoring(channel) ?? current.router.invokeAsync(channel, payload),
    listen: events.listen,
  };
  const schedule = options.autoBackups === false ? null : startBackupSchedule({ service: backups });
  return {
    get db() {
      return live;
    },
    router,
    get projectFiles() {
      return current.projectFiles;
    },
    file,
    backups,
    close() {
      schedule?.stop();
      backups.close();
      live.close();
    },
  };
}
