/**
 * Hands Table 2's rows to AG Grid as changes, not as a new 100,000-row array: the grid is created
 * with the rows it mounts with, then each new version of the rows is compared with the last one
 * by identity (the store keeps unchanged row objects) and only the changed rows are handed over,
 * synchronously, so an edit's optimistic value is drawn in the next frame: their new data when
 * nothing is sorted or filtered, else a transaction (the grid then sorts and filters them again).
 * Rows removed, moved or inserted go in as a whole list (AG Grid matches them by row id).
 */
import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import { ClientSideRowModelApiModule, ModuleRegistry, type GridApi } from 'ag-grid-community';
import type { Task } from '../../../src-main/shared/domain';
import { rowChanges } from './row-changes';

// applyTransaction is in its own module of AG Grid (the other grids of the app do not need it).
ModuleRegistry.registerModules([ClientSideRowModelApiModule]);

/** More changed rows than this go in as a whole list. */
const MANY = 5000;

/** Whether a changed row may have to move or hide (a sort or a filter is on). */
function sortedOrFiltered(api: GridApi<Task>): boolean {
  return api.isAnyFilterPresent() || (api.getColumns() ?? []).some((c) => !!c.getSort());
}

export function useGridRows(gridRef: RefObject<AgGridReact<Task> | null>, tasks: readonly Task[]) {
  /** The rows the grid mounted with (its rowData prop, never changed afterwards); null: no grid. */
  const mountRows = useRef<Task[] | null>(null);
  /** The rows the grid holds now. */
  const shown = useRef<readonly Task[] | null>(null);
  const latest = useRef(tasks);
  latest.current = tasks;
  if (tasks.length === 0) {
    mountRows.current = null; // the empty state replaces the grid; the next grid mounts anew
    shown.current = null;
  } else if (mountRows.current === null) {
    mountRows.current = tasks as Task[];
    shown.current = tasks;
  }

  const sync = useCallback((api: GridApi<Task>) => {
    const before = shown.current;
    const after = latest.current;
    if (!before || before === after) return;
    const found = rowChanges(before, after);
    // A reload (undo, redo, another tab's write) brings every row anew: AG Grid's own delta over
    // the whole list is then the cheaper way. Rows only appended (the rest of the table after its
    // first rows) go in as a transaction whatever their number: an edit in progress stays open.
    const appended = !!found && found.update.length === 0;
    // AG Grid puts the focus back on the cell after new rows come in, which would end an edit in
    // progress: rows only appended wait for it to end (onCellEditingStopped below).
    if (appended && found.add.length > 0 && api.getEditingCells().length > 0) return;
    const changes = found && (appended || found.update.length + found.add.length <= MANY) ? found : null;
    if (changes && changes.add.length === 0 && !sortedOrFiltered(api)) {
      // Rows changed in place with nothing to re-sort or re-filter: give each its new data. A
      // transaction would also update the model, and AG Grid then walks every row to set the
      // select-all checkbox (80 ms at 10,000 rows).
      for (const { after: row } of changes.update) api.getRowNode(row.id)?.updateData(row);
    } else if (changes) {
      api.applyTransaction({ update: changes.update.map((c) => c.after), add: changes.add });
    } else api.setGridOption('rowData', after as Task[]);
    shown.current = after;
  }, []);

  useLayoutEffect(() => {
    const api = gridRef.current?.api;
    if (api) sync(api);
  }, [tasks, gridRef, sync]);

  /** For onGridReady: rows that changed between the grid's mount and its being ready. */
  const onReady = sync;
  /** For onCellEditingStopped: rows held back while a cell was being edited go in now. */
  const onEditingStopped = useCallback(
    (api: GridApi<Task>) => setTimeout(() => !api.isDestroyed() && sync(api)),
    [sync],
  );
  return { rowData: mountRows.current, onReady, onEditingStopped };
}
