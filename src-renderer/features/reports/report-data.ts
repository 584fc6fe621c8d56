/** Everything a printed report shows, read through the same channels as the app's pages. */
import { call } from '../../api/client';
import type { Module, Person, Project, Task } from '../../../src-main/shared/domain';
import type { Lesson } from '../../../src-main/shared/lessons';
import type { Retrospective } from '../../../src-main/shared/retro';
import type { Dashboard, Period } from '../../../src-main/shared/tracking';
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
}

export async function loadReportData(
  projectId: string,
  kind: 'retro' | 'weekly',
  periodId: string | null,
): Promise<ReportData> {
  const today = todayIso();
  const [project, people, modules, tasks] = await Promise.all([
    call('projects.get', { id: projectId }),
    call('people.list', { projectId }),
    call('modules.list', { projectId }),
    call('tasks.list', { projectId }),
  ]);
  const base = { project, people, modules, tasks, printedOn: today };
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
