import type { StateCreator } from 'zustand';
import type { Module, ModulePatch, Person, Project, Task, TaskPatch } from '../../src-main/shared/domain';
import type { AppErrorData } from '../../src-main/shared/errors';
import type { PasteRow } from '../../src-main/shared/contract';
import type { ChangeSet } from '../../src-main/shared/changes';
import type { Answer } from '../../src-main/shared/task-rows';
import { call, errorData } from '../api/client';
import type { AppState } from './index';
import { NO_OPEN_PROJECT, refused, succeeded, type Outcome } from './outcome';
import { callWrite, type Written } from './write';
import { markFirstRowsShown, takeEarlyPlan } from './first-load';
import { noteReplaced, placeOf, replaceRows } from './row-places';

/**
 * The open plan: everything of the open project that the screens show (the strategy header,
 * the team, Table 1's modules, Table 2's tasks).
 */
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
  /**
   * The plan's tasks are Table 2's first rows only, the rest on its way (first-load.ts): other
   * screens wait for them, and a paste waits (its rows run down the table).
   */
  tasksPartial: boolean;
  /** Refused cell values, keyed `${rowId}:${field}`, shown at the cell until the next edit of it. */
  cellErrors: Record<string, AppErrorData>;
  /** Cells sent but not yet confirmed by the main process. */
  pending: Record<string, true>;
  loadPlan(projectId: string): Promise<void>;
  /** Reads these lists of the open plan again, and nothing else. */
  reloadPlanParts(parts: PlanPart[]): Promise<void>;
  /**
   * After a write whose answer carried no change set: reads `parts` again and what derives from
   * any write (the undo state, the sidebar, the dashboard).
   */
  refreshPlan(parts: PlanPart[]): Promise<void>;
  editTask(id: string, patch: TaskPatch): Promise<Outcome<Task>>;
  addTask(afterId: string | null, name: string): Promise<Outcome<Task>>;
  deleteTasks(ids: string[]): Promise<Outcome<unknown>>;
  /** Reorder and outline: move up/down among siblings, indent under the task above, outdent. */
  reshapeTask(id: string, how: 'up' | 'down' | 'indent' | 'outdent'): Promise<Outcome<Task[]>>;
  /**
   * A block pasted from Excel/WPS: all rows or none; a refusal is answered (for the paste's own
   * list of problems), not put in the banner. newPeople: owners not in the team yet, confirmed by
   * the user, who join it with the paste.
   */
  pasteTasks(rows: PasteRow[], newPeople?: string[]): Promise<Outcome<Answer<'tasks.paste'>>>;
  editModule(id: string, patch: ModulePatch): Promise<Outcome<Module>>;
  addModule(name: string): Promise<Outcome<Module>>;
  deleteModule(id: string): Promise<Outcome<unknown>>;
  /** A value refused before it was sent (e.g. "12元5" is not an amount): shown like a stored refusal. */
  rejectCell(entity: 'task' | 'module', id: string, field: string, error: AppErrorData, label: string): void;
  /**
   * The cell holds a valid value again (the refused one was put back as it was): its mark and its
   * message go, since a message belongs to the value it was about.
   */
  clearCellError(id: string, field: string): void;
}

/** How long the rest of the table waits for Table 2 to paint its first rows before it is read anyway. */
const FIRST_ROWS_WAIT_MS = 1500;

/**
 * The whole table from its first rows as the store holds them now (`current`: `first` with rows
 * edited in place, every other row object kept) and the whole list read meanwhile (`all`, read
 * before any edit reached the main process: the store's rows are as new or newer), noted as rows
 * appended. Null when rows were added, removed or moved since (the caller reads the table again).
 */
export function withRestOfTable(
  first: readonly Task[],
  current: readonly Task[],
  all: readonly Task[],
): Task[] | null {
  if (current.length !== first.length || all.length < first.length) return null;
  for (let i = 0; i < first.length; i++)
    if (current[i]!.id !== first[i]!.id || all[i]!.id !== first[i]!.id) return null;
  if (all.length === first.length) return current as Task[]; // the first rows were every row
  const whole = current.concat(all.slice(first.length));
  noteReplaced(current, whole, []);
  return whole;
}

// ---- selectors ----
export const selectPlan = (s: AppState): Plan | null => s.plan;
export const selectOpenProject = (s: AppState): Project | null => s.plan?.project ?? null;
export const selectOpenProjectId = (s: AppState): string | null => s.plan?.project.id ?? null;
export const selectTasks = (s: AppState): Task[] | undefined => s.plan?.tasks;
export const selectModules = (s: AppState): Module[] | undefined => s.plan?.modules;
export const selectPeople = (s: AppState): Person[] | undefined => s.plan?.people;
export const selectPlanLoading = (s: AppState): boolean => s.planLoading;
export const selectTasksPartial = (s: AppState): boolean => s.tasksPartial;
export const selectCellErrors = (s: AppState): Record<string, AppErrorData> => s.cellErrors;
export const selectPending = (s: AppState): Record<string, true> => s.pending;

export const cellKey = (id: string, field: string) => `${id}:${field}`;

type RowList = 'tasks' | 'modules';

/** `rows` with `row` at its id's place (a copy, noted for Table 2; see row-places.ts). */
function replaceRow<T extends { id: string }>(rows: T[], row: T): T[] {
  return replaceRows(rows, [row]) ?? rows;
}

export const planSlice: StateCreator<AppState, [], [], PlanSlice> = (set, get) => {
  /**
   * Runs a write for the open project. With a change set, the store already shows what moved
   * (or has read again what it named without carrying); without one, `parts` (and the undo state, sidebar, dashboard) are read again. A refusal is
   * shown in the banner and answered.
   */
  async function write<T>(
    entity: 'task' | 'module',
    parts: PlanPart[],
    send: (projectId: string) => Promise<Written<T>>,
  ): Promise<Outcome<T>> {
    const plan = get().plan;
    if (!plan) return refused(NO_OPEN_PROJECT);
    try {
      const { value, changes, settled } = await send(plan.project.id);
      if (get().notice) get().showNotice(null); // an earlier refusal is no longer the news
      // A change set too large to carry rows names the lists it changed: wait for them.
      if (changes) await settled;
      else await get().refreshPlan(parts);
      return succeeded(value);
    } catch (e) {
      const error = errorData(e);
      get().showNotice({ error, entity });
      return refused(error);
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
    send: (onApplied: (changes: ChangeSet) => void) => Promise<Written<Plan[K][number]>>,
    entity: 'task' | 'module',
  ): Promise<Outcome<Plan[K][number]>> {
    const plan = get().plan;
    const rows = plan?.[list] as { id: string }[] | undefined;
    const before = rows?.[placeOf(rows, id)];
    if (!plan || !rows || !before) return refused({ code: 'not_found' });
    const keys = Object.keys(patch).map((f) => cellKey(id, f));
    // A new record only when a mark goes: the grid redraws the cells whose marks changed.
    let cellErrors = get().cellErrors;
    if (keys.some((k) => k in cellErrors)) {
      cellErrors = { ...cellErrors };
      for (const k of keys) delete cellErrors[k];
    }
    set({
      plan: { ...plan, [list]: replaceRow(rows, { ...before, ...patch }) },
      pending: { ...get().pending, ...Object.fromEntries(keys.map((k) => [k, true as const])) },
      cellErrors,
    });
    const unmark = () => {
      const was = get().pending;
      if (!keys.some((k) => k in was)) return was;
      const pending = { ...was };
      for (const k of keys) delete pending[k];
      return pending;
    };
    const placedBy = (changes: ChangeSet | null) =>
      changes?.[list]?.upsert.some((row) => row.id === id) ?? false;
    try {
      // A change set puts the stored row (and the roll-ups it moved) in place: the pending mark
      // goes in the same render.
      const { value: stored, changes } = await send((applied) => {
        if (placedBy(applied)) set({ pending: unmark() });
      });
      const now = get().plan;
      if (now && !placedBy(changes))
        set({
          plan: { ...now, [list]: replaceRow(now[list] as { id: string }[], stored) },
          pending: unmark(),
        });
      else {
        const pending = unmark();
        if (pending !== get().pending) set({ pending });
      }
      // The row as stored is valid: no cell of it keeps an earlier refusal's mark (a refused end
      // date stays marked no more once the start is fixed).
      const prefix = cellKey(id, '');
      const remaining = Object.fromEntries(
        Object.entries(get().cellErrors).filter(([k]) => !k.startsWith(prefix)),
      );
      if (Object.keys(remaining).length !== Object.keys(get().cellErrors).length)
        set({ cellErrors: remaining });
      if (get().notice?.entity === entity) get().showNotice(null);
      // Without a change set: roll-ups (module progress, parents, the sidebar) and the undo
      // state are read again.
      if (!changes) void get().refreshPlan(list === 'tasks' ? ['modules'] : []);
      return succeeded(stored);
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
      return refused(error);
    }
  }

  /**
   * Adds the rest of the table to its first rows once the whole list is read (after Table 2
   * painted them, or after a while if it does not). Edits made meanwhile are kept; anything else
   * that changed the rows meanwhile has the table read again.
   */
  async function completeTasks(projectId: string, first: Task[], all: Promise<Task[]>) {
    const waited = setTimeout(markFirstRowsShown, FIRST_ROWS_WAIT_MS);
    let whole: Task[] | null = null;
    try {
      const rows = await all;
      const now = get().plan;
      // Another project opened, or the table was read again meanwhile: nothing to add.
      if (!get().tasksPartial || now?.project.id !== projectId) return;
      whole = withRestOfTable(first, now.tasks, rows);
      if (whole) set({ plan: { ...now, tasks: whole }, tasksPartial: false });
    } catch (e) {
      if (get().tasksPartial && get().plan?.project.id === projectId)
        get().showNotice({ error: errorData(e), entity: 'project' });
    } finally {
      clearTimeout(waited);
    }
    if (!whole && get().tasksPartial && get().plan?.project.id === projectId) {
      await get().reloadPlanParts(['tasks']);
      if (get().plan?.project.id === projectId) set({ tasksPartial: false });
    }
  }

  return {
    plan: null,
    planLoading: false,
    tasksPartial: false,
    cellErrors: {},
    pending: {},

    async loadPlan(projectId) {
      set({ planLoading: true });
      try {
        // At start, the reads of the remembered project are already on their way (first-load.ts).
        const early = takeEarlyPlan(projectId);
        const [project, people, modules, tasks] = await (early?.reads ??
          Promise.all([
            call('projects.get', { id: projectId }),
            call('people.list', { projectId }),
            call('modules.list', { projectId }),
            call('tasks.list', { projectId }),
          ]));
        if (get().selectedId === projectId) {
          const partial = !!early?.allTasks;
          set({
            plan: { project, people, modules, tasks },
            tasksPartial: partial,
            cellErrors: {},
            pending: {},
            snapshot: null,
          });
          void get().refreshHistory();
          set({ metricsData: null, metricsStale: [] }); // loaded by the tabs that show it
          if (early?.allTasks) void completeTasks(projectId, tasks, early.allTasks);
        } else if (early?.allTasks) markFirstRowsShown();
      } catch (e) {
        get().showNotice({ error: errorData(e), entity: 'project' });
      } finally {
        set({ planLoading: false });
      }
    },

    async reloadPlanParts(parts) {
      const plan = get().plan;
      if (!plan || parts.length === 0) return;
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
        // The whole table read: no longer its first rows only.
        set(parts.includes('tasks') ? { plan: next, tasksPartial: false } : { plan: next });
      } catch (e) {
        get().showNotice({ error: errorData(e) });
      }
    },

    async refreshPlan(parts) {
      if (!get().plan) return;
      await get().reloadPlanParts(parts);
      void get().refreshHistory();
      void get().loadProjects();
      void get().refreshDashboard(); // the dashboard follows every change of the plan
    },

    editTask: (id, patch) =>
      editRow('tasks', id, patch, (applied) => callWrite('tasks.update', { id, patch }, applied), 'task'),
    editModule: (id, patch) =>
      editRow(
        'modules',
        id,
        patch,
        (applied) => callWrite('modules.update', { id, patch }, applied),
        'module',
      ),

    // Positions below the new row shift: take the stored order rather than guessing it.
    addTask: (afterId, name) =>
      write('task', ['tasks', 'modules'], (projectId) =>
        callWrite('tasks.create', { projectId, afterId, values: { name } }),
      ),

    deleteTasks(ids) {
      if (ids.length === 0) return Promise.resolve(refused({ code: 'invalid_input', path: ['ids'] }));
      return write('task', ['tasks', 'modules'], () => callWrite('tasks.delete', { ids }));
    },

    reshapeTask(id, how) {
      const send = () =>
        how === 'up' || how === 'down'
          ? callWrite('tasks.move', { id, direction: how })
          : callWrite(how === 'indent' ? 'tasks.indent' : 'tasks.outdent', { id });
      return write('task', ['tasks', 'modules'], send);
    },

    async pasteTasks(rows, newPeople = []) {
      const plan = get().plan;
      if (!plan) return refused(NO_OPEN_PROJECT);
      try {
        const {
          value: result,
          changes,
          settled,
        } = await callWrite('tasks.paste', {
          projectId: plan.project.id,
          rows,
          ...(newPeople.length > 0 ? { newPeople } : {}),
        });
        if (get().notice) get().showNotice(null);
        if (changes) {
          await settled; // a paste of thousands of rows is told by table and read again
          return succeeded(result);
        }
        // No change set: merge the stored rows instead of reloading the whole table (new ones
        // come last), then read the roll-ups again.
        const now = get().plan;
        if (now?.project.id === plan.project.id) {
          const stored = new Map(result.tasks.map((task) => [task.id, task]));
          const kept = now.tasks.map((task) => stored.get(task.id) ?? task);
          const added = result.created.map((id) => stored.get(id)).filter((task): task is Task => !!task);
          set({ plan: { ...now, tasks: [...kept, ...added] } });
        }
        void get().refreshPlan(newPeople.length > 0 ? ['modules', 'people'] : ['modules']);
        return succeeded(result);
      } catch (e) {
        return refused(errorData(e));
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
      write('module', ['modules'], (projectId) =>
        callWrite('modules.create', { projectId, values: { name } }),
      ),

    deleteModule: (id) => write('module', ['modules', 'tasks'], () => callWrite('modules.delete', { id })),
  };
};
