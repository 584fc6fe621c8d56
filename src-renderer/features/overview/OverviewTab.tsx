/**
 * 概览: the plan at a glance for the current period — KPI cards, what needs attention (数据反馈),
 * and the charts: timeline, module progress against time, planned vs actual progress, target vs
 * actual per metric, a metric's trend, budget by module and the funnel.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../src-main/shared/domain';
import { deriveTaskStatus } from '../../../src-main/shared/task-logic';
import { todayIso } from '../../../src-main/shared/values';
import { EChart } from '../../components/charts/EChart';
import { envFor, useChartEnv } from '../../components/charts/labels';
import {
  budgetOption,
  funnelOption,
  ganttOption,
  moduleProgressOption,
  sCurveOption,
  targetVsActualOption,
  trendOption,
} from '../../components/charts/options';
import { formatCompactMoney, formatPercent } from '../../i18n/format';
import { useMetrics } from '../../store/use-metrics';
import type { Plan } from '../../store/plan-slice';
import { AttentionList } from './AttentionList';
import { RecordGapButton } from '../feedback/RecordGapButton';
import { useStore } from '../../store';
import { chartToday } from '../project/project-dates';
import { trendInput } from '../metrics/trend-input';
import { roiLine } from './roi-line';
import { selectOpenFollowUp } from '../../store/follow-up-slice';

export function OverviewTab({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const metricsData = useMetrics();
  const dashboard = metricsData?.dashboard ?? null;
  const metrics = metricsData?.metrics;
  const followUp = useStore(selectOpenFollowUp);
  const openRecord = useStore((s) => s.openRecord);
  const env = useChartEnv();
  const today = todayIso();
  const markToday = chartToday(plan.project.start, plan.project.end, today);

  const charts = useMemo(() => {
    if (!dashboard) return null;
    const moduleName = new Map(plan.modules.map((m) => [m.id, m.name]));
    const gantt = plan.tasks.map((task: Task) => ({
      id: task.id,
      code: task.code,
      name: task.name,
      start: task.start,
      end: task.end,
      progress: task.progress,
      milestone: task.milestone,
      moduleName: task.moduleId ? (moduleName.get(task.moduleId) ?? null) : null,
      status: deriveTaskStatus(task, today),
    }));
    const withTarget = dashboard.metrics.filter((m) => m.targetC != null);
    const trendMetric = withTarget.find((m) => m.series.length > 0) ?? dashboard.metrics[0];
    const trendFull = trendMetric && metrics?.find((m) => m.id === trendMetric.id);
    return {
      gantt: ganttOption(gantt, markToday, envFor(env, 'gantt')),
      modules: moduleProgressOption(dashboard.modules, envFor(env, 'moduleProgress')),
      scurve: sCurveOption(
        dashboard.scurve.filter((p) => markToday !== null || p.date !== today),
        markToday,
        envFor(env, 'sCurve'),
      ),
      targets: targetVsActualOption(withTarget, envFor(env, 'targetVsActual')),
      trend: trendMetric
        ? trendOption(
            trendFull
              ? trendInput(trendFull, trendMetric.series, plan.project.start)
              : { ...trendMetric, aggregation: undefined },
            markToday,
            envFor(env, 'trend'),
          )
        : null,
      trendName: trendMetric?.name ?? '',
      trendEmpty: !trendMetric || trendMetric.series.length === 0,
      budget: budgetOption(dashboard.modules, envFor(env, 'budget')),
      funnel: funnelOption(
        dashboard.funnel.map((s) => ({ ...s, actualC: s.actualC ?? 0 })),
        envFor(env, 'funnel'),
      ),
      counts: { gantt: gantt.filter((g) => g.start || g.end).length, targets: withTarget.length },
    };
  }, [dashboard, metrics, plan.tasks, plan.modules, plan.project.start, env, today, markToday]);

  if (!dashboard || !charts) {
    return (
      <section className="overview">
        <p className="muted">{t('app.loading')}</p>
      </section>
    );
  }
  const { kpis } = dashboard;
  const budgetUsed = kpis.budgetPlannedFen > 0 ? (kpis.budgetSpentFen / kpis.budgetPlannedFen) * 100 : null;
  const labels = env.labels;
  const roi = roiLine(dashboard, metrics ?? [], t, i18n.language);
  return (
    <section className="overview" data-testid="overview">
      <p className="goal-line">
        <span className="muted">{t('overview.goal')}</span>
        {t('app.colon')}
        {plan.project.goal || '—'}
      </p>
      <div className="kpis">
        <Kpi label={t('dashboard.kpiProgress')} value={formatPercent(kpis.progress, i18n.language)} />
        <Kpi
          label={t('dashboard.kpiDaysLeft')}
          value={
            kpis.daysLeft === null
              ? '—'
              : kpis.daysLeft < 0
                ? t('status.ended') // a finished campaign has no days left: it has ended
                : String(kpis.daysLeft)
          }
        />
        <Kpi
          label={t('dashboard.kpiTarget')}
          value={
            kpis.targetCompletionPct === null
              ? t('dashboard.noTarget')
              : formatPercent(kpis.targetCompletionPct, i18n.language)
          }
        />
        <Kpi
          label={t('dashboard.kpiBudget')}
          value={budgetUsed === null ? '—' : formatPercent(budgetUsed, i18n.language)}
          detail={t('dashboard.budgetOf', {
            spent: formatCompactMoney(kpis.budgetSpentFen, i18n.language),
            planned: formatCompactMoney(kpis.budgetPlannedFen, i18n.language),
          })}
        />
        <Kpi
          label={t('dashboard.kpiAttention')}
          value={String(kpis.attentionCount)}
          warn={kpis.attentionCount > 0}
        />
        {followUp && (
          <Kpi
            label={t('followUp.kpiOpenIssues')}
            value={String(followUp.summary.openIssues)}
            warn={followUp.summary.openIssues > 0}
            detail={t('followUp.kpiAwaiting', { count: followUp.summary.awaitingApproval })}
            onClick={() => openRecord('issues')}
            testId="kpi-open-issues"
          />
        )}
      </div>
      <AttentionList
        dashboard={dashboard}
        action={(item, words) => <RecordGapButton item={item} words={words} />}
      />
      <div className="chart-grid">
        {[
          {
            id: 'chart-gantt',
            option: charts.gantt,
            label: labels.gantt.title,
            empty: charts.counts.gantt ? null : labels.gantt.empty,
            wide: true,
            height: Math.min(520, 120 + charts.counts.gantt * 26),
          },
          {
            id: 'chart-target-vs-actual',
            option: charts.targets,
            label: labels.targetVsActual.title,
            empty: charts.counts.targets ? null : labels.targetVsActual.empty,
          },
          {
            id: 'chart-module-progress',
            option: charts.modules,
            label: labels.moduleProgress.title,
            empty: dashboard.modules.length ? null : labels.moduleProgress.empty,
          },
          {
            id: 'chart-s-curve',
            option: charts.scurve,
            label: labels.sCurve.title,
            empty: dashboard.scurve.length > 1 ? null : labels.sCurve.empty,
          },
          {
            id: 'chart-trend',
            option: charts.trend ?? {},
            label: charts.trendName || labels.trend.title,
            empty: charts.trendEmpty ? labels.trend.empty : null,
          },
          {
            id: 'chart-budget',
            option: charts.budget,
            label: labels.budget.title,
            empty: dashboard.modules.some((m) => m.plannedFen || m.spentFen) ? null : labels.budget.empty,
          },
          {
            id: 'chart-funnel',
            option: charts.funnel,
            label: labels.funnel.title,
            empty: dashboard.funnel.length >= 2 ? null : labels.funnel.empty,
          },
        ].map((chart) => (
          <div key={chart.id} className={chart.wide ? 'card wide' : 'card'}>
            <EChart
              option={chart.option}
              label={chart.label}
              testId={chart.id}
              empty={chart.empty}
              height={chart.height}
            />
          </div>
        ))}
      </div>
      {roi && (
        <p className="muted" data-testid="roi-line">
          {roi}
        </p>
      )}
    </section>
  );
}

function Kpi({
  label,
  value,
  detail,
  warn,
  onClick,
  testId,
}: {
  label: string;
  value: string;
  detail?: string;
  warn?: boolean;
  onClick?: () => void;
  testId?: string;
}) {
  return (
    <div
      className={`kpi${warn ? ' warn' : ''}${onClick ? ' clickable' : ''}`}
      onClick={onClick}
      role={onClick ? 'button' : undefined}
      tabIndex={onClick ? 0 : undefined}
      onKeyDown={(e) => onClick && e.key === 'Enter' && onClick()}
      data-testid={testId}
    >
      <div className="kpi-value">{value}</div>
      <div className="kpi-label">{label}</div>
      {detail && <div className="kpi-detail">{detail}</div>}
    </div>
  );
}
