/**
 * The chart option builders of the 概览 dashboard: each option holds the values it was given, in
 * the colours of the status palette, with the today line where it belongs — and ECharts accepts
 * it. Every option (including those of empty inputs) is rendered by ECharts itself, server-side
 * to SVG in Node, which also runs the axis formatters and the Gantt's renderItem.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BarChart, CustomChart, FunnelChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { proRatedTargetC } from '../../src-main/shared/metrics-logic';
import { describe, expect, it } from 'vitest';
import {
  formatAxisValue,
  formatCompact,
  formatExact,
  formatPercentNumber,
} from '../../src-renderer/components/charts/format-values';
import { chartLabels, type ChartLabels } from '../../src-renderer/components/charts/chart-labels';
import {
  budgetOption,
  funnelOption,
  ganttOption,
  moduleProgressOption,
  sCurveOption,
  targetVsActualOption,
  trendOption,
  type ChartEnv,
  type ChartOption,
  type ChartTheme,
  type GanttItem,
  type GanttTask,
  type MetricBarItem,
  type MetricTarget,
} from '../../src-renderer/components/charts/options';
import { ROOT } from '../helpers/bridge';

use([
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
  TitleComponent,
  AriaComponent,
  SVGRenderer,
]);

/** What ECharts draws for an option (server-side rendering, no DOM). Throws what ECharts throws. */
function render(option: ChartOption, width = 800, height = 420): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The zh-CN words as the app loads them (all locale files of the language merged). */
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
const ZH = chartLabels(translate('zh-CN'));
const EN = chartLabels(translate('en'));
function env<K extends keyof ChartLabels>(chart: K, language = 'zh-CN'): ChartEnv<ChartLabels[K]> {
  return { labels: (language === 'en' ? EN : ZH)[chart], theme: THEME, language };
}

const TODAY = '2024-06-20';
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

// ECharts' option types are unions over every form an option may take; the tests read one form.
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const seriesOf = (option: ChartOption): Loose[] => option.series as Loose[];
const axis = (option: ChartOption, which: 'xAxis' | 'yAxis'): Loose => option[which] as Loose;
/** The today line of a series' markLine, if any. */
const todayIn = (series: Loose) =>
  (series.markLine?.data as Loose[] | undefined)?.find((d) => d.xAxis !== undefined);

describe('format-values', () => {
  it('formats hundredths exactly by kind', () => {
    expect(formatExact(325, 'percent', '%', 'zh-CN')).toBe('3.25%');
    expect(formatExact(300, 'percent', '%', 'zh-CN')).toBe('3%');
    expect(formatExact(1_230_000, 'money', '元', 'zh-CN')).toBe('¥12,300.00');
    expect(formatExact(4_000_000, 'count', '台', 'zh-CN')).toBe('4万台');
    // Compact only when lossless: 41,234 is not rounded to 4.12万.
    expect(formatExact(4_123_400, 'count', '台', 'zh-CN')).toBe('41,234台');
    expect(formatExact(4_000_000, 'count', 'units', 'en')).toBe('40K units');
    expect(formatExact(-120_000, 'money', '', 'zh-CN')).toBe('\u2212¥1,200.00');
  });

  it('writes compact Chinese numbers for axes and labels', () => {
    expect(formatAxisValue(10_000_000, 'count', 'zh-CN')).toBe('10万');
    expect(formatAxisValue(12_000_000_000, 'count', 'zh-CN')).toBe('1.2亿');
    expect(formatAxisValue(10_000_000, 'money', 'zh-CN')).toBe('¥10万');
    expect(formatAxisValue(250, 'percent', 'zh-CN')).toBe('2.5%');
    expect(formatAxisValue(10_000_000, 'count', 'en')).toBe('100K');
    expect(formatCompact(4_120_000, 'count', '台', 'zh-CN')).toBe('4.1万台');
    expect(formatPercentNumber(-40, 'zh-CN', true)).toBe('\u221240%');
    expect(formatPercentNumber(15, 'zh-CN', true)).toBe('+15%');
  });
});

describe('targetVsActualOption layout (issue 14, item 12)', () => {
  it('writes 占目标 % along the axis, where no bar label can run into it', () => {
    const option = targetVsActualOption(
      [
        {
          id: 'm',
          name: '互动率',
          kind: 'percent',
          unit: '%',
          targetC: 800,
          actualC: 1_066,
          proRatedC: 800,
          status: 'on_track',
        } as MetricTarget,
      ],
      env('targetVsActual'),
    );
    expect(axis(option, 'yAxis')).toMatchObject({ name: '占目标 %', nameLocation: 'middle', nameRotate: 90 });
  });
});

describe('targetVsActualOption', () => {
  const conversion: MetricTarget = {
    id: 'm-conv',
    name: '转化率',
    kind: 'percent',
    unit: '%',
    targetC: 500,
    proRatedC: 400,
    actualC: 300,
    variancePct: -40,
    status: 'behind',
  };
  const sales: MetricTarget = {
    id: 'm-sales',
    name: '销量',
    kind: 'count',
    unit: '台',
    targetC: 10_000_000,
    proRatedC: 5_500_000,
    actualC: 4_000_000,
    variancePct: -60,
    status: 'at_risk',
  };
  const reach: MetricTarget = {
    id: 'm-reach',
    name: '曝光量',
    kind: 'count',
    unit: '次',
    targetC: 200_000_000,
    proRatedC: 110_000_000,
    actualC: 230_000_000,
    variancePct: 15,
    status: 'on_track',
  };
  const option = targetVsActualOption([conversion, sales, reach], env('targetVsActual'));
  const [target, actual, proRated] = seriesOf(option) as [Loose, Loose, Loose];

  it('draws 转化率 3% of 5% as a bar at 60% of target, labelled −40%, in the behind colour', () => {
    const bar = (actual.data as MetricBarItem[])[0]!;
    expect(bar.value).toBeCloseTo(60);
    expect(bar.labelText).toContain('\u221240%');
    expect(bar.label.formatter).toBe('\u221240%\n落后');
    // Below its target the words stand on the target's outline, above the bar.
    expect(bar.label.show).toBe(false);
    expect((target.data as Loose[])[0]!.label).toMatchObject({ show: true, formatter: '\u221240%\n落后' });
    expect(bar.itemStyle.color).toBe(THEME.behind);
    expect(bar.itemStyle.decal).toBeDefined(); // a pattern as well as the colour
    expect(bar).toMatchObject({
      metricId: 'm-conv',
      actualC: 300,
      targetC: 500,
      proRatedC: 400,
      variancePct: -40,
    });
  });

  it('colours every bar by its status and keeps each metric in its own numbers', () => {
    const bars = actual.data as MetricBarItem[];
    expect(bars.map((b) => b.itemStyle.color)).toEqual([THEME.behind, THEME.warn, THEME.ok]);
    expect(bars[1]!.value).toBeCloseTo(40);
    expect(bars[2]!.value).toBeCloseTo(115);
    expect(bars[2]!.label).toMatchObject({ show: true, formatter: '+15%\n正常' });
    expect(bars[2]!.itemStyle.decal).toBeUndefined();
  });

  it('marks the final target at 100% and the pro-rated target as a share of it', () => {
    expect((target.data as Loose[]).map((d) => d.value)).toEqual([100, 100, 100]);
    expect(target.barGap).toBe('-100%');
    expect((proRated.data as Loose[]).map((d) => d.value)).toEqual([80, 55, 55]);
    expect((proRated.data as Loose[])[0]).toMatchObject({ metricId: 'm-conv', proRatedC: 400 });
    expect(axis(option, 'xAxis').data).toEqual(['转化率', '销量', '曝光量']);
    expect(axis(option, 'yAxis').axisLabel.formatter(100)).toBe('100%');
    expect((option.title as Loose).text).toBe('目标达成对比');
  });

  it('gives exact values in each unit in the tooltip', () => {
    const tip = (option.tooltip as Loose).formatter([{ dataIndex: 1 }]) as string;
    expect(tip).toContain('4万台');
    expect(tip).toContain('10万台');
    expect(tip).toContain('5.5万台');
    expect(tip).toContain('预警');
    const conv = (option.tooltip as Loose).formatter([{ dataIndex: 0 }]) as string;
    expect(conv).toContain('3%');
    expect(conv).toContain('5%');
    expect(conv).toContain('60%');
  });

  it('renders, the variance on the bars', () => {
    const svg = render(option);
    expect(svg).toContain('>\u221240%<');
    expect(svg).toContain('>落后<');
    expect(svg).toContain('目标达成对比');
  });

  it('leaves a metric without target or data without a bar, and says why', () => {
    const none = targetVsActualOption(
      [{ ...conversion, targetC: null, proRatedC: null, variancePct: null, status: 'no_target' }],
      env('targetVsActual'),
    );
    const bar = (seriesOf(none)[1]!.data as MetricBarItem[])[0]!;
    expect(bar.value).toBeNull();
    expect(bar.labelText).toBe('未设目标');
    expect(bar.itemStyle.color).toBe(THEME.idle);
    expect(render(none)).toContain('未设目标');
  });
});

describe('ganttOption', () => {
  const tasks: GanttTask[] = [
    { id: 't1', code: 'M001', name: '预热内容', start: '2024-05-01', end: '2024-05-10', progress: 100, milestone: false, moduleName: '社交媒体推广', status: 'done' }, // prettier-ignore
    { id: 't2', code: 'M002', name: '线下活动第1场', start: '2024-05-15', end: '2024-05-20', progress: 50, milestone: false, moduleName: '线下地推活动', status: 'overdue' }, // prettier-ignore
    { id: 't3', code: 'M003', name: '活动上线', start: '2024-05-12', end: '2024-05-12', progress: 0, milestone: true, moduleName: '社交媒体推广', status: 'not_started' }, // prettier-ignore
    { id: 't4', code: 'M004', name: '复盘', start: null, end: '2024-07-31', progress: 0, milestone: false, moduleName: null, status: 'not_started' }, // prettier-ignore
    { id: 't5', code: 'M005', name: '未排期', start: null, end: null, progress: 0, milestone: false, moduleName: null, status: 'not_started' }, // prettier-ignore
  ];
  const option = ganttOption(tasks, TODAY, env('gantt'));
  const bars = seriesOf(option)[0]!;
  const items = bars.data as GanttItem[];

  it('groups rows by module, then keeps the plan order; undated tasks are left out', () => {
    const rows = axis(option, 'yAxis').data as string[];
    expect(rows).toEqual(['module:0', 'task:t1', 'task:t3', 'module:1', 'task:t2', 'module:2', 'task:t4']);
    const label = axis(option, 'yAxis').axisLabel.formatter as (key: string) => string;
    expect(label('module:0')).toBe('{module|社交媒体推广}');
    expect(label('task:t2')).toBe('M002 线下活动第1场');
    expect(label('module:2')).toContain('未归属模块');
    expect(items.map((i) => i.code)).toEqual(['M001', 'M003', 'M002', 'M004']);
  });

  it('spans each bar from the start of its first day to the end of its last', () => {
    const first = items[0]!;
    expect(first).toMatchObject({ start: '2024-05-01', end: '2024-05-10', progress: 100, status: 'done' });
    expect(first.value).toEqual([1, utc('2024-05-01'), utc('2024-05-11'), 100]);
    // A task with one date is a one-day bar.
    expect(items[3]).toMatchObject({ start: '2024-07-31', end: '2024-07-31' });
  });

  it('draws the progress part filled, and milestones as diamonds', () => {
    const renderItem = bars.renderItem as (params: unknown, api: unknown) => Loose;
    // A grid where one day is 10 px wide from 2024-05-01 and a row is 30 px high.
    const grid = { x: 0, y: 0, width: 2000, height: 600 };
    const api = {
      coord: ([time, row]: [number, number]) => [
        ((time - utc('2024-05-01')) / 86_400_000) * 10,
        row * 30 + 15,
      ],
      size: () => [0, 30],
      font: () => '11px sans-serif',
    };
    const bar = renderItem({ dataIndex: 2, coordSys: grid }, api); // M002, 50%, 6 days
    const [span, done] = bar.children as Loose[];
    expect(span!.shape).toMatchObject({ x: 140, width: 60 });
    expect(done!.shape).toMatchObject({ x: 140, width: 30 });
    expect(done!.style.fill).toBe(THEME.behind); // overdue
    expect((bar.children as Loose[])[2]!.style.text).toBe('50% 已逾期');

    const milestone = renderItem({ dataIndex: 1, coordSys: grid }, api); // M003
    const diamond = (milestone.children as Loose[])[0]!;
    expect(diamond.type).toBe('polygon');
    const points = diamond.shape.points as [number, number][];
    expect(points).toHaveLength(4);
    const [cx, cy] = [115, 2 * 30 + 15]; // the middle of 5月12日, row 2
    const r = points[1]![0] - cx;
    expect(r).toBeGreaterThan(4);
    expect(points).toEqual([
      [cx, cy - r],
      [cx + r, cy],
      [cx, cy + r],
      [cx - r, cy],
    ]);
  });

  it('has the today line at the given date, and zoom on both axes', () => {
    expect(todayIn(bars)).toMatchObject({ xAxis: utc(TODAY), date: TODAY });
    const zoom = option.dataZoom as Loose[];
    expect(zoom.filter((z) => z.xAxisIndex === 0).map((z) => z.type)).toEqual(['slider', 'inside']);
    expect(zoom.filter((z) => z.yAxisIndex === 0).map((z) => z.type)).toEqual(['slider', 'inside']);
    // From the first start to the last end, a day of margin before and 4% (here 4 days) after.
    const day = 86_400_000;
    expect(axis(option, 'xAxis')).toMatchObject({
      type: 'time',
      min: utc('2024-05-01') - day,
      max: utc('2024-08-01') + 4 * day,
    });
  });

  it('tells code, name, dates and progress in the tooltip', () => {
    const tip = (option.tooltip as Loose).formatter({ data: items[2] }) as string;
    for (const text of ['M002', '线下活动第1场', '2024年5月15日–5月20日', '50%', '已逾期', '线下地推活动'])
      expect(tip).toContain(text);
  });

  it('escapes task names in the tooltip', () => {
    const evil = ganttOption([{ ...tasks[0]!, name: '<img src=x onerror=alert(1)>' }], TODAY, env('gantt'));
    const tip = (evil.tooltip as Loose).formatter({ data: (seriesOf(evil)[0]!.data as GanttItem[])[0] });
    expect(tip).not.toContain('<img');
    expect(tip).toContain('&lt;img');
  });

  it('renders, with the dates of the axis and the today label', () => {
    const svg = render(option, 1000, 400);
    expect(svg).toContain('今天 6月20日');
    expect(svg).toContain('社交媒体推广');
    expect(svg).toContain('6月'); // a month's first day on the axis
    expect(svg).toMatch(/>\d+日</);
  });

  it('scrolls long plans: the vertical window shows the first rows', () => {
    const many = Array.from({ length: 60 }, (_, i): GanttTask => ({
      ...tasks[0]!,
      id: `x${i}`,
      code: `M${i}`,
    }));
    const long = ganttOption(many, TODAY, env('gantt'), { visibleRows: 20 });
    const slider = (long.dataZoom as Loose[]).find((z) => z.yAxisIndex === 0 && z.type === 'slider')!;
    expect(slider).toMatchObject({ startValue: 0, endValue: 19, show: true });
    render(long);
  });
});

describe('moduleProgressOption', () => {
  it('puts progress and time side by side per module', () => {
    const option = moduleProgressOption(
      [
        { name: '社交媒体推广', progress: 60, timeElapsedPct: 55 },
        { name: '线下地推活动', progress: 30, timeElapsedPct: 55 },
        { name: '复盘', progress: 0, timeElapsedPct: null },
      ],
      env('moduleProgress'),
    );
    const [progress, time] = seriesOf(option) as [Loose, Loose];
    expect((progress.data as Loose[]).map((d) => d.value)).toEqual([60, 30, 0]);
    expect((time.data as Loose[]).map((d) => d.value)).toEqual([55, 55, null]);
    expect(axis(option, 'yAxis').data).toEqual(['社交媒体推广', '线下地推活动', '复盘']);
    expect((option.title as Loose).text).toBe('模块进度 vs 时间进度');
    const tip = (option.tooltip as Loose).formatter([{ dataIndex: 1 }]) as string;
    expect(tip).toContain('\u221225 个百分点');
    expect(render(option)).toContain('60%');
  });
});

describe('sCurveOption', () => {
  it('draws planned and actual progress with the today line', () => {
    const option = sCurveOption(
      [
        { date: '2024-05-31', planned: 30, actual: 28 },
        { date: '2024-05-01', planned: 0, actual: 0 },
        { date: '2024-06-30', planned: 65, actual: null },
        { date: '2024-07-31', planned: 100, actual: null },
      ],
      TODAY,
      env('sCurve'),
    );
    const [planned, actual] = seriesOf(option) as [Loose, Loose];
    expect((planned.data as Loose[]).map((d) => d.value)).toEqual([
      [utc('2024-05-01'), 0],
      [utc('2024-05-31'), 30],
      [utc('2024-06-30'), 65],
      [utc('2024-07-31'), 100],
    ]);
    expect((actual.data as Loose[]).map((d) => d.value[1])).toEqual([0, 28, null, null]);
    expect(todayIn(planned)).toMatchObject({ xAxis: utc(TODAY), date: TODAY });
    expect(render(option)).toContain('今天 6月20日');
  });

  it('stretches the time axis to today', () => {
    const option = sCurveOption([{ date: '2024-05-01', planned: 0, actual: 0 }], TODAY, env('sCurve'));
    const { min, max } = axis(option, 'xAxis') as { min: number; max: number };
    expect(min).toBeLessThan(utc('2024-05-01'));
    expect(max).toBeGreaterThan(utc(TODAY));
    // Today is the last date: 8% of the 50 days after it, room for its tag.
    expect(max - utc(TODAY)).toBe(4 * 86_400_000);
  });
});

describe('time axes', () => {
  // The demo's 总体进度 vs 计划 once read 8日, 15日, 22日: a plan inside one month named no month.
  const june = [
    { date: '2024-06-09', planned: 59, actual: 43 },
    { date: '2024-06-16', planned: 66, actual: 53 },
    { date: '2024-06-23', planned: 73, actual: null },
  ];

  it('name the month on the first tick when the range holds no month start', () => {
    const svg = render(sCurveOption(june, null, env('sCurve')), 540, 320);
    expect(svg).toContain('6月8日');
    expect(svg).toMatch(/>15日</);
    const en = render(sCurveOption(june, null, env('sCurve', 'en')), 540, 320);
    expect(en).toContain('Jun 8');
  });

  it('leave a first tick that is a month start as the month alone', () => {
    const may = [{ date: '2024-05-02', planned: 0, actual: 0 }, ...june];
    const format = axis(sCurveOption(may, null, env('sCurve')), 'xAxis').axisLabel.formatter as (
      t: number,
    ) => string;
    expect(format(utc('2024-05-01'))).toBe('{upper|5月}');
    expect(format(utc('2024-05-08'))).toBe('8日');
    expect(format(utc('2024-06-01'))).toBe('{upper|6月}');
  });
});

describe('trendOption', () => {
  const sales = {
    name: '销量',
    kind: 'count' as const,
    unit: '台',
    targetC: 10_000_000,
    series: [
      { periodStart: '2024-05-08', periodEnd: '2024-05-14', valueC: 2_500_000 },
      { periodStart: '2024-05-01', periodEnd: '2024-05-07', valueC: 1_200_000 },
    ],
  };
  const option = trendOption(sales, TODAY, env('trend'));
  const line = seriesOf(option)[0]!;

  it('plots each period at its end, with the target and today lines', () => {
    expect((line.data as Loose[]).map((d) => d.value)).toEqual([
      [utc('2024-05-07'), 1_200_000],
      [utc('2024-05-14'), 2_500_000],
    ]);
    const lines = line.markLine.data as Loose[];
    expect(lines.find((l) => l.yAxis !== undefined)).toMatchObject({ yAxis: 10_000_000 });
    expect(lines.find((l) => l.yAxis !== undefined)!.label.formatter).toBe('目标 10万台');
    expect(todayIn(line)).toMatchObject({ xAxis: utc(TODAY), date: TODAY });
    expect((option.title as Loose).text).toBe('销量 · 走势与目标');
  });

  it('labels the axis in compact Chinese numbers and the tooltip exactly', () => {
    const format = axis(option, 'yAxis').axisLabel.formatter as (v: number) => string;
    expect(format(10_000_000)).toBe('10万');
    expect(format(0)).toBe('0');
    const tip = (option.tooltip as Loose).formatter([{ dataIndex: 1 }]) as string;
    expect(tip).toContain('5月8日–5月14日');
    expect(tip).toContain('2.5万台');
    // The axis reaches up to the target.
    // The axis reaches above the target (10万 → 12万), whose line is then not on the edge.
    expect(axis(option, 'yAxis').max({ min: 0, max: 2_500_000 })).toBe(12_000_000);
    expect(axis(option, 'yAxis').max({ min: 0, max: 13_000_000 })).toBe(15_000_000);
    const svg = render(option);
    expect(svg).toContain('10万');
    expect(svg).toContain('目标 10万台');
  });

  it('marks each point of a few periods, and draws a daily year as a line alone', () => {
    expect(line.showSymbol).toBe(true);
    const days = Array.from({ length: 365 }, (_, i) => {
      const day = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      return { periodStart: day, periodEnd: day, valueC: 1000 + i };
    });
    const daily = trendOption({ ...sales, series: days }, TODAY, env('trend'));
    const dailyLine = seriesOf(daily)[0]!;
    expect(dailyLine.showSymbol).toBe(false);
    expect((dailyLine.data as Loose[]).length).toBe(365);
    // The tooltip still names the hovered day's value.
    const tip = (daily.tooltip as Loose).formatter([{ dataIndex: 364 }]) as string;
    expect(tip).toContain('12月30日'); // day 365 of 2024, a leap year
    expect(tip).toContain('13.64台'); // counts are held in hundredths: 1364 → 13.64
  });
});

describe('trendOption of a summing metric (issue 14, item 4)', () => {
  // 销售额: target 5000万元 over 2024-05-01..07-31 (92 days, baseline 0); two weeks of 800万 and 1200万.
  const revenue = {
    name: '销售额',
    kind: 'money' as const,
    unit: '元',
    targetC: 5_000_000_000, // ¥50,000,000.00 in fen
    aggregation: 'sum' as const,
    baselineC: 0,
    startDate: '2024-05-01',
    targetDate: '2024-07-31',
    series: [
      { periodStart: '2024-05-08', periodEnd: '2024-05-14', valueC: 1_200_000_000 },
      { periodStart: '2024-05-01', periodEnd: '2024-05-07', valueC: 800_000_000 },
    ],
  };
  const option = trendOption(revenue, TODAY, env('trend'));
  const [total, bars, due] = seriesOf(option) as [Loose, Loose, Loose];

  it('draws the running total against the final target, not each week against it', () => {
    expect(total.name).toBe('累计');
    // 800万, then 800万 + 1200万 = 2000万 (in fen).
    expect((total.data as Loose[]).map((d) => d.value)).toEqual([
      [utc('2024-05-07'), 800_000_000],
      [utc('2024-05-14'), 2_000_000_000],
    ]);
    expect((total.markLine.data as Loose[]).find((l) => l.yAxis !== undefined)).toMatchObject({
      yAxis: 5_000_000_000,
    });
  });

  it('shows each period’s own value as bars', () => {
    expect(bars).toMatchObject({ type: 'bar', name: '本期' });
    expect((bars.data as Loose[]).map((d) => d.value)).toEqual([
      [utc('2024-05-07'), 800_000_000],
      [utc('2024-05-14'), 1_200_000_000],
    ]);
  });

  it('draws the pro-rated target: 0 before 5月1日, 5000万 at the end of 7月31日', () => {
    expect(due).toMatchObject({ type: 'line', name: '按进度应达' });
    expect((due.data as Loose[]).map((d) => d.value)).toEqual([
      [utc('2024-04-30'), 0],
      [utc('2024-07-31'), 5_000_000_000],
    ]);
    // By the end of 5月14日, 14 of 92 days: 5000万 × 14 / 92 = ¥7,608,695.65 — what the tooltip
    // says and what proRatedTargetC computes.
    expect(proRatedTargetC(revenue, null, '2024-05-14')).toBe(760_869_565);
    const tip = (option.tooltip as Loose).formatter([{ seriesIndex: 0, dataIndex: 1 }]) as string;
    expect(tip).toContain('本期');
    expect(tip).toContain('¥12,000,000.00');
    expect(tip).toContain('累计');
    expect(tip).toContain('¥20,000,000.00');
    expect(tip).toContain('按进度应达');
    expect(tip).toContain('¥7,608,695.65');
    expect(tip).toContain('¥50,000,000.00');
    expect(render(option)).toContain('累计');
  });

  it('keeps a reading (转化率, aggregation last) as its values, with no bars or pro-rated line', () => {
    const rate = trendOption(
      {
        name: '转化率',
        kind: 'percent',
        unit: '%',
        targetC: 500,
        aggregation: 'last',
        series: [
          { periodStart: '2024-05-01', periodEnd: '2024-05-07', valueC: 300 },
          { periodStart: '2024-05-08', periodEnd: '2024-05-14', valueC: 350 },
        ],
      },
      TODAY,
      env('trend'),
    );
    expect(seriesOf(rate)).toHaveLength(1);
    expect((seriesOf(rate)[0]!.data as Loose[]).map((d) => d.value[1])).toEqual([300, 350]);
  });
});

describe('budgetOption', () => {
  const option = budgetOption(
    [
      { name: '社交媒体推广', plannedFen: 30_000_000, spentFen: 12_000_000 },
      { name: '线下地推活动', plannedFen: 20_000_000, spentFen: 23_000_000 },
      { name: '直播带货', plannedFen: 10_000_000, spentFen: 9_500_000 },
    ],
    env('budget'),
  );
  const [planned, spent] = seriesOf(option) as [Loose, Loose];

  it('compares planned and spent per module, over budget in red with the word', () => {
    expect((planned.data as Loose[]).map((d) => d.value)).toEqual([30_000_000, 20_000_000, 10_000_000]);
    const items = spent.data as Loose[];
    expect(items.map((d) => d.value)).toEqual([12_000_000, 23_000_000, 9_500_000]);
    expect(items.map((d) => d.itemStyle.color)).toEqual([THEME.ok, THEME.behind, THEME.warn]);
    expect(items[1]!.label.formatter).toBe('115% 超支');
    expect(items[0]!.label.formatter).toBe('40%');
  });

  it('writes money compactly on the axis and exactly in the tooltip', () => {
    expect(axis(option, 'yAxis').axisLabel.formatter(10_000_000)).toBe('¥10万');
    const tip = (option.tooltip as Loose).formatter([{ dataIndex: 1 }]) as string;
    expect(tip).toContain('¥200,000.00');
    expect(tip).toContain('¥230,000.00');
    expect(tip).toContain('超支');
    expect(tip).toContain('¥30,000.00');
    expect(render(option)).toContain('¥10万');
  });
});

describe('funnelOption with unlike units (issue 14, item 2)', () => {
  const option = funnelOption(
    [
      { name: '曝光量', actualC: 2_300_000_000, rate: null, targetRate: null, gapStartsHere: false },
      {
        name: '销售额',
        actualC: 2_000_000_000,
        rate: null,
        targetRate: null,
        gapStartsHere: false,
        kind: 'money',
        unlikeUnits: true,
      },
    ],
    env('funnel'),
  );

  it('shows no rate, writes money as money, and hints to set the stages', () => {
    const items = seriesOf(option)[0]!.data as Loose[];
    expect(items.map((d) => d.label.formatter)).toEqual(['曝光量 2300万', '销售额 ¥2000万']);
    expect((option.title as Loose).subtext).toContain('不计算转化率');
    expect(render(option)).not.toContain('转化率 87');
  });
});

describe('funnelOption', () => {
  const option = funnelOption(
    [
      { name: '曝光', actualC: 200_000_000, rate: null, targetRate: null, gapStartsHere: false },
      { name: '点击', actualC: 10_000_000, rate: 5, targetRate: 4, gapStartsHere: false },
      { name: '加购', actualC: 1_500_000, rate: 15, targetRate: 20, gapStartsHere: true },
      { name: '下单', actualC: 45_000, rate: 3, targetRate: 5, gapStartsHere: false },
    ],
    env('funnel'),
  );
  const funnel = seriesOf(option)[0]!;
  const items = funnel.data as Loose[];

  it('keeps the stage order and shows stage-to-stage rates in the labels', () => {
    expect(funnel.sort).toBe('none');
    expect(items.map((d) => d.value)).toEqual([200_000_000, 10_000_000, 1_500_000, 45_000]);
    expect(items[0]!.label.formatter).toBe('曝光 200万');
    expect(items[1]!.label.formatter).toBe('点击 10万 · 转化率 5% / 目标 4%');
  });

  it('marks the stage where the gap starts in the behind colour with a word', () => {
    const gap = items[2]!;
    expect(gap).toMatchObject({ gapStartsHere: true, rate: 15, targetRate: 20 });
    expect(gap.itemStyle.color).toBe(THEME.behind);
    expect(gap.label.formatter).toContain('缺口起点');
    expect(items.filter((d) => d.itemStyle.color === THEME.behind)).toHaveLength(1);
    expect(render(option)).toContain('缺口起点');
  });
});

describe('empty inputs', () => {
  it('make valid options that ECharts renders', () => {
    const options = [
      ganttOption([], TODAY, env('gantt')),
      ganttOption([], null, env('gantt')),
      moduleProgressOption([], env('moduleProgress')),
      sCurveOption([], TODAY, env('sCurve')),
      sCurveOption([], null, env('sCurve')),
      targetVsActualOption([], env('targetVsActual')),
      trendOption(
        { name: '销量', kind: 'count', unit: '台', targetC: null, series: [] },
        TODAY,
        env('trend'),
      ),
      trendOption({ name: '销量', kind: 'count', unit: '台', targetC: 100, series: [] }, null, env('trend')),
      budgetOption([], env('budget')),
      funnelOption([], env('funnel')),
    ];
    for (const option of options) {
      expect(Array.isArray(option.series)).toBe(true);
      expect(render(option)).toContain('<svg');
    }
  });
});

describe('English', () => {
  it('uses the English words and K/M numbers', () => {
    const option = trendOption(
      { name: 'Sales', kind: 'count', unit: 'units', targetC: 10_000_000, series: [] },
      TODAY,
      env('trend', 'en'),
    );
    expect(axis(option, 'yAxis').axisLabel.formatter(10_000_000)).toBe('100K');
    const lines = seriesOf(option)[0]!.markLine.data as Loose[];
    expect(lines[0]!.label.formatter).toBe('Target 100K units');
    expect(lines[1]!.label.formatter).toBe('Today Jun 20');
  });
});
