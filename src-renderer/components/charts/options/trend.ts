/** The trend of one metric over the periods, with its target, the pro-rated line and today. */
import type { BarSeriesOption, LineSeriesOption } from 'echarts';
import {
  DAY_MS,
  dateToTime,
  formatAxisValue,
  formatCompact,
  formatExact,
  type ValueKind,
} from '../format-values';
import {
  base,
  heading,
  legend,
  markLine,
  niceCeil,
  row,
  tooltip,
  type ChartEnv,
  type ChartOption,
} from './common';
import { shortPeriod, timeRange, timeTicks, todayLine } from './time-axis';

export interface TrendMetric {
  name: string;
  kind: ValueKind;
  unit: string;
  targetC: number | null;
  series: readonly { periodStart: string; periodEnd: string; valueC: number }[];
  /**
   * How the periods make the metric's value. A metric that sums ('sum': 销量, 销售额, 曝光量) is
   * drawn as its running total — the figure that reaches the target — with each period's own
   * value as a bar; a reading ('last', 'average': 转化率) as the values themselves.
   */
  aggregation?: 'sum' | 'last' | 'average';
  /** For the pro-rated target line of a summing metric: where it starts and where it ends. */
  baselineC?: number | null;
  startDate?: string | null;
  targetDate?: string | null;
}

export interface TrendLabels {
  /** After the metric's name: "销量 · 走势与目标". */
  title: string;
  /** The chart's empty state (for <EChart empty>): what to enter to get it. */
  empty: string;
  target: string;
  today: string;
  period: string;
  value: string;
  /** A summing metric's line (累计), its per-period bars (本期) and the pro-rated target (按进度应达). */
  runningTotal: string;
  perPeriod: string;
  proRated: string;
}

/**
 * Above this many periods (daily values over months) the points are drawn as a line alone: a
 * 6-px marker per point would merge into a band at the card's width, and each is one more shape
 * for ECharts to lay out, animate and paint. The tooltip still shows the hovered point.
 */
export const MARKED_POINTS_MAX = 100;

/**
 * The pro-rated target of a summing metric as a line: linear from the baseline before its first
 * day to the target at the end of its target day, the same rule as proRatedTargetC, with each
 * day's figure drawn at that day (as the running total is drawn at its period's last day), so
 * the line's height at a period's end is exactly what was due by then.
 */
function proRatedLine(metric: TrendMetric): [number, number][] | null {
  const { targetC, startDate, targetDate } = metric;
  if (targetC == null || !startDate || !targetDate || targetDate < startDate) return null;
  const baseline = metric.baselineC ?? 0;
  return [
    [dateToTime(startDate) - DAY_MS, baseline],
    [dateToTime(targetDate), targetC],
  ];
}

/**
 * One metric over the periods (each at its period's end), its target and today. A summing
 * metric shows its running total against the final target and the pro-rated target line, and
 * each period's value as a bar: a week of 800万 is never set against a campaign target of 5000万.
 */
export function trendOption(
  metric: TrendMetric,
  today: string | null,
  env: ChartEnv<TrendLabels>,
): ChartOption {
  const { labels, theme, language } = env;
  const points = [...metric.series].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
  const cumulative = metric.aggregation === 'sum';
  let total = 0;
  const totals = points.map((p) => (total += p.valueC));
  const dueLine = cumulative ? proRatedLine(metric) : null;
  const range = timeRange(
    [
      ...points.flatMap((p) => [dateToTime(p.periodStart), dateToTime(p.periodEnd)]),
      ...(dueLine ? dueLine.map(([x]) => x) : []),
    ],
    today,
  );
  const { kind, unit, targetC } = metric;
  const exact = (valueC: number) => formatExact(valueC, kind, unit, language);
  /** The pro-rated target at a moment on the line (linear between its two points). */
  const dueAt = (time: number): number | null => {
    if (!dueLine) return null;
    const [[x0, y0], [x1, y1]] = dueLine as [[number, number], [number, number]];
    if (time >= x1) return y1;
    if (time <= x0) return y0;
    return Math.round(y0 + ((y1 - y0) * (time - x0)) / (x1 - x0));
  };
  const lines: unknown[] = [];
  if (targetC != null)
    lines.push({
      name: labels.target,
      yAxis: targetC,
      lineStyle: { color: theme.ok, type: 'dashed', width: 1.5 },
      label: {
        show: true,
        position: 'insideStartTop',
        formatter: `${labels.target} ${formatCompact(targetC, kind, unit, language)}`.replace(/[{}]/g, ''),
        color: theme.ok,
      },
    });
  if (today) lines.push(todayLine(today, labels.today, theme, language, 'end'));

  const mainLine: LineSeriesOption = {
    type: 'line',
    name: cumulative ? labels.runningTotal : metric.name,
    color: theme.accent,
    lineStyle: { width: 2.5 },
    symbol: 'circle',
    symbolSize: 6,
    showSymbol: points.length <= MARKED_POINTS_MAX,
    z: 3,
    data: points.map((p, i) => ({
      value: [dateToTime(p.periodEnd), cumulative ? totals[i]! : p.valueC],
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      valueC: p.valueC,
    })),
    markLine: lines.length ? markLine(lines) : undefined,
  };
  const series: (LineSeriesOption | BarSeriesOption)[] = [mainLine];
  if (cumulative) {
    series.push({
      type: 'bar',
      name: labels.perPeriod,
      color: theme.muted,
      barMaxWidth: 14,
      itemStyle: { opacity: 0.45 },
      data: points.map((p) => ({ value: [dateToTime(p.periodEnd), p.valueC] })),
    });
    if (dueLine)
      series.push({
        type: 'line',
        name: labels.proRated,
        color: theme.ok,
        symbol: 'none',
        lineStyle: { width: 1.5, type: 'dotted' },
        data: dueLine.map((value) => ({ value })),
        tooltip: { show: false },
      });
  }

  return {
    ...base(`${metric.name} · ${labels.title}`),
    legend: cumulative ? legend() : undefined,
    // Room above the plot for today's tag, below the title and the toolbox.
    grid: { left: 8, right: 24, top: 52, bottom: 8 },
    tooltip: tooltip({
      trigger: 'axis',
      formatter: (params: unknown) => {
        // The running total or the bars give the period; the pro-rated line (series 2) has no periods.
        const item = (params as { seriesIndex?: number; dataIndex: number }[]).find(
          (x) => x.seriesIndex !== 2,
        );
        const i = item?.dataIndex ?? -1;
        const p = points[i];
        if (!p) return '';
        const due = dueAt(dateToTime(p.periodEnd));
        return (
          heading(shortPeriod(p.periodStart, p.periodEnd, language)) +
          (cumulative
            ? row(theme, labels.perPeriod, exact(p.valueC)) +
              row(theme, labels.runningTotal, exact(totals[i]!))
            : row(theme, metric.name, exact(p.valueC))) +
          (due == null ? '' : row(theme, labels.proRated, exact(due))) +
          (targetC == null ? '' : row(theme, labels.target, exact(targetC)))
        );
      },
    }),
    xAxis: {
      type: 'time',
      ...range,
      ...timeTicks(range, language, theme),
    },
    yAxis: {
      type: 'value',
      // The target line must be on the chart even while the values are far below it, and not on
      // its top edge, where today's tag is.
      max:
        targetC == null
          ? undefined
          : (extent: { max: number }) => niceCeil(Math.max(extent.max, targetC) * 1.08) || extent.max,
      axisLabel: { formatter: (v: number) => formatAxisValue(v, kind, language) },
    },
    series,
  };
}
