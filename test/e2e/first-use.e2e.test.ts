/**
 * What a campaign owner hit on first use (issue 14, items 1–13), end to end in headless Chromium
 * through the bridge, on the demo campaign: each check reads the page as the owner sees it and
 * the SQLite file the app writes.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBetween } from '../../src-main/shared/values';
import { withRaw } from '../helpers/db';
import { gridCell } from '../helpers/grid';
import { openSession, type Session } from '../helpers/session';

let session: Session;
let page: Page;
export const SHOTS = '/tmp/shots-i14a';

const all = <T>(sql: string, ...params: unknown[]) =>
  withRaw(session.file, (db) => db.prepare(sql).all(...params) as T[]);
const metricRow = (name: string) =>
  all<{ id: string; target_c: number | null }>('SELECT id, target_c FROM metrics WHERE name = ?', name)[0]!;

beforeAll(async () => {
  session = await openSession('ct-e2e-first-use-');
  page = session.browser.page;
  await page.goto(session.bridge.url);
  await page.getByRole('tab', { name: '指标' }).click();
  await page.getByTestId('metrics-grid').waitFor();
});

afterAll(async () => {
  await session?.close();
});

/** A cell brought to the middle of its scroll box (the last rows sit under the scroll bar). */
async function shown(rowId: string, colId: string) {
  const cell = gridCell(page, rowId, colId);
  await cell.evaluate((el) =>
    (el as unknown as { scrollIntoView(o: unknown): void }).scrollIntoView({ block: 'center' }),
  );
  return cell;
}

async function editCell(rowId: string, colId: string, value: string) {
  await (await shown(rowId, colId)).dblclick({ position: { x: 20, y: 6 } });
  const input = page.locator('.ag-cell-inline-editing input').first();
  await input.fill(value);
  await input.press('Enter');
}

/** Opens a cell's editor and returns the text it starts with. */
async function editorText(rowId: string, colId: string): Promise<string> {
  await (await shown(rowId, colId)).dblclick({ position: { x: 20, y: 6 } });
  const input = page.locator('.ag-cell-inline-editing input').first();
  await input.waitFor();
  const text = await input.inputValue();
  await input.press('Escape');
  return text;
}

describe('1. the metric target editor', () => {
  it('opens with the value as the cell reads it, not the stored hundredths', async () => {
    const conversion = metricRow('转化率'); // 5%: stored 500
    expect(conversion.target_c).toBe(500);
    expect(await editorText(conversion.id, 'targetC')).toBe('5%');
    const sales = metricRow('销量'); // 10万台: stored 10,000,000
    expect(await editorText(sales.id, 'targetC')).toBe('100,000台');
  });

  it('reads 5000万, ¥ and % as the cell parser does, for the metric being edited', async () => {
    const sales = metricRow('销量');
    await editCell(sales.id, 'targetC', '12万');
    await expect.poll(() => metricRow('销量').target_c).toBe(12_000_000); // 120,000台

    await page.getByTestId('add-metric').selectOption('revenue');
    await expect.poll(() => all('SELECT id FROM metrics WHERE name = ?', '销售额').length).toBe(1);
    const revenue = metricRow('销售额');
    await gridCell(page, revenue.id, 'targetC').waitFor();
    await editCell(revenue.id, 'targetC', '5000万');
    await expect.poll(() => metricRow('销售额').target_c).toBe(5_000_000_000); // ¥50,000,000.00 in fen
    expect(await editorText(revenue.id, 'targetC')).toBe('¥50,000,000.00');

    // The column fits the exact value (no "¥50,000,00…") and its tooltip carries it too.
    const cell = gridCell(page, revenue.id, 'targetC');
    await expect.poll(() => cell.innerText()).toBe('¥50,000,000.00');
    const fits = await cell.evaluate((el) => {
      const box = el as unknown as { scrollWidth: number; clientWidth: number };
      return box.scrollWidth <= box.clientWidth;
    });
    expect(fits).toBe(true);
    // AG Grid shows a tooltip once the pointer moves onto the cell (not when it lands on it).
    await cell.hover({ position: { x: 20, y: 6 } });
    await page.mouse.move(30, 300);
    await cell.hover({ position: { x: 24, y: 8 } });
    await expect.poll(() => page.locator('.ag-tooltip').innerText()).toBe('¥50,000,000.00');
  });

  it('takes an ROI as a percentage or as a multiple', async () => {
    await page.getByTestId('add-metric').selectOption('roi');
    await expect.poll(() => all('SELECT id FROM metrics WHERE name = ?', 'ROI').length).toBe(1);
    const roi = metricRow('ROI');
    await gridCell(page, roi.id, 'targetC').waitFor();
    await editCell(roi.id, 'targetC', '240%');
    await expect.poll(() => metricRow('ROI').target_c).toBe(24_000);
    expect(await editorText(roi.id, 'targetC')).toBe('240%');
    await editCell(roi.id, 'targetC', '3倍');
    await expect.poll(() => metricRow('ROI').target_c).toBe(30_000);
    await expect.poll(() => gridCell(page, roi.id, 'targetC').innerText()).toBe('300%');
    await page.screenshot({ path: join(SHOTS, 'metrics-targets-1440.png') });
  });
});

describe('5. the attention list', () => {
  /** Whether the row is selected, holds the focused cell and is inside its grid's viewport. */
  const rowState = (rowId: string) =>
    page
      .locator(`.ag-row[row-id="${rowId}"]`)
      .first()
      .evaluate((el) => {
        const row = el as unknown as {
          classList: { contains(c: string): boolean };
          querySelector(s: string): unknown;
          getBoundingClientRect(): { top: number; bottom: number };
          closest(s: string): { getBoundingClientRect(): { top: number; bottom: number } } | null;
        };
        const box = row.getBoundingClientRect();
        const viewport = row.closest('.ag-root')!.getBoundingClientRect();
        return {
          selected: row.classList.contains('ag-row-selected'),
          focused: row.querySelector('.ag-cell-focus') !== null,
          visible: box.top >= viewport.top - 1 && box.bottom <= viewport.bottom + 1,
        };
      });

  it('opens a task item’s row: scrolled to, selected, flashed', async () => {
    await page.getByRole('tab', { name: '概览' }).click();
    const item = page.locator('[data-testid="attention"] li[data-key^="task_overdue:"]').last();
    const taskId = (await item.getAttribute('data-key'))!.split(':')[1]!;
    await item.locator('button.link').first().click();
    await expect
      .poll(() => page.getByRole('tab', { name: '任务拆解' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect.poll(() => rowState(taskId)).toEqual({ selected: true, focused: true, visible: true });
    await expect
      .poll(() =>
        page
          .locator(
            `.ag-row[row-id="${taskId}"] .ag-cell-data-changed, .ag-row[row-id="${taskId}"] .ag-cell-data-changed-animation`,
          )
          .count(),
      )
      .toBeGreaterThan(0);
  });

  it('opens a metric item’s row and shows that metric’s values', async () => {
    await page.getByRole('tab', { name: '概览' }).click();
    const item = page
      .locator('[data-testid="attention"] li[data-key^="metric_behind:"]')
      .filter({ hasText: '转化率' });
    const metricId = (await item.getAttribute('data-key'))!.split(':')[1]!;
    await item.locator('button.link').first().click();
    await expect.poll(() => rowState(metricId)).toEqual({ selected: true, focused: true, visible: true });
    await page.getByText('「转化率」各周期实际值').waitFor();
  });
});

describe('6. the demo, finished, on any later day', () => {
  it('says 已结束 where the dates say so, and counts overdue days only up to the end', async () => {
    await page.getByRole('tab', { name: '概览' }).click();
    await expect.poll(() => page.getByTestId('project-status').innerText()).toBe('已结束');
    expect(await page.getByTestId('project-timing').innerText()).toMatch(/已结束 \d+ 天/);
    expect(await page.locator('[data-testid="project-item"] .status-dot').getAttribute('title')).toBe(
      '已结束',
    );
    const kpis = await page.locator('.kpis').innerText();
    expect(kpis).toContain('剩余天数');
    expect(kpis).not.toMatch(/剩余天数\s*0/);
    const attention = await page.getByTestId('attention').innerText();
    expect(attention).not.toContain('进行中');
    // M002 KOL合作落地: overdue from its end to the day after the campaign's (2024-07-31), whatever today is.
    const m002 = all<{ end_date: string }>("SELECT end_date FROM tasks WHERE code = 'M002'")[0]!;
    const days = daysBetween(m002.end_date, '2024-08-01');
    expect(days).toBeLessThan(92);
    expect(attention).toContain(`M002 KOL合作落地 到活动结束仍未完成(逾期 ${days} 天)`);
    expect(attention).not.toMatch(/逾期 \d{3,} 天/);
    await page.screenshot({ path: join(SHOTS, 'overview-demo-ended-1440.png') });
  });
});

describe('7. 开启新周期', () => {
  const periods = () =>
    all<{ start_date: string; closed_at: string | null }>(
      'SELECT start_date, closed_at FROM tracking_periods ORDER BY start_date',
    );

  it('asks first, naming the period it closes and the one it opens; cancel changes nothing', async () => {
    await page.getByRole('tab', { name: '跟踪总表' }).click();
    const before = periods();
    await page.getByTestId('open-period').click();
    const dialog = page.getByRole('alertdialog');
    // The demo's current period is 第25周 (6/17–6/23); the next is 第26周 (6/24–6/30), long past.
    await expect
      .poll(() => dialog.innerText())
      .toContain('将结束当前周期 第25周 (6/17–6/23)，它的跟踪总表存为只读记录，并开启 第26周 (6/24–6/30)。');
    expect(await dialog.innerText()).not.toContain('晚于今天');
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(periods()).toEqual(before);
  });

  it('opens it once confirmed, and Ctrl+Z shows the restored period at once', async () => {
    const before = periods();
    await page.getByTestId('open-period').click();
    await page.getByRole('alertdialog').getByRole('button', { name: '开启新周期' }).click();
    await expect.poll(() => periods().length).toBe(before.length + 1);
    const select = page.getByTestId('period-select');
    await expect.poll(() => select.locator('option:checked').innerText()).toContain('第26周');
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => periods()).toEqual(before);
    // The screen follows the file without switching projects.
    await expect.poll(() => select.locator('option:checked').innerText()).toContain('第25周');
    expect(await select.locator('option').allInnerTexts()).not.toContain(expect.stringContaining('第26周'));
  });
});

describe('8. one rule for amounts', () => {
  it('takes 180万 in 预算花费 like elsewhere, and says a negative amount is one', async () => {
    await page.getByRole('tab', { name: '指标' }).click();
    const spend = all<{ id: string; amount_fen: number }>(
      "SELECT id, amount_fen FROM spend_entries WHERE note = '直播坑位与投流'",
    )[0]!;
    const cell = gridCell(page, spend.id, 'amount');
    await cell.scrollIntoViewIfNeeded();
    const edit = async (text: string) => {
      await cell.dblclick();
      const input = page.locator('[data-testid="spend-grid"] .ag-cell-inline-editing input').first();
      await input.fill(text);
      await input.press('Enter');
    };
    await edit('180万');
    const amount = () =>
      all<{ amount_fen: number }>('SELECT amount_fen FROM spend_entries WHERE id = ?', spend.id)[0]!
        .amount_fen;
    await expect.poll(amount).toBe(180_000_000);
    await expect.poll(() => cell.innerText()).toBe('¥1,800,000.00');
    await edit('-500');
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('金额不能为负数');
    expect(amount()).toBe(180_000_000);
    await page.getByTestId('notice').getByRole('button').click();
  });
});

describe('9. a refused value’s message belongs to that value', () => {
  const task = (code: string) =>
    all<{ id: string; progress: number; notes: string }>(
      'SELECT id, progress, notes FROM tasks WHERE code = ?',
      code,
    )[0]!;
  const editTaskCell = async (rowId: string, colId: string, value: string) => {
    const cell = gridCell(page, rowId, colId);
    await cell.scrollIntoViewIfNeeded();
    await cell.dblclick();
    const input = page.locator('.ag-cell-inline-editing input, .ag-popup-editor textarea').first();
    await input.fill(value);
    await input.press('Enter');
  };
  const marked = (rowId: string, colId: string) =>
    gridCell(page, rowId, colId).evaluate((el) =>
      (el as unknown as { classList: { contains(c: string): boolean } }).classList.contains('cell-error'),
    );

  it('goes when the valid value is put back', async () => {
    await page.getByRole('tab', { name: '任务拆解' }).click();
    const m004 = task('M004');
    await editTaskCell(m004.id, 'progress', '150');
    await expect.poll(() => marked(m004.id, 'progress')).toBe(true);
    await page.getByTestId('notice').waitFor();
    await editTaskCell(m004.id, 'progress', String(m004.progress));
    await expect.poll(() => marked(m004.id, 'progress')).toBe(false);
    await expect.poll(() => page.getByTestId('notice').count()).toBe(0);
  });

  it('leaves no red outline once the row is saved valid', async () => {
    const m004 = task('M004');
    await editTaskCell(m004.id, 'progress', '150');
    await expect.poll(() => marked(m004.id, 'progress')).toBe(true);
    await editTaskCell(m004.id, 'notes', '已上线');
    await expect.poll(() => task('M004').notes).toBe('已上线');
    await expect.poll(() => marked(m004.id, 'progress')).toBe(false);
    expect(task('M004').progress).toBe(m004.progress);
  });
});

describe('7. 开启新周期 in a running campaign', () => {
  it('says when the next period starts after today before opening it', async () => {
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.getByPlaceholder('策略名称，按 Enter 创建').fill('双11大促');
    await page.keyboard.press('Enter');
    await page.locator('.project-header h1').getByText('双11大促').waitFor();
    const pid = all<{ id: string }>("SELECT id FROM projects WHERE name = '双11大促'")[0]!.id;
    const periods = () =>
      all<{ start_date: string; closed_at: string | null }>(
        'SELECT start_date, closed_at FROM tracking_periods WHERE project_id = ? ORDER BY start_date',
        pid,
      );
    await page.getByRole('tab', { name: '跟踪总表' }).click();
    await page.getByTestId('open-period').click();
    const dialog = page.getByRole('alertdialog');
    await expect.poll(() => dialog.innerText()).toContain('将开启跟踪周期 第');
    expect(await dialog.innerText()).not.toContain('晚于今天'); // the week of today
    await dialog.getByRole('button', { name: '开启第一个跟踪周期' }).click();
    await expect.poll(() => periods().length).toBe(1);

    // The next week starts after today: the dialog says so, and opening it takes a second word.
    await page.getByTestId('open-period').click();
    await expect.poll(() => dialog.innerText()).toContain('晚于今天');
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(periods()).toEqual([{ start_date: expect.any(String), closed_at: null }]);
    await page.getByTestId('open-period').click();
    await dialog.getByRole('button', { name: '仍然提前开启' }).click();
    await expect.poll(() => periods().length).toBe(2);
    expect(periods()[0]!.closed_at).not.toBeNull();
  });
});

describe('13. the SMART check', () => {
  it('names, for each missing letter, the field that satisfies it, and links to it', async () => {
    // The new campaign 双11大促 of the test above: no goal, no metric yet.
    await page.getByRole('tab', { name: '指标' }).click();
    const check = page.getByTestId('smart-check');
    await expect.poll(() => check.locator('button').count()).toBe(5);
    const text = await check.innerText();
    expect(text).toContain('S 具体 — 在「目标描述(SMART)」中写清目标');
    expect(text).toContain('A 可实现 — 为关联目标的指标填写「基线值」');
    await check.locator('button[data-letter="S"]').click();
    await expect
      .poll(() => page.getByRole('tab', { name: '目标与团队' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement
              .id,
        ),
      )
      .toBe('strategy-goal');

    // With a goal metric but no baseline, A links to that metric's 基线值 cell.
    await page.getByRole('tab', { name: '指标' }).click();
    await page.getByTestId('add-metric').selectOption('units_sold');
    await expect
      .poll(() => all('SELECT id FROM metrics WHERE name = ? AND baseline_c IS NULL', '销量').length)
      .toBeGreaterThan(0);
    const sales = all<{ id: string }>(
      "SELECT m.id FROM metrics m JOIN projects p ON p.id = m.project_id WHERE p.name = '双11大促' AND m.name = '销量'",
    )[0]!;
    await check.locator('button[data-letter="A"]').click();
    await expect
      .poll(() => page.locator(`.ag-row[row-id="${sales.id}"] .ag-cell-focus`).getAttribute('col-id'))
      .toBe('baselineC');
  });
});

describe('12. layout', () => {
  it('starts editing the first task of an empty table, so typing goes into it', async () => {
    // 双11大促 has no task yet.
    await page.getByRole('tab', { name: '任务拆解' }).click();
    await page.getByTestId('add-task').click();
    const input = page.locator('.ag-cell-inline-editing input').first();
    await input.waitFor();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('首条任务');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        all<{ name: string }>(
          "SELECT t.name FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.name = '双11大促'",
        ).map((r) => r.name),
      )
      .toEqual(['首条任务']);
  });

  it('keeps the toolbar title and undo/redo on one line at 1280 and 1440 px; text areas not monospace', async () => {
    type Box = { getBoundingClientRect(): { top: number; height: number } };
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 860 });
      const title = await page
        .locator('.toolbar-title')
        .first()
        .evaluate((el) => {
          const box = (el as unknown as Box).getBoundingClientRect();
          const line =
            parseFloat(
              (
                globalThis as unknown as { getComputedStyle(e: unknown): { lineHeight: string } }
              ).getComputedStyle(el).lineHeight,
            ) || 20;
          return box.height <= line * 1.5;
        });
      expect(title, `title at ${width}`).toBe(true);
      const tops = await page
        .locator('.undo-redo button')
        .evaluateAll((els) =>
          els.map((el) => Math.round((el as unknown as Box).getBoundingClientRect().top)),
        );
      expect(new Set(tops).size, `undo/redo at ${width}`).toBe(1);
      // …and on the header's own line, beside the campaign's name.
      const nameTop = await page
        .locator('.project-header h1')
        .evaluate((el) => (el as unknown as Box).getBoundingClientRect().top);
      expect(Math.abs(tops[0]! - nameTop), `undo/redo beside the name at ${width}`).toBeLessThan(12);
    }
    await page.setViewportSize({ width: 1440, height: 860 });
    await page.getByRole('tab', { name: '目标与团队' }).click();
    const font = await page
      .locator('textarea')
      .first()
      .evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { fontFamily: string } }
          ).getComputedStyle(el).fontFamily,
      );
    expect(font).not.toMatch(/monospace/i);
  });
});

describe('11. one date style in every grid', () => {
  it('shows 4月20日 in Table 2 and 7月31日 in the metrics, the campaign’s year left out', async () => {
    await page
      .getByTestId('project-item')
      .filter({ hasText: '2024夏季新品推广' })
      .getByRole('button')
      .first()
      .click();
    await page.locator('.project-header h1').getByText('2024夏季新品推广').waitFor();
    // The campaign's name is whole at 1280 px: the period and the owner give way before it.
    await page.setViewportSize({ width: 1280, height: 860 });
    const cut = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const box = el as unknown as { scrollWidth: number; clientWidth: number };
          return box.scrollWidth > box.clientWidth;
        });
    expect(await cut('.project-header h1')).toBe(false);
    expect(await cut('.project-header .header-item')).toBe(true);
    await page.setViewportSize({ width: 1440, height: 860 });
    await page.getByRole('tab', { name: '任务拆解' }).click();
    const m001 = all<{ id: string }>("SELECT id FROM tasks WHERE code = 'M001'")[0]!;
    await expect.poll(() => gridCell(page, m001.id, 'start').innerText()).toBe('4月20日');
    await page.getByRole('tab', { name: '指标' }).click();
    await expect.poll(() => gridCell(page, metricRow('转化率').id, 'targetDate').innerText()).toBe('7月31日');
  });
});
