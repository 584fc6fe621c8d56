/**
 * Table 2's rows as `tasks.list` sends them: one array of values per task, in the order of
 * `fields`, instead of one object per task repeating every key. At 100,000 tasks the objects
 * were 67 MB of JSON, and reading the rows as arrays is what SQLite hands over anyway. The
 * project id, the same on every row, is sent once; milestone and blocked stay 0/1 as stored.
 * The renderer's client turns the answer back into Task objects (`tasksFromRows`), so its
 * callers never see this shape.
 */
import { z } from 'zod';
import type { Channel } from './channels';
import type { Output } from './contract';
import { taskSchema, type Task } from './domain';

/** The fields of a row, in order: every field of a Task but projectId. */
export const TASK_ROW_FIELDS = [
  'id',
  'code',
  'name',
  'deliverable',
  'ownerId',
  'start',
  'end',
  'budgetFen',
  'manpower',
  'tools',
  'criteria',
  'progress',
  'notes',
  'moduleId',
  'parentId',
  'milestone',
  'blocked',
  'trackingCycle',
  'position',
  'updatedAt',
  'predecessorIds',
] as const satisfies readonly (keyof Task)[];

/** The most first rows a `tasks.list` may ask for (a first screen is a few dozen). */
export const FIRST_ROWS_MAX = 10_000;

export interface TaskRows {
  projectId: string;
  fields: string[];
  rows: unknown[][];
}

/**
 * What a caller gets from a channel: its answer, with tasks.list's rows, and the rows a paste
 * stored, made Task objects.
 */
export type Answer<C extends Channel> = C extends 'tasks.list'
  ? Task[]
  : C extends 'tasks.paste'
    ? Omit<Output<C>, 'tasks'> & { tasks: Task[] }
    : Output<C>;

/** The one place an answer is decoded (the renderer's client; the tests' helper does the same). */
export function decodeAnswer<C extends Channel>(channel: C, value: unknown): Answer<C> {
  if (channel === 'tasks.list') return tasksFromRows(value as TaskRows) as Answer<C>;
  if (channel === 'tasks.paste') {
    const pasted = value as { tasks: TaskRows };
    return { ...pasted, tasks: tasksFromRows(pasted.tasks) } as Answer<C>;
  }
  return value as Answer<C>;
}

/** The tasks of an answer, as objects (fields named by the answer, so the order is its own). */
export function tasksFromRows(answer: TaskRows): Task[] {
  const { projectId, fields, rows } = answer;
  const milestone = fields.indexOf('milestone');
  const blocked = fields.indexOf('blocked');
  const tasks = new Array<Task>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r]!;
    const task: Record<string, unknown> = { projectId };
    for (let i = 0; i < fields.length; i++) task[fields[i]!] = values[i];
    task.milestone = values[milestone] === 1;
    task.blocked = values[blocked] === 1;
    tasks[r] = task as Task;
  }
  return tasks;
}

/** How many rows of an answer the router checks (as it samples any long list). */
const CHECKED_ROWS = 200;

/**
 * The answer's contract: the shape, and the first rows decoded and checked as tasks (every row
 * comes from the same query, and checking 100,000 cost as much as reading them).
 */
export const taskRowsSchema = z
  .object({
    projectId: z.string(),
    fields: z.array(z.string()),
    // Not z.array(z.array(…)): that walks every value of every row; the sample is checked below.
    rows: z.custom<unknown[][]>((rows) => Array.isArray(rows)),
  })
  .superRefine((answer, ctx) => {
    const fieldsMatch =
      answer.fields.length === TASK_ROW_FIELDS.length &&
      TASK_ROW_FIELDS.every((f, i) => answer.fields[i] === f);
    if (!fieldsMatch) ctx.addIssue({ code: 'custom', path: ['fields'], message: 'unexpected fields' });
    const sample = { ...answer, rows: answer.rows.slice(0, CHECKED_ROWS) };
    const flag = (v: unknown) => v === 0 || v === 1;
    const wellFormed = (row: unknown) =>
      Array.isArray(row) &&
      row.length === answer.fields.length &&
      flag(row[TASK_ROW_FIELDS.indexOf('milestone')]) &&
      flag(row[TASK_ROW_FIELDS.indexOf('blocked')]);
    if (!fieldsMatch || !sample.rows.every(wellFormed)) {
      ctx.addIssue({ code: 'custom', path: ['rows'], message: 'rows must be arrays of the fields' });
      return;
    }
    tasksFromRows(sample).forEach((task, i) => {
      const checked = taskSchema.safeParse(task);
      if (!checked.success)
        ctx.addIssue({ code: 'custom', path: ['rows', i], message: checked.error.issues[0]?.message ?? '' });
    });
  });
