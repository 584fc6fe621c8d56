/**
 * Date inputs follow the UI language, not the browser's locale (issue 14, item 11): a browser
 * launched in one locale with the app in the other language shows 目标与团队's start date in the
 * app's style, reads a typed date with the app's parser and stores YYYY-MM-DD in the SQLite file.
 * Photographs the field with its calendar open in zh-CN light and dark and in English.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/backend';
import { startBuiltBridge, type RunningBridge } from '../helpers/bridge';
import { launchBrowser, type Browser } from '../helpers/browser';
import { withRaw } from '../helpers/db';

const SHOTS = '/tmp/shots-i14c';
let cleanup: (() => Promise<void>) | null = null;

afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

/** The app in `language` inside a browser whose own locale is `browserLocale`. */
async function open(language: 'zh-CN' | 'en', browserLocale: string, dark = false) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ct-e2e-date-'));
  const bridge: RunningBridge = await startBuiltBridge(dataDir, process.env.CT_OUT_DIR || undefined);
  const browser: Browser = await launchBrowser({
    locale: browserLocale,
    colorScheme: dark ? 'dark' : 'light',
  });
  cleanup = async () => {
    await browser.close();
    await bridge.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const page = browser.page;
  await page.addInitScript(`localStorage.setItem('language', ${JSON.stringify(language)})`);
  await page.goto(bridge.url);
  const startDate = () =>
    withRaw(
      join(dataDir, DATABASE_FILE),
      (db) => (db.prepare('SELECT start_date FROM projects').get() as { start_date: string }).start_date,
    );
  return { page, startDate, dataDir };
}

async function shoot(page: import('playwright-core').Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`) });
  }
}

describe('date inputs follow the UI language', () => {
  it('Chinese app in an English browser: shows 2024年5月1日, stores a typed 2024年6月1日 as 2024-06-01', async () => {
    const { page, startDate } = await open('zh-CN', 'en-US');
    expect(await page.evaluate('navigator.language')).toBe('en-US');
    await page.getByRole('tab', { name: '目标与团队' }).click();
    const field = page.getByLabel('开始日期', { exact: true });
    expect(await field.getAttribute('type')).toBe('text');
    expect(await field.inputValue()).toBe(`2024年5月1日`);
    expect(startDate()).toBe('2024-05-01');

    await field.fill('2024年6月1日');
    await field.press('Enter');
    await expect.poll(startDate).toBe('2024-06-01');
    await expect.poll(() => field.inputValue()).toBe('2024年6月1日');

    // 5月3日 takes the field's year; a slash date is read too.
    await field.fill('5月3日');
    await field.press('Enter');
    await expect.poll(startDate).toBe('2024-05-03');

    // Not a date: a message saying what is expected, nothing stored.
    await field.fill('下周一');
    await field.press('Enter');
    await page.getByText('不是有效的日期，请输入如 2024年5月1日、2024/5/1 或 5月1日').waitFor();
    expect(startDate()).toBe('2024-05-03');
    expect(await field.inputValue()).toBe('2024年5月3日');

    // Esc restores what is stored.
    await field.fill('2024/7/9');
    await field.press('Escape');
    expect(await field.inputValue()).toBe('2024年5月3日');
    expect(startDate()).toBe('2024-05-03');

    // The calendar speaks Chinese and picking a day stores it.
    await page.getByRole('button', { name: '打开日历' }).first().click();
    const calendar = page.getByRole('dialog', { name: '日历' });
    await calendar.waitFor();
    expect(await calendar.innerText()).toContain('五月');
    await shoot(page, 'strategy-date-zh-light');
    await calendar.getByRole('button', { name: /2024年5月10日/ }).click();
    await expect.poll(startDate).toBe('2024-05-10');
    await expect(calendar.isVisible()).resolves.toBe(false);
  });

  it('English app in a Chinese browser: shows May 1, 2024, stores a typed June 1, 2024 as 2024-06-01', async () => {
    const { page, startDate } = await open('en', 'zh-CN');
    expect(await page.evaluate('navigator.language')).toBe('zh-CN');
    await page.getByRole('tab', { name: 'Goal & team' }).click();
    const field = page.getByLabel('Start', { exact: true });
    expect(await field.inputValue()).toBe('May 1, 2024');

    await field.fill('June 1, 2024');
    await field.press('Enter');
    await expect.poll(startDate).toBe('2024-06-01');
    await expect.poll(() => field.inputValue()).toBe('Jun 1, 2024');

    // The app's shared parser reads the Chinese forms in English too.
    await field.fill('2024年6月2日');
    await field.press('Enter');
    await expect.poll(startDate).toBe('2024-06-02');

    await page.getByRole('button', { name: 'Open calendar' }).first().click();
    const calendar = page.getByRole('dialog', { name: 'Calendar' });
    await calendar.waitFor();
    expect(await calendar.innerText()).toMatch(/Jun/);
    await shoot(page, 'strategy-date-en-light');
    await page.keyboard.press('Escape');
    await expect(calendar.isVisible()).resolves.toBe(false);
    expect(startDate()).toBe('2024-06-02');
  });

  it('renders the calendar in the dark theme', async () => {
    const { page } = await open('zh-CN', 'en-US', true);
    await page.evaluate("localStorage.setItem('theme', 'dark')");
    await page.reload();
    await page.getByRole('tab', { name: '目标与团队' }).click();
    await page.getByRole('button', { name: '打开日历' }).first().click();
    const calendar = page.getByRole('dialog', { name: '日历' });
    await calendar.waitFor();
    const bg = await calendar.evaluate(
      (el) =>
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
        ).getComputedStyle(el).backgroundColor,
    );
    expect(bg).toBe('rgb(27, 29, 33)'); // --bg of the dark theme
    await shoot(page, 'strategy-date-zh-dark');
  });

  it('is the date field of 以此为模板新建 too: a typed 2025年3月1日 starts the copy on 2025-03-01', async () => {
    const { page, dataDir } = await open('zh-CN', 'en-US');
    await page.getByRole('tab', { name: '复盘' }).click();
    await page.getByTestId('copy-plan').click();
    const field = page.getByLabel('新项目开始日期');
    expect(await field.getAttribute('type')).toBe('text');
    await field.fill('2025年3月1日');
    await field.press('Enter');
    expect(await field.inputValue()).toBe('2025年3月1日');
    await page.getByTestId('copy-plan-form').getByRole('button', { name: '新建', exact: true }).click();
    await expect
      .poll(() =>
        withRaw(join(dataDir, DATABASE_FILE), (db) =>
          db.prepare('SELECT start_date FROM projects ORDER BY start_date').all(),
        ),
      )
      .toEqual([{ start_date: '2024-05-01' }, { start_date: '2025-03-01' }]);
  });
});
