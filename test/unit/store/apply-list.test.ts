/** The list rules of apply-changes.ts on their own: identity, removes, order, which lists go stale. */
import { describe, expect, it } from 'vitest';
import { applyList, byPosition, staleMetricsLists } from '../../../src-renderer/store/apply-changes';

const row = (id: string, position: number, name = id) => ({ id, position, name });

describe('applyList', () => {
  it('answers the same array when the change moves nothing', () => {
    const rows = [row('a', 0), row('b', 1)];
    expect(applyList(rows, undefined, byPosition)).toBe(rows);
    expect(applyList(rows, { upsert: [], remove: [] }, byPosition)).toBe(rows);
    expect(applyList(rows, { upsert: [], remove: ['gone'] }, byPosition)).toBe(rows);
  });

  it('replaces in place, keeps the other objects, removes, and orders new rows by position', () => {
    const rows = [row('a', 0), row('b', 1), row('c', 2), row('d', 3)];
    const next = applyList(
      rows,
      { upsert: [row('b', 1, 'B'), row('n', 2), row('c', 3), row('d', 4)], remove: ['a'] },
      byPosition,
    );
    expect(next.map((r) => `${r.id}${r.position}${r.name}`)).toEqual(['b1B', 'n2n', 'c3c', 'd4d']);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']); // the old array is left as it was
  });

  it('without an order (the sidebar), new rows come last and the rest stay where they were', () => {
    const rows = [row('x', 5), row('y', 1)];
    const next = applyList(rows, { upsert: [row('z', 0)], remove: [] });
    expect(next.map((r) => r.id)).toEqual(['x', 'y', 'z']);
    expect(next[0]).toBe(rows[0]);
  });
});

describe('staleMetricsLists', () => {
  it('names the lists whose tables a write touched; a plan edit stales only the dashboard', () => {
    expect(staleMetricsLists(['tasks'])).toEqual(['dashboard']);
    expect(staleMetricsLists(['metric_actuals'])).toEqual(['actuals', 'dashboard']);
    expect(staleMetricsLists(['issues', 'history'])).toEqual([]);
  });
});
