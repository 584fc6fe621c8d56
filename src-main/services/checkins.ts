/**
 * Progress check-ins of tasks (a task with a tracking cycle owes one per period): each records
 * the date, the progress reported and a note, and moves the task's progress with it.
 */
import type { Checkin } from '../shared/tracking';
import { selectList, type ColumnMap } from '../db/columns';
import { newId, nowStamp } from '../db/ids';
import { notFound, projectOf, requireProject, type Db } from './common';

const COLUMNS: ColumnMap<keyof Checkin> = {
  id: 'id',
  taskId: 'task_id',
  date: 'checkin_date',
  progress: 'progress',
  note: 'note',
};
const SELECT = `SELECT ${selectList(COLUMNS, 'c')} FROM task_checkins c`;

/** The check-ins of every task of a project, by date. */
export function listCheckins(db: Db, input: { projectId: string }): Checkin[] {
  requireProject(db, input.projectId);
  return db
    .prepare(
      `${SELECT} JOIN tasks t ON t.id = c.task_id WHERE t.project_id = ?
        ORDER BY c.checkin_date, c.created_at, c.id`,
    )
    .all(input.projectId) as Checkin[];
}

function getCheckin(db: Db, id: string): Checkin {
  const row = db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as Checkin | undefined;
  if (!row) throw notFound();
  return row;
}

/**
 * Records a check-in and sets the task's progress to the figure reported, in one transaction.
 * A check-in dated before the task's latest one is filled in after the fact: it completes the
 * record but does not roll the task's progress back to that older figure.
 */
export function createCheckin(
  db: Db,
  input: { taskId: string; date: string; progress: number; note?: string },
): Checkin {
  const id = newId();
  db.transaction(() => {
    projectOf(db, 'tasks', input.taskId, ['taskId']);
    const latest = db
      .prepare('SELECT max(checkin_date) FROM task_checkins WHERE task_id = ?')
      .pluck()
      .get(input.taskId) as string | null;
    const stamp = nowStamp();
    db.prepare(
      `INSERT INTO task_checkins (id, task_id, checkin_date, progress, note, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.taskId, input.date, input.progress, input.note ?? '', stamp, stamp);
    if (latest === null || input.date >= latest) {
      db.prepare('UPDATE tasks SET progress = ?, updated_at = ? WHERE id = ? AND progress <> ?').run(
        input.progress,
        stamp,
        input.taskId,
        input.progress,
      );
    }
  })();
  return getCheckin(db, id);
}

/** Deletes a check-in; the task keeps its progress (the owner edits it, or undoes the check-in). */
export function deleteCheckin(db: Db, input: { id: string }): { id: string } {
  db.transaction(() => {
    if (db.prepare('DELETE FROM task_checkins WHERE id = ?').run(input.id).changes === 0) throw notFound();
  })();
  return { id: input.id };
}
