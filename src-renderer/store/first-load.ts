/**
 * The first screen's reads, asked for as the page starts instead of once the app's code has
 * loaded, mounted and read the project list: the project this tab had open (its session key) is
 * known before any of that, so its plan is on its way while the rest of the code arrives.
 * `tasks.list` goes first: it is the longest to answer, and the main process answers in turn.
 *
 * Each answer is taken once, by the store's usual first load (loadProjects, then loadPlan of the
 * project it opens), which words failures as before. A read not taken (the remembered project was
 * deleted meanwhile, or the database cannot be opened) is dropped quietly.
 */
import type { Module, Person, Project, ProjectSummary, Task } from '../../src-main/shared/domain';
import { call } from '../api/client';

/** The session key of the open project (a reload of the tab opens it again). */
export const SELECTED_KEY = 'selected-project';

export type PlanReads = Promise<[Project, Person[], Module[], Task[]]>;

let earlyProjects: Promise<ProjectSummary[]> | null = null;
let earlyPlan: { projectId: string; reads: PlanReads } | null = null;

/** Asks now for what the store's first load will read: the projects and the remembered plan. */
export function startFirstLoad(): void {
  const projectId = sessionStorage.getItem(SELECTED_KEY);
  const tasks = projectId ? call('tasks.list', { projectId }) : null;
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
  earlyPlan = { projectId, reads };
}

/** The project list asked for at start, once (then null: a later load reads it again). */
export function takeEarlyProjects(): Promise<ProjectSummary[]> | null {
  const taken = earlyProjects;
  earlyProjects = null;
  return taken;
}

/** The plan of `projectId` asked for at start, once, if that is the project asked for. */
export function takeEarlyPlan(projectId: string): PlanReads | null {
  const taken = earlyPlan?.projectId === projectId ? earlyPlan.reads : null;
  earlyPlan = null;
  return taken;
}
