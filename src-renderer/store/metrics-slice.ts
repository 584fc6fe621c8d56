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
import type { Channel } from '../../src-main/shared/channels';
import type { Input } from '../../src-main/shared/contract';
import { todayIso } from '../../src-main/shared/values';
import { call, errorData } from '../api/client';
import type { AppState } from './index';
import { NO_OPEN_PROJECT, refused, succeeded, type Outcome } from './outcome';
import { DASHBOARD_TABS, METRICS_TABS, type ProjectTab } from './ui-slice';
import { callWrite } from './write';

/**
 * The metrics data of the open project (step 三): metrics, their values per period, spend,
 * check-ins, the tracking periods and the dashboard. ("Tracking" is Table 1; see tracking/.)
 */
export interface MetricsData {
  projectId: string;
  metrics: Metric[];
  actuals: Actual[];
  periods: Period[];
  spend: Spend[];
  checkins: Checkin[];
  dashboard: Dashboard | null;
}

/** The lists of the metrics data, each read by its own channel. */
export const METRICS_LISTS = ['metrics', 'actuals', 'periods', 'spend', 'checkins', 'dashboard'] as const;
export type MetricsList = (typeof METRICS_LISTS)[number];

export interface MetricsSlice {
  metricsData: MetricsData | null;
  /** Lists a write changed while no open tab showed them: read again when one does. */
  metricsStale: MetricsList[];
  /** Table 1 of a closed period, when the user picked one (null: the current period, editable). */
  snapshot: { periodId: string; rows: ModuleSnapshot[] } | null;
  loadMetrics(): Promise<void>;
  /** What a tab needs of the metrics data: all of it once, then the lists gone stale that it shows. */
  ensureMetrics(tab: ProjectTab): Promise<void>;
  /** Reads these lists again (when the data is loaded) and marks them fresh. */
  refetchMetrics(lists: MetricsList[]): Promise<void>;
  /** Only the dashboard: after an edit of the plan, its roll-ups and attention list change. */
  refreshDashboard(): Promise<void>;
  /** Fresh metrics data after a change made elsewhere (undo, redo), if it is loaded. */
  reloadMetrics(): Promise<void>;
  createMetric(values: MetricPatch & { name: string }): Promise<Outcome<Metric>>;
  editMetric(id: string, patch: MetricPatch): Promise<Outcome<Metric>>;
  deleteMetric(id: string): Promise<Outcome<unknown>>;
  recordActual(input: Input<'actuals.upsert'>): Promise<Outcome<Actual>>;
  deleteActual(id: string): Promise<Outcome<unknown>>;
  /** Opens the next period; `ahead` when the owner confirmed one that starts after today. */
  openPeriod(ahead?: boolean): Promise<Outcome<unknown>>;
  showPeriod(periodId: string | null): Promise<void>;
  addSpend(values: Input<'spend.create'>['values']): Promise<Outcome<Spend>>;
  editSpend(id: string, patch: Input<'spend.update'>['patch']): Promise<Outcome<Spend>>;
  deleteSpend(id: string): Promise<Outcome<unknown>>;
  checkIn(taskId: string, progress: number, note: string): Promise<Outcome<Checkin>>;
}

// ---- selectors ----
export const selectMetricsData = (s: AppState): MetricsData | null => s.metricsData;
/** The metrics data when it is the open project's (null while it loads or for another project). */
export const selectOpenMetricsData = (s: AppState): MetricsData | null =>
  s.metricsData && s.metricsData.projectId === s.plan?.project.id ? s.metricsData : null;
export const selectMetrics = (s: AppState): Metric[] | undefined => selectOpenMetricsData(s)?.metrics;
export const selectActuals = (s: AppState): Actual[] | undefined => s.metricsData?.actuals;
export const selectSpend = (s: AppState): Spend[] | undefined => s.metricsData?.spend;
export const selectPeriods = (s: AppState): Period[] | undefined => selectOpenMetricsData(s)?.periods;
export const selectDashboard = (s: AppState): Dashboard | null => selectOpenMetricsData(s)?.dashboard ?? null;
export const selectSnapshot = (s: AppState) => s.snapshot;
export const selectMetricsStale = (s: AppState): MetricsList[] => s.metricsStale;

export const metricsSlice: StateCreator<AppState, [], [], MetricsSlice> = (set, get) => {
  const projectId = () => get().plan?.project.id ?? null;
  let inflight: { projectId: string; promise: Promise<void> } | null = null;

  const loaders = (id: string): Record<MetricsList, () => Promise<unknown>> => ({
    metrics: () => call('metrics.list', { projectId: id }),
    actuals: () => call('actuals.list', { projectId: id }),
    periods: () => call('periods.list', { projectId: id }),
    spend: () => call('spend.list', { projectId: id }),
    checkins: () => call('checkins.list', { projectId: id }),
    dashboard: () => call('dashboard.get', { projectId: id, today: todayIso() }),
  });

  async function load(id: string) {
    try {
      const read = loaders(id);
      const [metrics, actuals, periods, spend, checkins, dashboard] = await Promise.all(
        METRICS_LISTS.map((list) => read[list]()),
      );
      if (projectId() === id)
        set({
          metricsData: {
            projectId: id,
            metrics,
            actuals,
            periods,
            spend,
            checkins,
            dashboard,
          } as MetricsData,
          metricsStale: [],
        });
    } catch (e) {
      get().showNotice({ error: errorData(e) });
    }
  }
  const reload = async () => {
    const id = projectId();
    if (id) await load(id);
  };

  /**
   * Runs a write. With a change set, the store already holds its rows and has read again the
   * lists it touched that a tab shows; without one, everything is read again as before. The
   * refusal is shown in the banner and answered.
   */
  async function write<C extends Channel, T>(
    channel: C,
    input: Input<C>,
    planParts: ('tasks' | 'modules')[] = [],
  ): Promise<Outcome<T>> {
    try {
      const { value, changes, settled } = await callWrite(channel, input);
      if (changes) await settled;
      else {
        await reload(); // after a write: fresh data, never an earlier load still under way
        if (planParts.length) await get().refreshPlan(planParts);
        else void get().refreshHistory();
      }
      return succeeded(value as T);
    } catch (e) {
      const error = errorData(e);
      get().showNotice({ error });
      return refused(error);
    }
  }

  return {
    metricsData: null,
    metricsStale: [],
    snapshot: null,

    loadMetrics() {
      const id = projectId();
      if (!id) {
        set({ metricsData: null });
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

    async ensureMetrics(tab) {
      const data = get().metricsData;
      if (!data || data.projectId !== projectId()) return get().loadMetrics();
      const shown = get().metricsStale.filter((list) =>
        list === 'dashboard' ? DASHBOARD_TABS.includes(tab) : METRICS_TABS.includes(tab),
      );
      if (shown.length > 0) await get().refetchMetrics(shown);
    },

    async refetchMetrics(lists) {
      const data = get().metricsData;
      if (!data || data.projectId !== projectId() || lists.length === 0) return;
      set({ metricsStale: get().metricsStale.filter((list) => !lists.includes(list)) });
      try {
        const read = loaders(data.projectId);
        const values = await Promise.all(lists.map((list) => read[list]()));
        const now = get().metricsData;
        if (now?.projectId !== data.projectId) return;
        const next = { ...now };
        lists.forEach((list, i) => Object.assign(next, { [list]: values[i] }));
        set({ metricsData: next });
      } catch (e) {
        get().showNotice({ error: errorData(e) });
      }
    },

    async refreshDashboard() {
      const data = get().metricsData;
      // Not loaded yet: no tab shows it; the tab that does will load it.
      if (!data || data.projectId !== projectId()) return;
      try {
        const dashboard = await call('dashboard.get', { projectId: data.projectId, today: todayIso() });
        const now = get().metricsData;
        if (now?.projectId === data.projectId) set({ metricsData: { ...now, dashboard } });
      } catch {
        // The next change refreshes it again.
      }
    },

    async reloadMetrics() {
      if (get().metricsData) await reload();
    },

    createMetric(values) {
      const id = projectId();
      return id
        ? write('metrics.create', { projectId: id, values })
        : Promise.resolve(refused(NO_OPEN_PROJECT));
    },
    editMetric: (id, patch) => write('metrics.update', { id, patch }),
    deleteMetric: (id) => write('metrics.delete', { id }),
    recordActual: (input) => write('actuals.upsert', input),
    deleteActual: (id) => write('actuals.delete', { id }),

    async openPeriod(ahead) {
      const id = projectId();
      if (!id) return refused(NO_OPEN_PROJECT);
      const outcome = await write(
        'periods.open',
        { projectId: id, today: todayIso(), ...(ahead ? { ahead } : {}) },
        ['modules'],
      );
      if (outcome.ok) set({ snapshot: null });
      return outcome;
    },

    async showPeriod(periodId) {
      const current = get().metricsData?.periods.at(-1);
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
      return id
        ? write('spend.create', { projectId: id, values })
        : Promise.resolve(refused(NO_OPEN_PROJECT));
    },
    editSpend: (id, patch) => write('spend.update', { id, patch }),
    deleteSpend: (id) => write('spend.delete', { id }),

    checkIn: (taskId, progress, note) =>
      write('checkins.create', { taskId, date: todayIso(), progress, note }, ['tasks', 'modules']),
  };
};
