/**
 * End to end: what the window shows around the tables — a database it must refuse, the language
 * and theme switches — in Debian's headless Chromium through the built bridge.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/backend';
import { openDatabase } from '../../src-main/db/open';
import { launchBrowser, screenshot, type Browser } from '../helpers/browser';
import { startBuiltBridge } from '../helpers/bridge';

let browser: Browser;
const dirs: string[] = [];

function freshDir() {
  const dir = mkdtempSync(join(tmpdir(), 'ct-e2e-shell-'));
  dirs.push(dir);
  return dir;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

beforeAll(async () => {
  browser = await launchBrowser({ locale: 'zh-CN' });
});

afterAll(async () => {
  await browser?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the window', () => {
  it('explains a database from a newer version and leaves the file untouched', async () => {
    const dir = freshDir();
    const file = join(dir, DATABASE_FILE);
    openDatabase({ file }).close();
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    const before = sha256(file);

    const bridge = await startBuiltBridge(dir);
    try {
      const { page } = browser;
      await page.goto(bridge.url);
      const fatal = page.getByTestId('fatal');
      await fatal.waitFor();
      expect(await fatal.innerText()).toContain('此数据库由更新版本的营销执行跟踪创建(数据版本 99');
      await screenshot(page, 'database-too-new');
    } finally {
      await bridge.stop();
    }
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not a database, unchanged', async () => {
    const dir = freshDir();
    const file = join(dir, DATABASE_FILE);
    writeFileSync(file, 'name,goal\n双11,销量\n');
    const before = sha256(file);
    const bridge = await startBuiltBridge(dir);
    try {
      await browser.page.goto(bridge.url);
      await browser.page.getByText('数据文件不是营销执行跟踪的数据库').waitFor();
    } finally {
      await bridge.stop();
    }
    expect(sha256(file)).toBe(before);
  });

  it('switches to English and to the dark theme, and remembers both after a reload', async () => {
    const bridge = await startBuiltBridge(freshDir());
    try {
      const { page } = browser;
      await page.goto(bridge.url);
      await page.getByRole('tab', { name: '任务拆解' }).click();
      await page.getByTestId('task-grid').waitFor();
      await page.getByLabel('主题').selectOption('dark');
      await page.getByLabel('语言').selectOption('en');
      await page.getByRole('tab', { name: 'Task breakdown' }).waitFor();
      await page.getByText('Table 2: Task breakdown').waitFor();
      expect(await page.locator('.ag-header-cell-text').allInnerTexts()).toEqual(
        expect.arrayContaining(['Task ID', 'Description (deliverable)', 'Owner', 'Progress']),
      );
      await screenshot(page, 'task-grid-dark-en');

      await page.reload();
      await page.getByRole('tab', { name: 'Task breakdown' }).waitFor();
      const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
      expect(background).toBe('rgb(27, 29, 33)');
      await page.getByRole('tab', { name: 'Tracking table' }).click();
      await page.getByTestId('tracking-grid').waitFor();
      await screenshot(page, 'tracking-table-dark-en');
      await page.getByRole('tab', { name: 'Overview' }).click();
      await screenshot(page, 'overview-dark-en');
      // Back to the defaults for whatever runs next in this browser.
      await page.getByLabel('Theme').selectOption('system');
      await page.getByLabel('Language').selectOption('zh-CN');
    } finally {
      await bridge.stop();
    }
  });

  it('reported no errors in the page', () => {
    expect(browser.problems).toEqual([]);
  });
});
