/**
 * The actions a user can undo, by the name history records them under: every undoable channel
 * (the router captures their writes) and the merge of a project file. The renderer words each
 * one in the undo/redo tooltip (locale key history.action.<name>); a test holds every name here
 * to have words in both languages, so the tooltip never shows a raw name such as periods.open.
 */
import type { Channel } from './channels';

export const UNDOABLE_CHANNELS = [
  'projects.rename',
  'projects.update',
  'people.create',
  'people.update',
  'people.delete',
  'modules.create',
  'modules.update',
  'modules.delete',
  'tasks.create',
  'tasks.update',
  'tasks.delete',
  'tasks.move',
  'tasks.indent',
  'tasks.outdent',
  'tasks.paste',
  'sheets.import',
  'metrics.create',
  'metrics.update',
  'metrics.delete',
  'actuals.upsert',
  'actuals.delete',
  'periods.open',
  'spend.create',
  'spend.update',
  'spend.delete',
  'checkins.create',
  'checkins.delete',
  'lessons.create',
  'lessons.update',
  'lessons.delete',
  'identity.match',
  'feedbackSettings.update',
  'issues.create',
  'issues.update',
  'issues.delete',
  'feedback.create',
  'feedback.update',
  'feedback.delete',
  'feedback.fromAttention',
  'causes.create',
  'causes.update',
  'causes.delete',
  'adjustments.create',
  'adjustments.update',
  'adjustments.delete',
  'adjustments.submit',
  'adjustments.approve',
  'adjustments.reject',
  'adjustments.apply',
  'adjustments.evaluate',
  'adjustments.confirmDecision',
] as const satisfies readonly Channel[];

/** Recorded outside the router, as one undo step of its own. */
export const MERGE_ACTION = 'projectFile.merge';

export const UNDOABLE_ACTIONS: readonly string[] = [...UNDOABLE_CHANNELS, MERGE_ACTION];
