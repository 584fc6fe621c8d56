/**
 * The 今天 marker of the time charts sits inside the plot's top, clear of the chart's download
 * (saveAsImage) icon and of the Gantt's axis labels (issue 14, item 12): photographed on the
 * overview in zh-CN light and dark and in English, at 1280 and 1920 px. On the page, each time
 * chart's live option carries today's line for the fixed date with its tag placed inside the plot
 * (the geometry itself is checked by test/unit/today-marker.test.ts).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startBuiltBridge } from '../helpers/bridge';
import { launchBrowser } from '../helpers/browser';

const SHOTS = '/tmp/shots-i14c';
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function open(language: 'zh-CN' | 'en', dark: boolean): Promise<Page> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ct-e2e-today-'));
  const bridge = await startBuiltBridge(dataDir, process.env.CT_OUT_DIR || undefined);
  const browser = await launchBrowser({ locale: language, colorScheme: dark ? 'dark' : 'light' });
  cleanup = async () => {
    await browser.close();
    await bridge.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const page = browser.page;
  await page.addInitScript(
    `localStorage.setItem('language', ${JSON.stringify(language)}); localStorage.setItem('theme', ${JSON.stringify(dark ? 'dark' : 'light')})`,
  );
  // Today inside the demo campaign (2024-05-01–07-31), near its end: the tag then sits at the
  // right edge of the time axis, under the download icon, where the issue saw it.
  await page.clock.setFixedTime(new Date('2024-07-28T10:00:00'));
  await page.goto(bridge.url);
  await page.getByTestId('chart-gantt').waitFor();
  await page.waitForTimeout(800); // the charts' (≤ 300 ms) animation
  return page;
}

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.waitForTimeout(500);
    for (const chart of ['gantt', 's-curve', 'trend']) {
      const el = page.getByTestId(`chart-${chart}`);
      await el.scrollIntoViewIfNeeded();
      await el.screenshot({ path: join(SHOTS, `chart-${chart}-${name}-${width}.png`) });
    }
  }
}

describe('the today marker', () => {
  for (const [language, dark, name] of [
    ['zh-CN', false, 'zh-light'],
    ['zh-CN', true, 'zh-dark'],
    ['en', false, 'en-light'],
  ] as const) {
    it(`is photographed in ${name}`, async () => {
      const page = await open(language, dark);
      for (const chart of ['gantt', 's-curve', 'trend']) {
        const tag = await page.getByTestId(`chart-${chart}`).evaluate((el) => {
          const option = (
            el as { echartsInstance?: { getOption(): unknown } }
          ).echartsInstance?.getOption() as {
            series: { markLine?: { data?: { date?: string; label?: { distance: number } }[] } }[];
          };
          const line = option.series.flatMap((s) => s.markLine?.data ?? []).find((d) => d.date);
          return { date: line?.date, distance: line?.label?.distance };
        });
        expect(tag.date).toBe('2024-07-28');
        expect(tag.distance).toBeLessThan(0);
      }
      await shoot(page, name);
    });
  }
});
