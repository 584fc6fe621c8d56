/**
 * End to end: the built renderer in Debian's headless Chromium, through the loopback bridge, on a
 * real SQLite file. Every check of a write reads the file itself.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/backend';
import { screenshot, type Browser } from '../helpers/browser';
import type { RunningBridge } from '../helpers/bridge';
import { editCell as editGridCell, gridCell, settled as settledGrid } from '../helpers/grid';
import { openSession, type Session } from '../helpers/session';

let dataDir: string;
let bridge: RunningBridge;
let browser: Browser;
let page: Page;

/** Reads the database file with a separate connection, as another program would. */
function readDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function taskRow(code: string) {
  return readDb<{ id: string; name: string; progress: number; start_date: string; end_date: string }>(
    'SELECT id, name, progress, start_date, end_date FROM tasks WHERE code = ?',
    code,
  )[0];
}

// The shared grid helpers, bound to this file's page.
const cell = (rowId: string, colId: string) => gridCell(page, rowId, colId);
const editCell = (rowId: string, colId: string, value: string) => editGridCell(page, rowId, colId, value);
const settled = () => settledGrid(page);

let session: Session;

beforeAll(async () => {
  session = await openSession('ct-e2e-');
  ({ dataDir, bridge, browser } = session);
  page = browser.page;
});

afterAll(async () => {
  await session?.close();
});

describe('task breakdown, end to end', () => {
  it('opens the demo project in Chinese', async () => {
    await page.goto(bridge.url);
    await expect
      .poll(() => page.getByTestId('project-item').allInnerTexts())
      .toEqual([expect.stringContaining('2024夏季新品推广')]);
    await page.getByText('3个月内销量10万台,品牌声量提升40%').first().waitFor();
    expect(await page.locator('.project-header').innerText()).toContain('市场部*经理');
    await screenshot(page, 'project-list-overview');
    await page.getByRole('tab', { name: '跟踪总表' }).click();
    await page.getByText('电商渠道转化率低于预期(目标5%,实际3%)', { exact: true }).waitFor();
    expect(await page.getByTestId('tracking-grid').innerText()).toContain('社交媒体推广');
    await screenshot(page, 'tracking-table');
  });

  it('adds a task, edits its name and progress, and keeps them after a reload', async () => {
    await page.getByRole('tab', { name: '任务拆解' }).click();
    await page.getByTestId('task-grid').waitFor();
    await expect.poll(() => page.locator('[data-testid="task-grid"] .ag-row[row-id]').count()).toBe(7);

    await page.getByTestId('add-task').click();
    // The new row gets the next code and its name cell opens for typing.
    await expect.poll(() => taskRow('M008')?.name).toBe('新任务');
    const id = taskRow('M008')!.id;
    const nameInput = page.locator('.ag-cell-inline-editing input');
    await nameInput.waitFor();
    await nameInput.fill('直播复盘会');
    await nameInput.press('Enter');
    await settled();
    await editCell(id, 'progress', '45');
    await settled();
    await expect.poll(() => taskRow('M008')).toMatchObject({ name: '直播复盘会', progress: 45 });
    await screenshot(page, 'task-grid');

    await page.reload();
    await page.getByTestId('task-grid').waitFor();
    await expect.poll(() => cell(id, 'name').innerText()).toBe('直播复盘会');
    expect(await cell(id, 'progress').innerText()).toContain('45%');
    expect(await cell(id, 'code').innerText()).toBe('M008');
  });

  it('refuses progress 120 with the reason at the cell, and stores nothing', async () => {
    const id = taskRow('M008')!.id;
    await editCell(id, 'progress', '120');
    await page.getByTestId('notice').waitFor();
    expect(await page.getByTestId('notice').innerText()).toContain('M008 · 当前进度：不能大于 100');
    await expect.poll(() => cell(id, 'progress').getAttribute('class')).toContain('cell-error');
    expect(await cell(id, 'progress').innerText()).toContain('45%'); // the stored value stays
    expect(taskRow('M008')!.progress).toBe(45);
    await cell(id, 'progress').hover();
    await page.locator('.ag-tooltip').getByText('不能大于 100').waitFor();
    await screenshot(page, 'task-grid-refused');
  });

  it('refuses an end date before the start', async () => {
    const m001 = taskRow('M001')!;
    await editCell(m001.id, 'end', '2024-04-01');
    await expect
      .poll(() => page.getByTestId('notice').innerText())
      .toContain('结束日期 2024-04-01 早于开始日期 2024-04-20');
    expect(taskRow('M001')!.end_date).toBe(m001.end_date);
  });

  it('edits a date and the owner, stored as an ISO date and a team member', async () => {
    const m001 = taskRow('M001')!;
    await editCell(m001.id, 'end', '2024-05-02');
    await settled();
    await expect.poll(() => taskRow('M001')!.end_date).toBe('2024-05-02');
    const stored = readDb<{ t: string }>("SELECT typeof(end_date) AS t FROM tasks WHERE code = 'M001'")[0];
    expect(stored?.t).toBe('text');

    // The owner is picked from the team by name; the file stores that person's id.
    await cell(m001.id, 'ownerId').dblclick();
    await page.locator('.ag-cell-inline-editing .ag-picker-field-wrapper').click();
    await page.locator('.ag-list-item').getByText('数据组*专员').click();
    await settled();
    const owner = () =>
      readDb<{ name: string }>(
        "SELECT p.name FROM tasks t JOIN people p ON p.id = t.owner_id WHERE t.code = 'M001'",
      )[0]?.name;
    await expect.poll(owner).toBe('数据组*专员');
    expect(await cell(m001.id, 'ownerId').innerText()).toBe('数据组*专员');
  });

  it('refuses a budget that is not an amount, and stores an amount exactly in fen', async () => {
    const m001 = taskRow('M001')!;
    await editCell(m001.id, 'budgetFen', '八万');
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('不是有效的金额');
    expect(readDb<{ b: number }>("SELECT budget_fen AS b FROM tasks WHERE code = 'M001'")[0]?.b).toBe(
      8_000_000,
    );
    await editCell(m001.id, 'budgetFen', '12,345.67');
    await settled();
    await expect
      .poll(() => readDb<{ b: number }>("SELECT budget_fen AS b FROM tasks WHERE code = 'M001'")[0]?.b)
      .toBe(1_234_567);
    expect(await cell(m001.id, 'budgetFen').innerText()).toBe('¥12,345.67');
  });

  it('deletes the selected task after confirmation', async () => {
    const id = taskRow('M008')!.id;
    await page.locator(`.ag-row[row-id="${id}"] .ag-selection-checkbox input`).check();
    await page.getByTestId('delete-tasks').click();
    await page.getByRole('alertdialog').getByText('M008').waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => taskRow('M008')).toBeUndefined();
    await expect.poll(() => page.locator('[data-testid="task-grid"] .ag-row[row-id]').count()).toBe(7);
  });

  it('creates, renames and deletes a project from the sidebar', async () => {
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.getByPlaceholder('策略名称，按 Enter 创建').fill('双11大促');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        readDb<{ name: string }>('SELECT name FROM projects ORDER BY created_at').map((r) => r.name),
      )
      .toEqual(['2024夏季新品推广', '双11大促']);
    await page.locator('.project-header h1').getByText('双11大促').waitFor();

    const item = page.getByTestId('project-item').filter({ hasText: '双11大促' });
    await item.getByRole('button', { name: '重命名' }).click();
    const input = page.locator('.name-input');
    await input.fill('2024双11大促');
    await input.press('Enter');
    await expect
      .poll(
        () => readDb<{ n: number }>("SELECT count(*) AS n FROM projects WHERE name = '2024双11大促'")[0]?.n,
      )
      .toBe(1);

    const renamed = page.getByTestId('project-item').filter({ hasText: '2024双11大促' });
    await renamed.getByRole('button', { name: '删除' }).click();
    await page.getByRole('alertdialog').getByText('确定删除「2024双11大促」吗').waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: '取消' }).click();
    expect(readDb('SELECT 1 FROM projects')).toHaveLength(2); // cancelled: nothing deleted
    await renamed.getByRole('button', { name: '删除' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
    await expect
      .poll(() => readDb<{ name: string }>('SELECT name FROM projects').map((r) => r.name))
      .toEqual(['2024夏季新品推广']);
  });

  it('reported no errors in the page', () => {
    expect(browser.problems).toEqual([]);
  });
});
