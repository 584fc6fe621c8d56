/**
 * Time against the plan: the S-curve's planned line (how much of the plan is due by a date) and
 * how much of a span has passed. Days count inclusively throughout.
 */
import { daysBetween } from './calendar';
import type { Task } from './domain';
import { clamp } from './metric-figures';
import { durationWeight } from './task-logic';

/**
 * The planned overall progress on `date` (0–100), the S-curve's planned line: over leaf tasks
 * weighted by duration (durationWeight, as the actual progress is), each task planned to be
 * done linearly from the start of its first day to the end of its last, so on the start day a
 * 10-day task is 10% due. A task with one date is a one-day task on that date (it weighs one day
 * in durationWeight too); a task with no date is left out, as it has no place on a time line —
 * with it counted as 0 the planned line could never reach 100.
 */
export function plannedProgressAt(
  tasks: readonly Pick<Task, 'start' | 'end' | 'parentId' | 'id'>[],
  date: string,
): number {
  const parents = new Set(tasks.map((t) => t.parentId).filter((p): p is string => p !== null));
  let sum = 0;
  let weight = 0;
  for (const t of tasks) {
    const first = t.start ?? t.end;
    const last = t.end ?? t.start;
    if (parents.has(t.id) || first === null || last === null) continue;
    const w = Math.max(1, durationWeight(t)); // an end before the start: one day, not a negative weight
    sum += w * clamp((daysBetween(first, date) + 1) / w, 0, 1);
    weight += w;
  }
  return weight === 0 ? 0 : clamp((sum * 100) / weight, 0, 100);
}

/**
 * How much of [start, end] has passed by the end of `today`, 0–100, counting days inclusively as
 * plannedProgressAt does (the first day is 1/n, the last day 100). Null without both dates.
 */
export function timeElapsedPct(start: string | null, end: string | null, today: string): number | null {
  if (start === null || end === null) return null;
  return elapsedPct(daysBetween(start, end), daysBetween(start, today));
}

/** timeElapsedPct from whole days: `span` = end − start, `passed` = today − start. */
export function elapsedPct(span: number, passed: number): number {
  return clamp(((passed + 1) * 100) / Math.max(1, span + 1), 0, 100);
}
