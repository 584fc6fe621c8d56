import type { StateCreator } from 'zustand';
import { call, errorData } from '../api/client';
import type { AppState } from './index';

/** Undo and redo of the open project; the history itself lives in the database. */
export interface HistorySlice {
  /** The actions the next undo / redo would revert or re-apply (e.g. 'tasks.paste'), if any. */
  history: { undo: string | null; redo: string | null };
  refreshHistory(): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

export const historySlice: StateCreator<AppState, [], [], HistorySlice> = (set, get) => {
  async function step(channel: 'history.undo' | 'history.redo') {
    const plan = get().plan;
    if (!plan) return;
    try {
      const history = await call(channel, { projectId: plan.project.id });
      set({ history, cellErrors: {}, snapshot: null });
      // Undo reaches every table: periods, metrics, values and spend must show the restored
      // state at once, not after the project is switched.
      await Promise.all([
        get().refreshPlan(['project', 'people', 'modules', 'tasks']),
        get().reloadTracking(),
      ]);
      // Steps 四/五 follow too (an adjustment's undo restores budgets, targets …).
      void get().refreshFollowUp();
    } catch (e) {
      get().showNotice({ error: errorData(e) });
    }
  }
  return {
    history: { undo: null, redo: null },
    async refreshHistory() {
      const plan = get().plan;
      if (!plan) return set({ history: { undo: null, redo: null } });
      try {
        const history = await call('history.state', { projectId: plan.project.id });
        if (get().plan?.project.id === plan.project.id) set({ history });
      } catch {
        // The buttons stay as they were; the next write refreshes them.
      }
    },
    undo: () => step('history.undo'),
    redo: () => step('history.redo'),
  };
};
