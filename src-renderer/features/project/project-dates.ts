import { daysBetween, todayIso } from '../../../src-main/shared/values';

/** Days from today to the period's end (negative once it has ended), or null without an end. */
export function daysLeft(end: string | null, today = todayIso()): number | null {
  return end ? daysBetween(today, end) : null;
}
