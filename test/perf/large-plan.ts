/**
 * A large plan for the timing scripts of test/perf: 10,000 tasks (dates, progress, owners,
 * modules, three levels of sub-tasks and one parent of 999, some blocked, some checked in weekly
 * or monthly), 50 metrics × 52 weekly values, 500 spend entries and 52 weekly tracking periods.
 * Every id comes from a fixed seed, so the same plan (and the same answers) on every run.
 */
import { addDays } from '../../src-main/shared/metrics-logic';
import type { App } from '../helpers/app';

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Seeds the plan through direct inserts (and periods.open) and returns the project's id. */
export function seedLargePlan(app: App): string {
  const random = prng(20_240_101);
  const int = (n: number) => Math.floor(random() * n);
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
  // UUIDv7-shaped ids from the PRNG: stable across runs, in no particular order.
  const uuid = () => `${hex(8)}-${hex(4)}-7${hex(3)}-8${hex(3)}-${hex(12)}`;
  const stamp = '2024-01-01T00:00:00.000Z';
  const db = app.db;
  const pid = uuid();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO projects (id, name, goal, start_date, end_date, budget_fen, created_at, updated_at)
       VALUES (?, '大项目', '12个月内销量100万台', '2024-01-01', '2024-12-31', 10000000000, ?, ?)`,
    ).run(pid, stamp, stamp);
    const people = Array.from({ length: 8 }, (_, i) => {
      const id = uuid();
      db.prepare(
        `INSERT INTO people (id, project_id, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(id, pid, `成员${i}`, i, stamp, stamp);
      return id;
    });
    const modules = Array.from({ length: 6 }, (_, i) => {
      const id = uuid();
      db.prepare(
        `INSERT INTO modules (id, project_id, name, owner_id, progress_override, position, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, pid, `模块${i}`, people[i]!, i === 5 ? 35 : null, i, stamp, stamp);
      return id;
    });

    const insertTask = db.prepare(
      `INSERT INTO tasks (id, project_id, code, name, owner_id, start_date, end_date, budget_fen, progress,
         module_id, parent_id, blocked, tracking_cycle, position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertCheckin = db.prepare(
      `INSERT INTO task_checkins (id, task_id, checkin_date, progress, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const taskIds: string[] = [];
    let bigParent: string | null = null;
    for (let i = 0; i < 10_000; i++) {
      const id = uuid();
      // Tasks 0–999: one top-level task (0) with 999 sub-tasks. Then blocks of 30: a top-level
      // task, 4 sub-tasks each with 6 sub-sub-tasks and 1 more sub-task.
      let parent: string | null = null;
      if (i === 0) bigParent = id;
      else if (i < 1000) parent = bigParent;
      else {
        const k = (i - 1000) % 30;
        const top = i - k;
        if (k >= 1 && k <= 28) {
          const group = Math.floor((k - 1) / 7); // 0..3 — the sub-task heads are k = 1, 8, 15, 22
          const head = top + 1 + group * 7;
          parent = i === head ? taskIds[top]! : taskIds[head]!;
        } else if (k === 29) parent = taskIds[top]!;
      }
      const start = addDays('2024-01-01', int(540));
      const length = int(60);
      const noStart = int(40) === 0;
      const noEnd = int(40) === 0;
      const r = random();
      const progress = r < 0.25 ? 100 : r < 0.4 ? 0 : int(100);
      const cycleRoll = int(100);
      const cycle = cycleRoll < 3 ? 'week' : cycleRoll < 4 ? 'month' : null;
      insertTask.run(
        id,
        pid,
        `M${String(i + 1).padStart(3, '0')}`,
        `任务${i}`,
        int(5) === 0 ? null : people[int(8)]!,
        noStart ? null : start,
        noEnd ? null : addDays(start, length),
        int(3) === 0 ? null : 10_000 + int(1_000_000),
        progress,
        int(7) === 0 ? null : modules[int(6)]!,
        parent,
        int(25) === 0 ? 1 : 0,
        cycle,
        i,
        stamp,
        stamp,
      );
      taskIds.push(id);
      if (cycle !== null && !noStart) {
        for (let c = 0, n = int(8); c < n; c++)
          insertCheckin.run(uuid(), id, addDays(start, int(length + 30)), int(101), stamp, stamp);
      }
    }

    const insertMetric = db.prepare(
      `INSERT INTO metrics (id, project_id, module_id, task_id, name, preset, kind, direction, aggregation,
         baseline_c, target_c, start_date, target_date, funnel_stage, goal_linked, position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertActual = db.prepare(
      `INSERT INTO metric_actuals (id, metric_id, period_start, period_end, value_c, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const aggregations = ['sum', 'last', 'average'] as const;
    for (let m = 0; m < 50; m++) {
      const id = uuid();
      const aggregation = aggregations[m % 3]!;
      const weekly = 1000 * (m + 1);
      const target = aggregation === 'sum' ? Math.round(weekly * 52 * (0.8 + random() * 0.4)) : weekly;
      insertMetric.run(
        id,
        pid,
        m % 4 === 0 ? modules[m % 6]! : null,
        m % 9 === 0 && m % 4 !== 0 ? taskIds[int(10_000)]! : null,
        `指标${m}`,
        m === 7 ? 'revenue' : null,
        m % 5 === 0 ? 'money' : 'count',
        m % 6 === 0 ? 'lower' : 'higher',
        aggregation,
        m % 3 === 0 ? weekly / 2 : null,
        m === 49 ? null : target,
        m % 8 === 0 ? '2024-03-01' : null,
        m % 10 === 9 ? null : '2024-12-31',
        m < 5 ? m + 1 : null,
        m % 10 === 0 ? 1 : 0,
        m,
        stamp,
        stamp,
      );
      for (let w = 0; w < 52; w++) {
        const start = addDays('2024-01-01', w * 7);
        const value = Math.round(weekly * (0.6 + random() * 0.6));
        insertActual.run(uuid(), id, start, addDays(start, 6), value, stamp, stamp);
      }
    }

    const insertSpend = db.prepare(
      `INSERT INTO spend_entries (id, project_id, module_id, task_id, spent_on, amount_fen, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < 500; i++) {
      const onModule = i % 5 === 0;
      insertSpend.run(
        uuid(),
        pid,
        onModule ? modules[int(6)]! : null,
        onModule ? null : taskIds[int(10_000)]!,
        addDays('2024-01-01', int(360)),
        1000 + int(50_000_000),
        stamp,
        stamp,
      );
    }
  })();
  for (let w = 0; w < 52; w++)
    app.ok('periods.open', { projectId: pid, today: addDays('2024-01-01', w * 7) });
  return pid;
}
