/** 目标达成对比: each metric's actual against its final and pro-rated target, on one % scale. */
import type { MetricStatus } from '../../../../src-main/shared/tracking';
import { formatExact, formatPercentNumber, type ValueKind } from '../format-values';
import { base, heading, legend, row, tooltip, type ChartEnv, type ChartOption } from './common';
import { metricStatusColor, metricStatusDecal } from './status-colors';

export interface MetricTarget {
  id: string;
  name: string;
  kind: ValueKind;
  unit: string;
  /** Final target, actual to date and the target pro-rated to today, in hundredths. */
  targetC: number | null;
  proRatedC: number | null;
  actualC: number | null;
  /** Actual against the target in percent (−40 for 3% against 5%); null without both. */
  variancePct: number | null;
  status: MetricStatus;
}

export interface TargetVsActualLabels {
  title: string;
  /** The chart's empty state (for <EChart empty>): what to enter to get it. */
  empty: string;
  actual: string;
  target: string;
  proRated: string;
  variance: string;
  /** Actual as a share of the final target, in the tooltip. */
  achieved: string;
  axis: string;
  statusTitle: string;
  status: Record<MetricStatus, string>;
}

/** A bar of the target chart, with the metric's own numbers kept for tooltips and tests. */
export interface MetricBarItem {
  /** Actual as % of the final target: the one scale all metrics share. */
  value: number | null;
  metricId: string;
  name: string;
  kind: ValueKind;
  unit: string;
  actualC: number | null;
  targetC: number | null;
  proRatedC: number | null;
  variancePct: number | null;
  status: MetricStatus;
  /** The bar's words (variance and status) on one line; the label shows them on two. */
  labelText: string;
  itemStyle: { color: string; decal?: object };
  /** Shown on the bar itself only above 100%; below, the same words sit on the target outline. */
  label: { show: boolean; formatter: string; color: string };
}

/**
 * 目标达成对比: per metric the actual as a bar coloured by its status, labelled with the variance
 * and the status word; the final target as the dashed outline at 100%; the target pro-rated to
 * today as a dark tick. Metrics have different units, so the axis is "% of the final target";
 * the tooltip gives the values in each metric's own unit.
 */
export function targetVsActualOption(
  metrics: readonly MetricTarget[],
  env: ChartEnv<TargetVsActualLabels>,
): ChartOption {
  const { labels, theme, language } = env;
  // ×100 first: 5,500,000 of 10,000,000 is 55, not 55.00000000000001.
  const share = (valueC: number | null, targetC: number | null) =>
    valueC == null || !targetC ? null : (valueC * 100) / targetC;

  const bars: MetricBarItem[] = metrics.map((m) => {
    const words = [
      m.variancePct == null ? '' : formatPercentNumber(m.variancePct, language, true),
      labels.status[m.status],
    ].filter(Boolean);
    const decal = metricStatusDecal(m.status);
    const value = share(m.actualC, m.targetC);
    return {
      value,
      metricId: m.id,
      name: m.name,
      kind: m.kind,
      unit: m.unit,
      actualC: m.actualC,
      targetC: m.targetC,
      proRatedC: m.proRatedC,
      variancePct: m.variancePct,
      status: m.status,
      labelText: words.join(' '),
      itemStyle: { color: metricStatusColor(m.status, theme), ...(decal ? { decal } : {}) },
      // A plain string (no {a}-style placeholders in it) survives getOption() in the browser.
      label: {
        show: !!m.targetC && (value ?? 0) >= 100,
        // Two lines (variance, then status): narrow columns and English words still fit.
        formatter: words.join('\n').replace(/[{}]/g, ''),
        color: theme.fg,
      },
    };
  });
  // The final target: 100% of itself, an outline the actual bar fills (barGap −100%). Below
  // 100% the bar's words go on top of the outline, clear of the outline's edge and of the
  // pro-rated tick, and all at one height, easy to scan across the metrics.
  // Without a target the outline is flat and invisible, only there to carry the words (未设目标).
  const outline = bars.map((b) => ({
    value: b.targetC ? 100 : 0,
    metricId: b.metricId,
    targetC: b.targetC,
    ...(b.targetC ? {} : { itemStyle: { borderWidth: 0 } }),
    label: { show: !b.label.show, formatter: b.label.formatter, color: theme.fg },
  }));

  const exact = (m: MetricTarget, c: number | null) =>
    c == null ? '—' : formatExact(c, m.kind, m.unit, language);

  return {
    ...base(labels.title),
    legend: legend({
      data: [labels.actual, { name: labels.target, icon: 'rect' }, { name: labels.proRated, icon: 'rect' }],
    }),
    // Room on the left for the axis name along the axis.
    grid: { left: 26, right: 16, top: 60, bottom: 8 },
    tooltip: tooltip({
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const m = metrics[(params as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        if (!m) return '';
        const achieved = share(m.actualC, m.targetC);
        return (
          heading(m.name) +
          row(theme, labels.actual, exact(m, m.actualC)) +
          (achieved == null ? '' : row(theme, labels.achieved, formatPercentNumber(achieved, language))) +
          row(theme, labels.target, exact(m, m.targetC)) +
          row(theme, labels.proRated, exact(m, m.proRatedC)) +
          row(
            theme,
            labels.variance,
            m.variancePct == null ? '—' : formatPercentNumber(m.variancePct, language, true),
          ) +
          row(theme, labels.statusTitle, labels.status[m.status])
        );
      },
    }),
    xAxis: {
      type: 'category',
      data: metrics.map((m) => m.name),
      axisTick: { show: false },
      axisLabel: { interval: 0, width: 84, overflow: 'break' },
    },
    yAxis: {
      type: 'value',
      name: labels.axis,
      // Along the axis, not above it, where a tall bar's label would run into it.
      nameLocation: 'middle',
      nameRotate: 90,
      nameGap: 40,
      min: 0,
      axisLabel: { formatter: (v: number) => formatPercentNumber(v, language) },
    },
    series: [
      {
        type: 'bar',
        name: labels.target,
        barWidth: '42%',
        barMaxWidth: 56,
        barGap: '-100%',
        silent: true,
        itemStyle: { color: 'transparent', borderColor: theme.muted, borderWidth: 1, borderType: 'dashed' },
        label: { position: 'top', fontSize: 12 },
        data: outline,
      },
      {
        type: 'bar',
        name: labels.actual,
        barWidth: '42%',
        barMaxWidth: 56,
        color: theme.accent,
        label: { show: true, position: 'top', fontSize: 12 },
        data: bars,
      },
      // The pro-rated target as a tick across the bar: a line series with no line, so it gets a
      // legend entry that explains it (a markPoint would not).
      {
        type: 'line',
        name: labels.proRated,
        color: theme.fg,
        symbol: 'rect',
        symbolSize: [30, 3],
        lineStyle: { opacity: 0 },
        // Same z as the bars, and after them: over the bars, under the labels.
        emphasis: { disabled: true, scale: false },
        data: metrics.map((m) => ({
          value: share(m.proRatedC, m.targetC),
          metricId: m.id,
          proRatedC: m.proRatedC,
        })),
      },
    ],
  };
}
