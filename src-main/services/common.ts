import type { Db } from '../db/connection';
import { AppError } from '../shared/errors';

export type { Db } from '../db/connection';

export function notFound(path: string[] = ['id']): AppError {
  return new AppError({ code: 'not_found', path });
}

export function invalid(path: (string | number)[], reason: string, params?: Record<string, string | number>) {
  return new AppError({ code: 'invalid_input', path, reason, params });
}

/** Tables whose rows carry their project_id. */
export type ProjectTable =
  | 'people'
  | 'modules'
  | 'tasks'
  | 'metrics'
  | 'tracking_periods'
  | 'spend_entries'
  | 'issues'
  | 'feedback'
  | 'root_causes'
  | 'adjustments'
  | 'adjustment_changes'
  | 'lessons';

/** The project a record belongs to, or not_found (at `path`). */
export function projectOf(db: Db, table: ProjectTable, id: string, path: string[] = ['id']): string {
  const row = db.prepare(`SELECT project_id AS p FROM ${table} WHERE id = ?`).get(id) as
    { p: string } | undefined;
  if (!row) throw notFound(path);
  return row.p;
}

export function requireProject(db: Db, projectId: string, path = ['projectId']): void {
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw notFound(path);
}

/** An owner must be a member of the same project's team (or empty). */
export function checkTeamMember(
  db: Db,
  projectId: string,
  personId: string | null | undefined,
  path: (string | number)[],
) {
  if (personId == null) return;
  if (!belongsTo(db, 'people', personId, projectId)) throw invalid(path, 'not_team_member');
}

/** Whether the record `id` of `table` exists and belongs to the project. */
export function belongsTo(db: Db, table: ProjectTable, id: string, projectId: string): boolean {
  const row = db.prepare(`SELECT project_id AS p FROM ${table} WHERE id = ?`).get(id) as
    { p: string } | undefined;
  return row?.p === projectId;
}

/** end ≥ start, when both are set. */
export function checkPeriod(start: string | null, end: string | null, path: (string | number)[]) {
  if (start && end && end < start) throw invalid(path, 'end_before_start', { start, end });
}

/**
 * What a metric or a spend entry is about: the strategy (neither), one module or one task of the
 * same project, never both. `next` is the record as it will be stored, `patch` what the caller
 * sent (so the error points at a field that was sent).
 */
export function checkScope(
  db: Db,
  projectId: string,
  next: { moduleId?: string | null; taskId?: string | null },
  patch: { moduleId?: string | null; taskId?: string | null },
  base: string,
): void {
  if (patch.moduleId != null && !belongsTo(db, 'modules', patch.moduleId, projectId)) {
    throw invalid([base, 'moduleId'], 'not_in_project');
  }
  if (patch.taskId != null && !belongsTo(db, 'tasks', patch.taskId, projectId)) {
    throw invalid([base, 'taskId'], 'not_in_project');
  }
  if (next.moduleId != null && next.taskId != null) {
    throw invalid([base, patch.taskId != null ? 'taskId' : 'moduleId'], 'module_and_task');
  }
}

/** Next position at the end of a project's list in `table`. */
export function nextPosition(
  db: Db,
  table: 'people' | 'modules' | 'tasks' | 'metrics' | 'lessons',
  projectId: string,
): number {
  const row = db
    .prepare(`SELECT coalesce(max(position), -1) + 1 AS n FROM ${table} WHERE project_id = ?`)
    .get(projectId) as { n: number };
  return row.n;
}
