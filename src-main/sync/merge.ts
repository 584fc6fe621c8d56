/**
 * The three-way merge of a colleague's copy of a project ("theirs") into this installation's
 * ("mine"), planned without touching the database: apply-merge.ts writes the plan once every
 * conflict is decided.
 *
 * Nothing here compares timestamps. Each field carries the stamp (replica, counter) of the change
 * that last set it, and each copy a version vector saying which changes it has seen (migration 5,
 * versions.ts). A field that differs is a one-sided change when one side's stamp is known to the
 * other copy (that copy saw it and moved on), and a conflict when neither side has seen the
 * other's. Deletions work the same way through tombstones, judged over the whole group of rows a
 * deletion takes along (a task with its sub-tasks, links and check-ins is one question).
 */
import type {
  FieldVersionRow,
  ProjectBundle,
  Row,
  TombstoneRow,
  VersionVectorRow,
} from '../project-file/format';
import { taskCode } from '../services/tasks';
import { PROJECT_TABLES, PROJECT_TABLE_BY_NAME, rowKey } from './project-tables';
import { ROW_CREATED } from './versions';

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

/**
 * How rows of a project refer to each other (besides project_id), with what SQLite does to the
 * referring row when the referred one is deleted. Checked against the schema by a test.
 */
export interface Reference {
  table: string;
  column: string;
  parent: string;
  onDelete: 'cascade' | 'set_null' | 'restrict';
}

export const REFERENCES: readonly Reference[] = [
  { table: 'projects', column: 'owner_id', parent: 'people', onDelete: 'set_null' },
  { table: 'people', column: 'reports_to_id', parent: 'people', onDelete: 'set_null' },
  { table: 'modules', column: 'owner_id', parent: 'people', onDelete: 'set_null' },
  { table: 'tasks', column: 'owner_id', parent: 'people', onDelete: 'restrict' },
  { table: 'tasks', column: 'module_id', parent: 'modules', onDelete: 'set_null' },
  { table: 'tasks', column: 'parent_id', parent: 'tasks', onDelete: 'cascade' },
  { table: 'task_links', column: 'predecessor_id', parent: 'tasks', onDelete: 'cascade' },
  { table: 'task_links', column: 'successor_id', parent: 'tasks', onDelete: 'cascade' },
  { table: 'metrics', column: 'module_id', parent: 'modules', onDelete: 'set_null' },
  { table: 'metrics', column: 'task_id', parent: 'tasks', onDelete: 'set_null' },
  { table: 'metric_actuals', column: 'metric_id', parent: 'metrics', onDelete: 'cascade' },
  { table: 'module_snapshots', column: 'period_id', parent: 'tracking_periods', onDelete: 'cascade' },
  { table: 'spend_entries', column: 'module_id', parent: 'modules', onDelete: 'set_null' },
  { table: 'spend_entries', column: 'task_id', parent: 'tasks', onDelete: 'set_null' },
  { table: 'task_checkins', column: 'task_id', parent: 'tasks', onDelete: 'cascade' },
  { table: 'lessons', column: 'module_id', parent: 'modules', onDelete: 'set_null' },
  { table: 'project_identities', column: 'person_id', parent: 'people', onDelete: 'cascade' },
  { table: 'issues', column: 'reporter_id', parent: 'people', onDelete: 'set_null' },
  { table: 'issues', column: 'module_id', parent: 'modules', onDelete: 'set_null' },
  { table: 'issues', column: 'task_id', parent: 'tasks', onDelete: 'set_null' },
  { table: 'issues', column: 'owner_id', parent: 'people', onDelete: 'set_null' },
  { table: 'feedback', column: 'module_id', parent: 'modules', onDelete: 'set_null' },
  { table: 'feedback', column: 'task_id', parent: 'tasks', onDelete: 'set_null' },
  { table: 'feedback', column: 'metric_id', parent: 'metrics', onDelete: 'set_null' },
  { table: 'adjustments', column: 'module_id', parent: 'modules', onDelete: 'set_null' },
  { table: 'adjustments', column: 'proposer_id', parent: 'people', onDelete: 'set_null' },
  { table: 'adjustments', column: 'owner_id', parent: 'people', onDelete: 'set_null' },
  { table: 'adjustments', column: 'expected_metric_id', parent: 'metrics', onDelete: 'set_null' },
  { table: 'adjustments', column: 'decided_by_id', parent: 'people', onDelete: 'set_null' },
  { table: 'adjustment_changes', column: 'adjustment_id', parent: 'adjustments', onDelete: 'cascade' },
  { table: 'adjustment_changes', column: 'module_id', parent: 'modules', onDelete: 'set_null' },
  { table: 'adjustment_changes', column: 'task_id', parent: 'tasks', onDelete: 'set_null' },
  { table: 'adjustment_changes', column: 'metric_id', parent: 'metrics', onDelete: 'set_null' },
  { table: 'adjustment_changes', column: 'new_owner_id', parent: 'people', onDelete: 'set_null' },
  { table: 'adjustment_changes', column: 'before_owner_id', parent: 'people', onDelete: 'set_null' },
  { table: 'adjustment_changes', column: 'created_task_id', parent: 'tasks', onDelete: 'set_null' },
  { table: 'adjustment_events', column: 'adjustment_id', parent: 'adjustments', onDelete: 'cascade' },
  { table: 'adjustment_events', column: 'person_id', parent: 'people', onDelete: 'set_null' },
  { table: 'cause_issue_links', column: 'root_cause_id', parent: 'root_causes', onDelete: 'cascade' },
  { table: 'cause_issue_links', column: 'issue_id', parent: 'issues', onDelete: 'cascade' },
  { table: 'cause_feedback_links', column: 'root_cause_id', parent: 'root_causes', onDelete: 'cascade' },
  { table: 'cause_feedback_links', column: 'feedback_id', parent: 'feedback', onDelete: 'cascade' },
  { table: 'adjustment_issue_links', column: 'adjustment_id', parent: 'adjustments', onDelete: 'cascade' },
  { table: 'adjustment_issue_links', column: 'issue_id', parent: 'issues', onDelete: 'cascade' },
  { table: 'adjustment_feedback_links', column: 'adjustment_id', parent: 'adjustments', onDelete: 'cascade' },
  { table: 'adjustment_feedback_links', column: 'feedback_id', parent: 'feedback', onDelete: 'cascade' },
  { table: 'adjustment_cause_links', column: 'adjustment_id', parent: 'adjustments', onDelete: 'cascade' },
  { table: 'adjustment_cause_links', column: 'root_cause_id', parent: 'root_causes', onDelete: 'cascade' },
];

/**
 * Records the two copies may both have added for the same thing, under different ids: a metric's
 * value for a period, a tracking period. They are one record (the smaller id kept on both
 * copies), not a clash.
 */
const NATURAL_KEYS: readonly { table: string; columns: readonly string[] }[] = [
  { table: 'tracking_periods', columns: ['project_id', 'start_date'] },
  { table: 'metric_actuals', columns: ['metric_id', 'period_start'] },
  // The same gap of the attention list turned into 数据反馈 on both sides (rows without a gap
  // key are never matched: a null is no key).
  { table: 'feedback', columns: ['project_id', 'gap_key'] },
];

/**
 * Closing a tracking period (its instant and the plan's progress then), set by a click on each
 * side that did it. Changed on both sides, it is never a question: a period closed on one side
 * only is closed (the other side had not got there yet, or matched its own new period to it,
 * see NATURAL_KEYS); closed on both, the instants differ by chance, not by intent, and mine is
 * kept. Either way the two columns come from the same side.
 */
const CLOSING_COLUMNS = new Set(['closed_at', 'progress_at_close']);
const closingSide = (my: Row, their: Row): Side | null =>
  my.closed_at != null ? 'mine' : their.closed_at != null ? 'theirs' : null;

/** Bookkeeping columns: merged by rule, never a question, not counted as updated. */
const TIMESTAMP_COLUMNS = new Set(['created_at', 'updated_at']);

/** The id under which maps below keep a row: table and row key. */
const at = (table: string, key: string) => `${table}\u0000${key}`;
const idKey = (id: unknown) => JSON.stringify({ id });

interface SideIndex {
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

function indexSide(side: Side, self: string, bundle: ProjectBundle): SideIndex {
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

const stampOf = (v: { replica: string; counter: number } | undefined): Stamp | null =>
  v ? { replica: v.replica, counter: v.counter } : null;

/** Whether a copy has seen a change; no stamp (origin, before migration 5) is known to all. */
function knows(copy: SideIndex, stamp: Stamp | null): boolean {
  if (stamp === null || stamp.replica === copy.self) return true;
  return stamp.counter <= (copy.vector.get(stamp.replica) ?? 0);
}

/** The change that last set a field: its own entry, else its row's creation, else origin. */
function fieldEntry(copy: SideIndex, table: string, key: string, field: string) {
  const fields = copy.versions.get(at(table, key));
  return fields?.get(field) ?? fields?.get(ROW_CREATED);
}

/**
 * Whether every change recorded on a row (on `owner`'s side) is known to `other`. A new
 * position is not an edit of the row: inserting a task shifts every row below it, and that
 * must not turn each of them into an edit against the other side's deletion.
 */
function rowKnownTo(owner: SideIndex, table: string, key: string, other: SideIndex): boolean {
  const fields = owner.versions.get(at(table, key));
  if (!fields) return true;
  for (const v of fields.values()) {
    if (v.field !== 'position' && !knows(other, stampOf(v))) return false;
  }
  return true;
}

const parseJson = (text: string | null | undefined): CellValue => {
  if (text == null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' || typeof value === 'number' ? value : null;
  } catch {
    return null;
  }
};

const referencesOf = new Map<string, Reference[]>();
const referencesTo = new Map<string, Reference[]>();
for (const r of REFERENCES) {
  referencesOf.set(r.table, [...(referencesOf.get(r.table) ?? []), r]);
  referencesTo.set(r.parent, [...(referencesTo.get(r.parent) ?? []), r]);
}

/** Rows referring to each row of a copy, for judging what a deletion would take along. */
function referrers(copy: SideIndex) {
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

/** A row of mine to give the id of the same record in their copy (see alignNaturalKeys). */
export interface Rekey {
  table: string;
  from: string;
  to: string;
}

/**
 * Rows re-keyed where both copies added the same natural record (a period with the same start,
 * a metric's value for the same period) under different ids. The record keeps the smaller of
 * the two ids, whichever copy merges which: so both copies end with the same id, and a later
 * edit or deletion of it on one side reaches the other. Rows and versions naming the dropped id
 * are made to name the kept one, in their bundle here; `rekeys` lists my rows to re-key in the
 * database (apply-merge.ts does it before anything else).
 */
function alignNaturalKeys(
  mine: ProjectBundle,
  theirs: ProjectBundle,
): { mine: ProjectBundle; theirs: ProjectBundle; rekeys: Rekey[] } {
  const idsOf = (bundle: ProjectBundle, table: string) =>
    new Set((bundle.tables[table] ?? []).map((r) => r.id as string));
  const buried = (bundle: ProjectBundle) => new Set(bundle.tombstones.map((t) => at(t.tbl, t.row_key)));
  const mineBuried = buried(mine);
  const theirsBuried = buried(theirs);
  const renamedMine = new Map<string, Map<unknown, string>>();
  const renamedTheirs = new Map<string, Map<unknown, string>>();
  const rekeys: Rekey[] = [];
  for (const { table, columns } of NATURAL_KEYS) {
    const myIds = idsOf(mine, table);
    const theirIds = idsOf(theirs, table);
    const natural = (row: Row) => JSON.stringify(columns.map((c) => row[c]));
    const mineOnly = new Map<string, Row>();
    const keyed = (row: Row) => columns.every((c) => row[c] !== null && row[c] !== undefined);
    for (const row of mine.tables[table] ?? []) {
      if (!keyed(row)) continue;
      if (!theirIds.has(row.id as string) && !theirsBuried.has(at(table, idKey(row.id)))) {
        mineOnly.set(natural(row), row);
      }
    }
    const mineMap = new Map<unknown, string>();
    const theirMap = new Map<unknown, string>();
    for (const row of theirs.tables[table] ?? []) {
      if (!keyed(row)) continue;
      if (myIds.has(row.id as string) || mineBuried.has(at(table, idKey(row.id)))) continue;
      const match = mineOnly.get(natural(row));
      if (!match) continue;
      mineOnly.delete(natural(row));
      const [myId, theirId] = [match.id as string, row.id as string];
      if (myId < theirId) theirMap.set(theirId, myId);
      else {
        mineMap.set(myId, theirId);
        rekeys.push({ table, from: myId, to: theirId });
      }
    }
    if (mineMap.size > 0) renamedMine.set(table, mineMap);
    if (theirMap.size > 0) renamedTheirs.set(table, theirMap);
  }
  return {
    mine: renameIds(mine, renamedMine),
    theirs: renameIds(theirs, renamedTheirs),
    rekeys,
  };
}

/** A bundle with ids replaced (table → old id → new id), in rows, references and versions. */
function renameIds(bundle: ProjectBundle, renamed: Map<string, Map<unknown, string>>): ProjectBundle {
  if (renamed.size === 0) return bundle;
  // The columns holding a renamed table's id: its own id and the references to it.
  const columnsToRename = (table: string) => {
    const list: { column: string; map: Map<unknown, string> }[] = [];
    const own = renamed.get(table);
    if (own) list.push({ column: 'id', map: own });
    for (const r of referencesOf.get(table) ?? []) {
      const map = renamed.get(r.parent);
      if (map) list.push({ column: r.column, map });
    }
    return list;
  };
  const tables: Record<string, Row[]> = { ...bundle.tables };
  const rekeyed = new Map<string, (key: string) => string>();
  for (const table of PROJECT_TABLES) {
    const columns = columnsToRename(table.name);
    if (columns.length === 0) continue;
    const rename = (row: Row): Row => {
      let copy: Row | null = null;
      for (const { column, map } of columns) {
        const next = map.get(row[column]);
        if (next !== undefined) (copy ??= { ...row })[column] = next;
      }
      return copy ?? row;
    };
    tables[table.name] = (bundle.tables[table.name] ?? []).map(rename);
    rekeyed.set(table.name, (key) => {
      try {
        return rowKey(table, rename(JSON.parse(key) as Row));
      } catch {
        return key;
      }
    });
  }
  const keyOf = (tbl: string, key: string) => rekeyed.get(tbl)?.(key) ?? key;
  return {
    ...bundle,
    tables,
    fieldVersions: bundle.fieldVersions.map((v) =>
      rekeyed.has(v.tbl) ? { ...v, row_key: keyOf(v.tbl, v.row_key) } : v,
    ),
    tombstones: bundle.tombstones.map((t) =>
      rekeyed.has(t.tbl) ? { ...t, row_key: keyOf(t.tbl, t.row_key) } : t,
    ),
  };
}

/** Words for a row in a conflict, from whichever copy has it. */
function labeller(mine: SideIndex, theirs: SideIndex) {
  const find = (table: string, key: string): Row | undefined =>
    mine.rows.get(table)?.get(key) ?? theirs.rows.get(table)?.get(key);
  const byId = (table: string, id: unknown) => (id == null ? undefined : find(table, idKey(id)));
  const task = (id: unknown) => {
    const t = byId('tasks', id);
    return t ? `${String(t.code)} ${String(t.name)}` : '?';
  };
  const code = (id: unknown) => String(byId('tasks', id)?.code ?? '?');
  return (table: string, key: string): string => {
    const row = find(table, key);
    if (!row) return key;
    switch (table) {
      case 'tasks':
        return task(row.id);
      case 'task_links':
        return `${code(row.predecessor_id)} → ${code(row.successor_id)}`;
      case 'metric_actuals':
        return `${String(byId('metrics', row.metric_id)?.name ?? '?')} ${String(row.period_start)}`;
      case 'tracking_periods':
        return `${String(row.start_date)} – ${String(row.end_date)}`;
      case 'module_snapshots':
        return `${String(row.name)} (${String(byId('tracking_periods', row.period_id)?.start_date ?? '?')})`;
      case 'spend_entries':
        return `${String(row.spent_on)} ${String(row.note ?? '')}`.trim();
      case 'task_checkins':
        return `${task(row.task_id)} ${String(row.checkin_date)}`;
      case 'issues':
      case 'root_causes':
      case 'adjustments':
        return String(row.title);
      case 'feedback':
        return `${String(row.received_on)} ${String(row.content).slice(0, 40)}`.trim();
      case 'adjustment_changes':
        return `${String(byId('adjustments', row.adjustment_id)?.title ?? '?')} · ${String(row.kind)}`;
      case 'adjustment_events':
        return `${String(byId('adjustments', row.adjustment_id)?.title ?? '?')} · ${String(row.action)}`;
      case 'project_identities':
        return `${String(row.replica_name)} → ${String(byId('people', row.person_id)?.name ?? '?')}`;
      default:
        return String(row.name ?? key);
    }
  };
}

/** A deletion on one side of rows the other side still has, grouped under the row deleted. */
interface DeletionGroup {
  table: string;
  key: string;
  /** The root and every row that goes with it (on the side that kept them), root first. */
  members: { table: string; key: string }[];
  clean: boolean;
}

/**
 * The rows `keeper` has and `deleter` deleted (or never had, under a deleted row), grouped by
 * the deleted row at the top. A group is clean when the deleter has seen every change of every
 * row in it and every reference to them: then the deletion simply stands.
 */
function deletionGroups(keeper: SideIndex, deleter: SideIndex) {
  const groups = new Map<string, DeletionGroup>();
  if (deleter.tombstones.size === 0) return { groups, groupOf: () => undefined };
  const onlyKeeper = (table: string, key: string) =>
    keeper.rows.get(table)?.has(key) === true && deleter.rows.get(table)?.has(key) !== true;
  const deleted = (table: string, key: string) => {
    if (!onlyKeeper(table, key)) return false;
    const tombstone = deleter.tombstones.get(at(table, key));
    // A keeper that saw the deletion and still has the row brought it back: not deleted.
    return tombstone !== undefined && !knows(keeper, stampOf(tombstone));
  };
  // The deleted row at the top of a row's cascade parents, if any.
  const anchors = new Map<string, string | null>();
  const anchorOf = (table: string, key: string): string | null => {
    const id = at(table, key);
    const known = anchors.get(id);
    if (known !== undefined) return known;
    anchors.set(id, null); // a loop in bad data ends here
    let found: string | null = null;
    const row = keeper.rows.get(table)?.get(key);
    for (const r of referencesOf.get(table) ?? []) {
      if (r.onDelete !== 'cascade' || row?.[r.column] == null) continue;
      const parentKey = idKey(row[r.column]);
      if (!onlyKeeper(r.parent, parentKey)) continue;
      found =
        anchorOf(r.parent, parentKey) ?? (deleted(r.parent, parentKey) ? at(r.parent, parentKey) : null);
      if (found) break;
    }
    anchors.set(id, found);
    return found;
  };

  const follower = new Map<string, string>();
  for (const table of PROJECT_TABLES) {
    for (const key of keeper.rows.get(table.name)?.keys() ?? []) {
      if (!onlyKeeper(table.name, key)) continue;
      const anchor = anchorOf(table.name, key);
      if (anchor) {
        follower.set(at(table.name, key), anchor);
      } else if (deleted(table.name, key)) {
        groups.set(at(table.name, key), {
          table: table.name,
          key,
          members: [{ table: table.name, key }],
          clean: true,
        });
      }
    }
  }
  for (const [id, anchor] of follower) {
    const sep = id.indexOf('\u0000');
    groups.get(anchor)?.members.push({ table: id.slice(0, sep), key: id.slice(sep + 1) });
  }
  const groupOf = (table: string, key: string): DeletionGroup | undefined => {
    const id = at(table, key);
    return groups.get(follower.get(id) ?? id);
  };

  for (const group of groups.values()) {
    for (const m of group.members) {
      if (!rowKnownTo(keeper, m.table, m.key, deleter)) group.clean = false;
      if (!group.clean) break;
      // A reference to the row made by the keeper after the deletion (an owner given, a link
      // added) is an edit of what the deleter removed.
      for (const ref of referrers(keeper).get(at(m.table, m.key)) ?? []) {
        if (groupOf(ref.table, ref.key) === group) continue;
        const entry = fieldEntry(keeper, ref.table, ref.key, ref.column);
        if (!knows(deleter, stampOf(entry))) {
          group.clean = false;
          break;
        }
      }
      if (!group.clean) break;
    }
  }
  return { groups, groupOf };
}

/**
 * Plans the merge of `theirs` into `mine` (both one project, as readProjectBundle reads it):
 * every change to make, every conflict to decide. Pure: reads only its arguments.
 */
export function planMerge(
  mine: ProjectBundle,
  theirs: ProjectBundle,
  myReplicaId: string,
  /** The most of my changes a copy sent out can hold (see sync/claims.ts); all of them if unknown. */
  options: { ownChangesSent?: number } = {},
): MergePlan {
  const projectId = mine.tables.projects?.[0]?.id;
  if (typeof projectId !== 'string' || theirs.tables.projects?.[0]?.id !== projectId) {
    throw new Error('planMerge needs two copies of the same project');
  }
  const { mine: myAligned, theirs: aligned, rekeys } = alignNaturalKeys(mine, theirs);
  const me = indexSide('mine', myReplicaId, myAligned);
  // A file naming this installation as its exporter is not taken at its word for our changes.
  const exporter = theirs.info.exporterId === myReplicaId ? '' : theirs.info.exporterId;
  const them = indexSide('theirs', exporter, aligned);
  believeOnlyWhatCanBeSeen(me, them, options.ownChangesSent);
  const label = labeller(me, them);

  const changes: MergeChange[] = [];
  const conflicts: MergeConflict[] = [];
  const summary: MergeSummary = {
    added: 0,
    updated: 0,
    deleted: 0,
    renumbered: [],
    conflicts: 0,
    autoResolved: 0,
  };
  const theirStamps = (table: string, key: string): FieldStamp[] =>
    [...(them.versions.get(at(table, key))?.values() ?? [])].map((v) => ({
      field: v.field,
      stamp: { replica: v.replica, counter: v.counter },
      base: v.base,
    }));

  // Deletions first: the field merge below needs to know which rows are in question.
  const deletedByMe = deletionGroups(them, me);
  const deletedByThem = deletionGroups(me, them);
  const rowConflict = (kind: RowConflict['kind'], group: DeletionGroup): RowConflict => {
    const dependents: Record<string, number> = {};
    for (const m of group.members.slice(1)) dependents[m.table] = (dependents[m.table] ?? 0) + 1;
    return {
      id: `${group.table}|${group.key}|*`,
      kind,
      table: group.table,
      rowKey: group.key,
      label: label(group.table, group.key),
      column: null,
      mine: null,
      theirs: null,
      base: null,
      dependents,
    };
  };
  /**
   * A reference that differs because of a deletion in question takes their value when the
   * deletion is decided their way (restored, or deleted), and otherwise keeps mine, stamped as
   * this merge's decision so their copy takes it back. Never left to the deletion's own effect
   * on apply: SQLite's cascade would delete a task they had only moved under the task I keep
   * deleted, and a task I keep in a module they deleted would lose it.
   */
  const followDecision = (
    group: DeletionGroup,
    table: string,
    key: string,
    column: string,
    mineValue: CellValue,
    theirValue: CellValue,
    theirStamp: Stamp,
    theirBase: string | null | undefined,
  ) => {
    const conflictId = `${group.table}|${group.key}|*`;
    changes.push(
      {
        op: 'update',
        table,
        rowKey: key,
        values: { [column]: theirValue },
        stamps: [{ field: column, stamp: theirStamp, base: theirBase ?? null }],
        when: { conflictId, choice: 'theirs' },
      },
      {
        op: 'update',
        table,
        rowKey: key,
        values: { [column]: mineValue },
        stamps: [{ field: column, stamp: 'local', base: JSON.stringify(theirValue) }],
        when: { conflictId, choice: 'mine' },
      },
    );
  };
  for (const group of deletedByMe.groups.values()) {
    if (group.clean) continue; // stays deleted
    const conflict = rowConflict('deleted_by_me', group);
    conflicts.push(conflict);
    for (const m of group.members) {
      changes.push({
        op: 'insert',
        table: m.table,
        rowKey: m.key,
        values: them.rows.get(m.table)!.get(m.key)!,
        stamps: theirStamps(m.table, m.key),
        when: { conflictId: conflict.id, choice: 'theirs' },
      });
    }
  }
  const goneTasks = new Set<string>(); // deleted whatever is decided, with what they take along
  for (const group of deletedByThem.groups.values()) {
    const tombstone = them.tombstones.get(at(group.table, group.key))!;
    if (group.clean) {
      changes.push({
        op: 'delete',
        table: group.table,
        rowKey: group.key,
        values: {},
        stamps: [],
        tombstone: stampOf(tombstone)!,
      });
      summary.deleted += group.members.length;
      for (const m of group.members) if (m.table === 'tasks') goneTasks.add(m.key);
      continue;
    }
    const conflict = rowConflict('deleted_by_them', group);
    conflicts.push(conflict);
    changes.push({
      op: 'delete',
      table: group.table,
      rowKey: group.key,
      values: {},
      stamps: [],
      tombstone: 'local',
      when: { conflictId: conflict.id, choice: 'theirs' },
    });
  }

  // Rows both copies have: field by field.
  const updates = new Map<string, MergeChange>();
  for (const table of PROJECT_TABLES) {
    const theirRows = them.rows.get(table.name)!;
    const myRows = me.rows.get(table.name)!;
    const first = myRows.values().next().value;
    if (!first) continue;
    // Every row of a table has the same columns (SELECT *): the ones to compare, listed once.
    const compared = Object.keys(first).filter((c) => !table.key.includes(c) && !TIMESTAMP_COLUMNS.has(c));
    for (const [key, my] of myRows) {
      const their = theirRows.get(key);
      if (!their) continue;
      const values: Row = {};
      const stamps: FieldStamp[] = [];
      const closer = table.name === 'tracking_periods' ? closingSide(my, their) : null;
      for (const column of compared) {
        const a = my[column];
        const b = their[column];
        if (a === b || !(column in their)) continue;
        const theirEntry = fieldEntry(them, table.name, key, column);
        const theirStamp = stampOf(theirEntry);
        if (table.name === 'projects' && column === 'next_task_seq') {
          // Codes are never given out twice: the higher counter covers both copies' codes.
          if (typeof a === 'number' && typeof b === 'number' && b > a) {
            values[column] = b;
            if (theirStamp) stamps.push({ field: column, stamp: theirStamp, base: theirEntry?.base ?? null });
          }
          continue;
        }
        if (knows(me, theirStamp)) continue; // I have seen their value and changed it since
        const myEntry = fieldEntry(me, table.name, key, column);
        const myStamp = stampOf(myEntry);
        const reference = referencesOf.get(table.name)?.find((r) => r.column === column);
        if (knows(them, myStamp)) {
          // Naming, or emptied by the deletion of, a row whose deletion is in question: set by
          // them to a row I deleted (a task moved under it), or emptied by their deletion of
          // what I changed: it follows that decision.
          const follows =
            reference &&
            (b === null
              ? a != null && deletedByThem.groupOf(reference.parent, idKey(a))
              : deletedByMe.groupOf(reference.parent, idKey(b)));
          if (follows && !follows.clean) {
            followDecision(
              follows,
              table.name,
              key,
              column,
              a as CellValue,
              b as CellValue,
              theirStamp!,
              theirEntry?.base,
            );
            continue;
          }
          values[column] = b;
          stamps.push({ field: column, stamp: theirStamp!, base: theirEntry?.base ?? null });
          summary.updated++;
          continue;
        }
        // Changed on both sides.
        if (closer && CLOSING_COLUMNS.has(column)) {
          if (closer === 'theirs') {
            values[column] = b;
            stamps.push({ field: column, stamp: theirStamp!, base: theirEntry?.base ?? null });
            summary.updated++;
          }
          continue;
        }
        if (column === 'position') {
          summary.autoResolved++; // the order of rows is not worth a question: mine stays
          continue;
        }
        const restorable = reference && a === null && deletedByMe.groupOf(reference.parent, idKey(b));
        if (restorable) {
          // Naming a row I deleted, which is itself in question (emptied here by my deletion,
          // or set there since, e.g. a task moved under it): it follows that decision.
          followDecision(
            restorable,
            table.name,
            key,
            column,
            a,
            b as CellValue,
            theirStamp!,
            theirEntry?.base,
          );
          continue;
        }
        if (reference && b === null && deletedByThem.groupOf(reference.parent, idKey(a))) continue;
        conflicts.push({
          id: `${table.name}|${key}|${column}`,
          kind: 'field',
          table: table.name,
          rowKey: key,
          label: label(table.name, key),
          column,
          mine: a as CellValue,
          theirs: b as CellValue,
          base: parseJson(theirEntry?.base ?? myEntry?.base),
          myStamp,
          theirStamp,
        });
      }
      // The later edit's time, whoever's value each field keeps: so copies that took each
      // other's changes end up identical.
      if (typeof their.updated_at === 'string' && their.updated_at > String(my.updated_at)) {
        values.updated_at = their.updated_at;
      }
      // Differs only for a record both copies added (matched by NATURAL_KEYS): the first wins.
      if (typeof their.created_at === 'string' && their.created_at < String(my.created_at)) {
        values.created_at = their.created_at;
      }
      if (Object.keys(values).length === 0) continue;
      const change: MergeChange = { op: 'update', table: table.name, rowKey: key, values, stamps };
      updates.set(at(table.name, key), change);
      changes.push(change);
    }
  }

  // Rows only they have and I did not delete: added (or brought back after my deletion).
  for (const table of PROJECT_TABLES) {
    const myRows = me.rows.get(table.name)!;
    for (const [key, row] of them.rows.get(table.name)!) {
      if (myRows.has(key) || deletedByMe.groupOf(table.name, key)) continue;
      const change: MergeChange = {
        op: 'insert',
        table: table.name,
        rowKey: key,
        values: row,
        stamps: theirStamps(table.name, key),
      };
      changes.push(change);
      summary.added++;
    }
  }

  renumberClashingCodes({ me, them, changes, updates, gone: goneTasks, summary, projectId });

  summary.conflicts = conflicts.length;
  return {
    projectId,
    mineVersionVector: mine.versionVector,
    rekeys,
    changes,
    conflicts,
    summary,
    mergedVersionVector: mergeVectors(projectId, me, them),
    tombstones: mergeTombstones(projectId, myAligned.tombstones, aligned.tombstones),
  };
}

/**
 * Task codes are unique in a project. A task keeps its code unless another task already holds
 * it: my tasks keep theirs first, then tasks whose code changed on their side (back to mine if
 * free), then their new or restored tasks, which get the next code never given out.
 */
function renumberClashingCodes(ctx: {
  me: SideIndex;
  them: SideIndex;
  changes: MergeChange[];
  updates: Map<string, MergeChange>;
  /** My tasks deleted by the merge whatever is decided. */
  gone: ReadonlySet<string>;
  summary: MergeSummary;
  projectId: string;
}): void {
  const { me, them, changes, updates, gone, summary, projectId } = ctx;
  const myTasks = me.rows.get('tasks')!;
  const ever = new Set<string>();
  for (const copy of [me, them]) for (const t of copy.rows.get('tasks')!.values()) ever.add(String(t.code));
  const held = new Map<string, string>(); // code → row key
  const changing: { key: string; change: MergeChange }[] = [];
  for (const [key, task] of myTasks) {
    if (gone.has(key)) continue;
    const update = updates.get(at('tasks', key));
    if (update && 'code' in update.values) changing.push({ key, change: update });
    else held.set(String(task.code), key);
  }
  const project = (me.rows.get('projects')!.values().next().value ?? {}) as Row;
  const theirProject = (them.rows.get('projects')!.values().next().value ?? {}) as Row;
  let seq = Math.max(Number(project.next_task_seq) || 1, Number(theirProject.next_task_seq) || 1);
  const startSeq = seq;
  const freeCode = () => {
    while (ever.has(taskCode(seq)) || held.has(taskCode(seq))) seq++;
    return taskCode(seq++);
  };
  for (const { key, change } of changing) {
    const wanted = String(change.values.code);
    if (!held.has(wanted)) {
      held.set(wanted, key);
      continue;
    }
    const mineCode = String(myTasks.get(key)!.code);
    delete change.values.code;
    change.stamps = change.stamps.filter((s) => s.field !== 'code');
    summary.updated--;
    if (!held.has(mineCode)) held.set(mineCode, key);
    else {
      const to = freeCode();
      Object.assign(change.values, { code: to });
      change.stamps.push({ field: 'code', stamp: 'local', base: JSON.stringify(mineCode) });
      change.renumbered = { from: mineCode, to };
      summary.renumbered.push(change.renumbered);
      held.set(to, key);
    }
  }
  // Their tasks to insert (new first, then those a decision may restore), in code order.
  const candidates = changes
    .filter((c) => c.op === 'insert' && c.table === 'tasks')
    .sort(
      (x, y) =>
        Number(!!x.when) - Number(!!y.when) || String(x.values.code).localeCompare(String(y.values.code)),
    );
  for (const change of candidates) {
    const code = String(change.values.code);
    if (!held.has(code)) {
      held.set(code, change.rowKey);
      continue;
    }
    const to = freeCode();
    change.values = { ...change.values, code: to };
    change.stamps = [
      ...change.stamps.filter((s) => s.field !== 'code'),
      { field: 'code', stamp: 'local', base: JSON.stringify(code) },
    ];
    change.renumbered = { from: code, to };
    if (!change.when) summary.renumbered.push(change.renumbered);
    held.set(to, change.rowKey);
  }
  if (seq === startSeq) return;
  // The project's counter moves past the codes just given out.
  const projectKey = idKey(projectId);
  let update = updates.get(at('projects', projectKey));
  if (!update) {
    update = { op: 'update', table: 'projects', rowKey: projectKey, values: {}, stamps: [] };
    updates.set(at('projects', projectKey), update);
    changes.push(update);
  }
  update.values.next_task_seq = seq;
  update.stamps = [
    ...update.stamps.filter((s) => s.field !== 'next_task_seq'),
    { field: 'next_task_seq', stamp: 'local', base: JSON.stringify(project.next_task_seq ?? null) },
  ];
}

/**
 * The version vector after the merge, from the two copies' vectors as believeOnlyWhatCanBeSeen
 * left them: our own entry is never taken from the other copy (only our own stamps move it), the
 * exporter's entry is the exporter's own word, every other entry the larger of the two.
 */
function mergeVectors(projectId: string, me: SideIndex, them: SideIndex): VersionVectorRow[] {
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
function believeOnlyWhatCanBeSeen(me: SideIndex, them: SideIndex, ownChangesSent?: number): void {
  const mine = Math.min(me.vector.get(me.self) ?? 0, ownChangesSent ?? Infinity);
  if ((them.vector.get(me.self) ?? 0) > mine) them.vector.set(me.self, mine);
  if (!them.self) return;
  const theirOwn = them.vector.get(them.self) ?? 0;
  if ((me.vector.get(them.self) ?? 0) > theirOwn) me.vector.set(them.self, theirOwn);
}

function mergeTombstones(projectId: string, mine: TombstoneRow[], theirs: TombstoneRow[]): TombstoneRow[] {
  const merged = new Map<string, TombstoneRow>();
  for (const t of theirs) merged.set(at(t.tbl, t.row_key), { ...t, project_id: projectId });
  for (const t of mine) merged.set(at(t.tbl, t.row_key), t);
  return [...merged.values()].filter((t) => PROJECT_TABLE_BY_NAME.has(t.tbl));
}
