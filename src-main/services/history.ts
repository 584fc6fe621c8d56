/**
 * Undo and redo of a project's changes, kept in the database so they survive a restart. Each
 * user action (an edit, a paste, a delete, a reorder …) is one entry holding the rows it changed
 * before and after. Undoing puts the "before" images back; redoing puts the "after" ones.
 */
import { applyImages, type RowChange } from '../db/capture';
import { newId, nowStamp } from '../db/ids';
import { PROJECT_TABLES } from '../db/project-schema';
import { AppError } from '../shared/errors';
import { stampChanges } from '../sync/versions';
import { requireProject, type Db } from './common';
import { checkTotals, checkWriteTotals } from './totals';
import { whoAmI } from './identity';

/** Per project; older entries are dropped. */
export const HISTORY_LIMIT = 100;

export interface HistoryState {
  undo: string | null; // the action an undo would revert, e.g. 'tasks.update'
  redo: string | null;
}

/**
 * Rows without a project_id of their own, and the column naming the parent row that has one
 * (db/project-schema.ts). The parent still exists when a write is recorded: a change that
 * deletes it carries its own image, with project_id, and is found first.
 */
const PARENT_OF: readonly { table: string; column: string; parent: string }[] = PROJECT_TABLES.flatMap((t) =>
  typeof t.project === 'object'
    ? [{ table: t.name, column: t.project.via, parent: t.columns[t.project.via]!.references!.table }]
    : [],
);

/** The project a write's changes belong to (null for rows of no project). */
export function projectOfChanges(db: Db, changes: RowChange[]): string | null {
  for (const c of changes) {
    const image = c.after ?? c.before;
    if (!image) continue;
    if (c.table === 'projects') return String(image.id);
    if (typeof image.project_id === 'string') return image.project_id;
  }
  for (const c of changes) {
    const link = PARENT_OF.find((l) => l.table === c.table);
    const parentId = link && (c.after ?? c.before)?.[link.column];
    if (link && typeof parentId === 'string') {
      const p = db.prepare(`SELECT project_id FROM ${link.parent} WHERE id = ?`).pluck().get(parentId) as
        string | undefined;
      if (p) return p;
    }
  }
  return null;
}

/**
 * Records one action's changes as the newest entry; a new action discards what could be redone.
 * The changes are also stamped for merging, unless the action set its own stamps (a merge keeps
 * the stamps of the copy it took changes from).
 */
export function recordHistory(
  db: Db,
  action: string,
  changes: RowChange[],
  options: { stamp: boolean } = { stamp: true },
): void {
  if (changes.length === 0) return;
  const projectId = projectOfChanges(db, changes);
  if (!projectId) return;
  checkWriteTotals(db, projectId, changes);
  if (options.stamp) stampChanges(db, projectId, changes);
  db.prepare('DELETE FROM history WHERE project_id = ? AND undone = 1').run(projectId);
  db.prepare('INSERT INTO history (project_id, action, changes, created_at) VALUES (?, ?, ?, ?)').run(
    projectId,
    action,
    JSON.stringify(changes),
    nowStamp(),
  );
  recorded.set(db, { projectId, state: { undo: action, redo: null } });
  // Everything older than the HISTORY_LIMIT-th newest entry: two steps along the index
  // (project_id, seq), where NOT IN (… LIMIT 100) built the list of the 100 on every edit.
  db.prepare(
    `DELETE FROM history WHERE project_id = ? AND seq <
       (SELECT seq FROM history WHERE project_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
  ).run(projectId, projectId, HISTORY_LIMIT - 1);
}

/**
 * The undo state right after an action was recorded (the action to undo, nothing to redo), per
 * connection, for the change set of the write that recorded it (recordedState): reading it from
 * the history table again cost three statements of every edit.
 */
const recorded = new WeakMap<Db, { projectId: string; state: HistoryState }>();

/**
 * The undo state of `projectId` as the action recorded last left it, once; null when none was
 * recorded since forgetRecorded (the router's change set forgets before each write).
 */
export function recordedState(db: Db, projectId: string): HistoryState | null {
  const note = recorded.get(db);
  recorded.delete(db);
  return note?.projectId === projectId ? note.state : null;
}

export function forgetRecorded(db: Db): void {
  recorded.delete(db);
}

/**
 * The history step of a journaled write (db/journal.ts): its changes recorded as one entry named
 * `action`. Without stamping (a merge), the changes of the write's follow-up are stamped alone.
 */
export function historyStep(
  db: Db,
  action: string,
  options: { stamp: boolean } = { stamp: true },
): (changes: RowChange[], settled: RowChange[]) => void {
  return (changes, settled) => {
    const projectId = settled.length && !options.stamp ? projectOfChanges(db, settled) : null;
    if (projectId) stampChanges(db, projectId, settled);
    recordHistory(db, action, changes, options);
  };
}

export function historyState(db: Db, input: { projectId: string }): HistoryState {
  requireProject(db, input.projectId);
  const undo = db
    .prepare('SELECT action FROM history WHERE project_id = ? AND undone = 0 ORDER BY seq DESC LIMIT 1')
    .pluck()
    .get(input.projectId) as string | undefined;
  const redo = db
    .prepare('SELECT action FROM history WHERE project_id = ? AND undone = 1 ORDER BY seq ASC LIMIT 1')
    .pluck()
    .get(input.projectId) as string | undefined;
  return { undo: undo ?? null, redo: redo ?? null };
}

function step(db: Db, projectId: string, direction: 'undo' | 'redo'): HistoryState {
  return db.transaction(() => {
    requireProject(db, projectId);
    const entry = db
      .prepare(
        direction === 'undo'
          ? 'SELECT seq, changes FROM history WHERE project_id = ? AND undone = 0 ORDER BY seq DESC LIMIT 1'
          : 'SELECT seq, changes FROM history WHERE project_id = ? AND undone = 1 ORDER BY seq ASC LIMIT 1',
      )
      .get(projectId) as { seq: number; changes: string } | undefined;
    if (!entry)
      throw new AppError({
        code: 'not_found',
        reason: direction === 'undo' ? 'nothing_to_undo' : 'nothing_to_redo',
      });
    const recorded = JSON.parse(entry.changes) as RowChange[];
    const stepped =
      direction === 'undo'
        ? [...recorded].reverse().map((c) => ({ ...c, before: c.after, after: c.before }))
        : recorded;
    const changes = keepTrail(db, stepped);
    applyImages(
      db,
      changes.map((c) => ({ table: c.table, key: c.key, row: c.after })),
    );
    // Other rows may have been added since: putting these back must not pass a total either.
    checkTotals(
      db,
      projectId,
      changes.map((c) => ({ table: c.table, key: c.key, before: null, after: c.after })),
    );
    const trail = trailOfStep(db, changes, direction);
    // Undoing is a change like any other for a colleague's copy: stamped as this user's.
    stampChanges(db, projectId, [...changes, ...trail]);
    db.prepare('UPDATE history SET undone = ? WHERE seq = ?').run(direction === 'undo' ? 1 : 0, entry.seq);
    return historyState(db, { projectId });
  })();
}

/**
 * Tables whose rows an undo never removes: the status trail of adjustments keeps a status
 * change and its undoing ("the trail keeps both"). A trail entry goes only with its adjustment.
 */
const APPEND_ONLY: Readonly<Record<string, { parent: string; column: string }>> = Object.fromEntries(
  PROJECT_TABLES.flatMap((t) =>
    t.appendOnlyUnder
      ? [[t.name, { parent: t.columns[t.appendOnlyUnder]!.references!.table, column: t.appendOnlyUnder }]]
      : [],
  ),
);

/**
 * The step's changes without the removal of trail entries whose record stays, nor the
 * re-insertion (by a redo) of entries that were never removed.
 */
function keepTrail(db: Db, changes: RowChange[]): RowChange[] {
  const removed = new Set(
    changes.filter((c) => c.after === null).map((c) => `${c.table}:${JSON.stringify(c.key)}`),
  );
  return changes.filter((c) => {
    const rule = APPEND_ONLY[c.table];
    if (!rule) return true;
    if (c.before === null) {
      return !db.prepare(`SELECT 1 FROM ${c.table} WHERE id = ?`).get(c.key.id);
    }
    if (c.after !== null) return true;
    const parentKey = JSON.stringify({ id: c.before[rule.column] });
    return removed.has(`${rule.parent}:${parentKey}`);
  });
}

/**
 * An undo or redo that changes an adjustment's status adds an entry to its trail (from the
 * status before the step to the one after), written and returned as changes to stamp.
 */
function trailOfStep(db: Db, changes: RowChange[], direction: 'undo' | 'redo'): RowChange[] {
  const added: RowChange[] = [];
  for (const c of changes) {
    if (c.table !== 'adjustments' || !c.before || !c.after || c.before.status === c.after.status) continue;
    const { replica, person } = whoAmI(db, String(c.after.project_id));
    const row = {
      id: newId(),
      project_id: c.after.project_id,
      adjustment_id: c.after.id,
      action: direction,
      from_status: c.before.status,
      to_status: c.after.status,
      comment: '',
      on_date: null,
      person_id: person?.id ?? null,
      person_name: person?.name ?? null,
      replica_id: replica.id,
      replica_name: replica.name,
      created_at: nowStamp(),
    };
    const names = Object.keys(row);
    db.prepare(
      `INSERT INTO adjustment_events (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    ).run(...Object.values(row));
    added.push({ table: 'adjustment_events', key: { id: row.id }, before: null, after: row });
  }
  return added;
}

export const undo = (db: Db, input: { projectId: string }) => step(db, input.projectId, 'undo');
export const redo = (db: Db, input: { projectId: string }) => step(db, input.projectId, 'redo');
