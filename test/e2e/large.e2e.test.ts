/**
 * A plan of 10,000 tasks in the real page: the grid shows it (virtualised), counts it, and scrolls
 * to the end. Speed is measured in `npm run bench`, not here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend } from '../../src-main/backend';
import { launchBrowser, screenshot, type Browser } from '../helpers/browser';
import { startBuiltBridge, type RunningBridge } from '../helpers/bridge';

const COUNT = 10_000;
let dataDir: string;
let bridge: RunningBridge;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ct-e2e-large-'));
  // Seed through the app's own paste, as a user pasting a long list would.
  const backend = openBackend({ dataDir, version: 'test' });
  const list = backend.router.invoke('projects.list', {});
  if (!list.ok) throw new Error('no demo project');
  const projectId = (list.value as { id: string }[])[0]!.id;
  const owners = ['内容组*主管', '销售组*主管', '渠道组*专员', '数据组*专员'];
  const people = backend.router.invoke('people.list', { projectId });
  const ownerIds = (people.ok ? (people.value as { id: string; name: string }[]) : [])
    .filter((p) => owners.includes(p.name))
    .map((p) => p.id);
  const rows = Array.from({ length: COUNT }, (_, i) => ({
    ref: i + 1,
    values: {
      name: `第${i + 1}场门店活动`,
      deliverable: `活动总结与照片 #${i + 1}`,
      ownerId: ownerIds[i % ownerIds.length]!,
      start: `2024-06-${String((i % 28) + 1).padStart(2, '0')}`,
      end: '2024-07-31',
      budgetFen: (i % 50) * 10_000,
      progress: i % 101,
    },
  }));
  const pasted = backend.router.invoke('tasks.paste', { projectId, rows });
  backend.close();
  if (!pasted.ok) throw new Error(JSON.stringify(pasted.error));
  bridge = await startBuiltBridge(dataDir);
  browser = await launchBrowser({ locale: 'zh-CN' });
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a plan of 10,000 tasks', () => {
  it('shows Table 2 with all tasks counted and the last one reachable', async () => {
    await page.goto(bridge.url);
    await page.getByRole('tab', { name: '任务拆解' }).click();
    await page.locator('[data-testid="task-grid"] .ag-row[row-id]').first().waitFor();
    expect(await page.getByTestId('task-info').innerText()).toContain(`共 ${COUNT + 7} 个任务`);
    // Virtualised: only the visible rows are in the page.
    expect(await page.locator('[data-testid="task-grid"] .ag-row[row-id]').count()).toBeLessThan(200);
    await screenshot(page, 'table2-10k');
    await page.locator('[data-testid="task-grid"] .ag-cell[col-id="code"]').first().click();
    await page.keyboard.press('Control+End');
    await page.getByText(`第${COUNT}场门店活动`).waitFor();
    await screenshot(page, 'table2-10k-end');
  });

  it('shows Table 1 with the roll-ups over 10,000 tasks', async () => {
    await page.getByRole('tab', { name: '跟踪总表' }).click();
    await page.getByTestId('tracking-grid').waitFor();
    expect(await page.getByTestId('tracking-grid').innerText()).toContain('社交媒体推广');
    await screenshot(page, 'table1-10k');
  });

  it('reported no errors in the page', () => {
    expect(browser.problems).toEqual([]);
  });
});
