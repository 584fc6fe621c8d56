/**
 * What every option builder shares: the option type, the theme colours and words it is given,
 * the start of every chart (title, short animations, UTC), legend and tooltip placement, tooltip
 * lines (user text escaped), the markLine of today and target lines, and round axis tops.
 */
import type {
  AriaComponentOption,
  BarSeriesOption,
  ComposeOption,
  CustomSeriesOption,
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
/** Options every chart starts from: its title (what the chart answers), short animations, UTC. */
export function base(title: string): ChartOption {
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
export function legend(extra: LegendComponentOption = {}): LegendComponentOption {
  return { top: 2, right: 36, itemWidth: 14, itemHeight: 10, ...extra };
}

/** Tooltips stay inside the chart (the dashboard puts charts side by side). */
export function tooltip(extra: TooltipComponentOption): TooltipComponentOption {
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
export function row(theme: ChartTheme, name: string, value: string): string {
  return (
    `<div style="display:flex;justify-content:space-between;gap:16px">` +
    `<span style="color:${theme.muted}">${escapeHtml(name)}</span>` +
    `<span style="font-variant-numeric:tabular-nums">${escapeHtml(value)}</span></div>`
  );
}
export function heading(text: string): string {
  return `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(text)}</div>`;
}

/** A markLine that only draws what its data items say (no arrows, no hover effects). */
export function markLine(data: unknown[]): MarkLineComponentOption {
  return {
    silent: true,
    symbol: ['none', 'none'],
    animation: false,
    emphasis: { disabled: true },
    data: data as MarkLineComponentOption['data'],
  };
}

/** The next round number at or above `value` (1.2, 1.5, 2, 2.5 … × 10ⁿ), for axis tops. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return value;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * power >= value * (1 - 1e-12)) ?? 10;
  return step * power;
}
