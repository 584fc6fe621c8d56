/** The project page: a slim header, then tabs in the template's order of work. */
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPeriod } from '../../i18n/format';
import { call, errorData } from '../../api/client';
import { useStore } from '../../store';
import { selectTasksPartial, type Plan } from '../../store/plan-slice';
import { TaskGrid } from '../tasks/TaskGrid';
import { daysLeft, shownStatus } from './project-dates';
import { UndoRedo, useUndoRedoShortcuts } from '../../components/UndoRedo';
import { ExportProjectFileButton } from '../project-file/ExportProjectFile';
import { FOLLOW_UP_TABS, METRICS_TABS, PROJECT_TABS, type ProjectTab } from '../../store/ui-slice';
import { selectMetricsStale, selectOpenMetricsData } from '../../store/metrics-slice';
import { selectOpenProjectSummary } from '../../store/projects-slice';
// Every tab but Table 2 (where the app opens) loads when first opened: the chart tabs with
// ECharts, the tables of steps 一, 四 and 五 with their forms and dialogs.
const GoalTeamTab = lazy(() => import('../goal-team/GoalTeamTab').then((m) => ({ default: m.GoalTeamTab })));
const TrackingTable = lazy(() =>
  import('../tracking/TrackingTable').then((m) => ({ default: m.TrackingTable })),
);
const FeedbackTab = lazy(() => import('../feedback/FeedbackTab').then((m) => ({ default: m.FeedbackTab })));
const AdjustmentsTab = lazy(() =>
  import('../adjustments/AdjustmentsTab').then((m) => ({ default: m.AdjustmentsTab })),
);
const OverviewTab = lazy(() => import('../overview/OverviewTab').then((m) => ({ default: m.OverviewTab })));
const MetricsTab = lazy(() => import('../metrics/MetricsTab').then((m) => ({ default: m.MetricsTab })));
const RetroTab = lazy(() => import('../retro/RetroTab').then((m) => ({ default: m.RetroTab })));

const TABS = PROJECT_TABS;
type Tab = ProjectTab;

export function ProjectPage({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const tab = useStore((s) => s.tab);
  const partial = useStore(selectTasksPartial);
  const openTab = useStore((s) => s.openTab);
  useUndoRedoShortcuts();
  // Ask for the metrics data as soon as a tab that shows it is chosen, while its code loads (and
  // for the lists a write changed while no open tab showed them).
  const metricsData = useStore(selectOpenMetricsData);
  const metricsStale = useStore(selectMetricsStale);
  const ensureMetrics = useStore((s) => s.ensureMetrics);
  const needsMetrics = METRICS_TABS.includes(tab);
  useEffect(() => {
    if (needsMetrics) void ensureMetrics(tab);
  }, [needsMetrics, tab, metricsData?.projectId, metricsStale, plan.project.id, ensureMetrics]);
  const loadFollowUp = useStore((s) => s.loadFollowUp);
  useEffect(() => {
    if (FOLLOW_UP_TABS.includes(tab)) void loadFollowUp();
  }, [tab, plan.project.id, loadFollowUp]);
  const choose = (next: Tab) => openTab(next);
  return (
    <main className="project-page">
      <ProjectHeader plan={plan} />
      {plan.project.status === 'archived' && <ArchivedBanner plan={plan} />}
      <div className="tabs" role="tablist">
        {TABS.map((id) => (
          <button
            key={id}
            role="tab"
            aria-selected={tab === id}
            className={`tab${tab === id ? ' active' : ''}`}
            onClick={() => choose(id)}
          >
            {t(`project.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div className="tab-body">
        <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
          {/* The other tabs read every task: they wait while Table 2's first rows only are here. */}
          {tab !== 'tasks' && partial && <p className="muted">{t('app.loading')}</p>}
          {!partial && tab === 'overview' && <OverviewTab plan={plan} />}
          {!partial && tab === 'retrospective' && <RetroTab plan={plan} />}
          {!partial && tab === 'goalTeam' && <GoalTeamTab plan={plan} />}
          {!partial && tab === 'tracking' && <TrackingTable plan={plan} />}
          {!partial && tab === 'metrics' && <MetricsTab plan={plan} />}
          {!partial && tab === 'feedback' && <FeedbackTab plan={plan} />}
          {!partial && tab === 'adjustments' && <AdjustmentsTab plan={plan} />}
        </Suspense>
        {tab === 'tasks' && <TaskGrid plan={plan} />}
      </div>
    </main>
  );
}

function ProjectHeader({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const { project, people } = plan;
  const summary = useStore(selectOpenProjectSummary);
  const owner = people.find((p) => p.id === project.ownerId)?.name;
  const left = daysLeft(project.end);
  const status = shownStatus(project.status, project.end);
  const period = formatPeriod(project.start, project.end, i18n.language);
  let timing = '';
  if (left !== null)
    timing = left >= 0 ? t('project.daysLeft', { count: left }) : t('project.ended', { count: -left });
  return (
    <header className="project-header">
      <h1 title={project.name}>{project.name}</h1>
      <span className={`status-pill status-${status}`} data-testid="project-status">
        <span className={`status-dot status-${status}`} />
        {t(`status.${status}`)}
      </span>
      <span className="header-item" title={[period, timing].filter(Boolean).join(' · ')}>
        {t('project.period')}
        {t('app.colon')}
        {period || t('project.noPeriod')}
        {timing && (
          <span className="muted" data-testid="project-timing">
            {' '}
            · {timing}
          </span>
        )}
      </span>
      <span className="header-item header-figure" data-testid="project-progress">
        {t('project.progress')}
        {t('app.colon')}
        <strong>{Math.round(summary?.progress ?? 0)}%</strong>
      </span>
      <span className="header-item">
        {t('project.owner')}
        {t('app.colon')}
        {owner ?? t('project.noOwner')}
      </span>
      <span className="toolbar-spacer" />
      <ExportProjectFileButton projectId={project.id} />
      <UndoRedo />
    </header>
  );
}

/** 已归档: read-only everywhere (the main process refuses every write); one click un-archives. */
function ArchivedBanner({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const refreshPlan = useStore((s) => s.refreshPlan);
  const showNotice = useStore((s) => s.showNotice);
  const unarchive = async () => {
    try {
      await call('projects.update', { id: plan.project.id, patch: { status: 'done' } });
      await refreshPlan(['project']);
    } catch (e) {
      showNotice({ error: errorData(e), entity: 'project' });
    }
  };
  return (
    <div className="archived-banner" role="status" data-testid="archived-banner">
      <span>{t('archive.banner')}</span>
      <button onClick={() => void unarchive()}>{t('archive.unarchive')}</button>
    </div>
  );
}
