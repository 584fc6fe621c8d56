/**
 * The option builders of the 概览 charts, one file per chart plus their shared parts (common.ts,
 * time-axis.ts, status-colors.ts): plain data in, an ECharts option out. No DOM and no
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
export {
  ANIMATION_MS,
  escapeHtml,
  niceCeil,
  type ChartEnv,
  type ChartOption,
  type ChartTheme,
} from './common';
export { TODAY_TAG_GAP, TODAY_TAG_HEIGHT } from './time-axis';
export { metricStatusColor, taskStatusColor } from './status-colors';
export * from './gantt';
export * from './module-progress';
export * from './s-curve';
export * from './target-vs-actual';
export * from './trend';
export * from './budget';
export * from './funnel';
