import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import type { Task } from '../../src-main/shared/domain';
import { METRIC_PRESETS, PRESET_KEYS, presetByKey, UNIT_KEYS } from '../../src-main/shared/metric-presets';
import {
  achievementPct,
  addDays,
  attentionItems,
  attentionList,
  compareAttention,
  currentValueC,
  dayNumber,
  dueCheckins,
  effectiveBaselineC,
  fromDayNumber,
  funnelStages,
  isoWeek,
  isoWeekday,
  MAX_PERIODS,
  metricStatus,
  nextPeriod,
  periodOf,
  periodsBetween,
  plannedProgressAt,
  proRatedTargetC,
  roi,
  roundHalfAwayFromZero,
  smallestInOrder,
  smartCheck,
  timeElapsedPct,
  variance,
  type AttentionInput,
} from '../../src-main/shared/metrics-logic';
import { deriveTaskStatus, rollUpProgress } from '../../src-main/shared/task-logic';
import {
  ATTENTION_KINDS,
  type Actual,
  type Attention,
  type Cycle,
  type Metric,
} from '../../src-main/shared/tracking';
import { daysBetween } from '../../src-main/shared/values';
import { blankTask } from '../helpers/tasks';

// ---- Independent reference computations (Date.UTC only), to check the integer calendar against ----

const DAY_MS = 86_400_000;
const utcMs = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8)));
const isoOfMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Every date from a to b inclusive. */
const datesFrom = (a: string, b: string) => {
  const out: string[] = [];
  for (let ms = utcMs(a); ms <= utcMs(b); ms += DAY_MS) out.push(isoOfMs(ms));
  return out;
};
const refWeek = (iso: string) => {
  const ms = utcMs(iso);
  const dow = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
  return { start: isoOfMs(ms - dow * DAY_MS), end: isoOfMs(ms + (6 - dow) * DAY_MS) };
};
const refMonth = (iso: string) => {
  const d = new Date(utcMs(iso));
  const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const last = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
  return { start: isoOfMs(first), end: isoOfMs(last) };
};
/** ISO week the textbook way: the Thursday of the week decides the year; week 1 holds 4 January. */
const refIsoWeek = (iso: string) => {
  const ms = utcMs(iso);
  const dow = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = new Date(ms + (3 - dow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  return { year, week: Math.round((thursday.getTime() - week1Monday) / DAY_MS / 7 - 3 / 7) + 1 };
};

const isoDateArb = fc
  .integer({ min: utcMs('1900-01-01') / DAY_MS, max: utcMs('2199-12-31') / DAY_MS })
  .map((d) => isoOfMs(d * DAY_MS));
const cycleArb = fc.constantFrom<Cycle>('day', 'week', 'month');

describe('metric presets', () => {
  test('one preset per key, in PRESET_KEYS order, with known units', () => {
    expect(METRIC_PRESETS.map((p) => p.key)).toEqual([...PRESET_KEYS]);
    for (const p of METRIC_PRESETS) expect(UNIT_KEYS).toContain(p.unitKey);
    expect(presetByKey('conversion_rate')?.kind).toBe('percent');
    expect(presetByKey('nope')).toBeUndefined();
    expect(presetByKey(null)).toBeUndefined();
  });

  test('the funnel runs exposure → reads → leads → deals → revenue; rates are not stages', () => {
    const stages = METRIC_PRESETS.filter((p) => p.funnelStage !== null)
      .sort((a, b) => a.funnelStage! - b.funnelStage!)
      .map((p) => [p.key, p.funnelStage]);
    expect(stages).toEqual([
      ['exposure', 1],
      ['reads', 2],
      ['leads', 3],
      ['deals', 4],
      ['revenue', 5],
    ]);
    for (const p of METRIC_PRESETS.filter((x) => x.kind === 'percent')) expect(p.funnelStage).toBeNull();
  });

  test('rates are readings, volumes add up, spend is better lower', () => {
    for (const p of METRIC_PRESETS.filter((x) => x.kind === 'percent')) expect(p.aggregation).toBe('last');
    for (const key of ['exposure', 'reads', 'leads', 'deals', 'units_sold', 'revenue', 'spend'] as const) {
      expect(presetByKey(key)?.aggregation).toBe('sum');
    }
    expect(presetByKey('average_order_value')).toMatchObject({ kind: 'money', aggregation: 'average' });
    expect(METRIC_PRESETS.filter((p) => p.direction === 'lower').map((p) => p.key)).toEqual(['spend']);
  });
});

describe('calendar on day numbers', () => {
  test('day numbers agree with Date.UTC and round-trip', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-02-29')).toBe(utcMs('2024-02-29') / DAY_MS);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    expect(fromDayNumber(dayNumber('0004-02-29'))).toBe('0004-02-29'); // years below 100 stay as written
    fc.assert(
      fc.property(isoDateArb, (d) => {
        expect(dayNumber(d)).toBe(utcMs(d) / DAY_MS);
        expect(fromDayNumber(dayNumber(d))).toBe(d);
      }),
    );
  });

  test('adding days crosses month ends, leap days and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-05-01', 91)).toBe('2024-07-31');
    expect(isoWeekday('2024-05-01')).toBe(3); // a Wednesday
    expect(isoWeekday('2024-05-05')).toBe(7);
    expect(isoWeekday('1969-12-29')).toBe(1); // before day 0: the modulo stays positive
  });

  test('a malformed date is refused rather than turned into NaN', () => {
    expect(() => dayNumber('2024-5-1')).toThrow(RangeError);
    expect(() => periodOf('', 'week')).toThrow(RangeError);
  });
});

describe('tracking periods', () => {
  test('day, week (Monday–Sunday) and month', () => {
    expect(periodOf('2024-05-01', 'day')).toEqual({ start: '2024-05-01', end: '2024-05-01' });
    expect(periodOf('2024-05-01', 'week')).toEqual({ start: '2024-04-29', end: '2024-05-05' });
    expect(periodOf('2024-05-06', 'week')).toEqual({ start: '2024-05-06', end: '2024-05-12' });
    expect(periodOf('2024-05-05', 'week')).toEqual({ start: '2024-04-29', end: '2024-05-05' });
    expect(periodOf('2024-05-17', 'month')).toEqual({ start: '2024-05-01', end: '2024-05-31' });
  });

  test('month ends, leap day and a week across the new year', () => {
    expect(periodOf('2024-02-29', 'month')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodOf('2023-02-10', 'month')).toEqual({ start: '2023-02-01', end: '2023-02-28' });
    expect(periodOf('1900-02-10', 'month').end).toBe('1900-02-28'); // a century is not a leap year…
    expect(periodOf('2000-02-10', 'month').end).toBe('2000-02-29'); // …unless divisible by 400
    expect(periodOf('2024-04-30', 'month').end).toBe('2024-04-30');
    expect(periodOf('2024-12-31', 'month')).toEqual({ start: '2024-12-01', end: '2024-12-31' });
    expect(periodOf('2024-12-31', 'week')).toEqual({ start: '2024-12-30', end: '2025-01-05' });
    expect(periodOf('2024-02-29', 'week')).toEqual({ start: '2024-02-26', end: '2024-03-03' });
  });

  test('next period follows without gap or overlap', () => {
    expect(nextPeriod({ start: '2024-12-30', end: '2025-01-05' }, 'week')).toEqual({
      start: '2025-01-06',
      end: '2025-01-12',
    });
    expect(nextPeriod({ start: '2024-01-01', end: '2024-01-31' }, 'month')).toEqual({
      start: '2024-02-01',
      end: '2024-02-29',
    });
    expect(nextPeriod({ start: '2024-12-01', end: '2024-12-31' }, 'month').start).toBe('2025-01-01');
    expect(nextPeriod({ start: '2024-02-28', end: '2024-02-28' }, 'day').start).toBe('2024-02-29');
    fc.assert(
      fc.property(isoDateArb, cycleArb, (d, cycle) => {
        const p = periodOf(d, cycle);
        expect(p.start <= d && d <= p.end).toBe(true);
        const n = nextPeriod(p, cycle);
        expect(n.start).toBe(addDays(p.end, 1));
        expect(periodOf(p.start, cycle)).toEqual(p);
        expect(periodOf(p.end, cycle)).toEqual(p);
      }),
    );
  });

  test('ISO weeks, including week 53 and weeks that belong to the other year', () => {
    expect(isoWeek('2024-05-01')).toEqual({ year: 2024, week: 18 });
    expect(isoWeek('2024-01-01')).toEqual({ year: 2024, week: 1 });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeek('2020-12-31')).toEqual({ year: 2020, week: 53 });
    expect(isoWeek('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeek('2021-01-04')).toEqual({ year: 2021, week: 1 });
    expect(isoWeek('2026-12-31')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2015-12-31')).toEqual({ year: 2015, week: 53 });
    expect(isoWeek('2023-01-01')).toEqual({ year: 2022, week: 52 });
    expect(isoWeek('2008-12-29')).toEqual({ year: 2009, week: 1 });
  });

  test('periodOf and isoWeek agree with an independent UTC computation over 41 years', () => {
    for (const d of datesFrom('2000-01-01', '2040-12-31')) {
      const week = periodOf(d, 'week');
      const month = periodOf(d, 'month');
      const ref = refWeek(d);
      const refM = refMonth(d);
      if (week.start !== ref.start || week.end !== ref.end) expect(week).toEqual(ref);
      if (month.start !== refM.start || month.end !== refM.end) expect(month).toEqual(refM);
      const w = isoWeek(d);
      const r = refIsoWeek(d);
      if (w.year !== r.year || w.week !== r.week) expect({ d, ...w }).toEqual({ d, ...r });
    }
  });

  test('periods between two dates: every overlapping one, oldest first, bounded', () => {
    expect(periodsBetween('2024-05-01', '2024-07-31', 'month').map((p) => p.start)).toEqual([
      '2024-05-01',
      '2024-06-01',
      '2024-07-01',
    ]);
    // 5月1日 (Wednesday) to 5月13日 (Monday) touches three weeks, the first and last partly.
    expect(periodsBetween('2024-05-01', '2024-05-13', 'week')).toEqual([
      { start: '2024-04-29', end: '2024-05-05' },
      { start: '2024-05-06', end: '2024-05-12' },
      { start: '2024-05-13', end: '2024-05-19' },
    ]);
    expect(periodsBetween('2024-05-01', '2024-05-01', 'day')).toHaveLength(1);
    expect(periodsBetween('2024-05-02', '2024-05-01', 'day')).toEqual([]);
    expect(periodsBetween('2024-01-01', '2024-12-31', 'day')).toHaveLength(366);
    expect(periodsBetween('2020-01-01', '2030-12-31', 'day')).toHaveLength(MAX_PERIODS);
    expect(periodsBetween('2020-01-01', '2020-12-31', 'week')).toHaveLength(53);
  });
});

describe('time-zone independence', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  // Everything dated a computation touches, under one zone.
  const snapshot = () =>
    datesFrom('2024-01-01', '2025-01-10').map((d) => [
      periodOf(d, 'week'),
      periodOf(d, 'month'),
      isoWeek(d),
      proRatedTargetC(
        {
          baselineC: null,
          targetC: 10_000_000,
          startDate: null,
          targetDate: '2024-07-31',
          aggregation: 'sum',
        },
        '2024-05-01',
        d,
      ),
      plannedProgressAt([{ id: 'a', parentId: null, start: '2024-03-10', end: '2024-11-03' }], d),
      dueCheckins({ start: '2024-03-01', end: '2024-12-31', trackingCycle: 'week' }, ['2024-03-31'], d).missed
        .length,
    ]);

  test('the same inputs give the same answers in Shanghai, Los Angeles and at the date line', () => {
    process.env.TZ = 'UTC';
    const utc = snapshot();
    for (const zone of ['Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      process.env.TZ = zone;
      // Node applies TZ set at run time; make sure it did, or this test would prove nothing.
      expect(new Date(2024, 0, 1).getTimezoneOffset(), zone).not.toBe(0);
      expect(snapshot(), zone).toEqual(utc);
    }
  });
});

describe('numbers', () => {
  test('rounding half away from zero, without −0', () => {
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(roundHalfAwayFromZero(2.4)).toBe(2);
    expect(Object.is(roundHalfAwayFromZero(-0.4), 0)).toBe(true);
  });
});

type ProRate = Parameters<typeof proRatedTargetC>[0];
const SALES: ProRate = {
  // 3个月内销量10万台: 10,000,000 hundredths, cumulative, pursued over the project's 5月1日–7月31日.
  baselineC: null,
  targetC: 10_000_000,
  startDate: null,
  targetDate: '2024-07-31',
  aggregation: 'sum',
};

describe('pro-rated target', () => {
  test('a cumulative target ramps from 0 over the period, days counted inclusively', () => {
    expect(proRatedTargetC(SALES, '2024-05-01', '2024-04-30')).toBe(0); // before the start: the baseline
    expect(proRatedTargetC(SALES, '2024-05-01', '2023-01-01')).toBe(0);
    expect(proRatedTargetC(SALES, '2024-05-01', '2024-05-01')).toBe(108_696); // 1/92, rounded
    expect(proRatedTargetC(SALES, '2024-05-01', '2024-06-15')).toBe(5_000_000); // day 46 of 92
    expect(proRatedTargetC(SALES, '2024-05-01', '2024-07-30')).toBe(9_891_304);
    expect(proRatedTargetC(SALES, '2024-05-01', '2024-07-31')).toBe(10_000_000); // at the target date
    expect(proRatedTargetC(SALES, '2024-05-01', '2024-09-01')).toBe(10_000_000); // after it
  });

  test("the metric's own start wins over the project's; a baseline shifts the ramp", () => {
    const m = { ...SALES, startDate: '2024-07-01', baselineC: 4_000_000 };
    expect(proRatedTargetC(m, '2024-05-01', '2024-06-15')).toBe(4_000_000);
    // Day 16 of 31: 4,000,000 + 6,000,000 × 16/31 = 7,096,774.19…
    expect(proRatedTargetC(m, '2024-05-01', '2024-07-16')).toBe(7_096_774);
    expect(proRatedTargetC(m, null, '2024-07-16')).toBe(7_096_774);
  });

  test('a rate without a baseline has no ramp; with one it ramps', () => {
    const rate: ProRate = { ...SALES, aggregation: 'last', targetC: 500 };
    expect(effectiveBaselineC(rate)).toBe(500);
    expect(proRatedTargetC(rate, '2024-05-01', '2024-04-01')).toBe(500);
    expect(proRatedTargetC(rate, '2024-05-01', '2024-05-20')).toBe(500);
    expect(proRatedTargetC({ ...rate, aggregation: 'average' }, '2024-05-01', '2024-05-20')).toBe(500);
    const ramped = { ...rate, baselineC: 200 };
    expect(proRatedTargetC(ramped, '2024-05-01', '2024-04-30')).toBe(200);
    expect(proRatedTargetC(ramped, '2024-05-01', '2024-06-15')).toBe(350);
  });

  test('null without a target or without dates', () => {
    expect(proRatedTargetC({ ...SALES, targetC: null }, '2024-05-01', '2024-06-01')).toBeNull();
    expect(proRatedTargetC({ ...SALES, targetDate: null }, '2024-05-01', '2024-06-01')).toBeNull();
    expect(proRatedTargetC(SALES, null, '2024-06-01')).toBeNull();
  });

  test('rounds half away from zero, also on a falling (lower-is-better) ramp', () => {
    const twoDays = { ...SALES, targetDate: '2024-05-02', targetC: 1 };
    expect(proRatedTargetC(twoDays, '2024-05-01', '2024-05-01')).toBe(1); // 0.5 → 1
    expect(proRatedTargetC({ ...twoDays, targetC: -1 }, '2024-05-01', '2024-05-01')).toBe(-1); // −0.5 → −1
    // 获客成本 from ¥80 down to ¥50 over 4 days: 72.5 → 73 on day 1 (rounded up, away from zero).
    const cost = {
      ...SALES,
      aggregation: 'last' as const,
      baselineC: 8000,
      targetC: 5000,
      targetDate: '2024-05-04',
    };
    expect(proRatedTargetC(cost, '2024-05-01', '2024-05-01')).toBe(7250);
    expect(proRatedTargetC(cost, '2024-05-01', '2024-05-03')).toBe(5750);
  });

  test('a target date before the start counts as passed', () => {
    const odd = { ...SALES, startDate: '2024-08-01' };
    expect(proRatedTargetC(odd, null, '2024-07-31')).toBe(10_000_000);
    expect(proRatedTargetC(odd, null, '2024-07-30')).toBe(0);
  });

  test('property: an integer between baseline and target, never falling back as days pass', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: -1e12, max: 1e12 }),
        isoDateArb,
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: -50, max: 900 }),
        (baselineC, targetC, start, length, offset) => {
          const m: ProRate = {
            baselineC,
            targetC,
            startDate: start,
            targetDate: addDays(start, length),
            aggregation: 'sum',
          };
          const today = addDays(start, offset);
          const v = proRatedTargetC(m, null, today)!;
          const w = proRatedTargetC(m, null, addDays(today, 1))!;
          expect(Number.isSafeInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(Math.min(baselineC, targetC));
          expect(v).toBeLessThanOrEqual(Math.max(baselineC, targetC));
          if (targetC >= baselineC) expect(w).toBeGreaterThanOrEqual(v);
          else expect(w).toBeLessThanOrEqual(v);
        },
      ),
    );
  });
});

const actual = (periodStart: string, valueC: number) => ({ periodStart, valueC });

describe('current value', () => {
  const weeks = [actual('2024-05-13', 300), actual('2024-04-29', 100), actual('2024-05-06', 200)];

  test('sum, last (by period, not by list order) and average', () => {
    expect(currentValueC({ aggregation: 'sum' }, weeks)).toBe(600);
    expect(currentValueC({ aggregation: 'last' }, weeks)).toBe(300);
    expect(currentValueC({ aggregation: 'average' }, weeks)).toBe(200);
  });

  test('null without records; periods starting after today are ignored', () => {
    expect(currentValueC({ aggregation: 'sum' }, [])).toBeNull();
    expect(currentValueC({ aggregation: 'sum' }, weeks, '2024-05-12')).toBe(300);
    expect(currentValueC({ aggregation: 'last' }, weeks, '2024-05-12')).toBe(200);
    expect(currentValueC({ aggregation: 'last' }, weeks, '2024-05-13')).toBe(300); // starts today: counted
    expect(currentValueC({ aggregation: 'average' }, weeks, '2024-04-01')).toBeNull();
  });

  test('the average is an integer, rounded half away from zero; two records of one period: the later', () => {
    expect(
      currentValueC({ aggregation: 'average' }, [actual('2024-05-01', 1), actual('2024-05-02', 2)]),
    ).toBe(2);
    expect(
      currentValueC({ aggregation: 'average' }, [actual('2024-05-01', -1), actual('2024-05-02', -2)]),
    ).toBe(-2);
    expect(currentValueC({ aggregation: 'last' }, [actual('2024-05-01', 1), actual('2024-05-01', 7)])).toBe(
      7,
    );
  });

  test('sums stay exact beyond 2^53 hundredths', () => {
    const big = [actual('2024-05-01', 1e15), actual('2024-05-02', 1e15), actual('2024-05-03', 1)];
    expect(currentValueC({ aggregation: 'average' }, big)).toBe(666_666_666_666_667);
  });
});

describe('variance', () => {
  test('higher is better: positive when ahead', () => {
    expect(variance({ direction: 'higher' }, 4_000_000, 10_000_000)).toEqual({ diffC: -6_000_000, pct: -60 });
    expect(variance({ direction: 'higher' }, 550, 500)).toEqual({ diffC: 50, pct: 10 });
  });

  test('lower is better: the pct is flipped, the diff is not', () => {
    // 获客成本 ¥54 against ¥50: ¥4 more, 8% worse.
    expect(variance({ direction: 'lower' }, 5400, 5000)).toEqual({ diffC: 400, pct: -8 });
    expect(variance({ direction: 'lower' }, 4500, 5000)).toEqual({ diffC: -500, pct: 10 });
    expect(Object.is(variance({ direction: 'lower' }, 5000, 5000)!.pct, 0)).toBe(true); // not −0
  });

  test('a reference of 0 has no pct; a negative reference is measured by its size', () => {
    expect(variance({ direction: 'higher' }, 300, 0)).toEqual({ diffC: 300, pct: null });
    expect(variance({ direction: 'higher' }, -50, -100)).toEqual({ diffC: 50, pct: 50 });
  });

  test('null when either side is missing', () => {
    expect(variance({ direction: 'higher' }, null, 100)).toBeNull();
    expect(variance({ direction: 'higher' }, 100, null)).toBeNull();
  });
});

describe('metric status', () => {
  const higher = { targetC: 500, direction: 'higher' as const };
  const status = (
    m: Pick<Metric, 'targetC' | 'direction'>,
    a: number | null,
    p: number | null,
    start = '2024-05-01',
  ) => metricStatus(m, a, p, '2024-06-01', start, 10);

  test('the demo: 转化率 target 5%, actual 3% is behind', () => {
    expect(status(higher, 300, 500)).toBe('behind');
    expect(achievementPct('higher', 300, 500)).toBe(60);
  });

  test('on track at 100%, at risk within the threshold (inclusive), behind below it', () => {
    expect(status(higher, 500, 500)).toBe('on_track');
    expect(status(higher, 800, 500)).toBe('on_track');
    expect(status(higher, 499, 500)).toBe('at_risk');
    expect(status(higher, 450, 500)).toBe('at_risk'); // exactly 90%
    expect(status(higher, 449, 500)).toBe('behind');
    expect(metricStatus(higher, 300, 500, '2024-06-01', null, 40)).toBe('at_risk'); // a wider band
  });

  test('judged against the pro-rated target, or the final one when there are no dates', () => {
    const sales = { targetC: 10_000_000, direction: 'higher' as const };
    expect(status(sales, 4_000_000, 4_000_000)).toBe('on_track');
    expect(status(sales, 4_000_000, null)).toBe('behind');
  });

  test('no target, not started, no data — in that order', () => {
    expect(status({ targetC: null, direction: 'higher' }, 300, null)).toBe('no_target');
    expect(status(higher, 300, 500, '2024-06-02')).toBe('not_started');
    expect(status(higher, null, 500, '2024-06-02')).toBe('not_started');
    expect(status(higher, null, 500)).toBe('no_data');
    expect(status(higher, 300, 500, '2024-06-01')).toBe('behind'); // starts today: started
  });

  test('lower is better (获客成本 target ¥50)', () => {
    const cost = { targetC: 5000, direction: 'lower' as const };
    expect(status(cost, 4000, 5000)).toBe('on_track');
    expect(status(cost, 5000, 5000)).toBe('on_track');
    expect(achievementPct('lower', 5400, 5000)).toBeCloseTo(92.59, 2);
    expect(status(cost, 5400, 5000)).toBe('at_risk');
    expect(status(cost, 7000, 5000)).toBe('behind');
  });

  test('zeros: a cost of 0 is perfect; anything above a zero cap is behind; 0 of a positive goal is behind', () => {
    const cost = { targetC: 5000, direction: 'lower' as const };
    expect(status(cost, 0, 5000)).toBe('on_track');
    expect(achievementPct('lower', 0, 5000)).toBe(200);
    expect(status({ ...cost, targetC: 0 }, 0, 0)).toBe('on_track');
    expect(status({ ...cost, targetC: 0 }, 1, 0)).toBe('behind');
    expect(achievementPct('lower', 1, 0)).toBe(0);
    expect(status(higher, 0, 500)).toBe('behind');
    expect(status(higher, 0, 0)).toBe('on_track'); // the first day of a ramp from 0
    expect(status(higher, -5, 0)).toBe('behind');
    expect(achievementPct('higher', -5, 0)).toBeNull();
  });

  test('negative references (a loss-making ROI target) compare by the relative gap', () => {
    const r = { targetC: -1000, direction: 'higher' as const };
    expect(status(r, -500, -1000)).toBe('on_track');
    expect(achievementPct('higher', -1050, -1000)).toBe(95);
    expect(status(r, -1050, -1000)).toBe('at_risk');
    expect(status(r, -2000, -1000)).toBe('behind');
  });

  test('property: status agrees with achievement ≥ 100 ⇔ on track', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('higher' as const, 'lower' as const),
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        (direction, ref, act) => {
          const s = metricStatus({ targetC: ref, direction }, act, ref, '2024-06-01', null, 10);
          const a = achievementPct(direction, act, ref)!;
          expect(s === 'on_track').toBe(a >= 100);
          if (s === 'at_risk') expect(a).toBeGreaterThanOrEqual(90);
          if (s === 'behind') expect(a).toBeLessThan(90);
        },
      ),
    );
  });
});

describe('funnel', () => {
  // Planned: 200万 exposure → 10万 reads (5%) → 5,000 leads (5%) → 500 deals (10%).
  const planned = { exposure: 2e8, reads: 1e7, leads: 5e5, deals: 5e4 };

  test('sorted by stage, with actual and planned conversion from the stage before', () => {
    const out = funnelStages(
      [
        { metricId: 'deals', stage: 4, actualC: 4e4, targetC: planned.deals },
        { metricId: 'exposure', stage: 1, actualC: 2e8, targetC: planned.exposure },
        { metricId: 'leads', stage: 3, actualC: 4e5, targetC: planned.leads },
        { metricId: 'reads', stage: 2, actualC: 8e6, targetC: planned.reads },
      ],
      10,
    );
    expect(out.map((s) => s.metricId)).toEqual(['exposure', 'reads', 'leads', 'deals']);
    expect(out[0]).toMatchObject({ rate: null, targetRate: null, gapStartsHere: false });
    expect(out[1]).toMatchObject({ rate: 4, targetRate: 5, gapStartsHere: true }); // 20% short: the leak
    expect(out[2]).toMatchObject({ rate: 5, targetRate: 5, gapStartsHere: false });
    expect(out[3]).toMatchObject({ rate: 10, targetRate: 10, gapStartsHere: false });
  });

  test('only counts make a rate: 销售额 (元) after 曝光量 (次) gets none, and says why (issue 14, item 2)', () => {
    // The owner's funnel: 曝光量 2300万次 then 销售额 ¥2,000万 — "87%" would be 元 ÷ 次.
    const out = funnelStages(
      [
        { metricId: 'exposure', stage: 1, actualC: 2_300_000_000, targetC: 5_000_000_000, kind: 'count' },
        { metricId: 'revenue', stage: 2, actualC: 2_000_000_000, targetC: 5_000_000_000, kind: 'money' },
        { metricId: 'deals', stage: 3, actualC: 100_000, targetC: 200_000, kind: 'count' },
      ],
      10,
    );
    expect(out.map((s) => [s.rate, s.targetRate, s.unlikeUnits])).toEqual([
      [null, null, false],
      [null, null, true],
      [null, null, true],
    ]);
    expect(out.some((s) => s.gapStartsHere)).toBe(false);
    // Two counts in a row still convert: 10万 reads of 200万 exposure = 5%.
    const counts = funnelStages(
      [
        { metricId: 'exposure', stage: 1, actualC: 2e8, targetC: 2e8, kind: 'count' },
        { metricId: 'reads', stage: 2, actualC: 1e7, targetC: 1e7, kind: 'count' },
      ],
      10,
    );
    expect(counts[1]).toMatchObject({ rate: 5, unlikeUnits: false });
  });

  test('a shortfall within the threshold is not a gap; only the first real one is marked', () => {
    const out = funnelStages(
      [
        { metricId: 'a', stage: 1, actualC: 1000, targetC: 1000 },
        { metricId: 'b', stage: 2, actualC: 95, targetC: 100 }, // 5% short
        { metricId: 'c', stage: 3, actualC: 5, targetC: 10 }, // 10% planned, 5.26% actual
        { metricId: 'd', stage: 4, actualC: 1, targetC: 5 }, // short too, but after the first gap
      ],
      10,
    );
    expect(out.map((s) => s.gapStartsHere)).toEqual([false, false, true, false]);
  });

  test('a missing stage value leaves two rates unknown and the search carries on', () => {
    const out = funnelStages(
      [
        { metricId: 'a', stage: 1, actualC: 1000, targetC: 1000 },
        { metricId: 'b', stage: 2, actualC: null, targetC: 100 },
        { metricId: 'c', stage: 3, actualC: 10, targetC: 10 },
        { metricId: 'd', stage: 5, actualC: 1, targetC: 5 },
      ],
      10,
    );
    expect(out.map((s) => s.rate)).toEqual([null, null, null, 10]);
    expect(out.map((s) => s.targetRate)).toEqual([null, 10, 10, 50]);
    expect(out.map((s) => s.gapStartsHere)).toEqual([false, false, false, true]);
  });

  test('a zero previous stage or a missing target has no rate; empty in, empty out', () => {
    const out = funnelStages(
      [
        { metricId: 'a', stage: 1, actualC: 0, targetC: null },
        { metricId: 'b', stage: 2, actualC: 5, targetC: 100 },
      ],
      10,
    );
    expect(out[1]).toMatchObject({ rate: null, targetRate: null, gapStartsHere: false });
    expect(funnelStages([], 10)).toEqual([]);
  });
});

describe('ROI', () => {
  test('(revenue − cost) / cost as a ratio', () => {
    expect(roi(135_000_00, 100_000_00)).toBeCloseTo(0.35, 10);
    expect(roi(50_00, 100_00)).toBe(-0.5);
    expect(roi(0, 100)).toBe(-1);
  });

  test('null when cost is 0 or a side is missing', () => {
    expect(roi(100, 0)).toBeNull();
    expect(roi(null, 100)).toBeNull();
    expect(roi(100, null)).toBeNull();
  });
});

describe('SMART check', () => {
  const salesGoal = {
    goalLinked: true,
    targetC: 10_000_000,
    baselineC: 0,
    targetDate: '2024-07-31',
    moduleId: null,
    taskId: null,
  };
  const demo = {
    goal: '3个月内销量10万台,品牌声量提升40%',
    projectStart: '2024-05-01',
    projectEnd: '2024-07-31',
    modules: 2,
    metrics: [salesGoal],
  };

  test('the demo plan is SMART', () => {
    expect(smartCheck(demo)).toEqual({ missing: [] });
  });

  test('S: a goal of at least 6 characters, spaces trimmed, Chinese counted per character', () => {
    expect(smartCheck({ ...demo, goal: '提升销量' }).missing).toEqual(['S']);
    expect(smartCheck({ ...demo, goal: '  销量10万  ' }).missing).toEqual(['S']);
    expect(smartCheck({ ...demo, goal: '销量10万台' }).missing).toEqual([]);
  });

  test('M: a goal-linked metric with a target; without it A, R and T cannot be judged', () => {
    expect(smartCheck({ ...demo, metrics: [] }).missing).toEqual(['M', 'A', 'R', 'T']);
    expect(smartCheck({ ...demo, metrics: [{ ...salesGoal, goalLinked: false }] }).missing).toEqual([
      'M',
      'A',
      'R',
      'T',
    ]);
    expect(smartCheck({ ...demo, metrics: [{ ...salesGoal, targetC: null }] }).missing).toEqual([
      'M',
      'A',
      'R',
      'T',
    ]);
  });

  test('A: an entered baseline that differs from the target', () => {
    expect(smartCheck({ ...demo, metrics: [{ ...salesGoal, baselineC: null }] }).missing).toEqual(['A']);
    expect(smartCheck({ ...demo, metrics: [{ ...salesGoal, baselineC: 10_000_000 }] }).missing).toEqual([
      'A',
    ]);
  });

  test("R: the strategy's or a module's metric, and at least one module", () => {
    const moduleMetric = { ...salesGoal, moduleId: 'm1' };
    expect(smartCheck({ ...demo, metrics: [moduleMetric] }).missing).toEqual([]);
    expect(smartCheck({ ...demo, metrics: [{ ...moduleMetric, taskId: 't1' }] }).missing).toEqual(['R']);
    expect(smartCheck({ ...demo, modules: 0 }).missing).toEqual(['R']);
  });

  test('T: the target date inside the project period, both ends included', () => {
    expect(smartCheck({ ...demo, metrics: [{ ...salesGoal, targetDate: '2024-08-01' }] }).missing).toEqual([
      'T',
    ]);
    expect(smartCheck({ ...demo, metrics: [{ ...salesGoal, targetDate: '2024-05-01' }] }).missing).toEqual(
      [],
    );
    expect(smartCheck({ ...demo, metrics: [{ ...salesGoal, targetDate: null }] }).missing).toEqual(['T']);
    expect(smartCheck({ ...demo, projectEnd: null }).missing).toEqual(['T']);
  });

  test('each letter may be satisfied by a different measured metric', () => {
    const a = { ...salesGoal, baselineC: null, targetDate: null };
    const b = { ...salesGoal, taskId: 't1', baselineC: 5, targetDate: '2024-06-30' };
    expect(smartCheck({ ...demo, metrics: [a, b] }).missing).toEqual([]);
    expect(smartCheck({ ...demo, goal: '', metrics: [b], modules: 0 }).missing).toEqual(['S', 'R']);
  });
});

const leaf = (id: string, start: string | null, end: string | null, parentId: string | null = null) => ({
  id,
  parentId,
  start,
  end,
});

describe('planned progress and time elapsed', () => {
  test('one task: linear over its days, inclusive of the first and last', () => {
    const tasks = [leaf('a', '2024-05-01', '2024-05-10')];
    expect(plannedProgressAt(tasks, '2024-04-30')).toBe(0);
    expect(plannedProgressAt(tasks, '2024-05-01')).toBe(10);
    expect(plannedProgressAt(tasks, '2024-05-05')).toBe(50);
    expect(plannedProgressAt(tasks, '2024-05-10')).toBe(100);
    expect(plannedProgressAt(tasks, '2024-06-10')).toBe(100);
  });

  test('leaves weighted by duration; parents and undated tasks left out; one date is one day', () => {
    const tasks = [
      leaf('p', '2024-05-01', '2024-05-30'), // a parent: its children speak for it
      leaf('a', '2024-05-01', '2024-05-10', 'p'), // 10 days
      leaf('b', '2024-05-11', '2024-05-30', 'p'), // 20 days
      leaf('c', null, null), // no place in time
      leaf('d', null, '2024-05-20'), // one day, on 5月20日
    ];
    expect(plannedProgressAt(tasks, '2024-05-10')).toBeCloseTo((10 / 31) * 100, 10);
    expect(plannedProgressAt(tasks, '2024-05-20')).toBeCloseTo(((10 + 10 + 1) / 31) * 100, 10);
    expect(plannedProgressAt(tasks, '2024-05-30')).toBe(100);
    expect(plannedProgressAt([], '2024-05-30')).toBe(0);
    expect(plannedProgressAt([leaf('c', null, null)], '2024-05-30')).toBe(0);
  });

  test('an end before the start counts as one day, never a negative weight', () => {
    expect(plannedProgressAt([leaf('x', '2024-05-10', '2024-05-01')], '2024-05-09')).toBe(0);
    expect(plannedProgressAt([leaf('x', '2024-05-10', '2024-05-01')], '2024-05-10')).toBe(100);
  });

  test('property: 0..100 and never falling as days pass', () => {
    const taskArb = fc
      .tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 60 }), fc.boolean())
      .map(([offset, length, dated]) => ({
        start: dated ? addDays('2024-05-01', offset) : null,
        end: addDays('2024-05-01', offset + length),
      }));
    fc.assert(
      fc.property(fc.array(taskArb, { maxLength: 12 }), fc.integer({ min: -10, max: 200 }), (specs, day) => {
        const tasks = specs.map((s, i) => leaf(`t${i}`, s.start, s.end));
        const date = addDays('2024-05-01', day);
        const v = plannedProgressAt(tasks, date);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(100);
        expect(plannedProgressAt(tasks, addDays(date, 1))).toBeGreaterThanOrEqual(v);
      }),
    );
  });

  test('time elapsed of a period', () => {
    expect(timeElapsedPct('2024-05-01', '2024-05-10', '2024-04-01')).toBe(0);
    expect(timeElapsedPct('2024-05-01', '2024-05-10', '2024-05-01')).toBe(10);
    expect(timeElapsedPct('2024-05-01', '2024-05-10', '2024-05-10')).toBe(100);
    expect(timeElapsedPct('2024-05-01', '2024-05-10', '2025-01-01')).toBe(100);
    expect(timeElapsedPct('2024-05-01', '2024-07-31', '2024-06-15')).toBe(50);
    expect(timeElapsedPct(null, '2024-05-10', '2024-05-05')).toBeNull();
    expect(timeElapsedPct('2024-05-01', null, '2024-05-05')).toBeNull();
  });
});

describe('due check-ins', () => {
  const weekly = { start: '2024-05-01', end: '2024-06-30', trackingCycle: 'week' as const };

  test('one per finished week from the week of the start; the current week is not yet due', () => {
    // Today is Wednesday 5月15日: weeks of 4/29 and 5/6 are due, the week of 5/13 is still open.
    expect(dueCheckins(weekly, [], '2024-05-15').missed).toEqual([
      { periodStart: '2024-04-29', periodEnd: '2024-05-05' },
      { periodStart: '2024-05-06', periodEnd: '2024-05-12' },
    ]);
    expect(dueCheckins(weekly, ['2024-05-03', '2024-05-12'], '2024-05-15').missed).toEqual([]);
    expect(dueCheckins(weekly, ['2024-05-13'], '2024-05-15').missed).toHaveLength(2); // this week's
    expect(dueCheckins(weekly, [], '2024-05-05').missed).toEqual([]); // still in the first week
    expect(dueCheckins(weekly, [], '2024-05-06').missed).toHaveLength(1); // Monday: last week closed
  });

  test('nothing after the period of its end', () => {
    const missed = dueCheckins(weekly, [], '2024-09-01').missed;
    expect(missed[0]?.periodStart).toBe('2024-04-29');
    expect(missed.at(-1)).toEqual({ periodStart: '2024-06-24', periodEnd: '2024-06-30' });
    expect(missed).toHaveLength(9);
    const endsMidWeek = { ...weekly, end: '2024-05-08' };
    expect(dueCheckins(endsMidWeek, [], '2024-09-01').missed.map((p) => p.periodStart)).toEqual([
      '2024-04-29',
      '2024-05-06',
    ]);
  });

  test('daily and monthly cycles, month ends and the leap day', () => {
    const daily = { start: '2024-02-27', end: '2024-03-02', trackingCycle: 'day' as const };
    expect(dueCheckins(daily, ['2024-02-28'], '2024-03-01').missed.map((p) => p.periodStart)).toEqual([
      '2024-02-27',
      '2024-02-29',
    ]);
    const monthly = { start: '2024-01-15', end: null, trackingCycle: 'month' as const };
    expect(dueCheckins(monthly, ['2024-02-29'], '2024-04-10').missed).toEqual([
      { periodStart: '2024-01-01', periodEnd: '2024-01-31' },
      { periodStart: '2024-03-01', periodEnd: '2024-03-31' },
    ]);
  });

  test('nothing due without a cycle, without a start, or before the start', () => {
    expect(dueCheckins({ ...weekly, trackingCycle: null }, [], '2024-09-01').missed).toEqual([]);
    expect(dueCheckins({ ...weekly, start: null }, [], '2024-09-01').missed).toEqual([]);
    expect(dueCheckins(weekly, [], '2024-03-01').missed).toEqual([]);
  });
});

// ---- Attention ----

const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const PROJECT = uuid(1);

const makeMetric = (
  n: number,
  over: Partial<Metric>,
  actuals: [string, number][] = [],
): Metric & { actuals: Actual[] } => {
  const id = uuid(100 + n);
  return {
    id,
    projectId: PROJECT,
    moduleId: null,
    taskId: null,
    name: `metric ${n}`,
    preset: null,
    unit: '',
    kind: 'count',
    direction: 'higher',
    aggregation: 'sum',
    baselineC: null,
    targetC: null,
    startDate: null,
    targetDate: null,
    cycle: 'week',
    funnelStage: null,
    goalLinked: false,
    position: n,
    ...over,
    actuals: actuals.map(([periodStart, valueC], i) => ({
      id: uuid(1000 + n * 10 + i),
      metricId: id,
      periodStart,
      periodEnd: addDays(periodStart, 6),
      valueC,
      source: '',
      note: '',
    })),
  };
};

const makeTask = (
  n: number,
  over: Partial<Task> & { trackingCycle?: Cycle | null; checkinDates?: string[] } = {},
): AttentionInput['tasks'][number] => ({
  ...blankTask(uuid(200 + n), `M${String(n).padStart(3, '0')}`, {
    projectId: PROJECT,
    name: `task ${n}`,
    position: n,
    updatedAt: '2024-05-01T00:00:00.000Z',
  }),
  trackingCycle: null,
  checkinDates: [],
  ...over,
});

const base = (over: Partial<AttentionInput>): AttentionInput => ({
  today: '2024-06-15',
  thresholdPct: 10,
  projectStart: '2024-05-01',
  metrics: [],
  tasks: [],
  modules: [],
  ...over,
});

describe('attention items', () => {
  test("the template's 转化率: target 5%, actual 3%, no ramp → metric behind, critical", () => {
    const conversion = makeMetric(
      1,
      {
        name: '转化率',
        preset: 'conversion_rate',
        unit: '%',
        kind: 'percent',
        aggregation: 'last',
        baselineC: 500,
        targetC: 500,
        targetDate: '2024-07-31',
      },
      [
        ['2024-05-27', 350],
        ['2024-06-03', 300],
      ],
    );
    expect(attentionItems(base({ metrics: [conversion] }))).toEqual([
      {
        key: `metric_behind:${conversion.id}`,
        kind: 'metric_behind',
        severity: 'critical',
        target: { tab: 'metrics', rowId: conversion.id },
        params: { name: '转化率', targetC: 500, proRatedC: 500, actualC: 300, kind: 'percent', unit: '%' },
      },
    ]);
  });

  test('销量 judged against the pro-rated target: at risk is a warning, on track is silent', () => {
    const sales = (valueC: number) =>
      makeMetric(2, { name: '销量', unit: '台', targetC: 10_000_000, targetDate: '2024-07-31' }, [
        ['2024-05-01', valueC],
      ]);
    // 6月15日 is day 46 of 92: 5万台 expected.
    const [item] = attentionItems(base({ metrics: [sales(4_600_000)] }));
    expect(item).toMatchObject({
      severity: 'warning',
      params: { proRatedC: 5_000_000, actualC: 4_600_000, targetC: 10_000_000 },
    });
    expect(attentionItems(base({ metrics: [sales(5_000_000)] }))).toEqual([]);
    expect(attentionItems(base({ metrics: [sales(4_000_000)] }))[0]?.severity).toBe('critical');
  });

  test('metrics not started, without data or without target raise nothing; future values are ignored', () => {
    const metrics = [
      makeMetric(3, { targetC: 500, startDate: '2024-07-01', targetDate: '2024-07-31' }, [['2024-06-10', 0]]),
      makeMetric(4, { targetC: 500, targetDate: '2024-07-31' }),
      makeMetric(5, {}, [['2024-06-10', 0]]),
      makeMetric(6, { targetC: 500, aggregation: 'last', targetDate: '2024-07-31' }, [
        ['2024-06-10', 600],
        ['2024-06-17', 0], // keyed in ahead of time
      ]),
    ];
    expect(attentionItems(base({ metrics }))).toEqual([]);
  });

  test('a lower-is-better metric over its target', () => {
    const cac = makeMetric(
      7,
      { name: '获客成本', kind: 'money', direction: 'lower', aggregation: 'last', targetC: 5000 },
      [['2024-06-10', 7000]],
    );
    expect(attentionItems(base({ metrics: [cac] }))[0]).toMatchObject({
      kind: 'metric_behind',
      severity: 'critical',
      params: { targetC: 5000, proRatedC: 5000, actualC: 7000, kind: 'money' },
    });
  });

  test('tasks: overdue (critical) and lagging (warning)', () => {
    const overdue = makeTask(1, { start: '2024-05-01', end: '2024-06-10', progress: 80 });
    const lagging = makeTask(2, { start: '2024-06-01', end: '2024-06-30', progress: 20 }); // 50% elapsed
    const fine = makeTask(3, { start: '2024-06-01', end: '2024-06-30', progress: 41 }); // 9 points behind
    const done = makeTask(4, { start: '2024-05-01', end: '2024-06-10', progress: 100 });
    const future = makeTask(5, { start: '2024-07-01', end: '2024-07-30' });
    const undated = makeTask(6, {});
    const items = attentionItems(base({ tasks: [overdue, lagging, fine, done, future, undated] }));
    expect(items).toEqual([
      {
        key: `task_overdue:${overdue.id}`,
        kind: 'task_overdue',
        severity: 'critical',
        target: { tab: 'tasks', rowId: overdue.id },
        params: { code: 'M001', name: 'task 1', daysOverdue: 5, end: '2024-06-10' },
      },
      {
        key: `task_lagging:${lagging.id}`,
        kind: 'task_lagging',
        severity: 'warning',
        target: { tab: 'tasks', rowId: lagging.id },
        params: { code: 'M002', name: 'task 2', progress: 20, elapsed: 50 },
      },
    ]);
  });

  test('a blocked task past its end is not overdue (deriveTaskStatus) but shows as lagging', () => {
    const blocked = makeTask(1, { start: '2024-05-01', end: '2024-06-10', progress: 30, blocked: true });
    expect(attentionItems(base({ tasks: [blocked] })).map((i) => i.kind)).toEqual(['task_lagging']);
  });

  test('a parent task is judged on its rolled-up progress', () => {
    const parent = makeTask(1, { start: '2024-06-01', end: '2024-06-30', progress: 0 });
    const child = makeTask(2, { start: '2024-06-01', end: '2024-06-30', progress: 60, parentId: parent.id });
    expect(attentionItems(base({ tasks: [parent, child] }))).toEqual([]);
    const doneChild = { ...child, progress: 100, end: '2024-06-10' };
    const overdueParent = { ...parent, end: '2024-06-10' };
    expect(attentionItems(base({ tasks: [overdueParent, doneChild] }))).toEqual([]);
  });

  test('modules over budget: critical beyond the threshold, warning within it', () => {
    const items = attentionItems(
      base({
        modules: [
          { id: uuid(301), name: '线下地推活动', plannedFen: 10_000_000, spentFen: 12_500_000 },
          { id: uuid(302), name: '社交媒体推广', plannedFen: 10_000_000, spentFen: 10_500_000 },
          { id: uuid(303), name: 'on budget', plannedFen: 10_000_000, spentFen: 10_000_000 },
          { id: uuid(304), name: 'no budget', plannedFen: 0, spentFen: 500 },
        ],
      }),
    );
    expect(items).toEqual([
      {
        key: `module_over_budget:${uuid(301)}`,
        kind: 'module_over_budget',
        severity: 'critical',
        target: { tab: 'tracking', rowId: uuid(301) },
        params: { name: '线下地推活动', plannedFen: 10_000_000, spentFen: 12_500_000, overPct: 25 },
      },
      {
        key: `module_over_budget:${uuid(302)}`,
        kind: 'module_over_budget',
        severity: 'warning',
        target: { tab: 'tracking', rowId: uuid(302) },
        params: { name: '社交媒体推广', plannedFen: 10_000_000, spentFen: 10_500_000, overPct: 5 },
      },
    ]);
  });

  test('missed check-ins, one item per period; none for a task already done', () => {
    const weekly = makeTask(1, {
      start: '2024-06-03',
      end: '2024-06-30',
      progress: 50,
      trackingCycle: 'week',
      checkinDates: ['2024-06-04'],
    });
    // Saturday 6月15日: only the week of 6/3 has closed, and it has a check-in.
    expect(attentionItems(base({ tasks: [weekly] }))).toEqual([]);
    // Monday 6月17日: the week of 6/10 has closed without one.
    expect(attentionItems(base({ tasks: [weekly], today: '2024-06-17' }))).toEqual([
      {
        key: `checkin_missed:${weekly.id}:2024-06-10`,
        kind: 'checkin_missed',
        severity: 'warning',
        target: { tab: 'tasks', rowId: weekly.id },
        params: { code: 'M001', name: 'task 1', periodStart: '2024-06-10', periodEnd: '2024-06-16' },
      },
    ]);
    expect(attentionItems(base({ tasks: [{ ...weekly, progress: 100 }], today: '2024-07-15' }))).toEqual([]);
  });

  test('sorted: critical first, then kind, then key; keys are unique and stable', () => {
    const input = base({
      metrics: [
        makeMetric(9, { targetC: 500, aggregation: 'last' }, [['2024-06-10', 300]]), // critical
        makeMetric(8, { targetC: 500, aggregation: 'last' }, [['2024-06-10', 460]]), // warning
      ],
      tasks: [
        makeTask(2, { start: '2024-05-01', end: '2024-06-01' }),
        makeTask(1, { start: '2024-05-01', end: '2024-06-02' }),
        makeTask(3, { start: '2024-06-01', end: '2024-06-30', trackingCycle: 'week' }),
      ],
      modules: [{ id: uuid(301), name: 'm', plannedFen: 100, spentFen: 200 }],
    });
    const items = attentionItems(input);
    expect(items.map((i) => `${i.severity} ${i.kind}`)).toEqual([
      'critical metric_behind',
      'critical task_overdue',
      'critical task_overdue',
      'critical module_over_budget',
      'warning metric_behind',
      'warning task_lagging',
      'warning checkin_missed',
      'warning checkin_missed',
    ]);
    const overdueKeys = items.filter((i) => i.kind === 'task_overdue').map((i) => i.key);
    expect(overdueKeys).toEqual([...overdueKeys].sort());
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
    // The same inputs in another order give the same list.
    const shuffled = { ...input, metrics: [...input.metrics].reverse(), tasks: [...input.tasks].reverse() };
    expect(attentionItems(shuffled)).toEqual(items);
    for (let i = 1; i < items.length; i++) expect(compareAttention(items[i - 1]!, items[i]!)).toBeLessThan(0);
    expect(ATTENTION_KINDS).toContain(items[0]!.kind);
  });

  test('the day boundary: due today is not overdue, and days are counted as calendar days', () => {
    const t = makeTask(1, { start: '2024-02-01', end: '2024-02-29', progress: 50 });
    expect(attentionItems(base({ tasks: [t], today: '2024-02-29' })).map((i) => i.kind)).toEqual([
      'task_lagging',
    ]);
    const [item] = attentionItems(base({ tasks: [t], today: '2024-03-01' }));
    expect(item?.params).toMatchObject({ daysOverdue: 1 });
    expect(daysBetween('2024-02-29', '2024-03-01')).toBe(1);
  });

  test('after the campaign, overdue days stop at its end (issue 14, item 6)', () => {
    // The demo on 2026-12-03: M002 ended 2024-05-08 within a campaign ending 2024-07-31.
    const early = makeTask(1, { start: '2024-05-01', end: '2024-05-08', progress: 50 });
    const last = makeTask(2, { start: '2024-07-25', end: '2024-07-31', progress: 0 });
    const items = attentionItems(
      base({ tasks: [early, last], today: '2026-12-03', projectEnd: '2024-07-31' }),
    ).filter((i) => i.kind === 'task_overdue');
    // 5月8日 → 8月1日 (the day after the end): 85 days; 7月31日 → 8月1日: 1 day — not 939 and 855.
    expect(items.map((i) => i.params.daysOverdue)).toEqual([85, 1]);
    expect(items.every((i) => i.params.campaignEnd === '2024-07-31')).toBe(true);
    // While the campaign runs, today counts.
    const [running] = attentionItems(base({ tasks: [early], today: '2024-06-15', projectEnd: '2024-07-31' }));
    expect(running?.params).toMatchObject({ daysOverdue: 38 });
    expect(running?.params.campaignEnd).toBeUndefined();
  });
});

describe('attention items: the fast list equals the plain rules', () => {
  /**
   * The rules written the plain way (each item built, every date parsed where it is used, the
   * whole list sorted): what attentionItems computed before it was made fast.
   */
  function plainAttention(input: AttentionInput): Attention[] {
    const { today, thresholdPct, projectStart } = input;
    const items: Attention[] = [];
    for (const m of input.metrics) {
      const proRatedC = proRatedTargetC(m, projectStart, today);
      const actualC = currentValueC(m, m.actuals, today);
      const start = m.startDate ?? projectStart;
      const status = metricStatus(m, actualC, proRatedC, today, start, thresholdPct);
      if ((status !== 'behind' && status !== 'at_risk') || m.targetC === null || actualC === null) continue;
      items.push({
        key: `metric_behind:${m.id}`,
        kind: 'metric_behind',
        severity: status === 'behind' ? 'critical' : 'warning',
        target: { tab: 'metrics', rowId: m.id },
        params: {
          name: m.name,
          targetC: m.targetC,
          proRatedC: proRatedC ?? m.targetC,
          actualC,
          kind: m.kind,
          unit: m.unit,
        },
      });
    }
    const rolledUp = rollUpProgress(input.tasks);
    for (const t of input.tasks) {
      const progress = rolledUp.get(t.id) ?? t.progress;
      const status = deriveTaskStatus({ ...t, progress }, today);
      const target = { tab: 'tasks' as const, rowId: t.id };
      if (status === 'overdue' && t.end !== null) {
        items.push({
          key: `task_overdue:${t.id}`,
          kind: 'task_overdue',
          severity: 'critical',
          target,
          params: { code: t.code, name: t.name, daysOverdue: daysBetween(t.end, today), end: t.end },
        });
      } else if (status !== 'done') {
        const elapsed = timeElapsedPct(t.start, t.end, today);
        if (elapsed !== null && elapsed - progress > thresholdPct) {
          items.push({
            key: `task_lagging:${t.id}`,
            kind: 'task_lagging',
            severity: 'warning',
            target,
            params: {
              code: t.code,
              name: t.name,
              progress: Math.round(progress),
              elapsed: Math.round(elapsed),
            },
          });
        }
      }
      if (status === 'done' || t.trackingCycle === null || t.start === null) continue;
      // The due periods as dueCheckins defines them: from the start's period to the last closed one.
      const lastClosed = addDays(periodOf(today, t.trackingCycle).start, -1);
      const until = t.end !== null && t.end < lastClosed ? t.end : lastClosed;
      for (const p of periodsBetween(t.start, until, t.trackingCycle)) {
        if (t.checkinDates.some((d) => d >= p.start && d <= p.end)) continue;
        items.push({
          key: `checkin_missed:${t.id}:${p.start}`,
          kind: 'checkin_missed',
          severity: 'warning',
          target,
          params: { code: t.code, name: t.name, periodStart: p.start, periodEnd: p.end },
        });
      }
    }
    for (const mod of input.modules) {
      if (!(mod.plannedFen > 0 && mod.spentFen > mod.plannedFen)) continue;
      const overPct = ((mod.spentFen - mod.plannedFen) * 100) / mod.plannedFen;
      items.push({
        key: `module_over_budget:${mod.id}`,
        kind: 'module_over_budget',
        severity: overPct > thresholdPct ? 'critical' : 'warning',
        target: { tab: 'tracking', rowId: mod.id },
        params: {
          name: mod.name,
          plannedFen: mod.plannedFen,
          spentFen: mod.spentFen,
          overPct: roundHalfAwayFromZero(overPct * 10) / 10,
        },
      });
    }
    return items.sort(compareAttention);
  }

  const day = fc.integer({ min: 0, max: 150 }).map((n) => addDays('2024-04-01', n));
  const taskSpec = fc.record({
    start: fc.option(day, { nil: null }),
    length: fc.integer({ min: 0, max: 60 }),
    dates: fc.constantFrom('both', 'start', 'end'),
    progress: fc.oneof(fc.constantFrom(0, 100), fc.integer({ min: 0, max: 100 })),
    // Mostly an earlier task (a tree); now and then any task, itself included (a corrupted loop).
    parent: fc.option(fc.tuple(fc.nat(), fc.boolean(), fc.boolean()), { nil: null }),
    blocked: fc.boolean(),
    cycle: fc.option(cycleArb, { nil: null, freq: 2 }),
    checkins: fc.array(day, { maxLength: 4 }),
  });
  const metricSpec = fc.record({
    aggregation: fc.constantFrom<Metric['aggregation']>('sum', 'last', 'average'),
    direction: fc.constantFrom<Metric['direction']>('higher', 'lower'),
    targetC: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null, freq: 5 }),
    baselineC: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: null }),
    targetDate: fc.option(day, { nil: null, freq: 3 }),
    values: fc.array(fc.tuple(day, fc.integer({ min: 0, max: 5_000 })), { maxLength: 5 }),
  });
  const moduleSpec = fc.record({ plannedFen: fc.nat(1_000), spentFen: fc.nat(1_500) });
  const inputArb = fc
    .record({
      today: day,
      thresholdPct: fc.integer({ min: 0, max: 30 }),
      tasks: fc.array(taskSpec, { maxLength: 40 }),
      metrics: fc.array(metricSpec, { maxLength: 6 }),
      modules: fc.array(moduleSpec, { maxLength: 4 }),
      // Ids in no particular order, so that the key order is not the order of the rows.
      idOrder: fc.integer({ min: 1, max: 996 }),
    })
    .map(({ today, thresholdPct, tasks, metrics, modules, idOrder }): AttentionInput => {
      const taskId = (i: number) => uuid(10_000 + ((i * idOrder) % 997));
      return {
        today,
        thresholdPct,
        projectStart: '2024-04-15',
        tasks: tasks.map((t, i) => {
          const end = t.start === null ? null : addDays(t.start, t.length);
          let parentId: string | null = null;
          if (t.parent !== null) {
            const [n, anywhere] = t.parent;
            if (anywhere) parentId = taskId(n % tasks.length);
            else if (i > 0) parentId = taskId(n % i);
          }
          return makeTask(i, {
            id: taskId(i),
            start: t.dates === 'end' ? null : t.start,
            end: t.dates === 'start' ? null : end,
            progress: t.progress,
            parentId,
            blocked: t.blocked,
            trackingCycle: t.cycle,
            checkinDates: [...t.checkins].sort(),
          });
        }),
        metrics: metrics.map((m, i) =>
          makeMetric(
            i,
            {
              aggregation: m.aggregation,
              direction: m.direction,
              targetC: m.targetC,
              baselineC: m.baselineC,
              targetDate: m.targetDate,
            },
            // One value per period start, as the table allows.
            [...new Map(m.values).entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
          ),
        ),
        modules: modules.map((m, i) => ({ id: uuid(500 + i), name: `module ${i}`, ...m })),
      };
    });

  test('attentionItems gives what the plain rules give, in the same order', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(attentionItems(input)).toEqual(plainAttention(input));
      }),
      { numRuns: 300 },
    );
  });

  test('attentionList: the first `limit` of attentionItems, and the count of all', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 60 }), (input, limit) => {
        const all = attentionItems(input);
        expect(attentionList(input, limit)).toEqual({ items: all.slice(0, limit), count: all.length });
      }),
      { numRuns: 300 },
    );
  });

  test('smallestInOrder is sort-then-slice, for any k', () => {
    // Pairs compared by value, then by position: a total order with many equal values.
    const compare = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 80 }),
        fc.integer({ min: -2, max: 90 }),
        (values, k) => {
          const xs = values.map((v, i): [number, number] => [v, i]);
          const copy = [...xs];
          expect(smallestInOrder(xs, k, compare)).toEqual([...xs].sort(compare).slice(0, Math.max(0, k)));
          expect(xs).toEqual(copy); // the input is left as it was
        },
      ),
    );
    expect(smallestInOrder([3, 1, 2], Infinity, (a, b) => a - b)).toEqual([1, 2, 3]);
  });
});
