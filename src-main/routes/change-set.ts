/**
 * A write's change set (shared/changes.ts), built from the rows its journal captured: the rows of
 * the lists the renderer keeps (tasks, modules, people, the project and its sidebar entry), fetched
 * by id with the services' own row mappers, derived values included (a task's parents and its
 * module when a roll-up moved), the ids of deleted rows (cascades included), and the undo state.
 */
import { CAPTURED_TABLES, capturedAfter, type RowChange } from '../db/capture';
import type { Db } from '../services/common';
import { forgetRecorded, historyState, projectOfChanges, recordedState } from '../services/history';
import { modulesByIds } from '../services/modules';
import { peopleByIds } from '../services/people';
import { getProject, projectSummary } from '../services/projects';
import { tasksByIds } from '../services/tasks';
import type { TaskRows } from '../shared/task-rows';
import type { Task } from '../shared/domain';
import { LARGE_CHANGE_SET, type ChangeSet, type ListChange } from '../shared/changes';
import { createRollUps } from './roll-ups';

/** Task columns whose change moves a roll-up (of its parents, its module, the project). */
const ROLL_UP_COLUMNS = ['progress', 'start_date', 'end_date', 'parent_id', 'module_id'] as const;

const movesRollUp = (c: RowChange) =>
  !c.before || !c.after || ROLL_UP_COLUMNS.some((col) => c.before![col] !== c.after![col]);

export type ChangeSets = ReturnType<typeof createChangeSets>;

/**
 * The undo capture keeps of an updated row only its changed columns (db/capture.ts); the parents
 * and module a roll-up moves are read from the roll-up columns, so an updated task's images are
 * completed with those of the row as the write left it (kept by the capture; else read now): a
 * column missing from both images did not change. Only those columns: a paste of 1,000 rows
 * spent more time copying whole rows into its images than writing them.
 */
function wholeTaskImages(db: Db, changes: RowChange[]): RowChange[] {
  const isUpdate = (c: RowChange) => c.table === 'tasks' && !!c.before && !!c.after;
  const unknown = changes.filter((c) => isUpdate(c) && !capturedAfter(c)).map((c) => c.key.id);
  const rows = new Map<unknown, unknown[]>();
  if (unknown.length > 0)
    for (const row of db
      .prepare(
        `SELECT ${ROLL_UP_COLUMNS.join(', ')}, id FROM tasks WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .raw(true)
      .all(JSON.stringify(unknown)) as unknown[][])
      rows.set(row[ROLL_UP_COLUMNS.length], row);
  // Where the roll-up columns sit in the captured rows (one column list per table).
  const at = new Map<readonly string[], number[]>();
  const complete = (image: Record<string, unknown>, values: unknown[], index: number[]) => {
    const whole = Object.assign({}, image);
    for (let k = 0; k < ROLL_UP_COLUMNS.length; k++)
      if (!(ROLL_UP_COLUMNS[k]! in whole)) whole[ROLL_UP_COLUMNS[k]!] = values[index[k]!];
    return whole;
  };
  const sameOrder = ROLL_UP_COLUMNS.map((_, k) => k);
  return changes.map((c) => {
    if (!isUpdate(c)) return c;
    const kept = capturedAfter(c);
    let values: unknown[] | undefined;
    let index = sameOrder;
    if (kept) {
      values = kept.values;
      index = at.get(kept.columns) ?? ROLL_UP_COLUMNS.map((col) => kept.columns.indexOf(col));
      at.set(kept.columns, index);
    } else values = rows.get(c.key.id);
    if (!values) return c;
    return { ...c, before: complete(c.before!, values, index), after: complete(c.after!, values, index) };
  });
}

export function createChangeSets(db: Db) {
  const rollUps = createRollUps(db);
  const parentOf = db.prepare('SELECT parent_id FROM tasks WHERE id = ?').pluck();
  const projectExists = db.prepare('SELECT 1 FROM projects WHERE id = ?').pluck();

  /** The parents, grandparents … of the tasks named, found by walking up (each once). */
  function ancestors(parentIds: Iterable<string>): Set<string> {
    const found = new Set<string>();
    for (let id of parentIds) {
      for (let steps = 0; id && !found.has(id) && steps < 10_000; steps++) {
        found.add(id);
        id = parentOf.get(id) as string;
      }
    }
    return found;
  }

  /** What every change set of a project carries: the project, its sidebar entry, undo/redo. */
  function projectParts(projectId: string, tables: Set<string>): Partial<ChangeSet> {
    if (!projectExists.get(projectId)) return { projects: { upsert: [], remove: [projectId] } };
    const history = recordedState(db, projectId) ?? historyState(db, { projectId });
    const parts: Partial<ChangeSet> = { history };
    if (tables.has('projects')) parts.project = getProject(db, projectId);
    if (tables.has('projects') || tables.has('tasks') || tables.has('people')) {
      const summary = projectSummary(db, projectId, rollUps.project(projectId));
      if (summary) parts.projects = { upsert: [summary], remove: [] };
    }
    return parts;
  }

  return {
    /** A project's figures for `projects.list` when the roll-ups hold them (see RollUps.known). */
    knownFigures(projectId: string) {
      return rollUps.known(projectId);
    },
    /**
     * Before a journaled write: the roll-ups forget what a write they did not see may have moved,
     * and an undo state noted by an earlier write is dropped (this write notes its own).
     */
    begin(): void {
      rollUps.check();
      forgetRecorded(db);
    },
    /** A project's whole task list was read: its roll-up sums come from it. */
    read(projectId: string, answer: TaskRows): void {
      rollUps.prime(projectId, answer);
    },
    /** After it, committed or not. */
    end(): void {
      rollUps.settle();
    },

    /**
     * The change set of a write that captured `changes`; null changes (a whole project written
     * or deleted at once) tell the tables alone, with `projectId` the project it was about.
     * `tasksAfter`: tasks the write's answer holds as it left them (read after its last change),
     * taken as they are instead of read again (a paste's 1,000 rows).
     */
    build(captured: RowChange[] | null, projectId: string | null, tasksAfter?: readonly Task[]): ChangeSet {
      const changes = captured && wholeTaskImages(db, captured);
      if (changes === null || changes.length > LARGE_CHANGE_SET) {
        const pid = changes ? (projectOfChanges(db, changes) ?? projectId) : projectId;
        // The sums still move by the rows (a pass over them); unknown rows: loaded again when asked.
        if (changes && pid) rollUps.apply(pid, changes);
        else rollUps.forget(pid);
        const tables = new Set(changes ? changes.map((c) => c.table) : Object.keys(CAPTURED_TABLES));
        return { projectId: pid, tables: [...tables], ...(pid ? projectParts(pid, tables) : {}) };
      }
      const pid = projectOfChanges(db, changes) ?? projectId;
      const tables = new Set(changes.map((c) => c.table));
      const set: ChangeSet = { projectId: pid, tables: [...tables] };
      if (!pid) return set;

      const tasks = { upsert: new Set<string>(), remove: new Set<string>(), parents: new Set<string>() };
      const modules = { upsert: new Set<string>(), remove: new Set<string>() };
      const people = { upsert: new Set<string>(), remove: new Set<string>() };
      for (const c of changes) {
        const id = String(c.key.id);
        if (c.table === 'tasks') {
          (c.after ? tasks.upsert : tasks.remove).add(id);
          if (!movesRollUp(c)) continue;
          for (const image of [c.before, c.after])
            if (image?.parent_id) tasks.parents.add(String(image.parent_id));
        } else if (c.table === 'task_links') {
          // A task's predecessors are part of its row.
          tasks.upsert.add(String((c.after ?? c.before)!.successor_id));
        } else if (c.table === 'modules') {
          (c.after ? modules.upsert : modules.remove).add(id);
        } else if (c.table === 'people') {
          (c.after ? people.upsert : people.remove).add(id);
        }
      }
      for (const id of ancestors(tasks.parents)) tasks.upsert.add(id);
      for (const id of tasks.remove) tasks.upsert.delete(id);
      for (const id of rollUps.apply(pid, changes)) if (id && !modules.remove.has(id)) modules.upsert.add(id);

      if (tables.has('tasks') || tables.has('task_links'))
        set.tasks = listChange(changedTasks(db, tasks.upsert, tasksAfter), tasks.remove);
      if (modules.upsert.size || modules.remove.size)
        set.modules = listChange(
          modulesByIds(db, [...modules.upsert], (m) => rollUps.moduleProgress(pid, m)),
          modules.remove,
        );
      if (tables.has('people')) set.people = listChange(peopleByIds(db, [...people.upsert]), people.remove);
      return { ...set, ...projectParts(pid, tables) };
    },
  };
}

/** The tasks named, in table order: those the write's answer holds, and the others read. */
function changedTasks(db: Db, ids: Set<string>, known: readonly Task[] = []): Task[] {
  const found: Task[] = [];
  const rest = new Set(ids);
  for (const task of known) if (rest.delete(task.id)) found.push(task);
  if (found.length === 0) return tasksByIds(db, [...ids]);
  if (rest.size > 0) found.push(...tasksByIds(db, [...rest]));
  return found.sort((a, b) => a.position - b.position);
}

function listChange<T>(upsert: T[], remove: Set<string>): ListChange<T> {
  return { upsert, remove: [...remove] };
}
