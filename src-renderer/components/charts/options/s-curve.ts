/** 进度 vs 时间 (the S-curve): planned against recorded overall progress, with today. */
import { formatDate } from '../../../i18n/format';
import { dateToTime, formatPercentNumber, formatSignedNumber } from '../format-values';
import { base, heading, legend, markLine, row, tooltip, type ChartEnv, type ChartOption } from './common';
import { timeRange, timeTicks, todayLine } from './time-axis';

export interface SCurvePoint {
  date: string;
  /** Planned overall progress at that date, 0–100. */
  planned: number;
  /** Recorded progress (the period's close), null for dates still to come. */
  actual: number | null;
}

export interface SCurveLabels {
  title: string;
  /** The chart's empty state (for <EChart empty>): what to enter to get it. */
  empty: string;
  planned: string;
  actual: string;
  today: string;
  gap: string;
  points: string;
}

/** 进度 vs 时间: planned against actual overall progress over the periods, with today. */
export function sCurveOption(
  points: readonly SCurvePoint[],
  today: string | null,
  env: ChartEnv<SCurveLabels>,
): ChartOption {
  const { labels, theme, language } = env;
  const pct = (v: number) => formatPercentNumber(v, language);
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const range = timeRange(
    sorted.map((p) => dateToTime(p.date)),
    today,
  );
  return {
    ...base(labels.title),
    legend: legend({ data: [labels.planned, labels.actual] }),
    // Room above the plot for today's tag, below the title and the legend.
    grid: { left: 8, right: 24, top: 52, bottom: 8 },
    tooltip: tooltip({
      trigger: 'axis',
      formatter: (params: unknown) => {
        const p = sorted[(params as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        if (!p) return '';
        return (
          heading(formatDate(p.date, language)) +
          row(theme, labels.planned, pct(p.planned)) +
          row(theme, labels.actual, p.actual == null ? '—' : pct(p.actual)) +
          (p.actual == null
            ? ''
            : row(
                theme,
                labels.gap,
                `${formatSignedNumber(p.actual - p.planned, language)} ${labels.points}`,
              ))
        );
      },
    }),
    xAxis: {
      type: 'time',
      ...range,
      ...timeTicks(range, language, theme),
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => pct(v) } },
    series: [
      {
        type: 'line',
        name: labels.planned,
        color: theme.muted,
        lineStyle: { type: 'dashed', width: 2 },
        symbol: 'none',
        data: sorted.map((p) => ({ value: [dateToTime(p.date), p.planned], date: p.date })),
        markLine: today ? markLine([todayLine(today, labels.today, theme, language, 'end')]) : undefined,
      },
      {
        type: 'line',
        name: labels.actual,
        color: theme.accent,
        lineStyle: { width: 2.5 },
        symbol: 'circle',
        symbolSize: 6,
        connectNulls: false,
        data: sorted.map((p) => ({ value: [dateToTime(p.date), p.actual], date: p.date })),
      },
    ],
  };
}
