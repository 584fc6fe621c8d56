/**
 * Steps 四 (反馈收集) and 五 (分析与调整) of the template: the issue log (执行问题记录表), the
 * feedback log (internal, external, data), root causes, and adjustments with their approval
 * (策略调整审批表). The zod schemas are both the runtime checks of the channels and the types.
 * docs/feedback-and-adjustments.md describes the workflow, the "major" rules and every refusal.
 *
 * Money is integer fen, metric numbers integer hundredths ("_c"), dates YYYY-MM-DD text.
 */
import { z } from 'zod';
import { deferred } from './deferred';
import { hundredths } from './tracking';
import { fen, id, isoDate, longText, MAX_FEN, name, NAME_MAX } from './values';

// ---- Fixed vocabularies (stored as these codes; the renderer words them) ----

export const ISSUE_SEVERITIES = ['low', 'medium', 'high'] as const; // 低 / 中 / 高
/** 待处理 / 处理中 / 已解决 / 已关闭; the first two count as open. */
export const ISSUE_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export const OPEN_ISSUE_STATUSES: readonly IssueStatus[] = ['open', 'in_progress'];
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** 内部反馈 / 外部反馈 / 数据反馈. */
export const FEEDBACK_SOURCES = ['internal', 'external', 'data'] as const;
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

/** 草稿 → 已提交 → 已批准 / 已驳回 → 已实施 → 效果已评估. */
export const ADJUSTMENT_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'applied',
  'evaluated',
] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];
/** Shown in Table 1's 下一步计划/调整建议 column: not rejected, not yet evaluated. */
export const IN_PROGRESS_ADJUSTMENT_STATUSES: readonly AdjustmentStatus[] = [
  'draft',
  'submitted',
  'approved',
  'applied',
];

/** What an entry of an adjustment's status trail records. undo/redo: a status change undone or redone. */
export const ADJUSTMENT_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'apply',
  'evaluate',
  'confirm',
  'undo',
  'redo',
] as const;

/**
 * A proposed change to the plan: a module's or task's budget (by a signed amount, 追加/削减), a
 * task's dates or owner, a metric's target, the strategy's end date, or a new task.
 */
export const CHANGE_KINDS = [
  'module_budget',
  'task_budget',
  'task_dates',
  'task_owner',
  'metric_target',
  'project_end',
  'new_task',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Why an adjustment is major (each rule of the project that it meets). */
export const MAJOR_REASONS = ['budget_over_pct', 'end_date_moved', 'goal_target_changed'] as const;
export type MajorReason = (typeof MAJOR_REASONS)[number];

// ---- Per-project editable lists (stored on the project; null there means these defaults) ----

export const DEFAULT_ISSUE_CATEGORIES = ['资源不足', '流程卡点', '跨部门协作', '外部因素', '其他'];
export const DEFAULT_FEEDBACK_CHANNELS = ['客户调研', '渠道商沟通', '舆情监测', '执行团队', '数据分析'];
export const DEFAULT_CAUSE_CATEGORIES = [
  '素材吸引力不足',
  '目标人群定位偏差',
  '渠道选择',
  '预算',
  '执行延迟',
];
export const LIST_MAX_ITEMS = 100;
export const LISTS = ['issueCategories', 'feedbackChannels', 'causeCategories'] as const;

/** One list: distinct names (trimmed, 1–100 characters each), in the user's order. */
const listItems = deferred(() =>
  z
    .array(name.max(100))
    .max(LIST_MAX_ITEMS)
    .refine((items) => new Set(items.map((i) => i.trim())).size === items.length, {
      params: { reason: 'duplicate_name' },
    }),
);

/** Defaults: over 10 % of the strategy's budget, end date moved, a goal target changed. */
export const DEFAULT_MAJOR_BUDGET_PCT = 10;

export const majorRulesSchema = deferred(() =>
  z.object({
    /**
     * Major when the budget changes of one adjustment (absolute values added up) are MORE than
     * this percent of the strategy's 预算 (strictly greater; exactly the percent is not major).
     * null: the rule is off.
     */
    budgetPct: z.int().min(0).max(100).nullable(),
    /** Major when it moves the strategy's end date. */
    endDateMoved: z.boolean(),
    /** Major when it changes the target of a metric linked to the SMART goal. */
    goalTargetChanged: z.boolean(),
  }),
);
export type MajorRules = z.infer<typeof majorRulesSchema>;

export const feedbackSettingsSchema = deferred(() =>
  z.object({
    projectId: id,
    issueCategories: z.array(z.string()),
    feedbackChannels: z.array(z.string()),
    causeCategories: z.array(z.string()),
    majorRules: majorRulesSchema,
  }),
);
export type FeedbackSettings = z.infer<typeof feedbackSettingsSchema>;

export const feedbackSettingsPatchSchema = deferred(() =>
  z
    .object({
      issueCategories: listItems,
      feedbackChannels: listItems,
      causeCategories: listItems,
      majorRules: majorRulesSchema.partial().strict(),
    })
    .partial()
    .strict(),
);

// ---- Who the app's user is in a project ----

export const identitySchema = deferred(() =>
  z.object({
    projectId: id,
    /** This installation (its id and the name it writes into exported files). */
    replicaId: z.string(),
    replicaName: z.string(),
    /** The team member this installation is, in this project; null until matched. */
    personId: id.nullable(),
    personName: z.string().nullable(),
    /** Whether that member is the project's 总负责人 (may approve and reject). */
    isOverallOwner: z.boolean(),
    /** A member whose name equals the installation's name, to offer when not matched yet. */
    suggestedPersonId: id.nullable(),
  }),
);
export type Identity = z.infer<typeof identitySchema>;

// ---- Links shown on a row (clickable both ways) ----

export const linkSchema = deferred(() => z.object({ id, label: z.string() }));
export const adjustmentLinkSchema = deferred(() =>
  z.object({
    id,
    label: z.string(),
    status: z.enum(ADJUSTMENT_STATUSES),
  }),
);
export type Link = z.infer<typeof linkSchema>;

// ---- 执行问题记录表: the issue log ----

export const issueSchema = deferred(() =>
  z.object({
    id,
    projectId: id,
    reportedOn: isoDate, // 日期
    reporterId: id.nullable(), // 提出人 (team member)
    moduleId: id.nullable(), // 模块 and/or 任务
    taskId: id.nullable(),
    category: z.string(), // 资源不足 … (the project's list)
    title: z.string(), // 问题/障碍
    impact: z.string(), // 影响
    supportNeeded: z.string(), // 需协调支持的事项
    severity: z.enum(ISSUE_SEVERITIES),
    ownerId: id.nullable(), // 负责人
    dueDate: isoDate.nullable(), // 期限
    status: z.enum(ISSUE_STATUSES),
    resolution: z.string(), // 解决方案
    resolvedOn: isoDate.nullable(), // 解决日期
    /** Names for the grid (null when not set). */
    reporterName: z.string().nullable(),
    ownerName: z.string().nullable(),
    moduleName: z.string().nullable(),
    taskLabel: z.string().nullable(), // "M003 直播带货"
    /** Root causes that explain it and adjustments that answer it. */
    rootCauses: z.array(linkSchema),
    adjustments: z.array(adjustmentLinkSchema),
    updatedAt: z.string(),
  }),
);
export type Issue = z.infer<typeof issueSchema>;

export const issuePatchSchema = deferred(() =>
  z
    .object({
      reportedOn: isoDate,
      reporterId: id.nullable(),
      moduleId: id.nullable(),
      taskId: id.nullable(),
      category: z.string().trim().max(100),
      title: name,
      impact: longText,
      supportNeeded: longText,
      severity: z.enum(ISSUE_SEVERITIES),
      ownerId: id.nullable(),
      dueDate: isoDate.nullable(),
      status: z.enum(ISSUE_STATUSES),
      resolution: longText,
      resolvedOn: isoDate.nullable(),
    })
    .partial()
    .strict(),
);
export type IssuePatch = z.infer<typeof issuePatchSchema>;
export const newIssueSchema = deferred(() => issuePatchSchema.extend({ title: name, reportedOn: isoDate }));

// ---- Feedback log ----

export const feedbackSchema = deferred(() =>
  z.object({
    id,
    projectId: id,
    source: z.enum(FEEDBACK_SOURCES),
    channel: z.string(), // 客户调研 … (the project's list)
    receivedOn: isoDate,
    content: z.string(),
    sentiment: z.enum(SENTIMENTS).nullable(),
    moduleId: id.nullable(),
    taskId: id.nullable(),
    metricId: id.nullable(),
    /**
     * 数据反馈 made from an attention item of 概览: the item's stable key (e.g.
     * "metric_behind:<metricId>"), and the metric's target, actual and gap when it was recorded.
     */
    gapKey: z.string().nullable(),
    targetC: hundredths.nullable(),
    actualC: hundredths.nullable(),
    /** Actual against target in %, positive is better (as the dashboard's finalVariancePct). */
    gapPct: z.number().nullable(),
    moduleName: z.string().nullable(),
    taskLabel: z.string().nullable(),
    metricName: z.string().nullable(),
    rootCauses: z.array(linkSchema),
    adjustments: z.array(adjustmentLinkSchema),
    updatedAt: z.string(),
  }),
);
export type Feedback = z.infer<typeof feedbackSchema>;

export const feedbackPatchSchema = deferred(() =>
  z
    .object({
      source: z.enum(FEEDBACK_SOURCES),
      channel: z.string().trim().max(100),
      receivedOn: isoDate,
      content: longText,
      sentiment: z.enum(SENTIMENTS).nullable(),
      moduleId: id.nullable(),
      taskId: id.nullable(),
      metricId: id.nullable(),
    })
    .partial()
    .strict(),
);
export type FeedbackPatch = z.infer<typeof feedbackPatchSchema>;
export const newFeedbackSchema = deferred(() =>
  feedbackPatchSchema.extend({
    source: z.enum(FEEDBACK_SOURCES),
    receivedOn: isoDate,
    content: longText.refine((t) => t.trim().length > 0, { params: { reason: 'required' } }),
  }),
);

// ---- Root causes ----

export const rootCauseSchema = deferred(() =>
  z.object({
    id,
    projectId: id,
    category: z.string(), // 素材吸引力不足 … (the project's list)
    title: z.string(), // 详情页卖点不突出
    analysis: z.string(), // free text, e.g. five whys
    /** What it explains. */
    issues: z.array(linkSchema),
    feedback: z.array(linkSchema),
    /** Adjustments that answer it. */
    adjustments: z.array(adjustmentLinkSchema),
    updatedAt: z.string(),
  }),
);
export type RootCause = z.infer<typeof rootCauseSchema>;

const linkIds = /* @__PURE__ */ z.array(id).max(200);
export const rootCausePatchSchema = deferred(() =>
  z
    .object({
      category: z.string().trim().max(100),
      title: name,
      analysis: longText,
      /** Replace the records it explains (issues, feedback incl. 数据反馈 gaps). */
      issueIds: linkIds,
      feedbackIds: linkIds,
    })
    .partial()
    .strict(),
);
export const newRootCauseSchema = deferred(() => rootCausePatchSchema.extend({ title: name }));

// ---- Adjustments (策略调整审批表) ----

/** A signed amount of fen: + adds budget (追加), − takes it away. */
export const signedFen = /* @__PURE__ */ z.int().min(-MAX_FEN).max(MAX_FEN);

/** A proposed change as the caller writes it; `id` of an existing change keeps it (merge-friendly). */
export const changeInputSchema = deferred(() =>
  z
    .object({
      id: id.optional(),
      kind: z.enum(CHANGE_KINDS),
      /** module_budget: the module; new_task: the module of the new task (optional). */
      moduleId: id.nullable().optional(),
      /** task_budget, task_dates, task_owner: the task. */
      taskId: id.nullable().optional(),
      /** metric_target: the metric. */
      metricId: id.nullable().optional(),
      /** module_budget, task_budget: the signed change. */
      deltaFen: signedFen.nullable().optional(),
      /** task_dates (either or both), new_task; project_end: newEnd. */
      newStart: isoDate.nullable().optional(),
      newEnd: isoDate.nullable().optional(),
      /** task_owner, new_task. */
      newOwnerId: id.nullable().optional(),
      /** metric_target. */
      newTargetC: hundredths.nullable().optional(),
      /** new_task: its name and budget. */
      newName: z.string().trim().max(NAME_MAX).optional(),
      newBudgetFen: fen.nullable().optional(),
    })
    .strict(),
);
export type ChangeInput = z.infer<typeof changeInputSchema>;

export const changeSchema = deferred(() =>
  z.object({
    id,
    adjustmentId: id,
    position: z.int(),
    kind: z.enum(CHANGE_KINDS),
    moduleId: id.nullable(),
    taskId: id.nullable(),
    metricId: id.nullable(),
    deltaFen: signedFen.nullable(),
    newStart: isoDate.nullable(),
    newEnd: isoDate.nullable(),
    newOwnerId: id.nullable(),
    newTargetC: hundredths.nullable(),
    newName: z.string(),
    newBudgetFen: fen.nullable(),
    /**
     * The value now (before applying: what it would change from) or as it was when applied,
     * for "from → to": budget (fen, the module's effective budget), dates, owner, target.
     */
    beforeFen: z.int().nullable(),
    beforeStart: isoDate.nullable(),
    beforeEnd: isoDate.nullable(),
    beforeOwnerId: id.nullable(),
    beforeTargetC: hundredths.nullable(),
    /** The task made by applying a new_task change. */
    createdTaskId: id.nullable(),
    /** Names for display: the module, "M003 直播带货", the metric, the new owner, the old owner. */
    moduleName: z.string().nullable(),
    taskLabel: z.string().nullable(),
    metricName: z.string().nullable(),
    newOwnerName: z.string().nullable(),
    beforeOwnerName: z.string().nullable(),
    /** The target of the change no longer exists (deleted since): applying is refused. */
    targetMissing: z.boolean(),
  }),
);
export type AdjustmentChange = z.infer<typeof changeSchema>;

export const adjustmentEventSchema = deferred(() =>
  z.object({
    id,
    action: z.enum(ADJUSTMENT_ACTIONS),
    fromStatus: z.enum(ADJUSTMENT_STATUSES),
    toStatus: z.enum(ADJUSTMENT_STATUSES),
    comment: z.string(),
    /** The calendar date the user gave (decision date), null for undo/redo. */
    date: isoDate.nullable(),
    /** The team member the installation was matched to then (by id and name as it was). */
    personId: id.nullable(),
    personName: z.string().nullable(),
    replicaId: z.string(),
    replicaName: z.string(),
    /** UTC instant. */
    at: z.string(),
  }),
);
export type AdjustmentEvent = z.infer<typeof adjustmentEventSchema>;

export const decisionSchema = deferred(() =>
  z.object({
    outcome: z.enum(['approved', 'rejected']),
    date: isoDate.nullable(),
    comment: z.string(),
    personId: id.nullable(),
    personName: z.string().nullable(),
    replicaId: z.string().nullable(),
    replicaName: z.string().nullable(),
    /**
     * True when the installation that recorded it is matched to the project's 总负责人 (or the
     * owner confirmed it since). False: arrived by merge from someone else, for the owner to
     * confirm or reject (adjustments.confirmDecision); applying a major one is refused until then.
     */
    verified: z.boolean(),
    /** Recorded by this installation. */
    local: z.boolean(),
  }),
);

export const adjustmentSchema = deferred(() =>
  z.object({
    id,
    projectId: id,
    title: z.string(),
    moduleId: id.nullable(), // the module it belongs to (Table 1 row)
    proposerId: id.nullable(), // 申请人
    ownerId: id.nullable(), // 调整后的责任人
    measures: z.string(), // 具体措施
    deadline: isoDate.nullable(), // 时间节点
    /** Expected effect: this metric reaching this value by this date. */
    expectedMetricId: id.nullable(),
    expectedValueC: hundredths.nullable(),
    expectedBy: isoDate.nullable(),
    status: z.enum(ADJUSTMENT_STATUSES),
    submittedOn: isoDate.nullable(),
    decision: decisionSchema.nullable(),
    appliedOn: isoDate.nullable(),
    /** The effect as read from the metric when evaluated, and the note of the review. */
    actualValueC: hundredths.nullable(),
    evaluatedOn: isoDate.nullable(),
    effectNote: z.string(),
    /** Judged now by the project's rules; major needs approval before applying. */
    major: z.boolean(),
    majorReasons: z.array(z.enum(MAJOR_REASONS)),
    /** Sum of the absolute budget changes (fen), as the budget rule adds them up. */
    budgetChangeFen: z.int().min(0),
    /** What the budget rule compares with: the strategy's 预算 (or its tasks' sum when not set). */
    budgetBaseFen: z.int().min(0),
    /** Names for the grid. */
    moduleName: z.string().nullable(),
    proposerName: z.string().nullable(),
    ownerName: z.string().nullable(),
    expectedMetricName: z.string().nullable(),
    /** The metric's current value (for "expected vs actual" before evaluating). */
    expectedMetricActualC: z.number().nullable(),
    /** The causes it answers. */
    issues: z.array(linkSchema),
    feedback: z.array(linkSchema),
    rootCauses: z.array(linkSchema),
    changes: z.array(changeSchema),
    /** The status trail, oldest first (undo/redo of a status change are entries too). */
    history: z.array(adjustmentEventSchema),
    /** What the workflow allows now (for enabling buttons; the channels check again). */
    can: z.object({
      edit: z.boolean(),
      submit: z.boolean(),
      decide: z.boolean(),
      apply: z.boolean(),
      evaluate: z.boolean(),
      confirmDecision: z.boolean(),
      delete: z.boolean(),
    }),
    updatedAt: z.string(),
  }),
);
export type Adjustment = z.infer<typeof adjustmentSchema>;

export const adjustmentPatchSchema = deferred(() =>
  z
    .object({
      title: name,
      moduleId: id.nullable(),
      proposerId: id.nullable(),
      ownerId: id.nullable(),
      measures: longText,
      deadline: isoDate.nullable(),
      expectedMetricId: id.nullable(),
      expectedValueC: hundredths.nullable(),
      expectedBy: isoDate.nullable(),
      issueIds: linkIds,
      feedbackIds: linkIds,
      rootCauseIds: linkIds,
      /** Replaces the proposed changes (kept by id, others removed, new ones added). */
      changes: z.array(changeInputSchema).max(200),
      /** The only field editable after submission (the review of the effect). */
      effectNote: longText,
    })
    .partial()
    .strict(),
);
export type AdjustmentPatch = z.infer<typeof adjustmentPatchSchema>;
export const newAdjustmentSchema = deferred(() => adjustmentPatchSchema.extend({ title: name }));

const comment = /* @__PURE__ */ longText.optional();
/** A workflow step: `today` is the user's calendar date, recorded as the step's date. */
export const workflowInputSchema = deferred(() => z.object({ id, today: isoDate, comment }).strict());
export const evaluateInputSchema = deferred(() =>
  z
    .object({
      id,
      today: isoDate,
      /** The actual effect; when absent it is read from the expected metric's current value. */
      actualValueC: hundredths.nullable().optional(),
      note: longText.optional(),
    })
    .strict(),
);
export const confirmDecisionInputSchema = deferred(() =>
  z.object({ id, today: isoDate, confirm: z.boolean(), comment }).strict(),
);

/** Everything the printable 策略调整审批表 shows, in one answer. */
export const approvalFormSchema = deferred(() =>
  z.object({
    projectName: z.string(),
    goal: z.string(),
    overallOwnerName: z.string().nullable(),
    projectBudgetFen: fen.nullable(),
    adjustment: adjustmentSchema,
  }),
);

// ---- Table 1 and 概览: open issues and adjustments per module ----

export const followUpSummarySchema = deferred(() =>
  z.object({
    /** Open issues (待处理 + 处理中) of the whole project. */
    openIssues: z.int().min(0),
    /** Adjustments waiting for the owner's decision (已提交). */
    awaitingApproval: z.int().min(0),
    /** Adjustments in progress (草稿, 已提交, 已批准, 已实施). */
    adjustmentsInProgress: z.int().min(0),
    /** Per module of Table 1 (every module, in Table 1's order). */
    modules: z.array(
      z.object({
        moduleId: id,
        openIssueCount: z.int().min(0),
        /** Titles of the open issues, oldest first. */
        openIssues: z.array(linkSchema),
        /** Adjustments in progress of the module (its own, or changing its budget or its tasks). */
        adjustments: z.array(adjustmentLinkSchema),
      }),
    ),
  }),
);
export type FollowUpSummary = z.infer<typeof followUpSummarySchema>;

/** What a closed period's snapshot kept of a module's open issues and adjustments. */
export const snapshotFollowUpSchema = deferred(() =>
  z.object({
    openIssues: z.array(z.string()),
    adjustments: z.array(z.object({ title: z.string(), status: z.enum(ADJUSTMENT_STATUSES) })),
  }),
);
