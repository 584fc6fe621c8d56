/**
 * The links of steps 四 and 五: a root cause explains issues and feedback; an adjustment answers
 * issues, feedback and root causes. Each link table joins two records of one project; the
 * records show their links both ways, and a record others link to cannot be deleted (the user
 * unlinks first): the refusal names what links to it.
 */
import type { AdjustmentStatus, Link } from '../shared/feedback';
import { AppError } from '../shared/errors';
import { PROJECT_TABLE_BY_NAME } from '../db/project-schema';
import { belongsTo, invalid, type Db, type ProjectTable } from './common';

export interface LinkTable {
  name: string;
  /** The record that owns the link (edits it) and the record it points at. */
  from: { column: string; table: ProjectTable };
  to: { column: string; table: ProjectTable };
}

/**
 * A link table as db/project-schema.ts describes it: its key is (from, to), each column a
 * reference to the record it names.
 */
function linkTable(name: string): LinkTable {
  const table = PROJECT_TABLE_BY_NAME.get(name);
  if (!table || table.key.length !== 2) throw new Error(`${name} is not a link table`);
  const end = (column: string) => {
    const target = table.columns[column]?.references?.table;
    if (!target) throw new Error(`${name}.${column} references nothing`);
    return { column, table: target as ProjectTable };
  };
  return { name, from: end(table.key[0]!), to: end(table.key[1]!) };
}

export const LINK_TABLES = {
  causeIssues: linkTable('cause_issue_links'),
  causeFeedback: linkTable('cause_feedback_links'),
  adjustmentIssues: linkTable('adjustment_issue_links'),
  adjustmentFeedback: linkTable('adjustment_feedback_links'),
  adjustmentCauses: linkTable('adjustment_cause_links'),
} as const satisfies Record<string, LinkTable>;

/**
 * Replaces the links of `fromId` in `link` by `toIds` (each must be a record of the project;
 * refused at `path` otherwise). Only the differences are written, so an unchanged list changes
 * nothing (no empty undo step, no merge noise).
 */
export function setLinks(
  db: Db,
  link: LinkTable,
  projectId: string,
  fromId: string,
  toIds: readonly string[],
  path: (string | number)[],
): void {
  const wanted = [...new Set(toIds)];
  wanted.forEach((id, i) => {
    if (!belongsTo(db, link.to.table, id, projectId)) throw invalid([...path, i], 'not_in_project');
  });
  const current = new Set(
    db
      .prepare(`SELECT ${link.to.column} FROM ${link.name} WHERE ${link.from.column} = ?`)
      .pluck()
      .all(fromId) as string[],
  );
  const remove = db.prepare(
    `DELETE FROM ${link.name} WHERE ${link.from.column} = ? AND ${link.to.column} = ?`,
  );
  for (const id of current) if (!wanted.includes(id)) remove.run(fromId, id);
  const add = db.prepare(
    `INSERT INTO ${link.name} (project_id, ${link.from.column}, ${link.to.column}) VALUES (?, ?, ?)`,
  );
  for (const id of wanted) if (!current.has(id)) add.run(projectId, fromId, id);
}

/** Link rows of a project: from id → to ids, and to id → from ids. */
export function linkMaps(
  db: Db,
  link: LinkTable,
  projectId: string,
): { byFrom: Map<string, string[]>; byTo: Map<string, string[]> } {
  const rows = db
    .prepare(`SELECT ${link.from.column} AS f, ${link.to.column} AS t FROM ${link.name} WHERE project_id = ?`)
    .all(projectId) as { f: string; t: string }[];
  const byFrom = new Map<string, string[]>();
  const byTo = new Map<string, string[]>();
  for (const { f, t } of rows) {
    byFrom.set(f, [...(byFrom.get(f) ?? []), t]);
    byTo.set(t, [...(byTo.get(t) ?? []), f]);
  }
  return { byFrom, byTo };
}

/** Labels of the project's records, for links: issue and root-cause titles, feedback text. */
export interface Labels {
  issues: Map<string, string>;
  feedback: Map<string, string>;
  rootCauses: Map<string, string>;
  adjustments: Map<string, { label: string; status: AdjustmentStatus }>;
}

/** A feedback record's label: its text (first line, shortened), else its metric's name. */
export function feedbackLabel(content: string, metricName: string | null, gapKey: string | null): string {
  const first = content.trim().split('\n')[0] ?? '';
  if (first) return first.length > 80 ? `${first.slice(0, 79)}…` : first;
  return metricName ?? gapKey ?? '';
}

export function labelsOf(db: Db, projectId: string): Labels {
  const pairs = (sql: string) =>
    new Map((db.prepare(sql).all(projectId) as { id: string; label: string }[]).map((r) => [r.id, r.label]));
  const feedback = new Map(
    (
      db
        .prepare(
          `SELECT f.id, f.content, f.gap_key AS gapKey, m.name AS metricName
             FROM feedback f LEFT JOIN metrics m ON m.id = f.metric_id WHERE f.project_id = ?`,
        )
        .all(projectId) as { id: string; content: string; gapKey: string | null; metricName: string | null }[]
    ).map((r) => [r.id, feedbackLabel(r.content, r.metricName, r.gapKey)]),
  );
  const adjustments = new Map(
    (
      db.prepare('SELECT id, title, status FROM adjustments WHERE project_id = ?').all(projectId) as {
        id: string;
        title: string;
        status: AdjustmentStatus;
      }[]
    ).map((r) => [r.id, { label: r.title, status: r.status }]),
  );
  return {
    issues: pairs('SELECT id, title AS label FROM issues WHERE project_id = ?'),
    feedback,
    rootCauses: pairs('SELECT id, title AS label FROM root_causes WHERE project_id = ?'),
    adjustments,
  };
}

export const linksTo = (ids: readonly string[] | undefined, labels: Map<string, string>): Link[] =>
  (ids ?? []).filter((id) => labels.has(id)).map((id) => ({ id, label: labels.get(id)! }));

export const adjustmentLinks = (
  ids: readonly string[] | undefined,
  labels: Labels['adjustments'],
): { id: string; label: string; status: AdjustmentStatus }[] =>
  (ids ?? []).filter((id) => labels.has(id)).map((id) => ({ id, ...labels.get(id)! }));

/**
 * Refuses deleting a record that others link to (conflict/linked), naming them: params.names
 * (their titles joined by 、), params.count, and one problem per link.
 */
export function refuseIfLinked(db: Db, links: readonly LinkTable[], id: string): void {
  const problems: { path: (string | number)[]; reason: string; params: Record<string, string> }[] = [];
  for (const link of links) {
    const rows = db
      .prepare(
        `SELECT l.${link.from.column} AS id, r.title AS label FROM ${link.name} l
           JOIN ${link.from.table} r ON r.id = l.${link.from.column}
          WHERE l.${link.to.column} = ? ORDER BY r.created_at, r.id`,
      )
      .all(id) as { id: string; label: string }[];
    for (const r of rows) {
      problems.push({
        path: [link.from.table, r.id],
        reason: 'linked_from',
        params: { table: link.from.table, id: r.id, label: r.label },
      });
    }
  }
  if (problems.length === 0) return;
  throw new AppError({
    code: 'conflict',
    reason: 'linked',
    path: ['id'],
    params: { count: problems.length, names: problems.map((p) => p.params.label).join('、') },
    problems,
  });
}
