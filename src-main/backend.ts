/**
 * The composition root shared by the Electron app and the loopback bridge: opens the database in
 * the data folder, seeds the demo on first run, and builds the router over it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from './db/open';
import { createRouter, type Router } from './router';
import { seedDemoOnce } from './services/demo';

export const DATABASE_FILE = 'campaign-tracker.sqlite';

export interface Backend {
  db: Database;
  router: Router;
  file: string;
  close(): void;
}

export function openBackend(options: { dataDir: string; version: string; nativeBinding?: string }): Backend {
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, DATABASE_FILE);
  const db = openDatabase({ file, nativeBinding: options.nativeBinding });
  seedDemoOnce(db);
  const router = createRouter(db, { version: options.version });
  return { db, router, file, close: () => db.close() };
}
