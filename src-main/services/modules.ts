/** Table 1 (营销策略执行跟踪总表): one row per core module of the strategy. */
import type { Module, ModulePatch } from '../shared/domain';
import { selectList, updateFields, type ColumnMap } from '../db/columns';
import { newId, nowStamp } from '../db/ids';
import { checkTeamMember, nextPosition, notFound, projectOf, requireProject, type Db } from './common';
import { IS_LEAF_TASK, LEAF_TASK_WEIGHT } from './projects';

type StoredModule = Omit<Module, 'progress'>;
const COLUMNS: ColumnMap<keyof StoredModule> = {
  id: 'id',
  projectId: 'project_id',
  name: 'name',
  ownerId: 'owner_id',
  progressOverride: 'progress_override',
  milestone: 'milestone',
  summary: 'summary',
  issues: 'issues',
  suggestions: 'suggestions',
  result: 'result',
  budgetFen: 'budget_fen',
  position: 'position',
};

/**
 * 当前进度: the owner's override when set, otherwise the module's leaf tasks rolled up with each
 * weighted by its duration (0 when the module has no tasks yet).
 */
const SELECT = `
  SELECT ${selectList(COLUMNS, 'm')},
         coalesce(m.progress_override,
                  (SELECT sum(t.progress * ${LEAF_TASK_WEIGHT}) / sum(${LEAF_TASK_WEIGHT})
                     FROM tasks t WHERE t.module_id = m.id AND ${IS_LEAF_TASK}),
                  0) AS progress
    FROM modules m`;

export function listModules(db: Db, input: { projectId: string }): Module[] {
  requireProject(db, input.projectId);
  return db
    .prepare(`${SELECT} WHERE m.project_id = ? ORDER BY m.position, m.id`)
    .all(input.projectId) as Module[];
}

/**
 * The modules named (those that exist) in the shape `listModules` answers, with the roll-up of
 * their tasks given by the caller (kept up to date from each write rather than summed again over
 * every task, see routes/roll-ups.ts).
 */
export function modulesByIds(
  db: Db,
  ids: readonly string[],
  rolledUp: (moduleId: string) => number,
): Module[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT ${selectList(COLUMNS, 'm')} FROM modules m
        WHERE m.id IN (SELECT value FROM json_each(?)) ORDER BY m.position, m.id`,
    )
    .all(JSON.stringify(ids)) as StoredModule[];
  return rows.map((m) => ({ ...m, progress: m.progressOverride ?? rolledUp(m.id) }));
}

export function getModule(db: Db, id: string): Module {
  const row = db.prepare(`${SELECT} WHERE m.id = ?`).get(id) as Module | undefined;
  if (!row) throw notFound();
  return row;
}

export function createModule(
  db: Db,
  input: { projectId: string; values: ModulePatch & { name: string } },
): Module {
  const id = newId();
  db.transaction(() => {
    requireProject(db, input.projectId);
    checkTeamMember(db, input.projectId, input.values.ownerId, ['values', 'ownerId']);
    const stamp = nowStamp();
    db.prepare(
      `INSERT INTO modules (id, project_id, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(id, input.projectId, input.values.name, nextPosition(db, 'modules', input.projectId), stamp, stamp);
    updateFields(db, 'modules', COLUMNS, id, input.values, stamp);
  })();
  return getModule(db, id);
}

export function updateModule(db: Db, input: { id: string; patch: ModulePatch }): Module {
  return db.transaction(() => {
    const projectId = projectOf(db, 'modules', input.id);
    checkTeamMember(db, projectId, input.patch.ownerId, ['patch', 'ownerId']);
    updateFields(db, 'modules', COLUMNS, input.id, input.patch, nowStamp());
    return getModule(db, input.id);
  })();
}

/** Deletes the module; its tasks stay, no longer assigned to a module. */
export function deleteModule(db: Db, input: { id: string }): { id: string } {
  db.transaction(() => {
    if (db.prepare('DELETE FROM modules WHERE id = ?').run(input.id).changes === 0) throw notFound();
  })();
  return { id: input.id };
}
