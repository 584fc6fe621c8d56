/**
 * The progress roll-ups a write's change set must carry (each module's 当前进度 and the
 * project's overall progress in the sidebar), kept up to date from the rows each write changed
 * instead of computed again over every task: at 100,000 tasks the query behind `projects.list`
 * takes about 370 ms and a module's about 70 ms, while the change of one leaf moves one sum.
 *
 * A roll-up is Σ(progress × weight) ÷ Σ weight over leaf tasks (weight: duration in days, see
 * LEAF_TASK_WEIGHT in services/projects.ts). Progress is an integer and weights are whole days,
 * so both sums are whole numbers held exactly in a double, whatever their order: the quotient is
 * the very number the SQL answers (a test compares them).
 *
 * The sums of a project are loaded on first use and then moved by each journaled write. Any write
 * this cache did not see (a service called directly, a rolled-back dry run, another connection)
 * changes SQLite's change counter or data version, and everything is loaded again.
 */
import type { RowChange } from '../db/capture';
import { writeState } from '../db/write-state';
import type { Db } from '../services/common';
import type { TaskRows } from '../shared/task-rows';
import { durationWeight, rememberedDays } from '../shared/task-logic';

interface Sums {
  sum: number;
  weight: number;
}

interface ProjectSums {
  taskCount: number;
  total: Sums;
  /** By module id ('' for tasks of no module). */
  modules: Map<string, Sums>;
}

/** The columns of a task that a roll-up reads, as stored (a captured image has them too). */
interface TaskImage {
  parent_id: string | null;
  module_id: string | null;
  progress: number;
  start_date: string | null;
  end_date: string | null;
}

/** Where a roll-up's columns are in a row of values. */
interface Columns {
  id: number;
  parent: number;
  module: number;
  progress: number;
  start: number;
  end: number;
}
/** In the rows `load` selects. */
const SELECTED: Columns = { id: 0, parent: 1, module: 2, progress: 3, start: 4, end: 5 };

const sameContribution = (a: TaskImage, b: TaskImage) =>
  a.module_id === b.module_id &&
  a.progress === b.progress &&
  a.start_date === b.start_date &&
  a.end_date === b.end_date;

const rolled = (s: Sums | undefined) => (s && s.weight > 0 ? s.sum / s.weight : 0);

export type RollUps = ReturnType<typeof createRollUps>;

export function createRollUps(db: Db) {
  const projects = new Map<string, ProjectSums>();
  /** The connection's state when the sums were last known right (db/write-state.ts). */
  let seen = '';
  const state = () => writeState(db);
  /** Whether anything wrote to the database since the sums were last known right. */
  const moved = (now: string) => now !== seen;
  const childrenOf = db.prepare(
    'SELECT parent_id, count(*) FROM tasks WHERE parent_id IN (SELECT value FROM json_each(?)) GROUP BY parent_id',
  );
  const row = db.prepare(
    'SELECT parent_id, module_id, progress, start_date, end_date FROM tasks WHERE id = ?',
  );

  /**
   * The sums over every task of a project, from rows of values (`at`: where each column is). Run
   * over the whole plan as it is read (100,000 rows), so no object per row, and each distinct
   * date is parsed once.
   */
  function sumsOf(rows: readonly (readonly unknown[])[], at: Columns): ProjectSums {
    const parents = new Set<unknown>();
    for (const r of rows) if (r[at.parent]) parents.add(r[at.parent]);
    const sums: ProjectSums = { taskCount: rows.length, total: { sum: 0, weight: 0 }, modules: new Map() };
    const day = rememberedDays();
    for (const r of rows) {
      if (parents.has(r[at.id])) continue;
      const start = r[at.start] as string | null;
      const end = r[at.end] as string | null;
      const weight = durationWeight({ start, end }, day);
      addWeighted(sums, (r[at.module] as string | null) ?? '', r[at.progress] as number, weight, 1);
    }
    return sums;
  }

  function load(projectId: string): ProjectSums {
    const rows = db
      .prepare(
        'SELECT id, parent_id, module_id, progress, start_date, end_date FROM tasks WHERE project_id = ?',
      )
      .raw(true)
      .all(projectId) as unknown[][];
    const sums = sumsOf(rows, SELECTED);
    projects.set(projectId, sums);
    return sums;
  }

  function add(sums: ProjectSums, task: TaskImage, sign: 1 | -1, day?: (date: string) => number): string {
    const key = task.module_id ?? '';
    addWeighted(
      sums,
      key,
      task.progress,
      durationWeight({ start: task.start_date, end: task.end_date }, day),
      sign,
    );
    return key;
  }

  function addWeighted(sums: ProjectSums, key: string, progress: number, weight: number, sign: 1 | -1) {
    let m = sums.modules.get(key);
    if (!m) sums.modules.set(key, (m = { sum: 0, weight: 0 }));
    m.sum += sign * progress * weight;
    m.weight += sign * weight;
    sums.total.sum += sign * progress * weight;
    sums.total.weight += sign * weight;
  }

  return {
    /** Before a write: forgets everything if the database changed since the last one settled. */
    check(): void {
      if (moved(state())) projects.clear();
    },
    /** After a write (committed or rolled back): what the database looks like now is known. */
    settle(): void {
      seen = state();
    },
    /**
     * Loads the sums from a project's whole task list just read (`tasks.list`): the renderer reads
     * it before any edit, so a big plan's first edit does not read every task again.
     */
    prime(projectId: string, answer: TaskRows): void {
      const now = state();
      if (moved(now)) projects.clear();
      const at = (field: string) => answer.fields.indexOf(field);
      const columns = {
        id: at('id'),
        parent: at('parentId'),
        module: at('moduleId'),
        progress: at('progress'),
        start: at('start'),
        end: at('end'),
      };
      projects.set(projectId, sumsOf(answer.rows, columns));
      seen = now;
    },
    forget(projectId: string | null): void {
      if (projectId) projects.delete(projectId);
      else projects.clear();
    },

    /**
     * Moves the sums of `projectId` by the task rows a write changed, and answers the modules
     * whose roll-up may have moved (ids; '' for no module). A task counts while it is a leaf: a
     * parent that gained its first sub-task stops counting, one that lost its last starts again,
     * so the parents of the changed tasks are looked at too.
     */
    apply(projectId: string, changes: readonly RowChange[]): Set<string> {
      const touched = new Set<string>();
      const changed = new Map<string, RowChange>();
      for (const c of changes) if (c.table === 'tasks') changed.set(String(c.key.id), c);
      if (changed.size === 0) return touched;
      // Loaded now (after the write), the sums already hold it: only the modules are named.
      const known = projects.get(projectId);
      const sums = known ?? load(projectId);
      // A paste's rows share a few dates, each parsed once (and a row's before and after alike).
      const day = rememberedDays();
      const move = (task: TaskImage, sign: 1 | -1) => {
        if (known) touched.add(add(sums, task, sign, day));
        else touched.add(task.module_id ?? '');
      };
      const parentOf = (image: Record<string, unknown> | null) => (image?.parent_id as string | null) ?? null;
      const movedIn = new Map<string, number>();
      const movedOut = new Map<string, number>();
      const nodes = new Set<string>(changed.keys());
      for (const c of changed.values()) {
        if (known && !c.before) sums.taskCount++;
        if (known && !c.after) sums.taskCount--;
        const before = parentOf(c.before);
        const after = parentOf(c.after);
        if (before === after) continue;
        if (after) movedIn.set(after, (movedIn.get(after) ?? 0) + 1);
        if (before) movedOut.set(before, (movedOut.get(before) ?? 0) + 1);
        if (after) nodes.add(after);
        if (before) nodes.add(before);
      }
      // How many sub-tasks each has now, in one statement (one per task was most of a paste's
      // roll-up time).
      const childCount = new Map<string, number>();
      for (const [id, n] of childrenOf.raw(true).all(JSON.stringify([...nodes])) as [string, number][])
        childCount.set(id, n);
      for (const id of nodes) {
        const c = changed.get(id);
        const current = c ? undefined : (row.get(id) as TaskImage | undefined);
        const before = (c ? c.before : current) as TaskImage | null | undefined;
        const after = (c ? c.after : current) as TaskImage | null | undefined;
        if (!before && !after) continue;
        const now = childCount.get(id) ?? 0;
        const then = now - (movedIn.get(id) ?? 0) + (movedOut.get(id) ?? 0);
        if (before && after && then === 0 && now === 0 && sameContribution(before, after)) continue;
        if (before && then === 0) move(before, -1);
        if (after && now === 0) move(after, 1);
      }
      return touched;
    },

    /** A module's rolled-up progress (before the owner's override is applied). */
    moduleProgress(projectId: string, moduleId: string): number {
      return rolled((projects.get(projectId) ?? load(projectId)).modules.get(moduleId));
    },
    /**
     * The project's figures if its sums are held and nothing wrote since they were last right
     * (a read between writes, e.g. `projects.list` right after `tasks.list` as the page starts);
     * else null, and the caller reads them from SQL. Loads nothing.
     */
    known(projectId: string): { progress: number; taskCount: number } | null {
      if (moved(state())) return null;
      const sums = projects.get(projectId);
      return sums ? { progress: rolled(sums.total), taskCount: sums.taskCount } : null;
    },
    /** The project's overall progress and task count, as `projects.list` shows them. */
    project(projectId: string): { progress: number; taskCount: number } {
      const sums = projects.get(projectId) ?? load(projectId);
      return { progress: rolled(sums.total), taskCount: sums.taskCount };
    },
  };
}
