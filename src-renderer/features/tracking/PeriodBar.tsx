/**
 * The tracking period of Table 1 (the template's weekly update): pick an earlier period to read
 * Table 1 as it stood then, or open the next period, which keeps the current one as history.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { periodAfter, periodOf } from '../../../src-main/shared/metrics-logic';
import { todayIso } from '../../../src-main/shared/values';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDate } from '../../i18n/format';
import { useStore } from '../../store';
import { useMetrics } from '../../store/use-metrics';
import { periodLabel } from '../metrics/period-label';

export function PeriodBar() {
  const { t, i18n } = useTranslation();
  const periods = useMetrics()?.periods ?? [];
  const snapshot = useStore((s) => s.snapshot);
  const showPeriod = useStore((s) => s.showPeriod);
  const openPeriod = useStore((s) => s.openPeriod);
  const cycle = useStore((s) => s.plan?.project.trackingCycle) ?? 'week';
  const [asking, setAsking] = useState(false);
  const current = periods.at(-1);
  const today = todayIso();
  // What the click would open, named before it is opened (the service opens exactly this one).
  const next = current ? periodAfter(current, cycle) : periodOf(today, cycle);
  const ahead = next.start > today;
  const label = (p: { start: string; end: string }) => periodLabel(t, cycle, p.start, p.end, i18n.language);
  const shown = snapshot?.periodId ?? current?.id ?? '';
  return (
    <div className="period-bar" data-testid="period-bar">
      {periods.length > 0 && (
        <label>
          {t('periods.label')}
          {t('app.colon')}
          <select value={shown} onChange={(e) => void showPeriod(e.target.value)} data-testid="period-select">
            {[...periods].reverse().map((p) => (
              <option key={p.id} value={p.id}>
                {periodLabel(t, p.cycle, p.start, p.end, i18n.language)}{' '}
                {p.closedAt ? t('periods.closed') : t('periods.current')}
              </option>
            ))}
          </select>
        </label>
      )}
      {snapshot ? (
        <>
          <span className="period-readonly">{t('periods.readOnly')}</span>
          <button onClick={() => void showPeriod(null)}>{t('periods.backToCurrent')}</button>
        </>
      ) : (
        <button onClick={() => setAsking(true)} data-testid="open-period">
          {periods.length ? t('periods.open') : t('periods.openFirst')}
        </button>
      )}
      {asking && (
        <ConfirmDialog
          title={periods.length ? t('periods.open') : t('periods.openFirst')}
          body={[
            current && !current.closedAt
              ? t('periods.confirmClose', {
                  current: periodLabel(t, current.cycle, current.start, current.end, i18n.language),
                  next: label(next),
                })
              : t('periods.confirmOpen', { next: label(next) }),
            ahead
              ? t('periods.confirmAhead', {
                  next: label(next),
                  start: formatDate(next.start, i18n.language, false),
                })
              : '',
          ]
            .filter(Boolean)
            .join(' ')}
          confirmLabel={
            ahead ? t('periods.openAhead') : periods.length ? t('periods.open') : t('periods.openFirst')
          }
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            void openPeriod(ahead);
          }}
        />
      )}
    </div>
  );
}
