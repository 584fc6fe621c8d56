/**
 * Amounts are bounded so every sum the app computes stays exact (shared/values.ts): one amount at
 * most MAX_FEN = 10^12 fen, a project's total of one kind at most MAX_TOTAL = 10^15. The same
 * per-amount bound holds in the contract, the cell parser, the file validator and the database;
 * totals are checked with every write that raises them, and in files.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from '../../src-main/db/migrations';
import { readProjectFile } from '../../src-main/project-file/read';
import { insertBundle } from '../../src-main/project-file/insert';
import { parseTaskCell } from '../../src-main/shared/cell-parse';
import { MAX_FEN, MAX_TOTAL } from '../../src-main/shared/values';
import { openApp, type App } from '../helpers/app';
import { logicalHash, withRaw } from '../helpers/db';
import { exportCopy } from '../helpers/installations';
import { writeProjectFileByHand } from '../helpers/project-files';
import { tempDir } from '../helpers/tmp';
import { refusal } from '../helpers/refusal';

const ctx = { people: [], modules: [], tasks: [], year: 2024 } as unknown as Parameters<
  typeof parseTaskCell
>[2];

function planWithBudgets(app: App, count: number, budgetFen: number) {
  const projectId = app.ok('projects.create', { name: '双11大促' }).id;
  app.ok('projects.update', { id: projectId, patch: { start: '2024-10-01', end: '2024-11-30' } });
  const moduleId = app.ok('modules.create', { projectId, values: { name: '直播' } }).id;
  const rows = Array.from({ length: count }, (_, i) => ({
    ref: i + 1,
    values: { name: `任务${i + 1}`, budgetFen, moduleId, start: '2024-10-01', end: '2024-11-11' },
  }));
  app.ok('tasks.paste', { projectId, rows });
  return { projectId, moduleId };
}

describe('amounts', () => {
  test('95 tasks with the largest accepted budget: the overview adds them up exactly', () => {
    const app = openApp();
    const { projectId, moduleId } = planWithBudgets(app, 95, MAX_FEN);
    expect(MAX_FEN).toBe(1_000_000_000_000);
    const dashboard = app.ok('dashboard.get', { projectId, today: '2024-10-15' });
    // 95 × ¥10,000,000,000.00 = ¥950,000,000,000.00 = 95,000,000,000,000 fen.
    expect(dashboard.kpis.budgetPlannedFen).toBe(95_000_000_000_000);
    expect(dashboard.modules.find((m) => m.id === moduleId)?.plannedFen).toBe(95_000_000_000_000);
  });

  test('the same plan imported from a project file: the overview is exact too', () => {
    const source = openApp();
    const { projectId } = planWithBudgets(source, 95, MAX_FEN);
    const file = join(tempDir(), 'plan.ctproj');
    writeProjectFileByHand(exportCopy(source, projectId), file);
    const app = openApp();
    insertBundle(app.db, readProjectFile(file).bundle);
    expect(app.ok('dashboard.get', { projectId, today: '2024-10-15' }).kpis.budgetPlannedFen).toBe(
      95_000_000_000_000,
    );
  });

  test('a total up to 10^15 is kept and shown exactly; one fen more is refused, nothing stored', () => {
    const app = openApp();
    const { projectId } = planWithBudgets(app, 1000, MAX_FEN); // 1000 × 10^12 = 10^15
    expect(app.ok('dashboard.get', { projectId, today: '2024-10-15' }).kpis.budgetPlannedFen).toBe(MAX_TOTAL);
    const before = logicalHash(app.file);
    expect(app.fail('tasks.create', { projectId, values: { name: '再加一个', budgetFen: 1 } })).toMatchObject(
      { code: 'invalid_input', reason: 'total_too_large', params: { limit: MAX_TOTAL } },
    );
    expect(
      app.fail('tasks.paste', { projectId, rows: [{ ref: 1, values: { name: 'x', budgetFen: 1 } }] }),
    ).toMatchObject({ reason: 'total_too_large' });
    expect(logicalHash(app.file)).toBe(before);
    // Lowering is always possible.
    const first = app.ok('tasks.list', { projectId })[0]!;
    app.ok('tasks.update', { id: first.id, patch: { budgetFen: MAX_FEN - 1 } });
    app.ok('tasks.create', { projectId, values: { name: '再加一个', budgetFen: 1 } });
  });

  test('spend and metric values have totals too', () => {
    const app = openApp();
    const projectId = app.ok('projects.create', { name: '周年庆' }).id;
    for (let i = 0; i < 10; i++) {
      app.ok('spend.create', {
        projectId,
        values: { date: '2024-05-01', amountFen: MAX_FEN },
      });
    }
    // 10 × 10^12 = 10^13: far below; the bound is on the total, reached by 1000 entries.
    const metricId = app.ok('metrics.create', { projectId, values: { name: '曝光量' } }).id;
    app.ok('actuals.upsert', { metricId, periodStart: '2024-05-01', periodEnd: '2024-05-07', valueC: 1e15 });
    const before = logicalHash(app.file);
    expect(
      app.fail('actuals.upsert', { metricId, periodStart: '2024-05-08', periodEnd: '2024-05-14', valueC: 1 }),
    ).toMatchObject({ reason: 'total_too_large', params: { table: 'metric_actuals' } });
    expect(logicalHash(app.file)).toBe(before);
  });

  test('one amount past 10^12 fen: refused by the contract, the cell parser, the database and the file reader', () => {
    const app = openApp();
    const projectId = app.ok('projects.create', { name: '周年庆' }).id;
    const task = app.ok('tasks.create', { projectId, values: { name: '预热', budgetFen: MAX_FEN } });
    expect(app.fail('tasks.update', { id: task.id, patch: { budgetFen: MAX_FEN + 1 } })).toMatchObject({
      code: 'invalid_input',
      path: ['patch', 'budgetFen'],
      reason: 'too_big',
    });
    expect(app.fail('projects.update', { id: projectId, patch: { budgetFen: MAX_FEN + 1 } })).toMatchObject({
      reason: 'too_big',
    });
    expect(parseTaskCell('budgetFen', '10000000000', ctx)).toEqual({ ok: true, value: MAX_FEN });
    expect(parseTaskCell('budgetFen', '10000000000.01', ctx)).toMatchObject({ ok: false });
    expect(parseTaskCell('budgetFen', '1000001万', ctx)).toMatchObject({ ok: false });
    // The database itself (migration after which LATEST_VERSION holds the bound).
    expect(app.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    for (const sql of [
      'UPDATE tasks SET budget_fen = 1000000000001',
      'UPDATE projects SET budget_fen = 1000000000001',
      `INSERT INTO spend_entries (id, project_id, spent_on, amount_fen, note, created_at, updated_at)
       VALUES ('01900000-0000-7000-8000-000000000001', '${projectId}', '2024-05-01', 1000000000001, '', 'x', 'x')`,
    ]) {
      expect(() => withRaw(app.file, (raw) => raw.exec(sql), { readonly: false }), sql).toThrow(
        /amount_too_large/,
      );
    }
    // A file whose task carries one fen more.
    const bundle = structuredClone(exportCopy(app, projectId));
    bundle.tables.tasks![0]!.budget_fen = MAX_FEN + 1;
    const file = join(tempDir(), 'big.ctproj');
    // A file of the schema before the bound (no trigger to stop the write), brought up to date
    // by the reader and then checked.
    const bound = MIGRATIONS.find((m) => m.name.startsWith('bounded amounts'))!.version;
    writeProjectFileByHand(bundle, file, { version: bound - 1 });
    const refused = refusal(() => readProjectFile(file), 'reading the file');
    expect(refused).toMatchObject({ code: 'file_refused', reason: 'invalid_content' });
  });

  test('a file whose budgets add up past 10^15 is refused', () => {
    const source = openApp();
    const { projectId } = planWithBudgets(source, 3, MAX_FEN);
    const bundle = structuredClone(exportCopy(source, projectId));
    const template = bundle.tables.tasks![0]!;
    for (let i = 0; i < 1001; i++) {
      bundle.tables.tasks!.push({
        ...template,
        id: `01900000-0000-7000-8000-${String(100000 + i).padStart(12, '0')}`,
        code: `M${String(1000 + i)}`,
        position: 10 + i,
      });
    }
    const file = join(tempDir(), 'sum.ctproj');
    writeProjectFileByHand(bundle, file);
    const refused = refusal(() => readProjectFile(file), 'reading the file');
    expect(refused).toMatchObject({ reason: 'invalid_content' });
    expect(refused.problems).toContainEqual(
      expect.objectContaining({ path: ['tasks', 'budget_fen'], reason: 'total_too_large' }),
    );
  });

  test('a file whose module budgets add up past 10^15 is refused, as the app refuses the write', () => {
    const source = openApp();
    const { projectId, moduleId } = planWithBudgets(source, 1, 0);
    source.ok('modules.update', { id: moduleId, patch: { budgetFen: MAX_FEN } });
    const bundle = structuredClone(exportCopy(source, projectId));
    const template = bundle.tables.modules![0]!;
    for (let i = 0; i < 1000; i++) {
      bundle.tables.modules!.push({
        ...template,
        id: `01900000-0000-7000-8000-${String(200000 + i).padStart(12, '0')}`,
        position: 10 + i,
      });
    }
    // 1,001 × 10^12 > 10^15; 1,000 × 10^12 is exactly the bound and would pass.
    const file = join(tempDir(), 'modules.ctproj');
    writeProjectFileByHand(bundle, file);
    const refused = refusal(() => readProjectFile(file), 'reading the file');
    expect(refused).toMatchObject({ code: 'file_refused', reason: 'invalid_content' });
    expect(refused.problems).toContainEqual(
      expect.objectContaining({ path: ['modules', 'budget_fen'], reason: 'total_too_large' }),
    );
  });
});
