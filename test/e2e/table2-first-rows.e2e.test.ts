/**
 * Table 2 opened on its first rows (a reload of the tab on Table 2): the first screen is the
 * plan's first rows in its order with the roll-ups of the whole plan, while the whole table is
 * still on its way (held here by the test); an edit committed meanwhile and one still open in
 * its editor when the rest arrives are both saved; then every row is there, sorted and searched
 * over the whole plan. Every figure is checked against the SQLite file.
 */
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/backend';
import { openDatabase } from '../../src-main/db/open';
import { rollUpProgress } from '../../src-main/shared/task-logic';
import { seedProject, type SeededProject } from '../bench/seed';
import { screenshot } from '../helpers/browser';
import { withRaw } from '../helpers/db';
import { gridCell, pasteInto, settled } from '../helpers/grid';
import { openSession, type Session } from '../helpers/session';

declare const sessionStorage: { setItem(key: string, value: string): void };

const SIZE = 3000;
let session: Session;
let page: Page;
let seeded: SeededProject;

interface Row {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  progress: number;
  start: string | null;
  end: string | null;
  tools: string;
  notes: string;
}
const stored = () =>
  withRaw(
    join(session.dataDir, DATABASE_FILE),
    (db) =>
      db
        .prepare(
          `SELECT id, code, name, parent_id AS parentId, progress, start_date AS start, end_date AS "end", tools, notes
             FROM tasks WHERE project_id = ? ORDER BY position`,
        )
        .all(seeded.projectId) as Row[],
  );

/** Holds the answer of the whole `tasks.list` (read by the main process at once) until released. */
function holdWholeTable(p: Page) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let asked = false;
  void p.route('**/api/tasks.list', async (route: Route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { first?: number };
    if (body.first !== undefined) return route.continue();
    asked = true;
    const response = await route.fetch();
    await released;
    await route.fulfill({ response });
  });
  return { release, asked: () => asked };
}

beforeAll(async () => {
  session = await openSession('ct-e2e-first-rows-', (dataDir) => {
    const db = openDatabase({ file: join(dataDir, DATABASE_FILE) });
    try {
      seeded = seedProject(db, SIZE);
    } finally {
      db.close();
    }
  });
  page = session.browser.page;
  await page.addInitScript((projectId: string) => {
    sessionStorage.setItem('selected-project', projectId);
    sessionStorage.setItem('project-tab', 'tasks');
  }, seeded.projectId);
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe('Table 2 opened on its first rows', () => {
  it('shows the first rows in order with the whole plan’s roll-ups while the rest is on its way', async () => {
    const hold = holdWholeTable(page);
    await page.goto(session.bridge.url);
    const rows = page.locator('[data-testid="task-grid"] .ag-row[row-id]');
    await rows.first().waitFor();
    await expect.poll(() => hold.asked()).toBe(true);
    expect(await page.getByTestId('task-grid').getAttribute('aria-busy')).toBe('true');
    const all = stored();
    const rolled = rollUpProgress(all);
    // The rows on screen, top to bottom, are the plan's first rows.
    const shown = await page.locator('[data-testid="task-grid"] .ag-cell[col-id="code"]').evaluateAll((els) =>
      els
        .map((el) => ({
          id: el.closest('.ag-row')!.getAttribute('row-id')!,
          top: el.getBoundingClientRect().top,
        }))
        .sort((a, b) => a.top - b.top)
        .map((r) => r.id),
    );
    expect(shown.length).toBeGreaterThan(10);
    expect(shown).toEqual(all.slice(0, shown.length).map((r) => r.id));
    // Each parent on screen shows its roll-up over all its sub-tasks, as the main process would.
    for (const r of all.slice(0, shown.length).filter((x) => rolled.has(x.id)))
      expect(await gridCell(page, r.id, 'progress').innerText()).toContain(
        `${Math.round(rolled.get(r.id)!)}%`,
      );
    // The count is the whole plan's; the other tabs wait for every task.
    expect(await page.getByTestId('task-info').innerText()).toContain(`共 ${SIZE} 个任务`);
    await page.getByRole('tab', { name: '概览' }).click();
    await expect.poll(() => page.locator('.tab-body').innerText()).toContain('加载中');
    await page.getByRole('tab', { name: '任务拆解' }).click();
    await rows.first().waitFor();
    await screenshot(page, 'table2-first-rows');

    // An edit committed now is saved; a second one is open in its editor when the rest arrives.
    const first = all[1]!;
    const second = all[3]!;
    await gridCell(page, first.id, 'tools').dblclick();
    await page.locator('.ag-cell-inline-editing input').first().fill('首屏工具');
    await page.keyboard.press('Enter');
    await settled(page);
    await gridCell(page, second.id, 'tools').dblclick();
    const editor = page.locator('.ag-cell-inline-editing input').first();
    await editor.fill('加载中输入');
    hold.release();
    // The store holds every row (the grid is no longer busy); the editor is still open, unsaved.
    await expect.poll(() => page.getByTestId('task-grid').getAttribute('aria-busy')).toBe('false');
    await page.waitForTimeout(300);
    expect(await editor.inputValue()).toBe('加载中输入');
    expect(stored().find((r) => r.id === second.id)!.tools).toBe(second.tools);
    await editor.press('Enter');
    await settled(page);
    const after = stored();
    expect(after.find((r) => r.id === first.id)!.tools).toBe('首屏工具');
    expect(after.find((r) => r.id === second.id)!.tools).toBe('加载中输入');
    expect(await gridCell(page, first.id, 'tools').innerText()).toBe('首屏工具');
  });

  it('a paste made while the rest is on its way waits for it, then lands on the cells it was made on', async () => {
    const hold = holdWholeTable(page);
    await page.reload();
    await page.locator('[data-testid="task-grid"] .ag-row[row-id]').first().waitFor();
    await expect.poll(() => hold.asked()).toBe(true);
    expect(await page.getByTestId('task-grid').getAttribute('aria-busy')).toBe('true');
    const target = stored()[2]!;
    await gridCell(page, target.id, 'tools').click();
    await pasteInto(page, 'task-grid', '加载中粘贴\t加载中标准');
    await page.waitForTimeout(500);
    // Nothing written while only the first rows are here.
    expect(stored()[2]!.tools).toBe(target.tools);
    hold.release();
    await expect.poll(() => stored()[2]!.tools).toBe('加载中粘贴');
    const row = stored()[2]!;
    expect(row.id).toBe(target.id);
    expect(await gridCell(page, target.id, 'tools').innerText()).toBe('加载中粘贴');
    expect(await gridCell(page, target.id, 'criteria').innerText()).toBe('加载中标准');
    expect(stored()).toHaveLength(SIZE);
  });

  it('then holds every row: the last is reached, a search finds rows of the rest, a sort orders them all', async () => {
    const all = stored();
    const last = all[all.length - 1]!;
    await gridCell(page, all[0]!.id, 'code').click();
    await page.keyboard.press('Control+End');
    await expect.poll(() => gridCell(page, last.id, 'code').count()).toBe(1);
    expect(await gridCell(page, last.id, 'code').innerText()).toBe(last.code);

    const far = all[SIZE - 10]!;
    await page.getByTestId('task-search').fill(far.code);
    await expect.poll(() => gridCell(page, far.id, 'code').count()).toBe(1);
    await page.getByTestId('task-search').fill('');

    // Sorted by 任务ID descending: the first row is the plan's highest code, from the rest.
    const header = page.locator('.ag-header-cell[col-id="code"]');
    await header.click();
    await header.click();
    const highest = [...all].sort((a, b) => (a.code < b.code ? 1 : -1))[0]!;
    const top = page.locator('[data-testid="task-grid"] .ag-row[row-index="0"]').first();
    await expect.poll(() => top.getAttribute('row-id')).toBe(highest.id);
    expect(session.browser.problems).toEqual([]);
  });
});
