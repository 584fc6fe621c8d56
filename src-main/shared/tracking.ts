/**
 * Tracking (step 三) and data feedback (step 四): metrics with targets and actual values per
 * period, tracking periods of Table 1, budget spend, task check-ins, and the dashboard built
 * from them. Numbers of metrics are integer hundredths ("_c"): 3.25% is 325, ¥12.30 is 1230 (fen),
 * 100,000 units is 10,000,000 — exact, never a binary float in the file.
 */
import { z } from 'zod';
import { deferred } from './deferred';
import { fen, id, isoDate, longText, name } from './values';

export const CYCLES = ['day', 'week', 'month'] as const;
export type Cycle = (typeof CYCLES)[number];
export const METRIC_KINDS = ['count', 'percent', 'money'] as const;
export const DIRECTIONS = ['higher', 'lower'] as const;
/** How the values of the periods make the current value: 销量 adds up, 转化率 is the latest. */
export const AGGREGATIONS = ['sum', 'last', 'average'] as const;

/** The largest magnitude of a metric value in hundredths (the project-file check uses it too). */
export const HUNDREDTHS_LIMIT = 1e15;
/** Hundredths as an integer: the storage of every metric number. */
export const hundredths = /* @__PURE__ */ z.int().min(-HUNDREDTHS_LIMIT).max(HUNDREDTHS_LIMIT);

export const metricSchema = deferred(() =>
  z.object({
    id,
    projectId: id,
    /** Scope: the strategy itself (both null), a module (Table 1 row) or a task (Table 2 row). */
    moduleId: id.nullable(),
    taskId: id.nullable(),
    name: z.string(),
    preset: z.string().nullable(),
    unit: z.string(),
    kind: z.enum(METRIC_KINDS),
    direction: z.enum(DIRECTIONS),
    aggregation: z.enum(AGGREGATIONS),
    baselineC: hundredths.nullable(),
    targetC: hundredths.nullable(),
    /** From when the target is pursued (the project's start when empty) and by when it is due. */
    startDate: isoDate.nullable(),
    targetDate: isoDate.nullable(),
    cycle: z.enum(CYCLES),
    /** Position in the marketing funnel (1 = reach …), null when the metric is not a stage. */
    funnelStage: z.int().min(1).max(20).nullable(),
    /** Counts toward the strategy's SMART goal. */
    goalLinked: z.boolean(),
    position: z.int(),
  }),
);
export type Metric = z.infer<typeof metricSchema>;

export const metricPatchSchema = deferred(() =>
  z
    .object({
      moduleId: id.nullable(),
      taskId: id.nullable(),
      name,
      preset: z.string().max(40).nullable(),
      unit: z.string().trim().max(20),
      kind: z.enum(METRIC_KINDS),
      direction: z.enum(DIRECTIONS),
      aggregation: z.enum(AGGREGATIONS),
      baselineC: hundredths.nullable(),
      targetC: hundredths.nullable(),
      startDate: isoDate.nullable(),
      targetDate: isoDate.nullable(),
      cycle: z.enum(CYCLES),
      funnelStage: z.int().min(1).max(20).nullable(),
      goalLinked: z.boolean(),
    })
    .partial()
    .strict(),
);
export type MetricPatch = z.infer<typeof metricPatchSchema>;

/** One recorded value of a metric for one tracking period (数据反馈). */
export const actualSchema = deferred(() =>
  z.object({
    id,
    metricId: id,
    periodStart: isoDate,
    periodEnd: isoDate,
    valueC: hundredths,
    source: z.string(), // 生意参谋, 小红书后台, 门店登记 …
    note: z.string(),
  }),
);
export type Actual = z.infer<typeof actualSchema>;

export const actualInputSchema = deferred(() =>
  z
    .object({
      metricId: id,
      periodStart: isoDate,
      periodEnd: isoDate,
      valueC: hundredths,
      source: z.string().trim().max(200).optional(),
      note: longText.optional(),
    })
    .strict(),
);

/** A tracking period of Table 1: the current one is edited; closed ones are kept read-only. */
export const periodSchema = deferred(() =>
  z.object({
    id,
    projectId: id,
    cycle: z.enum(CYCLES),
    start: isoDate,
    end: isoDate,
    /** When the next period was opened; null for the current period. */
    closedAt: z.string().nullable(),
    /** Overall progress of the plan when the period was closed (the S-curve's actual line). */
    progressAtClose: z.number().nullable(),
  }),
);
export type Period = z.infer<typeof periodSchema>;

/** Table 1 as it stood at the close of a period. */
export const moduleSnapshotSchema = deferred(() =>
  z.object({
    periodId: id,
    moduleId: id,
    name: z.string(),
    ownerName: z.string().nullable(),
    progress: z.number(),
    progressOverride: z.int().nullable(),
    milestone: z.string(),
    summary: z.string(),
    issues: z.string(),
    suggestions: z.string(),
    result: z.string(),
    position: z.int(),
    /** The module's open issues (titles) and adjustments in progress as Table 1 showed them then. */
    openIssues: z.array(z.string()),
    adjustments: z.array(
      z.object({
        title: z.string(),
        status: z.enum(['draft', 'submitted', 'approved', 'rejected', 'applied', 'evaluated']),
      }),
    ),
  }),
);
export type ModuleSnapshot = z.infer<typeof moduleSnapshotSchema>;

/** Money actually spent, against the budgets planned in Table 2's resources. */
export const spendSchema = deferred(() =>
  z.object({
    id,
    projectId: id,
    moduleId: id.nullable(),
    taskId: id.nullable(),
    date: isoDate,
    amountFen: fen,
    note: z.string(),
  }),
);
export type Spend = z.infer<typeof spendSchema>;
export const spendPatchSchema = deferred(() =>
  z
    .object({ moduleId: id.nullable(), taskId: id.nullable(), date: isoDate, amountFen: fen, note: longText })
    .partial()
    .strict(),
);

/** A progress check-in of a task with a tracking cycle. */
export const checkinSchema = deferred(() =>
  z.object({
    id,
    taskId: id,
    date: isoDate,
    progress: z.int().min(0).max(100),
    note: z.string(),
  }),
);
export type Checkin = z.infer<typeof checkinSchema>;

export const METRIC_STATUSES = [
  'on_track',
  'at_risk',
  'behind',
  'not_started',
  'no_data',
  'no_target',
] as const;
export type MetricStatus = (typeof METRIC_STATUSES)[number];

export const ATTENTION_KINDS = [
  'metric_behind',
  'task_overdue',
  'task_lagging',
  'module_over_budget',
  'checkin_missed',
] as const;

/**
 * Something the owner should look at (数据反馈). `key` is stable across recomputations (e.g.
 * "metric_behind:<metricId>") so a later feature can turn it into a feedback record.
 */
export const attentionSchema = deferred(() =>
  z.object({
    key: z.string(),
    kind: z.enum(ATTENTION_KINDS),
    severity: z.enum(['warning', 'critical']),
    /** Where to go: the tab and the row. */
    target: z.object({ tab: z.enum(['metrics', 'tasks', 'tracking']), rowId: id }),
    /** For the wording, e.g. { name: '转化率', target: '5%', actual: '3%' }. */
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
);
export type Attention = z.infer<typeof attentionSchema>;

// ---- Channel inputs (the payloads the renderer sends) ----

/** A new spend entry: when and how much at least. */
export const newSpendSchema = deferred(() => spendPatchSchema.extend({ date: isoDate, amountFen: fen }));

export const checkinInputSchema = deferred(() =>
  z
    .object({
      taskId: id,
      date: isoDate,
      progress: z.int().min(0).max(100),
      note: longText.optional(),
    })
    .strict(),
);

// ---- The dashboard (概览): everything the overview page shows, computed in one call ----

const dateRangeSchema = deferred(() => z.object({ start: isoDate, end: isoDate }));
/** A sum of fen over many rows: may exceed the bound of one amount, still a safe integer. */
const fenTotal = /* @__PURE__ */ z.int().min(0);

export const dashboardMetricSchema = deferred(() =>
  z.object({
    id,
    name: z.string(),
    unit: z.string(),
    kind: z.enum(METRIC_KINDS),
    direction: z.enum(DIRECTIONS),
    moduleId: id.nullable(),
    taskId: id.nullable(),
    targetC: hundredths.nullable(),
    /** The target pro-rated to today. */
    proRatedC: hundredths.nullable(),
    /**
     * The current value from the recorded periods (sum, last or average). Not bounded like one
     * recorded value: a sum of many periods may exceed that bound.
     */
    actualC: z.number().nullable(),
    /** Gap in % against the pro-rated target and against the final one; positive is better. */
    variancePct: z.number().nullable(),
    finalVariancePct: z.number().nullable(),
    status: z.enum(METRIC_STATUSES),
    /** The recorded values, oldest first. */
    series: z.array(z.object({ periodStart: isoDate, periodEnd: isoDate, valueC: hundredths })),
  }),
);
export type DashboardMetric = z.infer<typeof dashboardMetricSchema>;

export const dashboardSchema = deferred(() =>
  z.object({
    today: isoDate,
    /** The current tracking period (the latest, open one), null before the first is opened. */
    period: dateRangeSchema.nullable(),
    kpis: z.object({
      /** Overall progress as projects.list shows it. */
      progress: z.number().min(0).max(100),
      /** Days from today to the project's end (negative once it has passed). */
      daysLeft: z.int().nullable(),
      /** Mean achievement of the goal-linked metrics with a target, each capped at 100. */
      targetCompletionPct: z.number().min(0).max(100).nullable(),
      /** The project's budget when set, else the sum of its tasks' budgets. */
      budgetPlannedFen: fenTotal,
      budgetSpentFen: fenTotal,
      /** All attention items (the list below holds at most DASHBOARD_ATTENTION_LIMIT of them). */
      attentionCount: z.int().min(0),
    }),
    modules: z.array(
      z.object({
        id,
        name: z.string(),
        progress: z.number().min(0).max(100),
        /** How much of the span of the module's task dates has passed; null without dates. */
        timeElapsedPct: z.number().min(0).max(100).nullable(),
        /** The module's own budget when set, else the sum of the budgets of its tasks. */
        plannedFen: fenTotal,
        /** Spend booked on the module or on one of its tasks. */
        spentFen: fenTotal,
      }),
    ),
    metrics: z.array(dashboardMetricSchema),
    /** Planned against actual overall progress at the end of each tracking period, then today. */
    scurve: z.array(
      z.object({
        date: isoDate,
        planned: z.number().min(0).max(100),
        /** Progress when the period was closed; today's progress for today; null for the open period. */
        actual: z.number().min(0).max(100).nullable(),
      }),
    ),
    funnel: z.array(
      z.object({
        metricId: id,
        name: z.string(),
        stage: z.int(),
        actualC: z.number().nullable(),
        targetC: hundredths.nullable(),
        rate: z.number().nullable(),
        targetRate: z.number().nullable(),
        gapStartsHere: z.boolean(),
        kind: z.enum(METRIC_KINDS).optional(),
        /** No rate: this stage or the one before is not a count (元 ÷ 次 is no conversion). */
        unlikeUnits: z.boolean(),
      }),
    ),
    /** (revenue − cost) / cost as a ratio; null without a revenue metric value or without spend. */
    roi: z.number().nullable(),
    /** The current value of the metric with preset 'revenue'. */
    revenueC: hundredths.nullable(),
    /** All spend of the project. */
    costFen: fenTotal,
    attention: z.array(attentionSchema),
    smart: z.object({ missing: z.array(z.enum(['S', 'M', 'A', 'R', 'T'])) }),
  }),
);
export type Dashboard = z.infer<typeof dashboardSchema>;

/** The dashboard lists this many attention items at most (critical first); the count has all. */
export const DASHBOARD_ATTENTION_LIMIT = 200;
