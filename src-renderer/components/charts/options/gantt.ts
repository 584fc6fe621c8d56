/** The Gantt of the plan's tasks: its option and the renderer that draws each row. */
import type {
  BarSeriesOption,
  CustomSeriesRenderItemAPI,
  CustomSeriesRenderItemParams,
  CustomSeriesRenderItemReturn,
} from 'echarts';
import type { TaskStatus } from '../../../../src-main/shared/task-logic';
import { formatPeriod } from '../../../i18n/format';
import { DAY_MS, dateToTime, endOfDay, formatPercentNumber } from '../format-values';
import {
  base,
  heading,
  legend,
  markLine,
  row,
  tooltip,
  type ChartEnv,
  type ChartOption,
  type ChartTheme,
} from './common';
import { taskStatusColor } from './status-colors';
import { dayLabel, timeRange, timeTicks, todayLine } from './time-axis';

export interface GanttTask {
  id: string;
  code: string;
  name: string;
  start: string | null;
  end: string | null;
  /** 0–100. */
  progress: number;
  milestone: boolean;
  moduleName: string | null;
  status: TaskStatus;
}

export interface GanttLabels {
  title: string;
  /** The chart's empty state (for <EChart empty>): what to enter to get it. */
  empty: string;
  today: string;
  /** The group of tasks without a module. */
  noModule: string;
  progress: string;
  period: string;
  module: string;
  milestone: string;
  statusTitle: string;
  status: Record<TaskStatus, string>;
}

/** A bar of the Gantt: the task's fields plus where it is drawn. */
export interface GanttItem {
  value: [row: number, start: number, end: number, progress: number];
  taskId: string;
  code: string;
  taskName: string;
  start: string;
  end: string;
  progress: number;
  milestone: boolean;
  moduleName: string | null;
  status: TaskStatus;
}

const TASK_STATUS_ORDER: TaskStatus[] = ['in_progress', 'overdue', 'blocked', 'done', 'not_started'];

/**
 * Tasks on a time axis, grouped by module: a header row per module, then its tasks in the order
 * given (the caller passes them in plan order). A bar runs from the start of its first day to the
 * end of its last, the done part (progress) filled and the rest pale; a milestone is a diamond on
 * its date. Tasks without any date cannot be placed and are left out. `visibleRows` is how many
 * rows show before the vertical zoom starts scrolling.
 */
export function ganttOption(
  tasks: readonly GanttTask[],
  today: string | null,
  env: ChartEnv<GanttLabels>,
  view: { visibleRows?: number } = {},
): ChartOption {
  const { labels, theme, language } = env;
  const dated = tasks.filter((t) => t.start || t.end);

  // Rows: modules in the order they first appear, tasks without a module last.
  const groups = new Map<string | null, GanttTask[]>();
  for (const task of dated) {
    const group = groups.get(task.moduleName);
    if (group) group.push(task);
    else groups.set(task.moduleName, [task]);
  }
  const order: (string | null)[] = [...groups.keys()].filter((k) => k !== null);
  if (groups.has(null)) order.push(null);
  const withHeaders = order.some((k) => k !== null);

  const rowKeys: string[] = [];
  const rowText = new Map<string, string>();
  const items: GanttItem[] = [];
  order.forEach((moduleName, g) => {
    if (withHeaders) {
      const key = `module:${g}`;
      rowKeys.push(key);
      rowText.set(key, `{module|${richSafe(moduleName ?? labels.noModule)}}`);
    }
    for (const task of groups.get(moduleName) ?? []) {
      const key = `task:${task.id}`;
      const start = (task.start ?? task.end) as string;
      const end = (task.end ?? task.start) as string;
      rowText.set(key, `${task.code} ${task.name}`);
      items.push({
        value: [rowKeys.length, dateToTime(start), endOfDay(end), task.progress],
        taskId: task.id,
        code: task.code,
        taskName: task.name,
        start,
        end,
        progress: task.progress,
        milestone: task.milestone,
        moduleName: task.moduleName,
        status: task.status,
      });
      rowKeys.push(key);
    }
  });

  const range = timeRange(
    items.flatMap((i) => [i.value[1], i.value[2]]),
    today,
  );
  const visible = view.visibleRows ?? 18;
  const statuses = TASK_STATUS_ORDER.filter((s) => items.some((i) => i.status === s && !i.milestone));
  const hasMilestones = items.some((i) => i.milestone);

  return {
    ...base(labels.title),
    legend: legend({
      selectedMode: false,
      data: [
        ...statuses.map((s) => ({ name: labels.status[s], icon: 'rect' })),
        ...(hasMilestones ? [{ name: labels.milestone, icon: 'diamond' }] : []),
      ],
    }),
    grid: { left: 8, right: 34, top: 62, bottom: 46 },
    tooltip: tooltip({
      trigger: 'item',
      formatter: (params: unknown) => {
        const item = (params as { data?: GanttItem }).data;
        if (!item?.taskId) return '';
        return (
          heading(`${item.code} ${item.taskName}`) +
          row(theme, labels.module, item.moduleName ?? labels.noModule) +
          row(theme, labels.period, formatPeriod(item.start, item.end, language)) +
          row(theme, labels.progress, formatPercentNumber(item.progress, language)) +
          row(theme, labels.statusTitle, labels.status[item.status]) +
          (item.milestone ? row(theme, labels.milestone, '\u25c6') : '')
        );
      },
    }),
    xAxis: {
      type: 'time',
      position: 'top',
      ...range,
      ...timeTicks(range, language, theme),
      splitLine: { show: true, lineStyle: { color: theme.border, opacity: 0.6 } },
    },
    yAxis: {
      type: 'category',
      data: rowKeys,
      inverse: true,
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: {
        formatter: (key: string) => rowText.get(key) ?? '',
        width: 190,
        overflow: 'truncate',
        color: theme.fg,
        rich: { module: { fontWeight: 'bold', color: theme.fg } },
      },
    },
    dataZoom: [
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'weakFilter',
        height: 16,
        // Room under it for the slider's move handle.
        bottom: 14,
        labelFormatter: (v: number) => dayLabel(v, language),
      },
      // Wheel scrolls the rows; Ctrl+wheel zooms the time, Shift+wheel pans it, as in other plans.
      {
        type: 'inside',
        xAxisIndex: 0,
        filterMode: 'weakFilter',
        zoomOnMouseWheel: 'ctrl',
        moveOnMouseWheel: 'shift',
        moveOnMouseMove: true,
      },
      {
        type: 'slider',
        yAxisIndex: 0,
        filterMode: 'weakFilter',
        right: 6,
        width: 14,
        showDetail: false,
        brushSelect: false,
        startValue: 0,
        endValue: Math.max(0, Math.min(rowKeys.length, visible) - 1),
        // The slider is only clutter while every row fits.
        show: rowKeys.length > visible,
      },
      {
        type: 'inside',
        yAxisIndex: 0,
        filterMode: 'weakFilter',
        zoomOnMouseWheel: false,
        moveOnMouseWheel: true,
        moveOnMouseMove: true,
      },
    ],
    series: [
      {
        type: 'custom',
        name: labels.title,
        renderItem: ganttRenderer(items, theme, labels),
        encode: { x: [1, 2], y: 0 },
        data: items,
        clip: true,
        markLine: today ? markLine([todayLine(today, labels.today, theme, language, 'start')]) : undefined,
      },
      // Empty series that give the legend its status colours (the bars colour per item).
      ...statuses.map((s): BarSeriesOption => ({
        type: 'bar',
        name: labels.status[s],
        data: [],
        itemStyle: { color: taskStatusColor(s, theme) },
      })),
      ...(hasMilestones
        ? [{ type: 'bar' as const, name: labels.milestone, data: [], itemStyle: { color: theme.fg } }]
        : []),
    ],
  };
}

/** Braces and bars would end ECharts' rich-text markup early. */
function richSafe(text: string): string {
  return text.replace(/[{}|]/g, ' ');
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
function clipRect(r: Rect, bounds: Rect): Rect | null {
  const x0 = Math.max(r.x, bounds.x);
  const x1 = Math.min(r.x + r.width, bounds.x + bounds.width);
  const y0 = Math.max(r.y, bounds.y);
  const y1 = Math.min(r.y + r.height, bounds.y + bounds.height);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/**
 * Draws one Gantt row: the span pale in its status colour, the done part solid, the progress as
 * text after the bar (with the status word when it is a warning), or a diamond for a milestone.
 * Shapes are clipped to the grid, as dataZoom moves them past its edges.
 */
export function ganttRenderer(items: readonly GanttItem[], theme: ChartTheme, labels: GanttLabels) {
  return (
    params: CustomSeriesRenderItemParams,
    api: CustomSeriesRenderItemAPI,
  ): CustomSeriesRenderItemReturn => {
    const item = items[params.dataIndex];
    if (!item) return null;
    const grid = params.coordSys as unknown as Rect;
    const [row, start, end] = item.value;
    const [x0 = 0, y = 0] = api.coord([start, row]);
    const [x1 = 0] = api.coord([end, row]);
    const band = api.size?.([0, 1]);
    const bandHeight = Array.isArray(band) ? (band[1] ?? 20) : 20;
    const h = Math.max(6, Math.min(16, bandHeight * 0.56));
    const color = taskStatusColor(item.status, theme);
    const font = api.font({ fontSize: 11 });
    const warning = item.status === 'overdue' || item.status === 'blocked';
    const note = `${Math.round(item.progress)}%${warning ? ` ${labels.status[item.status]}` : ''}`;

    if (item.milestone) {
      // On the middle of its (last) day.
      const [cx = 0] = api.coord([end - DAY_MS / 2, row]);
      const r = h / 2 + 2;
      if (!clipRect({ x: cx - r, y: y - r, width: 2 * r, height: 2 * r }, grid)) return null;
      return {
        type: 'group',
        children: [
          {
            type: 'polygon',
            shape: {
              points: [
                [cx, y - r],
                [cx + r, y],
                [cx, y + r],
                [cx - r, y],
              ],
            },
            style: { fill: item.progress >= 100 ? theme.done : theme.fg, stroke: theme.bg, lineWidth: 1 },
          },
          textAfter(cx + r + 4, y, item.code, grid, theme, font),
        ].filter(Boolean),
      } as CustomSeriesRenderItemReturn;
    }

    const full = clipRect({ x: x0, y: y - h / 2, width: Math.max(1, x1 - x0), height: h }, grid);
    if (!full) return null;
    const done = clipRect(
      { x: x0, y: y - h / 2, width: ((x1 - x0) * Math.min(100, item.progress)) / 100, height: h },
      grid,
    );
    return {
      type: 'group',
      children: [
        // Pale fill, full-strength outline: even the light grey of 未开始 stays visible.
        { type: 'rect', shape: full, style: { fill: color, fillOpacity: 0.3, stroke: color, lineWidth: 1 } },
        ...(done ? [{ type: 'rect', shape: done, style: { fill: color } }] : []),
        textAfter(x1 + 4, y, note, grid, theme, font),
      ].filter(Boolean),
    } as CustomSeriesRenderItemReturn;
  };
}

/** A label right of a bar, only when it fits inside the grid (else the tooltip tells). */
function textAfter(x: number, y: number, text: string, grid: Rect, theme: ChartTheme, font: string) {
  if (x < grid.x || x + 8 * text.length > grid.x + grid.width || y < grid.y || y > grid.y + grid.height)
    return null;
  return {
    type: 'text',
    style: { text, x, y, fill: theme.muted, font, verticalAlign: 'middle', align: 'left' },
    silent: true,
  };
}
