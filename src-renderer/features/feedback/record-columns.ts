/**
 * Column builders shared by the grids of steps 四 and 五 (issues, feedback, root causes,
 * adjustments): the same conventions as Table 2 — a cell never changes its row itself; the value
 * setter hands the edit to the store, which saves it at once; a refused value is marked red with
 * its reason as tooltip. Names of people, modules and tasks are read from the grid context at
 * display time so the columns need not be rebuilt when the plan changes.
 */
import type { ColDef, ValueSetterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { formatDate } from '../../i18n/format';
import type { FollowView } from '../../store/follow-up-slice';
import { LinksCell, type LinkItem } from './LinksCell';

export interface RecordGridContext {
  cellErrors: Record<string, unknown>;
  personName: ReadonlyMap<string, string>;
  moduleName: ReadonlyMap<string, string>;
  /** A task as "M001 社交媒体素材". */
  taskLabel: ReadonlyMap<string, string>;
  metricName: ReadonlyMap<string, string>;
  today: string;
}

export interface RecordColumnDeps<R extends { id: string }> {
  t: TFunction;
  language: string;
  /** Where the headers live: fields.<entity>.<field> (the words the banner uses too). */
  entity: 'issue' | 'feedback' | 'cause' | 'adjustment';
  edit(row: R, patch: Record<string, unknown>): void;
  reject(row: R, field: string, reason: string): void;
  describeCellError(id: string, field: string): string | undefined;
}

const ctx = (p: { context: unknown }) => p.context as RecordGridContext;
export const recordCellKey = (id: string, field: string) => `${id}:${field}`;

export function recordColumns<R extends { id: string }>(deps: RecordColumnDeps<R>) {
  const { t, language, entity } = deps;
  const header = (field: string) => t(`fields.${entity}.${field}`);

  const editable = (
    field: string,
    toStored: (value: unknown, row: R) => unknown | { reason: string },
  ): ColDef<R> => ({
    colId: field,
    headerName: header(field),
    headerTooltip: header(field),
    editable: true,
    valueSetter: (p: ValueSetterParams<R>) => {
      if (!p.data) return false;
      const value = toStored(p.newValue, p.data);
      if (value && typeof value === 'object' && 'reason' in value)
        deps.reject(p.data, field, (value as { reason: string }).reason);
      else if (JSON.stringify(value) !== JSON.stringify((p.data as Record<string, unknown>)[field]))
        deps.edit(p.data, { [field]: value });
      return false;
    },
    cellClassRules: {
      'cell-error': (p) => !!p.data && !!ctx(p).cellErrors[recordCellKey(p.data.id, field)],
    },
    tooltipValueGetter: (p) => (p.data ? deps.describeCellError(p.data.id, field) : undefined),
  });

  const asText = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));

  return {
    header,
    /** One line of text; `long` opens the large editor (Enter) and wraps up to three lines. */
    text(field: string, width: number, long = false): ColDef<R> {
      return {
        ...editable(field, asText),
        field: field as ColDef<R>['field'],
        width,
        filter: 'agTextColumnFilter',
        ...(long
          ? {
              wrapText: true,
              autoHeight: true,
              cellClass: 'cell-clamp',
              cellEditor: 'agLargeTextCellEditor',
              cellEditorPopup: true,
              cellEditorParams: { maxLength: 10_000, rows: 6 },
              tooltipValueGetter: (p: { data?: R; value?: unknown }) =>
                (p.data && deps.describeCellError(p.data.id, field)) ?? (asText(p.value) || undefined),
            }
          : {}),
      };
    },
    date(field: string, nullable = true): ColDef<R> {
      return {
        ...editable(field, (v) => (v ? String(v) : nullable ? null : { reason: 'required' })),
        field: field as ColDef<R>['field'],
        width: 124,
        cellDataType: false,
        filter: 'agTextColumnFilter',
        cellEditor: 'agDateStringCellEditor',
        valueFormatter: (p) => formatDate(p.value as string | null, language),
      };
    },
    /** A value from a fixed or editable list, shown as its words (`word` turns a value into text). */
    choice(
      field: string,
      width: number,
      values: () => readonly string[],
      word: (v: string) => string = (v) => v,
      nullable = false,
    ): ColDef<R> {
      return {
        ...editable(field, (v) => (v ? String(v) : nullable ? null : { reason: 'required' })),
        field: field as ColDef<R>['field'],
        width,
        filter: 'agTextColumnFilter',
        filterValueGetter: (p) => {
          const v = (p.data as Record<string, unknown> | undefined)?.[field];
          return v ? word(String(v)) : '';
        },
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: () => ({ values: [...(nullable ? [''] : []), ...values()] }),
        valueFormatter: (p) => (p.value ? word(String(p.value)) : ''),
      };
    },
    /** A team member, a module or a task, picked from the plan. */
    pick(field: string, kind: 'person' | 'module' | 'task' | 'metric', width: number): ColDef<R> {
      const names = (p: { context: unknown }) =>
        ({
          person: ctx(p).personName,
          module: ctx(p).moduleName,
          task: ctx(p).taskLabel,
          metric: ctx(p).metricName,
        })[kind];
      return {
        ...editable(field, (v) => (v ? String(v) : null)),
        field: field as ColDef<R>['field'],
        width,
        filter: 'agTextColumnFilter',
        filterValueGetter: (p) => {
          const v = (p.data as Record<string, unknown> | undefined)?.[field];
          return v ? (names(p).get(String(v)) ?? '') : '';
        },
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: (p: { context: unknown }) => ({ values: ['', ...names(p).keys()] }),
        valueFormatter: (p) => (p.value ? (names(p).get(p.value as string) ?? '?') : '—'),
      };
    },
  };
}

/** Links of a record to others (its root causes, the adjustments answering it …), found by search. */
export function linksColumn<R>(
  colId: string,
  headerName: string,
  width: number,
  links: (row: R) => LinkItem[],
): ColDef<R> {
  const of = (row: R | undefined) => (row ? links(row) : []);
  return {
    colId,
    headerName,
    width,
    autoHeight: true,
    valueGetter: (p) => of(p.data),
    getQuickFilterText: (p) =>
      of(p.data)
        .map((l) => l.label)
        .join(' '),
    cellRenderer: LinksCell,
    sortable: false,
  };
}

/** A record's links as the links column shows them: each opens in `view`. */
export const linksTo = (view: FollowView, links: readonly Omit<LinkItem, 'view'>[] = []): LinkItem[] =>
  links.map((l) => ({ ...l, view }));
