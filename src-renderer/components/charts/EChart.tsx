/**
 * One ECharts chart in React. Registers only the ECharts parts the dashboard uses (tree-shaken
 * bundle), themes the chart from the CSS variables and re-themes it when `data-theme` changes,
 * follows its container's size, and disposes of the chart on unmount.
 *
 * End-to-end tests read a chart through its element: the element with `data-testid={testId}`
 * carries the ECharts instance as `element.echartsInstance`, so
 *   page.getByTestId('chart-targets').evaluate((el) => el.echartsInstance.getOption())
 * returns the option as ECharts holds it (functions dropped by the serialisation). It is
 * undefined while the chart shows its empty state.
 */
import { useEffect, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart, CustomChart, FunnelChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
} from 'echarts/components';
// Renamed: a bare `use(...)` reads as React's use() hook to the linter.
import { init, use as registerParts, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { ANIMATION_MS } from './options/common';
import { echartsTheme, readChartFont, readChartTheme, useChartTheme } from './theme';
import { chartToolbox } from './toolbox';

registerParts([
  BarChart,
  LineChart,
  CustomChart,
  FunnelChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  MarkLineComponent,
  MarkPointComponent,
  ToolboxComponent,
  TitleComponent,
  AriaComponent,
  CanvasRenderer,
]);

/** The element of a chart, as end-to-end tests see it. */
export interface ChartElement extends HTMLDivElement {
  echartsInstance?: ECharts;
}

export interface EChartProps {
  option: EChartsCoreOption;
  /** The accessible name of the chart (and the file name of the saved PNG). */
  label: string;
  testId: string;
  /** When not null, this sentence (what to enter to get the chart) is shown instead. */
  empty: string | null;
  /** Pixels; the width follows the container. */
  height?: number;
}

/** Caps a configured duration at ui.md's 300 ms (functions, per data item, are left alone). */
function capped<T>(value: T | number | undefined): T | number {
  return typeof value === 'number' ? Math.min(value, ANIMATION_MS) : (value ?? ANIMATION_MS);
}

/** What ECharts reads from a data item of a line or bar series besides its value. */
const ITEM_OPTION_KEYS = new Set([
  'name',
  'id',
  'groupId',
  'itemStyle',
  'lineStyle',
  'label',
  'labelLine',
  'emphasis',
  'blur',
  'select',
  'selected',
  'tooltip',
  'decal',
  'symbol',
  'symbolSize',
  'symbolRotate',
  'symbolKeepAspect',
  'symbolOffset',
]);

/**
 * The builders keep each point's facts next to its value (dates, the exact figure: for tooltips
 * and tests). ECharts treats any object in `data` as an item with its own options and then reads
 * an item model for every point as it draws — twice the work of the chart for a trend of 365
 * days. A line or bar series whose items carry nothing of their own for ECharts is handed the
 * bare values, drawn the same.
 */
function leanSeries(series: unknown): unknown {
  if (!Array.isArray(series)) return series;
  return series.map((s: { type?: string; data?: unknown }) => {
    if ((s.type !== 'line' && s.type !== 'bar') || !Array.isArray(s.data)) return s;
    const items = s.data as unknown[];
    const plain = items.every(
      (d) =>
        d === null ||
        typeof d !== 'object' ||
        Array.isArray(d) ||
        ('value' in d && !Object.keys(d).some((k) => ITEM_OPTION_KEYS.has(k))),
    );
    if (!plain) return s;
    return {
      ...s,
      data: items.map((d) =>
        d && typeof d === 'object' && !Array.isArray(d) ? (d as { value: unknown }).value : d,
      ),
    };
  });
}

/**
 * What every chart gets on top of its builder's option: the 300 ms cap, ECharts' own aria
 * description of the data (for screen readers), the save-as-PNG button with our words, and the
 * lean data of leanSeries.
 */
function decorate(
  option: EChartsCoreOption,
  label: string,
  saveTitle: string,
  background: string,
): EChartsCoreOption {
  return {
    ...option,
    ...(option.series ? { series: leanSeries(option.series) } : {}),
    animationDuration: capped(option.animationDuration),
    animationDurationUpdate: capped(option.animationDurationUpdate),
    aria: { enabled: true, ...(option.aria as object | undefined) },
    toolbox: chartToolbox(label, saveTitle, background),
  };
}

const emptyStyle: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  padding: '0 24px',
  textAlign: 'center',
  color: 'var(--fg-muted)',
  border: '1px dashed var(--border)',
  borderRadius: 6,
};

export function EChart({ option, label, testId, empty, height = 320 }: EChartProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const theme = useChartTheme();
  const wrapperRef = useRef<ChartElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);
  const isEmpty = empty !== null;

  // The chart lives as long as its element, and is created again for another language: ECharts
  // takes its locale (toolbox, aria wording) at init only.
  useEffect(() => {
    const host = canvasRef.current;
    const wrapper = wrapperRef.current;
    if (isEmpty || !host || !wrapper) return;
    const chart = init(host, echartsTheme(readChartTheme(), readChartFont()), {
      renderer: 'canvas',
      locale: language.startsWith('zh') ? 'ZH' : 'EN',
    });
    chartRef.current = chart;
    wrapper.echartsInstance = chart;
    // One resize per frame however many size changes the layout reports, and none for the report
    // every observer makes when it starts (the chart was just laid out at that very size).
    let frame = 0;
    let size = `${host.clientWidth}x${host.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const now = `${host.clientWidth}x${host.clientHeight}`;
      if (now === size) return;
      size = now;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => chart.resize());
    });
    observer.observe(host);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      chartRef.current = null;
      delete wrapper.echartsInstance;
      // ECharts can trip over its own half-built views here after a failed setOption (seen with
      // dataZoom); unmounting must not take the page down with it.
      try {
        chart.dispose();
      } catch (e) {
        console.error('chart dispose failed', e);
      }
    };
  }, [isEmpty, language]);

  // Theme switch: the same chart takes the new theme (axes, legend, tooltip, dataZoom); the
  // option, whose series carry status colours, follows from the caller with the new colours.
  useEffect(() => {
    chartRef.current?.setTheme(echartsTheme(theme, readChartFont()));
  }, [theme]);

  // A new option replaces the old one entirely: merging would keep parts the new one left out
  // (a target line after the target was cleared). Callers memoise the option.
  const saveTitle = t('charts.saveAsImage');
  useEffect(() => {
    try {
      chartRef.current?.setOption(decorate(option, label, saveTitle, theme.bg), { notMerge: true });
    } catch (e) {
      // A bad option costs this chart, not the dashboard (and shows up in the console, where the
      // end-to-end tests look for problems).
      console.error(`chart ${testId}: option refused`, e);
    }
  }, [option, label, saveTitle, theme.bg, language, isEmpty, testId]);

  return (
    <div
      ref={wrapperRef}
      data-testid={testId}
      data-empty={isEmpty ? 'true' : undefined}
      role="figure"
      aria-label={label}
      className="echart"
      style={{ height, position: 'relative', ...(isEmpty ? emptyStyle : null) }}
    >
      {isEmpty ? (
        <p style={{ margin: 0 }}>{empty}</p>
      ) : (
        <div ref={canvasRef} style={{ width: '100%', height: '100%' }} />
      )}
    </div>
  );
}
