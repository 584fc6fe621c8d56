import type { StateCreator } from 'zustand';
import type { ProjectSummary } from '../../src-main/shared/domain';
import type { AppErrorData } from '../../src-main/shared/errors';
import { call, errorData } from '../api/client';
import type { AppState } from './index';

export interface ProjectsSlice {
  projects: ProjectSummary[];
  projectsLoaded: boolean;
  /** The database could not be opened at all (e.g. written by a newer version). */
  fatal: AppErrorData | null;
  selectedId: string | null;
  loadProjects(): Promise<void>;
  createProject(name: string): Promise<void>;
  renameProject(id: string, name: string): Promise<boolean>;
  deleteProject(id: string): Promise<void>;
  selectProject(id: string | null): void;
}

const SELECTED_KEY = 'selected-project';

export const projectsSlice: StateCreator<AppState, [], [], ProjectsSlice> = (set, get) => ({
  projects: [],
  projectsLoaded: false,
  fatal: null,
  selectedId: null,

  async loadProjects() {
    try {
      const projects = await call('projects.list', {});
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
      const project = await call('projects.create', { name });
      await get().loadProjects();
      get().selectProject(project.id);
    } catch (e) {
      get().showNotice({ error: errorData(e), entity: 'project' });
    }
  },

  async renameProject(id, name) {
    try {
      await call('projects.rename', { id, name });
      await get().loadProjects();
      if (get().plan?.project.id === id) await get().loadPlan(id);
      return true;
    } catch (e) {
      get().showNotice({ error: errorData(e), entity: 'project' });
      return false;
    }
  },

  async deleteProject(id) {
    try {
      await call('projects.delete', { id });
      if (get().selectedId === id) set({ selectedId: null, plan: null });
      await get().loadProjects();
    } catch (e) {
      get().showNotice({ error: errorData(e), entity: 'project' });
    }
  },

  selectProject(id) {
    if (id) sessionStorage.setItem(SELECTED_KEY, id);
    else sessionStorage.removeItem(SELECTED_KEY);
    set({ selectedId: id });
    if (id) void get().loadPlan(id);
    else set({ plan: null });
  },
});
