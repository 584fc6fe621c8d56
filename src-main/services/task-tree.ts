/**
 * The WBS order of Table 2. Rows are kept in `position` order such that every task comes right
 * after its parent's earlier sub-tasks: a parent and all its descendants form one contiguous
 * block. Every operation here keeps that true, so the table reads as an outline.
 */
import type { Task } from '../shared/domain';
import { invalid, notFound, type Db } from './common';

/** Ids of a task and all its descendants, in table order. */
function subtree(db: Db, id: string): { id: string; position: number }[] {
  return db
    .prepare(
      // CROSS JOIN keeps SQLite from scanning tasks: it walks `sub` and looks each id up by key.
      `WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT t.id FROM tasks t JOIN sub ON t.parent_id = sub.id)
       SELECT tasks.id, tasks.position FROM sub CROSS JOIN tasks ON tasks.id = sub.id ORDER BY tasks.position`,
    )
    .all(id) as { id: string; position: number }[];
}

/**
 * Makes room right after `anchorId`'s block (or at the end of the table when null) and returns
 * the free position.
 */
export function placeAfterSubtree(db: Db, projectId: string, anchorId: string | null): number {
  if (!anchorId) {
    return db
      .prepare('SELECT coalesce(max(position), -1) + 1 FROM tasks WHERE project_id = ?')
      .pluck()
      .get(projectId) as number;
  }
  const block = subtree(db, anchorId);
  const end = block[block.length - 1]!.position;
  db.prepare('UPDATE tasks SET position = position + 1 WHERE project_id = ? AND position > ?').run(
    projectId,
    end,
  );
  return end + 1;
}

/** Gives `ordered` the positions they occupy between them, in the new order. */
function reassign(db: Db, ordered: { id: string; position: number }[]) {
  const slots = ordered.map((r) => r.position).sort((a, b) => a - b);
  const set = db.prepare('UPDATE tasks SET position = ? WHERE id = ?');
  ordered.forEach((row, i) => {
    if (row.position !== slots[i]) set.run(slots[i], row.id);
  });
}

function taskOf(db: Db, id: string) {
  const row = db
    .prepare('SELECT id, project_id AS projectId, parent_id AS parentId, position FROM tasks WHERE id = ?')
    .get(id) as Pick<Task, 'id' | 'projectId' | 'parentId' | 'position'> | undefined;
  if (!row) throw notFound();
  return row;
}

function siblings(db: Db, task: Pick<Task, 'projectId' | 'parentId'>) {
  return db
    .prepare('SELECT id, position FROM tasks WHERE project_id = ? AND parent_id IS ? ORDER BY position')
    .all(task.projectId, task.parentId) as { id: string; position: number }[];
}

/** Moves a task (with its sub-tasks) one place up or down among its siblings. */
export function moveTask(db: Db, input: { id: string; direction: 'up' | 'down' }): void {
  db.transaction(() => {
    const task = taskOf(db, input.id);
    const list = siblings(db, task);
    const index = list.findIndex((s) => s.id === task.id);
    const other = list[input.direction === 'up' ? index - 1 : index + 1];
    if (!other) throw invalid(['direction'], input.direction === 'up' ? 'already_first' : 'already_last');
    const [first, second] = input.direction === 'up' ? [other.id, task.id] : [task.id, other.id];
    reassign(db, [...subtree(db, second), ...subtree(db, first)]);
  })();
}

/** Makes a task a sub-task of the sibling right above it (Tab in an outline). */
export function indentTask(db: Db, input: { id: string }): void {
  db.transaction(() => {
    const task = taskOf(db, input.id);
    const list = siblings(db, task);
    const above = list[list.findIndex((s) => s.id === task.id) - 1];
    if (!above) throw invalid(['id'], 'cannot_indent');
    db.prepare('UPDATE tasks SET parent_id = ?, updated_at = ? WHERE id = ?').run(
      above.id,
      new Date().toISOString(),
      task.id,
    );
  })();
}

/**
 * Makes a sub-task a sibling of its parent, placed after the parent's block (so the parent keeps
 * its other sub-tasks).
 */
export function outdentTask(db: Db, input: { id: string }): void {
  db.transaction(() => {
    const task = taskOf(db, input.id);
    if (!task.parentId) throw invalid(['id'], 'cannot_outdent');
    const parent = taskOf(db, task.parentId);
    const block = subtree(db, task.id);
    const parentBlock = subtree(db, parent.id);
    const blockIds = new Set(block.map((r) => r.id));
    const after = parentBlock.filter((r) => r.position > task.position && !blockIds.has(r.id));
    reassign(db, [...after, ...block]);
    db.prepare('UPDATE tasks SET parent_id = ?, updated_at = ? WHERE id = ?').run(
      parent.parentId,
      new Date().toISOString(),
      task.id,
    );
  })();
}
