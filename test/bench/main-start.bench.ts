/**
 * Main process start → first query answered, in Node on the built main bundle (the Electron part
 * cannot run here). Each sample is a fresh `node` process that loads the chunk of out/main holding
 * `openBackend` (what main.ts and the bridge call), opens the app database of a data folder that
 * already holds a 10,000-task plan, and answers `projects.list` through the router; the child
 * reports its own clock (`performance.now()`, 0 at process start) after each step. Next to it,
 * the floor: a fresh `node` that loads better-sqlite3 alone, opens the same file and reads one
 * row; and a bare `node` that does nothing. Writes its own block of BENCHMARKS.md.
 *
 * BENCH_BASELINE: a built out/ folder of earlier code; its main bundle is started in the same
 * run, alternating with this one, and printed beside it (BENCH_BASELINE_CODE names it).
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/backend';
import { openDatabase } from '../../src-main/db/open';
import { ROOT } from '../helpers/bridge';
import { seedProject } from './seed';
import { median, ms } from './stats';

const REPS = Number(process.env.BENCH_START_REPS ?? 11);
const BASELINE = process.env.BENCH_BASELINE ?? '';
const BASELINE_CODE = process.env.BENCH_BASELINE_CODE ?? 'an earlier build';
const BEGIN = '<!-- bench:main-start:begin (written by `npm run bench`) -->';
const END = '<!-- bench:main-start:end -->';
const dirs: string[] = [];
const dir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
const log = (...args: unknown[]) => console.log('[main-start bench]', ...args);

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** out/main copied aside (a rebuild cannot pull it away), with our node_modules beside it. */
function mainCopy(out = join(ROOT, 'out')): string {
  if (!existsSync(join(out, 'main', 'bridge.js')))
    spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const copy = dir('ct-bench-main-');
  cpSync(join(out, 'main'), join(copy, 'main'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return join(copy, 'main');
}

/** The chunk of the built bundle that exports openBackend. */
function backendChunk(mainDir: string): string {
  const chunks = join(mainDir, 'chunks');
  const found = readdirSync(chunks).find((f) =>
    readFileSync(join(chunks, f), 'utf8').includes('exports, "openBackend"'),
  );
  if (!found) throw new Error('no chunk of out/main exports openBackend');
  return join(chunks, found);
}

/** Runs `script` in a fresh node and returns the JSON it printed last. */
function child(script: string, cwd: string): Record<string, number> {
  const out = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`child failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
}

describe('main process start', () => {
  const mainDir = mainCopy();
  const chunk = backendChunk(mainDir);
  const dataDir = dir('ct-bench-start-data-');
  const db = openDatabase({ file: join(dataDir, DATABASE_FILE) });
  seedProject(db, 10_000);
  db.close();

  const appScript = (chunk: string, mainDir: string) => `
    const t = () => performance.now();
    const marks = { start: t() };
    const { openBackend } = require(${JSON.stringify(chunk)});
    marks.loaded = t();
    const backend = openBackend({ dataDir: ${JSON.stringify(dataDir)}, version: 'bench', mainDir: ${JSON.stringify(mainDir)}, autoBackups: false });
    marks.opened = t();
    const answer = backend.router.invoke('projects.list', {});
    if (!answer.ok || answer.value.length < 1) throw new Error('projects.list: ' + JSON.stringify(answer));
    marks.answered = t();
    backend.close();
    console.log(JSON.stringify(marks));`;
  const app = appScript(chunk, mainDir);
  const baseDir = BASELINE ? mainCopy(BASELINE) : '';
  const baseline = BASELINE ? appScript(backendChunk(baseDir), baseDir) : '';
  const floor = `
    const t = () => performance.now();
    const marks = { start: t() };
    const Database = require('better-sqlite3');
    marks.loaded = t();
    const db = new Database(${JSON.stringify(join(dataDir, DATABASE_FILE))});
    db.pragma('journal_mode = WAL');
    marks.opened = t();
    if (!db.prepare('SELECT id, name FROM projects LIMIT 1').get()) throw new Error('no project');
    marks.answered = t();
    db.close();
    console.log(JSON.stringify(marks));`;
  const bare = `console.log(JSON.stringify({ start: performance.now(), answered: performance.now() }))`;

  it('fresh node processes: the app bundle, better-sqlite3 alone, bare node', () => {
    const samples: Record<'app' | 'floor' | 'bare' | 'baseline', Record<string, number>[]> = {
      app: [],
      floor: [],
      bare: [],
      baseline: [],
    };
    child(app, mainDir); // warm-up (file cache)
    child(floor, mainDir);
    if (baseline) child(baseline, baseDir);
    for (let i = 0; i < REPS; i++) {
      if (baseline) samples.baseline.push(child(baseline, baseDir));
      samples.app.push(child(app, mainDir));
      samples.floor.push(child(floor, mainDir));
      samples.bare.push(child(bare, mainDir));
    }
    const med = (k: keyof typeof samples, mark: string, from = 'start') =>
      median(samples[k].map((m) => m[mark]! - (from === 'zero' ? 0 : m[from]!)));
    const figures = {
      app: med('app', 'answered', 'zero'),
      appLoad: med('app', 'loaded'),
      appOpen: median(samples.app.map((m) => m.opened! - m.loaded!)),
      appQuery: median(samples.app.map((m) => m.answered! - m.opened!)),
      appBoot: median(samples.app.map((m) => m.start!)),
      floor: med('floor', 'answered', 'zero'),
      floorLoad: med('floor', 'loaded'),
      bare: med('bare', 'answered', 'zero'),
    };
    log(
      `app ${ms(figures.app)} (node ${ms(figures.appBoot)}, load bundle ${ms(figures.appLoad)}, openBackend ${ms(figures.appOpen)}, first query ${ms(figures.appQuery)}); ` +
        `better-sqlite3 alone ${ms(figures.floor)} (require ${ms(figures.floorLoad)}); bare node ${ms(figures.bare)}`,
    );
    if (baseline) {
      const part = (k: 'app' | 'baseline') =>
        `${ms(med(k, 'answered', 'zero'))} (load bundle ${ms(med(k, 'loaded'))}, openBackend ${ms(median(samples[k].map((m) => m.opened! - m.loaded!)))}, first query ${ms(median(samples[k].map((m) => m.answered! - m.opened!)))})`;
      log(`same run, alternating: this code ${part('app')}; ${BASELINE_CODE} ${part('baseline')}`);
    }
    expect(figures.app).toBeGreaterThan(0);
    const rows = [
      ['What', 'Median', 'Floor', 'Ratio', 'Aim'],
      ['---', '---', '---', '---', '---'],
      [
        'Process start → first query answered (`projects.list` through the router), app bundle',
        ms(figures.app),
        `better-sqlite3 alone, open, one SELECT: ${ms(figures.floor)}`,
        `${(figures.app / figures.floor).toFixed(2)} ×`,
        '≤ 150 ms',
      ],
      ['— node itself until the script runs', ms(figures.appBoot), `bare node: ${ms(figures.bare)}`, '', ''],
      [
        '— loading the bundle (require of the chunk and its modules)',
        ms(figures.appLoad),
        `require better-sqlite3: ${ms(figures.floorLoad)}`,
        '',
        '',
      ],
      [
        '— openBackend (open, schema check, demo seed check, capture triggers, router)',
        ms(figures.appOpen),
        '',
        '',
        '',
      ],
      ['— the first query', ms(figures.appQuery), '', '', ''],
    ];
    const block = [
      `Run on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}; Node ${process.version}; a data folder holding a 10,000-task plan; medians of ${REPS} fresh processes each.`,
      '',
      rows.map((r) => `| ${r.join(' | ')} |`).join('\n'),
    ].join('\n');
    console.log(`\n${block}\n`);
    if (process.env.BENCH_START_REPS || process.env.BENCH_PARTS) return; // a quick run leaves the file alone
    const path = join(ROOT, 'BENCHMARKS.md');
    const text = readFileSync(path, 'utf8');
    const a = text.indexOf(BEGIN);
    const b = text.indexOf(END);
    const next =
      a >= 0 && b > a
        ? `${text.slice(0, a)}${BEGIN}\n${block}\n${text.slice(b)}`
        : `${text.trimEnd()}\n\n## Main process start\n\n${BEGIN}\n${block}\n${END}\n`;
    writeFileSync(path, next);
  });
});
