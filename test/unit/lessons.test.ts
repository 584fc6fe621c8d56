/** Lessons (成功经验 / 失败教训 / 改进建议), the library across projects, and a plan reused. */
import { describe, expect, test } from 'vitest';
import { seedDemo } from '../../src-main/services/demo';
import { openApp, query } from '../helpers/app';
import { historyRows } from '../helpers/app';

describe('lessons', () => {
  test('written, tagged, edited and deleted; each an undo step', () => {
    const app = openApp();
    const p = app.ok('projects.create', { name: '双11' }).id;
    const m = app.ok('modules.create', { projectId: p, values: { name: '直播' } }).id;
    const l = app.ok('lessons.create', {
      projectId: p,
      values: { kind: 'failure', text: ' 主播选品太晚 ', channel: '抖音', tactic: '直播带货', moduleId: m },
    });
    expect(l).toMatchObject({
      kind: 'failure',
      text: '主播选品太晚',
      channel: '抖音',
      audience: '',
      moduleId: m,
    });
    app.ok('lessons.update', { id: l.id, patch: { audience: '宝妈' } });
    expect(query(app.file, 'SELECT audience FROM lessons WHERE id = ?', l.id)).toEqual([
      { audience: '宝妈' },
    ]);
    app.ok('history.undo', { projectId: p });
    expect(query(app.file, 'SELECT audience FROM lessons WHERE id = ?', l.id)).toEqual([{ audience: '' }]);
    app.ok('lessons.delete', { id: l.id });
    app.ok('history.undo', { projectId: p });
    expect(app.ok('lessons.list', { projectId: p })).toHaveLength(1);
    expect(historyRows(app.file, p).map((h) => h.action)).toContain('lessons.create');
    // A module of another project is refused.
    const other = app.ok('projects.create', { name: '别的' }).id;
    const foreign = app.ok('modules.create', { projectId: other, values: { name: '外部' } }).id;
    expect(app.fail('lessons.update', { id: l.id, patch: { moduleId: foreign } })).toMatchObject({
      code: 'invalid_input',
      path: ['patch', 'moduleId'],
      reason: 'not_in_project',
    });
    // Deleting the module keeps the lesson, untagged.
    app.ok('modules.delete', { id: m });
    expect(app.ok('lessons.list', { projectId: p })[0]!.moduleId).toBeNull();
  });

  test('the library finds a lesson by tag across two projects (archived included), and by words', () => {
    const app = openApp();
    const demo = seedDemo(app.db);
    const p = app.ok('projects.create', { name: '2025春节' }).id;
    app.ok('lessons.create', {
      projectId: p,
      values: {
        kind: 'improvement',
        text: '快闪店选址先看人流数据',
        channel: '线下快闪',
        tactic: '地推活动',
      },
    });
    app.ok('projects.update', { id: demo, patch: { status: 'archived' } });
    const byTag = app.ok('lessons.search', { tag: '线下快闪' });
    expect(byTag.map((h) => h.projectName).sort()).toEqual([
      '2024夏季新品推广',
      '2024夏季新品推广',
      '2025春节',
    ]);
    expect(byTag.find((h) => h.projectName === '2024夏季新品推广')).toMatchObject({
      projectStatus: 'archived',
    });
    // By module name as a tag, ignoring case of Latin letters too.
    expect(app.ok('lessons.search', { tag: '社交媒体推广' })).toHaveLength(2);
    // Words: all must occur; % is taken literally.
    expect(
      app
        .ok('lessons.search', { text: '场地 比价' })
        .map((h) => h.kind)
        .sort(),
    ).toEqual(['failure', 'improvement']);
    expect(app.ok('lessons.search', { text: '100%' })).toEqual([]);
    expect(app.ok('lessons.search', { text: '转化率', kind: 'failure' })).toHaveLength(1);
  });

  test('a new project from a finished one: team, modules, tasks, metrics; dates shifted, actuals cleared', () => {
    const app = openApp();
    const demo = seedDemo(app.db);
    const copy = app.ok('projects.copyPlan', {
      sourceId: demo,
      name: '2025夏季新品推广',
      start: '2025-05-01',
    });
    // 2024-05-01 → 2025-05-01 is 365 days; 2024-07-31 + 365 days = 2025-07-31.
    expect(copy).toMatchObject({
      name: '2025夏季新品推广',
      start: '2025-05-01',
      end: '2025-07-31',
      status: 'planning',
    });
    expect(copy.goal).toBe('3个月内销量10万台,品牌声量提升40%');
    const count = (table: string, pid: string) =>
      query<{ n: number }>(app.file, `SELECT count(*) AS n FROM ${table} WHERE project_id = ?`, pid)[0]!.n;
    for (const table of ['people', 'modules', 'tasks', 'metrics'])
      expect(count(table, copy.id), table).toBe(count(table, demo));
    for (const table of ['spend_entries', 'tracking_periods', 'lessons'])
      expect(count(table, copy.id), table).toBe(0);
    const tasks = app.ok('tasks.list', { projectId: copy.id });
    const original = app.ok('tasks.list', { projectId: demo });
    expect(tasks.map((t) => t.progress)).toEqual(tasks.map(() => 0));
    expect(tasks.map((t) => [t.code, t.name])).toEqual(original.map((t) => [t.code, t.name]));
    expect(original[0]!.start).toBe('2024-04-20');
    expect(tasks[0]!.start).toBe('2025-04-20'); // 2024-04-20 + 365 days
    const modules = app.ok('modules.list', { projectId: copy.id });
    expect(modules.map((m) => [m.name, m.summary, m.progressOverride])).toEqual([
      ['社交媒体推广', '', null],
      ['线下地推活动', '', null],
    ]);
    expect(app.ok('actuals.list', { projectId: copy.id })).toEqual([]);
    const sales = app.ok('metrics.list', { projectId: copy.id }).find((m) => m.name === '销量')!;
    expect(sales).toMatchObject({ targetC: 10_000_000, targetDate: '2025-07-31' });
    // Owners point at the copy's own team.
    const team = new Set(app.ok('people.list', { projectId: copy.id }).map((p) => p.id));
    expect(tasks.every((t) => t.ownerId === null || team.has(t.ownerId))).toBe(true);
    expect(team.has(copy.ownerId!)).toBe(true);
  });
});
