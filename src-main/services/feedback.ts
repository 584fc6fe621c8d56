/**
 * The feedback log (内部反馈 / 外部反馈 / 数据反馈), 数据反馈 made from an item of 概览's attention
 * list, and the summary Table 1 and 概览 show of the follow-up (open issues, adjustments in
 * progress, per module).
 */
import {
  IN_PROGRESS_ADJUSTMENT_STATUSES,
  OPEN_ISSUE_STATUSES,
  type AdjustmentStatus,
  type Feedback,
  type FeedbackPatch,
  type FollowUpSummary,
} from '../shared/feedback';
import { AppError } from '../shared/errors';
import { selectList, updateFields, type ColumnMap } from '../db/columns';
import { newId, nowStamp } from '../db/ids';
import { belongsTo, invalid, notFound, projectOf, requireProject, type Db } from './common';
import { getDashboard } from './dashboard';
import { adjustmentLinks, LINK_TABLES, labelsOf, linkMaps, linksTo, refuseIfLinked } from './follow-up-links';

type StoredFeedback = Omit<
  Feedback,
  'moduleName' | 'taskLabel' | 'metricName' | 'rootCauses' | 'adjustments'
>;

const COLUMNS: ColumnMap<keyof StoredFeedback> = {
  id: 'id',
  projectId: 'project_id',
  source: 'source',
  channel: 'channel',
  receivedOn: 'received_on',
  content: 'content',
  sentiment: 'sentiment',
  moduleId: 'module_id',
  taskId: 'task_id',
  metricId: 'metric_id',
  gapKey: 'gap_key',
  targetC: 'target_c',
  actualC: 'actual_c',
  gapPct: 'gap_pct',
  updatedAt: 'updated_at',
};
/** What a caller may write (the gap's figures are set only from the attention item). */
const WRITABLE: ColumnMap<keyof FeedbackPatch> = {
  source: 'source',
  channel: 'channel',
  receivedOn: 'received_on',
  content: 'content',
  sentiment: 'sentiment',
  moduleId: 'module_id',
  taskId: 'task_id',
  metricId: 'metric_id',
};

const SELECT = `
  SELECT ${selectList(COLUMNS, 'f')}, m.name AS moduleName, mt.name AS metricName,
         CASE WHEN t.id IS NULL THEN NULL ELSE t.code || ' ' || t.name END AS taskLabel
    FROM feedback f
    LEFT JOIN modules m ON m.id = f.module_id
    LEFT JOIN tasks t ON t.id = f.task_id
    LEFT JOIN metrics mt ON mt.id = f.metric_id`;

type FeedbackRow = Omit<Feedback, 'rootCauses' | 'adjustments'>;

function withLinks(db: Db, projectId: string, rows: FeedbackRow[]): Feedback[] {
  if (rows.length === 0) return [];
  const labels = labelsOf(db, projectId);
  const causes = linkMaps(db, LINK_TABLES.causeFeedback, projectId).byTo;
  const adjustments = linkMaps(db, LINK_TABLES.adjustmentFeedback, projectId).byTo;
  return rows.map((r) => ({
    ...r,
    rootCauses: linksTo(causes.get(r.id), labels.rootCauses),
    adjustments: adjustmentLinks(adjustments.get(r.id), labels.adjustments),
  }));
}

export function listFeedback(db: Db, input: { projectId: string }): Feedback[] {
  requireProject(db, input.projectId);
  const rows = db
    .prepare(`${SELECT} WHERE f.project_id = ? ORDER BY f.received_on, f.id`)
    .all(input.projectId) as FeedbackRow[];
  return withLinks(db, input.projectId, rows);
}

export function getFeedback(db: Db, id: string): Feedback {
  const row = db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as FeedbackRow | undefined;
  if (!row) throw notFound();
  return withLinks(db, row.projectId, [row])[0]!;
}

function checkScope(db: Db, projectId: string, patch: FeedbackPatch, base: string) {
  const scopes = [
    ['moduleId', 'modules'],
    ['taskId', 'tasks'],
    ['metricId', 'metrics'],
  ] as const;
  for (const [field, table] of scopes) {
    const value = patch[field];
    if (value != null && !belongsTo(db, table, value, projectId))
      throw invalid([base, field], 'not_in_project');
  }
}

export function createFeedback(
  db: Db,
  input: { projectId: string; values: FeedbackPatch & { source: Feedback['source']; receivedOn: string } },
): Feedback {
  const id = newId();
  db.transaction(() => {
    requireProject(db, input.projectId);
    checkScope(db, input.projectId, input.values, 'values');
    const stamp = nowStamp();
    db.prepare(
      `INSERT INTO feedback (id, project_id, source, received_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(id, input.projectId, input.values.source, input.values.receivedOn, stamp, stamp);
    updateFields(db, 'feedback', WRITABLE, id, input.values, stamp);
  })();
  return getFeedback(db, id);
}

export function updateFeedback(db: Db, input: { id: string; patch: FeedbackPatch }): Feedback {
  return db.transaction(() => {
    const projectId = projectOf(db, 'feedback', input.id);
    checkScope(db, projectId, input.patch, 'patch');
    updateFields(db, 'feedback', WRITABLE, input.id, input.patch, nowStamp());
    return getFeedback(db, input.id);
  })();
}

/** Refused while a root cause or an adjustment links to it (conflict/linked). */
export function deleteFeedback(db: Db, input: { id: string }): { id: string } {
  db.transaction(() => {
    projectOf(db, 'feedback', input.id);
    refuseIfLinked(db, [LINK_TABLES.causeFeedback, LINK_TABLES.adjustmentFeedback], input.id);
    db.prepare('DELETE FROM feedback WHERE id = ?').run(input.id);
  })();
  return { id: input.id };
}

const asHundredths = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e15 ? Math.round(v) : null;

/**
 * 数据反馈 from an attention item, found by its stable key on the list as of `today`. The same
 * gap recorded before (same key) is returned as it is: a gap is recorded once.
 */
export function feedbackFromAttention(
  db: Db,
  input: { projectId: string; key: string; today: string; content?: string; channel?: string },
): { feedback: Feedback; created: boolean } {
  const existing = db
    .prepare('SELECT id FROM feedback WHERE project_id = ? AND gap_key = ?')
    .pluck()
    .get(input.projectId, input.key) as string | undefined;
  if (existing) return { feedback: getFeedback(db, existing), created: false };
  const dashboard = getDashboard(db, { projectId: input.projectId, today: input.today }, Infinity);
  const item = dashboard.attention.find((a) => a.key === input.key);
  if (!item) throw new AppError({ code: 'not_found', path: ['key'], reason: 'attention_not_found' });
  const id = newId();
  db.transaction(() => {
    let moduleId: string | null = null;
    let taskId: string | null = null;
    let metricId: string | null = null;
    let targetC: number | null = null;
    let actualC: number | null = null;
    let gapPct: number | null = null;
    const rowId = item.target.rowId;
    if (item.kind === 'metric_behind') {
      metricId = rowId;
      const metric = dashboard.metrics.find((m) => m.id === rowId);
      moduleId = metric?.moduleId ?? null;
      taskId = metric?.taskId ?? null;
      targetC = asHundredths(item.params.targetC);
      actualC = asHundredths(item.params.actualC);
      gapPct = metric?.finalVariancePct ?? null;
    } else if (item.kind === 'module_over_budget') {
      moduleId = rowId;
      gapPct = typeof item.params.overPct === 'number' ? -item.params.overPct : null;
    } else {
      taskId = rowId;
    }
    const stamp = nowStamp();
    db.prepare(
      `INSERT INTO feedback (id, project_id, source, channel, received_on, content, sentiment, module_id, task_id,
         metric_id, gap_key, target_c, actual_c, gap_pct, created_at, updated_at)
       VALUES (?, ?, 'data', ?, ?, ?, 'negative', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      input.projectId,
      input.channel ?? '数据分析',
      input.today,
      input.content ?? '',
      moduleId,
      taskId,
      metricId,
      input.key,
      targetC,
      actualC,
      gapPct,
      stamp,
      stamp,
    );
  })();
  return { feedback: getFeedback(db, id), created: true };
}

/**
 * Open issues and adjustments per module, for Table 1 (问题反馈, 调整建议) and 概览. An issue
 * belongs to its module, or to its task's module; an adjustment to its module, and to every
 * module whose budget it changes or whose task it changes or adds.
 */
export function followUpSummary(db: Db, input: { projectId: string }): FollowUpSummary {
  requireProject(db, input.projectId);
  const open = OPEN_ISSUE_STATUSES.map((s) => `'${s}'`).join(', ');
  const inProgress = IN_PROGRESS_ADJUSTMENT_STATUSES.map((s) => `'${s}'`).join(', ');
  const issues = db
    .prepare(
      `SELECT i.id, i.title, coalesce(i.module_id, t.module_id) AS moduleId
         FROM issues i LEFT JOIN tasks t ON t.id = i.task_id
        WHERE i.project_id = ? AND i.status IN (${open}) ORDER BY i.reported_on, i.id`,
    )
    .all(input.projectId) as { id: string; title: string; moduleId: string | null }[];
  const adjustments = db
    .prepare(
      `SELECT id, title, status, module_id AS moduleId, created_at FROM adjustments
        WHERE project_id = ? AND status IN (${inProgress}) ORDER BY created_at, id`,
    )
    .all(input.projectId) as {
    id: string;
    title: string;
    status: AdjustmentStatus;
    moduleId: string | null;
  }[];
  const changeModules = db
    .prepare(
      `SELECT DISTINCT c.adjustment_id AS a, coalesce(c.module_id, t.module_id) AS m
         FROM adjustment_changes c LEFT JOIN tasks t ON t.id = c.task_id
        WHERE c.project_id = ? AND coalesce(c.module_id, t.module_id) IS NOT NULL`,
    )
    .all(input.projectId) as { a: string; m: string }[];
  const modulesOf = new Map<string, Set<string>>();
  for (const { a, m } of changeModules) modulesOf.set(a, (modulesOf.get(a) ?? new Set()).add(m));
  const moduleIds = db
    .prepare('SELECT id FROM modules WHERE project_id = ? ORDER BY position, id')
    .pluck()
    .all(input.projectId) as string[];
  return {
    openIssues: issues.length,
    awaitingApproval: adjustments.filter((a) => a.status === 'submitted').length,
    adjustmentsInProgress: adjustments.length,
    modules: moduleIds.map((moduleId) => {
      const own = issues.filter((i) => i.moduleId === moduleId).map((i) => ({ id: i.id, label: i.title }));
      return {
        moduleId,
        openIssueCount: own.length,
        openIssues: own,
        adjustments: adjustments
          .filter((a) => a.moduleId === moduleId || modulesOf.get(a.id)?.has(moduleId))
          .map((a) => ({ id: a.id, label: a.title, status: a.status })),
      };
    }),
  };
}
