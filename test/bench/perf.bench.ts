/**
 * `npm run bench`: Table 2 at 10,000 and 100,000 tasks, and the tracking dashboard (概览) of a
 * 10,000-task project, through the app's real code paths.
 *
 * Per size: seed a real SQLite file with prepared INSERTs (timed); in process, time the router
 * and the services (load, edits, a 1,000-row paste); then start the built loopback bridge over
 * that file and, in one headless Chromium, time the grid's first paint next to a bare AG Grid
 * page with the same rows, an edit through the cell editor and a 1,000-row paste through the
 * grid's paste handler. Then tracking and charts (test/bench/tracking.ts): seed 50 metrics × 52
 * weekly values, spend, check-ins and periods on a 10,000-task plan; time `dashboard.get` in
 * process (SQL vs computation); in the browser, the 概览 tab's seven charts, and a trend chart of
 * 365 daily points in the app's EChart next to bare ECharts. Prints tables of medians/p95 with
 * their aims and floors and writes them into BENCHMARKS.md. Environment: BENCH_SIZES=2000,10000
 * for a quick run, BENCH_PARTS=tables or BENCH_PARTS=tracking for one part (BENCHMARKS.md is then
 * left alone; the figures go to test-results/bench/ only).
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/backend';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { openDatabase } from '../../src-main/db/open';
import { createFailedRouter, createRouter, type Router } from '../../src-main/router';
import { listTaskRows, pasteTasks, updateTask } from '../../src-main/services/tasks';
import type { PasteRow } from '../../src-main/shared/contract';
import type { TaskPatch } from '../../src-main/shared/domain';
import { todayIso } from '../../src-main/shared/values';
import { ROOT, startBuiltBridge } from '../helpers/bridge';
import { CHROMIUM, launchBrowser, type Browser } from '../helpers/browser';
import { gridCell } from '../helpers/grid';
import {
  armEdit,
  editOutcome,
  editShown,
  fetchEdits,
  firstPaintDetails,
  firstRowProbe,
  painted,
  pasteAndWait,
  rememberProject,
  scriptBytesBeforeRow,
} from './page';
import {
  emptyRenderer,
  rendererMarkdown,
  rendererText,
  writeRendererBlock,
  type RendererResults,
  type VariantFigures,
} from './renderer-report';
import {
  emptyResults,
  markdownTable,
  textTable,
  writeBenchmarks,
  type Machine,
  type SizeResults,
} from './report';
import { analyse, LINKS_SQL, LIST_SQL } from './analysis';
import { buildReadableRenderer, startProfile, stopProfile } from './profile';
import { median, ms, p95, sample, timed } from './stats';
import { seedProject, seedTracking, type SeededProject } from './seed';
import {
  dashboardInProcess,
  dashboardOnce,
  emptyTracking,
  profileDashboard,
  trendAgain,
  trendOnce,
  type TrackingResults,
} from './tracking';

const DEFAULT_SIZES = [10_000, 100_000];
const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : DEFAULT_SIZES;
const PROFILE = !!process.env.BENCH_PROFILE;
const PARTS = new Set((process.env.BENCH_PARTS ?? 'tables,tracking').split(','));
const WRITE_BENCHMARKS = !process.env.BENCH_SIZES && !PROFILE && PARTS.has('tables') && PARTS.has('tracking');
const TRACKING_TASKS = 10_000;
const OUT = join(ROOT, 'test-results', 'bench');
const big = (size: number) => size >= 50_000;
/**
 * BENCH_BASELINE: a built out/ folder of earlier code (e.g. `git archive <commit>` built with
 * electron-vite); its renderer is measured in the same run next to this one, against this main
 * process and the same data. BENCH_BASELINE_CODE says what it is (a commit).
 */
const BASELINE = process.env.BENCH_BASELINE ?? '';
const BASELINE_CODE = process.env.BENCH_BASELINE_CODE ?? 'an earlier build';
const log = (...parts: unknown[]) => console.log('[bench]', ...parts);

const temps: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

// ---------------------------------------------------------------------------------------------
// The built app, copied aside so that a rebuild of out/ by someone else cannot pull it away
// mid-run.

/** Files a built bundle needs: its chunks (bridge) or its assets (index.html). */
function missingParts(outDir: string): string[] {
  const bridge = join(outDir, 'main', 'bridge.js');
  const html = join(outDir, 'renderer', 'index.html');
  if (!existsSync(bridge) || !existsSync(html)) return ['bridge.js or index.html'];
  const chunks = [...readFileSync(bridge, 'utf8').matchAll(/require\("\.\/(chunks\/[^"]+)"\)/g)].map((m) =>
    join(outDir, 'main', m[1]!),
  );
  const assets = [...readFileSync(html, 'utf8').matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) =>
    join(outDir, 'renderer', m[1]!),
  );
  return [...chunks, ...assets].filter((f) => !existsSync(f));
}

async function snapshotBuild(): Promise<string> {
  const source = join(ROOT, 'out');
  for (let attempt = 1; attempt <= 3; attempt++) {
    // Someone may be rebuilding right now: give it a minute to finish.
    for (let waited = 0; waited < 60_000 && missingParts(source).length > 0; waited += 2_000)
      await new Promise((r) => setTimeout(r, 2_000));
    if (missingParts(source).length === 0) {
      const copy = tempDir('ct-bench-out-');
      try {
        cpSync(join(source, 'main'), join(copy, 'main'), { recursive: true });
        cpSync(join(source, 'renderer'), join(copy, 'renderer'), { recursive: true });
        if (missingParts(copy).length === 0) return copy;
      } catch {
        // out/ changed under our feet: try again
      }
    }
    log(`out/ is incomplete (attempt ${attempt}): building it`);
    spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  }
  throw new Error('could not get a complete build of out/ (npx electron-vite build)');
}

/**
 * A page of test/bench (`folder`: the bare AG Grid page, or the trend pages whose HTML files are
 * `pages`), built with vite for production (minified, like the app's renderer, unless profiling).
 */
async function buildBenchPage(
  folder: string,
  outDir: string,
  pages: string[] = ['index.html'],
): Promise<void> {
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production'; // vitest sets 'test'; React must be its production build
  try {
    await build({
      root: join(ROOT, 'test', 'bench', folder),
      configFile: false,
      mode: 'production',
      logLevel: 'warn',
      plugins: [react()],
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        outDir,
        emptyOutDir: true,
        minify: !PROFILE,
        chunkSizeWarningLimit: 8192,
        rolldownOptions: { input: pages.map((page) => join(ROOT, 'test', 'bench', folder, page)) },
      },
    });
  } finally {
    process.env.NODE_ENV = before;
  }
}

// ---------------------------------------------------------------------------------------------
// In process: the router and the services over the real file.

function ok<T>(result: { ok: true; value: unknown } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`router refused: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** Six kinds of edit in turn, on rows spread over the table; `tag` makes every value new. */
function edits(seeded: SeededProject, count: number, tag: string): { id: string; patch: TaskPatch }[] {
  const { taskIds, peopleIds } = seeded;
  return Array.from({ length: count }, (_, i) => {
    const id = taskIds[(i * 7919 + 13) % taskIds.length]!;
    const patches: TaskPatch[] = [
      { tools: `工具${tag}${i}` },
      { name: `复核直播脚本${tag}${i}` },
      { progress: (i * 5 + tag.length) % 101 },
      { budgetFen: 100_000 + i * 100 + tag.length },
      { notes: `风险:${tag}${i}` },
      { ownerId: peopleIds[(i + tag.length) % peopleIds.length]! },
    ];
    return { id, patch: patches[i % patches.length]! };
  });
}

/** 1,000 rows of tools, criteria and progress, as the grid's paste handler sends them. */
function pasteRows(seeded: SeededProject, first: number, tag: string): PasteRow[] {
  return seeded.taskIds.slice(first, first + 1000).map((id, i) => ({
    ref: i + 1,
    id,
    values: { tools: `工具${tag}-${i}`, criteria: `标准${tag}-${i}`, progress: (i * 7 + tag.length) % 101 },
  }));
}

function timeEach<T>(items: readonly T[], fn: (item: T) => unknown): number[] {
  return items.map((item) => timed(() => fn(item)).ms);
}

/**
 * A second database file seeded like the first, for the measurements that write past the router
 * (the service alone, the floors): a write the router did not journal makes its roll-up cache
 * (routes/roll-ups.ts) load every task again on the next edit, which the app never does (every
 * write of the app goes through the router).
 */
interface Aside {
  db: Database;
  seeded: SeededProject;
}

function openAside(dir: string, size: number): Aside {
  const db = openDatabase({ file: join(dir, 'aside.sqlite') });
  return { db, seeded: seedProject(db, size) };
}

function inProcess(
  db: Database,
  router: Router,
  seeded: SeededProject,
  r: SizeResults,
  aside: Aside,
): string {
  const { projectId } = seeded;
  const reps = big(r.size) ? 5 : 9;

  // (a) Loading every row: the router, the service and the floor (every column of the rows, as
  // arrays, and the links, with two plain statements), in turn so that garbage collection falls
  // on each alike.
  const rowsOnly = db.prepare(LIST_SQL);
  const linksOnly = db.prepare(LINKS_SQL);
  const load = {
    sql: () => [rowsOnly.raw(true).all(projectId), linksOnly.all(projectId)],
    service: () => listTaskRows(db, { projectId }),
    router: () => ok(router.invoke('tasks.list', { projectId })),
  };
  for (const fn of Object.values(load)) fn(); // warm-up
  for (let i = 0; i < reps; i++)
    for (const [part, fn] of Object.entries(load)) r.load[part as keyof typeof load].push(timed(fn).ms);
  // What the bridge sends: the answer, rows as arrays (shared/task-rows.ts).
  const answer = ok(router.invoke('tasks.list', { projectId }));
  let json = '';
  r.load.json = sample(reps, () => (json = JSON.stringify({ ok: true, value: answer })));
  r.load.jsonBytes = Buffer.byteLength(json);
  log(
    `${r.size}: load router ${median(r.load.router).toFixed(1)} ms, service ${median(r.load.service).toFixed(1)} ms`,
  );

  // (c) One edit at a time, database part, after warm-up edits (statements, pages in memory):
  // the router, the service alone and the floor (a one-row UPDATE and its commit) in turn. The
  // service and the floor write to the second file (see Aside): on this one, every write of
  // theirs would cost the router's next edit a reload of every task.
  const count = 240;
  for (const e of edits(seeded, 20, 'w')) ok(router.invoke('tasks.update', e));
  for (const e of edits(aside.seeded, 20, 'w')) updateTask(aside.db, e);
  const floorUpdate = aside.db.prepare('UPDATE tasks SET tools = ?, updated_at = ? WHERE id = ?');
  const [viaRouter, viaService, viaFloor] = [
    edits(seeded, count, 'r'),
    edits(aside.seeded, count, 's'),
    edits(aside.seeded, count, 'f'),
  ];
  for (let i = 0; i < count; i++) {
    r.editDb.router.push(timed(() => ok(router.invoke('tasks.update', viaRouter[i]!))).ms);
    r.editDb.service.push(timed(() => updateTask(aside.db, viaService[i]!)).ms);
    const { id } = viaFloor[i]!;
    r.editDb.floor.push(
      timed(() => aside.db.transaction(() => floorUpdate.run(`工具f${i}`, new Date().toISOString(), id))())
        .ms,
    );
  }
  db.pragma('synchronous = NORMAL'); // an experiment only: how much of an edit is the fsync
  try {
    r.editDb.routerNormal = timeEach(edits(seeded, count, 'n'), (e) => ok(router.invoke('tasks.update', e)));
  } finally {
    db.pragma('synchronous = FULL');
  }
  log(`${r.size}: edit db p50 ${median(r.editDb.router).toFixed(2)} ms`);

  // (d) A 1,000-row paste, database part (rows away from the top, which the browser part uses).
  const first = Math.min(2_000, seeded.taskIds.length - 1000);
  const pasteReps = big(r.size) ? 5 : 7;
  r.pasteDb.router = sample(pasteReps, (i) =>
    ok(router.invoke('tasks.paste', { projectId, rows: pasteRows(seeded, first, `r${i}`) })),
  );
  r.pasteDb.service = sample(pasteReps, (i) =>
    pasteTasks(db, { projectId, rows: pasteRows(seeded, first, `s${i}`) }),
  );
  const floorPaste = db.prepare(
    'UPDATE tasks SET tools = ?, criteria = ?, progress = ?, updated_at = ? WHERE id = ?',
  );
  r.pasteDb.floor = sample(pasteReps, (i) =>
    db.transaction(() => {
      const stamp = new Date().toISOString();
      for (const row of pasteRows(seeded, first, `f${i}`))
        floorPaste.run(row.values.tools, row.values.criteria, row.values.progress, stamp, row.id);
    })(),
  );
  log(`${r.size}: paste db ${median(r.pasteDb.router).toFixed(1)} ms`);

  // What the bare page shows: the rows as tasks.list answers them now.
  return JSON.stringify(ok(router.invoke('tasks.list', { projectId })));
}

// ---------------------------------------------------------------------------------------------
// In the browser, through the bridge.

let browser: Browser | undefined;
let bareServer: Bridge | undefined;
let bareDir = '';
let trendServer: Bridge | undefined;
let trendDir = '';
let outCopy = '';
/** The earlier renderer with this main process (BENCH_BASELINE), or '' without one. */
let baselineOut = '';
const rendererResults: RendererResults[] = [];
const problems: string[] = [];

async function freshPage(probe = true): Promise<Page> {
  const page = await browser!.context.newPage();
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  if (probe) await page.addInitScript(firstRowProbe);
  return page;
}

interface Paint {
  frame: number;
  /** JavaScript loaded before the first row, bytes. */
  js: number;
  dataStart: number;
  dataEnd: number;
  width: number;
  height: number;
}

async function firstPaint(url: string, dataPart: string, projectId?: string): Promise<Paint> {
  const page = await freshPage();
  try {
    if (projectId) await page.addInitScript(rememberProject, projectId);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(painted, undefined, { timeout: 180_000, polling: 200 });
    const d = await page.evaluate(firstPaintDetails, dataPart);
    return {
      frame: d.frame!,
      js: await page.evaluate(scriptBytesBeforeRow),
      dataStart: d.dataStart ?? Number.NaN,
      dataEnd: d.dataEnd ?? Number.NaN,
      width: d.width,
      height: d.height,
    };
  } finally {
    await page.close();
  }
}

/** Counts the page's API calls in flight, to wait for the follow-up reloads of a write. */
function inFlight(page: Page): () => Promise<void> {
  let open = 0;
  page.on('request', (q) => void (q.url().includes('/api/') && open++));
  const done = (q: { url(): string }) => void (q.url().includes('/api/') && open--);
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async () => {
    for (let calm = 0; calm < 3;) {
      await new Promise((r) => setTimeout(r, 50));
      calm = open === 0 ? calm + 1 : 0;
    }
  };
}

/** Table 2 of the project open in a fresh page, with its API calls settled. */
async function openTable(
  url: string,
  projectId: string,
): Promise<{ page: Page; quiet: () => Promise<void> }> {
  const page = await freshPage();
  const quiet = inFlight(page);
  await page.addInitScript(rememberProject, projectId);
  await page.goto(url);
  await page.waitForFunction(painted, undefined, { timeout: 180_000, polling: 200 });
  await quiet();
  await page.locator('[data-testid="task-grid"]:not([aria-busy="true"])').waitFor({ timeout: 180_000 });
  return { page, quiet };
}

/**
 * One edit through the cell editor of the 工具 cell: timed in the page from Enter (the value
 * setter hands the edit to the store) until the cell shows the value and the toolbar's "saving"
 * mark is gone (the store holds the stored row, its pending mark cleared).
 */
async function editOnce(page: Page, rowId: string, value: string) {
  // Focus, then F2: a double-click on a cell at the grid's right edge can be split by the grid
  // scrolling it into view between the two clicks.
  await gridCell(page, rowId, 'tools').click();
  await page.keyboard.press('F2');
  const input = page.locator('.ag-cell-inline-editing input').first();
  await input.fill(value);
  await page.evaluate(armEdit, { rowId, colId: 'tools', expected: value, timeoutMs: 60_000 });
  await input.press('Enter');
  return page.evaluate(editOutcome);
}

/** 1,000 rows of 工具, 完成标准, 当前进度 pasted on the focused cell (the first row's 工具). */
function pasteOnce(page: Page, anchorId: string, tag: string) {
  const text = Array.from({ length: 1000 }, (_, k) => `工具${tag}-${k}\t标准${tag}-${k}\t${(k * 7) % 101}`);
  return page.evaluate(pasteAndWait, {
    text: text.join('\r\n'),
    rowId: anchorId,
    colId: 'tools',
    expected: `工具${tag}-0`,
    timeoutMs: 120_000,
  });
}

async function inBrowser(seeded: SeededProject, dataDir: string, rowsJson: string, r: SizeResults) {
  const rowsFile = `rows-${r.size}.json`;
  writeFileSync(join(bareDir, rowsFile), rowsJson);
  const app = await startBuiltBridge(dataDir, outCopy);
  // The earlier renderer, served by this main process over the same data.
  const earlier = baselineOut ? await startBuiltBridge(dataDir, baselineOut) : null;
  const rr = emptyRenderer(r.size, !!earlier, BASELINE_CODE);
  rendererResults.push(rr);
  const loadBefore = loadavg()[0]!;
  rr.load = `${loadBefore.toFixed(2)} at start`; // completed at the end, if the size gets there
  try {
    if (PROFILE) return await profileBrowser(seeded, app.url, r.size);
    // (b) First paint: a warm-up of each (the app's also gives the grid's size for the bare
    // page), then app, earlier and bare in turn, a fresh page each time.
    const warm = await firstPaint(app.url, '/api/tasks.list', seeded.projectId);
    const size = `w=${Math.round(warm.width)}&h=${Math.round(warm.height)}`;
    const bareUrl = `http://127.0.0.1:${bareServer!.port}/?rows=${rowsFile}&${size}`;
    await firstPaint(bareUrl, rowsFile);
    if (earlier) await firstPaint(earlier.url, '/api/tasks.list', seeded.projectId);
    const reps = big(r.size) ? 3 : 5;
    for (let i = 0; i < reps; i++) {
      const a = await firstPaint(app.url, '/api/tasks.list', seeded.projectId);
      if (earlier) {
        const e = await firstPaint(earlier.url, '/api/tasks.list', seeded.projectId);
        rr.earlier!.paint.push(e.frame);
        rr.earlier!.js.push(e.js);
      }
      const b = await firstPaint(bareUrl, rowsFile);
      r.paint.app.push(a.frame);
      r.paint.appData.push(a.dataEnd);
      r.paint.appAsked.push(a.dataStart);
      r.paint.bare.push(b.frame);
      r.paint.bareData.push(b.dataEnd);
      r.paint.bareAsked.push(b.dataStart);
      rr.app.paint.push(a.frame);
      rr.app.js.push(a.js);
      rr.bare.paint.push(b.frame);
      rr.bare.js.push(b.js);
    }
    const paint = `app ${median(r.paint.app).toFixed(0)} ms, bare ${median(r.paint.bare).toFixed(0)} ms`;
    log(
      `${r.size}: first paint ${paint}${earlier ? `, earlier ${median(rr.earlier!.paint).toFixed(0)} ms` : ''}`,
    );

    // (i) The JS heap once the table is shown and its calls settled, after a garbage collection.
    for (let i = 0; i < 2; i++) {
      rr.app.heap.push(await heapAfterPaint(app.url, seeded.projectId));
      if (earlier) rr.earlier!.heap.push(await heapAfterPaint(earlier.url, seeded.projectId));
      rr.bare.heap.push(await heapAfterPaint(bareUrl));
    }
    log(
      `${r.size}: heap app ${(median(rr.app.heap) / 2 ** 20).toFixed(1)} MB, bare ${(median(rr.bare.heap) / 2 ** 20).toFixed(1)} MB`,
    );

    // (c) and (d) in one page on Table 2, this code then the earlier one; then the same edits
    // in the bare page's grid (AG Grid's own editing: the floor of the value on screen).
    await editAndPaste(app, seeded, r, rr.app, 'U', 'V');
    if (earlier) await editAndPaste(earlier, seeded, null, rr.earlier!, 'E', 'W');
    await bareEdits(bareUrl, seeded, rr.bare);
  } finally {
    rr.load = `${loadBefore.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`;
    await app.stop();
    await earlier?.stop();
    rmSync(join(bareDir, rowsFile), { force: true });
  }
}

/**
 * The edits of editAndPaste in the bare page's grid: focus, F2, type, Enter in AG Grid's own text
 * editor, timed from Enter to the frame that shows the value (nothing is saved: no store, no call).
 */
async function bareEdits(url: string, seeded: SeededProject, bare: RendererResults['bare']) {
  const page = await freshPage();
  try {
    await page.goto(url);
    await page.waitForFunction(painted, undefined, { timeout: 180_000, polling: 200 });
    const editCount = big(seeded.taskIds.length) ? 12 : 30;
    for (let i = -2; i < editCount; i++) {
      await editOnce(page, seeded.taskIds[1 + ((i + 2) % 12)]!, `工具B${i + 2}`);
      // Nothing to wait for after Enter here: the frame that shows the value is read once it came.
      const shown = await page.waitForFunction(editShown, undefined, { timeout: 60_000 });
      const { ms, frames } = (await shown.jsonValue()) as { ms: number; frames: number };
      if (i < 0) continue; // warm-up
      bare.shownMs.push(ms);
      bare.shownFrames.push(frames);
    }
    log(`${seeded.taskIds.length} bare: edit value shown ${median(bare.shownMs).toFixed(1)} ms`);
  } finally {
    await page.close();
  }
}

/** The renderer's JS heap (CDP Runtime.getHeapUsage, after a GC) once the first row is shown and the calls settled. */
async function heapAfterPaint(url: string, projectId?: string): Promise<number> {
  const page = await freshPage();
  try {
    const quiet = inFlight(page);
    if (projectId) await page.addInitScript(rememberProject, projectId);
    await page.goto(url);
    await page.waitForFunction(painted, undefined, { timeout: 180_000, polling: 200 });
    await quiet();
    // Every row in (the app's Table 2 is busy while only its first rows are here).
    await page.locator('[data-testid="task-grid"]:not([aria-busy="true"])').waitFor({ timeout: 180_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return usedSize;
  } finally {
    await page.close();
  }
}

/**
 * Edits through the cell editor, the same call by fetch (the floor), and 1,000-row pastes, in one
 * page on Table 2 of `bridge`'s renderer; `r` (this code only) gets the figures of the main table.
 */
async function editAndPaste(
  bridge: { url: string; token: string },
  seeded: SeededProject,
  r: SizeResults | null,
  v: VariantFigures,
  editTag: string,
  pasteTag: string,
) {
  const size = seeded.taskIds.length;
  const { page, quiet } = await openTable(bridge.url, seeded.projectId);
  try {
    const editCount = big(size) ? 12 : 30;
    for (let i = -2; i < editCount; i++) {
      const outcome = await editOnce(page, seeded.taskIds[1 + ((i + 2) % 12)]!, `工具${editTag}${i + 2}`);
      await quiet();
      if (i < 0) continue; // warm-up
      v.editTotal.push(outcome.total);
      if (outcome.shownMs !== null) v.shownMs.push(outcome.shownMs);
      if (outcome.shownFrames !== null) v.shownFrames.push(outcome.shownFrames);
      r?.editUi.total.push(outcome.total);
      if (outcome.http !== null) r?.editUi.http.push(outcome.http);
    }
    if (r) {
      // The same call without the renderer: fetch from the page, one after another.
      const fetchIds = seeded.taskIds.slice(5_000 % size).slice(0, 43);
      const fetched = await page.evaluate(fetchEdits, { token: bridge.token, ids: fetchIds, tag: 'fetch' });
      r.editUi.fetch = fetched.slice(3);
    }
    log(
      `${size} ${editTag}: edit whole p50 ${median(v.editTotal).toFixed(1)} ms, optimistic shown ${median(v.shownMs).toFixed(1)} ms (frame ${median(v.shownFrames)})`,
    );

    await gridCell(page, seeded.taskIds[0]!, 'tools').click();
    const pasteReps = big(size) ? 3 : 5;
    for (let i = -1; i < pasteReps; i++) {
      const outcome = await pasteOnce(page, seeded.taskIds[0]!, `${pasteTag}${i + 1}`);
      await quiet();
      if (i < 0) continue; // warm-up
      v.pasteTotal.push(outcome.total);
      r?.pasteUi.total.push(outcome.total);
      if (outcome.paste !== null) r?.pasteUi.paste.push(outcome.paste);
      if (outcome.list !== null) r?.pasteUi.list.push(outcome.list);
    }
    log(`${size} ${editTag}: paste whole ${median(v.pasteTotal).toFixed(0)} ms`);
  } catch (e) {
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, `failure-${size}-${editTag}.png`) }).catch(() => {});
    throw e;
  } finally {
    await page.close();
  }
}

/** BENCH_PROFILE=1: CPU profiles of one first paint, one edit and one paste (after a warm-up each). */
async function profileBrowser(seeded: SeededProject, url: string, size: number) {
  mkdirSync(OUT, { recursive: true });
  const report = async (name: string, work: (page: Page) => Promise<unknown>, page: Page) => {
    const cdp = await startProfile(page);
    const outcome = await work(page);
    const summary = await stopProfile(
      cdp,
      join(OUT, `${name}-${size}.cpuprofile`),
      join(outCopy, 'renderer'),
    );
    log(`profile of ${name} at ${size} (${JSON.stringify(outcome)}):\n${summary}`);
  };
  const first = await freshPage();
  try {
    await first.addInitScript(rememberProject, seeded.projectId);
    await report(
      'first-paint',
      async (page) => {
        await page.goto(url, { waitUntil: 'commit' });
        await page.waitForFunction(painted, undefined, { timeout: 180_000, polling: 200 });
        return page.evaluate(firstPaintDetails, '/api/tasks.list');
      },
      first,
    );
  } finally {
    await first.close();
  }
  const { page, quiet } = await openTable(url, seeded.projectId);
  try {
    await editOnce(page, seeded.taskIds[1]!, '工具P0');
    await quiet();
    await report('edit', (p) => editOnce(p, seeded.taskIds[2]!, '工具P1'), page);
    await quiet();
    await gridCell(page, seeded.taskIds[0]!, 'tools').click();
    await pasteOnce(page, seeded.taskIds[0]!, 'P0');
    await quiet();
    await report('paste', (p) => pasteOnce(p, seeded.taskIds[0]!, 'P1'), page);
    await quiet();
  } finally {
    await page.close();
  }
}

/** A fresh page (no grid probe) for `work`, closed after it; a screenshot if it fails. */
async function inPage<T>(name: string, work: (page: Page) => Promise<T>): Promise<T> {
  const page = await freshPage(false);
  try {
    return await work(page);
  } catch (e) {
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, `failure-${name}.png`) }).catch(() => {});
    throw e;
  } finally {
    await page.close();
  }
}

/**
 * The 概览 tab in the browser: a warm-up load (it also gives the trend card's size), then fresh
 * loads timed to every chart drawn and settled, the last also redrawing each chart; then the
 * trend pages — the app's chart and bare ECharts with the same 365 points at that size — in turn,
 * each loaded fresh, drawn once (code cold) and twice again (warm).
 */
async function trackingInBrowser(seeded: SeededProject, dataDir: string, today: string, t: TrackingResults) {
  const { projectId } = seeded;
  const app = await startBuiltBridge(dataDir, outCopy);
  try {
    if (PROFILE) {
      await inPage('overview', async (page) => {
        const cdp = await startProfile(page);
        const outcome = await dashboardOnce(page, app.url, projectId, { redraw: false, again: false });
        const summary = await stopProfile(cdp, join(OUT, 'overview.cpuprofile'), join(outCopy, 'renderer'));
        log(`profile of the 概览 first view (${Math.round(outcome.frame)} ms to drawn):\n${summary}`);
      });
    } else {
      const warm = await inPage('overview', (page) =>
        dashboardOnce(page, app.url, projectId, { redraw: false, again: false }),
      );
      t.page.trendSize = warm.trend;
      const reps = 5;
      for (let i = 0; i < reps; i++) {
        const x = await inPage('overview', (page) =>
          dashboardOnce(page, app.url, projectId, { redraw: i === reps - 1, again: true }),
        );
        t.page.frame.push(x.frame);
        t.page.settled.push(x.settled);
        t.page.again.push(x.again);
        if (x.calls['tasks.list']) t.page.tasksList.push(x.calls['tasks.list']);
        if (x.calls['chunk:OverviewTab']) t.page.overviewCode.push(x.calls['chunk:OverviewTab']);
        const answered = x.calls['dashboard.get'];
        if (answered) {
          t.page.dashboardGet.push(answered);
          t.page.afterData.push(x.frame - answered[1]);
        }
        if (x.redraw) {
          t.page.redraw = x.redraw;
          log(
            `tracking: the last load fetched ${x.waterfall.join(', ')}; drawn at ${Math.round(x.frame)} ms`,
          );
        }
      }
      const [drawn, settled] = [median(t.page.frame), median(t.page.settled)];
      log(`tracking: 概览 all charts drawn ${drawn.toFixed(0)} ms, settled ${settled.toFixed(0)} ms`);
    }
  } finally {
    await app.stop();
  }

  const size = t.page.trendSize.width ? t.page.trendSize : { width: 544, height: 320 };
  const query = `?days=${t.trend.days}&w=${Math.round(size.width)}&h=${Math.round(size.height)}&today=${today}`;
  const base = `http://127.0.0.1:${trendServer!.port}`;
  const [appUrl, bareUrl] = [`${base}/index.html${query}`, `${base}/bare.html${query}`];
  const trend = (url: string, again: number) => inPage('trend', (page) => trendOnce(page, url, again));
  await trend(appUrl, 2); // warm-up of each
  await trend(bareUrl, 2);
  if (PROFILE) {
    for (const [name, url] of [
      ['app', appUrl],
      ['bare', bareUrl],
    ] as const)
      await inPage('trend', async (page) => {
        const cdp = await startProfile(page);
        const outcome = await trendOnce(page, url, 0);
        const summary = await stopProfile(cdp, join(OUT, `trend-${name}.cpuprofile`), trendDir);
        log(
          `profile of the trend chart's first render, ${name} (${outcome.first.frame.toFixed(0)} ms):\n${summary}`,
        );
        await trendAgain(page, 'chart-again-warm-up');
        const again = await startProfile(page);
        const warm = await trendAgain(page, 'chart-again-profiled');
        const warmSummary = await stopProfile(again, join(OUT, `trend-${name}-again.cpuprofile`), trendDir);
        log(`profile of the trend chart drawn again, ${name} (${warm.frame.toFixed(0)} ms):\n${warmSummary}`);
      });
    return;
  }
  const tr = t.trend;
  for (let i = 0; i < 7; i++) {
    const a = await trend(appUrl, 2);
    const b = await trend(bareUrl, 2);
    tr.app.push(a.first.frame);
    tr.appSettled.push(a.first.settled);
    tr.option.push(a.first.measures['trend-option'] ?? Number.NaN);
    tr.bare.push(b.first.frame);
    tr.bareSettled.push(b.first.settled);
    tr.appWarm.push(...a.warm.map((x) => x.frame));
    tr.optionWarm.push(...a.warm.map((x) => x.measures['trend-option'] ?? Number.NaN));
    tr.bareWarm.push(...b.warm.map((x) => x.frame));
    tr.appWarmWork.push(...a.warm.map((x) => x.charts['chart-trend']!.drawn));
    tr.bareWarmWork.push(...b.warm.map((x) => x.charts['chart-trend']!.drawn));
  }
  log(
    `tracking: trend chart app ${median(tr.app).toFixed(1)} ms (again ${median(tr.appWarm).toFixed(1)}), ` +
      `bare ${median(tr.bare).toFixed(1)} ms (again ${median(tr.bareWarm).toFixed(1)})`,
  );
}

// ---------------------------------------------------------------------------------------------

const results: SizeResults[] = [];
let tracking: TrackingResults | undefined;
const loadAtStart = loadavg();
const startedAt = performance.now();

function machine(sqlite: string): Machine {
  const chromium = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim().split(' built')[0];
  const disk = spawnSync('stat', ['-f', '-c', '%T', tmpdir()], { encoding: 'utf8' }).stdout.trim();
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string })
      .version;
  const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  return {
    date: new Date().toISOString().slice(0, 10),
    cpus: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'})`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB RAM`,
    node: process.version,
    chromium: chromium || 'chromium ?',
    sqlite,
    agGrid: version('ag-grid-community'),
    echarts: version('echarts'),
    disk: `${disk || '?'} (${tmpdir()})`,
    load: `${fmt(loadAtStart)} at start, ${fmt(loadavg())} at end (1/5/15 min)`,
    code: codeState(),
  };
}
let sqliteVersion = '?';

/**
 * The machine is shared (two cores): wait a little for other work to calm down (1-minute load
 * average under the number of cores) so that the figures are less disturbed; BENCH_QUIET_WAIT
 * seconds at most (90 by default, 0 to skip).
 */
async function quietMachine(): Promise<void> {
  const limit = Number(process.env.BENCH_QUIET_WAIT ?? 90) * 1000;
  const start = performance.now();
  if (loadavg()[0]! >= cpus().length && limit > 0)
    log(`load average ${loadavg()[0]!.toFixed(2)}: waiting up to ${limit / 1000} s for it to drop`);
  while (loadavg()[0]! >= cpus().length && performance.now() - start < limit)
    await new Promise((r) => setTimeout(r, 5_000));
  loadAtStart.splice(0, 3, ...loadavg());
}

/** Size of a built page's JavaScript (assets/*.js), in kB. */
function scriptKb(dir: string): number {
  const assets = join(dir, 'assets');
  const files = existsSync(assets) ? readdirSync(assets).filter((f) => f.endsWith('.js')) : [];
  return Math.round(files.reduce((sum, f) => sum + statSync(join(assets, f)).size, 0) / 1024);
}

/** The commit, and how many files differ from it (others may be editing the tree). */
function codeState(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const changed = git('status', '--porcelain', '--', 'src-main', 'src-renderer').split('\n').filter(Boolean);
  return `${git('rev-parse', '--short', 'HEAD') || '?'}${changed.length ? ` + ${changed.length} changed files in src-main/src-renderer` : ''}`;
}

describe.sequential('Table 2 performance', () => {
  beforeAll(async () => {
    await quietMachine();
    if (!PARTS.has('tables') && !PARTS.has('tracking')) return; // in process only: no build, no browser
    outCopy = await snapshotBuild();
    if (PROFILE) await buildReadableRenderer(ROOT, join(outCopy, 'renderer'));
    if (BASELINE) {
      baselineOut = tempDir('ct-bench-earlier-');
      cpSync(join(outCopy, 'main'), join(baselineOut, 'main'), { recursive: true });
      cpSync(join(BASELINE, 'renderer'), join(baselineOut, 'renderer'), { recursive: true });
      log(`earlier renderer (${BASELINE_CODE}): ${scriptKb(join(baselineOut, 'renderer'))} kB of JavaScript`);
    }
    if (PARTS.has('tables')) {
      bareDir = tempDir('ct-bench-bare-');
      await buildBenchPage('bare-grid', bareDir);
      bareServer = await startBridge({
        router: createFailedRouter({ code: 'internal' }),
        rendererDir: bareDir,
        port: 0,
      });
      log(`bare page served at http://127.0.0.1:${bareServer.port}/`);
      log(`JavaScript: app ${scriptKb(join(outCopy, 'renderer'))} kB, bare page ${scriptKb(bareDir)} kB`);
    }
    if (PARTS.has('tracking')) {
      trendDir = tempDir('ct-bench-trend-');
      await buildBenchPage('trend-page', trendDir, ['index.html', 'bare.html']);
      trendServer = await startBridge({
        router: createFailedRouter({ code: 'internal' }),
        rendererDir: trendDir,
        port: 0,
      });
      log(`trend pages served at http://127.0.0.1:${trendServer.port}/ (index.html app, bare.html bare)`);
    }
    browser = await launchBrowser({ locale: 'zh-CN' });
    log(`built app copied to ${outCopy}`);
  });

  afterAll(async () => {
    try {
      if (tracking && !tracking.tasks) tracking = undefined; // failed before its figures
      if (results.length || tracking) {
        const m = machine(sqliteVersion);
        mkdirSync(OUT, { recursive: true });
        if (PROFILE) log(`profiles in ${OUT} (a profiled run's timings are not benchmark figures)`);
        else {
          console.log(`\n${textTable(results, m, tracking)}\n`);
          writeFileSync(
            join(OUT, 'results.json'),
            JSON.stringify({ machine: m, results, tracking }, null, 2),
          );
          writeFileSync(join(OUT, 'results.md'), markdownTable(results, m, tracking));
        }
        if (PROFILE) log('BENCHMARKS.md left alone');
        else if (WRITE_BENCHMARKS && results.length === DEFAULT_SIZES.length && tracking?.trend.app.length) {
          writeBenchmarks(join(ROOT, 'BENCHMARKS.md'), markdownTable(results, m, tracking));
          log('BENCHMARKS.md updated');
        } else log(`figures in ${OUT} (BENCHMARKS.md left alone)`);
        if (rendererResults.length && !PROFILE) {
          console.log(`\nTable 2's renderer\n${rendererText(rendererResults)}\n`);
          const block = rendererMarkdown(rendererResults, m.date);
          writeFileSync(join(OUT, 'renderer.md'), block);
          if (!process.env.BENCH_SIZES && rendererResults.length === DEFAULT_SIZES.length) {
            writeRendererBlock(join(ROOT, 'BENCHMARKS.md'), block);
            log("BENCHMARKS.md: Table 2's renderer block updated");
          }
        }
        if (problems.length) log(`page problems:\n  ${[...new Set(problems)].slice(0, 20).join('\n  ')}`);
        log(`whole run ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
      }
    } finally {
      await browser?.close();
      await bareServer?.close();
      await trendServer?.close();
      for (const dir of temps) rmSync(dir, { recursive: true, force: true });
    }
  });

  // BENCH_PARTS=db: the main process's part of (a), (c) and (d) only, in process (no build, no
  // browser, ~1 min): each figure next to its floor from the same run, for comparing code changes.
  for (const size of PARTS.has('db') && !PARTS.has('tables') ? SIZES : []) {
    it(`${size.toLocaleString('en-US')} tasks, main process only`, () => {
      const r = emptyResults(size);
      const dataDir = tempDir(`ct-bench-db-${size}-`);
      const db = openDatabase({ file: join(dataDir, DATABASE_FILE) });
      try {
        const seeded = seedProject(db, size);
        const aside = openAside(dataDir, size);
        const router = createRouter(db, { version: 'bench', logError: (m, e) => console.error(m, e) });
        try {
          inProcess(db, router, seeded, r, aside);
        } finally {
          aside.db.close();
        }
        const x = (a: number, b: number) => `${(a / b).toFixed(2)} ×`;
        log(
          `${size} at load ${loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')}:\n` +
            `  load: router ${ms(median(r.load.router))}, floor ${ms(median(r.load.sql))} → ${x(median(r.load.router), median(r.load.sql))}; ` +
            `JSON.stringify ${ms(median(r.load.json))}, ${(r.load.jsonBytes / 1e6).toFixed(1)} MB\n` +
            `  edit db: router p50 ${ms(median(r.editDb.router))} p95 ${ms(p95(r.editDb.router))}; service p50 ${ms(median(r.editDb.service))}; ` +
            `floor p50 ${ms(median(r.editDb.floor))} p95 ${ms(p95(r.editDb.floor))}\n` +
            `  paste db: router ${ms(median(r.pasteDb.router))}, service ${ms(median(r.pasteDb.service))}, ` +
            `floor ${ms(median(r.pasteDb.floor))} → ${x(median(r.pasteDb.router), median(r.pasteDb.floor))}`,
        );
        mkdirSync(OUT, { recursive: true });
        writeFileSync(join(OUT, `db-${size}.json`), JSON.stringify(r));
      } finally {
        db.close();
      }
    });
  }

  for (const size of PARTS.has('tables') ? SIZES : []) {
    it(`${size.toLocaleString('en-US')} tasks`, async () => {
      const r = emptyResults(size);
      results.push(r);
      const dataDir = tempDir(`ct-bench-${size}-`);
      const db = openDatabase({ file: join(dataDir, DATABASE_FILE) });
      let rowsJson: string;
      let seeded: SeededProject;
      try {
        sqliteVersion = db.prepare('SELECT sqlite_version()').pluck().get() as string;
        seeded = seedProject(db, size);
        r.seedMs = seeded.seedMs;
        r.links = seeded.links;
        log(
          `${size}: seeded in ${seeded.seedMs.toFixed(0)} ms (${statSync(join(dataDir, DATABASE_FILE)).size} bytes)`,
        );
        const router = createRouter(db, {
          version: 'bench',
          logError: (message, error) => console.error(message, error),
        });
        const aside = openAside(dataDir, size);
        try {
          rowsJson = inProcess(db, router, seeded, r, aside);
        } finally {
          aside.db.close();
        }
        if (PROFILE) {
          const findings = analyse(db, router, seeded.projectId, seeded.taskIds, size);
          const lines = findings.map(
            (f) => `  ${ms(f.ms).padStart(10)}${f.p95 === undefined ? '' : ` (p95 ${ms(f.p95)})`}  ${f.what}`,
          );
          log(`where the time goes at ${size} (medians):\n${lines.join('\n')}`);
        }
      } finally {
        db.close();
      }
      await inBrowser(seeded, dataDir, rowsJson, r);
      rmSync(dataDir, { recursive: true, force: true });
    });
  }
  it.runIf(PARTS.has('tracking'))(
    `tracking and charts: ${TRACKING_TASKS.toLocaleString('en-US')} tasks, 50 metrics × 52 weeks`,
    async () => {
      const t = emptyTracking();
      tracking = t;
      const dataDir = tempDir('ct-bench-tracking-');
      const db = openDatabase({ file: join(dataDir, DATABASE_FILE) });
      const today = todayIso();
      let seeded: SeededProject;
      try {
        sqliteVersion = db.prepare('SELECT sqlite_version()').pluck().get() as string;
        seeded = seedProject(db, TRACKING_TASKS);
        const s = seedTracking(db, seeded, today);
        t.tasks = TRACKING_TASKS;
        t.seed = { ...s, ms: s.seedMs };
        log(
          `tracking: seeded ${s.metrics} metrics, ${s.actuals} values, ${s.spend} spend, ${s.checkins} check-ins, ` +
            `${s.periods} periods in ${s.seedMs.toFixed(0)} ms (after ${seeded.seedMs.toFixed(0)} ms of tasks)`,
        );
        const router = createRouter(db, {
          version: 'bench',
          logError: (message, error) => console.error(message, error),
        });
        dashboardInProcess(db, router, { projectId: seeded.projectId, today }, t);
        log(
          `tracking: dashboard.get ${median(t.dashboard.router).toFixed(1)} ms (SQL ${median(t.dashboard.sql).toFixed(1)} ms, ` +
            `JS ${median(t.dashboard.js).toFixed(1)} ms)`,
        );
        if (PROFILE)
          log(
            `where dashboard.get's time goes (in process):\n${await profileDashboard(db, seeded.projectId, today)}`,
          );
      } finally {
        db.close();
      }
      await trackingInBrowser(seeded, dataDir, today, t);
      rmSync(dataDir, { recursive: true, force: true });
    },
  );
});
