/**
 * The one place where a write's change set (src-main/shared/changes.ts) reaches the store. The
 * client hands every successful write's change set to `applyChanges` before the caller gets its
 * answer; it puts the rows that moved in place and refetches only what the change set names by
 * table but does not carry as rows, and only where a screen shows it.
 *
 * Rows that did not change keep their object identity (React and AG Grid then redraw only what
 * moved); rows are ordered as the list channels order them.
 */
import type { StoreApi } from 'zustand';
import type { ChangeSet, ListChange } from '../../src-main/shared/changes';
import { onChanges } from '../api/client';
import type { AppState } from './index';
import { METRICS_LISTS, type MetricsList } from './metrics-slice';
import type { Plan, PlanPart } from './plan-slice';
import { DASHBOARD_TABS, FOLLOW_UP_TABS, METRICS_TABS } from './ui-slice';
import { settleWith } from './write';
import { placeOf, replaceRows } from './row-places';

/** The tables whose rows each list of the metrics data reads (a write touching one makes it stale). */
const METRICS_LIST_TABLES: Record<MetricsList, readonly string[]> = {
  metrics: ['metrics'],
  actuals: ['metric_actuals'],
  periods: ['tracking_periods'],
  spend: ['spend_entries'],
  checkins: ['task_checkins'],
  // Roll-ups, the attention list and the charts read the whole plan and every measure.
  dashboard: [
    'projects',
    'people',
    'modules',
    'tasks',
    'task_links',
    'metrics',
    'metric_actuals',
    'tracking_periods',
    'spend_entries',
    'task_checkins',
  ],
};

/** Steps 四/五 (their lists, links, trail, identities, and the settings kept on the project row). */
const FOLLOW_UP_TABLES: readonly string[] = [
  'issues',
  'feedback',
  'root_causes',
  'adjustments',
  'adjustment_changes',
  'adjustment_events',
  'project_identities',
  'cause_issue_links',
  'cause_feedback_links',
  'adjustment_issue_links',
  'adjustment_feedback_links',
  'adjustment_cause_links',
  'projects',
];

/** The table behind each list of the open plan. */
const PLAN_PART_TABLE: Record<PlanPart, string> = {
  project: 'projects',
  people: 'people',
  modules: 'modules',
  tasks: 'tasks',
};

/** The order of `tasks.list`, `modules.list` and `people.list`: position, then id. */
export function byPosition(a: { id: string; position: number }, b: { id: string; position: number }): number {
  return a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Puts `change` into `rows`: removed ids go, upserted rows replace theirs in place or are added,
 * every other row object stays the same. With `order`, the result is re-sorted only when an
 * upsert moved or added a row and the list is out of order; without it, new rows come last (the
 * sidebar lists projects in the order they were created). Returns `rows` itself when nothing moved.
 */
export function applyList<T extends { id: string }>(
  rows: T[],
  change: ListChange<T> | undefined,
  order?: (a: T, b: T) => number,
): T[] {
  if (!change || (change.upsert.length === 0 && change.remove.length === 0)) return rows;
  // The usual edit: rows replaced where they are, nothing removed, added or moved. Found by
  // their places, without a pass over every row.
  if (change.remove.length === 0) {
    const inPlace = change.upsert.every((stored) => {
      const p = placeOf(rows, stored.id);
      return p >= 0 && (!order || order(rows[p]!, stored) === 0);
    });
    if (inPlace) return replaceRows(rows, change.upsert) ?? rows;
  }
  const upserts = new Map(change.upsert.map((row) => [row.id, row]));
  const removed = new Set(change.remove);
  let changed = false;
  let reordered = false;
  const next: T[] = [];
  for (const row of rows) {
    if (removed.has(row.id)) {
      changed = true;
      continue;
    }
    const stored = upserts.get(row.id);
    if (stored === undefined) {
      next.push(row);
      continue;
    }
    upserts.delete(row.id);
    changed = true;
    if (order && order(row, stored) !== 0) reordered = true;
    next.push(stored);
  }
  for (const added of upserts.values()) {
    if (removed.has(added.id)) continue;
    changed = reordered = true;
    next.push(added);
  }
  if (!changed) return rows;
  if (order && reordered && !isSorted(next, order)) next.sort(order); // stable: ties keep their place
  return next;
}

function isSorted<T>(rows: T[], order: (a: T, b: T) => number): boolean {
  for (let i = 1; i < rows.length; i++) if (order(rows[i - 1]!, rows[i]!) > 0) return false;
  return true;
}

/** The open plan with the change set's rows in place (the same object when nothing of it moved). */
export function applyToPlan(plan: Plan, changes: ChangeSet): Plan {
  const project = changes.project ?? plan.project;
  const tasks = applyList(plan.tasks, changes.tasks, byPosition);
  const modules = applyList(plan.modules, changes.modules, byPosition);
  const people = applyList(plan.people, changes.people, byPosition);
  if (project === plan.project && tasks === plan.tasks && modules === plan.modules && people === plan.people)
    return plan;
  return { project, people, modules, tasks };
}

/** Which lists of the metrics data a change set makes stale. */
export function staleMetricsLists(tables: readonly string[]): MetricsList[] {
  const touched = new Set(tables);
  return METRICS_LISTS.filter((list) => METRICS_LIST_TABLES[list].some((t) => touched.has(t)));
}

/**
 * Applies one change set: rows in place, the project and the sidebar replaced, the undo/redo
 * labels set; then refetches what it names without carrying (shown lists now, the others when
 * their tab opens). Resolves when those refetches are done.
 */
export function applyChanges(store: StoreApi<AppState>, changes: ChangeSet): Promise<void> {
  const state = store.getState();
  const next: Partial<AppState> = {};
  const projects = applyList(state.projects, changes.projects);
  if (projects !== state.projects) next.projects = projects;
  const plan = state.plan;
  const open = plan !== null && changes.projectId === plan.project.id;
  // The open project deleted: its deletion chooses what opens next; nothing of it is read again.
  const gone = open && !!changes.projects?.remove.includes(plan.project.id);
  if (open && !gone) {
    const updated = applyToPlan(plan, changes);
    if (updated !== plan) next.plan = updated;
    if (changes.history) next.history = changes.history;
  }
  if (Object.keys(next).length > 0) store.setState(next);
  return open && !gone ? refetchStale(store, changes) : Promise.resolve();
}

function refetchStale(store: StoreApi<AppState>, changes: ChangeSet): Promise<void> {
  const state = store.getState();
  const tables = new Set(changes.tables);
  const jobs: Promise<unknown>[] = [];

  // A list of the plan touched but not carried (the change set should carry it; never guess).
  const parts = (Object.keys(PLAN_PART_TABLE) as PlanPart[]).filter(
    (part) => tables.has(PLAN_PART_TABLE[part]) && changes[part] === undefined,
  );
  if (parts.length > 0) jobs.push(state.reloadPlanParts(parts));

  // Metrics data: refetch the lists the current tab shows, mark the others for when it opens.
  if (state.metricsData?.projectId === changes.projectId) {
    const lists = staleMetricsLists(changes.tables);
    const shown = lists.filter((list) => metricsListShown(list, state.tab));
    const later = lists.filter((list) => !shown.includes(list));
    if (later.length > 0)
      store.setState({ metricsStale: [...new Set([...store.getState().metricsStale, ...later])] });
    if (shown.length > 0) jobs.push(state.refetchMetrics(shown));
  }

  // Steps 四/五 are read again each time their tabs open; refetch only while one is open.
  if (
    state.followUp?.projectId === changes.projectId &&
    FOLLOW_UP_TABS.includes(state.tab) &&
    FOLLOW_UP_TABLES.some((t) => tables.has(t))
  )
    jobs.push(state.refreshFollowUp());

  return Promise.all(jobs).then(() => undefined);
}

/** Whether a tab shows a list of the metrics data (the dashboard only on 概览). */
export function metricsListShown(list: MetricsList, tab: AppState['tab']): boolean {
  return list === 'dashboard' ? DASHBOARD_TABS.includes(tab) : METRICS_TABS.includes(tab);
}

/** Subscribes the store to every write's change set; returns the unsubscribe. */
export function subscribeToChanges(store: StoreApi<AppState>): () => void {
  return onChanges((changes) => settleWith(changes, applyChanges(store, changes)));
}
