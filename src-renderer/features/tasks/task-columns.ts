/**
 * Table 2's columns in the template's order, then the tracking columns. Cells never change the
 * row themselves: the value setter hands the edit to the store (which saves it at once) and
 * returns false, so what the grid shows is always what the store holds, i.e. what the main
 * process stored.
 */
import type { ColDef, ColGroupDef, ValueSetterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { parseTaskCell, type ParseContext } from '../../../src-main/shared/cell-parse';
import type { Task, TaskPatch } from '../../../src-main/shared/domain';
import { deriveTaskStatus, type TaskStatus } from '../../../src-main/shared/task-logic';
import { LONG_TEXT_MAX } from '../../../src-main/shared/limits';
import { fenToYuanText } from '../../../src-main/shared/values';
import { formatCellDate, formatMoney } from '../../i18n/format';
import { cellKey } from '../../store/plan-slice';
import { ProgressCell } from '../../components/ProgressCell';
import { StatusCell } from '../../components/StatusCell';
import { TaskNameCell } from './TaskNameCell';

/** What the cells read besides their row; kept in a ref so the columns need not be rebuilt. */
export interface TaskGridContext {
  cellErrors: Record<string, unknown>;
  pending: Record<string, true>;
  depth: ReadonlyMap<string, number>;
  /** Progress of tasks with sub-tasks, rolled up from them. */
  rolledUp: ReadonlyMap<string, number>;
  collapsed: ReadonlySet<string>;
  /** Only the table's first rows are here (a predecessor further down is not known yet). */
  partial: boolean;
  toggle(id: string): void;
  today: string;
  /** Names for ids and the parser's lookups, read at display time so the columns never change. */
  names: {
    personName: ReadonlyMap<string, string>;
    moduleName: ReadonlyMap<string, string>;
    codeOf: ReadonlyMap<string, string>;
    parse: ParseContext;
  };
}

export interface TaskColumnDeps {
  t: TFunction;
  language: string;
  /** The campaign's year: dates in it are shown without it (5月1日). */
  year: number | null;
  edit(id: string, patch: TaskPatch): void;
  reject(
    id: string,
    field: string,
    reason: string,
    label: string,
    params?: Record<string, string | number>,
  ): void;
  describeCellError(id: string, field: string): string | undefined;
  /** The cell's value is valid and unchanged (a refused value put back): drop its mark and message. */
  clear(id: string, field: string): void;
}

type Field = keyof TaskPatch;
type Parsed = TaskPatch[Field] | { reason: string; params?: Record<string, string | number> };

export const statusOf = (task: Task, today: string): TaskStatus => deriveTaskStatus(task, today);

export function taskColumns(deps: TaskColumnDeps): (ColDef<Task> | ColGroupDef<Task>)[] {
  const { language } = deps;
  // The words cells show, looked up once per key: the columns are made again when the language
  // changes, and a redraw of a row then formats its cells without searching the translations.
  const words = new Map<string, string>();
  const t = ((key: string) => {
    let word = words.get(key);
    if (word === undefined) words.set(key, (word = deps.t(key)));
    return word;
  }) as TFunction;
  const ctx = (p: { context: unknown }) => p.context as TaskGridContext;
  const isFailure = (v: Parsed): v is { reason: string; params?: Record<string, string | number> } =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && 'reason' in v;

  /** A cell refused (red, with the reason as tooltip) or not yet confirmed (pending). */
  const marks = (field: Field): ColDef<Task>['cellClassRules'] => ({
    'cell-error': (p) => !!p.data && !!ctx(p).cellErrors[cellKey(p.data.id, field)],
    'cell-pending': (p) => !!p.data && !!ctx(p).pending[cellKey(p.data.id, field)],
  });

  /** Common to every editable column: saving, pending and error marks, the reason as tooltip. */
  const editable = (
    field: Field,
    toStored: (value: unknown, row: Task, names: TaskGridContext['names']) => Parsed,
  ): ColDef<Task> => ({
    colId: field,
    headerName: t(`fields.task.${field}`),
    editable: true,
    valueSetter: (p: ValueSetterParams<Task>) => {
      if (!p.data) return false;
      const value = toStored(p.newValue, p.data, ctx(p).names);
      if (isFailure(value)) deps.reject(p.data.id, field, value.reason, p.data.code, value.params);
      else if (JSON.stringify(value) !== JSON.stringify(p.data[field]))
        deps.edit(p.data.id, { [field]: value });
      else deps.clear(p.data.id, field);
      return false;
    },
    cellClassRules: marks(field),
    tooltipValueGetter: (p) => (p.data ? deps.describeCellError(p.data.id, field) : undefined),
  });

  const text = (field: Field, width: number, long = false): ColDef<Task> => ({
    ...editable(field, (v) => (typeof v === 'string' ? v : v == null ? '' : String(v))),
    field: field as keyof Task,
    width,
    filter: 'agTextColumnFilter',
    ...(long
      ? {
          cellEditor: 'agLargeTextCellEditor',
          cellEditorPopup: true,
          cellEditorParams: { maxLength: LONG_TEXT_MAX, rows: 6 },
        }
      : {}),
    tooltipValueGetter: (p) =>
      (p.data && deps.describeCellError(p.data.id, field)) ??
      (long ? String(p.value ?? '') || undefined : undefined),
  });

  // A date's text, kept per table (a plan has a few hundred distinct days): the grid formats every
  // date cell of a row each time the row is redrawn, and a paste redraws every row in view.
  const dateTexts = new Map<string, string>();
  const dateText = (iso: string | null) => {
    if (!iso) return '';
    let text = dateTexts.get(iso);
    if (text === undefined) dateTexts.set(iso, (text = formatCellDate(iso, language, deps.year)));
    return text;
  };

  const date = (field: 'start' | 'end'): ColDef<Task> => ({
    ...editable(field, (v) => (v ? String(v) : null)),
    field,
    width: 112,
    cellDataType: false,
    filter: 'agTextColumnFilter',
    cellEditor: 'agDateStringCellEditor',
    valueFormatter: (p) => dateText(p.value as string | null),
    cellClassRules: {
      ...marks(field),
      // 已逾期: an end date that has passed on an unfinished task is red (with the status word beside).
      'cell-overdue': (p) => field === 'end' && !!p.data && statusOf(p.data, ctx(p).today) === 'overdue',
    },
  });

  const pick = (field: 'ownerId' | 'moduleId', none: string, width: number): ColDef<Task> => {
    const names = (p: { context: unknown }) =>
      ctx(p).names[field === 'ownerId' ? 'personName' : 'moduleName'];
    return {
      ...editable(field, (v) => (v ? String(v) : null)),
      field,
      width,
      filter: 'agTextColumnFilter',
      filterValueGetter: (p) => (p.data?.[field] ? (names(p).get(p.data[field]) ?? '') : ''),
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: (p: { context: unknown }) => ({ values: ['', ...names(p).keys()] }),
      valueFormatter: (p) => (p.value ? (names(p).get(p.value as string) ?? '?') : none),
    };
  };

  const hasChildren = (p: { data?: Task; context: unknown }) => !!p.data && ctx(p).rolledUp.has(p.data.id);

  return [
    {
      field: 'code',
      headerName: t('fields.task.code'),
      width: 84,
      pinned: 'left',
      editable: false,
      filter: 'agTextColumnFilter',
      cellClass: 'cell-code',
    },
    { ...text('name', 220), pinned: 'left', cellRenderer: TaskNameCell },
    text('deliverable', 190, true),
    pick('ownerId', t('tasks.noOwner'), 116),
    {
      headerName: t('fields.task.period'),
      children: [date('start'), date('end')],
    },
    {
      headerName: t('fields.task.resources'),
      children: [
        {
          ...editable('budgetFen', (v, _row, names) => {
            const s = v == null ? '' : String(v).trim();
            if (s === '') return null;
            const parsed = parseTaskCell('budgetFen', s, names.parse); // 8,000.50 · ¥8000 · 8万
            return parsed.ok ? (parsed.value as number) : { reason: parsed.reason, params: parsed.params };
          }),
          headerName: t('fields.task.budgetFen'),
          width: 124,
          type: 'rightAligned',
          filter: 'agNumberColumnFilter',
          filterValueGetter: (p) => (p.data?.budgetFen == null ? null : p.data.budgetFen / 100),
          comparator: (_a, _b, na, nb) => (na.data?.budgetFen ?? -1) - (nb.data?.budgetFen ?? -1),
          valueGetter: (p) => (p.data?.budgetFen == null ? '' : fenToYuanText(p.data.budgetFen)),
          valueFormatter: (p) => (p.data ? formatMoney(p.data.budgetFen, language) : ''),
        },
        text('manpower', 110),
        text('tools', 110),
      ],
    },
    text('criteria', 170, true),
    {
      ...editable('progress', (v, _row, names) => {
        // The cell parser's rule (60, 60%; whole numbers 0–100): 150 is refused here, as it would be pasted.
        const parsed = parseTaskCell('progress', v == null ? '' : String(v), names.parse);
        return parsed.ok ? (parsed.value as number) : { reason: parsed.reason, params: parsed.params };
      }),
      field: 'progress',
      width: 124,
      // A parent's progress is its sub-tasks', rolled up: shown, not typed.
      editable: (p) => !hasChildren(p),
      valueGetter: (p) => (p.data ? Math.round(ctx(p).rolledUp.get(p.data.id) ?? p.data.progress) : null),
      cellEditor: 'agNumberCellEditor',
      cellRenderer: ProgressCell,
      filter: 'agNumberColumnFilter',
      type: 'rightAligned',
      cellClassRules: {
        ...marks('progress'),
        'cell-computed': hasChildren,
      },
    },
    text('notes', 190, true),
    pick('moduleId', t('tasks.noModule'), 124),
    {
      ...editable('blocked', (v) => v === 'blocked'),
      colId: 'status',
      headerName: t('fields.task.status'),
      width: 104,
      valueGetter: (p) => (p.data ? statusOf(p.data, ctx(p).today) : null),
      valueFormatter: (p) => (p.value ? t(`taskStatus.${String(p.value)}`) : ''),
      cellRenderer: StatusCell,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: ['blocked', 'unblocked'] },
      filter: 'agTextColumnFilter',
      filterValueGetter: (p) => (p.data ? t(`taskStatus.${statusOf(p.data, ctx(p).today)}`) : ''),
    },
    {
      ...editable('trackingCycle', (v) => (v ? (String(v) as Task['trackingCycle']) : null)),
      field: 'trackingCycle',
      headerName: t('checkin.cycle'),
      width: 96,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: ['', 'day', 'week', 'month'] },
      valueFormatter: (p) => (p.value ? t(`metrics.cycle.${String(p.value)}`) : t('checkin.none')),
    },
    {
      ...editable('milestone', (v) => v === true),
      field: 'milestone',
      width: 84,
      cellDataType: 'boolean',
      cellRenderer: 'agCheckboxCellRenderer',
      cellEditor: 'agCheckboxCellEditor',
    },
    {
      ...editable('predecessorIds', (v, _row, names) => {
        const parsed = parseTaskCell('predecessorIds', String(v ?? ''), names.parse);
        return parsed.ok ? (parsed.value as string[]) : { reason: parsed.reason, params: parsed.params };
      }),
      headerName: t('fields.task.predecessorIds'),
      width: 120,
      valueGetter: (p) =>
        p.data?.predecessorIds
          .map((id) => ctx(p).names.codeOf.get(id) ?? (ctx(p).partial ? '…' : '?'))
          .join(', ') ?? '',
      filter: 'agTextColumnFilter',
    },
  ];
}
