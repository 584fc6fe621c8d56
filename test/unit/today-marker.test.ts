/**
 * The 今天 tag of the time charts (Gantt, 进度 vs 时间, a metric's trend) must not cover the
 * chart's download icon nor the Gantt's date labels above the plot (issue 14, item 12). Each
 * option is rendered by ECharts itself (SVG, in Node) with the app's toolbox, and the tag's drawn
 * box is compared with the toolbox icon's box and the plot's top edge, with today in the middle
 * of the axis and at its right end (under the icon), in narrow and wide charts, zh-CN and en.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BarChart, CustomChart, LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import { chartLabels } from '../../src-renderer/components/charts/chart-labels';
import {
  ganttOption,
  sCurveOption,
  trendOption,
  type ChartOption,
  type ChartTheme,
  type GanttTask,
} from '../../src-renderer/components/charts/options';
import { chartToolbox, TOOLBOX_PLACE } from '../../src-renderer/components/charts/toolbox';
import { ROOT } from '../helpers/bridge';

use([
  BarChart,
  LineChart,
  CustomChart,
  GridComponent,
  LegendComponent,
  DataZoomComponent,
  MarkLineComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  SVGRenderer,
]);

function translate(language: string): (key: string) => string {
  const dir = join(ROOT, 'src-renderer/i18n/locales', language);
  const merged: Record<string, unknown> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')))
    Object.assign(merged, JSON.parse(readFileSync(join(dir, name), 'utf8')));
  return (key) => {
    const value = key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], merged);
    if (typeof value !== 'string') throw new Error(`missing ${language} text ${key}`);
    return value;
  };
}

const THEME: ChartTheme = {
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

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const meets = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Renders with the app's toolbox; returns the today tag's drawn box and the plot's top edge. */
function tagBox(option: ChartOption, width: number, height: number, word: string): Box {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption({ ...option, animation: false, toolbox: chartToolbox('x', 'save', '#fff') });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  // The tag is the rounded path drawn just before the text that starts with the word.
  const at = svg.indexOf(`>${word} `);
  expect(at, 'the today tag is drawn').toBeGreaterThan(0);
  const paths = [
    ...svg.slice(0, at).matchAll(/<path d="([^"]+)" transform="translate\(([-\d.]+) ([-\d.]+)\)"/g),
  ];
  const [, d, tx, ty] = paths[paths.length - 1]!;
  // Arc commands (A r r rot large sweep x y) break the pairing: keep only the M/L coordinates.
  const pairs = [...d!.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  return {
    left: Number(tx) + Math.min(...pairs.map((p) => p[0]!)) - 3,
    right: Number(tx) + Math.max(...pairs.map((p) => p[0]!)) + 3,
    top: Number(ty) + Math.min(...pairs.map((p) => p[1]!)),
    bottom: Number(ty) + Math.max(...pairs.map((p) => p[1]!)),
  };
}

/** Where the download icon is drawn: its item size inside the toolbox padding, at the top right. */
function iconBox(width: number): Box {
  const { right, top, itemSize, padding } = TOOLBOX_PLACE;
  return {
    left: width - right - padding - itemSize,
    right: width - right - padding,
    top: top + padding,
    bottom: top + padding + itemSize,
  };
}

const gridTop = (option: ChartOption) => (option.grid as { top: number }).top;

const TASKS: GanttTask[] = [
  { id: 't1', code: 'M001', name: '预热内容', start: '2024-05-01', end: '2024-05-10', progress: 100, milestone: false, moduleName: '社交媒体推广', status: 'done' }, // prettier-ignore
  { id: 't2', code: 'M002', name: '直播带货', start: '2024-05-15', end: '2024-07-31', progress: 50, milestone: false, moduleName: '社交媒体推广', status: 'in_progress' }, // prettier-ignore
];
const SALES = {
  name: '销量',
  kind: 'count' as const,
  unit: '台',
  targetC: 10_000_000,
  cumulative: true,
  series: [
    { periodStart: '2024-05-01', periodEnd: '2024-05-07', valueC: 1_200_000 },
    { periodStart: '2024-05-08', periodEnd: '2024-05-14', valueC: 2_500_000 },
  ],
};
const SCURVE = [
  { date: '2024-05-01', planned: 0, actual: 0 },
  { date: '2024-07-31', planned: 100, actual: null },
];

describe('the today tag', () => {
  for (const language of ['zh-CN', 'en'])
    for (const today of ['2024-06-15', '2024-07-30'])
      for (const [width, height] of [
        [460, 320],
        [960, 320],
      ] as const) {
        const labels = chartLabels(translate(language));
        const env = <T>(l: T) => ({ labels: l, theme: THEME, language });
        const charts: [string, ChartOption][] = [
          ['gantt', ganttOption(TASKS, today, env(labels.gantt))],
          ['s-curve', sCurveOption(SCURVE, today, env(labels.sCurve))],
          ['trend', trendOption(SALES, today, env(labels.trend))],
        ];
        for (const [name, option] of charts)
          it(`${name}, ${language}, today ${today}, ${width} px: inside the plot, clear of the download icon`, () => {
            const tag = tagBox(option, width, height, labels.gantt.today);
            // Inside the plot, below its top edge: the Gantt's date labels and the legend sit above it.
            expect(tag.top).toBeGreaterThanOrEqual(gridTop(option));
            expect(meets(tag, iconBox(width))).toBe(false);
            // And the icon itself sits above the plot, so no tag position inside it can reach it.
            expect(iconBox(width).bottom).toBeLessThan(gridTop(option));
          });
      }
});
