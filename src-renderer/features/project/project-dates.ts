import { daysBetween, todayIso } from '../../../src-main/shared/values';

/** Days from today to the period's end (negative once it has ended), or null without an end. */
export function daysLeft(end: string | null, today = todayIso()): number | null {
  return end ? daysBetween(today, end) : null;
}

/**
 * The "today" a time chart marks: today while the plan is running or close to it; null for a plan
 * long over (or not yet begun), where stretching the axis to today would squash the plan itself
 * into a sliver. Close means within a quarter of the plan's span, at least two weeks.
 */
export function chartToday(start: string | null, end: string | null, today = todayIso()): string | null {
  if (!start || !end) return today;
  const margin = Math.max(14, Math.round(daysBetween(start, end) / 4));
  return daysBetween(today, start) <= margin && daysBetween(end, today) <= margin ? today : null;
}

export type ShownStatus = 'planning' | 'active' | 'done' | 'archived' | 'ended';

/**
 * The status the owner sees, agreeing with the dates: a campaign still marked 筹备中 or 进行中 whose
 * period is over is 已结束 (the template's 2024 demo on any later day), never 进行中 beside
 * "ended 855 days ago". 已完成 and 已归档 are the owner's own word and stay.
 */
export function shownStatus(status: ShownStatus, end: string | null, today = todayIso()): ShownStatus {
  return (status === 'active' || status === 'planning') && end !== null && end < today ? 'ended' : status;
}
