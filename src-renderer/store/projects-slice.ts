import type { StateCreator } from 'zustand';
import type { Project, ProjectSummary } from '../../src-main/shared/domain';
import type { AppErrorData } from '../../src-main/shared/errors';
import { call, errorData } from '../api/client';
import type { AppState } from './index';
import { refused, succeeded, type Outcome } from './outcome';
import { callWrite } from './write';
import { SELECTED_KEY, takeEarlyProjects } from './first-load';

export interface ProjectsSlice {
  projects: ProjectSummary[];
  projectsLoaded: boolean;
  /** The database could not be opened at all (e.g. written by a newer version). */
  fatal: AppErrorData | null;
  selectedId: string | null;
  loadProjects(): Promise<void>;
  createProject(name: string): Promise<Outcome<Project>>;
  renameProject(id: string, name: string): Promise<Outcome<Project>>;
  deleteProject(id: string): Promise<Outcome<unknown>>;
  selectProject(id: string | null): void;
}

// ---- selectors ----
export const selectProjects = (s: AppState): ProjectSummary[] => s.projects;
export const selectProjectsLoaded = (s: AppState): boolean => s.projectsLoaded;
export const selectFatal = (s: AppState): AppErrorData | null => s.fatal;
export const selectSelectedId = (s: AppState): string | null => s.selectedId;
/** The sidebar's entry of the open project (its progress, task count). */
export const selectOpenProjectSummary = (s: AppState): ProjectSummary | undefined =>
  s.projects.find((p) => p.id === s.plan?.project.id);

export const projectsSlice: StateCreator<AppState, [], [], ProjectsSlice> = (set, get) => {
  function fail(e: unknown): Outcome<never> {
    const error = errorData(e);
    get().showNotice({ error, entity: 'project' });
    return refused(error);
  }
  return {
    projects: [],
    projectsLoaded: false,
    fatal: null,
    selectedId: null,

    async loadProjects() {
      try {
        const projects = await (takeEarlyProjects() ?? call('projects.list', {}));
        const remembered = get().selectedId ?? sessionStorage.getItem(SELECTED_KEY);
        const selectedId = projects.some((p) => p.id === remembered) ? remembered : (projects[0]?.id ?? null);
        set({ projects, projectsLoaded: true, fatal: null });
        if (selectedId !== get().selectedId || (selectedId && !get().plan)) get().selectProject(selectedId);
      } catch (e) {
        const error = errorData(e);
        if (error.code === 'db_too_new' || error.code === 'db_foreign')
          set({ fatal: error, projectsLoaded: true });
        else get().showNotice({ error });
      }
    },

    async createProject(name) {
      try {
        const { value: project, changes } = await callWrite('projects.create', { name });
        if (!changes) await get().loadProjects(); // with a change set the sidebar lists it already
        get().selectProject(project.id);
        return succeeded(project);
      } catch (e) {
        return fail(e);
      }
    },

    async renameProject(id, name) {
      try {
        const { value, changes } = await callWrite('projects.rename', { id, name });
        if (!changes) {
          await get().loadProjects();
          if (get().plan?.project.id === id) await get().loadPlan(id);
        }
        return succeeded(value);
      } catch (e) {
        return fail(e);
      }
    },

    async deleteProject(id) {
      try {
        const { value, changes } = await callWrite('projects.delete', { id });
        if (get().selectedId === id) set({ selectedId: null, plan: null });
        if (!changes) await get().loadProjects();
        // The sidebar has lost it already: open the remembered or the first project left.
        else if (get().selectedId === null) get().selectProject(get().projects[0]?.id ?? null);
        return succeeded(value);
      } catch (e) {
        return fail(e);
      }
    },

    selectProject(id) {
      if (id) sessionStorage.setItem(SELECTED_KEY, id);
      else sessionStorage.removeItem(SELECTED_KEY);
      set({ selectedId: id });
      if (id) void get().loadPlan(id);
      else set({ plan: null });
    },
  };
};
