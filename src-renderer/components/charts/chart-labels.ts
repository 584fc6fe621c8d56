/**
 * The words of every chart, translated once (locales/<language>/charts.json, section "charts";
 * task statuses from common.json so chart and grid say the same). Pure, like the builders, so
 * the unit tests use it in Node; components import it through labels.ts with useChartEnv.
 */
import type { TaskStatus } from '../../../src-main/shared/task-logic';
import type { MetricStatus } from '../../../src-main/shared/tracking';
import type {
  BudgetLabels,
  ChartEnv,
  ChartTheme,
  FunnelLabels,
  GanttLabels,
  ModuleProgressLabels,
  SCurveLabels,
  TargetVsActualLabels,
  TrendLabels,
} from './options';

export interface ChartLabels {
  gantt: GanttLabels;
  moduleProgress: ModuleProgressLabels;
  sCurve: SCurveLabels;
  targetVsActual: TargetVsActualLabels;
  trend: TrendLabels;
  budget: BudgetLabels;
  funnel: FunnelLabels;
}

export type Translate = (key: string) => string;

export function chartLabels(t: Translate): ChartLabels {
  const taskStatus: Record<TaskStatus, string> = {
    not_started: t('taskStatus.not_started'),
    in_progress: t('taskStatus.in_progress'),
    done: t('taskStatus.done'),
    overdue: t('taskStatus.overdue'),
    blocked: t('taskStatus.blocked'),
  };
  const metricStatus: Record<MetricStatus, string> = {
    on_track: t('charts.metricStatus.on_track'),
    at_risk: t('charts.metricStatus.at_risk'),
    behind: t('charts.metricStatus.behind'),
    not_started: t('charts.metricStatus.not_started'),
    no_data: t('charts.metricStatus.no_data'),
    no_target: t('charts.metricStatus.no_target'),
  };
  const today = t('charts.today');
  const points = t('charts.points');
  return {
    gantt: {
      title: t('charts.gantt.title'),
      empty: t('charts.gantt.empty'),
      today,
      noModule: t('charts.gantt.noModule'),
      progress: t('charts.gantt.progress'),
      period: t('charts.gantt.period'),
      module: t('charts.gantt.module'),
      milestone: t('charts.gantt.milestone'),
      statusTitle: t('charts.status'),
      status: taskStatus,
    },
    moduleProgress: {
      title: t('charts.moduleProgress.title'),
      empty: t('charts.moduleProgress.empty'),
      progress: t('charts.moduleProgress.progress'),
      timeElapsed: t('charts.moduleProgress.timeElapsed'),
      gap: t('charts.moduleProgress.gap'),
      points,
    },
    sCurve: {
      title: t('charts.sCurve.title'),
      empty: t('charts.sCurve.empty'),
      planned: t('charts.sCurve.planned'),
      actual: t('charts.sCurve.actual'),
      today,
      gap: t('charts.sCurve.gap'),
      points,
    },
    targetVsActual: {
      title: t('charts.targetVsActual.title'),
      empty: t('charts.targetVsActual.empty'),
      actual: t('charts.targetVsActual.actual'),
      target: t('charts.targetVsActual.target'),
      proRated: t('charts.targetVsActual.proRated'),
      variance: t('charts.targetVsActual.variance'),
      achieved: t('charts.targetVsActual.achieved'),
      axis: t('charts.targetVsActual.axis'),
      statusTitle: t('charts.status'),
      status: metricStatus,
    },
    trend: {
      title: t('charts.trend.title'),
      empty: t('charts.trend.empty'),
      target: t('charts.trend.target'),
      today,
      period: t('charts.trend.period'),
      value: t('charts.trend.value'),
      runningTotal: t('charts.trend.runningTotal'),
      perPeriod: t('charts.trend.perPeriod'),
      proRated: t('charts.trend.proRated'),
    },
    budget: {
      title: t('charts.budget.title'),
      empty: t('charts.budget.empty'),
      planned: t('charts.budget.planned'),
      spent: t('charts.budget.spent'),
      over: t('charts.budget.over'),
      remaining: t('charts.budget.remaining'),
    },
    funnel: {
      title: t('charts.funnel.title'),
      empty: t('charts.funnel.empty'),
      unlikeHint: t('charts.funnel.unlikeHint'),
      rate: t('charts.funnel.rate'),
      target: t('charts.funnel.target'),
      gapStartsHere: t('charts.funnel.gapStartsHere'),
      value: t('charts.funnel.value'),
    },
  };
}

/** Labels of all charts, colours and language, as one value that changes when any of them does. */
export interface ChartEnvAll {
  labels: ChartLabels;
  theme: ChartTheme;
  language: string;
}

/** The environment of one builder: `ganttOption(tasks, today, envFor(env, 'gantt'))`. */
export function envFor<K extends keyof ChartLabels>(env: ChartEnvAll, chart: K): ChartEnv<ChartLabels[K]> {
  return { labels: env.labels[chart], theme: env.theme, language: env.language };
}
