/**
 * The soak's child process: the app's real writes through the app's router over a real data
 * folder (openBackend, as the bridge runs it), until it is killed. Before each write it prints
 * {"t":"begin",…} and once the router has answered ok, {"t":"ack",…}: an acknowledged write is
 * one the app reported as saved. Writes: single edits (the strategy's goal), 1,000-row pastes,
 * spreadsheet imports (200 rows), merges of a colleague's copy (50 new rows each), backups and
 * restores. Bundled and started by test/soak/harness.ts.
 *
 *   node writer.cjs setup <dataDir>            make the project and the colleague's copy
 *   node writer.cjs run <dataDir> <base> <seed> write until killed
 */
import { join } from 'node:path';
import { openBackend } from '../../src-main/backend';
import { openDatabase } from '../../src-main/db/open';
import { insertBundle } from '../../src-main/project-file/insert';
import { readProjectBundle } from '../../src-main/sync/bundle';
import { ownEntry, recordExported } from '../../src-main/sync/claims';
import { applyCopyMerge, planCopyMerge } from '../../src-main/sync/merge-copy';
import { localReplica } from '../../src-main/sync/versions';
import { createRouter } from '../../src-main/router';
import type { Result } from '../../src-main/shared/errors';

export const PASTE_ROWS = 1000;
export const IMPORT_ROWS = 200;
export const MERGE_ROWS = 50;
export const COLLEAGUE_FILE = 'colleague.sqlite';

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

function value<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** A small deterministic PRNG (mulberry32), so a run can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bundleOf(db: ReturnType<typeof openDatabase>, pid: string) {
  const me = localReplica(db);
  recordExported(db, pid, ownEntry(db, pid));
  return readProjectBundle(db, pid, {
    projectId: pid,
    exportedAt: new Date().toISOString(),
    exporterId: me.id,
    exporterName: me.name,
    appVersion: 'soak',
    format: 0,
  });
}

function csv(rows: string[][]): string {
  const text = rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]).toString('base64');
}

async function setup(dataDir: string) {
  const backend = openBackend({ dataDir, version: 'soak', autoBackups: false });
  const router = backend.router;
  const project = value<{ id: string }>(router.invoke('projects.create', { name: '耐久测试' }), 'create');
  const boss = value<{ id: string }>(
    router.invoke('people.create', { projectId: project.id, name: '经理', role: 'overall_owner' }),
    'person',
  );
  value(router.invoke('projects.update', { id: project.id, patch: { goal: 'edit-0' } }), 'goal');
  const colleague = openDatabase({ file: join(dataDir, COLLEAGUE_FILE) });
  insertBundle(colleague, bundleOf(backend.db, project.id));
  colleague.close();
  backend.close();
  say({ t: 'setup', projectId: project.id, ownerId: boss.id });
}

async function run(dataDir: string, base: number, seed: number) {
  const random = prng(seed);
  const backend = openBackend({ dataDir, version: 'soak', autoBackups: false });
  const router = backend.router;
  const colleagueDb = openDatabase({ file: join(dataDir, COLLEAGUE_FILE) });
  const colleague = createRouter(colleagueDb, { version: 'soak' });
  const pid = (
    value<{ id: string; name: string }[]>(router.invoke('projects.list', {}), 'list').find(
      (p) => p.name === '耐久测试',
    ) ?? { id: '' }
  ).id;
  const myBackups: string[] = [];
  say({ t: 'ready' });
  for (let n = base; ; n++) {
    const r = random();
    if (r < 0.4) {
      say({ t: 'begin', op: 'edit', n });
      value(router.invoke('projects.update', { id: pid, patch: { goal: `edit-${n}` } }), 'edit');
      say({ t: 'ack', op: 'edit', n });
    } else if (r < 0.55) {
      say({ t: 'begin', op: 'paste', n });
      const rows = Array.from({ length: PASTE_ROWS }, (_, i) => ({
        ref: i + 1,
        values: { name: `paste-${n}-${i}` },
      }));
      value(router.invoke('tasks.paste', { projectId: pid, rows }), 'paste');
      say({ t: 'ack', op: 'paste', n });
    } else if (r < 0.65) {
      say({ t: 'begin', op: 'import', n });
      const rows = [
        ['任务ID', '任务名称'],
        ...Array.from({ length: IMPORT_ROWS }, (_, i) => ['', `import-${n}-${i}`]),
      ];
      value(
        await router.invokeAsync('sheets.import', {
          projectId: pid,
          table: 'tasks',
          fileName: 'soak.csv',
          base64: csv(rows),
        }),
        'import',
      );
      say({ t: 'ack', op: 'import', n });
    } else if (r < 0.75) {
      // The colleague adds rows in their copy; their copy is merged into this one.
      const rows = Array.from({ length: MERGE_ROWS }, (_, i) => ({
        ref: i + 1,
        values: { name: `merge-${n}-${i}` },
      }));
      value(colleague.invoke('tasks.paste', { projectId: pid, rows }), 'colleague paste');
      say({ t: 'begin', op: 'merge', n });
      const theirs = bundleOf(colleagueDb, pid);
      const plan = planCopyMerge(backend.db, pid, theirs);
      applyCopyMerge(
        backend.db,
        pid,
        plan,
        Object.fromEntries(plan.conflicts.map((c) => [c.id, 'mine' as const])),
      );
      say({ t: 'ack', op: 'merge', n });
    } else if (r < 0.9 || myBackups.length === 0) {
      say({ t: 'begin', op: 'backup', n });
      const entry = value<{ name: string }>(await router.invokeAsync('backups.create', {}), 'backup');
      myBackups.push(entry.name);
      say({ t: 'ack', op: 'backup', n, name: entry.name });
    } else {
      const name = myBackups[Math.floor(random() * myBackups.length)]!;
      const listed = value<{ name: string }[]>(router.invoke('backups.list', {}), 'list').some(
        (e) => e.name === name,
      );
      if (!listed) continue; // rotated away
      say({ t: 'begin', op: 'restore', n, name });
      value(await router.invokeAsync('backups.restore', { name }), 'restore');
      say({ t: 'ack', op: 'restore', n, name });
    }
  }
}

const [mode, dataDir, base, seed] = process.argv.slice(2);
(mode === 'setup' ? setup(dataDir!) : run(dataDir!, Number(base), Number(seed))).catch((e: unknown) => {
  say({ t: 'error', message: String(e instanceof Error ? e.stack : e) });
  process.exit(1);
});
