import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  deriveTaskStatus,
  depths,
  durationWeight,
  findDependencyCycle,
  findLoops,
  loopNodes,
  rollUpProgress,
} from '../../src-main/shared/task-logic';

const TODAY = '2024-05-15';

describe('deriveTaskStatus', () => {
  const task = (
    over: Partial<{ progress: number; start: string | null; end: string | null; blocked: boolean }>,
  ) => ({
    progress: 0,
    start: null,
    end: null,
    blocked: false,
    ...over,
  });

  test('not started: no dates and no progress, or a start still ahead', () => {
    expect(deriveTaskStatus(task({}), TODAY)).toBe('not_started');
    expect(deriveTaskStatus(task({ start: '2024-05-16', end: '2024-05-20' }), TODAY)).toBe('not_started');
    expect(deriveTaskStatus(task({ end: '2024-05-20' }), TODAY)).toBe('not_started');
  });

  test('in progress from the start day on, or as soon as there is progress', () => {
    expect(deriveTaskStatus(task({ start: TODAY, end: '2024-05-20' }), TODAY)).toBe('in_progress');
    expect(deriveTaskStatus(task({ start: '2024-05-01' }), TODAY)).toBe('in_progress');
    // Work reported before the planned start still counts as started.
    expect(deriveTaskStatus(task({ start: '2024-06-01', end: '2024-06-30', progress: 10 }), TODAY)).toBe(
      'in_progress',
    );
    expect(deriveTaskStatus(task({ progress: 1 }), TODAY)).toBe('in_progress');
    expect(deriveTaskStatus(task({ progress: 99, start: '2024-05-01', end: TODAY }), TODAY)).toBe(
      'in_progress',
    );
  });

  test('an end date equal to today is not overdue; the day after it is', () => {
    expect(deriveTaskStatus(task({ start: '2024-05-01', end: TODAY }), TODAY)).toBe('in_progress');
    expect(deriveTaskStatus(task({ end: TODAY }), TODAY)).toBe('not_started');
    expect(deriveTaskStatus(task({ start: '2024-05-01', end: '2024-05-14' }), TODAY)).toBe('overdue');
    expect(deriveTaskStatus(task({ end: '2024-05-14', progress: 50 }), TODAY)).toBe('overdue');
    // Compared as calendar dates across month and year ends.
    expect(deriveTaskStatus(task({ end: '2023-12-31' }), '2024-01-01')).toBe('overdue');
    expect(deriveTaskStatus(task({ end: '2024-02-29' }), '2024-02-29')).toBe('not_started');
  });

  test('blocked beats overdue and in progress', () => {
    expect(deriveTaskStatus(task({ blocked: true }), TODAY)).toBe('blocked');
    expect(deriveTaskStatus(task({ blocked: true, start: '2024-05-01', end: '2024-05-10' }), TODAY)).toBe(
      'blocked',
    );
    expect(deriveTaskStatus(task({ blocked: true, progress: 40, start: TODAY }), TODAY)).toBe('blocked');
  });

  test('done (progress 100) beats blocked and overdue', () => {
    expect(deriveTaskStatus(task({ progress: 100 }), TODAY)).toBe('done');
    expect(
      deriveTaskStatus(task({ progress: 100, blocked: true, start: '2024-04-01', end: '2024-04-30' }), TODAY),
    ).toBe('done');
    expect(deriveTaskStatus(task({ progress: 100, start: '2024-06-01', end: '2024-06-30' }), TODAY)).toBe(
      'done',
    );
  });
});

describe('durationWeight', () => {
  test('days from start to end inclusive; one day without both dates', () => {
    expect(durationWeight({ start: '2024-05-01', end: '2024-05-01' })).toBe(1);
    expect(durationWeight({ start: '2024-05-01', end: '2024-05-31' })).toBe(31);
    expect(durationWeight({ start: '2024-02-28', end: '2024-03-01' })).toBe(3);
    expect(durationWeight({ start: '2024-05-01', end: null })).toBe(1);
    expect(durationWeight({ start: null, end: '2024-05-01' })).toBe(1);
  });
});

describe('rollUpProgress', () => {
  type T = {
    id: string;
    parentId: string | null;
    progress: number;
    start: string | null;
    end: string | null;
  };
  const t = (
    id: string,
    parentId: string | null,
    progress: number,
    start: string | null = null,
    end = start,
  ): T => ({
    id,
    parentId,
    progress,
    start,
    end,
  });

  test('a parent is its children weighted by their duration in days', () => {
    const tasks = [
      t('P', null, 0),
      t('A', 'P', 100, '2024-05-01', '2024-05-01'), // 1 day
      t('B', 'P', 0, '2024-05-01', '2024-05-03'), // 3 days
    ];
    const result = rollUpProgress(tasks);
    expect(result.get('P')).toBe(25); // (1·100 + 3·0) / 4
    expect([...result.keys()]).toEqual(['P']);
  });

  test('the parent’s own figure is ignored; leaves keep theirs and are not in the result', () => {
    const tasks = [
      t('P', null, 90),
      t('A', 'P', 10, '2024-05-01', '2024-05-10'),
      t('B', 'P', 70, '2024-05-11', '2024-05-20'),
      t('L', null, 33),
    ];
    const result = rollUpProgress(tasks);
    expect(result.get('P')).toBe(40);
    expect(result.has('A')).toBe(false);
    expect(result.has('B')).toBe(false);
    expect(result.has('L')).toBe(false);
    // The input rows are not changed.
    expect(tasks.map((x) => x.progress)).toEqual([90, 10, 70, 33]);
  });

  test('nested two levels: a sub-parent is rolled up first and weighted by its own duration', () => {
    const tasks = [
      // Listed child-first to show the order of the rows does not matter.
      t('A1', 'A', 100, '2024-05-01', '2024-05-02'), // 2 days
      t('A2', 'A', 40, '2024-05-03', '2024-05-05'), // 3 days → A = (200 + 120) / 5 = 64
      t('A', 'G', 0, '2024-05-01', '2024-05-04'), // 4 days in G
      t('B', 'G', 4, '2024-05-01', '2024-05-01'), // 1 day
      t('G', null, 0),
    ];
    const result = rollUpProgress(tasks);
    expect(result.get('A')).toBe(64);
    expect(result.get('G')).toBe((64 * 4 + 4 * 1) / 5);
    expect(new Set(result.keys())).toEqual(new Set(['A', 'G']));
  });

  test('a parent whose children have no dates: their plain average', () => {
    const tasks = [t('P', null, 0), t('A', 'P', 30), t('B', 'P', 60), t('C', 'P', 0, '2024-05-01', null)];
    expect(rollUpProgress(tasks).get('P')).toBe(30);
  });

  test('no tasks, or no parents: nothing to roll up', () => {
    expect(rollUpProgress([]).size).toBe(0);
    expect(rollUpProgress([t('A', null, 50), t('B', null, 10)]).size).toBe(0);
  });

  test('a corrupted parent loop does not hang', () => {
    const result = rollUpProgress([t('A', 'B', 20), t('B', 'A', 80)]);
    expect(result.size).toBe(2);
    for (const v of result.values()) expect(Number.isFinite(v)).toBe(true);
  });

  /** The roll-up written the plain way: each task's children found by scanning the whole list. */
  function plainRollUp(tasks: readonly T[]): Map<string, number> {
    const childrenOf = (id: string) => tasks.filter((k) => k.parentId && k.parentId === id);
    const result = new Map<string, number>();
    const visiting = new Set<string>();
    const progressOf = (task: T): number => {
      const kids = childrenOf(task.id);
      if (!kids.length || visiting.has(task.id)) return task.progress;
      const known = result.get(task.id);
      if (known !== undefined) return known;
      visiting.add(task.id);
      let sum = 0;
      let weight = 0;
      for (const kid of kids) {
        const w = durationWeight(kid);
        sum += progressOf(kid) * w;
        weight += w;
      }
      visiting.delete(task.id);
      const value = weight ? sum / weight : 0;
      result.set(task.id, value);
      return value;
    };
    for (const task of tasks) if (childrenOf(task.id).length) progressOf(task);
    return result;
  }

  test('equals the plain roll-up on random trees (big parents, deep chains, loops, missing parents)', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((n) => {
      const d = new Date(Date.UTC(2024, 0, 1 + n));
      return d.toISOString().slice(0, 10);
    });
    const spec = fc.record({
      // Usually an earlier task (a tree); sometimes any task, itself included (a loop), or none
      // in the list (a dangling parent).
      parent: fc.option(fc.tuple(fc.nat(), fc.constantFrom('earlier', 'earlier', 'any', 'missing')), {
        nil: null,
      }),
      progress: fc.integer({ min: 0, max: 100 }),
      start: fc.option(day, { nil: null }),
      length: fc.integer({ min: 0, max: 90 }),
      onlyStart: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 120 }), fc.nat(), (specs, hub) => {
        const tasks = specs.map((x, i): T => {
          let parentId: string | null = null;
          if (x.parent !== null) {
            const [n, where] = x.parent;
            // A third of the "earlier" links go to one hub task: a parent with many children.
            if (where === 'earlier' && i > 0) parentId = `t${n % 3 === 0 ? hub % i : n % i}`;
            else if (where === 'any') parentId = `t${n % specs.length}`;
            else if (where === 'missing') parentId = `gone${n % 3}`;
          }
          const end =
            x.start === null || x.onlyStart ? null : new Date(Date.parse(x.start) + x.length * 86_400_000);
          return t(`t${i}`, parentId, x.progress, x.start, end && end.toISOString().slice(0, 10));
        });
        // The same entries, in the same order, with the same doubles.
        expect([...rollUpProgress(tasks)]).toEqual([...plainRollUp(tasks)]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('depths', () => {
  test('0 for top level, +1 per level, whatever the order of the rows', () => {
    const d = depths([
      { id: 'c', parentId: 'b' },
      { id: 'a', parentId: null },
      { id: 'b', parentId: 'a' },
      { id: 'd', parentId: 'c' },
      { id: 'e', parentId: 'a' },
      { id: 'f', parentId: null },
    ]);
    expect(Object.fromEntries(d)).toEqual({ a: 0, b: 1, c: 2, d: 3, e: 1, f: 0 });
  });

  test('an empty list has no depths', () => {
    expect(depths([]).size).toBe(0);
  });
});

describe('findDependencyCycle', () => {
  /** predecessorsOf over a fixed map: task → the tasks it waits for. */
  const graph = (edges: Record<string, string[]>) => (id: string) => edges[id] ?? [];

  test('a direct two-task loop', () => {
    // B already waits for A; A is to wait for B.
    expect(findDependencyCycle('A', ['B'], graph({ B: ['A'] }))).toEqual(['A', 'B', 'A']);
  });

  test('a long loop comes back as the path in order, starting and ending with the task', () => {
    const edges = { D: ['C'], C: ['B'], B: ['A'], X: ['Y'] };
    expect(findDependencyCycle('A', ['X', 'D'], graph(edges))).toEqual(['A', 'D', 'C', 'B', 'A']);
  });

  test('a diamond is not a loop', () => {
    // A waits for B and C, both wait for D, D waits for E.
    const edges = { B: ['D'], C: ['D'], D: ['E'] };
    expect(findDependencyCycle('A', ['B', 'C'], graph(edges))).toBeNull();
    // Nor is giving the bottom of the diamond the top's sibling.
    expect(findDependencyCycle('E', ['F'], graph({ ...edges, A: ['B', 'C'] }))).toBeNull();
  });

  test('depending on itself is a loop of one', () => {
    expect(findDependencyCycle('A', ['A'], graph({}))).toEqual(['A', 'A']);
  });

  test('no proposed predecessors, or a loop elsewhere that does not pass through the task: none', () => {
    expect(findDependencyCycle('A', [], graph({ B: ['A'] }))).toBeNull();
    expect(findDependencyCycle('A', ['X'], graph({ X: ['Y'], Y: ['X'] }))).toBeNull();
  });

  test('the loop found goes through the predecessor that closes it', () => {
    const edges = { B: ['C'], C: [], D: ['E'], E: ['A'] };
    expect(findDependencyCycle('A', ['B', 'D'], graph(edges))).toEqual(['A', 'D', 'E', 'A']);
  });
});

describe('findLoops (the one loop finder)', () => {
  const edges = (pairs: [number, number][]) => ({
    from: Int32Array.from(pairs, ([f]) => f),
    to: Int32Array.from(pairs, ([, t]) => t),
  });

  test('no loop: nothing, whatever the shape (a chain, a diamond, edges naming nothing)', () => {
    const { from, to } = edges([
      [0, 1],
      [1, 2],
      [0, 2],
      [2, 3],
      [-1, 3],
      [3, -2],
    ]);
    expect(findLoops(4, from, to)).toEqual([]);
  });

  test('a loop is given as its edges, walked back from where it closed; a node hanging off it is not in it', () => {
    // 0 → 1 → 2 → 0, and 2 → 3 (after the loop, not on it).
    const { from, to } = edges([
      [0, 1],
      [1, 2],
      [2, 0],
      [2, 3],
    ]);
    const loops = findLoops(4, from, to);
    expect(loops).toHaveLength(1);
    expect(loops[0]).toHaveLength(3);
    expect(new Set(loops[0])).toEqual(new Set([0, 1, 2]));
    // Walked back: the k-th edge goes into nodes[k] and comes from nodes[k + 1].
    const nodes = loopNodes(loops[0]!, to);
    expect(nodes[0]).toBe(nodes[3]);
    for (let k = 0; k < 3; k++) {
      expect(to[loops[0]![k]!]).toBe(nodes[k]);
      expect(from[loops[0]![k]!]).toBe(nodes[k + 1]);
    }
  });

  test('two separate loops are both found, at most `max` of them', () => {
    const { from, to } = edges([
      [0, 1],
      [1, 0],
      [2, 3],
      [3, 2],
      [4, 4],
    ]);
    expect(findLoops(5, from, to)).toHaveLength(3);
    expect(findLoops(5, from, to, 2)).toHaveLength(2);
  });

  test('a chain given as parent(i) → i: a loop of parents is reported at a row of the loop', () => {
    // Rows 0 … 4: 0 and 1 are each other's parent, 2 is under 1, 3 under 4, 4 at the top.
    const parent = Int32Array.from([1, 0, 1, 4, -1]);
    const rows = Int32Array.from([0, 1, 2, 3, 4]);
    const loops = findLoops(5, parent, rows);
    expect(loops).toHaveLength(1);
    expect([0, 1]).toContain(loops[0]![0]);
    expect(loopNodes(loops[0]!, rows)).toEqual([0, 1, 0]);
  });

  test('100,000 tasks in one chain of predecessors, with and without the link that closes it', () => {
    const n = 100_000;
    const from = Int32Array.from({ length: n }, (_, i) => i);
    const to = Int32Array.from({ length: n }, (_, i) => (i + 1) % n);
    expect(findLoops(n, from.subarray(0, n - 1), to.subarray(0, n - 1))).toEqual([]);
    const loops = findLoops(n, from, to);
    expect(loops).toHaveLength(1);
    expect(loops[0]).toHaveLength(n);
  });
});
