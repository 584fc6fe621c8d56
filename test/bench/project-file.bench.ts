/**
 * Project files (issue 5): export and import of a 10,000-task project, and the merge of two
 * copies with 1,000 changed fields each — through the app's own code (the worker the app runs,
 * the project-file service, the router for the edits), each next to a floor measured in the
 * same run. Writes its own block of BENCHMARKS.md.
 */
import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open';
import { createRouter } from '../../src-main/router';
import { createProjectFileService } from '../../src-main/project-file/service';
import { insertBundle } from '../../src-main/project-file/insert';
import { readProjectFile } from '../../src-main/project-file/read';
import { validateBundle } from '../../src-main/project-file/validate';
import { writeProjectFile } from '../../src-main/project-file/write';
import { runProjectFileJob } from '../../src-main/project-file/run-worker';
import { PROJECT_TABLES } from '../../src-main/sync/project-tables';
import { localReplica } from '../../src-main/sync/versions';
import { ROOT } from '../helpers/bridge';
import { seedProject } from './seed';
import { median, ms, timed } from './stats';

const SIZE = Number(process.env.BENCH_FILE_TASKS ?? 10_000);
const REPS = Number(process.env.BENCH_FILE_REPS ?? 5);
const CHANGED = 1_000;
const OVERLAP = 100;
const BEGIN = '<!-- bench:project-file:begin (written by `npm run bench`) -->';
const END = '<!-- bench:project-file:end -->';
const dirs: string[] = [];
// Removed at the end of the file (the tests' tempDir would go after the first test).
const dir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
const log = (...args: unknown[]) => console.log('[project-file bench]', ...args);

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The worker as the app runs it, copied out of out/ so that a rebuild cannot pull it away. */
function workerCopy(): string {
  const built = join(ROOT, 'out', 'main', 'project-file-worker.js');
  if (!existsSync(built))
    spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const copy = dir('ct-bench-worker-');
  cpSync(join(ROOT, 'out', 'main'), copy, { recursive: true });
  // Outside the project the worker would not find better-sqlite3: point it at our node_modules.
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return join(copy, 'project-file-worker.js');
}

function fsyncPath(path: string) {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** An empty app database (no demo project), as on a colleague's laptop. */
function emptyApp(folder: string) {
  const file = join(folder, 'campaign-tracker.sqlite');
  const db = openDatabase({ file });
  return { file, db };
}

const lines: string[][] = [];
const row = (what: string, figure: string, floor: string, ratio: string, aim: string) =>
  lines.push([what, figure, floor, ratio, aim]);
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)} ×` : '—');

describe(`project files, ${SIZE.toLocaleString('en-US')} tasks`, () => {
  const worker = workerCopy();
  const home = dir('ct-bench-pf-');
  const { file: appFile, db } = emptyApp(home);
  const seeded = seedProject(db, SIZE);
  const router = createRouter(db, { version: 'bench' });
  const me = localReplica(db);
  const target = join(home, 'plan.ctproj');
  let fileBytes = 0;

  it('export: the worker writes the file (temporary file, fsync, rename)', async () => {
    const job = {
      kind: 'export' as const,
      sourceFile: appFile,
      projectId: seeded.projectId,
      target,
      exporter: { id: me.id, name: '李娜' },
      appVersion: 'bench',
    };
    const whole: number[] = [];
    const inProcess: number[] = [];
    const floor: number[] = [];
    await runProjectFileJob(worker, job, { timeoutMs: 120_000, maxMemoryMb: 512 }); // warm-up
    for (let i = 0; i < REPS; i++) {
      const start = performance.now();
      await runProjectFileJob(worker, job, { timeoutMs: 120_000, maxMemoryMb: 512 });
      whole.push(performance.now() - start);
      inProcess.push(timed(() => writeProjectFile({ ...job })).ms);
      // Floor: SQLite copying the whole database (only this project in it) into a new file.
      const copy = join(home, `vacuum-${i}.sqlite`);
      floor.push(
        timed(() => {
          db.exec(`VACUUM INTO '${copy}'`);
          fsyncPath(copy);
        }).ms,
      );
      rmSync(copy, { force: true });
    }
    fileBytes = statSync(target).size;
    log(
      `export: worker ${ms(median(whole))}, in process ${ms(median(inProcess))}, VACUUM INTO ${ms(median(floor))}, file ${(fileBytes / 1048576).toFixed(1)} MB`,
    );
    row(
      'Export, whole (worker start, read, write, fsync, rename)',
      ms(median(whole)),
      ms(median(floor)),
      ratio(median(whole), median(floor)),
      '≤ 500 ms',
    );
    row('Export, in process (writeProjectFile)', ms(median(inProcess)), '', '', '');
    expect(fileBytes).toBeGreaterThan(0);
  });

  it('import: the worker reads and checks the file, then it is written into an empty database', async () => {
    const whole: number[] = [];
    const parts = { read: [] as number[], validate: [] as number[], insert: [] as number[] };
    const floor: number[] = [];
    for (let i = -1; i < REPS; i++) {
      // As the user waits for it: the service reads the file in the worker (the preview), then
      // writes it as a new project when the user confirms.
      const other = emptyApp(dir('ct-bench-pf-import-'));
      const service = createProjectFileService({
        db: other.db,
        databaseFile: other.file,
        workerFile: worker,
        appVersion: 'bench',
        host: { chooseExportPath: async () => null, defaultUserName: 'bench' },
      });
      const start = performance.now();
      const preview = await service.stagePath(target).catch((e: { data?: unknown }) => {
        throw new Error(`reading through the worker failed: ${JSON.stringify(e.data ?? e)}`);
      });
      service.import({ token: preview.token, mode: 'new' });
      const took = performance.now() - start;
      expect(other.db.prepare('SELECT count(*) FROM tasks').pluck().get()).toBe(SIZE);
      await new Promise((r) => setImmediate(r)); // the checkpoint left for after the answer
      other.db.close();
      if (i < 0) continue; // warm-up
      whole.push(took);
      // Parts, in process.
      const inProc = timed(() => readProjectFile(target));
      parts.read.push(inProc.ms);
      parts.validate.push(timed(() => validateBundle(inProc.value.bundle)).ms);
      const third = emptyApp(dir('ct-bench-pf-insert-'));
      parts.insert.push(
        timed(() => third.db.transaction(() => insertBundle(third.db, inProc.value.bundle))()).ms,
      );
      third.db.close();
      // Floor: every row of the file read raw and inserted as is, no checks, one transaction.
      const fourth = emptyApp(dir('ct-bench-pf-floor-'));
      floor.push(
        timed(() => {
          const src = new Database(target, { readonly: true });
          fourth.db.pragma('foreign_keys = OFF');
          fourth.db.transaction(() => {
            for (const t of PROJECT_TABLES) {
              const rows = src.prepare(`SELECT * FROM ${t.name}`).raw().all() as unknown[][];
              if (rows.length === 0) continue;
              const insert = fourth.db.prepare(
                `INSERT INTO ${t.name} VALUES (${rows[0]!.map(() => '?').join(', ')})`,
              );
              for (const r of rows) insert.run(...r);
            }
          })();
          src.close();
        }).ms,
      );
      fourth.db.close();
    }
    log(
      `import: whole ${ms(median(whole))} (read+check in process ${ms(median(parts.read))} of which validation ${ms(median(parts.validate))}; insert ${ms(median(parts.insert))}); floor ${ms(median(floor))}`,
    );
    row(
      'Import, whole (service: worker read and checks for the preview, then written as a new project)',
      ms(median(whole)),
      ms(median(floor)),
      ratio(median(whole), median(floor)),
      '≤ 1,000 ms and ≤ 1.6 × floor',
    );
    row('— read and check, in process (readProjectFile)', ms(median(parts.read)), '', '', '');
    row('— of which row validation (validateBundle)', ms(median(parts.validate)), '', '', '');
    row('— insert into the database (insertBundle)', ms(median(parts.insert)), '', '', '');
  });

  it(`merge: two copies with ${CHANGED.toLocaleString('en-US')} changed fields each`, async () => {
    // The colleague's laptop: the project imported from the owner's file.
    const colleague = emptyApp(dir('ct-bench-pf-b-'));
    const fromOwner = readProjectFile(target);
    colleague.db.transaction(() => insertBundle(colleague.db, fromOwner.bundle))();
    const theirRouter = createRouter(colleague.db, { version: 'bench' });
    const edit = (r: typeof router, id: string, patch: Record<string, unknown>) => {
      const result = r.invoke('tasks.update', { id, patch });
      if (!result.ok) throw new Error(JSON.stringify(result.error));
    };
    const ids = seeded.taskIds;
    // Owner: notes of tasks 0…999. Colleague: notes of tasks 900…1899 (100 on both sides) and
    // nothing else, so 900 + 900 one-sided changes and 100 conflicts.
    for (let i = 0; i < CHANGED; i++) edit(router, ids[i]!, { notes: `负责人备注 ${i}` });
    for (let i = CHANGED - OVERLAP; i < 2 * CHANGED - OVERLAP; i++)
      edit(theirRouter, ids[i]!, { notes: `同事备注 ${i}` });
    const theirFile = join(home, 'colleague.ctproj');
    writeProjectFile({
      sourceFile: colleague.file,
      projectId: seeded.projectId,
      target: theirFile,
      exporter: { id: localReplica(colleague.db).id, name: '王强' },
      appVersion: 'bench',
    });
    colleague.db.close();
    db.pragma('wal_checkpoint(TRUNCATE)');

    const samples = { read: [] as number[], preview: [] as number[], merge: [] as number[] };
    let conflicts = 0;
    let summary = '';
    for (let i = -1; i < 3; i++) {
      // Each run merges into a fresh copy of the owner's database.
      const runDir = dir('ct-bench-pf-merge-');
      const file = join(runDir, 'campaign-tracker.sqlite');
      copyFileSync(appFile, file);
      const mine = openDatabase({ file });
      const service = createProjectFileService({
        db: mine,
        databaseFile: file,
        workerFile: worker,
        appVersion: 'bench',
        host: { chooseExportPath: async () => null, defaultUserName: 'bench' },
      });
      let start = performance.now();
      const staged = await service.stagePath(theirFile); // worker read + the preview's plan
      const read = performance.now() - start;
      start = performance.now();
      const preview = service.preview(staged.token);
      const planMs = performance.now() - start;
      start = performance.now();
      const done = service.import({ token: staged.token, mode: 'merge', defaultResolution: 'theirs' });
      const mergeMs = performance.now() - start;
      conflicts = preview.merge?.conflictsTotal ?? -1;
      summary = JSON.stringify(done.merge);
      expect(
        mine
          .prepare('SELECT notes FROM tasks WHERE id = ?')
          .pluck()
          .get(ids[CHANGED + 50]),
      ).toBe(`同事备注 ${CHANGED + 50}`);
      expect(mine.prepare('SELECT notes FROM tasks WHERE id = ?').pluck().get(ids[10])).toBe('负责人备注 10');
      mine.close();
      if (i < 0) continue;
      samples.read.push(read);
      samples.preview.push(planMs);
      samples.merge.push(mergeMs);
    }
    log(
      `merge: read+plan ${ms(median(samples.read))}, preview (plan) ${ms(median(samples.preview))}, merge (plan+apply, one undo step) ${ms(median(samples.merge))}; conflicts ${conflicts}; ${summary}`,
    );
    expect(conflicts).toBe(OVERLAP);
    row(`Merge: open the copy (worker read + plan of the preview)`, ms(median(samples.read)), '', '', '');
    row(
      `Merge: plan (${CHANGED.toLocaleString('en-US')} vs ${CHANGED.toLocaleString('en-US')} changed fields, ${OVERLAP} conflicts)`,
      ms(median(samples.preview)),
      '',
      '',
      '',
    );
    row('Merge: write (plan again, apply, one undo step, commit)', ms(median(samples.merge)), '', '', '');
  });

  it('writes the figures', () => {
    const header = ['What', 'Median', 'Floor', 'Ratio', 'Aim'];
    const table = [header, header.map(() => '---'), ...lines].map((r) => `| ${r.join(' | ')} |`).join('\n');
    const block = [
      `Run on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}; ${SIZE.toLocaleString('en-US')} tasks, file ${(fileBytes / 1048576).toFixed(1)} MB; medians of ${REPS} (merge: 3).`,
      '',
      table,
    ].join('\n');
    console.log(`\n${block}\n`);
    if (process.env.BENCH_FILE_TASKS || process.env.BENCH_FILE_REPS || process.env.BENCH_PARTS) return; // a quick run leaves the file alone
    const path = join(ROOT, 'BENCHMARKS.md');
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
    const a = text.indexOf(BEGIN);
    const b = text.indexOf(END);
    const next =
      a >= 0 && b > a
        ? `${text.slice(0, a)}${BEGIN}\n${block}\n${text.slice(b)}`
        : `${text.trimEnd()}\n\n## Project files (export, import, merge)\n\n${BEGIN}\n${block}\n${END}\n`;
    writeFileSync(path, next);
  });
});
