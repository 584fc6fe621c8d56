/**
 * What the trend chart needs of a metric: its values and, for a summing metric, what its
 * pro-rated target line is drawn from — the same baseline and start as proRatedTargetC uses.
 */
import { effectiveBaselineC, metricStart } from '../../../src-main/shared/metrics-logic';
import type { DashboardMetric, Metric } from '../../../src-main/shared/tracking';
import type { TrendMetric } from '../../components/charts/options';

export function trendInput(
  metric: Metric,
  series: DashboardMetric['series'],
  projectStart: string | null,
): TrendMetric {
  return {
    name: metric.name,
    kind: metric.kind,
    unit: metric.unit,
    targetC: metric.targetC,
    series,
    aggregation: metric.aggregation,
    baselineC: effectiveBaselineC(metric),
    startDate: metricStart(metric, projectStart),
    targetDate: metric.targetDate,
  };
}
