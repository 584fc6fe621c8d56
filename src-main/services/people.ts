/** The team (step 一): who is the overall owner, who owns which module, who reports to whom. */
import type { Person, PersonPatch } from '../shared/domain';
import { selectList, updateFields, type ColumnMap } from '../db/columns';
import { newId, nowStamp } from '../db/ids';
import { AppError } from '../shared/errors';
import {
  checkTeamMember,
  invalid,
  nextPosition,
  notFound,
  projectOf,
  requireProject,
  type Db,
} from './common';
import { makeOverallOwner, refuseLeavingNoOwner } from './owner';

const COLUMNS: ColumnMap<keyof Person> = {
  id: 'id',
  projectId: 'project_id',
  name: 'name',
  role: 'role',
  group: 'group_name',
  reportsToId: 'reports_to_id',
  position: 'position',
};
const SELECT = `SELECT ${selectList(COLUMNS)} FROM people`;

export function listPeople(db: Db, input: { projectId: string }): Person[] {
  requireProject(db, input.projectId);
  return db.prepare(`${SELECT} WHERE project_id = ? ORDER BY position, id`).all(input.projectId) as Person[];
}

/** The people named (those that exist), in the shape `listPeople` answers. */
export function peopleByIds(db: Db, ids: readonly string[]): Person[] {
  if (ids.length === 0) return [];
  return db
    .prepare(`${SELECT} WHERE id IN (SELECT value FROM json_each(?)) ORDER BY position, id`)
    .all(JSON.stringify(ids)) as Person[];
}

export function getPerson(db: Db, id: string): Person {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as Person | undefined;
  if (!row) throw notFound();
  return row;
}

/** reports-to must be a colleague in the same project, and the chain must not loop back. */
function checkReportsTo(
  db: Db,
  projectId: string,
  personId: string | null,
  reportsToId: string | null | undefined,
  path: string[],
) {
  if (reportsToId == null) return;
  checkTeamMember(db, projectId, reportsToId, path);
  const chain = db.prepare('SELECT reports_to_id AS r FROM people WHERE id = ?');
  for (let at: string | null = reportsToId, steps = 0; at && steps < 10_000; steps++) {
    if (at === personId) throw invalid(path, 'reporting_cycle');
    at = (chain.get(at) as { r: string | null } | undefined)?.r ?? null;
  }
}

export function createPerson(
  db: Db,
  input: {
    projectId: string;
    name: string;
    role?: Person['role'];
    group?: string;
    reportsToId?: string | null;
  },
): Person {
  const id = newId();
  db.transaction(() => {
    requireProject(db, input.projectId);
    checkReportsTo(db, input.projectId, null, input.reportsToId, ['reportsToId']);
    const stamp = nowStamp();
    db.prepare(
      `INSERT INTO people (id, project_id, name, role, group_name, reports_to_id, position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      input.projectId,
      input.name,
      input.role ?? 'executor',
      input.group ?? '',
      input.reportsToId ?? null,
      nextPosition(db, 'people', input.projectId),
      stamp,
      stamp,
    );
    if (input.role === 'overall_owner') makeOverallOwner(db, input.projectId, id);
  })();
  return getPerson(db, id);
}

export function updatePerson(db: Db, input: { id: string; patch: PersonPatch }): Person {
  return db.transaction(() => {
    const projectId = projectOf(db, 'people', input.id);
    checkReportsTo(db, projectId, input.id, input.patch.reportsToId, ['patch', 'reportsToId']);
    const role = input.patch.role;
    if (role !== undefined && role !== 'overall_owner')
      refuseLeavingNoOwner(db, projectId, input.id, ['patch', 'role']);
    updateFields(db, 'people', COLUMNS, input.id, input.patch, nowStamp());
    if (role === 'overall_owner') makeOverallOwner(db, projectId, input.id);
    return getPerson(db, input.id);
  })();
}

/**
 * The overall owner cannot be deleted before another is named (services/owner.ts).
 * A person who still owns tasks or modules cannot be deleted: their work would silently lose
 * its owner. The error names what to reassign first.
 */
export function deletePerson(db: Db, input: { id: string }): { id: string } {
  db.transaction(() => {
    const projectId = projectOf(db, 'people', input.id);
    refuseLeavingNoOwner(db, projectId, input.id, ['id']);
    const tasks = db
      .prepare('SELECT code FROM tasks WHERE owner_id = ? ORDER BY position')
      .pluck()
      .all(input.id) as string[];
    const modules = db
      .prepare('SELECT name FROM modules WHERE owner_id = ? ORDER BY position')
      .pluck()
      .all(input.id) as string[];
    if (tasks.length || modules.length) {
      throw new AppError({
        code: 'conflict',
        path: ['id'],
        reason: 'person_still_owner',
        params: {
          tasks: tasks.slice(0, 20).join(', '),
          modules: modules.join(', '),
          count: tasks.length + modules.length,
        },
      });
    }
    db.prepare('DELETE FROM people WHERE id = ?').run(input.id);
  })();
  return { id: input.id };
}
