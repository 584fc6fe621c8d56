/**
 * Read-only grids: an archived campaign (已归档) is read-only everywhere — the main process refuses
 * every write — and a closed tracking period shows its snapshot. Their grids open no editor and
 * their add and delete buttons are off, rather than letting the owner type a value that is then
 * refused.
 */
import type { ColDef, ColGroupDef } from 'ag-grid-community';
import { useMemo } from 'react';

/** Whether the campaign is archived (its grids and buttons read-only). */
export function isArchived(plan: { project: { status: string } }): boolean {
  return plan.project.status === 'archived';
}

/** The same columns, none editable (groups kept, their columns made read-only). */
export function readOnlyColumns<R>(columns: (ColDef<R> | ColGroupDef<R>)[]): (ColDef<R> | ColGroupDef<R>)[] {
  return columns.map((c) =>
    'children' in c ? { ...c, children: readOnlyColumns(c.children) } : { ...c, editable: false },
  );
}

/** `columns`, made read-only while `readOnly` holds (the same array otherwise, so AG Grid keeps its state). */
export function useReadOnlyColumns<R>(
  columns: (ColDef<R> | ColGroupDef<R>)[],
  readOnly: boolean,
): (ColDef<R> | ColGroupDef<R>)[] {
  return useMemo(() => (readOnly ? readOnlyColumns(columns) : columns), [columns, readOnly]);
}
