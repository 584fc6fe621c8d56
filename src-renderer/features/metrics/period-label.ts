import type { TFunction } from 'i18next';
import { isoWeek } from '../../../src-main/shared/metrics-logic';
import type { Cycle } from '../../../src-main/shared/tracking';
import { formatDate } from '../../i18n/format';

/** A tracking period as the owner reads it: 第18周 (5/1–5/7), 2024年5月, 5月1日. */
export function periodLabel(
  t: TFunction,
  cycle: Cycle,
  start: string,
  end: string,
  language: string,
): string {
  const short = (d: string) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;
  if (cycle === 'week')
    return t('periods.week', { week: isoWeek(start).week, range: `${short(start)}–${short(end)}` });
  if (cycle === 'month')
    return t('periods.month', { year: start.slice(0, 4), month: Number(start.slice(5, 7)) });
  return formatDate(start, language, false);
}
