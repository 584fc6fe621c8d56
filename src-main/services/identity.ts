/**
 * Who the app's user is. There are no accounts in an offline app: the installation has a name
 * (asked for at the first export) and, per project, is matched once to a member of the team.
 * The 总负责人's approvals are those of the installation matched to the project's owner.
 * The match is a row of project_identities, so it travels with the project file: a decision that
 * arrives by merge can be told to come from the owner's installation or from someone else's.
 */
import type { Identity } from '../shared/feedback';
import { nowStamp } from '../db/ids';
import { localReplica, setReplicaName, type Replica } from '../sync/versions';
import { checkTeamMember, requireProject, type Db } from './common';

export function setInstallationName(db: Db, input: { name: string }): { id: string; name: string } {
  const replica = db.transaction(() => setReplicaName(db, input.name))();
  return { id: replica.id, name: replica.name };
}

/** The team member an installation is in a project, or null. */
export function memberOf(db: Db, projectId: string, replicaId: string): { id: string; name: string } | null {
  const row = db
    .prepare(
      `SELECT p.id, p.name FROM project_identities i JOIN people p ON p.id = i.person_id
        WHERE i.project_id = ? AND i.replica_id = ?`,
    )
    .get(projectId, replicaId) as { id: string; name: string } | undefined;
  return row ?? null;
}

/** This installation and the team member it is in the project (null until matched). */
export function whoAmI(
  db: Db,
  projectId: string,
): { replica: Replica; person: { id: string; name: string } | null } {
  const replica = localReplica(db);
  return { replica, person: memberOf(db, projectId, replica.id) };
}

/** The installations matched to the project's owner (several when the owner uses two laptops). */
export function ownerReplicas(db: Db, projectId: string): Set<string> {
  return new Set(
    db
      .prepare(
        `SELECT i.replica_id FROM project_identities i JOIN projects p ON p.id = i.project_id
          WHERE i.project_id = ? AND i.person_id = p.owner_id`,
      )
      .pluck()
      .all(projectId) as string[],
  );
}

export function identityMe(db: Db, input: { projectId: string }): Identity {
  requireProject(db, input.projectId);
  const { replica, person } = whoAmI(db, input.projectId);
  const ownerId = db.prepare('SELECT owner_id FROM projects WHERE id = ?').pluck().get(input.projectId) as
    string | null;
  const suggested =
    replica.name.trim() === ''
      ? undefined
      : (db
          .prepare('SELECT id FROM people WHERE project_id = ? AND name = ? ORDER BY position LIMIT 1')
          .pluck()
          .get(input.projectId, replica.name.trim()) as string | undefined);
  return {
    projectId: input.projectId,
    replicaId: replica.id,
    replicaName: replica.name,
    personId: person?.id ?? null,
    personName: person?.name ?? null,
    isOverallOwner: person !== null && person.id === ownerId,
    suggestedPersonId: suggested ?? null,
  };
}

export function matchIdentity(db: Db, input: { projectId: string; personId: string | null }): Identity {
  db.transaction(() => {
    requireProject(db, input.projectId);
    checkTeamMember(db, input.projectId, input.personId, ['personId']);
    const replica = localReplica(db);
    if (input.personId === null) {
      db.prepare('DELETE FROM project_identities WHERE project_id = ? AND replica_id = ?').run(
        input.projectId,
        replica.id,
      );
      return;
    }
    db.prepare(
      `INSERT INTO project_identities (project_id, replica_id, person_id, replica_name, updated_at)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (project_id, replica_id) DO UPDATE SET person_id = excluded.person_id,
         replica_name = excluded.replica_name, updated_at = excluded.updated_at
       WHERE person_id IS NOT excluded.person_id OR replica_name IS NOT excluded.replica_name`,
    ).run(input.projectId, replica.id, input.personId, replica.name, nowStamp());
  })();
  return identityMe(db, { projectId: input.projectId });
}
