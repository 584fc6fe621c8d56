import { v7 as uuidv7 } from 'uuid';
import { describe, expect, test } from 'vitest';
import { historyRows, openApp, projectSnapshot, query, type App } from '../helpers/app';

function links(app: App): { predecessor_id: string; successor_id: string }[] {
  return query(
    app.file,
    'SELECT predecessor_id, successor_id FROM task_links ORDER BY predecessor_id, successor_id',
  );
}

/** A project with tasks M001 … M00n. */
function project(app: App, n: number, name = '项目') {
  const pid = app.ok('projects.create', { name }).id;
  const ids = Array.from(
    { length: n },
    (_, i) => app.ok('tasks.create', { projectId: pid, values: { name: `t${i + 1}` } }).id,
  );
  return { pid, ids };
}

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('predecessors', () => {
  test('are stored in task_links and come back as predecessorIds', () => {
    const app = openApp();
    const { pid, ids } = project(app, 3);
    const [a, b, c] = ids as [string, string, string];
    const created = app.ok('tasks.create', { projectId: pid, values: { name: 'd', predecessorIds: [a, b] } });
    expect(sorted(created.predecessorIds)).toEqual(sorted([a, b]));
    const updated = app.ok('tasks.update', { id: c, patch: { predecessorIds: [a, a] } });
    expect(updated.predecessorIds).toEqual([a]);
    expect(links(app)).toEqual(
      [
        { predecessor_id: a, successor_id: created.id },
        { predecessor_id: b, successor_id: created.id },
        { predecessor_id: a, successor_id: c },
      ].sort((x, y) => (x.predecessor_id + x.successor_id).localeCompare(y.predecessor_id + y.successor_id)),
    );
    const listed = app.ok('tasks.list', { projectId: pid });
    expect(sorted(listed.find((t) => t.id === created.id)!.predecessorIds)).toEqual(sorted([a, b]));
    expect(listed.find((t) => t.id === c)!.predecessorIds).toEqual([a]);
    expect(listed.find((t) => t.id === a)!.predecessorIds).toEqual([]);

    // A new list replaces the old one; an empty list clears it; leaving it out keeps it.
    app.ok('tasks.update', { id: created.id, patch: { predecessorIds: [c] } });
    expect(
      query(app.file, 'SELECT predecessor_id FROM task_links WHERE successor_id = ?', created.id),
    ).toEqual([{ predecessor_id: c }]);
    app.ok('tasks.update', { id: created.id, patch: { name: 'renamed' } });
    expect(app.ok('tasks.list', { projectId: pid }).find((t) => t.id === created.id)!.predecessorIds).toEqual(
      [c],
    );
    app.ok('tasks.update', { id: created.id, patch: { predecessorIds: [] } });
    expect(query(app.file, 'SELECT * FROM task_links WHERE successor_id = ?', created.id)).toEqual([]);
  });

  test('milestone and blocked are stored as 0/1 and read back as booleans', () => {
    const app = openApp();
    const { ids } = project(app, 1);
    const t = app.ok('tasks.update', { id: ids[0]!, patch: { milestone: true, blocked: true } });
    expect(t).toMatchObject({ milestone: true, blocked: true });
    expect(query(app.file, 'SELECT milestone, blocked FROM tasks WHERE id = ?', ids[0])).toEqual([
      { milestone: 1, blocked: 1 },
    ]);
    app.ok('tasks.update', { id: ids[0]!, patch: { blocked: false } });
    expect(query(app.file, 'SELECT milestone, blocked FROM tasks WHERE id = ?', ids[0])).toEqual([
      { milestone: 1, blocked: 0 },
    ]);
  });

  test('a loop is refused as dependency_cycle naming the codes in order; nothing is written', () => {
    const app = openApp();
    const { pid, ids } = project(app, 3);
    const [m1, m2, m3] = ids as [string, string, string];
    app.ok('tasks.update', { id: m2, patch: { predecessorIds: [m1] } }); // M002 waits for M001
    app.ok('tasks.update', { id: m3, patch: { predecessorIds: [m2] } }); // M003 waits for M002
    const before = projectSnapshot(app.file, pid);
    const entries = historyRows(app.file, pid).length;

    expect(app.fail('tasks.update', { id: m1, patch: { predecessorIds: [m3], progress: 50 } })).toEqual({
      code: 'invalid_input',
      path: ['patch', 'predecessorIds'],
      reason: 'dependency_cycle',
      params: { cycle: 'M001 → M003 → M002 → M001' },
    });
    expect(app.fail('tasks.update', { id: m2, patch: { predecessorIds: [m1, m3] } })).toMatchObject({
      reason: 'dependency_cycle',
      params: { cycle: 'M002 → M003 → M002' },
    });
    expect(projectSnapshot(app.file, pid)).toEqual(before);
    expect(historyRows(app.file, pid)).toHaveLength(entries);

    // Not a loop: M001 → M003 via a third path is fine the other way round.
    app.ok('tasks.update', { id: m3, patch: { predecessorIds: [m1, m2] } });
    expect(links(app)).toHaveLength(3);
  });

  test('a task cannot depend on itself', () => {
    const app = openApp();
    const { pid, ids } = project(app, 2);
    const before = projectSnapshot(app.file, pid);
    expect(
      app.fail('tasks.update', { id: ids[0]!, patch: { predecessorIds: [ids[1]!, ids[0]!] } }),
    ).toMatchObject({
      code: 'invalid_input',
      path: ['patch', 'predecessorIds'],
      reason: 'depends_on_itself',
    });
    expect(projectSnapshot(app.file, pid)).toEqual(before);
  });

  test('a task of another project, or one that does not exist, is refused', () => {
    const app = openApp();
    const a = project(app, 1, 'A');
    const b = project(app, 1, 'B');
    const before = projectSnapshot(app.file, a.pid);
    for (const other of [b.ids[0]!, uuidv7()]) {
      expect(app.fail('tasks.update', { id: a.ids[0]!, patch: { predecessorIds: [other] } })).toMatchObject({
        code: 'invalid_input',
        path: ['patch', 'predecessorIds'],
        reason: 'not_in_project',
      });
      expect(
        app.fail('tasks.create', { projectId: a.pid, values: { name: 'x', predecessorIds: [other] } }),
      ).toMatchObject({ reason: 'not_in_project', path: ['values', 'predecessorIds'] });
    }
    expect(projectSnapshot(app.file, a.pid)).toEqual(before);
    expect(links(app)).toEqual([]);
  });

  test('deleting a task removes its links on both sides', () => {
    const app = openApp();
    const { pid, ids } = project(app, 4);
    const [m1, m2, m3, m4] = ids as [string, string, string, string];
    app.ok('tasks.update', { id: m2, patch: { predecessorIds: [m1] } });
    app.ok('tasks.update', { id: m3, patch: { predecessorIds: [m2, m1] } });
    app.ok('tasks.update', { id: m4, patch: { predecessorIds: [m1] } });
    expect(links(app)).toHaveLength(4);
    app.ok('tasks.delete', { ids: [m2] });
    expect(links(app)).toEqual(
      [
        { predecessor_id: m1, successor_id: m3 },
        { predecessor_id: m1, successor_id: m4 },
      ].sort((x, y) => x.successor_id.localeCompare(y.successor_id)),
    );
    expect(app.ok('tasks.list', { projectId: pid }).find((t) => t.id === m3)!.predecessorIds).toEqual([m1]);
    app.ok('tasks.delete', { ids: [m1] });
    expect(links(app)).toEqual([]);
  });

  test('deleting a parent removes the links of its sub-tasks too', () => {
    const app = openApp();
    const { pid, ids } = project(app, 2);
    const child = app.ok('tasks.create', {
      projectId: pid,
      values: { name: 'child', parentId: ids[0]!, predecessorIds: [ids[1]!] },
    });
    app.ok('tasks.update', { id: ids[1]!, patch: { predecessorIds: [] } });
    const after = app.ok('tasks.create', {
      projectId: pid,
      values: { name: 'after', predecessorIds: [child.id] },
    });
    expect(links(app)).toHaveLength(2);
    app.ok('tasks.delete', { ids: [ids[0]!] });
    expect(links(app)).toEqual([]);
    expect(app.ok('tasks.list', { projectId: pid }).find((t) => t.id === after.id)!.predecessorIds).toEqual(
      [],
    );
  });
});
