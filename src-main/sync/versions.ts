/**
 * Versions for merging copies of a project (see migration 5 and docs/project-file.md): every
 * change a user makes is stamped with this installation's id and a counter, field by field, and
 * every deletion leaves a tombstone. A merge compares those stamps with what the other copy has
 * seen (its version vector) to tell a one-sided change from a conflict.
 */
import type { RowChange } from '../db/capture';
import { newId, nowStamp } from '../db/ids';
import type { Db } from '../db/connection';

/** Fields that change with every edit of a row; a merge takes the later one, never a conflict. */
export const UNVERSIONED_FIELDS: ReadonlySet<string> = new Set(['updated_at', 'created_at']);

/** The field under which a row's creation is stamped. */
export const ROW_CREATED = '*';

export interface Replica {
  id: string;
  name: string;
  clock: number;
}

/** This installation's identity, made on first use (so a file copied elsewhere never shares it). */
export function localReplica(db: Db): Replica {
  const row = db.prepare('SELECT id, name, clock FROM replica LIMIT 1').get() as Replica | undefined;
  if (row) return row;
  const made = { id: newId(), name: '', clock: 0 };
  db.prepare('INSERT INTO replica (id, name, clock) VALUES (?, ?, ?)').run(made.id, made.name, made.clock);
  return made;
}

export function setReplicaName(db: Db, name: string): Replica {
  const replica = localReplica(db);
  db.prepare('UPDATE replica SET name = ? WHERE id = ?').run(name, replica.id);
  return { ...replica, name };
}

/** Takes the next counter of this installation and records it in the project's version vector. */
export function nextStamp(db: Db, projectId: string): { replica: string; counter: number } {
  // Read and counted in one statement (an edit runs this once); made first on first use.
  const take = () =>
    db
      .prepare(
        'UPDATE replica SET clock = clock + 1 WHERE id = (SELECT id FROM replica LIMIT 1) RETURNING id, name, clock',
      )
      .get() as Replica | undefined;
  let replica = take();
  if (!replica) {
    localReplica(db);
    replica = take()!;
  }
  const counter = replica.clock;
  db.prepare(
    `INSERT INTO version_vectors (project_id, replica, counter, name) VALUES (?, ?, ?, ?)
     ON CONFLICT (project_id, replica) DO UPDATE SET counter = max(counter, excluded.counter), name = excluded.name`,
  ).run(projectId, replica.id, counter, replica.name);
  return { replica: replica.id, counter };
}

const json = (v: unknown) => JSON.stringify(v === undefined ? null : v);

/**
 * Stamps one user action's changes (as captured for undo) with a single new counter: a new row
 * gets a creation stamp (and loses any tombstone, e.g. when a delete is undone), a changed field
 * its own stamp, a deleted row a tombstone. The base kept for a field is its value before this
 * installation first changed it, so a conflict can show what both sides started from.
 */
export function stampChanges(db: Db, projectId: string, changes: readonly RowChange[]): void {
  if (changes.length === 0) return;
  const { replica, counter } = nextStamp(db, projectId);
  const dropVersions = db.prepare('DELETE FROM field_versions WHERE tbl = ? AND row_key = ?');
  const dropTombstone = db.prepare('DELETE FROM tombstones WHERE tbl = ? AND row_key = ?');
  const bury = db.prepare(
    `INSERT INTO tombstones (project_id, tbl, row_key, replica, counter, deleted_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, row_key) DO UPDATE SET replica = excluded.replica, counter = excluded.counter,
       deleted_at = excluded.deleted_at`,
  );
  // The changed fields' stamps, written together by one statement: a paste of 1,000 rows of three
  // columns spent more on 3,000 single upserts than on its UPDATEs. Written before any other
  // stamp of the list, so that the order of the list still decides (a row updated, then deleted).
  const fields: [string, string, string, string | null][] = [];
  const flush = () => {
    if (fields.length === 0) return;
    setVersions(db, projectId, replica, counter, fields);
    fields.length = 0;
  };
  const now = nowStamp();
  for (const change of changes) {
    const key = JSON.stringify(change.key);
    if (change.before === null && change.after !== null) {
      flush();
      dropTombstone.run(change.table, key);
      dropVersions.run(change.table, key);
      fields.push([change.table, key, ROW_CREATED, null]);
    } else if (change.after === null) {
      flush();
      dropVersions.run(change.table, key);
      bury.run(projectId, change.table, key, replica, counter, now);
    } else if (change.before !== null) {
      for (const field of Object.keys(change.after)) {
        if (UNVERSIONED_FIELDS.has(field)) continue;
        // Stored values are text, numbers or null (undefined: absent, i.e. null).
        const was = change.before[field] ?? null;
        if (was === (change.after[field] ?? null)) continue;
        fields.push([change.table, key, field, json(was)]);
      }
    }
  }
  flush();
}

/**
 * Stamps fields (table, row key, field, base) with one counter, in the order given. The base of a
 * field this installation changed before stays (see stampChanges).
 */
function setVersions(
  db: Db,
  projectId: string,
  replica: string,
  counter: number,
  fields: readonly [string, string, string, string | null][],
): void {
  db.prepare(
    `INSERT INTO field_versions (project_id, tbl, row_key, field, replica, counter, base)
     SELECT ?, value ->> 0, value ->> 1, value ->> 2, ?, ?, value ->> 3
       FROM json_each(?) WHERE true ORDER BY key
     ON CONFLICT (tbl, row_key, field) DO UPDATE SET
       base = CASE WHEN field_versions.replica = excluded.replica THEN field_versions.base ELSE excluded.base END,
       replica = excluded.replica, counter = excluded.counter`,
  ).run(projectId, replica, counter, JSON.stringify(fields));
}
