/**
 * Whether an adjustment is "major" by the project's rules (budget changes adding up to more than
 * the share of 预算 the rules allow, the end date moved, the goal's target changed): judged on its
 * proposed changes, and once applied on the changes as made.
 */
import type { MajorReason, MajorRules } from '../shared/feedback';
import type { Db } from './common';
import { majorRulesOf } from './feedback-settings';
import type { ChangeRow } from './adjustments';

export interface Judgement {
  major: boolean;
  majorReasons: MajorReason[];
  budgetChangeFen: number;
  budgetBaseFen: number;
}

/** The budget rule's base: the strategy's 预算, or its tasks' budgets added up when not set. */
export function budgetBaseFen(db: Db, projectId: string): number {
  const row = db
    .prepare(
      `SELECT p.budget_fen AS own, (SELECT coalesce(sum(budget_fen), 0) FROM tasks WHERE project_id = p.id) AS tasks
         FROM projects p WHERE p.id = ?`,
    )
    .get(projectId) as { own: number | null; tasks: number };
  return row.own ?? row.tasks;
}

/**
 * Judges an adjustment by the project's rules (docs/feedback-and-adjustments.md): the budget
 * changes added up as absolute values, strictly more than the percent of the base; the end date
 * of the strategy moved; the target of a goal-linked metric changed. Once applied, the values
 * it replaced are the reference, so the judgement does not change by being applied.
 */
export function judge(
  rules: MajorRules,
  changes: readonly ChangeRow[],
  context: {
    baseFen: number;
    projectEnd: string | null;
    applied: boolean;
    goalMetrics: ReadonlyMap<string, number | null>; // goal-linked metric id → current target
  },
): Judgement {
  let total = 0n;
  for (const c of changes) {
    if (c.kind === 'module_budget' || c.kind === 'task_budget') total += BigInt(Math.abs(c.delta_fen ?? 0));
    if (c.kind === 'new_task') total += BigInt(c.new_budget_fen ?? 0);
  }
  const reasons: MajorReason[] = [];
  if (rules.budgetPct !== null && total > 0n) {
    // total / base > pct / 100, in integers: no rounding at the boundary.
    if (context.baseFen === 0 || total * 100n > BigInt(context.baseFen) * BigInt(rules.budgetPct)) {
      reasons.push('budget_over_pct');
    }
  }
  if (rules.endDateMoved) {
    const moved = changes.some(
      (c) =>
        c.kind === 'project_end' &&
        c.new_end !== null &&
        c.new_end !== (context.applied ? c.before_end : context.projectEnd),
    );
    if (moved) reasons.push('end_date_moved');
  }
  if (rules.goalTargetChanged) {
    const changed = changes.some(
      (c) =>
        c.kind === 'metric_target' &&
        c.metric_id !== null &&
        context.goalMetrics.has(c.metric_id) &&
        c.new_target_c !== (context.applied ? c.before_target_c : context.goalMetrics.get(c.metric_id)),
    );
    if (changed) reasons.push('goal_target_changed');
  }
  return {
    major: reasons.length > 0,
    majorReasons: reasons,
    budgetChangeFen: Number(total),
    budgetBaseFen: context.baseFen,
  };
}

/** What judge needs of the project, read once for a list. */
export function judgeContext(db: Db, projectId: string) {
  const project = db.prepare('SELECT end_date FROM projects WHERE id = ?').get(projectId) as {
    end_date: string | null;
  };
  const goalMetrics = new Map(
    (
      db
        .prepare('SELECT id, target_c FROM metrics WHERE project_id = ? AND goal_linked = 1')
        .all(projectId) as {
        id: string;
        target_c: number | null;
      }[]
    ).map((m) => [m.id, m.target_c]),
  );
  return {
    rules: majorRulesOf(db, projectId),
    baseFen: budgetBaseFen(db, projectId),
    projectEnd: project.end_date,
    goalMetrics,
  };
}
