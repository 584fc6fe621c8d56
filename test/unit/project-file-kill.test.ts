/**
 * The project-file worker as the app runs it (the built out/main/project-file-worker.js) on a
 * 10,000-task project: it reads and exports like the in-process functions, is stopped when too
 * slow or too hungry, and a process killed (SIGKILL) while exporting leaves the earlier file or
 * the complete new one, never a partial file under the target's name. Also measures export and
 * read of that project.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { openDatabase } from '../../src-main/db/open';
import { FILE_LIMITS } from '../../src-main/project-file/format';
import { readProjectFile } from '../../src-main/project-file/read';
import { runProjectFileJob } from '../../src-main/project-file/run-worker';
import { writeProjectFile, type ExportProgress } from '../../src-main/project-file/write';
import { createRouter } from '../../src-main/router';
import { sha256File } from '../helpers/db';
import { tempDir } from '../helpers/tmp';
import type { App } from '../helpers/app';
import { seedLargePlan } from '../perf/large-plan';
import { rejection } from '../helpers/refusal';

const EXPORTER = { id: '0190a000-0000-7000-8000-00000000e002', name: 'Li Wei' };
const TASKS = 10_000;

function builtWorker(): string {
  const file = resolve(__dirname, '../../out/main/project-file-worker.js');
  if (!existsSync(file))
    throw new Error('out/main/project-file-worker.js is missing: run `npm run build` first');
  return file;
}

let dir: string;
let db: Db;
let sourceFile: string;
let pid: string;
/** A complete export of the large project, made in-process. */
let exported: string;
let exportMs: number;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function exportArgs(target: string) {
  return { sourceFile, projectId: pid, target, exporter: EXPORTER, appVersion: '0.1.0-test' };
}

/** The folder's entries other than `name` (a temporary file left behind would show here). */
function others(folder: string, name: string): string[] {
  return readdirSync(folder).filter((n) => n !== name);
}

beforeAll(() => {
  builtWorker();
  dir = mkdtempSync(join(tmpdir(), 'ct-kill-'));
  sourceFile = join(dir, 'app.sqlite');
  db = openDatabase({ file: sourceFile });
  const router = createRouter(db, { version: '0.0.0-test', logError: () => {} });
  const app = {
    file: sourceFile,
    db,
    ok: (channel: string, payload: unknown) => {
      const result = router.invoke(channel, payload);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.value;
    },
  } as unknown as App;
  pid = seedLargePlan(app);
  // The plan's tasks were inserted directly, with codes M001 … M10000: the counter that the app
  // keeps past the last code is set as the app would have left it (a file's rows are checked).
  db.prepare('UPDATE projects SET next_task_seq = ? WHERE id = ?').run(TASKS + 1, pid);
  mkdirSync(join(dir, 'exported'));
  exported = join(dir, 'exported', 'large.ctproj');
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push(writeProjectFile(exportArgs(exported)).ms);
  exportMs = median(times);
}, 120_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built worker', () => {
  test('reads a file exactly as the in-process reader does, and refuses as it does', async () => {
    const inProcess = readProjectFile(exported);
    expect(inProcess.summary.counts.tasks).toBe(TASKS);
    const viaWorker = await runProjectFileJob(
      builtWorker(),
      { kind: 'read', path: exported },
      { timeoutMs: FILE_LIMITS.timeoutMs, maxMemoryMb: FILE_LIMITS.maxMemoryMb },
    );
    expect(viaWorker).toEqual(inProcess);

    const junk = join(tempDir(), 'junk.ctproj');
    writeFileSync(junk, randomBytes(4096));
    expect(
      await rejection(
        runProjectFileJob(
          builtWorker(),
          { kind: 'read', path: junk },
          { timeoutMs: 10_000, maxMemoryMb: 64 },
        ),
      ),
    ).toEqual({ code: 'file_refused', reason: 'not_sqlite' });
  });

  test('exports with progress, and the file reads back', async () => {
    const target = join(tempDir(), 'via-worker.ctproj');
    const seen: ExportProgress[] = [];
    const result = await runProjectFileJob(
      builtWorker(),
      { kind: 'export', ...exportArgs(target) },
      { timeoutMs: 60_000, maxMemoryMb: FILE_LIMITS.maxMemoryMb, onProgress: (p) => seen.push(p) },
    );
    expect(result.rows).toBeGreaterThan(TASKS);
    expect(seen.length).toBeGreaterThan(result.rows / 2000);
    expect(seen.at(-1)).toEqual({ done: result.rows, total: result.rows });
    const { summary } = readProjectFile(target);
    expect(summary).toMatchObject({ projectId: pid, exporterName: EXPORTER.name });
    expect(summary.counts.tasks).toBe(TASKS);
  });

  test('a job over its time limit is stopped: too_slow, the earlier file kept, no temporary file left', async () => {
    const folder = tempDir();
    const target = join(folder, 'slow.ctproj');
    writeFileSync(target, 'the earlier file');
    const before = sha256File(target);
    // Long enough for the worker to start writing, far too short to finish.
    const timeoutMs = Math.max(20, Math.round(exportMs / 3));
    const error = await rejection(
      runProjectFileJob(
        builtWorker(),
        { kind: 'export', ...exportArgs(target) },
        { timeoutMs, maxMemoryMb: 256 },
      ),
    );
    expect(error).toMatchObject({ code: 'export_failed', reason: 'too_slow' });
    expect(sha256File(target)).toBe(before);
    expect(others(folder, 'slow.ctproj')).toEqual([]);

    expect(
      await rejection(
        runProjectFileJob(
          builtWorker(),
          { kind: 'read', path: exported },
          { timeoutMs: 5, maxMemoryMb: 256 },
        ),
      ),
    ).toMatchObject({ code: 'file_refused', reason: 'too_slow' });
  });

  test('a read needing more memory than allowed ends the worker alone: too_large_in_memory', async () => {
    const error = await rejection(
      runProjectFileJob(
        builtWorker(),
        { kind: 'read', path: exported },
        { timeoutMs: 60_000, maxMemoryMb: 8 },
      ),
    );
    expect(error).toEqual({ code: 'file_refused', reason: 'too_large_in_memory', params: { limitMb: 8 } });
    // This process is fine and the same file still reads with the normal limit.
    expect(readProjectFile(exported).summary.counts.tasks).toBe(TASKS);
  });
});

/**
 * A Node process exporting the project again and again over the same target through the built
 * worker; it prints "writing" when an export has its temporary file and starts copying rows.
 */
const EXPORT_LOOP = `
const { Worker } = require('node:worker_threads');
const [workerFile, job] = process.argv.slice(1);
function once() {
  const worker = new Worker(workerFile, { workerData: JSON.parse(job) });
  worker.on('message', (m) => {
    if (m.type === 'progress' && m.done === 0) process.stdout.write('writing\\n');
    if (m.type === 'error') { process.stderr.write(JSON.stringify(m.error)); process.exit(1); }
  });
  worker.on('exit', once);
}
once();
`;

describe('SIGKILL during export', () => {
  test('leaves the earlier file or the complete new one, never a partial file under the name', async () => {
    const folder = tempDir();
    const target = join(folder, 'killed.ctproj');
    writeProjectFile(exportArgs(target));
    const job = JSON.stringify({ kind: 'export', ...exportArgs(target) });
    let interruptedWrites = 0;
    let replaced = 0;
    let previous = sha256File(target);

    for (let kill = 0; kill < 10; kill++) {
      const child = spawn(process.execPath, ['-e', EXPORT_LOOP, builtWorker(), job], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      onTestFinished(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<NodeJS.Signals | null>((done) =>
        child.on('exit', (_code, signal) => done(signal)),
      );
      await new Promise<void>((started, failed) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && started());
        child.on('exit', () => failed(new Error(`export loop ended: ${stderr}`)));
      });
      // Anywhere from the first rows copied, through the rename, into the next export.
      await new Promise((wait) => setTimeout(wait, Math.random() * exportMs * 1.5));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(stderr).toBe('');

      const leftovers = others(folder, 'killed.ctproj');
      for (const name of leftovers) expect(name).toMatch(/^\.killed\.ctproj\.[0-9a-f]{12}\.tmp$/);
      if (leftovers.length > 0) interruptedWrites++;
      for (const name of leftovers) rmSync(join(folder, name));

      const { summary } = readProjectFile(target);
      expect(summary.projectId).toBe(pid);
      expect(summary.counts.tasks).toBe(TASKS);
      const now = sha256File(target);
      if (now !== previous) replaced++;
      previous = now;
    }
    // The kills did land while a file was being written.
    expect(interruptedWrites).toBeGreaterThan(0);
    console.log(
      `SIGKILL: ${interruptedWrites} of 10 kills interrupted a write; the file was replaced ${replaced} times`,
    );
  }, 120_000);
});

describe('speed (10,000 tasks)', () => {
  test('export and read, in this thread and through the worker, median of 5', async () => {
    const target = join(tempDir(), 'timed.ctproj');
    const limits = { timeoutMs: 60_000, maxMemoryMb: FILE_LIMITS.maxMemoryMb };
    const times = {
      export: [] as number[],
      read: [] as number[],
      workerExport: [] as number[],
      workerRead: [] as number[],
    };
    let rows = 0;
    for (let i = 0; i < 5; i++) {
      const written = writeProjectFile(exportArgs(target));
      times.export.push(written.ms);
      rows = written.rows;
      let started = performance.now();
      expect(readProjectFile(target).summary.counts.tasks).toBe(TASKS);
      times.read.push(performance.now() - started);

      started = performance.now();
      await runProjectFileJob(builtWorker(), { kind: 'export', ...exportArgs(target) }, limits);
      times.workerExport.push(performance.now() - started);
      started = performance.now();
      const viaWorker = await runProjectFileJob(builtWorker(), { kind: 'read', path: target }, limits);
      times.workerRead.push(performance.now() - started);
      expect(viaWorker.summary.counts.tasks).toBe(TASKS);
    }
    const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
    console.log(
      `10,000 tasks (${rows} rows): export ${ms(times.export)}, read with checks ${ms(times.read)}; ` +
        `through the worker (start-up and hand-over included): export ${ms(times.workerExport)}, read ${ms(times.workerRead)}`,
    );
  }, 120_000);
});
