/**
 * One copy of a project indexed for the merge: its rows by table and key, the stamp of each
 * field, its tombstones and its version vector, with what that copy can be said to have seen.
 */
import { REFERENCES, type Reference } from '../db/project-schema';
import type { FieldVersionRow, ProjectBundle, Row, TombstoneRow, VersionVectorRow } from './bundle';
import type { Side, Stamp } from './merge-types';
import { PROJECT_TABLES, PROJECT_TABLE_BY_NAME, rowKey } from './project-tables';
import { ROW_CREATED } from './versions';

/** The id under which maps below keep a row: table and row key. */
export const at = (table: string, key: string) => `${table}\u0000${key}`;
export const idKey = (id: unknown) => JSON.stringify({ id });

export interface SideIndex {
  side: Side;
  /** The installation that made this copy: it knows all of its own changes. */
  self: string;
  rows: Map<string, Map<string, Row>>;
  versions: Map<string, Map<string, FieldVersionRow>>;
  tombstones: Map<string, TombstoneRow>;
  vector: Map<string, number>;
  /** The names the copy's vector gives each replica. */
  names: Map<string, string>;
  /** Rows referring to each row (built on first use): at(parent, key) → referring rows. */
  referrers?: Map<string, { table: string; key: string; column: string }[]>;
}

export function indexSide(side: Side, self: string, bundle: ProjectBundle): SideIndex {
  const rows = new Map<string, Map<string, Row>>();
  for (const table of PROJECT_TABLES) {
    const byKey = new Map<string, Row>();
    for (const row of bundle.tables[table.name] ?? []) byKey.set(rowKey(table, row), row);
    rows.set(table.name, byKey);
  }
  const versions = new Map<string, Map<string, FieldVersionRow>>();
  for (const v of bundle.fieldVersions) {
    const id = at(v.tbl, v.row_key);
    let fields = versions.get(id);
    if (!fields) versions.set(id, (fields = new Map()));
    fields.set(v.field, v);
  }
  const tombstones = new Map(bundle.tombstones.map((t) => [at(t.tbl, t.row_key), t]));
  const vector = new Map(bundle.versionVector.map((v) => [v.replica, v.counter]));
  const names = new Map(bundle.versionVector.map((v) => [v.replica, v.name]));
  return { side, self, rows, versions, tombstones, vector, names };
}

export const stampOf = (v: { replica: string; counter: number } | undefined): Stamp | null =>
  v ? { replica: v.replica, counter: v.counter } : null;

/** Whether a copy has seen a change; no stamp (origin, before migration 5) is known to all. */
export function knows(copy: SideIndex, stamp: Stamp | null): boolean {
  if (stamp === null || stamp.replica === copy.self) return true;
  return stamp.counter <= (copy.vector.get(stamp.replica) ?? 0);
}

/** The change that last set a field: its own entry, else its row's creation, else origin. */
export function fieldEntry(copy: SideIndex, table: string, key: string, field: string) {
  const fields = copy.versions.get(at(table, key));
  return fields?.get(field) ?? fields?.get(ROW_CREATED);
}

/**
 * Whether every change recorded on a row (on `owner`'s side) is known to `other`. A new
 * position is not an edit of the row: inserting a task shifts every row below it, and that
 * must not turn each of them into an edit against the other side's deletion.
 */
export function rowKnownTo(owner: SideIndex, table: string, key: string, other: SideIndex): boolean {
  const fields = owner.versions.get(at(table, key));
  if (!fields) return true;
  for (const v of fields.values()) {
    if (v.field !== 'position' && !knows(other, stampOf(v))) return false;
  }
  return true;
}

/** The references of each table (db/project-schema.ts), by table. */
export const referencesOf = new Map<string, Reference[]>();
for (const r of REFERENCES) referencesOf.set(r.table, [...(referencesOf.get(r.table) ?? []), r]);

/** Rows referring to each row of a copy, for judging what a deletion would take along. */
export function referrers(copy: SideIndex) {
  if (copy.referrers) return copy.referrers;
  const found = new Map<string, { table: string; key: string; column: string }[]>();
  for (const r of REFERENCES) {
    for (const [key, row] of copy.rows.get(r.table) ?? []) {
      const value = row[r.column];
      if (value == null) continue;
      const id = at(r.parent, idKey(value));
      let list = found.get(id);
      if (!list) found.set(id, (list = []));
      list.push({ table: r.table, key, column: r.column });
    }
  }
  copy.referrers = found;
  return found;
}

/**
 * The version vector after the merge, from the two copies' vectors as believeOnlyWhatCanBeSeen
 * left them: our own entry is never taken from the other copy (only our own stamps move it), the
 * exporter's entry is the exporter's own word, every other entry the larger of the two.
 */
export function mergeVectors(projectId: string, me: SideIndex, them: SideIndex): VersionVectorRow[] {
  const merged = new Map<string, VersionVectorRow>();
  const put = (replica: string, counter: number, name: string | undefined) =>
    merged.set(replica, { project_id: projectId, replica, counter, name: name ?? '' });
  for (const [replica, counter] of me.vector) put(replica, counter, me.names.get(replica));
  for (const [replica, counter] of them.vector) {
    if (replica === me.self) continue; // our own entry moves with our own stamps only
    const seen = merged.get(replica);
    if (!seen || counter > seen.counter) put(replica, counter, them.names.get(replica) || seen?.name);
    else if (!seen.name && them.names.get(replica)) seen.name = them.names.get(replica)!;
  }
  return [...merged.values()];
}

/**
 * What a copy says it has seen is believed only as far as it can be true, so that a forged or
 * stale vector can never make a change vanish (a change counted as seen is dropped in favour of
 * the other side's value). The other copy cannot have seen more of this installation's changes
 * to the project than this copy holds; this copy cannot have seen more of the exporter's changes
 * than the exporter itself says it made. Lowering a claim only turns a silent choice into a
 * question, never the other way round. With `ownChangesSent`, the other copy cannot have seen
 * my changes made after my last export either.
 */
export function believeOnlyWhatCanBeSeen(me: SideIndex, them: SideIndex, ownChangesSent?: number): void {
  const mine = Math.min(me.vector.get(me.self) ?? 0, ownChangesSent ?? Infinity);
  if ((them.vector.get(me.self) ?? 0) > mine) them.vector.set(me.self, mine);
  if (!them.self) return;
  const theirOwn = them.vector.get(them.self) ?? 0;
  if ((me.vector.get(them.self) ?? 0) > theirOwn) me.vector.set(them.self, theirOwn);
}

export function mergeTombstones(
  projectId: string,
  mine: TombstoneRow[],
  theirs: TombstoneRow[],
): TombstoneRow[] {
  const merged = new Map<string, TombstoneRow>();
  for (const t of theirs) merged.set(at(t.tbl, t.row_key), { ...t, project_id: projectId });
  for (const t of mine) merged.set(at(t.tbl, t.row_key), t);
  return [...merged.values()].filter((t) => PROJECT_TABLE_BY_NAME.has(t.tbl));
}
