/**
 * A backup is verified before it is restored, the way a project file is: its bytes against the
 * checksum recorded when it was written, its schema object by object against what the
 * migrations make for its version (opened read-only, trusted_schema off), quick_check. An
 * altered backup is refused with the current data unchanged; a backup from before checksums is
 * checked by schema and quick_check and the restore says its content could not be verified;
 * a genuine backup of every schema version the app has had is restored by migrating it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openBackend } from '../../src-main/backend';
import { BACKUPS_DIR, sha256File } from '../../src-main/backups/backups';
import { LATEST_VERSION, MIGRATIONS } from '../../src-main/db/migrations';
import { migrate } from '../../src-main/db/open';
import { backupName, type BackupEntry } from '../../src-main/shared/backups';
import type { Result } from '../../src-main/shared/errors';
import { logicalHash, withRaw } from '../helpers/db';
import { tempDir } from '../helpers/tmp';

function backendIn(dataDir: string) {
  const backend = openBackend({ dataDir, version: '0.0.0-test', autoBackups: false });
  onTestFinished(() => {
    if (backend.db.open) backend.close();
  });
  return backend;
}

function ok<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const projectNames = (file: string) =>
  withRaw(file, (db) => db.prepare('SELECT name FROM projects ORDER BY name').pluck().all() as string[]);

/** A backend with the demo project and one more, and a manual backup of that state. */
async function withBackup() {
  const dataDir = tempDir('ct-verify-');
  const backend = backendIn(dataDir);
  ok(backend.router.invoke('projects.create', { name: '双11大促' }));
  const entry = ok<BackupEntry>(await backend.router.invokeAsync('backups.create', {}));
  const path = join(dataDir, BACKUPS_DIR, entry.name);
  ok(backend.router.invoke('projects.create', { name: '备份之后' }));
  return { backend, entry, path };
}

/** Replaces bytes of the file in place (same length): what a hand edit or a bad disk does. */
function replaceBytes(path: string, from: string, to: string) {
  const bytes = readFileSync(path);
  const a = Buffer.from(from, 'utf8');
  const b = Buffer.from(to, 'utf8');
  expect(b.length).toBe(a.length);
  const at = bytes.indexOf(a);
  expect(at).toBeGreaterThan(0);
  b.copy(bytes, at);
  writeFileSync(path, bytes);
}

describe('backups are verified before a restore', () => {
  it('changed text bytes: refused by the checksum, nothing changes', async () => {
    const { backend, entry, path } = await withBackup();
    replaceBytes(path, '双11大促', '双12大促');
    const before = logicalHash(backend.file);
    const result = await backend.router.invokeAsync('backups.restore', { name: entry.name });
    expect(result).toEqual({
      ok: false,
      error: { code: 'file_refused', path: ['name'], reason: 'backup_altered' },
    });
    expect(logicalHash(backend.file)).toBe(before);
    expect(projectNames(backend.file)).toContain('备份之后');
  });

  it('a planted trigger: refused by the schema check, even with the checksum rewritten to match', async () => {
    const { backend, entry, path } = await withBackup();
    const db = new Database(path);
    db.exec(
      `CREATE TRIGGER wipe AFTER UPDATE ON tasks BEGIN DELETE FROM projects WHERE id <> NEW.project_id; END`,
    );
    db.close();
    writeFileSync(`${path}.sha256`, `${sha256File(path)}\n`);
    const before = logicalHash(backend.file);
    const result = await backend.router.invokeAsync('backups.restore', { name: entry.name });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'file_refused',
        path: ['name'],
        reason: 'backup_altered',
        params: { type: 'trigger', name: 'wipe' },
      },
    });
    expect(logicalHash(backend.file)).toBe(before);
    // Without a checksum at all (as a backup from before checksums), the same.
    rmSync(`${path}.sha256`);
    expect(await backend.router.invokeAsync('backups.restore', { name: entry.name })).toMatchObject({
      ok: false,
      error: { reason: 'backup_altered', params: { type: 'trigger' } },
    });
    expect(logicalHash(backend.file)).toBe(before);
  });

  it('an altered table or an extra index is refused too', async () => {
    const { backend, entry, path } = await withBackup();
    const db = new Database(path);
    db.exec('CREATE INDEX sneaky ON tasks(notes)');
    db.close();
    rmSync(`${path}.sha256`);
    expect(await backend.router.invokeAsync('backups.restore', { name: entry.name })).toMatchObject({
      ok: false,
      error: { reason: 'backup_altered', params: { type: 'index', name: 'sneaky' } },
    });
  });

  it('a genuine backup restores with its content verified', async () => {
    const { backend, entry } = await withBackup();
    const result = ok<{ contentVerified: boolean }>(
      await backend.router.invokeAsync('backups.restore', { name: entry.name }),
    );
    expect(result.contentVerified).toBe(true);
    expect(projectNames(backend.file)).toEqual(['2024夏季新品推广', '双11大促'].sort());
  });

  it('a backup from before checksums: checked by schema and quick_check, restored, said to be unverified', async () => {
    const { backend, entry, path } = await withBackup();
    rmSync(`${path}.sha256`);
    const result = ok<{ contentVerified: boolean }>(
      await backend.router.invokeAsync('backups.restore', { name: entry.name }),
    );
    expect(result.contentVerified).toBe(false);
    expect(projectNames(backend.file)).toEqual(['2024夏季新品推广', '双11大促'].sort());
  });

  it('a genuine backup of every schema version the app has had is restored by migrating it', async () => {
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    for (let version = 1; version <= LATEST_VERSION; version++) {
      const dataDir = tempDir('ct-old-');
      const backend = backendIn(dataDir);
      // The database an app of that version made (its migrations only), with a project in it.
      const name = backupName(new Date(Date.UTC(2025, 0, version, 8)), 'auto');
      const path = join(dataDir, BACKUPS_DIR, name);
      mkdirSync(join(dataDir, BACKUPS_DIR), { recursive: true });
      const old = new Database(path);
      migrate(old, MIGRATIONS.slice(0, version));
      old
        .prepare('INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(
          '01900000-0000-7000-8000-00000000000' + String(version),
          `第${version}版的项目`,
          '2025-01-01T08:00:00Z',
          '2025-01-01T08:00:00Z',
        );
      old.pragma('journal_mode = DELETE');
      old.close();
      expect(withRaw(path, (db) => db.pragma('user_version', { simple: true }))).toBe(version);

      const result = ok<{ contentVerified: boolean }>(
        await backend.router.invokeAsync('backups.restore', { name }),
      );
      expect(result.contentVerified, `version ${version}`).toBe(false); // older apps wrote no checksum
      expect(
        withRaw(backend.file, (db) => db.pragma('user_version', { simple: true })),
        `version ${version}`,
      ).toBe(LATEST_VERSION);
      expect(projectNames(backend.file), `version ${version}`).toEqual([`第${version}版的项目`]);
      // Usable afterwards: an ordinary edit of the restored project.
      const id = ok<{ id: string }[]>(backend.router.invoke('projects.list', {}))[0]!.id;
      ok(backend.router.invoke('tasks.create', { projectId: id, values: { name: '恢复后的任务' } }));
      backend.close();
    }
  });
});
