/**
 * Writes a merge planned by merge.ts into the app's database, in one transaction, once every
 * conflict is decided. Rows are written with plain INSERT / UPDATE / DELETE so that the undo
 * capture around it (the caller's) records the whole merge as one step. The versions follow the
 * rows: what came from their copy keeps their stamps, what the merge decided gets a new stamp of
 * this installation, so the decision wins over both copies' older values next time.
 */
import type { Db } from '../db/connection';
import { AppError } from '../shared/errors';
import type { MergeChange, MergePlan, MergeSummary, Side, Stamp } from './merge-types';
import { breaksPlan, planProblems } from './plan-problems';
import { PROJECT_TABLES } from './project-tables';
import { orderRows } from './row-order';
import { RowWriter, type VersionWrite } from './row-writer';
import { localReplica, nextStamp } from './versions';

export type MergeResolutions = Readonly<Record<string, Side>>;

const at = (table: string, key: string) => `${table}\u0000${key}`;

/** Every row key of the project, table by table, as at(table, rowKey) (rowKey's JSON, built directly). */
function projectKeys(db: Db, projectId: string): Set<string> {
  const keys = new Set<string>();
  for (const table of PROJECT_TABLES) {
    const rows = db
      .prepare(`SELECT ${table.key.join(', ')} FROM ${table.name} WHERE ${table.where}`)
      .raw(true)
      .all(projectId) as unknown[][];
    const names = table.key.map((c) => JSON.stringify(c));
    for (const row of rows) {
      let key = '{';
      for (let i = 0; i < names.length; i++) key += `${i ? ',' : ''}${names[i]!}:${JSON.stringify(row[i])}`;
      keys.add(at(table.name, `${key}}`));
    }
  }
  return keys;
}

function sameVector(db: Db, projectId: string, expected: MergePlan['mineVersionVector']): boolean {
  const current = db
    .prepare('SELECT replica, counter FROM version_vectors WHERE project_id = ?')
    .all(projectId) as { replica: string; counter: number }[];
  if (current.length !== expected.length) return false;
  const counters = new Map(expected.map((v) => [v.replica, v.counter]));
  return current.every((v) => counters.get(v.replica) === v.counter);
}

/**
 * Applies the plan with the user's decisions (conflict id → 'mine' | 'theirs') and returns what
 * it did. Refused, with nothing written: a conflict left undecided (invalid_input /
 * unresolved_conflicts), a project changed since the plan was made (conflict / merge_stale), or
 * a result that breaks the plan, such as a loop of predecessors or sub-tasks made of both
 * copies' changes (conflict / merge_breaks_plan, naming the tasks).
 */
export function applyMerge(
  db: Db,
  projectId: string,
  plan: MergePlan,
  resolutions: MergeResolutions,
  myReplicaId: string,
): MergeSummary {
  if (plan.projectId !== projectId) throw new Error('the merge plan is for another project');
  const unresolved = plan.conflicts.filter(
    (c) => resolutions[c.id] !== 'mine' && resolutions[c.id] !== 'theirs',
  );
  if (unresolved.length > 0) {
    throw new AppError({
      code: 'invalid_input',
      reason: 'unresolved_conflicts',
      params: { count: unresolved.length },
    });
  }
  return db.transaction(() => {
    if (localReplica(db).id !== myReplicaId)
      throw new Error('the merge was planned for another installation');
    if (!sameVector(db, projectId, plan.mineVersionVector)) {
      throw new AppError({ code: 'conflict', reason: 'merge_stale' });
    }
    // Rows may name rows written after them (a restored task's parent); checked before commit.
    db.pragma('defer_foreign_keys = ON');
    const writer = new RowWriter(db);
    // Before anything is counted: a re-keyed row is the same record, neither added nor deleted.
    for (const rekey of plan.rekeys) writer.rekey(rekey);
    const before = projectKeys(db, projectId);
    const versions: VersionWrite[] = [];
    const replaced: { table: string; rowKey: string }[] = [];
    const tombstoneFor = new Map<string, Stamp | 'local'>();

    const chosen = plan.changes.filter((c) => !c.when || resolutions[c.when.conflictId] === c.when.choice);
    let updated = plan.summary.updated;
    for (const conflict of plan.conflicts) {
      if (conflict.kind !== 'field') continue;
      const stamp: VersionWrite = {
        table: conflict.table,
        rowKey: conflict.rowKey,
        field: conflict.column,
        stamp: 'local',
        base: conflict.base === null ? null : JSON.stringify(conflict.base),
      };
      if (resolutions[conflict.id] === 'theirs') {
        chosen.push({
          op: 'update',
          table: conflict.table,
          rowKey: conflict.rowKey,
          values: { [conflict.column]: conflict.theirs },
          stamps: [stamp],
        });
        updated++;
      } else {
        versions.push(stamp); // mine, decided: it wins next time over both copies' values
      }
    }

    // Updates first (a task moved away from a person they deleted must be before the delete),
    // then deletions, then new rows (which may reuse a code or a period a deletion freed).
    const ofOp = (op: MergeChange['op']) => chosen.filter((c) => c.op === op);
    const updates = ofOp('update');
    writer.freeCodes(updates);
    for (const change of updates) writer.update(change);
    for (const change of ofOp('delete')) {
      for (const cleared of writer.clearRestrictingReferences(change)) versions.push(cleared);
      writer.delete(change);
      if (change.tombstone) tombstoneFor.set(at(change.table, change.rowKey), change.tombstone);
    }
    const order = new Map(PROJECT_TABLES.map((t, i) => [t.name, i]));
    const inserts = ofOp('insert').sort((a, b) => order.get(a.table)! - order.get(b.table)!);
    for (const change of inserts) {
      writer.insert(change);
      replaced.push({ table: change.table, rowKey: change.rowKey });
    }
    for (const change of chosen) {
      for (const s of change.stamps) versions.push({ table: change.table, rowKey: change.rowKey, ...s });
    }

    // What the copies' decisions leave behind: rows under a row that stayed deleted go with
    // it, references to it are emptied (as SQLite does for a deletion).
    for (const cleared of writer.settleDanglingReferences()) versions.push(cleared);
    // Deletions cannot close a loop or disorder a list: only rows written (or re-parented) can.
    const touched = (table: string, ...columns: string[]) =>
      chosen.some(
        (c) =>
          c.table === table &&
          (c.op === 'insert' || (c.op === 'update' && columns.some((k) => k in c.values))),
      );
    const broken = planProblems(db, projectId, {
      parents: touched('tasks', 'parent_id'),
      links: touched('task_links'),
    });
    if (broken.length > 0) throw breaksPlan(broken);
    const reorder = ['tasks', 'people', 'modules', 'metrics'].filter((t) =>
      touched(t, 'position', 'parent_id'),
    );
    for (const moved of orderRows(db, projectId, reorder)) versions.push(moved);

    const after = writeVersions(db, projectId, plan, { before, versions, replaced, tombstoneFor });

    const dangling = db.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (dangling.length > 0) {
      throw breaksPlan(
        dangling.slice(0, 20).map((d) => ({
          reason: 'dangling_reference',
          params: { table: d.table, parent: d.parent },
        })),
      );
    }
    return {
      added: [...after].filter((k) => !before.has(k)).length,
      updated,
      deleted: [...before].filter((k) => !after.has(k)).length,
      renumbered: chosen.flatMap((c) => (c.renumbered ? [c.renumbered] : [])),
      conflicts: plan.conflicts.length,
      autoResolved: plan.summary.autoResolved,
    };
  })();
}

/**
 * The versions after the merge: stamps of the rows written (theirs as they were, decisions as
 * a new stamp of this installation), tombstones for every row gone (with what it took along),
 * none for a row that is here again, and the version vector both copies add up to.
 */
function writeVersions(
  db: Db,
  projectId: string,
  plan: MergePlan,
  work: {
    before: Set<string>;
    versions: VersionWrite[];
    replaced: { table: string; rowKey: string }[];
    tombstoneFor: Map<string, Stamp | 'local'>;
  },
): Set<string> {
  let local: Stamp | null = null;
  const stamp = (s: Stamp | 'local') => (s === 'local' ? (local ??= nextStamp(db, projectId)) : s);
  const dropVersions = db.prepare('DELETE FROM field_versions WHERE tbl = ? AND row_key = ?');
  const setVersion = db.prepare(
    `INSERT INTO field_versions (project_id, tbl, row_key, field, replica, counter, base)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, row_key, field) DO UPDATE SET
       replica = excluded.replica, counter = excluded.counter, base = excluded.base`,
  );
  const after = projectKeys(db, projectId);
  for (const r of work.replaced) dropVersions.run(r.table, r.rowKey);
  for (const v of work.versions) {
    if (!after.has(at(v.table, v.rowKey))) continue; // written, then gone with a deletion
    const s = stamp(v.stamp);
    setVersion.run(projectId, v.table, v.rowKey, v.field, s.replica, s.counter, v.base);
  }

  const known = new Map(plan.tombstones.map((t) => [at(t.tbl, t.row_key), t]));
  const bury = db.prepare(
    `INSERT INTO tombstones (project_id, tbl, row_key, replica, counter, deleted_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, row_key) DO UPDATE SET replica = excluded.replica, counter = excluded.counter,
       deleted_at = excluded.deleted_at`,
  );
  const unbury = db.prepare('DELETE FROM tombstones WHERE tbl = ? AND row_key = ?');
  const now = new Date().toISOString();
  const split = (id: string) => {
    const i = id.indexOf('\u0000');
    return [id.slice(0, i), id.slice(i + 1)] as const;
  };
  for (const id of work.before) {
    if (after.has(id)) continue;
    const [tbl, key] = split(id);
    dropVersions.run(tbl, key);
    const theirs = known.get(id);
    const chosen =
      work.tombstoneFor.get(id) ?? (theirs ? { replica: theirs.replica, counter: theirs.counter } : 'local');
    const s = stamp(chosen);
    bury.run(
      projectId,
      tbl,
      key,
      s.replica,
      s.counter,
      chosen === 'local' ? now : (theirs?.deleted_at ?? now),
    );
  }
  for (const id of after) {
    if (work.before.has(id)) continue;
    const [tbl, key] = split(id);
    unbury.run(tbl, key);
  }
  const keep = db.prepare(
    `INSERT INTO tombstones (project_id, tbl, row_key, replica, counter, deleted_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, row_key) DO NOTHING`,
  );
  for (const t of plan.tombstones) {
    if (!after.has(at(t.tbl, t.row_key)))
      keep.run(projectId, t.tbl, t.row_key, t.replica, t.counter, t.deleted_at);
  }

  const vector = db.prepare(
    `INSERT INTO version_vectors (project_id, replica, counter, name) VALUES (?, ?, ?, ?)
     ON CONFLICT (project_id, replica) DO UPDATE SET
       name = CASE WHEN excluded.counter >= version_vectors.counter AND excluded.name <> '' THEN excluded.name
                   ELSE version_vectors.name END,
       counter = CASE WHEN excluded.replica = ? THEN max(version_vectors.counter, excluded.counter)
                      ELSE excluded.counter END`,
  );
  // The plan's vector is final for every other replica (it may lower a claim the exporter's own
  // word disproves); ours only ever grows, with the stamps this merge just took.
  const me = localReplica(db).id;
  for (const v of plan.mergedVersionVector) vector.run(projectId, v.replica, v.counter, v.name, me);
  return after;
}
