/** Table 2 (执行任务拆解表) in AG Grid: inline editing, add and delete rows, every edit saved at once. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { GetRowIdParams, SelectionChangedEvent } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../src-main/shared/domain';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { gridLocale, gridTheme } from '../../components/grid-setup';
import { describeError } from '../../i18n/describe-error';
import { useStore } from '../../store';
import { cellKey, type Plan } from '../../store/plan-slice';
import { taskColumns, type TaskGridContext } from './task-columns';

const getRowId = (p: GetRowIdParams<Task>) => p.data.id;

export function TaskGrid({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const gridRef = useRef<AgGridReact<Task>>(null);
  const editTask = useStore((s) => s.editTask);
  const addTask = useStore((s) => s.addTask);
  const deleteTasks = useStore((s) => s.deleteTasks);
  const rejectCell = useStore((s) => s.rejectCell);
  const cellErrors = useStore((s) => s.cellErrors);
  const pending = useStore((s) => s.pending);
  const [selected, setSelected] = useState<Task[]>([]);
  const [confirmDelete, setConfirmDelete] = useState(false);

  // The grid reads error and pending marks from its context; the ref keeps it current without
  // rebuilding the columns on every keystroke.
  const context = useRef<TaskGridContext>({ cellErrors, pending });
  context.current.cellErrors = cellErrors;
  context.current.pending = pending;
  useEffect(() => {
    gridRef.current?.api?.refreshCells({ force: true });
  }, [cellErrors, pending]);

  const errorsRef = useRef(cellErrors);
  errorsRef.current = cellErrors;
  const describeCellError = useCallback(
    (id: string, field: string) => {
      const error = errorsRef.current[cellKey(id, field)];
      return error ? describeError(t, error) : undefined;
    },
    [t],
  );

  const columnDefs = useMemo(
    () =>
      taskColumns({
        t,
        language: i18n.language,
        people: plan.people,
        modules: plan.modules,
        edit: (id, patch) => void editTask(id, patch),
        reject: (id, field, reason, label) =>
          rejectCell('task', id, field, { code: 'invalid_input', reason }, label),
        describeCellError,
      }),
    [t, i18n.language, plan.people, plan.modules, editTask, rejectCell, describeCellError],
  );

  const onAdd = async () => {
    const after = selected[selected.length - 1]?.id ?? null;
    const task = await addTask(after, t('tasks.defaultName'));
    if (!task) return;
    // Put the cursor in the new row's name, ready to type.
    requestAnimationFrame(() => {
      const api = gridRef.current?.api;
      const node = api?.getRowNode(task.id);
      if (!api || node?.rowIndex == null) return;
      api.ensureIndexVisible(node.rowIndex);
      api.setFocusedCell(node.rowIndex, 'name');
      api.startEditingCell({ rowIndex: node.rowIndex, colKey: 'name' });
    });
  };

  const onSelectionChanged = (e: SelectionChangedEvent<Task>) => setSelected(e.api.getSelectedRows());

  return (
    <section className="grid-page">
      <div className="toolbar">
        <h2 className="toolbar-title">{t('tasks.title')}</h2>
        <button className="primary" onClick={() => void onAdd()} data-testid="add-task">
          + {selected.length ? t('tasks.addBelow') : t('tasks.add')}
        </button>
        <button
          disabled={selected.length === 0}
          onClick={() => setConfirmDelete(true)}
          data-testid="delete-tasks"
        >
          {t('tasks.delete')}
        </button>
        <span className="toolbar-spacer" />
        <span className="toolbar-info">
          {selected.length
            ? t('tasks.selected', { count: selected.length })
            : t('tasks.count', { count: plan.tasks.length })}
          {Object.keys(pending).length > 0 && <span className="saving"> · {t('tasks.saving')}</span>}
        </span>
      </div>
      {plan.tasks.length === 0 ? (
        <div className="empty-state">
          <p>{t('tasks.empty')}</p>
          <button className="primary" onClick={() => void onAdd()}>
            + {t('tasks.add')}
          </button>
        </div>
      ) : (
        <div className="grid-host" data-testid="task-grid">
          <AgGridReact<Task>
            ref={gridRef}
            theme={gridTheme}
            localeText={gridLocale(i18n.language)}
            rowData={plan.tasks}
            columnDefs={columnDefs}
            getRowId={getRowId}
            context={context.current}
            rowSelection={{
              mode: 'multiRow',
              checkboxes: true,
              headerCheckbox: true,
              enableClickSelection: false,
            }}
            selectionColumnDef={{ pinned: 'left', width: 44 }}
            onSelectionChanged={onSelectionChanged}
            singleClickEdit={false}
            stopEditingWhenCellsLoseFocus
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
            void deleteTasks(selected.map((task) => task.id)).then((ok) => ok && setSelected([]));
          }}
        />
      )}
    </section>
  );
}
