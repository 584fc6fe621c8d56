/**
 * 指标 (step 三 跟踪机制 and 数据反馈): the metrics of the strategy, its modules and tasks with
 * their targets; the values recorded per tracking period for the selected metric with its trend;
 * and the money spent against the budgets planned in Table 2.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GetRowIdParams, ValueSetterParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { METRIC_PRESETS } from '../../../src-main/shared/metric-presets';
import { metricEditText, parseMetricInput } from '../../../src-main/shared/metric-values';
import {
  AGGREGATIONS,
  CYCLES,
  DIRECTIONS,
  METRIC_KINDS,
  type DashboardMetric,
  type Metric,
  type MetricPatch,
} from '../../../src-main/shared/tracking';
import { isArchived, useReadOnlyColumns } from '../../components/read-only';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { gridLocale, gridTheme } from '../../components/grid-setup';
import { formatExact } from '../../components/charts/format-values';
import { fitColumnWidth } from '../../components/fit-width';
import { useFocusRow } from '../../components/use-focus-row';
import { campaignYear, formatCellDate } from '../../i18n/format';
import { useStore } from '../../store';
import { useMetrics } from '../../store/use-metrics';
import type { Plan } from '../../store/plan-slice';
import { ActualsPanel } from './ActualsPanel';
import { SpendPanel } from './SpendPanel';
import { SmartCheck } from './SmartCheck';

const getRowId = (p: GetRowIdParams<Metric>) => p.data.id;
const SINGLE = { mode: 'singleRow', checkboxes: false, enableClickSelection: true } as const;

export function MetricsTab({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const metricsData = useMetrics();
  const createMetric = useStore((s) => s.createMetric);
  const editMetric = useStore((s) => s.editMetric);
  const deleteMetric = useStore((s) => s.deleteMetric);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const gridRef = useRef<AgGridReact<Metric>>(null);
  // An attention item's metric: brought into view and shown in the values panel below.
  useFocusRow(
    gridRef,
    useCallback((id: string) => setSelectedId(id), []),
  );
  /** A metric's cell brought into view and focused (the SMART check's links). */
  const focusMetricCell = useCallback((metricId: string, colId: string) => {
    const api = gridRef.current?.api;
    const node = api?.getRowNode(metricId);
    if (!api || !node || node.rowIndex == null) return;
    setSelectedId(metricId);
    api.ensureNodeVisible(node, 'middle');
    api.ensureColumnVisible(colId);
    api.setFocusedCell(node.rowIndex, colId);
    api.flashCells({ rowNodes: [node], columns: [colId] });
  }, []);
  const metrics = useMemo(() => metricsData?.metrics ?? [], [metricsData]);
  const summary = useMemo(
    () => new Map((metricsData?.dashboard?.metrics ?? []).map((m) => [m.id, m])),
    [metricsData],
  );
  const selected = metrics.find((m) => m.id === selectedId) ?? metrics[0] ?? null;

  const columnDefs = useMemo((): ColDef<Metric>[] => {
    const scopes = new Map<string, string>([['', t('metrics.scopeStrategy')]]);
    for (const m of plan.modules) scopes.set(`m:${m.id}`, m.name);
    for (const task of plan.tasks.slice(0, 500)) scopes.set(`t:${task.id}`, `${task.code} ${task.name}`);
    const edit = <K extends keyof MetricPatch>(
      field: K,
      toStored: (v: unknown) => MetricPatch[K] | undefined,
    ) => ({
      editable: true,
      valueSetter: (p: ValueSetterParams<Metric>) => {
        const value = toStored(p.newValue);
        if (p.data && value !== undefined) void editMetric(p.data.id, { [field]: value });
        return false;
      },
    });
    const choice = <K extends 'kind' | 'direction' | 'aggregation' | 'cycle'>(
      field: K,
      values: readonly string[],
    ) => ({
      ...edit(field, (v) => v as MetricPatch[K]),
      field,
      headerName: t(`metrics.field.${field as string}`),
      width: 96,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [...values] },
      valueFormatter: (p: { value?: unknown }) => t(`metrics.${field as string}.${String(p.value)}`),
    });
    const exact = (valueC: number | null | undefined, m: Metric | undefined) =>
      valueC == null || !m ? '' : formatExact(valueC, m.kind, m.unit, i18n.language);
    /** Wide enough for the longest exact value of the column (ui.md: exact values in cells). */
    const widthFor = (header: string, pick: (m: Metric) => number | null) =>
      fitColumnWidth([header, ...metrics.map((m) => exact(pick(m), m))], 112);
    // The editor opens with the value as the cell reads it ("3%", "¥50,000,000.00", "10万台" as
    // "100,000台"), not the stored hundredths, and reads back what the user types for this
    // metric's kind and unit: 5000万, ¥1.2亿, 3%, 2.4倍.
    const number = (field: 'baselineC' | 'targetC') => ({
      editable: true,
      valueSetter: (p: ValueSetterParams<Metric>) => {
        const text = String(p.newValue ?? '').trim();
        if (!p.data) return false;
        if (!text) {
          void editMetric(p.data.id, { [field]: null });
          return false;
        }
        const valueC = parseMetricInput(text, p.data.kind, p.data.unit);
        if (valueC === null) {
          useStore
            .getState()
            .showNotice({ error: { code: 'invalid_input', reason: 'not_number', params: { text } } });
        } else if (valueC !== p.data[field]) {
          void editMetric(p.data.id, { [field]: valueC });
        }
        return false;
      },
      colId: field,
      headerName: t(`metrics.field.${field}`),
      width: widthFor(t(`metrics.field.${field}`), (m) => m[field]),
      type: 'rightAligned',
      cellDataType: false,
      cellEditor: 'agTextCellEditor',
      valueGetter: (p: { data?: Metric }) =>
        p.data?.[field] == null ? '' : metricEditText(p.data[field], p.data.kind, p.data.unit, i18n.language),
      valueFormatter: (p: { data?: Metric }) => exact(p.data?.[field], p.data),
      tooltipValueGetter: (p: { data?: Metric }) => exact(p.data?.[field], p.data) || undefined,
    });
    const shown = (p: { data?: Metric }, pick: (m: DashboardMetric) => number | null) => {
      const m = p.data && summary.get(p.data.id);
      const v = m ? pick(m) : null;
      return v == null || !p.data ? '' : formatExact(v, p.data.kind, p.data.unit, i18n.language);
    };
    return [
      {
        ...edit('name', (v) => String(v ?? '').trim() || undefined),
        field: 'name',
        headerName: t('metrics.field.name'),
        width: 150,
        pinned: 'left',
      },
      {
        ...edit('moduleId', () => undefined),
        colId: 'scope',
        headerName: t('metrics.field.scope'),
        width: 150,
        valueGetter: (p) =>
          p.data?.moduleId ? `m:${p.data.moduleId}` : p.data?.taskId ? `t:${p.data.taskId}` : '',
        valueFormatter: (p) => scopes.get(String(p.value ?? '')) ?? '',
        valueSetter: (p) => {
          const v = String(p.newValue ?? '');
          if (p.data) {
            void editMetric(p.data.id, {
              moduleId: v.startsWith('m:') ? v.slice(2) : null,
              taskId: v.startsWith('t:') ? v.slice(2) : null,
            });
          }
          return false;
        },
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...scopes.keys()] },
      },
      {
        ...edit('unit', (v) => String(v ?? '').trim()),
        field: 'unit',
        headerName: t('metrics.field.unit'),
        width: 70,
      },
      choice('kind', METRIC_KINDS),
      choice('direction', DIRECTIONS),
      choice('aggregation', AGGREGATIONS),
      number('baselineC'),
      number('targetC'),
      {
        ...edit('targetDate', (v) => (v ? String(v) : null)),
        field: 'targetDate',
        headerName: t('metrics.field.targetDate'),
        width: 118,
        cellDataType: false,
        valueFormatter: (p) =>
          formatCellDate(p.value as string | null, i18n.language, campaignYear(plan.project)),
        cellEditor: 'agDateStringCellEditor',
      },
      choice('cycle', CYCLES),
      {
        ...edit('funnelStage', (v) => {
          const text = String(v ?? '').trim();
          return text ? (Number.isInteger(Number(text)) ? Number(text) : undefined) : null;
        }),
        field: 'funnelStage',
        headerName: t('metrics.field.funnelStage'),
        width: 88,
        type: 'rightAligned',
      },
      {
        ...edit('goalLinked', (v) => v === true),
        field: 'goalLinked',
        headerName: t('metrics.field.goalLinked'),
        width: 88,
        cellDataType: 'boolean',
        cellRenderer: 'agCheckboxCellRenderer',
        cellEditor: 'agCheckboxCellEditor',
      },
      {
        colId: 'actual',
        headerName: t('metrics.field.actual'),
        width: widthFor(t('metrics.field.actual'), (m) => summary.get(m.id)?.actualC ?? null),
        tooltipValueGetter: (p) => (p.value ? String(p.value) : undefined),
        type: 'rightAligned',
        valueGetter: (p) => shown(p, (m) => m.actualC),
      },
      {
        colId: 'proRated',
        headerName: t('metrics.field.proRated'),
        width: widthFor(t('metrics.field.proRated'), (m) => summary.get(m.id)?.proRatedC ?? null),
        tooltipValueGetter: (p) => (p.value ? String(p.value) : undefined),
        type: 'rightAligned',
        valueGetter: (p) => shown(p, (m) => m.proRatedC),
      },
      {
        colId: 'status',
        headerName: t('metrics.field.status'),
        width: 96,
        valueGetter: (p) => (p.data ? summary.get(p.data.id)?.status : undefined),
        cellRenderer: (p: { value?: string }) =>
          p.value ? (
            <span className={`status-cell metric-${p.value}`}>
              <span className="status-dot" aria-hidden="true" />
              {t(`metricStatus.${p.value}`)}
            </span>
          ) : null,
      },
    ];
  }, [t, i18n.language, plan.modules, plan.tasks, plan.project, summary, editMetric, metrics]);
  const archived = isArchived(plan);
  const shownColumns = useReadOnlyColumns(columnDefs, archived);

  const addPreset = (key: string) => {
    const preset = METRIC_PRESETS.find((p) => p.key === key);
    const base = { cycle: plan.project.trackingCycle ?? 'week' } as const;
    void createMetric(
      preset
        ? {
            ...base,
            name: t(`presets.${preset.key}`),
            preset: preset.key,
            kind: preset.kind,
            direction: preset.direction,
            aggregation: preset.aggregation,
            unit: t(`units.${preset.unitKey}`),
            funnelStage: preset.funnelStage,
          }
        : { ...base, name: t('metrics.newMetric') },
    ).then((made) => made.ok && setSelectedId(made.value.id));
  };

  const missing = metricsData?.dashboard?.smart.missing ?? [];
  return (
    <section className="metrics-page">
      <div className="toolbar">
        <h2 className="toolbar-title">{t('metrics.title')}</h2>
        <select
          disabled={archived}
          value=""
          onChange={(e) => e.target.value && addPreset(e.target.value)}
          aria-label={t('metrics.add')}
          id="add-metric"
          data-testid="add-metric"
        >
          <option value="">+ {t('metrics.add')}</option>
          {METRIC_PRESETS.map((p) => (
            <option key={p.key} value={p.key}>
              {t(`presets.${p.key}`)}
            </option>
          ))}
          <option value="custom">{t('metrics.custom')}</option>
        </select>
        <button disabled={!selected || archived} onClick={() => setConfirm(true)} data-testid="delete-metric">
          {t('metrics.delete')}
        </button>
        <span className="toolbar-spacer" />
        {metricsData?.dashboard && (
          <SmartCheck missing={missing} plan={plan} metrics={metrics} focusMetricCell={focusMetricCell} />
        )}
      </div>
      {metrics.length === 0 ? (
        <div className="empty-state">
          <p>{t('metrics.empty')}</p>
        </div>
      ) : (
        <div className="metrics-grid" data-testid="metrics-grid">
          <AgGridReact<Metric>
            ref={gridRef}
            theme={gridTheme}
            localeText={gridLocale(i18n.language)}
            rowData={metrics}
            columnDefs={shownColumns}
            getRowId={getRowId}
            rowSelection={SINGLE}
            domLayout="autoHeight"
            onRowClicked={(e) => e.data && setSelectedId(e.data.id)}
            tooltipShowDelay={200}
            stopEditingWhenCellsLoseFocus
          />
        </div>
      )}
      <div className="metrics-lower">
        {selected && (
          <ActualsPanel plan={plan} metric={selected} summary={summary.get(selected.id) ?? null} />
        )}
        <SpendPanel plan={plan} />
      </div>
      {confirm && selected && (
        <ConfirmDialog
          title={t('metrics.deleteTitle')}
          body={t('metrics.deleteBody', { name: selected.name })}
          confirmLabel={t('app.delete')}
          onCancel={() => setConfirm(false)}
          onConfirm={() => {
            setConfirm(false);
            void deleteMetric(selected.id).then((deleted) => deleted.ok && setSelectedId(null));
          }}
        />
      )}
    </section>
  );
}
