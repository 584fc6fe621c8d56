/**
 * The tracking period of Table 1 (the template's weekly update): pick an earlier period to read
 * Table 1 as it stood then, or open the next period, which keeps the current one as history.
 */
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { useTracking } from '../../store/use-tracking';
import { periodLabel } from '../metrics/period-label';

export function PeriodBar() {
  const { t, i18n } = useTranslation();
  const periods = useTracking()?.periods ?? [];
  const snapshot = useStore((s) => s.snapshot);
  const showPeriod = useStore((s) => s.showPeriod);
  const openPeriod = useStore((s) => s.openPeriod);
  const current = periods.at(-1);
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
        <button onClick={() => void openPeriod()} data-testid="open-period">
          {periods.length ? t('periods.open') : t('periods.openFirst')}
        </button>
      )}
    </div>
  );
}
