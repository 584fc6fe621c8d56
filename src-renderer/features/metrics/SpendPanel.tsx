/** Money actually spent (预算花费), by module and task, against the budgets planned in Table 2. */
import { useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GetRowIdParams, ValueSetterParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { Spend } from '../../../src-main/shared/tracking';
import { parseAmountText } from '../../../src-main/shared/cell-parse';
import { fenToYuanText, todayIso } from '../../../src-main/shared/values';
import { isArchived, useReadOnlyColumns } from '../../components/read-only';
import { gridLocale, gridTheme } from '../../components/grid-setup';
import { campaignYear, formatCellDate, formatMoney } from '../../i18n/format';
import { useStore } from '../../store';
import type { Plan } from '../../store/plan-slice';
import { selectSpend } from '../../store/metrics-slice';

const getRowId = (p: GetRowIdParams<Spend>) => p.data.id;
const SINGLE = { mode: 'singleRow', checkboxes: false, enableClickSelection: true } as const;

export function SpendPanel({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const spend = useStore(selectSpend);
  const addSpend = useStore((s) => s.addSpend);
  const editSpend = useStore((s) => s.editSpend);
  const deleteSpend = useStore((s) => s.deleteSpend);
  const [selected, setSelected] = useState<string | null>(null);

  const columnDefs = useMemo((): ColDef<Spend>[] => {
    const modules = new Map(plan.modules.map((m) => [m.id, m.name]));
    const codes = new Map(plan.tasks.map((x) => [x.id, x.code]));
    const ids = new Map(plan.tasks.map((x) => [x.code, x.id]));
    /** A refusal says what is wrong with the value ("金额不能为负数", "没有任务 M404"). */
    type Refusal = { reason: string; params?: Record<string, string | number> };
    const setter = (toPatch: (v: unknown) => Partial<Spend> | Refusal) => ({
      editable: true,
      valueSetter: (p: ValueSetterParams<Spend>) => {
        const patch = toPatch(p.newValue);
        if ('reason' in patch && typeof patch.reason === 'string')
          useStore.getState().showNotice({ error: { code: 'invalid_input', ...(patch as Refusal) } });
        else if (p.data) void editSpend(p.data.id, patch as Partial<Spend>);
        return false;
      },
    });
    return [
      {
        ...setter((v) => (v ? { date: String(v) } : { reason: 'required' })),
        field: 'date',
        headerName: t('spend.date'),
        width: 120,
        cellDataType: false,
        cellEditor: 'agDateStringCellEditor',
        valueFormatter: (p) =>
          formatCellDate(p.value as string | null, i18n.language, campaignYear(plan.project)),
      },
      {
        ...setter((v) => ({ moduleId: v ? String(v) : null })),
        field: 'moduleId',
        headerName: t('spend.module'),
        width: 140,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: ['', ...modules.keys()] },
        valueFormatter: (p) => (p.value ? (modules.get(String(p.value)) ?? '?') : '—'),
      },
      {
        ...setter((v) => {
          const code = String(v ?? '')
            .trim()
            .toUpperCase();
          if (!code) return { taskId: null };
          return ids.has(code)
            ? { taskId: ids.get(code)! }
            : { reason: 'unknown_task_code', params: { code } };
        }),
        colId: 'task',
        headerName: t('spend.task'),
        width: 100,
        valueGetter: (p) => (p.data?.taskId ? (codes.get(p.data.taskId) ?? '?') : ''),
      },
      {
        ...setter((v) => {
          // The same amounts as everywhere else: 1800, ¥1,800.00, 180万.
          const parsed = parseAmountText(String(v ?? ''));
          if (!parsed.ok) return { reason: parsed.reason, params: parsed.params };
          return parsed.value === null ? { reason: 'required' } : { amountFen: parsed.value };
        }),
        colId: 'amount',
        headerName: t('spend.amount'),
        width: 140,
        type: 'rightAligned',
        valueGetter: (p) => (p.data ? fenToYuanText(p.data.amountFen) : ''),
        valueFormatter: (p) => (p.data ? formatMoney(p.data.amountFen, i18n.language) : ''),
      },
      {
        ...setter((v) => ({ note: String(v ?? '') })),
        field: 'note',
        headerName: t('spend.note'),
        flex: 1,
        minWidth: 120,
      },
    ];
  }, [t, i18n.language, plan.modules, plan.tasks, plan.project, editSpend]);
  const archived = isArchived(plan);
  const shownColumns = useReadOnlyColumns(columnDefs, archived);

  const total = (spend ?? []).reduce((sum, s) => sum + s.amountFen, 0);
  return (
    <div className="card spend-card">
      <div className="toolbar inline">
        <h3>{t('spend.title')}</h3>
        <button
          className="primary"
          disabled={archived}
          onClick={() => void addSpend({ date: todayIso(), amountFen: 0 })}
          data-testid="add-spend"
        >
          + {t('spend.add')}
        </button>
        <button
          disabled={!selected || archived}
          onClick={() => selected && void deleteSpend(selected).then(() => setSelected(null))}
        >
          {t('spend.delete')}
        </button>
        <span className="toolbar-spacer" />
        <span className="muted">{t('spend.total', { amount: formatMoney(total, i18n.language) })}</span>
      </div>
      <div className="spend-grid" data-testid="spend-grid">
        <AgGridReact<Spend>
          theme={gridTheme}
          localeText={gridLocale(i18n.language)}
          rowData={spend ?? []}
          columnDefs={shownColumns}
          getRowId={getRowId}
          rowSelection={SINGLE}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0]?.id ?? null)}
          stopEditingWhenCellsLoseFocus
        />
      </div>
    </div>
  );
}
