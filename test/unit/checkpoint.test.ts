/**
 * The write-ahead log is copied into the database file once the app is idle (db/checkpoint.ts),
 * not by the edit that happens to fill it: an edit is durable in the log as soon as it is
 * acknowledged, and in the database file itself a moment later.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { IDLE_MS, LOG_BOUND_PAGES } from '../../src-main/db/checkpoint';
import { openApp, query } from '../helpers/app';
import { withRaw } from '../helpers/db';
import { tempDir } from '../helpers/tmp';

/** A task's tools as the database file alone holds them (a copy of it without its log). */
function toolsInFileAlone(file: string, id: string): string | undefined {
  const copy = join(tempDir(), 'copy.sqlite');
  copyFileSync(file, copy);
  return withRaw(copy, (raw) => raw.prepare('SELECT tools FROM tasks WHERE id = ?').pluck().get(id)) as
    string | undefined;
}

describe('checkpoints when idle', () => {
  test('an edit is in the log when acknowledged and in the database file after an idle moment', async () => {
    const app = openApp();
    expect(app.db.pragma('wal_autocheckpoint', { simple: true })).toBe(LOG_BOUND_PAGES);
    const projectId = app.ok('projects.create', { name: '周年庆' }).id;
    const id = app.ok('tasks.create', { projectId, values: { name: '预热海报' } }).id;
    await new Promise((r) => setTimeout(r, IDLE_MS + 300));
    expect(toolsInFileAlone(app.file, id)).toBe('');

    for (let i = 1; i <= 20; i++) app.ok('tasks.update', { id, patch: { tools: `秀米${i}` } });
    // Acknowledged: another connection (reading the log) sees it; the file alone does not yet.
    expect(query<{ tools: string }>(app.file, 'SELECT tools FROM tasks WHERE id = ?', id)[0]!.tools).toBe(
      '秀米20',
    );
    expect(toolsInFileAlone(app.file, id)).toBe('');

    await new Promise((r) => setTimeout(r, IDLE_MS + 300));
    expect(toolsInFileAlone(app.file, id)).toBe('秀米20');
  });

  test('a connection closed before the idle moment is left alone', async () => {
    const app = openApp();
    const projectId = app.ok('projects.create', { name: '周年庆' }).id;
    app.ok('tasks.create', { projectId, values: { name: '预热海报' } });
    app.db.close(); // closing checkpoints the log itself
    await new Promise((r) => setTimeout(r, IDLE_MS + 300));
    expect(query(app.file, 'SELECT name FROM tasks')).toEqual([{ name: '预热海报' }]);
  });
});
