/** Table 2 (执行任务拆解表): the task breakdown, one owner per task, codes M001, M002 … */
import type { Task, TaskPatch } from '../shared/domain';
import { selectList, updateFields, type ColumnMap } from '../db/columns';
import { newId, nowStamp } from '../db/ids';
import { AppError } from '../shared/errors';
import {
  belongsTo,
  checkPeriod,
  checkTeamMember,
  invalid,
  notFound,
  requireProject,
  type Db,
} from './common';

const COLUMNS: ColumnMap<keyof Task> = {
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
  position: 'position',
  updatedAt: 'updated_at',
};
const SELECT = `SELECT ${selectList(COLUMNS)} FROM tasks`;

/** M001 … M999, then M1000 …: the number grows, it is never reused. */
export function taskCode(seq: number): string {
  return `M${String(seq).padStart(3, '0')}`;
}

export function listTasks(db: Db, input: { projectId: string }): Task[] {
  requireProject(db, input.projectId);
  return db.prepare(`${SELECT} WHERE project_id = ? ORDER BY position, id`).all(input.projectId) as Task[];
}

export function getTask(db: Db, id: string): Task {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as Task | undefined;
  if (!row) throw notFound();
  return row;
}

/**
 * Checks a task's values as they will be stored (current merged with the patch): owner in the
 * team, module and parent in the same project, no parent loop, end ≥ start.
 */
function checkTask(
  db: Db,
  projectId: string,
  taskId: string | null,
  next: TaskPatch,
  patch: TaskPatch,
  base: string,
) {
  checkTeamMember(db, projectId, patch.ownerId, [base, 'ownerId']);
  if (patch.moduleId != null) {
    if (!belongsTo(db, 'modules', patch.moduleId, projectId))
      throw invalid([base, 'moduleId'], 'not_in_project');
  }
  if (patch.parentId != null) {
    const parentOf = db.prepare('SELECT project_id AS p, parent_id AS parent FROM tasks WHERE id = ?');
    let at: string | null = patch.parentId;
    for (let steps = 0; at && steps < 100_000; steps++) {
      if (at === taskId) throw invalid([base, 'parentId'], 'parent_cycle');
      const row = parentOf.get(at) as { p: string; parent: string | null } | undefined;
      if (!row || row.p !== projectId) throw invalid([base, 'parentId'], 'not_in_project');
      at = row.parent;
    }
  }
  checkPeriod(next.start ?? null, next.end ?? null, [base, patch.end !== undefined ? 'end' : 'start']);
}

export function createTask(
  db: Db,
  input: { projectId: string; afterId?: string | null; values: TaskPatch & { name: string } },
): Task {
  const id = newId();
  db.transaction(() => {
    requireProject(db, input.projectId);
    checkTask(db, input.projectId, null, input.values, input.values, 'values');
    let position: number;
    if (input.afterId) {
      const after = db
        .prepare('SELECT project_id AS p, position FROM tasks WHERE id = ?')
        .get(input.afterId) as { p: string; position: number } | undefined;
      if (!after || after.p !== input.projectId) throw notFound(['afterId']);
      position = after.position + 1;
      db.prepare('UPDATE tasks SET position = position + 1 WHERE project_id = ? AND position >= ?').run(
        input.projectId,
        position,
      );
    } else {
      position = (
        db
          .prepare('SELECT coalesce(max(position), -1) + 1 AS n FROM tasks WHERE project_id = ?')
          .get(input.projectId) as {
          n: number;
        }
      ).n;
    }
    const seq = (
      db
        .prepare(
          'UPDATE projects SET next_task_seq = next_task_seq + 1 WHERE id = ? RETURNING next_task_seq - 1 AS s',
        )
        .get(input.projectId) as { s: number }
    ).s;
    const stamp = nowStamp();
    db.prepare(
      `INSERT INTO tasks (id, project_id, code, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.projectId, taskCode(seq), input.values.name, position, stamp, stamp);
    updateFields(db, 'tasks', COLUMNS, id, input.values, stamp);
  })();
  return getTask(db, id);
}

export function updateTask(db: Db, input: { id: string; patch: TaskPatch }): Task {
  return db.transaction(() => {
    const current = getTask(db, input.id);
    checkTask(db, current.projectId, input.id, { ...current, ...input.patch }, input.patch, 'patch');
    updateFields(db, 'tasks', COLUMNS, input.id, input.patch, nowStamp());
    return getTask(db, input.id);
  })();
}

/**
 * Deletes the tasks named (and their sub-tasks). All or nothing: if one id is unknown, none is
 * deleted. Codes of deleted tasks are not given out again.
 */
export function deleteTasks(db: Db, input: { ids: string[] }): { ids: string[] } {
  db.transaction(() => {
    const exists = db.prepare('SELECT 1 FROM tasks WHERE id = ?');
    input.ids.forEach((id, i) => {
      if (!exists.get(id)) throw new AppError({ code: 'not_found', path: ['ids', i] });
    });
    // A sub-task may already be gone with its parent; that is fine.
    const del = db.prepare('DELETE FROM tasks WHERE id = ?');
    for (const id of input.ids) del.run(id);
  })();
  return { ids: input.ids };
}
