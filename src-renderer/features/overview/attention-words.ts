/**
 * An attention item in words. One number style for the whole list (it is a card: compact, as
 * ui.md asks for cards — 2300万次, ¥23万, 13.3万人), counts rounded to whole units first (no
 * 133,333.33人 of a pro-rated target), and the exact figures in `exact` for the tooltip. The
 * pro-rated figure is called 按进度应达 (due by now), never 目标, which is the final target.
 */
import type { TFunction } from 'i18next';
import type { Attention } from '../../../src-main/shared/tracking';
import { formatCompact, formatExact, type ValueKind } from '../../components/charts/format-values';
import { periodLabel } from '../metrics/period-label';

/** A count's hundredths rounded to whole units: 13,333,333 (133,333.33人) → 13,333,300. */
export function wholeUnits(valueC: number, kind: ValueKind): number {
  return kind === 'count' ? Math.round(valueC / 100) * 100 : valueC;
}

export function attentionWords(
  item: Attention,
  t: TFunction,
  language: string,
): { text: string; exact: string } {
  const p = item.params;
  const kind = (p.kind as ValueKind | undefined) ?? 'count';
  const unit = String(p.unit ?? '');
  const compact = (v: unknown) =>
    typeof v === 'number' ? formatCompact(wholeUnits(v, kind), kind, unit, language) : '—';
  const exactOf = (v: unknown) =>
    typeof v === 'number' ? formatExact(wholeUnits(v, kind), kind, unit, language) : '—';
  const money = (v: unknown, f: typeof compact) =>
    typeof v === 'number' ? (f === compact ? formatCompact : formatExact)(v, 'money', '', language) : '—';
  const say = (f: typeof compact) => {
    switch (item.kind) {
      case 'metric_behind': {
        const target = Number(p.targetC);
        const due = typeof p.proRatedC === 'number' ? p.proRatedC : target;
        // Before the target date the status was judged on the pro-rated figure: name it so.
        return due !== target
          ? t('attention.metric_behind_prorated', {
              name: p.name,
              due: f(due),
              actual: f(p.actualC),
              target: f(target),
            })
          : t('attention.metric_behind', { name: p.name, target: f(target), actual: f(p.actualC) });
      }
      case 'module_over_budget':
        return t('attention.module_over_budget', {
          name: p.name,
          spent: money(p.spentFen, f),
          planned: money(p.plannedFen, f),
        });
      case 'checkin_missed':
        return t('attention.checkin_missed', {
          ...p,
          period: periodLabel(t, 'week', String(p.periodStart), String(p.periodEnd), language),
        });
      case 'task_overdue':
        // task_overdue_one / _other: "1 day", "3 days".
        // Counted up to the campaign's end once it is over (campaignEnd), and said so.
        return t(`attention.${p.campaignEnd ? 'task_overdue_ended' : item.kind}`, {
          ...p,
          count: Number(p.daysOverdue),
        });
      default:
        return t(`attention.${item.kind}`, p);
    }
  };
  return { text: say(compact), exact: say(exactOf) };
}
