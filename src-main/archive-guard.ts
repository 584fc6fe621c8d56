/**
 * 已归档 made real: an archived project is read-only. Enforced once, here, for every channel
 * that writes, rather than in each service: the router asks `projectsWritten` which projects a
 * call would change and refuses the call (conflict/archived) when one of them is archived. The
 * table below names every write channel (its type makes leaving one out a compile error), so a
 * channel added later must say what it writes.
 *
 * Two writes remain possible on an archived project: un-archiving it (projects.update whose
 * patch changes the status only) and an undo or redo of such a status change. Deleting a whole
 * project is not an edit of it and keeps its own confirmation.
 */
import type { z } from 'zod';
import type { Channel } from './shared/channels';
import type { Contract } from './shared/contract';
import { AppError } from './shared/errors';
import type { Db } from './services/common';
import type { RowChange } from './db/capture';

/** Channels that only read: everything else is a write and must appear in WRITES. */
export const READ_CHANNELS = [
  'app.info',
  'projects.list',
  'projects.get',
  'people.list',
  'modules.list',
  'tasks.list',
  'history.state',
  'sheets.export',
  'sheets.preview',
  'metrics.list',
  'actuals.list',
  'periods.list',
  'periods.snapshot',
  'spend.list',
  'checkins.list',
  'dashboard.get',
  'retro.get',
  'lessons.list',
  'lessons.search',
  'projectFile.progress',
  'projectFile.preview',
  'identity.get',
  'identity.me',
  'feedbackSettings.get',
  'issues.list',
  'feedback.list',
  'feedback.summary',
  'causes.list',
  'adjustments.list',
  'adjustments.get',
  'adjustments.form',
  'backups.list',
] as const satisfies readonly Channel[];
export type WriteChannel = Exclude<Channel, (typeof READ_CHANNELS)[number]>;

/** Services the guard needs beyond the database (the staged project files). */
export interface GuardContext {
  stagedProjectId(token: string): string | null;
}

type Finder<C extends WriteChannel> = (
  db: Db,
  input: z.output<Contract[C]['input']>,
  ctx: GuardContext,
) => (string | null)[];

const ownerOf = (table: string) => (db: Db, id: string) =>
  (db.prepare(`SELECT project_id FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? null;
const ofPerson = ownerOf('people');
const ofModule = ownerOf('modules');
const ofTask = ownerOf('tasks');
const ofMetric = ownerOf('metrics');
const ofSpend = ownerOf('spend_entries');
const ofLesson = ownerOf('lessons');
const ofIssue = ownerOf('issues');
const ofFeedback = ownerOf('feedback');
const ofCause = ownerOf('root_causes');
const ofAdjustment = ownerOf('adjustments');
const ofActual = (db: Db, id: string) =>
  (db
    .prepare('SELECT m.project_id FROM metric_actuals a JOIN metrics m ON m.id = a.metric_id WHERE a.id = ?')
    .pluck()
    .get(id) as string | undefined) ?? null;
const ofCheckin = (db: Db, id: string) =>
  (db
    .prepare('SELECT t.project_id FROM task_checkins c JOIN tasks t ON t.id = c.task_id WHERE c.id = ?')
    .pluck()
    .get(id) as string | undefined) ?? null;
const none = () => [];

/** For every write channel: the projects it would change (an unknown id finds none: not_found follows). */
const WRITES: { [C in WriteChannel]: Finder<C> } = {
  'projects.create': none,
  'projects.copyPlan': none, // reads the source, writes a new project
  'projects.rename': (_db, i) => [i.id],
  'projects.update': (_db, i) => [i.id],
  'projects.delete': none,
  'people.create': (_db, i) => [i.projectId],
  'people.update': (db, i) => [ofPerson(db, i.id)],
  'people.delete': (db, i) => [ofPerson(db, i.id)],
  'modules.create': (_db, i) => [i.projectId],
  'modules.update': (db, i) => [ofModule(db, i.id)],
  'modules.delete': (db, i) => [ofModule(db, i.id)],
  'tasks.create': (_db, i) => [i.projectId],
  'tasks.update': (db, i) => [ofTask(db, i.id)],
  'tasks.delete': (db, i) => [...new Set(i.ids.map((id) => ofTask(db, id)))],
  'tasks.move': (db, i) => [ofTask(db, i.id)],
  'tasks.indent': (db, i) => [ofTask(db, i.id)],
  'tasks.outdent': (db, i) => [ofTask(db, i.id)],
  'tasks.paste': (_db, i) => [i.projectId],
  'history.undo': (_db, i) => [i.projectId],
  'history.redo': (_db, i) => [i.projectId],
  'sheets.import': (_db, i) => [i.projectId],
  'metrics.create': (_db, i) => [i.projectId],
  'metrics.update': (db, i) => [ofMetric(db, i.id)],
  'metrics.delete': (db, i) => [ofMetric(db, i.id)],
  'actuals.upsert': (db, i) => [ofMetric(db, i.metricId)],
  'actuals.delete': (db, i) => [ofActual(db, i.id)],
  'periods.open': (_db, i) => [i.projectId],
  'spend.create': (_db, i) => [i.projectId],
  'spend.update': (db, i) => [ofSpend(db, i.id)],
  'spend.delete': (db, i) => [ofSpend(db, i.id)],
  'checkins.create': (db, i) => [ofTask(db, i.taskId)],
  'checkins.delete': (db, i) => [ofCheckin(db, i.id)],
  'lessons.create': (_db, i) => [i.projectId],
  'lessons.update': (db, i) => [ofLesson(db, i.id)],
  'lessons.delete': (db, i) => [ofLesson(db, i.id)],
  // The installation's own name is not part of any project.
  'identity.setName': none,
  'identity.match': (_db, i) => [i.projectId],
  'feedbackSettings.update': (_db, i) => [i.projectId],
  'issues.create': (_db, i) => [i.projectId],
  'issues.update': (db, i) => [ofIssue(db, i.id)],
  'issues.delete': (db, i) => [ofIssue(db, i.id)],
  'feedback.create': (_db, i) => [i.projectId],
  'feedback.update': (db, i) => [ofFeedback(db, i.id)],
  'feedback.delete': (db, i) => [ofFeedback(db, i.id)],
  'feedback.fromAttention': (_db, i) => [i.projectId],
  'causes.create': (_db, i) => [i.projectId],
  'causes.update': (db, i) => [ofCause(db, i.id)],
  'causes.delete': (db, i) => [ofCause(db, i.id)],
  'adjustments.create': (_db, i) => [i.projectId],
  'adjustments.update': (db, i) => [ofAdjustment(db, i.id)],
  'adjustments.delete': (db, i) => [ofAdjustment(db, i.id)],
  'adjustments.submit': (db, i) => [ofAdjustment(db, i.id)],
  'adjustments.approve': (db, i) => [ofAdjustment(db, i.id)],
  'adjustments.reject': (db, i) => [ofAdjustment(db, i.id)],
  'adjustments.apply': (db, i) => [ofAdjustment(db, i.id)],
  'adjustments.evaluate': (db, i) => [ofAdjustment(db, i.id)],
  'adjustments.confirmDecision': (db, i) => [ofAdjustment(db, i.id)],
  // A merge changes the project the file is a copy of; a new project or a copy changes none here.
  'projectFile.import': (_db, i, ctx) => (i.mode === 'merge' ? [ctx.stagedProjectId(i.token)] : []),
  'projectFile.export': none,
  'projectFile.open': none,
  'projectFile.discard': none,
  'backups.create': none,
  'backups.restore': none, // the whole database is replaced, archived projects as they were
};

export function isWriteChannel(channel: Channel): channel is WriteChannel {
  return !(READ_CHANNELS as readonly string[]).includes(channel);
}

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
function unarchives(db: Db, channel: WriteChannel, input: unknown, projectId: string): boolean {
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

/** Refuses (conflict/archived) a write to an archived project; call it inside the write's transaction. */
export function guardArchived(db: Db, channel: Channel, input: unknown, ctx: GuardContext): void {
  if (!isWriteChannel(channel)) return;
  const find = WRITES[channel] as Finder<WriteChannel>;
  for (const projectId of find(db, input as never, ctx)) {
    if (projectId === null || !isArchived(db, projectId)) continue;
    if (unarchives(db, channel, input, projectId)) continue;
    throw new AppError({ code: 'conflict', reason: 'archived', params: { projectId } });
  }
}
