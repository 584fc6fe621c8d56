import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attention, Dashboard } from '../../../src-main/shared/tracking';
import { formatExact, type ValueKind } from '../../components/charts/format-values';
import { formatMoney } from '../../i18n/format';
import { useStore } from '../../store';
import type { ProjectTab } from '../../store/ui-slice';
import { periodLabel } from '../metrics/period-label';

/** 需要关注: the gaps found in the data, each a link to its row. */
export function AttentionList({
  dashboard,
  action,
}: {
  dashboard: Dashboard;
  /** A control after an item (e.g. 记为数据反馈), given the item and its words. */
  action?: (item: Attention, words: string) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const openTab = useStore((s) => s.openTab);
  const words = (item: Attention) => attentionWords(t, i18n.language, item);
  return (
    <div className="card attention" data-testid="attention">
      <h3>
        {t('attention.title')}
        <span className="count">{dashboard.kpis.attentionCount}</span>
      </h3>
      {dashboard.attention.length === 0 ? (
        <p className="muted">{t('attention.empty')}</p>
      ) : (
        <ul>
          {dashboard.attention.slice(0, 30).map((item) => (
            <li key={item.key} className={`attention-item ${item.severity}`} data-key={item.key}>
              <span className="severity-dot" aria-hidden="true" />
              <button
                className="link"
                onClick={() => openTab(item.target.tab as ProjectTab, item.target.rowId)}
              >
                {words(item)}
              </button>
              {action?.(item, words(item))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One attention item in words (the dashboard's list and the weekly report say it alike). */
export function attentionWords(t: TFunction, language: string, item: Attention): string {
  const p = item.params;
  const value = (v: unknown) =>
    typeof v === 'number'
      ? formatExact(v, (p.kind as ValueKind) ?? 'count', String(p.unit ?? ''), language)
      : '—';
  switch (item.kind) {
    case 'metric_behind':
      return t('attention.metric_behind', {
        name: p.name,
        target: value(p.proRatedC ?? p.targetC),
        actual: value(p.actualC),
      });
    case 'module_over_budget':
      return t('attention.module_over_budget', {
        name: p.name,
        spent: formatMoney(Number(p.spentFen), language),
        planned: formatMoney(Number(p.plannedFen), language),
      });
    case 'checkin_missed':
      return t('attention.checkin_missed', {
        ...p,
        period: periodLabel(t, 'week', String(p.periodStart), String(p.periodEnd), language),
      });
    default:
      return t(`attention.${item.kind}`, p);
  }
}
