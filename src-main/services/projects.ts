/** 策略: the project header (step 一) and the list of projects. */
import type { Project, ProjectPatch, ProjectSummary } from '../shared/domain';
import { selectList, updateFields, type ColumnMap } from '../db/columns';
import { newId, nowStamp } from '../db/ids';
import { checkPeriod, checkTeamMember, notFound, type Db } from './common';
import { makeOverallOwner, refuseLeavingNoOwner } from './owner';

const COLUMNS: ColumnMap<keyof Project> = {
  id: 'id',
  name: 'name',
  goal: 'goal',
  ownerId: 'owner_id',
  start: 'start_date',
  end: 'end_date',
  status: 'status',
  actions: 'actions',
  audience: 'audience',
  budgetFen: 'budget_fen',
  manpower: 'manpower',
  channels: 'channels',
  expectedOutcome: 'expected_outcome',
  trackingCycle: 'tracking_cycle',
  gapThresholdPct: 'gap_threshold',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};
const SELECT = `SELECT ${selectList(COLUMNS)} FROM projects`;

/**
 * A task's weight in a roll-up is its duration in days (a one-day task counts once, a month-long
 * one thirty times); a task without both dates counts as one day. Only leaf tasks count: a
 * parent's progress is its children's.
 */
export const LEAF_TASK_WEIGHT = `
  CASE WHEN t.start_date IS NOT NULL AND t.end_date IS NOT NULL
       THEN julianday(t.end_date) - julianday(t.start_date) + 1 ELSE 1.0 END`;
// 1.0, not 1: with only undated tasks every weight was the integer 1 and SQLite's integer
// division truncated the average (tasks at 0% and 93% showed 46%, not 46.5%).

export const IS_LEAF_TASK = `NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_id = t.id)`;

/** The plan's overall progress (0–100) of project `p.id`: its leaf tasks weighted by duration. */
const OVERALL_PROGRESS = `coalesce((SELECT sum(t.progress * ${LEAF_TASK_WEIGHT}) / sum(${LEAF_TASK_WEIGHT})
                          FROM tasks t WHERE t.project_id = p.id AND ${IS_LEAF_TASK}), 0)`;

/** A project's task count and overall progress, as the project list shows them. */
export interface ProjectFigures {
  taskCount: number;
  progress: number;
}

/**
 * The project list with each project's task count and overall progress. `known` gives the
 * figures of projects whose roll-ups the caller holds (routes/roll-ups.ts: the same sums); the
 * others are computed here, one project at a time. At 100,000 tasks computing them takes about
 * 0.4 s, and the page asks for this list right after the open project's tasks.
 */
export function listProjects(
  db: Db,
  known: (projectId: string) => ProjectFigures | null = () => null,
): ProjectSummary[] {
  const rows = db
    .prepare(
      `SELECT p.id AS id, p.name AS name, p.status AS status, p.start_date AS start, p.end_date AS "end",
              o.name AS ownerName
         FROM projects p LEFT JOIN people o ON o.id = p.owner_id
        ORDER BY p.created_at, p.id`,
    )
    .all() as Omit<ProjectSummary, keyof ProjectFigures>[];
  const figures = db.prepare(
    `SELECT (SELECT count(*) FROM tasks t WHERE t.project_id = p.id) AS taskCount,
            ${OVERALL_PROGRESS} AS progress
       FROM projects p WHERE p.id = ?`,
  );
  return rows.map((row) => ({ ...row, ...(known(row.id) ?? (figures.get(row.id) as ProjectFigures)) }));
}

/**
 * One project's entry of `projects.list`, with its task count and overall progress given by the
 * caller (kept up to date from each write, see routes/roll-ups.ts); null when it does not exist.
 */
export function projectSummary(
  db: Db,
  id: string,
  figures: { taskCount: number; progress: number },
): ProjectSummary | null {
  const row = db
    .prepare(
      `SELECT p.id AS id, p.name AS name, p.status AS status, p.start_date AS start, p.end_date AS "end",
              o.name AS ownerName
         FROM projects p LEFT JOIN people o ON o.id = p.owner_id WHERE p.id = ?`,
    )
    .get(id) as Omit<ProjectSummary, 'taskCount' | 'progress'> | undefined;
  return row ? { ...row, ...figures } : null;
}

/** The overall progress of one project, exactly as projects.list shows it. */
export function overallProgress(db: Db, projectId: string): number {
  return db
    .prepare(`SELECT ${OVERALL_PROGRESS} FROM projects p WHERE p.id = ?`)
    .pluck()
    .get(projectId) as number;
}

export function getProject(db: Db, id: string): Project {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as Project | undefined;
  if (!row) throw notFound();
  return row;
}

export function createProject(db: Db, input: { name: string }): Project {
  const id = newId();
  const stamp = nowStamp();
  db.transaction(() => {
    db.prepare('INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
      id,
      input.name,
      stamp,
      stamp,
    );
  })();
  return getProject(db, id);
}

export function updateProject(db: Db, input: { id: string; patch: ProjectPatch }): Project {
  return db.transaction(() => {
    const current = getProject(db, input.id);
    const next = { ...current, ...input.patch };
    checkTeamMember(db, input.id, input.patch.ownerId, ['patch', 'ownerId']);
    checkPeriod(next.start, next.end, ['patch', input.patch.end !== undefined ? 'end' : 'start']);
    if (input.patch.ownerId === null && current.ownerId !== null)
      refuseLeavingNoOwner(db, input.id, current.ownerId, ['patch', 'ownerId']);
    updateFields(db, 'projects', COLUMNS, input.id, input.patch, nowStamp());
    if (input.patch.ownerId) makeOverallOwner(db, input.id, input.patch.ownerId);
    return getProject(db, input.id);
  })();
}

export function renameProject(db: Db, input: { id: string; name: string }): Project {
  return updateProject(db, { id: input.id, patch: { name: input.name } });
}

/** Deletes the project with its team, modules and tasks (cascading foreign keys). */
export function deleteProject(db: Db, input: { id: string }): { id: string } {
  db.transaction(() => {
    if (db.prepare('DELETE FROM projects WHERE id = ?').run(input.id).changes === 0) throw notFound();
  })();
  return { id: input.id };
}
