/**
 * The soak: a child process (writer.ts) performs the app's real writes through its router and
 * is killed with SIGKILL at a random moment, again and again. After each kill the data folder is
 * checked as the app would find it on the next start:
 *   - PRAGMA integrity_check is ok;
 *   - every write acknowledged before the kill is there (the goal at least as new as the last
 *     acknowledged edit; every acknowledged paste, import and merge with all its rows);
 *   - every multi-row write is all or nothing (0 or all of its rows), acknowledged or not;
 *   - every backup in the folder passes the restore's verification (checksum, schema, pages).
 * A restore takes the data back to its backup: the expectations go back with it (and a kill
 * during a restore may leave either state). A fresh data folder is started every
 * `cyclesPerFolder` cycles so the database stays the size of a real project.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BACKUPS_DIR, verifyBackupFile } from '../../src-main/backups/backups';
import { DATABASE_FILE } from '../../src-main/backend';

const ROOT = resolve(__dirname, '../..');
const BUNDLE = join(ROOT, 'out', 'soak', 'writer.cjs');
const ROWS = { paste: 1000, import: 200, merge: 50 } as const;
type MultiRow = keyof typeof ROWS;

export interface SoakFigures {
  cycles: number;
  acknowledgedWrites: number;
  acknowledgedRows: number;
  killsDuringStartup: number;
  restoresAcknowledged: number;
  backupsVerified: number;
  losses: number;
  problems: string[];
  seconds: number;
}

interface Expectation {
  goalMin: number;
  acked: Record<MultiRow, Set<number>>;
}

const clone = (e: Expectation): Expectation => ({
  goalMin: e.goalMin,
  acked: { paste: new Set(e.acked.paste), import: new Set(e.acked.import), merge: new Set(e.acked.merge) },
});

/** Bundles writer.ts once (better-sqlite3 and the other packages stay outside, found in node_modules). */
async function bundleWriter(): Promise<string> {
  const { build } = (await import('rolldown')) as typeof import('rolldown');
  mkdirSync(join(ROOT, 'out', 'soak'), { recursive: true });
  await build({
    input: join(ROOT, 'test', 'soak', 'writer.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.includes('src-main'),
    output: { file: BUNDLE, format: 'cjs' },
    logLevel: 'silent',
  });
  return BUNDLE;
}

interface ChildRun {
  lines: Record<string, unknown>[];
  ready: boolean;
}

function runChild(args: string[], killAfterMs: number | null, killBeforeReady: boolean): Promise<ChildRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Record<string, unknown>[] = [];
    let buffer = '';
    let ready = false;
    let stderr = '';
    const kill = () => child.kill('SIGKILL');
    if (killAfterMs !== null && killBeforeReady) setTimeout(kill, killAfterMs);
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        if (!line) continue;
        const parsed = JSON.parse(line) as Record<string, unknown>;
        lines.push(parsed);
        if (parsed.t === 'ready' && !ready) {
          ready = true;
          if (killAfterMs !== null && !killBeforeReady) setTimeout(kill, killAfterMs);
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const error = lines.find((l) => l.t === 'error');
      if (error) return reject(new Error(String(error.message)));
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`writer exited ${code}: ${stderr}`));
      resolveRun({ lines, ready });
    });
  });
}

/** What is wrong with the data folder against one expectation (empty: nothing). */
function problemsAgainst(
  db: Database.Database,
  expect: Expectation,
  sent: Record<MultiRow, Set<number>>,
): string[] {
  const problems: string[] = [];
  const goal = db.prepare("SELECT goal FROM projects WHERE name = '耐久测试'").pluck().get() as
    string | undefined;
  const goalN = Number(/^edit-(\d+)$/.exec(goal ?? '')?.[1] ?? -1);
  if (goalN < expect.goalMin) problems.push(`goal ${goal} older than acknowledged edit-${expect.goalMin}`);
  const count = db.prepare('SELECT count(*) FROM tasks WHERE name >= ? AND name < ?').pluck();
  for (const op of Object.keys(ROWS) as MultiRow[]) {
    for (const n of sent[op]) {
      const found = count.get(`${op}-${n}-`, `${op}-${n}.`) as number;
      if (found !== 0 && found !== ROWS[op])
        problems.push(`${op} ${n}: ${found} of ${ROWS[op]} rows (not all or nothing)`);
      if (expect.acked[op].has(n) && found !== ROWS[op])
        problems.push(`${op} ${n} acknowledged but ${found} rows`);
    }
  }
  return problems;
}

export async function runSoak(options: {
  cycles: number;
  cyclesPerFolder?: number;
  seed?: number;
  log?: (line: string) => void;
}): Promise<SoakFigures> {
  const started = Date.now();
  await bundleWriter();
  const perFolder = options.cyclesPerFolder ?? 50;
  let rng = (options.seed ?? 20261203) >>> 0;
  const random = () => {
    rng = (rng + 0x6d2b79f5) >>> 0;
    let t = rng;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const figures: SoakFigures = {
    cycles: 0,
    acknowledgedWrites: 0,
    acknowledgedRows: 0,
    killsDuringStartup: 0,
    restoresAcknowledged: 0,
    backupsVerified: 0,
    losses: 0,
    problems: [],
    seconds: 0,
  };
  let dataDir = '';
  let expect: Expectation = { goalMin: 0, acked: { paste: new Set(), import: new Set(), merge: new Set() } };
  let sent: Record<MultiRow, Set<number>> = { paste: new Set(), import: new Set(), merge: new Set() };
  let snapshots = new Map<string, Expectation>();
  const folders: string[] = [];
  try {
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      if (cycle % perFolder === 0) {
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
        dataDir = mkdtempSync(join(tmpdir(), 'ct-soak-'));
        folders.push(dataDir);
        await runChild(['setup', dataDir], null, false);
        expect = { goalMin: 0, acked: { paste: new Set(), import: new Set(), merge: new Set() } };
        sent = { paste: new Set(), import: new Set(), merge: new Set() };
        snapshots = new Map();
      }
      const startup = random() < 0.1;
      const delay = startup ? Math.floor(random() * 150) : 20 + Math.floor(random() * 400);
      const base = (cycle + 1) * 1_000_000;
      const run = await runChild(
        ['run', dataDir, String(base), String(Math.floor(random() * 2 ** 31))],
        delay,
        startup,
      );
      if (!run.ready) figures.killsDuringStartup++;
      // What the child began and what it acknowledged, in order.
      let pendingRestore: Expectation | null = null;
      for (const line of run.lines) {
        const op = line.op as string | undefined;
        const n = line.n as number;
        if (line.t === 'begin') {
          if (op === 'paste' || op === 'import' || op === 'merge') sent[op].add(n);
          pendingRestore = op === 'restore' ? (snapshots.get(line.name as string) ?? null) : null;
        } else if (line.t === 'ack') {
          figures.acknowledgedWrites++;
          pendingRestore = null;
          if (op === 'edit') expect.goalMin = n;
          else if (op === 'paste' || op === 'import' || op === 'merge') {
            expect.acked[op].add(n);
            figures.acknowledgedRows += ROWS[op];
          } else if (op === 'backup') snapshots.set(line.name as string, clone(expect));
          else if (op === 'restore') {
            figures.restoresAcknowledged++;
            const back = snapshots.get(line.name as string);
            if (!back) throw new Error(`restore of an unknown backup ${String(line.name)}`);
            expect = clone(back);
          }
        }
      }
      figures.cycles++;

      // The data folder as the next start finds it.
      const db = new Database(join(dataDir, DATABASE_FILE));
      try {
        const integrity = db.pragma('integrity_check', { simple: true });
        const problems: string[] = [];
        if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
        const now = problemsAgainst(db, expect, sent);
        // A kill during a restore may leave the data before or after it.
        const alternative = pendingRestore ? problemsAgainst(db, pendingRestore, sent) : null;
        if (now.length > 0 && (alternative === null || alternative.length > 0)) problems.push(...now);
        else if (now.length > 0 && pendingRestore) expect = clone(pendingRestore);
        const backupsDir = join(dataDir, BACKUPS_DIR);
        for (const name of existsSync(backupsDir) ? readdirSync(backupsDir) : []) {
          if (!name.endsWith('.sqlite') || name.startsWith('.')) continue;
          try {
            verifyBackupFile(join(backupsDir, name));
            figures.backupsVerified++;
          } catch (e) {
            problems.push(`backup ${name}: ${String(e)}`);
          }
        }
        if (problems.length > 0) {
          figures.losses += problems.length;
          figures.problems.push(...problems.map((p) => `cycle ${cycle}: ${p}`));
        }
      } finally {
        db.close();
      }
      if ((cycle + 1) % 25 === 0)
        options.log?.(
          `${cycle + 1} cycles, ${figures.acknowledgedWrites} acknowledged writes, losses ${figures.losses}`,
        );
    }
  } finally {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  }
  figures.seconds = Math.round((Date.now() - started) / 1000);
  return figures;
}
