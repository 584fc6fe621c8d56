/**
 * Time axes of the charts: calendar dates are UTC midnights (format-values.ts), labels say 5月1日
 * or the month and year on their first days, ticks fall on chosen days, the range always holds
 * today, and today is a line with a small tag inside the top of the plot.
 */
import { formatDate } from '../../../i18n/format';
import { DAY_MS, dateToTime, timeToDate } from '../format-values';
import type { ChartTheme } from './common';

/** 5月1日 on time axes (compact places), per ui.md. */
export function dayLabel(time: number, language: string): string {
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
 * The axis's first tick, when it is not a month's first day, names its month too (6月8日 / Jun 8):
 * a plan inside one month otherwise read 8日, 15日, 22日 with no month anywhere.
 */
function timeAxisLabel(language: string, theme: ChartTheme, firstTick?: number) {
  return {
    hideOverlap: true,
    formatter: (time: number) => {
      if (!Number.isFinite(time)) return '';
      const date = new Date(time);
      if (date.getUTCDate() !== 1) {
        return time === firstTick
          ? `{upper|${dayLabel(time, language)}}`
          : datePart(language, { day: 'numeric' }).format(date);
      }
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
export function timeTicks(range: { min?: number; max?: number }, language: string, theme: ChartTheme) {
  if (range.min === undefined || range.max === undefined)
    return { axisLabel: timeAxisLabel(language, theme) };
  const days = range.max - range.min <= 183 * DAY_MS ? [1, 8, 15, 22] : [1];
  const values: number[] = [];
  const first = new Date(range.min);
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); Date.UTC(y, m, 1) <= range.max; m++) {
    for (const d of days) {
      const t = Date.UTC(y, m, d);
      if (t >= range.min && t <= range.max) values.push(t);
    }
  }
  const label = timeAxisLabel(language, theme, values[0]);
  return { axisTick: { customValues: values }, axisLabel: { ...label, customValues: values } };
}

/** A period in compact places: 5月1日–5月7日. */
export function shortPeriod(start: string, end: string, language: string): string {
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
export function todayLine(
  today: string,
  word: string,
  theme: ChartTheme,
  language: string,
  top: 'start' | 'end',
) {
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

/**
 * The time range of an axis, stretched to include today so the today line is always drawn, with
 * a day of margin before (the first bar off the edge) and 4% of the span after — 8% when today
 * is the last date, as today's tag is centred on its line and must not run off the chart.
 */
export function timeRange(times: number[], today: string | null): { min?: number; max?: number } {
  const all = today ? [...times, dateToTime(today)] : times;
  if (all.length === 0) return {};
  // A loop, not Math.min(...all): a plan of tens of thousands of tasks would overflow the stack.
  let [min, max] = [Infinity, -Infinity];
  for (const t of all) [min, max] = [Math.min(min, t), Math.max(max, t)];
  const share = today && dateToTime(today) >= max ? 0.08 : 0.04;
  const margin = Math.max(DAY_MS, Math.round(((max - min) * share) / DAY_MS) * DAY_MS);
  return { min: min - DAY_MS, max: max + margin };
}
