/** Table 2 (执行任务拆解表): the task breakdown, one owner per task, codes M001, M002 … */
import type { NewTask, Task, TaskPatch } from '../shared/domain';
import { selectList, updateFields, type ColumnMap } from '../db/columns';
import { newId, nowStamp } from '../db/ids';
import { AppError } from '../shared/errors';
import { findDependencyCycle, taskCode } from '../shared/task-logic';
import {
  belongsTo,
  checkPeriod,
  checkTeamMember,
  invalid,
  notFound,
  requireProject,
  type Db,
} from './common';
import { createPerson, listPeople } from './people';
import { placeAfterSubtree } from './task-tree';
import { TASK_ROW_FIELDS, tasksFromRows, type TaskRows } from '../shared/task-rows';
import type { PasteProblem, PasteRow } from '../shared/contract';

type StoredTask = Omit<Task, 'predecessorIds'>;
const COLUMNS: ColumnMap<keyof StoredTask> = {
  id: 'id',
  projectId: 'project_id',
  code: 'code',
  name: 'name',
  deliverable: 'deliverable',
  ownerId: 'owner_id',
  start: 'start_date',
  end: 'end_date',
  budgetFen: 'budget_fen',
  manpower: 'manpower',
  tools: 'tools',
  criteria: 'criteria',
  progress: 'progress',
  notes: 'notes',
  moduleId: 'module_id',
  parentId: 'parent_id',
  milestone: 'milestone',
  blocked: 'blocked',
  trackingCycle: 'tracking_cycle',
  position: 'position',
  updatedAt: 'updated_at',
};
const SELECT = `
  SELECT ${selectList(COLUMNS, 't')},
         (SELECT json_group_array(l.predecessor_id) FROM task_links l WHERE l.successor_id = t.id) AS predecessorIds
    FROM tasks t`;

type TaskRow = Omit<Task, 'milestone' | 'blocked' | 'predecessorIds'> & {
  milestone: number;
  blocked: number;
  predecessorIds: string;
};

function toTask(row: TaskRow): Task {
  return {
    ...row,
    milestone: row.milestone === 1,
    blocked: row.blocked === 1,
    predecessorIds: JSON.parse(row.predecessorIds) as string[],
  };
}

/**
 * Every task of the project in table order, as `tasks.list` sends them: rows of values (see
 * shared/task-rows.ts). better-sqlite3 hands rows over as arrays about twice as fast as objects,
 * and the arrays go on as they are, with the task's predecessors appended.
 *
 * With `first`, only the table's first rows (Table 2's first screen, shown while the rest is
 * read): at least `first` rows, then up to the next top-level task, so that every parent among
 * them comes with all its sub-tasks (a parent and its descendants are one block in table order,
 * services/task-tree.ts) and its roll-up, depth and toggle are the whole plan's. A block running
 * on past FIRST_BLOCK_MAX rows gives the whole table rather than a parent without its roll-up.
 */
export function listTaskRows(db: Db, input: { projectId: string; first?: number }): TaskRows {
  requireProject(db, input.projectId);
  const end = input.first === undefined ? null : firstRowsEnd(db, input.projectId, input.first);
  return {
    projectId: input.projectId,
    fields: [...TASK_ROW_FIELDS],
    rows: readRows(db, input.projectId, undefined, end ?? undefined),
  };
}

/** The most rows a first page may grow to so as to end at a top-level task. */
const FIRST_BLOCK_MAX = 5_000;

/**
 * The position the first rows stop before: that of the first top-level task at or after row
 * `first`; null for the whole table (fewer rows, no top-level task after them, or too far).
 */
function firstRowsEnd(db: Db, projectId: string, first: number): number | null {
  const end = db
    .prepare(
      `SELECT position FROM tasks
        WHERE project_id = ? AND parent_id IS NULL
          AND position >= (SELECT position FROM tasks WHERE project_id = ? ORDER BY position LIMIT 1 OFFSET ?)
        ORDER BY position LIMIT 1`,
    )
    .pluck()
    .get(projectId, projectId, first) as number | undefined;
  if (end === undefined) return null;
  const before = db
    .prepare('SELECT count(*) FROM tasks WHERE project_id = ? AND position < ?')
    .pluck()
    .get(projectId, end) as number;
  return before <= FIRST_BLOCK_MAX ? end : null;
}

/**
 * Task rows in TASK_ROW_FIELDS order: the whole project in table order (or its rows before
 * position `end`), or (`ids`, a JSON array) those tasks of it. All their links are read in one
 * pass and joined here: a subquery per row tripled the load time.
 */
function readRows(db: Db, projectId: string, ids?: string, end?: number): unknown[][] {
  const before = end === undefined ? '' : ' AND t.position < ?';
  const [links, tasks] = ids
    ? [
        `SELECT successor_id, predecessor_id FROM task_links
          WHERE successor_id IN (SELECT value FROM json_each(?))`,
        `FROM tasks t WHERE t.id IN (SELECT value FROM json_each(?)) ORDER BY t.position`,
      ]
    : [
        `SELECT l.successor_id, l.predecessor_id FROM task_links l
           JOIN tasks t ON t.id = l.successor_id WHERE t.project_id = ?${before}`,
        // Positions are unique, so ordering by position alone follows the index (no sort).
        `FROM tasks t WHERE t.project_id = ?${before} ORDER BY t.position`,
      ];
  const params = ids ? [ids] : end === undefined ? [projectId] : [projectId, end];
  const predecessors = new Map<string, string[]>();
  for (const [s, p] of db
    .prepare(links)
    .raw(true)
    .all(...params) as [string, string][]) {
    const list = predecessors.get(s);
    if (list) list.push(p);
    else predecessors.set(s, [p]);
  }
  const stored = TASK_ROW_FIELDS.slice(0, -1) as readonly (keyof StoredTask)[];
  const rows = db
    .prepare(`SELECT ${stored.map((f) => `t.${COLUMNS[f]}`).join(', ')} ${tasks}`)
    .raw(true)
    .all(...params) as unknown[][];
  for (const row of rows) row.push(predecessors.get(row[0] as string) ?? []);
  return rows;
}

/** Every task of the project in table order, as objects (for the services and the spreadsheet). */
export function listTasks(db: Db, input: { projectId: string }): Task[] {
  return tasksFromRows(listTaskRows(db, input));
}

/**
 * The tasks named (those that exist), in table order and the shape `tasks.list` answers: for a
 * write's change set, without reading the whole table.
 */
export function tasksByIds(db: Db, ids: readonly string[]): Task[] {
  if (ids.length === 0) return [];
  const json = JSON.stringify(ids);
  const rows = readRows(db, '', json);
  if (rows.length === 0) return [];
  // Their projects in one statement (one per task was a tenth of a 1,000-row paste).
  const projectOf = new Map(
    db
      .prepare('SELECT id, project_id FROM tasks WHERE id IN (SELECT value FROM json_each(?))')
      .raw(true)
      .all(json) as [string, string][],
  );
  const tasks = tasksFromRows({ projectId: '', fields: [...TASK_ROW_FIELDS], rows });
  for (const task of tasks) task.projectId = projectOf.get(task.id)!;
  return tasks;
}

export function getTask(db: Db, id: string): Task {
  const row = db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as TaskRow | undefined;
  if (!row) throw notFound();
  return toTask(row);
}

/**
 * Tasks of the project by id, in that order, as rows (shared/task-rows.ts), read with two
 * statements (a paste reads back 1,000).
 */
function getTaskRows(db: Db, projectId: string, ids: readonly string[]): TaskRows {
  const rows = readRows(db, projectId, JSON.stringify(ids));
  const byId = new Map(rows.map((r) => [r[0] as string, r]));
  return { projectId, fields: [...TASK_ROW_FIELDS], rows: ids.map((id) => byId.get(id)!) };
}

/** What an update's checks read of the stored task: its project and its dates. */
interface Stored {
  projectId: string;
  start: string | null;
  end: string | null;
}
/** storedTask of many tasks in one statement (a paste checks 1,000), by id; unknown ids absent. */
function storedTasks(db: Db, ids: readonly string[]): Map<string, Stored> {
  const found = new Map<string, Stored>();
  if (ids.length === 0) return found;
  for (const [id, projectId, start, end] of db
    .prepare(
      'SELECT id, project_id, start_date, end_date FROM tasks WHERE id IN (SELECT value FROM json_each(?))',
    )
    .raw(true)
    .all(JSON.stringify(ids)) as [string, string, string | null, string | null][])
    found.set(id, { projectId, start, end });
  return found;
}

function storedTask(db: Db, id: string): Stored | undefined {
  return db
    .prepare('SELECT project_id AS projectId, start_date AS start, end_date AS "end" FROM tasks WHERE id = ?')
    .get(id) as Stored | undefined;
}

const codeOf = (db: Db, id: string) =>
  (db.prepare('SELECT code FROM tasks WHERE id = ?').pluck().get(id) as string | undefined) ?? '?';

/**
 * The checks of a task's values as they will be stored (current merged with the patch): owner in
 * the team, module, parent and predecessors in the same project, no dependency loop, end ≥ start.
 * Each check is separate so that a paste can report every problem of a row, not just the first.
 */
function taskChecks(
  db: Db,
  projectId: string,
  taskId: string | null,
  next: TaskPatch,
  patch: TaskPatch & { parentId?: string | null },
  base: string,
): (() => void)[] {
  return [
    () => checkTeamMember(db, projectId, patch.ownerId, [base, 'ownerId']),
    () => {
      if (patch.moduleId != null && !belongsTo(db, 'modules', patch.moduleId, projectId)) {
        throw invalid([base, 'moduleId'], 'not_in_project');
      }
    },
    () => {
      if (patch.parentId != null && !belongsTo(db, 'tasks', patch.parentId, projectId)) {
        throw invalid([base, 'parentId'], 'not_in_project');
      }
    },
    () => {
      if (!patch.predecessorIds) return;
      const path = [base, 'predecessorIds'];
      for (const p of patch.predecessorIds) {
        if (p === taskId) throw invalid(path, 'depends_on_itself');
        if (!belongsTo(db, 'tasks', p, projectId)) throw invalid(path, 'not_in_project');
      }
      if (!taskId) return;
      const preds = db.prepare('SELECT predecessor_id FROM task_links WHERE successor_id = ?').pluck();
      const cycle = findDependencyCycle(taskId, patch.predecessorIds, (id) => preds.all(id) as string[]);
      if (cycle)
        throw invalid(path, 'dependency_cycle', { cycle: cycle.map((id) => codeOf(db, id)).join(' → ') });
    },
    () =>
      checkPeriod(next.start ?? null, next.end ?? null, [base, patch.end !== undefined ? 'end' : 'start']),
  ];
}

function checkTask(...args: Parameters<typeof taskChecks>): void {
  for (const check of taskChecks(...args)) check();
}

/** Every check that fails, as the errors it raised. */
function taskProblems(...args: Parameters<typeof taskChecks>): AppError[] {
  const found: AppError[] = [];
  for (const check of taskChecks(...args)) {
    try {
      check();
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      found.push(e);
    }
  }
  return found;
}

function setPredecessors(db: Db, taskId: string, ids: readonly string[]) {
  db.prepare('DELETE FROM task_links WHERE successor_id = ?').run(taskId);
  const insert = db.prepare('INSERT OR IGNORE INTO task_links (predecessor_id, successor_id) VALUES (?, ?)');
  for (const p of ids) insert.run(p, taskId);
}

function nextCode(db: Db, projectId: string): string {
  const seq = db
    .prepare('UPDATE projects SET next_task_seq = next_task_seq + 1 WHERE id = ? RETURNING next_task_seq - 1')
    .pluck()
    .get(projectId) as number;
  return taskCode(seq);
}

/** Inserts one task; its checks and position are the caller's (within its transaction). */
function insertTask(db: Db, projectId: string, position: number, values: NewTask): string {
  const id = newId();
  const stamp = nowStamp();
  db.prepare(
    `INSERT INTO tasks (id, project_id, code, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, projectId, nextCode(db, projectId), values.name, position, stamp, stamp);
  const { predecessorIds, ...rest } = values;
  updateFields(db, 'tasks', COLUMNS, id, rest, stamp);
  if (predecessorIds) setPredecessors(db, id, predecessorIds);
  return id;
}

/**
 * A new task goes right below `afterId` (after its sub-tasks, as its sibling) or, with a parent,
 * at the end of that parent's sub-tasks, or else at the end of the table.
 */
export function createTask(
  db: Db,
  input: { projectId: string; afterId?: string | null; values: NewTask },
): Task {
  const id = db.transaction(() => {
    requireProject(db, input.projectId);
    checkTask(db, input.projectId, null, input.values, input.values, 'values');
    let values = input.values;
    let anchor: string | null = values.parentId ?? null;
    if (input.afterId) {
      if (!belongsTo(db, 'tasks', input.afterId, input.projectId)) throw notFound(['afterId']);
      anchor = input.afterId;
      const parentId = db.prepare('SELECT parent_id FROM tasks WHERE id = ?').pluck().get(input.afterId) as
        string | null;
      values = { ...values, parentId };
    }
    const position = placeAfterSubtree(db, input.projectId, anchor);
    return insertTask(db, input.projectId, position, values);
  })();
  return getTask(db, id);
}

function applyUpdate(db: Db, id: string, patch: TaskPatch, base = 'patch'): void {
  const current = storedTask(db, id);
  if (!current) throw notFound();
  checkTask(db, current.projectId, id, { ...current, ...patch }, patch, base);
  writeUpdate(db, id, patch);
}

/** The UPDATE of a checked patch (and its predecessor links when it names them). */
function writeUpdate(db: Db, id: string, patch: TaskPatch, stamp = nowStamp()): void {
  const { predecessorIds, ...rest } = patch;
  updateFields(db, 'tasks', COLUMNS, id, rest, stamp);
  if (predecessorIds) setPredecessors(db, id, predecessorIds);
}

export function updateTask(db: Db, input: { id: string; patch: TaskPatch }): Task {
  // Every check runs before anything is written, so inside a caller's transaction (the router's
  // journal) the update needs no savepoint of its own: two statements fewer per edit.
  if (db.inTransaction) applyUpdate(db, input.id, input.patch);
  else db.transaction(() => applyUpdate(db, input.id, input.patch))();
  return getTask(db, input.id);
}

/**
 * Deletes the tasks named (and their sub-tasks). All or nothing: if one id is unknown, none is
 * deleted. Codes of deleted tasks are not given out again.
 */
export function deleteTasks(db: Db, input: { ids: string[] }): { ids: string[] } {
  db.transaction(() => {
    const projectOfTask = db.prepare('SELECT project_id FROM tasks WHERE id = ?').pluck();
    const projects = new Set<string>();
    input.ids.forEach((id, i) => {
      const project = projectOfTask.get(id) as string | undefined;
      if (!project) throw new AppError({ code: 'not_found', path: ['ids', i] });
      projects.add(project);
    });
    // One action, one project: its undo belongs to that project's history.
    if (projects.size > 1) throw invalid(['ids'], 'mixed_projects');
    // A sub-task may already be gone with its parent; that is fine.
    const del = db.prepare('DELETE FROM tasks WHERE id = ?');
    for (const id of input.ids) del.run(id);
  })();
  return { ids: input.ids };
}

/**
 * The team by trimmed name after adding the names not in it yet (as executors, in the order
 * given); the first of two namesakes wins, as in the owner picker.
 */
function joinTeam(db: Db, projectId: string, names: string[]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const p of listPeople(db, { projectId }))
    if (!byName.has(p.name.trim())) byName.set(p.name.trim(), p.id);
  for (const name of names) {
    const trimmed = name.trim();
    if (byName.has(trimmed)) continue;
    byName.set(trimmed, createPerson(db, { projectId, name: trimmed, role: 'executor' }).id);
  }
  return byName;
}

/**
 * A paste from Excel/WPS: every row checked with the same rules as a single edit, in one
 * transaction. Owners the paste names who are not in the team yet (newPeople, which the user
 * confirmed) join it as executors in the same transaction, as an import adds them. If any cell
 * is refused, all problems are reported (row, column, reason) and nothing is written.
 */
export function pasteTasks(
  db: Db,
  input: { projectId: string; rows: PasteRow[]; newPeople?: string[] },
): { updated: number; created: string[]; tasks: TaskRows } {
  return db.transaction(() => {
    requireProject(db, input.projectId);
    const joined = joinTeam(db, input.projectId, input.newPeople ?? []);
    const problems: PasteProblem[] = [];
    const stamp = nowStamp();
    const created: string[] = [];
    const touched: string[] = [];
    let updated = 0;
    // What the checks read of the rows pasted onto, read at once and kept as the paste writes.
    const stored = storedTasks(
      db,
      input.rows.flatMap((r) => (r.id ? [r.id] : [])),
    );
    const report = (ref: number, e: AppError) => {
      const field = e.data.path?.[e.data.path.length - 1];
      problems.push({
        ref,
        field: typeof field === 'string' && field !== 'id' ? field : undefined,
        reason: e.data.reason ?? e.data.code,
        params: e.data.params,
      });
    };
    for (const row of input.rows) {
      try {
        if (row.ownerName !== undefined) {
          const ownerId = joined.get(row.ownerName.trim());
          if (!ownerId) throw invalid(['values', 'ownerId'], 'unknown_person', { name: row.ownerName });
          row.values = { ...row.values, ownerId };
        }
        if (row.id) {
          const current = stored.get(row.id);
          if (current?.projectId !== input.projectId) throw notFound(['id']);
          const found = taskProblems(
            db,
            input.projectId,
            row.id,
            { ...current, ...row.values },
            row.values,
            'values',
          );
          if (found.length) found.forEach((e) => report(row.ref, e));
          else {
            // Checked just above: written directly, not checked a second time.
            writeUpdate(db, row.id, row.values, stamp);
            // A later row of the paste onto the same task is checked against this one's dates.
            const { start, end } = row.values;
            stored.set(row.id, {
              projectId: current.projectId,
              start: start !== undefined ? start : current.start,
              end: end !== undefined ? end : current.end,
            });
            touched.push(row.id);
            updated++;
          }
        } else {
          const values = { ...row.values, name: row.values.name ?? '' };
          const found = taskProblems(db, input.projectId, null, values, values, 'values');
          if (!row.values.name) found.unshift(invalid(['values', 'name'], 'required'));
          if (found.length) found.forEach((e) => report(row.ref, e));
          else
            created.push(
              insertTask(db, input.projectId, placeAfterSubtree(db, input.projectId, null), values),
            );
        }
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        report(row.ref, e);
      }
    }
    if (problems.length) {
      // Throwing rolls the whole paste back.
      throw new AppError({
        code: 'invalid_input',
        reason: 'paste_rejected',
        problems: problems.slice(0, 500),
      });
    }
    return {
      updated,
      created,
      tasks: getTaskRows(db, input.projectId, [...new Set([...touched, ...created])]),
    };
  })();
}
