/**
 * Table 2's derived state kept per change (src-renderer/features/tasks/outline.ts): after any
 * sequence of edits in place, the incrementally kept roll-ups, codes and lookups equal those
 * computed from scratch by the shared rules (rollUpProgress, depths); and the row changes found by
 * identity are exactly the replaced rows.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Task } from '../../src-main/shared/domain';
import { depths, rollUpProgress } from '../../src-main/shared/task-logic';
import { buildOutline, updateOutline } from '../../src-renderer/features/tasks/outline';
import { rowChanges } from '../../src-renderer/features/tasks/row-changes';

function task(
  i: number,
  parentId: string | null,
  progress: number,
  start: string | null,
  end: string | null,
): Task {
  return {
    id: `t${i}`,
    projectId: 'p',
    code: `M${String(i).padStart(3, '0')}`,
    name: `任务${i}`,
    deliverable: '',
    ownerId: null,
    start,
    end,
    budgetFen: null,
    manpower: '',
    tools: '',
    criteria: '',
    progress,
    notes: '',
    moduleId: null,
    parentId,
    position: i,
    milestone: false,
    blocked: false,
    predecessorIds: [],
    trackingCycle: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  } as Task;
}

const DATES = [null, '2026-09-01', '2026-09-15', '2026-10-01', '2026-11-11', '2026-12-31'];

/** A random outline: each task's parent is an earlier task or none. */
const plans = fc
  .array(
    fc.record({
      parent: fc.option(fc.nat(), { nil: null }),
      progress: fc.integer({ min: 0, max: 100 }),
      start: fc.integer({ min: 0, max: 3 }),
      days: fc.integer({ min: 0, max: 2 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((rows) =>
    rows.map((r, i) =>
      task(
        i,
        r.parent === null || i === 0 ? null : `t${r.parent % i}`,
        r.progress,
        DATES[r.start]!,
        r.start === 0 ? null : DATES[r.start + r.days]!,
      ),
    ),
  );
const edits = fc.array(
  fc.record({
    row: fc.nat(),
    field: fc.constantFrom('progress', 'start', 'end', 'code', 'tools'),
    value: fc.nat({ max: 100 }),
  }),
  { minLength: 1, maxLength: 12 },
);

describe('Table 2 outline kept per change', () => {
  test('edits in place: roll-ups, codes and rows equal a rebuild from scratch', () => {
    fc.assert(
      fc.property(plans, edits, (start, changes) => {
        let tasks = start;
        const outline = buildOutline(tasks);
        expect(outline.rolledUp).toEqual(rollUpProgress(tasks));
        for (const change of changes) {
          const i = change.row % tasks.length;
          const was = tasks[i]!;
          const patch: Partial<Task> =
            change.field === 'progress'
              ? { progress: change.value }
              : change.field === 'code'
                ? { code: `X${change.value}` }
                : change.field === 'tools'
                  ? { tools: `工具${change.value}` }
                  : { [change.field]: DATES[1 + (change.value % 5)] };
          const next = tasks.map((x, k) => (k === i ? { ...was, ...patch } : x));
          const rolledBefore = new Map(outline.rolledUp);
          const found = rowChanges(tasks, next);
          expect(found?.update.map((c) => c.after)).toEqual([next[i]]);
          const update = updateOutline(outline, found!);
          expect(update).not.toBeNull();
          tasks = next;
          const fresh = buildOutline(tasks);
          expect(outline.rolledUp).toEqual(fresh.rolledUp);
          expect(outline.codeOf).toEqual(fresh.codeOf);
          expect(outline.byId).toEqual(fresh.byId);
          expect(update!.codesChanged).toBe(change.field === 'code' && patch.code !== was.code);
          // Exactly the parents whose shown figure moved are listed for a redraw.
          const moved = [...fresh.rolledUp].filter(([id, value]) => !Object.is(rolledBefore.get(id), value));
          expect(new Set(update!.refresh)).toEqual(new Set(moved.map(([id]) => id)));
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a parent’s roll-up follows a sub-task’s edit: 3-level tree, weighted by days', () => {
    // M000 ← M001 (10 days, 50 %), M002 (1 day, 100 %) ← M003 (5 days, 20 %)
    const tasks = [
      task(0, null, 0, '2026-09-01', '2026-09-30'),
      task(1, 't0', 50, '2026-09-01', '2026-09-10'),
      task(2, 't0', 0, '2026-09-01', '2026-09-01'),
      task(3, 't2', 20, '2026-09-01', '2026-09-05'),
    ];
    const outline = buildOutline(tasks);
    expect(outline.rolledUp.get('t2')).toBe(20);
    expect(outline.rolledUp.get('t0')).toBeCloseTo((50 * 10 + 20 * 1) / 11, 10);
    expect(outline.depth).toEqual(depths(tasks));
    const next = tasks.map((x) => (x.id === 't3' ? { ...x, progress: 80 } : x));
    const update = updateOutline(outline, rowChanges(tasks, next)!);
    expect(update?.refresh).toEqual(['t2', 't0']);
    expect(outline.rolledUp.get('t2')).toBe(80);
    expect(outline.rolledUp.get('t0')).toBeCloseTo((50 * 10 + 80 * 1) / 11, 10);
  });

  test('structure changes are left to a rebuild; rows added at the end are found', () => {
    const tasks = [task(0, null, 0, null, null), task(1, null, 0, null, null)];
    const outline = buildOutline(tasks);
    const reparented = [tasks[0]!, { ...tasks[1]!, parentId: 't0' }];
    expect(updateOutline(outline, rowChanges(tasks, reparented)!)).toBeNull();
    expect(rowChanges(tasks, [tasks[1]!, tasks[0]!])).toBeNull(); // moved
    expect(rowChanges(tasks, [tasks[0]!])).toBeNull(); // deleted
    const added = task(2, null, 0, null, null);
    expect(rowChanges(tasks, [...tasks, added])).toEqual({ update: [], add: [added] });
    expect(rowChanges(tasks, tasks)).toEqual({ update: [], add: [] });
  });
});
