/**
 * The dashboard (概览): the KPIs, Table 1's modules against time and budget, every metric against
 * its target, the S-curve, the funnel, ROI, the attention list and the SMART check, in one call.
 *
 * A fixed handful of queries, none per row: the plan's tasks are read once (the attention rules
 * judge every task anyway) and the sums the overview needs — overall and module progress, budgets,
 * the planned line — are taken from those rows in the same pass, rather than by more scans of a
 * 10,000-task table. Spend, check-ins and metric values are summed or filtered by the database.
 * The rules are the pure functions of shared/metrics-logic.ts, so renderer and main process
 * judge alike.
 */
import {
  achievementPct,
  attentionList,
  currentValueC,
  dayNumber,
  funnelStages,
  metricStart,
  metricStatus,
  proRatedTargetC,
  roi,
  smartCheck,
  timeElapsedPct,
  variance,
  type AttentionTask,
} from '../shared/metrics-logic';
import {
  DASHBOARD_ATTENTION_LIMIT,
  type Attention,
  type Cycle,
  type Dashboard,
  type DashboardMetric,
} from '../shared/tracking';
import { durationWeight, rememberedDays } from '../shared/task-logic';
import { daysBetween } from '../shared/values';
import { requireProject, type Db } from './common';
import { listMetrics } from './metrics';
import { listPeriods } from './periods';

/**
 * A task as read for the dashboard (in this column order). Not its code and name: only listed
 * attention items show them, and two more columns of every row cost more than all the rules
 * (labelTasks reads them for the few listed).
 */
type TaskTuple = [
  id: string,
  start: string | null,
  end: string | null,
  progress: number,
  parentId: string | null,
  moduleId: string | null,
  blocked: number,
  trackingCycle: Cycle | null,
  budgetFen: number | null,
];

/** Weighted progress of leaf tasks: Σ progress·weight and Σ weight (the weight: days, see projects.ts). */
interface RollUp {
  sum: number;
  weight: number;
}

interface ModuleFigures {
  rollUp: RollUp;
  plannedFen: number;
  /** The span of the module's task dates. */
  first: string | null;
  last: string | null;
}

interface Plan {
  tasks: AttentionTask[];
  /** Overall progress, as projects.list computes it (leaf tasks weighted by days). */
  progress: number;
  budgetFen: number;
  modules: Map<string, ModuleFigures>;
  planned: (date: string) => number;
}

const NO_CHECKINS: readonly string[] = [];

const rolledUp = (r: RollUp | undefined) => (r && r.weight > 0 ? r.sum / r.weight : null);

/**
 * Reads every task of the plan in one query and takes from it what the overview sums up. The
 * sums reproduce the SQL of projects.list and modules.list exactly: progress and weights are
 * whole numbers, so the sums are exact in both and the one division gives the same double
 * (test/unit/tracking.test.ts compares them).
 */
function readPlan(db: Db, projectId: string): Plan {
  // The rows as one JSON text: V8 parses it faster than better-sqlite3 hands over 90,000 values
  // one by one, and keeps a single copy of each date (it internalises short strings), so there
  // is less to allocate and to hash below. Integers and text come through JSON unchanged.
  const rows = JSON.parse(
    db
      .prepare(
        `SELECT json_group_array(json_array(id, start_date, end_date, progress, parent_id, module_id,
                  blocked, tracking_cycle, budget_fen))
           FROM tasks WHERE project_id = ?`,
      )
      .pluck()
      .get(projectId) as string,
  ) as TaskTuple[];

  const parents = new Set<string>();
  // Check-ins matter only for tasks with a tracking cycle (dueCheckins ignores the others).
  const withCycle: string[] = [];
  for (const r of rows) {
    if (r[4] !== null) parents.add(r[4]);
    if (r[7] !== null) withCycle.push(r[0]);
  }
  const checkinDates = new Map<string, string[]>();
  if (withCycle.length) {
    const checkins = db
      .prepare(
        `SELECT task_id, checkin_date FROM task_checkins
          WHERE task_id IN (SELECT value FROM json_each(?)) ORDER BY checkin_date`,
      )
      .raw(true)
      .all(JSON.stringify(withCycle)) as [string, string][];
    for (const [taskId, date] of checkins) {
      const dates = checkinDates.get(taskId);
      if (dates) dates.push(date);
      else checkinDates.set(taskId, [date]);
    }
  }

  // Dates repeat a lot across tasks: each distinct one is turned into a day number once.
  const day = rememberedDays();

  const overall: RollUp = { sum: 0, weight: 0 };
  const modules = new Map<string, ModuleFigures>();
  let budgetFen = 0;
  // The planned line: how many leaf tasks start / end on each day, and their total weight.
  const starts = new Map<number, number>();
  const ends = new Map<number, number>();
  let plannedWeight = 0;

  const tasks = rows.map((r): AttentionTask => {
    const id = r[0];
    const start = r[1];
    const end = r[2];
    const progress = r[3];
    const moduleId = r[5];
    const trackingCycle = r[7];
    const budget = r[8];
    budgetFen += budget ?? 0;
    const first = start ?? end;
    const last = end ?? start;
    let figures: ModuleFigures | undefined;
    if (moduleId !== null) {
      figures = modules.get(moduleId);
      if (!figures) {
        figures = { rollUp: { sum: 0, weight: 0 }, plannedFen: 0, first: null, last: null };
        modules.set(moduleId, figures);
      }
      figures.plannedFen += budget ?? 0;
      if (first !== null && (figures.first === null || first < figures.first)) figures.first = first;
      if (last !== null && (figures.last === null || last > figures.last)) figures.last = last;
    }
    if (!parents.has(id)) {
      // LEAF_TASK_WEIGHT of projects.ts: the duration in days, one day without both dates.
      const weight = durationWeight({ start, end }, day);
      overall.sum += progress * weight;
      overall.weight += weight;
      if (figures) {
        figures.rollUp.sum += progress * weight;
        figures.rollUp.weight += weight;
      }
      if (first !== null && last !== null) {
        const s = day(first);
        const e = day(last);
        starts.set(s, (starts.get(s) ?? 0) + 1);
        ends.set(e, (ends.get(e) ?? 0) + 1);
        plannedWeight += Math.max(1, e - s + 1);
      }
    }
    return {
      id,
      // Filled in for the listed items only (labelTasks).
      code: '',
      name: '',
      start,
      end,
      progress,
      parentId: r[4],
      blocked: r[6] === 1,
      trackingCycle,
      checkinDates: trackingCycle === null ? NO_CHECKINS : (checkinDates.get(id) ?? NO_CHECKINS),
    };
  });

  return {
    tasks,
    progress: rolledUp(overall) ?? 0,
    budgetFen,
    modules,
    planned: plannedLine(
      [...starts].map(([day, n]) => ({ day, n })),
      [...ends].map(([day, n]) => ({ day, n })),
      plannedWeight,
    ),
  };
}

/**
 * The S-curve's planned line: plannedProgressAt (shared/metrics-logic.ts) at many dates at once.
 * plannedProgressAt walks every task for one date — 10,000 tasks × 53 dates for a year of weekly
 * periods — where this needs only how many leaf tasks start and end on each day. A leaf task
 * from day s to day e (one date: s = e) weighs w = e − s + 1 and has min(max(D − s + 1, 0), w)
 * of its days due by day D; summed over the tasks that is
 *   Σ_{s ≤ D} (D − s + 1) − Σ_{e ≤ D} (D − e).
 * test/unit/tracking.test.ts checks the result against plannedProgressAt on random plans.
 */
export function plannedLine(
  starts: readonly { day: number; n: number }[],
  ends: readonly { day: number; n: number }[],
  weight: number,
): (date: string) => number {
  const upTo = (xs: readonly { day: number; n: number }[], d: number) => {
    let n = 0;
    let days = 0;
    for (const x of xs) {
      if (x.day > d) continue;
      n += x.n;
      days += x.n * x.day;
    }
    return { n, days };
  };
  return (date) => {
    if (weight === 0) return 0;
    const d = dayNumber(date);
    const s = upTo(starts, d);
    const e = upTo(ends, d);
    const due = s.n * (d + 1) - s.days - (e.n * d - e.days);
    return Math.min(100, Math.max(0, (due * 100) / weight));
  };
}

/**
 * Puts the code and name of their tasks into listed attention items, which were judged on rows
 * read without them: one query for the few tasks listed instead of two more columns of every row.
 */
function labelTasks(db: Db, items: readonly Attention[]): void {
  const ids = [...new Set(items.filter((a) => a.target.tab === 'tasks').map((a) => a.target.rowId))];
  if (!ids.length) return;
  const labels = new Map(
    (
      db
        .prepare(`SELECT id, code, name FROM tasks WHERE id IN (SELECT value FROM json_each(?))`)
        .raw(true)
        .all(JSON.stringify(ids)) as [string, string, string][]
    ).map(([id, code, name]) => [id, { code, name }]),
  );
  for (const a of items) {
    const label = a.target.tab === 'tasks' ? labels.get(a.target.rowId) : undefined;
    if (!label) continue;
    a.params.code = label.code;
    a.params.name = label.name;
  }
}

/** A recorded value of a metric as the dashboard uses it: a point of its series. */
type Point = DashboardMetric['series'][number];

/** The recorded values of every metric of the project, grouped by metric, oldest first. */
function readActuals(db: Db, projectId: string): Map<string, Point[]> {
  const rows = db
    .prepare(
      `SELECT a.metric_id, a.period_start, a.period_end, a.value_c FROM metric_actuals a
         JOIN metrics m ON m.id = a.metric_id WHERE m.project_id = ? ORDER BY a.metric_id, a.period_start`,
    )
    .raw(true)
    .all(projectId) as [string, string, string, number][];
  const byMetric = new Map<string, Point[]>();
  for (const [metricId, periodStart, periodEnd, valueC] of rows) {
    const point = { periodStart, periodEnd, valueC };
    const list = byMetric.get(metricId);
    if (list) list.push(point);
    else byMetric.set(metricId, [point]);
  }
  return byMetric;
}

/**
 * `attentionLimit`: how many attention items to list (all are counted); recording one item as
 * 数据反馈 looks among all of them, not only among those the overview shows.
 */
export function getDashboard(
  db: Db,
  input: { projectId: string; today: string },
  attentionLimit = DASHBOARD_ATTENTION_LIMIT,
): Dashboard {
  const { projectId, today } = input;
  requireProject(db, projectId);
  const project = db
    .prepare(
      `SELECT goal, start_date AS start, end_date AS "end", budget_fen AS budgetFen, gap_threshold AS threshold
         FROM projects WHERE id = ?`,
    )
    .get(projectId) as {
    goal: string;
    start: string | null;
    end: string | null;
    budgetFen: number | null;
    threshold: number;
  };
  const { threshold } = project;
  const plan = readPlan(db, projectId);

  // ---- Money: spent per module, booked on the module itself or on one of its tasks ----
  const spentByModule = new Map<string | null, number>();
  let costFen = 0;
  for (const [moduleId, fen] of db
    .prepare(
      `SELECT coalesce(s.module_id, t.module_id), sum(s.amount_fen)
         FROM spend_entries s LEFT JOIN tasks t ON t.id = s.task_id
        WHERE s.project_id = ? GROUP BY 1`,
    )
    .raw(true)
    .all(projectId) as [string | null, number][]) {
    spentByModule.set(moduleId, fen);
    costFen += fen;
  }

  const moduleRows = db
    .prepare(
      `SELECT id, name, progress_override AS override, budget_fen AS budget FROM modules
        WHERE project_id = ? ORDER BY position, id`,
    )
    .all(projectId) as { id: string; name: string; override: number | null; budget: number | null }[];
  const modules = moduleRows.map((m) => {
    const figures = plan.modules.get(m.id);
    return {
      id: m.id,
      name: m.name,
      // 当前进度 as Table 1 shows it: the owner's figure, else the roll-up of its leaf tasks.
      progress: m.override ?? rolledUp(figures?.rollUp) ?? 0,
      timeElapsedPct: timeElapsedPct(figures?.first ?? null, figures?.last ?? null, today),
      // The module's own budget when set (e.g. by an adjustment), else its tasks' budgets.
      plannedFen: m.budget ?? figures?.plannedFen ?? 0,
      spentFen: spentByModule.get(m.id) ?? 0,
    };
  });

  // ---- Metrics against their targets ----
  const actuals = readActuals(db, projectId);
  const metricsWithActuals = listMetrics(db, { projectId }).map((m) => ({
    ...m,
    actuals: actuals.get(m.id) ?? [],
  }));
  const metrics: DashboardMetric[] = metricsWithActuals.map((m) => {
    const proRatedC = proRatedTargetC(m, project.start, today);
    const actualC = currentValueC(m, m.actuals, today);
    return {
      id: m.id,
      name: m.name,
      unit: m.unit,
      kind: m.kind,
      direction: m.direction,
      moduleId: m.moduleId,
      taskId: m.taskId,
      targetC: m.targetC,
      proRatedC,
      actualC,
      variancePct: variance(m, actualC, proRatedC)?.pct ?? null,
      finalVariancePct: variance(m, actualC, m.targetC)?.pct ?? null,
      status: metricStatus(m, actualC, proRatedC, today, metricStart(m, project.start), threshold),
      series: m.actuals,
    };
  });

  // Completion of the SMART goal: a goal-linked metric without a value has achieved nothing yet.
  const achievements = metricsWithActuals.flatMap((m, i) => {
    const { targetC, actualC } = metrics[i]!;
    if (!m.goalLinked || targetC === null) return [];
    const pct = actualC === null ? 0 : achievementPct(m.direction, actualC, targetC);
    return pct === null ? [] : [Math.min(100, Math.max(0, pct))];
  });
  const targetCompletionPct = achievements.length
    ? achievements.reduce((s, x) => s + x, 0) / achievements.length
    : null;

  const funnel = funnelStages(
    metrics.flatMap((m, i) => {
      const stage = metricsWithActuals[i]!.funnelStage;
      return stage === null
        ? []
        : [{ metricId: m.id, stage, actualC: m.actualC, targetC: m.targetC, kind: m.kind }];
    }),
    threshold,
  ).map((s) => ({ ...s, name: metrics.find((m) => m.id === s.metricId)?.name ?? '' }));

  const revenue = metrics.find((_, i) => metricsWithActuals[i]!.preset === 'revenue');
  const revenueC = revenue?.actualC ?? null;

  // ---- Time: the S-curve, one point per tracking period's end and one for today ----
  const periods = listPeriods(db, { projectId });
  const points = new Map<string, { date: string; planned: number; actual: number | null }>();
  for (const p of periods) points.set(p.end, { date: p.end, planned: 0, actual: p.progressAtClose });
  // Today's reading is the most recent, so it wins over a period closing on the same day.
  points.set(today, { date: today, planned: 0, actual: plan.progress });
  const scurve = [...points.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const point of scurve) point.planned = plan.planned(point.date);

  // Critical first: a plan with thousands of late tasks lists the worst, and counts them all.
  const attention = attentionList(
    {
      today,
      thresholdPct: threshold,
      projectStart: project.start,
      projectEnd: project.end,
      metrics: metricsWithActuals,
      tasks: plan.tasks,
      modules,
    },
    attentionLimit,
  );
  labelTasks(db, attention.items);

  const current = periods.at(-1);
  return {
    today,
    period: current ? { start: current.start, end: current.end } : null,
    kpis: {
      progress: plan.progress,
      daysLeft: project.end === null ? null : daysBetween(today, project.end),
      targetCompletionPct,
      budgetPlannedFen: project.budgetFen ?? plan.budgetFen,
      budgetSpentFen: costFen,
      attentionCount: attention.count,
    },
    modules,
    metrics,
    scurve,
    funnel,
    roi: roi(revenueC, costFen),
    revenueC,
    costFen,
    attention: attention.items,
    smart: smartCheck({
      goal: project.goal,
      projectStart: project.start,
      projectEnd: project.end,
      modules: modules.length,
      metrics: metricsWithActuals,
    }),
  };
}
