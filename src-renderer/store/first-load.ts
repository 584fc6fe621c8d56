/**
 * The first screen's reads, asked for as the page starts instead of once the app's code has
 * loaded, mounted and read the project list: the project this tab had open (its session key) is
 * known before any of that, so its plan is on its way while the rest of the code arrives.
 * `tasks.list` goes first: it is the longest to answer, and the main process answers in turn.
 *
 * When the tab opens on Table 2 in the table's own order (no sort remembered), only its first
 * rows are asked for first (`tasks.list` with `first`: whole blocks of the outline, so their
 * roll-ups are the plan's): they are on screen while the whole table is read, last, once the
 * app's code has arrived. Its answer is read (parsed, made Task objects) once those first rows are painted
 * (`markFirstRowsShown`), so that work does not hold the first paint back; the store then adds the
 * rows after the first ones (plan-slice.ts, `tasksPartial` until then).
 *
 * Each answer is taken once, by the store's usual first load (loadProjects, then loadPlan of the
 * project it opens), which words failures as before. A read not taken (the remembered project was
 * deleted meanwhile, or the database cannot be opened) is dropped quietly.
 */
import type { Module, Person, Project, ProjectSummary, Task } from '../../src-main/shared/domain';
import { call } from '../api/client';

/** The session key of the open project (a reload of the tab opens it again). */
export const SELECTED_KEY = 'selected-project';
/** The session key of the project page's tab (ui-slice.ts). */
const TAB_KEY = 'project-tab';
/** Where Table 2's columns (widths, order, sort) are remembered (components/grid-state.ts). */
const TABLE2_COLUMNS_KEY = 'grid-columns:tasks';

/**
 * How many rows are asked for first: more than the tallest screen shows (about 60 rows at
 * 2160 px), with room to scroll while the rest arrives.
 */
export const FIRST_ROWS = 120;

export type PlanReads = Promise<[Project, Person[], Module[], Task[]]>;

/** The plan asked for at start: its reads, and the whole table when `reads` holds its first rows only. */
export interface EarlyPlan {
  projectId: string;
  reads: PlanReads;
  allTasks: Promise<Task[]> | null;
}

let earlyProjects: Promise<ProjectSummary[]> | null = null;
let earlyPlan: EarlyPlan | null = null;

let shown: () => void = () => {};
/** Resolved once Table 2's first rows are painted (or the app gave up waiting for them). */
let firstRowsShown: Promise<void> = Promise.resolve();

/** Table 2 has painted its first rows (or will not soon): the rest of the table may be read. */
export function markFirstRowsShown(): void {
  shown();
}

/** Whether a sort of Table 2 is remembered (its first screen then depends on every row). */
function sortRemembered(): boolean {
  try {
    const saved = JSON.parse(localStorage.getItem(TABLE2_COLUMNS_KEY) ?? '[]') as { sort?: unknown }[];
    return Array.isArray(saved) && saved.some((c) => c?.sort != null);
  } catch {
    return true; // unreadable: the grid starts from the defaults, but take no chance
  }
}

/**
 * Asks now for what the store's first load will read: the projects and the remembered plan. The
 * whole table, when the first rows come first, is asked for once `codeLoaded` settles (the app's
 * code): the main process reads it for a second or more at 100,000 tasks, and the loopback
 * bridge serves the code's files from the same process.
 */
export function startFirstLoad(codeLoaded: Promise<unknown> = Promise.resolve()): void {
  firstRowsShown = new Promise<void>((resolve) => (shown = resolve));
  const projectId = sessionStorage.getItem(SELECTED_KEY);
  const firstRowsOnly = !!projectId && sessionStorage.getItem(TAB_KEY) === 'tasks' && !sortRemembered();
  const tasks = projectId
    ? call('tasks.list', firstRowsOnly ? { projectId, first: FIRST_ROWS } : { projectId })
    : null;
  earlyProjects = call('projects.list', {});
  earlyProjects.catch(() => {});
  if (!projectId || !tasks) return;
  const reads = Promise.all([
    call('projects.get', { id: projectId }),
    call('people.list', { projectId }),
    call('modules.list', { projectId }),
    tasks,
  ]);
  reads.catch(() => {});
  // Read by the main process while the page draws the first rows; read here once they are painted.
  // Fewer first rows than asked for are the whole table: nothing more to ask.
  const readAfter = firstRowsShown;
  const whole = () =>
    tasks.then((first) =>
      first.length < FIRST_ROWS ? first : call('tasks.list', { projectId }, { readAfter }),
    );
  const allTasks = firstRowsOnly ? codeLoaded.then(whole, whole) : null;
  allTasks?.catch(() => {});
  earlyPlan = { projectId, reads, allTasks };
}

/** The project list asked for at start, once (then null: a later load reads it again). */
export function takeEarlyProjects(): Promise<ProjectSummary[]> | null {
  const taken = earlyProjects;
  earlyProjects = null;
  return taken;
}

/** The plan of `projectId` asked for at start, once, if that is the project asked for. */
export function takeEarlyPlan(projectId: string): EarlyPlan | null {
  const taken = earlyPlan?.projectId === projectId ? earlyPlan : null;
  if (earlyPlan && !taken) markFirstRowsShown(); // nothing waits: let a dropped answer go
  earlyPlan = null;
  return taken;
}
