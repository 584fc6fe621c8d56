/**
 * Table 2 as a campaign owner uses it, end to end in headless Chromium through the bridge: every
 * column type edited, bad values refused, the outline, paste from Excel with a bad cell, undo of
 * a paste and of a delete (also after a reload). Every check reads the SQLite file itself.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/backend';
import { screenshot, type Browser } from '../helpers/browser';
import type { RunningBridge } from '../helpers/bridge';
import { openSession, type Session } from '../helpers/session';
import { logicalHash, withRaw } from '../helpers/db';
import { editCell, gridCell, pasteInto, pickInCell, settled } from '../helpers/grid';

// The page's own globals, for the callback that runs inside the browser.
declare const document: {
  querySelector(selector: string): { dispatchEvent(event: unknown): boolean } | null;
};
declare class DataTransfer {
  setData(type: string, value: string): void;
  getData(type: string): string;
}
declare class ClipboardEvent {
  constructor(type: string, init: { clipboardData: DataTransfer; bubbles: boolean; cancelable: boolean });
}

let dataDir: string;
let bridge: RunningBridge;
let browser: Browser;
let page: Page;

const file = () => join(dataDir, DATABASE_FILE);
const rows = <T>(sql: string, ...params: unknown[]) =>
  withRaw(file(), (db) => db.prepare(sql).all(...params) as T[]);
interface TaskRow {
  id: string;
  code: string;
  name: string;
  deliverable: string;
  owner: string | null;
  start_date: string | null;
  end_date: string | null;
  budget_fen: number | null;
  manpower: string;
  tools: string;
  criteria: string;
  progress: number;
  notes: string;
  module: string | null;
  milestone: number;
  blocked: number;
  parent_id: string | null;
  preds: string | null;
}
const TASKS = `
  SELECT t.*, p.name AS owner, m.name AS module,
         (SELECT group_concat(pt.code, ',') FROM task_links l JOIN tasks pt ON pt.id = l.predecessor_id
           WHERE l.successor_id = t.id) AS preds
    FROM tasks t LEFT JOIN people p ON p.id = t.owner_id LEFT JOIN modules m ON m.id = t.module_id`;
const task = (code: string) => rows<TaskRow>(`${TASKS} WHERE t.code = ?`, code)[0]!;
const taskCount = () => rows<{ n: number }>('SELECT count(*) AS n FROM tasks')[0]!.n;

async function openTasks() {
  await page.getByRole('tab', { name: '任务拆解' }).click();
  await page.getByTestId('task-grid').waitFor();
  await page.locator('[data-testid="task-grid"] .ag-row[row-id]').first().waitFor();
}

let session: Session;

beforeAll(async () => {
  session = await openSession('ct-e2e-t2-');
  ({ dataDir, bridge, browser } = session);
  page = browser.page;
  await page.goto(bridge.url);
  await openTasks();
});

afterAll(async () => {
  await session?.close();
});

describe('Table 2, complete', () => {
  it('edits every column type and stores each value', async () => {
    const id = task('M004').id;
    await editCell(page, id, 'name', '数据看板搭建(二期)');
    await editCell(page, id, 'deliverable', '每日销量、转化与ROI看板');
    await editCell(page, id, 'manpower', '数据组 2 人');
    await editCell(page, id, 'tools', 'Excel');
    await editCell(page, id, 'criteria', '每日 9 点前更新');
    await editCell(page, id, 'notes', '依赖天猫数据接口');
    await editCell(page, id, 'start', '2024-05-02');
    await editCell(page, id, 'end', '2024-05-09');
    await editCell(page, id, 'budgetFen', '1.5万');
    await editCell(page, id, 'progress', '70');
    await pickInCell(page, id, 'ownerId', '内容组*主管');
    await pickInCell(page, id, 'moduleId', '线下地推活动');
    await pickInCell(page, id, 'status', '受阻');
    await editCell(page, id, 'predecessorIds', 'M001、M002');
    await gridCell(page, id, 'milestone').locator('input[type="checkbox"]').click();
    await settled(page);
    await expect
      .poll(() => task('M004'))
      .toMatchObject({
        name: '数据看板搭建(二期)',
        deliverable: '每日销量、转化与ROI看板',
        manpower: '数据组 2 人',
        tools: 'Excel',
        criteria: '每日 9 点前更新',
        notes: '依赖天猫数据接口',
        start_date: '2024-05-02',
        end_date: '2024-05-09',
        budget_fen: 1_500_000,
        progress: 70,
        owner: '内容组*主管',
        module: '线下地推活动',
        blocked: 1,
        milestone: 1,
        preds: 'M001,M002',
      });
    expect(await gridCell(page, id, 'status').innerText()).toContain('受阻');
    expect(await gridCell(page, id, 'budgetFen').innerText()).toBe('¥15,000.00');
  });

  it('clears a cell with Delete, and refuses to clear the name', async () => {
    const m004 = task('M004');
    await gridCell(page, m004.id, 'notes').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => task('M004').notes).toBe('');
    await gridCell(page, m004.id, 'name').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('任务名称：不能为空');
    expect(task('M004').name).toBe(m004.name);
  });

  it('refuses a dependency loop, naming it, and stores nothing', async () => {
    const m001 = task('M001');
    await editCell(page, m001.id, 'predecessorIds', 'M004');
    await expect
      .poll(() => page.getByTestId('notice').innerText())
      .toContain('前置任务形成循环：M001 → M004 → M001');
    expect(task('M001').preds).toBeNull();
    await editCell(page, m001.id, 'predecessorIds', 'M999');
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('没有任务 M999');
    expect(task('M001').preds).toBeNull();
  });

  it('builds the outline with the keyboard and buttons; a parent shows its rolled-up progress', async () => {
    const m002 = task('M002');
    const m003 = task('M003');
    await gridCell(page, m002.id, 'name').click();
    await page.keyboard.press('Alt+Shift+ArrowRight');
    await expect.poll(() => task('M002').parent_id).toBe(task('M001').id);
    await gridCell(page, m003.id, 'name').click();
    await page.getByTestId('indent').click();
    await expect.poll(() => task('M003').parent_id).toBe(task('M001').id);
    // M001 now shows its children's progress weighted by duration, not its own 100%.
    const kids = [task('M002'), task('M003')];
    const days = (t: TaskRow) => (Date.parse(t.end_date!) - Date.parse(t.start_date!)) / 86_400_000 + 1;
    const expected = Math.round(
      kids.reduce((s, k) => s + k.progress * days(k), 0) / kids.reduce((s, k) => s + days(k), 0),
    );
    await expect
      .poll(() => gridCell(page, task('M001').id, 'progress').innerText())
      .toContain(`${expected}%`);
    // Collapsing M001 hides its sub-tasks; expanding shows them again.
    const rowsShown = () => page.locator('[data-testid="task-grid"] .ag-row[row-id]').count();
    const shown = await rowsShown();
    await gridCell(page, task('M001').id, 'name').locator('.tree-toggle').click();
    await expect.poll(rowsShown).toBe(shown - 2);
    await gridCell(page, task('M001').id, 'name').locator('.tree-toggle').click();
    await expect.poll(rowsShown).toBe(shown);
    await gridCell(page, m003.id, 'name').click();
    await page.getByTestId('outdent').click();
    await expect.poll(() => task('M003').parent_id).toBeNull();
    await screenshot(page, 'table2-outline');
  });

  it('refuses a pasted 3×20 block with one bad cell (two owners in one cell), listing it, and writes nothing', async () => {
    const before = logicalHash(file());
    await gridCell(page, task('M001').id, 'name').click();
    const block = Array.from({ length: 20 }, (_, i) =>
      [`粘贴任务${i + 1}`, `交付物${i + 1}`, i === 6 ? '张三、李四' : '销售组*主管'].join('\t'),
    );
    await pasteInto(page, 'task-grid', block.join('\r\n') + '\r\n');
    const problems = page.getByTestId('paste-problems');
    await problems.waitFor();
    expect(await problems.locator('li').allInnerTexts()).toEqual([
      '第 7 行(M007) · 负责人：每项只能有一位负责人（「张三、李四」）',
    ]);
    expect(logicalHash(file())).toBe(before);
    await screenshot(page, 'table2-paste-refused');
    await problems.getByRole('button', { name: '关闭' }).click();
  });

  it('pastes a good block as one step: updates rows, adds rows past the end, and undoes it, also after a reload', async () => {
    const before = taskCount();
    const m001 = task('M001');
    // Rows past the end become new tasks, which need a name: this block has none.
    await gridCell(page, m001.id, 'tools').click();
    const nameless = Array.from({ length: 20 }, (_, i) =>
      [`工具${i + 1}`, `标准${i + 1}`, String(i * 5)].join('\t'),
    );
    await pasteInto(page, 'task-grid', nameless.join('\r\n'));
    await page.getByTestId('paste-problems').waitFor();
    expect(await page.getByTestId('paste-problems').locator('li').count()).toBe(20 - before);
    expect(await page.getByTestId('paste-problems').innerText()).toContain('任务名称：不能为空');
    expect(taskCount()).toBe(before);
    await page.getByTestId('paste-problems').getByRole('button', { name: '关闭' }).click();

    await gridCell(page, m001.id, 'name').click();
    const named = Array.from({ length: 20 }, (_, i) =>
      [`粘贴任务${i + 1}`, `交付物${i + 1}`, '销售组*主管'].join('\t'),
    );
    await pasteInto(page, 'task-grid', named.join('\n'));
    await expect.poll(taskCount).toBe(20);
    expect(task('M001')).toMatchObject({ name: '粘贴任务1', deliverable: '交付物1', owner: '销售组*主管' });
    expect(rows<{ n: number }>("SELECT count(*) AS n FROM tasks WHERE name LIKE '粘贴任务%'")[0]!.n).toBe(20);
    expect(
      rows<{ n: number }>('SELECT count(*) AS n FROM history WHERE action = ?', 'tasks.paste')[0]!.n,
    ).toBe(1);
    await screenshot(page, 'table2-pasted');

    await page.reload();
    await openTasks();
    await page.getByTestId('undo').click();
    await expect.poll(taskCount).toBe(before);
    expect(task('M001').name).toBe('社交媒体素材制作');
    await page.getByTestId('redo').click();
    await expect.poll(taskCount).toBe(20);
    await gridCell(page, task('M001').id, 'code').click();
    await page.keyboard.press('Control+z');
    await expect.poll(taskCount).toBe(before);
  });

  it('undoes a delete of tasks with Ctrl+Z after a reload', async () => {
    const before = taskCount();
    const m005 = task('M005');
    const m006 = task('M006');
    await page.locator(`.ag-row[row-id="${m005.id}"] .ag-selection-checkbox input`).check();
    await page.locator(`.ag-row[row-id="${m006.id}"] .ag-selection-checkbox input`).check();
    await page.getByTestId('delete-tasks').click();
    await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
    await expect.poll(taskCount).toBe(before - 2);
    await page.reload();
    await openTasks();
    await gridCell(page, task('M001').id, 'code').click();
    await page.keyboard.press('Control+z');
    await expect.poll(taskCount).toBe(before);
    expect(task('M005')).toMatchObject({ name: m005.name, progress: m005.progress, owner: m005.owner });
    await expect.poll(() => gridCell(page, m005.id, 'name').innerText()).toContain(m005.name);
  });

  it('sorts, filters by quick search, and remembers column widths', async () => {
    await page.getByTestId('task-search').fill('快闪');
    await expect.poll(() => page.locator('[data-testid="task-grid"] .ag-row[row-id]').count()).toBe(1);
    await page.getByTestId('task-search').fill('');
    const header = page.locator('.ag-header-cell[col-id="name"]');
    const box = await header.boundingBox();
    const handle = header.locator('.ag-header-cell-resize');
    const hb = await handle.boundingBox();
    await page.mouse.move(hb!.x + hb!.width / 2, hb!.y + hb!.height / 2);
    await page.mouse.down();
    await page.mouse.move(hb!.x + 80, hb!.y + hb!.height / 2, { steps: 4 });
    await page.mouse.up();
    const widened = (await header.boundingBox())!.width;
    expect(widened).toBeGreaterThan(box!.width + 40);
    await page.reload();
    await openTasks();
    expect(Math.round((await page.locator('.ag-header-cell[col-id="name"]').boundingBox())!.width)).toBe(
      Math.round(widened),
    );
  });

  it('copies the selected rows as text for Excel/WPS, and saves an edit made while filtered', async () => {
    const [m001, m002] = [task('M001'), task('M002')];
    for (const t of [m001, m002])
      await page.locator(`.ag-row[row-id="${t.id}"] .ag-selection-checkbox input`).check();
    const copied = await page.evaluate((selector) => {
      const dt = new DataTransfer();
      document
        .querySelector(selector)
        ?.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
      return dt.getData('text/plain');
    }, '[data-testid="task-grid"]');
    const lines = copied.split(/\r?\n/).filter(Boolean);
    expect(lines).toHaveLength(2);
    const first = lines[0]!.split('\t');
    expect(first.slice(0, 4)).toEqual([m001.code, m001.name, m001.deliverable, m001.owner ?? '']);
    expect(first).toContain(m001.start_date);
    expect(first).toContain((m001.budget_fen! / 100).toFixed(2)); // yuan, no symbol: ¥80,000.00 → 80000.00
    expect(lines[1]!.split('\t')[0]).toBe(m002.code);
    for (const t of [m001, m002])
      await page.locator(`.ag-row[row-id="${t.id}"] .ag-selection-checkbox input`).uncheck();

    // Filtered, the grid takes the edited row as a transaction (it filters it again).
    await page.getByTestId('task-search').fill('快闪');
    const shown = page.locator('[data-testid="task-grid"] .ag-row[row-id]');
    await expect.poll(() => shown.count()).toBe(1);
    const id = (await shown.first().getAttribute('row-id'))!;
    await editCell(page, id, 'tools', '快闪物料清单');
    await settled(page);
    expect(rows<{ tools: string }>('SELECT tools FROM tasks WHERE id = ?', id)[0]!.tools).toBe(
      '快闪物料清单',
    );
    expect(await gridCell(page, id, 'tools').innerText()).toBe('快闪物料清单');
    await page.getByTestId('task-search').fill('');
    await expect.poll(() => shown.count()).toBeGreaterThan(1);
  });

  it('an edit under a sort takes its sorted place; a sub-task edit moves its parent’s roll-up on screen', async () => {
    const shown = page.locator('[data-testid="task-grid"] .ag-row[row-id]');
    const place = async (id: string) =>
      Number(await page.locator(`.ag-row[row-id="${id}"]`).first().getAttribute('row-index'));
    // Sorted by 工具 (A→Z, the grid compares the texts as strings): an edited row takes the place
    // its new text sorts to among the stored rows, and stays in the table.
    const count = await shown.count();
    const header = page.locator('.ag-header-cell[col-id="tools"] .ag-header-cell-label');
    const sort = () => page.locator('.ag-header-cell[col-id="tools"]').getAttribute('aria-sort');
    const before = (value: string, ascending: boolean) =>
      rows<{ tools: string }>('SELECT tools FROM tasks').filter((r) =>
        ascending ? r.tools < value : r.tools > value,
      ).length;
    await header.click();
    await expect.poll(sort).toBe('ascending');
    const m004 = task('M004');
    expect(await place(m004.id)).not.toBe(before('龘 排在最后', true)); // the edit has to move it
    await editCell(page, m004.id, 'tools', '龘 排在最后');
    await settled(page);
    expect(task('M004').tools).toBe('龘 排在最后');
    await expect.poll(() => place(m004.id)).toBe(before('龘 排在最后', true));
    expect(await gridCell(page, m004.id, 'tools').innerText()).toBe('龘 排在最后');
    expect(await shown.count()).toBe(count);
    // Sorted Z→A: the same row, given another text, takes that text's place in this order.
    await header.click();
    await expect.poll(sort).toBe('descending');
    expect(await place(m004.id)).not.toBe(before('0 排在后面', false));
    await editCell(page, m004.id, 'tools', '0 排在后面');
    await settled(page);
    await expect.poll(() => place(m004.id)).toBe(before('0 排在后面', false));
    await header.click(); // no sort again
    await expect
      .poll(() => page.locator('.ag-header-cell[col-id="tools"]').getAttribute('aria-sort'))
      .toBe('none');

    // M002 is M001's only sub-task (the outline test): M001 shows M002's progress as its own.
    const m001 = task('M001');
    const m002 = task('M002');
    expect(
      rows<{ id: string }>('SELECT id FROM tasks WHERE parent_id = ?', m001.id).map((r) => r.id),
    ).toEqual([m002.id]);
    const next = m002.progress === 37 ? 38 : 37;
    await editCell(page, m002.id, 'progress', String(next));
    await settled(page);
    expect(task('M002').progress).toBe(next);
    await expect.poll(() => gridCell(page, m001.id, 'progress').innerText()).toContain(`${next}%`);
    expect(await gridCell(page, m002.id, 'progress').innerText()).toContain(`${next}%`);
  });

  it('while an edit is saved: the typed value shows at once, marked, with 保存中 by the count, and nothing moves', async () => {
    const m002 = task('M002');
    const host = page.getByTestId('task-grid');
    const toolbar = page.locator('.grid-page .toolbar');
    // The toolbar's and the grid's heights at widths from 1280 to 1920 px: the mark must not
    // widen the toolbar at any of them (a toolbar that wraps shrinks the grid, which redraws).
    const widths = Array.from({ length: 33 }, (_, i) => 1280 + i * 20);
    const viewport = page.viewportSize()!;
    const sizes = async () => {
      const seen: string[] = [];
      for (const width of widths) {
        await page.setViewportSize({ width, height: viewport.height });
        seen.push(
          `${width}: ${(await toolbar.boundingBox())!.height} / ${(await host.boundingBox())!.height}`,
        );
      }
      await page.setViewportSize(viewport);
      return seen;
    };
    // The answer is held until the page has been looked at.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/tasks.update', async (route) => {
      await held;
      await route.continue();
    });
    let saving: string[];
    try {
      await editCell(page, m002.id, 'tools', '飞书多维表格');
      const mark = page.getByTestId('task-info').locator('.saving');
      await mark.waitFor();
      expect(await mark.innerText()).toBe('保存中…');
      expect(await gridCell(page, m002.id, 'tools').innerText()).toBe('飞书多维表格');
      expect(await gridCell(page, m002.id, 'tools').getAttribute('class')).toContain('cell-pending');
      saving = await sizes();
      expect(task('M002').tools).toBe(m002.tools); // not stored yet
    } finally {
      release();
    }
    await page.getByTestId('task-info').locator('.saving').waitFor({ state: 'detached' });
    await page.unroute('**/api/tasks.update');
    await settled(page);
    expect(task('M002').tools).toBe('飞书多维表格');
    expect(await gridCell(page, m002.id, 'tools').innerText()).toBe('飞书多维表格');
    expect(saving).toEqual(await sizes());
  });

  it('the row tools act on the row focused last, also after Enter moved the focus down', async () => {
    const m005 = task('M005');
    // The row shown below M005 (whatever sort the table has now).
    const index = Number(
      await page.locator(`.ag-row[row-id="${m005.id}"]`).first().getAttribute('row-index'),
    );
    const belowId = await page
      .locator(`.ag-row[row-index="${index + 1}"]`)
      .first()
      .getAttribute('row-id');
    const m006 = rows<TaskRow>(`${TASKS} WHERE t.id = ?`, belowId)[0]!;
    // An edit of M005 ends with Enter, which moves the focus down a row: 打卡 checks that row in.
    await editCell(page, m005.id, 'manpower', '数据组 3 人');
    await settled(page);
    await page.getByTestId('checkin').click();
    const form = page.getByRole('dialog', { name: '进度打卡' });
    expect(await form.locator('strong').innerText()).toBe(m006.code);
    await page.getByTestId('checkin-progress').fill('65');
    await page.getByTestId('checkin-save').click();
    await form.waitFor({ state: 'detached' });
    const checkins = rows<{ task_id: string; progress: number }>(
      'SELECT task_id, progress FROM task_checkins WHERE task_id IN (?, ?)',
      m005.id,
      m006.id,
    );
    expect(checkins).toEqual([{ task_id: m006.id, progress: 65 }]);
    await expect.poll(() => task(m006.code).progress).toBe(65);
    expect(task('M005').progress).toBe(m005.progress);
    expect(task('M005').manpower).toBe('数据组 3 人');
  });

  it('reported no errors in the page', () => {
    expect(browser.problems).toEqual([]);
  });
});
