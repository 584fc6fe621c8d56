/**
 * Table 1 (营销策略执行跟踪总表): the strategy's four cells shown once across its module rows,
 * then one editable row per core module. 当前进度 is rolled up from the module's tasks unless the
 * owner typed a figure (clearing it returns to the roll-up).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, ColGroupDef, GetRowIdParams, ValueSetterParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { SheetButtons } from '../sheets/SheetButtons';
import type { Module, ModulePatch } from '../../../src-main/shared/domain';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { gridLocale, gridTheme } from '../../components/grid-setup';
import { ProgressCell } from '../../components/ProgressCell';
import { formatPeriod } from '../../i18n/format';
import { useStore } from '../../store';
import { PeriodBar } from './PeriodBar';
import { FollowUpCell, type ModuleFollowUp } from './FollowUpCell';
import { cellKey, selectCellErrors, type Plan } from '../../store/plan-slice';
import { isArchived, useReadOnlyColumns } from '../../components/read-only';
import { useFocusRow } from '../../components/use-focus-row';
import { selectFollowSummary } from '../../store/follow-up-slice';
import { selectSnapshot } from '../../store/metrics-slice';

type Row = Module & { ownerName?: string | null; followUp?: ModuleFollowUp };
const getRowId = (p: GetRowIdParams<Row>) => p.data.id;
const SINGLE = { mode: 'singleRow', checkboxes: false, enableClickSelection: true } as const;

export function TrackingTable({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const editModule = useStore((s) => s.editModule);
  const addModule = useStore((s) => s.addModule);
  const rejectCell = useStore((s) => s.rejectCell);
  const cellErrors = useStore(selectCellErrors);
  const deleteModule = useStore((s) => s.deleteModule);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const selected = plan.modules.find((m) => m.id === selectedId) ?? null;
  const snapshot = useStore(selectSnapshot);
  // A closed period shows its snapshot; an archived campaign takes no write.
  const readOnly = snapshot !== null || isArchived(plan);
  // A closed period shows Table 1 as it stood then; its rows carry the owner's name as it was.
  const rows = useMemo(
    (): Row[] =>
      snapshot
        ? snapshot.rows.map((r) => ({
            id: r.moduleId,
            projectId: plan.project.id,
            name: r.name,
            ownerId: null,
            ownerName: r.ownerName,
            progress: r.progress,
            progressOverride: r.progressOverride,
            milestone: r.milestone,
            summary: r.summary,
            issues: r.issues,
            suggestions: r.suggestions,
            result: r.result,
            position: r.position,
            budgetFen: null,
            followUp: { openIssues: r.openIssues, adjustments: r.adjustments },
          }))
        : plan.modules,
    [snapshot, plan.modules, plan.project.id],
  );
  const gridRef = useRef<AgGridReact<Row>>(null);
  // Steps 四/五 of the current period: each module's open issues and adjustments in progress.
  const summary = useStore(selectFollowSummary);
  const followUpOf = useMemo(() => {
    const byModule = new Map(
      (summary?.modules ?? []).map((m) => [
        m.moduleId,
        {
          openIssues: m.openIssues.map((l) => l.label),
          adjustments: m.adjustments.map((l) => ({ title: l.label, status: l.status })),
        },
      ]),
    );
    return (id: string) => byModule.get(id);
  }, [summary]);
  useFocusRow(gridRef);
  const { project, people } = plan;
  useEffect(() => {
    gridRef.current?.api?.refreshCells({ force: true });
  }, [cellErrors]);

  const columnDefs = useMemo((): (ColDef<Row> | ColGroupDef<Row>)[] => {
    const personName = new Map(people.map((p) => [p.id, p.name]));
    const strategy = (colId: string, headerName: string, value: string, width: number): ColDef<Row> => ({
      colId,
      headerName,
      width,
      valueGetter: () => value,
      spanRows: true,
      wrapText: true,
      cellClass: 'cell-strategy',
    });
    const editable = (
      field: keyof ModulePatch,
      toStored: (v: unknown) => ModulePatch[keyof ModulePatch] | Error,
    ) => ({
      colId: field,
      editable: true,
      valueSetter: (p: ValueSetterParams<Module>) => {
        if (!p.data) return false;
        const value = toStored(p.newValue);
        if (value instanceof Error)
          rejectCell(
            'module',
            p.data.id,
            field,
            { code: 'invalid_input', reason: value.message },
            p.data.name,
          );
        else if (value !== p.data[field]) void editModule(p.data.id, { [field]: value });
        else useStore.getState().clearCellError(p.data.id, field);
        return false;
      },
      cellClassRules: {
        'cell-error': (p: { data?: Module }) =>
          !!p.data && !!useStore.getState().cellErrors[cellKey(p.data.id, field)],
      },
    });
    const text = (
      field: 'name' | 'milestone' | 'summary' | 'issues' | 'suggestions' | 'result',
      width: number,
    ): ColDef<Row> => ({
      ...editable(field, (v) => (v == null ? '' : String(v))),
      field,
      headerName: t(`fields.module.${field}`),
      width,
      wrapText: true,
      autoHeight: true,
      cellEditor: 'agLargeTextCellEditor',
      cellEditorPopup: true,
    });
    return [
      strategy('strategy', t('fields.module.strategy'), project.name, 140),
      strategy('goal', t('fields.module.goal'), project.goal, 180),
      strategy(
        'owner',
        t('fields.module.owner'),
        (project.ownerId && personName.get(project.ownerId)) || '',
        110,
      ),
      strategy(
        'period',
        t('fields.module.period'),
        formatPeriod(project.start, project.end, i18n.language),
        140,
      ),
      { ...text('name', 130), pinned: false },
      {
        ...editable('ownerId', (v) => (v ? String(v) : null)),
        field: 'ownerId',
        headerName: t('fields.module.ownerId'),
        width: 120,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: ['', ...personName.keys()] },
        valueFormatter: (p) =>
          p.data?.ownerName !== undefined
            ? (p.data.ownerName ?? t('tasks.noOwner'))
            : p.value
              ? (personName.get(p.value as string) ?? '?')
              : t('tasks.noOwner'),
      },
      {
        headerName: t('fields.module.progress'),
        children: [
          {
            ...editable('progressOverride', (v) => {
              if (v === null || v === '' || v === undefined) return null;
              const n = Number(v);
              return Number.isInteger(n) ? n : new Error('not_integer');
            }),
            headerName: t('fields.module.progressPercent'),
            width: 120,
            valueGetter: (p) => p.data?.progress,
            cellRenderer: ProgressCell,
            cellEditor: 'agNumberCellEditor',
            tooltipValueGetter: (p) =>
              p.data?.progressOverride == null ? t('tracking.computedHint') : t('tracking.overrideHint'),
            cellClass: (p) => (p.data?.progressOverride == null ? 'cell-computed' : 'cell-override'),
            // ∑ marks a roll-up from the tasks; ✎ a figure typed by the owner.
          },
          text('milestone', 160),
        ],
      },
      text('summary', 200),
      {
        ...text('issues', 220),
        cellRenderer: FollowUpCell,
        cellRendererParams: { part: 'issues', followUp: followUpOf },
      },
      {
        ...text('suggestions', 220),
        cellRenderer: FollowUpCell,
        cellRendererParams: { part: 'adjustments', followUp: followUpOf },
      },
      text('result', 150),
    ];
  }, [t, i18n.language, project, people, editModule, rejectCell, followUpOf]);
  const shownColumns = useReadOnlyColumns(columnDefs, readOnly);

  return (
    <section className="grid-page">
      <div className="toolbar">
        <h2 className="toolbar-title">{t('tracking.title')}</h2>
        <button
          className="primary"
          disabled={readOnly}
          onClick={() => void addModule(t('tracking.newModuleName'))}
          data-testid="add-module"
        >
          + {t('tracking.addModule')}
        </button>
        <button disabled={!selected || readOnly} onClick={() => setConfirm(true)} data-testid="delete-module">
          {t('tracking.deleteModule')}
        </button>
        <button
          disabled={selected?.progressOverride == null || readOnly}
          onClick={() => selected && void editModule(selected.id, { progressOverride: null })}
          title={t('tracking.overrideHint')}
          data-testid="clear-override"
        >
          {t('tracking.clearOverride')}
        </button>
        {!readOnly && <SheetButtons table="modules" />}
      </div>
      <PeriodBar />
      {confirm && selected && (
        <ConfirmDialog
          title={t('tracking.deleteModuleTitle')}
          body={t('tracking.deleteModuleBody', { name: selected.name })}
          confirmLabel={t('app.delete')}
          onCancel={() => setConfirm(false)}
          onConfirm={() => {
            setConfirm(false);
            void deleteModule(selected.id).then((deleted) => deleted.ok && setSelectedId(null));
          }}
        />
      )}
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>{t('tracking.empty')}</p>
        </div>
      ) : (
        <div className="grid-host" data-testid="tracking-grid">
          <AgGridReact<Row>
            ref={gridRef}
            theme={gridTheme}
            localeText={gridLocale(i18n.language)}
            rowData={rows}
            columnDefs={shownColumns}
            getRowId={getRowId}
            enableCellSpan
            rowSelection={SINGLE}
            onSelectionChanged={(e) => setSelectedId(e.api.getSelectedRows()[0]?.id ?? null)}
            stopEditingWhenCellsLoseFocus
            // The grid does not call the setter for an unchanged value: putting back the value a
            // refusal reverted to still clears that refusal's mark and message.
            onCellEditingStopped={(e) => {
              const colId = e.column.getColId();
              if (!e.valueChanged && e.data) useStore.getState().clearCellError(e.data.id, colId);
            }}
            tooltipShowDelay={200}
          />
        </div>
      )}
    </section>
  );
}
