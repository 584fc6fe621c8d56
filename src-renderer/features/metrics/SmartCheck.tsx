/**
 * The SMART check of the goal, each missing letter with what would satisfy it and a link to that
 * field: S → 目标描述, M → a metric's 关联目标, A → its 基线值, R → its 归属, T → its 目标日期 (or the
 * campaign's period when that is not set). The owner never has to guess what "缺少 A" asks for.
 */
import { useTranslation } from 'react-i18next';
import type { SmartLetter } from '../../../src-main/shared/metrics-logic';
import type { Metric } from '../../../src-main/shared/tracking';
import { useStore } from '../../store';
import type { Plan } from '../../store/plan-slice';

/** Where a letter is satisfied: a field of the strategy form, or a metric's cell. */
type Place = { form: string } | { metricId: string; colId: string };

export function smartPlace(letter: SmartLetter, plan: Plan, metrics: readonly Metric[]): Place {
  const measured = metrics.find((m) => m.goalLinked && m.targetC !== null);
  const first = measured ?? metrics[0];
  switch (letter) {
    case 'S':
      return { form: 'strategy-goal' };
    case 'M':
      return first
        ? { metricId: first.id, colId: measured ? 'targetC' : 'goalLinked' }
        : { form: 'add-metric' };
    case 'A':
      return first ? { metricId: first.id, colId: 'baselineC' } : { form: 'add-metric' };
    case 'R':
      return first ? { metricId: first.id, colId: 'scope' } : { form: 'add-metric' };
    case 'T':
      if (!plan.project.start || !plan.project.end)
        return { form: plan.project.start ? 'strategy-end' : 'strategy-start' };
      return first ? { metricId: first.id, colId: 'targetDate' } : { form: 'add-metric' };
  }
}

export function SmartCheck({
  missing,
  plan,
  metrics,
  focusMetricCell,
}: {
  missing: readonly SmartLetter[];
  plan: Plan;
  metrics: readonly Metric[];
  focusMetricCell(metricId: string, colId: string): void;
}) {
  const { t } = useTranslation();
  const openTab = useStore((s) => s.openTab);
  if (missing.length === 0) {
    return (
      <span className="smart-check ok" data-testid="smart-check" title={t('metrics.smartHint')}>
        {t('metrics.smartOk')}
      </span>
    );
  }
  const go = (place: Place) => {
    if ('metricId' in place) return focusMetricCell(place.metricId, place.colId);
    if (place.form === 'add-metric') return document.getElementById('add-metric')?.focus();
    openTab('goalTeam', place.form); // StrategyForm focuses the field
  };
  return (
    <span className="smart-check warn" data-testid="smart-check" title={t('metrics.smartHint')}>
      {t('metrics.smartMissingLead')}
      {missing.map((letter) => (
        <button
          key={letter}
          className="link smart-need"
          data-letter={letter}
          onClick={() => go(smartPlace(letter, plan, metrics))}
        >
          {t(`metrics.smartNeed.${letter}`)}
        </button>
      ))}
    </span>
  );
}
