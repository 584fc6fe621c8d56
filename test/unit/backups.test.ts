/**
 * Backups: names, the rotation policy (fixed dates), consistent snapshots while writes go on,
 * restore through the backend's router, refusal of damaged or foreign files, the schedule's
 * "only when changed" rule. Everything is read back from the SQLite files.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DATABASE_FILE, openBackend, type Backend } from '../../src-main/backend';
import {
  BACKUPS_DIR,
  createBackupService,
  type BackupService,
  type BackupServiceOptions,
} from '../../src-main/backups/backups';
import { planRotation, type RotationItem } from '../../src-main/backups/rotation';
import { startBackupSchedule } from '../../src-main/backups/scheduler';
import { APPLICATION_ID, LATEST_VERSION, openDatabase } from '../../src-main/db/open';
import { MIGRATIONS } from '../../src-main/db/migrations';
import { createRouter } from '../../src-main/router';
import { seedDemoOnce } from '../../src-main/services/demo';
import { createProject } from '../../src-main/services/projects';
import { createTask, pasteTasks } from '../../src-main/services/tasks';
import { backupName, parseBackupName, type BackupEntry } from '../../src-main/shared/backups';
import type { Result } from '../../src-main/shared/errors';
import { logicalHash, sha256File, withRaw } from '../helpers/db';
import { tempDir } from '../helpers/tmp';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// ---- names ----

describe('backup names', () => {
  it('carry the UTC time and the kind, and read back', () => {
    const at = new Date('2026-11-26T20:30:00.456Z');
    expect(backupName(at, 'auto')).toBe('campaign-tracker-2026-11-26T20-30-00Z-auto.sqlite');
    expect(backupName(at, 'before-restore', 2)).toBe(
      'campaign-tracker-2026-11-26T20-30-00Z-before-restore-2.sqlite',
    );
    expect(parseBackupName('campaign-tracker-2026-11-26T20-30-00Z-manual.sqlite')).toEqual({
      createdAt: new Date('2026-11-26T20:30:00Z'),
      kind: 'manual',
      seq: 1,
    });
    expect(parseBackupName('campaign-tracker-2026-11-26T20-30-00Z-before-restore-12.sqlite')?.seq).toBe(12);
  });

  it('refuse anything else: other folders, other files, impossible dates', () => {
    for (const name of [
      '',
      'campaign-tracker.sqlite',
      '../campaign-tracker-2026-11-26T20-30-00Z-auto.sqlite',
      'sub/campaign-tracker-2026-11-26T20-30-00Z-auto.sqlite',
      'campaign-tracker-2026-11-26T20-30-00Z-auto.sqlite-wal',
      'campaign-tracker-2026-11-26T20-30-00Z-auto.sqlite-journal',
      '.partial-1234.sqlite',
      'campaign-tracker-2026-11-26T20-30-00Z-weekly.sqlite',
      'campaign-tracker-2026-02-30T20-30-00Z-auto.sqlite',
      'campaign-tracker-2026-11-26T24-30-00Z-auto.sqlite',
      'campaign-tracker-2026-11-26T20-30-00Z-auto-1.sqlite',
      'campaign-tracker-2026-11-26T20-30-00+08-auto.sqlite',
      'CAMPAIGN-TRACKER-2026-11-26T20-30-00Z-auto.sqlite',
    ]) {
      expect(parseBackupName(name), name).toBeNull();
    }
  });
});

// ---- rotation (pure, fixed dates) ----

describe('rotation policy', () => {
  const item = (kind: RotationItem['kind'], at: Date | number, seq = 1): RotationItem => {
    const createdAt = new Date(at);
    return { name: backupName(createdAt, kind, seq), kind, createdAt };
  };
  // Wednesday 2026-11-25, 12:00 UTC.
  const now = new Date('2026-11-25T12:00:00Z');

  it('keeps one per hour for 24 hours, one per day for 7 days, one per ISO week for 4 weeks', () => {
    // An automatic backup every 20 minutes for the last 60 days.
    const backups: RotationItem[] = [];
    for (let t = now.getTime(); t > now.getTime() - 60 * DAY; t -= 20 * 60_000) backups.push(item('auto', t));
    const { keep, remove } = planRotation(backups, now);
    expect(keep.length + remove.length).toBe(backups.length);
    const kept = keep.map((n) => parseBackupName(n)!.createdAt.toISOString());

    // Last 24 hours: the newest of each clock hour (12:00 today, 11:40, 10:40 … 13:40 yesterday).
    const lastDay = kept.filter((k) => now.getTime() - Date.parse(k) < DAY);
    expect(lastDay[0]).toBe('2026-11-25T12:00:00.000Z');
    expect(lastDay.slice(1, 4)).toEqual([
      '2026-11-25T11:40:00.000Z',
      '2026-11-25T10:40:00.000Z',
      '2026-11-25T09:40:00.000Z',
    ]);
    // 12:xx today back to 12:xx yesterday: 25 clock hours lie within 24 hours of 12:00.
    expect(lastDay).toHaveLength(25);
    expect(lastDay.at(-1)).toBe('2026-11-24T12:40:00.000Z');

    // Older: the newest of each of the days before (yesterday's, 23:40, is within the 24 hours) …
    const older = kept.filter((k) => now.getTime() - Date.parse(k) >= DAY);
    expect(older.slice(0, 5)).toEqual([
      '2026-11-23T23:40:00.000Z',
      '2026-11-22T23:40:00.000Z',
      '2026-11-21T23:40:00.000Z',
      '2026-11-20T23:40:00.000Z',
      '2026-11-19T23:40:00.000Z',
    ]);
    // … then the newest of each of the ISO weeks before this one (Monday 23 Nov), four in all:
    // Sunday 22 Nov is already kept as a day; then Sundays 15 and 8 Nov.
    expect(older.slice(5)).toEqual(['2026-11-15T23:40:00.000Z', '2026-11-08T23:40:00.000Z']);
    expect(keep).toHaveLength(25 + 7);
  });

  it('counts days and weeks in the user’s time zone', () => {
    // 16:30 UTC on Sunday 22 Nov is 00:30 on Monday 23 Nov in China (UTC+8).
    const backups = [
      item('auto', now),
      item('auto', Date.parse('2026-11-22T16:30:00Z')),
      item('auto', Date.parse('2026-11-22T15:30:00Z')),
      item('auto', Date.parse('2026-11-22T10:00:00Z')),
    ];
    const utc = planRotation(backups, now);
    expect(utc.remove.map((n) => parseBackupName(n)!.createdAt.toISOString())).toEqual([
      '2026-11-22T15:30:00.000Z',
      '2026-11-22T10:00:00.000Z',
    ]);
    const china = planRotation(backups, now, { utcOffsetMinutes: 480 });
    // Local Monday 23 (00:30) and local Sunday 22 (23:30) are different days now; 18:00 is not the newest of its day.
    expect(china.remove.map((n) => parseBackupName(n)!.createdAt.toISOString())).toEqual([
      '2026-11-22T10:00:00.000Z',
    ]);
  });

  it('keeps the newest 10 manual and 5 before-restore backups, whatever their age', () => {
    const backups = [
      ...Array.from({ length: 12 }, (_, i) => item('manual', now.getTime() - i * 40 * DAY)),
      ...Array.from({ length: 7 }, (_, i) => item('before-restore', now.getTime() - i * 3 * 60_000)),
      item('auto', now),
    ];
    const { keep, remove } = planRotation(backups, now);
    const kinds = (names: string[]) => names.map((n) => parseBackupName(n)!.kind);
    expect(kinds(keep).filter((k) => k === 'manual')).toHaveLength(10);
    expect(kinds(keep).filter((k) => k === 'before-restore')).toHaveLength(5);
    expect(remove).toEqual([
      backupName(new Date(now.getTime() - 5 * 3 * 60_000), 'before-restore'),
      backupName(new Date(now.getTime() - 6 * 3 * 60_000), 'before-restore'),
      backupName(new Date(now.getTime() - 10 * 40 * DAY), 'manual'),
      backupName(new Date(now.getTime() - 11 * 40 * DAY), 'manual'),
    ]);
    // Manual backups do not take the place of automatic ones in the hours, days and weeks.
    expect(keep).toContain(backupName(now, 'auto'));
  });

  it('keeps the newest automatic backup however old, and any dated in the future (clock set back)', () => {
    const backups = [
      item('auto', now.getTime() - 90 * DAY),
      item('auto', now.getTime() - 91 * DAY),
      item('auto', now.getTime() + 2 * HOUR),
      item('auto', now.getTime() + 3 * HOUR),
    ];
    const { keep, remove } = planRotation(backups, now);
    expect(keep).toEqual([backups[3]!.name, backups[2]!.name]);
    expect(remove).toEqual([backups[0]!.name, backups[1]!.name]);
    expect(planRotation(backups.slice(0, 2), now).keep).toEqual([backups[0]!.name]);
  });

  it('keeps the later of two backups of the same second', () => {
    const a = item('auto', now, 1);
    const b = item('auto', now, 2);
    expect(planRotation([a, b], now)).toEqual({ keep: [b.name], remove: [a.name] });
  });

  it('removes nothing from an empty or young list', () => {
    expect(planRotation([], now)).toEqual({ keep: [], remove: [] });
    const young = [item('auto', now), item('auto', now.getTime() - HOUR), item('manual', now)];
    expect(planRotation(young, now).remove).toEqual([]);
  });
});

// ---- the service over real files ----

interface Fixture {
  dir: string;
  file: string;
  backupsDir: string;
  live: { db: Db };
  service: BackupService;
}

/** A seeded database and its backup service, without a schedule. */
function fixture(options: Partial<BackupServiceOptions> = {}): Fixture {
  const dir = tempDir('ct-backups-');
  const file = join(dir, DATABASE_FILE);
  const live = { db: openDatabase({ file }) };
  seedDemoOnce(live.db);
  onTestFinished(() => {
    if (live.db.open) live.db.close();
  });
  const backupsDir = join(dir, BACKUPS_DIR);
  const service = createBackupService({
    dir: backupsDir,
    file,
    live: {
      current: () => live.db,
      open: () => openDatabase({ file }),
      adopt: (db) => (live.db = db),
    },
    logError: () => {},
    ...options,
  });
  return { dir, file, backupsDir, live, service };
}

function openTestBackend(dataDir: string): Backend {
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

const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const projectNames = (file: string) =>
  withRaw(file, (db) => db.prepare('SELECT name FROM projects ORDER BY name').pluck().all() as string[]);

describe('creating a backup', () => {
  it('writes a self-contained copy under its real name only when complete, and lists it', async () => {
    const f = fixture();
    const entry = await f.service.create('manual');
    expect(entry.kind).toBe('manual');
    expect(entry.name).toMatch(/^campaign-tracker-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-manual\.sqlite$/);
    const path = join(f.backupsDir, entry.name);
    expect(entry.bytes).toBe(statSync(path).size);
    expect(Math.abs(Date.parse(entry.createdAt) - Date.now())).toBeLessThan(5_000);
    // Only the backup itself: no temporary file, no -wal or -journal beside it.
    expect(filesIn(f.backupsDir)).toEqual([entry.name, `${entry.name}.sha256`]);
    // … beside its checksum, recorded when it was written.
    expect(readFileSync(join(f.backupsDir, `${entry.name}.sha256`), 'utf8')).toBe(`${sha256File(path)}\n`);
    // A plain rollback-journal file (header bytes 18–19 = 1), the same data as the live database.
    const header = readFileSync(path).subarray(0, 100);
    expect([header[18], header[19]]).toEqual([1, 1]);
    expect(logicalHash(path)).toBe(logicalHash(f.file));
    expect(withRaw(path, (db) => db.pragma('quick_check', { simple: true }))).toBe('ok');
    expect(f.service.list()).toEqual([entry]);
  });

  it('is one consistent state of the database while writes go on during the copy', async () => {
    const f = fixture({ pagesPerStep: 1 }); // one page per turn of the event loop
    const projectId = createProject(f.live.db, { name: '写入中' }).id;
    // Some bulk so the copy takes many steps.
    pasteTasks(f.live.db, {
      projectId,
      rows: Array.from({ length: 400 }, (_, i) => ({ ref: i + 1, values: { name: `批量任务 ${i}` } })),
    });
    const states = [logicalHash(f.file)];
    let writing = true;
    let writes = 0;
    let writesDuringBackup = 0;
    let backupDone = false;
    const writer = new Promise<void>((resolve) => {
      const step = () => {
        if (!writing) return resolve();
        createTask(f.live.db, { projectId, values: { name: `并发任务 ${writes}` } });
        writes++;
        if (!backupDone) writesDuringBackup++;
        states.push(logicalHash(f.file)); // the state right after this write
        setImmediate(step);
      };
      setImmediate(step);
    });
    const entry = await f.service.create('auto');
    backupDone = true;
    // A few more writes after the backup finished, then stop.
    await new Promise((r) => setTimeout(r, 20));
    writing = false;
    await writer;

    const copy = logicalHash(join(f.backupsDir, entry.name));
    const at = states.indexOf(copy);
    expect(writesDuringBackup).toBeGreaterThan(5);
    expect(at, 'the backup equals a state the database really had').toBeGreaterThan(0);
    expect(at).toBeLessThan(states.length - 1); // not the final one: later writes are not in it
    expect(withRaw(join(f.backupsDir, entry.name), (db) => db.pragma('quick_check', { simple: true }))).toBe(
      'ok',
    );
  });

  it('two backups within one second get distinct names, newest first', async () => {
    const fixed = new Date('2026-11-26T20:30:00Z');
    const f = fixture({ now: () => fixed });
    const a = await f.service.create('manual');
    const b = await f.service.create('manual');
    expect([a.name, b.name]).toEqual([
      'campaign-tracker-2026-11-26T20-30-00Z-manual.sqlite',
      'campaign-tracker-2026-11-26T20-30-00Z-manual-2.sqlite',
    ]);
    expect(f.service.list().map((e) => e.name)).toEqual([b.name, a.name]);
  });

  it('rotates after each backup, by the policy', async () => {
    let clock = new Date('2026-11-25T12:00:00Z');
    const f = fixture({ now: () => clock, utcOffsetMinutes: () => 0 });
    const made: BackupEntry[] = [];
    for (let i = 0; i < 12; i++) {
      made.push(await f.service.create('manual'));
      clock = new Date(clock.getTime() + 60_000);
    }
    // 12 manual backups: the oldest two went.
    expect(f.service.list().map((e) => e.name)).toEqual(
      made
        .slice(2)
        .map((e) => e.name)
        .reverse(),
    );
    // Automatic backups ten minutes apart: one per hour stays.
    for (let i = 0; i < 8; i++) {
      await f.service.create('auto');
      clock = new Date(clock.getTime() + 10 * 60_000);
    }
    const autos = f.service.list().filter((e) => e.kind === 'auto');
    expect(autos.map((e) => e.createdAt)).toEqual(['2026-11-25T13:22:00.000Z', '2026-11-25T12:52:00.000Z']);
  });

  it('a backup cut short by closing leaves nothing behind', async () => {
    const f = fixture({ pagesPerStep: 1 });
    const projectId = createProject(f.live.db, { name: '大项目' }).id;
    pasteTasks(f.live.db, {
      projectId,
      rows: Array.from({ length: 2000 }, (_, i) => ({ ref: i + 1, values: { name: `任务 ${i}` } })),
    });
    const running = f.service.create('auto');
    running.catch(() => {});
    // Close once the copy is under way (its temporary file exists).
    while (!filesIn(f.backupsDir).some((n) => n.startsWith('.partial-'))) {
      await new Promise((r) => setImmediate(r));
    }
    f.service.close();
    f.live.db.close();
    await expect(running).rejects.toMatchObject({ data: { code: 'internal', reason: 'backup_failed' } });
    expect(filesIn(f.backupsDir)).toEqual([]);
  });

  it('removes stale temporary files of a crashed run when it starts', () => {
    const f = fixture();
    f.live.db.close();
    mkdirSync(f.backupsDir);
    const stale = join(f.backupsDir, '.partial-0190f0c8.sqlite');
    const fresh = join(f.backupsDir, '.partial-0190f0c9.sqlite');
    writeFileSync(stale, 'half a backup');
    writeFileSync(fresh, 'being written by another run');
    const old = (Date.now() - 2 * HOUR) / 1000;
    utimesSync(stale, old, old);
    const g = fixture();
    createBackupService({
      dir: f.backupsDir,
      file: g.file,
      live: { current: () => g.live.db, open: () => openDatabase({ file: g.file }), adopt: () => {} },
    });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});

describe('what counts as changed', () => {
  it('a backup resets it; a write sets it; so does an earlier run that wrote after the newest backup', async () => {
    const f = fixture();
    expect(f.service.hasChanges()).toBe(true); // no backup yet
    await f.service.create('manual');
    expect(f.service.hasChanges()).toBe(false);
    createProject(f.live.db, { name: '新项目' });
    expect(f.service.hasChanges()).toBe(true);
    await f.service.create('manual');
    expect(f.service.hasChanges()).toBe(false);

    // A restart without writes: still unchanged (the file was not written after the backup).
    const reopen = () => {
      f.live.db.close();
      f.live.db = openDatabase({ file: f.file });
      return createBackupService({
        dir: f.backupsDir,
        file: f.file,
        live: { current: () => f.live.db, open: () => openDatabase({ file: f.file }), adopt: () => {} },
      });
    };
    expect(reopen().hasChanges()).toBe(false);
    // A write after the backup, then a restart: changed.
    createProject(f.live.db, { name: '关闭前写入' });
    expect(reopen().hasChanges()).toBe(true);
  });

  it('the schedule backs up at start when due, then only when the data changed', async () => {
    const f = fixture();
    const schedule = startBackupSchedule({ service: f.service, startDelayMs: 0, intervalMs: 3_600_000 });
    onTestFinished(() => schedule.stop());
    await expect.poll(() => f.service.list().length).toBe(1);
    expect(f.service.list()[0]?.kind).toBe('auto');
    expect(await schedule.tick()).toBe(false); // nothing changed
    expect(f.service.list()).toHaveLength(1);
    const first = f.service.list()[0]!.name;
    createProject(f.live.db, { name: '变化' });
    expect(await schedule.tick()).toBe(true);
    // Two in one hour: the rotation kept the newer.
    expect(f.service.list()).toHaveLength(1);
    expect(f.service.list()[0]!.name).not.toBe(first);
    expect(logicalHash(join(f.backupsDir, f.service.list()[0]!.name))).toBe(logicalHash(f.file));
    schedule.stop();
    createProject(f.live.db, { name: '停止之后' });
    expect(await schedule.tick()).toBe(false);
  });

  it('at start, no backup when the newest is less than an hour old', async () => {
    const f = fixture();
    await f.service.create('manual');
    createProject(f.live.db, { name: '变化' });
    const schedule = startBackupSchedule({ service: f.service, startDelayMs: 0 });
    onTestFinished(() => schedule.stop());
    await new Promise((r) => setTimeout(r, 50));
    expect(f.service.list()).toHaveLength(1);
  });
});

// ---- restore through the backend ----

describe('restore', () => {
  it('brings the backup’s data back, keeps a before-restore backup, and the router goes on answering', async () => {
    const dataDir = tempDir('ct-restore-');
    const backend = openTestBackend(dataDir);
    const { router, file } = backend;
    const backup = ok<BackupEntry>(await router.invokeAsync('backups.create', {}));
    const backupHash = logicalHash(join(dataDir, BACKUPS_DIR, backup.name));
    expect(backupHash).toBe(logicalHash(file));

    // Changes after the backup.
    const project = ok<{ id: string }>(router.invoke('projects.create', { name: '备份之后的项目' }));
    const demo = ok<{ id: string; name: string }[]>(router.invoke('projects.list', {})).find(
      (p) => p.name === '2024夏季新品推广',
    )!;
    ok(router.invoke('projects.rename', { id: demo.id, name: '改过的名字' }));
    const changedHash = logicalHash(file);
    expect(projectNames(file)).toEqual(['备份之后的项目', '改过的名字'].sort());

    const result = ok<{ restored: BackupEntry; beforeRestore: BackupEntry }>(
      await router.invokeAsync('backups.restore', { name: backup.name }),
    );
    expect(result.restored).toEqual(backup);
    expect(result.beforeRestore.kind).toBe('before-restore');

    // The file holds the backup's data; the before-restore backup holds what was there. The
    // installation's change counter alone does not go back with the data (it never repeats).
    const clockBefore = withRaw(join(dataDir, BACKUPS_DIR, result.beforeRestore.name), (db) =>
      db.prepare('SELECT clock FROM replica').pluck().get(),
    );
    expect(withRaw(file, (db) => db.prepare('SELECT clock FROM replica').pluck().get())).toBe(clockBefore);
    const restored = join(dataDir, 'restored-copy.sqlite');
    withRaw(file, (db) => db.prepare('VACUUM INTO ?').run(restored));
    const backupClock = withRaw(join(dataDir, BACKUPS_DIR, backup.name), (db) =>
      db.prepare('SELECT clock FROM replica').pluck().get(),
    );
    withRaw(
      restored,
      (db) =>
        backupClock === undefined
          ? db.prepare('DELETE FROM replica').run() // the backup predates the first change
          : db.prepare('UPDATE replica SET clock = ?').run(backupClock),
      { readonly: false },
    );
    expect(logicalHash(restored)).toBe(backupHash);
    expect(projectNames(file)).toEqual(['2024夏季新品推广']);
    expect(logicalHash(join(dataDir, BACKUPS_DIR, result.beforeRestore.name))).toBe(changedHash);
    expect(ok<BackupEntry[]>(router.invoke('backups.list', {})).map((e) => e.name)).toEqual([
      result.beforeRestore.name,
      backup.name,
    ]);
    expect(filesIn(dataDir).filter((n) => n.includes('restoring'))).toEqual([]);

    // The same router object answers over the restored file, reads and writes.
    expect(ok<{ name: string }[]>(router.invoke('projects.list', {})).map((p) => p.name)).toEqual([
      '2024夏季新品推广',
    ]);
    expect(router.invoke('projects.get', { id: project.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    ok(router.invoke('projects.create', { name: '恢复之后' }));
    expect(projectNames(file)).toContain('恢复之后');
    expect(backend.db.open).toBe(true);

    // Restoring the before-restore backup undoes the restore (modulo the write just made).
    ok(await router.invokeAsync('backups.restore', { name: result.beforeRestore.name }));
    expect(logicalHash(file)).toBe(changedHash);
    // A restart finds the restored data.
    backend.close();
    const again = openTestBackend(dataDir);
    expect(logicalHash(again.file)).toBe(changedHash);
  });

  it('restores a backup from an older version of the app, upgrading it', async () => {
    const dataDir = tempDir('ct-restore-old-');
    const backend = openTestBackend(dataDir);
    mkdirSync(join(dataDir, BACKUPS_DIR));
    const old = join(dataDir, BACKUPS_DIR, 'campaign-tracker-2025-01-01T08-00-00Z-manual.sqlite');
    const oldDb = openDatabase({ file: old, migrations: MIGRATIONS.slice(0, 1) });
    oldDb
      .prepare('INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(
        '0190f0c8-7d2a-7abc-8def-0123456789ab',
        '旧版本的项目',
        '2025-01-01T08:00:00Z',
        '2025-01-01T08:00:00Z',
      );
    oldDb.pragma('journal_mode = DELETE');
    oldDb.close();
    ok(
      await backend.router.invokeAsync('backups.restore', {
        name: 'campaign-tracker-2025-01-01T08-00-00Z-manual.sqlite',
      }),
    );
    expect(withRaw(backend.file, (db) => db.pragma('user_version', { simple: true }))).toBe(LATEST_VERSION);
    expect(projectNames(backend.file)).toEqual(['旧版本的项目']);
    expect(ok<{ schemaVersion: number }>(backend.router.invoke('app.info', {})).schemaVersion).toBe(
      LATEST_VERSION,
    );
  });

  it('puts the previous data back when the restored file cannot be opened, and keeps serving', async () => {
    const f = fixture();
    // A backup that passes every check but whose opening fails (a full disk, a lost device …).
    let failNextOpen = false;
    const service = createBackupService({
      dir: f.backupsDir,
      file: f.file,
      live: {
        current: () => f.live.db,
        open: () => {
          if (failNextOpen) {
            failNextOpen = false;
            throw new Error('cannot open');
          }
          return openDatabase({ file: f.file });
        },
        adopt: (db) => (f.live.db = db),
      },
      logError: () => {},
    });
    const backup = await service.create('manual');
    createProject(f.live.db, { name: '现在的数据' });
    const before = logicalHash(f.file);

    failNextOpen = true;
    await expect(service.restore(backup.name)).rejects.toMatchObject({
      data: { code: 'internal', reason: 'restore_failed' },
    });
    expect(logicalHash(f.file)).toBe(before);
    expect(projectNames(f.file)).toContain('现在的数据');
    createProject(f.live.db, { name: '失败之后' });
    expect(projectNames(f.file)).toContain('失败之后');
    expect(filesIn(f.dir).filter((n) => n.includes('restoring'))).toEqual([]);
  });

  it('is refused, the data unchanged, while another connection has the database open', async () => {
    const dataDir = tempDir('ct-restore-in-use-');
    const backend = openTestBackend(dataDir);
    const backup = ok<BackupEntry>(await backend.router.invokeAsync('backups.create', {}));
    ok(backend.router.invoke('projects.create', { name: '导出进行中' }));
    // A second reader of the live file, as a project-file export's worker has.
    const reader = new Database(backend.file, { readonly: true, fileMustExist: true });
    onTestFinished(() => {
      if (reader.open) reader.close();
    });
    expect(reader.prepare('SELECT count(*) FROM projects').pluck().get()).toBe(2);
    const before = logicalHash(backend.file);
    expect(await backend.router.invokeAsync('backups.restore', { name: backup.name })).toEqual({
      ok: false,
      error: { code: 'conflict', reason: 'database_in_use' },
    });
    expect(logicalHash(backend.file)).toBe(before);
    ok(backend.router.invoke('projects.create', { name: '之后照常写入' }));
    expect(reader.prepare('SELECT count(*) FROM projects').pluck().get()).toBe(3);
    // Once the other connection is gone, the restore goes through.
    reader.close();
    ok(await backend.router.invokeAsync('backups.restore', { name: backup.name }));
    expect(projectNames(backend.file)).toEqual(['2024夏季新品推广']);
  });

  it('refuses calls while a restore runs, and answers them again after', async () => {
    const dataDir = tempDir('ct-restore-busy-');
    const backend = openTestBackend(dataDir);
    const backup = ok<BackupEntry>(await backend.router.invokeAsync('backups.create', {}));
    const restoring = backend.router.invokeAsync('backups.restore', { name: backup.name });
    expect(backend.router.invoke('projects.create', { name: '恢复时写入' })).toEqual({
      ok: false,
      error: { code: 'conflict', reason: 'restore_in_progress' },
    });
    ok(await restoring);
    expect(projectNames(backend.file)).not.toContain('恢复时写入');
    ok(backend.router.invoke('projects.create', { name: '恢复后写入' }));
  });
});

describe('refused backups', () => {
  /** A backend with one good backup and the means to put a bad file under a backup's name. */
  async function withBad(make: (path: string, good: string) => void) {
    const dataDir = tempDir('ct-refuse-');
    const backend = openTestBackend(dataDir);
    const good = ok<BackupEntry>(await backend.router.invokeAsync('backups.create', {}));
    ok(backend.router.invoke('projects.create', { name: '不能丢的数据' }));
    const name = 'campaign-tracker-2026-01-01T00-00-00Z-manual.sqlite';
    const path = join(dataDir, BACKUPS_DIR, name);
    make(path, join(dataDir, BACKUPS_DIR, good.name));
    const before = { hash: logicalHash(backend.file), list: backend.backups.list() };
    const result = await backend.router.invokeAsync('backups.restore', { name });
    // Nothing changed: the live data, and no before-restore backup was taken.
    expect(logicalHash(backend.file)).toBe(before.hash);
    expect(backend.backups.list()).toEqual(before.list);
    expect(projectNames(backend.file)).toContain('不能丢的数据');
    ok(backend.router.invoke('projects.list', {}));
    return result;
  }
  const refusedAs = (reason: string, params?: object) => ({
    ok: false,
    error: { code: 'file_refused', path: ['name'], reason, ...(params ? { params } : {}) },
  });

  it('a file that is not SQLite at all', async () => {
    expect(await withBad((p) => writeFileSync(p, 'Hello, this is not a database.\n'.repeat(100)))).toEqual(
      refusedAs('backup_corrupt'),
    );
    expect(await withBad((p) => writeFileSync(p, ''))).toEqual(refusedAs('backup_corrupt'));
  });

  it('a truncated backup', async () => {
    const result = await withBad((p, good) => {
      copyFileSync(good, p);
      truncateSync(p, Math.floor(statSync(p).size / 2) + 100);
    });
    expect(result).toEqual(refusedAs('backup_corrupt'));
    // Cut at a page boundary too (the header's page count no longer matches).
    const atPage = await withBad((p, good) => {
      copyFileSync(good, p);
      truncateSync(p, 4096 * 3);
    });
    expect(atPage).toEqual(refusedAs('backup_corrupt'));
  });

  it('a backup damaged inside (quick_check fails)', async () => {
    const result = await withBad((p, good) => {
      copyFileSync(good, p);
      const bytes = readFileSync(p);
      // Scribble over the middle of every page after the first (b-tree pages lose their shape).
      for (let page = 1; page < bytes.length / 4096; page++)
        bytes.fill(0x5a, page * 4096 + 8, page * 4096 + 2048);
      writeFileSync(p, bytes);
    });
    expect(result).toEqual(refusedAs('backup_corrupt'));
  });

  it('an SQLite file of another program', async () => {
    const result = await withBad((p) => {
      const db = new Database(p);
      db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES (1);');
      db.pragma('user_version = 3');
      db.close();
    });
    expect(result).toEqual(refusedAs('backup_foreign'));
  });

  it('a backup from a newer version of the app', async () => {
    const result = await withBad((p, good) => {
      copyFileSync(good, p);
      withRaw(p, (db) => db.pragma(`user_version = ${LATEST_VERSION + 1}`), { readonly: false });
    });
    expect(result).toEqual(
      refusedAs('backup_too_new', { found: LATEST_VERSION + 1, supported: LATEST_VERSION }),
    );
  });

  it('a name that is not a backup, or points elsewhere, never reaches the file system', async () => {
    const dataDir = tempDir('ct-names-');
    const backend = openTestBackend(dataDir);
    await backend.router.invokeAsync('backups.create', {});
    const before = sha256File(backend.file);
    // A valid database of ours outside the backups folder, as a target for traversal.
    copyFileSync(backend.file, join(dataDir, 'campaign-tracker-2026-01-01T00-00-00Z-manual.sqlite'));
    for (const name of [
      '../campaign-tracker.sqlite',
      `../${DATABASE_FILE}`,
      '../campaign-tracker-2026-01-01T00-00-00Z-manual.sqlite',
      '/etc/passwd',
      'campaign-tracker.sqlite',
      'campaign-tracker-2026-01-01T00-00-00Z-manual.sqlite\u0000.txt',
      '%2e%2e%2fcampaign-tracker.sqlite',
    ]) {
      const result = await backend.router.invokeAsync('backups.restore', { name });
      expect(result, name).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', reason: 'backup_name' },
      });
    }
    // Well formed but not in the list (no such file): not found.
    expect(
      await backend.router.invokeAsync('backups.restore', {
        name: 'campaign-tracker-2026-01-01T00-00-00Z-auto.sqlite',
      }),
    ).toEqual({ ok: false, error: { code: 'not_found', path: ['name'], reason: 'backup_not_found' } });
    expect(sha256File(backend.file)).toBe(before);
    expect(backend.backups.list()).toHaveLength(1);
  });
});

describe('without a backup service', () => {
  it('a router over a bare connection answers the backup channels as unavailable', async () => {
    const f = fixture();
    const router = createRouter(f.live.db, { version: 'x', logError: () => {} });
    expect(router.invoke('backups.list', {})).toEqual({
      ok: false,
      error: { code: 'internal', reason: 'backups_unavailable' },
    });
    expect(await router.invokeAsync('backups.create', {})).toEqual({
      ok: false,
      error: { code: 'internal', reason: 'backups_unavailable' },
    });
  });
});

describe('our marks', () => {
  it('backups carry the application id', async () => {
    const f = fixture();
    const entry = await f.service.create('manual');
    expect(
      withRaw(join(f.backupsDir, entry.name), (db) => db.pragma('application_id', { simple: true })),
    ).toBe(APPLICATION_ID);
  });
});
