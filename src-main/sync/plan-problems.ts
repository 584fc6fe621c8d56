/**
 * What a merge of two sound copies can break: loops of predecessors (A waits for B on one side,
 * B for A on the other) or of sub-tasks (each side put one task under the other), and rows the
 * schema refuses as merged. Refused as conflict / merge_breaks_plan, naming the tasks.
 */
import type { Db } from '../db/connection';
import { AppError, type ErrorParams } from '../shared/errors';
import { findLoops, loopNodes } from '../shared/task-logic';

export interface PlanProblem {
  reason: string;
  params: ErrorParams;
}

/** At most this many loops are named: a broken merge of a large plan could name thousands. */
const MAX_NAMED = 20;

/** Loops among the project's tasks after the merge's writes, named by task codes ("waits for" order). */
export function planProblems(
  db: Db,
  projectId: string,
  check: { parents: boolean; links: boolean },
): PlanProblem[] {
  if (!check.parents && !check.links) return [];
  const tasks = db.prepare('SELECT id, code, parent_id FROM tasks WHERE project_id = ?').all(projectId) as {
    id: string;
    code: string;
    parent_id: string | null;
  }[];
  const index = new Map(tasks.map((t, i) => [t.id, i]));
  const named = (nodes: number[]) => nodes.map((i) => tasks[i]?.code ?? '?').join(' → ');
  const problems: PlanProblem[] = [];

  if (check.parents) {
    // Edge i: task i's parent → task i (see findLoops): the walk goes up the parents.
    const parent = Int32Array.from(tasks, (t) =>
      t.parent_id === null ? -1 : (index.get(t.parent_id) ?? -1),
    );
    const self = Int32Array.from(tasks, (_, i) => i);
    for (const loop of findLoops(tasks.length, parent, self, MAX_NAMED)) {
      problems.push({ reason: 'parent_cycle', params: { cycle: named(loopNodes(loop, self)) } });
    }
  }
  if (!check.links || problems.length >= MAX_NAMED) return problems;
  const links = db
    .prepare(
      `SELECT l.predecessor_id AS p, l.successor_id AS s FROM task_links l
         JOIN tasks t ON t.id = l.successor_id WHERE t.project_id = ?`,
    )
    .raw(true)
    .all(projectId) as [string, string][];
  const from = Int32Array.from(links, ([p]) => index.get(p) ?? -1);
  const to = Int32Array.from(links, ([, s]) => index.get(s) ?? -1);
  for (const loop of findLoops(tasks.length, from, to, MAX_NAMED - problems.length)) {
    problems.push({ reason: 'dependency_cycle', params: { cycle: named(loopNodes(loop, to)) } });
  }
  return problems;
}

export function breaksPlan(problems: PlanProblem[]): AppError {
  return new AppError({
    code: 'conflict',
    reason: 'merge_breaks_plan',
    params: { detail: problems.map((p) => Object.values(p.params).join(' ')).join('; ') },
    problems,
  });
}
