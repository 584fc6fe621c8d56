/**
 * Tracking (step 三) and data feedback (step 四) as pure functions, gathered from the files that
 * hold them: the calendar (calendar.ts), tracking periods and due check-ins (periods.ts), a
 * metric's figures — targets pro-rated to a day, current values, variance, status, the funnel,
 * ROI (metric-figures.ts) —, the SMART check (smart-check.ts), the S-curve's planned line
 * (planned-progress.ts) and the attention list (attention.ts).
 *
 * Rules that hold throughout:
 * - No clock: `today` is always a parameter (YYYY-MM-DD), so the same inputs give the same answer
 *   in the main process, the renderer, a test, and on a laptop set to any time zone.
 * - No local-time Date: calendar arithmetic is done on day numbers or on UTC dates
 *   (calendar.ts); nothing here can be shifted by a zone or DST.
 * - Metric numbers are integer hundredths, rounded half away from zero with exact arithmetic.
 */
export { addDays, dayNumber, fromDayNumber, isoWeek, isoWeekday, type DateRange } from './calendar';
export { dueCheckins, MAX_PERIODS, nextPeriod, periodAfter, periodOf, periodsBetween } from './periods';
export {
  achievementPct,
  currentValueC,
  effectiveBaselineC,
  funnelStages,
  metricStart,
  metricStatus,
  proRatedTargetC,
  roi,
  roundHalfAwayFromZero,
  variance,
  type FunnelInput,
  type FunnelStage,
} from './metric-figures';
export { SMART_GOAL_MIN_CHARS, smartCheck, type SmartInput, type SmartLetter } from './smart-check';
export { plannedProgressAt, timeElapsedPct } from './planned-progress';
export {
  attentionItems,
  attentionList,
  compareAttention,
  smallestInOrder,
  type AttentionInput,
  type AttentionTask,
} from './attention';
