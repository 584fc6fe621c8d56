import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, onTestFinished } from 'vitest';

/**
 * A fresh temporary folder, removed after the current test. Called inside a test (or a
 * beforeEach), it is removed when that test finishes; called while a suite is being collected,
 * it is removed after each test of that suite.
 */
export function tempDir(prefix = 'ct-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    // Not inside a running test: fall back to a suite-level hook.
    afterEach(remove);
  }
  return dir;
}
