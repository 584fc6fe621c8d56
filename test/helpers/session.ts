/**
 * One end-to-end session per test file: a fresh data folder, the built bridge over it, and one
 * headless Chromium (the machines have two cores). `seed` may fill the data folder first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../src-main/backend';
import { launchBrowser, type Browser } from './browser';
import { startBuiltBridge, type RunningBridge } from './bridge';

export interface Session {
  dataDir: string;
  /** The SQLite file the app writes, for reading results back. */
  file: string;
  bridge: RunningBridge;
  browser: Browser;
  close(): Promise<void>;
}

export async function openSession(prefix: string, seed?: (dataDir: string) => void): Promise<Session> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  seed?.(dataDir);
  // CT_OUT_DIR: serve a copy of out/ (e.g. /tmp/backups-out) that another build cannot wipe meanwhile.
  const bridge = await startBuiltBridge(dataDir, process.env.CT_OUT_DIR || undefined);
  const browser = await launchBrowser({ locale: 'zh-CN' });
  return {
    dataDir,
    file: join(dataDir, DATABASE_FILE),
    bridge,
    browser,
    async close() {
      await browser.close();
      await bridge.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
