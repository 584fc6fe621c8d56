/**
 * Timing of 'dashboard.get' on a large plan, on demand only (not part of `npm test`):
 *
 *   npx vitest run --config test/perf/vitest.config.mts
 *   PERF_SRC=/path/to/other/checkout/src-main npx vitest run --config test/perf/vitest.config.mts
 *
 * Seeds a temp database with the plan of large-plan.ts (10,000 tasks, 50 metrics × 52 weekly
 * values, check-ins, spend, 52 tracking periods) and prints the median of 15 runs (after 3
 * warm-ups) of the channel and of its parts. PERF_SRC times another copy of src-main (e.g. an
 * older commit unpacked with `git archive <commit> src-main | tar -x -C /tmp/before`) on the
 * same plan, for a before/after comparison. The fingerprints (SHA-256 of the answers) are the
 * same on every run of the same code, and must not change when an optimisation is meant to keep
 * every result.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { expect, test } from 'vitest';
import type * as RouterModule from '../../src-main/router';
import type * as DashboardModule from '../../src-main/services/dashboard';
import type * as MetricsLogicModule from '../../src-main/shared/metrics-logic';
import type * as TaskLogicModule from '../../src-main/shared/task-logic';
import type { Dashboard } from '../../src-main/shared/tracking';
import { contract } from '../../src-main/shared/contract';
import { addDays } from '../../src-main/shared/metrics-logic';
import { openApp } from '../helpers/app';
import { seedLargePlan } from './large-plan';

const TODAY = '2024-12-30';
const WARM_UPS = 3;
const RUNS = 15;
const SRC = process.env.PERF_SRC ?? '../../src-main';

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function time(label: string, fn: () => unknown, runs = RUNS, warmUps = WARM_UPS): number {
  for (let i = 0; i < warmUps; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  const m = median(ms);
  const range = `(min ${Math.min(...ms).toFixed(2)}, max ${Math.max(...ms).toFixed(2)})`;
  console.log(`  ${label.padEnd(58)} median ${m.toFixed(2).padStart(7)} ms  ${range}`);
  return m;
}

const sha = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(value, (_, v: unknown) => (v instanceof Map ? [...v] : v)))
    .digest('hex')
    .slice(0, 16);

test('dashboard.get on 10,000 tasks, 50 metrics × 52 weeks', async () => {
  const { createRouter, checkOutput } = (await import(`${SRC}/router`)) as typeof RouterModule;
  const { getDashboard } = (await import(`${SRC}/services/dashboard`)) as typeof DashboardModule;
  const logic = (await import(`${SRC}/shared/metrics-logic`)) as Partial<typeof MetricsLogicModule> &
    Pick<typeof MetricsLogicModule, 'attentionItems'>;
  const { rollUpProgress } = (await import(`${SRC}/shared/task-logic`)) as typeof TaskLogicModule;

  const app = openApp();
  const pid = seedLargePlan(app);
  const router = createRouter(app.db, { version: 'perf' });
  const input = { projectId: pid, today: TODAY };
  const invoke = () => {
    const result = router.invoke('dashboard.get', input);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value as Dashboard;
  };

  // The rules' input as the dashboard has it: every task with its check-in dates, as plain rows.
  const tasks = app.ok('tasks.list', { projectId: pid });
  const checkins = app.ok('checkins.list', { projectId: pid });
  const metrics = app.ok('metrics.list', { projectId: pid });
  const actuals = app.ok('actuals.list', { projectId: pid });
  const dashboard = invoke();
  const datesOf = new Map<string, string[]>();
  for (const c of checkins) datesOf.set(c.taskId, [...(datesOf.get(c.taskId) ?? []), c.date]);
  const attentionInput: MetricsLogicModule.AttentionInput = {
    today: TODAY,
    thresholdPct: 10,
    projectStart: '2024-01-01',
    metrics: metrics.map((m) => ({ ...m, actuals: actuals.filter((a) => a.metricId === m.id) })),
    // Object literals of one shape (rows of tasks.list are built key by key).
    tasks: tasks.map((t) => ({
      id: t.id,
      projectId: t.projectId,
      code: t.code,
      name: t.name,
      deliverable: t.deliverable,
      ownerId: t.ownerId,
      start: t.start,
      end: t.end,
      budgetFen: t.budgetFen,
      manpower: t.manpower,
      tools: t.tools,
      criteria: t.criteria,
      progress: t.progress,
      notes: t.notes,
      moduleId: t.moduleId,
      parentId: t.parentId,
      milestone: t.milestone,
      blocked: t.blocked,
      predecessorIds: t.predecessorIds,
      position: t.position,
      updatedAt: t.updatedAt,
      trackingCycle: t.trackingCycle,
      checkinDates: (datesOf.get(t.id) ?? []).sort(),
    })),
    modules: dashboard.modules,
  };
  const allAttention = logic.attentionItems(attentionInput);
  expect(dashboard.kpis.attentionCount).toBe(allAttention.length);
  expect(dashboard.attention).toEqual(allAttention.slice(0, dashboard.attention.length));

  // One parent with 9,999 children: the worst case of a roll-up.
  const flat = [
    { id: 'P', parentId: null, progress: 0, start: '2024-01-01', end: '2024-12-31' },
    ...Array.from({ length: 9_999 }, (_, i) => ({
      id: `c${i}`,
      parentId: 'P',
      progress: i % 101,
      start: addDays('2024-01-01', i % 300),
      end: addDays('2024-01-01', (i % 300) + (i % 40)),
    })),
  ];

  const kinds = new Map<string, number>();
  for (const a of allAttention) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
  console.log(
    `\n  src-main: ${SRC}\n  ${tasks.length} tasks, ${metrics.length} metrics, ${actuals.length} values, ` +
      `${checkins.length} check-ins; ${allAttention.length} attention items (${dashboard.attention.length} listed): ` +
      [...kinds].map(([k, n]) => `${k} ${n}`).join(', '),
  );
  console.log(
    `  fingerprints: dashboard ${sha(dashboard)}, all attention ${sha(allAttention)}, ` +
      `roll-up ${sha(rollUpProgress(tasks))}, big parent ${sha(rollUpProgress(flat))}\n`,
  );

  const columns = 'start_date, end_date, progress, parent_id, module_id, blocked, tracking_cycle, budget_fen';
  const rawRows = app.db.prepare(`SELECT id, code, name, ${columns} FROM tasks WHERE project_id = ?`);
  const jsonRows = app.db.prepare(
    `SELECT json_group_array(json_array(id, ${columns})) FROM tasks WHERE project_id = ?`,
  );
  time("router.invoke('dashboard.get')", invoke);
  time('  getDashboard (the service)', () => getDashboard(app.db, input));
  time('  checkOutput (the contract check of the answer)', () =>
    checkOutput(contract['dashboard.get'].output, dashboard),
  );
  time('attentionItems (every item, sorted)', () => logic.attentionItems(attentionInput));
  if (logic.attentionList) {
    const { attentionList } = logic;
    time('attentionList (the first 200 and the count)', () => attentionList(attentionInput, 200));
  }
  time('rollUpProgress (10,000 tasks)', () => rollUpProgress(attentionInput.tasks));
  time('rollUpProgress (one parent of 9,999)', () => rollUpProgress(flat), 5, 1);
  time('task rows, raw arrays with code and name (11 columns)', () => rawRows.raw(true).all(pid));
  time('task rows, one JSON text parsed (9 columns)', () =>
    JSON.parse(jsonRows.pluck(true).get(pid) as string),
  );
});
