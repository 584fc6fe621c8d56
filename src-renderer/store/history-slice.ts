import type { StateCreator } from 'zustand';
import { call, errorData } from '../api/client';
import type { AppState } from './index';
import { NO_OPEN_PROJECT, refused, succeeded, type Outcome } from './outcome';
import { callWrite } from './write';

/** The labels of the next undo and redo (e.g. 'tasks.paste'), if any. */
export interface UndoState {
  undo: string | null;
  redo: string | null;
}

/** Undo and redo of the open project; the history itself lives in the database. */
export interface HistorySlice {
  /** The actions the next undo / redo would revert or re-apply. */
  history: UndoState;
  refreshHistory(): Promise<void>;
  undo(): Promise<Outcome<UndoState>>;
  redo(): Promise<Outcome<UndoState>>;
}

// ---- selectors ----
export const selectHistory = (s: AppState): UndoState => s.history;

export const historySlice: StateCreator<AppState, [], [], HistorySlice> = (set, get) => {
  async function step(channel: 'history.undo' | 'history.redo'): Promise<Outcome<UndoState>> {
    const plan = get().plan;
    if (!plan) return refused(NO_OPEN_PROJECT);
    try {
      const { value: history, changes, settled } = await callWrite(channel, { projectId: plan.project.id });
      set({ history, cellErrors: {}, snapshot: null });
      if (changes) {
        // The restored rows are in place; what the change set names without carrying is read again.
        await settled;
        return succeeded(history);
      }
      // Undo reaches every table: periods, metrics, values and spend must show the restored
      // state at once, not after the project is switched.
      await Promise.all([
        get().refreshPlan(['project', 'people', 'modules', 'tasks']),
        get().reloadMetrics(),
      ]);
      // Steps 四/五 follow too (an adjustment's undo restores budgets, targets …).
      void get().refreshFollowUp();
      return succeeded(history);
    } catch (e) {
      const error = errorData(e);
      get().showNotice({ error });
      return refused(error);
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
