/**
 * The workflow of an adjustment: 草稿 → 已提交 → 已批准 / 已驳回 (by the 总负责人) → 已实施 →
 * 效果已评估. Every step checks before it writes and writes in one transaction (the router makes
 * it one undo step), and every status change leaves an entry in the trail with who and when.
 * Applying changes the plan itself: budgets, dates, owners, targets, new tasks.
 */
import type { Adjustment, AdjustmentStatus } from '../shared/feedback';
import { AppError, type ErrorParams } from '../shared/errors';
import { nowStamp } from '../db/ids';
import { invalid, projectOf, type Db } from './common';
import {
  APPLIED,
  EDITABLE,
  adjustmentRow,
  changeRows,
  decisionVerified,
  getAdjustment,
  judgeAdjustment,
  metricValueNow,
  recordEvent,
  targetMissing,
  type AdjustmentRow,
  type ChangeRow,
} from './adjustments';
import { ownerReplicas, whoAmI } from './identity';
import { createTask } from './tasks';

const refuse = (reason: string, params?: ErrorParams): AppError =>
  new AppError({ code: 'conflict', reason, path: ['id'], ...(params ? { params } : {}) });

function transition(row: AdjustmentRow, allowed: readonly AdjustmentStatus[], to: AdjustmentStatus) {
  if (!allowed.includes(row.status)) throw refuse('invalid_transition', { from: row.status, to });
}

/** The app's user must be the 总负责人 named in the plan; returns who they are. */
function requireOwner(db: Db, projectId: string): { id: string; name: string } {
  const me = whoAmI(db, projectId);
  if (me.person === null) throw refuse('identity_not_matched');
  const owner = db
    .prepare('SELECT p.id, p.name FROM projects j JOIN people p ON p.id = j.owner_id WHERE j.id = ?')
    .get(projectId) as { id: string; name: string } | undefined;
  if (!owner) throw refuse('no_overall_owner');
  if (owner.id !== me.person.id) throw refuse('not_overall_owner', { owner: owner.name, me: me.person.name });
  return me.person;
}

const requireComment = (comment: string | undefined) => {
  if ((comment ?? '').trim() === '') throw invalid(['comment'], 'comment_required');
};

interface Step {
  id: string;
  today: string;
  comment?: string;
}

/** Runs one workflow step in a transaction and answers the adjustment as it is after it. */
function step(db: Db, id: string, work: (row: AdjustmentRow) => void): Adjustment {
  db.transaction(() => work(adjustmentRow(db, id)))();
  return getAdjustment(db, { id });
}

function setStatus(db: Db, id: string, fields: Record<string, unknown>): void {
  const names = Object.keys(fields);
  db.prepare(
    `UPDATE adjustments SET ${names.map((n) => `${n} = ?`).join(', ')}, updated_at = ? WHERE id = ?`,
  ).run(...Object.values(fields), nowStamp(), id);
}

const NO_DECISION = {
  decision_comment: '',
  decided_on: null,
  decided_by_id: null,
  decided_by_name: null,
  decided_replica_id: null,
  decided_replica_name: null,
  confirmed_replica_id: null,
};

/** 草稿 / 已驳回 → 已提交; an earlier decision is cleared (it stays in the trail). */
export function submitAdjustment(db: Db, input: Step): Adjustment {
  return step(db, input.id, (row) => {
    transition(row, EDITABLE, 'submitted');
    setStatus(db, row.id, { status: 'submitted', submitted_on: input.today, ...NO_DECISION });
    recordEvent(db, row, 'submit', row.status, 'submitted', { comment: input.comment, date: input.today });
  });
}

/** The columns a decision sets: the outcome, who decided, on which installation, when and why. */
function decision(
  status: 'approved' | 'rejected',
  input: { today: string; comment?: string },
  me: { id: string; name: string },
  replica: { id: string; name: string },
): Record<string, unknown> {
  return {
    status,
    decision_comment: input.comment ?? '',
    decided_on: input.today,
    decided_by_id: me.id,
    decided_by_name: me.name,
    decided_replica_id: replica.id,
    decided_replica_name: replica.name,
    confirmed_replica_id: null,
  };
}

function decide(db: Db, input: Step, outcome: 'approved' | 'rejected'): Adjustment {
  return step(db, input.id, (row) => {
    transition(row, ['submitted'], outcome);
    const me = requireOwner(db, row.project_id);
    if (outcome === 'rejected') requireComment(input.comment);
    const { replica } = whoAmI(db, row.project_id);
    setStatus(db, row.id, decision(outcome, input, me, replica));
    recordEvent(db, row, outcome === 'approved' ? 'approve' : 'reject', row.status, outcome, {
      comment: input.comment,
      date: input.today,
    });
  });
}

export const approveAdjustment = (db: Db, input: Step) => decide(db, input, 'approved');
export const rejectAdjustment = (db: Db, input: Step) => decide(db, input, 'rejected');

interface PlanRef {
  module: { budget_fen: number | null; name: string; taskBudgets: number } | undefined;
  task:
    | {
        budget_fen: number | null;
        start_date: string | null;
        end_date: string | null;
        owner_id: string | null;
        label: string;
      }
    | undefined;
}

function planRef(db: Db, c: ChangeRow): PlanRef {
  const module = c.module_id
    ? (db
        .prepare(
          `SELECT budget_fen, name, (SELECT coalesce(sum(budget_fen), 0) FROM tasks WHERE module_id = m.id) AS taskBudgets
             FROM modules m WHERE id = ?`,
        )
        .get(c.module_id) as PlanRef['module'])
    : undefined;
  const task = c.task_id
    ? (db
        .prepare(
          `SELECT budget_fen, start_date, end_date, owner_id, code || ' ' || name AS label FROM tasks WHERE id = ?`,
        )
        .get(c.task_id) as PlanRef['task'])
    : undefined;
  return { module, task };
}

/** Makes one change to the plan and records on it the value it replaced. */
function applyChange(db: Db, projectId: string, c: ChangeRow, stamp: string): void {
  if (targetMissing(c)) throw refuse('change_target_missing', { kind: c.kind });
  const { module, task } = planRef(db, c);
  const before: Record<string, unknown> = {};
  switch (c.kind) {
    case 'module_budget': {
      const current = module!.budget_fen ?? module!.taskBudgets;
      const next = current + (c.delta_fen ?? 0);
      if (next < 0) throw refuse('budget_below_zero', { kind: c.kind, name: module!.name });
      db.prepare('UPDATE modules SET budget_fen = ?, updated_at = ? WHERE id = ?').run(
        next,
        stamp,
        c.module_id,
      );
      before.before_fen = current;
      break;
    }
    case 'task_budget': {
      const next = (task!.budget_fen ?? 0) + (c.delta_fen ?? 0);
      if (next < 0) throw refuse('budget_below_zero', { kind: c.kind, name: task!.label });
      db.prepare('UPDATE tasks SET budget_fen = ?, updated_at = ? WHERE id = ?').run(next, stamp, c.task_id);
      before.before_fen = task!.budget_fen;
      break;
    }
    case 'task_dates': {
      const start = c.new_start ?? task!.start_date;
      const end = c.new_end ?? task!.end_date;
      if (start !== null && end !== null && end < start)
        throw refuse('end_before_start', { kind: c.kind, name: task!.label });
      db.prepare('UPDATE tasks SET start_date = ?, end_date = ?, updated_at = ? WHERE id = ?').run(
        start,
        end,
        stamp,
        c.task_id,
      );
      before.before_start = task!.start_date;
      before.before_end = task!.end_date;
      break;
    }
    case 'task_owner': {
      if (c.new_owner_id === null) throw refuse('change_target_missing', { kind: c.kind });
      db.prepare('UPDATE tasks SET owner_id = ?, updated_at = ? WHERE id = ?').run(
        c.new_owner_id,
        stamp,
        c.task_id,
      );
      before.before_owner_id = task!.owner_id;
      break;
    }
    case 'metric_target': {
      before.before_target_c = db
        .prepare('SELECT target_c FROM metrics WHERE id = ?')
        .pluck()
        .get(c.metric_id);
      db.prepare('UPDATE metrics SET target_c = ?, updated_at = ? WHERE id = ?').run(
        c.new_target_c,
        stamp,
        c.metric_id,
      );
      break;
    }
    case 'project_end': {
      const project = db
        .prepare('SELECT name, start_date, end_date FROM projects WHERE id = ?')
        .get(projectId) as {
        name: string;
        start_date: string | null;
        end_date: string | null;
      };
      if (project.start_date !== null && c.new_end! < project.start_date)
        throw refuse('end_before_start', { kind: c.kind, name: project.name });
      db.prepare('UPDATE projects SET end_date = ?, updated_at = ? WHERE id = ?').run(
        c.new_end,
        stamp,
        projectId,
      );
      before.before_end = project.end_date;
      break;
    }
    case 'new_task': {
      const created = createTask(db, {
        projectId,
        values: {
          name: c.new_name,
          moduleId: c.module_id,
          start: c.new_start,
          end: c.new_end,
          ownerId: c.new_owner_id,
          budgetFen: c.new_budget_fen,
        },
      });
      before.created_task_id = created.id;
      break;
    }
  }
  const names = Object.keys(before);
  db.prepare(
    `UPDATE adjustment_changes SET ${names.map((n) => `${n} = ?`).join(', ')}, updated_at = ? WHERE id = ?`,
  ).run(...Object.values(before), stamp, c.id);
}

/**
 * Changes the plan as the adjustment proposes, all or nothing: a major adjustment only once
 * approved by the owner (and that approval verified), a minor one from draft or submitted too.
 */
export function applyAdjustment(db: Db, input: Step): Adjustment {
  return step(db, input.id, (row) => {
    if (APPLIED.includes(row.status)) throw refuse('already_applied');
    if (row.status === 'rejected') throw refuse('rejected');
    const { major } = judgeAdjustment(db, row);
    if (major && row.status !== 'approved') throw refuse('not_approved');
    if (row.status === 'approved' && !decisionVerified(row, ownerReplicas(db, row.project_id))) {
      throw refuse('approval_unverified');
    }
    const stamp = nowStamp();
    for (const c of changeRows(db, row.id)) applyChange(db, row.project_id, c, stamp);
    const { replica } = whoAmI(db, row.project_id);
    setStatus(db, row.id, { status: 'applied', applied_on: input.today, applied_replica_id: replica.id });
    recordEvent(db, row, 'apply', row.status, 'applied', { comment: input.comment, date: input.today });
  });
}

/** 已实施 → 效果已评估: the actual effect (given, or the expected metric's value now). */
export function evaluateAdjustment(
  db: Db,
  input: { id: string; today: string; actualValueC?: number | null; note?: string },
): Adjustment {
  return step(db, input.id, (row) => {
    if (!APPLIED.includes(row.status)) throw refuse('not_applied', { status: row.status });
    const actual =
      input.actualValueC ?? (row.expected_metric_id ? metricValueNow(db, row.expected_metric_id) : null);
    if (actual === null) throw invalid(['actualValueC'], 'no_effect_value');
    setStatus(db, row.id, {
      status: 'evaluated',
      actual_value_c: actual,
      evaluated_on: input.today,
      ...(input.note !== undefined ? { effect_note: input.note } : {}),
    });
    recordEvent(db, row, 'evaluate', row.status, 'evaluated', { comment: input.note, date: input.today });
  });
}

/**
 * The owner's answer to a decision recorded by an installation not matched to the owner (it
 * arrived by merge): confirmed, it counts as the owner's; overturned, an approval becomes a
 * rejection (not once applied) and a rejection goes back to 已提交 for a new decision.
 */
export function confirmDecision(
  db: Db,
  input: { id: string; today: string; confirm: boolean; comment?: string },
): Adjustment {
  return step(db, input.id, (row) => {
    const hasDecision = row.decided_replica_id !== null || row.decided_on !== null;
    const me = requireOwner(db, row.project_id);
    if (
      !hasDecision ||
      row.status === 'draft' ||
      row.status === 'submitted' ||
      decisionVerified(row, ownerReplicas(db, row.project_id))
    ) {
      throw refuse('decision_verified');
    }
    const { replica } = whoAmI(db, row.project_id);
    if (input.confirm) {
      setStatus(db, row.id, { confirmed_replica_id: replica.id });
      recordEvent(db, row, 'confirm', row.status, row.status, { comment: input.comment, date: input.today });
      return;
    }
    requireComment(input.comment);
    if (APPLIED.includes(row.status)) throw refuse('already_applied');
    if (row.status === 'approved') {
      setStatus(db, row.id, decision('rejected', input, me, replica));
      recordEvent(db, row, 'reject', 'approved', 'rejected', { comment: input.comment, date: input.today });
    } else {
      setStatus(db, row.id, { status: 'submitted', ...NO_DECISION });
      recordEvent(db, row, 'submit', 'rejected', 'submitted', { comment: input.comment, date: input.today });
    }
  });
}

/** Everything the printable 策略调整审批表 shows. */
export function approvalForm(db: Db, input: { id: string }) {
  const projectId = projectOf(db, 'adjustments', input.id);
  const project = db
    .prepare(
      `SELECT j.name, j.goal, j.budget_fen AS budgetFen, p.name AS ownerName
         FROM projects j LEFT JOIN people p ON p.id = j.owner_id WHERE j.id = ?`,
    )
    .get(projectId) as { name: string; goal: string; budgetFen: number | null; ownerName: string | null };
  return {
    projectName: project.name,
    goal: project.goal,
    overallOwnerName: project.ownerName,
    projectBudgetFen: project.budgetFen,
    adjustment: getAdjustment(db, input),
  };
}
