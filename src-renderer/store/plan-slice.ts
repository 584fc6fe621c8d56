import type { StateCreator } from 'zustand';
import type { Module, ModulePatch, Person, Project, Task, TaskPatch } from '../../src-main/shared/domain';
import type { AppErrorData } from '../../src-main/shared/errors';
import { call, errorData } from '../api/client';
import type { AppState } from './index';

/** Everything of the open project that the screens show. */
export interface Plan {
  project: Project;
  people: Person[];
  modules: Module[];
  tasks: Task[];
}

export interface PlanSlice {
  plan: Plan | null;
  planLoading: boolean;
  /** Refused cell values, keyed `${rowId}:${field}`, shown at the cell until the next edit of it. */
  cellErrors: Record<string, AppErrorData>;
  /** Cells sent but not yet confirmed by the main process. */
  pending: Record<string, true>;
  loadPlan(projectId: string): Promise<void>;
  editTask(id: string, patch: TaskPatch): Promise<boolean>;
  addTask(afterId: string | null, name: string): Promise<Task | null>;
  deleteTasks(ids: string[]): Promise<boolean>;
  editModule(id: string, patch: ModulePatch): Promise<boolean>;
  addModule(name: string): Promise<Module | null>;
  /** A value refused before it was sent (e.g. "12元5" is not an amount): shown like a stored refusal. */
  rejectCell(entity: 'task' | 'module', id: string, field: string, error: AppErrorData, label: string): void;
}

export const cellKey = (id: string, field: string) => `${id}:${field}`;

type RowList = 'tasks' | 'modules';

function replaceRow<T extends { id: string }>(rows: T[], row: T): T[] {
  return rows.map((r) => (r.id === row.id ? row : r));
}

export const planSlice: StateCreator<AppState, [], [], PlanSlice> = (set, get) => {
  /** Reloads what other rows derive from an edit: module roll-ups and the sidebar's progress. */
  async function refreshDerived(projectId: string) {
    const modules = await call('modules.list', { projectId });
    const plan = get().plan;
    if (plan?.project.id === projectId) set({ plan: { ...plan, modules } });
    void get().loadProjects();
  }

  /**
   * One edit of one row: shown at once (optimistic, cells marked pending), then replaced by what
   * the main process stored, or rolled back to the stored value with the reason at the cell.
   */
  async function editRow<K extends RowList>(
    list: K,
    id: string,
    patch: Record<string, unknown>,
    send: () => Promise<Plan[K][number]>,
    entity: 'task' | 'module',
  ): Promise<boolean> {
    const plan = get().plan;
    const before = (plan?.[list] as { id: string }[] | undefined)?.find((r) => r.id === id);
    if (!plan || !before) return false;
    const keys = Object.keys(patch).map((f) => cellKey(id, f));
    const cellErrors = { ...get().cellErrors };
    for (const k of keys) delete cellErrors[k];
    set({
      plan: { ...plan, [list]: replaceRow(plan[list] as { id: string }[], { ...before, ...patch }) },
      pending: { ...get().pending, ...Object.fromEntries(keys.map((k) => [k, true as const])) },
      cellErrors,
    });
    const unmark = () => {
      const pending = { ...get().pending };
      for (const k of keys) delete pending[k];
      return pending;
    };
    try {
      const stored = await send();
      const now = get().plan;
      if (now)
        set({
          plan: { ...now, [list]: replaceRow(now[list] as { id: string }[], stored) },
          pending: unmark(),
        });
      if (get().notice?.entity === entity) get().showNotice(null);
      void refreshDerived(plan.project.id);
      return true;
    } catch (e) {
      const error = errorData(e);
      const now = get().plan;
      const label = entity === 'task' ? (before as Task).code : (before as Module).name;
      set({
        plan: now ? { ...now, [list]: replaceRow(now[list] as { id: string }[], before) } : now,
        pending: unmark(),
        cellErrors: { ...get().cellErrors, ...Object.fromEntries(keys.map((k) => [k, error])) },
      });
      get().showNotice({ error, entity, label });
      return false;
    }
  }

  return {
    plan: null,
    planLoading: false,
    cellErrors: {},
    pending: {},

    async loadPlan(projectId) {
      set({ planLoading: true });
      try {
        const [project, people, modules, tasks] = await Promise.all([
          call('projects.get', { id: projectId }),
          call('people.list', { projectId }),
          call('modules.list', { projectId }),
          call('tasks.list', { projectId }),
        ]);
        if (get().selectedId === projectId) {
          set({ plan: { project, people, modules, tasks }, cellErrors: {}, pending: {} });
        }
      } catch (e) {
        get().showNotice({ error: errorData(e), entity: 'project' });
      } finally {
        set({ planLoading: false });
      }
    },

    editTask: (id, patch) => editRow('tasks', id, patch, () => call('tasks.update', { id, patch }), 'task'),
    editModule: (id, patch) =>
      editRow('modules', id, patch, () => call('modules.update', { id, patch }), 'module'),

    async addTask(afterId, name) {
      const plan = get().plan;
      if (!plan) return null;
      try {
        const task = await call('tasks.create', { projectId: plan.project.id, afterId, values: { name } });
        // Positions below the new row shifted: take the stored order rather than guessing it.
        const tasks = await call('tasks.list', { projectId: plan.project.id });
        const now = get().plan;
        if (now?.project.id === plan.project.id) set({ plan: { ...now, tasks } });
        void refreshDerived(plan.project.id);
        return task;
      } catch (e) {
        get().showNotice({ error: errorData(e), entity: 'task' });
        return null;
      }
    },

    async deleteTasks(ids) {
      const plan = get().plan;
      if (!plan || ids.length === 0) return false;
      try {
        await call('tasks.delete', { ids });
        const tasks = await call('tasks.list', { projectId: plan.project.id });
        const now = get().plan;
        if (now?.project.id === plan.project.id) set({ plan: { ...now, tasks } });
        void refreshDerived(plan.project.id);
        return true;
      } catch (e) {
        get().showNotice({ error: errorData(e), entity: 'task' });
        return false;
      }
    },

    rejectCell(entity, id, field, error, label) {
      set({ cellErrors: { ...get().cellErrors, [cellKey(id, field)]: { ...error, path: [field] } } });
      get().showNotice({ error: { ...error, path: [field] }, entity, label });
    },

    async addModule(name) {
      const plan = get().plan;
      if (!plan) return null;
      try {
        const module = await call('modules.create', { projectId: plan.project.id, values: { name } });
        await refreshDerived(plan.project.id);
        return module;
      } catch (e) {
        get().showNotice({ error: errorData(e), entity: 'module' });
        return null;
      }
    },
  };
};
