import { join } from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, onTestFinished, test } from 'vitest';
import { DATABASE_FILE, openBackend } from '../../src-main/backend';
import { seedDemoOnce } from '../../src-main/services/demo';
import {
  createModule,
  deleteModule,
  getModule,
  listModules,
  updateModule,
} from '../../src-main/services/modules';
import {
  createPerson,
  deletePerson,
  getPerson,
  listPeople,
  updatePerson,
} from '../../src-main/services/people';
import {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  renameProject,
  updateProject,
} from '../../src-main/services/projects';
import { createTask, deleteTasks, getTask, listTasks, updateTask } from '../../src-main/services/tasks';
import { indentTask, outdentTask } from '../../src-main/services/task-tree';
import type { AppErrorData } from '../../src-main/shared/errors';
import { MAX_FEN } from '../../src-main/shared/values';
import { countRows, tempDatabase, withRaw } from '../helpers/db';
import { tempDir } from '../helpers/tmp';
import { refusal } from '../helpers/refusal';

interface Fixture {
  file: string;
  db: Db;
}

function setup(): Fixture {
  const { file, db } = tempDatabase();
  onTestFinished(() => {
    if (db.open) db.close();
  });
  return { file, db };
}

/** The stored row, read through a second connection. */
function row(file: string, table: string, id: string): Record<string, unknown> | undefined {
  return withRaw(
    file,
    (raw) =>
      raw.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined,
  );
}

function rows(file: string, sql: string, ...params: unknown[]): Record<string, unknown>[] {
  return withRaw(file, (raw) => raw.prepare(sql).all(...params) as Record<string, unknown>[]);
}

/** Runs a write that must be refused and checks that the row read back afterwards is unchanged. */
function refusedWithoutChange(f: Fixture, table: string, id: string, fn: () => unknown): AppErrorData {
  const before = row(f.file, table, id);
  expect(before).toBeDefined();
  const error = refusal(fn);
  expect(row(f.file, table, id)).toEqual(before);
  return error;
}

function team(f: Fixture, projectName = '项目') {
  const project = createProject(f.db, { name: projectName });
  const boss = createPerson(f.db, {
    projectId: project.id,
    name: '经理',
    role: 'overall_owner',
    group: '市场部',
  });
  const alice = createPerson(f.db, {
    projectId: project.id,
    name: '内容组*主管',
    role: 'module_owner',
    group: '内容组',
    reportsToId: boss.id,
  });
  return { project, boss, alice };
}

describe('projects', () => {
  test('create stores the name with defaults and reads back through getProject and listProjects', () => {
    const f = setup();
    const p = createProject(f.db, { name: '2025春季' });
    const stored = row(f.file, 'projects', p.id);
    expect(stored).toMatchObject({
      id: p.id,
      name: '2025春季',
      status: 'planning',
      goal: '',
      next_task_seq: 1,
    });
    expect(stored?.owner_id).toBeNull();
    expect(getProject(f.db, p.id)).toEqual(p);
    expect(p.status).toBe(stored?.status);
    expect(listProjects(f.db).map((s) => s.id)).toEqual([p.id]);
  });

  test('rename changes only the name', () => {
    const f = setup();
    const p = createProject(f.db, { name: 'old' });
    updateProject(f.db, { id: p.id, patch: { goal: '目标' } });
    const before = row(f.file, 'projects', p.id);
    const renamed = renameProject(f.db, { id: p.id, name: 'new' });
    const after = row(f.file, 'projects', p.id);
    expect(after?.name).toBe('new');
    expect(renamed.name).toBe(after?.name);
    expect({ ...after, name: before?.name, updated_at: before?.updated_at }).toEqual(before);
  });

  test('update writes every patched field to its column', () => {
    const f = setup();
    const { project, boss } = team(f);
    const result = updateProject(f.db, {
      id: project.id,
      patch: {
        goal: 'SMART',
        ownerId: boss.id,
        start: '2024-05-01',
        end: '2024-07-31',
        status: 'active',
        actions: 'a',
        audience: 'b',
        budgetFen: 300_000_000,
        manpower: 'c',
        channels: 'd',
        expectedOutcome: 'e',
      },
    });
    expect(row(f.file, 'projects', project.id)).toMatchObject({
      goal: 'SMART',
      owner_id: boss.id,
      start_date: '2024-05-01',
      end_date: '2024-07-31',
      status: 'active',
      actions: 'a',
      audience: 'b',
      budget_fen: 300_000_000,
      manpower: 'c',
      channels: 'd',
      expected_outcome: 'e',
    });
    expect(result).toEqual(getProject(f.db, project.id));
    expect(listProjects(f.db)[0]?.ownerName).toBe('经理');
  });

  test('update refuses end before start, also when only one side is patched, and leaves the row', () => {
    const f = setup();
    const p = createProject(f.db, { name: 'p' });
    const both = refusedWithoutChange(f, 'projects', p.id, () =>
      updateProject(f.db, { id: p.id, patch: { start: '2024-05-10', end: '2024-05-09' } }),
    );
    expect(both).toMatchObject({ code: 'invalid_input', reason: 'end_before_start' });

    updateProject(f.db, { id: p.id, patch: { start: '2024-05-01', end: '2024-05-31' } });
    const onlyEnd = refusedWithoutChange(f, 'projects', p.id, () =>
      updateProject(f.db, { id: p.id, patch: { end: '2024-04-30' } }),
    );
    expect(onlyEnd).toMatchObject({
      code: 'invalid_input',
      reason: 'end_before_start',
      path: ['patch', 'end'],
    });
    const onlyStart = refusedWithoutChange(f, 'projects', p.id, () =>
      updateProject(f.db, { id: p.id, patch: { start: '2024-06-01' } }),
    );
    expect(onlyStart).toMatchObject({
      code: 'invalid_input',
      reason: 'end_before_start',
      path: ['patch', 'start'],
    });
    // A one-day project is fine.
    updateProject(f.db, { id: p.id, patch: { end: '2024-05-01' } });
    expect(row(f.file, 'projects', p.id)?.end_date).toBe('2024-05-01');
  });

  test('update refuses an owner from another project', () => {
    const f = setup();
    const a = team(f, 'A');
    const b = team(f, 'B');
    const e = refusedWithoutChange(f, 'projects', a.project.id, () =>
      updateProject(f.db, { id: a.project.id, patch: { ownerId: b.boss.id, goal: 'x' } }),
    );
    expect(e).toMatchObject({ code: 'invalid_input', reason: 'not_team_member', path: ['patch', 'ownerId'] });
  });

  test('delete removes the project with its people, modules and tasks, and nothing of other projects', () => {
    const f = setup();
    const fill = (name: string) => {
      const t = team(f, name);
      const m = createModule(f.db, { projectId: t.project.id, values: { name: 'm', ownerId: t.alice.id } });
      const parent = createTask(f.db, {
        projectId: t.project.id,
        values: { name: 'parent', ownerId: t.alice.id, moduleId: m.id },
      });
      createTask(f.db, {
        projectId: t.project.id,
        values: { name: 'child', ownerId: t.boss.id, parentId: parent.id },
      });
      updateProject(f.db, { id: t.project.id, patch: { ownerId: t.boss.id } });
      return t.project.id;
    };
    const a = fill('A');
    const b = fill('B');
    const counts = (pid: string) =>
      ['people', 'modules', 'tasks'].map((table) => countRows(f.file, table, 'project_id = ?', pid));
    expect(counts(a)).toEqual([2, 1, 2]);
    const bBefore = counts(b);

    expect(deleteProject(f.db, { id: a })).toEqual({ id: a });
    expect(countRows(f.file, 'projects', 'id = ?', a)).toBe(0);
    expect(counts(a)).toEqual([0, 0, 0]);
    expect(counts(b)).toEqual(bBefore);
    expect(refusal(() => getProject(f.db, a)).code).toBe('not_found');
    expect(refusal(() => deleteProject(f.db, { id: a })).code).toBe('not_found');
  });
});

describe('people', () => {
  test('create, update and delete read back from the file', () => {
    const f = setup();
    const { project, boss } = team(f);
    const p = createPerson(f.db, {
      projectId: project.id,
      name: '渠道组*专员',
      group: '渠道组',
      reportsToId: boss.id,
    });
    expect(row(f.file, 'people', p.id)).toMatchObject({
      project_id: project.id,
      name: '渠道组*专员',
      role: 'executor',
      group_name: '渠道组',
      reports_to_id: boss.id,
      position: 2,
    });
    expect(listPeople(f.db, { projectId: project.id }).map((x) => x.id)).toEqual(
      rows(f.file, 'SELECT id FROM people WHERE project_id = ? ORDER BY position', project.id).map(
        (r) => r.id,
      ),
    );

    const updated = updatePerson(f.db, {
      id: p.id,
      patch: { name: '数据组*专员', role: 'module_owner', group: '数据组' },
    });
    expect(row(f.file, 'people', p.id)).toMatchObject({
      name: '数据组*专员',
      role: 'module_owner',
      group_name: '数据组',
      reports_to_id: boss.id,
    });
    expect(updated).toEqual(getPerson(f.db, p.id));

    expect(deletePerson(f.db, { id: p.id })).toEqual({ id: p.id });
    expect(row(f.file, 'people', p.id)).toBeUndefined();
    expect(refusal(() => deletePerson(f.db, { id: p.id })).code).toBe('not_found');
  });

  test('deleting a boss leaves the people who reported to them without a boss', () => {
    const f = setup();
    const { project, boss, alice } = team(f);
    const lead = createPerson(f.db, { projectId: project.id, name: '组长', reportsToId: boss.id });
    const member = createPerson(f.db, { projectId: project.id, name: '组员', reportsToId: lead.id });
    deletePerson(f.db, { id: lead.id });
    expect(row(f.file, 'people', member.id)?.reports_to_id).toBeNull();
    expect(row(f.file, 'people', alice.id)?.reports_to_id).toBe(boss.id);
  });

  test('a person who owns tasks cannot be deleted; the refusal names the tasks; reassigning allows it', () => {
    const f = setup();
    const { project, boss, alice } = team(f);
    const t1 = createTask(f.db, { projectId: project.id, values: { name: 't1', ownerId: alice.id } });
    createTask(f.db, { projectId: project.id, values: { name: 'other', ownerId: boss.id } });
    const t3 = createTask(f.db, { projectId: project.id, values: { name: 't3', ownerId: alice.id } });
    const owned = rows(f.file, 'SELECT code FROM tasks WHERE owner_id = ? ORDER BY position', alice.id).map(
      (r) => r.code as string,
    );
    expect(owned).toEqual([t1.code, t3.code]);

    const e = refusedWithoutChange(f, 'people', alice.id, () => deletePerson(f.db, { id: alice.id }));
    expect(e.code).toBe('conflict');
    expect(e.reason).toBe('person_still_owner');
    expect(e.params?.tasks).toBe(owned.join(', '));
    expect(e.params?.count).toBe(owned.length);
    expect(countRows(f.file, 'tasks', 'owner_id = ?', alice.id)).toBe(2);

    updateTask(f.db, { id: t1.id, patch: { ownerId: boss.id } });
    expect(refusal(() => deletePerson(f.db, { id: alice.id })).params?.tasks).toBe(t3.code);
    updateTask(f.db, { id: t3.id, patch: { ownerId: null } });
    deletePerson(f.db, { id: alice.id });
    expect(row(f.file, 'people', alice.id)).toBeUndefined();
    expect(row(f.file, 'tasks', t1.id)?.owner_id).toBe(boss.id);
    expect(row(f.file, 'tasks', t3.id)?.owner_id).toBeNull();
  });

  test('a person who owns a module cannot be deleted either', () => {
    const f = setup();
    const { project, alice } = team(f);
    const m = createModule(f.db, {
      projectId: project.id,
      values: { name: '社交媒体推广', ownerId: alice.id },
    });
    const e = refusedWithoutChange(f, 'people', alice.id, () => deletePerson(f.db, { id: alice.id }));
    expect(e).toMatchObject({ code: 'conflict', reason: 'person_still_owner' });
    expect(e.params?.modules).toBe(row(f.file, 'modules', m.id)?.name);
  });

  test('a reporting line that loops back is refused and the row is unchanged', () => {
    const f = setup();
    const { project, boss, alice } = team(f);
    const carol = createPerson(f.db, { projectId: project.id, name: 'carol', reportsToId: alice.id });
    // boss ← alice ← carol; boss reporting to carol would close the loop.
    const loop = refusedWithoutChange(f, 'people', boss.id, () =>
      updatePerson(f.db, { id: boss.id, patch: { reportsToId: carol.id, name: 'renamed' } }),
    );
    expect(loop).toMatchObject({
      code: 'invalid_input',
      reason: 'reporting_cycle',
      path: ['patch', 'reportsToId'],
    });
    const self = refusedWithoutChange(f, 'people', alice.id, () =>
      updatePerson(f.db, { id: alice.id, patch: { reportsToId: alice.id } }),
    );
    expect(self.reason).toBe('reporting_cycle');
    // A line that does not loop is accepted.
    updatePerson(f.db, { id: carol.id, patch: { reportsToId: boss.id } });
    expect(row(f.file, 'people', carol.id)?.reports_to_id).toBe(boss.id);
  });

  test('a boss from another project is refused', () => {
    const f = setup();
    const a = team(f, 'A');
    const b = team(f, 'B');
    const e = refusedWithoutChange(f, 'people', a.alice.id, () =>
      updatePerson(f.db, { id: a.alice.id, patch: { reportsToId: b.boss.id } }),
    );
    expect(e).toMatchObject({ code: 'invalid_input', reason: 'not_team_member' });
    const before = countRows(f.file, 'people');
    expect(
      refusal(() => createPerson(f.db, { projectId: a.project.id, name: 'x', reportsToId: b.boss.id }))
        .reason,
    ).toBe('not_team_member');
    expect(countRows(f.file, 'people')).toBe(before);
  });
});

describe('modules', () => {
  test('create, update and delete; the module’s tasks stay, unassigned', () => {
    const f = setup();
    const { project, alice, boss } = team(f);
    const m = createModule(f.db, {
      projectId: project.id,
      values: {
        name: '社交媒体推广',
        ownerId: alice.id,
        milestone: '预热',
        summary: 's',
        issues: 'i',
        suggestions: 'g',
        result: 'r',
      },
    });
    expect(row(f.file, 'modules', m.id)).toMatchObject({
      project_id: project.id,
      name: '社交媒体推广',
      owner_id: alice.id,
      progress_override: null,
      milestone: '预热',
      summary: 's',
      issues: 'i',
      suggestions: 'g',
      result: 'r',
      position: 0,
    });
    const m2 = createModule(f.db, { projectId: project.id, values: { name: '线下地推活动' } });
    expect(row(f.file, 'modules', m2.id)?.position).toBe(1);
    expect(listModules(f.db, { projectId: project.id }).map((x) => x.name)).toEqual([
      '社交媒体推广',
      '线下地推活动',
    ]);

    const updated = updateModule(f.db, { id: m.id, patch: { ownerId: boss.id, summary: 'new' } });
    expect(row(f.file, 'modules', m.id)).toMatchObject({
      owner_id: boss.id,
      summary: 'new',
      milestone: '预热',
    });
    expect(updated).toEqual(getModule(f.db, m.id));

    const t = createTask(f.db, { projectId: project.id, values: { name: 't', moduleId: m.id } });
    expect(deleteModule(f.db, { id: m.id })).toEqual({ id: m.id });
    expect(row(f.file, 'modules', m.id)).toBeUndefined();
    expect(row(f.file, 'tasks', t.id)).toMatchObject({ id: t.id, module_id: null });
    expect(refusal(() => deleteModule(f.db, { id: m.id })).code).toBe('not_found');
  });

  test('an owner outside the team is refused', () => {
    const f = setup();
    const a = team(f, 'A');
    const b = team(f, 'B');
    const m = createModule(f.db, { projectId: a.project.id, values: { name: 'm' } });
    const e = refusedWithoutChange(f, 'modules', m.id, () =>
      updateModule(f.db, { id: m.id, patch: { ownerId: b.alice.id } }),
    );
    expect(e).toMatchObject({ code: 'invalid_input', reason: 'not_team_member', path: ['patch', 'ownerId'] });
    const before = countRows(f.file, 'modules');
    expect(
      refusal(() =>
        createModule(f.db, { projectId: a.project.id, values: { name: 'n', ownerId: b.alice.id } }),
      ),
    ).toMatchObject({ reason: 'not_team_member', path: ['values', 'ownerId'] });
    expect(countRows(f.file, 'modules')).toBe(before);
  });

  test('progress is the duration-weighted average of the leaf tasks; an override wins until cleared', () => {
    const f = setup();
    const { project } = team(f);
    const m = createModule(f.db, { projectId: project.id, values: { name: 'm' } });
    const progressOf = () => getModule(f.db, m.id).progress;
    expect(progressOf()).toBe(0); // no tasks yet

    // A: one day at 100 %, B: three days at 0 % → (1·100 + 3·0) / 4 = 25.
    createTask(f.db, {
      projectId: project.id,
      values: { name: 'A', start: '2024-05-01', end: '2024-05-01', progress: 100, moduleId: m.id },
    });
    const b = createTask(f.db, {
      projectId: project.id,
      values: { name: 'B', start: '2024-05-01', end: '2024-05-03', progress: 0, moduleId: m.id },
    });
    expect(progressOf()).toBe(25);
    // Tasks of other modules or none do not count.
    createTask(f.db, { projectId: project.id, values: { name: 'loose', progress: 100 } });
    expect(progressOf()).toBe(25);

    updateModule(f.db, { id: m.id, patch: { progressOverride: 60 } });
    expect(row(f.file, 'modules', m.id)?.progress_override).toBe(60);
    expect(progressOf()).toBe(60);
    expect(listModules(f.db, { projectId: project.id })[0]?.progress).toBe(60);
    updateModule(f.db, { id: m.id, patch: { progressOverride: 0 } });
    expect(progressOf()).toBe(0);
    updateModule(f.db, { id: m.id, patch: { progressOverride: null } });
    expect(row(f.file, 'modules', m.id)?.progress_override).toBeNull();
    expect(progressOf()).toBe(25);

    // B moves to 100 %: (1·100 + 3·100) / 4.
    updateTask(f.db, { id: b.id, patch: { progress: 100 } });
    expect(progressOf()).toBe(100);
    // B gets a sub-task (one day, 0 %): B is no longer a leaf, its child counts instead.
    createTask(f.db, {
      projectId: project.id,
      values: { name: 'B.1', parentId: b.id, progress: 0, moduleId: m.id },
    });
    expect(progressOf()).toBe(50);
  });
});

describe('tasks', () => {
  test('codes M001, M002 … are given in order, unique, and never reused after a delete', () => {
    const f = setup();
    const { project } = team(f);
    const made = ['a', 'b', 'c'].map((name) => createTask(f.db, { projectId: project.id, values: { name } }));
    const codes = () =>
      rows(f.file, 'SELECT code FROM tasks WHERE project_id = ? ORDER BY created_at, rowid', project.id).map(
        (r) => r.code,
      );
    expect(codes()).toEqual(['M001', 'M002', 'M003']);
    expect(made.map((t) => t.code)).toEqual(codes());

    deleteTasks(f.db, { ids: [made[1]!.id] });
    const d = createTask(f.db, { projectId: project.id, values: { name: 'd' } });
    expect(row(f.file, 'tasks', d.id)?.code).toBe('M004');
    expect(codes()).toEqual(['M001', 'M003', 'M004']);

    // Codes are per project.
    const other = createProject(f.db, { name: 'other' });
    expect(createTask(f.db, { projectId: other.id, values: { name: 'x' } }).code).toBe('M001');
    const dup = rows(
      f.file,
      'SELECT project_id, code, count(*) AS n FROM tasks GROUP BY project_id, code HAVING n > 1',
    );
    expect(dup).toEqual([]);
  });

  test('afterId inserts right below that task, shifting the rest, without touching codes', () => {
    const f = setup();
    const { project } = team(f);
    const [a, b, c] = ['a', 'b', 'c'].map((name) =>
      createTask(f.db, { projectId: project.id, values: { name } }),
    );
    const codesBefore = rows(f.file, 'SELECT id, code FROM tasks ORDER BY id');
    const n = createTask(f.db, { projectId: project.id, afterId: a!.id, values: { name: 'new' } });
    expect(n.code).toBe('M004');
    const order = rows(
      f.file,
      'SELECT id, position FROM tasks WHERE project_id = ? ORDER BY position',
      project.id,
    );
    expect(order.map((r) => r.id)).toEqual([a!.id, n.id, b!.id, c!.id]);
    expect(new Set(order.map((r) => r.position)).size).toBe(4);
    expect(listTasks(f.db, { projectId: project.id }).map((t) => t.id)).toEqual(order.map((r) => r.id));
    const codesAfter = rows(f.file, 'SELECT id, code FROM tasks WHERE id <> ? ORDER BY id', n.id);
    expect(codesAfter).toEqual(codesBefore);

    // After the last one → at the end.
    const last = createTask(f.db, { projectId: project.id, afterId: c!.id, values: { name: 'last' } });
    expect(listTasks(f.db, { projectId: project.id }).at(-1)?.id).toBe(last.id);
  });

  test('an unknown afterId inserts nothing and uses up no code', () => {
    const f = setup();
    const { project } = team(f);
    createTask(f.db, { projectId: project.id, values: { name: 'a' } });
    const other = createProject(f.db, { name: 'other' });
    const foreign = createTask(f.db, { projectId: other.id, values: { name: 'z' } });
    for (const afterId of [uuidv7(), foreign.id]) {
      expect(
        refusal(() => createTask(f.db, { projectId: project.id, afterId, values: { name: 'b' } })),
      ).toMatchObject({
        code: 'not_found',
        path: ['afterId'],
      });
    }
    expect(countRows(f.file, 'tasks', 'project_id = ?', project.id)).toBe(1);
    expect(createTask(f.db, { projectId: project.id, values: { name: 'c' } }).code).toBe('M002');
  });

  test('create and update write every field to its column', () => {
    const f = setup();
    const { project, alice } = team(f);
    const m = createModule(f.db, { projectId: project.id, values: { name: 'm' } });
    const parent = createTask(f.db, { projectId: project.id, values: { name: 'parent' } });
    const t = createTask(f.db, {
      projectId: project.id,
      values: {
        name: 'KOL合作落地',
        deliverable: '20位达人笔记',
        ownerId: alice.id,
        start: '2024-05-01',
        end: '2024-05-31',
        budgetFen: 60_000_000,
        manpower: '2 人',
        tools: '蒲公英',
        criteria: '200万+',
        progress: 80,
        notes: '档期紧张',
        moduleId: m.id,
        parentId: parent.id,
      },
    });
    const expected = {
      name: 'KOL合作落地',
      deliverable: '20位达人笔记',
      owner_id: alice.id,
      start_date: '2024-05-01',
      end_date: '2024-05-31',
      budget_fen: 60_000_000,
      manpower: '2 人',
      tools: '蒲公英',
      criteria: '200万+',
      progress: 80,
      notes: '档期紧张',
      module_id: m.id,
      parent_id: parent.id,
    };
    expect(row(f.file, 'tasks', t.id)).toMatchObject(expected);
    expect(t).toEqual(getTask(f.db, t.id));

    expect(row(f.file, 'tasks', t.id)).toMatchObject({ milestone: 0, blocked: 0 });

    updateTask(f.db, {
      id: t.id,
      patch: { progress: 90, notes: '', moduleId: null, ownerId: null, milestone: true, blocked: true },
    });
    expect(row(f.file, 'tasks', t.id)).toMatchObject({
      ...expected,
      progress: 90,
      notes: '',
      module_id: null,
      owner_id: null,
      milestone: 1,
      blocked: 1,
    });
    // The parent is no longer a field of the patch: the WBS changes through outdent/indent.
    outdentTask(f.db, { id: t.id });
    expect(row(f.file, 'tasks', t.id)).toMatchObject({
      ...expected,
      progress: 90,
      notes: '',
      module_id: null,
      owner_id: null,
      parent_id: null,
      milestone: 1,
    });
    expect(getTask(f.db, t.id)).toMatchObject({ parentId: null, milestone: true, blocked: true });
  });

  test('end before start is refused on create and on update, also when only one side is patched', () => {
    const f = setup();
    const { project } = team(f);
    const seqBefore = row(f.file, 'projects', project.id)?.next_task_seq;
    expect(
      refusal(() =>
        createTask(f.db, {
          projectId: project.id,
          values: { name: 'x', start: '2024-05-02', end: '2024-05-01' },
        }),
      ),
    ).toMatchObject({ code: 'invalid_input', reason: 'end_before_start', path: ['values', 'end'] });
    expect(countRows(f.file, 'tasks')).toBe(0);
    expect(row(f.file, 'projects', project.id)?.next_task_seq).toBe(seqBefore);

    const t = createTask(f.db, {
      projectId: project.id,
      values: { name: 't', start: '2024-05-10', end: '2024-05-20' },
    });
    expect(
      refusedWithoutChange(f, 'tasks', t.id, () =>
        updateTask(f.db, { id: t.id, patch: { end: '2024-05-09' } }),
      ),
    ).toMatchObject({ reason: 'end_before_start', path: ['patch', 'end'] });
    expect(
      refusedWithoutChange(f, 'tasks', t.id, () =>
        updateTask(f.db, { id: t.id, patch: { start: '2024-05-21', progress: 50 } }),
      ),
    ).toMatchObject({ reason: 'end_before_start', path: ['patch', 'start'] });
    expect(
      refusedWithoutChange(f, 'tasks', t.id, () =>
        updateTask(f.db, { id: t.id, patch: { start: '2024-06-02', end: '2024-06-01' } }),
      ),
    ).toMatchObject({ reason: 'end_before_start' });

    // Moving both together, or clearing one, is fine.
    updateTask(f.db, { id: t.id, patch: { start: '2024-06-01', end: '2024-06-02' } });
    expect(row(f.file, 'tasks', t.id)).toMatchObject({ start_date: '2024-06-01', end_date: '2024-06-02' });
    updateTask(f.db, { id: t.id, patch: { start: null } });
    updateTask(f.db, { id: t.id, patch: { end: '2024-01-01' } });
    expect(row(f.file, 'tasks', t.id)).toMatchObject({ start_date: null, end_date: '2024-01-01' });
  });

  test('an owner who is not on the project’s team is refused', () => {
    const f = setup();
    const a = team(f, 'A');
    const b = team(f, 'B');
    const t = createTask(f.db, { projectId: a.project.id, values: { name: 't', ownerId: a.alice.id } });
    for (const ownerId of [b.alice.id, uuidv7()]) {
      expect(
        refusedWithoutChange(f, 'tasks', t.id, () => updateTask(f.db, { id: t.id, patch: { ownerId } })),
      ).toMatchObject({ code: 'invalid_input', reason: 'not_team_member', path: ['patch', 'ownerId'] });
    }
    const before = countRows(f.file, 'tasks');
    expect(
      refusal(() => createTask(f.db, { projectId: a.project.id, values: { name: 'u', ownerId: b.boss.id } })),
    ).toMatchObject({ reason: 'not_team_member', path: ['values', 'ownerId'] });
    expect(countRows(f.file, 'tasks')).toBe(before);
  });

  test('parents and modules must be in the same project; the WBS is changed by indent/outdent only', () => {
    const f = setup();
    const a = team(f, 'A');
    const b = team(f, 'B');
    const pid = a.project.id;
    const t1 = createTask(f.db, { projectId: pid, values: { name: '1' } });
    const t2 = createTask(f.db, { projectId: pid, values: { name: '2', parentId: t1.id } });
    const t3 = createTask(f.db, { projectId: pid, values: { name: '3', parentId: t2.id } });
    expect(row(f.file, 'tasks', t3.id)?.parent_id).toBe(t2.id);

    const foreignTask = createTask(f.db, { projectId: b.project.id, values: { name: 'x' } });
    const foreignModule = createModule(f.db, { projectId: b.project.id, values: { name: 'bm' } });
    const seqBefore = row(f.file, 'projects', pid)?.next_task_seq;
    for (const parentId of [foreignTask.id, uuidv7()]) {
      expect(
        refusal(() => createTask(f.db, { projectId: pid, values: { name: 'y', parentId } })),
      ).toMatchObject({
        code: 'invalid_input',
        reason: 'not_in_project',
        path: ['values', 'parentId'],
      });
    }
    expect(countRows(f.file, 'tasks', 'project_id = ?', pid)).toBe(3);
    expect(row(f.file, 'projects', pid)?.next_task_seq).toBe(seqBefore);
    expect(
      refusedWithoutChange(f, 'tasks', t3.id, () =>
        updateTask(f.db, { id: t3.id, patch: { moduleId: foreignModule.id } }),
      ),
    ).toMatchObject({ reason: 'not_in_project', path: ['patch', 'moduleId'] });

    // Re-parenting: out from under 2 (to 1), then back in under 2, its sibling above.
    outdentTask(f.db, { id: t3.id });
    expect(row(f.file, 'tasks', t3.id)?.parent_id).toBe(t1.id);
    indentTask(f.db, { id: t3.id });
    expect(row(f.file, 'tasks', t3.id)?.parent_id).toBe(t2.id);
    // A top-level task with nothing above it has no parent to go under: no loop can be made.
    expect(refusedWithoutChange(f, 'tasks', t1.id, () => indentTask(f.db, { id: t1.id }))).toMatchObject({
      reason: 'cannot_indent',
    });
  });

  test('deleteTasks is all or nothing and takes sub-tasks along', () => {
    const f = setup();
    const { project } = team(f);
    const pid = project.id;
    const p = createTask(f.db, { projectId: pid, values: { name: 'p' } });
    const c = createTask(f.db, { projectId: pid, values: { name: 'c', parentId: p.id } });
    const x = createTask(f.db, { projectId: pid, values: { name: 'x' } });
    const y = createTask(f.db, { projectId: pid, values: { name: 'y' } });

    expect(refusal(() => deleteTasks(f.db, { ids: [x.id, uuidv7(), y.id] }))).toMatchObject({
      code: 'not_found',
    });
    expect(countRows(f.file, 'tasks', 'project_id = ?', pid)).toBe(4);

    // Parent and its child in one call: the child is already gone with its parent, that is fine.
    expect(deleteTasks(f.db, { ids: [p.id, c.id] })).toEqual({ ids: [p.id, c.id] });
    expect(rows(f.file, 'SELECT id FROM tasks ORDER BY position').map((r) => r.id)).toEqual([x.id, y.id]);
    const q = createTask(f.db, { projectId: pid, values: { name: 'q' } });
    createTask(f.db, { projectId: pid, values: { name: 'q.1', parentId: q.id } });
    deleteTasks(f.db, { ids: [q.id] });
    expect(countRows(f.file, 'tasks', 'project_id = ?', pid)).toBe(2);
  });

  test('money is stored as exact integer fen and dates as YYYY-MM-DD text', () => {
    const f = setup();
    const { project } = team(f);
    const amounts = [MAX_FEN, 1, 0, 123_456_789, 999];
    const ids = amounts.map(
      (budgetFen, i) =>
        createTask(f.db, {
          projectId: project.id,
          values: { name: `t${i}`, budgetFen, start: '2024-02-29', end: '2024-12-31' },
        }).id,
    );
    updateProject(f.db, { id: project.id, patch: { budgetFen: MAX_FEN, start: '2024-05-01' } });

    const stored = rows(
      f.file,
      `SELECT id, budget_fen, typeof(budget_fen) AS t, start_date, typeof(start_date) AS ts, typeof(end_date) AS te
         FROM tasks ORDER BY position`,
    );
    expect(stored.map((r) => r.id)).toEqual(ids);
    expect(stored.map((r) => r.budget_fen)).toEqual(amounts);
    expect(stored.every((r) => r.t === 'integer' && r.ts === 'text' && r.te === 'text')).toBe(true);
    expect(stored.every((r) => r.start_date === '2024-02-29')).toBe(true);
    expect(listTasks(f.db, { projectId: project.id }).map((t) => t.budgetFen)).toEqual(amounts);

    // SQLite sums them exactly (as 64-bit integers), and so does BigInt.
    const sum = withRaw(f.file, (raw) => {
      raw.defaultSafeIntegers(true);
      return raw.prepare('SELECT sum(budget_fen) FROM tasks').pluck().get() as bigint;
    });
    expect(sum).toBe(amounts.reduce((s, a) => s + BigInt(a), 0n));

    const p = rows(
      f.file,
      'SELECT budget_fen, typeof(budget_fen) AS t, start_date, typeof(start_date) AS ts FROM projects WHERE id = ?',
      project.id,
    )[0];
    expect(p).toEqual({ budget_fen: MAX_FEN, t: 'integer', start_date: '2024-05-01', ts: 'text' });
    expect(getProject(f.db, project.id).budgetFen).toBe(MAX_FEN);
  });
});

describe('demo project', () => {
  test('seedDemoOnce seeds the template’s example once', () => {
    const f = setup();
    expect(seedDemoOnce(f.db)).toBe(true);
    expect(seedDemoOnce(f.db)).toBe(false);
    const projects = rows(
      f.file,
      'SELECT id, name, owner_id, budget_fen, start_date, end_date FROM projects',
    );
    expect(projects.map((p) => p.name)).toEqual(['2024夏季新品推广']);
    const pid = projects[0]!.id as string;

    const modules = rows(
      f.file,
      `SELECT m.name, o.name AS owner, m.progress_override AS override
         FROM modules m LEFT JOIN people o ON o.id = m.owner_id WHERE m.project_id = ? ORDER BY m.position`,
      pid,
    );
    expect(modules).toEqual([
      { name: '社交媒体推广', owner: '内容组*主管', override: 60 },
      { name: '线下地推活动', owner: '销售组*主管', override: 30 },
    ]);
    const viaService = listModules(f.db, { projectId: pid }).map((m) => [m.name, m.progress]);
    expect(viaService).toEqual([
      ['社交媒体推广', 60],
      ['线下地推活动', 30],
    ]);

    const tasks = rows(
      f.file,
      `SELECT t.code, t.name, t.owner_id, p.project_id AS owner_project, t.start_date, t.end_date
         FROM tasks t LEFT JOIN people p ON p.id = t.owner_id WHERE t.project_id = ? ORDER BY t.position`,
      pid,
    );
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.map((t) => t.code)).toEqual(tasks.map((_, i) => `M${String(i + 1).padStart(3, '0')}`));
    expect(tasks.every((t) => t.owner_project === pid)).toBe(true);
    expect(tasks.every((t) => (t.end_date as string) >= (t.start_date as string))).toBe(true);
    expect(listTasks(f.db, { projectId: pid })).toHaveLength(tasks.length);
  });

  test('after the user deletes the demo project, reopening the backend does not bring it back', () => {
    const dataDir = join(tempDir(), 'data');
    const first = openBackend({ dataDir, version: '0.0.0-test' });
    const listed = first.router.invoke('projects.list', {});
    expect(listed.ok).toBe(true);
    const summaries = listed.ok ? (listed.value as { id: string; name: string; taskCount: number }[]) : [];
    expect(summaries.map((s) => s.name)).toEqual(['2024夏季新品推广']);
    expect(summaries[0]?.taskCount).toBe(countRows(first.file, 'tasks'));
    const deleted = first.router.invoke('projects.delete', { id: summaries[0]!.id });
    expect(deleted).toMatchObject({
      ok: true,
      value: { id: summaries[0]!.id },
      // The sidebar entry goes; the project's tables are stale.
      changes: { projectId: summaries[0]!.id, projects: { upsert: [], remove: [summaries[0]!.id] } },
    });
    first.close();
    expect(first.file).toBe(join(dataDir, DATABASE_FILE));
    expect(countRows(first.file, 'projects')).toBe(0);

    const second = openBackend({ dataDir, version: '0.0.0-test' });
    try {
      expect(second.router.invoke('projects.list', {})).toEqual({ ok: true, value: [] });
      expect(countRows(second.file, 'projects')).toBe(0);
      expect(countRows(second.file, 'people')).toBe(0);
      expect(countRows(second.file, 'tasks')).toBe(0);
    } finally {
      second.close();
    }
  });
});
