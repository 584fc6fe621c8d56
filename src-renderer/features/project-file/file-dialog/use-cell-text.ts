import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '../../../i18n/format';
import { useStore } from '../../../store';

/** A stored value as a person reads it: money in yuan, flags as 是/否, ids as the names known here. */
export function useCellText() {
  const { t, i18n } = useTranslation();
  const plan = useStore((s) => s.plan);
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of plan?.people ?? []) m.set(p.id, p.name);
    for (const x of plan?.modules ?? []) m.set(x.id, x.name);
    for (const x of plan?.tasks ?? []) m.set(x.id, `${x.code} ${x.name}`);
    return m;
  }, [plan]);
  return (column: string | null, value: string | number | null): string => {
    if (value === null || value === '') return t('projectFile.empty');
    if (column?.endsWith('_fen') && typeof value === 'number') return formatMoney(value, i18n.language);
    if (column?.endsWith('_c') && typeof value === 'number') return String(value / 100);
    if (column && ['milestone', 'blocked', 'goal_linked'].includes(column))
      return value ? t('projectFile.yes') : t('projectFile.no');
    if (column?.endsWith('_date') && typeof value === 'string') return formatDate(value, i18n.language);
    if (column?.endsWith('_id') && typeof value === 'string')
      return names.get(value) ?? t('projectFile.otherRecord');
    return String(value);
  };
}
