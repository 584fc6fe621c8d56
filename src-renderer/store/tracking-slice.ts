import type { StateCreator } from 'zustand';
import type {
  Actual,
  Checkin,
  Dashboard,
  Metric,
  MetricPatch,
  ModuleSnapshot,
  Period,
  Spend,
} from '../../src-main/shared/tracking';
import type { AppErrorData } from '../../src-main/shared/errors';
import { todayIso } from '../../src-main/shared/values';
import { call, errorData } from '../api/client';
import type { AppState } from './index';

/** Metrics, their values per period, spend, check-ins, periods and the dashboard of the open plan. */
export interface Tracking {
  projectId: string;
  metrics: Metric[];
  actuals: Actual[];
  periods: Period[];
  spend: Spend[];
  checkins: Checkin[];
  dashboard: Dashboard | null;
}

export interface TrackingSlice {
  tracking: Tracking | null;
  /** Table 1 of a closed period, when the user picked one (null: the current period, editable). */
  snapshot: { periodId: string; rows: ModuleSnapshot[] } | null;
  loadTracking(): Promise<void>;
  /** Only the dashboard: after an edit of the plan, its roll-ups and attention list change. */
  refreshDashboard(): Promise<void>;
  createMetric(values: MetricPatch & { name: string }): Promise<Metric | null>;
  editMetric(id: string, patch: MetricPatch): Promise<AppErrorData | null>;
  deleteMetric(id: string): Promise<boolean>;
  recordActual(input: {
    metricId: string;
    periodStart: string;
    periodEnd: string;
    valueC: number;
    source?: string;
    note?: string;
  }): Promise<AppErrorData | null>;
  deleteActual(id: string): Promise<boolean>;
  /** Opens the next period; `ahead` when the owner confirmed one that starts after today. */
  openPeriod(ahead?: boolean): Promise<boolean>;
  /** Fresh tracking data after a change made elsewhere (undo, redo), if it is loaded. */
  reloadTracking(): Promise<void>;
  showPeriod(periodId: string | null): Promise<void>;
  addSpend(values: {
    date: string;
    amountFen: number;
    moduleId?: string | null;
    taskId?: string | null;
    note?: string;
  }): Promise<AppErrorData | null>;
  editSpend(
    id: string,
    patch: Partial<Pick<Spend, 'date' | 'amountFen' | 'moduleId' | 'taskId' | 'note'>>,
  ): Promise<AppErrorData | null>;
  deleteSpend(id: string): Promise<boolean>;
  checkIn(taskId: string, progress: number, note: string): Promise<AppErrorData | null>;
}

export const trackingSlice: StateCreator<AppState, [], [], TrackingSlice> = (set, get) => {
  /** Runs a write; then reloads tracking (and what it touches in the plan). Answers the refusal. */
  async function write(send: () => Promise<unknown>, planParts: ('tasks' | 'modules')[] = []) {
    try {
      await send();
      await reload(); // after a write: fresh data, never an earlier load still under way
      if (planParts.length) await get().refreshPlan(planParts);
      else void get().refreshHistory();
      return null;
    } catch (e) {
      const error = errorData(e);
      get().showNotice({ error });
      return error;
    }
  }
  const projectId = () => get().plan?.project.id ?? null;
  let inflight: { projectId: string; promise: Promise<void> } | null = null;
  const reload = async () => {
    const id = projectId();
    if (id) await load(id);
  };

  async function load(id: string) {
    try {
      const [metrics, actuals, periods, spend, checkins, dashboard] = await Promise.all([
        call('metrics.list', { projectId: id }),
        call('actuals.list', { projectId: id }),
        call('periods.list', { projectId: id }),
        call('spend.list', { projectId: id }),
        call('checkins.list', { projectId: id }),
        call('dashboard.get', { projectId: id, today: todayIso() }),
      ]);
      if (projectId() === id)
        set({ tracking: { projectId: id, metrics, actuals, periods, spend, checkins, dashboard } });
    } catch (e) {
      get().showNotice({ error: errorData(e) });
    }
  }

  return {
    tracking: null,
    snapshot: null,

    loadTracking() {
      const id = projectId();
      if (!id) {
        set({ tracking: null });
        return Promise.resolve();
      }
      // The page and the tab may both ask at once: one load per project at a time.
      if (inflight?.projectId === id) return inflight.promise;
      const promise = load(id).finally(() => {
        if (inflight?.promise === promise) inflight = null;
      });
      inflight = { projectId: id, promise };
      return promise;
    },

    async refreshDashboard() {
      const tracking = get().tracking;
      // Not loaded yet: no tab shows it; the tab that does will load it.
      if (!tracking || tracking.projectId !== projectId()) return;
      try {
        const dashboard = await call('dashboard.get', { projectId: tracking.projectId, today: todayIso() });
        const now = get().tracking;
        if (now?.projectId === tracking.projectId) set({ tracking: { ...now, dashboard } });
      } catch {
        // The next change refreshes it again.
      }
    },

    async createMetric(values) {
      const id = projectId();
      if (!id) return null;
      try {
        const metric = await call('metrics.create', { projectId: id, values });
        await reload(); // after a write: fresh data, never an earlier load still under way
        void get().refreshHistory();
        return metric;
      } catch (e) {
        get().showNotice({ error: errorData(e) });
        return null;
      }
    },
    editMetric: (id, patch) => write(() => call('metrics.update', { id, patch })),
    deleteMetric: async (id) => (await write(() => call('metrics.delete', { id }))) === null,
    recordActual: (input) => write(() => call('actuals.upsert', input)),
    deleteActual: async (id) => (await write(() => call('actuals.delete', { id }))) === null,

    async reloadTracking() {
      if (get().tracking) await reload();
    },

    async openPeriod(ahead) {
      const id = projectId();
      if (!id) return false;
      const refused = await write(
        () => call('periods.open', { projectId: id, today: todayIso(), ...(ahead ? { ahead } : {}) }),
        ['modules'],
      );
      if (!refused) set({ snapshot: null });
      return refused === null;
    },

    async showPeriod(periodId) {
      const current = get().tracking?.periods.at(-1);
      if (!periodId || periodId === current?.id) return set({ snapshot: null });
      try {
        const rows = await call('periods.snapshot', { periodId });
        set({ snapshot: { periodId, rows } });
      } catch (e) {
        get().showNotice({ error: errorData(e) });
      }
    },

    addSpend(values) {
      const id = projectId();
      return id ? write(() => call('spend.create', { projectId: id, values })) : Promise.resolve(null);
    },
    editSpend: (id, patch) => write(() => call('spend.update', { id, patch })),
    deleteSpend: async (id) => (await write(() => call('spend.delete', { id }))) === null,

    checkIn: (taskId, progress, note) =>
      write(
        () => call('checkins.create', { taskId, date: todayIso(), progress, note }),
        ['tasks', 'modules'],
      ),
  };
};
