/**
 * The values of one metric per tracking period (period, value, source, note): every period of its
 * cycle from its start up to today is listed, so the owner fills in what is missing; beside it the
 * metric's trend against its target.
 */
import { useMemo } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GetRowIdParams, ValueSetterParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { periodOf, periodsBetween } from '../../../src-main/shared/metrics-logic';
import { metricEditText, parseMetricInput } from '../../../src-main/shared/metric-values';
import type { Actual, DashboardMetric, Metric } from '../../../src-main/shared/tracking';
import { todayIso } from '../../../src-main/shared/values';
import { isArchived, useReadOnlyColumns } from '../../components/read-only';
import { EChart } from '../../components/charts/EChart';
import { formatExact } from '../../components/charts/format-values';
import { envFor, useChartEnv } from '../../components/charts/labels';
import { trendOption } from '../../components/charts/options';
import { gridLocale, gridTheme } from '../../components/grid-setup';
import { useStore } from '../../store';
import type { Plan } from '../../store/plan-slice';
import { selectActuals } from '../../store/metrics-slice';
import { periodLabel } from './period-label';
import { trendInput } from './trend-input';
import { chartToday } from '../project/project-dates';

interface PeriodRow {
  start: string;
  end: string;
  actual: Actual | null;
}
const getRowId = (p: GetRowIdParams<PeriodRow>) => p.data.start;

export function ActualsPanel({
  plan,
  metric,
  summary,
}: {
  plan: Plan;
  metric: Metric;
  summary: DashboardMetric | null;
}) {
  const { t, i18n } = useTranslation();
  const actuals = useStore(selectActuals);
  const recordActual = useStore((s) => s.recordActual);
  const deleteActual = useStore((s) => s.deleteActual);
  const env = useChartEnv();
  const today = todayIso();
  const markToday = chartToday(plan.project.start, plan.project.end, today);

  const rows = useMemo((): PeriodRow[] => {
    const mine = (actuals ?? []).filter((a) => a.metricId === metric.id);
    const byStart = new Map(mine.map((a) => [a.periodStart, a]));
    const from = metric.startDate ?? plan.project.start ?? mine[0]?.periodStart ?? today;
    const last = plan.project.end && plan.project.end < today ? plan.project.end : today;
    const periods = from <= last ? periodsBetween(from, last, metric.cycle) : [periodOf(today, metric.cycle)];
    const listed = periods.map((p) => ({ ...p, actual: byStart.get(p.start) ?? null }));
    // Values recorded for periods outside the span (e.g. after the cycle changed) stay visible.
    for (const a of mine)
      if (!periods.some((p) => p.start === a.periodStart))
        listed.push({ start: a.periodStart, end: a.periodEnd, actual: a });
    return listed.sort((a, b) => b.start.localeCompare(a.start));
  }, [actuals, metric, plan.project.start, plan.project.end, today]);

  const columnDefs = useMemo((): ColDef<PeriodRow>[] => {
    const save = (row: PeriodRow, patch: { valueText?: string; source?: string; note?: string }) => {
      const text =
        patch.valueText ??
        (row.actual ? metricEditText(row.actual.valueC, metric.kind, metric.unit, i18n.language) : '');
      if (!text.trim()) {
        if (row.actual && patch.valueText !== undefined) void deleteActual(row.actual.id);
        return;
      }
      const valueC = parseMetricInput(text, metric.kind, metric.unit);
      if (valueC === null) {
        useStore
          .getState()
          .showNotice({ error: { code: 'invalid_input', reason: 'not_number', params: { text } } });
        return;
      }
      void recordActual({
        metricId: metric.id,
        periodStart: row.start,
        periodEnd: row.end,
        valueC,
        source: patch.source ?? row.actual?.source ?? '',
        note: patch.note ?? row.actual?.note ?? '',
      });
    };
    const editable = (key: 'valueText' | 'source' | 'note') => ({
      editable: true,
      valueSetter: (p: ValueSetterParams<PeriodRow>) => {
        if (p.data) save(p.data, { [key]: String(p.newValue ?? '') });
        return false;
      },
    });
    return [
      {
        colId: 'period',
        headerName: t('actuals.period'),
        width: 170,
        valueGetter: (p) =>
          p.data ? periodLabel(t, metric.cycle, p.data.start, p.data.end, i18n.language) : '',
      },
      {
        ...editable('valueText'),
        colId: 'value',
        headerName: t('actuals.value'),
        width: 130,
        type: 'rightAligned',
        valueGetter: (p) =>
          p.data?.actual ? metricEditText(p.data.actual.valueC, metric.kind, metric.unit, i18n.language) : '',
        valueFormatter: (p) =>
          p.data?.actual ? formatExact(p.data.actual.valueC, metric.kind, metric.unit, i18n.language) : '',
      },
      {
        ...editable('source'),
        colId: 'source',
        headerName: t('actuals.source'),
        width: 130,
        valueGetter: (p) => p.data?.actual?.source ?? '',
      },
      {
        ...editable('note'),
        colId: 'note',
        headerName: t('actuals.note'),
        flex: 1,
        minWidth: 120,
        valueGetter: (p) => p.data?.actual?.note ?? '',
      },
    ];
  }, [t, i18n.language, metric, recordActual, deleteActual]);
  const shownColumns = useReadOnlyColumns(columnDefs, isArchived(plan));

  const trend = useMemo(
    () =>
      trendOption(
        trendInput(metric, summary?.series ?? [], plan.project.start),
        markToday,
        envFor(env, 'trend'),
      ),
    [metric, summary, markToday, env, plan.project.start],
  );

  return (
    <div className="card actuals-card">
      <h3>{t('actuals.title', { name: metric.name })}</h3>
      <div className="actuals-layout">
        <div className="actuals-grid" data-testid="actuals-grid">
          <AgGridReact<PeriodRow>
            theme={gridTheme}
            localeText={gridLocale(i18n.language)}
            rowData={rows}
            columnDefs={shownColumns}
            getRowId={getRowId}
            stopEditingWhenCellsLoseFocus
          />
        </div>
        <div className="actuals-chart">
          <EChart
            option={trend}
            label={t('actuals.trend', { name: metric.name })}
            testId="chart-trend"
            empty={(summary?.series.length ?? 0) === 0 ? t('actuals.emptyTrend') : null}
            height={260}
          />
        </div>
      </div>
    </div>
  );
}
