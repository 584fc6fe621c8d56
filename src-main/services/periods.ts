/**
 * Tracking periods of Table 1 ("updated weekly by the overall owner"): the latest period is the
 * current one, edited through the modules themselves; opening the next one closes it and keeps
 * Table 1 as it stood then, read-only (there is no channel that edits a snapshot).
 */
import type { Cycle, ModuleSnapshot, Period } from '../shared/tracking';
import { periodAfter, periodOf } from '../shared/metrics-logic';
import { selectList, type ColumnMap } from '../db/columns';
import { newId, nowStamp } from '../db/ids';
import { invalid, notFound, requireProject, type Db } from './common';
import { overallProgress } from './projects';
import { listModules } from './modules';
import { followUpSummary } from './feedback';

const COLUMNS: ColumnMap<keyof Period> = {
  id: 'id',
  projectId: 'project_id',
  cycle: 'cycle',
  start: 'start_date',
  end: 'end_date',
  closedAt: 'closed_at',
  progressAtClose: 'progress_at_close',
};
const SELECT = `SELECT ${selectList(COLUMNS)} FROM tracking_periods`;

const SNAPSHOT_COLUMNS: ColumnMap<Exclude<keyof ModuleSnapshot, 'openIssues' | 'adjustments'>> = {
  periodId: 'period_id',
  moduleId: 'module_id',
  name: 'name',
  ownerName: 'owner_name',
  progress: 'progress',
  progressOverride: 'progress_override',
  milestone: 'milestone',
  summary: 'summary',
  issues: 'issues',
  suggestions: 'suggestions',
  result: 'result',
  position: 'position',
};

/** The periods of a project, oldest first; the last one is the current (open) period. */
export function listPeriods(db: Db, input: { projectId: string }): Period[] {
  requireProject(db, input.projectId);
  return db.prepare(`${SELECT} WHERE project_id = ? ORDER BY start_date`).all(input.projectId) as Period[];
}

function getPeriod(db: Db, id: string): Period {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as Period | undefined;
  if (!row) throw notFound();
  return row;
}

/** The latest period of a project (the current one once any exists), or null. */
export function latestPeriod(db: Db, projectId: string): Period | null {
  const row = db.prepare(`${SELECT} WHERE project_id = ? ORDER BY start_date DESC LIMIT 1`).get(projectId) as
    Period | undefined;
  return row ?? null;
}

/**
 * Opens the next tracking period: the first one is the period of the project's cycle that
 * contains `today` (the renderer's calendar date); later ones follow the latest. The period being
 * closed gets its snapshot of Table 1 (every module with its progress as shown, rolled up or
 * typed, and its owner's name), its closing time and the plan's overall progress, all in one
 * transaction with the new period. A period that has not started yet is not closed again:
 * opening periods ahead of the calendar one click after another would be a slip, not tracking.
 * Nor is a period that starts after today opened unless the owner said so (`ahead`): it would
 * lock the running period as 已结束 while it is still running.
 */
export function openPeriod(db: Db, input: { projectId: string; today: string; ahead?: boolean }): Period {
  return db.transaction(() => {
    requireProject(db, input.projectId);
    const cycle = db
      .prepare('SELECT tracking_cycle FROM projects WHERE id = ?')
      .pluck()
      .get(input.projectId) as Cycle;
    const latest = latestPeriod(db, input.projectId);
    const stamp = nowStamp();
    let range: { start: string; end: string };
    if (!latest) {
      range = periodOf(input.today, cycle);
    } else {
      if (latest.start > input.today) {
        throw invalid(['today'], 'period_not_started', { start: latest.start, end: latest.end });
      }
      range = periodAfter(latest, cycle);
      if (range.start > input.today && input.ahead !== true) {
        throw invalid(['today'], 'period_ahead', { start: range.start, end: range.end });
      }
      if (latest.closedAt === null) closePeriod(db, latest, stamp);
    }
    const id = newId();
    db.prepare(
      `INSERT INTO tracking_periods (id, project_id, cycle, start_date, end_date, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.projectId, cycle, range.start, range.end, stamp, stamp);
    return getPeriod(db, id);
  })();
}

/** Keeps Table 1 as it is now in the period's snapshot and marks the period closed. */
function closePeriod(db: Db, period: Period, stamp: string): void {
  const owners = new Map(
    (
      db.prepare('SELECT id, name FROM people WHERE project_id = ?').all(period.projectId) as {
        id: string;
        name: string;
      }[]
    ).map((p) => [p.id, p.name]),
  );
  const insert = db.prepare(
    `INSERT INTO module_snapshots (period_id, module_id, name, owner_name, progress, progress_override,
       milestone, summary, issues, suggestions, result, position, created_at, open_issues, adjustments)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Table 1's 问题反馈 and 调整建议 columns show the module's open issues and adjustments in
  // progress after the typed text: kept as they are now, so the closed period shows them still.
  const followUp = new Map(
    followUpSummary(db, { projectId: period.projectId }).modules.map((m) => [m.moduleId, m]),
  );
  for (const m of listModules(db, { projectId: period.projectId })) {
    const f = followUp.get(m.id);
    insert.run(
      period.id,
      m.id,
      m.name,
      m.ownerId === null ? null : (owners.get(m.ownerId) ?? null),
      m.progress,
      m.progressOverride,
      m.milestone,
      m.summary,
      m.issues,
      m.suggestions,
      m.result,
      m.position,
      stamp,
      JSON.stringify(f?.openIssues.map((i) => i.label) ?? []),
      JSON.stringify(f?.adjustments.map((a) => ({ title: a.label, status: a.status })) ?? []),
    );
  }
  db.prepare(
    'UPDATE tracking_periods SET closed_at = ?, progress_at_close = ?, updated_at = ? WHERE id = ?',
  ).run(stamp, overallProgress(db, period.projectId), stamp, period.id);
}

/** Table 1 as it stood at the close of the period; empty for the current (open) period. */
export function periodSnapshot(db: Db, input: { periodId: string }): ModuleSnapshot[] {
  if (!db.prepare('SELECT 1 FROM tracking_periods WHERE id = ?').get(input.periodId)) {
    throw notFound(['periodId']);
  }
  const rows = db
    .prepare(
      `SELECT ${selectList(SNAPSHOT_COLUMNS)}, open_issues AS openIssues, adjustments
         FROM module_snapshots WHERE period_id = ? ORDER BY position, module_id`,
    )
    .all(input.periodId) as (Omit<ModuleSnapshot, 'openIssues' | 'adjustments'> & {
    openIssues: string;
    adjustments: string;
  })[];
  return rows.map((r) => ({
    ...r,
    openIssues: JSON.parse(r.openIssues) as ModuleSnapshot['openIssues'],
    adjustments: JSON.parse(r.adjustments) as ModuleSnapshot['adjustments'],
  }));
}
