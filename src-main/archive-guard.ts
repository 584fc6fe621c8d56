/**
 * 已归档 made real: an archived project is read-only. Enforced once, here, for every channel
 * that writes, rather than in each service: every write is registered with a finder of the
 * projects it would change (src-main/routes; the registration's type makes leaving it out a
 * compile error), and the router refuses the call (conflict/archived) when one is archived.
 *
 * Two writes remain possible on an archived project: un-archiving it (projects.update whose
 * patch changes the status only) and an undo or redo of such a status change. Deleting a whole
 * project is not an edit of it and keeps its own confirmation.
 */
import type { Channel } from './shared/channels';
import { AppError } from './shared/errors';
import type { Db } from './services/common';
import type { RowChange } from './db/capture';
import type { Finder, GuardContext } from './routes/route';

const isArchived = (db: Db, projectId: string) =>
  db.prepare("SELECT 1 FROM projects WHERE id = ? AND status = 'archived'").get(projectId) !== undefined;

/** Whether a history step only changes projects' status (archiving or un-archiving). */
function onlyStatusChanges(changes: RowChange[]): boolean {
  return changes.every((c) => {
    if (c.table !== 'projects' || !c.before || !c.after) return false;
    return Object.keys(c.after).every(
      (k) => k === 'status' || k === 'updated_at' || c.after![k] === c.before![k],
    );
  });
}

function pendingStep(db: Db, projectId: string, direction: 'undo' | 'redo'): RowChange[] | null {
  const json = db
    .prepare(
      direction === 'undo'
        ? 'SELECT changes FROM history WHERE project_id = ? AND undone = 0 ORDER BY seq DESC LIMIT 1'
        : 'SELECT changes FROM history WHERE project_id = ? AND undone = 1 ORDER BY seq ASC LIMIT 1',
    )
    .pluck()
    .get(projectId) as string | undefined;
  return json === undefined ? null : (JSON.parse(json) as RowChange[]);
}

/** The writes an archived project still accepts: its status changed back, or that change undone/redone. */
function unarchives(db: Db, channel: Channel, input: unknown, projectId: string): boolean {
  if (channel === 'projects.update') {
    const { patch } = input as { patch: Record<string, unknown> };
    const keys = Object.keys(patch).filter((k) => patch[k] !== undefined);
    return keys.length === 1 && keys[0] === 'status' && patch.status !== 'archived';
  }
  if (channel === 'history.undo' || channel === 'history.redo') {
    const step = pendingStep(db, projectId, channel === 'history.undo' ? 'undo' : 'redo');
    return step !== null && onlyStatusChanges(step);
  }
  return false;
}

/**
 * Refuses (conflict/archived) a write to an archived project; call it inside the write's
 * transaction. `find` is the write's own finder, registered with its handler (src-main/routes).
 */
export function guardArchived(
  db: Db,
  channel: Channel,
  find: Finder<unknown>,
  input: unknown,
  ctx: GuardContext,
): void {
  for (const projectId of find(db, input, ctx)) {
    if (projectId === null || !isArchived(db, projectId)) continue;
    if (unarchives(db, channel, input, projectId)) continue;
    throw new AppError({ code: 'conflict', reason: 'archived', params: { projectId } });
  }
}
