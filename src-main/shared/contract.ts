/**
 * The typed contract between renderer and main process: every channel with a zod schema for
 * its input and its output. The router parses inputs (and checks outputs) against it; the
 * renderer's client takes its argument and result types from it. Transport is not its concern.
 */
import { z } from 'zod';
import type { Channel } from './channels';
import { projectFileChannels } from './project-file-contract';
import { backupChannels } from './backups';
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
import { id, isoDate, name } from './values';

const byId = z.object({ id }).strict();
const byProject = z.object({ projectId: id }).strict();
const deleted = z.object({ id });
const historyStateSchema = z.object({ undo: z.string().nullable(), redo: z.string().nullable() });

const sheetTable = z.enum(['tasks', 'modules']);
const sheetFormat = z.enum(['xlsx', 'csv']);
const sheetLanguage = z.enum(['zh-CN', 'en']);
/** A spreadsheet file sent from the renderer (base64 of its bytes), at most 20 MB. */
const sheetFile = z
  .object({
    projectId: id,
    table: sheetTable,
    fileName: z.string().min(1).max(255),
    base64: z.string().max(28_000_000),
  })
  .strict();
const sheetPreviewSchema = z.object({
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
    }),
  ),
  /** All problems found; only the first 500 are listed. */
  problemCount: z.int(),
  /** Owners named in the file who are not in the team yet: the import adds them. */
  newPeople: z.array(z.string()),
  /** Table 1: the strategy's cells (goal, overall owner, period) that fill in what the project lacks. */
  projectFields: z.array(z.object({ field: z.string(), value: z.string() })),
  /** Rows of data in the file. */
  total: z.int(),
});

export const contract = {
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({ version: z.string(), schemaVersion: z.int() }),
  },
  'projects.list': { input: z.object({}).strict(), output: z.array(projectSummarySchema) },
  'projects.get': { input: byId, output: projectSchema },
  'projects.create': { input: z.object({ name }).strict(), output: projectSchema },
  'projects.rename': { input: z.object({ id, name }).strict(), output: projectSchema },
  'projects.update': { input: z.object({ id, patch: projectPatchSchema }).strict(), output: projectSchema },
  'projects.delete': { input: byId, output: deleted },

  'people.list': { input: byProject, output: z.array(personSchema) },
  'people.create': {
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
  },
  'people.update': { input: z.object({ id, patch: personPatchSchema }).strict(), output: personSchema },
  'people.delete': { input: byId, output: deleted },

  'modules.list': { input: byProject, output: z.array(moduleSchema) },
  'modules.create': {
    input: z.object({ projectId: id, values: modulePatchSchema.extend({ name }) }).strict(),
    output: moduleSchema,
  },
  'modules.update': { input: z.object({ id, patch: modulePatchSchema }).strict(), output: moduleSchema },
  'modules.delete': { input: byId, output: deleted },

  'tasks.list': { input: byProject, output: z.array(taskSchema) },
  'tasks.create': {
    input: z
      .object({
        projectId: id,
        /** Insert right below this task; at the end when absent. */
        afterId: id.nullable().optional(),
        values: newTaskSchema,
      })
      .strict(),
    output: taskSchema,
  },
  'tasks.update': { input: z.object({ id, patch: taskPatchSchema }).strict(), output: taskSchema },
  'tasks.delete': {
    input: z.object({ ids: z.array(id).min(1).max(100_000) }).strict(),
    output: z.object({ ids: z.array(id) }),
  },
  /** Reordering and the WBS outline answer with the whole table in its new order. */
  'tasks.move': {
    input: z.object({ id, direction: z.enum(['up', 'down']) }).strict(),
    output: z.array(taskSchema),
  },
  'tasks.indent': { input: byId, output: z.array(taskSchema) },
  'tasks.outdent': { input: byId, output: z.array(taskSchema) },
  /** A block pasted from Excel/WPS: all rows or none (problems listed in error.problems). */
  'tasks.paste': {
    input: z
      .object({
        projectId: id,
        rows: z
          .array(z.object({ ref: z.int().min(1), id: id.optional(), values: taskPatchSchema }).strict())
          .min(1)
          .max(100_000),
      })
      .strict(),
    /** The rows as stored after the paste (updated and created), so the table need not reload. */
    output: z.object({ updated: z.int(), created: z.array(id), tasks: z.array(taskSchema) }),
  },

  'history.state': { input: byProject, output: historyStateSchema },
  'history.undo': { input: byProject, output: historyStateSchema },
  'history.redo': { input: byProject, output: historyStateSchema },

  /** Table 1 or Table 2 as a spreadsheet, with the template's headers in the UI language. */
  'sheets.export': {
    input: z
      .object({ projectId: id, table: sheetTable, format: sheetFormat, language: sheetLanguage })
      .strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }),
  },
  /** What importing a file would do, with every problem found; writes nothing. */
  'sheets.preview': { input: sheetFile, output: sheetPreviewSchema },
  /** Imports the file's rows into the project: all or nothing. */
  'sheets.import': {
    input: sheetFile,
    output: z.object({ created: z.int(), updated: z.int(), newPeople: z.array(z.string()) }),
  },

  'metrics.list': { input: byProject, output: z.array(metricSchema) },
  /** A new metric, placed at the end of the list. */
  'metrics.create': {
    input: z.object({ projectId: id, values: metricPatchSchema.extend({ name }) }).strict(),
    output: metricSchema,
  },
  'metrics.update': { input: z.object({ id, patch: metricPatchSchema }).strict(), output: metricSchema },
  /** Deletes the metric with its recorded values. */
  'metrics.delete': { input: byId, output: deleted },

  /** Every recorded value of every metric of the project. */
  'actuals.list': { input: byProject, output: z.array(actualSchema) },
  /** Records a metric's value for a period, replacing the value recorded for the same period start. */
  'actuals.upsert': { input: actualInputSchema, output: actualSchema },
  'actuals.delete': { input: byId, output: deleted },

  /** Tracking periods, oldest first; the last is the current one. */
  'periods.list': { input: byProject, output: z.array(periodSchema) },
  /**
   * Closes the current period (keeping Table 1 as it is now) and opens the next one; the first
   * period is the one of the project's cycle containing `today` (the user's calendar date).
   */
  'periods.open': {
    input: z.object({ projectId: id, today: isoDate, ahead: z.boolean().optional() }).strict(),
    output: periodSchema,
  },
  /** Table 1 as it stood when the period was closed (empty for the current period). */
  'periods.snapshot': {
    input: z.object({ periodId: id }).strict(),
    output: z.array(moduleSnapshotSchema),
  },

  'spend.list': { input: byProject, output: z.array(spendSchema) },
  'spend.create': {
    input: z.object({ projectId: id, values: newSpendSchema }).strict(),
    output: spendSchema,
  },
  'spend.update': { input: z.object({ id, patch: spendPatchSchema }).strict(), output: spendSchema },
  'spend.delete': { input: byId, output: deleted },

  'checkins.list': { input: byProject, output: z.array(checkinSchema) },
  /** Records a check-in and sets the task's progress to it (unless an older date is filled in). */
  'checkins.create': { input: checkinInputSchema, output: checkinSchema },
  'checkins.delete': { input: byId, output: deleted },

  /** Everything the overview page shows, as of `today` (the user's calendar date). */
  'dashboard.get': { input: z.object({ projectId: id, today: isoDate }).strict(), output: dashboardSchema },

  ...projectFileChannels,
  ...backupChannels,
} satisfies Record<Channel, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
/** What a caller passes on channel C (before defaults are applied). */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What the channel answers. */
export type Output<C extends Channel> = z.output<Contract[C]['output']>;
