/**
 * The floor of the benchmark's trend chart: bare ECharts (core, line chart, grid, canvas) drawing
 * the same `days` points as a plain line, in a box of the same size, with the app's animation
 * length (300 ms) so that both settle alike. No React, no theme, no labels, tooltip or marks.
`window.__trendAgain(mark)` draws it once more in the same page (the code warm).
 */
import { LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { init, use as registerParts, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { dailySeries, pageParams, startIntl } from './series';

registerParts([LineChart, GridComponent, CanvasRenderer]);

const { days, width, height, today } = pageParams(window.location.search);
const series = dailySeries(days, today);
startIntl(navigator.language);

const host = document.createElement('div') as HTMLDivElement & { echartsInstance?: ECharts };
host.dataset.testid = 'chart-trend';
host.style.width = `${width}px`;
host.style.height = `${height}px`;
document.getElementById('root')!.append(host);

let chart: ECharts | null = null;
/** Marks `mark`, then draws the chart (again: the old instance disposed, a new one). */
function show(mark: string) {
  performance.mark(mark);
  chart?.dispose();
  chart = init(host);
  host.echartsInstance = chart;
  chart.setOption({
    animationDuration: 300,
    xAxis: { type: 'time' },
    yAxis: { type: 'value' },
    series: [{ type: 'line', data: series.map((p) => [Date.parse(`${p.periodEnd}T00:00:00Z`), p.valueC]) }],
  });
}
(window as Window & { __trendAgain?: (mark: string) => void }).__trendAgain = show;
show('chart-start');
