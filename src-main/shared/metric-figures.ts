/**
 * A metric's figures (steps 三 and 四): its target pro-rated to a day, its current value, the
 * variance and achievement against a reference, its status, the funnel and ROI.
 *
 * Metric numbers are integer hundredths; whatever a function returns in hundredths is an integer,
 * rounded half away from zero with exact (BigInt) arithmetic, so a target of 10万台 never becomes
 * 9,999,999.999… . Percentages for display (variance, achievement, rates) are plain numbers.
 * No clock: `today` is always a parameter (YYYY-MM-DD).
 */
import { daysBetween } from './calendar';
import type { Actual, Metric, MetricStatus } from './tracking';

// ---- Numbers ----

/** Rounds half away from zero (2.5 → 3, −2.5 → −3), never returning −0. */
export function roundHalfAwayFromZero(x: number): number {
  const r = Math.round(Math.abs(x));
  return x < 0 && r !== 0 ? -r : r;
}

/** num / den rounded half away from zero, exactly (den > 0). */
export function divRound(num: bigint, den: bigint): number {
  const negative = num < 0n;
  const q = ((negative ? -num : num) * 2n + den) / (den * 2n);
  return q === 0n ? 0 : Number(negative ? -q : q);
}

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

// ---- Targets, values, variance, status ----

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

// ---- Funnel and ROI ----

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
