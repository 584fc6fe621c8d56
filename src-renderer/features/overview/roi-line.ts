/**
 * The one ROI the overview shows. The owner's own ROI metric wins when it has a value (it is the
 * figure they report, e.g. 240%), named as theirs; otherwise the ROI computed from what was
 * recorded, with how it was computed — (销售额 − 预算花费) ÷ 预算花费 and both amounts — so it
 * can never stand as an unexplained figure beside a different one.
 */
import type { TFunction } from 'i18next';
import type { Dashboard, Metric } from '../../../src-main/shared/tracking';
import { formatExact, formatPercentNumber } from '../../components/charts/format-values';

export function roiLine(
  dashboard: Pick<Dashboard, 'roi' | 'revenueC' | 'costFen' | 'metrics'>,
  metrics: readonly Pick<Metric, 'id' | 'preset' | 'name'>[],
  t: TFunction,
  language: string,
): string | null {
  const own = metrics.find((m) => m.preset === 'roi');
  const ownValue = own && dashboard.metrics.find((m) => m.id === own.id)?.actualC;
  if (own && ownValue != null) {
    return t('dashboard.roiOwn', {
      value: formatExact(ownValue, 'percent', '%', language),
      name: own.name,
    });
  }
  if (dashboard.roi === null || dashboard.revenueC === null) return null;
  return t('dashboard.roiComputed', {
    value: formatPercentNumber(dashboard.roi * 100, language),
    revenue: formatExact(dashboard.revenueC, 'money', '', language),
    cost: formatExact(dashboard.costFen, 'money', '', language),
  });
}
