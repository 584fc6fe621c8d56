/**
 * The floor for Table 2's first paint: the same rows in AG Grid with the same modules, the same
 * number of columns (16 data columns and the selection column) and themeQuartz, in plain React —
 * no store, no i18n, no cell renderers. Its 工具 column is editable with AG Grid's own text
 * editor (the value kept in the row, nothing saved): the floor of an edit's value on screen. `?rows=` names the JSON file of rows (what tasks.list
 * answered), `?w=`/`?h=` the size of the app's grid so both render the same number of rows.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AgGridReact } from 'ag-grid-react';
import { themeQuartz, type ColDef, type GetRowIdParams } from 'ag-grid-community';
import { registerGridModules } from '../../../src-renderer/components/grid-setup';
import { tasksFromRows, type TaskRows } from '../../../src-main/shared/task-rows';

type Row = { id: string } & Record<string, unknown>;

const COLUMNS: [field: string, width: number][] = [
  ['code', 84],
  ['name', 220],
  ['deliverable', 190],
  ['ownerId', 116],
  ['start', 112],
  ['end', 112],
  ['budgetFen', 124],
  ['manpower', 110],
  ['tools', 110],
  ['criteria', 170],
  ['progress', 124],
  ['notes', 190],
  ['moduleId', 124],
  ['blocked', 104],
  ['milestone', 84],
  ['predecessorIds', 120],
];
const columnDefs: ColDef<Row>[] = COLUMNS.map(([field, width], i) => ({
  field,
  width,
  ...(i < 2 ? { pinned: 'left' as const } : {}),
  ...(field === 'tools' ? { editable: true } : {}),
}));
const defaultColDef: ColDef<Row> = { cellDataType: false, sortable: true, resizable: true };
const getRowId = (p: GetRowIdParams<Row>) => p.data.id;

const params = new URLSearchParams(window.location.search);
const size = { width: Number(params.get('w')) || undefined, height: Number(params.get('h')) || 700 };

function BareGrid() {
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => {
    void fetch(params.get('rows') ?? 'rows.json')
      // The rows as tasks.list sends them (arrays), made objects as the app's client does.
      .then((r) => r.json() as Promise<TaskRows>)
      .then((answer) => setRows(tasksFromRows(answer) as Row[]));
  }, []);
  return (
    <div data-testid="task-grid" style={size}>
      {rows && (
        <AgGridReact<Row>
          theme={themeQuartz}
          rowData={rows}
          columnDefs={columnDefs}
          defaultColDef={defaultColDef}
          getRowId={getRowId}
          rowSelection={{
            mode: 'multiRow',
            checkboxes: true,
            headerCheckbox: true,
            enableClickSelection: false,
          }}
          selectionColumnDef={{ pinned: 'left', width: 44 }}
          suppressColumnVirtualisation
        />
      )}
    </div>
  );
}

registerGridModules();
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <BareGrid />
  </StrictMode>,
);
