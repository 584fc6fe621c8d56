/**
 * The project-file service as the router offers it, with the built worker: what the preview says,
 * and each way of writing a file (as it is, as a copy with new identity, merged), plus the
 * refusals that must leave the database as it was.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../src-main/db/open';
import { createProjectFileService } from '../../src-main/project-file/service';
import { createRouter } from '../../src-main/router';
import { openApp } from '../helpers/app';
import { logicalHash } from '../helpers/db';
import { exportProject, seedEveryTable } from '../helpers/project-files';
import { tempDir } from '../helpers/tmp';

function workerFile(): string {
  const file = resolve(__dirname, '../../out/main/project-file-worker.js');
  if (!existsSync(file))
    throw new Error('out/main/project-file-worker.js is missing: run `npm run build` first');
  return file;
}

/** An app over a real database with the project-file service wired in, as backend.ts does. */
function appWithFiles(exportDir: string) {
  const app = openApp();
  const files = createProjectFileService({
    db: app.db,
    databaseFile: app.file,
    workerFile: workerFile(),
    appVersion: '0.0.0-test',
    host: { chooseExportPath: async (name) => join(exportDir, name), defaultUserName: 'tester' },
  });
  app.router = createRouter(app.db, { version: '0.0.0-test', projectFiles: files });
  const call = async (channel: string, payload: unknown) => app.router.invokeAsync(channel, payload);
  return { app, files, call };
}

const TABLES = ['people', 'modules', 'tasks', 'metrics', 'tracking_periods', 'spend_entries'] as const;
const count = (db: ReturnType<typeof openDatabase>, table: string, projectId: string) =>
  db.prepare(`SELECT count(*) FROM ${table} WHERE project_id = ?`).pluck().get(projectId) as number;

describe('project-file service', () => {
  test('export through the router, then a copy with new identity beside the original', async () => {
    const dir = tempDir();
    const { app, call } = appWithFiles(dir);
    const seeded = seedEveryTable(app);
    const exported = await call('projectFile.export', { projectId: seeded.projectId, exporterName: '李娜' });
    expect(exported).toMatchObject({ ok: true, value: { path: join(dir, '2024夏季新品推广.ctproj') } });
    const path = join(dir, '2024夏季新品推广.ctproj');
    const base64 = readFileSync(path).toString('base64');

    const opened = await call('projectFile.open', { fileName: '2024夏季新品推广.ctproj', base64 });
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    const preview = opened.value as { token: string; mode: string; merge: { conflictsTotal: number } };
    expect(preview.mode).toBe('merge'); // the project is here: a copy of it merges by default
    expect(preview.merge.conflictsTotal).toBe(0);

    // "new" is refused while the project exists, and changes nothing.
    const before = logicalHash(app.file);
    expect(await call('projectFile.import', { token: preview.token, mode: 'new' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', reason: 'project_exists' },
    });
    expect(logicalHash(app.file)).toBe(before);

    const copied = await call('projectFile.import', {
      token: preview.token,
      mode: 'copy',
      name: '2024夏季新品推广(副本)',
    });
    if (!copied.ok) throw new Error(JSON.stringify(copied.error));
    const copyId = (copied.value as { projectId: string }).projectId;
    expect(copyId).not.toBe(seeded.projectId);
    expect(app.db.prepare('SELECT name FROM projects WHERE id = ?').pluck().get(copyId)).toBe(
      '2024夏季新品推广(副本)',
    );
    for (const table of TABLES)
      expect(count(app.db, table, copyId), table).toBe(count(app.db, table, seeded.projectId));
    // No id is shared with the original, and every reference stays inside the copy.
    const shared = app.db
      .prepare(
        `SELECT count(*) FROM tasks c JOIN tasks o ON o.id = c.id WHERE c.project_id = ? AND o.project_id = ?`,
      )
      .pluck()
      .get(copyId, seeded.projectId);
    expect(shared).toBe(0);
    const foreignOwners = app.db
      .prepare(
        `SELECT count(*) FROM tasks t JOIN people p ON p.id = t.owner_id WHERE t.project_id = ? AND p.project_id <> ?`,
      )
      .pluck()
      .get(copyId, copyId);
    expect(foreignOwners).toBe(0);
    expect(app.db.pragma('foreign_key_check')).toEqual([]);
    // The copy starts its own history: no versions carried over.
    expect(
      app.db.prepare('SELECT count(*) FROM field_versions WHERE project_id = ?').pluck().get(copyId),
    ).toBe(0);
    // The token is used up.
    expect(await call('projectFile.preview', { token: preview.token })).toMatchObject({
      ok: false,
      error: { code: 'not_found', reason: 'file_not_open' },
    });
  });

  test('a file of a project not here opens as new; merging it is refused; cancelling forgets it', async () => {
    const dir = tempDir();
    const source = appWithFiles(dir);
    const seeded = seedEveryTable(source.app);
    const path = join(dir, 'plan.ctproj');
    exportProject(source.app, seeded.projectId, path);
    const base64 = readFileSync(path).toString('base64');

    const { app, call } = appWithFiles(dir);
    const opened = await call('projectFile.open', { fileName: 'plan.ctproj', base64 });
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    const preview = opened.value as {
      token: string;
      mode: string;
      summary: { projectName: string; ownerName: string; counts: Record<string, number> };
    };
    expect(preview.mode).toBe('new');
    expect(preview.summary.projectName).toBe('2024夏季新品推广');
    expect(preview.summary.ownerName).toBe('王经理');
    expect(preview.summary.counts.tasks).toBe(count(source.app.db, 'tasks', seeded.projectId));
    const before = logicalHash(app.file);
    expect(await call('projectFile.import', { token: preview.token, mode: 'merge' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', reason: 'nothing_to_merge' },
    });
    expect(logicalHash(app.file)).toBe(before);
    expect(await call('projectFile.discard', { token: preview.token })).toEqual({
      ok: true,
      value: {},
      changes: { projectId: null, tables: [] }, // nothing of the database changed
    });
    expect(await call('projectFile.import', { token: preview.token, mode: 'new' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', reason: 'file_not_open' },
    });
    expect(logicalHash(app.file)).toBe(before);
  });

  test('previews held at once are bounded: opening a fifth file forgets the oldest', async () => {
    const dir = tempDir();
    const { app, call } = appWithFiles(dir);
    const seeded = seedEveryTable(app);
    const path = join(dir, 'plan.ctproj');
    exportProject(app, seeded.projectId, path);
    const base64 = readFileSync(path).toString('base64');
    const tokens: string[] = [];
    for (let i = 0; i < 5; i++) {
      const opened = await call('projectFile.open', { fileName: 'plan.ctproj', base64 });
      if (!opened.ok) throw new Error(JSON.stringify(opened.error));
      tokens.push((opened.value as { token: string }).token);
    }
    expect(await call('projectFile.preview', { token: tokens[0] })).toMatchObject({
      ok: false,
      error: { reason: 'file_not_open' },
    });
    for (const token of tokens.slice(1)) expect((await call('projectFile.preview', { token })).ok).toBe(true);
  });

  test('bytes that are not a project file are refused through the router, nothing written', async () => {
    const dir = tempDir();
    const { app, call } = appWithFiles(dir);
    seedEveryTable(app);
    const before = logicalHash(app.file);
    const fake = join(dir, 'fake.ctproj');
    writeFileSync(fake, 'PK\u0003\u0004 this is a zip, renamed');
    for (const [fileName, base64, reason] of [
      ['fake.ctproj', readFileSync(fake).toString('base64'), 'not_sqlite'],
      ['empty.ctproj', '', 'empty'],
      ['db.ctproj', readFileSync(app.file).toString('base64'), 'not_project_file'],
    ] as const) {
      expect(await call('projectFile.open', { fileName, base64 }), fileName).toMatchObject({
        ok: false,
        error: { code: 'file_refused', reason },
      });
    }
    expect(logicalHash(app.file)).toBe(before);
  });
});
