/**
 * Table 2 (执行任务拆解表) in AG Grid: inline editing saved at once, add/delete/move rows, the WBS
 * outline (indent, outdent, collapse), sort, filters and quick search, copy and paste with
 * Excel/WPS, and undo of all of it. Its parts: the toolbar (TaskToolbar), copy and paste
 * (useTaskClipboard), the outline and roll-ups (useOutline), the names the cells show
 * (useTaskNames) and the rows handed to the grid as changes (useGridRows).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type {
  CellEditingStoppedEvent,
  CellFocusedEvent,
  CellKeyDownEvent,
  GridReadyEvent,
  GetRowIdParams,
  GridApi,
  SelectionChangedEvent,
  SuppressKeyboardEventParams,
} from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../src-main/shared/domain';
import { todayIso } from '../../../src-main/shared/values';
import { isArchived, useReadOnlyColumns } from '../../components/read-only';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { restoreColumns, saveColumns } from '../../components/grid-state';
import { gridLocale, gridTheme } from '../../components/grid-setup';
import { describeError } from '../../i18n/describe-error';
import { campaignYear } from '../../i18n/format';
import { useStore } from '../../store';
import { cellKey, selectTasksPartial, type Plan } from '../../store/plan-slice';
import { selectOpenProjectSummary } from '../../store/projects-slice';
import { markFirstRowsShown } from '../../store/first-load';
import { useFocusRow } from '../../components/use-focus-row';
import { useStableCallback } from '../../components/use-stable-callback';
import { PasteProblems } from './PasteProblems';
import { taskColumns, type TaskGridContext } from './task-columns';
import { TaskToolbar, type Reshape } from './TaskToolbar';
import { useGridRows } from './use-grid-rows';
import { useOutline } from './use-outline';
import { useTaskClipboard } from './use-task-clipboard';
import { useTaskNames } from './use-task-names';

const getRowId = (p: GetRowIdParams<Task>) => p.data.id;
const GRID = 'tasks';

/** Keys the grid must leave to us: Delete clears the cell (instead of starting an edit). */
const suppressKeyboardEvent = (p: SuppressKeyboardEventParams<Task>) =>
  !p.editing && p.event.key === 'Delete';

// Grid options given as objects are module constants: a new object on every render would make
// AG Grid rebuild its columns and drop an edit in progress.
const DEFAULT_COL_DEF = { sortable: true, resizable: true, suppressKeyboardEvent };
const ROW_SELECTION = {
  mode: 'multiRow',
  checkboxes: true,
  headerCheckbox: true,
  enableClickSelection: false,
} as const;
const SELECTION_COLUMN_DEF = { pinned: 'left', width: 44 } as const;

/** Column widths, order and sort as the user leaves them, kept for the next time. */
const remember = (e: { api: GridApi<Task>; finished?: boolean; source?: string }) => {
  if (e.finished === false || e.source === 'api' || e.source === 'gridOptionsChanged') return;
  saveColumns(e.api, GRID);
};

// Painted in the next frame: the rest of the table may be read then (store/first-load.ts).
const onFirstDataRendered = () => requestAnimationFrame(() => setTimeout(markFirstRowsShown));

/** The cells (row id → fields) of the keys (`${rowId}:${field}`) in one of the two records and not the other. */
function cellsOfChangedKeys(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  into: Map<string, Set<string>>,
) {
  const add = (k: string) => {
    const at = k.indexOf(':');
    const id = k.slice(0, at);
    const fields = into.get(id) ?? new Set<string>();
    fields.add(k.slice(at + 1));
    into.set(id, fields);
  };
  if (a === b) return;
  for (const k of Object.keys(a)) if (!(k in b)) add(k);
  for (const k of Object.keys(b)) if (!(k in a)) add(k);
}

export function TaskGrid({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const gridRef = useRef<AgGridReact<Task>>(null);
  useFocusRow(gridRef);
  const editTask = useStore((s) => s.editTask);
  const addTask = useStore((s) => s.addTask);
  const deleteTasks = useStore((s) => s.deleteTasks);
  const reshapeTask = useStore((s) => s.reshapeTask);
  const rejectCell = useStore((s) => s.rejectCell);
  const clearCellError = useStore((s) => s.clearCellError);
  const cellErrors = useStore((s) => s.cellErrors);
  const pending = useStore((s) => s.pending);
  // While only the first rows are here, the count is the sidebar's (the whole plan's).
  const partial = useStore(selectTasksPartial);
  const summary = useStore(selectOpenProjectSummary);
  const [selected, setSelected] = useState<Task[]>([]);
  // The focused row is read when a tool acts; the page renders again only when a row becomes
  // focused or none is (a move from row to row, as Enter after an edit does, renders nothing).
  const focusedId = useRef<string | null>(null);
  const [, setRowFocused] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [search, setSearch] = useState('');

  const { people, modules, tasks } = plan;
  const { outline, refresh, codes, collapsed, toggle, anyCollapsed, hiddenByCollapse } = useOutline(tasks);
  const names = useTaskNames(people, modules, tasks, outline, codes);
  const rows = useGridRows(gridRef, tasks);

  // Today's date as of opening the table (worked out once, not on every render).
  const [today] = useState(todayIso);
  // Cells read marks and the outline from the grid context; the ref keeps it current without
  // rebuilding the columns on every keystroke.
  const context = useRef<TaskGridContext>({
    cellErrors,
    pending,
    depth: outline.depth,
    rolledUp: outline.rolledUp,
    collapsed,
    partial,
    toggle,
    today,
    names,
  });
  Object.assign(context.current, {
    cellErrors,
    pending,
    depth: outline.depth,
    rolledUp: outline.rolledUp,
    collapsed,
    partial,
    names,
  });

  // Redraw only the cells whose marks changed and the rows whose roll-up changed (the grid
  // redraws the rows it was handed as changed itself); everything shown when the outline was
  // rebuilt or a name changed.
  const marks = useRef({ cellErrors, pending });
  useLayoutEffect(() => {
    const api = gridRef.current?.api;
    const was = marks.current;
    marks.current = { cellErrors, pending };
    if (!api) return;
    const rolled = refresh.flatMap((id) => api.getRowNode(id) ?? []);
    if (rolled.length > 0) api.refreshCells({ rowNodes: rolled, force: true });
    const cells = new Map<string, Set<string>>();
    cellsOfChangedKeys(was.pending, pending, cells);
    cellsOfChangedKeys(was.cellErrors, cellErrors, cells);
    for (const [id, fields] of cells) {
      const node = api.getRowNode(id);
      if (!node) continue;
      // A mark kept under a field that is not a column's id (blocked, shown by 状态): the whole row.
      const columns = [...fields];
      const byColumn = columns.every((c) => api.getColumn(c));
      api.refreshCells({ rowNodes: [node], ...(byColumn ? { columns } : {}), force: true });
    }
  }, [cellErrors, pending, refresh]);
  const drawn = useRef({ outline, names });
  useEffect(() => {
    if (drawn.current.outline === outline && drawn.current.names === names) return;
    drawn.current = { outline, names };
    gridRef.current?.api?.refreshCells({ force: true });
  }, [outline, names]);
  useEffect(() => {
    gridRef.current?.api?.onFilterChanged();
  }, [collapsed]);

  const errorsRef = useRef(cellErrors);
  errorsRef.current = cellErrors;
  const describeCellError = useCallback(
    (id: string, field: string) => {
      const error = errorsRef.current[cellKey(id, field)];
      return error ? describeError(t, error) : undefined;
    },
    [t],
  );

  const year = campaignYear(plan.project);
  const columnDefs = useMemo(
    () =>
      taskColumns({
        t,
        language: i18n.language,
        year,
        edit: (id, patch) => void editTask(id, patch),
        reject: (id, field, reason, label, params) =>
          rejectCell('task', id, field, { code: 'invalid_input', reason, params }, label),
        describeCellError,
        clear: clearCellError,
      }),
    [t, i18n.language, year, editTask, rejectCell, describeCellError, clearCellError],
  );
  const clipboard = useTaskClipboard({ gridRef, plan, columnDefs, context });
  const archived = isArchived(plan);
  const shownColumns = useReadOnlyColumns(columnDefs, archived);

  /** The task the row tools act on: the focused row, else the last selected one. */
  const currentOf = (): Task | null =>
    (focusedId.current ? outline.byId.get(focusedId.current) : undefined) ??
    selected[selected.length - 1] ??
    null;
  const hasCurrent = currentOf() !== null;
  const currentTask = useStableCallback(currentOf);

  // The first task of an empty table mounts the grid itself: wait a few frames for its row
  // rather than giving up, so typing goes into the new task's name.
  const focusTask = (id: string, column = 'name', edit = false, frames = 30) =>
    requestAnimationFrame(() => {
      const api = gridRef.current?.api;
      const node = api?.getRowNode(id);
      if (!api || node?.rowIndex == null) {
        if (frames > 0) focusTask(id, column, edit, frames - 1);
        return;
      }
      api.ensureIndexVisible(node.rowIndex);
      api.setFocusedCell(node.rowIndex, column);
      if (edit) api.startEditingCell({ rowIndex: node.rowIndex, colKey: column });
    });

  const onAdd = async () => {
    const added = await addTask(currentOf()?.id ?? null, t('tasks.defaultName'));
    if (added.ok) focusTask(added.value.id, 'name', true);
  };

  const reshape = async (how: Reshape) => {
    const current = currentOf();
    if (!current) return;
    const id = current.id;
    if ((await reshapeTask(id, how)).ok)
      focusTask(id, gridRef.current?.api?.getFocusedCell()?.column.getColId() ?? 'name');
  };

  // The toolbar's callbacks keep their identity (it is memoised) and call this render's actions.
  const onToolbarAdd = useStableCallback(() => void onAdd());
  const onToolbarDelete = useCallback(() => setConfirmDelete(true), []);
  const onToolbarReshape = useStableCallback((how: Reshape) => void reshape(how));

  // The grid's callbacks keep their identity: AG Grid takes every changed prop as a change of its
  // options (events and work of its own after each of Table 2's renders, two or three per edit).
  // Delete clears the focused cell (the name cannot be empty: refused like any bad value).
  const onCellKeyDown = useStableCallback((e: CellKeyDownEvent<Task>) => {
    const key = e.event as KeyboardEvent | undefined;
    if (!key || !e.data) return;
    if (key.altKey && key.shiftKey && key.key.startsWith('Arrow')) {
      const how = ({ ArrowUp: 'up', ArrowDown: 'down', ArrowRight: 'indent', ArrowLeft: 'outdent' } as const)[
        key.key as 'ArrowUp'
      ];
      if (how) {
        key.preventDefault();
        void reshape(how);
      }
      return;
    }
    if (key.key === 'Delete' && e.column.isCellEditable(e.node)) {
      e.node.setDataValue(e.column, '');
    }
  });
  const onSelectionChanged = useCallback(
    (e: SelectionChangedEvent<Task>) => setSelected(e.api.getSelectedRows()),
    [],
  );
  const onCellFocused = useCallback((e: CellFocusedEvent<Task>) => {
    if (e.rowIndex == null) return;
    focusedId.current = e.api.getDisplayedRowAtIndex(e.rowIndex)?.data?.id ?? null;
    setRowFocused(focusedId.current !== null);
  }, []);
  const { onReady, onEditingStopped } = rows;
  const onGridReady = useCallback(
    (e: GridReadyEvent<Task>) => {
      restoreColumns(e.api, GRID);
      onReady(e.api);
    },
    [onReady],
  );
  // The grid does not call the setter for an unchanged value: putting back the value a refusal
  // reverted to still clears that refusal's mark and message. Rows that arrived while the cell
  // was edited are added now (use-grid-rows.ts).
  const onCellEditingStopped = useCallback(
    (e: CellEditingStoppedEvent<Task>) => {
      if (!e.valueChanged && e.data) useStore.getState().clearCellError(e.data.id, e.column.getColId());
      onEditingStopped(e.api);
    },
    [onEditingStopped],
  );

  return (
    <section className="grid-page">
      <TaskToolbar
        hasCurrent={hasCurrent}
        readOnly={archived}
        currentTask={currentTask}
        selectedCount={selected.length}
        taskCount={partial ? (summary?.taskCount ?? tasks.length) : tasks.length}
        search={search}
        onSearch={setSearch}
        onAdd={onToolbarAdd}
        onDelete={onToolbarDelete}
        onReshape={onToolbarReshape}
        pasteInfo={clipboard.info}
      />
      {clipboard.problems && <PasteProblems {...clipboard.problems} onDismiss={clipboard.dismissProblems} />}
      {rows.rowData === null ? (
        <div className="empty-state" tabIndex={0} data-testid="tasks-empty">
          <p>{t('tasks.empty')}</p>
          <button className="primary" onClick={() => void onAdd()}>
            + {t('tasks.add')}
          </button>
        </div>
      ) : (
        <div
          className="grid-host task-grid-host"
          data-testid="task-grid"
          // Busy while only the first rows are here (the rest of the table on its way).
          aria-busy={partial}
          onPaste={clipboard.onPaste}
          onCopy={clipboard.onCopy}
        >
          <AgGridReact<Task>
            ref={gridRef}
            theme={gridTheme}
            localeText={gridLocale(i18n.language)}
            rowData={rows.rowData}
            columnDefs={shownColumns}
            defaultColDef={DEFAULT_COL_DEF}
            getRowId={getRowId}
            context={context.current}
            quickFilterText={search}
            isExternalFilterPresent={anyCollapsed}
            doesExternalFilterPass={hiddenByCollapse}
            rowSelection={ROW_SELECTION}
            selectionColumnDef={SELECTION_COLUMN_DEF}
            onSelectionChanged={onSelectionChanged}
            onCellFocused={onCellFocused}
            onCellKeyDown={onCellKeyDown}
            onFirstDataRendered={onFirstDataRendered}
            onGridReady={onGridReady}
            onColumnResized={remember}
            onColumnMoved={remember}
            onSortChanged={remember}
            stopEditingWhenCellsLoseFocus
            onCellEditingStopped={onCellEditingStopped}
            enterNavigatesVerticallyAfterEdit
            tooltipShowDelay={200}
            tooltipInteraction
            suppressDragLeaveHidesColumns
            // Fewer than twenty columns: rendering them all keeps keyboard moves and
            // scripted edits from landing on a column that is not in the DOM yet.
            suppressColumnVirtualisation
          />
        </div>
      )}
      {clipboard.joinTeam && (
        <ConfirmDialog
          title={t('paste.joinTitle', { count: clipboard.joinTeam.rows.length })}
          body={t('paste.joinBody', {
            count: clipboard.joinTeam.newPeople.length,
            names: clipboard.joinTeam.newPeople.join(t('sheets.listSeparator')),
          })}
          confirmLabel={t('paste.joinConfirm')}
          tone="primary"
          onCancel={clipboard.cancelJoin}
          onConfirm={clipboard.confirmJoin}
        />
      )}
      {confirmDelete && (
        <ConfirmDialog
          title={t('confirm.deleteTasksTitle')}
          body={t('confirm.deleteTasksBody', {
            count: selected.length,
            codes: selected
              .slice(0, 10)
              .map((task) => task.code)
              .join(', ')
              .concat(selected.length > 10 ? ' …' : ''),
          })}
          confirmLabel={t('app.delete')}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            void deleteTasks(selected.map((task) => task.id)).then(
              (deleted) => deleted.ok && setSelected([]),
            );
          }}
        />
      )}
    </section>
  );
}
