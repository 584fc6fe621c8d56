import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Task } from '../../src-main/shared/domain';
import { openApp, query, storedTasks, type App } from '../helpers/app';

interface Row {
  id: string;
  code: string;
  name: string;
  parent_id: string | null;
  position: number;
}

function tableOrder(app: App, projectId: string): Row[] {
  return query<Row>(
    app.file,
    'SELECT id, code, name, parent_id, position FROM tasks WHERE project_id = ? ORDER BY position',
    projectId,
  );
}

/** Names in table order, with two spaces of indent per level (from the stored parent_id). */
function outline(app: App, projectId: string): string[] {
  const rows = tableOrder(app, projectId);
  const depth = new Map<string, number>();
  return rows.map((r) => {
    const d = r.parent_id ? (depth.get(r.parent_id) ?? -100) + 1 : 0;
    depth.set(r.id, d);
    return `${'  '.repeat(Math.max(d, 0))}${r.name}`;
  });
}

/**
 * The WBS invariant, checked on rows read from the file in position order: positions are
 * unique, every task's parent comes before it, and each task's descendants follow it
 * contiguously.
 */
function expectOutline(rows: Row[]) {
  expect(new Set(rows.map((r) => r.position)).size, 'positions unique').toBe(rows.length);
  const index = new Map(rows.map((r, i) => [r.id, i]));
  const children = new Map<string, string[]>();
  for (const r of rows) {
    if (r.parent_id === null) continue;
    const pi = index.get(r.parent_id);
    expect(pi, `parent of ${r.code} exists`).toBeDefined();
    expect(pi!, `parent of ${r.code} comes first`).toBeLessThan(index.get(r.id)!);
    children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r.id]);
  }
  const descendants = (id: string): string[] =>
    (children.get(id) ?? []).flatMap((c) => [c, ...descendants(c)]);
  rows.forEach((r, i) => {
    const d = new Set(descendants(r.id));
    const following = new Set(rows.slice(i + 1, i + 1 + d.size).map((x) => x.id));
    expect(following, `descendants of ${r.code} right after it`).toEqual(d);
  });
}

function newProject(app: App, name = '项目'): string {
  return app.ok('projects.create', { name }).id;
}

function add(app: App, projectId: string, name: string, extra: { parentId?: string; afterId?: string } = {}) {
  const { afterId, parentId } = extra;
  return app.ok('tasks.create', {
    projectId,
    ...(afterId ? { afterId } : {}),
    values: { name, ...(parentId ? { parentId } : {}) },
  });
}

/** A, B (B1, B2 (B2a)), C */
function sample(app: App) {
  const pid = newProject(app);
  const a = add(app, pid, 'A');
  const b = add(app, pid, 'B');
  const b1 = add(app, pid, 'B1', { parentId: b.id });
  const b2 = add(app, pid, 'B2', { parentId: b.id });
  const b2a = add(app, pid, 'B2a', { parentId: b2.id });
  const c = add(app, pid, 'C');
  return { pid, a, b, b1, b2, b2a, c };
}

describe('codes', () => {
  test('M001 … are unique and do not change when tasks are moved, indented or outdented', () => {
    const app = openApp();
    const s = sample(app);
    const codes = () =>
      Object.fromEntries(tableOrder(app, s.pid).map((r) => [r.id, r.code])) as Record<string, string>;
    const before = codes();
    expect(Object.values(before).sort()).toEqual(['M001', 'M002', 'M003', 'M004', 'M005', 'M006']);
    app.ok('tasks.move', { id: s.c.id, direction: 'up' });
    app.ok('tasks.indent', { id: s.c.id });
    app.ok('tasks.outdent', { id: s.b2.id });
    app.ok('tasks.move', { id: s.a.id, direction: 'down' });
    expect(codes()).toEqual(before);
    expect(tableOrder(app, s.pid).map((r) => r.code)).not.toEqual([
      'M001',
      'M002',
      'M003',
      'M004',
      'M005',
      'M006',
    ]);
  });
});

describe('create', () => {
  test('with a parent: at the end of that parent’s sub-tasks', () => {
    const app = openApp();
    const s = sample(app);
    const x = add(app, s.pid, 'X', { parentId: s.b.id });
    expect(x.parentId).toBe(s.b.id);
    expect(outline(app, s.pid)).toEqual(['A', 'B', '  B1', '  B2', '    B2a', '  X', 'C']);
    expectOutline(tableOrder(app, s.pid));
  });

  test('with afterId: after the anchor’s whole block, as the anchor’s sibling', () => {
    const app = openApp();
    const s = sample(app);
    const x = add(app, s.pid, 'X', { afterId: s.b.id });
    expect(x.parentId).toBeNull();
    const y = add(app, s.pid, 'Y', { afterId: s.b1.id });
    expect(y.parentId).toBe(s.b.id);
    const z = add(app, s.pid, 'Z', { afterId: s.b2.id });
    expect(z.parentId).toBe(s.b.id);
    expect(outline(app, s.pid)).toEqual(['A', 'B', '  B1', '  Y', '  B2', '    B2a', '  Z', 'X', 'C']);
    expect(storedTasks(app.file, s.pid).find((r) => r.id === z.id)?.parent_id).toBe(s.b.id);
    expectOutline(tableOrder(app, s.pid));
  });
});

describe('indent', () => {
  test('makes the task (with its sub-tasks) the last child of the sibling above', () => {
    const app = openApp();
    const s = sample(app);
    const table = app.ok('tasks.indent', { id: s.c.id });
    expect(outline(app, s.pid)).toEqual(['A', 'B', '  B1', '  B2', '    B2a', '  C']);
    // The answer is the whole table in its new order, as stored.
    expect(table.map((t: Task) => t.id)).toEqual(tableOrder(app, s.pid).map((r) => r.id));
    expect(table.find((t: Task) => t.id === s.c.id)?.parentId).toBe(s.b.id);

    app.ok('tasks.indent', { id: s.b.id });
    expect(outline(app, s.pid)).toEqual(['A', '  B', '    B1', '    B2', '      B2a', '    C']);
    expectOutline(tableOrder(app, s.pid));
  });

  test('the first of its siblings cannot be indented; nothing changes', () => {
    const app = openApp();
    const s = sample(app);
    const before = storedTasks(app.file, s.pid);
    for (const id of [s.a.id, s.b1.id, s.b2a.id]) {
      expect(app.fail('tasks.indent', { id })).toMatchObject({
        code: 'invalid_input',
        reason: 'cannot_indent',
        path: ['id'],
      });
    }
    expect(storedTasks(app.file, s.pid)).toEqual(before);
  });
});

describe('outdent', () => {
  test('puts the block after the parent’s block; the parent keeps its other sub-tasks', () => {
    const app = openApp();
    const s = sample(app);
    // B1 leaves B: B keeps B2 (and B2a); B1 lands after B's block, before C.
    app.ok('tasks.outdent', { id: s.b1.id });
    expect(outline(app, s.pid)).toEqual(['A', 'B', '  B2', '    B2a', 'B1', 'C']);
    expect(tableOrder(app, s.pid).find((r) => r.id === s.b1.id)?.parent_id).toBeNull();
    expectOutline(tableOrder(app, s.pid));
  });

  test('a sub-task with children takes them along', () => {
    const app = openApp();
    const s = sample(app);
    const b3 = add(app, s.pid, 'B3', { parentId: s.b.id });
    app.ok('tasks.outdent', { id: s.b2.id });
    expect(outline(app, s.pid)).toEqual(['A', 'B', '  B1', '  B3', 'B2', '  B2a', 'C']);
    expect(tableOrder(app, s.pid).find((r) => r.id === b3.id)?.parent_id).toBe(s.b.id);
    // From the third level to the second.
    app.ok('tasks.outdent', { id: s.b2a.id });
    expect(outline(app, s.pid)).toEqual(['A', 'B', '  B1', '  B3', 'B2', 'B2a', 'C']);
    expectOutline(tableOrder(app, s.pid));
  });

  test('a top-level task cannot be outdented; nothing changes', () => {
    const app = openApp();
    const s = sample(app);
    const before = storedTasks(app.file, s.pid);
    for (const id of [s.a.id, s.b.id, s.c.id]) {
      expect(app.fail('tasks.outdent', { id })).toMatchObject({
        code: 'invalid_input',
        reason: 'cannot_outdent',
        path: ['id'],
      });
    }
    expect(storedTasks(app.file, s.pid)).toEqual(before);
  });
});

describe('move', () => {
  test('up and down swap whole sub-trees among siblings', () => {
    const app = openApp();
    const s = sample(app);
    app.ok('tasks.move', { id: s.c.id, direction: 'up' });
    expect(outline(app, s.pid)).toEqual(['A', 'C', 'B', '  B1', '  B2', '    B2a']);
    app.ok('tasks.move', { id: s.b.id, direction: 'up' });
    expect(outline(app, s.pid)).toEqual(['A', 'B', '  B1', '  B2', '    B2a', 'C']);
    app.ok('tasks.move', { id: s.a.id, direction: 'down' });
    expect(outline(app, s.pid)).toEqual(['B', '  B1', '  B2', '    B2a', 'A', 'C']);
    // Within a parent.
    app.ok('tasks.move', { id: s.b2.id, direction: 'up' });
    expect(outline(app, s.pid)).toEqual(['B', '  B2', '    B2a', '  B1', 'A', 'C']);
    expectOutline(tableOrder(app, s.pid));
  });

  test('the first cannot go up and the last cannot go down; nothing changes', () => {
    const app = openApp();
    const s = sample(app);
    const before = storedTasks(app.file, s.pid);
    const cases: [string, 'up' | 'down', string][] = [
      [s.a.id, 'up', 'already_first'],
      [s.c.id, 'down', 'already_last'],
      [s.b1.id, 'up', 'already_first'],
      [s.b2.id, 'down', 'already_last'],
      [s.b2a.id, 'up', 'already_first'],
      [s.b2a.id, 'down', 'already_last'],
    ];
    for (const [id, direction, reason] of cases) {
      expect(app.fail('tasks.move', { id, direction })).toMatchObject({
        code: 'invalid_input',
        reason,
        path: ['direction'],
      });
    }
    expect(storedTasks(app.file, s.pid)).toEqual(before);
  });

  test('tasks of another project are not disturbed', () => {
    const app = openApp();
    const s = sample(app);
    const other = newProject(app, 'other');
    add(app, other, 'O1');
    add(app, other, 'O2');
    const before = storedTasks(app.file, other);
    app.ok('tasks.move', { id: s.c.id, direction: 'up' });
    app.ok('tasks.indent', { id: s.c.id });
    app.ok('tasks.outdent', { id: s.b1.id });
    add(app, s.pid, 'X', { afterId: s.a.id });
    expect(storedTasks(app.file, other)).toEqual(before);
  });
});

// ---- Random sequences against a model of the outline ----

type Op =
  | { kind: 'create' }
  | { kind: 'createUnder' | 'createAfter' | 'indent' | 'outdent' | 'up' | 'down' | 'delete'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: 'create' }),
  fc.record({
    kind: fc.constantFrom('createUnder', 'createAfter', 'indent', 'outdent', 'up', 'down', 'delete' as const),
    pick: fc.nat(50),
  }) as fc.Arbitrary<Op>,
);

/** The outline as children lists ('' is the top level). */
class Model {
  children = new Map<string, string[]>([['', []]]);
  parent = new Map<string, string>();
  code = new Map<string, string>();
  seq = 1;

  order(): string[] {
    const walk = (id: string): string[] => (this.children.get(id) ?? []).flatMap((c) => [c, ...walk(c)]);
    return walk('');
  }
  add(id: string, parent: string, index?: number) {
    const list = this.children.get(parent)!;
    list.splice(index ?? list.length, 0, id);
    this.children.set(id, []);
    this.parent.set(id, parent);
    this.code.set(id, `M${String(this.seq++).padStart(3, '0')}`);
  }
  siblings(id: string) {
    return this.children.get(this.parent.get(id)!)!;
  }
  detach(id: string) {
    const list = this.siblings(id);
    list.splice(list.indexOf(id), 1);
  }
  remove(id: string) {
    this.detach(id);
    const drop = (x: string) => {
      for (const c of this.children.get(x) ?? []) drop(c);
      this.children.delete(x);
      this.parent.delete(x);
      this.code.delete(x);
    };
    drop(id);
  }
}

describe('random sequences of edits', () => {
  test('the table always matches the outline model and keeps the WBS invariant', () => {
    const app = openApp();
    let run = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
        const pid = newProject(app, `run ${run++}`);
        const m = new Model();
        for (const op of ops) {
          const order = m.order();
          const target = 'pick' in op && order.length ? order[op.pick % order.length]! : null;
          const name = `t${m.seq}`;
          let refused: string | null = null;
          let expected: string | null = null;
          const attempt = (channel: 'tasks.indent' | 'tasks.outdent' | 'tasks.move', payload: object) => {
            const r = app.router.invoke(channel, payload);
            if (!r.ok) refused = r.error.reason ?? r.error.code;
          };
          const before = storedTasks(app.file, pid);
          if (op.kind === 'create' || !target) {
            const t = add(app, pid, name);
            m.add(t.id, '');
          } else if (op.kind === 'createUnder') {
            const t = add(app, pid, name, { parentId: target });
            m.add(t.id, target);
          } else if (op.kind === 'createAfter') {
            const t = add(app, pid, name, { afterId: target });
            const list = m.siblings(target);
            m.add(t.id, m.parent.get(target)!, list.indexOf(target) + 1);
          } else if (op.kind === 'indent') {
            const list = m.siblings(target);
            const i = list.indexOf(target);
            if (i === 0) expected = 'cannot_indent';
            else {
              m.detach(target);
              m.children.get(list[i - 1]!)!.push(target);
              m.parent.set(target, list[i - 1]!);
            }
            attempt('tasks.indent', { id: target });
          } else if (op.kind === 'outdent') {
            const parent = m.parent.get(target)!;
            if (parent === '') expected = 'cannot_outdent';
            else {
              m.detach(target);
              const grand = m.parent.get(parent)!;
              const list = m.children.get(grand)!;
              list.splice(list.indexOf(parent) + 1, 0, target);
              m.parent.set(target, grand);
            }
            attempt('tasks.outdent', { id: target });
          } else if (op.kind === 'up' || op.kind === 'down') {
            const list = m.siblings(target);
            const i = list.indexOf(target);
            const j = op.kind === 'up' ? i - 1 : i + 1;
            if (j < 0) expected = 'already_first';
            else if (j >= list.length) expected = 'already_last';
            else [list[i], list[j]] = [list[j]!, list[i]!];
            attempt('tasks.move', { id: target, direction: op.kind });
          } else {
            m.remove(target);
            app.ok('tasks.delete', { ids: [target] });
          }
          expect(refused, `${op.kind} refused`).toBe(expected);
          if (expected) expect(storedTasks(app.file, pid), 'a refusal changes nothing').toEqual(before);

          const rows = tableOrder(app, pid);
          expect(rows.map((r) => r.id)).toEqual(m.order());
          for (const r of rows) {
            expect(r.parent_id ?? '').toBe(m.parent.get(r.id));
            expect(r.code).toBe(m.code.get(r.id));
          }
          expectOutline(rows);
        }
      }),
      { numRuns: 40 },
    );
  });
});
