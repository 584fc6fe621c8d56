/**
 * A 1,000-row paste is one undo step that puts back every field of every row, read back from
 * the SQLite file, and redo brings the paste back exactly. The history entry keeps what undo needs
 * (the changed columns, the key and the project) and not whole rows.
 */
import { describe, expect, test } from 'vitest';
import { openApp, query, storedTasks } from '../helpers/app';

const ROWS = 1000;

function pastedPlan() {
  const app = openApp();
  const pid = app.ok('projects.create', { name: '双11大促' }).id;
  const [a, b] = ['张伟', '李娜'].map(
    (name) => app.ok('people.create', { projectId: pid, name, role: 'executor' }).id,
  );
  const module = app.ok('modules.create', { projectId: pid, values: { name: '直播' } }).id;
  // 1,000 new tasks with every kind of field set (one paste: rows without an id are new tasks).
  const created = app.ok('tasks.paste', {
    projectId: pid,
    rows: Array.from({ length: ROWS }, (_, i) => ({
      ref: i + 1,
      values: {
        name: `任务${i}`,
        deliverable: `交付物${i}`,
        ownerId: i % 3 === 0 ? null : i % 2 ? a : b,
        start: '2026-10-01',
        end: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
        budgetFen: i % 4 === 0 ? null : 10_000 + i,
        manpower: `${i % 5}人`,
        tools: `工具${i}`,
        criteria: `标准${i}`,
        progress: i % 101,
        notes: i % 7 ? '' : `风险${i}`,
        moduleId: i % 2 ? module : null,
        milestone: i % 50 === 0,
        blocked: i % 33 === 0,
        trackingCycle: i % 10 === 0 ? 'week' : null,
      },
    })),
  }).created;
  return { app, pid, a, b, module, ids: created };
}

describe('undo of a 1,000-row paste', () => {
  test('restores every field of every row, and redo brings the paste back, read from the file', () => {
    const { app, pid, a, b, module, ids } = pastedPlan();
    const links = () => query(app.file, 'SELECT * FROM task_links ORDER BY predecessor_id, successor_id');
    const before = storedTasks(app.file, pid);
    const linksBefore = links();
    expect(before).toHaveLength(ROWS);

    // The paste changes a different mix of columns on each row, predecessors included.
    const result = app.ok('tasks.paste', {
      projectId: pid,
      rows: ids.map((id, i) => ({
        ref: i + 1,
        id,
        values: [
          { tools: `新工具${i}`, criteria: `新标准${i}`, progress: (i * 7) % 101 },
          { name: `改名${i}`, ownerId: i % 2 ? b : a, budgetFen: 99_000 + i },
          { start: '2026-09-15', end: '2026-12-31', notes: `新风险${i}`, blocked: true },
          { moduleId: i % 2 ? null : module, milestone: true, trackingCycle: 'month' as const },
          { deliverable: '', manpower: '10人', predecessorIds: i > 0 ? [ids[i - 1]!] : [] },
        ][i % 5]!,
      })),
    });
    expect(result.updated).toBe(ROWS);
    const after = storedTasks(app.file, pid);
    const linksAfter = links();
    expect(after).not.toEqual(before);
    expect(linksAfter.length).toBeGreaterThan(linksBefore.length);
    // What the paste answered is what the file holds.
    const byId = new Map(after.map((r) => [r.id, r]));
    for (const t of result.tasks) {
      expect(byId.get(t.id)).toMatchObject({ tools: t.tools, name: t.name, progress: t.progress });
    }

    expect(app.ok('history.undo', { projectId: pid })).toEqual({ undo: 'tasks.paste', redo: 'tasks.paste' });
    expect(storedTasks(app.file, pid)).toEqual(before);
    expect(links()).toEqual(linksBefore);

    expect(app.ok('history.redo', { projectId: pid })).toEqual({ undo: 'tasks.paste', redo: null });
    expect(storedTasks(app.file, pid)).toEqual(after);
    expect(links()).toEqual(linksAfter);

    // And back once more, after a restart of the app (the history lives in the file).
    app.reopen();
    app.ok('history.undo', { projectId: pid });
    expect(storedTasks(app.file, pid)).toEqual(before);
    expect(links()).toEqual(linksBefore);
  });

  test('the history entry keeps the changed columns, the key and the project, not whole rows', () => {
    const { app, pid, ids } = pastedPlan();
    app.ok('tasks.paste', {
      projectId: pid,
      rows: ids.map((id, i) => ({ ref: i + 1, id, values: { tools: `新工具${i}`, progress: 1 } })),
    });
    const [entry] = query<{ changes: string }>(
      app.file,
      'SELECT changes FROM history WHERE project_id = ? ORDER BY seq DESC LIMIT 1',
      pid,
    );
    const changes = JSON.parse(entry!.changes) as {
      table: string;
      key: { id: string };
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    }[];
    expect(changes).toHaveLength(ROWS);
    const stored = new Map(storedTasks(app.file, pid).map((r) => [r.id, r]));
    for (const c of changes) {
      expect(c.table).toBe('tasks');
      // progress is left out where it already was 1 (the pasted plan has progress i % 101).
      const keys = Object.keys(c.after).sort();
      expect(keys).toEqual(
        ids.indexOf(c.key.id) % 101 === 1
          ? ['id', 'project_id', 'tools', 'updated_at']
          : ['id', 'progress', 'project_id', 'tools', 'updated_at'],
      );
      expect(Object.keys(c.before).sort()).toEqual(keys);
      expect(c.after.tools).toBe(stored.get(c.key.id)!.tools);
      expect(c.after.project_id).toBe(pid);
    }
  });
});
