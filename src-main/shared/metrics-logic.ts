/**
 * Tracking (step 三) and data feedback (step 四) as pure functions: tracking periods, targets
 * pro-rated to a day, current values, variance, status, the funnel, ROI, the SMART check, the
 * S-curve's planned line, due check-ins and the attention list (automatic gap detection).
 *
 * Rules that hold throughout:
 * - No clock: `today` is always a parameter (YYYY-MM-DD), so the same inputs give the same answer
 *   in the main process, the renderer, a test, and on a laptop set to any time zone.
 * - No local-time Date: calendar arithmetic is done on day numbers (days since 1970-01-01) with
 *   integer formulas, and `daysBetween` works in UTC; nothing here can be shifted by a zone or DST.
 * - Metric numbers are integer hundredths; whatever a function returns in hundredths is an integer,
 *   rounded half away from zero with exact (BigInt) arithmetic, so a target of 10万台 never becomes
 *   9,999,999.999… . Percentages for display (variance, achievement, rates) are plain numbers.
 */
import { deriveTaskStatus, durationWeight, rollUpProgress } from './task-logic';
import type { Task } from './domain';
import { ATTENTION_KINDS } from './tracking';
import type { Actual, Attention, Cycle, Metric, MetricStatus } from './tracking';
import { daysBetween } from './values';

// ---------------------------------------------------------------------------------------------
// Calendar: ISO dates <-> day numbers, without Date
// ---------------------------------------------------------------------------------------------

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Day number of an ISO date (1970-01-01 is 0). Howard Hinnant's days_from_civil: integer
 * arithmetic over 400-year eras, exact for every proleptic Gregorian date, no Date involved.
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

/** The date n days after (before, when negative) an ISO date. */
export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}

/** ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01, day 0, was a Thursday). */
export function isoWeekday(date: string): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

// ---------------------------------------------------------------------------------------------
// Tracking periods
// ---------------------------------------------------------------------------------------------

export interface DateRange {
  start: string;
  end: string;
}

/** The tracking period a date falls in: the day itself, its Monday–Sunday week, or its month. */
export function periodOf(date: string, cycle: Cycle): DateRange {
  switch (cycle) {
    case 'day':
      return { start: date, end: date };
    case 'week': {
      const monday = dayNumber(date) - (isoWeekday(date) - 1);
      return { start: fromDayNumber(monday), end: fromDayNumber(monday + 6) };
    }
    case 'month': {
      const y = Number(date.slice(0, 4));
      const mo = Number(date.slice(5, 7));
      const next =
        mo === 12
          ? `${String(y + 1).padStart(4, '0')}-01-01`
          : `${date.slice(0, 5)}${String(mo + 1).padStart(2, '0')}-01`;
      return { start: `${date.slice(0, 7)}-01`, end: addDays(next, -1) };
    }
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

/**
 * ISO-8601 week: weeks start on Monday and belong to the year of their Thursday, so 2021-01-03
 * is week 53 of 2020 and 2024-12-30 is week 1 of 2025. Shown as 第18周.
 */
export function isoWeek(date: string): { year: number; week: number } {
  const thursday = dayNumber(date) - isoWeekday(date) + 4;
  const year = Number(fromDayNumber(thursday).slice(0, 4));
  const jan1 = dayNumber(`${String(year).padStart(4, '0')}-01-01`);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
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

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/** Rounds half away from zero (2.5 → 3, −2.5 → −3), never returning −0. */
export function roundHalfAwayFromZero(x: number): number {
  const r = Math.round(Math.abs(x));
  return x < 0 && r !== 0 ? -r : r;
}

/** num / den rounded half away from zero, exactly (den > 0). */
function divRound(num: bigint, den: bigint): number {
  const negative = num < 0n;
  const q = ((negative ? -num : num) * 2n + den) / (den * 2n);
  return q === 0n ? 0 : Number(negative ? -q : q);
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

// ---------------------------------------------------------------------------------------------
// Targets, values, variance, status
// ---------------------------------------------------------------------------------------------

type ProRateInput = Pick<Metric, 'baselineC' | 'targetC' | 'startDate' | 'targetDate' | 'aggregation'>;

/** From when a metric's target is pursued: its own start, else the project's. */
export function metricStart(metric: Pick<Metric, 'startDate'>, projectStart: string | null): string | null {
  return metric.startDate ?? projectStart;
}

/**
 * The baseline when none is entered: a cumulative ('sum') metric such as 销量 starts from 0; a
 * reading ('last' / 'average') such as 转化率 5% is expected at its target level all along — a
 * conversion rate does not ramp up with the calendar.
 */
export function effectiveBaselineC(
  metric: Pick<Metric, 'baselineC' | 'targetC' | 'aggregation'>,
): number | null {
  if (metric.baselineC !== null) return metric.baselineC;
  return metric.aggregation === 'sum' ? 0 : metric.targetC;
}

/**
 * The target pro-rated to today: linear from the baseline at the start of the start day to the
 * target at the end of the target day. Days count inclusively, as in the S-curve's planned line
 * (plannedProgressAt), so on the start day one day's share is expected and on the target day all
 * of it: 销量 10万台 over 5月1日–7月31日 (92 days) expects 1,086.96 units (108,696 hundredths) on
 * 5月1日 and 10万 on 7月31日. Before the start → the baseline; on/after the target date → the
 * target (a target date before the start counts as passed). Null without a target or without
 * both dates.
 */
export function proRatedTargetC(
  metric: ProRateInput,
  projectStart: string | null,
  today: string,
): number | null {
  const { targetC, targetDate } = metric;
  const start = metricStart(metric, projectStart);
  if (targetC === null || targetDate === null || start === null) return null;
  if (today >= targetDate) return targetC;
  const baseline = effectiveBaselineC(metric) ?? 0;
  if (today < start) return baseline;
  const elapsed = BigInt(daysBetween(start, today) + 1);
  const total = BigInt(daysBetween(start, targetDate) + 1);
  return divRound(BigInt(baseline) * total + BigInt(targetC - baseline) * elapsed, total);
}

/**
 * The metric's value now, from its recorded periods: the total ('sum'), the latest period's
 * value ('last'; of two records of the same period the later one in the list), or the mean
 * ('average', rounded to an integer). Periods starting after `today` are ignored when it is
 * given (a value keyed in ahead of time). Null without any counted record.
 */
export function currentValueC(
  metric: Pick<Metric, 'aggregation'>,
  actuals: readonly Pick<Actual, 'periodStart' | 'valueC'>[],
  today?: string,
): number | null {
  const counted = today === undefined ? actuals : actuals.filter((a) => a.periodStart <= today);
  if (counted.length === 0) return null;
  if (metric.aggregation === 'last') {
    let latest = counted[0]!;
    for (const a of counted) if (a.periodStart >= latest.periodStart) latest = a;
    return latest.valueC;
  }
  // BigInt: the sum of many large values must not lose units beyond 2^53.
  const sum = counted.reduce((s, a) => s + BigInt(a.valueC), 0n);
  return metric.aggregation === 'sum' ? Number(sum) : divRound(sum, BigInt(counted.length));
}

/**
 * Gap to a reference (the final target or the pro-rated one): diffC = actual − reference, as
 * recorded; pct = diff / |reference| × 100, its sign flipped for lower-is-better metrics so that
 * a positive pct always reads "better than the reference". pct is null for a zero reference (no
 * scale to measure against); the whole answer is null when either number is missing.
 */
export function variance(
  metric: Pick<Metric, 'direction'>,
  actualC: number | null,
  referenceC: number | null,
): { diffC: number; pct: number | null } | null {
  if (actualC === null || referenceC === null) return null;
  const diffC = actualC - referenceC;
  if (referenceC === 0) return { diffC, pct: null };
  const pct = (diffC * 100) / Math.abs(referenceC);
  return { diffC, pct: metric.direction === 'lower' ? -pct || 0 : pct };
}

/**
 * Achievement (达成率) in %: actual / reference for higher-is-better (销量4万台 of 10万 → 40), and
 * reference / actual for lower-is-better (cost 125 against 100 → 80). Where signs make a ratio
 * meaningless (a negative ROI target, a cost of 0) it is 100 + the variance pct, which agrees
 * with the ratio's side of 100. Null when the reference is 0 and the actual differs from it in
 * a way no ratio can scale.
 */
export function achievementPct(
  direction: Metric['direction'],
  actualC: number,
  referenceC: number,
): number | null {
  if (direction === 'higher' && referenceC > 0) return (actualC * 100) / referenceC;
  if (direction === 'lower' && actualC > 0 && referenceC >= 0) return (referenceC * 100) / actualC;
  if (referenceC === 0) return actualC === 0 ? 100 : null;
  const v = variance({ direction }, actualC, referenceC);
  return v && v.pct !== null ? 100 + v.pct : null;
}

/**
 * The metric's status today against the target pro-rated to today (or the final target when it
 * cannot be pro-rated, i.e. it has no dates): 'no_target' without a target; 'not_started'
 * before its start; 'no_data' without a value; 'on_track' when at least as good as the
 * reference (achievement ≥ 100%); 'at_risk' when the achievement is within thresholdPct points
 * below 100 (inclusive: 90% with a threshold of 10 is at risk); 'behind' otherwise — also when
 * the reference is 0 and the actual is worse, since there is no scale on which it is "close".
 */
export function metricStatus(
  metric: Pick<Metric, 'targetC' | 'direction'>,
  actualC: number | null,
  proRatedC: number | null,
  today: string,
  startDate: string | null,
  thresholdPct: number,
): MetricStatus {
  if (metric.targetC === null) return 'no_target';
  if (startDate !== null && today < startDate) return 'not_started';
  if (actualC === null) return 'no_data';
  const reference = proRatedC ?? metric.targetC;
  const atLeastAsGood = metric.direction === 'higher' ? actualC >= reference : actualC <= reference;
  if (atLeastAsGood) return 'on_track';
  const achieved = achievementPct(metric.direction, actualC, reference);
  return achieved !== null && achieved >= 100 - thresholdPct ? 'at_risk' : 'behind';
}

// ---------------------------------------------------------------------------------------------
// Funnel and ROI
// ---------------------------------------------------------------------------------------------

export interface FunnelInput {
  metricId: string;
  stage: number;
  actualC: number | null;
  targetC: number | null;
  /** The metric's kind; a rate is only made between two stages that count (次, 人, 单). */
  kind?: Metric['kind'];
}

export interface FunnelStage extends FunnelInput {
  /** This stage's actual as % of the previous stage's actual (null for the first or a missing value). */
  rate: number | null;
  /** The same ratio of the targets: the conversion the plan assumed. */
  targetRate: number | null;
  /** The first stage converting worse than planned by more than the threshold: the leak starts here. */
  gapStartsHere: boolean;
  /**
   * This stage or the one before is not a count (销售额 in 元, a rate in %): dividing them is no
   * conversion (元 ÷ 次), so the stage has no rate at all.
   */
  unlikeUnits: boolean;
}

const ratePct = (value: number | null, previous: number | null | undefined): number | null =>
  value === null || previous === null || previous === undefined || previous === 0
    ? null
    : (value * 100) / previous;

/**
 * The funnel (曝光 → 阅读 → 线索 → 成交 → 销售额) sorted by stage, each stage's conversion from the
 * one before, actual and planned. Comparing conversion rates rather than absolute values finds
 * where the leak starts: if exposure is short by 30% and every later stage converts as planned,
 * every stage is short but only reach needs fixing. A stage whose value (or whose previous
 * stage's value) is missing has no rate and is skipped by the gap search, which carries on with
 * the next comparable stage. Two metrics on the same stage are taken in their input order.
 */
export function funnelStages(stages: readonly FunnelInput[], thresholdPct: number): FunnelStage[] {
  const sorted = [...stages].sort((a, b) => a.stage - b.stage);
  let gapFound = false;
  return sorted.map((s, i) => {
    const prev = i > 0 ? sorted[i - 1] : undefined;
    const unlikeUnits =
      prev !== undefined && ((s.kind ?? 'count') !== 'count' || (prev.kind ?? 'count') !== 'count');
    const rate = unlikeUnits ? null : ratePct(s.actualC, prev?.actualC);
    const targetRate = unlikeUnits ? null : ratePct(s.targetC, prev?.targetC);
    let gapStartsHere = false;
    if (!gapFound && rate !== null && targetRate !== null && targetRate > 0) {
      // Relative shortfall: 3% converted where 5% was planned is 40% short.
      gapStartsHere = ((targetRate - rate) * 100) / targetRate > thresholdPct;
      gapFound = gapStartsHere;
    }
    return { ...s, rate, targetRate, gapStartsHere, unlikeUnits };
  });
}

/** ROI as a ratio: (revenue − cost) / cost, e.g. 0.35; null when either is missing or cost is 0. */
export function roi(revenueC: number | null, costC: number | null): number | null {
  if (revenueC === null || costC === null || costC === 0) return null;
  return (revenueC - costC) / costC;
}

// ---------------------------------------------------------------------------------------------
// SMART check of the goal (step 一)
// ---------------------------------------------------------------------------------------------

export type SmartLetter = 'S' | 'M' | 'A' | 'R' | 'T';

export interface SmartInput {
  goal: string;
  projectStart: string | null;
  projectEnd: string | null;
  modules: number;
  metrics: readonly Pick<
    Metric,
    'goalLinked' | 'targetC' | 'baselineC' | 'targetDate' | 'moduleId' | 'taskId'
  >[];
}

/** The shortest goal text taken as specific: "销量10万台" is 6 characters; "提升销量" is not a goal. */
export const SMART_GOAL_MIN_CHARS = 6;

/**
 * Which SMART letters the plan does not yet satisfy, in S-M-A-R-T order. A, R and T are judged on
 * the goal's measured metrics (goal-linked with a numeric target), each letter satisfied by any
 * one of them; so without M they are missing too — nothing measurable, nothing to judge.
 */
export function smartCheck(input: SmartInput): { missing: SmartLetter[] } {
  const measured = input.metrics.filter((m) => m.goalLinked && m.targetC !== null);
  const ok: Record<SmartLetter, boolean> = {
    // S (specific): a goal text that says something — at least 6 characters (code points, so
    // each Chinese character counts once), surrounding spaces ignored.
    S: [...input.goal.trim()].length >= SMART_GOAL_MIN_CHARS,
    // M (measurable): at least one goal-linked metric with a numeric target.
    M: measured.length > 0,
    // A (achievable): such a metric has an entered baseline different from its target — without
    // a starting point nobody can judge whether the step to the target is realistic.
    A: measured.some((m) => m.baselineC !== null && m.baselineC !== m.targetC),
    // R (relevant): such a metric is the strategy's or a module's (not only one task's), and the
    // plan has at least one module to carry it — the goal is tied to the work of Table 1.
    R: input.modules > 0 && measured.some((m) => m.taskId === null),
    // T (time-bound): such a metric has a target date inside the project period (both ends set).
    T:
      input.projectStart !== null &&
      input.projectEnd !== null &&
      measured.some(
        (m) =>
          m.targetDate !== null && m.targetDate >= input.projectStart! && m.targetDate <= input.projectEnd!,
      ),
  };
  return { missing: (['S', 'M', 'A', 'R', 'T'] as const).filter((letter) => !ok[letter]) };
}

// ---------------------------------------------------------------------------------------------
// Time: the S-curve's planned line, elapsed time
// ---------------------------------------------------------------------------------------------

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
function elapsedPct(span: number, passed: number): number {
  return clamp(((passed + 1) * 100) / Math.max(1, span + 1), 0, 100);
}

// ---------------------------------------------------------------------------------------------
// Check-ins
// ---------------------------------------------------------------------------------------------

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
function missedCheckins(
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

interface CalendarPeriod extends DateRange {
  next?: CalendarPeriod;
  /** The day before the start: the end of the last closed period while this one is current. */
  dayBefore?: string;
}

/**
 * periodOf and nextPeriod with every answer kept: the check-in tasks of a plan walk the same
 * weeks and months, so each period is computed once instead of once per task.
 */
class PeriodCalendar {
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

// ---------------------------------------------------------------------------------------------
// Attention: automatic gap detection (数据反馈)
// ---------------------------------------------------------------------------------------------

export interface AttentionInput {
  today: string;
  /** The tolerance band in %: metrics within it of their target are at risk, tasks within it of the calendar are fine. */
  thresholdPct: number;
  projectStart: string | null;
  /**
   * The campaign's last day: once it has passed, overdue days are counted up to the day after it
   * (a task still open when the campaign ended), not on and on to today.
   */
  projectEnd?: string | null;
  /** Each metric with its recorded values (currentValueC reads only these two fields of them). */
  metrics: readonly (Metric & { actuals: readonly Pick<Actual, 'periodStart' | 'valueC'>[] })[];
  tasks: readonly AttentionTask[];
  modules: readonly { id: string; name: string; plannedFen: number; spentFen: number }[];
}

/** What the rules read of a task (a whole Task with its check-in dates will do). */
export type AttentionTask = Pick<
  Task,
  'id' | 'code' | 'name' | 'start' | 'end' | 'progress' | 'parentId' | 'blocked'
> & { trackingCycle: Cycle | null; checkinDates: readonly string[] };

const round1 = (x: number) => roundHalfAwayFromZero(x * 10) / 10;

/**
 * Everything the owner should look at, with stable keys so a later feature can turn an item into
 * a feedback record and recognise it again:
 * - `metric_behind:<metricId>` — status behind (critical) or at risk (warning);
 * - `task_overdue:<taskId>` — deriveTaskStatus says overdue (critical);
 * - `task_lagging:<taskId>` — not done and not overdue, but progress trails the time elapsed by
 *   more than thresholdPct points (warning);
 * - `module_over_budget:<moduleId>` — spent more than a planned budget above 0; critical when over
 *   by more than thresholdPct, else warning;
 * - `checkin_missed:<taskId>:<periodStart>` — a due check-in period without one (warning); not for
 *   tasks already done, whose past gaps nobody can act on any more.
 * Tasks with sub-tasks are judged on their rolled-up progress. Sorted: critical first, then by
 * kind in ATTENTION_KINDS order, then by key.
 */
export function attentionItems(input: AttentionInput): Attention[] {
  return attentionList(input, Infinity).items;
}

const SEVERITY_RANK = { critical: 0, warning: 1 } as const;
const EPOCH = '1970-01-01';

/** Severity, then kind: the first two criteria of compareAttention as one number. */
const rankOf = (severity: Attention['severity'], kind: Attention['kind']) =>
  SEVERITY_RANK[severity] * ATTENTION_KINDS.length + ATTENTION_KINDS.indexOf(kind);

/**
 * An attention item found and counted; only the listed ones are built (buildFound). Items of one
 * rank are of one kind, so `order`, the key without its "<kind>:", compares as the key does.
 */
type Found = { rank: number; order: string; seq: number } & (
  | { kind: 'built'; item: Attention }
  | { kind: 'task_overdue'; task: AttentionTask; end: string }
  | { kind: 'task_lagging'; task: AttentionTask; progress: number; elapsed: number }
  | { kind: 'checkin_missed'; task: AttentionTask; period: { periodStart: string; periodEnd: string } }
);

/** The order of compareAttention; then the order of finding, as a stable sort keeps equal keys. */
const compareFound = (a: Found, b: Found) =>
  a.rank - b.rank || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0) || a.seq - b.seq;

function buildFound(f: Found, today: string, projectEnd: string | null): Attention {
  if (f.kind === 'built') return f.item;
  const { id, code, name } = f.task;
  const target = { tab: 'tasks' as const, rowId: id };
  switch (f.kind) {
    case 'task_overdue': {
      // After the campaign: overdue as of the day after its end (or the task's own end, if later).
      const ended = projectEnd !== null && projectEnd < today;
      const stop = ended ? addDays(projectEnd < f.end ? f.end : projectEnd, 1) : today;
      const asOf = stop < today ? stop : today;
      return {
        key: `task_overdue:${id}`,
        kind: 'task_overdue',
        severity: 'critical',
        target,
        params: {
          code,
          name,
          daysOverdue: daysBetween(f.end, asOf),
          end: f.end,
          ...(ended ? { campaignEnd: projectEnd } : {}),
        },
      };
    }
    case 'task_lagging':
      return {
        key: `task_lagging:${id}`,
        kind: 'task_lagging',
        severity: 'warning',
        target,
        params: { code, name, progress: Math.round(f.progress), elapsed: Math.round(f.elapsed) },
      };
    case 'checkin_missed':
      return {
        key: `checkin_missed:${f.order}`,
        kind: 'checkin_missed',
        severity: 'warning',
        target,
        params: { code, name, periodStart: f.period.periodStart, periodEnd: f.period.periodEnd },
      };
  }
}

/**
 * The first `limit` items of attentionItems (the same list, cut) and how many it has in all: the
 * dashboard lists the worst items of a plan with thousands of late tasks and counts them all.
 * Only the listed items are built, and they are picked without sorting all the others.
 */
export function attentionList(input: AttentionInput, limit: number): { items: Attention[]; count: number } {
  const { today, thresholdPct, projectStart } = input;
  const found: Found[] = [];
  const built = (item: Attention, order: string) => {
    found.push({ rank: rankOf(item.severity, item.kind), order, seq: found.length, kind: 'built', item });
  };

  for (const m of input.metrics) {
    const start = metricStart(m, projectStart);
    const proRatedC = proRatedTargetC(m, projectStart, today);
    const actualC = currentValueC(m, m.actuals, today);
    const status = metricStatus(m, actualC, proRatedC, today, start, thresholdPct);
    if ((status !== 'behind' && status !== 'at_risk') || m.targetC === null || actualC === null) continue;
    const item: Attention = {
      key: `metric_behind:${m.id}`,
      kind: 'metric_behind',
      severity: status === 'behind' ? 'critical' : 'warning',
      target: { tab: 'metrics', rowId: m.id },
      params: {
        name: m.name,
        targetC: m.targetC,
        proRatedC: proRatedC ?? m.targetC, // the reference the status was judged on
        actualC,
        kind: m.kind,
        unit: m.unit,
      },
    };
    built(item, m.id);
  }

  const rolledUp = rollUpProgress(input.tasks);
  // Every date as a day count once (dates repeat across thousands of tasks), counted as
  // daysBetween counts, so a difference of two is exactly daysBetween of the dates.
  const dayCounts = new Map<string, number>();
  const days = (date: string) => {
    let n = dayCounts.get(date);
    if (n === undefined) dayCounts.set(date, (n = daysBetween(EPOCH, date)));
    return n;
  };
  const todayDays = days(today);
  const overdue = rankOf('critical', 'task_overdue');
  const lagging = rankOf('warning', 'task_lagging');
  const missed = rankOf('warning', 'checkin_missed');
  const calendar = new PeriodCalendar();
  for (const task of input.tasks) {
    const progress = rolledUp.get(task.id) ?? task.progress;
    const { start, end } = task;
    const status = deriveTaskStatus({ progress, blocked: task.blocked, start, end }, today);
    if (status === 'done') continue;
    if (status === 'overdue' && end !== null) {
      found.push({ rank: overdue, order: task.id, seq: found.length, kind: 'task_overdue', task, end });
    } else if (start !== null && end !== null) {
      // timeElapsedPct(start, end, today), on the day counts.
      const first = days(start);
      const elapsed = elapsedPct(days(end) - first, todayDays - first);
      if (elapsed - progress > thresholdPct) {
        found.push({
          rank: lagging,
          order: task.id,
          seq: found.length,
          kind: 'task_lagging',
          task,
          progress,
          elapsed,
        });
      }
    }
    if (task.trackingCycle === null) continue; // nothing is due (dueCheckins)
    for (const period of missedCheckins(task, task.checkinDates, today, calendar)) {
      const order = `${task.id}:${period.periodStart}`;
      found.push({ rank: missed, order, seq: found.length, kind: 'checkin_missed', task, period });
    }
  }

  for (const mod of input.modules) {
    if (!(mod.plannedFen > 0 && mod.spentFen > mod.plannedFen)) continue;
    const overPct = ((mod.spentFen - mod.plannedFen) * 100) / mod.plannedFen;
    const item: Attention = {
      key: `module_over_budget:${mod.id}`,
      kind: 'module_over_budget',
      severity: overPct > thresholdPct ? 'critical' : 'warning',
      target: { tab: 'tracking', rowId: mod.id },
      params: {
        name: mod.name,
        plannedFen: mod.plannedFen,
        spentFen: mod.spentFen,
        overPct: round1(overPct),
      },
    };
    built(item, mod.id);
  }

  const listed = smallestInOrder(found, limit, compareFound);
  const projectEnd = input.projectEnd ?? null;
  return { items: listed.map((f) => buildFound(f, today, projectEnd)), count: found.length };
}

/**
 * The `k` smallest of `xs` in order: `[...xs].sort(compare).slice(0, k)` for a compare that is a
 * total order, in O(n log k) rather than O(n log n) — a heap of the k smallest so far, its
 * largest on top, which each newcomer must beat to get in.
 */
export function smallestInOrder<T>(xs: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  const size = Math.max(0, Math.floor(k)) || 0;
  if (size >= xs.length) return [...xs].sort(compare);
  const heap: T[] = [];
  if (size === 0) return heap;
  const swap = (i: number, j: number) => {
    const x = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = x;
  };
  for (const x of xs) {
    if (heap.length < size) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (compare(heap[i]!, heap[parent]!) <= 0) break;
        swap(i, parent);
        i = parent;
      }
    } else if (compare(x, heap[0]!) < 0) {
      heap[0] = x;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let largest = i;
        if (left < size && compare(heap[left]!, heap[largest]!) > 0) largest = left;
        if (right < size && compare(heap[right]!, heap[largest]!) > 0) largest = right;
        if (largest === i) break;
        swap(i, largest);
        i = largest;
      }
    }
  }
  return heap.sort(compare);
}

/** Critical first, then kind (ATTENTION_KINDS order), then key — code-unit order, not locale. */
export function compareAttention(a: Attention, b: Attention): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    ATTENTION_KINDS.indexOf(a.kind) - ATTENTION_KINDS.indexOf(b.kind) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
