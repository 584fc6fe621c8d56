/**
 * Tracking and charts end to end (issue: metrics, periods, gap detection, ECharts views): values
 * entered in the metrics tab reach the charts and the attention list; opening a new weekly
 * period keeps the previous Table 1 readable. Read back from the SQLite file and from the charts'
 * own options.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/backend';
import { screenshot, type Browser } from '../helpers/browser';
import type { RunningBridge } from '../helpers/bridge';
import { openSession, type Session } from '../helpers/session';
import { withRaw } from '../helpers/db';
import { editCell, gridCell } from '../helpers/grid';

let dataDir: string;
let bridge: RunningBridge;
let browser: Browser;
let page: Page;

const all = <T>(sql: string, ...params: unknown[]) =>
  withRaw(join(dataDir, DATABASE_FILE), (db) => db.prepare(sql).all(...params) as T[]);
const metric = (name: string) => all<{ id: string }>('SELECT id FROM metrics WHERE name = ?', name)[0]!;

// The page's own globals, for the callbacks that run inside the browser.
declare const document: {
  querySelector(selector: string): { echartsInstance?: { getOption(): unknown } } | null;
};

/** The option a chart is drawn from, read from its ECharts instance in the page. */
function chartOption(testId: string): Promise<unknown> {
  return page.evaluate(
    (selector) =>
      JSON.parse(JSON.stringify(document.querySelector(selector)?.echartsInstance?.getOption() ?? null)),
    `[data-testid="${testId}"]`,
  );
}

/** Every object inside `value` (depth first). */
function objects(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objects);
  if (value && typeof value === 'object') {
    return [value as Record<string, unknown>, ...Object.values(value).flatMap(objects)];
  }
  return [];
}

let session: Session;

beforeAll(async () => {
  session = await openSession('ct-e2e-track-');
  ({ dataDir, bridge, browser } = session);
  page = browser.page;
  await page.goto(bridge.url);
});

afterAll(async () => {
  await session?.close();
});

describe('metrics and the dashboard', () => {
  it('records the actuals of 销量 and 转化率 entered in the metrics tab', async () => {
    await page.getByRole('tab', { name: '指标' }).click();
    await page.getByTestId('metrics-grid').waitFor();
    for (const [name, value, stored] of [
      ['销量', '12000', 1_200_000],
      ['转化率', '3', 300],
    ] as const) {
      const { id } = metric(name);
      await gridCell(page, id, 'name').click();
      await page.getByText(`「${name}」各周期实际值`).waitFor();
      // The latest period of the plan (the week of its end) is the first row.
      const row = page.locator('[data-testid="actuals-grid"] .ag-row[row-index="0"]');
      const periodStart = await row.getAttribute('row-id');
      await row.locator('.ag-cell[col-id="value"]').dblclick();
      const input = page.locator('.ag-cell-inline-editing input').first();
      await input.fill(value);
      await input.press('Enter');
      await expect
        .poll(
          () =>
            all<{ value_c: number }>(
              'SELECT value_c FROM metric_actuals WHERE metric_id = ? AND period_start = ?',
              id,
              periodStart,
            )[0]?.value_c,
        )
        .toBe(stored);
    }
    await screenshot(page, 'metrics-tab');
  });

  it('shows those values in the target-vs-actual chart and names the gap in the attention list', async () => {
    await page.getByRole('tab', { name: '概览' }).click();
    await page.getByTestId('attention').waitFor();
    await expect
      .poll(() => page.getByTestId('attention').innerText())
      .toContain('「转化率」低于预期(目标5%，实际3%)');
    await expect
      .poll(async () =>
        objects(await chartOption('chart-target-vs-actual')).find(
          (o) => o.name === '转化率' && 'actualC' in o,
        ),
      )
      .toMatchObject({ actualC: 300, targetC: 500 });
    const sales = objects(await chartOption('chart-target-vs-actual')).find(
      (o) => o.name === '销量' && 'actualC' in o,
    );
    const recorded = all<{ total: number }>(
      'SELECT sum(value_c) AS total FROM metric_actuals WHERE metric_id = ?',
      metric('销量').id,
    )[0]!.total;
    expect(sales).toMatchObject({ actualC: recorded, targetC: 10_000_000 });
    await screenshot(page, 'overview-light');
  });

  it('draws every chart of the dashboard, in light and dark', async () => {
    for (const id of [
      'chart-gantt',
      'chart-target-vs-actual',
      'chart-module-progress',
      'chart-s-curve',
      'chart-trend',
      'chart-budget',
      'chart-funnel',
    ]) {
      expect(await chartOption(id), id).not.toBeNull();
    }
    await page.getByLabel('主题').selectOption('dark');
    await page.getByTestId('chart-budget').scrollIntoViewIfNeeded();
    await screenshot(page, 'overview-dark');
    await page.getByLabel('主题').selectOption('light');
  });
});

describe('tracking periods', () => {
  it('opens a new weekly period and keeps the previous Table 1 readable, unchanged by later edits', async () => {
    await page.getByRole('tab', { name: '跟踪总表' }).click();
    await page.getByTestId('period-bar').waitFor();
    const before = all<{ id: string }>('SELECT id FROM tracking_periods ORDER BY start_date');
    await page.getByTestId('open-period').click();
    // It asks first, naming the period it closes.
    await page.getByRole('alertdialog').getByText('将结束当前周期').waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: '开启新周期' }).click();
    await expect.poll(() => all('SELECT id FROM tracking_periods').length).toBe(before.length + 1);
    const closed = all<{ id: string }>(
      'SELECT id FROM tracking_periods WHERE closed_at IS NOT NULL ORDER BY start_date DESC',
    )[0]!;
    const kept = all<{ summary: string }>(
      "SELECT s.summary FROM module_snapshots s JOIN modules m ON m.id = s.module_id WHERE s.period_id = ? AND m.name = '社交媒体推广'",
      closed.id,
    )[0]!;

    // Edit the current Table 1: the closed period keeps what it had.
    const social = all<{ id: string }>("SELECT id FROM modules WHERE name = '社交媒体推广'")[0]!;
    await editCell(page, social.id, 'summary', '本周小红书曝光300万+');
    await expect
      .poll(() => all<{ summary: string }>('SELECT summary FROM modules WHERE id = ?', social.id)[0]!.summary)
      .toBe('本周小红书曝光300万+');
    expect(
      all<{ summary: string }>(
        'SELECT summary FROM module_snapshots WHERE period_id = ? AND module_id = ?',
        closed.id,
        social.id,
      )[0]!.summary,
    ).toBe(kept.summary);

    // The previous period is selectable and shows its own Table 1, read-only.
    await page.getByTestId('period-select').selectOption(closed.id);
    await page.getByText('正在查看已结束周期的跟踪总表').waitFor();
    await expect.poll(() => gridCell(page, social.id, 'summary').innerText()).toBe(kept.summary);
    await gridCell(page, social.id, 'summary').dblclick();
    expect(await page.locator('.ag-popup-editor, .ag-cell-inline-editing').count()).toBe(0);
    await screenshot(page, 'tracking-closed-period');
  });

  it('reported no errors in the page', () => {
    expect(browser.problems).toEqual([]);
  });
});
