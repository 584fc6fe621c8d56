/** 模块进度 vs 时间进度: per module, the work done against the time gone. */
import { formatPercentNumber, formatSignedNumber } from '../format-values';
import { base, heading, legend, row, tooltip, type ChartEnv, type ChartOption } from './common';

export interface ModuleProgress {
  name: string;
  /** 0–100. */
  progress: number;
  /** Share of the module's (or the project's) time already passed, 0–100; null without dates. */
  timeElapsedPct: number | null;
}

export interface ModuleProgressLabels {
  title: string;
  /** The chart's empty state (for <EChart empty>): what to enter to get it. */
  empty: string;
  progress: string;
  timeElapsed: string;
  /** Progress minus time, in percentage points. */
  gap: string;
  points: string;
}

/** 模块进度 vs 时间进度: per module, how far the work is against how far the time is. */
export function moduleProgressOption(
  modules: readonly ModuleProgress[],
  env: ChartEnv<ModuleProgressLabels>,
): ChartOption {
  const { labels, theme, language } = env;
  const pct = (v: number) => formatPercentNumber(v, language);
  return {
    ...base(labels.title),
    legend: legend({ data: [labels.progress, labels.timeElapsed] }),
    grid: { left: 8, right: 44, top: 40, bottom: 8 },
    tooltip: tooltip({
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = params as { dataIndex: number }[];
        const m = modules[list[0]?.dataIndex ?? -1];
        if (!m) return '';
        const gap = m.timeElapsedPct == null ? null : m.progress - m.timeElapsedPct;
        return (
          heading(m.name) +
          row(theme, labels.progress, pct(m.progress)) +
          row(theme, labels.timeElapsed, m.timeElapsedPct == null ? '—' : pct(m.timeElapsedPct)) +
          (gap == null ? '' : row(theme, labels.gap, `${formatSignedNumber(gap, language)} ${labels.points}`))
        );
      },
    }),
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel: { formatter: (v: number) => pct(v) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: modules.map((m) => m.name),
      axisTick: { show: false },
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: labels.progress,
        barMaxWidth: 16,
        itemStyle: { color: theme.accent },
        label: {
          show: true,
          position: 'right',
          // Explicit: ECharts' automatic colour for labels beside a bar outlines them in dark mode.
          color: theme.fg,
          textBorderWidth: 0,
          formatter: (p: { value?: unknown }) => pct(Number(p.value)),
        },
        data: modules.map((m) => ({ value: m.progress, name: m.name })),
      },
      {
        type: 'bar',
        name: labels.timeElapsed,
        barMaxWidth: 16,
        itemStyle: { color: theme.idle },
        label: {
          show: true,
          position: 'right',
          color: theme.muted,
          textBorderWidth: 0,
          formatter: (p: { value?: unknown }) => (p.value == null ? '' : pct(Number(p.value))),
        },
        data: modules.map((m) => ({ value: m.timeElapsedPct, name: m.name })),
      },
    ],
  };
}
