/**
 * The option builders of the 概览 charts: plain data in, an ECharts option out. No DOM and no
 * ECharts runtime here (types only), so the unit tests run them in Node and read the result back
 * as the chart would. Each builder takes the words already translated (`labels`), the colours of
 * the current theme (`theme`, the CSS variables of styles.css) and the language for Intl.
 *
 * Conventions shared by all of them (ui.md, Charts):
 * - status colours are the grid's (on track ok, at risk warn, behind behind, done, not started
 *   idle), always with a word next to them (label, legend or tooltip) and, on bars, a decal
 *   pattern, so the meaning survives colour blindness and black-and-white printing;
 * - every time axis has a today line (markLine) and runs in UTC so a calendar date is one point;
 * - axes show compact numbers (10万), tooltips the exact value;
 * - animations last at most 300 ms; no gradients, no 3-D.
 * The values a test or an end-to-end check needs (actualC, targetC, dates …) stay in the series'
 * data items, next to `value`, where getOption() returns them.
 */
import type {
  AriaComponentOption,
  BarSeriesOption,
  ComposeOption,
  CustomSeriesOption,
  CustomSeriesRenderItemAPI,
  CustomSeriesRenderItemParams,
  CustomSeriesRenderItemReturn,
  DataZoomComponentOption,
  FunnelSeriesOption,
  GridComponentOption,
  LegendComponentOption,
  LineSeriesOption,
  MarkLineComponentOption,
  MarkPointComponentOption,
  TitleComponentOption,
  ToolboxComponentOption,
  TooltipComponentOption,
} from 'echarts';
import type { TaskStatus } from '../../../src-main/shared/task-logic';
import type { MetricStatus } from '../../../src-main/shared/tracking';
import { formatDate, formatPeriod } from '../../i18n/format';
import {
  DAY_MS,
  dateToTime,
  endOfDay,
  formatAxisValue,
  formatCompact,
  formatSignedNumber,
  formatExact,
  formatPercentNumber,
  timeToDate,
  type ValueKind,
} from './format-values';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | CustomSeriesOption
  | FunnelSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | MarkLineComponentOption
  | MarkPointComponentOption
  | ToolboxComponentOption
  | TitleComponentOption
  | AriaComponentOption
>;

/** The colours of the current theme, from the CSS variables (see theme.ts). */
export interface ChartTheme {
  ok: string;
  warn: string;
  behind: string;
  done: string;
  idle: string;
  fg: string;
  muted: string;
  border: string;
  accent: string;
  bg: string;
}

/** What every builder needs besides its data. */
export interface ChartEnv<L> {
  labels: L;
  theme: ChartTheme;
  language: string;
}

/** ui.md: no animation longer than 300 ms. */
export const ANIMATION_MS = 300;

// ---- Shared pieces ------------------------------------------------------------------------------

/** Options every chart starts from: its title (what the chart answers), short animations, UTC. */
function base(title: string): ChartOption {
  return {
    title: { text: title, left: 0, top: 0 },
    animationDuration: ANIMATION_MS,
    animationDurationUpdate: ANIMATION_MS,
    // Calendar dates are UTC midnights (format-values.ts): ticks and labels must be UTC too, or a
    // browser east of Greenwich would label 5月1日 00:00 UTC as the evening of 4月30日.
    useUTC: true,
  };
}

/** Legend at the top right, clear of the title on the left and the toolbox icon on the right. */
function legend(extra: LegendComponentOption = {}): LegendComponentOption {
  return { top: 2, right: 36, itemWidth: 14, itemHeight: 10, ...extra };
}

/** Tooltips stay inside the chart (the dashboard puts charts side by side). */
function tooltip(extra: TooltipComponentOption): TooltipComponentOption {
  return { confine: true, ...extra };
}

/** User text goes into HTML tooltips: escape it (names come from the grid, anything goes). */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** One line of a tooltip: the name muted on the left, the value on the right. */
function row(theme: ChartTheme, name: string, value: string): string {
  return (
    `<div style="display:flex;justify-content:space-between;gap:16px">` +
    `<span style="color:${theme.muted}">${escapeHtml(name)}</span>` +
    `<span style="font-variant-numeric:tabular-nums">${escapeHtml(value)}</span></div>`
  );
}
function heading(text: string): string {
  return `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(text)}</div>`;
}

/** 5月1日 on time axes (compact places), per ui.md. */
function dayLabel(time: number, language: string): string {
  // An empty time axis hands its formatters NaN.
  return Number.isFinite(time) ? formatDate(timeToDate(time), language, false) : '';
}

const dateParts = new Map<string, Intl.DateTimeFormat>();
function datePart(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let f = dateParts.get(key);
  if (!f) dateParts.set(key, (f = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' })));
  return f;
}

/**
 * Tick labels of a time axis, by what the tick is: a year's first day shows the year, a month's
 * first day the month (both bold: 2025年, 6月 / 2025, Jun), any other day its number (8日 / 8).
 * Deciding by the date rather than by ECharts' tick level keeps the words right at any zoom.
 */
function timeAxisLabel(language: string, theme: ChartTheme) {
  return {
    hideOverlap: true,
    formatter: (time: number) => {
      if (!Number.isFinite(time)) return '';
      const date = new Date(time);
      if (date.getUTCDate() !== 1) return datePart(language, { day: 'numeric' }).format(date);
      const upper =
        date.getUTCMonth() === 0
          ? datePart(language, { year: 'numeric' }).format(date)
          : datePart(language, { month: 'short' }).format(date);
      return `{upper|${upper}}`;
    },
    rich: { upper: { fontWeight: 'bold' as const, color: theme.fg } },
  };
}

/**
 * The ticks of a time axis, chosen here rather than by ECharts (whose choice for a few months is
 * every 4 days or fortnights from odd dates, 3日, 17日, beside the month lines): the 1st, 8th,
 * 15th and 22nd of each month for plans up to half a year, each month's 1st beyond. Zooming in
 * keeps them; labels that would collide are hidden.
 */
function timeTicks(range: { min?: number; max?: number }, language: string, theme: ChartTheme) {
  const label = timeAxisLabel(language, theme);
  if (range.min === undefined || range.max === undefined) return { axisLabel: label };
  const days = range.max - range.min <= 183 * DAY_MS ? [1, 8, 15, 22] : [1];
  const values: number[] = [];
  const first = new Date(range.min);
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); Date.UTC(y, m, 1) <= range.max; m++) {
    for (const d of days) {
      const t = Date.UTC(y, m, d);
      if (t >= range.min && t <= range.max) values.push(t);
    }
  }
  return { axisTick: { customValues: values }, axisLabel: { ...label, customValues: values } };
}

/** A period in compact places: 5月1日–5月7日. */
function shortPeriod(start: string, end: string, language: string): string {
  return start === end
    ? formatDate(start, language, false)
    : `${formatDate(start, language, false)}–${formatDate(end, language, false)}`;
}

/** Height of the today tag: 11 px text on a 13 px line with 2 px padding above and below. */
export const TODAY_TAG_HEIGHT = 17;
/** Gap between the plot's top edge and the today tag hanging below it. */
export const TODAY_TAG_GAP = 3;

/**
 * The today line of a time axis, labelled with the word and the date in a small accent tag that
 * hangs just inside the top of the plot: above the plot sit the Gantt's date labels, the legend
 * and the chart's download icon, and a tag there covered them (issue 14). `top` is 'start' when
 * the y axis runs downwards, as in the Gantt. A negative distance moves the label from beyond
 * the line's end back along it, into the plot.
 */
function todayLine(today: string, word: string, theme: ChartTheme, language: string, top: 'start' | 'end') {
  return {
    name: word,
    xAxis: dateToTime(today),
    // The date as text too: what a test or a reader of getOption() compares against.
    date: today,
    lineStyle: { color: theme.accent, type: 'solid' as const, width: 1.5 },
    label: {
      show: true,
      position: top,
      distance: -(TODAY_TAG_HEIGHT + TODAY_TAG_GAP),
      lineHeight: 13,
      formatter: `${word} ${formatDate(today, language, false)}`,
      color: theme.bg,
      backgroundColor: theme.accent,
      padding: [2, 5],
      borderRadius: 3,
      fontSize: 11,
    },
  };
}

/** A markLine that only draws what its data items say (no arrows, no hover effects). */
function markLine(data: unknown[]): MarkLineComponentOption {
  return {
    silent: true,
    symbol: ['none', 'none'],
    animation: false,
    emphasis: { disabled: true },
    data: data as MarkLineComponentOption['data'],
  };
}

/**
 * The time range of an axis, stretched to include today so the today line is always drawn, with
 * a day of margin before (the first bar off the edge) and 4% of the span after — 8% when today
 * is the last date, as today's tag is centred on its line and must not run off the chart.
 */
function timeRange(times: number[], today: string | null): { min?: number; max?: number } {
  const all = today ? [...times, dateToTime(today)] : times;
  if (all.length === 0) return {};
  // A loop, not Math.min(...all): a plan of tens of thousands of tasks would overflow the stack.
  let [min, max] = [Infinity, -Infinity];
  for (const t of all) [min, max] = [Math.min(min, t), Math.max(max, t)];
  const share = today && dateToTime(today) >= max ? 0.08 : 0.04;
  const margin = Math.max(DAY_MS, Math.round(((max - min) * share) / DAY_MS) * DAY_MS);
  return { min: min - DAY_MS, max: max + margin };
}

/** The next round number at or above `value` (1.2, 1.5, 2, 2.5 … × 10ⁿ), for axis tops. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return value;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * power >= value * (1 - 1e-12)) ?? 10;
  return step * power;
}

/** Diagonal stripes and dots: the decal patterns that tell the warning colours apart in grey. */
const STRIPES = {
  symbol: 'rect',
  symbolSize: 1,
  dashArrayX: [1, 0],
  dashArrayY: [3, 5],
  rotation: Math.PI / 4,
  color: 'rgba(255, 255, 255, 0.45)',
};
const DOTS = {
  symbol: 'circle',
  symbolSize: 0.7,
  dashArrayX: [[4, 4]],
  dashArrayY: [4, 4],
  color: 'rgba(255, 255, 255, 0.5)',
};

export function metricStatusColor(status: MetricStatus, theme: ChartTheme): string {
  if (status === 'on_track') return theme.ok;
  if (status === 'at_risk') return theme.warn;
  if (status === 'behind') return theme.behind;
  return theme.idle;
}
function metricStatusDecal(status: MetricStatus) {
  return status === 'behind' ? STRIPES : status === 'at_risk' ? DOTS : undefined;
}

/** Task statuses as the grid colours them (styles.css, .status-cell). */
export function taskStatusColor(status: TaskStatus, theme: ChartTheme): string {
  switch (status) {
    case 'in_progress':
      return theme.ok;
    case 'done':
      return theme.done;
    case 'overdue':
      return theme.behind;
    case 'blocked':
      return theme.warn;
    default:
      return theme.idle;
  }
}

// ---- Gantt --------------------------------------------------------------------------------------

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

// ---- Module progress vs time --------------------------------------------------------------------

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

// ---- S-curve ------------------------------------------------------------------------------------

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

// ---- Target vs actual ---------------------------------------------------------------------------

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

// ---- Trend of one metric ------------------------------------------------------------------------

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

// ---- Budget -------------------------------------------------------------------------------------

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

// ---- Funnel -------------------------------------------------------------------------------------

export interface FunnelStage {
  name: string;
  /** The stage's count, in hundredths. */
  actualC: number;
  /** Conversion from the previous stage in percent (3.5 for 3.5%); null for the first stage. */
  rate: number | null;
  targetRate: number | null;
  /** The first stage whose conversion falls short of its target: where the gap begins. */
  gapStartsHere: boolean;
  /** The stage's kind (a count unless said): money is written as money. */
  kind?: ValueKind;
  /** No rate, since this stage or the one before is not a count (元 ÷ 次). */
  unlikeUnits?: boolean;
}

export interface FunnelLabels {
  title: string;
  /** The chart's empty state (for <EChart empty>): what to enter to get it. */
  empty: string;
  /** Under the title when some stages cannot make a rate: set the funnel's stages on counts. */
  unlikeHint: string;
  rate: string;
  target: string;
  gapStartsHere: string;
  value: string;
}

/**
 * The marketing funnel in stage order, each stage's label with its count and the conversion from
 * the stage above (against its target); the stage where the gap starts in the behind colour,
 * striped, with the word.
 */
export function funnelOption(stages: readonly FunnelStage[], env: ChartEnv<FunnelLabels>): ChartOption {
  const { labels, theme, language } = env;
  const pct = (v: number) => formatPercentNumber(v, language);
  const max = Math.max(0, ...stages.map((s) => s.actualC));
  const data = stages.map((s) => {
    const parts = [`${s.name} ${formatCompact(s.actualC, s.kind ?? 'count', '', language)}`];
    if (s.rate != null)
      parts.push(
        `${labels.rate} ${pct(s.rate)}` +
          (s.targetRate == null ? '' : ` / ${labels.target} ${pct(s.targetRate)}`),
      );
    if (s.gapStartsHere) parts.push(labels.gapStartsHere);
    const text = parts.join(' · ').replace(/[{}]/g, '');
    return {
      name: s.name,
      value: s.actualC,
      actualC: s.actualC,
      rate: s.rate,
      targetRate: s.targetRate,
      gapStartsHere: s.gapStartsHere,
      itemStyle: s.gapStartsHere ? { color: theme.behind, decal: STRIPES } : { color: theme.accent },
      label: {
        formatter: text,
        color: s.gapStartsHere ? theme.behind : theme.fg,
        fontWeight: s.gapStartsHere ? ('bold' as const) : ('normal' as const),
      },
    };
  });
  const unlike = stages.some((s) => s.unlikeUnits);
  const titled = base(labels.title);
  return {
    ...titled,
    // Unlike units get no rate, and the owner is told how to get one.
    title: unlike ? { ...(titled.title as object), subtext: labels.unlikeHint } : titled.title,
    tooltip: tooltip({
      trigger: 'item',
      formatter: (params: unknown) => {
        const s = stages[(params as { dataIndex: number }).dataIndex];
        if (!s) return '';
        return (
          heading(s.name) +
          row(theme, labels.value, formatExact(s.actualC, s.kind ?? 'count', '', language)) +
          (s.rate == null ? '' : row(theme, labels.rate, pct(s.rate))) +
          (s.targetRate == null ? '' : row(theme, labels.target, pct(s.targetRate))) +
          (s.gapStartsHere
            ? `<div style="color:${theme.behind};font-weight:600">${escapeHtml(labels.gapStartsHere)}</div>`
            : '')
        );
      },
    }),
    series: [
      {
        type: 'funnel',
        name: labels.title,
        sort: 'none',
        left: 8,
        top: unlike ? 60 : 40,
        bottom: 8,
        width: '42%',
        min: 0,
        max: max || 1,
        // Stages fall by orders of magnitude (2,000,000 reached, 500 bought): keep the last ones
        // wide enough to see and to hold a pattern.
        minSize: '14%',
        gap: 2,
        itemStyle: { borderColor: theme.bg, borderWidth: 1 },
        label: { show: true, position: 'right' },
        labelLine: { show: true, length: 12, lineStyle: { color: theme.border } },
        emphasis: { label: { fontWeight: 'bold' } },
        data,
      },
    ],
  };
}
