/**
 * The typed contract between renderer and main process: every channel with a zod schema for
 * its input and its output. The router parses inputs (and checks outputs) against it; the
 * renderer's client takes its argument and result types from it. Transport is not its concern.
 */
import { z } from 'zod';
import { builtOnFirstRead, deferred } from './deferred';
import type { Channel } from './channels';
import type { ErrorParams } from './errors';
import { projectFileChannels } from './project-file-contract';
import { backupChannels } from './backups';
import { FIRST_ROWS_MAX, taskRowsSchema } from './task-rows';
import {
  moduleSchema,
  modulePatchSchema,
  personPatchSchema,
  personSchema,
  projectPatchSchema,
  projectSchema,
  projectSummarySchema,
  newTaskSchema,
  taskPatchSchema,
  taskSchema,
  PERSON_ROLES,
} from './domain';
import {
  actualInputSchema,
  actualSchema,
  checkinInputSchema,
  checkinSchema,
  dashboardSchema,
  metricPatchSchema,
  metricSchema,
  moduleSnapshotSchema,
  newSpendSchema,
  periodSchema,
  spendPatchSchema,
  spendSchema,
} from './tracking';
import { lessonHitSchema, lessonPatchSchema, lessonSchema, lessonSearchSchema } from './lessons';
import { retrospectiveSchema } from './retro';
import { LONG_TEXT_MAX, NAME_MAX } from './limits';
import { id, isoDate, name } from './values';
import {
  adjustmentSchema,
  adjustmentPatchSchema,
  approvalFormSchema,
  confirmDecisionInputSchema,
  evaluateInputSchema,
  feedbackPatchSchema,
  feedbackSchema,
  feedbackSettingsPatchSchema,
  feedbackSettingsSchema,
  followUpSummarySchema,
  identitySchema,
  issuePatchSchema,
  issueSchema,
  newAdjustmentSchema,
  newFeedbackSchema,
  newIssueSchema,
  newRootCauseSchema,
  rootCausePatchSchema,
  rootCauseSchema,
  workflowInputSchema,
} from './feedback';

const byId = deferred(() => z.object({ id }).strict());
const byProject = deferred(() => z.object({ projectId: id }).strict());
const deleted = deferred(() => z.object({ id }));
const historyStateSchema = deferred(() =>
  z.object({ undo: z.string().nullable(), redo: z.string().nullable() }),
);

const sheetTable = deferred(() => z.enum(['tasks', 'modules']));
/** Tables that export (Table 1, Table 2, and the issue, feedback, root-cause and adjustment logs). */
const exportTable = deferred(() =>
  z.enum(['tasks', 'modules', 'issues', 'feedback', 'causes', 'adjustments']),
);
const sheetFormat = deferred(() => z.enum(['xlsx', 'csv']));
const sheetLanguage = deferred(() => z.enum(['zh-CN', 'en']));
/** A spreadsheet file sent from the renderer (base64 of its bytes), at most 20 MB. */
const sheetFile = deferred(() =>
  z
    .object({
      projectId: id,
      table: sheetTable,
      fileName: z.string().min(1).max(255),
      base64: z.string().max(28_000_000),
      /** The year of dates written without one, as the user chose it in the preview. */
      year: z.int().min(1900).max(2199).optional(),
      /** Cells corrected in the preview: the row (its number in the file) and the field of its column. */
      edits: z
        .array(
          z
            .object({
              ref: z.int().min(1),
              field: z.string().min(1).max(40),
              text: z.string().max(LONG_TEXT_MAX),
            })
            .strict(),
        )
        .max(10_000)
        .optional(),
      /** Import: keep cells that cannot be read as their column's value as text in 备注 (the preview lists them). */
      keepText: z.boolean().optional(),
    })
    .strict(),
);
const sheetPreviewSchema = deferred(() =>
  z.object({
    format: z.enum(['xlsx', 'csv']),
    /** The worksheet read (empty for a .csv). */
    sheetName: z.string(),
    /** Which column of the file feeds which field (by header, Chinese or English); unknown headers are ignored. */
    columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
    /** The first rows as they were read (text per field), with the code each task gets or whether a module is updated. */
    rows: z.array(
      z.object({
        ref: z.int(),
        cells: z.record(z.string(), z.string()),
        code: z.string().optional(),
        action: z.enum(['create', 'update']).optional(),
      }),
    ),
    problems: z.array(
      z.object({
        ref: z.int(), // row number in the file (header = 1)
        column: z.string().nullable(),
        reason: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
        /** The row's field the cell feeds (what an edit names), and its text. */
        field: z.string().nullable(),
        text: z.string(),
        /** Kept as text in 备注 (the row imports) rather than blocking the import. */
        kept: z.boolean(),
      }),
    ),
    /** All problems found; only the first 500 are listed. */
    problemCount: z.int(),
    /** Of those, the ones that block the import (rows that would break the plan). */
    blockingCount: z.int(),
    /** The year taken for dates written without one, and where it was found; null when every date had its year. */
    year: z
      .object({
        value: z.int(),
        source: z.enum(['chosen', 'sheet', 'dates', 'fileName', 'project', 'today']),
        text: z.string(),
      })
      .nullable(),
    /** Owners named in the file who are not in the team yet: the import adds them. */
    newPeople: z.array(z.string()),
    /** Table 1: the strategy's cells (goal, overall owner, period) that fill in what the project lacks. */
    projectFields: z.array(z.object({ field: z.string(), value: z.string() })),
    /** Rows of data in the file. */
    total: z.int(),
  }),
);

/**
 * Each channel's schemas, built on the channel's first call (see deferred.ts): a start builds
 * only what its first queries need.
 */
const channelSchemas = {
  'app.info': () => ({
    input: z.object({}).strict(),
    output: z.object({ version: z.string(), schemaVersion: z.int() }),
  }),
  'projects.list': () => ({ input: z.object({}).strict(), output: z.array(projectSummarySchema) }),
  'projects.get': () => ({ input: byId, output: projectSchema }),
  'projects.create': () => ({ input: z.object({ name }).strict(), output: projectSchema }),
  'projects.rename': () => ({ input: z.object({ id, name }).strict(), output: projectSchema }),
  'projects.update': () => ({
    input: z.object({ id, patch: projectPatchSchema }).strict(),
    output: projectSchema,
  }),
  'projects.delete': () => ({ input: byId, output: deleted }),

  'people.list': () => ({ input: byProject, output: z.array(personSchema) }),
  'people.create': () => ({
    input: z
      .object({
        projectId: id,
        name,
        role: z.enum(PERSON_ROLES).optional(),
        group: z.string().trim().max(100).optional(),
        reportsToId: id.nullable().optional(),
      })
      .strict(),
    output: personSchema,
  }),
  'people.update': () => ({
    input: z.object({ id, patch: personPatchSchema }).strict(),
    output: personSchema,
  }),
  'people.delete': () => ({ input: byId, output: deleted }),

  'modules.list': () => ({ input: byProject, output: z.array(moduleSchema) }),
  'modules.create': () => ({
    input: z.object({ projectId: id, values: modulePatchSchema.extend({ name }) }).strict(),
    output: moduleSchema,
  }),
  'modules.update': () => ({
    input: z.object({ id, patch: modulePatchSchema }).strict(),
    output: moduleSchema,
  }),
  'modules.delete': () => ({ input: byId, output: deleted }),

  'tasks.list': () => ({
    input: z
      .object({
        projectId: id,
        /**
         * Only the first rows (at least this many, up to the end of the last top-level task's
         * block, so every parent among them comes with all its sub-tasks): Table 2's first screen.
         */
        first: z.int().min(1).max(FIRST_ROWS_MAX).optional(),
      })
      .strict(),
    output: taskRowsSchema, // rows as arrays: task-rows.ts
  }),
  'tasks.create': () => ({
    input: z
      .object({
        projectId: id,
        /** Insert right below this task; at the end when absent. */
        afterId: id.nullable().optional(),
        values: newTaskSchema,
      })
      .strict(),
    output: taskSchema,
  }),
  'tasks.update': () => ({ input: z.object({ id, patch: taskPatchSchema }).strict(), output: taskSchema }),
  'tasks.delete': () => ({
    input: z.object({ ids: z.array(id).min(1).max(100_000) }).strict(),
    output: z.object({ ids: z.array(id) }),
  }),
  /** Reordering and the WBS outline answer with the whole table in its new order. */
  'tasks.move': () => ({
    input: z.object({ id, direction: z.enum(['up', 'down']) }).strict(),
    output: z.array(taskSchema),
  }),
  'tasks.indent': () => ({ input: byId, output: z.array(taskSchema) }),
  'tasks.outdent': () => ({ input: byId, output: z.array(taskSchema) }),
  /** A block pasted from Excel/WPS: all rows or none (problems listed in error.problems). */
  'tasks.paste': () => ({
    input: z
      .object({
        projectId: id,
        rows: z
          .array(
            z
              .object({
                ref: z.int().min(1),
                id: id.optional(),
                values: taskPatchSchema,
                /** An owner who joins the team with this paste (named in newPeople). */
                ownerName: name.optional(),
              })
              .strict(),
          )
          .min(1)
          .max(100_000),
        /** Owners not in the team yet, listed to and confirmed by the user: they join it as executors. */
        newPeople: z.array(name).max(1000).optional(),
      })
      .strict(),
    /**
     * The rows as stored after the paste (updated and created), so the table need not reload:
     * rows as arrays, as tasks.list sends them (task-rows.ts; the client makes them Task objects).
     */
    output: z.object({ updated: z.int(), created: z.array(id), tasks: taskRowsSchema }),
  }),

  'history.state': () => ({ input: byProject, output: historyStateSchema }),
  'history.undo': () => ({ input: byProject, output: historyStateSchema }),
  'history.redo': () => ({ input: byProject, output: historyStateSchema }),

  /**
   * Table 1, Table 2 or a log of steps 四/五 (issues, feedback, causes, adjustments) as a
   * spreadsheet, with the template's headers in the UI language (Chinese headers for zh-CN).
   */
  'sheets.export': () => ({
    input: z
      .object({ projectId: id, table: exportTable, format: sheetFormat, language: sheetLanguage })
      .strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }),
  }),
  /** What importing a file would do, with every problem found; writes nothing. */
  'sheets.preview': () => ({ input: sheetFile, output: sheetPreviewSchema }),
  /** Imports the file's rows into the project: all or nothing. */
  'sheets.import': () => ({
    input: sheetFile,
    output: z.object({ created: z.int(), updated: z.int(), newPeople: z.array(z.string()) }),
  }),

  'metrics.list': () => ({ input: byProject, output: z.array(metricSchema) }),
  /** A new metric, placed at the end of the list. */
  'metrics.create': () => ({
    input: z.object({ projectId: id, values: metricPatchSchema.extend({ name }) }).strict(),
    output: metricSchema,
  }),
  'metrics.update': () => ({
    input: z.object({ id, patch: metricPatchSchema }).strict(),
    output: metricSchema,
  }),
  /** Deletes the metric with its recorded values. */
  'metrics.delete': () => ({ input: byId, output: deleted }),

  /** Every recorded value of every metric of the project. */
  'actuals.list': () => ({ input: byProject, output: z.array(actualSchema) }),
  /** Records a metric's value for a period, replacing the value recorded for the same period start. */
  'actuals.upsert': () => ({ input: actualInputSchema, output: actualSchema }),
  'actuals.delete': () => ({ input: byId, output: deleted }),

  /** Tracking periods, oldest first; the last is the current one. */
  'periods.list': () => ({ input: byProject, output: z.array(periodSchema) }),
  /**
   * Closes the current period (keeping Table 1 as it is now) and opens the next one; the first
   * period is the one of the project's cycle containing `today` (the user's calendar date).
   */
  'periods.open': () => ({
    input: z.object({ projectId: id, today: isoDate, ahead: z.boolean().optional() }).strict(),
    output: periodSchema,
  }),
  /** Table 1 as it stood when the period was closed (empty for the current period). */
  'periods.snapshot': () => ({
    input: z.object({ periodId: id }).strict(),
    output: z.array(moduleSnapshotSchema),
  }),

  'spend.list': () => ({ input: byProject, output: z.array(spendSchema) }),
  'spend.create': () => ({
    input: z.object({ projectId: id, values: newSpendSchema }).strict(),
    output: spendSchema,
  }),
  'spend.update': () => ({ input: z.object({ id, patch: spendPatchSchema }).strict(), output: spendSchema }),
  'spend.delete': () => ({ input: byId, output: deleted }),

  'checkins.list': () => ({ input: byProject, output: z.array(checkinSchema) }),
  /** Records a check-in and sets the task's progress to it (unless an older date is filled in). */
  'checkins.create': () => ({ input: checkinInputSchema, output: checkinSchema }),
  'checkins.delete': () => ({ input: byId, output: deleted }),

  /** Everything the overview page shows, as of `today` (the user's calendar date). */
  'dashboard.get': () => ({
    input: z.object({ projectId: id, today: isoDate }).strict(),
    output: dashboardSchema,
  }),

  /** The retrospective's results (step 六), as of `today` or the campaign's end if earlier. */
  'retro.get': () => ({
    input: z.object({ projectId: id, today: isoDate }).strict(),
    output: retrospectiveSchema,
  }),

  'lessons.list': () => ({ input: byProject, output: z.array(lessonSchema) }),
  'lessons.create': () => ({
    input: z
      .object({
        projectId: id,
        values: lessonPatchSchema.required({ kind: true, text: true }),
      })
      .strict(),
    output: lessonSchema,
  }),
  'lessons.update': () => ({
    input: z.object({ id, patch: lessonPatchSchema }).strict(),
    output: lessonSchema,
  }),
  'lessons.delete': () => ({ input: byId, output: deleted }),
  /** The lessons library: lessons of every project, archived ones included, by text and tag. */
  'lessons.search': () => ({ input: lessonSearchSchema, output: z.array(lessonHitSchema) }),
  /**
   * A new project from a finished one: its team, modules, metrics (targets kept, values not)
   * and task breakdown, the dates shifted so the plan starts on `start`, progress cleared.
   */
  'projects.copyPlan': () => ({
    input: z.object({ sourceId: id, name, start: isoDate }).strict(),
    output: projectSchema,
  }),
  // ---- Steps 四 and 五 (docs/feedback-and-adjustments.md). Every write is undoable. ----

  /** Sets this installation's name (written into exported files and into the status trail). Not undoable. */
  'identity.setName': () => ({
    input: z.object({ name: z.string().trim().min(1).max(NAME_MAX) }).strict(),
    output: z.object({ id: z.string(), name: z.string() }),
  }),
  /** Who the app's user is in this project: the installation and the team member it is matched to. */
  'identity.me': () => ({ input: byProject, output: identitySchema }),
  /**
   * Matches this installation to a team member of the project (null: unmatches). Refuses
   * invalid_input/not_team_member. The match travels with the project file (so a decision that
   * arrives by merge shows whose installation recorded it).
   */
  'identity.match': () => ({
    input: z.object({ projectId: id, personId: id.nullable() }).strict(),
    output: identitySchema,
  }),

  /** The project's editable lists (issue categories, feedback channels, root-cause categories) and major rules. */
  'feedbackSettings.get': () => ({ input: byProject, output: feedbackSettingsSchema }),
  /** Replaces the lists given and the rules given. Refuses invalid_input/duplicate_name (a name twice in a list). */
  'feedbackSettings.update': () => ({
    input: z.object({ projectId: id, patch: feedbackSettingsPatchSchema }).strict(),
    output: feedbackSettingsSchema,
  }),

  /** 执行问题记录表: every issue of the project, oldest first, with names and links. */
  'issues.list': () => ({ input: byProject, output: z.array(issueSchema) }),
  /**
   * Logs an issue. Refuses invalid_input with reason not_team_member (reporter, owner),
   * not_in_project (module, task), end_before_start (resolvedOn before reportedOn).
   */
  'issues.create': () => ({
    input: z.object({ projectId: id, values: newIssueSchema }).strict(),
    output: issueSchema,
  }),
  /** Same refusals as create. Setting status resolved/closed without resolvedOn leaves it empty (the UI may fill today). */
  'issues.update': () => ({ input: z.object({ id, patch: issuePatchSchema }).strict(), output: issueSchema }),
  /** Refuses conflict/linked (params.names: what links to it; problems: each link) while root causes or adjustments link to it. */
  'issues.delete': () => ({ input: byId, output: deleted }),

  /** The feedback log (内部/外部/数据反馈), oldest first, with names and links. */
  'feedback.list': () => ({ input: byProject, output: z.array(feedbackSchema) }),
  /** Records feedback. Refuses invalid_input: not_in_project (module, task, metric), required (content). */
  'feedback.create': () => ({
    input: z.object({ projectId: id, values: newFeedbackSchema }).strict(),
    output: feedbackSchema,
  }),
  'feedback.update': () => ({
    input: z.object({ id, patch: feedbackPatchSchema }).strict(),
    output: feedbackSchema,
  }),
  /** Refuses conflict/linked while root causes or adjustments link to it. */
  'feedback.delete': () => ({ input: byId, output: deleted }),
  /**
   * Turns an item of 概览's attention list (by its stable key, as of `today`) into a 数据反馈
   * record carrying the metric (or module / task), its target, actual and gap. When that gap was
   * recorded already, returns the existing record with created false and writes nothing.
   * Refuses not_found/attention_not_found when the key is not (or no longer) on the list.
   * `content` is the item as the renderer words it (stored as the feedback's text).
   */
  'feedback.fromAttention': () => ({
    input: z
      .object({
        projectId: id,
        key: z.string().min(1).max(200),
        today: isoDate,
        content: z.string().max(LONG_TEXT_MAX).optional(),
        channel: z.string().trim().max(100).optional(),
      })
      .strict(),
    output: z.object({ feedback: feedbackSchema, created: z.boolean() }),
  }),
  /**
   * For Table 1 and 概览: open issues and adjustments awaiting approval / in progress, in all and
   * per module (the open issues' titles, the module's adjustments in progress).
   */
  'feedback.summary': () => ({ input: byProject, output: followUpSummarySchema }),

  /** Root causes with what they explain (issues, feedback) and the adjustments that answer them. */
  'causes.list': () => ({ input: byProject, output: z.array(rootCauseSchema) }),
  /** Refuses invalid_input/not_in_project when a linked issue or feedback is not of the project. */
  'causes.create': () => ({
    input: z.object({ projectId: id, values: newRootCauseSchema }).strict(),
    output: rootCauseSchema,
  }),
  'causes.update': () => ({
    input: z.object({ id, patch: rootCausePatchSchema }).strict(),
    output: rootCauseSchema,
  }),
  /** Refuses conflict/linked while adjustments answer it (its own links to issues and feedback go with it). */
  'causes.delete': () => ({ input: byId, output: deleted }),

  /** Adjustments with changes, links, major judgement, decision and status trail. */
  'adjustments.list': () => ({ input: byProject, output: z.array(adjustmentSchema) }),
  'adjustments.get': () => ({ input: byId, output: adjustmentSchema }),
  /**
   * A draft adjustment (the proposer defaults to this installation's team member). Refuses
   * invalid_input: not_team_member, not_in_project (module, metric, a link, a change's target),
   * change_incomplete (a change missing what its kind needs; params.kind), end_before_start.
   */
  'adjustments.create': () => ({
    input: z.object({ projectId: id, values: newAdjustmentSchema }).strict(),
    output: adjustmentSchema,
  }),
  /**
   * Edits a draft or rejected adjustment (same refusals as create). Once submitted only
   * effectNote is editable: anything else is refused conflict/adjustment_locked.
   */
  'adjustments.update': () => ({
    input: z.object({ id, patch: adjustmentPatchSchema }).strict(),
    output: adjustmentSchema,
  }),
  /** Refuses conflict/adjustment_applied for an applied or evaluated adjustment (it is part of the plan's story). */
  'adjustments.delete': () => ({ input: byId, output: deleted }),
  /** 草稿/已驳回 → 已提交. Refuses conflict/invalid_transition (params.from, params.to). */
  'adjustments.submit': () => ({ input: workflowInputSchema, output: adjustmentSchema }),
  /**
   * 已提交 → 已批准, by the 总负责人 only. Refuses conflict with reason identity_not_matched
   * (this installation is no team member yet), no_overall_owner (the plan names none),
   * not_overall_owner (params.owner: the owner's name), invalid_transition.
   */
  'adjustments.approve': () => ({ input: workflowInputSchema, output: adjustmentSchema }),
  /** 已提交 → 已驳回: as approve; the comment is required (invalid_input/comment_required). */
  'adjustments.reject': () => ({ input: workflowInputSchema, output: adjustmentSchema }),
  /**
   * Changes the plan as proposed, in one transaction and one undo step: → 已实施. A minor
   * adjustment may be applied from 草稿 or 已提交; a major one only once approved. Refuses
   * conflict with reason not_approved (major and not approved), already_applied,
   * rejected (params none), approval_unverified (approved by an installation not matched to the
   * owner, not confirmed yet), change_target_missing (params.kind), budget_below_zero
   * (params.kind), end_before_start (params.kind). Nothing is written on a refusal.
   */
  'adjustments.apply': () => ({ input: workflowInputSchema, output: adjustmentSchema }),
  /**
   * 已实施 → 效果已评估: the actual effect (given, else the expected metric's current value) set
   * against the expected one. Refuses conflict/not_applied, invalid_input/no_effect_value (no
   * value given and none recorded for the metric).
   */
  'adjustments.evaluate': () => ({ input: evaluateInputSchema, output: adjustmentSchema }),
  /**
   * The owner confirms (confirm true) or overturns (false: 已批准 → 已驳回, or 已驳回 → 已提交 for a
   * new decision) a decision recorded by an installation not matched to the owner. Refuses as
   * approve, plus conflict/decision_verified (nothing to confirm), already_applied (overturning
   * an approval already applied).
   */
  'adjustments.confirmDecision': () => ({ input: confirmDecisionInputSchema, output: adjustmentSchema }),
  /** The printable 策略调整审批表 of one adjustment. */
  'adjustments.form': () => ({ input: byId, output: approvalFormSchema }),

  ...projectFileChannels,
  ...backupChannels,
} satisfies Record<Channel, () => { input: z.ZodType; output: z.ZodType }>;

export const contract = builtOnFirstRead(channelSchemas);

export type Contract = typeof contract;
/** What a caller passes on channel C (before defaults are applied). */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What the channel answers. */
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

/**
 * One row of a paste (`tasks.paste`): onto an existing task (id) or a new one (no id); ownerName
 * when its owner joins the team with the paste.
 */
export type PasteRow = Input<'tasks.paste'>['rows'][number];

/**
 * One cell or row a paste refused, whether the renderer found it while reading the block or the
 * main process while checking it (then listed in error.problems): the 1-based row of the pasted
 * block, the field (Table 2's column id) when it is about a cell, and why.
 */
export interface PasteProblem {
  ref: number;
  field?: string;
  reason: string;
  params?: ErrorParams;
}
