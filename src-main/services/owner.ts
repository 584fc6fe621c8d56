/**
 * Exactly one overall owner (总负责人): the project's owner field and the team role say the same
 * thing. Naming an owner — in the strategy's owner field, or by giving someone the role — makes
 * that person the owner everywhere and the previous one a module owner (if they own a module) or
 * an executor. Once a project has an owner, a change that would leave it without one (clearing
 * the field, changing the owner's role, deleting the owner) is refused, naming who must be
 * replaced first. A new project has no owner until one is named.
 */
import { nowStamp } from '../db/ids';
import { AppError } from '../shared/errors';
import type { Db } from './common';

/** The project's overall owner (id and name), or null when none is named yet. */
export function overallOwner(db: Db, projectId: string): { id: string; name: string } | null {
  return (
    (db
      .prepare('SELECT o.id, o.name FROM projects p JOIN people o ON o.id = p.owner_id WHERE p.id = ?')
      .get(projectId) as { id: string; name: string } | undefined) ?? null
  );
}

/** Makes `personId` the one overall owner of the project: the field, their role, the others' roles. */
export function makeOverallOwner(db: Db, projectId: string, personId: string): void {
  const stamp = nowStamp();
  db.prepare('UPDATE projects SET owner_id = ?, updated_at = ? WHERE id = ? AND owner_id IS NOT ?').run(
    personId,
    stamp,
    projectId,
    personId,
  );
  db.prepare(
    "UPDATE people SET role = 'overall_owner', updated_at = ? WHERE id = ? AND role <> 'overall_owner'",
  ).run(stamp, personId);
  db.prepare(
    `UPDATE people SET updated_at = ?,
       role = CASE WHEN EXISTS (SELECT 1 FROM modules m WHERE m.owner_id = people.id) THEN 'module_owner' ELSE 'executor' END
     WHERE project_id = ? AND id <> ? AND role = 'overall_owner'`,
  ).run(stamp, projectId, personId);
}

/**
 * After a write that may have named an owner in one place only (a merge, where the field and the
 * roles are merged separately): the field wins when set; otherwise a sole person holding the
 * role becomes the owner.
 */
export function reconcileOwner(db: Db, projectId: string): void {
  const field = db.prepare('SELECT owner_id FROM projects WHERE id = ?').pluck().get(projectId) as
    string | null | undefined;
  if (field) return makeOverallOwner(db, projectId, field);
  const holders = db
    .prepare("SELECT id FROM people WHERE project_id = ? AND role = 'overall_owner'")
    .pluck()
    .all(projectId) as string[];
  if (holders.length === 1) makeOverallOwner(db, projectId, holders[0]!);
}

/** Refuses a change that would take the owner away from `personId` without naming another. */
export function refuseLeavingNoOwner(db: Db, projectId: string, personId: string, path: string[]): void {
  const owner = overallOwner(db, projectId);
  if (owner?.id !== personId) return;
  throw new AppError({ code: 'conflict', path, reason: 'owner_required', params: { name: owner.name } });
}
