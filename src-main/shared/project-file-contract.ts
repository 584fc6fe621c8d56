/**
 * Shapes of the project-file channels (export, open, preview, merge): what the preview shows
 * before anything is written, and the conflicts a merge asks the user to decide.
 */
import { z } from 'zod';
import { deferred } from './deferred';
import { id, isoDate, name, NAME_MAX } from './values';

/** The largest project file accepted (a 10,000-task project is about 8 MB). */
export const PROJECT_FILE_MAX_BYTES = 128 * 1024 * 1024;
export const PROJECT_FILE_MAX_BASE64 = Math.ceil((PROJECT_FILE_MAX_BYTES * 4) / 3) + 4;

export const fileSummarySchema = deferred(() =>
  z.object({
    projectId: z.string(),
    projectName: z.string(),
    ownerName: z.string().nullable(),
    startDate: isoDate.nullable(),
    endDate: isoDate.nullable(),
    exporterName: z.string(),
    exportedAt: z.string(),
    format: z.int(),
    counts: z.record(z.string(), z.int()),
  }),
);

const cellValue = deferred(() => z.union([z.string(), z.number(), z.null()]));

export const mergeConflictSchema = deferred(() =>
  z.object({
    id: z.string(),
    /** field: both changed one value; deleted_by_me / deleted_by_them: an edit against a deletion. */
    kind: z.enum(['field', 'deleted_by_me', 'deleted_by_them']),
    table: z.string(),
    /** What the row is, for people: a task's code and name, a module's or metric's name … */
    label: z.string(),
    column: z.string().nullable(),
    mine: cellValue,
    theirs: cellValue,
    base: cellValue,
    /** Rows a deletion takes along (sub-tasks, links, check-ins …), by table: part of the same question. */
    dependents: z.record(z.string(), z.int()).optional(),
  }),
);
export type MergeConflictView = z.infer<typeof mergeConflictSchema>;

export const mergeSummarySchema = deferred(() =>
  z.object({
    added: z.int(),
    updated: z.int(),
    deleted: z.int(),
    renumbered: z.array(z.object({ from: z.string(), to: z.string() })),
    conflicts: z.int(),
    autoResolved: z.int(),
  }),
);
export type MergeSummary = z.infer<typeof mergeSummarySchema>;

export const filePreviewSchema = deferred(() =>
  z.object({
    token: z.string(),
    summary: fileSummarySchema,
    /** new: the project is not here yet; merge: it is (the file is a colleague's copy). */
    mode: z.enum(['new', 'merge']),
    merge: z
      .object({
        summary: mergeSummarySchema,
        /** The first conflicts (all of them up to the limit); conflictsTotal counts them all. */
        conflicts: z.array(mergeConflictSchema),
        conflictsTotal: z.int(),
      })
      .nullable(),
  }),
);
export type FilePreview = z.infer<typeof filePreviewSchema>;

export const projectFileChannels = {
  /** Writes the project to a file the user chooses (a save dialog); null path: cancelled. */
  'projectFile.export': () => ({
    input: z.object({ projectId: id, exporterName: z.string().trim().max(NAME_MAX) }).strict(),
    output: z.object({ path: z.string().nullable(), bytes: z.int(), rows: z.int(), ms: z.number() }),
  }),
  /** How far the running export is (for a progress bar); running false when none is. */
  'projectFile.progress': () => ({
    input: z.object({}).strict(),
    output: z.object({ running: z.boolean(), done: z.int(), total: z.int() }),
  }),
  /** Reads a file the user picked or dropped (its bytes) and says what it holds; writes nothing. */
  'projectFile.open': () => ({
    input: z
      .object({ fileName: z.string().max(1000), base64: z.string().max(PROJECT_FILE_MAX_BASE64) })
      .strict(),
    output: filePreviewSchema,
  }),
  /** The preview again for a file already read (e.g. opened by double-click in the OS). */
  'projectFile.preview': () => ({
    input: z.object({ token: z.string().max(100) }).strict(),
    output: filePreviewSchema,
  }),
  /**
   * Writes what the preview showed: new (the project as it is in the file), copy (a new project
   * with new identity, named `name`) or merge (into the existing project, every conflict decided).
   */
  'projectFile.import': () => ({
    input: z
      .object({
        token: z.string().max(100),
        mode: z.enum(['new', 'copy', 'merge']),
        name: name.optional(),
        resolutions: z.record(z.string().max(2000), z.enum(['mine', 'theirs'])).optional(),
        /** For conflicts without their own resolution (more than the preview lists). */
        defaultResolution: z.enum(['mine', 'theirs']).optional(),
      })
      .strict(),
    output: z.object({ projectId: id, merge: mergeSummarySchema.nullable() }),
  }),
  /** Forgets a file read for a preview the user cancelled. */
  'projectFile.discard': () => ({
    input: z.object({ token: z.string().max(100) }).strict(),
    output: z.object({}),
  }),
  /** This installation's name as written into exported files (the user's name). */
  'identity.get': () => ({
    input: z.object({}).strict(),
    output: z.object({ id: z.string(), name: z.string() }),
  }),
} as const;
