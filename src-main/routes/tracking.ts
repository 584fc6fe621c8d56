/** Step 三 and the tracking of the plan: metrics and their values, periods, spend, check-ins, the overview. */
import {
  createMetric,
  deleteActual,
  deleteMetric,
  listActuals,
  listMetrics,
  updateMetric,
  upsertActual,
} from '../services/metrics';
import { listPeriods, openPeriod, periodSnapshot } from '../services/periods';
import { createSpend, deleteSpend, listSpend, updateSpend } from '../services/spend';
import { createCheckin, deleteCheckin, listCheckins } from '../services/checkins';
import { getDashboard } from '../services/dashboard';
import { byId, inProject, projectOfRow, read, undoable, write, type RouteTable } from './route';

export const trackingRoutes = {
  'metrics.list': read(listMetrics),
  'metrics.create': undoable(write(createMetric, { writes: inProject })),
  'metrics.update': undoable(write(updateMetric, { writes: byId(projectOfRow.metric) })),
  'metrics.delete': undoable(write(deleteMetric, { writes: byId(projectOfRow.metric) })),
  'actuals.list': read(listActuals),
  'actuals.upsert': undoable(
    write(upsertActual, { writes: (db, i) => [projectOfRow.metric(db, i.metricId)] }),
  ),
  'actuals.delete': undoable(write(deleteActual, { writes: byId(projectOfRow.actual) })),
  'periods.list': read(listPeriods),
  'periods.open': undoable(write(openPeriod, { writes: inProject })),
  'periods.snapshot': read(periodSnapshot),
  'spend.list': read(listSpend),
  'spend.create': undoable(write(createSpend, { writes: inProject })),
  'spend.update': undoable(write(updateSpend, { writes: byId(projectOfRow.spend) })),
  'spend.delete': undoable(write(deleteSpend, { writes: byId(projectOfRow.spend) })),
  'checkins.list': read(listCheckins),
  'checkins.create': undoable(write(createCheckin, { writes: (db, i) => [projectOfRow.task(db, i.taskId)] })),
  'checkins.delete': undoable(write(deleteCheckin, { writes: byId(projectOfRow.checkin) })),
  'dashboard.get': read((db, i) => getDashboard(db, i)),
} satisfies Partial<RouteTable>;
