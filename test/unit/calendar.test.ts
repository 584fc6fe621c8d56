/** The one calendar (shared/calendar.ts), checked against Date.UTC and against dates worked out by hand. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addDays,
  daysBetween,
  isIsoDate,
  isoWeek,
  monthOf,
  todayIso,
  weekOf,
} from '../../src-main/shared/calendar';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A real date the textbook way: the day exists in its month (UTC, years 100+ only). */
const refIsReal = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

describe('calendar', () => {
  test('a date is real exactly when Date.UTC keeps it as written', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          expect(isIsoDate(`${pad(y, 4)}-${pad(m)}-${pad(d)}`)).toBe(refIsReal(y, m, d));
        },
      ),
    );
    expect(isIsoDate('2100-02-29')).toBe(false); // a century is not a leap year…
    expect(isIsoDate('2000-02-29')).toBe(true); // …unless it divides by 400
    expect(isIsoDate('0004-02-29')).toBe(true);
    expect(isIsoDate('0001-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29 ')).toBe(false);
  });

  test('day counts and steps, years below 100 as written', () => {
    expect(daysBetween('2024-05-01', '2024-07-31')).toBe(91);
    expect(daysBetween('0004-02-28', '0004-03-01')).toBe(2); // year 4 is a leap year
    expect(daysBetween('0099-12-31', '0100-01-01')).toBe(1);
    expect(addDays('0004-02-28', 1)).toBe('0004-02-29');
    expect(() => daysBetween('2024-5-1', '2024-05-02')).toThrow(RangeError);
  });

  test('ISO weeks: the Thursday decides the year', () => {
    expect(isoWeek('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeek('2024-05-01')).toEqual({ year: 2024, week: 18 }); // 第18周 (4/29–5/5)
    expect(isoWeek('2026-12-31')).toEqual({ year: 2026, week: 53 });
    expect(weekOf('2024-05-01')).toEqual({ start: '2024-04-29', end: '2024-05-05' });
    expect(weekOf('0004-01-01')).toEqual({ start: '0003-12-29', end: '0004-01-04' });
  });

  test('months: first to last day, leap years included', () => {
    expect(monthOf('2024-02-10')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(monthOf('1900-02-10')).toEqual({ start: '1900-02-01', end: '1900-02-28' });
    expect(monthOf('2024-12-31')).toEqual({ start: '2024-12-01', end: '2024-12-31' });
    expect(monthOf('0004-02-01')).toEqual({ start: '0004-02-01', end: '0004-02-29' });
  });

  test('today is the local calendar date of the moment', () => {
    expect(todayIso(new Date(2024, 4, 1, 0, 0))).toBe('2024-05-01');
    expect(todayIso(new Date(2024, 11, 31, 23, 59))).toBe('2024-12-31');
  });
});
