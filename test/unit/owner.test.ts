/**
 * Exactly one overall owner (总负责人) once one is named: the project's owner field and the team
 * role always agree; a change that would leave none is refused naming who must be replaced
 * first; a merge that brings a different owner is a conflict like any other field, and either
 * answer leaves one owner in the field and the roles alike.
 */
import { describe, expect, test } from 'vitest';
import { openApp, query, type App } from '../helpers/app';
import { logicalHash } from '../helpers/db';
import { exportCopy, mergeCopy, plan, receive } from '../helpers/installations';

function withOwner() {
  const app = openApp();
  const pid = app.ok('projects.create', { name: '周年庆' }).id;
  const boss = app.ok('people.create', { projectId: pid, name: '王经理', role: 'overall_owner' }).id;
  const li = app.ok('people.create', { projectId: pid, name: '小李', role: 'module_owner' }).id;
  const zhao = app.ok('people.create', { projectId: pid, name: '小赵' }).id;
  return { app, pid, boss, li, zhao };
}

/** The owner field, and everyone holding the role. */
function owners(app: App, pid: string) {
  const field = query<{ owner_id: string | null }>(
    app.file,
    'SELECT owner_id FROM projects WHERE id = ?',
    pid,
  )[0]!.owner_id;
  const roles = query<{ id: string }>(
    app.file,
    "SELECT id FROM people WHERE project_id = ? AND role = 'overall_owner' ORDER BY id",
    pid,
  ).map((r) => r.id);
  return { field, roles };
}

describe('one overall owner', () => {
  test('naming someone with the role sets the field, and the field sets the role', () => {
    const { app, pid, boss, li, zhao } = withOwner();
    expect(owners(app, pid)).toEqual({ field: boss, roles: [boss] });
    app.ok('projects.update', { id: pid, patch: { ownerId: zhao } });
    expect(owners(app, pid)).toEqual({ field: zhao, roles: [zhao] });
    expect(query(app.file, 'SELECT role FROM people WHERE id = ?', boss)).toEqual([{ role: 'executor' }]);
    // A previous owner who owns a module becomes a module owner.
    app.ok('modules.create', { projectId: pid, values: { name: '直播', ownerId: zhao } });
    app.ok('people.update', { id: li, patch: { role: 'overall_owner' } });
    expect(owners(app, pid)).toEqual({ field: li, roles: [li] });
    expect(query(app.file, 'SELECT role FROM people WHERE id = ?', zhao)).toEqual([{ role: 'module_owner' }]);
    // Undo puts the field and the roles back together.
    app.ok('history.undo', { projectId: pid });
    expect(owners(app, pid)).toEqual({ field: zhao, roles: [zhao] });
  });

  test('the issue: demoting or deleting the only owner, or clearing the field, is refused, naming them', () => {
    const { app, pid, boss } = withOwner();
    const before = logicalHash(app.file);
    const refusal = { code: 'conflict', reason: 'owner_required', params: { name: '王经理' } };
    expect(app.fail('people.update', { id: boss, patch: { role: 'executor' } })).toMatchObject({
      ...refusal,
      path: ['patch', 'role'],
    });
    expect(app.fail('people.delete', { id: boss })).toMatchObject({ ...refusal, path: ['id'] });
    expect(app.fail('projects.update', { id: pid, patch: { ownerId: null } })).toMatchObject({
      ...refusal,
      path: ['patch', 'ownerId'],
    });
    expect(logicalHash(app.file)).toBe(before);
    expect(owners(app, pid)).toEqual({ field: boss, roles: [boss] });
  });

  test('once another is named, the former owner can be demoted and deleted', () => {
    const { app, pid, boss, zhao } = withOwner();
    app.ok('people.update', { id: zhao, patch: { role: 'overall_owner' } });
    app.ok('people.delete', { id: boss });
    expect(owners(app, pid)).toEqual({ field: zhao, roles: [zhao] });
  });

  test('a new project has no owner until one is named; other team changes need none', () => {
    const app = openApp();
    const pid = app.ok('projects.create', { name: '新项目' }).id;
    const a = app.ok('people.create', { projectId: pid, name: '甲' }).id;
    app.ok('people.update', { id: a, patch: { role: 'module_owner' } });
    app.ok('people.delete', { id: a });
    expect(owners(app, pid)).toEqual({ field: null, roles: [] });
  });

  test('a merge bringing a different owner: a conflict, and either answer leaves one owner', () => {
    for (const answer of ['mine', 'theirs'] as const) {
      const { app: A, pid, li, zhao } = withOwner();
      const B = receive(exportCopy(A, pid));
      A.ok('projects.update', { id: pid, patch: { ownerId: li } });
      B.ok('projects.update', { id: pid, patch: { ownerId: zhao } });
      const theirs = exportCopy(B, pid);
      const p = plan(A, pid, theirs);
      const ownerConflict = p.conflicts.find((c) => c.table === 'projects' && c.column === 'owner_id');
      expect(ownerConflict, answer).toMatchObject({ mine: li, theirs: zhao });
      mergeCopy(A, pid, theirs, Object.fromEntries(p.conflicts.map((c) => [c.id, answer])));
      const chosen = answer === 'mine' ? li : zhao;
      expect(owners(A, pid), answer).toEqual({ field: chosen, roles: [chosen] });
      // The colleague takes the answer back without a question, and agrees.
      const back = plan(B, pid, exportCopy(A, pid));
      expect(
        back.conflicts.filter((c) => c.column === 'owner_id' || c.column === 'role'),
        answer,
      ).toEqual([]);
      mergeCopy(B, pid, exportCopy(A, pid));
      expect(owners(B, pid), answer).toEqual({ field: chosen, roles: [chosen] });
    }
  });

  test('a merge where only the colleague named a new owner takes it, field and roles alike', () => {
    const { app: A, pid, boss, zhao } = withOwner();
    const B = receive(exportCopy(A, pid));
    B.ok('people.update', { id: zhao, patch: { role: 'overall_owner' } });
    const summary = mergeCopy(A, pid, exportCopy(B, pid));
    expect(summary.conflicts).toBe(0);
    expect(owners(A, pid)).toEqual({ field: zhao, roles: [zhao] });
    expect(query(A.file, 'SELECT role FROM people WHERE id = ?', boss)).toEqual([{ role: 'executor' }]);
  });
});
