/**
 * Money actually spent (预算花费), booked on the strategy, a module or a task, against the budgets
 * planned in Table 2's resources. Amounts are integer fen, never negative: a refund is an edit
 * of the entry it corrects.
 */
import type { Spend } from '../shared/tracking';
import { selectList, updateFields, type ColumnMap } from '../db/columns';
import { newId, nowStamp } from '../db/ids';
import { checkScope, notFound, requireProject, type Db } from './common';

export interface SpendPatch {
  moduleId?: string | null;
  taskId?: string | null;
  date?: string;
  amountFen?: number;
  note?: string;
}

const COLUMNS: ColumnMap<keyof Spend> = {
  id: 'id',
  projectId: 'project_id',
  moduleId: 'module_id',
  taskId: 'task_id',
  date: 'spent_on',
  amountFen: 'amount_fen',
  note: 'note',
};
const SELECT = `SELECT ${selectList(COLUMNS)} FROM spend_entries`;

export function listSpend(db: Db, input: { projectId: string }): Spend[] {
  requireProject(db, input.projectId);
  return db.prepare(`${SELECT} WHERE project_id = ? ORDER BY spent_on, id`).all(input.projectId) as Spend[];
}

function getSpend(db: Db, id: string): Spend {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as Spend | undefined;
  if (!row) throw notFound();
  return row;
}

export function createSpend(
  db: Db,
  input: { projectId: string; values: SpendPatch & { date: string; amountFen: number } },
): Spend {
  const id = newId();
  db.transaction(() => {
    requireProject(db, input.projectId);
    checkScope(db, input.projectId, input.values, input.values, 'values');
    const stamp = nowStamp();
    db.prepare(
      `INSERT INTO spend_entries (id, project_id, spent_on, amount_fen, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(id, input.projectId, input.values.date, input.values.amountFen, stamp, stamp);
    updateFields(db, 'spend_entries', COLUMNS, id, input.values, stamp);
  })();
  return getSpend(db, id);
}

export function updateSpend(db: Db, input: { id: string; patch: SpendPatch }): Spend {
  return db.transaction(() => {
    const current = getSpend(db, input.id);
    checkScope(db, current.projectId, { ...current, ...input.patch }, input.patch, 'patch');
    updateFields(db, 'spend_entries', COLUMNS, input.id, input.patch, nowStamp());
    return getSpend(db, input.id);
  })();
}

export function deleteSpend(db: Db, input: { id: string }): { id: string } {
  db.transaction(() => {
    if (db.prepare('DELETE FROM spend_entries WHERE id = ?').run(input.id).changes === 0) throw notFound();
  })();
  return { id: input.id };
}
