/**
 * `BENCH_PROFILE=1 npm run bench`: where the time goes, in process. The load, a 1,000-row paste
 * and an edit are split into their parts (SQLite, making JS values, zod, JSON, the undo capture)
 * by timing each part on its own. Nothing in src-main is changed: the experiments repeat a
 * service's queries or call its pieces.
 */
import type { Database } from 'better-sqlite3';
import { captureChanges } from '../../src-main/db/capture';
import type { Router } from '../../src-main/router';
import { recordHistory } from '../../src-main/services/history';
import { listTaskRows, pasteTasks, updateTask } from '../../src-main/services/tasks';
import type { PasteRow } from '../../src-main/shared/contract';
import { contract } from '../../src-main/shared/contract';
import type { TaskPatch } from '../../src-main/shared/domain';
import { median, p95, sample, timed } from './stats';

/**
 * What listTasks reads, as plain statements: the project's task rows (every column, so this
 * follows the schema as it grows) in table order, and the project's predecessor links.
 */
export const LIST_SQL = 'SELECT t.* FROM tasks t WHERE t.project_id = ? ORDER BY t.position, t.id';
export const LINKS_SQL = `SELECT l.successor_id AS s, l.predecessor_id AS p FROM task_links l
  JOIN tasks t ON t.id = l.successor_id WHERE t.project_id = ?`;

/** A router answer that must be a success (an experiment that broke something must not count). */
function ok(result: { ok: boolean; error?: unknown }): void {
  if (!result.ok) throw new Error(`router refused: ${JSON.stringify(result.error)}`);
}

export interface Finding {
  what: string;
  ms: number;
  p95?: number;
}

export function analyse(
  db: Database,
  router: Router,
  projectId: string,
  taskIds: string[],
  size: number,
): Finding[] {
  const reps = size >= 50_000 ? 3 : 7;
  const out: Finding[] = [];
  const add = (what: string, samples: number[], withP95 = false) =>
    out.push({ what, ms: median(samples), ...(withP95 ? { p95: p95(samples) } : {}) });

  // Load: where the time of reading every row goes.
  const list = db.prepare(LIST_SQL);
  const links = db.prepare(LINKS_SQL);
  const count = db.prepare(
    'SELECT count(*), sum(length(name) + length(deliverable) + length(notes)) FROM tasks WHERE project_id = ?',
  );
  add(
    'load: listTaskRows (service)',
    sample(reps, () => listTaskRows(db, { projectId })),
  );
  add(
    "load: router 'tasks.list'",
    sample(reps, () => ok(router.invoke('tasks.list', { projectId }))),
  );
  add(
    'load: SQLite walking the same rows without handing them to JS',
    sample(reps, () => count.get(projectId)),
  );
  add(
    'load: the rows as objects (SELECT .all())',
    sample(reps, () => list.all(projectId)),
  );
  add(
    'load: the rows as arrays (SELECT .raw().all())',
    sample(reps, () => list.raw(true).all(projectId)),
  );
  list.raw(false);
  add(
    "load: the project's links",
    sample(reps, () => links.all(projectId)),
  );
  const listed = listTaskRows(db, { projectId });
  add(
    'load: the contract check of the answer (its first 200 rows decoded and checked)',
    sample(reps, () => contract['tasks.list'].output.safeParse(listed)),
  );
  add(
    'load: JSON.stringify of the answer, rows as arrays (bridge)',
    sample(reps, () => JSON.stringify({ ok: true, value: listed })),
  );

  // Paste of 1,000 rows: the router's parts.
  const first = Math.min(3_000, taskIds.length - 1000);
  let k = 0;
  const rows = (): PasteRow[] => {
    const tag = `a${k++}`;
    return taskIds.slice(first, first + 1000).map((id, i) => ({
      ref: i + 1,
      id,
      values: { tools: `工具${tag}-${i}`, criteria: `标准${tag}-${i}`, progress: (i * 3 + k) % 101 },
    }));
  };
  add(
    "paste: router 'tasks.paste'",
    sample(reps, () => ok(router.invoke('tasks.paste', { projectId, rows: rows() }))),
  );
  add(
    'paste: zod input check',
    sample(reps, () => contract['tasks.paste'].input.safeParse({ projectId, rows: rows() })),
  );
  add(
    'paste: service pasteTasks',
    sample(reps, () => pasteTasks(db, { projectId, rows: rows() })),
  );
  const capture: number[] = [];
  const history: number[] = [];
  for (let i = 0; i < reps; i++)
    db.transaction(() => {
      const c = timed(() => captureChanges(db, () => pasteTasks(db, { projectId, rows: rows() })));
      capture.push(c.ms);
      history.push(timed(() => recordHistory(db, 'tasks.paste', c.value.changes)).ms);
    })();
  add('paste: pasteTasks inside captureChanges (triggers, JSON images)', capture);
  add('paste: recordHistory (JSON of 1,000 before/after rows, INSERT)', history);
  const answer = pasteTasks(db, { projectId, rows: rows() });
  add(
    'paste: zod output check of its answer',
    sample(reps, () => contract['tasks.paste'].output.safeParse(answer)),
  );

  // Edit: the parts of one edit.
  const edit = (i: number): { id: string; patch: TaskPatch } => ({
    id: taskIds[(((i * 7919 + 5) % taskIds.length) + taskIds.length) % taskIds.length]!,
    patch: { tools: `工具e${k}-${i}` },
  });
  k++;
  add(
    "edit: router 'tasks.update'",
    sample(200, (i) => ok(router.invoke('tasks.update', edit(i))), 10),
    true,
  );
  add(
    'edit: service updateTask',
    sample(200, (i) => updateTask(db, edit(i + 300)), 10),
    true,
  );
  const stamp = () => new Date().toISOString();
  const bare = db.prepare('UPDATE tasks SET tools = ?, updated_at = ? WHERE id = ?');
  add(
    'edit: one UPDATE in its own transaction (the durable commit)',
    sample(200, (i) => db.transaction(() => bare.run(`工具b${i}`, stamp(), edit(i).id))(), 10),
    true,
  );
  return out;
}
