/**
 * The charts' colours come from the same CSS variables as the grid (styles.css), so a chart,
 * the grid and the report agree in light and dark. `readChartTheme` reads them from the document;
 * `echartsTheme` turns them into an ECharts theme (axes, legend, tooltip, dataZoom …);
 * `useChartTheme` gives the colours to React and changes when `data-theme` does.
 */
import { useSyncExternalStore } from 'react';
import type { ChartTheme } from './options/common';

/** CSS variable → ChartTheme field. */
const VARIABLES: Record<keyof ChartTheme, string> = {
  ok: '--ok',
  warn: '--warn',
  behind: '--behind',
  done: '--done',
  idle: '--idle',
  fg: '--fg',
  muted: '--fg-muted',
  border: '--border',
  accent: '--accent',
  bg: '--bg',
};

/** The light theme's values: what a chart uses if the stylesheet has not loaded (never blank). */
const FALLBACK: ChartTheme = {
  ok: '#2ea121',
  warn: '#de7802',
  behind: '#d83931',
  done: '#6b7fa8',
  idle: '#bbbfc4',
  fg: '#1f2329',
  muted: '#646a73',
  border: '#dee0e3',
  accent: '#3370ff',
  bg: '#ffffff',
};
const FALLBACK_FONT = 'system-ui, sans-serif';

export function readChartTheme(root: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(root);
  const theme = { ...FALLBACK };
  for (const [key, variable] of Object.entries(VARIABLES) as [keyof ChartTheme, string][]) {
    const value = style.getPropertyValue(variable).trim();
    if (value) theme[key] = value;
  }
  return theme;
}

export function readChartFont(root: Element = document.documentElement): string {
  return getComputedStyle(root).getPropertyValue('--font').trim() || FALLBACK_FONT;
}

/** "#3370ff" with an alpha, for fills that must not hide what is under them (no gradients). */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return color;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** An ECharts theme from the colours: the defaults every chart inherits. */
export function echartsTheme(theme: ChartTheme, font: string): Record<string, unknown> {
  const axis = {
    axisLine: { lineStyle: { color: theme.border } },
    axisTick: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.border, type: 'solid' } },
    nameTextStyle: { color: theme.muted },
  };
  return {
    color: [theme.accent, theme.ok, theme.warn, theme.behind, theme.done, theme.idle],
    // The page's background shows through, so the chart sits on the card it is placed on.
    backgroundColor: 'transparent',
    textStyle: { color: theme.fg, fontFamily: font },
    title: {
      textStyle: { color: theme.fg, fontSize: 14, fontWeight: 600, fontFamily: font },
      subtextStyle: { color: theme.muted },
    },
    legend: { textStyle: { color: theme.fg }, inactiveColor: theme.idle },
    tooltip: {
      backgroundColor: theme.bg,
      borderColor: theme.border,
      borderWidth: 1,
      textStyle: { color: theme.fg, fontFamily: font, fontSize: 12 },
      extraCssText: 'box-shadow: 0 2px 8px rgba(0, 0, 0, 0.18);',
      axisPointer: {
        lineStyle: { color: theme.muted },
        shadowStyle: { color: withAlpha(theme.muted, 0.12) },
      },
    },
    categoryAxis: axis,
    valueAxis: axis,
    timeAxis: axis,
    logAxis: axis,
    dataZoom: {
      borderColor: theme.border,
      backgroundColor: 'transparent',
      fillerColor: withAlpha(theme.accent, 0.15),
      textStyle: { color: theme.muted },
      handleStyle: { color: theme.bg, borderColor: theme.muted },
      moveHandleStyle: { color: theme.border },
      dataBackground: {
        lineStyle: { color: theme.border },
        areaStyle: { color: withAlpha(theme.muted, 0.15) },
      },
      selectedDataBackground: {
        lineStyle: { color: theme.accent },
        areaStyle: { color: withAlpha(theme.accent, 0.2) },
      },
      emphasis: { handleStyle: { borderColor: theme.accent } },
    },
    toolbox: {
      iconStyle: { borderColor: theme.muted },
      emphasis: { iconStyle: { borderColor: theme.accent, textFill: theme.fg } },
    },
    markLine: { label: { color: theme.fg } },
    funnel: { itemStyle: { borderColor: theme.bg } },
  };
}

// ---- React: the colours, re-read when the theme switches -----------------------------------------

let cachedKey: string | undefined | null = null;
let cached: ChartTheme = FALLBACK;

/** The colours for the current `data-theme`, read once per switch (getComputedStyle is costly). */
function snapshot(): ChartTheme {
  const key = document.documentElement.dataset.theme;
  if (key !== cachedKey) {
    cachedKey = key;
    cached = readChartTheme();
  }
  return cached;
}

/** Calls `onChange` whenever `data-theme` on <html> changes (the app's theme switch sets it). */
export function subscribeTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/** The chart colours of the current theme; a new object after each theme switch. */
export function useChartTheme(): ChartTheme {
  return useSyncExternalStore(subscribeTheme, snapshot);
}
