/** Everything a printed report shows, read through the same channels as the app's pages. */
import { call } from '../../api/client';
import type { Module, Person, Project, Task } from '../../../src-main/shared/domain';
import type { Adjustment, Issue } from '../../../src-main/shared/feedback';
import type { Output } from '../../../src-main/shared/contract';
import type { Lesson } from '../../../src-main/shared/lessons';
import type { Retrospective } from '../../../src-main/shared/retro';
import type { Dashboard, Metric, Period } from '../../../src-main/shared/tracking';
import { todayIso } from '../../../src-main/shared/values';

export interface ReportData {
  project: Project;
  people: Person[];
  modules: Module[];
  tasks: Task[];
  /** The day the report is printed (the user's calendar date). */
  printedOn: string;
  /** retro only */
  retro: Retrospective | null;
  lessons: Lesson[];
  /** weekly only: the period reported and the dashboard as of its end. */
  period: Period | null;
  periodIndex: number;
  dashboard: Dashboard | null;
  /** The issue log and the adjustments (retro, weekly): steps 四/五 as the report shows them. */
  issues: Issue[];
  adjustments: Adjustment[];
  /** The metrics (units and kinds of the expected effects and of target changes). */
  metrics: Metric[];
  /** approval only: the 策略调整审批表 of one adjustment. */
  form: Output<'adjustments.form'> | null;
  /** approval only: the project's "major" budget rule (% of the strategy's budget), for its reason. */
  majorBudgetPct: number | null;
}

export async function loadReportData(
  projectId: string,
  kind: 'retro' | 'weekly' | 'approval',
  periodId: string | null,
  adjustmentId: string | null = null,
): Promise<ReportData> {
  const today = todayIso();
  const [project, people, modules, tasks, metrics] = await Promise.all([
    call('projects.get', { id: projectId }),
    call('people.list', { projectId }),
    call('modules.list', { projectId }),
    call('tasks.list', { projectId }),
    call('metrics.list', { projectId }),
  ]);
  const none = { retro: null, lessons: [], period: null, periodIndex: -1, dashboard: null };
  if (kind === 'approval') {
    // An approval form without an adjustment is refused like any unknown record.
    const [form, settings] = await Promise.all([
      call('adjustments.form', { id: adjustmentId ?? '' }),
      call('feedbackSettings.get', { projectId }),
    ]);
    return {
      project,
      people,
      modules,
      tasks,
      metrics,
      printedOn: today,
      ...none,
      issues: [],
      adjustments: [],
      form,
      majorBudgetPct: settings.majorRules.budgetPct,
    };
  }
  const [issues, adjustments] = await Promise.all([
    call('issues.list', { projectId }),
    call('adjustments.list', { projectId }),
  ]);
  const base = {
    project,
    people,
    modules,
    tasks,
    metrics,
    issues,
    adjustments,
    form: null,
    majorBudgetPct: null,
    printedOn: today,
  };
  if (kind === 'retro') {
    const [retro, lessons] = await Promise.all([
      call('retro.get', { projectId, today }),
      call('lessons.list', { projectId }),
    ]);
    return { ...base, retro, lessons, period: null, periodIndex: -1, dashboard: retro.dashboard };
  }
  const periods = await call('periods.list', { projectId });
  const index = periodId ? periods.findIndex((p) => p.id === periodId) : periods.length - 1;
  const period = periods[index] ?? null;
  // As of the period's last day, or today while that day is still ahead.
  const asOf = period && period.end < today ? period.end : today;
  const dashboard = await call('dashboard.get', { projectId, today: asOf });
  return { ...base, retro: null, lessons: [], period, periodIndex: index, dashboard };
}

/**
 * Loads, in one go and in parallel, the subsets of the report font that `text` needs (regular and
 * bold). Left to the layout, each subset is found only as text using it is laid out, and each one
 * that arrives lays the whole report out again: seconds for a long Table 2.
 */
export async function preloadReportFont(text: string): Promise<void> {
  if (!document.fonts?.load) return;
  const chars = [...new Set(text)].join('');
  await Promise.all([
    document.fonts.load(`400 10pt "Noto Sans SC"`, chars),
    document.fonts.load(`700 10pt "Noto Sans SC"`, chars),
  ]).catch(() => undefined); // a font that fails to load falls back to layout-time loading
}
