import type { StateCreator } from 'zustand';
import type { Module, ModulePatch, Person, Project, Task, TaskPatch } from '../../src-main/shared/domain';
import type { AppErrorData } from '../../src-main/shared/errors';
import { call, errorData } from '../api/client';
import type { PasteRow } from '../features/tasks/paste';
import type { AppState } from './index';

/** Everything of the open project that the screens show. */
export interface Plan {
  project: Project;
  people: Person[];
  modules: Module[];
  tasks: Task[];
}

export type PlanPart = keyof Plan;

export interface PlanSlice {
  plan: Plan | null;
  planLoading: boolean;
  /** Refused cell values, keyed `${rowId}:${field}`, shown at the cell until the next edit of it. */
  cellErrors: Record<string, AppErrorData>;
  /** Cells sent but not yet confirmed by the main process. */
  pending: Record<string, true>;
  loadPlan(projectId: string): Promise<void>;
  /** Reloads parts of the open plan after a write (and what derives from it: roll-ups, history). */
  refreshPlan(parts: PlanPart[]): Promise<void>;
  editTask(id: string, patch: TaskPatch): Promise<boolean>;
  addTask(afterId: string | null, name: string): Promise<Task | null>;
  deleteTasks(ids: string[]): Promise<boolean>;
  /** Reorder and outline: move up/down among siblings, indent under the task above, outdent. */
  reshapeTask(id: string, how: 'up' | 'down' | 'indent' | 'outdent'): Promise<boolean>;
  /** A block pasted from Excel/WPS: all rows or none; answers the refusal when there is one. */
  /** newPeople: owners not in the team yet, confirmed by the user, who join it with the paste. */
  pasteTasks(rows: PasteRow[], newPeople?: string[]): Promise<AppErrorData | null>;
  editModule(id: string, patch: ModulePatch): Promise<boolean>;
  addModule(name: string): Promise<Module | null>;
  deleteModule(id: string): Promise<boolean>;
  /** A value refused before it was sent (e.g. "12元5" is not an amount): shown like a stored refusal. */
  rejectCell(entity: 'task' | 'module', id: string, field: string, error: AppErrorData, label: string): void;
  /**
   * The cell holds a valid value again (the refused one was put back as it was): its mark and its
   * message go, since a message belongs to the value it was about.
   */
  clearCellError(id: string, field: string): void;
}

export const cellKey = (id: string, field: string) => `${id}:${field}`;

type RowList = 'tasks' | 'modules';

function replaceRow<T extends { id: string }>(rows: T[], row: T): T[] {
  return rows.map((r) => (r.id === row.id ? row : r));
}

export const planSlice: StateCreator<AppState, [], [], PlanSlice> = (set, get) => {
  /** Runs a write for the open project; on success refreshes `parts`, on failure shows why. */
  async function write<T>(
    entity: 'task' | 'module',
    parts: PlanPart[],
    send: (projectId: string) => Promise<T>,
  ): Promise<T | null> {
    const plan = get().plan;
    if (!plan) return null;
    try {
      const value = await send(plan.project.id);
      if (get().notice) get().showNotice(null); // an earlier refusal is no longer the news
      await get().refreshPlan(parts);
      return value;
    } catch (e) {
      get().showNotice({ error: errorData(e), entity });
      return null;
    }
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
      // The row as stored is valid: no cell of it keeps an earlier refusal's mark (a refused end
      // date stays marked no more once the start is fixed).
      const prefix = cellKey(id, '');
      const remaining = Object.fromEntries(
        Object.entries(get().cellErrors).filter(([k]) => !k.startsWith(prefix)),
      );
      if (Object.keys(remaining).length !== Object.keys(get().cellErrors).length)
        set({ cellErrors: remaining });
      if (get().notice?.entity === entity) get().showNotice(null);
      // Roll-ups (module progress, parents, the sidebar) and the undo state follow from the edit.
      void get().refreshPlan(list === 'tasks' ? ['modules'] : []);
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
          set({ plan: { project, people, modules, tasks }, cellErrors: {}, pending: {}, snapshot: null });
          void get().refreshHistory();
          set({ tracking: null }); // loaded by the tabs that show it
        }
      } catch (e) {
        get().showNotice({ error: errorData(e), entity: 'project' });
      } finally {
        set({ planLoading: false });
      }
    },

    async refreshPlan(parts) {
      const plan = get().plan;
      if (!plan) return;
      const projectId = plan.project.id;
      const loaders: Record<PlanPart, () => Promise<unknown>> = {
        project: () => call('projects.get', { id: projectId }),
        people: () => call('people.list', { projectId }),
        modules: () => call('modules.list', { projectId }),
        tasks: () => call('tasks.list', { projectId }),
      };
      try {
        const values = await Promise.all(parts.map((p) => loaders[p]()));
        const now = get().plan;
        if (now?.project.id !== projectId) return;
        const next = { ...now };
        parts.forEach((p, i) => Object.assign(next, { [p]: values[i] }));
        set({ plan: next });
      } catch (e) {
        get().showNotice({ error: errorData(e) });
      }
      void get().refreshHistory();
      void get().loadProjects();
      void get().refreshDashboard(); // the dashboard follows every change of the plan
    },

    editTask: (id, patch) => editRow('tasks', id, patch, () => call('tasks.update', { id, patch }), 'task'),
    editModule: (id, patch) =>
      editRow('modules', id, patch, () => call('modules.update', { id, patch }), 'module'),

    // Positions below the new row shift: take the stored order rather than guessing it.
    addTask: (afterId, name) =>
      write('task', ['tasks', 'modules'], (projectId) =>
        call('tasks.create', { projectId, afterId, values: { name } }),
      ),

    async deleteTasks(ids) {
      if (ids.length === 0) return false;
      return (await write('task', ['tasks', 'modules'], () => call('tasks.delete', { ids }))) !== null;
    },

    async reshapeTask(id, how) {
      const send = () =>
        how === 'up' || how === 'down'
          ? call('tasks.move', { id, direction: how })
          : call(how === 'indent' ? 'tasks.indent' : 'tasks.outdent', { id });
      return (await write('task', ['tasks', 'modules'], send)) !== null;
    },

    async pasteTasks(rows, newPeople = []) {
      const plan = get().plan;
      if (!plan) return null;
      try {
        const result = await call('tasks.paste', {
          projectId: plan.project.id,
          rows,
          ...(newPeople.length > 0 ? { newPeople } : {}),
        });
        // Merge the stored rows instead of reloading the whole table: new ones come last.
        const now = get().plan;
        if (now?.project.id === plan.project.id) {
          const stored = new Map(result.tasks.map((task) => [task.id, task]));
          const kept = now.tasks.map((task) => stored.get(task.id) ?? task);
          const added = result.created.map((id) => stored.get(id)).filter((task): task is Task => !!task);
          set({ plan: { ...now, tasks: [...kept, ...added] } });
        }
        if (get().notice) get().showNotice(null);
        void get().refreshPlan(newPeople.length > 0 ? ['modules', 'people'] : ['modules']);
        return null;
      } catch (e) {
        return errorData(e);
      }
    },

    clearCellError(id, field) {
      const key = cellKey(id, field);
      if (!get().cellErrors[key]) return;
      const cellErrors = { ...get().cellErrors };
      delete cellErrors[key];
      set({ cellErrors });
      if (get().notice?.error.path?.includes(field)) get().showNotice(null);
    },

    rejectCell(entity, id, field, error, label) {
      set({ cellErrors: { ...get().cellErrors, [cellKey(id, field)]: { ...error, path: [field] } } });
      get().showNotice({ error: { ...error, path: [field] }, entity, label });
    },

    addModule: (name) =>
      write('module', ['modules'], (projectId) => call('modules.create', { projectId, values: { name } })),

    async deleteModule(id) {
      return (await write('module', ['modules', 'tasks'], () => call('modules.delete', { id }))) !== null;
    },
  };
};
