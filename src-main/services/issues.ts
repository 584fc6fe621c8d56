/**
 * 执行问题记录表: the obstacles the team meets (资源不足, 流程卡点 …), what they need from others,
 * who handles them and how they were resolved. Open issues (待处理, 处理中) are counted per module
 * for Table 1 and 概览 (feedback.ts, followUpSummary).
 */
import type { Issue, IssuePatch } from '../shared/feedback';
import { selectList, updateFields, type ColumnMap } from '../db/columns';
import { newId, nowStamp } from '../db/ids';
import {
  belongsTo,
  checkPeriod,
  checkTeamMember,
  invalid,
  notFound,
  projectOf,
  requireProject,
  type Db,
} from './common';
import { adjustmentLinks, LINK_TABLES, labelsOf, linkMaps, linksTo, refuseIfLinked } from './follow-up-links';

type StoredIssue = Omit<
  Issue,
  'reporterName' | 'ownerName' | 'moduleName' | 'taskLabel' | 'rootCauses' | 'adjustments'
>;

const COLUMNS: ColumnMap<keyof StoredIssue> = {
  id: 'id',
  projectId: 'project_id',
  reportedOn: 'reported_on',
  reporterId: 'reporter_id',
  moduleId: 'module_id',
  taskId: 'task_id',
  category: 'category',
  title: 'title',
  impact: 'impact',
  supportNeeded: 'support_needed',
  severity: 'severity',
  ownerId: 'owner_id',
  dueDate: 'due_date',
  status: 'status',
  resolution: 'resolution',
  resolvedOn: 'resolved_on',
  updatedAt: 'updated_at',
};
const { updatedAt: _updatedAt, ...WRITABLE } = COLUMNS;

const SELECT = `
  SELECT ${selectList(COLUMNS, 'i')},
         rp.name AS reporterName, op.name AS ownerName, m.name AS moduleName,
         CASE WHEN t.id IS NULL THEN NULL ELSE t.code || ' ' || t.name END AS taskLabel
    FROM issues i
    LEFT JOIN people rp ON rp.id = i.reporter_id
    LEFT JOIN people op ON op.id = i.owner_id
    LEFT JOIN modules m ON m.id = i.module_id
    LEFT JOIN tasks t ON t.id = i.task_id`;

type IssueRow = Omit<Issue, 'rootCauses' | 'adjustments'>;

function withLinks(db: Db, projectId: string, rows: IssueRow[]): Issue[] {
  if (rows.length === 0) return [];
  const labels = labelsOf(db, projectId);
  const causes = linkMaps(db, LINK_TABLES.causeIssues, projectId).byTo;
  const adjustments = linkMaps(db, LINK_TABLES.adjustmentIssues, projectId).byTo;
  return rows.map((r) => ({
    ...r,
    rootCauses: linksTo(causes.get(r.id), labels.rootCauses),
    adjustments: adjustmentLinks(adjustments.get(r.id), labels.adjustments),
  }));
}

export function listIssues(db: Db, input: { projectId: string }): Issue[] {
  requireProject(db, input.projectId);
  const rows = db
    .prepare(`${SELECT} WHERE i.project_id = ? ORDER BY i.reported_on, i.id`)
    .all(input.projectId) as IssueRow[];
  return withLinks(db, input.projectId, rows);
}

export function getIssue(db: Db, id: string): Issue {
  const row = db.prepare(`${SELECT} WHERE i.id = ?`).get(id) as IssueRow | undefined;
  if (!row) throw notFound();
  return withLinks(db, row.projectId, [row])[0]!;
}

function check(db: Db, projectId: string, next: StoredIssue | IssuePatch, patch: IssuePatch, base: string) {
  checkTeamMember(db, projectId, patch.reporterId, [base, 'reporterId']);
  checkTeamMember(db, projectId, patch.ownerId, [base, 'ownerId']);
  if (patch.moduleId != null && !belongsTo(db, 'modules', patch.moduleId, projectId))
    throw invalid([base, 'moduleId'], 'not_in_project');
  if (patch.taskId != null && !belongsTo(db, 'tasks', patch.taskId, projectId))
    throw invalid([base, 'taskId'], 'not_in_project');
  checkPeriod(next.reportedOn ?? null, next.resolvedOn ?? null, [base, 'resolvedOn']);
}

export function createIssue(
  db: Db,
  input: { projectId: string; values: IssuePatch & { title: string; reportedOn: string } },
): Issue {
  const id = newId();
  db.transaction(() => {
    requireProject(db, input.projectId);
    check(db, input.projectId, input.values, input.values, 'values');
    const stamp = nowStamp();
    db.prepare(
      `INSERT INTO issues (id, project_id, reported_on, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(id, input.projectId, input.values.reportedOn, input.values.title, stamp, stamp);
    updateFields(db, 'issues', WRITABLE, id, input.values, stamp);
  })();
  return getIssue(db, id);
}

export function updateIssue(db: Db, input: { id: string; patch: IssuePatch }): Issue {
  return db.transaction(() => {
    const current = getIssue(db, input.id);
    check(db, current.projectId, { ...current, ...input.patch }, input.patch, 'patch');
    updateFields(db, 'issues', WRITABLE, input.id, input.patch, nowStamp());
    return getIssue(db, input.id);
  })();
}

/** Refused while a root cause or an adjustment links to the issue (conflict/linked). */
export function deleteIssue(db: Db, input: { id: string }): { id: string } {
  db.transaction(() => {
    projectOf(db, 'issues', input.id);
    refuseIfLinked(db, [LINK_TABLES.causeIssues, LINK_TABLES.adjustmentIssues], input.id);
    db.prepare('DELETE FROM issues WHERE id = ?').run(input.id);
  })();
  return { id: input.id };
}
