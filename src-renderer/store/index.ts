/**
 * The renderer's state: zustand slices side by side (projects list, the open plan, UI). Actions
 * call the API and answer an Outcome (outcome.ts); every write's change set is applied in one
 * place (apply-changes.ts); selectors are plain exported functions next to each slice.
 */
import { create } from 'zustand';
import { projectsSlice, type ProjectsSlice } from './projects-slice';
import { planSlice, type PlanSlice } from './plan-slice';
import { uiSlice, type UiSlice } from './ui-slice';
import { historySlice, type HistorySlice } from './history-slice';
import { teamSlice, type TeamSlice } from './team-slice';
import { metricsSlice, type MetricsSlice } from './metrics-slice';
import { backupsSlice, type BackupsSlice } from './backups-slice';
import { followUpSlice, type FollowUpSlice } from './follow-up-slice';
import { subscribeToChanges } from './apply-changes';

export type AppState = ProjectsSlice &
  PlanSlice &
  HistorySlice &
  TeamSlice &
  MetricsSlice &
  UiSlice &
  BackupsSlice &
  FollowUpSlice;

export const useStore = create<AppState>()((...a) => ({
  ...projectsSlice(...a),
  ...planSlice(...a),
  ...historySlice(...a),
  ...teamSlice(...a),
  ...metricsSlice(...a),
  ...uiSlice(...a),
  ...backupsSlice(...a),
  ...followUpSlice(...a),
}));

subscribeToChanges(useStore);

/**
 * Resolves once the open plan holds every task (not Table 2's first rows only, see
 * `tasksPartial`), after the screens have drawn them.
 */
export function whenTasksComplete(): Promise<void> {
  return new Promise((resolve) => {
    const drawn = () => requestAnimationFrame(() => setTimeout(resolve));
    if (!useStore.getState().tasksPartial) return drawn();
    const stop = useStore.subscribe((s) => {
      if (s.tasksPartial) return;
      stop();
      drawn();
    });
  });
}
