/**
 * Step 一 and Table 1 end to end: the strategy header, the team, and the module rows with their
 * progress roll-up and override — each change read back from the SQLite file.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/backend';
import { screenshot, type Browser } from '../helpers/browser';
import type { RunningBridge } from '../helpers/bridge';
import { openSession, type Session } from '../helpers/session';
import { withRaw } from '../helpers/db';
import { editCell, gridCell, pickInCell, settled } from '../helpers/grid';

let dataDir: string;
let bridge: RunningBridge;
let browser: Browser;
let page: Page;

const one = <T>(sql: string, ...params: unknown[]) =>
  withRaw(join(dataDir, DATABASE_FILE), (db) => db.prepare(sql).get(...params) as T);
const project = () =>
  one<{ goal: string; start_date: string; end_date: string; budget_fen: number; owner_id: string }>(
    'SELECT * FROM projects',
  );
const moduleRow = (name: string) =>
  one<{ id: string; progress_override: number | null; issues: string }>(
    'SELECT * FROM modules WHERE name = ?',
    name,
  );

let session: Session;

beforeAll(async () => {
  session = await openSession('ct-e2e-goal-');
  ({ dataDir, bridge, browser } = session);
  page = browser.page;
  await page.goto(bridge.url);
  await page.getByRole('tab', { name: '目标与团队' }).click();
  await page.getByTestId('team-grid').waitFor();
});

afterAll(async () => {
  await session?.close();
});

describe('goal and team', () => {
  it('saves the SMART goal and the budget when a field is left', async () => {
    const goal = page.getByLabel('目标描述(SMART)');
    await goal.fill('3个月内销量10万台,品牌声量提升40%,转化率达到5%');
    await page.getByLabel('预算').fill('300万');
    await page.getByLabel('目标受众').click(); // leaving the field saves it
    await expect.poll(() => project().goal).toBe('3个月内销量10万台,品牌声量提升40%,转化率达到5%');
    await expect.poll(() => project().budget_fen).toBe(300_000_000);
  });

  it('sets the tracking cycle and the attention threshold', async () => {
    await page.getByLabel('跟踪周期').selectOption('month');
    await page.getByLabel('预警阈值(%)').fill('20');
    await page.getByLabel('目标受众').click();
    await expect
      .poll(() =>
        one<{ tracking_cycle: string; gap_threshold: number }>(
          'SELECT tracking_cycle, gap_threshold FROM projects',
        ),
      )
      .toEqual({ tracking_cycle: 'month', gap_threshold: 20 });
    await page.getByLabel('预警阈值(%)').fill('150');
    await page.getByLabel('目标受众').click();
    await page.locator('.field-error').getByText('请输入 0–100 的整数').waitFor();
    expect(one<{ gap_threshold: number }>('SELECT gap_threshold FROM projects').gap_threshold).toBe(20);
  });

  it('shows the overall progress figure whole in the header at 1280 px', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const figure = page.getByTestId('project-progress');
    await expect.poll(() => figure.textContent()).toMatch(/总体进度：\d+%/);
    const cut = await figure.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(cut).toBe(false);
  });

  it('keeps what is typed into a field while its earlier save is still under way', async () => {
    // Hold the save's answer back, as a busy machine would, and type again meanwhile.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/projects.update', async (route) => {
      await held;
      await route.continue();
    });
    const field = page.getByLabel('预警阈值(%)');
    await field.fill('30');
    await page.getByLabel('目标受众').click();
    await field.fill('45');
    const answered = page.waitForResponse('**/api/projects.update');
    release();
    await answered;
    await page.unroute('**/api/projects.update');
    await expect
      .poll(() => one<{ gap_threshold: number }>('SELECT gap_threshold FROM projects').gap_threshold)
      .toBe(30);
    expect(await field.inputValue()).toBe('45');
    await page.getByLabel('目标受众').click();
    await expect
      .poll(() => one<{ gap_threshold: number }>('SELECT gap_threshold FROM projects').gap_threshold)
      .toBe(45);
    await expect.poll(() => field.inputValue()).toBe('45');
  });

  it('refuses an end date before the start at the field, and keeps the stored one', async () => {
    await page.getByLabel('结束日期').fill('2024-04-01');
    await page.getByLabel('目标受众').click();
    await page.locator('.field-error').getByText('结束日期 2024-04-01 早于开始日期 2024-05-01').waitFor();
    expect(project().end_date).toBe('2024-07-31');
    // The field shows the stored date in the UI language's style (DateInput).
    await expect.poll(() => page.getByLabel('结束日期').inputValue()).toBe('2024年7月31日');
  });

  it('adds, renames and deletes a member; refuses to delete one who still owns tasks, naming them', async () => {
    await page.getByTestId('add-person').click();
    await expect
      .poll(() => one<{ n: number }>("SELECT count(*) AS n FROM people WHERE name = '新成员'").n)
      .toBe(1);
    const id = one<{ id: string }>("SELECT id FROM people WHERE name = '新成员'").id;
    await editCell(page, id, 'name', '渠道组*主管');
    await pickInCell(page, id, 'role', '模块负责人');
    await editCell(page, id, 'group', '渠道组');
    await settled(page);
    await expect
      .poll(() =>
        one<{ name: string; role: string; group_name: string }>('SELECT * FROM people WHERE id = ?', id),
      )
      .toMatchObject({ name: '渠道组*主管', role: 'module_owner', group_name: '渠道组' });

    const owner = one<{ id: string }>("SELECT id FROM people WHERE name = '销售组*主管'").id;
    await gridCell(page, owner, 'name').click();
    await page.getByTestId('delete-person').click();
    await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('此人仍负责');
    expect(await page.getByTestId('notice').innerText()).toMatch(/M005.*M006/);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM people WHERE id = ?', owner).n).toBe(1);
    await screenshot(page, 'goal-team');

    await gridCell(page, id, 'name').click();
    await page.getByTestId('delete-person').click();
    await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
    await expect
      .poll(() => one<{ n: number }>('SELECT count(*) AS n FROM people WHERE id = ?', id).n)
      .toBe(0);
  });

  it('undoes the last change to the header with the button', async () => {
    const before = project().budget_fen;
    await page.getByLabel('预算').fill('280万');
    await page.getByLabel('目标受众').click();
    await expect.poll(() => project().budget_fen).toBe(280_000_000);
    await page.getByTestId('undo').click();
    await expect.poll(() => project().budget_fen).toBe(before);
    await expect.poll(() => page.getByLabel('预算').inputValue()).toBe('3,000,000.00');
  });
});

describe('Table 1', () => {
  it('overrides a module progress, shows it, and returns to the roll-up when cleared', async () => {
    await page.getByRole('tab', { name: '跟踪总表' }).click();
    await page.getByTestId('tracking-grid').waitFor();
    const social = moduleRow('社交媒体推广');
    await editCell(page, social.id, 'progressOverride', '70');
    await expect.poll(() => moduleRow('社交媒体推广').progress_override).toBe(70);
    await expect.poll(() => gridCell(page, social.id, 'progressOverride').innerText()).toContain('70%');

    await gridCell(page, social.id, 'name').click();
    await page.getByTestId('clear-override').click();
    await expect.poll(() => moduleRow('社交媒体推广').progress_override).toBeNull();
    // Rolled up from the module's tasks, weighted by their duration in days.
    const expected = one<{ p: number }>(
      `SELECT round(sum(progress * (julianday(end_date) - julianday(start_date) + 1)) /
              sum(julianday(end_date) - julianday(start_date) + 1)) AS p
         FROM tasks WHERE module_id = ?`,
      social.id,
    ).p;
    await expect
      .poll(() => gridCell(page, social.id, 'progressOverride').innerText())
      .toContain(`${expected}%`);
    expect(await gridCell(page, social.id, 'progressOverride').getAttribute('class')).toContain(
      'cell-computed',
    );
  });

  it('edits a long text cell in the multi-line editor', async () => {
    const offline = moduleRow('线下地推活动');
    await editCell(page, offline.id, 'issues', '部分区域场地成本超预算\n第4场活动延期一周');
    await expect
      .poll(() => moduleRow('线下地推活动').issues)
      .toBe('部分区域场地成本超预算\n第4场活动延期一周');
    await screenshot(page, 'tracking-table-edited');
  });

  it('reported no errors in the page', () => {
    expect(browser.problems).toEqual([]);
  });
});
