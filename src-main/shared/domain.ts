/**
 * The records of a campaign plan as the renderer sees them (camelCase, dates as YYYY-MM-DD,
 * money as integer fen). The zod schemas are the single source of both the runtime checks and
 * the TypeScript types.
 */
import { z } from 'zod';
import { deferred } from './deferred';
import { CYCLES } from './tracking';
import { PROGRESS_MAX, PROGRESS_MIN } from './limits';
import { fen, id, isoDate, longText, name, progress } from './values';

export const PROJECT_STATUSES = ['planning', 'active', 'done', 'archived'] as const;
export const PERSON_ROLES = ['overall_owner', 'module_owner', 'executor'] as const;

const stamp = /* @__PURE__ */ z.string(); // ISO timestamp of the last write, for display and (later) merging

export const projectSchema = deferred(() =>
  z.object({
    id,
    name: z.string(),
    goal: z.string(), // 目标描述 (SMART)
    ownerId: id.nullable(), // 总负责人, a member of the team
    start: isoDate.nullable(), // 时间周期
    end: isoDate.nullable(),
    status: z.enum(PROJECT_STATUSES),
    actions: z.string(), // 核心动作
    audience: z.string(), // 目标受众
    budgetFen: fen.nullable(), // 预算
    manpower: z.string(), // 人力
    channels: z.string(), // 渠道
    expectedOutcome: z.string(), // 预期成果
    trackingCycle: z.enum(CYCLES), // 跟踪周期: how often Table 1 gets a new tracking period
    gapThresholdPct: progress, // a metric this many percent behind its pro-rated target needs attention
    createdAt: stamp,
    updatedAt: stamp,
  }),
);
export type Project = z.infer<typeof projectSchema>;

export const projectSummarySchema = deferred(() =>
  z.object({
    id,
    name: z.string(),
    status: z.enum(PROJECT_STATUSES),
    start: isoDate.nullable(),
    end: isoDate.nullable(),
    ownerName: z.string().nullable(),
    taskCount: z.int(),
    /** Tasks' progress averaged with each task weighted by its duration in days. */
    progress: z.number().min(PROGRESS_MIN).max(PROGRESS_MAX),
  }),
);
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const personSchema = deferred(() =>
  z.object({
    id,
    projectId: id,
    name: z.string(),
    role: z.enum(PERSON_ROLES),
    group: z.string(), // 内容组, 渠道组, 数据组, 销售组 … free text
    reportsToId: id.nullable(),
    position: z.int(),
  }),
);
export type Person = z.infer<typeof personSchema>;

/** A row of Table 1 (营销策略执行跟踪总表): one core module of the strategy. */
export const moduleSchema = deferred(() =>
  z.object({
    id,
    projectId: id,
    name: z.string(), // 核心模块
    ownerId: id.nullable(), // 责任人
    progress: z.number().min(PROGRESS_MIN).max(PROGRESS_MAX), // 当前进度 (rolled up from tasks unless overridden)
    progressOverride: progress.nullable(),
    milestone: z.string(), // 关键节点
    summary: z.string(), // 执行情况简述
    issues: z.string(), // 问题反馈
    suggestions: z.string(), // 调整建议
    result: z.string(), // 结果达成情况(当前)
    /** The module's own budget (预算, fen); null: the sum of its tasks' budgets. An adjustment may set it. */
    budgetFen: fen.nullable(),
    position: z.int(),
  }),
);
export type Module = z.infer<typeof moduleSchema>;

/** A row of Table 2 (执行任务拆解表). */
export const taskSchema = deferred(() =>
  z.object({
    id,
    projectId: id,
    code: z.string(), // 任务ID, M001…: a label, never a key
    name: z.string(), // 任务名称
    deliverable: z.string(), // 任务描述(交付物)
    ownerId: id.nullable(), // 负责人, exactly one person of the team (or not yet chosen)
    start: isoDate.nullable(), // 起止时间
    end: isoDate.nullable(),
    budgetFen: fen.nullable(), // 所需资源: 预算
    manpower: z.string(), // 所需资源: 人力
    tools: z.string(), // 所需资源: 工具
    criteria: z.string(), // 完成标准
    progress, // 当前进度 0–100
    notes: z.string(), // 备注(风险/依赖)
    moduleId: id.nullable(),
    parentId: id.nullable(), // WBS: the task this one is part of
    milestone: z.boolean(), // 里程碑
    blocked: z.boolean(), // 受阻, set by the owner (other statuses are derived)
    predecessorIds: z.array(id), // 前置任务: tasks that must finish first
    trackingCycle: z.enum(CYCLES).nullable(), // 跟踪周期: a check-in is expected every day / week / month
    position: z.int(),
    updatedAt: stamp,
  }),
);
export type Task = z.infer<typeof taskSchema>;

// ---- What a caller may write. Objects are strict: an unknown key is refused, not ignored. ----

export const projectPatchSchema = deferred(() =>
  z
    .object({
      name,
      goal: longText,
      ownerId: id.nullable(),
      start: isoDate.nullable(),
      end: isoDate.nullable(),
      status: z.enum(PROJECT_STATUSES),
      actions: longText,
      audience: longText,
      budgetFen: fen.nullable(),
      manpower: longText,
      channels: longText,
      expectedOutcome: longText,
      trackingCycle: z.enum(CYCLES),
      gapThresholdPct: progress,
    })
    .partial()
    .strict(),
);
export type ProjectPatch = z.infer<typeof projectPatchSchema>;

export const personPatchSchema = deferred(() =>
  z
    .object({
      name,
      role: z.enum(PERSON_ROLES),
      group: z.string().trim().max(100),
      reportsToId: id.nullable(),
    })
    .partial()
    .strict(),
);
export type PersonPatch = z.infer<typeof personPatchSchema>;

export const modulePatchSchema = deferred(() =>
  z
    .object({
      name,
      ownerId: id.nullable(),
      progressOverride: progress.nullable(),
      milestone: longText,
      summary: longText,
      issues: longText,
      suggestions: longText,
      result: longText,
      budgetFen: fen.nullable(),
    })
    .partial()
    .strict(),
);
export type ModulePatch = z.infer<typeof modulePatchSchema>;

// Built when the module loads, not deferred: every edit and every pasted row is parsed against
// it, and a deferred schema inside another costs a look-up through its stand-in per parse.
export const taskPatchSchema = /* @__PURE__ */ z
  .object({
    name,
    deliverable: longText,
    ownerId: id.nullable(),
    start: isoDate.nullable(),
    end: isoDate.nullable(),
    budgetFen: fen.nullable(),
    manpower: longText,
    tools: longText,
    criteria: longText,
    progress,
    notes: longText,
    moduleId: id.nullable(),
    milestone: z.boolean(),
    blocked: z.boolean(),
    predecessorIds: z.array(id).max(200),
    trackingCycle: z.enum(CYCLES).nullable(),
  })
  .partial()
  .strict();
export type TaskPatch = z.infer<typeof taskPatchSchema>;

/** A new task: a name at least, optionally placed under a parent (the WBS is changed later by indent/outdent). */
export const newTaskSchema = deferred(() =>
  taskPatchSchema.extend({ name, parentId: id.nullable().optional() }),
);
export type NewTask = z.infer<typeof newTaskSchema>;
