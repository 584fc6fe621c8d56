/**
 * One grid of records (issues, feedback, root causes, adjustments) with the toolbar every table
 * of the app has: add, delete (with confirmation), quick search, export, and the row count.
 * Inline editing, filters and the keyboard are AG Grid's; undo and redo are the page's.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GetRowIdParams, SuppressKeyboardEventParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { isArchived, useReadOnlyColumns } from '../../components/read-only';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { gridLocale, gridTheme } from '../../components/grid-setup';
import { restoreColumns, saveColumns } from '../../components/grid-state';
import { todayIso } from '../../../src-main/shared/values';
import { useStore } from '../../store';
import type { FollowUp } from '../../store/follow-up-slice';
import type { Plan } from '../../store/plan-slice';
import type { RecordGridContext } from './record-columns';

/** Delete clears a cell, as in Table 2, instead of starting an edit. */
const suppressKeyboardEvent = (p: SuppressKeyboardEventParams) => !p.editing && p.event.key === 'Delete';
const DEFAULT_COL_DEF = { sortable: true, resizable: true, suppressKeyboardEvent };
const SINGLE = { mode: 'singleRow', checkboxes: false, enableClickSelection: true } as const;

/** What the 问题与反馈 tab hands each of its record views (issues, feedback, root causes). */
export interface RecordViewProps {
  plan: Plan;
  followUp: FollowUp;
  selectedId: string | null;
  onSelect(id: string | null): void;
  focusId: string | null;
  /** The switcher between the views, shown first in the toolbar. */
  switcher: ReactNode;
}

export interface RecordGridProps<R extends { id: string }> {
  /** Remembered column state and test ids: 'issues', 'feedback' … */
  name: string;
  title: string;
  plan: Plan;
  rows: R[];
  columns: ColDef<R>[];
  addLabel: string;
  empty: string;
  /** Adds a record; answers its id (or null when refused). */
  onAdd(): Promise<string | null>;
  /** The column a new record opens for typing in (its title). */
  editColumn?: string;
  /** Words of the confirmation for the selected row. */
  deleteBody(row: R): string;
  onDelete(row: R): Promise<boolean>;
  /** Toolbar content before the title: the switcher between the views. */
  switcher?: ReactNode;
  /** Extra toolbar content (export, links …) after the search box. */
  tools?: ReactNode;
  selectedId: string | null;
  onSelect(id: string | null): void;
  /** A row to bring into view and select (e.g. a link followed from another table). */
  focusId?: string | null;
  /** The project's metrics, for a metric column. */
  metrics?: readonly { id: string; name: string }[];
  /** Fills the page (a main grid) or fits its rows (a panel). */
  autoHeight?: boolean;
}

export function RecordGrid<R extends { id: string }>(props: RecordGridProps<R>) {
  const { t, i18n } = useTranslation();
  const gridRef = useRef<AgGridReact<R>>(null);
  const [search, setSearch] = useState('');
  const [confirm, setConfirm] = useState(false);
  const [editId, setEditId] = useState<string | null>(null);
  // The grid appears with its first row (before, the empty state): edits wait until it is ready.
  const [ready, setReady] = useState(false);
  const empty = props.rows.length === 0;
  useEffect(() => {
    if (empty) setReady(false);
  }, [empty]);
  const { plan } = props;
  // Refused cells, marked red: read at display time through the grid's context.
  const cellErrors = useStore((s) => s.followErrors);
  const selected = props.rows.find((r) => r.id === props.selectedId) ?? null;
  const getRowId = useCallback((p: GetRowIdParams<R>) => p.data.id, []);
  const archived = isArchived(plan);
  const columns = useReadOnlyColumns(props.columns, archived);

  const context = useMemo(
    (): RecordGridContext => ({
      cellErrors,
      personName: new Map(plan.people.map((p) => [p.id, p.name])),
      moduleName: new Map(plan.modules.map((m) => [m.id, m.name])),
      taskLabel: new Map(plan.tasks.slice(0, 2000).map((x) => [x.id, `${x.code} ${x.name}`])),
      metricName: new Map((props.metrics ?? []).map((m) => [m.id, m.name])),
      today: todayIso(),
    }),
    [cellErrors, plan.people, plan.modules, plan.tasks, props.metrics],
  );
  useEffect(() => {
    gridRef.current?.api?.refreshCells({ force: true });
  }, [context]);

  // A followed link selects its row and scrolls it into view.
  useEffect(() => {
    const id = props.focusId;
    if (!id) return;
    const frame = requestAnimationFrame(() => {
      const api = gridRef.current?.api;
      const node = api?.getRowNode(id);
      if (!api || !node || node.rowIndex == null) return;
      api.ensureIndexVisible(node.rowIndex, 'middle');
      node.setSelected(true, true);
    });
    return () => cancelAnimationFrame(frame);
  }, [props.focusId, props.rows]);

  // A new record opens its title for typing, as a new task does in Table 2.
  const { editColumn } = props;
  useEffect(() => {
    if (!editId || !editColumn) return;
    const frame = requestAnimationFrame(() => {
      const api = gridRef.current?.api;
      const node = api?.getRowNode(editId);
      if (!api || !node || node.rowIndex == null) return;
      setEditId(null);
      api.ensureIndexVisible(node.rowIndex);
      api.setFocusedCell(node.rowIndex, editColumn);
      api.startEditingCell({ rowIndex: node.rowIndex, colKey: editColumn });
    });
    return () => cancelAnimationFrame(frame);
  }, [editId, editColumn, props.rows, ready]);
  const add = () =>
    void props.onAdd().then((id) => {
      if (!id) return;
      props.onSelect(id);
      setEditId(id);
    });

  const remember = (e: { api: Parameters<typeof saveColumns>[0]; finished?: boolean; source?: string }) => {
    if (e.finished === false || e.source === 'api' || e.source === 'gridOptionsChanged') return;
    saveColumns(e.api, props.name);
  };

  return (
    <section className={props.autoHeight ? 'record-panel' : 'grid-page'}>
      <div className="toolbar record-toolbar">
        {props.switcher}
        <h2 className="toolbar-title">{props.title}</h2>
        <button className="primary" disabled={archived} onClick={add} data-testid={`add-${props.name}`}>
          + {props.addLabel}
        </button>
        <button
          disabled={!selected || archived}
          onClick={() => setConfirm(true)}
          data-testid={`delete-${props.name}`}
        >
          {t('followUp.delete')}
        </button>
        <input
          className="search"
          type="search"
          value={search}
          placeholder={t('followUp.search')}
          aria-label={t('followUp.search')}
          onChange={(e) => setSearch(e.target.value)}
          data-testid={`search-${props.name}`}
        />
        {props.tools}
        <span className="toolbar-spacer" />
        <span className="toolbar-info">{t('followUp.count', { count: props.rows.length })}</span>
      </div>
      {props.rows.length === 0 ? (
        <div className="empty-state">
          <p>{props.empty}</p>
          <button className="primary" disabled={archived} onClick={add}>
            + {props.addLabel}
          </button>
        </div>
      ) : (
        <div
          className={props.autoHeight ? 'record-grid-auto' : 'grid-host'}
          data-testid={`${props.name}-grid`}
        >
          <AgGridReact<R>
            ref={gridRef}
            theme={gridTheme}
            localeText={gridLocale(i18n.language)}
            rowData={props.rows}
            columnDefs={columns}
            defaultColDef={DEFAULT_COL_DEF}
            getRowId={getRowId}
            context={context}
            quickFilterText={search}
            rowSelection={SINGLE}
            domLayout={props.autoHeight ? 'autoHeight' : 'normal'}
            onSelectionChanged={(e) => props.onSelect(e.api.getSelectedRows()[0]?.id ?? null)}
            onCellKeyDown={(e) => {
              const key = e.event as KeyboardEvent | undefined;
              if (key?.key === 'Delete' && 'column' in e && e.column.isCellEditable(e.node))
                e.node.setDataValue(e.column, '');
            }}
            onGridReady={(e) => {
              restoreColumns(e.api, props.name);
              setReady(true);
            }}
            onColumnResized={remember}
            onColumnMoved={remember}
            onSortChanged={remember}
            stopEditingWhenCellsLoseFocus
            enterNavigatesVerticallyAfterEdit
            tooltipShowDelay={200}
            suppressColumnVirtualisation
          />
        </div>
      )}
      {confirm && selected && (
        <ConfirmDialog
          title={t('followUp.deleteTitle')}
          body={props.deleteBody(selected)}
          confirmLabel={t('app.delete')}
          onCancel={() => setConfirm(false)}
          onConfirm={() => {
            setConfirm(false);
            void props.onDelete(selected).then((ok) => ok && props.onSelect(null));
          }}
        />
      )}
    </section>
  );
}
