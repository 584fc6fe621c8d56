/**
 * The app side of the benchmark's trend chart: the app's own <EChart> with the app's trendOption
 * (the 概览 trend card) for one metric of `days` daily values, at the size the card has on the
 * dashboard. Built with vite by test/bench/perf.bench.ts and served with the app's CSP (no eval).
 * `performance.mark('chart-start')` is taken just before React renders the chart; the benchmark's
 * probe (test/bench/chart-probes.ts) times from there until the chart is drawn and settled.
 * `window.__trendAgain(mark)` renders it once more in the same page (the code warm).
 */
import { useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { EChart } from '../../../src-renderer/components/charts/EChart';
import { envFor, useChartEnv } from '../../../src-renderer/components/charts/labels';
import { trendOption, type TrendMetric } from '../../../src-renderer/components/charts/options';
import { initI18n } from '../../../src-renderer/i18n';
import '../../../src-renderer/styles.css';
import { dailySeries, pageParams, startIntl } from './series';

const { days, width, height, today } = pageParams(window.location.search);
const metric: TrendMetric = {
  name: '支付GMV',
  kind: 'money',
  unit: '元',
  targetC: 1_500_000_000,
  series: dailySeries(days, today),
};

initI18n();
startIntl(navigator.language);
document.documentElement.dataset.theme = 'light';

function Trend() {
  const env = useChartEnv();
  const option = useMemo(() => {
    const start = performance.now();
    const built = trendOption(metric, today, envFor(env, 'trend'));
    performance.measure('trend-option', { start, end: performance.now() });
    return built;
  }, [env]);
  return (
    <div style={{ width }}>
      <EChart option={option} label={metric.name} testId="chart-trend" empty={null} height={height} />
    </div>
  );
}

const root = createRoot(document.getElementById('root') as HTMLElement);
let round = 0;
/** Marks `mark`, then renders the chart (again: a new element and instance, the old one disposed). */
function show(mark: string) {
  performance.mark(mark);
  root.render(<Trend key={round++} />);
}
(window as Window & { __trendAgain?: (mark: string) => void }).__trendAgain = show;
show('chart-start');
