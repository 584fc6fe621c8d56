/**
 * Metrics (step 三: 量化指标) with their target, and the actual values recorded per period
 * (step 四: 数据反馈). Numbers are integer hundredths throughout (see shared/tracking.ts).
 */
import type { Actual, Metric, MetricPatch } from '../shared/tracking';
import { presetByKey } from '../shared/metric-presets';
import { selectList, updateFields, type ColumnMap } from '../db/columns';
import { newId, nowStamp } from '../db/ids';
import {
  checkPeriod,
  checkScope,
  invalid,
  nextPosition,
  notFound,
  projectOf,
  requireProject,
  type Db,
} from './common';

const COLUMNS: ColumnMap<keyof Metric> = {
  id: 'id',
  projectId: 'project_id',
  moduleId: 'module_id',
  taskId: 'task_id',
  name: 'name',
  preset: 'preset',
  unit: 'unit',
  kind: 'kind',
  direction: 'direction',
  aggregation: 'aggregation',
  baselineC: 'baseline_c',
  targetC: 'target_c',
  startDate: 'start_date',
  targetDate: 'target_date',
  cycle: 'cycle',
  funnelStage: 'funnel_stage',
  goalLinked: 'goal_linked',
  position: 'position',
};
const SELECT = `SELECT ${selectList(COLUMNS, 'm')} FROM metrics m`;

type MetricRow = Omit<Metric, 'goalLinked'> & { goalLinked: number };
const toMetric = (row: MetricRow): Metric => ({ ...row, goalLinked: row.goalLinked === 1 });

/** Every metric of a project in its order (also what the dashboard reads, in one query). */
export function listMetrics(db: Db, input: { projectId: string }): Metric[] {
  requireProject(db, input.projectId);
  const rows = db
    .prepare(`${SELECT} WHERE m.project_id = ? ORDER BY m.position, m.id`)
    .all(input.projectId) as MetricRow[];
  return rows.map(toMetric);
}

export function getMetric(db: Db, id: string): Metric {
  const row = db.prepare(`${SELECT} WHERE m.id = ?`).get(id) as MetricRow | undefined;
  if (!row) throw notFound();
  return toMetric(row);
}

/**
 * The checks of a metric as it will be stored: scope in the same project (module or task, not
 * both), target date not before the start, and one metric per funnel stage (the funnel compares
 * each stage with the one before; two metrics on a stage would make that comparison arbitrary).
 */
function checkMetric(
  db: Db,
  projectId: string,
  metricId: string | null,
  next: MetricPatch,
  patch: MetricPatch,
  base: string,
): void {
  checkScope(db, projectId, next, patch, base);
  checkPeriod(next.startDate ?? null, next.targetDate ?? null, [
    base,
    patch.targetDate !== undefined ? 'targetDate' : 'startDate',
  ]);
  if (patch.funnelStage != null) {
    const taken = db
      .prepare('SELECT name FROM metrics WHERE project_id = ? AND funnel_stage = ? AND id IS NOT ?')
      .pluck()
      .get(projectId, patch.funnelStage, metricId) as string | undefined;
    if (taken !== undefined) {
      throw invalid([base, 'funnelStage'], 'funnel_stage_taken', { stage: patch.funnelStage, name: taken });
    }
  }
}

/**
 * A new metric goes at the end of the list. What the caller leaves out comes from its preset
 * (kind, direction, aggregation), then from the project (the tracking cycle), then from the
 * schema's defaults.
 */
export function createMetric(
  db: Db,
  input: { projectId: string; values: MetricPatch & { name: string } },
): Metric {
  const id = newId();
  db.transaction(() => {
    requireProject(db, input.projectId);
    checkMetric(db, input.projectId, null, input.values, input.values, 'values');
    const preset = presetByKey(input.values.preset);
    const cycle = db
      .prepare('SELECT tracking_cycle FROM projects WHERE id = ?')
      .pluck()
      .get(input.projectId) as Metric['cycle'];
    const values: MetricPatch = {
      cycle,
      ...(preset && { kind: preset.kind, direction: preset.direction, aggregation: preset.aggregation }),
      ...input.values,
    };
    const stamp = nowStamp();
    db.prepare(
      'INSERT INTO metrics (id, project_id, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, input.projectId, input.values.name, nextPosition(db, 'metrics', input.projectId), stamp, stamp);
    updateFields(db, 'metrics', COLUMNS, id, values, stamp);
  })();
  return getMetric(db, id);
}

export function updateMetric(db: Db, input: { id: string; patch: MetricPatch }): Metric {
  return db.transaction(() => {
    const current = getMetric(db, input.id);
    checkMetric(db, current.projectId, input.id, { ...current, ...input.patch }, input.patch, 'patch');
    updateFields(db, 'metrics', COLUMNS, input.id, input.patch, nowStamp());
    return getMetric(db, input.id);
  })();
}

/** Deletes the metric with its recorded values (cascade; an undo brings both back). */
export function deleteMetric(db: Db, input: { id: string }): { id: string } {
  db.transaction(() => {
    if (db.prepare('DELETE FROM metrics WHERE id = ?').run(input.id).changes === 0) throw notFound();
  })();
  return { id: input.id };
}

// ---- Actual values ----

const ACTUAL_COLUMNS: ColumnMap<keyof Actual> = {
  id: 'id',
  metricId: 'metric_id',
  periodStart: 'period_start',
  periodEnd: 'period_end',
  valueC: 'value_c',
  source: 'source',
  note: 'note',
};
const SELECT_ACTUAL = `SELECT ${selectList(ACTUAL_COLUMNS, 'a')} FROM metric_actuals a`;

/** All values of all metrics of a project, by metric (in list order) then period. */
export function listActuals(db: Db, input: { projectId: string }): Actual[] {
  requireProject(db, input.projectId);
  return db
    .prepare(
      `${SELECT_ACTUAL} JOIN metrics m ON m.id = a.metric_id
        WHERE m.project_id = ? ORDER BY m.position, m.id, a.period_start`,
    )
    .all(input.projectId) as Actual[];
}

function getActual(db: Db, id: string): Actual {
  const row = db.prepare(`${SELECT_ACTUAL} WHERE a.id = ?`).get(id) as Actual | undefined;
  if (!row) throw notFound();
  return row;
}

export interface ActualInput {
  metricId: string;
  periodStart: string;
  periodEnd: string;
  valueC: number;
  source?: string;
  note?: string;
}

/**
 * Records the value of a metric for a period: one value per metric and period start, so a second
 * entry for the same period replaces the first (source and note kept unless given). A period
 * that overlaps another recorded period of the metric is refused: a 'sum' metric would count
 * the shared days twice.
 */
export function upsertActual(db: Db, input: ActualInput): Actual {
  return db.transaction(() => {
    projectOf(db, 'metrics', input.metricId, ['metricId']);
    checkPeriod(input.periodStart, input.periodEnd, ['periodEnd']);
    const overlapping = db
      .prepare(
        `SELECT period_start AS s, period_end AS e FROM metric_actuals
          WHERE metric_id = ? AND period_start <> ? AND period_start <= ? AND period_end >= ? LIMIT 1`,
      )
      .get(input.metricId, input.periodStart, input.periodEnd, input.periodStart) as
      { s: string; e: string } | undefined;
    if (overlapping) {
      throw invalid(['periodStart'], 'period_overlaps', { start: overlapping.s, end: overlapping.e });
    }
    const stamp = nowStamp();
    const existing = db
      .prepare('SELECT id FROM metric_actuals WHERE metric_id = ? AND period_start = ?')
      .pluck()
      .get(input.metricId, input.periodStart) as string | undefined;
    if (existing) {
      updateFields(
        db,
        'metric_actuals',
        ACTUAL_COLUMNS,
        existing,
        { periodEnd: input.periodEnd, valueC: input.valueC, source: input.source, note: input.note },
        stamp,
      );
      return getActual(db, existing);
    }
    const id = newId();
    db.prepare(
      `INSERT INTO metric_actuals (id, metric_id, period_start, period_end, value_c, source, note, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      input.metricId,
      input.periodStart,
      input.periodEnd,
      input.valueC,
      input.source ?? '',
      input.note ?? '',
      stamp,
      stamp,
    );
    return getActual(db, id);
  })();
}

export function deleteActual(db: Db, input: { id: string }): { id: string } {
  db.transaction(() => {
    if (db.prepare('DELETE FROM metric_actuals WHERE id = ?').run(input.id).changes === 0) throw notFound();
  })();
  return { id: input.id };
}
