/**
 * A chart of a printed report: drawn with ECharts' SVG renderer, so the PDF holds vectors (sharp
 * at any zoom, text as text), without animation or toolbox, in the report's own light colours
 * and font whatever the app's theme. Calls `onReady` once drawn.
 */
import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
} from 'echarts/components';
import { init, use as registerParts, type EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { echartsTheme, readChartFont, readChartTheme } from '../../components/charts/theme';

registerParts([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  AriaComponent,
  SVGRenderer,
]);

/**
 * The bars' hatching (decals) tells statuses apart in grey on screen; in a PDF each one becomes a
 * pattern that took Chromium's printer seconds per chart. Printed bars carry the status word
 * next to them (the label), which black-and-white printing needs anyway, so they go.
 */
function withoutDecals(option: EChartsCoreOption): EChartsCoreOption {
  const series = option.series;
  if (!Array.isArray(series)) return option;
  const strip = (item: unknown) => {
    if (!item || typeof item !== 'object' || !('itemStyle' in item)) return item;
    const { itemStyle, ...rest } = item as { itemStyle?: Record<string, unknown> };
    if (!itemStyle || !('decal' in itemStyle)) return item;
    const { decal: _decal, ...style } = itemStyle;
    return { ...rest, itemStyle: style };
  };
  return {
    ...option,
    series: series.map((s: Record<string, unknown>) => ({
      ...(strip(s) as Record<string, unknown>),
      ...(Array.isArray(s.data) ? { data: s.data.map(strip) } : {}),
    })),
  };
}

export function PrintChart({
  option,
  label,
  testId,
  height = 260,
  onReady,
}: {
  option: EChartsCoreOption;
  label: string;
  testId: string;
  height?: number;
  onReady?: () => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    // The report element carries the light palette and the shipped font (report.css).
    const scope = el.closest('.report') ?? document.documentElement;
    const chart = init(el, echartsTheme(readChartTheme(scope), readChartFont(scope)), { renderer: 'svg' });
    chart.setOption(withoutDecals({ ...option, animation: false, toolbox: undefined }));
    onReady?.();
    return () => chart.dispose();
  }, [option, onReady]);
  return (
    <figure className="report-chart" role="figure" aria-label={label} data-testid={testId}>
      <div ref={host} style={{ height, width: '100%' }} />
    </figure>
  );
}
