/**
 * Table 2's columns in the template's order. Cells never change the row themselves: the value
 * setter hands the edit to the store (which saves it at once) and returns false, so what the
 * grid shows is always what the store holds, i.e. what the main process stored.
 */
import type { ColDef, ColGroupDef, ValueSetterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { Module, Person, Task, TaskPatch } from '../../../src-main/shared/domain';
import { fenToYuanText, parseYuanToFen } from '../../../src-main/shared/values';
import { formatDate, formatMoney } from '../../i18n/format';
import { cellKey } from '../../store/plan-slice';
import { ProgressCell } from '../../components/ProgressCell';

export interface TaskGridContext {
  cellErrors: Record<string, unknown>;
  pending: Record<string, true>;
}

export interface TaskColumnDeps {
  t: TFunction;
  language: string;
  people: Person[];
  modules: Module[];
  edit(id: string, patch: TaskPatch): void;
  reject(id: string, field: string, reason: string, label: string): void;
  describeCellError(id: string, field: string): string | undefined;
}

type Field = keyof TaskPatch;

export function taskColumns(deps: TaskColumnDeps): (ColDef<Task> | ColGroupDef<Task>)[] {
  const { t, language } = deps;
  const personName = new Map(deps.people.map((p) => [p.id, p.name]));
  const moduleName = new Map(deps.modules.map((m) => [m.id, m.name]));

  /** Common to every editable column: saving, pending and error marks, the reason as tooltip. */
  const editable = (
    field: Field,
    toStored: (value: unknown, row: Task) => TaskPatch[Field] | Error,
  ): ColDef<Task> => ({
    colId: field,
    headerName: t(`fields.task.${field}`),
    editable: true,
    valueSetter: (p: ValueSetterParams<Task>) => {
      if (!p.data) return false;
      const value = toStored(p.newValue, p.data);
      if (value instanceof Error) deps.reject(p.data.id, field, value.message, p.data.code);
      else if (value !== p.data[field]) deps.edit(p.data.id, { [field]: value });
      return false;
    },
    cellClassRules: {
      'cell-error': (p) => !!p.data && !!(p.context as TaskGridContext).cellErrors[cellKey(p.data.id, field)],
      'cell-pending': (p) => !!p.data && !!(p.context as TaskGridContext).pending[cellKey(p.data.id, field)],
    },
    tooltipValueGetter: (p) => (p.data ? deps.describeCellError(p.data.id, field) : undefined),
  });

  const text = (field: Field, width: number, long = false): ColDef<Task> => ({
    ...editable(field, (v) => (typeof v === 'string' ? v : v == null ? '' : String(v))),
    field,
    width,
    ...(long
      ? {
          cellEditor: 'agLargeTextCellEditor',
          cellEditorPopup: true,
          cellEditorParams: { maxLength: 10_000, rows: 6 },
        }
      : {}),
    tooltipValueGetter: (p) =>
      (p.data && deps.describeCellError(p.data.id, field)) ??
      (long ? String(p.value ?? '') || undefined : undefined),
  });

  const date = (field: 'start' | 'end'): ColDef<Task> => ({
    ...editable(field, (v) => (v ? String(v) : null)),
    field,
    width: 118,
    cellDataType: false,
    cellEditor: 'agDateStringCellEditor',
    valueFormatter: (p) => formatDate(p.value as string | null, language),
  });

  const pick = (
    field: 'ownerId' | 'moduleId',
    names: Map<string, string>,
    none: string,
    width: number,
  ): ColDef<Task> => ({
    ...editable(field, (v) => (v ? String(v) : null)),
    field,
    width,
    cellEditor: 'agSelectCellEditor',
    cellEditorParams: { values: ['', ...names.keys()] },
    valueFormatter: (p) => (p.value ? (names.get(p.value as string) ?? '?') : none),
  });

  return [
    {
      field: 'code',
      headerName: t('fields.task.code'),
      width: 84,
      pinned: 'left',
      editable: false,
      cellClass: 'cell-code',
    },
    { ...text('name', 200), pinned: 'left' },
    text('deliverable', 200, true),
    pick('ownerId', personName, t('tasks.noOwner'), 120),
    {
      headerName: t('fields.task.period'),
      children: [date('start'), date('end')],
    },
    {
      headerName: t('fields.task.resources'),
      children: [
        {
          ...editable('budgetFen', (v) => {
            const s = v == null ? '' : String(v).trim();
            if (s === '') return null;
            return parseYuanToFen(s) ?? new Error('not_amount');
          }),
          headerName: t('fields.task.budgetFen'),
          width: 128,
          type: 'rightAligned',
          valueGetter: (p) => (p.data?.budgetFen == null ? '' : fenToYuanText(p.data.budgetFen)),
          valueFormatter: (p) => (p.data ? formatMoney(p.data.budgetFen, language) : ''),
        },
        text('manpower', 120),
        text('tools', 120),
      ],
    },
    text('criteria', 180, true),
    {
      ...editable('progress', (v) => {
        const n = typeof v === 'number' ? v : Number(String(v ?? '').replace(/%$/, ''));
        return v === null || v === '' || !Number.isInteger(n) ? new Error('not_integer') : n;
      }),
      field: 'progress',
      width: 130,
      cellEditor: 'agNumberCellEditor',
      cellRenderer: ProgressCell,
      type: 'rightAligned',
    },
    text('notes', 200, true),
    pick('moduleId', moduleName, t('tasks.noModule'), 130),
  ];
}
