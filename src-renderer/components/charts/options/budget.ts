/** Budget per module: planned against spent, coloured by how much of it is used. */
import { formatAxisValue, formatCompact, formatExact, formatPercentNumber } from '../format-values';
import { base, heading, legend, row, tooltip, type ChartEnv, type ChartOption } from './common';
import { STRIPES } from './status-colors';

export interface ModuleBudget {
  name: string;
  plannedFen: number;
  spentFen: number;
}

export interface BudgetLabels {
  title: string;
  /** The chart's empty state (for <EChart empty>): what to enter to get it. */
  empty: string;
  planned: string;
  spent: string;
  over: string;
  remaining: string;
}

/**
 * Planned against spent per module. The spent bar is green within budget, amber from 90% of it
 * and red over it, its label saying the share used and, over budget, the word.
 */
export function budgetOption(modules: readonly ModuleBudget[], env: ChartEnv<BudgetLabels>): ChartOption {
  const { labels, theme, language } = env;
  const money = (fen: number) => formatExact(fen, 'money', '', language);
  const spentItems = modules.map((m) => {
    const over = m.spentFen > m.plannedFen;
    const used = m.plannedFen > 0 ? (m.spentFen / m.plannedFen) * 100 : null;
    const color = over ? theme.behind : used != null && used >= 90 ? theme.warn : theme.ok;
    const text = [
      used == null ? formatCompact(m.spentFen, 'money', '', language) : formatPercentNumber(used, language),
      over ? labels.over : '',
    ]
      .filter(Boolean)
      .join(' ');
    return {
      value: m.spentFen,
      name: m.name,
      plannedFen: m.plannedFen,
      spentFen: m.spentFen,
      over,
      itemStyle: { color, ...(over ? { decal: STRIPES } : {}) },
      label: { show: true, formatter: text, color: over ? theme.behind : theme.fg },
    };
  });
  return {
    ...base(labels.title),
    legend: legend({ data: [labels.planned, labels.spent] }),
    grid: { left: 8, right: 16, top: 44, bottom: 8 },
    tooltip: tooltip({
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const m = modules[(params as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        if (!m) return '';
        const left = m.plannedFen - m.spentFen;
        return (
          heading(m.name) +
          row(theme, labels.planned, money(m.plannedFen)) +
          row(theme, labels.spent, money(m.spentFen)) +
          row(theme, left < 0 ? labels.over : labels.remaining, money(Math.abs(left)))
        );
      },
    }),
    xAxis: {
      type: 'category',
      data: modules.map((m) => m.name),
      axisTick: { show: false },
      axisLabel: { interval: 0, width: 84, overflow: 'break' },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatAxisValue(v, 'money', language) } },
    series: [
      {
        type: 'bar',
        name: labels.planned,
        barMaxWidth: 28,
        itemStyle: { color: theme.idle },
        data: modules.map((m) => ({ value: m.plannedFen, name: m.name })),
      },
      {
        type: 'bar',
        name: labels.spent,
        barMaxWidth: 28,
        // The legend's swatch: the in-budget colour (each bar sets its own).
        color: theme.ok,
        label: { show: true, position: 'top' },
        data: spentItems,
      },
    ],
  };
}
