/**
 * Tracking periods (a day, a Monday–Sunday week or a month; Table 1 is carried into each new
 * one, metric values are entered per period) and the check-ins (打卡) a task owes in them. Pure;
 * the dates are the calendar's (calendar.ts).
 */
import type { Task } from './domain';
import type { Cycle } from './tracking';
import { addDays, dayNumber, monthOf, weekOf, type DateRange } from './calendar';

export type { DateRange } from './calendar';

/** The tracking period a date falls in: the day itself, its Monday–Sunday week, or its month. */
export function periodOf(date: string, cycle: Cycle): DateRange {
  switch (cycle) {
    case 'day':
      dayNumber(date); // refuses a malformed date, as the week and the month do
      return { start: date, end: date };
    case 'week':
      return weekOf(date);
    case 'month':
      return monthOf(date);
  }
}

/** The period right after p (p is expected to be a period of that cycle). */
export function nextPeriod(p: DateRange, cycle: Cycle): DateRange {
  return periodOf(addDays(p.end, 1), cycle);
}

/**
 * The tracking period opened after `latest` in the project's cycle. The cycle may have changed
 * since `latest` was opened (a week, now months): the next period then starts the day after
 * `latest` ends and runs to the end of the new cycle's period, so periods never overlap or leave
 * a gap. The service opens exactly this period and the renderer names it before asking.
 */
export function periodAfter(latest: DateRange, cycle: Cycle): DateRange {
  const next = nextPeriod(latest, cycle);
  const start = addDays(latest.end, 1);
  return next.start === start ? next : { start, end: periodOf(start, cycle).end };
}

/** Never more periods than this from periodsBetween: a daily cycle over decades is a typo. */
export const MAX_PERIODS = 1000;

/** Every period of the cycle that overlaps [start, end], oldest first; none when end < start. */
export function periodsBetween(start: string, end: string, cycle: Cycle): DateRange[] {
  const result: DateRange[] = [];
  for (
    let p = periodOf(start, cycle);
    p.start <= end && result.length < MAX_PERIODS;
    p = nextPeriod(p, cycle)
  ) {
    result.push(p);
  }
  return result;
}

// ---- Check-ins ----

/**
 * Check-ins a task owes: one in every tracking period of its cycle from the period of its start
 * up to the period before today's (the current period is still open), stopping at the period of
 * its end. A due period with no check-in dated inside it is missed. Nothing is due without a
 * cycle or a start date. At most MAX_PERIODS periods are examined (the earliest ones).
 */
export function dueCheckins(
  task: Pick<Task, 'start' | 'end'> & { trackingCycle: Cycle | null },
  checkinDates: readonly string[],
  today: string,
): { missed: { periodStart: string; periodEnd: string }[] } {
  return { missed: missedCheckins(task, checkinDates, today, new PeriodCalendar()) };
}

/** dueCheckins over a calendar that may be shared by many tasks. */
export function missedCheckins(
  task: Pick<Task, 'start' | 'end'> & { trackingCycle: Cycle | null },
  checkinDates: readonly string[],
  today: string,
  calendar: PeriodCalendar,
): { periodStart: string; periodEnd: string }[] {
  const cycle = task.trackingCycle;
  if (cycle === null || task.start === null) return [];
  const current = calendar.periodOf(today, cycle);
  const lastClosed = (current.dayBefore ??= addDays(current.start, -1));
  const until = task.end !== null && task.end < lastClosed ? task.end : lastClosed;
  const missed: { periodStart: string; periodEnd: string }[] = [];
  // periodsBetween(task.start, until, cycle), walked on the calendar.
  for (
    let p = calendar.periodOf(task.start, cycle), n = 0;
    p.start <= until && n < MAX_PERIODS;
    p = calendar.nextPeriod(p, cycle), n++
  ) {
    if (!checkinDates.some((d) => d >= p.start && d <= p.end))
      missed.push({ periodStart: p.start, periodEnd: p.end });
  }
  return missed;
}

export interface CalendarPeriod extends DateRange {
  next?: CalendarPeriod;
  /** The day before the start: the end of the last closed period while this one is current. */
  dayBefore?: string;
}

/**
 * periodOf and nextPeriod with every answer kept: the check-in tasks of a plan walk the same
 * weeks and months, so each period is computed once instead of once per task.
 */
export class PeriodCalendar {
  private readonly known: Record<Cycle, Map<string, CalendarPeriod>> = {
    day: new Map(),
    week: new Map(),
    month: new Map(),
  };

  periodOf(date: string, cycle: Cycle): CalendarPeriod {
    const known = this.known[cycle];
    let p = known.get(date);
    if (!p) known.set(date, (p = periodOf(date, cycle)));
    return p;
  }

  nextPeriod(p: CalendarPeriod, cycle: Cycle): CalendarPeriod {
    return (p.next ??= this.periodOf(addDays(p.end, 1), cycle));
  }
}
