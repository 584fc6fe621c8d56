/**
 * The typed contract between renderer and main process: every channel with a zod schema for
 * its input and its output. The router parses inputs (and checks outputs) against it; the
 * renderer's client takes its argument and result types from it. Transport is not its concern.
 */
import { z } from 'zod';
import type { Channel } from './channels';
import {
  moduleSchema,
  modulePatchSchema,
  personPatchSchema,
  personSchema,
  projectPatchSchema,
  projectSchema,
  projectSummarySchema,
  taskPatchSchema,
  taskSchema,
  PERSON_ROLES,
} from './domain';
import { id, name } from './values';

const byId = z.object({ id }).strict();
const byProject = z.object({ projectId: id }).strict();
const deleted = z.object({ id });

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
        values: taskPatchSchema.extend({ name }),
      })
      .strict(),
    output: taskSchema,
  },
  'tasks.update': { input: z.object({ id, patch: taskPatchSchema }).strict(), output: taskSchema },
  'tasks.delete': {
    input: z.object({ ids: z.array(id).min(1).max(100_000) }).strict(),
    output: z.object({ ids: z.array(id) }),
  },
} satisfies Record<Channel, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
/** What a caller passes on channel C (before defaults are applied). */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What the channel answers. */
export type Output<C extends Channel> = z.output<Contract[C]['output']>;
