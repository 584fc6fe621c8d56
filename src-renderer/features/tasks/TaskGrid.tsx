/**
 * Table 2 (执行任务拆解表) in AG Grid: inline editing saved at once, add/delete/move rows, the WBS
 * outline (indent, outdent, collapse), sort, filters and quick search, copy and paste with
 * Excel/WPS, and undo of all of it.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type {
  CellFocusedEvent,
  CellKeyDownEvent,
  Column,
  GetRowIdParams,
  GridApi,
  IRowNode,
  SelectionChangedEvent,
  SuppressKeyboardEventParams,
} from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { SheetButtons } from '../sheets/SheetButtons';
import type { Task } from '../../../src-main/shared/domain';
import { depths, rollUpProgress, TASK_STATUSES } from '../../../src-main/shared/task-logic';
import { todayIso } from '../../../src-main/shared/values';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { restoreColumns, saveColumns } from '../../components/grid-state';
import { gridLocale, gridTheme } from '../../components/grid-setup';
import { describeError } from '../../i18n/describe-error';
import { campaignYear } from '../../i18n/format';
import { useStore } from '../../store';
import { cellKey, type Plan } from '../../store/plan-slice';
import { buildPaste, type PasteProblem, type PasteRow } from './paste';
import { blockLayout, mapBlock } from './template-paste';
import { PasteProblems } from './PasteProblems';
import { CheckinButton } from './CheckinButton';
import { statusOf, taskColumns, type TaskGridContext } from './task-columns';
import { cellText, parseContext, textContext } from './task-text';
import { parseTsv, toTsv } from './tsv';
import type { TaskTextField } from '../../../src-main/shared/cell-parse';
import { useFocusRow } from '../../components/use-focus-row';

const getRowId = (p: GetRowIdParams<Task>) => p.data.id;
const GRID = 'tasks';
const SELECTION_COLUMN = 'ag-Grid-SelectionColumn';

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
const FLAT = {
  depth: new Map<string, number>(),
  rolledUp: new Map<string, number>(),
  parent: new Map<string, string | null>(),
};
const SELECTION_COLUMN_DEF = { pinned: 'left', width: 44 } as const;
/** How long the note after a paste stays. */
const PASTE_NOTE_MS = 8000;

export function TaskGrid({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const gridRef = useRef<AgGridReact<Task>>(null);
  useFocusRow(gridRef);
  const editTask = useStore((s) => s.editTask);
  const addTask = useStore((s) => s.addTask);
  const deleteTasks = useStore((s) => s.deleteTasks);
  const reshapeTask = useStore((s) => s.reshapeTask);
  const pasteTasks = useStore((s) => s.pasteTasks);
  const rejectCell = useStore((s) => s.rejectCell);
  const clearCellError = useStore((s) => s.clearCellError);
  const cellErrors = useStore((s) => s.cellErrors);
  const pending = useStore((s) => s.pending);
  const [selected, setSelected] = useState<Task[]>([]);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [search, setSearch] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [pasteProblems, setPasteProblems] = useState<{ problems: PasteProblem[]; codes: string[] } | null>(
    null,
  );
  // Worded when shown, so a change of language applies to it too.
  const [pasteInfo, setPasteInfo] = useState<((t: TFunction) => string) | null>(null);
  useEffect(() => {
    if (!pasteInfo) return;
    const timer = setTimeout(() => setPasteInfo(null), PASTE_NOTE_MS);
    return () => clearTimeout(timer);
  }, [pasteInfo]);
  /** A paste waiting for the user to confirm the owners who would join the team. */
  const [joinTeam, setJoinTeam] = useState<{ rows: PasteRow[]; newPeople: string[]; codes: string[] } | null>(
    null,
  );

  // A flat plan (no sub-tasks) needs no outline; skipping it keeps edits of large flat plans quick.
  const outline = useMemo(
    () =>
      plan.tasks.some((x) => x.parentId)
        ? {
            depth: depths(plan.tasks),
            rolledUp: rollUpProgress(plan.tasks),
            parent: new Map(plan.tasks.map((x) => [x.id, x.parentId])),
          }
        : FLAT,
    [plan.tasks],
  );
  const toggle = useCallback((id: string) => {
    setCollapsed((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  // Cells read marks and the outline from the grid context; the ref keeps it current without
  // rebuilding the columns on every keystroke.
  const { people, modules, tasks } = plan;
  const names = useMemo(
    () => ({
      personName: new Map(people.map((p) => [p.id, p.name])),
      moduleName: new Map(modules.map((m) => [m.id, m.name])),
      codeOf: new Map(tasks.map((x) => [x.id, x.code])),
      parse: parseContext({ people, modules, tasks }),
    }),
    [people, modules, tasks],
  );

  const context = useRef<TaskGridContext>({
    cellErrors,
    pending,
    depth: outline.depth,
    rolledUp: outline.rolledUp,
    collapsed,
    toggle,
    today: todayIso(),
    names,
  });
  Object.assign(context.current, {
    cellErrors,
    pending,
    depth: outline.depth,
    rolledUp: outline.rolledUp,
    collapsed,
    names,
  });
  useEffect(() => {
    gridRef.current?.api?.refreshCells({ force: true });
  }, [cellErrors, pending, outline, names]);
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

  /** The task the row tools act on: the focused row, else the last selected one. */
  const current = plan.tasks.find((x) => x.id === focusedId) ?? selected[selected.length - 1] ?? null;

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
    const added = await addTask(current?.id ?? null, t('tasks.defaultName'));
    if (added.ok) focusTask(added.value.id, 'name', true);
  };

  const reshape = async (how: 'up' | 'down' | 'indent' | 'outdent') => {
    if (!current) return;
    const id = current.id;
    if ((await reshapeTask(id, how)).ok)
      focusTask(id, gridRef.current?.api?.getFocusedCell()?.column.getColId() ?? 'name');
  };

  const yesNo = () => textContext(plan, t('tasks.yes'), t('tasks.no'));

  /** Delete clears the focused cell (the name cannot be empty: refused like any bad value). */
  const onCellKeyDown = (e: CellKeyDownEvent<Task>) => {
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
  };

  /** Copy: the selected rows (or the focused cell) as text Excel/WPS and our paste understand. */
  const onCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    const api = gridRef.current?.api;
    if (!api || api.getEditingCells().length > 0) return;
    const columns = displayedColumns(api);
    const focused = api.getFocusedCell();
    const ctx = yesNo();
    let rows: string[][];
    const picked = api.getSelectedRows();
    if (picked.length > 0) {
      rows = picked.map((task) => columns.map((c) => textOf(task, c.getColId(), ctx)));
    } else if (focused) {
      const task = api.getDisplayedRowAtIndex(focused.rowIndex)?.data;
      if (!task) return;
      rows = [[textOf(task, focused.column.getColId(), ctx)]];
    } else return;
    e.clipboardData.setData('text/plain', toTsv(rows));
    e.preventDefault();
  };

  const textOf = (task: Task, colId: string, ctx: ReturnType<typeof yesNo>) =>
    colId === 'status'
      ? t(`taskStatus.${statusOf(task, context.current.today)}`)
      : cellText(task, colId as TaskTextField | 'code', ctx);

  /**
   * Paste from Excel/WPS onto the cells from the focused one; rows past the end are added. A block
   * in the template's layout (its headers, or its nine columns) is mapped by field as the importer
   * maps a file. Into an empty table, the rows are created. Owners not in the team are listed and
   * join it with the paste once the user confirms.
   */
  const pasteText = async (text: string) => {
    const api = gridRef.current?.api;
    if (api && api.getEditingCells().length > 0) return;
    const focused = api?.getFocusedCell() ?? null;
    const block = parseTsv(text);
    if (block.length === 0) return;
    const year = plan.project.start ? Number(plan.project.start.slice(0, 4)) : new Date().getFullYear();
    const layout = blockLayout(block, year);
    // The grid's columns as displayed, or (an empty table has no grid) in their defined order.
    const allColumns = api
      ? displayedColumns(api).map((c) => c.getColId())
      : columnDefs.flatMap((c) =>
          'colId' in c && c.colId ? [c.colId] : 'field' in c && c.field ? [c.field] : [],
        );
    let cells: (string | undefined)[][];
    let columns: string[];
    let firstRow: number;
    if (layout) {
      const mapped = mapBlock(block, layout, year);
      cells = mapped.rows;
      columns = mapped.columns;
      firstRow = focused?.rowIndex ?? plan.tasks.length;
    } else if (focused) {
      cells = block;
      columns = allColumns.slice(Math.max(0, allColumns.indexOf(focused.column.getColId())));
      firstRow = focused.rowIndex;
    } else if (plan.tasks.length === 0) {
      // Nothing to focus: the block starts at 任务ID when its first column is codes (or blank), else at 任务名称.
      const codes = block.every((r) => /^([A-Za-z]{0,4}\d{1,6})?$/.test((r[0] ?? '').trim()));
      cells = block;
      columns = allColumns.slice(Math.max(0, allColumns.indexOf(codes ? 'code' : 'name')));
      firstRow = 0;
    } else return;
    const rows: Task[] = [];
    for (let i = 0; api && i < cells.length; i++) {
      const node: IRowNode<Task> | undefined = api.getDisplayedRowAtIndex(firstRow + i);
      if (!node?.data) break;
      rows.push(node.data);
    }
    const statusWords = new Map(TASK_STATUSES.map((s) => [t(`taskStatus.${s}`), s]));
    const {
      rows: pasteRows,
      problems,
      newPeople,
    } = buildPaste(
      cells,
      {
        columns,
        rows,
        statusOf: (word) =>
          statusWords.get(word) === 'blocked' ? 'blocked' : statusWords.has(word) ? 'other' : null,
      },
      names.parse,
    );
    const codes = rows.map((x) => x.code);
    if (problems.length > 0) return setPasteProblems({ problems, codes });
    if (pasteRows.length === 0) return;
    if (newPeople.length > 0) return setJoinTeam({ rows: pasteRows, newPeople, codes });
    await sendPaste(pasteRows, [], codes);
  };

  const sendPaste = async (pasteRows: PasteRow[], newPeople: string[], codes: string[]) => {
    const pasted = await pasteTasks(pasteRows, newPeople);
    const refused = pasted.ok ? null : pasted.error;
    if (refused) {
      const listed = refused.problems?.map((p) => ({
        ref: p.ref ?? 0,
        field: p.field,
        reason: p.reason ?? refused.code,
        params: p.params,
      }));
      setPasteProblems({
        problems: listed ?? [{ ref: 0, reason: refused.reason ?? refused.code, params: refused.params }],
        codes,
      });
    } else {
      setPasteProblems(null);
      const created = pasteRows.filter((r) => !r.id).length;
      const joined = newPeople.length;
      setPasteInfo(
        () => (t: TFunction) =>
          [
            t('tasks.pasted', { count: pasteRows.length, created }),
            ...(joined > 0 ? [t('paste.joined', { count: joined })] : []),
          ].join(' · '),
      );
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!text || !gridRef.current?.api?.getFocusedCell()) return;
    e.preventDefault();
    void pasteText(text);
  };

  // An empty table has no cell to focus: a paste anywhere on the page (outside a field) fills it.
  const pasteRef = useRef(pasteText);
  pasteRef.current = pasteText;
  const empty = plan.tasks.length === 0;
  useEffect(() => {
    if (!empty) return;
    const onDocumentPaste = (e: globalThis.ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      const text = e.clipboardData?.getData('text/plain');
      if (!text) return;
      e.preventDefault();
      void pasteRef.current(text);
    };
    document.addEventListener('paste', onDocumentPaste);
    return () => document.removeEventListener('paste', onDocumentPaste);
  }, [empty]);

  const onSelectionChanged = (e: SelectionChangedEvent<Task>) => setSelected(e.api.getSelectedRows());
  const onCellFocused = (e: CellFocusedEvent<Task>) => {
    if (e.rowIndex == null) return;
    setFocusedId(e.api.getDisplayedRowAtIndex(e.rowIndex)?.data?.id ?? null);
  };
  const remember = (e: { api: GridApi<Task>; finished?: boolean; source?: string }) => {
    if (e.finished === false || e.source === 'api' || e.source === 'gridOptionsChanged') return;
    saveColumns(e.api, GRID);
  };

  // Stable callbacks: a new function on each render makes AG Grid re-filter and redraw the rows,
  // which would swallow the second click of a double-click.
  const anyCollapsed = useCallback(() => collapsed.size > 0, [collapsed]);
  const hiddenByCollapse = useCallback(
    (node: IRowNode<Task>) => {
      for (
        let p = node.data ? outline.parent.get(node.data.id) : null;
        p;
        p = outline.parent.get(p) ?? null
      ) {
        if (collapsed.has(p)) return false;
      }
      return true;
    },
    [collapsed, outline],
  );

  return (
    <section className="grid-page">
      <div className="toolbar">
        <h2 className="toolbar-title">{t('tasks.title')}</h2>
        <button
          className="primary"
          onClick={() => void onAdd()}
          data-testid="add-task"
          title={t('tasks.addHint')}
        >
          + {current ? t('tasks.addBelow') : t('tasks.add')}
        </button>
        <button
          disabled={selected.length === 0}
          onClick={() => setConfirmDelete(true)}
          data-testid="delete-tasks"
        >
          {t('tasks.delete')}
        </button>
        <span className="toolbar-group" role="group" aria-label={t('tasks.outline')}>
          <button
            disabled={!current}
            onClick={() => void reshape('up')}
            title={t('tasks.moveUpHint')}
            data-testid="move-up"
          >
            ↑ {t('tasks.moveUp')}
          </button>
          <button
            disabled={!current}
            onClick={() => void reshape('down')}
            title={t('tasks.moveDownHint')}
            data-testid="move-down"
          >
            ↓ {t('tasks.moveDown')}
          </button>
          <button
            disabled={!current}
            onClick={() => void reshape('indent')}
            title={t('tasks.indentHint')}
            data-testid="indent"
          >
            → {t('tasks.indent')}
          </button>
          <button
            disabled={!current}
            onClick={() => void reshape('outdent')}
            title={t('tasks.outdentHint')}
            data-testid="outdent"
          >
            ← {t('tasks.outdent')}
          </button>
        </span>
        <CheckinButton task={current} />
        <input
          className="search"
          type="search"
          value={search}
          placeholder={t('tasks.search')}
          aria-label={t('tasks.search')}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="task-search"
        />
        <SheetButtons table="tasks" />
        <span className="toolbar-spacer" />
        <span className="toolbar-info" data-testid="task-info">
          {selected.length
            ? t('tasks.selected', { count: selected.length })
            : t('tasks.count', { count: plan.tasks.length })}
          {Object.keys(pending).length > 0 && <span className="saving"> · {t('tasks.saving')}</span>}
        </span>
        {pasteInfo && (
          // A short-lived note under the toolbar, so it never takes room from the toolbar itself.
          <span className="paste-note">
            <span className="sheet-status" role="status" data-testid="paste-info">
              {pasteInfo(t)}
            </span>
          </span>
        )}
      </div>
      {pasteProblems && <PasteProblems {...pasteProblems} onDismiss={() => setPasteProblems(null)} />}
      {plan.tasks.length === 0 ? (
        <div className="empty-state" tabIndex={0} data-testid="tasks-empty">
          <p>{t('tasks.empty')}</p>
          <button className="primary" onClick={() => void onAdd()}>
            + {t('tasks.add')}
          </button>
        </div>
      ) : (
        <div className="grid-host" data-testid="task-grid" onPaste={onPaste} onCopy={onCopy}>
          <AgGridReact<Task>
            ref={gridRef}
            theme={gridTheme}
            localeText={gridLocale(i18n.language)}
            rowData={plan.tasks}
            columnDefs={columnDefs}
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
            onGridReady={(e) => restoreColumns(e.api, GRID)}
            onColumnResized={remember}
            onColumnMoved={remember}
            onSortChanged={remember}
            stopEditingWhenCellsLoseFocus
            // The grid does not call the setter for an unchanged value: putting back the value a
            // refusal reverted to still clears that refusal's mark and message.
            onCellEditingStopped={(e) => {
              const colId = e.column.getColId();
              if (!e.valueChanged && e.data) useStore.getState().clearCellError(e.data.id, colId);
            }}
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
      {joinTeam && (
        <ConfirmDialog
          title={t('paste.joinTitle', { count: joinTeam.rows.length })}
          body={t('paste.joinBody', {
            count: joinTeam.newPeople.length,
            names: joinTeam.newPeople.join(t('sheets.listSeparator')),
          })}
          confirmLabel={t('paste.joinConfirm')}
          tone="primary"
          onCancel={() => setJoinTeam(null)}
          onConfirm={() => {
            const pending = joinTeam;
            setJoinTeam(null);
            void sendPaste(pending.rows, pending.newPeople, pending.codes);
          }}
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

function displayedColumns(api: GridApi<Task>): Column[] {
  return api.getAllDisplayedColumns().filter((c) => c.getColId() !== SELECTION_COLUMN);
}
