/**
 * Rules of Table 2 that both sides need: the status a task is in, the roll-up of progress up the
 * WBS tree, and dependency cycles. Pure functions over plain rows; no I/O.
 */
import { daysBetween } from './values';

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'overdue', 'blocked'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

interface Dated {
  progress: number;
  start: string | null;
  end: string | null;
  blocked: boolean;
}

/**
 * 已完成 once progress is 100; otherwise 受阻 when the owner says so; 已逾期 when the end date
 * has passed; 进行中 once started (by date or by progress); else 未开始.
 */
export function deriveTaskStatus(task: Dated, today: string): TaskStatus {
  if (task.progress >= 100) return 'done';
  if (task.blocked) return 'blocked';
  if (task.end && task.end < today) return 'overdue';
  if (task.progress > 0 || (task.start !== null && task.start <= today)) return 'in_progress';
  return 'not_started';
}

const EPOCH = '1970-01-01';

/** A task's weight in a roll-up: its duration in days (one day without both dates). */
export function durationWeight(task: { start: string | null; end: string | null }): number {
  return task.start && task.end ? daysBetween(task.start, task.end) + 1 : 1;
}

interface TreeTask extends Omit<Dated, 'blocked'> {
  id: string;
  parentId: string | null;
}

/**
 * Progress of every task with sub-tasks: its children's progress (rolled up themselves) weighted
 * by their duration. Leaves keep their own figure. Returns parent id → progress.
 */
export function rollUpProgress(tasks: readonly TreeTask[]): Map<string, number> {
  const children = new Map<string, TreeTask[]>();
  for (const t of tasks) {
    if (!t.parentId) continue;
    const kids = children.get(t.parentId);
    if (kids) kids.push(t);
    else children.set(t.parentId, [t]);
  }
  // durationWeight by day counts: each distinct date is counted once, not once per task.
  const dayCounts = new Map<string, number>();
  const days = (date: string) => {
    let n = dayCounts.get(date);
    if (n === undefined) dayCounts.set(date, (n = daysBetween(EPOCH, date)));
    return n;
  };
  const result = new Map<string, number>();
  const visiting = new Set<string>();
  const progressOf = (t: TreeTask): number => {
    const kids = children.get(t.id);
    if (!kids || visiting.has(t.id)) return t.progress;
    const known = result.get(t.id);
    if (known !== undefined) return known;
    visiting.add(t.id);
    let sum = 0;
    let weight = 0;
    for (const kid of kids) {
      const w = kid.start && kid.end ? days(kid.end) - days(kid.start) + 1 : 1; // durationWeight(kid)
      sum += progressOf(kid) * w;
      weight += w;
    }
    visiting.delete(t.id);
    const value = weight ? sum / weight : 0;
    result.set(t.id, value);
    return value;
  };
  for (const t of tasks) if (children.has(t.id)) progressOf(t);
  return result;
}

/** Depth of each task in the WBS tree (0 for top level). */
export function depths(tasks: readonly { id: string; parentId: string | null }[]): Map<string, number> {
  const parent = new Map(tasks.map((t) => [t.id, t.parentId]));
  const result = new Map<string, number>();
  const depthOf = (id: string, guard = 0): number => {
    const known = result.get(id);
    if (known !== undefined) return known;
    const p = parent.get(id);
    const d = p && guard < 1000 ? depthOf(p, guard + 1) + 1 : 0;
    result.set(id, d);
    return d;
  };
  for (const t of tasks) depthOf(t.id);
  return result;
}

/**
 * If giving `taskId` the predecessors `proposed` would close a loop, the loop as a list of ids
 * starting and ending with taskId (e.g. [A, C, B, A]: A waits for C, C for B, B for A).
 * `predecessorsOf` answers the current predecessors of any other task.
 */
export function findDependencyCycle(
  taskId: string,
  proposed: readonly string[],
  predecessorsOf: (id: string) => readonly string[],
): string[] | null {
  // Depth-first search from each proposed predecessor back through predecessors to taskId.
  const seen = new Set<string>();
  const walk = (id: string, path: string[]): string[] | null => {
    if (id === taskId) return [...path, id];
    if (seen.has(id)) return null;
    seen.add(id);
    for (const next of predecessorsOf(id)) {
      const found = walk(next, [...path, id]);
      if (found) return found;
    }
    return null;
  };
  for (const p of proposed) {
    const found = walk(p, [taskId]);
    if (found) return found;
  }
  return null;
}
