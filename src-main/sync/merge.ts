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
import type { ProjectBundle, Row } from './bundle';
import { labeller } from './conflict-labels';
import { deletionGroups, type DeletionGroup } from './deletions';
import type {
  CellValue,
  FieldStamp,
  MergeChange,
  MergeConflict,
  MergePlan,
  MergeSummary,
  RowConflict,
  Side,
  Stamp,
} from './merge-types';
import { alignNaturalKeys } from './natural-keys';
import { PROJECT_TABLES } from './project-tables';
import { renumberClashingCodes } from './renumber-codes';
import {
  at,
  believeOnlyWhatCanBeSeen,
  fieldEntry,
  idKey,
  indexSide,
  knows,
  mergeTombstones,
  mergeVectors,
  referencesOf,
  stampOf,
} from './side-index';

export type * from './merge-types';
/** How rows of a project refer to each other (besides project_id): from db/project-schema.ts. */
export { REFERENCES, type Reference } from '../db/project-schema';

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

const parseJson = (text: string | null | undefined): CellValue => {
  if (text == null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' || typeof value === 'number' ? value : null;
  } catch {
    return null;
  }
};

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
