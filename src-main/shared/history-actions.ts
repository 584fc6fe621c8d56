/**
 * The names history records undoable actions under, beyond the channels: a channel registered as
 * `undoable(…)` (src-main/routes) is recorded under its own name. The renderer words each name in
 * the undo/redo tooltip (locale key history.action.<name>); a test holds every undoable action
 * (src-main/routes UNDOABLE_ACTIONS) to have words in both languages, so the tooltip never shows a
 * raw name such as periods.open.
 */

/** The merge of a project file: recorded by the merge itself, as one undo step of its own. */
export const MERGE_ACTION = 'projectFile.merge';
