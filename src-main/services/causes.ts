/**
 * Root causes (根因分析): why an issue happened, why feedback came, why a metric fell behind
 * (its 数据反馈 record). One root cause may explain several records, a record may have several.
 */
import type { RootCause } from '../shared/feedback';
import { selectList, updateFields, type ColumnMap } from '../db/columns';
import { newId, nowStamp } from '../db/ids';
import { notFound, projectOf, requireProject, type Db } from './common';
import {
  adjustmentLinks,
  LINK_TABLES,
  labelsOf,
  linkMaps,
  linksTo,
  refuseIfLinked,
  setLinks,
} from './follow-up-links';

interface CausePatch {
  category?: string;
  title?: string;
  analysis?: string;
  issueIds?: string[];
  feedbackIds?: string[];
}

const COLUMNS = {
  id: 'id',
  projectId: 'project_id',
  category: 'category',
  title: 'title',
  analysis: 'analysis',
  updatedAt: 'updated_at',
} as const;
const WRITABLE: ColumnMap<'category' | 'title' | 'analysis'> = {
  category: 'category',
  title: 'title',
  analysis: 'analysis',
};
const SELECT = `SELECT ${selectList(COLUMNS)} FROM root_causes`;
type CauseRow = Pick<RootCause, keyof typeof COLUMNS>;

function withLinks(db: Db, projectId: string, rows: CauseRow[]): RootCause[] {
  if (rows.length === 0) return [];
  const labels = labelsOf(db, projectId);
  const issues = linkMaps(db, LINK_TABLES.causeIssues, projectId).byFrom;
  const feedback = linkMaps(db, LINK_TABLES.causeFeedback, projectId).byFrom;
  const adjustments = linkMaps(db, LINK_TABLES.adjustmentCauses, projectId).byTo;
  return rows.map((r) => ({
    ...r,
    issues: linksTo(issues.get(r.id), labels.issues),
    feedback: linksTo(feedback.get(r.id), labels.feedback),
    adjustments: adjustmentLinks(adjustments.get(r.id), labels.adjustments),
  }));
}

export function listCauses(db: Db, input: { projectId: string }): RootCause[] {
  requireProject(db, input.projectId);
  const rows = db
    .prepare(`${SELECT} WHERE project_id = ? ORDER BY created_at, id`)
    .all(input.projectId) as CauseRow[];
  return withLinks(db, input.projectId, rows);
}

export function getCause(db: Db, id: string): RootCause {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as CauseRow | undefined;
  if (!row) throw notFound();
  return withLinks(db, row.projectId, [row])[0]!;
}

function writeLinks(db: Db, projectId: string, id: string, patch: CausePatch, base: string) {
  if (patch.issueIds)
    setLinks(db, LINK_TABLES.causeIssues, projectId, id, patch.issueIds, [base, 'issueIds']);
  if (patch.feedbackIds)
    setLinks(db, LINK_TABLES.causeFeedback, projectId, id, patch.feedbackIds, [base, 'feedbackIds']);
}

export function createCause(
  db: Db,
  input: { projectId: string; values: CausePatch & { title: string } },
): RootCause {
  const id = newId();
  db.transaction(() => {
    requireProject(db, input.projectId);
    const stamp = nowStamp();
    db.prepare(
      `INSERT INTO root_causes (id, project_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(id, input.projectId, input.values.title, stamp, stamp);
    updateFields(db, 'root_causes', WRITABLE, id, input.values, stamp);
    writeLinks(db, input.projectId, id, input.values, 'values');
  })();
  return getCause(db, id);
}

export function updateCause(db: Db, input: { id: string; patch: CausePatch }): RootCause {
  return db.transaction(() => {
    const projectId = projectOf(db, 'root_causes', input.id);
    const fields = Object.keys(input.patch).some((k) => k in WRITABLE);
    if (fields) updateFields(db, 'root_causes', WRITABLE, input.id, input.patch, nowStamp());
    writeLinks(db, projectId, input.id, input.patch, 'patch');
    return getCause(db, input.id);
  })();
}

/** Refused while an adjustment answers it; its own links to issues and feedback go with it. */
export function deleteCause(db: Db, input: { id: string }): { id: string } {
  db.transaction(() => {
    projectOf(db, 'root_causes', input.id);
    refuseIfLinked(db, [LINK_TABLES.adjustmentCauses], input.id);
    db.prepare('DELETE FROM root_causes WHERE id = ?').run(input.id);
  })();
  return { id: input.id };
}
