/**
 * Step 六 (总结归档): the campaign's results computed from its data, as the retrospective page
 * and the 复盘报告 show them. Every figure is derived here (or in metrics-logic) so the page and
 * the printed report cannot disagree.
 */
import { z } from 'zod';
import { deferred } from './deferred';
import { dashboardSchema, DIRECTIONS, hundredths, METRIC_KINDS } from './tracking';
import { ADJUSTMENT_STATUSES } from './feedback';
import { id, isoDate } from './values';

const fenTotal = /* @__PURE__ */ z.int().min(0);

export const retroResultSchema = deferred(() =>
  z.object({
    metricId: id,
    name: z.string(),
    unit: z.string(),
    kind: z.enum(METRIC_KINDS),
    direction: z.enum(DIRECTIONS),
    /** What the metric measures: the strategy itself, a module (named) or a task (named). */
    scope: z.enum(['strategy', 'module', 'task']),
    scopeName: z.string().nullable(),
    goalLinked: z.boolean(),
    targetC: hundredths.nullable(),
    actualC: z.number().nullable(),
    /** 完成率 against the final target (achievementPct: 4万 of 10万 → 40), uncapped; null without both. */
    completionPct: z.number().nullable(),
    /** The previous campaign's metric of the same name and unit, when there is one. */
    previousActualC: z.number().nullable(),
    previousCompletionPct: z.number().nullable(),
  }),
);
export type RetroResult = z.infer<typeof retroResultSchema>;

const headlineSchema = deferred(() =>
  z
    .object({
      metricId: id,
      name: z.string(),
      unit: z.string(),
      actualC: z.number().nullable(),
      targetC: hundredths.nullable(),
    })
    .nullable(),
);

export const taskSummarySchema = deferred(() =>
  z.object({
    /** Leaf tasks only: a parent's progress is its children's. */
    total: z.int(),
    /** Done (100 %) by its end date: the first check-in at 100 % is on or before the end. */
    doneOnTime: z.int(),
    /** Done after its end date (first check-in at 100 % later than the end). */
    doneLate: z.int(),
    /** Done, but no check-in dates the finish: counted apart rather than guessed. */
    doneUndated: z.int(),
    notDone: z.int(),
    /** Of the tasks not done, those whose end date has passed. */
    notDoneOverdue: z.int(),
  }),
);
export type TaskSummary = z.infer<typeof taskSummarySchema>;

export const retrospectiveSchema = deferred(() =>
  z.object({
    /** The date the results are taken at: the day asked for, or the campaign's end if earlier. */
    asOf: isoDate,
    dashboard: dashboardSchema,
    results: z.array(retroResultSchema),
    /** Mean 完成率 of the goal-linked metrics with a target, each capped at 100 (as the dashboard). */
    targetCompletionPct: z.number().nullable(),
    exposure: headlineSchema,
    conversion: headlineSchema,
    budget: z.object({ plannedFen: fenTotal, spentFen: fenTotal, spentPct: z.number().nullable() }),
    /**
     * ROI as a ratio (0.35 = 35 %): the owner's own ROI metric when it has a value ('metric');
     * else (revenue − spend) / spend from the revenue metric and all spend ('revenue'); else none.
     */
    roi: z.object({
      method: z.enum(['metric', 'revenue', 'none']),
      value: z.number().nullable(),
      metricName: z.string().nullable(),
      revenueC: z.number().nullable(),
      costFen: fenTotal,
    }),
    tasks: taskSummarySchema,
    /** Step 四: the issue log's counts (the retrospective's 问题 line). */
    issues: z.object({
      /** Every issue logged (reported on or before asOf). */
      opened: z.int().min(0),
      /** Of those, 已解决 or 已关闭. */
      resolved: z.int().min(0),
      /** Of those, still 待处理 or 处理中. */
      open: z.int().min(0),
    }),
    /** Step 五: each adjustment (drafts left out) with its expected and measured effect. */
    adjustments: z.array(
      z.object({
        id,
        title: z.string(),
        status: z.enum(ADJUSTMENT_STATUSES),
        metricName: z.string().nullable(),
        unit: z.string(),
        kind: z.enum(METRIC_KINDS),
        expectedValueC: hundredths.nullable(),
        /** The effect recorded at evaluation, else the metric's value as of now. */
        actualValueC: z.number().nullable(),
        measured: z.enum(['evaluated', 'current', 'none']),
        /** Expected value reached (the metric's direction decides which side is good); null without both. */
        met: z.boolean().nullable(),
      }),
    ),
    previous: z
      .object({
        projectId: id,
        name: z.string(),
        start: isoDate.nullable(),
        end: isoDate.nullable(),
        targetCompletionPct: z.number().nullable(),
        budgetPlannedFen: fenTotal,
        budgetSpentFen: fenTotal,
        tasks: taskSummarySchema,
      })
      .nullable(),
  }),
);
export type Retrospective = z.infer<typeof retrospectiveSchema>;
