/**
 * Brings the row an attention item points at into view when its tab opens: scrolled to the
 * middle, selected, its first cell focused and briefly flashed, so the owner sees which row the
 * item was about. The row id is the store's `focusRowId` (set by openTab); it is cleared once
 * used, so coming back to the tab later does not jump again.
 */
import { useEffect, type RefObject } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import { useStore } from '../store';

/** How long to wait for the grid to have the row (the tab has just mounted), in tries of 50 ms. */
const TRIES = 40;

export function useFocusRow<T>(
  gridRef: RefObject<AgGridReact<T> | null>,
  onFocused?: (rowId: string) => void,
): void {
  const focusRowId = useStore((s) => s.focusRowId);
  useEffect(() => {
    if (!focusRowId) return;
    let tries = 0;
    let timer: ReturnType<typeof setTimeout>;
    const attempt = () => {
      const api = gridRef.current?.api;
      const node = api?.getRowNode(focusRowId);
      if (!api || !node || node.rowIndex == null) {
        if (++tries < TRIES) timer = setTimeout(attempt, 50);
        return;
      }
      api.ensureNodeVisible(node, 'middle');
      const first = api.getAllDisplayedColumns()[0];
      if (first) api.setFocusedCell(node.rowIndex, first);
      node.setSelected(true, true);
      api.flashCells({ rowNodes: [node], flashDuration: 900, fadeDuration: 600 });
      onFocused?.(focusRowId);
      useStore.setState({ focusRowId: null });
    };
    timer = setTimeout(attempt, 0);
    return () => clearTimeout(timer);
  }, [focusRowId, gridRef, onFocused]);
}
