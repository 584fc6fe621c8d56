/**
 * The calendar, in one place: calendar dates as the app keeps them (YYYY-MM-DD text) checked,
 * counted, stepped, and grouped into ISO weeks and months. Pure; the main process and the
 * renderer count days alike.
 *
 * - No time zone can shift a date: nothing here reads the local zone except todayIso, whose job
 *   it is. Day counts, day steps, weekdays and date validity are integer arithmetic on day
 *   numbers (days since 1970-01-01): exact for every proleptic Gregorian date, years 0–99
 *   included, and cheap — they run per task, thousands of times per answer on big plans, where
 *   a Date per call (date-fns) measured many times slower.
 * - ISO week numbers and month boundaries are date-fns's (getISOWeek, getISOWeekYear,
 *   startOfMonth, endOfMonth), on a UTCDateMini (@date-fns/utc) made from the day number, so no
 *   zone or DST applies to them either. The mini class (getters and setters only) is enough for
 *   date-fns and, unlike the full UTCDate, builds no Intl formatters when loaded (~25 ms at start).
 */
import { UTCDateMini } from '@date-fns/utc/date/mini';
import { endOfMonth, getISOWeek, getISOWeekYear, lightFormat, startOfMonth } from 'date-fns';

export interface DateRange {
  start: string;
  end: string;
}

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * Day number of an ISO date (1970-01-01 is 0). Howard Hinnant's days_from_civil: integer
 * arithmetic over 400-year eras, exact for every proleptic Gregorian date, no Date involved.
 * A month or day out of range rolls over (2024-02-30 is 2024-03-01); isIsoDate refuses those.
 */
export function dayNumber(date: string): number {
  const m = DATE_SHAPE.exec(date);
  if (!m) throw new RangeError(`Not an ISO date: ${date}`);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const y = Number(m[1]) - (month <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The ISO date of a day number (the inverse of dayNumber: civil_from_days). */
export function fromDayNumber(n: number): string {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const p2 = (v: number) => String(v).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${p2(month)}-${p2(day)}`;
}

/**
 * True for a real calendar date written YYYY-MM-DD (2024-02-30 is not one): a date is real when
 * it comes back unchanged from its day number, where an impossible day would have rolled over.
 */
export function isIsoDate(value: string): boolean {
  const m = DATE_SHAPE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return fromDayNumber(dayNumber(value)) === value;
}

/** Whole days from a to b (both ISO dates): 2024-05-01 → 2024-07-31 is 91. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** The date n days after (before, when negative) an ISO date. */
export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}

/** ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01, day 0, was a Thursday). */
export function isoWeekday(date: string): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The date as a UTC Date for date-fns, from its day number (so years 0–99 stay as written). */
const utcDate = (date: string) => new UTCDateMini(dayNumber(date) * DAY_MS);
const isoOf = (d: Date) => fromDayNumber(Math.floor(d.getTime() / DAY_MS));

/**
 * ISO-8601 week: weeks start on Monday and belong to the year of their Thursday, so 2021-01-03
 * is week 53 of 2020 and 2024-12-30 is week 1 of 2025. Shown as 第18周.
 */
export function isoWeek(date: string): { year: number; week: number } {
  const d = utcDate(date);
  return { year: getISOWeekYear(d), week: getISOWeek(d) };
}

/** The Monday–Sunday week a date falls in. */
export function weekOf(date: string): DateRange {
  const monday = dayNumber(date) - (isoWeekday(date) - 1);
  return { start: fromDayNumber(monday), end: fromDayNumber(monday + 6) };
}

/** The calendar month a date falls in, first to last day. */
export function monthOf(date: string): DateRange {
  const d = utcDate(date);
  return { start: isoOf(startOfMonth(d)), end: isoOf(endOfMonth(d)) };
}

/** Today's calendar date where the user is (local zone), as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return lightFormat(now, 'yyyy-MM-dd');
}
