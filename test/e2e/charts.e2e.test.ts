/**
 * End to end: the dashboard's charts in Debian's headless Chromium. The fixture page
 * (test/fixtures/charts-page) renders each chart with the demo campaign through <EChart>; it is
 * built here with vite into a temp folder and served with the app's CSP (so nothing may need
 * eval). Each chart is read back through `element.echartsInstance.getOption()` — the hook
 * EChart.tsx documents — and photographed in light and dark (test-results/screens/chart-*.png).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { createFailedRouter } from '../../src-main/router';
import { ROOT } from '../helpers/bridge';
import { launchBrowser, SCREENS, type Browser } from '../helpers/browser';

const CHARTS = ['gantt', 'targets', 'modules', 's-curve', 'trend', 'budget', 'funnel'] as const;
const TODAY_UTC = Date.UTC(2024, 5, 20);
const LIGHT = { behind: '#d83931', ok: '#2ea121', warn: '#de7802', fg: '#1f2329' };
const DARK = { behind: '#f0625a', ok: '#4cc13a', warn: '#f39a2b', fg: '#e6e8eb' };

let outDir = '';
let server: Bridge;
let browser: Browser;

/** The fixture page, built for production like the app's renderer (minified, no eval). */
async function buildFixture(dir: string): Promise<void> {
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production'; // vitest sets 'test'; React must be its production build
  try {
    await build({
      root: join(ROOT, 'test', 'fixtures', 'charts-page'),
      configFile: false,
      mode: 'production',
      logLevel: 'warn',
      plugins: [react()],
      define: { 'process.env.NODE_ENV': '"production"' },
      build: { outDir: dir, emptyOutDir: true, minify: true, chunkSizeWarningLimit: 8192 },
    });
  } finally {
    process.env.NODE_ENV = before;
  }
}

// What the tests read from the page is loosely typed JSON.
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
// The page's globals, as much as the page functions below use (this side has no DOM types).
declare const document: {
  querySelector(selector: string): unknown;
  documentElement: { dataset: Record<string, string | undefined> };
};
declare const window: Loose;

/** The option as ECharts holds it, through JSON (functions such as formatters drop out). */
function optionOf(page: Page, chart: string): Promise<Loose> {
  return page.getByTestId(`chart-${chart}`).evaluate((el) => {
    const instance = (el as { echartsInstance?: { getOption(): unknown } }).echartsInstance;
    if (!instance) throw new Error('no echartsInstance on the chart element');
    return JSON.parse(JSON.stringify(instance.getOption())) as Loose;
  });
}

/**
 * Every chart of `ids` has its instance with an option, and nothing left to animate (ECharts
 * itself waits for the same before its 'finished' event: zrender's animation list empty).
 * `notInstance` names a window global holding an instance that no longer counts (one replaced).
 */
async function chartsReady(page: Page, ids: readonly string[] = CHARTS, notInstance?: string): Promise<void> {
  await page.waitForFunction(
    ([ids, old]) =>
      ids.every((id) => {
        const instance = (document.querySelector(`[data-testid="chart-${id}"]`) as Loose | null)
          ?.echartsInstance;
        return (
          !!instance &&
          (!old || instance !== window[old]) &&
          !instance.isDisposed() &&
          !!instance.getOption() &&
          instance.getZr().animation.isFinished()
        );
      }),
    [ids, notInstance ?? ''] as const,
  );
}

async function shoot(page: Page, chart: string, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.getByTestId(`chart-${chart}`).screenshot({ path: join(SCREENS, `chart-${name}.png`) });
}

const seriesNamed = (option: Loose, type: string) =>
  (option.series as Loose[]).filter((s) => s.type === type);

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'ct-charts-page-'));
  await buildFixture(outDir);
  server = await startBridge({
    router: createFailedRouter({ code: 'internal' }),
    rendererDir: outDir,
    port: 0,
  });
  browser = await launchBrowser({ locale: 'zh-CN' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('the dashboard charts', () => {
  it('render in the light theme with the values they were given', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 860 });
    await page.goto(server.url);
    await chartsReady(page);

    // 目标达成对比: 转化率 3% of 5% is a bar at 60% of target, labelled −40%, in the behind colour.
    const targets = await optionOf(page, 'targets');
    expect(targets.title[0].text).toBe('目标达成对比');
    const actual = (targets.series as Loose[]).find((s) => s.name === '实际')!;
    const conversion = (actual.data as Loose[]).find((d) => d.metricId === 'm4')!;
    expect(conversion).toMatchObject({
      value: 60,
      actualC: 300,
      targetC: 500,
      proRatedC: 500,
      variancePct: -40,
    });
    expect(conversion.labelText).toBe('\u221240% 落后');
    expect(conversion.itemStyle.color).toBe(LIGHT.behind);
    expect((actual.data as Loose[]).map((d) => d.itemStyle.color)).toEqual([
      LIGHT.warn,
      LIGHT.ok,
      LIGHT.ok,
      LIGHT.behind,
      LIGHT.warn,
      '#bbbfc4',
    ]);
    expect(targets.animationDuration).toBeLessThanOrEqual(300);
    expect(targets.toolbox[0].feature.saveAsImage).toMatchObject({ type: 'png', title: '保存为图片 (PNG)' });

    // The Gantt: bars span start–end, milestones, today line, zoom on both axes.
    const gantt = await optionOf(page, 'gantt');
    const bars = seriesNamed(gantt, 'custom')[0]!;
    expect(bars.data).toHaveLength(20);
    expect((bars.data as Loose[])[0]).toMatchObject({ code: 'M001', start: '2024-05-01', end: '2024-05-12' });
    expect((bars.data as Loose[]).filter((d) => d.milestone).map((d) => d.code)).toEqual([
      'M003',
      'M011',
      'M014',
      'M018',
    ]);
    expect(bars.markLine.data[0]).toMatchObject({ xAxis: TODAY_UTC, date: '2024-06-20' });
    expect((gantt.dataZoom as Loose[]).length).toBe(4);

    // Every time axis has its today line.
    for (const chart of ['s-curve', 'trend']) {
      const option = await optionOf(page, chart);
      const lines = (option.series as Loose[]).flatMap((s) => (s.markLine?.data ?? []) as Loose[]);
      expect(lines.find((l) => l.xAxis !== undefined)).toMatchObject({
        xAxis: TODAY_UTC,
        date: '2024-06-20',
      });
    }

    // Points that carry only facts reach ECharts as bare [time, value] pairs (drawn without an
    // item model each); bars with their own colour and words stay items (read above).
    const trend = await optionOf(page, 'trend');
    expect((trend.series[0].data as unknown[]).slice(0, 2)).toEqual([
      [Date.UTC(2024, 4, 7), 300_000],
      [Date.UTC(2024, 4, 14), 800_000],
    ]);

    // The funnel marks where the gap starts; the budget says over budget.
    const funnel = await optionOf(page, 'funnel');
    const gap = (funnel.series[0].data as Loose[]).find((d) => d.gapStartsHere)!;
    expect(gap.name).toBe('加购');
    expect(gap.itemStyle.color).toBe(LIGHT.behind);
    expect(gap.label.formatter).toContain('缺口起点');
    const budget = await optionOf(page, 'budget');
    const over = (budget.series[1].data as Loose[]).find((d) => d.over)!;
    expect(over).toMatchObject({ name: '线下地推活动', spentFen: 23_000_000 });
    expect(over.label.formatter).toBe('115% 超支');

    // The empty state: one sentence, no chart.
    const empty = page.getByTestId('chart-empty');
    expect(await empty.innerText()).toBe('还没有漏斗阶段 — 在「指标」中为指标设置漏斗阶段');
    expect(await empty.evaluate((el) => 'echartsInstance' in el)).toBe(false);
    expect(await empty.locator('canvas').count()).toBe(0);

    for (const chart of CHARTS) await shoot(page, chart, `${chart}-light`);

    // A tooltip with the exact values: over 转化率's bar.
    const box = (await page.getByTestId('chart-targets').boundingBox())!;
    const [x, y] = await page.getByTestId('chart-targets').evaluate((el) => {
      const chart = (el as { echartsInstance: { convertToPixel(f: object, v: number[]): number[] } })
        .echartsInstance;
      return chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [3, 30]);
    });
    await page.mouse.move(box.x + x!, box.y + y!);
    await expect.poll(() => page.getByTestId('chart-targets').innerText()).toContain('转化率');
    const tooltip = await page.getByTestId('chart-targets').innerText();
    expect(tooltip).toContain('转化率');
    expect(tooltip).toContain('3%');
    expect(tooltip).toContain('5%');
    await shoot(page, 'targets', 'targets-tooltip-light');
    await page.mouse.move(0, 0);

    expect(browser.problems).toEqual([]);
  });

  it('re-themes live when data-theme switches to dark', async () => {
    const { page } = browser;
    const before = await page
      .getByTestId('chart-targets')
      .evaluate((el) => (el as Loose).echartsInstance.id as string);
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    // Re-themed once the title has the dark theme's colour, then its update animation runs out.
    await page.waitForFunction(
      (fg) =>
        (document.querySelector('[data-testid="chart-targets"]') as Loose).echartsInstance.getOption()
          .title[0].textStyle.color === fg,
      DARK.fg,
    );
    await chartsReady(page);

    const targets = await optionOf(page, 'targets');
    const actual = (targets.series as Loose[]).find((s) => s.name === '实际')!;
    expect((actual.data as Loose[]).find((d) => d.metricId === 'm4')!.itemStyle.color).toBe(DARK.behind);
    // The same instance, re-themed in place (setTheme), not a new chart.
    expect(await page.getByTestId('chart-targets').evaluate((el) => (el as Loose).echartsInstance.id)).toBe(
      before,
    );
    expect(targets.title[0].textStyle.color).toBe(DARK.fg);

    for (const chart of CHARTS) await shoot(page, chart, `${chart}-dark`);
    expect(browser.problems).toEqual([]);
  });

  it('follows its container and is rebuilt in English when the language changes', async () => {
    const { page } = browser;
    const width = () =>
      page.getByTestId('chart-targets').evaluate((el) => (el as Loose).echartsInstance.getWidth());
    const wide = await width();
    await page.setViewportSize({ width: 1000, height: 860 });
    await expect.poll(width).toBeLessThan(wide - 100);

    await page.evaluate(() => {
      window.__beforeEnglish = (
        document.querySelector('[data-testid="chart-targets"]') as Loose
      ).echartsInstance;
      window.__chartsFixture.setLanguage('en');
    });
    // Made anew: the chart that replaced the one before English, drawn.
    await chartsReady(page, ['targets', 'gantt'], '__beforeEnglish');
    const targets = await optionOf(page, 'targets');
    expect(targets.title[0].text).toBe('Targets vs actuals');
    expect(targets.toolbox[0].feature.saveAsImage.title).toBe('Save as image (PNG)');
    const conversion = (targets.series[1].data as Loose[]).find((d) => d.metricId === 'm4')!;
    expect(conversion.labelText).toBe('\u221240% Behind');
    // The chart was made anew (ECharts takes its locale at init) and the old one disposed of.
    expect(await page.evaluate(() => window.__beforeEnglish.isDisposed())).toBe(true);
    await shoot(page, 'targets', 'targets-en-dark');
    await shoot(page, 'gantt', 'gantt-en-dark');
    await page.evaluate(() => window.__chartsFixture.setLanguage('zh-CN'));
    expect(browser.problems).toEqual([]);
  });
});
