/**
 * What a copy of a project says about this installation's own changes, checked against what this
 * installation has ever made. Its counter (replica.clock) numbers every change it has stamped, in
 * every project; a copy that names a higher counter of ours — in its version vector, a field's
 * stamp or a tombstone — claims changes we never made. Such a file is forged or damaged, and
 * believing it would make our later changes look already seen by the other copy (and so vanish
 * in a merge), so it is refused before anything is written.
 *
 * A genuine vector may exceed the stamps the file still holds (stamps are overwritten field by
 * field, and the clock is shared by all projects), so only the one impossible claim is refused;
 * the merge itself never lets a copy move our own entry (see planMerge).
 */
import { AppError } from '../shared/errors';
import type { ProjectBundle } from './bundle';
import type { Db } from '../db/connection';
import { localReplica } from './versions';

export function refuseImpossibleClaims(db: Db, bundle: ProjectBundle): void {
  const me = localReplica(db);
  let claimed = 0;
  for (const list of [bundle.versionVector, bundle.fieldVersions, bundle.tombstones]) {
    for (const v of list) if (v.replica === me.id && v.counter > claimed) claimed = v.counter;
  }
  if (claimed > me.clock) {
    throw new AppError({
      code: 'file_refused',
      reason: 'claims_unmade_changes',
      params: { claimed, made: me.clock },
    });
  }
}

/** app_meta key: the highest counter of ours in any copy of the project we exported. */
const exportedKey = (projectId: string) => `sync.exported_upto.${projectId}`;

/** This installation's entry in the project's version vector: its newest change of the project. */
export function ownEntry(db: Db, projectId: string): number {
  const me = localReplica(db);
  const row = db
    .prepare('SELECT counter FROM version_vectors WHERE project_id = ? AND replica = ?')
    .get(projectId, me.id) as { counter: number } | undefined;
  return row?.counter ?? 0;
}

/**
 * Records that a copy holding our changes up to `upto` left this installation (an export). Read
 * before the copy is written, so a change made meanwhile is never counted as sent.
 */
export function recordExported(db: Db, projectId: string, upto: number): void {
  db.prepare(
    `INSERT INTO app_meta (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = CAST(max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)`,
  ).run(exportedKey(projectId), String(upto));
}

/**
 * The most of our changes to the project another copy can have seen: those in a copy we sent
 * out. A change made after the last export cannot be in any other copy, whatever a file claims.
 * Projects never exported by this version of the app fall back to every change of ours.
 */
export function ownChangesSent(db: Db, projectId: string): number {
  const row = db.prepare('SELECT value FROM app_meta WHERE key = ?').get(exportedKey(projectId)) as
    { value: string } | undefined;
  const entry = ownEntry(db, projectId);
  return row ? Math.min(entry, Number(row.value)) : entry;
}
