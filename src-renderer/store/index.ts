/**
 * The renderer's state: zustand slices side by side (projects list, the open plan, UI). Actions
 * call the API and then put back what the main process stored; selectors are plain functions.
 */
import { create } from 'zustand';
import { projectsSlice, type ProjectsSlice } from './projects-slice';
import { planSlice, type PlanSlice } from './plan-slice';
import { uiSlice, type UiSlice } from './ui-slice';
import { historySlice, type HistorySlice } from './history-slice';
import { teamSlice, type TeamSlice } from './team-slice';
import { trackingSlice, type TrackingSlice } from './tracking-slice';
import { backupsSlice, type BackupsSlice } from './backups-slice';
import { followUpSlice, type FollowUpSlice } from './follow-up-slice';

export type AppState = ProjectsSlice &
  PlanSlice &
  HistorySlice &
  TeamSlice &
  TrackingSlice &
  UiSlice &
  BackupsSlice &
  FollowUpSlice;

export const useStore = create<AppState>()((...a) => ({
  ...projectsSlice(...a),
  ...planSlice(...a),
  ...historySlice(...a),
  ...teamSlice(...a),
  ...trackingSlice(...a),
  ...uiSlice(...a),
  ...backupsSlice(...a),
  ...followUpSlice(...a),
}));
