/**
 * Adjustments (策略调整): what is changed in answer to issues, feedback and root causes, with
 * owner, deadline, expected effect and the plan changes it proposes; whether it is "major" by the
 * project's rules (adjustment-major.ts); its decision and status trail. The workflow steps are in adjustment-workflow.ts.
 */
import {
  type Adjustment,
  type AdjustmentChange,
  type AdjustmentEvent,
  type AdjustmentPatch,
  type AdjustmentStatus,
  type ChangeInput,
  type ChangeKind,
} from '../shared/feedback';
import { AppError } from '../shared/errors';
import { currentValueC } from '../shared/metrics-logic';
import { newId, nowStamp } from '../db/ids';
import { localReplica } from '../sync/versions';
import {
  belongsTo,
  checkPeriod,
  checkTeamMember,
  invalid,
  notFound,
  projectOf,
  requireProject,
  type Db,
  type ProjectTable,
} from './common';
import { judge, judgeContext, type Judgement } from './adjustment-major';
import { ownerReplicas, whoAmI } from './identity';
import { LINK_TABLES, labelsOf, linkMaps, linksTo, setLinks } from './follow-up-links';

/** The stored row, as SQLite returns it. */
export interface AdjustmentRow {
  id: string;
  project_id: string;
  title: string;
  module_id: string | null;
  proposer_id: string | null;
  owner_id: string | null;
  measures: string;
  deadline: string | null;
  expected_metric_id: string | null;
  expected_value_c: number | null;
  expected_by: string | null;
  status: AdjustmentStatus;
  submitted_on: string | null;
  decision_comment: string;
  decided_on: string | null;
  decided_by_id: string | null;
  decided_by_name: string | null;
  decided_replica_id: string | null;
  decided_replica_name: string | null;
  confirmed_replica_id: string | null;
  applied_on: string | null;
  applied_replica_id: string | null;
  actual_value_c: number | null;
  evaluated_on: string | null;
  effect_note: string;
  updated_at: string;
}

export interface ChangeRow {
  id: string;
  adjustment_id: string;
  position: number;
  kind: ChangeKind;
  module_id: string | null;
  task_id: string | null;
  metric_id: string | null;
  delta_fen: number | null;
  new_start: string | null;
  new_end: string | null;
  new_owner_id: string | null;
  new_target_c: number | null;
  new_name: string;
  new_budget_fen: number | null;
  before_fen: number | null;
  before_start: string | null;
  before_end: string | null;
  before_owner_id: string | null;
  before_target_c: number | null;
  created_task_id: string | null;
}

/** Statuses in which the plan changes have been made. */
export const APPLIED: readonly AdjustmentStatus[] = ['applied', 'evaluated'];
/** Statuses in which the content may still be edited. */
export const EDITABLE: readonly AdjustmentStatus[] = ['draft', 'rejected'];

export function adjustmentRow(db: Db, id: string): AdjustmentRow {
  const row = db.prepare('SELECT * FROM adjustments WHERE id = ?').get(id) as AdjustmentRow | undefined;
  if (!row) throw notFound();
  return row;
}

export function changeRows(db: Db, adjustmentId: string): ChangeRow[] {
  return db
    .prepare('SELECT * FROM adjustment_changes WHERE adjustment_id = ? ORDER BY position, id')
    .all(adjustmentId) as ChangeRow[];
}

// ---- Reading ----

/** Whether an adjustment is major, judged on its changes (as made, once applied). */
export function judgeAdjustment(db: Db, row: AdjustmentRow): Judgement {
  const ctx = judgeContext(db, row.project_id);
  return judge(ctx.rules, changeRows(db, row.id), { ...ctx, applied: APPLIED.includes(row.status) });
}

interface PlanIndex {
  people: Map<string, string>;
  modules: Map<string, { name: string; budget: number | null; taskBudgets: number }>;
  tasks: Map<
    string,
    { label: string; budget: number | null; start: string | null; end: string | null; owner: string | null }
  >;
  metrics: Map<string, { name: string; target: number | null; aggregation: 'sum' | 'last' | 'average' }>;
  actuals: Map<string, { periodStart: string; valueC: number }[]>;
  projectEnd: string | null;
}

function planIndex(db: Db, projectId: string): PlanIndex {
  const people = new Map(
    (
      db.prepare('SELECT id, name FROM people WHERE project_id = ?').all(projectId) as {
        id: string;
        name: string;
      }[]
    ).map((p) => [p.id, p.name]),
  );
  const modules = new Map(
    (
      db
        .prepare(
          `SELECT m.id, m.name, m.budget_fen AS budget,
                  (SELECT coalesce(sum(t.budget_fen), 0) FROM tasks t WHERE t.module_id = m.id) AS taskBudgets
             FROM modules m WHERE m.project_id = ?`,
        )
        .all(projectId) as { id: string; name: string; budget: number | null; taskBudgets: number }[]
    ).map((m) => [m.id, m]),
  );
  const tasks = new Map(
    (
      db
        .prepare(
          `SELECT id, code || ' ' || name AS label, budget_fen AS budget, start_date AS start, end_date AS "end",
                  owner_id AS owner FROM tasks WHERE project_id = ?`,
        )
        .all(projectId) as {
        id: string;
        label: string;
        budget: number | null;
        start: string | null;
        end: string | null;
        owner: string | null;
      }[]
    ).map((t) => [t.id, t]),
  );
  const metrics = new Map(
    (
      db
        .prepare('SELECT id, name, target_c AS target, aggregation FROM metrics WHERE project_id = ?')
        .all(projectId) as {
        id: string;
        name: string;
        target: number | null;
        aggregation: 'sum' | 'last' | 'average';
      }[]
    ).map((m) => [m.id, m]),
  );
  const actuals = new Map<string, { periodStart: string; valueC: number }[]>();
  for (const a of db
    .prepare(
      `SELECT a.metric_id AS metricId, a.period_start AS periodStart, a.value_c AS valueC
         FROM metric_actuals a JOIN metrics m ON m.id = a.metric_id WHERE m.project_id = ?`,
    )
    .all(projectId) as { metricId: string; periodStart: string; valueC: number }[]) {
    actuals.set(a.metricId, [...(actuals.get(a.metricId) ?? []), a]);
  }
  const projectEnd = db.prepare('SELECT end_date FROM projects WHERE id = ?').pluck().get(projectId) as
    string | null;
  return { people, modules, tasks, metrics, actuals, projectEnd };
}

/** A metric's current value from all its recorded periods (null without any). */
export function metricValueNow(db: Db, metricId: string): number | null {
  const metric = db.prepare('SELECT aggregation FROM metrics WHERE id = ?').get(metricId) as
    { aggregation: 'sum' | 'last' | 'average' } | undefined;
  if (!metric) return null;
  const actuals = db
    .prepare('SELECT period_start AS periodStart, value_c AS valueC FROM metric_actuals WHERE metric_id = ?')
    .all(metricId) as { periodStart: string; valueC: number }[];
  return currentValueC(metric, actuals);
}

/** The value a change replaces, as it is now in the plan (before applying). */
function currentBefore(c: ChangeRow, plan: PlanIndex): Partial<ChangeRow> {
  const task = c.task_id ? plan.tasks.get(c.task_id) : undefined;
  switch (c.kind) {
    case 'module_budget': {
      const m = c.module_id ? plan.modules.get(c.module_id) : undefined;
      return { before_fen: m ? (m.budget ?? m.taskBudgets) : null };
    }
    case 'task_budget':
      return { before_fen: task?.budget ?? null };
    case 'task_dates':
      return { before_start: task?.start ?? null, before_end: task?.end ?? null };
    case 'task_owner':
      return { before_owner_id: task?.owner ?? null };
    case 'metric_target':
      return { before_target_c: c.metric_id ? (plan.metrics.get(c.metric_id)?.target ?? null) : null };
    case 'project_end':
      return { before_end: plan.projectEnd };
    case 'new_task':
      return {};
  }
}

/** Whether the record a change acts on is gone (deleted since it was proposed). */
export function targetMissing(c: Pick<ChangeRow, 'kind' | 'module_id' | 'task_id' | 'metric_id'>): boolean {
  switch (c.kind) {
    case 'module_budget':
      return c.module_id === null;
    case 'task_budget':
    case 'task_dates':
    case 'task_owner':
      return c.task_id === null;
    case 'metric_target':
      return c.metric_id === null;
    default:
      return false;
  }
}

function changeView(c: ChangeRow, applied: boolean, plan: PlanIndex): AdjustmentChange {
  const before = applied
    ? c
    : {
        before_fen: null,
        before_start: null,
        before_end: null,
        before_owner_id: null,
        before_target_c: null,
        ...currentBefore(c, plan),
      };
  const person = (id: string | null | undefined) => (id ? (plan.people.get(id) ?? null) : null);
  return {
    id: c.id,
    adjustmentId: c.adjustment_id,
    position: c.position,
    kind: c.kind,
    moduleId: c.module_id,
    taskId: c.task_id,
    metricId: c.metric_id,
    deltaFen: c.delta_fen,
    newStart: c.new_start,
    newEnd: c.new_end,
    newOwnerId: c.new_owner_id,
    newTargetC: c.new_target_c,
    newName: c.new_name,
    newBudgetFen: c.new_budget_fen,
    beforeFen: before.before_fen ?? null,
    beforeStart: before.before_start ?? null,
    beforeEnd: before.before_end ?? null,
    beforeOwnerId: before.before_owner_id ?? null,
    beforeTargetC: before.before_target_c ?? null,
    createdTaskId: c.created_task_id,
    moduleName: c.module_id ? (plan.modules.get(c.module_id)?.name ?? null) : null,
    taskLabel: c.task_id ? (plan.tasks.get(c.task_id)?.label ?? null) : null,
    metricName: c.metric_id ? (plan.metrics.get(c.metric_id)?.name ?? null) : null,
    newOwnerName: person(c.new_owner_id),
    beforeOwnerName: person(before.before_owner_id),
    targetMissing: targetMissing(c),
  };
}

interface EventRow {
  id: string;
  adjustment_id: string;
  action: AdjustmentEvent['action'];
  from_status: AdjustmentStatus;
  to_status: AdjustmentStatus;
  comment: string;
  on_date: string | null;
  person_id: string | null;
  person_name: string | null;
  replica_id: string;
  replica_name: string;
  created_at: string;
}

/** Whether a decision was recorded (or since confirmed) by an installation matched to the owner. */
export function decisionVerified(row: AdjustmentRow, owners: ReadonlySet<string>): boolean {
  return (
    (row.decided_replica_id !== null && owners.has(row.decided_replica_id)) ||
    (row.confirmed_replica_id !== null && owners.has(row.confirmed_replica_id))
  );
}

/** The adjustments of a project (or the ones named), as the channels answer them. */
export function loadAdjustments(db: Db, projectId: string, ids?: readonly string[]): Adjustment[] {
  const rows = ids
    ? ids.map((id) => adjustmentRow(db, id))
    : (db
        .prepare('SELECT * FROM adjustments WHERE project_id = ? ORDER BY created_at, id')
        .all(projectId) as AdjustmentRow[]);
  if (rows.length === 0) return [];
  const plan = planIndex(db, projectId);
  const ctx = judgeContext(db, projectId);
  const labels = labelsOf(db, projectId);
  const issues = linkMaps(db, LINK_TABLES.adjustmentIssues, projectId).byFrom;
  const feedback = linkMaps(db, LINK_TABLES.adjustmentFeedback, projectId).byFrom;
  const causes = linkMaps(db, LINK_TABLES.adjustmentCauses, projectId).byFrom;
  const changes = new Map<string, ChangeRow[]>();
  for (const c of db
    .prepare('SELECT * FROM adjustment_changes WHERE project_id = ? ORDER BY position, id')
    .all(projectId) as ChangeRow[]) {
    changes.set(c.adjustment_id, [...(changes.get(c.adjustment_id) ?? []), c]);
  }
  const events = new Map<string, EventRow[]>();
  for (const e of db
    .prepare('SELECT * FROM adjustment_events WHERE project_id = ? ORDER BY created_at, id')
    .all(projectId) as EventRow[]) {
    events.set(e.adjustment_id, [...(events.get(e.adjustment_id) ?? []), e]);
  }
  const owners = ownerReplicas(db, projectId);
  const me = whoAmI(db, projectId);
  const ownerId = db.prepare('SELECT owner_id FROM projects WHERE id = ?').pluck().get(projectId) as
    string | null;
  const iAmOwner = me.person !== null && me.person.id === ownerId;
  const person = (id: string | null) => (id ? (plan.people.get(id) ?? null) : null);

  return rows.map((row) => {
    const applied = APPLIED.includes(row.status);
    const own = changes.get(row.id) ?? [];
    const judgement = judge(ctx.rules, own, { ...ctx, applied });
    const decided =
      row.decided_on !== null || row.decided_replica_id !== null
        ? row.status === 'rejected'
          ? 'rejected'
          : ['approved', 'applied', 'evaluated'].includes(row.status)
            ? 'approved'
            : null
        : null;
    const verified = decisionVerified(row, owners);
    const decision =
      decided === null
        ? null
        : {
            outcome: decided as 'approved' | 'rejected',
            date: row.decided_on,
            comment: row.decision_comment,
            personId: row.decided_by_id,
            personName: row.decided_by_name,
            replicaId: row.decided_replica_id,
            replicaName: row.decided_replica_name,
            verified,
            local: row.decided_replica_id === me.replica.id,
          };
    const expectedMetric = row.expected_metric_id ? plan.metrics.get(row.expected_metric_id) : undefined;
    return {
      id: row.id,
      projectId: row.project_id,
      title: row.title,
      moduleId: row.module_id,
      proposerId: row.proposer_id,
      ownerId: row.owner_id,
      measures: row.measures,
      deadline: row.deadline,
      expectedMetricId: row.expected_metric_id,
      expectedValueC: row.expected_value_c,
      expectedBy: row.expected_by,
      status: row.status,
      submittedOn: row.submitted_on,
      decision,
      appliedOn: row.applied_on,
      actualValueC: row.actual_value_c,
      evaluatedOn: row.evaluated_on,
      effectNote: row.effect_note,
      ...judgement,
      moduleName: row.module_id ? (plan.modules.get(row.module_id)?.name ?? null) : null,
      proposerName: person(row.proposer_id),
      ownerName: person(row.owner_id),
      expectedMetricName: expectedMetric?.name ?? null,
      expectedMetricActualC:
        expectedMetric && row.expected_metric_id
          ? currentValueC(expectedMetric, plan.actuals.get(row.expected_metric_id) ?? [])
          : null,
      issues: linksTo(issues.get(row.id), labels.issues),
      feedback: linksTo(feedback.get(row.id), labels.feedback),
      rootCauses: linksTo(causes.get(row.id), labels.rootCauses),
      changes: own.map((c) => changeView(c, applied, plan)),
      history: (events.get(row.id) ?? []).map((e) => ({
        id: e.id,
        action: e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        comment: e.comment,
        date: e.on_date,
        personId: e.person_id,
        personName: e.person_name,
        replicaId: e.replica_id,
        replicaName: e.replica_name,
        at: e.created_at,
      })),
      can: {
        edit: EDITABLE.includes(row.status),
        submit: EDITABLE.includes(row.status),
        decide: row.status === 'submitted' && iAmOwner,
        // An approval must be verified; without one, only a minor adjustment may be applied.
        apply:
          row.status === 'approved'
            ? verified
            : !judgement.major && ['draft', 'submitted'].includes(row.status),
        evaluate: applied,
        confirmDecision:
          decision !== null && !verified && iAmOwner && ['approved', 'rejected'].includes(row.status),
        delete: !applied,
      },
      updatedAt: row.updated_at,
    };
  });
}

export function listAdjustments(db: Db, input: { projectId: string }): Adjustment[] {
  requireProject(db, input.projectId);
  return loadAdjustments(db, input.projectId);
}

export function getAdjustment(db: Db, input: { id: string }): Adjustment {
  const projectId = projectOf(db, 'adjustments', input.id);
  return loadAdjustments(db, projectId, [input.id])[0]!;
}

// ---- Writing ----

const FIELDS = {
  title: 'title',
  moduleId: 'module_id',
  proposerId: 'proposer_id',
  ownerId: 'owner_id',
  measures: 'measures',
  deadline: 'deadline',
  expectedMetricId: 'expected_metric_id',
  expectedValueC: 'expected_value_c',
  expectedBy: 'expected_by',
  effectNote: 'effect_note',
} as const;

/** What each kind of change needs, and the fields it keeps (the others are stored empty). */
const CHANGE_SHAPE: Record<
  ChangeKind,
  { needs: (c: ChangeInput) => boolean; keeps: readonly (keyof ChangeInput)[] }
> = {
  module_budget: { needs: (c) => c.moduleId != null && c.deltaFen != null, keeps: ['moduleId', 'deltaFen'] },
  task_budget: { needs: (c) => c.taskId != null && c.deltaFen != null, keeps: ['taskId', 'deltaFen'] },
  task_dates: {
    needs: (c) => c.taskId != null && (c.newStart != null || c.newEnd != null),
    keeps: ['taskId', 'newStart', 'newEnd'],
  },
  task_owner: { needs: (c) => c.taskId != null && c.newOwnerId != null, keeps: ['taskId', 'newOwnerId'] },
  metric_target: {
    needs: (c) => c.metricId != null && c.newTargetC != null,
    keeps: ['metricId', 'newTargetC'],
  },
  project_end: { needs: (c) => c.newEnd != null, keeps: ['newEnd'] },
  new_task: {
    needs: (c) => (c.newName ?? '').trim().length > 0,
    keeps: ['moduleId', 'newStart', 'newEnd', 'newOwnerId', 'newName', 'newBudgetFen'],
  },
};

const CHANGE_COLUMNS = {
  moduleId: 'module_id',
  taskId: 'task_id',
  metricId: 'metric_id',
  deltaFen: 'delta_fen',
  newStart: 'new_start',
  newEnd: 'new_end',
  newOwnerId: 'new_owner_id',
  newTargetC: 'new_target_c',
  newName: 'new_name',
  newBudgetFen: 'new_budget_fen',
} as const;

function checkChange(db: Db, projectId: string, c: ChangeInput, path: (string | number)[]): void {
  const shape = CHANGE_SHAPE[c.kind];
  if (!shape.needs(c)) throw invalid(path, 'change_incomplete', { kind: c.kind });
  const refs: [keyof ChangeInput, ProjectTable][] = [
    ['moduleId', 'modules'],
    ['taskId', 'tasks'],
    ['metricId', 'metrics'],
  ];
  for (const [field, table] of refs) {
    const value = c[field] as string | null | undefined;
    if (shape.keeps.includes(field) && value != null && !belongsTo(db, table, value, projectId)) {
      throw invalid([...path, field], 'not_in_project');
    }
  }
  if (shape.keeps.includes('newOwnerId'))
    checkTeamMember(db, projectId, c.newOwnerId, [...path, 'newOwnerId']);
  checkPeriod(c.newStart ?? null, c.newEnd ?? null, [...path, 'newEnd']);
}

/** Replaces an adjustment's changes: kept by id (only what differs is written), others removed. */
function writeChanges(db: Db, projectId: string, adjustmentId: string, changes: ChangeInput[], base: string) {
  const current = new Map(changeRows(db, adjustmentId).map((c) => [c.id, c]));
  const stamp = nowStamp();
  const wanted = new Set<string>();
  changes.forEach((c, i) => {
    const path = [base, 'changes', i];
    checkChange(db, projectId, c, path);
    if (c.id !== undefined && !current.has(c.id)) throw invalid([...path, 'id'], 'not_in_project');
    const shape = CHANGE_SHAPE[c.kind];
    const values: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(CHANGE_COLUMNS)) {
      const v = shape.keeps.includes(field as keyof ChangeInput) ? c[field as keyof ChangeInput] : undefined;
      values[column] = field === 'newName' ? ((v as string | undefined) ?? '').trim() : (v ?? null);
    }
    values.kind = c.kind;
    values.position = i;
    const existing = c.id === undefined ? undefined : current.get(c.id);
    if (existing) {
      wanted.add(existing.id);
      const differs = Object.entries(values).filter(([k, v]) => existing[k as keyof ChangeRow] !== v);
      if (differs.length === 0) return;
      db.prepare(
        `UPDATE adjustment_changes SET ${differs.map(([k]) => `${k} = ?`).join(', ')}, updated_at = ? WHERE id = ?`,
      ).run(...differs.map(([, v]) => v), stamp, existing.id);
    } else {
      const columns = Object.keys(values);
      db.prepare(
        `INSERT INTO adjustment_changes (id, project_id, adjustment_id, ${columns.join(', ')}, created_at, updated_at)
         VALUES (?, ?, ?, ${columns.map(() => '?').join(', ')}, ?, ?)`,
      ).run(newId(), projectId, adjustmentId, ...Object.values(values), stamp, stamp);
    }
  });
  const remove = db.prepare('DELETE FROM adjustment_changes WHERE id = ?');
  for (const id of current.keys()) if (!wanted.has(id)) remove.run(id);
}

function checkFields(db: Db, projectId: string, patch: AdjustmentPatch, base: string) {
  for (const field of ['proposerId', 'ownerId'] as const)
    checkTeamMember(db, projectId, patch[field], [base, field]);
  if (patch.moduleId != null && !belongsTo(db, 'modules', patch.moduleId, projectId))
    throw invalid([base, 'moduleId'], 'not_in_project');
  if (patch.expectedMetricId != null && !belongsTo(db, 'metrics', patch.expectedMetricId, projectId))
    throw invalid([base, 'expectedMetricId'], 'not_in_project');
}

function writeFields(db: Db, id: string, patch: AdjustmentPatch, stamp: string) {
  const fields = (Object.keys(FIELDS) as (keyof typeof FIELDS)[]).filter((f) => patch[f] !== undefined);
  if (fields.length === 0) return;
  db.prepare(
    `UPDATE adjustments SET ${fields.map((f) => `${FIELDS[f]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`,
  ).run(...fields.map((f) => patch[f]), stamp, id);
}

function writeAdjustmentLinks(db: Db, projectId: string, id: string, patch: AdjustmentPatch, base: string) {
  if (patch.issueIds)
    setLinks(db, LINK_TABLES.adjustmentIssues, projectId, id, patch.issueIds, [base, 'issueIds']);
  if (patch.feedbackIds)
    setLinks(db, LINK_TABLES.adjustmentFeedback, projectId, id, patch.feedbackIds, [base, 'feedbackIds']);
  if (patch.rootCauseIds)
    setLinks(db, LINK_TABLES.adjustmentCauses, projectId, id, patch.rootCauseIds, [base, 'rootCauseIds']);
}

/** A draft; the proposer is this installation's team member unless named. */
export function createAdjustment(
  db: Db,
  input: { projectId: string; values: AdjustmentPatch & { title: string } },
): Adjustment {
  const id = newId();
  db.transaction(() => {
    requireProject(db, input.projectId);
    const values = { ...input.values };
    if (values.proposerId === undefined) values.proposerId = whoAmI(db, input.projectId).person?.id ?? null;
    checkFields(db, input.projectId, values, 'values');
    const stamp = nowStamp();
    db.prepare(
      `INSERT INTO adjustments (id, project_id, title, status, created_at, updated_at) VALUES (?, ?, ?, 'draft', ?, ?)`,
    ).run(id, input.projectId, values.title, stamp, stamp);
    writeFields(db, id, values, stamp);
    writeAdjustmentLinks(db, input.projectId, id, values, 'values');
    if (values.changes) writeChanges(db, input.projectId, id, values.changes, 'values');
  })();
  return getAdjustment(db, { id });
}

/** Edits a draft or rejected adjustment; after submission only the effect note. */
export function updateAdjustment(db: Db, input: { id: string; patch: AdjustmentPatch }): Adjustment {
  db.transaction(() => {
    const row = adjustmentRow(db, input.id);
    const locked = Object.keys(input.patch).filter((k) => k !== 'effectNote');
    if (locked.length > 0 && !EDITABLE.includes(row.status)) {
      throw new AppError({
        code: 'conflict',
        reason: 'adjustment_locked',
        path: ['patch', locked[0]!],
        params: { status: row.status },
      });
    }
    checkFields(db, row.project_id, input.patch, 'patch');
    const stamp = nowStamp();
    writeFields(db, input.id, input.patch, stamp);
    writeAdjustmentLinks(db, row.project_id, input.id, input.patch, 'patch');
    if (input.patch.changes) writeChanges(db, row.project_id, input.id, input.patch.changes, 'patch');
  })();
  return getAdjustment(db, { id: input.id });
}

/** Refused once applied (conflict/adjustment_applied): it is part of the plan's story. */
export function deleteAdjustment(db: Db, input: { id: string }): { id: string } {
  db.transaction(() => {
    const row = adjustmentRow(db, input.id);
    if (APPLIED.includes(row.status)) {
      throw new AppError({ code: 'conflict', reason: 'adjustment_applied', path: ['id'] });
    }
    db.prepare('DELETE FROM adjustments WHERE id = ?').run(input.id);
  })();
  return { id: input.id };
}

/** Appends an entry to the status trail, with who (team member, installation) and when. */
export function recordEvent(
  db: Db,
  row: AdjustmentRow,
  action: AdjustmentEvent['action'],
  from: AdjustmentStatus,
  to: AdjustmentStatus,
  details: { comment?: string; date?: string | null },
): void {
  const { replica, person } = whoAmI(db, row.project_id);
  db.prepare(
    `INSERT INTO adjustment_events (id, project_id, adjustment_id, action, from_status, to_status, comment, on_date,
       person_id, person_name, replica_id, replica_name, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    newId(),
    row.project_id,
    row.id,
    action,
    from,
    to,
    details.comment ?? '',
    details.date ?? null,
    person?.id ?? null,
    person?.name ?? null,
    replica.id,
    localReplica(db).name,
    nowStamp(),
  );
}
