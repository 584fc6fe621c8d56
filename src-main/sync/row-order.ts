/** The order of rows after a merge: Table 2 an outline again, no two rows of a list in one place. */
import type { Db } from '../db/connection';
import type { VersionWrite } from './row-writer';

/**
 * Positions from two copies can collide or split an outline (each side inserted rows and
 * shifted the rest). Table 2 stays an outline: every task right after its parent's earlier
 * sub-tasks, in the order the positions give (code breaking ties); a position changes only
 * where that order needs it. Other lists only lose duplicate positions.
 */
export function orderRows(db: Db, projectId: string, tables: readonly string[]): VersionWrite[] {
  const moved: VersionWrite[] = [];
  const renumber = (table: string, ordered: { id: string; position: number }[]) => {
    const set = db.prepare(`UPDATE ${table} SET position = ? WHERE id = ?`);
    let previous = -Infinity;
    for (const row of ordered) {
      const position = row.position > previous ? row.position : previous + 1;
      if (position !== row.position) {
        set.run(position, row.id);
        moved.push({
          table,
          rowKey: JSON.stringify({ id: row.id }),
          field: 'position',
          stamp: 'local',
          base: JSON.stringify(row.position),
        });
      }
      previous = position;
    }
  };

  if (tables.includes('tasks')) {
    const tasks = db
      .prepare(
        'SELECT id, parent_id AS parentId, position, code FROM tasks WHERE project_id = ? ORDER BY position, code',
      )
      .all(projectId) as { id: string; parentId: string | null; position: number; code: string }[];
    const ids = new Set(tasks.map((t) => t.id));
    const children = new Map<string | null, typeof tasks>();
    for (const t of tasks) {
      const parent = t.parentId !== null && ids.has(t.parentId) ? t.parentId : null;
      const list = children.get(parent);
      if (list) list.push(t);
      else children.set(parent, [t]);
    }
    const outline: typeof tasks = [];
    const stack = [...(children.get(null) ?? [])].reverse();
    while (stack.length > 0) {
      const t = stack.pop()!;
      outline.push(t);
      const under = children.get(t.id);
      if (under) for (let i = under.length - 1; i >= 0; i--) stack.push(under[i]!);
    }
    renumber('tasks', outline);
  }

  for (const table of tables.filter((t) => t !== 'tasks')) {
    const rows = db
      .prepare(`SELECT id, position FROM ${table} WHERE project_id = ? ORDER BY position, id`)
      .all(projectId) as { id: string; position: number }[];
    renumber(table, rows);
  }
  return moved;
}
