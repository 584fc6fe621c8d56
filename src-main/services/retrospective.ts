/**
 * The retrospective's results (step 六): targets against actuals with their completion rate,
 * exposure, conversion, budget, ROI, the tasks done on time / late / not done, and the previous
 * campaign for comparison. Built on the dashboard's figures (same values, same rules) with the
 * final target as the reference instead of the pro-rated one.
 */
import type { Retrospective, RetroResult, TaskSummary } from '../shared/retro';
import { achievementPct } from '../shared/metrics-logic';
import { listMetrics } from './metrics';
import { getDashboard } from './dashboard';
import { requireProject, type Db } from './common';
import { IS_LEAF_TASK } from './projects';
import { listIssues } from './issues';
import { listAdjustments } from './adjustments';

/** The issue counts and the adjustments' effects of step 四/五, as of `asOf`. */
export function followUpResults(
  db: Db,
  projectId: string,
  asOf: string,
): Pick<Retrospective, 'issues' | 'adjustments'> {
  const logged = listIssues(db, { projectId }).filter((i) => i.reportedOn <= asOf);
  const resolved = logged.filter((i) => i.status === 'resolved' || i.status === 'closed').length;
  const metrics = new Map(listMetrics(db, { projectId }).map((m) => [m.id, m]));
  const adjustments = listAdjustments(db, { projectId })
    .filter((a) => a.status !== 'draft')
    .map((a) => {
      const metric = a.expectedMetricId ? metrics.get(a.expectedMetricId) : undefined;
      const measured: 'evaluated' | 'current' | 'none' =
        a.status === 'evaluated' && a.actualValueC !== null ? 'evaluated' : metric ? 'current' : 'none';
      const actual =
        measured === 'evaluated' ? a.actualValueC : measured === 'current' ? a.expectedMetricActualC : null;
      const met =
        actual === null || a.expectedValueC === null || !metric
          ? null
          : metric.direction === 'lower'
            ? actual <= a.expectedValueC
            : actual >= a.expectedValueC;
      return {
        id: a.id,
        title: a.title,
        status: a.status,
        metricName: a.expectedMetricName,
        unit: metric?.unit ?? '',
        kind: metric?.kind ?? ('count' as const),
        expectedValueC: a.expectedValueC,
        actualValueC: actual,
        measured,
        met,
      };
    });
  return {
    issues: { opened: logged.length, resolved, open: logged.length - resolved },
    adjustments,
  };
}

/** Leaf tasks counted by how they ended, as of `asOf`. */
export function taskSummary(db: Db, projectId: string, asOf: string): TaskSummary {
  const rows = db
    .prepare(
      `SELECT t.progress AS progress, t.end_date AS "end",
              (SELECT min(c.checkin_date) FROM task_checkins c WHERE c.task_id = t.id AND c.progress = 100) AS doneOn
         FROM tasks t WHERE t.project_id = ? AND ${IS_LEAF_TASK}`,
    )
    .all(projectId) as { progress: number; end: string | null; doneOn: string | null }[];
  const summary: TaskSummary = {
    total: rows.length,
    doneOnTime: 0,
    doneLate: 0,
    doneUndated: 0,
    notDone: 0,
    notDoneOverdue: 0,
  };
  for (const t of rows) {
    if (t.progress >= 100) {
      if (t.doneOn === null) summary.doneUndated++;
      else if (t.end !== null && t.doneOn > t.end) summary.doneLate++;
      else summary.doneOnTime++;
    } else {
      summary.notDone++;
      if (t.end !== null && t.end < asOf) summary.notDoneOverdue++;
    }
  }
  return summary;
}

/** The campaign run before this one: the latest start before its start (by creation when undated). */
function previousProject(
  db: Db,
  projectId: string,
): { id: string; name: string; start: string | null; end: string | null } | null {
  return (
    (db
      .prepare(
        `SELECT o.id, o.name, o.start_date AS start, o.end_date AS "end"
           FROM projects o, projects p
          WHERE p.id = ? AND o.id <> p.id
            AND (CASE WHEN p.start_date IS NOT NULL AND o.start_date IS NOT NULL
                      THEN o.start_date < p.start_date ELSE o.created_at < p.created_at END)
          ORDER BY coalesce(o.start_date, '') DESC, o.created_at DESC, o.id LIMIT 1`,
      )
      .get(projectId) as
      { id: string; name: string; start: string | null; end: string | null } | undefined) ?? null
  );
}

const completion = (direction: 'higher' | 'lower', actualC: number | null, targetC: number | null) =>
  actualC === null || targetC === null ? null : achievementPct(direction, actualC, targetC);

export function getRetrospective(db: Db, input: { projectId: string; today: string }): Retrospective {
  const { projectId } = input;
  requireProject(db, projectId);
  const end = db.prepare('SELECT end_date FROM projects WHERE id = ?').pluck().get(projectId) as
    string | null;
  const asOf = end !== null && end < input.today ? end : input.today;
  const dashboard = getDashboard(db, { projectId, today: asOf });
  const metrics = listMetrics(db, { projectId });
  const names = new Map<string, string>(
    (
      db
        .prepare(
          `SELECT id, name FROM modules WHERE project_id = ?
           UNION ALL SELECT id, code || ' ' || name FROM tasks WHERE project_id = ?`,
        )
        .raw(true)
        .all(projectId, projectId) as [string, string][]
    ).map(([k, v]) => [k, v]),
  );

  const previous = previousProject(db, projectId);
  const previousBoard = previous
    ? getDashboard(db, {
        projectId: previous.id,
        today: previous.end !== null && previous.end < input.today ? previous.end : input.today,
      })
    : null;
  const previousByName = new Map(
    (previousBoard?.metrics ?? []).map((m) => [`${m.name}\u0000${m.unit}`, m] as const),
  );

  const results: RetroResult[] = dashboard.metrics.map((m, i) => {
    const stored = metrics[i]!;
    const before = previousByName.get(`${m.name}\u0000${m.unit}`);
    return {
      metricId: m.id,
      name: m.name,
      unit: m.unit,
      kind: m.kind,
      direction: m.direction,
      scope: m.moduleId ? 'module' : m.taskId ? 'task' : 'strategy',
      scopeName: names.get(m.moduleId ?? m.taskId ?? '') ?? null,
      goalLinked: stored.goalLinked,
      targetC: m.targetC,
      actualC: m.actualC,
      completionPct: completion(m.direction, m.actualC, m.targetC),
      previousActualC: before?.actualC ?? null,
      previousCompletionPct: before ? completion(before.direction, before.actualC, before.targetC) : null,
    };
  });

  const headline = (preset: string) => {
    const i = metrics.findIndex((m) => m.preset === preset);
    if (i < 0) return null;
    const m = dashboard.metrics[i]!;
    return { metricId: m.id, name: m.name, unit: m.unit, actualC: m.actualC, targetC: m.targetC };
  };

  const roiMetric = results.find((r, i) => metrics[i]!.preset === 'roi' && r.actualC !== null);
  const roi = roiMetric
    ? // Stored as a percentage in hundredths (35 % → 3500): the ratio is that over 10,000.
      { method: 'metric' as const, value: roiMetric.actualC! / 10_000, metricName: roiMetric.name }
    : dashboard.roi !== null
      ? { method: 'revenue' as const, value: dashboard.roi, metricName: null }
      : { method: 'none' as const, value: null, metricName: null };

  const { budgetPlannedFen, budgetSpentFen } = dashboard.kpis;
  return {
    asOf,
    dashboard,
    results,
    targetCompletionPct: dashboard.kpis.targetCompletionPct,
    exposure: headline('exposure'),
    conversion: headline('conversion_rate'),
    budget: {
      plannedFen: budgetPlannedFen,
      spentFen: budgetSpentFen,
      spentPct: budgetPlannedFen > 0 ? (budgetSpentFen * 100) / budgetPlannedFen : null,
    },
    roi: { ...roi, revenueC: dashboard.revenueC, costFen: dashboard.costFen },
    tasks: taskSummary(db, projectId, asOf),
    ...followUpResults(db, projectId, asOf),
    previous:
      previous && previousBoard
        ? {
            projectId: previous.id,
            name: previous.name,
            start: previous.start,
            end: previous.end,
            targetCompletionPct: previousBoard.kpis.targetCompletionPct,
            budgetPlannedFen: previousBoard.kpis.budgetPlannedFen,
            budgetSpentFen: previousBoard.kpis.budgetSpentFen,
            tasks: taskSummary(db, previous.id, previousBoard.today),
          }
        : null,
  };
}
