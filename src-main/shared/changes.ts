/**
 * What one write changed, told in the write's own answer (`{ ok: true, value, changes }`), so the
 * renderer applies exactly these rows instead of refetching its lists, the undo state, the
 * sidebar and the dashboard after every committed cell.
 *
 * Rows are in the shapes the list channels answer (`tasks.list`, `modules.list`, …), derived
 * values included: a task edit that moves a parent's or a module's roll-up carries that parent
 * and that module too. A list the change set does not carry as rows but whose tables appear in
 * `tables` is stale and refetched by the slice that shows it (only while it is shown).
 *
 * Every successful write answers with one (undo, redo, paste, merges and imports included). A
 * write of more than LARGE_CHANGE_SET rows, or of a whole project at once (a new project from a
 * file, a copy, a deletion: `tables` then names every table of a project), carries no task,
 * module or people rows: `tables` says what to refetch; the project, its sidebar entry and the
 * undo state still come along.
 */
import type { Module, Person, Project, ProjectSummary, Task } from './domain';

/** Above this many changed rows a change set tells the tables, not the rows. */
export const LARGE_CHANGE_SET = 5000;

/** Rows of one list to put in place (by id) and ids to take out. */
export interface ListChange<T> {
  upsert: T[];
  remove: string[];
}

export interface ChangeSet {
  /** The project the write was about; null for a write that touches no project. */
  projectId: string | null;
  /** Every table the write touched (foreign-key actions included), as named in the schema. */
  tables: string[];
  /** The project itself (`projects.get`), when its row or a roll-up of it moved. */
  project?: Project;
  tasks?: ListChange<Task>;
  modules?: ListChange<Module>;
  people?: ListChange<Person>;
  /** The sidebar's entries (`projects.list`). */
  projects?: ListChange<ProjectSummary>;
  /** The undo and redo labels after the write (`history.state`). */
  history?: { undo: string | null; redo: string | null };
}
