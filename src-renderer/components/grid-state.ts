/**
 * Column widths, order and sort of a grid, remembered on this computer between sessions (a view
 * preference, not part of the project file).
 */
import type { ColumnState, GridApi } from 'ag-grid-community';

const key = (grid: string) => `grid-columns:${grid}`;

export function restoreColumns(api: GridApi, grid: string): void {
  try {
    const saved = localStorage.getItem(key(grid));
    if (saved) api.applyColumnState({ state: JSON.parse(saved) as ColumnState[], applyOrder: true });
  } catch {
    localStorage.removeItem(key(grid)); // unreadable: start from the defaults
  }
}

export function saveColumns(api: GridApi, grid: string): void {
  localStorage.setItem(key(grid), JSON.stringify(api.getColumnState()));
}
