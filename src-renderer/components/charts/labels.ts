/**
 * The charts' words for components: everything of chart-labels.ts (the pure part, also used by
 * the unit tests in Node) plus `useChartEnv`, which gives a dashboard the words, the colours of
 * the current theme and the language as one value that changes when any of them does:
 *
 *   const env = useChartEnv();
 *   const option = useMemo(() => targetVsActualOption(metrics, envFor(env, 'targetVsActual')), [metrics, env]);
 *   <EChart option={option} label={env.labels.targetVsActual.title} testId="chart-targets"
 *     empty={metrics.length ? null : env.labels.targetVsActual.empty} />
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { chartLabels, type ChartEnvAll } from './chart-labels';
import { useChartTheme } from './theme';

export * from './chart-labels';

export function useChartEnv(): ChartEnvAll {
  const { i18n } = useTranslation();
  const theme = useChartTheme();
  const language = i18n.language;
  // Fixed to the language in use, so the labels are rebuilt exactly when it changes.
  const labels = useMemo(() => chartLabels(i18n.getFixedT(language)), [i18n, language]);
  return useMemo(() => ({ labels, theme, language }), [labels, theme, language]);
}
