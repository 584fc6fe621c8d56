/**
 * The outline of Table 2 for the grid: derived state kept up to date per change (see outline.ts),
 * and the collapsed parents with the grid's filter that hides their sub-tasks.
 */
import { useCallback, useRef, useState } from 'react';
import type { IRowNode } from 'ag-grid-community';
import type { Task } from '../../../src-main/shared/domain';
import { buildOutline, updateOutline, type Outline } from './outline';
import { rowChanges } from './row-changes';

interface Derived {
  tasks: readonly Task[];
  outline: Outline;
  /** Parents whose rolled-up progress changed with the last change (their rows need a redraw). */
  refresh: string[];
  /** Bumped when task codes changed or the outline was rebuilt: lookups by code are stale. */
  codes: number;
}

export function useOutline(tasks: readonly Task[]) {
  // Computed during render, once per new `tasks` (a render again with the same rows reuses it), so
  // the cells read the outline of the rows they draw.
  const derived = useRef<Derived | null>(null);
  let now = derived.current;
  if (now?.tasks !== tasks) {
    const changes = now ? rowChanges(now.tasks, tasks) : null;
    const update = now && changes ? updateOutline(now.outline, changes) : null;
    now =
      now && update
        ? {
            tasks,
            outline: now.outline,
            refresh: update.refresh,
            codes: now.codes + (update.codesChanged ? 1 : 0),
          }
        : { tasks, outline: buildOutline(tasks), refresh: [], codes: (now?.codes ?? 0) + 1 };
    derived.current = now;
  }
  const { outline } = now;

  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((id: string) => {
    setCollapsed((was) => {
      const next = new Set(was);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  // Stable callbacks: a new function on each render makes AG Grid re-filter and redraw the rows,
  // which would swallow the second click of a double-click (and cost a pass over every row).
  const anyCollapsed = useCallback(() => collapsed.size > 0, [collapsed]);
  // With nothing collapsed the filter reads the outline only through the ref: an outline built
  // again (the rest of the table after its first rows) does not re-filter, which would also end
  // an edit in progress.
  const outlineRef = useRef(outline);
  outlineRef.current = outline;
  const filterOutline = collapsed.size > 0 ? outline : null;
  const hiddenByCollapse = useCallback(
    (node: IRowNode<Task>) => {
      const { parent } = outlineRef.current;
      for (let p = node.data ? parent.get(node.data.id) : null; p; p = parent.get(p) ?? null) {
        if (collapsed.has(p)) return false;
      }
      return true;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filterOutline: a new filter when the outline moves under a collapsed parent
    [collapsed, filterOutline],
  );
  return {
    outline,
    refresh: now.refresh,
    codes: now.codes,
    collapsed,
    toggle,
    anyCollapsed,
    hiddenByCollapse,
  };
}
