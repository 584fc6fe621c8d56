/**
 * The shape of a merge plan (merge.ts makes it, apply-merge.ts writes it, the preview shows it):
 * stamps, row changes, conflicts, the summary.
 */
import type { Row, TombstoneRow, VersionVectorRow } from './bundle';

/** One change of one replica: its id and its counter. */
export interface Stamp {
  replica: string;
  counter: number;
}

/** 'mine': this installation's copy; 'theirs': the colleague's copy being merged in. */
export type Side = 'mine' | 'theirs';

/** A cell as SQLite stores it in these tables (no blobs). */
export type CellValue = string | number | null;

/** A field_versions entry to record: 'local' is a new stamp of this installation, taken on apply. */
export interface FieldStamp {
  field: string;
  stamp: Stamp | 'local';
  /** JSON of the value the field had before the stamping replica changed it. */
  base: string | null;
}

export interface MergeChange {
  op: 'insert' | 'update' | 'delete';
  table: string;
  /** The row's key as field_versions and tombstones write it, e.g. {"id":"…"}. */
  rowKey: string;
  /** insert: the whole row; update: the columns to set; delete: nothing. */
  values: Row;
  /** The versions to record for the row (insert: all of them, replacing any left over). */
  stamps: FieldStamp[];
  /** delete: the tombstone to leave ('local': a new stamp of this installation). */
  tombstone?: Stamp | 'local';
  /** A task given a free code because its own was taken by another task. */
  renumbered?: { from: string; to: string };
  /** Applied only when that conflict is resolved that way. */
  when?: { conflictId: string; choice: Side };
}

interface ConflictCommon {
  /** Stable for the same two copies: `${table}|${rowKey}|${column or '*'}`. */
  id: string;
  table: string;
  rowKey: string;
  /** What the row is, for people: a task's code and name, a module's or a metric's name … */
  label: string;
}

/** The same field changed on both sides. */
export interface FieldConflict extends ConflictCommon {
  kind: 'field';
  column: string;
  mine: CellValue;
  theirs: CellValue;
  /** The value both started from, when a stamp recorded it; null when unknown. */
  base: CellValue;
  myStamp: Stamp | null;
  theirStamp: Stamp | null;
}

/**
 * An edit against a deletion. deleted_by_me: I deleted the row, they changed it (or added rows
 * under it): 'mine' keeps it deleted, 'theirs' restores their row with what hangs under it.
 * deleted_by_them: they deleted it, I changed it: 'mine' keeps my row, 'theirs' deletes it.
 */
export interface RowConflict extends ConflictCommon {
  kind: 'deleted_by_me' | 'deleted_by_them';
  column: null;
  mine: null;
  theirs: null;
  base: null;
  /** Rows that stay or go with it (sub-tasks, links, check-ins, values …), counted by table. */
  dependents: Record<string, number>;
}

export type MergeConflict = FieldConflict | RowConflict;

export interface MergeSummary {
  /** Rows added (their new rows, restored rows). */
  added: number;
  /** Fields given their value. */
  updated: number;
  /** Rows deleted, with what their deletion took along. */
  deleted: number;
  /** Their tasks given a new code because another task of mine had theirs. */
  renumbered: { from: string; to: string }[];
  conflicts: number;
  /** Conflicts settled without a question (the order of rows: mine is kept). */
  autoResolved: number;
}

export interface MergePlan {
  projectId: string;
  /** My version vector when planned: applying refuses a copy that was changed since. */
  mineVersionVector: VersionVectorRow[];
  /** My rows to give their copy's id first (the same record added on both sides). */
  rekeys: Rekey[];
  /** Row changes that apply whatever is decided, and those that depend on a decision. */
  changes: MergeChange[];
  conflicts: MergeConflict[];
  /** What applying does before any conflict is decided (conflicts counted, not applied). */
  summary: MergeSummary;
  /** Per replica, the newest change either copy has seen. */
  mergedVersionVector: VersionVectorRow[];
  /** Both copies' tombstones (mine where both have one): kept for every row absent after the merge. */
  tombstones: TombstoneRow[];
}

/** A row of mine to give the id of the same record in their copy (see alignNaturalKeys). */
export interface Rekey {
  table: string;
  from: string;
  to: string;
}
